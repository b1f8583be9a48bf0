"""Ingest under faults, with real processes: `manage.py ingest` in a subprocess,
`celery worker` processes, PostgreSQL and Redis.

- a worker killed with SIGKILL in the middle of a run: a new worker finishes it,
  every article is stored once;
- the worker's database connections cut again and again during a run: the
  tasks retry and the run completes, nothing doubled;
- the broker down when `ingest` is called: a clear error, a non-zero exit
  status, nothing recorded;
- hundreds of broken files in one run: each fails alone with a reason that
  names its problem, and the worker lives on.

Run them the way CI does, on a database of their own (pytest-django makes
test_briefings_faults) and a Redis database no one else uses:

    DATABASE_URL=postgres://briefings:briefings@127.0.0.1:5432/briefings_faults \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/10 CELERY_RESULT_BACKEND=redis://127.0.0.1:6379/10 \\
    DEBUG=1 .venv/bin/pytest tests/test_faults.py --create-db

Without PostgreSQL and a broker they are skipped; under CI=true they fail.
"""

import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.db.models import Count

from benchmarks import corpus
from briefings.models import Article, IngestItem, IngestRun
from config.celery_app import app as celery_app
from tests import broken_corpus
from tests.conftest import ROOT, require
from tests.processes import broker_reachable, database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# The workers' database connections carry this name, so that a test can cut
# theirs and no one else's.
WORKER_APPLICATION = "briefings-faults-worker"
# Seconds before Redis hands a killed worker's task to another worker.
VISIBILITY_TIMEOUT = 4


def process_env(**extra: str) -> dict[str, str]:
    """The environment of a worker or command: the test database, DEBUG off as deployed."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DEBUG": "false",
        "SECRET_KEY": "test-faults-only-" + "x" * 40,
        "LOG_LEVEL": "INFO",
        **extra,
    }


def require_postgresql() -> None:
    require(
        connection.vendor == "postgresql",
        "workers and commands share the test database only on PostgreSQL (set DATABASE_URL)",
    )


class Worker:
    """A `celery worker` process (prefork, one child, as deployed) in its own
    process group, logging to a file."""

    def __init__(self, name: str, log: Path, env: dict[str, str]):
        self.hostname = f"{name}@{socket.gethostname()}"
        self.log_path = log
        with log.open("w") as output:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--pool=prefork",
                    "--concurrency=1",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--hostname",
                    self.hostname,
                ],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(destination=[self.hostname], timeout=0.5):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"worker {self.hostname} did not start:\n{self.log()}")

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def pool_pids(self) -> list[int]:
        """The pids of the worker's pool processes (a child that died is replaced)."""
        stats = celery_app.control.inspect([self.hostname], timeout=5).stats() or {}
        return stats[self.hostname]["pool"]["processes"]

    def log(self, last: int = 60) -> str:
        lines = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(lines[-last:])

    def kill(self) -> None:
        """SIGKILL the worker and its pool: what the OOM killer or a pulled plug does."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@pytest.fixture
def start_worker(settings, tmp_path):
    """start_worker(name, **env) -> Worker; every worker started is stopped at the end."""
    require_postgresql()
    require(bool(settings.CELERY_BROKER_URL), "CELERY_BROKER_URL is not set")
    require(broker_reachable(), f"no broker at {settings.CELERY_BROKER_URL}")
    forget_earlier_tasks()
    workers: list[Worker] = []

    def start(name: str, **env: str) -> Worker:
        env.setdefault("DATABASE_URL", database_url(WORKER_APPLICATION))
        worker = Worker(name, tmp_path / f"worker-{name}.log", process_env(**env))
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def forget_earlier_tasks() -> None:
    """Drop tasks an earlier, interrupted run left in the broker, queued or held."""
    celery_app.control.purge()
    if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        # kombu's Redis transport keeps unacknowledged tasks under these keys.
        redis.Redis.from_url(settings.CELERY_BROKER_URL).delete("unacked", "unacked_index")


def held_by_workers() -> int | None:
    """Tasks a worker has taken from Redis and not yet acknowledged (None: not Redis)."""
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        return None
    return redis.Redis.from_url(settings.CELERY_BROKER_URL).hlen("unacked")


def start_ingest(paths: list[Path], timeout: float = 150, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "ingest", *map(str, paths), "--timeout", str(timeout)],
        cwd=ROOT,
        env=process_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished_items() -> int:
    return IngestItem.objects.exclude(status=IngestItem.Status.PENDING).count()


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {timeout:.0f}s waiting for {what}")
        time.sleep(0.05)


def assert_stored_once(names: list[str]) -> None:
    """Every file became exactly one article, and the run says so."""
    assert Article.objects.count() == len(names)
    doubled = Article.objects.values("file_name").annotate(n=Count("id")).filter(n__gt=1)
    assert not doubled
    assert set(Article.objects.values_list("file_name", flat=True)) == set(names)
    run = IngestRun.objects.get()
    assert run.counts() == {IngestItem.Status.CREATED: len(names)}
    assert run.status == IngestRun.Status.DONE and run.finished is not None


def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(start_worker, tmp_path):
    paths = corpus.write(tmp_path / "articles", 200)
    timeout = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    first = start_worker("first", **timeout)
    command = start_ingest([tmp_path / "articles"])

    wait_for(lambda: finished_items() >= 40, 60, "the first worker to finish 40 articles")
    first.kill()
    done_at_kill, held = finished_items(), held_by_workers()
    assert done_at_kill < len(paths), "the run ended before the worker was killed"
    # A task the dead worker held goes back to the queue once it is older than
    # the visibility timeout; the next worker looks for such tasks as it starts.
    time.sleep(VISIBILITY_TIMEOUT + 1)
    second = start_worker("second", **timeout)

    out, err = command.communicate(timeout=180)
    assert command.returncode == 0, f"{err}\n--- second worker:\n{second.log()}"
    assert "200 created" in out
    assert_stored_once([path.name for path in paths])
    print(f"killed after {done_at_kill} of 200 articles, holding {held} task(s)")


def test_cut_database_connections_delay_a_run_but_spoil_nothing(start_worker, tmp_path):
    paths = corpus.write(tmp_path / "articles", 150, start=500)
    worker = start_worker("cut")
    command = start_ingest([tmp_path / "articles"])

    wait_for(lambda: finished_items() >= 10, 60, "the worker to finish 10 articles")
    cut = 0
    with connection.cursor() as cursor:
        # Every 0.2s for 5s (or until the run is nearly done), end whatever
        # connection the worker has open, as a database restart or a failover does.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and finished_items() < len(paths) - 10:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name = %s "
                "AND pid <> pg_backend_pid()",
                [WORKER_APPLICATION],
            )
            cut += cursor.fetchone()[0]
            time.sleep(0.2)

    out, err = command.communicate(timeout=180)
    assert command.returncode == 0, f"{out[-2000:]}\n{err}\n--- worker:\n{worker.log()}"
    assert cut >= 3, f"only {cut} connections were cut: the run went too fast to test anything"
    log = worker.log(last=100_000)
    assert "Retry in" in log, "no task was retried, so no cut hit a task"
    assert_stored_once([path.name for path in paths])
    assert worker.alive()
    print(f"cut {cut} connections; {log.count('Retry in')} retries")


def test_ingest_with_the_broker_down_says_so_and_records_nothing(settings, tmp_path):
    require_postgresql()
    paths = corpus.write(tmp_path / "articles", 3)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"redis://127.0.0.1:{probe.getsockname()[1]}/0"

    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", "ingest", *map(str, paths)],
        cwd=ROOT,
        env=process_env(CELERY_BROKER_URL=closed, CELERY_RESULT_BACKEND=closed),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert f"the Celery broker at {closed} is unreachable" in result.stderr
    assert "nothing was recorded" in result.stderr
    assert "Traceback" not in result.stderr
    assert time.monotonic() - began < 60
    assert not IngestRun.objects.exists()
    assert not IngestItem.objects.exists()
    assert not Article.objects.exists()


def test_hundreds_of_broken_files_fail_one_by_one_and_the_worker_lives_on(start_worker, tmp_path):
    broken = broken_corpus.write(tmp_path / "broken")
    good = corpus.write(tmp_path / "good", 50, start=1000)
    assert len(broken) >= 500
    worker = start_worker("volume")
    pool = worker.pool_pids()
    paths = [item.path for item in broken] + good
    random.Random(7).shuffle(paths)  # good files among the bad, as in a real folder

    command = start_ingest(paths)
    out, err = command.communicate(timeout=240)

    # Failed items make the command exit 1, after it has listed every item.
    assert command.returncode == 1, f"{err}\n--- worker:\n{worker.log()}"
    assert f"{len(broken)} failed" in err and f"{len(good)} created" in err
    items = {item.name: item for item in IngestItem.objects.all()}
    assert len(items) == len(paths)
    wrong = []
    for item in broken:
        record = items[str(item.path.resolve())]
        named = item.reason_names_the_problem(record.error)
        if record.status != IngestItem.Status.FAILED or not named:
            wrong.append(f"{item.path.name} ({item.kind.name}): {record.status}: {record.error!r}")
    assert not wrong, "\n".join(wrong)
    for path in good:
        assert items[str(path.resolve())].status == IngestItem.Status.CREATED
    assert Article.objects.count() == len(good)
    # The worker, and the pool process that ran every task, are the ones we started.
    assert worker.alive(), worker.log()
    assert worker.pool_pids() == pool, worker.log()
    assert "Traceback" not in worker.log(last=100_000)
