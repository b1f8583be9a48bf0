"""The data version that keys cached fragments: edits show at once, news within
NEWS_EVERY seconds, and nothing is missed."""

import pytest
from django.db import transaction
from django.db.models import F

from briefings import freshness, services
from briefings.models import Commentary, DataVersion

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = "# 上合峰会\n\n- 来源: Example\n- 日期: 2022-09-15\n\n习近平周四抵达撒马尔罕。\n".encode()


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(freshness.time, "monotonic", clock)
    monkeypatch.setitem(freshness._seen, "read_at", float("-inf"))
    monkeypatch.setitem(freshness._seen, "news_taken_at", float("-inf"))
    return clock


def another_process_bumps(row: int) -> None:
    # An UPDATE sends no signal: as if a worker elsewhere had committed.
    if not DataVersion.objects.filter(pk=row).update(value=F("value") + 1):
        DataVersion.objects.create(pk=row, value=1)


def test_this_process_sees_its_own_edit_and_its_own_ingest_at_once(clock, analyst):
    start = freshness.current()
    outcome = services.ingest_bytes(ARTICLE, "a.md")
    assert outcome.status == "created"
    after_ingest = freshness.current()
    assert after_ingest != start
    Commentary.objects.create(author=analyst, article_id=outcome.article_id, body="A note.")
    assert freshness.current() != after_ingest


def test_another_process_edit_shows_within_a_second(clock):
    DataVersion.objects.create(pk=freshness.EDITS, value=1)
    start = freshness.current()
    another_process_bumps(freshness.EDITS)
    assert freshness.current() == start  # read less than READ_EVERY ago
    clock.now += freshness.READ_EVERY
    assert freshness.current() != start


def test_news_from_another_process_waits_at_most_news_every(clock):
    DataVersion.objects.create(pk=freshness.NEWS, value=1)
    start = freshness.current()
    another_process_bumps(freshness.NEWS)
    clock.now += freshness.READ_EVERY
    assert freshness.current() == start  # the last news was taken just now
    clock.now += freshness.NEWS_EVERY - freshness.READ_EVERY
    taken = freshness.current()
    assert taken != start
    # An edit is not held back by the news schedule.
    another_process_bumps(freshness.EDITS)
    clock.now += freshness.READ_EVERY
    assert freshness.current() not in (start, taken)


def test_an_ingest_bumps_the_news_counter_once_per_article(clock):
    services.ingest_bytes(ARTICLE, "a.md")
    values = dict(DataVersion.objects.values_list("pk", "value"))
    assert values.get(freshness.NEWS) == 1 and freshness.EDITS not in values


def test_the_news_bump_is_written_in_the_ingests_own_transaction(clock):
    # A worker ingests inside its item's transaction: the bump needs no
    # commit of its own, and is undone with the article if that rolls back.
    with transaction.atomic():
        services.ingest_bytes(ARTICLE, "a.md")
        assert DataVersion.objects.get(pk=freshness.NEWS).value == 1
        transaction.set_rollback(True)
    assert not DataVersion.objects.filter(pk=freshness.NEWS).exists()
