"""Requests per second and p95 latency of the dashboard under gunicorn.

    DATABASE_URL=postgres://briefings:briefings@127.0.0.1:5432/briefings_bench \\
        .venv/bin/python -m benchmarks.web_throughput

Fills the database (benchmarks.fill_database: 10,000 articles, 100,000 quotes,
5,000 events), serves the project with gunicorn on 127.0.0.1 with DEBUG off,
and drives each page for a fixed time, next to the bare /health/ view served
by the same gunicorn in the same run. The load comes from `wrk` (Debian's
package: apt-get install wrk) when it is installed, else from client threads
in this process, which then cap what the fastest pages can show.
Only 127.0.0.1 is contacted; every run is bounded in time.
"""

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ("bare view /health/", "/health/", {}),
    ("briefing list /", "/", {}),
    ("filtered fragment /?country=KZ", "/?country=KZ", {"HX-Request": "true"}),
    ("briefing page", "/briefings/{article}/", {}),
    ("SCO map /maps/sco/", "/maps/sco/", {}),
]


# wrk prints this JSON line when a run is done: what the table needs.
WRK_REPORT = """
done = function(summary, latency, requests)
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "errors": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f}\\n',
    summary.requests, failed, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


def measure_with_wrk(
    port: int, path: str, headers: dict, cookie: str, seconds: float, clients: int
) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(clients),
        "-d",
        f"{seconds:.0f}s",
        "-s",
        script.name,
        "-H",
        f"Cookie: {cookie}",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    os.unlink(script.name)
    report = json.loads(output.strip().splitlines()[-1])
    report["rps"] = report["requests"] / report["seconds"]
    return report


def measure(port: int, path: str, headers: dict, cookie: str, seconds: float, clients: int) -> dict:
    if shutil.which("wrk"):
        return measure_with_wrk(port, path, headers, cookie, seconds, clients)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", path, headers={"Cookie": cookie, **headers})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                connection.close()
            except OSError:
                ok = False
            elapsed = time.perf_counter() - began
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / wall,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95_ms": p95 * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per page")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5_000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print(
            "warning: DATABASE_URL is not PostgreSQL; figures will not be comparable",
            file=sys.stderr,
        )

    var_dir = tempfile.mkdtemp(prefix="briefings-bench-")
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "false",
        "VAR_DIR": var_dir,
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from benchmarks.fill_database import fill
    from briefings.models import Article

    call_command("migrate", verbosity=0)
    print("filling:", fill(args.articles, args.quotes, args.events))
    call_command("collectstatic", interactive=False, verbosity=0)
    user, _ = get_user_model().objects.get_or_create(username="benchmark-reader")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    cookie = f"sessionid={session.session_key}"
    article = Article.objects.order_by("-published", "-id").values_list("pk", flat=True).first()

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--config",
            "config/gunicorn.py",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request(
                    "GET", "/health/"
                )
                break
            except OSError:
                time.sleep(0.1)
        client = "wrk" if shutil.which("wrk") else "Python client threads"
        print(
            f"\n{args.clients} connections from {client}, {args.seconds:.0f}s per page, gunicorn {args.workers} workers of 4 threads"
        )
        print(
            f"{'page':34} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'vs bare':>8}"
        )
        bare = None
        for label, path, headers in PAGES:
            path = path.format(article=article)
            check = http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)
            check.request("GET", path, headers={"Cookie": cookie, **headers})
            status = check.getresponse().status
            if status != 200:
                raise SystemExit(f"{path} answered {status}, not 200: is the session valid?")
            measure(args.port, path, headers, cookie, 1.0, 2)  # warm the workers
            result = measure(args.port, path, headers, cookie, args.seconds, args.clients)
            bare = bare or result["rps"]
            print(
                f"{label:34} {result['requests']:8d} {result['errors']:6d} {result['rps']:8.1f} "
                f"{result['p50_ms']:8.1f} {result['p95_ms']:8.1f} {result['rps'] / bare:8.0%}"
            )
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
