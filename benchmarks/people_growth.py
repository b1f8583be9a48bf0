"""Extraction per article while the people table grows, as it does in an ingest.

    .venv/bin/python -m benchmarks.people_growth [--people 10000] [--articles 300]

Every ingested article adds people (its analysts, officials), and the
gazetteer that load_gazetteer() keeps then changes: the matchers built from
the people tables must follow. extraction_speed cannot show that cost: its
corpus draws on a few hundred analysts, all known after the first articles.

Here the database (a temporary SQLite copy of the seeds) first holds PEOPLE
invented people; then, for each of ARTICLES generated articles
(extraction_speed's corpus), the script either adds five new people and
calls load_gazetteer() (as a worker does before each article), or adds none,
and extracts the article. It prints the milliseconds per article of each,
alternating three times; the difference is what following the people table
costs. Run it on two commits to compare them.
"""

import argparse
import itertools
import random
import time

from benchmarks.extraction_speed import GIVEN, SURNAMES, generate_corpus, setup_django


def invented_people(rng: random.Random, numbers) -> list[dict]:
    return [
        {
            "key": f"bench-person-{number}",
            "name_zh": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(3)),
            "name_en": f"Benchperson{number} Example",
        }
        for number in numbers
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    setup_django()
    from briefings.ingest.extract import extract
    from briefings.ingest.gazetteer import load_gazetteer
    from briefings.models import Person
    from briefings.services import read_document

    rng = random.Random(2022)
    numbers = itertools.count()
    Person.objects.bulk_create(
        Person(**row) for row in invented_people(rng, itertools.islice(numbers, args.people))
    )
    documents = [read_document(data, name) for name, data in generate_corpus(args.articles, 2022)]
    for document in documents[:20]:  # warm up: the matchers exist before the clock starts
        extract(document, load_gazetteer())
    print(f"{Person.objects.count()} people in the table at the start\n")
    for _round in range(3):
        for adding in (False, True):
            seconds = 0.0
            for document in documents:
                if adding:
                    Person.objects.bulk_create(
                        Person(**row) for row in invented_people(rng, itertools.islice(numbers, 5))
                    )
                began = time.perf_counter()
                extract(document, load_gazetteer())
                seconds += time.perf_counter() - began
            label = "5 people added before each article" if adding else "no people added"
            print(f"{label:<36} {1000 * seconds / len(documents):6.2f} ms per article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
