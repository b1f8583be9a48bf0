"""Shared pieces of the browser tests: Debian's chromium driven by Playwright
against live_server, with every request checked to stay on the live server's
host; console errors, page errors and CSP violations fail a test.
"""

import shutil
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group

from briefings.roles import GROUPS
from geo.seeding import load_all
from tests.conftest import require
from tests.factories import samarkand_summit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MEMBER = "#b03a2e"  # geo.maps.STATUS_STYLES["member"]
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture
def seeded(transactional_db):
    # A transactional test starts from a flushed database: the groups that a
    # data migration made for the roles are gone.
    for name in GROUPS.values():
        Group.objects.get_or_create(name=name)
    load_all()
    samarkand_summit()


@pytest.fixture
def session_cookie(seeded, make_user, client, live_server) -> dict:
    client.force_login(make_user("browsing-reader"))
    return {
        "name": "sessionid",
        "value": client.cookies["sessionid"].value,
        "url": live_server.url,
    }


class Watched:
    """A logged-in page whose errors, CSP violations and requests are recorded."""

    def __init__(self, context, base_url: str):
        self.base_url = base_url
        self.host = urlsplit(base_url).hostname
        self.errors: list[str] = []
        self.offsite: list[str] = []
        self.requests: list[str] = []
        # {part of a URL: function(body) -> body}, to tamper with our own responses.
        self.rewrites: dict = {}
        context.set_default_timeout(10_000)
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).hostname not in {self.host, "127.0.0.1", "localhost"}:
            self.offsite.append(url)
            route.abort()
            return
        for part, rewrite in self.rewrites.items():
            if part in url:
                response = route.fetch()
                route.fulfill(response=response, body=rewrite(response.text()))
                return
        route.continue_()

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, path
        return response

    def assert_clean(self):
        violations = self.page.evaluate("window.__cspViolations")
        assert violations == []
        assert self.errors == []
        assert self.offsite == []


@pytest.fixture
def browser_page(session_cookie, live_server):
    require(shutil.which(CHROMIUM) is not None, f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_cookies([session_cookie])
        context.add_init_script(WATCH)
        try:
            yield Watched(context, live_server.url)
        finally:
            context.close()
            browser.close()
