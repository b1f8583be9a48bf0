"""Fill the database with generated briefings for the benchmarks.

    DATABASE_URL=postgres://... python -m benchmarks.fill_database --articles 10000

Idempotent by size: it adds only what is missing to reach the targets. Data is
generated from a fixed seed, so two runs make the same database.
"""

import argparse
import datetime
import hashlib
import os
import random
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")


def fill(articles: int, quotes: int, events: int, batch: int = 1000) -> dict:
    from django.core.management import call_command
    from django.db import transaction

    from briefings.models import Article, ArticleCountry, Event, Person, Quote, Source
    from geo.models import Country, Place

    if not Country.objects.exists():
        call_command("load_seeds")
    rng = random.Random(2022)
    codes = list(Country.objects.values_list("code", flat=True))
    hot = ["CN", "RU", "KZ", "UZ", "US", "IN", "PK", "IR", "KG", "TJ", "MN", "BY"]
    places = list(Place.objects.all())
    source, _ = Source.objects.get_or_create(name="Benchmark Wire")
    people = [
        Person.objects.get_or_create(
            key=f"分析员{n}", defaults={"name_zh": f"分析员{n}", "name_en": f"Analyst {n}"}
        )[0]
        for n in range(500)
    ]
    start_day = datetime.date(2015, 1, 1)

    have = Article.objects.filter(source=source).count()
    for first in range(have, articles, batch):
        rows = []
        for n in range(first, min(first + batch, articles)):
            day = start_day + datetime.timedelta(days=n % 4000)
            paragraphs = [
                f"第{n}篇简报第{p}段：中俄两国元首在撒马尔罕会晤，讨论地区安全与经济合作。"
                for p in range(8)
            ]
            rows.append(
                Article(
                    source=source,
                    headline=f"简报 {n}：上合组织与欧亚局势观察",
                    authors=["编辑部"],
                    published=day,
                    language="zh",
                    body={"sections": [{"heading": "", "paragraphs": paragraphs}]},
                    content_hash=hashlib.sha256(f"benchmark-{n}".encode()).hexdigest(),
                    search_text=" ".join(paragraphs),
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(rows)
            links = []
            for article in created:
                chosen = {rng.choice(hot)} | {rng.choice(codes) for _ in range(rng.randint(0, 3))}
                links += [
                    ArticleCountry(article=article, country_id=code, mentions=rng.randint(1, 9))
                    for code in chosen
                ]
            ArticleCountry.objects.bulk_create(links)

    article_ids = list(Article.objects.filter(source=source).values_list("id", flat=True))
    per_article = max(1, quotes // max(1, len(article_ids)))
    bare = list(
        Article.objects.filter(source=source, quotes__isnull=True).values_list("id", flat=True)
    )
    for first in range(0, len(bare), batch):
        rows = [
            Quote(
                article_id=article_id,
                speaker=people[(article_id + k) % len(people)],
                text=f"这是第{article_id}篇的第{k}条引语，谈到中国与俄罗斯的关系。",
                paragraph=1 + k % 8,
                position=k // 8,
            )
            for article_id in bare[first : first + batch]
            for k in range(per_article)
        ]
        Quote.objects.bulk_create(rows)

    have = Event.objects.filter(key__startswith="bench|").count()
    kinds = [choice for choice, _ in Event.Kind.choices]
    for first in range(have, events, batch):
        with transaction.atomic():
            rows = []
            for n in range(first, min(first + batch, events)):
                day = start_day + datetime.timedelta(days=n % 4000)
                rows.append(
                    Event(
                        title=f"活动 {n}",
                        kind=kinds[n % len(kinds)],
                        start=day,
                        end=day,
                        place=places[n % len(places)] if places else None,
                        key=f"bench|{n}",
                    )
                )
            created = Event.objects.bulk_create(rows)
            Event.countries.through.objects.bulk_create(
                Event.countries.through(event_id=event.pk, country_id=rng.choice(hot))
                for event in created
            )
            Event.articles.through.objects.bulk_create(
                Event.articles.through(event_id=event.pk, article_id=rng.choice(article_ids))
                for event in created
            )
            Event.participants.through.objects.bulk_create(
                Event.participants.through(event_id=event.pk, person_id=rng.choice(people).pk)
                for event in created
            )
    analyze()
    return {
        "articles": Article.objects.count(),
        "quotes": Quote.objects.count(),
        "events": Event.objects.count(),
    }


def analyze() -> None:
    """Bring the planner's statistics up to date after a bulk fill or clean-up.

    PostgreSQL's autovacuum would in time; where it is slow or off (as on the
    machines these benchmarks run on), pages would otherwise be measured with
    plans made for tables of another size.
    """
    from django.apps import apps
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    tables = {
        model._meta.db_table
        for app in ("briefings", "geo")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    }
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE " + ", ".join(quote(table) for table in sorted(tables)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5_000)
    args = parser.parse_args()
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    counts = fill(args.articles, args.quotes, args.events)
    print(f"database holds {counts} (filled in {time.perf_counter() - began:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
