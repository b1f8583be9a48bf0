"""Ingesting article files: created once, unchanged after, failures recorded whole."""

import opencc
import pytest
from django.core.management import CommandError, call_command

from briefings import services
from briefings.management.commands.ingest import expand, is_article_file
from briefings.models import Article, ArticleImage, IngestItem, IngestRun, Source
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

ARTICLE = """# 上合组织峰会在撒马尔罕开幕

  * 编辑部
  * Briefings 编辑部

第一段文字，峰会开幕。

![图片](a.jpg)

> 图像来源，  Example
>
> 图像加注文字，9月15日，峰会现场。

第二段文字。
"""


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_it_stores_the_article_with_its_images(article_file):
    outcome = services.ingest_path(article_file)
    assert outcome.status == "created"
    article = Article.objects.get(pk=outcome.article_id)
    assert article.headline == "上合组织峰会在撒马尔罕开幕"
    assert article.source.name == "Briefings 编辑部"
    assert article.authors == ["编辑部"]
    assert [s["heading"] for s in article.sections()] == [""]
    assert article.sections()[0]["paragraphs"] == [
        (1, "第一段文字，峰会开幕。"),
        (2, "第二段文字。"),
    ]
    image = article.images.get()
    assert (image.caption, image.credit, image.after_paragraph) == (
        "9月15日，峰会现场。",
        "Example",
        1,
    )


def test_a_new_article_is_stored_by_one_insert_without_asking_first(article_file):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    document = services.read_document(article_file.read_bytes(), "article.md")
    Source.objects.create(name=document.source)
    with CaptureQueriesContext(connection) as queries:
        article, status = services.store_document(document, "article.md")
    assert status == "created"
    statements = [query["sql"] for query in queries.captured_queries]
    on_articles = [sql for sql in statements if '"briefings_article"' in sql]
    assert len(on_articles) == 1 and on_articles[0].startswith("INSERT")
    assert not any("SAVEPOINT" in sql for sql in statements)
    stored = Article.objects.get()
    assert (stored.pk, stored.headline, stored.authors) == (
        article.pk,
        article.headline,
        ["编辑部"],
    )
    assert stored.ingested is not None and stored.body == article.body


def test_ingesting_twice_creates_nothing_new(article_file):
    first = services.ingest_path(article_file)
    second = services.ingest_path(article_file)
    assert (first.status, second.status) == ("created", "unchanged")
    assert second.article_id == first.article_id
    assert Article.objects.count() == 1
    assert ArticleImage.objects.count() == 1


def test_the_same_article_in_traditional_characters_or_other_spacing_is_unchanged(
    tmp_path, article_file
):
    services.ingest_path(article_file)
    copy = tmp_path / "copy.md"
    traditional = opencc.OpenCC("s2tw").convert(ARTICLE).replace("第二段文字。", "第二段  文字。")
    assert traditional != ARTICLE
    copy.write_bytes(traditional.encode("big5"))
    assert services.ingest_path(copy).status == "unchanged"
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "file is empty"), (b"\x00\x01binary", "binary"), (b"no headline here\n", "no headline")],
)
def test_a_bad_file_fails_with_its_reason_and_leaves_nothing(tmp_path, content, reason):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    outcome = services.ingest_path(path)
    assert outcome.status == "failed"
    assert reason in outcome.reason
    assert Article.objects.count() == 0
    assert Source.objects.count() == 0


def test_a_missing_file_fails_with_its_reason(tmp_path):
    outcome = services.ingest_path(tmp_path / "nowhere.md")
    assert outcome.status == "failed"
    assert "cannot read file" in outcome.reason


def test_the_command_prints_a_line_per_file_and_fails_when_one_fails(
    tmp_path, article_file, capsys
):
    bad = tmp_path / "empty.md"
    bad.write_bytes(b"")
    with pytest.raises(CommandError, match="1 created, 1 failed"):
        call_command("ingest", str(article_file), str(bad))
    out = capsys.readouterr().out
    assert f"{article_file}: created (article " in out
    assert f"{bad}: failed: file is empty" in out
    run = IngestRun.objects.get()
    assert run.status == IngestRun.Status.FAILED
    assert run.counts() == {"created": 1, "failed": 1}
    assert IngestItem.objects.get(status="failed").error == "file is empty"


def test_the_command_takes_folders_and_reports_unchanged_files(tmp_path, article_file, capsys):
    call_command("ingest", str(tmp_path))
    call_command("ingest", str(tmp_path))
    out = capsys.readouterr().out
    assert "unchanged" in out
    assert Article.objects.count() == 1
    assert IngestRun.objects.filter(status=IngestRun.Status.DONE).count() == 2


def test_every_demo_article_ingests(tmp_path, settings):
    articles = [
        path for path in sorted(settings.SEED_ARTICLES_DIR.iterdir()) if is_article_file(path)
    ]
    assert len(articles) >= 3, "seeds/articles should hold the demo corpus"
    outcomes = [services.ingest_path(path) for path in articles]
    assert [o.status for o in outcomes] == ["created"] * len(articles), [o.line() for o in outcomes]


def test_folders_skip_the_notes_beside_articles(tmp_path, article_file):
    (tmp_path / "SOURCES.md").write_text("# Sources\n\nWhere these came from.\n", encoding="utf-8")
    (tmp_path / "image.jpg").write_bytes(b"\xff\xd8")
    assert expand([str(tmp_path)]) == [str(article_file)]


def test_utf8_gb18030_and_big5_copies_are_one_article():
    folder = FIXTURES / "encodings"
    outcomes = [
        services.ingest_path(folder / name) for name in ("utf8.md", "gb18030.md", "big5.md")
    ]
    assert [outcome.status for outcome in outcomes] == ["created", "unchanged", "unchanged"], [
        outcome.line() for outcome in outcomes
    ]
    article = Article.objects.get()
    assert article.language == "zh" and article.headline


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.md", "file is empty"),
        ("binary.md", "binary"),
        ("unknown_encoding.md", "no known encoding"),
        ("no_headline.md", "no headline"),
    ],
)
def test_bad_fixture_files_fail_with_their_reason(name, reason):
    outcome = services.ingest_path(FIXTURES / "bad" / name)
    assert outcome.status == "failed"
    assert reason in outcome.reason
    assert Article.objects.count() == 0


PAGE = """<!doctype html><html><head><title>中俄元首会晤 - 示例新闻网</title>
<meta property="og:title" content="中俄元首在撒马尔罕会晤">
<meta property="og:site_name" content="示例新闻网">
<meta property="article:published_time" content="2022-09-15T10:00:00Z">
<meta name="author" content="张三"></head><body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/world">国际</a></li></ul></nav>
<main><article><h1>中俄元首在撒马尔罕会晤</h1>
{paragraphs}
<h2>背景</h2>
<p>上海合作组织峰会于9月15日至16日在乌兹别克斯坦撒马尔罕举行，成员国领导人出席会议并发表讲话。</p>
</article></main>
<aside><h3>相关新闻</h3><ul><li><a href="/1">美联储宣布加息七十五个基点</a></li></ul></aside>
<footer>版权所有 © 2022 示例新闻网</footer></body></html>"""


def test_an_html_page_becomes_an_article_without_its_navigation(tmp_path):
    paragraphs = "".join(
        f"<p>第{n}段：两国元首就双边关系和共同关心的国际和地区问题交换了意见，并表示将继续加强合作。</p>"
        for n in range(1, 7)
    )
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(paragraphs=paragraphs), encoding="utf-8")
    outcome = services.ingest_path(path)
    assert outcome.status == "created", outcome.reason
    article = Article.objects.get()
    assert article.headline == "中俄元首在撒马尔罕会晤"
    assert article.published.isoformat() == "2022-09-15"
    assert article.authors == ["张三"]
    texts = [text for section in article.sections() for _, text in section["paragraphs"]]
    assert texts[0].startswith("第1段") and len(texts) == 7
    assert "背景" in [section["heading"] for section in article.sections()]
    assert not any("美联储" in text or "版权所有" in text or "首页" in text for text in texts)


def test_a_page_with_no_text_fails_with_its_reason(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><title>x</title></head><body><nav><a href='/'>首页</a></nav></body></html>",
        encoding="utf-8",
    )
    outcome = services.ingest_path(path)
    assert outcome.status == "failed"
    assert "no article text" in outcome.reason
    assert Article.objects.count() == 0


def test_plain_text_without_markdown_takes_its_first_line_as_headline(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(
        "哈萨克斯坦总统会见中国国家主席\n\n两国元首在努尔苏丹举行会谈。\n\n双方签署了联合声明。\n",
        encoding="utf-8",
    )
    outcome = services.ingest_path(path)
    assert outcome.status == "created", outcome.reason
    article = Article.objects.get()
    assert article.headline == "哈萨克斯坦总统会见中国国家主席"
    assert article.sections()[0]["paragraphs"][0] == (1, "两国元首在努尔苏丹举行会谈。")


def test_the_command_fills_metadata_the_file_lacks_but_never_overrides_it(
    tmp_path, article_file, capsys
):
    plain = tmp_path / "plain.txt"
    plain.write_text("一个标题\n\n正文第一段。\n\n正文第二段。\n", encoding="utf-8")
    call_command(
        "ingest",
        str(plain),
        "--url",
        "https://example.org/a",
        "--published",
        "2022-09-14",
        "--source",
        "Example Wire",
    )
    article = Article.objects.get()
    assert (article.url, article.published.isoformat(), article.source.name) == (
        "https://example.org/a",
        "2022-09-14",
        "Example Wire",
    )
    call_command("ingest", str(article_file), "--source", "Other Wire")
    assert Article.objects.get(headline__startswith="上合").source.name == "Briefings 编辑部"


def test_the_command_refuses_one_url_for_many_files(tmp_path, article_file):
    other = tmp_path / "other.md"
    other.write_text(ARTICLE.replace("第二段", "另一段"), encoding="utf-8")
    with pytest.raises(CommandError, match="--url names one article"):
        call_command("ingest", str(article_file), str(other), "--url", "https://example.org/a")
    assert IngestRun.objects.count() == 0


def test_new_text_at_a_known_address_updates_the_article_in_place(tmp_path):
    first = tmp_path / "first.md"
    first.write_text(ARTICLE, encoding="utf-8")
    created = services.ingest_path(first, services.Metadata(url="https://example.org/news/1"))
    second = tmp_path / "second.md"
    second.write_text(ARTICLE.replace("第二段文字。", "第二段文字，已更新。"), encoding="utf-8")
    updated = services.ingest_path(
        second, services.Metadata(url="http://EXAMPLE.org/news/1/?utm_source=feed#top")
    )
    assert (created.status, updated.status) == ("created", "updated")
    assert updated.article_id == created.article_id
    article = Article.objects.get()
    assert article.url == "https://example.org/news/1"
    assert article.sections()[0]["paragraphs"][1] == (2, "第二段文字，已更新。")
    assert article.images.count() == 1


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.org/a/?utm_medium=x&id=3#frag", "https://example.org/a?id=3"),
        ("http://example.org", "https://example.org/"),
        ("https://example.org/a?fbclid=1", "https://example.org/a"),
    ],
)
def test_canonical_urls(url, canonical):
    assert services.canonical_url(url) == canonical


def test_editors_follow_a_run_and_retry_its_failures(client, make_user, tmp_path, article_file):
    from django.urls import reverse

    bad = tmp_path / "later.md"
    bad.write_bytes(b"")
    with pytest.raises(CommandError):
        call_command("ingest", str(article_file), str(bad))
    run = IngestRun.objects.get()
    client.force_login(make_user("edith", "editor"))
    page = client.get(reverse("briefings:run", args=[run.pk])).content.decode()
    assert 'max="2" value="2"' in page and "file is empty" in page and "Retry failed" in page
    fragment = client.get(reverse("briefings:run", args=[run.pk]), headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()

    bad.write_text(ARTICLE.replace("第二段文字。", "另一篇文章。"), encoding="utf-8")  # fixed
    response = client.post(reverse("briefings:run_retry", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == IngestRun.Status.DONE
    assert run.counts() == {"created": 2}
