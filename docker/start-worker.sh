#!/bin/sh
# Start the Celery worker; config/celery_app.py reads its settings from Django.
# At a lower priority (WORKER_NICE, default 10) than the web process: on a
# shared machine, people's pages come before a long ingest run.
set -o errexit -o nounset

exec nice -n "${WORKER_NICE:-10}" celery -A config worker --loglevel "${LOG_LEVEL:-INFO}"
