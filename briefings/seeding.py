"""Load the well-known people in seeds/people.csv into Person.

Each row is one real person with the spellings news writing uses (普京,
普丁, Putin, Vladimir Putin), so extraction maps them all to one Person.
Loading twice changes nothing; a later load adds new aliases to old rows.
"""

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction

from briefings.ingest.chinese import fold
from briefings.ingest.gazetteer import person_key


def people_csv() -> Path:
    return Path(settings.BASE_DIR) / "seeds" / "people.csv"


def read_people(path: Path | None = None) -> list[dict]:
    """The rows of people.csv as dicts ready for Person (aliases as a list)."""
    rows = []
    with open(path or people_csv(), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name_zh = fold(row["name_zh"].strip())
            name_en = row["name_en"].strip()
            rows.append(
                {
                    "key": row["key"].strip() or person_key(name_zh, name_en),
                    "name_zh": name_zh,
                    "name_en": name_en,
                    "aliases": [
                        alias.strip() for alias in row["aliases"].split("|") if alias.strip()
                    ],
                    "title": row["title"].strip(),
                    "country": row["country"].strip().upper() or None,
                }
            )
    return rows


@transaction.atomic
def load_people(path: Path | None = None) -> int:
    """Create or update a Person per row; return how many rows were read."""
    from briefings.models import Person
    from geo.models import Country

    rows = read_people(path)
    known_countries = set(Country.objects.values_list("code", flat=True))
    existing = {
        person.key: person for person in Person.objects.filter(key__in=[r["key"] for r in rows])
    }
    for row in rows:
        country = row["country"] if row["country"] in known_countries else None
        person = existing.get(row["key"])
        if person is None:
            Person.objects.create(
                key=row["key"],
                name_zh=row["name_zh"],
                name_en=row["name_en"],
                aliases=row["aliases"],
                title=row["title"],
                country_id=country,
            )
            continue
        person.name_zh = row["name_zh"] or person.name_zh
        person.name_en = row["name_en"] or person.name_en
        person.aliases = list(dict.fromkeys([*person.aliases, *row["aliases"]]))
        person.title = person.title or row["title"]
        person.country_id = person.country_id or country
        person.save(update_fields=["name_zh", "name_en", "aliases", "title", "country"])
    return len(rows)
