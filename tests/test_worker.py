"""The ingest task goes through a real broker to a real `celery worker` process."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from briefings.models import Article, IngestItem
from config.celery_app import app as celery_app
from tests.conftest import ROOT, require
from tests.processes import broker_reachable, database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ARTICLE = """# 托卡耶夫会见来访的中国国家主席

  * 编辑部
  * Briefings 编辑部

2022年9月14日，两国元首在努尔苏丹签署联合声明。
"""


@pytest.fixture
def worker(settings):
    require(bool(settings.CELERY_BROKER_URL), "CELERY_BROKER_URL is not set")
    require(
        connection.vendor == "postgresql", "a worker shares the test database only on PostgreSQL"
    )
    require(broker_reachable(), f"no broker at {settings.CELERY_BROKER_URL}")
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_TASK_ALWAYS_EAGER": "false"}
    # Drop tasks left in the queue by an earlier, interrupted run.
    celery_app.control.purge()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    celery_app.conf.task_always_eager = False
    try:
        deadline = time.monotonic() + 30
        while not celery_app.control.ping(timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "the worker did not start:\n"
                    + (process.stdout.read() if process.poll() is not None else "")
                )
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_ingest_command_is_served_by_a_real_worker(worker, tmp_path, capsys):
    path = tmp_path / "visit.md"
    path.write_text(ARTICLE, encoding="utf-8")
    call_command("ingest", str(path), "--timeout", "60")
    assert "created (article" in capsys.readouterr().out
    article = Article.objects.get()
    assert article.headline == "托卡耶夫会见来访的中国国家主席"
    item = IngestItem.objects.get()
    assert item.status == "created" and item.article_id == article.pk
    assert settings.CELERY_BROKER_URL  # it went through the broker, not in-process
