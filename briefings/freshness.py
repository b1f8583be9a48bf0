"""A data version for cached fragments: bumped on every change the lists show.

Reading it costs one query by primary key; bumping it is one UPDATE. Saves and
deletes of the listed models bump it through signals; code that writes with
bulk_create (the ingest) calls bump() itself.
"""

import time

from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from briefings.models import (
    Article,
    ArticleCountry,
    ArticlePerson,
    Commentary,
    DataVersion,
    Event,
    Person,
    Quote,
    Source,
)

ROW = 1
# A process reads the version at most this often: other processes' changes
# show within this many seconds, this process's own at once (bump()).
READ_EVERY = 1.0
_seen = {"value": 0, "read_at": float("-inf")}


def current() -> int:
    now = time.monotonic()
    if now - _seen["read_at"] >= READ_EVERY:
        row = DataVersion.objects.filter(pk=ROW).values_list("value", flat=True).first()
        _seen.update(value=row or 0, read_at=now)
    return _seen["value"]


def _write() -> None:
    if not DataVersion.objects.filter(pk=ROW).update(value=F("value") + 1):
        DataVersion.objects.get_or_create(pk=ROW, defaults={"value": 1})
    _seen["read_at"] = float("-inf")  # read it afresh next time


def bump() -> None:
    """Make every cached fragment stale, once the current transaction commits.

    An ingest saves many rows in one transaction: one bump at commit is enough.
    """
    if any(callback is _write for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_write)


def _on_change(sender, **kwargs) -> None:
    bump()


for model in (Article, ArticleCountry, ArticlePerson, Commentary, Event, Person, Quote, Source):
    post_save.connect(_on_change, sender=model, dispatch_uid=f"freshness-save-{model.__name__}")
    post_delete.connect(_on_change, sender=model, dispatch_uid=f"freshness-delete-{model.__name__}")
for relation in (Event.articles.through, Event.countries.through, Commentary.concerns.through):
    m2m_changed.connect(
        _on_change, sender=relation, dispatch_uid=f"freshness-m2m-{relation.__name__}"
    )
