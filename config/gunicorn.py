"""gunicorn's settings, for docker/start-web.sh and the benchmarks alike.

Threaded workers: a thread takes a connection only once its request has
arrived, so slow or idle clients (people reading a page on keep-alive) do not
hold a worker; sync workers need a buffering proxy in front for that.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT') or '8000'}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS") or 4)
# Seconds an idle keep-alive connection stays open: longer than a reader's
# pause between two clicks on the same page's filters.
keepalive = 5
