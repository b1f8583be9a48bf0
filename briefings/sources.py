"""Polling sources: a folder or file of articles, or an RSS/Atom feed.

A poll records an IngestRun with one item per new input (a file path, or the
link of a feed entry, with the entry's date and the source's name); the
caller sends one ingest task per item, as for `manage.py ingest`. Entries
whose canonical address is already an article are not fetched again.
"""

import datetime
from pathlib import Path

import feedparser
from django.db import transaction
from django.utils import timezone

from briefings.ingest.errors import IngestError
from briefings.ingest.fetch import fetch
from briefings.models import Article, IngestItem, IngestRun, Source
from briefings.services import canonical_url, finish_run_if_done


def feed_entries(source: Source) -> list[tuple[str, dict]]:
    """(link, metadata) of each entry of SOURCE's feed; IngestError if it has none."""
    parsed = feedparser.parse(fetch(source.url))
    entries = []
    for entry in parsed.entries:
        link = entry.get("link", "")
        if not link.startswith(("http://", "https://")):
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.date(*when[:3]).isoformat() if when else None
        entries.append((link, {"url": link, "published": published, "source": source.name}))
    if not entries:
        problem = (
            f"malformed feed ({parsed.bozo_exception})" if parsed.bozo else "no entries with a link"
        )
        raise IngestError(f"{source.url}: {problem}")
    return entries


def folder_inputs(source: Source) -> list[tuple[str, dict]]:
    from briefings.management.commands.ingest import expand

    path = Path(source.path)
    if not path.exists():
        raise IngestError(f"{source.path}: no such file or folder")
    return [(name, {"source": source.name}) for name in expand([str(path)])]


def poll(source: Source) -> IngestRun:
    """Record a run of SOURCE's new inputs (a failed poll is one failed item)."""
    name = source.url if source.kind == Source.Kind.FEED else source.path
    try:
        inputs = feed_entries(source) if source.kind == Source.Kind.FEED else folder_inputs(source)
    except IngestError as error:
        inputs, failure = [], str(error).removeprefix(f"{name}: ")
    else:
        failure = ""
    if source.kind == Source.Kind.FEED:
        known = set(
            Article.objects.filter(url__in=[canonical_url(link) for link, _ in inputs]).values_list(
                "url", flat=True
            )
        )
        inputs = [(link, data) for link, data in inputs if canonical_url(link) not in known]
    elif inputs:
        # Files already ingested in an earlier run of this source are done.
        seen = set(
            IngestItem.objects.filter(run__source=source)
            .exclude(status=IngestItem.Status.FAILED)
            .values_list("name", flat=True)
        )
        inputs = [(path, data) for path, data in inputs if path not in seen]
    with transaction.atomic():
        run = IngestRun.objects.create(
            requested=[name], requested_by=f"poll of {source.name}", source=source
        )
        if failure:
            IngestItem.objects.create(
                run=run,
                name=name,
                status=IngestItem.Status.FAILED,
                error=failure,
                finished=timezone.now(),
            )
        IngestItem.objects.bulk_create(
            IngestItem(run=run, name=item_name, metadata=data)
            for item_name, data in dict(inputs).items()
        )
        Source.objects.filter(pk=source.pk).update(last_polled=timezone.now())
    finish_run_if_done(run.pk)
    run.refresh_from_db()
    return run


def due_sources() -> list[Source]:
    return list(
        Source.objects.filter(enabled=True)
        .exclude(kind=Source.Kind.OUTLET)
        .order_by("last_polled", "pk")
    )
