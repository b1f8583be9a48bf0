# Briefings: `make run` serves the dashboard with the demo data; `make test` runs the suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# These commands are for development and tests; deployments set DEBUG=false
# and a SECRET_KEY (see .env.example and docker-compose.yml).
export DEBUG ?= 1
# Demo accounts that `make run` creates (override in the environment).
DEMO_READER ?= reader
DEMO_READER_PASSWORD ?= reader-demo-2022
DEMO_ANALYST ?= analyst
DEMO_ANALYST_PASSWORD ?= analyst-demo-2022
export DEMO_READER_PASSWORD DEMO_ANALYST_PASSWORD

# Django 6 needs Python >= 3.12: take the first interpreter that really runs
# and is new enough (pyenv shims exist for versions that are not active).
PYTHON_CANDIDATES := $(PYTHON) python3.13 python3.12 python3 \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3) \
	$(wildcard /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9])
BASE_PYTHON := $(firstword $(foreach candidate,$(PYTHON_CANDIDATES),$(shell $(candidate) -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && echo $(candidate))))

.PHONY: help install run worker beat test lint browser migrate seed

help:
	@echo "make run     set up and serve the dashboard on http://127.0.0.1:$(PORT)"
	@echo "make test    install test needs and run the whole suite"
	@echo "make worker  run a Celery worker (when CELERY_BROKER_URL is set)"
	@echo "make beat    run Celery beat, which polls feeds and folders"
	@echo "make lint    ruff checks"

$(PY):
	@if [ -z "$(BASE_PYTHON)" ]; then \
		echo "error: Python 3.12 or newer is needed and none was found."; \
		echo "Install one (Debian: apt-get install python3.12 python3.12-venv; or pyenv install 3.12)"; \
		echo "or name it: make PYTHON=/path/to/python3.12 run"; \
		exit 1; \
	fi
	$(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet ".[dev]"
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --no-input

seed: migrate
	$(PY) manage.py load_seeds
	$(PY) manage.py ingest seeds/articles
	$(PY) manage.py createuser $(DEMO_READER) --role reader --password-from-env DEMO_READER_PASSWORD
	$(PY) manage.py createuser $(DEMO_ANALYST) --role analyst --password-from-env DEMO_ANALYST_PASSWORD

run: seed
	@echo
	@echo "Briefings on http://127.0.0.1:$(PORT)/"
	@echo "  reader:  $(DEMO_READER) / $(DEMO_READER_PASSWORD)"
	@echo "  analyst: $(DEMO_ANALYST) / $(DEMO_ANALYST_PASSWORD)"
	@echo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: install
	$(VENV)/bin/celery -A config worker --loglevel=INFO

# Polls folders and feeds on the schedule set in the admin (Periodic tasks).
beat: install
	$(VENV)/bin/celery -A config beat --loglevel=INFO

# Debian's chromium drives the browser tests (Playwright cannot download one here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "error: browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }

test: install browser
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
