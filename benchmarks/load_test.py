"""50 logged-in users browsing and filtering for 60 seconds while an ingest run goes on.

    DATABASE_URL=postgres://briefings:briefings@127.0.0.1:5432/briefings_ingestbench \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/12 \\
        .venv/bin/python -m benchmarks.load_test

The database is filled to 10,000 articles, 100,000 quotes and 5,000 events
(benchmarks.fill_database.fill, which adds only what is missing). The project
is served by gunicorn on 127.0.0.1 as deployed (config/gunicorn.py: 2
workers of 4 threads; DEBUG off; a Redis cache, CACHE_URL, emptied first).
Fifty readers are logged in, one session each. Meanwhile a Celery worker
(prefork, --concurrency 1, at niceness 10 as docker/start-worker.sh runs it,
so pages come before the ingest) ingests generated articles
(benchmarks.corpus) through `manage.py ingest`, so the data version moves and
the cached fragments go stale, as on a busy day.

The load comes from wrk (Debian's package; /usr/bin/wrk) with 50 connections,
one per user, for --seconds (default 60). A Lua script rotates through the
pages an analyst uses: the briefing list, its htmx fragment filtered by
country, search words, dates and page, briefings, quotes and events filtered
by country, the countries and a country's page, and the SCO map; each request
carries the next user's session cookie. Every page is checked for a 200
before the run; during it, any status but 200 counts as an error, and so does
every socket error and timeout (10s).

By default the users send their next request as soon as the last one is
answered (closed loop, no think time: the most load 50 users can make);
--think-ms 1000:3000 makes each pause 1-3 s between requests, as people do.

Printed: requests, errors, requests per second, latency percentiles, and how
many articles the worker stored during the window. --without-ingest runs the
same load with no ingest, for comparison. Only 127.0.0.1 is contacted; the
run is bounded by --seconds and the ingest is stopped at the end, its rows
deleted (articles in files named ingestbench-*).
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from benchmarks.ingest_throughput import (
    PREFIX,
    ROOT,
    Worker,
    clean_up,
    forget_queued_tasks,
    process_env,
    require_services,
    run_of,
    setup_django,
)

USERS = 50

LUA = """
local paths = %(paths)s
local cookies = %(cookies)s
think_min, think_max = %(think_min)d, %(think_max)d
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(id)
  page = id * 17
  user = id * 7
  not_ok = 0
end

function request()
  page = page %% #paths + 1
  user = user %% #cookies + 1
  local headers = { ["Cookie"] = cookies[user] }
  if paths[page][2] then headers["HX-Request"] = "true" end
  return wrk.format("GET", paths[page][1], headers)
end

function delay()
  if think_max > 0 then return math.random(think_min, think_max) end
  return 0
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("not_ok") end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %%d, "not_200": %%d, "socket_errors": %%d, "timeouts": %%d, "seconds": %%f, '
    .. '"p50_ms": %%f, "p95_ms": %%f, "p99_ms": %%f, "max_ms": %%f}\\n',
    summary.requests, bad, errors.connect + errors.read + errors.write, errors.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string for these characters


def pages(rng: random.Random) -> list[tuple[str, bool]]:
    """(path, is an htmx request) for the pages the users visit, mixed."""
    from briefings.models import Article, Person

    countries = ["CN", "RU", "KZ", "UZ", "KG", "TJ", "IN", "PK", "IR", "BY", "MN", "US"]
    words = [quote(word) for word in ["上合", "撒马尔罕", "安全", "能源", "峰会", "合作"]]
    articles = list(Article.objects.order_by("?").values_list("pk", flat=True)[:200])
    speakers = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:50])
    chosen = [("/", False), ("/?page=2", False), ("/countries/", False), ("/maps/sco/", False)]
    for n in range(12):
        country = countries[n % len(countries)]
        year = 2015 + n % 10
        chosen += [
            (f"/?country={country}", True),
            (f"/?country={country}&page={2 + n % 4}", True),
            (f"/?q={words[n % len(words)]}", True),
            (f"/?since={year}-01-01&until={year}-12-31", True),
            (f"/?country={country}&q={words[(n + 1) % len(words)]}&since={year}-01-01", True),
            (f"/?country={country}", False),
            (f"/briefings/{rng.choice(articles)}/", False),
            (f"/briefings/{rng.choice(articles)}/", False),
            (f"/quotes/?country={country}", False),
            (f"/events/?country={country}", False),
            (f"/countries/{country}/", False),
        ]
        if speakers:
            chosen.append((f"/quotes/?speaker={rng.choice(speakers)}", False))
    rng.shuffle(chosen)
    return chosen


def sessions(count: int) -> list[str]:
    """Session cookies of COUNT readers, logged in as the login view would."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    from briefings.roles import GROUPS, READER

    readers = Group.objects.get(name=GROUPS[READER])
    cookies = []
    for n in range(count):
        user, _ = get_user_model().objects.get_or_create(username=f"load-test-reader-{n:02d}")
        user.groups.add(readers)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
    return cookies


def check(port: int, path: str, htmx: bool, cookie: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie, **({"HX-Request": "true"} if htmx else {})}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}, not 200")


def serve(port: int, workers: int, env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--config",
         "config/gunicorn.py", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def finished_items(folder: Path) -> int:
    from briefings.models import IngestItem

    run = run_of(folder)
    return run.items.exclude(status=IngestItem.Status.PENDING).count() if run else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=USERS, help="connections, one user each")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn --workers")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--ingest", type=int, default=3000, help="articles queued for the worker")
    parser.add_argument("--without-ingest", action="store_true")
    parser.add_argument(
        "--worker-nice",
        type=int,
        default=10,
        help="the worker's niceness (docker/start-worker.sh: WORKER_NICE, default 10)",
    )
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/13",
        help="the cache the web workers share, as docker-compose.yml gives them",
    )
    parser.add_argument(
        "--think-ms",
        default="0",
        help="pause of each user between requests, MIN:MAX ms at random (default 0: none)",
    )
    args = parser.parse_args()
    low, _, high = args.think_ms.partition(":")
    think = (int(low), int(high or low))
    require_services()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (apt-get install wrk)")
    work = Path(tempfile.mkdtemp(prefix="load-test-"))
    os.environ.update(
        VAR_DIR=str(work / "var"),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1",
        CACHE_URL=args.cache_url,
    )
    setup_django()
    from django.core.cache import cache
    from django.core.management import call_command

    cache.clear()  # no fragment from an earlier run answers this one

    from benchmarks import corpus
    from benchmarks.fill_database import fill

    began = time.perf_counter()
    print("database holds", fill(10_000, 100_000, 5_000), f"({time.perf_counter() - began:.0f}s)")
    clean_up()
    forget_queued_tasks()
    call_command("collectstatic", interactive=False, verbosity=0)
    cookies = sessions(args.users)
    chosen = pages(random.Random(2001))
    script = work / "users.lua"
    script.write_text(
        LUA
        % {
            "paths": "{"
            + ", ".join(f"{{{lua_string(p)}, {str(h).lower()}}}" for p, h in chosen)
            + "}",
            "cookies": "{" + ", ".join(lua_string(cookie) for cookie in cookies) + "}",
            "think_min": think[0],
            "think_max": think[1],
        }
    )
    folder = work / "articles"
    if not args.without_ingest:
        corpus.write(folder, args.ingest, start=200_000, prefix=PREFIX)

    with contextlib.ExitStack() as stack:
        server = serve(args.port, args.web_workers, process_env())
        stack.callback(stop, server)
        stack.callback(clean_up)
        stack.callback(forget_queued_tasks)
        for path, htmx in chosen:
            check(args.port, path, htmx, cookies[0])
        if not args.without_ingest:
            stack.enter_context(Worker("load-test", 1, work / "worker.log", nice=args.worker_nice))
            with (work / "ingest.log").open("w") as log:
                command = subprocess.Popen(
                    [sys.executable, "manage.py", "ingest", str(folder), "--timeout", "3600"],
                    cwd=ROOT, env=process_env(), stdout=log, stderr=subprocess.STDOUT,
                )  # fmt: skip
            stack.callback(stop, command)  # before the worker stops
            deadline = time.monotonic() + 120
            while finished_items(folder) < 20:
                if time.monotonic() > deadline:
                    raise SystemExit(f"the ingest did not get going; see {work}")
                time.sleep(0.5)
        stored_before = finished_items(folder)
        print(
            f"\n{args.users} users (one wrk connection each), {len(chosen)} pages in rotation, "
            f"{args.seconds}s, think time {args.think_ms} ms, gunicorn {args.web_workers} workers "
            "of 4 threads, "
            + (
                "no ingest"
                if args.without_ingest
                else f"ingest running (worker --concurrency 1, nice {args.worker_nice})"
            )
        )
        output = subprocess.run(
            ["wrk", "-t", "2", "-c", str(args.users), "-d", f"{args.seconds}s", "--timeout", "10s",
             "-s", str(script), f"http://127.0.0.1:{args.port}"],
            capture_output=True, text=True, timeout=args.seconds + 60, check=True,
        ).stdout  # fmt: skip
        stored = finished_items(folder) - stored_before
        report = json.loads(output.strip().splitlines()[-1])
    errors = report["not_200"] + report["socket_errors"] + report["timeouts"]
    print(
        f"requests {report['requests']}, errors {errors} "
        f"(not 200: {report['not_200']}, socket errors: {report['socket_errors']}, "
        f"timeouts: {report['timeouts']})\n"
        f"requests/s {report['requests'] / report['seconds']:.1f}\n"
        f"latency ms: p50 {report['p50_ms']:.0f}, p95 {report['p95_ms']:.0f}, "
        f"p99 {report['p99_ms']:.0f}, max {report['max_ms']:.0f}"
    )
    if not args.without_ingest:
        print(
            f"ingest during the window: {stored} articles stored "
            f"({stored / report['seconds']:.1f}/s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
