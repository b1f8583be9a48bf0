"""A data version for cached fragments: bumped on every change the lists show.

Two counters, one row each in DataVersion: people's edits (commentary, editors'
corrections, the admin) and the ingest. The version is both together, so a
change of either makes every cached fragment stale. They differ in how soon:

- an edit shows at once in this process and within READ_EVERY in the others:
  whoever made it looks for it;
- ingested articles show within NEWS_EVERY. An ingest run commits an article
  every few milliseconds; were each commit to empty the caches, no cached page
  would survive while a run goes on, which is when the dashboard is busiest
  (benchmarks/load_test.py, an ingest running: 31 requests/s with 10 s here,
  63 with 30 s). Feeds are polled every few minutes: half a minute more is
  not noticed.

Reading costs one query by primary key at most every READ_EVERY seconds. An
edit's bump is one UPDATE when its transaction commits. An ingest's is one
UPDATE at the end of `ingesting()`, inside the ingest's own transaction: a
transaction of its own after each article's would cost a second commit, a
millisecond per article. The row stays locked only while the ingest
commits. Saves and deletes of the listed models bump through signals; the
ingest, which writes with bulk_create, calls bump() itself inside
`ingesting()`.
"""

import contextlib
import contextvars
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

EDITS, NEWS = 1, 2  # DataVersion rows
READ_EVERY = 1.0
NEWS_EVERY = 30.0

_seen = {
    EDITS: 0,
    NEWS: 0,
    "read_at": float("-inf"),
    "news_taken_at": float("-inf"),
}
# Inside ingesting(): a list that bump() appends to; None outside.
_news = contextvars.ContextVar("news", default=None)


def current() -> str:
    now = time.monotonic()
    if now - _seen["read_at"] >= READ_EVERY:
        values = dict(DataVersion.objects.filter(pk__in=(EDITS, NEWS)).values_list("pk", "value"))
        _seen[EDITS] = values.get(EDITS, 0)
        news = values.get(NEWS, 0)
        if news != _seen[NEWS] and now - _seen["news_taken_at"] >= NEWS_EVERY:
            _seen.update({NEWS: news, "news_taken_at": now})
        _seen["read_at"] = now
    return f"{_seen[EDITS]}.{_seen[NEWS]}"


@contextlib.contextmanager
def ingesting():
    """Count the changes made inside as news (see the module's docstring).

    Enter it inside the ingest's transaction, after which nothing should lock
    rows that another ingest may hold: the news row, written on leaving when
    something was bumped, stays locked until that transaction ends.
    """
    bumps = []
    token = _news.set(bumps)
    try:
        yield
    finally:
        _news.reset(token)
    if bumps:
        _write_news()


def _read_afresh() -> None:
    """This process shows its own changes at once: read afresh next time."""
    _seen["read_at"] = _seen["news_taken_at"] = float("-inf")


def _writer(row: int):
    def write() -> None:
        if not DataVersion.objects.filter(pk=row).update(value=F("value") + 1):
            DataVersion.objects.get_or_create(pk=row, defaults={"value": 1})
        if connection.in_atomic_block:
            transaction.on_commit(_read_afresh)
        else:
            _read_afresh()

    return write


_write_edits, _write_news = _writer(EDITS), _writer(NEWS)


def bump() -> None:
    """Make every cached fragment stale, once the current transaction commits.

    An ingest saves many rows in one transaction: one bump at commit is enough.
    Inside ingesting(), the bump is written when it ends.
    """
    if (news := _news.get()) is not None:
        news.append(True)
        return
    if any(callback is _write_edits for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_write_edits)


def _on_change(sender, **kwargs) -> None:
    bump()


for model in (Article, ArticleCountry, ArticlePerson, Commentary, Event, Person, Quote, Source):
    post_save.connect(_on_change, sender=model, dispatch_uid=f"freshness-save-{model.__name__}")
    post_delete.connect(_on_change, sender=model, dispatch_uid=f"freshness-delete-{model.__name__}")
for relation in (Event.articles.through, Event.countries.through, Commentary.concerns.through):
    m2m_changed.connect(
        _on_change, sender=relation, dispatch_uid=f"freshness-m2m-{relation.__name__}"
    )
