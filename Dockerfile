# syntax=docker/dockerfile:1
# One image for the web process and the Celery worker (see docker-compose.yml).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAR_DIR=/app/var

# psycopg2-binary, opencc and nh3 install from wheels, so no compiler is needed.
RUN groupadd --system briefings \
    && useradd --system --gid briefings --home-dir /app --no-create-home briefings

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so that this layer is rebuilt
# only when they change. pyproject has `packages = []`: the project itself is
# run from /app, not installed, so installing its dependency list is all that
# `pip install .` would do (without needing README.md in the build context).
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .

# Static files are collected into $VAR_DIR/staticfiles at build time, so the
# image needs no writable static folder. The key only satisfies settings.py.
RUN SECRET_KEY=collectstatic-only-not-a-secret DEBUG=false \
    python manage.py collectstatic --noinput \
    && chmod +x docker/start-web.sh docker/start-worker.sh \
    && chown -R briefings:briefings /app/var

USER briefings

EXPOSE 8000
CMD ["docker/start-web.sh"]
