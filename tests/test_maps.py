"""The itinerary and SCO maps (geo.maps, geo.views) and the static files they load."""

import datetime
import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import folium
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from briefings.models import Article, Event
from geo import maps
from geo.models import Country, Place, Trip, TripStop
from geo.places import places_named_in
from geo.seeding import load_all
from tests.factories import samarkand_summit as make_samarkand_summit

pytestmark = pytest.mark.django_db

TRIP = "xi-central-asia-2022-09"
STATIC = Path(settings.BASE_DIR) / "static"
PAGE_LIMIT = 100 * 1024
SCO_MEMBERS_2022 = {"CN", "RU", "KZ", "KG", "TJ", "UZ", "IN", "PK"}
# Members, observers and two small dialogue partners only the 1:50m data has.
SCO_CODES = SCO_MEMBERS_2022 | {"IR", "BY", "MN", "AF", "BH", "MV"}
# What folium loads from CDNs by default.
CDN_ASSETS = ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers", "cdn")


@pytest.fixture
def world(db):
    """Countries, the SCO and its memberships, places and Xi's September 2022 trip."""
    load_all()


@pytest.fixture
def samarkand_summit(world):
    """An event at Samarkand during the stop, and one tied to the Astana stop by hand."""
    summit, article = make_samarkand_summit()
    talks = Event.objects.create(
        title="Xi meets Tokayev",
        kind=Event.Kind.BILATERAL_MEETING,
        key="talks-astana-2022",
        start=datetime.date(2022, 9, 14),
        end=datetime.date(2022, 9, 14),
    )
    TripStop.objects.get(trip__slug=TRIP, place__slug="astana").events.add(talks)
    # Elsewhere and at another time: on no stop.
    Event.objects.create(
        title="Unrelated summit",
        key="elsewhere",
        start=datetime.date(2023, 7, 4),
        end=datetime.date(2023, 7, 4),
        place=Place.objects.get(slug="samarkand"),
    )
    return summit, talks, article


class Tags(HTMLParser):
    """Every start tag of a page, as (tag, attributes)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **attrs) -> list[dict]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def statuses_in(html: str) -> dict[str, str]:
    """The SCO table of a page: {country code: status}."""
    return {
        row["data-code"]: row["data-status"] for row in Tags(html).find("tr") if "data-code" in row
    }


def assert_only_our_hosts(html: str) -> None:
    offsite = re.findall(
        r"""(?:src|href|action)\s*=\s*["']?\s*(?:[a-z]+:)?//[^"'\s>]*""", html, re.I
    )
    assert offsite == []


def assert_scripts_carry_the_nonce(response) -> None:
    policy = response.headers["Content-Security-Policy"]
    nonces = set(re.findall(r"'nonce-([^']+)'", policy))
    assert len(nonces) == 1
    for attrs in Tags(response.content.decode()).find("script"):
        if attrs.get("type") == "application/json" or attrs.get("src"):
            continue
        assert attrs.get("nonce") in nonces, attrs


# Access -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["geo:itinerary", "geo:sco"])
def test_map_pages_require_login(client, world, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_urls_are_where_the_brief_puts_them():
    assert reverse("geo:itinerary") == "/maps/itinerary/"
    assert reverse("geo:sco") == "/maps/sco/"


# The itinerary --------------------------------------------------------------


def test_itinerary_lists_the_latest_trips_stops_in_order_with_dates(reader_client, world):
    response = reader_client.get(reverse("geo:itinerary"))
    assert response.status_code == 200
    html = response.content.decode()
    stops = Tags(html).find("li", **{"class": "stop"})
    assert [s["data-place"] for s in stops] == ["beijing", "astana", "samarkand", "beijing"]
    assert [s["value"] for s in stops] == ["1", "2", "3", "4"]
    text = re.sub(r"<[^>]+>", "", html)
    for words in (
        "Beijing · 北京",
        "Astana · 阿斯塔纳",
        "Samarkand · 撒马尔罕",
        "2022-09-14",
        "2022-09-16",
    ):
        assert words in text
    # The list is plain HTML: dates in order as the page reads.
    listing = html[html.index('<ol class="itinerary">') :]
    times = re.findall(r'<time datetime="([\d-]+)"', listing)
    assert times == sorted(times)
    assert_scripts_carry_the_nonce(response)


def test_itinerary_map_has_numbered_markers_a_dashed_line_and_arrows(reader_client, world):
    html = reader_client.get(reverse("geo:itinerary"), {"trip": TRIP}).content.decode()
    assert 'class="folium-map briefings-map"' in html
    assert "L.polyline(" in html and '"dashArray": "8 6"' in html
    # Beijing is stops 1 and 4: one marker labelled "1·4".
    assert "\\u003cspan\\u003e1\\u00b74\\u003c/span\\u003e" in html
    assert html.count('"className": "stop-marker"') == 3
    assert html.count('"className": "leg"') == 3


def test_itinerary_popups_and_list_link_events_and_their_briefings(reader_client, samarkand_summit):
    summit, talks, article = samarkand_summit
    html = reader_client.get(reverse("geo:itinerary")).content.decode()
    assert summit.title in html and talks.title in html
    assert "Unrelated summit" not in html
    assert f'href="{article.get_absolute_url()}"' in html
    assert f"#event-{summit.pk}" in html
    # The same links inside the Samarkand popup, passed to Leaflet as JSON.
    popups = re.findall(r"\.bindPopup\((\"(?:[^\"\\]|\\.)*\")", html)
    samarkand = next(json.loads(p) for p in popups if "Samarkand" in json.loads(p))
    assert summit.title in samarkand and article.get_absolute_url() in samarkand
    assert "撒马尔罕" in samarkand and "2022-09-14" in samarkand


def test_any_trip_draws_the_same_way(reader_client, world):
    trip = Trip.objects.create(
        slug="li-europe-2024",
        title_en="Test trip",
        start=datetime.date(2024, 5, 1),
        end=datetime.date(2024, 5, 3),
    )
    for order, slug in enumerate(["beijing", "samarkand"], start=1):
        TripStop.objects.create(
            trip=trip,
            order=order,
            place=Place.objects.get(slug=slug),
            arrival=datetime.date(2024, 5, order),
        )
    # The latest trip is the default now; the older one stays reachable.
    html = reader_client.get(reverse("geo:itinerary")).content.decode()
    assert [s["data-place"] for s in Tags(html).find("li", **{"class": "stop"})] == [
        "beijing",
        "samarkand",
    ]
    assert f'value="{TRIP}"' in html
    older = reader_client.get(reverse("geo:itinerary"), {"trip": TRIP}).content.decode()
    assert len(Tags(older).find("li", **{"class": "stop"})) == 4


def test_an_unknown_trip_is_a_404(reader_client, world):
    assert reader_client.get(reverse("geo:itinerary"), {"trip": "no-such-trip"}).status_code == 404
    assert reader_client.get(reverse("geo:itinerary"), {"trip": "not a slug!"}).status_code == 400


def test_no_trips_is_an_empty_page_not_an_error(reader_client, db):
    response = reader_client.get(reverse("geo:itinerary"))
    assert response.status_code == 200
    assert "No trips yet." in response.content.decode()


def test_itinerary_query_count_does_not_grow_with_events(
    reader_client, samarkand_summit, django_assert_max_num_queries, read_version_afresh
):
    read_version_afresh()
    with django_assert_max_num_queries(8):
        assert reader_client.get(reverse("geo:itinerary")).status_code == 200
    summit = samarkand_summit[0]
    for n in range(5):
        extra = Event.objects.create(
            title=f"Side meeting {n}",
            key=f"side-{n}",
            start=summit.start,
            end=summit.start,
            place=summit.place,
        )
        extra.articles.add(*Article.objects.all())
    read_version_afresh()
    with django_assert_max_num_queries(8):
        html = reader_client.get(reverse("geo:itinerary")).content.decode()
    assert "Side meeting 4" in html


# The SCO map ----------------------------------------------------------------


def test_sco_map_defaults_to_the_samarkand_summit(reader_client, world):
    response = reader_client.get(reverse("geo:sco"))
    assert response.status_code == 200
    html = response.content.decode()
    statuses = statuses_in(html)
    assert {code for code, status in statuses.items() if status == "member"} == SCO_MEMBERS_2022
    assert statuses["IR"] == "acceding"
    assert statuses["BY"] == "observer"  # Belarus's accession began on the 16th
    assert "Status on 2022-09-15" in html
    assert_scripts_carry_the_nonce(response)


def test_sco_map_on_2024_07_04_has_ten_members(reader_client, world):
    html = reader_client.get(reverse("geo:sco"), {"date": "2024-07-04"}).content.decode()
    members = {code for code, status in statuses_in(html).items() if status == "member"}
    assert members == SCO_MEMBERS_2022 | {"IR", "BY"}


def test_sco_map_sends_statuses_as_json_for_the_boundary_layer(reader_client, world):
    html = reader_client.get(reverse("geo:sco"), {"date": "2022-09-15"}).content.decode()
    data = re.search(
        r'<script id="sco-status-20220915" type="application/json">(.*?)</script>', html, re.S
    )
    statuses = json.loads(data.group(1))
    assert statuses["CN"] == {"status": "member", "name_en": "China", "name_zh": "中国"}
    assert statuses["IR"]["status"] == "acceding"
    assert '"data": "sco-status-20220915"' in html
    assert '"boundaries": "/static/geo/countries.geojson"' in html
    # Boundaries are fetched by the browser, never inlined.
    assert '"FeatureCollection"' not in html and "coordinates" not in html


def test_sco_legend_and_table_are_our_html(reader_client, world):
    html = reader_client.get(reverse("geo:sco")).content.decode()
    legend = html[html.index('<ul class="legend">') :]
    legend = legend[: legend.index("</ul>")]
    for label in (
        'Member state · <span lang="zh-Hans">成员国</span> (8)',
        "Acceding state",
        "No status",
    ):
        assert label in legend
    assert maps.STATUS_STYLES["member"].colour in legend
    assert '<table class="statuses">' in html


def test_sco_quick_dates_and_the_form_swap_the_map_with_htmx(reader_client, world):
    tags = Tags(reader_client.get(reverse("geo:sco")).content.decode())
    forms = tags.find("form", **{"hx-target": "#sco-map", "hx-push-url": "true"})
    assert len(forms) == 2 and all(f["hx-get"] == "/maps/sco/" for f in forms)
    values = [b["value"] for b in tags.find("button", name="date")]
    assert values[:5] == ["2001-06-15", "2017-06-09", "2022-09-15", "2023-07-04", "2024-07-04"]
    assert values[5] == timezone.localdate().isoformat()
    assert [b["aria-pressed"] for b in tags.find("button", name="date")][2] == "true"
    assert tags.find("div", id="sco-map")[0]["hx-history"] == "false"


def test_an_htmx_request_gets_only_the_fragment(reader_client, world):
    response = reader_client.get(reverse("geo:sco"), {"date": "2024-07-04"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<head" not in html and 'id="sco-map"' not in html
    assert "leaflet.js" not in html  # Leaflet was loaded by the page
    assert len([c for c, s in statuses_in(html).items() if s == "member"]) == 10
    assert "BriefingsMaps.countryStatus(" in html
    assert "HX-Request" in response.headers["Vary"]
    assert_scripts_carry_the_nonce(response)


def test_a_history_restore_gets_the_whole_page(reader_client, world):
    response = reader_client.get(
        reverse("geo:sco"), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("15/09/2022", "Enter a date as YYYY-MM-DD"),
        ("2022-02-30", "Enter a date as YYYY-MM-DD"),
        ("1999-01-01", "Pick a date from 2001-06-15"),
        ("2999-01-01", "Pick a date from 2001-06-15"),
    ],
)
def test_a_bad_date_is_a_400_that_says_why(reader_client, world, value, message):
    response = reader_client.get(reverse("geo:sco"), {"date": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "leaflet.js" in html  # the page can still draw after an htmx swap
    fragment = reader_client.get(reverse("geo:sco"), {"date": value}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 400 and message in fragment.content.decode()


def test_sco_query_count_is_fixed(reader_client, world, django_assert_max_num_queries):
    for day in ("2001-06-15", "2024-07-04"):
        with django_assert_max_num_queries(4):
            assert reader_client.get(reverse("geo:sco"), {"date": day}).status_code == 200


# What every map page may load -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "query", "headers"),
    [
        ("geo:itinerary", {}, {}),
        ("geo:sco", {}, {}),
        ("geo:sco", {"date": "2024-07-04"}, {"HTTP_HX_REQUEST": "true"}),
        ("geo:sco", {"date": "nonsense"}, {}),
    ],
)
def test_map_pages_reference_no_other_host_and_stay_small(
    reader_client, samarkand_summit, name, query, headers
):
    response = reader_client.get(reverse(name), query, **headers)
    html = response.content.decode()
    assert_only_our_hosts(html)
    assert [name for name in CDN_ASSETS if name in html.lower()] == []
    assert len(response.content) < PAGE_LIMIT


def test_map_pages_load_our_leaflet(reader_client, world):
    html = reader_client.get(reverse("geo:sco")).content.decode()
    head = html[: html.index("</head>")]
    assert '<script src="/static/vendor/leaflet/leaflet.js"></script>' in head
    assert 'href="/static/vendor/leaflet/leaflet.css"' in head
    assert '<script src="/static/geo/sco-map.js"></script>' in head
    # folium's page-wide styles and its inline L_NO_TOUCH script are gone.
    assert "L_NO_TOUCH" not in html and "html, body {" not in html


def test_static_files_are_found_and_ours():
    for path in (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet/images/layers.png",
        "geo/countries.geojson",
        "geo/maps.js",
        "geo/sco-map.js",
        "geo/maps.css",
    ):
        assert finders.find(path), path
    # Our scripts name no other host; Leaflet has no source map to look for.
    for path in ("geo/maps.js", "geo/sco-map.js", "geo/maps.css"):
        assert not re.search(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/", (STATIC / path).read_text())
    assert "sourceMappingURL" not in (STATIC / "vendor/leaflet/leaflet.js").read_text()
    assert (STATIC / "LICENSES.md").exists()


# The boundaries ---------------------------------------------------------------


def test_boundaries_have_iso_alpha2_codes(world):
    data = json.loads((STATIC / "geo/countries.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    codes = [f["properties"]["code"] for f in data["features"]]
    assert SCO_CODES - set(codes) == set()
    known = set(Country.objects.values_list("code", flat=True))
    coded = [c for c in codes if c is not None]
    assert len(coded) == len(set(coded))
    assert set(coded) <= known
    for f in data["features"]:
        assert set(f["properties"]) == {"code", "name", "name_zh"}
        assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    china = next(f for f in data["features"] if f["properties"]["code"] == "CN")
    assert china["properties"]["name"] == "China" and china["properties"]["name_zh"] == "中国"


def test_boundaries_are_small_enough_to_fetch():
    raw = (STATIC / "geo/countries.geojson").read_bytes()
    assert len(raw) <= 250 * 1024
    assert len(gzip.compress(raw, compresslevel=9)) <= 100 * 1024


# geo.maps --------------------------------------------------------------------


def test_briefings_map_leaves_folium_defaults_alone():
    before = list(folium.Map.default_js)
    m = maps.BriefingsMap(location=(0, 0))
    m.add_js_link("other", "/static/other.js")  # a no-op on our computed list
    assert [name for name, _ in m.default_js] == ["leaflet", "briefings_maps"]
    assert folium.Map.default_js == before


def test_render_map_refuses_assets_from_other_hosts():
    from folium.plugins import Fullscreen

    m = maps.BriefingsMap(location=(0, 0))
    Fullscreen().add_to(m)
    with pytest.raises(ValueError, match="another host"):
        maps.render_map(m)


def test_tiles_only_when_configured(settings):
    assert "L.tileLayer" not in maps.status_map("x").script
    settings.MAP_TILES_URL = "/tiles/{z}/{x}/{y}.png"
    assert '"/tiles/{z}/{x}/{y}.png"' in maps.status_map("x").script


def test_strings_reach_javascript_as_json_only():
    place = Place(
        slug="x",
        name_en="</script><script>alert(1)</script>",
        name_zh="${alert(2)}",
        latitude=1.0,
        longitude=2.0,
    )
    stop = TripStop(order=1, place=place)
    rendered = maps.itinerary_map(maps.visits_of([stop]), lambda visit: "<b>${alert(3)}</b>")
    assert "</script>" not in rendered.script and "<script>" not in rendered.script
    assert "`" not in rendered.script  # no template literals for ${...} to run in


def test_leg_arrows_point_along_the_leg():
    (lat, lon), heading = maps.leg_arrow((0.0, 0.0), (0.0, 10.0))
    assert heading == pytest.approx(0) and lon == pytest.approx(5)
    assert maps.leg_arrow((0.0, 0.0), (10.0, 0.0))[1] == pytest.approx(-90)  # north is up
    assert maps.leg_arrow((40.0, 116.0), (39.6, 67.0))[1] == pytest.approx(180, abs=2)  # west


def slugs_named_in(text: str) -> set[str]:
    return {place.slug for place in places_named_in(text)}


def test_a_briefing_names_places_in_either_script_and_english_names_only_as_words(world):
    assert slugs_named_in("峰会在撒马尔罕举行。leaders met in ufa.") == {"samarkand", "ufa"}
    assert slugs_named_in("会议在ufa举行") == {"ufa"}
    assert slugs_named_in("manufacturing and climate talks") == set()  # not Ufa, not Lima
