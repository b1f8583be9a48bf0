import datetime

import pytest
from django.urls import reverse

from briefings import services
from briefings.ingest.document import Document, Image, Paragraph
from briefings.models import ArticleCountry
from geo.models import Country

pytestmark = pytest.mark.django_db


def make_article(n: int, published=datetime.date(2022, 9, 15), countries=("KZ",)):
    document = Document(
        headline=f"Headline {n}",
        language="en",
        authors=["Jane Doe"],
        source="Example News",
        published=published,
        sections=["", "Section two"],
        paragraphs=[Paragraph(1, 0, f"Opening text {n}."), Paragraph(2, 1, f"More text {n} 關係.")],
        images=[Image(src="a.jpg", caption=f"Caption {n}", credit="Agency", after_paragraph=1)],
    )
    article, _ = services.store_document(document)
    for code in countries:
        country, _ = Country.objects.get_or_create(
            code=code,
            defaults={
                "alpha3": code + "X",
                "numeric": str(100 + len(code) + n % 800),
                "name_en": code,
                "name_zh": code,
            },
        )
        ArticleCountry.objects.get_or_create(article=article, country=country)
    return article


@pytest.fixture
def countries(db):
    Country.objects.create(
        code="KZ", alpha3="KAZ", numeric="398", name_en="Kazakhstan", name_zh="哈萨克斯坦"
    )
    Country.objects.create(
        code="RU", alpha3="RUS", numeric="643", name_en="Russia", name_zh="俄罗斯"
    )


def test_the_list_shows_each_article(reader_client, countries):
    make_article(1)
    make_article(2, published=datetime.date(2023, 1, 1), countries=("RU",))
    response = reader_client.get(reverse("briefings:list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("Headline 2") < content.index("Headline 1")  # newest first
    assert "Example News" in content and "2022-09-15" in content
    assert "?country=KZ" in content


def test_the_country_filter_is_a_shareable_url(reader_client, countries):
    make_article(1, countries=("KZ",))
    make_article(2, countries=("RU",))
    response = reader_client.get(reverse("briefings:list") + "?country=kz")
    content = response.content.decode()
    assert "Headline 1" in content and "Headline 2" not in content
    assert "<html" in content  # a plain request renders the whole page


def test_htmx_requests_get_only_the_results_fragment(reader_client, countries):
    make_article(1)
    response = reader_client.get(
        reverse("briefings:list") + "?country=KZ", headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert "Headline 1" in content
    assert "<html" not in content and "<form" not in content
    assert "HX-Request" in response["Vary"]


def test_an_unknown_country_is_a_bad_request(reader_client, countries):
    response = reader_client.get(reverse("briefings:list") + "?country=XX")
    assert response.status_code == 400
    assert b"XX is not an ISO 3166 country code" in response.content


def test_search_finds_simplified_and_traditional_spellings(reader_client, countries):
    make_article(1)
    for query in ("关系", "關係"):
        response = reader_client.get(reverse("briefings:list"), {"q": query})
        assert "Headline 1" in response.content.decode(), query


def test_the_list_makes_a_fixed_number_of_queries(
    reader_client, countries, django_assert_max_num_queries, read_version_afresh
):
    for n in range(30):
        make_article(n)
    read_version_afresh()
    with django_assert_max_num_queries(9):
        reader_client.get(reverse("briefings:list"))
    read_version_afresh()
    with django_assert_max_num_queries(6):
        reader_client.get(reverse("briefings:list") + "?country=KZ", headers={"HX-Request": "true"})


def test_the_briefing_page_shows_the_article_in_sections_with_images(reader_client, countries):
    article = make_article(1)
    response = reader_client.get(article.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Headline 1",
        "Jane Doe",
        "Example News",
        "Section two",
        'id="p2"',
        "Caption 1",
        "Agency",
    ):
        assert text in content, text
    assert (
        content.index("Opening text 1.") < content.index("Caption 1") < content.index("Section two")
    )


def test_a_missing_briefing_is_404(reader_client):
    assert reader_client.get(reverse("briefings:detail", args=[999])).status_code == 404


def test_the_briefing_page_highlights_quotes_with_their_speakers(reader_client, countries):
    from briefings.models import Person, Quote

    article = make_article(1)
    speaker = Person.objects.create(key="朱志群", name_zh="朱志群", name_en="Zhu Zhiqun")
    Quote.objects.create(article=article, speaker=speaker, text="text 1", paragraph=2, position=5)
    content = reader_client.get(article.get_absolute_url()).content.decode()
    assert 'More <q class="quote"' in content
    assert ">text 1</q>" in content and "Zhu Zhiqun" in content
    assert f"?speaker={speaker.pk}" in content


def test_the_briefing_page_maps_the_places_it_names(reader_client, countries):
    from geo.models import Place

    Place.objects.create(
        slug="astana",
        name_en="Astana",
        name_zh="阿斯塔纳",
        aliases_en=["Nur-Sultan"],
        country_id="KZ",
        latitude=51.1694,
        longitude=71.4491,
    )
    document = Document(
        headline="Visit",
        language="en",
        source="Example News",
        paragraphs=[Paragraph(1, 0, "The leaders met in Nur-Sultan on Wednesday.")],
    )
    article, _ = services.store_document(document)
    content = reader_client.get(article.get_absolute_url()).content.decode()
    assert "place-marker" in content and "Astana" in content
    assert "vendor/leaflet/leaflet.js" in content


def test_htmx_filtering_pushes_a_clean_shareable_url(reader_client, countries):
    make_article(1)
    response = reader_client.get(
        reverse("briefings:list"),
        {"country": "KZ", "q": "", "since": "", "source": ""},
        headers={"HX-Request": "true"},
    )
    assert response["HX-Push-Url"] == "/?country=KZ"
    response = reader_client.get(
        reverse("briefings:list"), {"q": ""}, headers={"HX-Request": "true"}
    )
    assert response["HX-Push-Url"] == "/"


def test_the_interface_speaks_simplified_chinese_when_chosen(reader_client, countries):
    make_article(1)
    reader_client.cookies["django_language"] = "zh-hans"
    content = reader_client.get(reverse("briefings:list")).content.decode()
    assert '<html lang="zh-hans">' in content
    assert "全部国家" in content and "退出登录" in content
    # Country chips name the country in the reader's language, the other in a tooltip.
    assert 'title="KZ · Kazakhstan">哈萨克斯坦</a>' in content


def test_the_country_filter_also_finds_commentary_concerning_the_country(
    reader_client, countries, analyst
):
    from briefings.models import Commentary

    named = make_article(1, countries=("KZ",))
    commented = make_article(2, countries=("RU",))
    make_article(3, countries=("RU",))
    comment = Commentary.objects.create(
        author=analyst, article=commented, body="Matters for Astana."
    )
    comment.concerns.add("KZ")
    hidden = Commentary.objects.create(
        author=analyst, article=make_article(4, countries=("RU",)), body="x", hidden=True
    )
    hidden.concerns.add("KZ")
    content = reader_client.get(reverse("briefings:list"), {"country": "KZ"}).content.decode()
    assert named.headline in content and commented.headline in content
    assert "Headline 3<" not in content and "Headline 4<" not in content
    content = reader_client.get(reverse("briefings:list"), {"commented": "1"}).content.decode()
    assert commented.headline + "<" in content and "Headline 1<" not in content


@pytest.mark.django_db(transaction=True)
def test_cached_fragments_change_when_the_data_changes(reader_client, countries):
    make_article(1)
    url = reverse("briefings:list") + "?country=KZ"
    first = reader_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Headline 1" in first and "Headline 2" not in first
    make_article(2)
    second = reader_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Headline 2" in second


def test_pages_keep_the_filters(reader_client, countries, settings):
    settings.BRIEFINGS_PAGE_SIZE = 2
    for n in range(5):
        make_article(n)
    content = reader_client.get(
        reverse("briefings:list"), {"country": "KZ", "q": ""}
    ).content.decode()
    assert 'href="?country=KZ&amp;page=2"' in content
    second = reader_client.get(
        reverse("briefings:list"), {"country": "KZ", "page": "3"}
    ).content.decode()
    assert second.count('class="briefing"') == 1


@pytest.mark.django_db(transaction=True)
def test_the_filter_menus_follow_the_data(reader_client, countries):
    make_article(1, countries=("KZ",))
    url = reverse("briefings:list")
    first = reader_client.get(url, {"country": "KZ"}).content.decode()
    assert '<option value="KZ" selected>' in first and '<option value="UZ"' not in first
    make_article(2, countries=("UZ",))
    second = reader_client.get(url, {"country": "KZ"}).content.decode()
    assert '<option value="KZ" selected>' in second and '<option value="UZ">' in second
    third = reader_client.get(url, {"country": "UZ"}).content.decode()
    assert '<option value="KZ">' in third and '<option value="UZ" selected>' in third


def test_a_cached_fragment_is_served_without_querying_its_content(
    reader_client, countries, django_assert_max_num_queries
):
    for n in range(5):
        make_article(n)
    url = reverse("briefings:list") + "?country=KZ"
    first = reader_client.get(url, headers={"HX-Request": "true"})
    # At most the session, the data version and the user's groups: no filter
    # check, no article.
    with django_assert_max_num_queries(3) as queries:
        second = reader_client.get(url, headers={"HX-Request": "true"})
    assert second.content == first.content
    assert not any("briefings_article" in q["sql"] or "geo_country" in q["sql"] for q in queries)


def test_the_briefing_page_makes_a_fixed_number_of_queries(
    reader_client, countries, django_assert_max_num_queries, read_version_afresh
):
    from briefings.models import Event

    article = make_article(1)

    def page_queries(events: int) -> int:
        for n in range(events):
            event = Event.objects.create(
                title=f"Talks {n}",
                key=f"talks-{n}-{Event.objects.count()}",
                start=datetime.date(2022, 9, 15),
                end=datetime.date(2022, 9, 15),
            )
            event.articles.add(article, make_article(100 + Event.objects.count()))
        read_version_afresh()
        with django_assert_max_num_queries(20) as queries:
            assert reader_client.get(article.get_absolute_url()).status_code == 200
        return len(queries)

    reader_client.get(article.get_absolute_url())  # the session and user, cached
    assert page_queries(1) == page_queries(4)  # no query per event
