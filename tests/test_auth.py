"""Every page needs a login; the login and logout views work."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# Views that must stay open to anonymous users, by URL name.
PUBLIC = {
    "login",
    "set_language",
    "health",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
SAMPLE_ARGUMENTS = {"int": "1", "str": "KZ", "slug": "sample", "path": "x"}


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the admin guards itself with its own login
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern), pattern


def sample_path(route: str) -> str:
    import re

    def fill(match):
        converter = match[1] or "str"
        return SAMPLE_ARGUMENTS.get(converter, "1")

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", fill, route)


ROUTES = [(name, sample_path(route)) for name, route, _ in walk(get_resolver().url_patterns)]


@pytest.mark.parametrize(
    ("name", "path"), [r for r in ROUTES if r[0] not in PUBLIC and r[0] != "logout"]
)
def test_anonymous_users_are_sent_to_login(client, name, path):
    response = client.get(path)
    assert response.status_code == 302, name
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_the_url_conf_has_only_known_public_views():
    names = {name for name, _ in ROUTES}
    assert "login" in names and "briefings:list" in names


def test_logging_in_leads_to_the_briefing_list(client, reader):
    response = client.post(
        reverse("login"), {"username": "rita", "password": "a-long-test-password"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("briefings:list")
    assert b"rita" in response.content


def test_a_wrong_password_is_refused(client, reader):
    response = client.post(reverse("login"), {"username": "rita", "password": "wrong"})
    assert response.status_code == 200
    assert b"didn&#x27;t match" in response.content or b"didn't match" in response.content
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(reader_client):
    response = reader_client.post(reverse("logout"))
    assert response.status_code == 302
    assert reader_client.get(reverse("briefings:list")).status_code == 302


def test_migrations_create_the_three_roles(roles_exist):
    assert sorted(roles_exist) == ["Analysts", "Editors", "Readers"]


def test_the_language_switch_works_before_login(client):
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": "/accounts/login/"}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "zh-hans"


def test_the_health_check_is_open_and_bare(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("health"))
    assert response.status_code == 200 and response.content == b"ok"


def test_a_changed_password_ends_other_sessions_despite_the_user_cache(reader_client, reader):
    assert reader_client.get(reverse("briefings:list")).status_code == 200  # user now cached
    reader.set_password("another-long-password")
    reader.save()
    response = reader_client.get(reverse("briefings:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_lost_role_takes_effect_at_once_despite_the_user_cache(client, analyst):
    from django.contrib.auth.models import Group

    from briefings.roles import can_comment

    client.force_login(analyst)
    assert can_comment(client.get(reverse("briefings:list")).wsgi_request.user)
    analyst.groups.set([Group.objects.get(name="Readers")])
    assert not can_comment(client.get(reverse("briefings:list")).wsgi_request.user)
