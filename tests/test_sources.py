"""Folders and feeds as sources, served over HTTP from 127.0.0.1 only."""

import functools
import http.server
import threading

import pytest
from django.core.management import call_command

from briefings import sources
from briefings.models import Article, IngestItem, Source

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="og:title" content="{title}"></head><body>
<nav><a href="/">首页</a> <a href="/world">国际</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>版权所有</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example wire</title><link>{base}/</link>
<item><title>峰会开幕</title><link>{base}/a.html</link><pubDate>Thu, 15 Sep 2022 08:00:00 GMT</pubDate></item>
<item><title>两国元首会晤</title><link>{base}/b.html?utm_source=rss</link><pubDate>Fri, 16 Sep 2022 08:00:00 GMT</pubDate></item>
<item><title>页面不存在</title><link>{base}/missing.html</link></item>
</channel></rss>"""


def page(title: str, n: int) -> str:
    paragraphs = "".join(
        f"<p>第{k}段：{title}，各方代表就地区合作与安全问题交换了意见，并表示将继续加强沟通。</p>"
        for k in range(1, n + 1)
    )
    return PAGE.format(title=title, paragraphs=paragraphs)


@pytest.fixture
def site(tmp_path):
    """A static site on 127.0.0.1: its folder and its base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (tmp_path / "a.html").write_text(page("上合组织峰会在撒马尔罕开幕", 6), encoding="utf-8")
    (tmp_path / "b.html").write_text(page("中俄元首在撒马尔罕会晤", 6), encoding="utf-8")
    (tmp_path / "feed.xml").write_text(FEED.format(base=base), encoding="utf-8")
    yield tmp_path, base
    server.shutdown()


def test_a_feed_poll_ingests_each_entry_once(site, capsys):
    folder, base = site
    Source.objects.create(name="Example wire", kind=Source.Kind.FEED, url=f"{base}/feed.xml")
    call_command("poll_sources")
    assert "Example wire: run" in capsys.readouterr().out
    articles = Article.objects.order_by("published")
    assert [a.headline for a in articles] == [
        "上合组织峰会在撒马尔罕开幕",
        "中俄元首在撒马尔罕会晤",
    ]
    assert [a.published.isoformat() for a in articles] == ["2022-09-15", "2022-09-16"]
    assert articles[1].url == f"{base.replace('http:', 'https:')}/b.html"
    assert {a.source.name for a in articles} == {"Example wire"}
    missing = IngestItem.objects.get(name=f"{base}/missing.html")
    assert missing.status == "failed" and "404" in missing.error
    # A second poll fetches only what is not an article yet.
    call_command("poll_sources")
    assert Article.objects.count() == 2
    assert IngestItem.objects.filter(status="created").count() == 2


def test_a_malformed_feed_is_a_failed_item_with_its_reason(site):
    folder, base = site
    (folder / "bad.xml").write_text("<rss><channel><item><title>broken", encoding="utf-8")
    source = Source.objects.create(name="Broken", kind=Source.Kind.FEED, url=f"{base}/bad.xml")
    run = sources.poll(source)
    item = run.items.get()
    assert item.status == "failed" and "malformed feed" in item.error
    assert run.status == "failed" and Article.objects.count() == 0


def test_an_unreachable_feed_is_a_failed_item(db):
    source = Source.objects.create(
        name="Gone", kind=Source.Kind.FEED, url="http://127.0.0.1:9/feed.xml"
    )
    item = sources.poll(source).items.get()
    assert item.status == "failed" and "cannot fetch" in item.error


def test_a_folder_source_takes_only_new_files(site, settings):
    folder, _ = site
    articles = folder / "articles"
    articles.mkdir()
    (articles / "one.md").write_text("# 标题一\n\n正文第一段。\n\n正文第二段。\n", encoding="utf-8")
    Source.objects.create(name="Desk folder", kind=Source.Kind.FOLDER, path=str(articles))
    call_command("poll_sources", "--source", "Desk folder")
    (articles / "two.md").write_text("# 标题二\n\n正文第一段。\n\n另一段。\n", encoding="utf-8")
    call_command("poll_sources", "--source", "Desk folder")
    assert Article.objects.count() == 2
    assert IngestItem.objects.count() == 2  # one.md was not queued again


def test_the_beat_task_polls_every_enabled_source(site):
    from django_celery_beat.models import PeriodicTask

    from briefings.tasks import poll_sources

    folder, base = site
    Source.objects.create(name="Example wire", kind=Source.Kind.FEED, url=f"{base}/feed.xml")
    Source.objects.create(
        name="Paused", kind=Source.Kind.FEED, url=f"{base}/feed.xml", enabled=False
    )
    # The schedule editors change in the admin names this task.
    assert PeriodicTask.objects.get(name="Poll sources").task == "briefings.tasks.poll_sources"
    poll_sources.delay()
    assert Article.objects.count() == 2
    assert not Source.objects.get(name="Paused").last_polled
