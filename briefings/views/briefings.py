import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
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

# The events timeline is denser than the briefing list: a page holds more.
EVENTS_PER_PAGE = 50
# Events listed in a map popup; the marker's number counts them all.
POPUP_EVENTS = 5


# Article columns too large to load for a line in a list.
LARGE_ARTICLE_FIELDS = ("body", "search_text", "standfirst")


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
    if (cached := cached_fragment(request, "briefings/list.html#results")) is not None:
        return cached
    form = BriefingFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            render(request, "briefings/list.html#filters", {"form": form}).content
        )
    results = briefing_results(request, form.cleaned_data)
    if request.htmx:
        return push_filters_url(request, HttpResponse(results))
    context = {
        "form": form,
        "results": results,
        "countries": countries_in_use(),
        "sources": sources_in_use(),
    }
    return render(request, "briefings/list.html", context)


def briefing_results(request: HttpRequest, filters: dict) -> SafeString:
    def context() -> dict:
        articles = (
            filtered_articles(filters)
            .select_related("source")
            # The list shows none of the text; leave the large columns in the database.
            .defer(*LARGE_ARTICLE_FIELDS)
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
                        "article_id",
                        "caption_only",
                        "mentions",
                        "country__name_en",
                        "country__name_zh",
                    )
                    .order_by("caption_only", "-mentions", "country_id"),
                )
            )
            .order_by("-published", "-id")
        )
        return {"page": Paginator(articles, settings.BRIEFINGS_PAGE_SIZE).get_page(filters["page"])}

    return shared_fragment(request, "briefings/list.html#results", context)


def shared_fragment(request: HttpRequest, template: str, context: Callable[[], dict]) -> SafeString:
    """TEMPLATE rendered with CONTEXT() and the filters in force (`query`).

    For fragments that show nothing personal and no CSP nonce: one rendering
    serves every user until the data changes (freshness.current() is in the
    key), and a hit makes no query for its content.
    """
    key = fragment_key(request, template)
    if (content := cache.get(key)) is None:
        query = query_without_page(request)
        content = render_to_string(template, {**context(), "query": query}, request)
        cache.set(key, content, timeout=600)
    return mark_safe(content)  # noqa: S308 - rendered by our template, escaped there


def cached_fragment(request: HttpRequest, template: str) -> HttpResponse | None:
    """The htmx response from a cached shared_fragment(), if there is one.

    Checked before the filters are validated: only valid filters were ever
    rendered and cached, and a hit then makes no query at all.
    """
    if request.htmx and (content := cache.get(fragment_key(request, template))) is not None:
        return push_filters_url(request, HttpResponse(content))
    return None


def fragment_key(request: HttpRequest, template: str) -> str:
    address = f"{request.path}?{query_without_page(request)}&page={request.GET.get('page', '1')}"
    digest = hashlib.sha256(f"{template}|{address}".encode()).hexdigest()
    return f"fragment:{freshness.current()}:{get_language()}:{digest}"


def countries_in_use():
    """Countries some article names, for the filter menus (lazy: the menus are
    cached in the templates with {% cache %})."""
    return Country.objects.filter(
        Exists(ArticleCountry.objects.filter(country=OuterRef("pk")))
    ).order_by("name_en")


def sources_in_use():
    return Source.objects.filter(Exists(Article.objects.filter(source=OuterRef("pk"))))


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
            "participants",
            "countries",
            Prefetch(
                "articles",
                queryset=Article.objects.only("pk", "headline").order_by("-published", "-id"),
            ),
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
    if (cached := cached_fragment(request, "briefings/quotes.html#results")) is not None:
        return cached
    form = QuoteFilterForm(request.GET)
    if not form.is_valid():
        return bad_filters(request, form)
    filters = form.cleaned_data

    def context() -> dict:
        quotes = Quote.objects.select_related("speaker", "article").defer(
            *(f"article__{name}" for name in LARGE_ARTICLE_FIELDS)
        )
        if filters["speaker"]:
            quotes = quotes.filter(speaker_id=filters["speaker"])
        if filters["country"]:
            quotes = quotes.filter(article__country_links__country_id=filters["country"])
        if filters["since"]:
            quotes = quotes.filter(article__published__gte=filters["since"])
        if filters["until"]:
            quotes = quotes.filter(article__published__lte=filters["until"])
        quotes = quotes.order_by("-article__published", "-article_id", "paragraph", "position")
        return {"page": Paginator(quotes, settings.BRIEFINGS_PAGE_SIZE).get_page(filters["page"])}

    results = shared_fragment(request, "briefings/quotes.html#results", context)
    if request.htmx:
        return push_filters_url(request, HttpResponse(results))
    context = {
        "form": form,
        "results": results,
        # Lazy, as the menus are cached in the template ({% cache %}).
        "speakers": Person.objects.filter(
            Exists(Quote.objects.filter(speaker=OuterRef("pk")))
        ).order_by("key"),
        "countries": countries_in_use(),
    }
    return render(request, "briefings/quotes.html", context)


def matching_events(filters: dict):
    events = Event.objects.all()
    if filters.get("country"):
        events = events.filter(countries=filters["country"])
    if filters.get("since"):
        events = events.filter(end__gte=filters["since"])
    if filters.get("until"):
        events = events.filter(start__lte=filters["until"])
    return events


def filtered_events(filters: dict):
    """The events, in date order, with what the timeline shows of each."""
    return (
        matching_events(filters)
        .select_related("place__country")
        .prefetch_related(
            "participants",
            "countries",
            Prefetch("articles", queryset=Article.objects.only("pk", "headline")),
        )
        .order_by("start", "end", "title", "pk")
    )


@require_GET
@vary_on_headers("HX-Request")
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    if not form.is_valid():
        return bad_filters(request, form)
    filters = form.cleaned_data

    def context() -> dict:
        events = filtered_events(filters)
        page = Paginator(events, EVENTS_PER_PAGE).get_page(filters["page"])
        days: dict = {}
        for event in page:
            days.setdefault(event.start, []).append(event)
        return {"page": page, "days": list(days.items())}

    # The map's script carries this response's CSP nonce: it stays out of the cache.
    context = {
        "timeline": shared_fragment(request, "briefings/events.html#timeline", context),
        "map": events_map(filters),
    }
    if request.htmx:
        return fragment(request, "briefings/events.html#results", context)
    context["form"] = form
    context["countries"] = Country.objects.filter(
        Exists(Event.countries.through.objects.filter(country=OuterRef("pk")))
    ).order_by("name_en")
    return render(request, "briefings/events.html", context)


def events_map(filters: dict) -> maps.RenderedMap:
    """A marker at each place where a matching event happened (not only this
    page's), its popup listing the latest few there. Drawn even with no
    events: the page's head loads Leaflet for the maps htmx swaps in later."""
    rows = (
        matching_events(filters)
        .filter(place__isnull=False)
        .order_by("-start", "-pk")
        .values_list("place_id", "pk", "title", "start", "end")
    )
    at: dict[int, list[tuple]] = {}
    for place_id, *event in rows:
        at.setdefault(place_id, []).append(event)
    places = Place.objects.in_bulk(at)
    url = reverse("briefings:events")
    markers = []
    for place_id, events in at.items():
        place = places[place_id]
        items = format_html_join(
            "",
            '<li><a href="{}?since={}&amp;until={}#event-{}">{}</a> <span class="meta">{}</span></li>',
            (
                (url, start, end, pk, title, start)
                for pk, title, start, end in events[:POPUP_EVENTS]
            ),
        )
        more = len(events) - POPUP_EVENTS
        popup = format_html(
            '<div class="stop-popup"><h3 title="{}">{} · {}</h3><ul>{}</ul>{}</div>',
            place.name_en,
            place.name_zh,
            place.name_en,
            items,
            format_html(
                '<p class="meta">{}</p>',
                ngettext("and %(n)d earlier event", "and %(n)d earlier events", more) % {"n": more},
            )
            if more > 0
            else "",
        )
        markers.append(maps.PlaceMarker(place, popup, count=len(events)))
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
    # Lazy: the columns that show these are cached in the template ({% cache %}).
    articles = (
        Article.objects.filter(country_links__country=country)
        .select_related("source")
        .defer(*LARGE_ARTICLE_FIELDS)
        .order_by("-published", "-id")[:20]
    )
    events = filtered_events({"country": country.code}).order_by("-start", "-end", "title")[:50]
    quotes = (
        Quote.objects.filter(
            article__country_links__country=country, article__country_links__caption_only=False
        )
        .select_related("speaker")
        .order_by("-article__published", "paragraph")[:30]
    )
    memberships = (
        Membership.objects.filter(country=country).select_related("organisation").order_by("start")
    )
    # Its places, and those of the events that concern it.
    places = Place.objects.filter(Q(country=country) | Q(events__countries=country)).distinct()
    centre = (country.latitude, country.longitude) if country.latitude is not None else (40.0, 75.0)
    context = {
        "country": country,
        "articles": articles,
        "events": events,
        "quotes": quotes,
        "memberships": memberships,
        "map": maps.places_map(
            [maps.PlaceMarker(place) for place in places.order_by("pk")], centre, zoom=4
        ),
    }
    return render(request, "briefings/country.html", context)
