from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from briefings.seeding import load_people
from geo.seeding import SeedError, default_seeds_dir, load_all


class Command(BaseCommand):
    help = (
        "Load countries, country aliases, organisations and memberships, places and "
        "trips, and well-known people, from the seeds/ folder. Safe to run again: rows are updated in place."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds-dir",
            type=Path,
            default=None,
            help=f"folder holding the seed files (default: {default_seeds_dir()})",
        )

    def handle(self, *args, seeds_dir: Path | None = None, **options) -> None:
        try:
            with transaction.atomic():
                counts = load_all(seeds_dir)
                counts["people"] = load_people(seeds_dir / "people.csv" if seeds_dir else None)
        except SeedError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items())
        self.stdout.write(f"Loaded {summary}.")
