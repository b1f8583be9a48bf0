"""Peak memory of a Celery worker ingesting 10,000 generated articles.

    DATABASE_URL=postgres://briefings:briefings@127.0.0.1:5432/briefings_ingestbench \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/12 \\
        .venv/bin/python -m benchmarks.worker_memory

One worker as deployed (prefork, --concurrency 1, DEBUG off) ingests
--articles generated articles (benchmarks.corpus, 5-10 KB each; default
10,000) queued by `manage.py ingest`. Twice a second this reads, from /proc,
the resident set (RSS) of the worker's main process and of its pool process,
and the proportional set (PSS, shared pages divided between the processes
that share them; RSS counts them in each). Printed: memory when the worker is
ready, at every tenth of the run, and the peaks. The target is a peak under
300 MB for the worker (main + pool, PSS).

--debug starts the worker with DEBUG=True instead, to show what Django's
query log (kept when DEBUG is on: up to 9,000 queries per connection) costs.
The run is bounded by --timeout (default 1800s). Only 127.0.0.1 is
contacted; the articles stored are deleted at the end.
"""

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.ingest_throughput import (
    PREFIX,
    Worker,
    clean_up,
    forget_queued_tasks,
    ingest_command,
    rate,
    require_services,
    run_of,
    setup_django,
    wait_for_run,
)

TARGET_MB = 300


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of PID in kB, or (0, 0) if it has gone."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = {}
    for line in rollup.splitlines()[1:]:
        name, value, *_ = line.split()
        values[name.rstrip(":")] = int(value)
    return values.get("Rss", 0), values.get("Pss", 0)


class Sampler(threading.Thread):
    """Samples the worker's memory and the run's progress until stopped."""

    def __init__(self, worker: Worker, folder: Path, every: float = 0.5):
        super().__init__(daemon=True)
        self.worker, self.folder, self.every = worker, folder, every
        self.samples: list[dict] = []  # done, main rss, pool rss, total pss (kB)
        self.halt = threading.Event()

    def run(self) -> None:
        from django.db import connection

        from briefings.models import IngestItem

        try:
            while not self.halt.is_set():
                pids = self.worker.pids()
                if pids:
                    main, *pool = (memory_kb(pid) for pid in pids)
                    run = run_of(self.folder)
                    done = run.items.exclude(status=IngestItem.Status.PENDING).count() if run else 0
                    self.samples.append(
                        {
                            "done": done,
                            "main": main[0],
                            "pool": max((rss for rss, _ in pool), default=0),
                            "pss": main[1] + sum(pss for _, pss in pool),
                            "pools": len(pool),
                        }
                    )
                self.halt.wait(self.every)
        finally:
            connection.close()


def mb(kb: int) -> str:
    return f"{kb / 1024:6.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--debug", action="store_true", help="run the worker with DEBUG=True")
    args = parser.parse_args()
    require_services()
    setup_django()
    from benchmarks import corpus

    forget_queued_tasks()
    clean_up()
    work = Path(tempfile.mkdtemp(prefix="worker-memory-"))
    folder = work / "articles"
    corpus.write(folder, args.articles, start=400_000, prefix=PREFIX)
    debug = "true" if args.debug else "false"
    print(
        f"{args.articles} generated articles; worker prefork --concurrency 1, DEBUG={debug}; "
        f"logs in {work}"
    )
    try:
        with Worker("worker-memory", 1, work / "worker.log", DEBUG=debug) as worker:
            time.sleep(1)
            (main_rss, main_pss), *pool = (memory_kb(pid) for pid in worker.pids())
            ready = main_rss + sum(rss for rss, _ in pool)
            sampler = Sampler(worker, folder)
            sampler.start()
            with ingest_command(folder, args.timeout, work / "ingest.log") as command:
                items, seconds, counts = rate(wait_for_run(folder, args.timeout))
            sampler.halt.set()
            sampler.join()
        report(sampler.samples, args.articles, ready)
        print(f"\ningested {items} items in {seconds:.0f}s ({items / seconds:.1f}/s): {counts}")
        print(
            f"the ingest command, polling the run meanwhile, used {command.cpu_seconds:.0f} CPU-s"
        )
    finally:
        clean_up()
    return 0


def report(samples: list[dict], articles: int, ready: int) -> None:
    print(f"ready, before any task: main + pool RSS {mb(ready)}\n")
    print(f"{'articles done':>13}  {'main RSS':>9}  {'pool RSS':>9}  {'both PSS':>9}")
    step = max(1, articles // 10)
    shown = set()
    for sample in samples:
        mark = sample["done"] // step
        if mark not in shown:
            shown.add(mark)
            print(
                f"{sample['done']:>13}  {mb(sample['main'])}  {mb(sample['pool'])}  "
                f"{mb(sample['pss'])}"
            )
    peak_pss = max(sample["pss"] for sample in samples)
    print(
        f"\npeaks over {len(samples)} samples: main RSS {mb(max(s['main'] for s in samples))}, "
        f"pool RSS {mb(max(s['pool'] for s in samples))}, main + pool PSS {mb(peak_pss)}"
        f"  (target < {TARGET_MB} MB: {'met' if peak_pss < TARGET_MB * 1024 else 'NOT met'})"
    )
    if any(sample["pools"] != 1 for sample in samples):
        print("note: the pool process was replaced during the run (see the worker log)")


if __name__ == "__main__":
    sys.exit(main())
