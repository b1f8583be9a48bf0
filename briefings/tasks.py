"""Celery tasks: thin wrappers that look up ids and call a service function.

Time limits come from settings (CELERY_TASK_TIME_LIMIT and
CELERY_TASK_SOFT_TIME_LIMIT, which config/celery_app.py hands to Celery for
every task); they are not repeated here, since reading settings at import
time is what the house style avoids.
"""

import contextlib

import kombu.exceptions
import redis.exceptions
from celery import shared_task
from django.db import DatabaseError, InterfaceError, OperationalError, connections

from briefings import services, sources
from briefings.models import IngestItem, Source

# The database went away (restart, failover, a terminated backend) or the
# broker did: worth trying again later. Anything else is the input's fault and
# services.process_item records it on the item instead of raising.
DATABASE_ERRORS = (OperationalError, InterfaceError)
BROKER_ERRORS = (
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)


def close_database_connections() -> None:
    """Drop this process's database connections so the retry opens fresh ones.

    A connection the server has cut stays broken; reusing it would fail the
    retry too. (Celery's Django fix-up also closes connections around every
    task in a worker; this covers eager runs and says what the retry needs.)
    """
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):
            connection.close()


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    # Nobody reads the return value (the IngestItem is the record), so it is
    # not stored: one Redis write less per item, and one failure mode less.
    ignore_result=True,
    autoretry_for=DATABASE_ERRORS + BROKER_ERRORS,
    # Waits drawn at random from 0..2, 0..4, 0..8 ... seconds, capped at two
    # minutes ("full jitter", so that the items of a run held up by the same
    # outage do not all come back at once): ten tries span up to ten minutes.
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=10,
)
def ingest_item(item_id: int) -> dict:
    """Ingest one item of an IngestRun; the work is in services.process_item.

    Safe to run twice: a redelivered or retried task finds its item done and
    changes nothing.
    """
    try:
        outcome = services.process_item(item_id)
    except DATABASE_ERRORS:
        close_database_connections()
        raise
    return {"name": outcome.name, "status": outcome.status, "article": outcome.article_id}


@shared_task(ignore_result=True)
def poll_sources() -> None:
    """Celery beat's "Poll sources": one poll task per enabled folder, file or feed."""
    for source in sources.due_sources():
        poll_source.delay(source.pk)


@shared_task(ignore_result=True, autoretry_for=DATABASE_ERRORS, retry_backoff=2, max_retries=5)
def poll_source(source_id: int) -> None:
    """Record a run of the source's new inputs and send each to ingest_item."""
    send_pending(sources.poll(Source.objects.get(pk=source_id)))


def send_pending(run) -> int:
    """Send one ingest task per pending item of RUN; returns how many."""
    item_ids = list(run.items.filter(status=IngestItem.Status.PENDING).values_list("id", flat=True))
    for item_id in item_ids:
        ingest_item.delay(item_id)
    return len(item_ids)
