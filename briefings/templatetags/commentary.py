"""{% load commentary %}: a commentary thread or the feed on any page, with one include."""

from django import template
from django.db.models import Model

from briefings import commentary as services
from briefings.models import Commentary
from briefings.views.commentary import thread_with_form

register = template.Library()


@register.simple_tag(takes_context=True)
def commentary_thread(context, target: Model) -> services.Thread:
    """{% commentary_thread target as thread %}: used by thread.html when included."""
    return thread_with_form(context["request"], target)


@register.simple_tag(takes_context=True)
def recent_commentary(context, limit: int = 10) -> list[Commentary]:
    """{% recent_commentary 10 as feed %}: used by feed.html when included."""
    return services.recent(context["request"].user, limit)
