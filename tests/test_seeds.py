"""The seed files and their loader (geo.seeding, manage.py load_seeds)."""

import datetime
import json
import math
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from geo.models import Country, Membership, Organisation, Place, Trip, TripStop
from geo.seeding import SeedError, fold_zh, load_all, load_countries, load_memberships

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"

# Natural Earth's 1:50m map draws Hong Kong and Macao within China: boxes
# (south, north, west, east) for those two.
SAR_BOXES = {"HK": (22.1, 22.6, 113.8, 114.5), "MO": (22.1, 22.25, 113.5, 113.65)}
# Its Palestine is the West Bank alone; the Gaza Strip lies within Israel's outline.
DRAWN_WITHIN = {"gaza": "IL"}
# Capitals on islands the 1:50m outlines leave out (Nassau, Adamstown, Cockburn
# Town, Port Vila), and Laayoune, whose territory they draw otherwise.
NOT_ON_THE_MAP = {"BS", "PN", "TC", "VU", "EH"}
# A coastal city may fall just offshore of the simplified coastline.
COAST = 0.25  # degrees


def boundaries() -> dict[str, list]:
    """Each country's polygons (lists of rings of [lon, lat]) from the
    vendored Natural Earth boundaries, by ISO code."""
    collection = json.loads((Path(settings.BASE_DIR) / "static/geo/countries.geojson").read_text())
    shapes: dict[str, list] = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        shapes.setdefault(feature["properties"]["code"], []).extend(polygons)
    return shapes


def inside(lon: float, lat: float, polygons: list) -> bool:
    """Even-odd ray casting over every ring, so holes count as outside."""
    crossings = 0
    for polygon in polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    crossings += 1
    return crossings % 2 == 1


def near(lon: float, lat: float, polygons: list) -> bool:
    """Inside the polygons, or within COAST degrees of one of their edges."""
    if inside(lon, lat, polygons):
        return True
    for polygon in polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                dx, dy = x2 - x1, y2 - y1
                along = ((lon - x1) * dx + (lat - y1) * dy) / ((dx * dx + dy * dy) or 1)
                along = min(max(along, 0.0), 1.0)
                if math.hypot(x1 + along * dx - lon, y1 + along * dy - lat) <= COAST:
                    return True
    return False


FOUNDERS = {"CN", "RU", "KZ", "KG", "TJ", "UZ"}


@pytest.fixture
def seeded() -> dict[str, int]:
    return load_all()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A copy of seeds/ that a test may break."""
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy, ignore=shutil.ignore_patterns("articles", "tools"))
    return copy


def replace_line(path: Path, number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[number - 1], f"{old!r} is not on line {number} of {path.name}"
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def sco_on(day: datetime.date) -> dict[str, set[str]]:
    sco = Organisation.objects.get(slug="sco")
    result: dict[str, set[str]] = {}
    for membership in sco.memberships_on(day):
        result.setdefault(membership.status, set()).add(membership.country_id)
    return result


class TestCountries:
    def test_it_loads_every_iso_3166_country(self, seeded):
        assert seeded["countries"] == 249
        assert Country.objects.count() == 249

    def test_kazakhstan_has_its_codes_names_and_aliases(self, seeded):
        kz = Country.objects.get(code="KZ")
        assert (kz.alpha3, kz.numeric) == ("KAZ", "398")
        assert (kz.name_en, kz.name_zh) == ("Kazakhstan", "哈萨克斯坦")
        assert {"Republic of Kazakhstan", "Kazakh", "Kazakhstani"} <= set(kz.aliases_en)
        # 哈薩克 (Taiwan) is stored folded; 哈 is the abbreviation in 中哈.
        assert {"哈萨克", "哈萨克斯坦共和国", "哈"} <= set(kz.aliases_zh)
        assert kz.latitude == pytest.approx(51.18, abs=0.05)
        assert kz.longitude == pytest.approx(71.45, abs=0.05)

    def test_display_names_are_the_everyday_forms(self, seeded):
        names = dict(Country.objects.values_list("code", "name_zh"))
        assert names["KR"] == "韩国"
        assert names["KP"] == "朝鲜"
        assert names["KG"] == "吉尔吉斯斯坦"
        assert names["KH"] == "柬埔寨"
        assert names["TW"] == "台湾"
        english = dict(Country.objects.values_list("code", "name_en"))
        assert english["RU"] == "Russia"
        assert english["IR"] == "Iran"
        assert english["KR"] == "South Korea"

    def test_the_iso_names_stay_as_aliases(self, seeded):
        kr = Country.objects.get(code="KR")
        assert "大韩民国" in kr.aliases_zh
        assert "Korea, Republic of" in kr.aliases_en
        ru = Country.objects.get(code="RU")
        assert "Russian Federation" in ru.aliases_en
        assert "俄罗斯联邦" in ru.aliases_zh

    def test_news_aliases_are_present(self, seeded):
        aliases = {c.code: (set(c.aliases_zh), set(c.aliases_en)) for c in Country.objects.all()}
        assert {"沙特", "沙乌地阿拉伯"} <= aliases["SA"][0]
        assert {"纽西兰", "新"} <= aliases["NZ"][0]
        assert {"乌兹别克", "乌"} <= aliases["UZ"][0]
        assert {"南韩", "韩"} <= aliases["KR"][0]
        assert {"北韩", "朝"} <= aliases["KP"][0]
        assert {"中国台湾", "台湾地区", "中华民国"} <= aliases["TW"][0]
        assert {"中国香港", "港"} <= aliases["HK"][0]
        assert {"中国澳门"} <= aliases["MO"][0]
        assert {"Macau"} <= aliases["MO"][1]
        assert {"蒙古", "蒙"} <= aliases["MN"][0]
        assert {"US", "U.S.", "USA", "America", "American"} <= aliases["US"][1]
        assert {"UK", "Britain", "British"} <= aliases["GB"][1]
        assert {"Russian"} <= aliases["RU"][1]
        assert {"Chinese", "PRC"} <= aliases["CN"][1]
        assert {"中", "华", "俄", "美", "日", "印", "巴", "哈"} == {
            abbrev
            for code in ("CN", "RU", "US", "JP", "IN", "PK", "KZ")
            for abbrev in aliases[code][0]
            if len(abbrev) == 1
        }

    def test_chinese_aliases_are_stored_folded(self, seeded):
        for country in Country.objects.all():
            for alias in country.aliases_zh:
                assert fold_zh(alias) == alias, (country.code, alias)

    def test_one_character_aliases_are_the_curated_abbreviations(self, seeded):
        abbreviations = {
            line.split(",")[3]
            for line in (SEEDS / "country_aliases.csv").read_text(encoding="utf-8").splitlines()
            if ",zh,abbrev," in line
        }
        singles = {
            alias
            for country in Country.objects.all()
            for alias in country.aliases_zh
            if len(alias) == 1
        }
        assert singles == abbreviations

    def test_no_alias_repeats_the_display_name(self, seeded):
        for country in Country.objects.all():
            assert country.name_zh not in country.aliases_zh
            assert country.name_en not in country.aliases_en
            assert len(set(country.aliases_zh)) == len(country.aliases_zh)

    def test_capital_coordinates_fall_inside_their_country(self, seeded):
        shapes = boundaries()
        checked = 0
        for country in Country.objects.exclude(latitude=None):
            if country.code in shapes and country.code not in NOT_ON_THE_MAP:
                assert near(country.longitude, country.latitude, shapes[country.code]), country.code
                checked += 1
        assert checked > 200


class TestMemberships:
    def test_the_six_founders_on_the_founding_day(self, seeded):
        assert sco_on(datetime.date(2001, 6, 14)) == {}
        assert sco_on(datetime.date(2001, 6, 15)) == {"member": FOUNDERS}

    def test_india_and_pakistan_join_on_9_june_2017(self, seeded):
        before = sco_on(datetime.date(2017, 6, 8))
        assert before["member"] == FOUNDERS
        assert before["acceding"] == {"IN", "PK"}
        assert sco_on(datetime.date(2017, 6, 9))["member"] == FOUNDERS | {"IN", "PK"}

    def test_the_samarkand_summit_day(self, seeded):
        statuses = sco_on(datetime.date(2022, 9, 15))
        assert statuses["member"] == FOUNDERS | {"IN", "PK"}
        assert statuses["acceding"] == {"IR"}
        assert statuses["observer"] == {"AF", "BY", "MN"}
        # Egypt and Qatar signed on 14 September; Saudi Arabia's memorandum
        # dates from the 16th (see SOURCES.md).
        assert statuses["dialogue_partner"] == {"LK", "TR", "AZ", "AM", "KH", "NP", "EG", "QA"}

    def test_iran_joins_on_4_july_2023(self, seeded):
        statuses = sco_on(datetime.date(2023, 7, 4))
        assert len(statuses["member"]) == 9
        assert "IR" in statuses["member"]
        assert statuses["acceding"] == {"BY"}
        assert len(statuses["dialogue_partner"]) == 13

    def test_belarus_joins_on_4_july_2024(self, seeded):
        assert "BY" in sco_on(datetime.date(2024, 7, 3))["acceding"]
        statuses = sco_on(datetime.date(2024, 7, 4))
        assert len(statuses["member"]) == 10
        assert "BY" in statuses["member"]
        assert statuses["observer"] == {"AF", "MN"}
        assert len(statuses["dialogue_partner"]) == 14
        assert "LA" not in set().union(*statuses.values())

    def test_tianjin_merges_observers_and_dialogue_partners(self, seeded):
        statuses = sco_on(datetime.date(2025, 9, 1))
        assert set(statuses) == {"member", "partner"}
        assert len(statuses["member"]) == 10
        assert len(statuses["partner"]) == 17
        assert {"AF", "MN", "LA", "TR", "SA"} <= statuses["partner"]

    def test_a_country_holds_one_status_at_a_time(self, seeded):
        sco = Organisation.objects.get(slug="sco")
        days = {m.start for m in sco.memberships.all()} | {
            m.end for m in sco.memberships.all() if m.end
        }
        for day in sorted(days):
            codes = [m.country_id for m in sco.memberships_on(day)]
            assert len(codes) == len(set(codes)), day

    def test_every_membership_cites_a_source(self, seeded):
        assert not Membership.objects.filter(source="").exists()
        assert all(
            "http" in source for source in Membership.objects.values_list("source", flat=True)
        )

    def test_the_organisation_and_its_aliases(self, seeded):
        sco = Organisation.objects.get(slug="sco")
        assert (sco.abbreviation, sco.name_zh) == ("SCO", "上海合作组织")
        assert sco.founded == datetime.date(2001, 6, 15)
        assert {"上合组织", "上合"} <= set(sco.aliases_zh)
        assert "Shanghai Cooperation Organization" in sco.aliases_en


class TestPlacesAndTrips:
    def test_every_place_lies_inside_its_country(self, seeded):
        assert seeded["places"] == Place.objects.count() >= 100
        shapes = boundaries()
        for place in Place.objects.all():
            lat, lon = place.latitude, place.longitude
            if place.country_id in SAR_BOXES:
                south, north, west, east = SAR_BOXES[place.country_id]
                assert south <= lat <= north and west <= lon <= east, place.slug
                continue
            outline = shapes[DRAWN_WITHIN.get(place.slug, place.country_id)]
            assert near(lon, lat, outline), place.slug

    def test_the_boundary_check_catches_a_swapped_coordinate(self):
        shapes = boundaries()
        assert inside(116.4, 39.9, shapes["CN"])  # Beijing
        assert not inside(39.9, 116.4, shapes["CN"])
        assert inside(-104.99, 39.74, shapes["US"]) and not inside(-104.99, 39.74, shapes["CN"])

    def test_astana_was_nur_sultan(self, seeded):
        astana = Place.objects.get(slug="astana")
        assert (astana.name_en, astana.name_zh, astana.country_id) == ("Astana", "阿斯塔纳", "KZ")
        assert "Nur-Sultan" in astana.aliases_en
        assert "努尔苏丹" in astana.aliases_zh

    def test_taiwan_spellings_of_places_are_folded(self, seeded):
        assert "比斯凯克" in Place.objects.get(slug="bishkek").aliases_zh
        assert Place.objects.get(slug="taipei").name_zh == "台北"
        assert "台北市" in Place.objects.get(slug="taipei").aliases_zh

    def test_xi_central_asia_trip_has_four_stops_in_order(self, seeded):
        trip = Trip.objects.select_related("traveller").get(slug="xi-central-asia-2022-09")
        assert (trip.start, trip.end) == (datetime.date(2022, 9, 14), datetime.date(2022, 9, 16))
        assert trip.traveller.key == "习近平"
        assert trip.traveller.name_en == "Xi Jinping"
        stops = [
            (stop.order, stop.place.slug, stop.arrival, stop.departure)
            for stop in trip.stops.select_related("place")
        ]
        day = datetime.date
        assert stops == [
            (1, "beijing", None, day(2022, 9, 14)),
            (2, "astana", day(2022, 9, 14), day(2022, 9, 14)),
            (3, "samarkand", day(2022, 9, 14), day(2022, 9, 16)),
            (4, "beijing", day(2022, 9, 16), None),
        ]
        assert "Uzbekistan" in trip.stops.get(order=3).purpose_en


class TestLoading:
    def test_loading_twice_changes_nothing(self, seeded):
        def snapshot():
            return (
                Country.objects.count(),
                sorted(Country.objects.values_list("code", "aliases_zh", "aliases_en")),
                sorted(Membership.objects.values_list("country", "status", "start", "end")),
                Place.objects.count(),
                Trip.objects.count(),
                TripStop.objects.count(),
            )

        first = snapshot()
        assert load_all() == seeded
        assert snapshot() == first
        assert seeded["trip_stops"] == 4

    def test_the_traveller_is_not_duplicated_or_overwritten(self, seeded):
        from briefings.models import Person

        Person.objects.filter(key="习近平").update(title="General Secretary")
        load_all()
        person = Person.objects.get(key="习近平")
        assert person.title == "General Secretary"

    def test_the_command_prints_one_line(self, seeded):
        out = StringIO()
        call_command("load_seeds", stdout=out)
        lines = out.getvalue().strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith("Loaded 249 countries, 1 organisations,")

    def test_a_corrected_date_replaces_the_old_span(self, seeds_copy):
        load_all(seeds_copy)
        path = seeds_copy / "sco_memberships.csv"
        line = next(
            n
            for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if text.startswith("sco,LA,")
        )
        replace_line(path, line, "2025-09-01", "2025-09-02")
        load_memberships(seeds_copy)
        laos = list(Membership.objects.filter(country="LA").values_list("start", flat=True))
        assert laos == [datetime.date(2025, 9, 2)]


class TestBadRows:
    def test_a_bad_latitude_names_the_file_and_line(self, seeds_copy):
        replace_line(seeds_copy / "countries.csv", 2, "42.5078", "north")
        with pytest.raises(
            SeedError, match=r"countries\.csv, line 2: latitude 'north' is not a number"
        ):
            load_countries(seeds_copy)

    def test_an_unknown_status_names_the_file_and_line(self, seeds_copy):
        load_countries(seeds_copy)
        replace_line(seeds_copy / "sco_memberships.csv", 3, ",member,", ",founder,")
        with pytest.raises(SeedError, match=r"sco_memberships\.csv, line 3: status 'founder'"):
            load_memberships(seeds_copy)

    def test_overlapping_spans_are_refused(self, seeds_copy):
        load_countries(seeds_copy)
        with (seeds_copy / "sco_memberships.csv").open("a", encoding="utf-8") as handle:
            handle.write("sco,IN,dialogue_partner,2010-01-01,,made up\n")
        with pytest.raises(
            SeedError, match=r"sco_memberships\.csv, line 54: overlaps the span on line"
        ):
            load_memberships(seeds_copy)

    def test_a_single_character_name_must_be_an_abbreviation(self, seeds_copy):
        with (seeds_copy / "country_aliases.csv").open("a", encoding="utf-8") as handle:
            handle.write("RU,zh,name,露,\n")
        with pytest.raises(SeedError, match=r"country_aliases\.csv, line \d+: one-character alias"):
            load_countries(seeds_copy)

    def test_an_unknown_place_in_a_trip_is_refused(self, seeds_copy):
        path = seeds_copy / "trips.json"
        path.write_text(
            path.read_text(encoding="utf-8").replace('"astana"', '"nursultan"'), encoding="utf-8"
        )
        with pytest.raises(
            SeedError, match=r"trips\.json, trips\[0\]\.stops\[1\]: unknown place 'nursultan'"
        ):
            load_all(seeds_copy)

    def test_a_repeated_slug_names_where_it_first_stood(self, seeds_copy):
        replace_line(seeds_copy / "places.csv", 3, "shanghai,", "beijing,")
        with pytest.raises(SeedError, match=r"places\.csv, line 3: slug beijing repeats line 2"):
            load_all(seeds_copy)

    def test_a_repeated_trip_slug_names_where_it_first_stood(self, seeds_copy):
        path = seeds_copy / "trips.json"
        trips = json.loads(path.read_text(encoding="utf-8"))
        trips["trips"].append(trips["trips"][0])
        path.write_text(json.dumps(trips, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(
            SeedError, match=r"trips\.json, trips\[1\]: slug \S+ repeats trips\[0\]"
        ):
            load_all(seeds_copy)

    def test_a_failed_load_writes_nothing(self, seeds_copy):
        replace_line(seeds_copy / "places.csv", 5, ",CN,", ",XX,")
        with pytest.raises(SeedError, match=r"places\.csv, line 5: unknown country code 'XX'"):
            load_all(seeds_copy)
        assert Country.objects.count() == 0

    def test_the_command_reports_the_error(self, seeds_copy):
        replace_line(seeds_copy / "places.csv", 5, ",CN,", ",XX,")
        with pytest.raises(CommandError, match=r"places\.csv, line 5"):
            call_command("load_seeds", seeds_dir=seeds_copy, stdout=StringIO())


class TestAdmin:
    def test_changelists_search_aliases(self, seeded, admin_client):
        response = admin_client.get("/admin/geo/country/", {"q": "Kazakh"})
        assert response.status_code == 200
        assert "Kazakhstan" in response.text
        for model in ("place", "organisation", "membership", "trip", "tripstop"):
            assert admin_client.get(f"/admin/geo/{model}/").status_code == 200

    def test_the_trip_page_shows_its_stops(self, seeded, admin_client):
        trip = Trip.objects.get(slug="xi-central-asia-2022-09")
        response = admin_client.get(f"/admin/geo/trip/{trip.pk}/change/")
        assert response.status_code == 200
        assert "Samarkand" in response.text
