"""Write an Extraction into the models, replacing what a previous run wrote.

`save_extraction(article, extraction)` runs in the caller's transaction (one
of its own when there is none) and costs a bounded number of queries whatever
the size of the extraction: rows are written with bulk_create, people and
events are matched by key in one query each. One query first asks what the
article holds already; for a new article (every ingest) the queries that
would find and replace earlier rows are skipped, about fifteen in all.

What editors did survives a re-run: a quote keeps its row (and so its
commentary) when the same quote is found at the same place, and a field an
editor corrected (Correction rows) is not overwritten; people are only ever
filled in, never overwritten; event rows are found by key and only filled in
(the country an event took place in, when an earlier article did not say); a
quote or event that is no longer found is deleted only if no commentary
hangs on it.
"""

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
    article: Article, document: Document, gazetteer: Gazetteer | None = None
) -> Extraction:
    """Extract DOCUMENT and store the result for ARTICLE (its stored form).

    Pass one GAZETTEER for a batch of articles; without one, load_gazetteer()
    gives the current one (one query when nothing changed).
    """
    extraction = extract(document, gazetteer or load_gazetteer())
    save_extraction(article, extraction)
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
def save_extraction(article: Article, extraction: Extraction) -> None:
    held = held_rows(article)
    known_codes = set(
        Country.objects.filter(
            code__in={item.code for item in extraction.countries}
            | {person.country for person in extraction.people if person.country}
            | {code for event in extraction.events for code in event.countries}
            | {event.country for event in extraction.events if event.country}
        ).values_list("code", flat=True)
    )
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
    ArticleCountry.objects.bulk_create(
        ArticleCountry(
            article=article,
            country_id=item.code,
            mentions=item.mentions,
            caption_only=item.caption_only,
        )
        for item in extraction.countries
        if item.code in known_codes
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
        Person.objects.bulk_update(
            changed, ["name_zh", "name_en", "title", "affiliation", "affiliation_en", "country"]
        )
    if held is None or held.people:
        ArticlePerson.objects.filter(article=article).delete()
    ArticlePerson.objects.bulk_create(
        ArticlePerson(
            article=article,
            person=stored[found.key],
            title=found.title[:200],
            affiliation=found.affiliation[:300],
            affiliation_en=found.affiliation_en[:300],
            quoted=found.quoted,
        )
        for found in extraction.people
    )
    return stored


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
    corrected = set(
        Correction.objects.filter(
            kind=Correction.Kind.QUOTE, object_id__in=[row.pk for row in stored.values()]
        ).values_list("object_id", "field")
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
            new.append(
                Quote(
                    article=article,
                    speaker=speaker,
                    text=quote.text,
                    paragraph=quote.paragraph,
                    position=quote.position,
                )
            )
            continue
        if (row.pk, "text") not in corrected:
            row.text = quote.text
        if (row.pk, "speaker") not in corrected:
            row.speaker = speaker
        changed.append(row)
    Quote.objects.bulk_create(new)
    if fresh and {quote.speaker_id for quote in new if quote.speaker_id} == {
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
    places = dict(Place.objects.filter(slug__in=slugs).values_list("slug", "id")) if slugs else {}
    Event.objects.bulk_create(
        [
            Event(
                key=key,
                title=event.title,
                kind=event.kind,
                start=event.start,
                end=event.end,
                place_id=places.get(event.place),
                country_id=event.country if event.country in known_codes else None,
            )
            for key, event in events.items()
        ],
        ignore_conflicts=True,  # the same event, stored from another article
    )
    rows = list(Event.objects.filter(key__in=list(events)).values_list("key", "id", "country_id"))
    stored = {key: pk for key, pk, _country in rows}
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

    What bulk_create(ignore_conflicts=True) does, without building a model
    instance per row (the ingest writes some forty of these per article).
    Sends no m2m_changed signal, like bulk_create. ON CONFLICT DO NOTHING is
    understood by PostgreSQL and SQLite alike."""
    pairs = list(dict.fromkeys(pairs))
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(through._meta.db_table)} ({quote(left)}, {quote(right)}) VALUES "
    for start in range(0, len(pairs), 400):  # within SQLite's limit on parameters
        batch = pairs[start : start + 400]
        sql = head + ", ".join(["(%s, %s)"] * len(batch)) + " ON CONFLICT DO NOTHING"
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for pair in batch for value in pair])


def _drop_orphans(previous: set[int], kept: set[int]) -> None:
    """Delete the events this article alone reported before, and no longer does."""
    orphans = previous - kept
    if orphans:
        Event.objects.filter(
            pk__in=orphans, articles__isnull=True, commentary__isnull=True, trip_stops__isnull=True
        ).delete()
