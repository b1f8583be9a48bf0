import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from briefings.management.commands.createuser import create_user
from config.celery_app import app as celery_app

# The browser fixtures (browser_page, seeded, session_cookie) live in tests/browser.py.
pytest_plugins = ["tests.browser"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip when CONDITION fails, except under CI=true, where it is an error."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture
def seed_article_path() -> Path:
    """The real BBC article, kept outside the repository."""
    paths = sorted(SHARED_SEEDS.glob("*.txt")) if SHARED_SEEDS.is_dir() else []
    require(bool(paths), f"the real seed article is not in {SHARED_SEEDS}")
    return paths[0]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hashing passwords properly is slow by design; tests need no such safety."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Tests roll back their writes, so the data version never moves: start each
    with an empty cache so one test's fragments never answer another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def read_version_afresh(monkeypatch):
    """Call before a request whose queries are counted: the data version is read
    at most once a second (freshness.READ_EVERY), so whether a request reads it
    would otherwise depend on how long the test took to get there."""
    from briefings import freshness

    def reset():
        monkeypatch.setitem(freshness._seen, "read_at", float("-inf"))

    return reset


@pytest.fixture(autouse=True)
def eager_celery():
    """Run tasks in-process unless a test starts a real worker (see test_worker)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def make_user(db):
    def make(username: str, role: str = "reader"):
        user, _ = create_user(username, "a-long-test-password", role)
        return user

    return make


@pytest.fixture
def reader(make_user):
    return make_user("rita", "reader")


@pytest.fixture
def analyst(make_user):
    return make_user("alan", "analyst")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def roles_exist(db) -> list[str]:
    return list(Group.objects.values_list("name", flat=True))
