import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from briefings.roles import GROUPS


def create_user(username: str, password: str, role: str) -> tuple[object, bool]:
    """Create USERNAME with ROLE, or reset an existing one's password and role."""
    User = get_user_model()
    with transaction.atomic():
        user, created = User.objects.get_or_create(username=username)
        user.set_password(password)
        user.save()
        # The groups come from migration 0003_roles; a flushed database lacks them.
        group, _ = Group.objects.get_or_create(name=GROUPS[role])
        user.groups.set([group])
    return user, created


class Command(BaseCommand):
    help = "Create a user with a role (reader, analyst or editor), or update one."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(GROUPS), required=True)
        parser.add_argument(
            "--password-from-env", metavar="VAR", help="read the password from this variable"
        )

    def handle(self, *args, username: str, role: str, password_from_env: str | None, **options):
        if password_from_env:
            password = os.environ.get(password_from_env, "")
            if not password:
                raise CommandError(f"environment variable {password_from_env} is empty or unset")
        else:
            password = getpass.getpass(f"Password for {username}: ")
            if not password:
                raise CommandError("the password may not be empty")
        _, created = create_user(username, password, role)
        return f"{'created' if created else 'updated'} {role} {username}"
