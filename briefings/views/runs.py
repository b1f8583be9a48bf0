"""Ingest runs, for editors: progress, failures with their reasons, retry."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from briefings import services
from briefings.models import IngestItem, IngestRun
from briefings.roles import is_editor
from briefings.tasks import ingest_item


def _require_editor(request: HttpRequest) -> None:
    if not is_editor(request.user):
        raise PermissionDenied


def _get_run_for_editor(request: HttpRequest, pk: int) -> IngestRun:
    run = get_object_or_404(IngestRun, pk=pk)
    _require_editor(request)
    return run


@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    page = Paginator(IngestRun.objects.all(), 30).get_page(request.GET.get("page"))
    return render(request, "briefings/runs.html", {"page": page})


@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _get_run_for_editor(request, pk)
    counts = run.counts()
    total = sum(counts.values())
    done = total - counts.get(IngestItem.Status.PENDING, 0)
    context = {
        "run": run,
        "counts": counts,
        "total": total,
        "done": done,
        "percent": round(100 * done / total) if total else 100,
        "failures": run.items.filter(status=IngestItem.Status.FAILED).order_by("name")[:500],
    }
    if request.htmx:
        return render(request, "briefings/run.html#progress", context)
    return render(request, "briefings/run.html", context)


@require_POST
def run_retry(request: HttpRequest, pk: int) -> HttpResponse:
    run = _get_run_for_editor(request, pk)
    item_ids = services.retry_failed(run)
    for item_id in item_ids:
        ingest_item.delay(item_id)
    messages.info(request, _("%(n)s failed items were sent again.") % {"n": len(item_ids)})
    return redirect("briefings:run", pk=run.pk)
