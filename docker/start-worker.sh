#!/bin/sh
# Start the Celery worker; config/celery_app.py reads its settings from Django.
set -o errexit -o nounset

exec celery -A config worker --loglevel "${LOG_LEVEL:-INFO}"
