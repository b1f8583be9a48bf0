from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from briefings.forms import BriefingFilterForm
from briefings.ingest.reader import fold
from briefings.models import Article, ArticleCountry, Commentary, Event, Quote, Source
from geo.models import Country


def count_of(model, field: str = "article"):
    """A subquery counting MODEL rows per article: one query for the whole page."""
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def filtered_articles(filters: dict):
    articles = Article.objects.all()
    if filters.get("country"):
        articles = articles.filter(country_links__country_id=filters["country"])
    if filters.get("source"):
        articles = articles.filter(source_id=filters["source"])
    if filters.get("since"):
        articles = articles.filter(published__gte=filters["since"])
    if filters.get("until"):
        articles = articles.filter(published__lte=filters["until"])
    if filters.get("q"):
        # search_text is stored folded, so 俄羅斯 finds 俄罗斯 and back.
        articles = articles.filter(search_text__contains=fold(filters["q"]).lower())
    return articles


@require_GET
@vary_on_headers("HX-Request")
def briefing_list(request: HttpRequest) -> HttpResponse:
    form = BriefingFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            render(request, "briefings/list.html#filters", {"form": form}).content
        )
    filters = form.cleaned_data
    articles = (
        filtered_articles(filters)
        .select_related("source")
        .annotate(
            quote_count=count_of(Quote),
            event_count=count_of(Event.articles.through),
            commentary_count=count_of(Commentary),
        )
        .prefetch_related(
            Prefetch(
                "country_links",
                queryset=ArticleCountry.objects.select_related("country").order_by(
                    "caption_only", "-mentions", "country_id"
                ),
            )
        )
        .order_by("-published", "-id")
    )
    page = Paginator(articles, settings.BRIEFINGS_PAGE_SIZE).get_page(filters.get("page") or 1)
    context = {"form": form, "page": page, "filters": filters, "query": query_without_page(request)}
    if request.htmx:
        return render(request, "briefings/list.html#results", context)
    context["countries"] = Country.objects.filter(article_links__isnull=False).distinct()
    context["sources"] = Source.objects.filter(articles__isnull=False).distinct()
    return render(request, "briefings/list.html", context)


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    images = list(article.images.all())
    sections = article.sections()
    for index, section in enumerate(sections):
        section["blocks"] = blocks_of(section, index, images)
    context = {
        "article": article,
        "sections": sections,
        "country_links": article.country_links.select_related("country").order_by("-mentions"),
    }
    return render(request, "briefings/detail.html", context)


def blocks_of(section: dict, index: int, images: list) -> list[tuple[str, object]]:
    """The section's paragraphs with its images placed where the page had them."""
    blocks: list[tuple[str, object]] = []
    placed = [image for image in images if image.section == index]
    for number, text in section["paragraphs"]:
        while placed and placed[0].after_paragraph < number:
            blocks.append(("image", placed.pop(0)))
        blocks.append(("paragraph", (number, text)))
    blocks += [("image", image) for image in placed]
    return blocks
