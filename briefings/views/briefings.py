import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from briefings import freshness
from briefings.forms import BriefingFilterForm, EventFilterForm, QuoteFilterForm
from briefings.ingest.chinese import fold
from briefings.models import Article, ArticleCountry, Commentary, Event, Person, Quote, Source
from geo import maps
from geo.models import Country, Membership, Place
from geo.places import places_named_in


def count_of(model, field: str = "article", **conditions):
    """A subquery counting MODEL rows per article: one query for the whole page."""
    rows = (
        model.objects.filter(**{field: OuterRef("pk")}, **conditions)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def filtered_articles(filters: dict):
    articles = Article.objects.all()
    if filters.get("country"):
        # Articles that name the country, or whose visible commentary concerns it.
        commented_on = Commentary.objects.filter(
            concerns=filters["country"], hidden=False, article__isnull=False
        ).values("article_id")
        articles = articles.filter(
            Q(
                pk__in=ArticleCountry.objects.filter(country_id=filters["country"]).values(
                    "article_id"
                )
            )
            | Q(pk__in=commented_on)
        )
    if filters.get("commented"):
        articles = articles.filter(
            pk__in=Commentary.objects.filter(hidden=False).values("article_id")
        )
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
    if request.htmx:
        # The results fragment shows nothing personal: one rendering serves
        # every user until the data changes (freshness.current() in the key).
        query = f"{query_without_page(request)}&page={request.GET.get('page', '1')}"
        digest = hashlib.sha256(query.encode()).hexdigest()
        key = f"briefing-list:{freshness.current()}:{get_language()}:{digest}"
        if (content := cache.get(key)) is None:
            response = render_briefing_list(request)
            if response.status_code != 200:
                return response
            content = response.content
            cache.set(key, content, timeout=600)
        return push_filters_url(request, HttpResponse(content))
    return render_briefing_list(request)


def render_briefing_list(request: HttpRequest) -> HttpResponse:
    form = BriefingFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            render(request, "briefings/list.html#filters", {"form": form}).content
        )
    filters = form.cleaned_data
    articles = (
        filtered_articles(filters)
        .select_related("source")
        # The list shows none of the text; leave the large columns in the database.
        .defer("body", "search_text", "standfirst")
        .annotate(
            quote_count=count_of(Quote),
            event_count=count_of(Event.articles.through),
            # Hidden commentary is not counted: the fragment is the same for everyone.
            commentary_count=count_of(Commentary, hidden=False),
        )
        .prefetch_related(
            Prefetch(
                "country_links",
                queryset=ArticleCountry.objects.select_related("country")
                .only(
                    "article_id", "caption_only", "mentions", "country__name_en", "country__name_zh"
                )
                .order_by("caption_only", "-mentions", "country_id"),
            )
        )
        .order_by("-published", "-id")
    )
    page = Paginator(articles, settings.BRIEFINGS_PAGE_SIZE).get_page(filters.get("page") or 1)
    context = {"form": form, "page": page, "filters": filters, "query": query_without_page(request)}
    if request.htmx:
        return render(request, "briefings/list.html#results", context)
    context["countries"] = countries_in_use()
    context["sources"] = sources_in_use()
    return render(request, "briefings/list.html", context)


def countries_in_use() -> list[Country]:
    """Countries some article names, for the filter menus (cached by data version)."""
    key = f"countries-in-use:{freshness.current()}"
    if (countries := cache.get(key)) is None:
        countries = list(
            Country.objects.filter(Exists(ArticleCountry.objects.filter(country=OuterRef("pk"))))
            .only("code", "name_en", "name_zh")
            .order_by("name_en")
        )
        cache.set(key, countries, timeout=600)
    return countries


def sources_in_use() -> list[Source]:
    key = f"sources-in-use:{freshness.current()}"
    if (sources := cache.get(key)) is None:
        sources = list(Source.objects.filter(Exists(Article.objects.filter(source=OuterRef("pk")))))
        cache.set(key, sources, timeout=600)
    return sources


def query_without_page(request: HttpRequest) -> str:
    """The filters in force, without empty ones or the page: for links."""
    query = request.GET.copy()
    query.pop("page", None)
    for key in [key for key, values in query.lists() if not any(values)]:
        del query[key]
    return query.urlencode()


def fragment(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """An htmx fragment that pushes the clean, shareable URL of the filters."""
    return push_filters_url(request, render(request, template, context))


def push_filters_url(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    query = query_without_page(request)
    page = request.GET.get("page")
    if page and page != "1":
        query = f"{query}&page={page}" if query else f"page={page}"
    return push_url(response, f"{request.path}?{query}" if query else request.path)


@require_GET
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    images = list(article.images.all())
    quotes: dict[int, list[Quote]] = {}
    for quote in article.quotes.select_related("speaker"):
        quotes.setdefault(quote.paragraph, []).append(quote)
    sections = article.sections()
    for index, section in enumerate(sections):
        section["blocks"] = blocks_of(section, index, images, quotes)
    events = list(
        article.events.select_related("place__country").prefetch_related(
            "participants", "countries"
        )
    )
    places = {place.pk: place for place in places_named_in(article.search_text)}
    places.update((event.place.pk, event.place) for event in events if event.place)
    context = {
        "article": article,
        "sections": sections,
        "country_links": article.country_links.select_related("country").order_by("-mentions"),
        "events": events,
        "people": article.person_links.select_related("person").order_by("person__key"),
        "map": maps.places_map([maps.PlaceMarker(place) for place in places.values()])
        if places
        else None,
    }
    return render(request, "briefings/detail.html", context)


def blocks_of(
    section: dict, index: int, images: list, quotes: dict[int, list[Quote]]
) -> list[tuple[str, object]]:
    """The section's paragraphs, cut into plain and quoted runs, with its images
    placed where the page had them."""
    blocks: list[tuple[str, object]] = []
    placed = [image for image in images if image.section == index]
    for number, text in section["paragraphs"]:
        while placed and placed[0].after_paragraph < number:
            blocks.append(("image", placed.pop(0)))
        blocks.append(("paragraph", (number, runs_of(text, quotes.get(number, [])))))
    blocks += [("image", image) for image in placed]
    return blocks


def runs_of(text: str, quotes: list[Quote]) -> list[tuple[str, Quote | None]]:
    """TEXT as runs of (words, the quote they belong to or None), in order."""
    runs: list[tuple[str, Quote | None]] = []
    cursor = 0
    for quote in sorted(quotes, key=lambda quote: quote.position):
        # The stored position may point at the opening quotation mark.
        start = text.find(quote.text, max(cursor, quote.position - 2))
        if start < 0:
            continue
        runs.append((text[cursor:start], None))
        runs.append((quote.text, quote))
        cursor = start + len(quote.text)
    runs.append((text[cursor:], None))
    return [run for run in runs if run[0]]


def bad_filters(request: HttpRequest, form) -> HttpResponse:
    """A 400 that names each bad filter value."""
    problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
    return HttpResponseBadRequest(
        f"Bad filter: {problems}", content_type="text/plain; charset=utf-8"
    )


@require_GET
@vary_on_headers("HX-Request")
def quote_list(request: HttpRequest) -> HttpResponse:
    form = QuoteFilterForm(request.GET)
    if not form.is_valid():
        return bad_filters(request, form)
    filters = form.cleaned_data
    quotes = Quote.objects.select_related("speaker", "article__source")
    if filters["speaker"]:
        quotes = quotes.filter(speaker_id=filters["speaker"])
    if filters["country"]:
        quotes = quotes.filter(article__country_links__country_id=filters["country"])
    if filters["since"]:
        quotes = quotes.filter(article__published__gte=filters["since"])
    if filters["until"]:
        quotes = quotes.filter(article__published__lte=filters["until"])
    quotes = quotes.order_by("-article__published", "-article_id", "paragraph", "position")
    page = Paginator(quotes, settings.BRIEFINGS_PAGE_SIZE).get_page(filters.get("page") or 1)
    context = {"form": form, "page": page, "query": query_without_page(request)}
    if request.htmx:
        return fragment(request, "briefings/quotes.html#results", context)
    context["speakers"] = Person.objects.filter(quotes__isnull=False).distinct().order_by("key")
    context["countries"] = countries_in_use()
    return render(request, "briefings/quotes.html", context)


def filtered_events(filters: dict):
    events = Event.objects.select_related("place__country").prefetch_related(
        "participants", "countries", "articles"
    )
    if filters.get("country"):
        events = events.filter(countries=filters["country"])
    if filters.get("since"):
        events = events.filter(end__gte=filters["since"])
    if filters.get("until"):
        events = events.filter(start__lte=filters["until"])
    return events.order_by("start", "end", "title")


@require_GET
@vary_on_headers("HX-Request")
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    if not form.is_valid():
        return bad_filters(request, form)
    events = list(filtered_events(form.cleaned_data)[:500])
    days: dict = {}
    for event in events:
        days.setdefault(event.start, []).append(event)
    context = {
        "form": form,
        "days": sorted(days.items()),
        "events": events,
        "map": events_map(events),
    }
    if request.htmx:
        return fragment(request, "briefings/events.html#results", context)
    context["countries"] = Country.objects.filter(events__isnull=False).distinct()
    return render(request, "briefings/events.html", context)


def events_map(events: list[Event]) -> maps.RenderedMap:
    """A marker at each place with events, its popup listing them."""
    at: dict[int, list[Event]] = {}
    for event in events:
        if event.place is not None:
            at.setdefault(event.place.pk, []).append(event)
    markers = [
        maps.PlaceMarker(
            place_events[0].place,
            render_to_string("briefings/_events_popup.html", {"events": place_events}),
            count=len(place_events),
        )
        for place_events in at.values()
    ]
    return maps.places_map(markers)


@require_GET
def country_list(request: HttpRequest) -> HttpResponse:
    countries = (
        Country.objects.filter(article_links__isnull=False)
        .annotate(briefings=Count("article_links"))
        .order_by("-briefings", "name_en")
    )
    return render(request, "briefings/countries.html", {"countries": countries})


@require_GET
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Country, code=code.upper())
    articles = (
        Article.objects.filter(country_links__country=country)
        .select_related("source")
        .order_by("-published", "-id")[:20]
    )
    events = filtered_events({"country": country.code})[:50]
    quotes = (
        Quote.objects.filter(
            article__country_links__country=country, article__country_links__caption_only=False
        )
        .select_related("speaker", "article")
        .order_by("-article__published", "paragraph")[:30]
    )
    memberships = (
        Membership.objects.filter(country=country).select_related("organisation").order_by("start")
    )
    events = list(events)
    places = {place.pk: place for place in Place.objects.filter(country=country)}
    places.update((event.place.pk, event.place) for event in events if event.place)
    centre = (country.latitude, country.longitude) if country.latitude is not None else (40.0, 75.0)
    context = {
        "country": country,
        "articles": articles,
        "events": events,
        "quotes": quotes,
        "memberships": memberships,
        "map": maps.places_map(
            [maps.PlaceMarker(place) for place in places.values()], centre, zoom=4
        ),
    }
    return render(request, "briefings/country.html", context)
