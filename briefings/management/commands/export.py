import json

from django.core.management.base import BaseCommand, CommandError

from briefings.exports import UnknownCountry, export_articles, export_csv


class Command(BaseCommand):
    help = "Print every article with its countries, people, quotes and events (JSON or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--country", help="only articles naming this country (ISO alpha-2 code)"
        )

    def handle(self, *args, format: str, country: str | None, **options):
        try:
            data = export_articles(country)
        except UnknownCountry as error:
            raise CommandError(str(error)) from error
        stream = getattr(self.stdout, "_out", None)
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # Chinese text whatever the locale
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(export_csv(data), ending="")
        # The summary goes to stderr: stdout holds only the export.
        self.stderr.write(f"exported {len(data['articles'])} articles")
