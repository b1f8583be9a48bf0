"""Who may reach every URL of the site, role by role.

PERMISSIONS below has one entry per URL name. A URL added to the URL conf
without an entry makes test_every_url_has_an_entry fail: add one, with what
anonymous visitors, readers, the analyst who wrote the sample commentary,
another analyst and an editor should get.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from briefings import commentary
from geo.models import Organisation
from tests.test_commentary import make_world

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reader", "analyst", "other_analyst", "editor")
LOGIN = "login"  # a 302 to the login page, with ?next=
REDIRECT = "redirect"  # a 302 anywhere else (a write done, then back to the page)
OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 403, 404, 405


def everyone(status) -> tuple:
    return (status,) * len(ROLES)


def signed_in(status, anonymous=LOGIN) -> tuple:
    return (anonymous, *(status,) * (len(ROLES) - 1))


EDITORS_ONLY = (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)


def a_run():
    from briefings.models import IngestRun

    return IngestRun.objects.get_or_create(requested_by="permissions test")[0]


# URL name -> {
#   "args": world -> URL arguments (the world is tests.test_commentary.make_world
#           plus .comment, written by the analyst on the briefing),
#   "missing": URL arguments naming nothing, for the 404 checks (optional),
#   "GET"/"POST": expected results in ROLES order,
#   "data": world -> POST data (optional),
# }
PERMISSIONS: dict[str, dict] = {
    # django.contrib.auth
    "login": {"GET": everyone(OK)},
    "logout": {"GET": signed_in(NOT_ALLOWED), "POST": signed_in(REDIRECT)},
    "password_change": {"GET": signed_in(OK)},
    "password_change_done": {"GET": signed_in(OK)},
    "password_reset": {"GET": everyone(OK)},
    "password_reset_done": {"GET": everyone(OK)},
    "password_reset_confirm": {"args": lambda w: ["MQ", "set-password"], "GET": everyone(OK)},
    "password_reset_complete": {"GET": everyone(OK)},
    # config
    "health": {"GET": everyone(OK)},
    "set_language": {
        "GET": everyone(REDIRECT),
        "POST": everyone(REDIRECT),
        "data": lambda w: {"language": "en"},
    },
    # Reading: every role reads everything.
    "briefings:list": {"GET": signed_in(OK)},
    "briefings:detail": {
        "args": lambda w: [w.article.pk],
        "missing": [999999],
        "GET": signed_in(OK),
    },
    "briefings:quotes": {"GET": signed_in(OK)},
    "briefings:events": {"GET": signed_in(OK)},
    "briefings:countries": {"GET": signed_in(OK)},
    "briefings:country": {"args": lambda w: ["KZ"], "missing": ["XX"], "GET": signed_in(OK)},
    # Ingest runs: editors only.
    "briefings:runs": {"GET": EDITORS_ONLY},
    "briefings:run": {"args": lambda w: [a_run().pk], "missing": [999999], "GET": EDITORS_ONLY},
    "briefings:run_retry": {
        "args": lambda w: [a_run().pk],
        "missing": [999999],
        "GET": signed_in(NOT_ALLOWED),
        "POST": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REDIRECT),
    },
    "geo:itinerary": {"GET": signed_in(OK)},
    "geo:sco": {"GET": signed_in(OK)},
    "commentary:feed": {"GET": signed_in(OK), "POST": signed_in(NOT_ALLOWED)},
    "commentary:comment": {
        "args": lambda w: [w.comment.pk],
        "missing": [999999],
        "GET": signed_in(OK),
    },
    # Commenting: analysts and editors.
    **{
        f"commentary:{kind}": {
            "args": args,
            "missing": missing,
            "GET": signed_in(OK),
            "POST": (LOGIN, FORBIDDEN, REDIRECT, REDIRECT, REDIRECT),
            "data": lambda w: {"body": "A note", "confidence": "low", "concerns": "KZ"},
        }
        for kind, args, missing in [
            ("article", lambda w: [w.article.pk], [999999]),
            ("event", lambda w: [w.event.pk], [999999]),
            ("quote", lambda w: [w.quote.pk], [999999]),
            ("country", lambda w: ["KZ"], ["XX"]),
        ]
    },
    # Its author edits a commentary; nobody else does, editors included.
    "commentary:edit": {
        "args": lambda w: [w.comment.pk],
        "missing": [999999],
        "GET": (LOGIN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN),
        "POST": (LOGIN, FORBIDDEN, REDIRECT, FORBIDDEN, FORBIDDEN),
        "data": lambda w: {"body": "Changed"},
    },
    # Its author or an editor deletes one.
    "commentary:delete": {
        "args": lambda w: [w.comment.pk],
        "missing": [999999],
        "GET": (LOGIN, FORBIDDEN, OK, FORBIDDEN, OK),
        "POST": (LOGIN, FORBIDDEN, REDIRECT, FORBIDDEN, REDIRECT),
    },
    # Editors hide one from readers.
    "commentary:hide": {
        "args": lambda w: [w.comment.pk],
        "missing": [999999],
        "GET": signed_in(NOT_ALLOWED),
        "POST": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REDIRECT),
        "data": lambda w: {"hidden": "1"},
    },
    # Editors correct extracted data.
    "commentary:quote_speaker": {
        "args": lambda w: [w.quote.pk],
        "missing": [999999],
        "GET": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
        "POST": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REDIRECT),
        "data": lambda w: {"speaker": w.xi.pk},
    },
    "commentary:event_dates": {
        "args": lambda w: [w.event.pk],
        "missing": [999999],
        "GET": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
        "POST": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REDIRECT),
        "data": lambda w: {"start": "2022-09-14", "end": "2022-09-15"},
    },
    "commentary:person_merge": {
        "args": lambda w: [w.xi.pk],
        "missing": [999999],
        "GET": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
        "POST": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REDIRECT),
        "data": lambda w: {"duplicate": w.xi_again.pk},
    },
}


def url_names(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the admin lets in staff only, through its own login
            yield from url_names(
                pattern.url_patterns,
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace,
            )
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}"


def test_every_url_has_an_entry():
    names = set(url_names(get_resolver().url_patterns))
    assert names - PERMISSIONS.keys() == set(), "add these URL names to PERMISSIONS"


def test_every_entry_is_a_url():
    names = set(url_names(get_resolver().url_patterns))
    assert PERMISSIONS.keys() - names == set(), "these PERMISSIONS entries name no URL"


CASES = [
    (name, method, role, expected)
    for name, entry in PERMISSIONS.items()
    for method in ("GET", "POST")
    if method in entry
    for role, expected in zip(ROLES, entry[method], strict=True)
]


@pytest.fixture
def world(make_user):
    world = make_world(make_user)
    world.comment = commentary.add(world.analyst, world.article, "The sample commentary")
    Organisation.objects.create(
        slug="sco", name_en="Shanghai Cooperation Organisation", name_zh="上海合作组织"
    )
    world.users = {
        "reader": world.reader,
        "analyst": world.analyst,
        "other_analyst": world.other,
        "editor": world.editor,
    }
    return world


def request(client, world, name: str, method: str, role: str, args=None):
    entry = PERMISSIONS[name]
    if role != "anonymous":
        client.force_login(world.users[role])
    if args is None:
        args = entry["args"](world) if "args" in entry else []
    url = reverse(name, args=args)
    if method == "GET":
        return client.get(url)
    return client.post(url, entry["data"](world) if "data" in entry else {})


def outcome(response) -> int | str:
    if response.status_code == 302:
        login = reverse("login") + "?next="
        return LOGIN if response["Location"].startswith(login) else REDIRECT
    return response.status_code


@pytest.mark.parametrize(("name", "method", "role", "expected"), CASES)
def test_each_role_gets_what_the_table_says(client, world, name, method, role, expected):
    response = request(client, world, name, method, role)
    assert outcome(response) == expected, f"{method} {name} as {role}"


MISSING = [
    (name, method, role)
    for name, entry in PERMISSIONS.items()
    if "missing" in entry
    for method in ("GET", "POST")
    if method in entry
    for role in ROLES[1:]
    if entry[method][ROLES.index(role)] != NOT_ALLOWED
]


@pytest.mark.parametrize(("name", "method", "role"), MISSING)
def test_what_does_not_exist_is_404_for_every_role(client, world, name, method, role):
    response = request(client, world, name, method, role, args=PERMISSIONS[name]["missing"])
    assert response.status_code == NOT_FOUND


def test_anonymous_writes_change_nothing(client, world):
    for name, entry in PERMISSIONS.items():
        if name.startswith("commentary:") and "POST" in entry:
            request(client, world, name, "POST", "anonymous")
    world.comment.refresh_from_db()
    world.quote.refresh_from_db()
    world.event.refresh_from_db()
    assert world.comment.body == "The sample commentary" and not world.comment.hidden
    assert world.quote.speaker == world.tokayev and world.event.end == datetime.date(2022, 9, 14)
    assert world.comment.__class__.objects.count() == 1
