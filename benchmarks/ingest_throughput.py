"""Articles per second through the whole ingest path, with one worker process and two.

    DATABASE_URL=postgres://briefings:briefings@127.0.0.1:5432/briefings_ingestbench \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/12 \\
        .venv/bin/python -m benchmarks.ingest_throughput

Generates 2,000 articles (benchmarks.corpus: Chinese, 5-10 KB each, a fixed
seed) into a temporary folder and ingests them the way production does:
`manage.py ingest FOLDER` records the run and queues one task per file on
Redis, and a `celery worker` (prefork, DEBUG off) stores each article in
PostgreSQL. It does this twice, on the same articles, deleting what the first
pass stored before the second:

  1. one worker with --concurrency 1 (one pool process);
  2. one worker with --concurrency 2 (two pool processes), which is what
     `celery worker` starts on this 2-core machine when not told otherwise.

Before each pass the worker ingests 100 other articles, so the one-off costs of
a fresh pool process (jieba's word list, the gazetteer) are not timed, and the
tables are analysed after them: PostgreSQL plans each foreign-key check once
per connection, and a plan made while a table was empty scans the whole table
for every check until new statistics replace it (autovacuum's ANALYZE does
that on a server that has it; this machine's PostgreSQL has autovacuum off). The
rate is items / (last item finished - run recorded), from the database's own
timestamps. The ingest command's CPU time is printed too: it polls the run
while it waits, on the same two cores.

Needs PostgreSQL and Redis on 127.0.0.1; the database is migrated and seeded
if needed. Files named ingestbench-* and the runs that ingested them are
deleted before and after, so runs repeat. Options: --articles N, --timeout S
(per pass; default 900).
"""

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "ingestbench-"
WARM_UP = 100


def require_services() -> None:
    """Exit unless DATABASE_URL is PostgreSQL and CELERY_BROKER_URL is Redis, both local."""
    database = os.environ.get("DATABASE_URL", "")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not database.startswith(("postgres://", "postgresql://")):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database (see the docstring)")
    if not broker.startswith("redis://"):
        raise SystemExit("set CELERY_BROKER_URL to a Redis database (see the docstring)")
    for url in (database, broker):
        if urlsplit(url).hostname not in {"127.0.0.1", "localhost"}:
            raise SystemExit(f"{url}: benchmarks contact 127.0.0.1 only")


def process_env(**extra: str) -> dict[str, str]:
    """The environment for workers and commands: DEBUG off, as deployed."""
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "benchmark-only-" + "x" * 40,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_RESULT_BACKEND": os.environ.get("CELERY_RESULT_BACKEND")
        or os.environ["CELERY_BROKER_URL"],
        "LOG_LEVEL": "INFO",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **extra,
    }


def setup_django() -> None:
    """Configure Django in this process (DEBUG off); migrate and seed if needed."""
    os.environ.update(process_env())
    import django

    django.setup()
    from django.core.management import call_command

    from geo.models import Country

    call_command("migrate", verbosity=0)
    if not Country.objects.exists():
        call_command("load_seeds", verbosity=0)


@contextlib.contextmanager
def delete_signals_muted():
    """Mute pre/post_delete and m2m_changed receivers for a bulk delete.

    With receivers connected (briefings.freshness listens to quotes, links,
    events and people), Django fetches every row it deletes to send its
    signal, and freshness queues one UPDATE per row for the commit: deleting
    10,000 ingested articles that way took over 13 GB in this process. Muted,
    Django deletes related rows with one DELETE per table; the caller bumps
    the data version once instead.
    """
    from django.db.models.signals import m2m_changed, post_delete, pre_delete

    signals = (pre_delete, post_delete, m2m_changed)
    saved = [hook.receivers for hook in signals]
    for hook in signals:
        hook.receivers = []
        hook.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for hook, receivers in zip(signals, saved, strict=True):
            hook.receivers = receivers
            hook.sender_receivers_cache.clear()


def clean_up(prefix: str = PREFIX, batch: int = 500) -> int:
    """Delete the articles in files named PREFIX*, the runs that ingested them,
    and the events, people and outlets only those articles held."""
    from django.db import transaction

    from benchmarks.fill_database import analyze
    from briefings import freshness
    from briefings.models import Article, ArticlePerson, Event, IngestRun, Person, Quote, Source
    from briefings.seeding import read_people

    ours = Article.objects.filter(file_name__startswith=prefix).values("id")
    event_ids = set(
        Event.articles.through.objects.filter(article__in=ours).values_list("event_id", flat=True)
    )
    person_ids = set(
        ArticlePerson.objects.filter(article__in=ours).values_list("person_id", flat=True)
    ) | set(Quote.objects.filter(article__in=ours).values_list("speaker_id", flat=True))
    source_ids = set(
        Article.objects.filter(file_name__startswith=prefix).values_list("source_id", flat=True)
    )
    deleted = 0
    with delete_signals_muted():
        IngestRun.objects.filter(items__name__contains=f"/{prefix}").delete()
        while ids := list(
            Article.objects.filter(file_name__startswith=prefix).values_list("id", flat=True)[
                :batch
            ]
        ):
            with transaction.atomic():
                deleted += (
                    Article.objects.filter(pk__in=ids).delete()[1].get("briefings.Article", 0)
                )
        with transaction.atomic():
            Event.objects.filter(
                pk__in=event_ids, articles__isnull=True, commentary__isnull=True
            ).delete()
            seeded = {row["key"] for row in read_people()}
            Person.objects.filter(
                pk__in=person_ids - {None},
                article_links__isnull=True,
                quotes__isnull=True,
                events__isnull=True,
            ).exclude(key__in=seeded).delete()
            Source.objects.filter(pk__in=source_ids, articles__isnull=True).delete()
            freshness.bump()
    analyze()
    return deleted


def forget_queued_tasks() -> None:
    """Drop tasks an interrupted earlier run left in the broker."""
    import redis

    from config.celery_app import app

    app.control.purge()
    redis.Redis.from_url(os.environ["CELERY_BROKER_URL"]).delete("unacked", "unacked_index")


class Worker:
    """`celery -A config worker` (prefork) in its own process group, logging to a file."""

    def __init__(self, name: str, concurrency: int, log: Path, nice: int = 0, **env: str):
        from config.celery_app import app

        self.app = app
        self.hostname = f"{name}@{socket.gethostname()}"
        self.log = log
        with log.open("w") as output:
            self.process = subprocess.Popen(
                [
                    "nice", "-n", str(nice),
                    sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork",
                    f"--concurrency={concurrency}", "--loglevel=INFO", "--without-gossip",
                    "--without-mingle", "--without-heartbeat", "--hostname", self.hostname,
                ],
                cwd=ROOT, env=process_env(**env), stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[self.hostname], timeout=0.5):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"the worker did not start; see {log}")

    def pids(self) -> list[int]:
        """The worker's main process and its pool processes."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [self.process.pid, *map(int, children.read_text().split())]
        except OSError:
            return []

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def __enter__(self) -> "Worker":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


@contextlib.contextmanager
def ingest_command(paths: list[Path] | Path, timeout: float, log: Path):
    """`manage.py ingest` running in the background; yields the Popen. On leaving,
    waits for it (or ends it) and sets .cpu_seconds (user + system)."""
    args = [str(paths)] if isinstance(paths, Path) else [str(path) for path in paths]
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "ingest", *args, "--timeout", str(timeout)],
            cwd=ROOT, env=process_env(), stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield process
    except BaseException:
        process.send_signal(signal.SIGTERM)
        raise
    finally:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        process.cpu_seconds = usage.ru_utime + usage.ru_stime


def run_of(folder: Path):
    """The ingest run whose items are in FOLDER, once the command has recorded it."""
    from briefings.models import IngestRun

    names = str(folder.resolve())
    return IngestRun.objects.filter(items__name__startswith=names).distinct().first()


def wait_for_run(folder: Path, timeout: float):
    """Wait until the run of FOLDER has no pending item; return it."""
    from briefings.models import IngestItem

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = run_of(folder)
        if run is not None and not run.items.filter(status=IngestItem.Status.PENDING).exists():
            return run
        time.sleep(0.5)
    raise SystemExit(f"the run of {folder} did not finish within {timeout:.0f}s")


def rate(run) -> tuple[int, float, dict]:
    """(items, seconds from the run's start to its last item, counts by status)."""
    from django.db.models import Max

    last = run.items.aggregate(last=Max("finished"))["last"]
    return run.items.count(), (last - run.started).total_seconds(), run.counts()


def measure(concurrency: int, articles: Path, warm_up: Path, work: Path, timeout: float) -> dict:
    from benchmarks.fill_database import analyze

    clean_up()
    log = work / f"worker-c{concurrency}.log"
    with Worker(f"ingestbench-c{concurrency}", concurrency, log) as worker:
        with ingest_command(warm_up, timeout, work / f"warm-up-c{concurrency}.log"):
            wait_for_run(warm_up, timeout)
        # What autovacuum would do on a server that has it (this machine's
        # PostgreSQL does not): the new statistics also make the worker plan
        # its foreign-key checks afresh, for tables no longer empty.
        analyze()
        with ingest_command(articles, timeout, work / f"ingest-c{concurrency}.log") as command:
            run = wait_for_run(articles, timeout)
        items, seconds, counts = rate(run)
        pools = len(worker.pids()) - 1
    return {
        "concurrency": concurrency,
        "pool processes": pools,
        "items": items,
        "seconds": seconds,
        "rate": items / seconds,
        "counts": counts,
        "command cpu": command.cpu_seconds,
        "command status": command.returncode,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=900, help="seconds per pass, at most")
    args = parser.parse_args()
    require_services()
    setup_django()
    from benchmarks import corpus

    forget_queued_tasks()
    work = Path(tempfile.mkdtemp(prefix="ingest-throughput-"))
    began = time.perf_counter()
    articles = corpus.write(work / "articles", args.articles, prefix=PREFIX)
    corpus.write(work / "warm-up", WARM_UP, start=900_000, prefix=f"{PREFIX}warm-")
    sizes = [path.stat().st_size for path in articles]
    print(
        f"{len(articles)} generated articles, {min(sizes) / 1024:.1f}-{max(sizes) / 1024:.1f} KB "
        f"(mean {sum(sizes) / len(sizes) / 1024:.1f} KB), written in {time.perf_counter() - began:.1f}s"
    )
    print(f"{os.cpu_count()} CPUs; PostgreSQL and Redis on 127.0.0.1; worker logs in {work}\n")
    results = []
    try:
        for concurrency in (1, 2):
            result = measure(concurrency, work / "articles", work / "warm-up", work, args.timeout)
            results.append(result)
            print(
                f"worker --concurrency {concurrency}: {result['items']} items in "
                f"{result['seconds']:.1f}s = {result['rate']:.1f} articles/s  {result['counts']}  "
                f"(ingest command: exit {result['command status']}, "
                f"{result['command cpu']:.1f} CPU-s polling)"
            )
    finally:
        clean_up()
    one, two = results
    print(f"\nscaling from 1 to 2 pool processes: x{two['rate'] / one['rate']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
