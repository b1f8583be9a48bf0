"""Rows that several test modules build the same way."""

import datetime

from briefings.models import Article, Event, Source
from geo.models import Place


def samarkand_summit() -> tuple[Event, Article]:
    """The SCO summit at Samarkand (15-16 September 2022) and a briefing that
    reports it. Needs the seeded places."""
    article = Article.objects.create(
        source=Source.objects.create(name="Test wire"),
        headline="Leaders gather in Samarkand",
        language="en",
        content_hash="a" * 64,
        published=datetime.date(2022, 9, 15),
    )
    summit = Event.objects.create(
        title="SCO Council of Heads of State",
        kind=Event.Kind.SUMMIT,
        key="summit-samarkand-2022",
        start=datetime.date(2022, 9, 15),
        end=datetime.date(2022, 9, 16),
        place=Place.objects.get(slug="samarkand"),
    )
    summit.articles.add(article)
    return summit, article
