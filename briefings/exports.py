"""The export other tools read: every article with what extraction found.

`export_articles(country=None)` builds the JSON structure once for the
command (`manage.py export`) and for views alike; `export_quotes_csv()` and
`export_events_csv()` write the two CSV tables (one row per quote, one row per
event). Each costs a fixed number of queries, whatever the number of articles.
"""

import csv
import io

from django.db.models import Prefetch, Q

from briefings.commentary import commentary_for_export
from briefings.models import (
    Article,
    ArticleCountry,
    ArticleImage,
    ArticlePerson,
    Event,
    Person,
    Quote,
)
from geo.models import Country


class UnknownCountry(ValueError):
    """A country code that no Country row has."""


def articles_queryset(country: str | None = None):
    articles = (
        Article.objects.select_related("source")
        .prefetch_related(
            Prefetch(
                "country_links", queryset=ArticleCountry.objects.order_by("-mentions", "country_id")
            ),
            Prefetch(
                "person_links",
                queryset=ArticlePerson.objects.select_related("person").order_by("id"),
            ),
            Prefetch(
                "quotes",
                queryset=Quote.objects.select_related("speaker").order_by("paragraph", "position"),
            ),
            Prefetch(
                "events",
                queryset=Event.objects.select_related("place")
                .prefetch_related("participants")
                .order_by("start", "title"),
            ),
            Prefetch("images", queryset=ArticleImage.objects.order_by("position")),
        )
        .order_by("id")
    )
    if country:
        articles = articles.filter(country_links__country_id=country).distinct()
    return articles


def normalise_country(country: str | None) -> str | None:
    """COUNTRY as a known alpha-2 code, or UnknownCountry naming the value."""
    if country is None:
        return None
    code = country.strip().upper()
    if not Country.objects.filter(code=code).exists():
        raise UnknownCountry(
            f"unknown country code {country!r} (expected an ISO alpha-2 code such as CN)"
        )
    return code


def export_articles(country: str | None = None) -> dict:
    """{"articles": [...]}, optionally only the articles naming COUNTRY.

    Each article carries its visible commentary (on the briefing, its quotes
    and its events) under "commentary".
    """
    code = normalise_country(country)
    articles = list(articles_queryset(code))
    commentary = commentary_for_export(article.pk for article in articles)
    return {
        "articles": [
            article_dict(article) | {"commentary": commentary.get(article.pk, [])}
            for article in articles
        ]
    }


def article_dict(article: Article) -> dict:
    language = article.language
    return {
        "id": article.pk,
        "title": article.headline,
        "source": article.source.name,
        "authors": list(article.authors or []),
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "language": language,
        "countries": [link.country_id for link in article.country_links.all()],
        "people": [
            {
                "name": link.person.name_zh or link.person.name_en or link.person.key,
                "name_en": link.person.name_en or None,
                "title": link.title,
                "affiliation": link.affiliation,
                "affiliation_en": link.affiliation_en,
            }
            for link in article.person_links.all()
        ],
        "quotes": [
            {
                "speaker": (quote.speaker.name_zh or quote.speaker.name_en)
                if quote.speaker
                else None,
                "speaker_en": (quote.speaker.name_en or None) if quote.speaker else None,
                "text": quote.text,
                "paragraph": quote.paragraph,
            }
            for quote in article.quotes.all()
        ],
        "events": [
            {
                "title": event.title,
                "kind": event.kind,
                "start": event.start.isoformat(),
                "end": event.end.isoformat(),
                "place": event.place.name_zh if event.place else None,
                "place_en": event.place.name_en if event.place else None,
                "country": event.place.country_id if event.place else event.country_id,
                "participants": [person.name_for(language) for person in event.participants.all()],
            }
            for event in article.events.all()
        ],
        "images": [
            {"caption": image.caption, "credit": image.credit} for image in article.images.all()
        ],
    }


def speaker_names(person: Person | None) -> tuple[str | None, str | None]:
    """(name, English name) of a quote's speaker, as the JSON export gives them."""
    if person is None:
        return None, None
    return person.name_zh or person.name_en, person.name_en or None


QUOTE_COLUMNS = [
    "article_id",
    "title",
    "source",
    "published",
    "paragraph",
    "speaker",
    "speaker_en",
    "text",
    "countries",
]


def export_quotes_csv(country: str | None = None) -> tuple[str, int]:
    """(CSV text, rows): one row per quote, in article and paragraph order.

    COUNTRY keeps the quotes of articles naming it. The article's countries
    are joined with ';', most mentioned first. Three queries.
    """
    code = normalise_country(country)
    quotes = Quote.objects.select_related("article__source", "speaker").order_by(
        "article_id", "paragraph", "position"
    )
    if code:
        quotes = quotes.filter(
            article_id__in=ArticleCountry.objects.filter(country_id=code).values("article_id")
        )
    quotes = list(quotes)
    countries: dict[int, list[str]] = {}
    links = ArticleCountry.objects.filter(
        article_id__in={quote.article_id for quote in quotes}
    ).order_by("article_id", "-mentions", "country_id")
    for article_id, country_id in links.values_list("article_id", "country_id"):
        countries.setdefault(article_id, []).append(country_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(QUOTE_COLUMNS)
    for quote in quotes:
        article = quote.article
        speaker, speaker_en = speaker_names(quote.speaker)
        writer.writerow(
            [
                article.pk,
                article.headline,
                article.source.name,
                article.published.isoformat() if article.published else "",
                quote.paragraph,
                speaker or "",
                speaker_en or "",
                quote.text,
                ";".join(countries.get(article.pk, [])),
            ]
        )
    return out.getvalue(), len(quotes)


EVENT_COLUMNS = [
    "id",
    "title",
    "kind",
    "start",
    "end",
    "place",
    "place_en",
    "country",
    "participants",
    "articles",
]


def export_events_csv(country: str | None = None) -> tuple[str, int]:
    """(CSV text, rows): one row per event, oldest first.

    COUNTRY keeps the events it took part in or that took place in it (the
    event's countries, its country or its place's country). "country" is
    where the event took place; participants (names, Chinese where known) and
    the ids of the articles reporting it are joined with ';'. Three queries.
    """
    code = normalise_country(country)
    events = (
        Event.objects.select_related("place")
        .prefetch_related(
            Prefetch("participants", queryset=Person.objects.order_by("key")),
            Prefetch("articles", queryset=Article.objects.only("id").order_by("id")),
        )
        .order_by("start", "title", "id")
    )
    if code:
        events = events.filter(
            Q(countries=code) | Q(country=code) | Q(place__country=code)
        ).distinct()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    rows = 0
    for event in events:
        rows += 1
        place = event.place
        writer.writerow(
            [
                event.pk,
                event.title,
                event.kind,
                event.start.isoformat(),
                event.end.isoformat(),
                place.name_zh if place else "",
                place.name_en if place else "",
                (place.country_id if place else event.country_id) or "",
                ";".join(person.name_zh or person.name_en for person in event.participants.all()),
                ";".join(str(article.pk) for article in event.articles.all()),
            ]
        )
    return out.getvalue(), rows
