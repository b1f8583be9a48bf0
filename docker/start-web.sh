#!/bin/sh
# Start the web process: apply migrations, then hand over to gunicorn.
set -o errexit -o nounset

python manage.py migrate --noinput

# config/gunicorn.py: the port, workers and threads, from the environment.
exec gunicorn config.wsgi:application \
    --config config/gunicorn.py \
    --access-logfile - \
    --log-level "$(echo "${LOG_LEVEL:-INFO}" | tr '[:upper:]' '[:lower:]')"
