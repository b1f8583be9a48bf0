"""Two workers ingesting the same article at once make one row."""

import threading

import pytest
from django.db import connection, connections

from briefings import services
from briefings.models import Article
from tests.conftest import require
from tests.test_ingest import ARTICLE

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_ingests_of_one_article_make_one_row(tmp_path):
    require(connection.vendor == "postgresql", "concurrent writers need PostgreSQL")
    copies = []
    for n in range(6):
        path = tmp_path / f"copy-{n}.md"
        # The same article, spaced differently: one content hash.
        path.write_text(
            ARTICLE.replace("第二段文字。", "第二段" + " " * n + "文字。"), encoding="utf-8"
        )
        copies.append(path)
    start = threading.Barrier(len(copies))
    outcomes = []

    def ingest(path):
        try:
            start.wait()
            outcomes.append(services.ingest_path(path))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ingest, args=(path,)) for path in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(outcome.status for outcome in outcomes)
    assert statuses == ["created"] + ["unchanged"] * (len(copies) - 1), [o.line() for o in outcomes]
    assert Article.objects.count() == 1
    assert len({outcome.article_id for outcome in outcomes}) == 1
