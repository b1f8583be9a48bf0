"""Write an Extraction into the models, replacing what a previous run wrote.

`save_extraction(article, extraction)` runs in the caller's transaction (one
of its own when there is none) and costs a bounded number of queries whatever
the size of the extraction: rows are written with one INSERT per table
(insert_rows), people and events are matched by key in one query each. One
query first asks what the article holds already (none for an article the
caller has just created); for a new article (every ingest) the queries that
would find and replace earlier rows are skipped, about fifteen in all.

What editors did survives a re-run: a quote keeps its row (and so its
commentary) when the same quote is found at the same place, and a field an
editor corrected (Correction rows) is not overwritten; people are only ever
filled in, never overwritten; event rows are found by key and only filled in
(the country an event took place in, when an earlier article did not say); a
quote or event that is no longer found is deleted only if no commentary
hangs on it.
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.db import connection, transaction

from briefings.ingest.document import Document
from briefings.ingest.extract import Extraction, extract
from briefings.ingest.gazetteer import Gazetteer, load_gazetteer
from briefings.models import (
    Article,
    ArticleCountry,
    ArticlePerson,
    Correction,
    Event,
    Person,
    Quote,
)
from geo.models import Country, Place


def extract_and_save(
    article: Article,
    document: Document,
    gazetteer: Gazetteer | None = None,
    created: bool = False,
) -> Extraction:
    """Extract DOCUMENT and store the result for ARTICLE (its stored form).

    Pass one GAZETTEER for a batch of articles; without one, load_gazetteer()
    gives the current one (one query when nothing changed). CREATED says the
    caller inserted ARTICLE in the current transaction (see save_extraction).
    """
    if gazetteer is None:
        # Checked against the tables just now, in this transaction: its
        # countries are the stored ones, and need not be asked for again.
        gazetteer = load_gazetteer()
        country_codes = gazetteer.countries.keys()
    else:
        country_codes = None
    extraction = extract(document, gazetteer)
    save_extraction(article, extraction, created=created, country_codes=country_codes)
    return extraction


@dataclass
class Held:
    """Which rows an article holds already (all False for a new article)."""

    countries: bool
    people: bool
    quotes: bool
    events: bool


def held_rows(article: Article) -> Held:
    """One query: does ARTICLE have countries, people, quotes, events stored?

    Plain SQL: the ORM spends longer compiling four EXISTS than the database
    takes to answer them, and this runs for every article ingested."""
    quote = connection.ops.quote_name
    tables = [
        ArticleCountry._meta.db_table,
        ArticlePerson._meta.db_table,
        Quote._meta.db_table,
        Event.articles.through._meta.db_table,
    ]
    column = quote("article_id")
    sql = "SELECT " + ", ".join(
        f"EXISTS (SELECT 1 FROM {quote(table)} WHERE {column} = %s)" for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [article.pk] * len(tables))
        row = cursor.fetchone()
    return Held(*(bool(value) for value in row))


# No savepoint: the caller's transaction (the ingest's, one per article) is
# what an error rolls back, and a savepoint would cost two round trips.
@transaction.atomic(savepoint=False)
def save_extraction(
    article: Article,
    extraction: Extraction,
    created: bool = False,
    country_codes: Collection[str] | None = None,
) -> None:
    """CREATED: ARTICLE was inserted in the current transaction, so no other
    rows can point at it yet and held_rows() need not ask. COUNTRY_CODES: the
    codes of the stored countries, where the caller knows them; else the
    extraction's codes are looked up (one query)."""
    held = Held(False, False, False, False) if created else held_rows(article)
    codes = (
        {item.code for item in extraction.countries}
        | {person.country for person in extraction.people if person.country}
        | {code for event in extraction.events for code in event.countries}
        | {event.country for event in extraction.events if event.country}
    )
    if country_codes is None:
        known_codes = {code for (code,) in select_rows(Country, ("code",), "code", codes)}
    else:
        known_codes = {code for code in codes if code in country_codes}
    save_countries(article, extraction, known_codes, held)
    people = save_people(article, extraction, known_codes, held)
    save_quotes(article, extraction, people, held)
    save_events(article, extraction, people, known_codes, held)
    if extraction.published and article.published is None:
        article.published = extraction.published
        article.save(update_fields=["published"])


def save_countries(
    article: Article, extraction: Extraction, known_codes: set[str], held: Held | None = None
) -> None:
    if held is None or held.countries:
        ArticleCountry.objects.filter(article=article).delete()
    insert_rows(
        ArticleCountry,
        ("article_id", "country_id", "mentions", "caption_only"),
        [
            (article.pk, item.code, item.mentions, item.caption_only)
            for item in extraction.countries
            if item.code in known_codes
        ],
    )


PERSON_FIELDS = ("name_zh", "name_en", "title", "affiliation", "affiliation_en", "country_id")


def save_people(
    article: Article, extraction: Extraction, known_codes: set[str], held: Held | None = None
) -> dict[str, Person]:
    """Find or create each Person by key, fill what they lack; link them to ARTICLE."""
    keys = [person.key for person in extraction.people]

    def create(found_people) -> None:
        Person.objects.bulk_create(
            [
                Person(
                    key=person.key,
                    name_zh=person.name_zh,
                    name_en=person.name_en,
                    title=person.title,
                    affiliation=person.affiliation,
                    affiliation_en=person.affiliation_en,
                    country_id=person.country if person.country in known_codes else None,
                )
                for person in found_people
            ],
            ignore_conflicts=True,  # a key another article created first
        )

    # People the gazetteer knew have rows already (unless deleted since).
    create([person for person in extraction.people if not person.known])
    stored = {person.key: person for person in Person.objects.filter(key__in=keys)}
    if missing := [person for person in extraction.people if person.key not in stored]:
        create(missing)
        stored |= {
            person.key: person
            for person in Person.objects.filter(key__in=[item.key for item in missing])
        }
    changed = []
    for found in extraction.people:
        person = stored[found.key]
        before = [getattr(person, name) for name in PERSON_FIELDS]
        person.name_zh = person.name_zh or found.name_zh
        person.name_en = person.name_en or found.name_en
        if not person.title and found.title:
            person.title = found.title
            person.affiliation = person.affiliation or found.affiliation
        # The English form of the affiliation the person is stored with.
        if (
            not person.affiliation_en
            and found.affiliation_en
            and (not person.affiliation or person.affiliation == found.affiliation)
        ):
            person.affiliation_en = found.affiliation_en[:300]
        if not person.country_id and found.country in known_codes:
            person.country_id = found.country
        if before != [getattr(person, name) for name in PERSON_FIELDS]:
            changed.append(person)
    if changed:
        update_people(changed)
    if held is None or held.people:
        ArticlePerson.objects.filter(article=article).delete()
    insert_rows(
        ArticlePerson,
        ("article_id", "person_id", "title", "affiliation", "affiliation_en", "quoted"),
        [
            (
                article.pk,
                stored[found.key].pk,
                found.title[:200],
                found.affiliation[:300],
                found.affiliation_en[:300],
                found.quoted,
            )
            for found in extraction.people
        ],
    )
    return stored


def update_people(people: list[Person]) -> None:
    """Write PEOPLE's PERSON_FIELDS: one UPDATE per person, with no signals, like
    bulk_update(), which would compile a CASE for every field and person
    (milliseconds, for the one or two people an article fills in)."""
    quote = connection.ops.quote_name
    table, pk = quote(Person._meta.db_table), quote(Person._meta.pk.column)
    assignments = ", ".join(
        f"{quote(Person._meta.get_field(name).column)} = %s" for name in PERSON_FIELDS
    )
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [[getattr(person, name) for name in PERSON_FIELDS] + [person.pk] for person in people],
        )


def save_quotes(
    article: Article,
    extraction: Extraction,
    people: dict[str, Person],
    held: Held | None = None,
) -> None:
    """Match quotes to the stored ones by (paragraph, position); keep corrections."""
    fresh = held is not None and not held.quotes
    stored = (
        {}
        if fresh
        else {(row.paragraph, row.position): row for row in Quote.objects.filter(article=article)}
    )
    corrected = (
        set(
            Correction.objects.filter(
                kind=Correction.Kind.QUOTE, object_id__in=[row.pk for row in stored.values()]
            ).values_list("object_id", "field")
        )
        if stored
        else set()
    )
    new, changed, seen = [], [], set()
    for quote in extraction.quotes:
        place = (quote.paragraph, quote.position)
        if place in seen:
            continue
        seen.add(place)
        speaker = people.get(quote.speaker) if quote.speaker else None
        row = stored.pop(place, None)
        if row is None:
            speaker_id = speaker.pk if speaker else None
            new.append((article.pk, speaker_id, quote.text, quote.paragraph, quote.position))
            continue
        if (row.pk, "text") not in corrected:
            row.text = quote.text
        if (row.pk, "speaker") not in corrected:
            row.speaker = speaker
        changed.append(row)
    insert_rows(Quote, ("article_id", "speaker_id", "text", "paragraph", "position"), new)
    if fresh and {speaker_id for _, speaker_id, *_ in new if speaker_id} == {
        people[person.key].pk for person in extraction.people if person.quoted
    }:
        return  # save_people marked exactly these speakers as quoted
    if changed:
        Quote.objects.bulk_update(changed, ["text", "speaker"])
    if stored:
        # Quotes no longer found; one that carries commentary stays.
        Quote.objects.filter(
            pk__in=[row.pk for row in stored.values()], commentary__isnull=True
        ).delete()
    # Whoever speaks in the article's quotes now, corrected speakers included,
    # is one of its people and quoted; nobody else is.
    speakers = set(
        Quote.objects.filter(article=article, speaker__isnull=False).values_list(
            "speaker_id", flat=True
        )
    )
    ArticlePerson.objects.bulk_create(
        [ArticlePerson(article=article, person_id=pk, quoted=True) for pk in speakers],
        ignore_conflicts=True,
    )
    links = ArticlePerson.objects.filter(article=article)
    links.filter(person_id__in=speakers).update(quoted=True)
    links.exclude(person_id__in=speakers).update(quoted=False)


def save_events(
    article: Article,
    extraction: Extraction,
    people: dict[str, Person],
    known_codes: set[str],
    held: Held | None = None,
) -> None:
    """Attach ARTICLE to one Event per key, creating the ones no article made yet."""
    previous: set[int] = set()
    if held is None or held.events:
        previous = set(article.events.values_list("id", flat=True))
        Event.articles.through.objects.filter(article=article).delete()
    events = {event.key: event for event in extraction.events}
    if not events:
        _drop_orphans(previous, set())
        return
    slugs = {event.place for event in events.values() if event.place}
    places = dict(select_rows(Place, ("slug", "id"), "slug", slugs))
    stored = dict(
        insert_rows(
            Event,
            ("key", "title", "kind", "start", "end", "place_id", "country_id"),
            [
                (
                    key,
                    event.title,
                    event.kind,
                    event.start,
                    event.end,
                    places.get(event.place),
                    event.country if event.country in known_codes else None,
                )
                for key, event in events.items()
            ],
            ignore_conflicts=True,  # the same event, stored from another article
            returning=("key", "id"),
        )
    )
    # The events other articles stored first (all of them, where the database
    # does not say which rows it inserted).
    earlier = [key for key in events if key not in stored]
    rows = (
        list(
            Event.objects.filter(key__in=earlier).order_by().values_list("key", "id", "country_id")
        )
        if earlier
        else []
    )
    stored |= {key: pk for key, pk, _country in rows}
    # An event another article stored without knowing where it took place.
    located = [
        Event(pk=pk, country_id=events[key].country)
        for key, pk, country in rows
        if country is None and events[key].country in known_codes
    ]
    if located:
        Event.objects.bulk_update(located, ["country"])
    insert_links(
        Event.articles.through,
        "event_id",
        "article_id",
        [(stored[key], article.pk) for key in events],
    )
    insert_links(
        Event.countries.through,
        "event_id",
        "country_id",
        [
            (stored[key], code)
            for key, event in events.items()
            for code in event.countries
            if code in known_codes
        ],
    )
    insert_links(
        Event.participants.through,
        "event_id",
        "person_id",
        [
            (stored[key], people[person].pk)
            for key, event in events.items()
            for person in event.participants
            if person in people
        ],
    )
    _drop_orphans(previous, set(stored.values()))


def insert_links(through, left: str, right: str, pairs: list[tuple]) -> None:
    """Add rows to a many-to-many table, skipping those it has: one INSERT.
    Sends no m2m_changed signal, like bulk_create."""
    insert_rows(through, (left, right), list(dict.fromkeys(pairs)), ignore_conflicts=True)


def select_rows(model, columns: tuple[str, ...], key: str, values) -> list[tuple]:
    """COLUMNS of MODEL's rows whose KEY column is one of VALUES: one SELECT
    (per 800 values), written out for the reason insert_rows() gives."""
    quote = connection.ops.quote_name
    head = (
        f"SELECT {', '.join(quote(column) for column in columns)} "
        f"FROM {quote(model._meta.db_table)} WHERE {quote(key)} IN "
    )
    values = list(values)
    found = []
    for start in range(0, len(values), 800):
        batch = values[start : start + 800]
        with connection.cursor() as cursor:
            cursor.execute(head + "(" + ", ".join(["%s"] * len(batch)) + ")", batch)
            found += cursor.fetchall()
    return found


def insert_rows(
    model,
    columns: tuple[str, ...],
    rows: list[tuple],
    ignore_conflicts: bool = False,
    returning: tuple[str, ...] = (),
) -> list[tuple]:
    """Insert ROWS, tuples of values for COLUMNS, into MODEL's table: one INSERT
    (per 800 values, within SQLite's limit on parameters).

    What bulk_create() does, without building a model instance per row and
    compiling the statement for each call: that cost more than the queries
    themselves, for some ninety rows an article. So no signals, no field
    defaults (give every column that has no database default) and no value
    conversion beyond the database driver's (plain strings, numbers, dates).
    With IGNORE_CONFLICTS, rows that would break a unique constraint are
    skipped: ON CONFLICT DO NOTHING, understood by PostgreSQL and SQLite alike.
    Returns the RETURNING columns of the rows inserted (not of those skipped)
    where the database can say (PostgreSQL, SQLite 3.35+), else nothing."""
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(column) for column in columns)}) VALUES "
    )
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    if returning and connection.features.can_return_rows_from_bulk_insert:
        tail += " RETURNING " + ", ".join(quote(column) for column in returning)
    else:
        returning = ()
    inserted = []
    size = max(1, 800 // len(columns))
    for start in range(0, len(rows), size):
        batch = rows[start : start + size]
        with connection.cursor() as cursor:
            cursor.execute(
                head + ", ".join([placeholders] * len(batch)) + tail,
                [value for row in batch for value in row],
            )
            if returning:
                inserted += cursor.fetchall()
    return inserted


def _drop_orphans(previous: set[int], kept: set[int]) -> None:
    """Delete the events this article alone reported before, and no longer does."""
    orphans = previous - kept
    if orphans:
        Event.objects.filter(
            pk__in=orphans, articles__isnull=True, commentary__isnull=True, trip_stops__isnull=True
        ).delete()
