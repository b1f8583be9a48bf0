"""Commentary threads, their htmx fragments, and editors' corrections.

Every page needs a login (LoginRequiredMiddleware). Access goes through one
helper per object, which raises Http404 before PermissionDenied. Each write
is a POST; htmx requests get a fragment, plain ones a redirect back.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from briefings import commentary as services
from briefings.commentary_forms import (
    CommentaryForm,
    EventDatesForm,
    HideForm,
    PersonMergeForm,
    QuoteSpeakerForm,
)
from briefings.models import Commentary, Correction, Event, Person, Quote
from briefings.roles import can_comment, is_editor

THREAD = "briefings/commentary/thread.html"


# --- Access helpers -----------------------------------------------------------


def _get_target(kind: str, key: str | int) -> Model:
    model = services.TARGET_MODELS.get(kind)
    if model is None:
        raise Http404
    if kind == "country":
        key = str(key).upper()
    return get_object_or_404(model, pk=key)


def _get_comment(request: HttpRequest, pk: int, right: str) -> Commentary:
    """The commentary PK if the user may see it (else 404) and has RIGHT (else 403).

    RIGHT is one of "view", "edit" (its author, while an analyst or editor),
    "delete" (its author, or an editor) and "hide" (editors).
    """
    comment = services.get_visible(request.user, pk)
    if comment is None:
        raise Http404
    allowed = {
        "view": True,
        "edit": comment.can_edit,
        "delete": comment.can_delete,
        "hide": comment.can_hide,
    }[right]
    if not allowed:
        raise PermissionDenied
    return comment


def _get_for_editor(request: HttpRequest, model: type[Model], pk: int) -> Model:
    obj = get_object_or_404(model, pk=pk)
    if not is_editor(request.user):
        raise PermissionDenied
    return obj


# --- Where to go back to ------------------------------------------------------


def _safe(request: HttpRequest, url: str | None) -> str | None:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def _page_path(request: HttpRequest) -> str:
    """The page the user is looking at: for htmx, the page that sent the request."""
    if request.htmx:
        return _safe(request, request.htmx.current_url_abs_path) or request.get_full_path()
    return request.get_full_path()


def _back(request: HttpRequest, target: Model) -> str:
    """Where a plain POST redirects: the form's `next` if it is on this site, else the target."""
    return _safe(
        request, request.POST.get("next") or request.GET.get("next")
    ) or services.target_url(target)


# --- Threads ------------------------------------------------------------------


def thread_with_form(
    request: HttpRequest, target: Model, form: CommentaryForm | None = None
) -> services.Thread:
    thread = services.thread(request.user, target)
    thread.form = form or CommentaryForm(auto_id=f"{thread.dom_id}-%s")
    return thread


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def thread_page(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    """The commentary on one target: GET shows it, POST adds to it (analysts and editors)."""
    target = _get_target(kind, key)
    form = None
    if request.method == "POST":
        if not can_comment(request.user):
            raise PermissionDenied
        dom_id = f"commentary-{kind}-{services.target_key(target)}"
        form = CommentaryForm(request.POST, auto_id=f"{dom_id}-%s")
        if form.is_valid():
            comment = services.add(request.user, target, **form.cleaned_data)
            if not request.htmx:
                messages.success(request, _("Your commentary was added."))
                return redirect(_back(request, target))
            thread = thread_with_form(request, target)
            context = {
                "thread": thread,
                "comment": next(c for c in thread.comments if c.pk == comment.pk),
                "first": len(thread.comments) == 1,
                "back": _page_path(request),
            }
            return render(request, f"{THREAD}#added", context)
        if request.htmx:
            thread = thread_with_form(request, target, form)
            return render(
                request, f"{THREAD}#form", {"thread": thread, "back": _page_path(request)}
            )
    context = {
        "thread": thread_with_form(request, target, form),
        "target": target,
        "kind": kind,
        "back": request.get_full_path(),
    }
    return render(request, "briefings/commentary/page.html", context)


@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    """Recent commentary on anything; htmx gets the list alone."""
    context = {"feed": services.recent(request.user, limit=50)}
    if request.htmx:
        return render(request, "briefings/commentary/feed.html", context)
    return render(request, "briefings/commentary/feed_page.html", context)


@require_GET
def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One commentary: a permalink page, or the fragment that "cancel" swaps back in."""
    comment = _get_comment(request, pk, "view")
    context = {"comment": comment, "back": _page_path(request)}
    if request.htmx:
        return render(request, f"{THREAD}#comment", context)
    return render(request, "briefings/commentary/comment.html", context)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Its author edits a commentary in place; the old text is kept as a revision."""
    comment = _get_comment(request, pk, "edit")
    auto_id = f"comment-{pk}-%s"
    if request.method == "POST":
        form = CommentaryForm(request.POST, auto_id=auto_id)
        if form.is_valid():
            services.edit(comment, request.user, **form.cleaned_data)
            if not request.htmx:
                messages.success(request, _("Your commentary was saved."))
                return redirect(_back(request, comment.target))
            context = {
                "comment": services.get_visible(request.user, pk),
                "back": _page_path(request),
            }
            return render(request, f"{THREAD}#comment", context)
    else:
        form = CommentaryForm.for_comment(comment, auto_id=auto_id)
    back = _safe(request, request.GET.get("next")) or services.target_url(comment.target)
    context = {
        "comment": comment,
        "form": form,
        "back": _page_path(request) if request.htmx else back,
    }
    if request.htmx:
        return render(request, "briefings/commentary/edit.html#edit_form", context)
    return render(request, "briefings/commentary/edit.html", context)


@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks first (the page without JavaScript); POST deletes."""
    comment = _get_comment(request, pk, "delete")
    if request.method == "POST":
        target = comment.target
        back = _back(request, target)
        services.delete(comment)
        if request.htmx:
            return HttpResponse("")  # the comment's element is swapped for nothing
        messages.success(request, _("The commentary was deleted."))
        return redirect(back)
    back = _safe(request, request.GET.get("next")) or services.target_url(comment.target)
    return render(request, "briefings/commentary/delete.html", {"comment": comment, "back": back})


@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors hide a commentary from readers (hidden=1), or show it again (hidden=0)."""
    comment = _get_comment(request, pk, "hide")
    form = HideForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("hidden must be 1 or 0")
    services.set_hidden(comment, form.cleaned_data["hidden"])
    if request.htmx:
        context = {"comment": services.get_visible(request.user, pk), "back": _page_path(request)}
        return render(request, f"{THREAD}#comment", context)
    return redirect(_back(request, comment.target))


# --- Editors' corrections -----------------------------------------------------


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _correction_page(
    request, *, form, obj, kind: str, title: str, description: str, submit: str = ""
) -> HttpResponse:
    context = {
        "submit": submit,
        "form": form,
        "object": obj,
        "title": title,
        "description": description,
        "history": services.corrections_for(kind, obj),
    }
    return render(request, "briefings/commentary/correction.html", context)


@require_http_methods(["GET", "POST"])
def quote_speaker(request: HttpRequest, pk: int) -> HttpResponse:
    quote = _get_for_editor(request, Quote.objects.select_related("speaker", "article"), pk)
    form = QuoteSpeakerForm(_data(request), initial={"speaker": quote.speaker_id})
    if request.method == "POST" and form.is_valid():
        if services.correct_quote_speaker(request.user, quote, form.cleaned_data["speaker"]):
            messages.success(request, _("The speaker was corrected."))
        return redirect("commentary:quote_speaker", pk=quote.pk)
    return _correction_page(
        request,
        form=form,
        obj=quote,
        kind=Correction.Kind.QUOTE,
        title=_("Correct the speaker"),
        description=services.target_label(quote),
    )


@require_http_methods(["GET", "POST"])
def event_dates(request: HttpRequest, pk: int) -> HttpResponse:
    event = _get_for_editor(request, Event, pk)
    form = EventDatesForm(_data(request), initial={"start": event.start, "end": event.end})
    if request.method == "POST" and form.is_valid():
        if services.correct_event_dates(
            request.user, event, form.cleaned_data["start"], form.cleaned_data["end"]
        ):
            messages.success(request, _("The dates were corrected."))
        return redirect("commentary:event_dates", pk=event.pk)
    return _correction_page(
        request,
        form=form,
        obj=event,
        kind=Correction.Kind.EVENT,
        title=_("Correct the dates"),
        description=str(event),
    )


@require_http_methods(["GET", "POST"])
def person_merge(request: HttpRequest, pk: int) -> HttpResponse:
    keep = _get_for_editor(request, Person, pk)
    form = PersonMergeForm(_data(request), keep=keep)
    if request.method == "POST" and form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        services.merge_people(request.user, keep, duplicate)
        messages.success(
            request,
            _("%(duplicate)s was merged into %(keep)s.") % {"duplicate": duplicate, "keep": keep},
        )
        return redirect("commentary:person_merge", pk=keep.pk)
    return _correction_page(
        request,
        form=form,
        obj=keep,
        kind=Correction.Kind.PERSON,
        title=_("Merge two people"),
        submit=_("Merge them"),
        description=f"{keep} ({keep.key})",
    )
