"""Login throttling (django-axes): 5 failures lock one username from one address for 15 minutes."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # what tests.conftest.make_user gives everyone
LOCKED = "Too many failed logins for this username from your address"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, username: str, password: str, address: str = "127.0.0.1", **headers):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers=headers,
    )


def fail(client, username: str, times: int, address: str = "127.0.0.1"):
    for _ in range(times):
        response = log_in(client, username, "wrong", address)
    return response


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_settings_say_five_failures_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    cool_off = settings.AXES_COOLOFF_TIME
    assert cool_off == datetime.timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_four_failures_leave_the_login_open(client, reader):
    response = fail(client, "rita", 4)
    assert response.status_code == 200 and LOCKED not in response.content.decode()
    assert log_in(client, "rita", PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_fifth_failure_locks_with_a_clear_message_on_the_login_page(client, reader):
    response = fail(client, "rita", 5)
    assert response.status_code == 429
    content = response.content.decode()
    assert LOCKED in content and "(5 in a row)" in content and "try again in 15 minutes" in content
    assert 'id="id_username"' in content and "<html" in content  # still the login page
    response = log_in(client, "rita", PASSWORD)  # even the right password
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert not logged_in(client)


def test_the_lock_is_for_one_username_from_one_address(client, reader, analyst):
    fail(client, "rita", 5)
    assert log_in(client, "alan", PASSWORD).status_code == 302  # another user, same address
    client.logout()
    assert (
        log_in(client, "rita", PASSWORD, address="10.0.0.7").status_code == 302
    )  # same user elsewhere


def test_a_forged_forwarded_for_header_does_not_lift_the_lock(client, reader):
    fail(client, "rita", 5)
    response = log_in(client, "rita", PASSWORD, **{"X-Forwarded-For": "203.0.113.9"})
    assert response.status_code == 429 and not logged_in(client)


def test_the_lock_lifts_after_fifteen_minutes(client, reader):
    fail(client, "rita", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert log_in(client, "rita", PASSWORD).status_code == 302
    assert logged_in(client)


def test_a_success_starts_the_count_again(client, reader):
    fail(client, "rita", 4)
    assert log_in(client, "rita", PASSWORD).status_code == 302
    client.logout()
    response = fail(client, "rita", 4)
    assert response.status_code == 200
    assert log_in(client, "rita", PASSWORD).status_code == 302


def test_unknown_usernames_are_throttled_too(client, db):
    response = fail(client, "nobody", 5)
    assert response.status_code == 429 and LOCKED in response.content.decode()
