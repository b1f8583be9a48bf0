"""XSS payloads posted as commentary through the htmx form, then read in a real browser.

An analyst logs in through the login form and posts every payload of
tests.test_commentary.XSS_PAYLOADS on a briefing, edits one and deletes one
(answering the confirm dialog); a reader then logs in and loads the page.
Nothing may run: no dialog, no console or page error, no CSP violation, and no
request to any host but the live server.
"""

import datetime
import shutil
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group

from briefings import services as ingest
from briefings.ingest.document import Document, Paragraph
from briefings.models import Commentary
from briefings.roles import GROUPS
from tests.browser import CHROMIUM, CHROMIUM_ARGS, WATCH
from tests.conftest import require
from tests.test_commentary import XSS_PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
# Walks the comment bodies as the browser parsed them.
INSPECT = """
(root) => {
  const found = [];
  for (const el of root.querySelectorAll(".comment .body, .comment .body *")) {
    const tag = el.tagName.toLowerCase();
    if (["script", "style", "svg", "math", "iframe", "img", "form", "button", "object", "embed"].includes(tag)) found.push("tag " + tag);
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on") || ["style", "src", "formaction", "srcdoc"].includes(attr.name)) found.push(tag + " @" + attr.name);
    }
    if (tag === "a") {
      const href = el.getAttribute("href") || "";
      if (href && !/^(https?:|mailto:|#|\\/(?!\\/))/i.test(href)) found.push("href " + href);
      if (href && el.rel !== "noopener noreferrer nofollow") found.push("rel " + el.rel);
    }
  }
  return found;
}
"""


@pytest.fixture
def article(transactional_db, make_user):
    # A transactional test starts from a flushed database: the groups that a
    # data migration made for the roles are gone.
    for name in GROUPS.values():
        Group.objects.get_or_create(name=name)
    make_user("alan", "analyst")
    make_user("rita", "reader")
    article, _ = ingest.store_document(
        Document(
            headline="Xi visits Astana",
            language="en",
            source="Example News",
            published=datetime.date(2022, 9, 14),
            paragraphs=[Paragraph(1, 0, "Opening paragraph.")],
        )
    )
    return article


class Session:
    """One browser context: its dialogs, errors and requests are recorded."""

    def __init__(self, browser, base_url: str):
        self.base_url = base_url
        self.hosts = {urlsplit(base_url).hostname, "127.0.0.1"}
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.offsite: list[str] = []
        self.context = browser.new_context()
        self.context.add_init_script(WATCH)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.confirm_next = False

    def _route(self, route):
        url = route.request.url
        if urlsplit(url).hostname not in self.hosts:
            self.offsite.append(url)
            route.abort()
        else:
            route.continue_()

    def _dialog(self, dialog):
        if self.confirm_next and dialog.type == "confirm":
            self.confirm_next = False
            dialog.accept()
            return
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def log_in(self, username: str, next_path: str) -> None:
        """Through the real login form."""
        page = self.page
        response = page.goto(f"{self.base_url}/accounts/login/?next={next_path}")
        assert response is not None and response.ok
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.locator("section.login button[type=submit]").click()
        page.wait_for_url(f"**{next_path}")

    def assert_nothing_ran(self) -> None:
        assert self.page.evaluate("window.__cspViolations") == []
        assert self.dialogs == []
        assert self.errors == []
        assert self.offsite == []
        assert self.page.evaluate(INSPECT, self.page.locator("body").element_handle()) == []


@contextmanager
def chromium():
    """Debian's chromium through Playwright. Playwright's sync API runs an event
    loop in this thread, so the ORM cannot be used inside the block."""
    require(shutil.which(CHROMIUM) is not None, f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def comment_ids(page, selector: str) -> list[int]:
    return [
        int(i.removeprefix("comment-"))
        for i in page.locator(selector).evaluate_all("els => els.map(e => e.id)")
    ]


def test_payloads_posted_through_htmx_run_for_nobody(article, live_server):
    from playwright.sync_api import expect

    path = f"/briefings/{article.pk}/"
    dom_id = f"commentary-article-{article.pk}"
    comments = f"#{dom_id}-list > li.comment"

    with chromium() as browser:
        analyst = Session(browser, live_server.url)
        analyst.log_in("alan", path)
        page = analyst.page
        page.evaluate("window.__samePage = true")
        for n, payload in enumerate(XSS_PAYLOADS, start=1):
            page.fill(f"#{dom_id}-body", payload)
            page.select_option(f"#{dom_id}-confidence", "medium")
            page.locator(f"#{dom_id}-form button[type=submit]").click()
            expect(page.locator(comments)).to_have_count(n)
            expect(page.locator(f"#{dom_id}-body")).to_have_value("")  # a fresh form came back
        expect(page.locator(f"#{dom_id}-empty")).to_have_count(0)
        ids = comment_ids(page, comments)

        # Edit the first in place: the comment becomes its form, then the comment again.
        first, last = ids[0], ids[-1]
        page.locator(f"#comment-{first} .actions a", has_text="Edit").click()
        textarea = page.locator(f"#comment-{first} textarea")
        expect(textarea).to_have_value(XSS_PAYLOADS[0])
        textarea.fill(
            "<img src=x onerror=alert('edited')> **edited** [x](javascript:alert('edited'))"
        )
        page.locator(f"#comment-{first} button[type=submit]").click()
        expect(page.locator(f"#comment-{first} .body strong")).to_have_text("edited")
        expect(page.locator(f"#comment-{first} details.revisions")).to_have_count(1)

        # Delete the last, which asks first.
        analyst.confirm_next = True
        page.locator(f"#comment-{last} .actions a", has_text="Delete").click()
        expect(page.locator(f"#comment-{last}")).to_have_count(0)
        assert analyst.confirm_next is False  # the confirm dialog was shown and accepted

        assert page.evaluate("window.__samePage") is True  # all without a page load
        analyst.assert_nothing_ran()

        reader = Session(browser, live_server.url)
        reader.log_in("rita", path)
        page = reader.page
        expect(page.locator(comments)).to_have_count(len(XSS_PAYLOADS) - 1)
        assert page.locator(f"#{dom_id}-form").count() == 0  # readers get no form
        # Would fire any handler that survived (some bodies are empty: a
        # script payload leaves nothing to show, so they cannot be hovered).
        page.evaluate(
            """() => { for (const el of document.querySelectorAll(".comment .body *")) {
                for (const type of ["mouseover", "mouseenter", "focus", "load", "error"]) el.dispatchEvent(new Event(type));
            } }"""
        )
        page.wait_for_timeout(300)
        reader.assert_nothing_ran()

    stored = Commentary.objects.filter(article=article, author__username="alan")
    assert sorted(stored.values_list("pk", flat=True)) == ids[:-1]
    assert stored.get(pk=first).revisions.get().body == XSS_PAYLOADS[0]
