"""The dashboard as a user meets it: log in, filter by country in place, read the maps.

Screenshots go to test-output/ for a person to look at.
"""

from pathlib import Path

import pytest

from briefings import services
from briefings.management.commands.ingest import is_article_file
from tests.browser import MEMBER
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCEDING = "#e67e22"  # geo.maps.STATUS_STYLES["acceding"]
OUTPUT = ROOT / "test-output"


@pytest.fixture
def demo_articles(seeded, settings):
    for path in sorted(Path(settings.SEED_ARTICLES_DIR).iterdir()):
        if is_article_file(path):
            assert services.ingest_path(path).status == "created"


@pytest.fixture
def dana(make_user):
    return make_user("dana", "reader")


def paths_coloured(page, colour: str) -> int:
    return page.locator(f'.leaflet-container path[fill="{colour}"]').count()


# Database work happens in the fixtures, before Playwright starts its event loop.
def test_a_user_filters_briefings_in_place_and_reads_the_maps(demo_articles, dana, browser_page):
    watched = browser_page
    page = watched.page
    OUTPUT.mkdir(exist_ok=True)

    # Log in through the real form.
    page.context.clear_cookies()
    watched.goto("/")  # sent to the login page
    assert "/accounts/login/" in page.url
    page.fill("#id_username", "dana")
    page.fill("#id_password", "a-long-test-password")
    page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    page.wait_for_selector("ol.briefings")
    total = page.locator("li.briefing").count()
    assert total >= 5

    # The country filter swaps the results in place and pushes a shareable URL.
    page.evaluate("window.__samePage = true")
    page.select_option("select[name=country]", "KZ")
    page.wait_for_url("**/?country=KZ")
    page.wait_for_function(f"document.querySelectorAll('li.briefing').length < {total}")
    assert page.evaluate("window.__samePage") is True
    for item in page.locator("li.briefing").all():
        assert item.locator('a.chip[href="/?country=KZ"]').count() == 1
    page.screenshot(path=str(OUTPUT / "briefings-kazakhstan.png"), full_page=True)

    # Back restores the unfiltered list.
    page.go_back()
    page.wait_for_function(f"document.querySelectorAll('li.briefing').length === {total}")

    # The itinerary draws its line; the SCO map its members.
    watched.goto("/maps/itinerary/")
    page.wait_for_selector(".leaflet-container path.trip-line")
    watched.goto("/maps/sco/?date=2022-09-15")
    page.wait_for_selector('.leaflet-container[data-boundaries="loaded"]')
    assert paths_coloured(page, MEMBER) == 8
    assert page.locator(".leaflet-container path.country-IR").get_attribute("fill") == ACCEDING
    page.screenshot(path=str(OUTPUT / "sco-2022-09-15.png"), full_page=True)

    # Iran changes colour when the date moves past its accession.
    page.locator('button[name="date"][value="2023-07-04"]').click()
    page.wait_for_url("**/maps/sco/?date=2023-07-04")
    page.wait_for_selector('tr[data-code="IR"][data-status="member"]')
    page.wait_for_selector('.leaflet-container[data-boundaries="loaded"]')
    assert paths_coloured(page, MEMBER) == 9
    assert page.locator(".leaflet-container path.country-IR").get_attribute("fill") == MEMBER
    page.screenshot(path=str(OUTPUT / "sco-2023-07-04.png"), full_page=True)
    watched.assert_clean()
