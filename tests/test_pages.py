"""The quotes, events and country pages."""

import datetime

import pytest
from django.urls import reverse

from briefings.models import Event, Person, Quote
from geo.models import Country, Membership, Organisation, Place
from tests.test_views import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    kz = Country.objects.create(
        code="KZ", alpha3="KAZ", numeric="398", name_en="Kazakhstan", name_zh="哈萨克斯坦"
    )
    uz = Country.objects.create(
        code="UZ", alpha3="UZB", numeric="860", name_en="Uzbekistan", name_zh="乌兹别克斯坦"
    )
    samarkand = Place.objects.create(
        slug="samarkand",
        name_en="Samarkand",
        name_zh="撒马尔罕",
        country=uz,
        latitude=39.65,
        longitude=66.96,
    )
    sco = Organisation.objects.create(
        slug="sco",
        name_en="Shanghai Cooperation Organisation",
        name_zh="上海合作组织",
        abbreviation="SCO",
    )
    Membership.objects.create(
        organisation=sco, country=kz, status="member", start=datetime.date(2001, 6, 15)
    )
    article = make_article(1, countries=("KZ",))
    other = make_article(2, countries=("UZ",))
    zhu = Person.objects.create(key="朱志群", name_zh="朱志群", name_en="Zhu Zhiqun")
    sun = Person.objects.create(key="孙韵", name_zh="孙韵", name_en="Yun Sun")
    Quote.objects.create(
        article=article, speaker=zhu, text="上合组织将是一个重要平台。", paragraph=2, position=0
    )
    Quote.objects.create(
        article=other, speaker=sun, text="首访表现的是信心。", paragraph=1, position=0
    )
    summit = Event.objects.create(
        title="上合组织撒马尔罕峰会",
        kind="summit",
        start=datetime.date(2022, 9, 15),
        end=datetime.date(2022, 9, 16),
        place=samarkand,
        key="summit|2022-09-15|2022-09-16|samarkand",
    )
    summit.countries.add(uz, kz)
    summit.articles.add(article)
    visit = Event.objects.create(
        title="国事访问",
        kind="state_visit",
        start=datetime.date(2022, 9, 14),
        end=datetime.date(2022, 9, 14),
        key="state_visit|2022-09-14|KZ",
    )
    visit.countries.add(kz)
    return {"article": article, "zhu": zhu, "summit": summit}


def test_quotes_filter_by_speaker_and_link_to_their_paragraph(reader_client, story):
    response = reader_client.get(reverse("briefings:quotes"), {"speaker": story["zhu"].pk})
    content = response.content.decode()
    assert "上合组织将是一个重要平台。" in content and "首访表现的是信心。" not in content
    assert f'href="/briefings/{story["article"].pk}/#p2"' in content


def test_quotes_filter_by_country_as_a_fragment(reader_client, story):
    response = reader_client.get(
        reverse("briefings:quotes"), {"country": "UZ"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert "首访表现的是信心。" in content and "重要平台" not in content
    assert "<html" not in content


def test_the_events_timeline_groups_by_date_and_filters_by_country(reader_client, story):
    content = reader_client.get(reverse("briefings:events")).content.decode()
    assert content.index('<time datetime="2022-09-14">') < content.index(
        '<time datetime="2022-09-15">'
    )
    assert "place-marker" in content  # the events are on the map too
    assert "撒马尔罕" in content and "Headline 1" in content
    content = reader_client.get(reverse("briefings:events"), {"country": "UZ"}).content.decode()
    assert "上合组织撒马尔罕峰会" in content and "国事访问" not in content


def test_a_bad_filter_is_a_400_naming_the_field(reader_client, story):
    response = reader_client.get(reverse("briefings:events"), {"since": "yesterday"})
    assert response.status_code == 400
    assert "since" in response.content.decode()


def test_the_country_page_gathers_briefings_events_quotes_and_memberships(reader_client, story):
    response = reader_client.get(reverse("briefings:country", args=["kz"]))
    content = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Kazakhstan",
        "哈萨克斯坦",
        "Headline 1",
        "上合组织撒马尔罕峰会",
        "国事访问",
        "重要平台",
        "Member state",
        "2001-06-15",
    ):
        assert text in content, text
    assert "Headline 2" not in content


def test_an_unknown_country_page_is_404(reader_client, story):
    assert reader_client.get(reverse("briefings:country", args=["XX"])).status_code == 404


def test_pages_make_a_fixed_number_of_queries(
    reader_client, story, django_assert_max_num_queries, read_version_afresh
):
    for n in range(3, 20):
        make_article(n, countries=("KZ",))
    for url in (
        reverse("briefings:quotes"),
        reverse("briefings:events"),
        reverse("briefings:country", args=["KZ"]),
        reverse("briefings:countries"),
    ):
        read_version_afresh()
        with django_assert_max_num_queries(12):
            assert reader_client.get(url).status_code == 200
