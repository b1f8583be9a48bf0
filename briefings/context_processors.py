from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from briefings import freshness
from briefings.roles import can_comment, is_editor


def roles(request: HttpRequest) -> dict:
    """`user_is_editor` and `user_can_comment` for templates, looked up only when used."""
    user = getattr(request, "user", None)
    return {
        "user_is_editor": SimpleLazyObject(lambda: bool(user and is_editor(user))),
        "user_can_comment": SimpleLazyObject(lambda: bool(user and can_comment(user))),
    }


def data_version(request: HttpRequest) -> dict:
    """`data_version` for {% cache %} keys of fragments that change with the data."""
    return {"data_version": SimpleLazyObject(freshness.current)}
