"""Name tables the extraction matches against: countries, places, people,
organisations and outlets.

A Gazetteer is plain data, so extraction stays free of the database:
`load_gazetteer()` builds one from the models, `Gazetteer.from_lists()` builds
one from plain dicts for tests. Chinese names are folded (simplified,
halfwidth) on the way in; English names keep their case, because capitals are
what tell "Turkey" from "turkey".

`load_gazetteer()` keeps the last gazetteer it built for the process and asks
the database one cheap question per call (a fingerprint: row counts, highest
ids, the newest person's key and, for the small geography tables, a sum of
name lengths) to learn whether it is still current. People and outlets added
since are read and added without rebuilding the rest, so an ingest picks up
the analyst the previous article introduced at the cost of one more small
query. What the fingerprint cannot see is an edit that keeps every count, id
and length (a person's title filled in); `clear_gazetteer_cache()` forgets
the gazetteer.
"""

import dataclasses
import itertools
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from briefings.ingest.chinese import fold, has_cjk, plain_latin


@dataclass(frozen=True)
class CountryEntry:
    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class PlaceEntry:
    slug: str
    name_zh: str
    name_en: str
    country: str


@dataclass(frozen=True)
class PersonEntry:
    key: str
    name_zh: str = ""
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    title: str = ""
    affiliation: str = ""
    country: str | None = None


@dataclass(frozen=True)
class OrganisationEntry:
    slug: str
    name_zh: str
    name_en: str
    abbreviation: str = ""


def person_key(name_zh: str = "", name_en: str = "") -> str:
    """What two articles agree on: the folded Chinese name, else the English one."""
    if name_zh:
        return "".join(fold(name_zh).split())
    return " ".join(name_en.split())


def _alias_texts(aliases: Iterable) -> list[tuple[str, str]]:
    """(alias, kind) pairs from a list of strings or of {"alias", "kind"} dicts."""
    pairs = []
    for item in aliases or ():
        if isinstance(item, Mapping):
            alias, kind = item.get("alias", ""), item.get("kind", "name")
        else:
            alias, kind = str(item), "name"
        alias = alias.strip()
        if alias:
            pairs.append((alias, kind or "name"))
    return pairs


@dataclass
class Gazetteer:
    countries: dict[str, CountryEntry] = field(default_factory=dict)
    # Folded Chinese names of two characters or more; None marks a name that
    # belongs to several countries (刚果), which must match nothing.
    country_names_zh: dict[str, str | None] = field(default_factory=dict)
    # Single-character abbreviations (俄, 美): only safe inside combined forms.
    country_abbrevs: dict[str, frozenset[str]] = field(default_factory=dict)
    country_names_en: dict[str, str | None] = field(default_factory=dict)
    places: dict[str, PlaceEntry] = field(default_factory=dict)
    place_names_zh: dict[str, str] = field(default_factory=dict)
    place_names_en: dict[str, str] = field(default_factory=dict)
    people: dict[str, PersonEntry] = field(default_factory=dict)
    person_names_zh: dict[str, str] = field(default_factory=dict)
    person_names_en: dict[str, str] = field(default_factory=dict)
    organisations: dict[str, OrganisationEntry] = field(default_factory=dict)
    organisation_names_zh: dict[str, str] = field(default_factory=dict)
    organisation_names_en: dict[str, str] = field(default_factory=dict)
    # Outlet names beyond the built-in list (the Source names in the database).
    outlets: frozenset[str] = frozenset()
    # Matchers the extraction derives from these tables, built once per
    # gazetteer. Keys derived from the people tables start with "people", from
    # the outlets with "outlets" (load_gazetteer() drops only those when only
    # people or outlets changed).
    cache: dict = field(default_factory=dict, repr=False, compare=False)
    # When load_gazetteer() made this one by adding people to an earlier one:
    # see Growth.
    grown: "Growth | None" = field(default=None, repr=False, compare=False)

    @classmethod
    def from_lists(
        cls,
        countries: Iterable[Mapping] = (),
        places: Iterable[Mapping] = (),
        people: Iterable[Mapping] = (),
        organisations: Iterable[Mapping] = (),
        outlets: Iterable[str] = (),
    ) -> "Gazetteer":
        """Build from dicts shaped like the models' fields.

        countries: code, name_zh, name_en, aliases_zh, aliases_en (aliases are
        strings, or {"alias", "kind"} dicts; a one-character Chinese alias is an
        abbreviation whatever its kind). places: slug, name_zh, name_en,
        aliases_zh, aliases_en, country. people: key (optional), name_zh,
        name_en, aliases, title, affiliation, country. organisations: slug,
        name_zh, name_en, abbreviation, aliases_zh, aliases_en.
        """
        gazetteer = cls()
        for row in countries:
            gazetteer._add_country(row)
        for row in places:
            gazetteer._add_place(row)
        for row in people:
            gazetteer._add_person(row)
        for row in organisations:
            gazetteer._add_organisation(row)
        gazetteer.outlets = frozenset(name for name in outlets if name)
        return gazetteer

    # Building -----------------------------------------------------------

    def _add_country(self, row: Mapping) -> None:
        code = row["code"].upper()
        self.countries[code] = CountryEntry(code, row.get("name_zh", ""), row.get("name_en", ""))
        names_zh = [(row.get("name_zh", ""), "name")] + _alias_texts(row.get("aliases_zh"))
        names_en = [(row.get("name_en", ""), "name")] + _alias_texts(row.get("aliases_en"))
        for alias, kind in names_zh + names_en:
            if has_cjk(alias):
                folded = fold(alias).replace(" ", "")
                if len(folded) == 1:
                    codes = self.country_abbrevs.get(folded, frozenset())
                    self.country_abbrevs[folded] = codes | {code}
                else:
                    _put_unique(self.country_names_zh, folded, code)
            elif alias and kind != "abbrev":
                # Côte d'Ivoire is also written Cote d'Ivoire, and with ’.
                for spelling in dict.fromkeys(
                    form.replace("'", quote)
                    for form in (alias, plain_latin(alias))
                    for quote in ("'", "’")
                ):
                    _put_unique(self.country_names_en, spelling, code)

    def _add_place(self, row: Mapping) -> None:
        country = row.get("country") or row.get("country_id") or ""
        entry = PlaceEntry(row["slug"], row.get("name_zh", ""), row.get("name_en", ""), country)
        self.places[entry.slug] = entry
        for alias, _kind in [(entry.name_zh, "name"), *_alias_texts(row.get("aliases_zh"))]:
            if alias:
                self.place_names_zh.setdefault(fold(alias), entry.slug)
        for alias, _kind in [(entry.name_en, "name"), *_alias_texts(row.get("aliases_en"))]:
            if alias:
                self.place_names_en.setdefault(alias, entry.slug)

    def _add_person(self, row: Mapping) -> None:
        name_zh = fold(row.get("name_zh", "") or "")
        name_en = row.get("name_en", "") or ""
        key = row.get("key") or person_key(name_zh, name_en)
        aliases = tuple(alias for alias, _kind in _alias_texts(row.get("aliases")))
        entry = PersonEntry(
            key=key,
            name_zh=name_zh,
            name_en=name_en,
            aliases=aliases,
            title=row.get("title", "") or "",
            affiliation=row.get("affiliation", "") or "",
            country=(row.get("country") or row.get("country_id") or None),
        )
        self.people[key] = entry
        for alias in (name_zh, name_en, *aliases):
            if not alias:
                continue
            if has_cjk(alias):
                folded = fold(alias).replace(" ", "")
                self.person_names_zh.setdefault(folded, key)
                # 普京 and 弗拉基米尔·普京 are both written with and without the dot.
                self.person_names_zh.setdefault(folded.replace("·", "").replace("・", ""), key)
            else:
                spaced = " ".join(alias.split())
                self.person_names_en.setdefault(spaced, key)
                # Luiz Inácio Lula da Silva is Luiz Inacio in most English copy.
                self.person_names_en.setdefault(plain_latin(spaced), key)

    def _add_organisation(self, row: Mapping) -> None:
        entry = OrganisationEntry(
            row["slug"], row.get("name_zh", ""), row.get("name_en", ""), row.get("abbreviation", "")
        )
        self.organisations[entry.slug] = entry
        names = [entry.name_zh, entry.name_en, entry.abbreviation]
        names += [alias for alias, _ in _alias_texts(row.get("aliases_zh"))]
        names += [alias for alias, _ in _alias_texts(row.get("aliases_en"))]
        for name in names:
            if not name:
                continue
            if has_cjk(name):
                self.organisation_names_zh.setdefault(fold(name), entry.slug)
            else:
                self.organisation_names_en.setdefault(name, entry.slug)

    # Lookups --------------------------------------------------------------

    def person(self, key: str) -> PersonEntry | None:
        return self.people.get(key)

    def country_name(self, code: str, language: str) -> str:
        entry = self.countries.get(code)
        if entry is None:
            return code
        return (entry.name_zh or entry.name_en) if language == "zh" else (entry.name_en or code)


def _put_unique(table: dict, name: str, code: str) -> None:
    """Add NAME for CODE; a name two countries share maps to None."""
    if name in table and table[name] != code:
        table[name] = None
    else:
        table[name] = code


PERSON_FIELDS = ("key", "name_zh", "name_en", "aliases", "title", "affiliation", "country_id")


def _read_tables() -> Gazetteer:
    """Build the tables from the database (five queries)."""
    from briefings.models import Person, Source
    from geo.models import Country, Organisation, Place

    countries = Country.objects.values("code", "name_zh", "name_en", "aliases_zh", "aliases_en")
    places = Place.objects.values(
        "slug", "name_zh", "name_en", "aliases_zh", "aliases_en", "country_id"
    )
    people = Person.objects.values(*PERSON_FIELDS)
    organisations = Organisation.objects.values(
        "slug", "name_zh", "name_en", "abbreviation", "aliases_zh", "aliases_en"
    )
    outlets = Source.objects.filter(kind=Source.Kind.OUTLET).values_list("name", flat=True)
    return Gazetteer.from_lists(countries, places, people, organisations, outlets)


def fingerprint() -> dict[str, tuple]:
    """What changes when the tables do, per part ("geo", "people", "outlets"): one query.

    Counts and highest ids see rows added and removed; for the small
    geography tables (a few hundred rows) a sum of the lengths of their names
    and aliases also sees most edits, such as an alias added by load_seeds.
    """
    from django.db import connection

    from briefings.models import Person, Source
    from geo.models import Country, Organisation, Place

    quote = connection.ops.quote_name

    def totals(model, lengths_of: Sequence[str] = (), where: str = "") -> str:
        """A one-row table from one scan of MODEL's table: the row count, the
        highest id and, for LENGTHS_OF, the sum of those columns' lengths."""
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        values = f"COUNT(*), MAX({pk})"
        if lengths_of:
            lengths = " + ".join(
                f"COALESCE(LENGTH(CAST({quote(c)} AS TEXT)), 0)" for c in lengths_of
            )
            values += f", COALESCE(SUM({lengths}), 0)"
        return f"(SELECT {values} FROM {table}{where})"

    names = ["name_zh", "name_en", "aliases_zh", "aliases_en"]
    outlet = f" WHERE {quote('kind')} = '{Source.Kind.OUTLET.value}'"
    tables = [
        totals(Country, names),  # geo: 3 columns each
        totals(Place, names + ["country_id"]),
        totals(Organisation, names + ["abbreviation"]),
        totals(Person),  # people: 2 columns
        totals(Source, where=outlet),  # outlets: 2 columns
    ]
    # The newest person's key too: after a rolled-back transaction (a test),
    # the same id can come back for someone else. A subquery in the select
    # list, as there may be no person at all; the one-row tables cross join
    # to one row.
    newest = (
        f"(SELECT {quote('key')} FROM {quote(Person._meta.db_table)} "
        f"ORDER BY {quote('id')} DESC LIMIT 1)"
    )
    sql = (
        "SELECT "
        + ", ".join(f"t{number}.*" for number in range(len(tables)))
        + f", {newest} FROM "
        + ", ".join(f"{table} AS t{number}" for number, table in enumerate(tables))
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return {"geo": tuple(row[:9]), "people": (*row[9:11], row[13]), "outlets": tuple(row[11:13])}


@dataclass
class Growth:
    """The people matchers of the gazetteer this one grew from, and the names
    added since: an ingest adds people with nearly every article, and the
    matchers extended by a few names cost far less than ones built again from
    every name (milliseconds an article, with ten thousand people)."""

    cache: dict
    names_zh: dict[str, str]
    names_en: dict[str, str]


@dataclass
class _Loaded:
    gazetteer: Gazetteer
    fingerprint: dict[str, tuple]
    database: str


_loaded: _Loaded | None = None
_lock = threading.Lock()


def clear_gazetteer_cache() -> None:
    """Forget the gazetteer load_gazetteer() keeps; the next call reads the tables."""
    global _loaded
    with _lock:
        _loaded = None


def load_gazetteer() -> Gazetteer:
    """The name tables as the database holds them now.

    One query when nothing changed since the last call in this process; two
    when people or outlets were added (only the new rows are read); a full
    read (five more) when anything else changed. Treat the result as read-only:
    later calls may return the same object.
    """
    global _loaded
    from django.db import connection

    current = fingerprint()
    with _lock:
        loaded = _loaded
        if (
            loaded is not None
            and loaded.database == connection.settings_dict["NAME"]
            and loaded.fingerprint["geo"] == current["geo"]
        ):
            if loaded.fingerprint == current:
                return loaded.gazetteer
            gazetteer = _updated(loaded, current)
        else:
            gazetteer = _read_tables()
        _loaded = _Loaded(gazetteer, current, connection.settings_dict["NAME"])
        return gazetteer


def _updated(loaded: _Loaded, current: dict[str, tuple]) -> Gazetteer:
    """LOADED's gazetteer with the people and outlets the fingerprint says changed.

    The tables derived from countries, places and organisations (and kept in
    Gazetteer.cache) carry over; those derived from people or outlets (cache
    keys starting "people" or "outlets") are dropped, to be rebuilt when used,
    or, when people were only added, grown from LOADED's (see Growth).
    """
    from briefings.models import Person, Source

    old = loaded.gazetteer
    gazetteer = dataclasses.replace(
        old,
        people=dict(old.people),
        person_names_zh=dict(old.person_names_zh),
        person_names_en=dict(old.person_names_en),
        cache=dict(old.cache),
    )
    gazetteer.grown = None
    if loaded.fingerprint["people"] != current["people"]:
        old_count, old_max, _old_key = loaded.fingerprint["people"]
        count = current["people"][0]
        added = list(Person.objects.filter(pk__gt=old_max or 0).values(*PERSON_FIELDS))
        only_added = old_max is not None and old_count + len(added) == count
        if not only_added:
            # Rows were deleted too: read everyone again.
            gazetteer.people, gazetteer.person_names_zh, gazetteer.person_names_en = {}, {}, {}
            added = list(Person.objects.values(*PERSON_FIELDS))
        known_zh, known_en = len(gazetteer.person_names_zh), len(gazetteer.person_names_en)
        for row in added:
            gazetteer._add_person(row)
        if only_added:
            # The names dicts keep their order: the new names come last.
            gazetteer.grown = Growth(
                {k: v for k, v in old.cache.items() if _starts(k, "people")},
                dict(itertools.islice(gazetteer.person_names_zh.items(), known_zh, None)),
                dict(itertools.islice(gazetteer.person_names_en.items(), known_en, None)),
            )
        gazetteer.cache = {k: v for k, v in gazetteer.cache.items() if not _starts(k, "people")}
    if loaded.fingerprint["outlets"] != current["outlets"]:
        outlets = Source.objects.filter(kind=Source.Kind.OUTLET).values_list("name", flat=True)
        gazetteer.outlets = frozenset(name for name in outlets if name)
        gazetteer.cache = {k: v for k, v in gazetteer.cache.items() if not _starts(k, "outlets")}
    return gazetteer


def _starts(key, prefix: str) -> bool:
    return isinstance(key, str) and key.startswith(prefix)
