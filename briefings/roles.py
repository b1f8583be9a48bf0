"""The three roles, as Django groups created by migration 0003_roles."""

from django.contrib.auth.models import AbstractBaseUser

READER = "reader"
ANALYST = "analyst"
EDITOR = "editor"
GROUPS = {READER: "Readers", ANALYST: "Analysts", EDITOR: "Editors"}


def role_names(user: AbstractBaseUser) -> set[str]:
    """The group names of USER, cached on the user object (costs one query once)."""
    if not hasattr(user, "_role_names"):
        user._role_names = (
            set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        )
    return user._role_names


def can_comment(user: AbstractBaseUser) -> bool:
    return bool(role_names(user) & {GROUPS[ANALYST], GROUPS[EDITOR]})


def is_editor(user: AbstractBaseUser) -> bool:
    return GROUPS[EDITOR] in role_names(user)
