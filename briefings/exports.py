"""The export other tools read: every article with what extraction found.

`export_articles(country=None)` builds the structure once for the command
(`manage.py export`) and for views alike. Its cost is a fixed number of
queries, whatever the number of articles.
"""

import csv
import io

from django.db.models import Prefetch

from briefings.models import Article, ArticleCountry, ArticleImage, ArticlePerson, Event, Quote
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
    """{"articles": [...]}, optionally only the articles naming COUNTRY."""
    code = normalise_country(country)
    return {"articles": [article_dict(article) for article in articles_queryset(code)]}


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
                "country": event.place.country_id if event.place else None,
                "participants": [person.name_for(language) for person in event.participants.all()],
            }
            for event in article.events.all()
        ],
        "images": [
            {"caption": image.caption, "credit": image.credit} for image in article.images.all()
        ],
    }


CSV_COLUMNS = [
    "id",
    "title",
    "source",
    "authors",
    "url",
    "published",
    "language",
    "countries",
    "people",
    "quotes",
    "events",
]


def export_csv(data: dict) -> str:
    """One row per article; lists joined with ';'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for article in data["articles"]:
        writer.writerow(
            [
                article["id"],
                article["title"],
                article["source"],
                ";".join(article["authors"]),
                article["url"] or "",
                article["published"] or "",
                article["language"],
                ";".join(article["countries"]),
                ";".join(person["name"] for person in article["people"]),
                len(article["quotes"]),
                ";".join(event["title"] for event in article["events"]),
            ]
        )
    return out.getvalue()
