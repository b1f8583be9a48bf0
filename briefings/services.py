"""Ingest: read an article file, parse it and store it, one transaction each."""

import datetime
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from briefings import freshness
from briefings.ingest.chinese import fold
from briefings.ingest.document import Document
from briefings.ingest.errors import IngestError
from briefings.ingest.fetch import fetch
from briefings.ingest.html import looks_like_html, parse_html
from briefings.ingest.parser import parse
from briefings.ingest.reader import MAX_BYTES, decode
from briefings.ingest.store import extract_and_save, insert_rows
from briefings.models import Article, ArticleImage, IngestItem, IngestRun, Source

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    name: str
    status: str  # one of IngestItem.Status
    article_id: int | None = None
    reason: str = ""

    def line(self) -> str:
        if self.status == IngestItem.Status.FAILED:
            return f"{self.name}: failed: {self.reason}"
        return f"{self.name}: {self.status} (article {self.article_id})"


def content_hash(document: Document) -> str:
    """Hash what makes the article itself; spacing and script do not count."""
    parts = [document.headline, *(paragraph.text for paragraph in document.paragraphs)]
    folded = re.sub(r"\s+", "", fold("\n".join(parts)))
    return hashlib.sha256(folded.encode()).hexdigest()


def search_text(document: Document) -> str:
    parts = [document.headline, document.standfirst]
    parts += [paragraph.text for paragraph in document.paragraphs]
    return fold(" ".join(parts)).lower()


TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "spm", "at_")


def canonical_url(url: str) -> str:
    """One spelling per address: lower-case host, no fragment, no tracking
    parameters, no trailing slash, http taken as https."""
    parts = urlsplit(url.strip())
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(TRACKING_PARAMETERS)
    ]
    scheme = "https" if parts.scheme.lower() in {"http", "https"} else parts.scheme.lower()
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, parts.netloc.lower(), path, urlencode(query), ""))


def article_fields(document: Document, digest: str, file_name: str) -> dict:
    return {
        "headline": document.headline,
        "subheadline": document.subheadline,
        "standfirst": document.standfirst,
        "authors": document.authors,
        "published": document.published,
        "language": document.language,
        "body": document.body(),
        "content_hash": digest,
        "search_text": search_text(document),
        "file_name": file_name,
    }


def store_images(article: Article, document: Document) -> None:
    insert_rows(
        ArticleImage,
        ("article_id", "position", "src", "alt", "caption", "credit", "section", "after_paragraph"),
        [
            (
                article.pk,
                position,
                image.src,
                image.alt,
                image.caption,
                image.credit,
                image.section,
                image.after_paragraph,
            )
            for position, image in enumerate(document.images)
        ],
    )


def store_document(document: Document, file_name: str = "") -> tuple[Article, str]:
    """Store DOCUMENT as an article, keyed by content and by canonical URL.

    The same content again is unchanged; new content at a known URL updates
    that article in place. Returns (article, status), status being one of
    IngestItem.Status CREATED, UPDATED, UNCHANGED. Runs in the caller's
    transaction; the unique constraints settle races between workers.
    """
    digest = content_hash(document)
    url = canonical_url(document.url) if document.url else None
    source, _ = Source.objects.get_or_create(
        name=document.source or "Unknown source", defaults={"language": document.language}
    )
    fields = article_fields(document, digest, file_name)
    # Most inputs are new: try the insert first (one statement).
    article = insert_article(Article(source=source, url=url, **fields))
    if article is not None:
        store_images(article, document)
        return article, IngestItem.Status.CREATED
    # The content or the address is stored already (or a concurrent ingest
    # stored it just now, and this one waited for it to commit).
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return existing, IngestItem.Status.UNCHANGED
    if url and (known := Article.objects.select_for_update().filter(url=url).first()):
        for name, value in fields.items():
            setattr(known, name, value)
        known.source = source
        known.save()
        known.images.all().delete()
        store_images(known, document)
        return known, IngestItem.Status.UPDATED
    try:
        # Where the database cannot say what it inserted: the ORM, in a
        # savepoint, so that losing a race leaves the transaction usable.
        with transaction.atomic():
            article = Article.objects.create(source=source, url=url, **fields)
    except IntegrityError:
        same = Q(content_hash=digest) | Q(url=url) if url else Q(content_hash=digest)
        return Article.objects.get(same), IngestItem.Status.UNCHANGED
    store_images(article, document)
    return article, IngestItem.Status.CREATED


def insert_article(article: Article) -> Article | None:
    """Insert ARTICLE (unsaved) unless its content or address is stored
    already; return it saved, or None. One INSERT … ON CONFLICT DO NOTHING:
    no query first to ask, and no savepoint (a unique violation would spoil
    the transaction, a skipped row does not). None too where the database
    cannot return the new row's id (the caller then takes the ORM's way)."""
    if not connection.features.can_return_rows_from_bulk_insert:
        return None
    fields = [field for field in Article._meta.concrete_fields if not field.primary_key]
    values = tuple(
        # pre_save() gives auto_now fields their time, as save() would.
        field.get_db_prep_save(field.pre_save(article, True), connection)
        for field in fields
    )
    inserted = insert_rows(
        Article,
        tuple(field.column for field in fields),
        [values],
        ignore_conflicts=True,
        returning=("id",),
    )
    if not inserted:
        return None
    article.pk = inserted[0][0]
    article._state.adding = False
    article._state.db = connection.alias
    return article


@dataclass
class Metadata:
    """What the caller knows of an input that the file may lack (a feed entry's
    link, date and outlet). The file's own metadata wins where both exist."""

    url: str | None = None
    published: datetime.date | None = None
    source: str = ""

    @classmethod
    def from_json(cls, data: dict) -> "Metadata":
        published = data.get("published")
        return cls(
            url=data.get("url") or None,
            published=datetime.date.fromisoformat(published) if published else None,
            source=data.get("source") or "",
        )

    def to_json(self) -> dict:
        return {
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
        }

    def fill(self, document: Document) -> None:
        document.url = document.url or self.url
        document.published = document.published or self.published
        document.source = document.source or self.source


def read_document(data: bytes, name: str) -> Document:
    """Decode and parse one input: our Markdown format, plain text or an HTML page."""
    text = decode(data, name)
    if Path(name).suffix.lower() in {".html", ".htm"} or looks_like_html(text):
        return parse_html(text, name)
    return parse(text, name)


def ingest_bytes(data: bytes, name: str, metadata: Metadata | None = None) -> Outcome:
    """Decode, parse and store one article; never raises for bad input."""
    try:
        document = read_document(data, name)
        if metadata is not None:
            metadata.fill(document)
        with transaction.atomic(), freshness.ingesting():
            article, status = store_document(document, file_name=Path(name).name)
            if status != IngestItem.Status.UNCHANGED:
                extract_and_save(article, document, created=status == IngestItem.Status.CREATED)
                freshness.bump()  # the extraction's bulk inserts send no signals
    except IngestError as error:
        return Outcome(name, IngestItem.Status.FAILED, reason=str(error).removeprefix(f"{name}: "))
    return Outcome(name, status, article.pk)


def ingest_path(path: str | Path, metadata: Metadata | None = None) -> Outcome:
    """Ingest a file, or the page at an http(s) address."""
    name = str(path)
    if name.startswith(("http://", "https://")):
        try:
            data = fetch(name)
        except IngestError as error:
            return Outcome(
                name, IngestItem.Status.FAILED, reason=str(error).removeprefix(f"{name}: ")
            )
        return ingest_bytes(data, name, metadata)
    try:
        with Path(path).open("rb") as file:
            # Read one byte past the limit, so a huge file is refused unread.
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        return Outcome(name, IngestItem.Status.FAILED, reason=f"cannot read file: {error.strerror}")
    return ingest_bytes(data, name, metadata)


def start_run(
    names: list[str], requested_by: str = "", metadata: Metadata | None = None
) -> IngestRun:
    """Record a run with one pending item per input, in one transaction."""
    with transaction.atomic():
        run = IngestRun.objects.create(
            requested=names,
            requested_by=requested_by,
            metadata=(metadata or Metadata()).to_json(),
        )
        IngestItem.objects.bulk_create(
            IngestItem(run=run, name=name) for name in dict.fromkeys(names)
        )
    return run


def process_item(item_id: int) -> Outcome:
    """Ingest one run item and record what happened to it, in one transaction.

    A task delivered twice (a worker died before acknowledging it) finds its
    item done and changes nothing but, if need be, closing the run. Database
    outages propagate so the task retries; any other error fails this item
    alone, with its reason.
    """
    with transaction.atomic():
        # Lock the item only: locking its run too would make the items of a
        # run wait for each other.
        item = (
            IngestItem.objects.select_for_update(of=("self",)).select_related("run").get(pk=item_id)
        )
        if item.status == IngestItem.Status.PENDING:
            outcome = ingest_one(item)
        else:
            outcome = Outcome(item.name, item.status, item.article_id, item.error)
    finish_run_if_done(item.run_id)
    return outcome


def ingest_one(item: IngestItem) -> Outcome:
    """Ingest a locked, pending item and record the outcome on it."""
    try:
        given = {**item.run.metadata, **{k: v for k, v in item.metadata.items() if v}}
        outcome = ingest_path(item.name, Metadata.from_json(given))
    except (OperationalError, InterfaceError):
        raise
    except Exception as error:
        # Keep the traceback in the log, the reason in the item.
        logger.exception("ingest of %s failed", item.name)
        outcome = Outcome(item.name, IngestItem.Status.FAILED, reason=f"internal error: {error!r}")
    item.status = outcome.status
    item.error = outcome.reason
    item.article_id = outcome.article_id
    item.finished = timezone.now()
    item.save(update_fields=["status", "error", "article", "finished"])
    return outcome


def finish_run_if_done(run_id: int) -> None:
    items = IngestItem.objects.filter(run_id=run_id)
    if items.filter(status=IngestItem.Status.PENDING).exists():
        return
    failed = items.filter(status=IngestItem.Status.FAILED).exists()
    IngestRun.objects.filter(pk=run_id, finished__isnull=True).update(
        status=IngestRun.Status.FAILED if failed else IngestRun.Status.DONE,
        finished=timezone.now(),
    )


def retry_failed(run: IngestRun) -> list[int]:
    """Put RUN's failed items back to pending; returns their ids to send again."""
    with transaction.atomic():
        items = run.items.select_for_update().filter(status=IngestItem.Status.FAILED)
        ids = list(items.values_list("id", flat=True))
        if ids:
            IngestItem.objects.filter(id__in=ids).update(
                status=IngestItem.Status.PENDING, error="", finished=None
            )
            IngestRun.objects.filter(pk=run.pk).update(
                status=IngestRun.Status.RUNNING, finished=None
            )
    return ids
