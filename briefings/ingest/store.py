"""Write an Extraction into the models, replacing what a previous run wrote.

`save_extraction(article, extraction)` runs in the caller's transaction (it
opens a savepoint of its own) and costs a bounded number of queries whatever
the size of the extraction: rows are written with bulk_create, people and
events are matched by key in one query each.

What editors did survives a re-run: a quote keeps its row (and so its
commentary) when the same quote is found at the same place, and a field an
editor corrected (Correction rows) is not overwritten; people are only ever
filled in, never overwritten; event rows are found by key and only filled in
(the country an event took place in, when an earlier article did not say); a
quote or event that is no longer found is deleted only if no commentary
hangs on it.
"""

from django.db import transaction

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

    Pass one GAZETTEER for a batch of articles; without one, it is loaded
    here (five queries).
    """
    extraction = extract(document, gazetteer or load_gazetteer())
    save_extraction(article, extraction)
    return extraction


@transaction.atomic
def save_extraction(article: Article, extraction: Extraction) -> None:
    known_codes = set(
        Country.objects.filter(
            code__in={item.code for item in extraction.countries}
            | {person.country for person in extraction.people if person.country}
            | {code for event in extraction.events for code in event.countries}
            | {event.country for event in extraction.events if event.country}
        ).values_list("code", flat=True)
    )
    save_countries(article, extraction, known_codes)
    people = save_people(article, extraction, known_codes)
    save_quotes(article, extraction, people)
    save_events(article, extraction, people, known_codes)
    if extraction.published and article.published is None:
        article.published = extraction.published
        article.save(update_fields=["published"])


def save_countries(article: Article, extraction: Extraction, known_codes: set[str]) -> None:
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
    article: Article, extraction: Extraction, known_codes: set[str]
) -> dict[str, Person]:
    """Find or create each Person by key, fill what they lack; link them to ARTICLE."""
    keys = [person.key for person in extraction.people]
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
            for person in extraction.people
        ],
        ignore_conflicts=True,  # a key another article created first
    )
    stored = {person.key: person for person in Person.objects.filter(key__in=keys)}
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


def save_quotes(article: Article, extraction: Extraction, people: dict[str, Person]) -> None:
    """Match quotes to the stored ones by (paragraph, position); keep corrections."""
    stored = {(row.paragraph, row.position): row for row in Quote.objects.filter(article=article)}
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
    article: Article, extraction: Extraction, people: dict[str, Person], known_codes: set[str]
) -> None:
    """Attach ARTICLE to one Event per key, creating the ones no article made yet."""
    previous = set(article.events.values_list("id", flat=True))
    Event.articles.through.objects.filter(article=article).delete()
    events = {event.key: event for event in extraction.events}
    places = dict(
        Place.objects.filter(slug__in={e.place for e in events.values() if e.place}).values_list(
            "slug", "id"
        )
    )
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
    Event.articles.through.objects.bulk_create(
        [Event.articles.through(event_id=stored[key], article_id=article.pk) for key in events],
        ignore_conflicts=True,
    )
    Event.countries.through.objects.bulk_create(
        [
            Event.countries.through(event_id=stored[key], country_id=code)
            for key, event in events.items()
            for code in event.countries
            if code in known_codes
        ],
        ignore_conflicts=True,
    )
    Event.participants.through.objects.bulk_create(
        [
            Event.participants.through(event_id=stored[key], person_id=people[person].pk)
            for key, event in events.items()
            for person in event.participants
            if person in people
        ],
        ignore_conflicts=True,
    )
    # Events this article alone reported before, and no longer does.
    orphans = previous - set(stored.values())
    if orphans:
        Event.objects.filter(
            pk__in=orphans, articles__isnull=True, commentary__isnull=True, trip_stops__isnull=True
        ).delete()
