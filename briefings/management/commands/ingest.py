import argparse
import datetime
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from kombu.exceptions import OperationalError

from briefings import services
from briefings.models import IngestItem
from briefings.tasks import ingest_item
from config.celery_app import app

# Notes that sit beside articles in a folder, not articles themselves.
NOT_ARTICLES = {"readme", "sources", "licence", "license", "notes"}


def is_article_file(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix.lower() in {".md", ".txt", ".markdown", ".html", ".htm"}
        and path.stem.lower() not in NOT_ARTICLES
    )


def expand(paths: list[str]) -> list[str]:
    """Files as given; folders become the article files inside them."""
    names = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            names += sorted(
                str(child.resolve()) for child in path.iterdir() if is_article_file(child)
            )
        else:
            names.append(str(path.resolve()))
    return names


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2022-09-15") from None


class Command(BaseCommand):
    help = "Ingest article files (or folders of them) through the Celery ingest task."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="article files or folders")
        parser.add_argument(
            "--timeout", type=float, default=600, help="seconds to wait for the workers"
        )
        parser.add_argument("--url", help="the article's address, when the file lacks it")
        parser.add_argument(
            "--published",
            type=parse_day,
            help="publication date YYYY-MM-DD, when the file lacks it",
        )
        parser.add_argument("--source", default="", help="the outlet, when the file lacks it")

    def handle(
        self, *args, paths: list[str], timeout: float, url, published, source, **options
    ) -> str:
        names = expand(paths)
        if not names:
            raise CommandError(f"no article files in {', '.join(paths)}")
        if url and len(names) > 1:
            raise CommandError(f"--url names one article, but {len(names)} files were given")
        metadata = services.Metadata(url=url, published=published, source=source)
        if not app.conf.task_always_eager:
            try:
                with app.connection_for_write() as connection:
                    connection.ensure_connection(max_retries=1)
            except OperationalError as error:
                raise CommandError(
                    f"the Celery broker at {app.conf.broker_url} is unreachable ({error}); "
                    "nothing was recorded"
                ) from error
        run = services.start_run(names, requested_by="manage.py ingest", metadata=metadata)
        for item_id in run.items.values_list("id", flat=True):
            ingest_item.delay(item_id)
        items = self.wait(run, timeout)
        for item in items:
            if item.status == IngestItem.Status.FAILED:
                self.stdout.write(f"{item.name}: failed: {item.error}")
            else:
                self.stdout.write(f"{item.name}: {item.status} (article {item.article_id})")
        counts = run.counts()
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        if counts.get(IngestItem.Status.FAILED) or counts.get(IngestItem.Status.PENDING):
            raise CommandError(f"ingest run {run.pk}: {summary}")
        return f"ingest run {run.pk}: {summary}"

    def wait(self, run, timeout: float) -> list[IngestItem]:
        deadline = time.monotonic() + timeout
        shown = 0.0
        total = run.items.count()
        while True:
            # One count per poll; the items themselves are read once, at the end.
            pending = run.items.filter(status=IngestItem.Status.PENDING).count()
            if total > 1 and time.monotonic() - shown > 1:
                self.progress(total - pending, total)
                shown = time.monotonic()
            if not pending:
                if total > 1:
                    self.progress(total, total, final=True)
                return list(run.items.order_by("id"))
            if time.monotonic() > deadline:
                self.stderr.write(
                    f"{pending} of {total} items still pending after {timeout:.0f}s; "
                    "is a worker running (make worker)?"
                )
                return list(run.items.order_by("id"))
            time.sleep(0.2)

    def progress(self, done: int, total: int, final: bool = False) -> None:
        """A bar on a terminal (redrawn in place), a plain line elsewhere."""
        width = 30
        filled = width * done // total
        bar = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        if self.stderr.isatty():
            self.stderr.write(f"\r{bar}", ending="\n" if final else "")
            self.stderr.flush()
        elif final or done:
            self.stderr.write(bar)
