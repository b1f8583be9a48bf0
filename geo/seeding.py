"""Load the files in seeds/ into the geo tables.

Every loader reads its files, checks every row, and only then writes, so a
bad row leaves the database as it was and raises SeedError naming the file,
the line (or the place in a JSON file) and the reason. Loading twice gives
the same rows: records are matched on their natural keys (country code, slug,
organisation + country + status + start, trip + stop order) and updated.

Order matters: countries, then organisations and memberships, then places,
then trips. load_all() runs them in that order.

Chinese aliases are stored folded with OpenCC t2s, the same folding the
article extractor applies to text, so a Taiwan spelling such as 紐西蘭 is
stored as 纽西兰. See SOURCES.md for what the alias kinds mean.
"""

import csv
import datetime
import functools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction

from geo.models import Country, Membership, Organisation, Place, Trip, TripStop

ALIAS_KINDS = {
    # A full alternative name: safe to match on its own.
    "zh": {"name", "abbrev"},
    # abbrev: one character, only meaningful inside a run of abbreviations
    # such as 中俄蒙 or 巴以; never match it alone.
    "en": {"name", "acronym", "demonym"},
}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODE_RE = re.compile(r"^[A-Z]{2}$")
ALPHA3_RE = re.compile(r"^[A-Z]{3}$")
NUMERIC_RE = re.compile(r"^\d{3}$")
ACRONYM_RE = re.compile(r"^[A-Z][A-Z.]*$")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_RE = re.compile(r"[A-Za-z]")


class SeedError(ValueError):
    """A seed file holds a row that cannot be loaded."""

    def __init__(self, path: Path, where: str, reason: str):
        self.path = path
        self.where = where
        self.reason = reason
        super().__init__(f"{path.name}, {where}: {reason}")


def default_seeds_dir() -> Path:
    return Path(settings.BASE_DIR) / "seeds"


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def fold_zh(text: str) -> str:
    """Traditional to simplified, as the extractor folds article text."""
    return _t2s().convert(text)


def _dedupe(values: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    seen = set(exclude)
    result = []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            result.append(value)
    return result


def _read_csv(path: Path, columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) with values stripped; check the header first."""
    if not path.exists():
        raise SeedError(path, "line 1", "file not found")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in columns if column not in (reader.fieldnames or [])]
        if missing:
            raise SeedError(path, "line 1", f"missing column(s): {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            if None in row:
                raise SeedError(path, f"line {line}", "more fields than columns")
            if any(value is None for value in row.values()):
                raise SeedError(path, f"line {line}", "fewer fields than columns")
            yield line, {key: value.strip() for key, value in row.items()}


def _date(path: Path, where: str, field: str, value: str, required: bool = True):
    if not value:
        if required:
            raise SeedError(path, where, f"{field} is required")
        return None
    if not DATE_RE.match(value):
        raise SeedError(path, where, f"{field} {value!r} is not a date (YYYY-MM-DD)")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise SeedError(path, where, f"{field} {value!r}: {error}") from None


def _coordinate(path: Path, where: str, field: str, value: str, limit: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise SeedError(path, where, f"{field} {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise SeedError(path, where, f"{field} {number} is outside -{limit}..{limit}")
    return number


def _required(path: Path, where: str, row: dict[str, str], *fields: str) -> None:
    for field in fields:
        if not row[field]:
            raise SeedError(path, where, f"{field} is required")


def _split_aliases(path: Path, where: str, value: str, language: str) -> list[str]:
    aliases = [alias.strip() for alias in value.split("|")] if value else []
    for alias in aliases:
        _check_script(path, where, alias, language)
    if language == "zh":
        aliases = [fold_zh(alias) for alias in aliases]
    return _dedupe(aliases)


def _check_script(path: Path, where: str, alias: str, language: str) -> None:
    if not alias:
        raise SeedError(path, where, "empty alias")
    if language == "zh" and LATIN_RE.search(alias):
        raise SeedError(path, where, f"Chinese alias {alias!r} contains Latin letters")
    if language == "en" and CJK_RE.search(alias):
        raise SeedError(path, where, f"English alias {alias!r} contains Chinese characters")


# Countries ------------------------------------------------------------------

COUNTRY_COLUMNS = [
    "code",
    "alpha3",
    "numeric",
    "name_en",
    "name_zh",
    "iso_name_en",
    "iso_official_name_en",
    "iso_name_zh",
    "iso_name_zh_tw",
    "latitude",
    "longitude",
]
ALIAS_COLUMNS = ["code", "language", "kind", "alias"]


def read_country_aliases(seeds_dir: Path | None = None, codes: set[str] | None = None):
    """Curated aliases as (code, language, kind, alias) tuples, zh folded.

    `codes` limits which country codes are accepted (all when None).
    """
    path = (seeds_dir or default_seeds_dir()) / "country_aliases.csv"
    seen: dict[tuple[str, str, str], int] = {}
    result = []
    for line, row in _read_csv(path, ALIAS_COLUMNS):
        where = f"line {line}"
        _required(path, where, row, *ALIAS_COLUMNS)
        code, language, kind, alias = (row[column] for column in ALIAS_COLUMNS)
        if codes is not None and code not in codes:
            raise SeedError(path, where, f"unknown country code {code!r}")
        if language not in ALIAS_KINDS:
            raise SeedError(path, where, f"language {language!r} is not zh or en")
        if kind not in ALIAS_KINDS[language]:
            allowed = ", ".join(sorted(ALIAS_KINDS[language]))
            raise SeedError(path, where, f"kind {kind!r} is not one of {allowed} for {language}")
        _check_script(path, where, alias, language)
        if "|" in alias:
            raise SeedError(path, where, "an alias cannot contain '|'")
        if language == "zh":
            if kind == "abbrev" and len(alias) != 1:
                raise SeedError(path, where, f"abbreviation {alias!r} must be one character")
            if kind == "name" and len(alias) < 2:
                raise SeedError(path, where, f"one-character alias {alias!r} must be kind abbrev")
            alias = fold_zh(alias)
        if kind == "acronym" and not ACRONYM_RE.match(alias):
            raise SeedError(path, where, f"acronym {alias!r} must be capitals and dots")
        key = (code, language, alias)
        if key in seen:
            raise SeedError(path, where, f"duplicate of line {seen[key]}")
        seen[key] = line
        result.append((code, language, kind, alias))
    return result


def _read_countries(seeds_dir: Path) -> list[Country]:
    path = seeds_dir / "countries.csv"
    countries: list[Country] = []
    first_line: dict[tuple[str, str], int] = {}
    iso_names: dict[str, tuple[list[str], list[str]]] = {}
    for line, row in _read_csv(path, COUNTRY_COLUMNS):
        where = f"line {line}"
        _required(path, where, row, "code", "alpha3", "numeric", "name_en", "name_zh")
        for field, pattern in (("code", CODE_RE), ("alpha3", ALPHA3_RE), ("numeric", NUMERIC_RE)):
            if not pattern.match(row[field]):
                raise SeedError(path, where, f"{field} {row[field]!r} is malformed")
            key = (field, row[field])
            if key in first_line:
                raise SeedError(path, where, f"{field} {row[field]} repeats line {first_line[key]}")
            first_line[key] = line
        if bool(row["latitude"]) != bool(row["longitude"]):
            raise SeedError(path, where, "give both latitude and longitude, or neither")
        latitude = longitude = None
        if row["latitude"]:
            latitude = _coordinate(path, where, "latitude", row["latitude"], 90)
            longitude = _coordinate(path, where, "longitude", row["longitude"], 180)
        english = [
            re.sub(r"^the ", "", row["iso_name_en"]),
            re.sub(r"^the ", "", row["iso_official_name_en"]),
        ]
        chinese = [fold_zh(row["iso_name_zh"]), fold_zh(row["iso_name_zh_tw"])]
        iso_names[row["code"]] = (english, chinese)
        countries.append(
            Country(
                code=row["code"],
                alpha3=row["alpha3"],
                numeric=row["numeric"],
                name_en=row["name_en"],
                name_zh=row["name_zh"],
                latitude=latitude,
                longitude=longitude,
            )
        )
    curated = read_country_aliases(seeds_dir, codes=set(iso_names))
    for country in countries:
        english, chinese = iso_names[country.code]
        mine = [
            (language, kind, alias)
            for code, language, kind, alias in curated
            if code == country.code
        ]
        country.aliases_en = _dedupe(
            english + [alias for language, _, alias in mine if language == "en"],
            exclude=[country.name_en],
        )
        # Names before one-character abbreviations.
        country.aliases_zh = _dedupe(
            chinese
            + [alias for language, kind, alias in mine if language == "zh" and kind == "name"]
            + [alias for language, kind, alias in mine if language == "zh" and kind == "abbrev"],
            exclude=[country.name_zh],
        )
    return countries


def load_countries(seeds_dir: Path | None = None) -> int:
    """Load countries.csv and country_aliases.csv; return the number of countries."""
    countries = _read_countries(seeds_dir or default_seeds_dir())
    Country.objects.bulk_create(
        countries,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[
            "alpha3",
            "numeric",
            "name_en",
            "name_zh",
            "aliases_en",
            "aliases_zh",
            "latitude",
            "longitude",
        ],
    )
    return len(countries)


# Organisations and memberships --------------------------------------------

ORGANISATION_COLUMNS = [
    "slug",
    "name_en",
    "name_zh",
    "abbreviation",
    "aliases_zh",
    "aliases_en",
    "founded",
]
MEMBERSHIP_COLUMNS = ["organisation", "country", "status", "start", "end", "source"]


def _check_slug(path: Path, where: str, slug: str, seen: dict[str, str], at: str) -> None:
    """SLUG must be a slug and new in this file. SEEN maps slugs to where they
    stand ("line 5", "trips[2]"); AT is where this one does."""
    try:
        validate_slug(slug)
    except ValidationError:
        raise SeedError(path, where, f"slug {slug!r} is not a slug") from None
    if slug in seen:
        raise SeedError(path, where, f"slug {slug} repeats {seen[slug]}")
    seen[slug] = at


def load_organisations(seeds_dir: Path | None = None) -> int:
    """Load organisations.csv; return the number of organisations."""
    path = (seeds_dir or default_seeds_dir()) / "organisations.csv"
    rows = []
    seen: dict[str, str] = {}
    for line, row in _read_csv(path, ORGANISATION_COLUMNS):
        where = f"line {line}"
        _required(path, where, row, "slug", "name_en", "name_zh")
        _check_slug(path, where, row["slug"], seen, f"line {line}")
        rows.append(
            {
                "slug": row["slug"],
                "name_en": row["name_en"],
                "name_zh": row["name_zh"],
                "abbreviation": row["abbreviation"],
                "aliases_zh": _split_aliases(path, where, row["aliases_zh"], "zh"),
                "aliases_en": _split_aliases(path, where, row["aliases_en"], "en"),
                "founded": _date(path, where, "founded", row["founded"], required=False),
            }
        )
    for row in rows:
        slug = row.pop("slug")
        Organisation.objects.update_or_create(slug=slug, defaults=row)
    return len(rows)


def load_memberships(seeds_dir: Path | None = None) -> int:
    """Load organisations.csv, then sco_memberships.csv; return the membership count.

    The file is the whole history of each organisation it names: memberships
    of those organisations that the file no longer lists are deleted, so a
    corrected date does not leave the old span behind.
    """
    seeds_dir = seeds_dir or default_seeds_dir()
    load_organisations(seeds_dir)
    return _load_memberships(seeds_dir)


def _load_memberships(seeds_dir: Path) -> int:
    path = seeds_dir / "sco_memberships.csv"
    organisations = {org.slug: org for org in Organisation.objects.all()}
    codes = set(Country.objects.values_list("code", flat=True))
    statuses = set(Membership.Status.values)
    rows = []
    seen: dict[tuple, int] = {}
    spans: dict[tuple[str, str], list[tuple[datetime.date, datetime.date | None, int]]] = {}
    for line, row in _read_csv(path, MEMBERSHIP_COLUMNS):
        where = f"line {line}"
        _required(path, where, row, "organisation", "country", "status", "source")
        if row["organisation"] not in organisations:
            raise SeedError(path, where, f"unknown organisation {row['organisation']!r}")
        if row["country"] not in codes:
            raise SeedError(path, where, f"unknown country code {row['country']!r}")
        if row["status"] not in statuses:
            raise SeedError(
                path, where, f"status {row['status']!r} is not one of {sorted(statuses)}"
            )
        start = _date(path, where, "start", row["start"])
        end = _date(path, where, "end", row["end"], required=False)
        if end is not None and end <= start:
            raise SeedError(path, where, f"end {end} is not after start {start}")
        key = (row["organisation"], row["country"], row["status"], start)
        if key in seen:
            raise SeedError(path, where, f"duplicate of line {seen[key]}")
        seen[key] = line
        # A country holds one status at a time in an organisation.
        for other_start, other_end, other_line in spans.get(key[:2], []):
            if (end is None or other_start < end) and (other_end is None or start < other_end):
                raise SeedError(path, where, f"overlaps the span on line {other_line}")
        spans.setdefault(key[:2], []).append((start, end, line))
        rows.append(
            (
                organisations[row["organisation"]],
                row["country"],
                row["status"],
                start,
                end,
                row["source"],
            )
        )

    kept = set()
    for organisation, code, status, start, end, source in rows:
        membership, _ = Membership.objects.update_or_create(
            organisation=organisation,
            country_id=code,
            status=status,
            start=start,
            defaults={"end": end, "source": source},
        )
        kept.add(membership.pk)
    named = {organisation.pk for organisation, *_ in rows}
    Membership.objects.filter(organisation__in=named).exclude(pk__in=kept).delete()
    return len(rows)


# Places -------------------------------------------------------------------

PLACE_COLUMNS = [
    "slug",
    "name_en",
    "name_zh",
    "aliases_zh",
    "aliases_en",
    "country",
    "latitude",
    "longitude",
]


def load_places(seeds_dir: Path | None = None) -> int:
    """Load places.csv; return the number of places."""
    path = (seeds_dir or default_seeds_dir()) / "places.csv"
    codes = set(Country.objects.values_list("code", flat=True))
    places = []
    seen: dict[str, str] = {}
    for line, row in _read_csv(path, PLACE_COLUMNS):
        where = f"line {line}"
        _required(
            path, where, row, "slug", "name_en", "name_zh", "country", "latitude", "longitude"
        )
        _check_slug(path, where, row["slug"], seen, f"line {line}")
        if row["country"] not in codes:
            raise SeedError(path, where, f"unknown country code {row['country']!r}")
        places.append(
            Place(
                slug=row["slug"],
                name_en=row["name_en"],
                name_zh=row["name_zh"],
                aliases_zh=_dedupe(
                    _split_aliases(path, where, row["aliases_zh"], "zh"), exclude=[row["name_zh"]]
                ),
                aliases_en=_dedupe(
                    _split_aliases(path, where, row["aliases_en"], "en"), exclude=[row["name_en"]]
                ),
                country_id=row["country"],
                latitude=_coordinate(path, where, "latitude", row["latitude"], 90),
                longitude=_coordinate(path, where, "longitude", row["longitude"], 180),
            )
        )
    Place.objects.bulk_create(
        places,
        update_conflicts=True,
        unique_fields=["slug"],
        update_fields=[
            "name_en",
            "name_zh",
            "aliases_zh",
            "aliases_en",
            "country",
            "latitude",
            "longitude",
        ],
    )
    return len(places)


# Trips ----------------------------------------------------------------------

TRIP_FIELDS = {"slug", "title_en", "title_zh", "traveller", "start", "end", "stops", "sources"}
STOP_FIELDS = {"place", "arrival", "departure", "purpose_en", "purpose_zh"}
TRAVELLER_FIELDS = {"key", "name_zh", "name_en", "title", "country"}


def _read_trips(path: Path) -> list[dict]:
    if not path.exists():
        raise SeedError(path, "line 1", "file not found")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SeedError(path, f"line {error.lineno}", f"invalid JSON: {error.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("trips"), list):
        raise SeedError(path, "top level", 'expected {"trips": [...]}')
    return data["trips"]


def _text(path: Path, where: str, item: dict, field: str, required: bool = True) -> str:
    value = item.get(field) or ""
    if not isinstance(value, str):
        raise SeedError(path, where, f"{field} must be a string")
    if required and not value.strip():
        raise SeedError(path, where, f"{field} is required")
    return value.strip()


def load_trips(seeds_dir: Path | None = None) -> int:
    """Load trips.json; return the number of trips.

    Creates the traveller (briefings.Person, by `key`) when missing and
    leaves an existing one as it is. Stops are matched on their order, so
    events linked to a stop survive a reload.
    """
    return _load_trips(seeds_dir or default_seeds_dir())[0]


def _load_trips(seeds_dir: Path) -> tuple[int, int]:
    """Load trips.json; return (trips, stops)."""
    path = seeds_dir / "trips.json"
    Person = apps.get_model("briefings", "Person")
    places = {place.slug: place for place in Place.objects.all()}
    codes = set(Country.objects.values_list("code", flat=True))
    trips = []
    seen: dict[str, str] = {}
    for number, item in enumerate(_read_trips(path)):
        where = f"trips[{number}]"
        if not isinstance(item, dict):
            raise SeedError(path, where, "a trip must be an object")
        unknown = set(item) - TRIP_FIELDS
        if unknown:
            raise SeedError(path, where, f"unknown field(s): {', '.join(sorted(unknown))}")
        slug = _text(path, where, item, "slug")
        _check_slug(path, where, slug, seen, f"trips[{number}]")
        start = _date(path, where, "start", item.get("start") or "")
        end = _date(path, where, "end", item.get("end") or "")
        if end < start:
            raise SeedError(path, where, f"end {end} is before start {start}")

        traveller = item.get("traveller")
        if traveller is not None:
            if not isinstance(traveller, dict):
                raise SeedError(path, f"{where}.traveller", "must be an object")
            unknown = set(traveller) - TRAVELLER_FIELDS
            if unknown:
                raise SeedError(
                    path, f"{where}.traveller", f"unknown field(s): {', '.join(sorted(unknown))}"
                )
            _text(path, f"{where}.traveller", traveller, "key")
            if traveller.get("country") and traveller["country"] not in codes:
                raise SeedError(
                    path, f"{where}.traveller", f"unknown country code {traveller['country']!r}"
                )

        stops = item.get("stops")
        if not isinstance(stops, list) or not stops:
            raise SeedError(path, where, "stops must be a non-empty list")
        checked_stops = []
        previous = start
        for order, stop in enumerate(stops, start=1):
            stop_where = f"{where}.stops[{order - 1}]"
            if not isinstance(stop, dict):
                raise SeedError(path, stop_where, "a stop must be an object")
            unknown = set(stop) - STOP_FIELDS
            if unknown:
                raise SeedError(path, stop_where, f"unknown field(s): {', '.join(sorted(unknown))}")
            place_slug = _text(path, stop_where, stop, "place")
            if place_slug not in places:
                raise SeedError(
                    path, stop_where, f"unknown place {place_slug!r} (not in places.csv)"
                )
            arrival = _date(path, stop_where, "arrival", stop.get("arrival") or "", required=False)
            departure = _date(
                path, stop_where, "departure", stop.get("departure") or "", required=False
            )
            if arrival is None and departure is None:
                raise SeedError(path, stop_where, "give an arrival or a departure date")
            for field, day in (("arrival", arrival), ("departure", departure)):
                if day is not None and not start <= day <= end:
                    raise SeedError(
                        path, stop_where, f"{field} {day} is outside the trip ({start} to {end})"
                    )
                if day is not None and day < previous:
                    raise SeedError(
                        path, stop_where, f"{field} {day} is before the previous stop ({previous})"
                    )
                if day is not None:
                    previous = day
            checked_stops.append(
                {
                    "order": order,
                    "place": places[place_slug],
                    "arrival": arrival,
                    "departure": departure,
                    "purpose_en": _text(path, stop_where, stop, "purpose_en", required=False),
                    "purpose_zh": _text(path, stop_where, stop, "purpose_zh", required=False),
                }
            )
        trips.append(
            {
                "slug": slug,
                "title_en": _text(path, where, item, "title_en"),
                "title_zh": _text(path, where, item, "title_zh", required=False),
                "traveller": traveller,
                "start": start,
                "end": end,
                "stops": checked_stops,
            }
        )

    for trip_data in trips:
        traveller = None
        if trip_data["traveller"]:
            data = trip_data["traveller"]
            traveller, _ = Person.objects.get_or_create(
                key=data["key"],
                defaults={
                    "name_zh": data.get("name_zh", ""),
                    "name_en": data.get("name_en", ""),
                    "title": data.get("title", ""),
                    "country_id": data.get("country") or None,
                },
            )
        trip, _ = Trip.objects.update_or_create(
            slug=trip_data["slug"],
            defaults={
                "title_en": trip_data["title_en"],
                "title_zh": trip_data["title_zh"],
                "traveller": traveller,
                "start": trip_data["start"],
                "end": trip_data["end"],
            },
        )
        for stop in trip_data["stops"]:
            order = stop.pop("order")
            TripStop.objects.update_or_create(trip=trip, order=order, defaults=stop)
        trip.stops.filter(order__gt=len(trip_data["stops"])).delete()
    return len(trips), sum(len(trip_data["stops"]) for trip_data in trips)


# Everything -----------------------------------------------------------------


def load_all(seeds_dir: Path | None = None) -> dict[str, int]:
    """Load every seed file in order, in one transaction; return row counts."""
    seeds_dir = seeds_dir or default_seeds_dir()
    with transaction.atomic():
        counts = {"countries": load_countries(seeds_dir)}
        counts["organisations"] = load_organisations(seeds_dir)
        counts["memberships"] = _load_memberships(seeds_dir)
        counts["places"] = load_places(seeds_dir)
        counts["trips"], counts["trip_stops"] = _load_trips(seeds_dir)
    return counts
