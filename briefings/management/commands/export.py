import json

from django.core.management.base import BaseCommand, CommandError

from briefings.exports import (
    UnknownCountry,
    export_articles,
    export_events_csv,
    export_quotes_csv,
)


class UsageError(ValueError):
    """Options that do not go together."""


def export(format: str, what: str | None = None, country: str | None = None) -> tuple[str, str]:
    """(export text, one-line summary). Raises UnknownCountry for a bad code."""
    if format == "json":
        if what == "events":
            raise UsageError("--what applies to --format csv only; the JSON export has it all")
        data = export_articles(country)
        return json.dumps(data, ensure_ascii=False, indent=2), (
            f"exported {len(data['articles'])} articles"
        )
    if what == "events":
        text, rows = export_events_csv(country)
        return text, f"exported {rows} events"
    text, rows = export_quotes_csv(country)
    return text, f"exported {rows} quotes"


class Command(BaseCommand):
    help = (
        "Print what extraction found. --format json: every article with its countries, "
        "people, quotes, events and commentary. --format csv: one row per quote "
        "(--what quotes, the default) or one row per event (--what events)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--what",
            choices=["quotes", "events"],
            default=None,
            help="the CSV table: one row per quote (default) or per event",
        )
        parser.add_argument(
            "--country",
            help="only articles naming this country (ISO alpha-2 code); with --what events, "
            "the events it took part in or that took place in it",
        )

    def handle(self, *args, format: str, what: str | None, country: str | None, **options):
        try:
            text, summary = export(format, what, country)
        except (UnknownCountry, UsageError) as error:
            raise CommandError(str(error)) from error
        stream = getattr(self.stdout, "_out", None)
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # Chinese text whatever the locale
        if format == "json":
            self.stdout.write(text)
        else:
            self.stdout.write(text, ending="")
        # The summary goes to stderr: stdout holds only the export.
        self.stderr.write(summary)
