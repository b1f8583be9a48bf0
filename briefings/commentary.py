"""Analyst commentary and editors' corrections: the services the views call.

Permission checks live in the views' access helpers; these functions assume
the caller may do what it asks, so that tests and commands can call them.
"""

import datetime
from dataclasses import dataclass, field

import markdown
import nh3
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Model, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from briefings.models import (
    Article,
    ArticlePerson,
    Commentary,
    CommentaryRevision,
    Correction,
    Event,
    Person,
    Quote,
)
from briefings.roles import can_comment, is_editor
from geo.models import Country

# What commentary can be attached to: the model of each Commentary foreign key.
TARGET_MODELS: dict[str, type[Model]] = {
    "article": Article,
    "event": Event,
    "quote": Quote,
    "country": Country,
}

# --- Markdown ---------------------------------------------------------------

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "del",
}
# Attributes per tag; everything else (on*, style, class, id, src) is dropped.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
LINK_REL = "noopener noreferrer nofollow"


def _relative_url(url: str) -> str | None:
    """Keep on-site paths and fragments; drop scheme-relative and other relative URLs."""
    if url.startswith("#") or (url.startswith("/") and not url.startswith(("//", "/\\"))):
        return url
    return None


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    # Drop these with their content, not just the tags.
    clean_content_tags={
        "script",
        "style",
        "template",
        "iframe",
        "object",
        "svg",
        "math",
        "noscript",
    },
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    url_relative=_relative_url,
    link_rel=LINK_REL,
    strip_comments=True,
)


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML that holds no script, event handler, style or javascript: link."""
    html = markdown.markdown(text, extensions=["fenced_code", "sane_lists"], output_format="html")
    return mark_safe(_cleaner.clean(html))  # noqa: S308 - nh3 has just sanitised it


# --- Targets ------------------------------------------------------------------


def kind_of(target: Model) -> str:
    for kind, model in TARGET_MODELS.items():
        if isinstance(target, model):
            return kind
    raise TypeError(f"commentary cannot be attached to {type(target).__name__}")


def target_key(target: Model) -> str:
    """The target's URL argument and HTML id part: its pk, or a country's code."""
    return str(target.pk)


def add_url(target: Model) -> str:
    return reverse(f"commentary:{kind_of(target)}", args=[target.pk])


def target_url(target: Model) -> str:
    """The page where TARGET's thread is shown: the briefing, else its commentary page."""
    if isinstance(target, Article):
        return f"{target.get_absolute_url()}#commentary-article-{target.pk}"
    if isinstance(target, Country):
        return f"{reverse('briefings:country', args=[target.code])}#commentary-country-{target.pk}"
    return add_url(target)


def target_label(target: Model) -> str:
    if isinstance(target, Quote):
        return f"“{str(target)}”"
    return str(target)


# --- Reading ------------------------------------------------------------------


def visible_to(user: AbstractBaseUser) -> Q:
    """Hidden commentary is seen only by editors and by its author."""
    if is_editor(user):
        return Q()
    return Q(hidden=False) | Q(author_id=user.pk)


def _with_details(comments: QuerySet) -> QuerySet:
    return comments.select_related("author").prefetch_related(
        Prefetch("concerns", queryset=Country.objects.order_by("code")),
        Prefetch("revisions", queryset=CommentaryRevision.objects.select_related("editor")),
    )


@dataclass
class Thread:
    """What thread.html shows for one target (built in a fixed number of queries)."""

    target: Model
    kind: str
    comments: list[Commentary]
    can_comment: bool
    is_editor: bool
    user_id: int | None
    add_url: str = field(init=False)
    dom_id: str = field(init=False)

    def __post_init__(self) -> None:
        self.add_url = add_url(self.target)
        self.dom_id = f"commentary-{self.kind}-{target_key(self.target)}"


def decorate(comments, user: AbstractBaseUser, with_target: bool = False) -> list[Commentary]:
    """Attach what the templates need: the rendered body and the user's rights.

    WITH_TARGET adds the target's link and label; the comments must then have
    their four targets selected (select_related), or each costs a query.
    """
    editor = is_editor(user)
    commenter = can_comment(user)
    result = []
    for comment in comments:
        comment.html = render_markdown(comment.body)
        comment.can_edit = commenter and comment.author_id == user.pk
        comment.can_delete = comment.can_edit or editor
        comment.can_hide = editor
        if with_target:
            comment.target_url = target_url(comment.target)
            comment.target_label = target_label(comment.target)
        result.append(comment)
    return result


def thread(user: AbstractBaseUser, target: Model) -> Thread:
    """TARGET's visible commentary, oldest first (four queries at most)."""
    kind = kind_of(target)
    comments = _with_details(
        Commentary.objects.filter(**{kind: target})
        .filter(visible_to(user))
        .order_by("created", "id")
    )
    return Thread(
        target=target,
        kind=kind,
        comments=decorate(comments, user),
        can_comment=can_comment(user),
        is_editor=is_editor(user),
        user_id=user.pk,
    )


def recent(user: AbstractBaseUser, limit: int = 20) -> list[Commentary]:
    """The newest visible commentary on anything, newest first (fixed number of queries)."""
    comments = _with_details(
        Commentary.objects.filter(visible_to(user))
        .select_related("article", "event", "quote", "country")
        .order_by("-created", "-id")
    )[:limit]
    return decorate(comments, user, with_target=True)


def get_visible(user: AbstractBaseUser, pk: int) -> Commentary | None:
    comment = (
        _with_details(Commentary.objects.filter(visible_to(user)))
        .select_related("article", "event", "quote", "country")
        .filter(pk=pk)
        .first()
    )
    return decorate([comment], user, with_target=True)[0] if comment else None


# --- Writing ------------------------------------------------------------------


def add(
    author: AbstractBaseUser,
    target: Model,
    body: str,
    confidence: str = "",
    concerns=(),
) -> Commentary:
    """AUTHOR's new commentary on TARGET."""
    with transaction.atomic():
        comment = Commentary.objects.create(
            author=author, body=body, confidence=confidence, **{kind_of(target): target}
        )
        comment.concerns.set(concerns)
    return comment


def edit(
    comment: Commentary,
    editor: AbstractBaseUser,
    body: str,
    confidence: str,
    concerns=(),
) -> bool:
    """Change COMMENT; a changed body keeps the previous text as a revision.

    Returns whether anything changed.
    """
    concerns = list(concerns)
    changed = False
    with transaction.atomic():
        if body != comment.body:
            CommentaryRevision.objects.create(commentary=comment, editor=editor, body=comment.body)
            comment.body = body
            changed = True
        if confidence != comment.confidence:
            comment.confidence = confidence
            changed = True
        old_codes = set(comment.concerns.values_list("code", flat=True))
        if old_codes != {country.code for country in concerns}:
            comment.concerns.set(concerns)
            changed = True
        if changed:
            comment.edited = timezone.now()
            comment.save(update_fields=["body", "confidence", "edited"])
    return changed


def delete(comment: Commentary) -> None:
    comment.delete()  # its revisions go with it


def set_hidden(comment: Commentary, hidden: bool) -> None:
    comment.hidden = hidden
    comment.save(update_fields=["hidden"])


# --- Export -------------------------------------------------------------------


def _export_row(comment: Commentary, kind: str, target_id) -> dict:
    return {
        "id": comment.pk,
        "target": kind,
        "target_id": target_id,
        "author": comment.author.get_username(),
        "body": comment.body,
        "confidence": comment.confidence,
        "concerns": [country.code for country in comment.concerns.all()],
        "created": comment.created.isoformat(),
        "edited": comment.edited.isoformat() if comment.edited else None,
        "revisions": comment.revision_count,
    }


def commentary_for_export(article_ids) -> dict[int, list[dict]]:
    """Visible commentary per article: on the briefing itself, its quotes and its events.

    Hidden commentary is left out. Costs three queries whatever the number of
    articles. Each list is in the order written.
    """
    article_ids = list(article_ids)
    result: dict[int, list[dict]] = {pk: [] for pk in article_ids}
    if not article_ids:
        return result
    event_links = Event.articles.through.objects.filter(article_id__in=article_ids)
    articles_by_event: dict[int, list[int]] = {}
    for event_id, article_id in event_links.values_list("event_id", "article_id"):
        articles_by_event.setdefault(event_id, []).append(article_id)
    comments = (
        Commentary.objects.filter(hidden=False)
        .filter(
            Q(article_id__in=article_ids)
            | Q(quote__article_id__in=article_ids)
            | Q(event_id__in=list(articles_by_event))
        )
        .select_related("author", "quote")
        .prefetch_related(Prefetch("concerns", queryset=Country.objects.order_by("code")))
        .annotate(revision_count=Count("revisions"))
        .order_by("created", "id")
    )
    for comment in comments:
        if comment.article_id:
            result[comment.article_id].append(_export_row(comment, "article", comment.article_id))
        elif comment.quote_id:
            result[comment.quote.article_id].append(_export_row(comment, "quote", comment.quote_id))
        else:
            for article_id in articles_by_event[comment.event_id]:
                result[article_id].append(_export_row(comment, "event", comment.event_id))
    return result


# --- Editors' corrections -----------------------------------------------------


def _record(editor, kind: str, obj: Model, field_name: str, old, new) -> Correction:
    return Correction.objects.create(
        editor=editor,
        kind=kind,
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        field=field_name,
        old="" if old is None else str(old),
        new="" if new is None else str(new),
    )


def _person_label(person: Person | None) -> str:
    return f"{person} (#{person.pk})" if person else ""


def corrections_for(kind: str, obj: Model) -> QuerySet:
    return Correction.objects.filter(kind=kind, object_id=obj.pk).select_related("editor")


@transaction.atomic
def correct_quote_speaker(editor, quote: Quote, speaker: Person | None) -> bool:
    """Attribute QUOTE to SPEAKER (None: unknown); keep the article's people in step."""
    old = quote.speaker
    if (old and old.pk) == (speaker and speaker.pk):
        return False
    quote.speaker = speaker
    quote.save(update_fields=["speaker"])
    if speaker is not None:
        link, _ = ArticlePerson.objects.get_or_create(article_id=quote.article_id, person=speaker)
        if not link.quoted:
            link.quoted = True
            link.save(update_fields=["quoted"])
    if (
        old is not None
        and not Quote.objects.filter(article_id=quote.article_id, speaker=old).exists()
    ):
        ArticlePerson.objects.filter(article_id=quote.article_id, person=old).update(quoted=False)
    _record(
        editor, Correction.Kind.QUOTE, quote, "speaker", _person_label(old), _person_label(speaker)
    )
    return True


@transaction.atomic
def correct_event_dates(editor, event: Event, start: datetime.date, end: datetime.date) -> bool:
    """Set EVENT's dates, recording each changed one.

    The event's key (built from the extracted dates) is left alone on purpose,
    so that ingesting the same article again finds this row and does not bring
    the wrong dates back as a second event.
    """
    changes = [
        (name, getattr(event, name), value) for name, value in (("start", start), ("end", end))
    ]
    changes = [change for change in changes if change[1] != change[2]]
    if not changes:
        return False
    event.start, event.end = start, end
    event.save(update_fields=["start", "end"])
    for name, old, new in changes:
        _record(editor, Correction.Kind.EVENT, event, name, old.isoformat(), new.isoformat())
    return True


@transaction.atomic
def merge_people(editor, keep: Person, duplicate: Person) -> None:
    """Fold DUPLICATE into KEEP: quotes, article and event links, names; then delete it."""
    if keep.pk == duplicate.pk:
        raise ValueError("a person cannot be merged into themselves")
    Quote.objects.filter(speaker=duplicate).update(speaker=keep)
    kept_links = {link.article_id: link for link in keep.article_links.all()}
    for link in duplicate.article_links.all():
        existing = kept_links.get(link.article_id)
        if existing is None:
            link.person = keep
            link.save(update_fields=["person"])
            continue
        existing.quoted = existing.quoted or link.quoted
        existing.title = existing.title or link.title
        existing.affiliation = existing.affiliation or link.affiliation
        existing.save(update_fields=["quoted", "title", "affiliation"])
        link.delete()
    keep.events.add(*duplicate.events.all())

    for name in ("name_zh", "name_en", "title", "affiliation", "country"):
        if not getattr(keep, name) and getattr(duplicate, name):
            _record(editor, Correction.Kind.PERSON, keep, name, "", getattr(duplicate, name))
            setattr(keep, name, getattr(duplicate, name))
    names = [*keep.aliases, *duplicate.aliases, duplicate.key, duplicate.name_zh, duplicate.name_en]
    aliases = []
    for name in names:
        if name and name not in aliases and name not in (keep.key, keep.name_zh, keep.name_en):
            aliases.append(name)
    if aliases != keep.aliases:
        _record(
            editor,
            Correction.Kind.PERSON,
            keep,
            "aliases",
            ", ".join(keep.aliases),
            ", ".join(aliases),
        )
        keep.aliases = aliases
    keep.save()
    _record(
        editor,
        Correction.Kind.PERSON,
        keep,
        "merged",
        _person_label(duplicate),
        _person_label(keep),
    )
    duplicate.delete()
