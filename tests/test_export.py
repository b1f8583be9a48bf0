"""Storing an extraction, and the export built from what was stored."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefings.exports import export_articles, export_events_csv, export_quotes_csv
from briefings.ingest.document import Document, Image, Paragraph
from briefings.ingest.extract import extract
from briefings.ingest.gazetteer import load_gazetteer
from briefings.ingest.store import save_extraction
from briefings.models import Article, ArticleCountry, ArticlePerson, Event, Person, Quote, Source
from briefings.seeding import load_people
from geo.models import Country, Place

pytestmark = pytest.mark.django_db

SUMMIT = [
    "9月15日，中国国家主席习近平在撒马尔罕同俄罗斯总统普京举行会晤。",
    "北京大学国际关系学院教授张海涛认为，“这次会晤说明两国关系仍在加深，但双方都有所保留。”",
    "“哈萨克斯坦同样重要，它是倡议的起点，”张海涛说。",
]
OTHER = ["美国和日本的官员在东京讨论了贸易问题，双方同意继续谈判。"]


@pytest.fixture
def geography():
    for code, name_zh, name_en, aliases in [
        ("CN", "中国", "China", ["中"]),
        ("RU", "俄罗斯", "Russia", ["俄"]),
        ("UZ", "乌兹别克斯坦", "Uzbekistan", []),
        ("KZ", "哈萨克斯坦", "Kazakhstan", ["哈萨克"]),
        ("US", "美国", "United States", ["美"]),
        ("JP", "日本", "Japan", ["日"]),
    ]:
        Country.objects.create(
            code=code,
            alpha3=code + "X",
            numeric=str(len(code) + Country.objects.count()).zfill(3),
            name_zh=name_zh,
            name_en=name_en,
            aliases_zh=aliases,
        )
    Place.objects.create(
        slug="samarkand",
        name_zh="撒马尔罕",
        name_en="Samarkand",
        country_id="UZ",
        latitude=39.65,
        longitude=66.96,
    )
    load_people()


def document(paragraphs, headline="习近平与普京在撒马尔罕会晤", published=None, captions=()):
    return Document(
        headline=headline,
        language="zh",
        source="测试新闻",
        authors=["记者甲"],
        published=published,
        paragraphs=[Paragraph(number, 0, text) for number, text in enumerate(paragraphs, start=1)],
        images=[Image(src="a.jpg", caption=caption, credit="EPA") for caption in captions],
    )


def store(doc: Document) -> Article:
    source, _ = Source.objects.get_or_create(name=doc.source)
    article = Article.objects.create(
        source=source,
        headline=doc.headline,
        language=doc.language,
        authors=doc.authors,
        published=doc.published,
        body=doc.body(),
        content_hash=str(hash(doc.headline + "".join(p.text for p in doc.paragraphs))),
    )
    for position, image in enumerate(doc.images):
        article.images.create(
            position=position, src=image.src, caption=image.caption, credit=image.credit
        )
    save_extraction(article, extract(doc, load_gazetteer()))
    return article


def export_json(*args) -> dict:
    out = io.StringIO()
    call_command("export", "--format", "json", *args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


# Storing -------------------------------------------------------------------


def test_it_stores_countries_people_quotes_and_events(geography):
    article = store(document(SUMMIT, published=datetime.date(2022, 9, 16)))
    assert set(article.country_links.values_list("country_id", flat=True)) >= {"CN", "RU", "KZ"}
    zhang = ArticlePerson.objects.get(article=article, person__key="张海涛")
    assert (zhang.title, zhang.affiliation, zhang.quoted) == ("教授", "北京大学国际关系学院", True)
    assert list(Quote.objects.filter(article=article).values_list("speaker__key", flat=True)) == [
        "张海涛",
        "张海涛",
    ]
    event = Event.objects.get()
    assert event.kind == "bilateral_meeting"
    assert event.place.slug == "samarkand"
    assert set(event.participants.values_list("key", flat=True)) == {"习近平", "普京"}
    assert set(event.countries.values_list("code", flat=True)) == {"CN", "RU"}


def test_running_it_again_replaces_what_the_article_had(geography):
    article = store(document(SUMMIT, published=datetime.date(2022, 9, 16)))
    counts = (ArticleCountry.objects.count(), ArticlePerson.objects.count(), Quote.objects.count())
    doc = document(SUMMIT, published=datetime.date(2022, 9, 16))
    save_extraction(article, extract(doc, load_gazetteer()))
    assert (
        ArticleCountry.objects.count(),
        ArticlePerson.objects.count(),
        Quote.objects.count(),
    ) == counts
    assert Event.objects.count() == 1
    # The article rewritten without the meeting: its event goes, being no one's.
    save_extraction(article, extract(document(OTHER), load_gazetteer()))
    assert Event.objects.count() == 0
    assert set(article.country_links.values_list("country_id", flat=True)) == {"US", "JP"}
    assert Quote.objects.filter(article=article).count() == 0


def test_two_articles_on_one_event_share_one_row(geography):
    first = store(document(SUMMIT, published=datetime.date(2022, 9, 16)))
    second = store(
        document(
            ["中俄元首9月15日在撒马尔罕会晤，普京与习近平讨论了双边合作。"],
            headline="另一篇报道",
            published=datetime.date(2022, 9, 17),
        )
    )
    event = Event.objects.get()
    assert set(event.articles.all()) == {first, second}
    # Re-extracting one article keeps the event the other still reports.
    save_extraction(first, extract(document(OTHER), load_gazetteer()))
    assert list(Event.objects.get().articles.all()) == [second]


def test_people_are_shared_and_filled_in(geography):
    store(document(["张海涛表示，“局势复杂，我们需要耐心观察，不宜过早下结论。”"], headline="一"))
    store(document(SUMMIT, headline="二"))
    zhang = Person.objects.get(key="张海涛")
    assert zhang.title == "教授"  # the second article gave what the first lacked
    assert Person.objects.filter(key="张海涛").count() == 1
    assert Person.objects.get(key="普京").country_id == "RU"


def test_an_inferred_published_date_is_stored(geography):
    article = store(document(["2022年9月14日，习近平抵达哈萨克斯坦。"] + SUMMIT))
    article.refresh_from_db()
    assert article.published == datetime.date(2022, 9, 15)


# Export --------------------------------------------------------------------


def test_the_json_export_has_the_agreed_shape(geography):
    article = store(
        document(
            SUMMIT,
            published=datetime.date(2022, 9, 16),
            captions=["9月15日，普京与习近平在撒马尔罕。"],
        )
    )
    data = export_json()
    [item] = data["articles"]
    assert set(item) == {
        "id",
        "title",
        "source",
        "authors",
        "url",
        "published",
        "language",
        "countries",
        "people",
        "quotes",
        "events",
        "images",
        "commentary",
    }
    assert item["id"] == article.pk
    assert (item["title"], item["source"], item["authors"]) == (
        article.headline,
        "测试新闻",
        ["记者甲"],
    )
    assert item["published"] == "2022-09-16" and item["language"] == "zh" and item["url"] is None
    assert item["countries"][0] in ("CN", "RU")
    zhang = next(person for person in item["people"] if person["name"] == "张海涛")
    assert zhang == {
        "name": "张海涛",
        "name_en": None,
        "title": "教授",
        "affiliation": "北京大学国际关系学院",
        "affiliation_en": "",
    }
    putin = next(person for person in item["people"] if person["name"] == "普京")
    assert putin["name_en"] == "Vladimir Putin"
    assert [quote["speaker"] for quote in item["quotes"]] == ["张海涛", "张海涛"]
    assert item["quotes"][0]["paragraph"] == 2
    [event] = item["events"]
    assert event == {
        "title": "习近平与普京会晤",
        "kind": "bilateral_meeting",
        "start": "2022-09-15",
        "end": "2022-09-15",
        "place": "撒马尔罕",
        "place_en": "Samarkand",
        "country": "UZ",
        "participants": event["participants"],
    }
    assert set(event["participants"]) == {"习近平", "普京"}
    assert item["images"] == [{"caption": "9月15日，普京与习近平在撒马尔罕。", "credit": "EPA"}]
    assert item["commentary"] == []


def test_the_country_filter_keeps_articles_naming_the_country(geography):
    summit = store(document(SUMMIT, published=datetime.date(2022, 9, 16)))
    other = store(document(OTHER, headline="美日贸易"))
    assert [item["id"] for item in export_json("--country", "KZ")["articles"]] == [summit.pk]
    assert [item["id"] for item in export_json("--country", "jp")["articles"]] == [other.pk]
    assert len(export_json()["articles"]) == 2


def test_an_unknown_country_is_an_error_naming_it(geography):
    with pytest.raises(CommandError, match="XQ"):
        call_command("export", "--country", "XQ", stdout=io.StringIO())


def export_csv(*args) -> list[dict]:
    out = io.StringIO()
    call_command("export", "--format", "csv", *args, stdout=out, stderr=io.StringIO())
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_the_csv_export_has_one_row_per_quote(geography):
    summit = store(document(SUMMIT, published=datetime.date(2022, 9, 16)))
    store(document(OTHER, headline="美日贸易"))
    out, err = io.StringIO(), io.StringIO()
    call_command("export", "--format", "csv", stdout=out, stderr=err)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == [
        "article_id",
        "title",
        "source",
        "published",
        "paragraph",
        "speaker",
        "speaker_en",
        "text",
        "countries",
    ]
    assert [(row["article_id"], row["paragraph"], row["speaker"]) for row in rows] == [
        (str(summit.pk), "2", "张海涛"),
        (str(summit.pk), "3", "张海涛"),
    ]
    first = rows[0]
    assert (first["title"], first["source"], first["published"]) == (
        "习近平与普京在撒马尔罕会晤",
        "测试新闻",
        "2022-09-16",
    )
    assert first["text"].startswith("这次会晤说明两国关系仍在加深")
    assert first["speaker_en"] == ""
    assert set(first["countries"].split(";")) >= {"CN", "RU", "KZ"}
    assert err.getvalue().strip() == "exported 2 quotes"
    assert export_csv("--what", "quotes") == rows
    assert export_csv("--country", "JP") == []


def test_the_csv_export_of_events_has_one_row_per_event(geography):
    first = store(document(SUMMIT, published=datetime.date(2022, 9, 16)))
    second = store(
        document(
            ["中俄元首9月15日在撒马尔罕会晤，普京与习近平讨论了双边合作。"],
            headline="另一篇报道",
            published=datetime.date(2022, 9, 17),
        )
    )
    rows = export_csv("--what", "events")
    assert list(rows[0]) == [
        "id",
        "title",
        "kind",
        "start",
        "end",
        "place",
        "place_en",
        "country",
        "participants",
        "articles",
    ]
    [row] = rows
    event = Event.objects.get()
    assert row == {
        "id": str(event.pk),
        "title": "习近平与普京会晤",
        "kind": "bilateral_meeting",
        "start": "2022-09-15",
        "end": "2022-09-15",
        "place": "撒马尔罕",
        "place_en": "Samarkand",
        "country": "UZ",
        "participants": row["participants"],
        "articles": f"{first.pk};{second.pk}",
    }
    assert set(row["participants"].split(";")) == {"习近平", "普京"}
    # --country keeps the events the country took part in or hosted.
    assert len(export_csv("--what", "events", "--country", "RU")) == 1
    assert len(export_csv("--what", "events", "--country", "uz")) == 1
    assert export_csv("--what", "events", "--country", "JP") == []


def test_what_events_is_for_csv_only(geography):
    with pytest.raises(CommandError, match="--what"):
        call_command("export", "--what", "events", stdout=io.StringIO())


def test_an_event_without_a_place_exports_the_country_it_took_place_in(geography):
    store(
        document(
            ["9月14日，习近平对哈萨克斯坦进行国事访问。"],
            headline="访问",
            published=datetime.date(2022, 9, 16),
        )
    )
    event = Event.objects.get()
    assert (event.kind, event.place, event.country_id) == ("state_visit", None, "KZ")
    [item] = export_json()["articles"]
    assert item["events"][0]["country"] == "KZ"
    [row] = export_csv("--what", "events")
    assert (row["place"], row["country"]) == ("", "KZ")


def test_english_affiliations_are_stored_and_exported(geography):
    paragraphs = [
        "美国智库大西洋理事会（Atlantic Council）亚洲项目主任陈海伦说，“双方都在试探对方的底线，谁也不愿先让步。”"
    ]
    article = store(document(paragraphs, headline="智库"))
    chen = Person.objects.get(key="陈海伦")
    assert chen.affiliation_en == "Atlantic Council"
    link = ArticlePerson.objects.get(article=article, person=chen)
    assert (link.affiliation, link.affiliation_en) == ("大西洋理事会亚洲项目", "Atlantic Council")
    [item] = export_json()["articles"]
    person = next(person for person in item["people"] if person["name"] == "陈海伦")
    assert person["affiliation_en"] == "Atlantic Council"
    # A later article without the English name keeps it; one with another
    # affiliation does not give the person a mismatched English form.
    store(document(["陈海伦说，“我们会继续观察局势的变化，然后再作判断。”"], headline="二"))
    chen.refresh_from_db()
    assert chen.affiliation_en == "Atlantic Council"


def test_an_event_stored_without_a_country_gets_it_from_a_later_article(geography):
    from briefings.ingest.extract import EventMention, Extraction

    article = store(document(OTHER, headline="一"))
    day = datetime.date(2022, 9, 14)

    def visit(country):
        return Extraction(
            language="zh",
            events=[
                EventMention("state_visit", day, day, "访问", key="state_visit:x", country=country)
            ],
        )

    save_extraction(article, visit(None))
    assert Event.objects.get().country_id is None
    save_extraction(article, visit("KZ"))
    assert Event.objects.get().country_id == "KZ"
    save_extraction(article, visit("UZ"))  # filled in, never overwritten
    assert Event.objects.get().country_id == "KZ"


def comment_on_everything(author, article: Article) -> None:
    from briefings.models import Commentary

    Commentary.objects.create(author=author, article=article, body="On the briefing.")
    Commentary.objects.create(author=author, quote=article.quotes.first(), body="On a quote.")
    Commentary.objects.create(author=author, event=article.events.first(), body="On the event.")


@pytest.mark.parametrize(
    "run",
    [
        lambda: export_articles(),
        lambda: export_articles("CN"),
        lambda: export_quotes_csv(),
        lambda: export_quotes_csv("CN"),
        lambda: export_events_csv(),
        lambda: export_events_csv("CN"),
    ],
    ids=["json", "json-country", "quotes", "quotes-country", "events", "events-country"],
)
def test_the_export_costs_the_same_queries_for_more_articles(geography, analyst, run):
    comment_on_everything(analyst, store(document(SUMMIT, published=datetime.date(2022, 9, 16))))
    with CaptureQueriesContext(connection) as one:
        run()
    for number in range(3):
        article = store(
            document(
                SUMMIT + [f"第{number}篇。"] + [f"9月{number + 1}日，习近平在北京会见普京。"],
                headline=f"报道{number}",
                published=datetime.date(2022, 9, 16),
            )
        )
        comment_on_everything(analyst, article)
    assert Event.objects.count() == 4 and Quote.objects.count() == 8
    with CaptureQueriesContext(connection) as four:
        run()
    assert len(four.captured_queries) == len(one.captured_queries)


def test_the_json_export_carries_each_articles_visible_commentary(geography, analyst):
    from briefings.models import Commentary

    article = store(document(SUMMIT, published=datetime.date(2022, 9, 16)))
    other = store(document(OTHER, headline="美日贸易"))
    comment_on_everything(analyst, article)
    Commentary.objects.create(author=analyst, article=article, body="Hidden.", hidden=True)
    by_id = {item["id"]: item for item in export_articles()["articles"]}
    assert [row["body"] for row in by_id[article.pk]["commentary"]] == [
        "On the briefing.",
        "On a quote.",
        "On the event.",
    ]
    assert [row["target"] for row in by_id[article.pk]["commentary"]] == [
        "article",
        "quote",
        "event",
    ]
    assert by_id[other.pk]["commentary"] == []


def test_a_rerun_keeps_quote_rows_and_what_editors_corrected(geography, django_user_model):
    from briefings.commentary import correct_quote_speaker

    editor = django_user_model.objects.create_user("editor", password="a-long-test-password")
    article = store(document(SUMMIT, published=datetime.date(2022, 9, 16)))
    quote = Quote.objects.filter(article=article).order_by("paragraph").first()
    putin = Person.objects.get(key="普京")
    correct_quote_speaker(editor, quote, putin)
    save_extraction(
        article, extract(document(SUMMIT, published=datetime.date(2022, 9, 16)), load_gazetteer())
    )
    quote.refresh_from_db()  # the same row: commentary on it survives
    assert quote.speaker == putin
    assert ArticlePerson.objects.get(article=article, person=putin).quoted
    assert Quote.objects.filter(article=article).count() == 2


def test_a_known_person_deleted_since_the_gazetteer_was_read_is_created_again(geography):
    doc = document(SUMMIT, published=datetime.date(2022, 9, 16))
    extraction = extract(doc, load_gazetteer())
    assert extraction.person("普京").known
    article = store(document(OTHER, headline="一"))
    Person.objects.filter(key="普京").delete()
    save_extraction(article, extraction)
    assert Person.objects.get(key="普京").name_en == "Vladimir Putin"
    assert Event.objects.get().participants.filter(key="普京").exists()


def test_a_new_article_costs_fewer_queries_than_a_rerun(geography):
    doc = document(SUMMIT, published=datetime.date(2022, 9, 16))
    extraction = extract(doc, load_gazetteer())
    article = store(document(OTHER, headline="一"))
    fresh = Article.objects.create(
        source=article.source, headline="新", language="zh", content_hash="fresh"
    )
    with CaptureQueriesContext(connection) as new:
        save_extraction(fresh, extraction)
    with CaptureQueriesContext(connection) as rerun:
        save_extraction(fresh, extraction)
    assert len(new.captured_queries) < len(rerun.captured_queries)
    assert len(new.captured_queries) <= 14
    assert Quote.objects.filter(article=fresh).count() == 2


def test_an_article_created_in_the_transaction_is_saved_without_asking_what_it_holds(geography):
    extraction = extract(document(SUMMIT, published=datetime.date(2022, 9, 16)), load_gazetteer())
    source = Source.objects.create(name="测试新闻")
    asked = Article.objects.create(source=source, headline="甲", language="zh", content_hash="a")
    told = Article.objects.create(source=source, headline="乙", language="zh", content_hash="b")
    save_extraction(asked, extraction)
    with CaptureQueriesContext(connection) as queries:
        save_extraction(told, extraction, created=True)
    assert not any("EXISTS" in query["sql"] for query in queries.captured_queries)

    def rows(article):
        return (
            list(
                article.country_links.order_by("country").values_list(
                    "country", "mentions", "caption_only"
                )
            ),
            list(
                article.person_links.order_by("person").values_list(
                    "person", "title", "affiliation", "affiliation_en", "quoted"
                )
            ),
            list(article.quotes.values_list("speaker", "text", "paragraph", "position")),
            list(article.events.order_by("id").values_list("id", flat=True)),
        )

    assert rows(told) == rows(asked)
    assert all(rows(told))


def test_the_country_codes_the_caller_knows_spare_a_query(geography):
    gazetteer = load_gazetteer()
    extraction = extract(document(SUMMIT, published=datetime.date(2022, 9, 16)), gazetteer)
    source = Source.objects.create(name="测试新闻")
    asked = Article.objects.create(source=source, headline="甲", language="zh", content_hash="a")
    told = Article.objects.create(source=source, headline="乙", language="zh", content_hash="b")
    save_extraction(asked, extraction, created=True)
    with CaptureQueriesContext(connection) as queries:
        save_extraction(told, extraction, created=True, country_codes=gazetteer.countries.keys())
    assert not any('FROM "geo_country"' in query["sql"] for query in queries.captured_queries)
    codes = sorted(told.country_links.values_list("country", flat=True))
    assert codes == sorted(asked.country_links.values_list("country", flat=True))
    assert "RU" in codes
    # A code the caller does not know is left out, as a looked-up one would be.
    unknown = Article.objects.create(source=source, headline="丙", language="zh", content_hash="c")
    save_extraction(unknown, extraction, created=True, country_codes=set(codes) - {"RU"})
    assert set(unknown.country_links.values_list("country", flat=True)) == set(codes) - {"RU"}
