from django.core.management.base import BaseCommand, CommandError

from briefings import sources
from briefings.models import IngestItem
from briefings.tasks import send_pending


class Command(BaseCommand):
    help = "Poll enabled folders, files and feeds once, sending their new inputs to the workers."

    def add_arguments(self, parser):
        parser.add_argument("--source", help="poll only the source with this name")

    def handle(self, *args, source: str | None, **options) -> str:
        chosen = sources.due_sources()
        if source:
            chosen = [item for item in chosen if item.name == source]
            if not chosen:
                raise CommandError(f"no enabled folder, file or feed source named {source!r}")
        lines = []
        for polled in chosen:
            run = sources.poll(polled)
            sent = send_pending(run)
            failed = run.items.filter(status=IngestItem.Status.FAILED).first()
            note = f"; failed: {failed.error}" if failed and not sent else ""
            lines.append(f"{polled.name}: run {run.pk}, {sent} new{note}")
        return "\n".join(lines) or "no enabled sources to poll"
