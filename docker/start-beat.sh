#!/bin/sh
# Celery beat, reading its schedule from the database (django-celery-beat).
set -o errexit -o nounset

exec celery -A config beat --loglevel "${LOG_LEVEL:-INFO}" --scheduler django_celery_beat.schedulers:DatabaseScheduler
