"""The maps in a real browser: Debian's chromium driven by Playwright against live_server.

Every request the page makes is checked to stay on the live server's host;
console errors, page errors and CSP violations fail the test.
"""

import pytest

from tests.browser import MEMBER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def member_paths(page) -> int:
    return page.locator(f'.leaflet-container path[fill="{MEMBER}"]').count()


def test_sco_map_draws_countries_and_swaps_dates_in_place(browser_page):
    watched = browser_page
    page = watched.page
    watched.goto("/maps/sco/")
    page.wait_for_selector('.leaflet-container[data-boundaries="loaded"]')
    assert page.locator(".leaflet-container path.leaflet-interactive").count() > 150
    assert member_paths(page) == 8
    assert page.locator('tr[data-status="member"]').count() == 8
    page.evaluate("window.__samePage = true")
    page.evaluate("window.__oldMap = document.querySelector('.leaflet-container').briefingsMap")

    page.locator('button[name="date"][value="2024-07-04"]').click()
    page.wait_for_url("**/maps/sco/?date=2024-07-04")
    page.wait_for_selector('tr[data-code="BY"][data-status="member"]')
    page.wait_for_selector('.leaflet-container[data-boundaries="loaded"]')
    assert page.evaluate("window.__samePage") is True  # swapped, not reloaded
    assert page.locator(".leaflet-container").count() == 1
    # The swapped-out map was removed (its listeners freed), not just detached.
    assert page.evaluate("window.__oldMap._containerId === undefined") is True
    assert member_paths(page) == 10
    assert page.locator('button[value="2024-07-04"][aria-pressed="true"]').count() == 1
    # The boundaries came once, from our static file, for both maps.
    assert sum("countries.geojson" in url for url in watched.requests) == 1

    # The date input works the same way.
    page.fill('input[name="date"]', "2017-06-09")
    page.locator('input[name="date"] >> xpath=ancestor::form//button[@type="submit"]').click()
    page.wait_for_url("**/maps/sco/?date=2017-06-09")
    page.wait_for_selector('tr[data-code="IN"][data-status="member"]')
    page.wait_for_selector('.leaflet-container[data-boundaries="loaded"]')
    assert member_paths(page) == 8

    # Back reloads the earlier date from the server (hx-history="false").
    page.go_back()
    page.wait_for_url("**/maps/sco/?date=2024-07-04")
    page.wait_for_selector('tr[data-code="BY"][data-status="member"]')
    page.wait_for_selector('.leaflet-container[data-boundaries="loaded"]')
    assert member_paths(page) == 10
    watched.assert_clean()


def test_sco_map_tooltips_name_countries_in_both_languages(browser_page):
    watched = browser_page
    page = watched.page
    watched.goto("/maps/sco/?date=2022-09-15")
    page.wait_for_selector('.leaflet-container[data-boundaries="loaded"]')
    page.locator(f'.leaflet-container path[fill="{MEMBER}"]').first.hover(force=True)
    tooltip = page.wait_for_selector(".leaflet-tooltip")
    text = tooltip.text_content()
    assert " · " in text and "Member state / 成员国" in text
    watched.assert_clean()


def test_itinerary_map_shows_numbered_stops_and_popups(browser_page):
    watched = browser_page
    page = watched.page
    watched.goto("/maps/itinerary/")
    page.wait_for_selector(".leaflet-container .stop-marker")
    labels = page.locator(".leaflet-container .stop-marker").all_text_contents()
    assert sorted(labels) == ["1·4", "2", "3"]
    assert page.locator(".leaflet-container path.trip-line").count() == 1
    page.wait_for_selector('.leaflet-container[data-boundaries="loaded"]')  # outlines, no tiles
    assert page.locator(".leaflet-container .leg-arrow").count() == 3
    page.locator(".leaflet-container .stop-marker", has_text="3").click()
    popup = page.wait_for_selector(".leaflet-popup-content")
    text = popup.text_content()
    assert "Samarkand · 撒马尔罕" in text and "SCO Council of Heads of State" in text
    assert popup.query_selector('a[href^="/briefings/"]') is not None
    watched.assert_clean()


def test_swapped_fragments_run_only_the_scripts_the_server_signed(browser_page):
    """A script injected into a fragment cannot borrow the page's nonce."""
    watched = browser_page
    page = watched.page
    injected = (
        '<script>window.__injected = "plain";</script>'
        '<script nonce="guessed">window.__injected = "guessed";</script>'
    )
    watched.rewrites["date=2023-07-04"] = lambda body: injected + body
    watched.goto("/maps/sco/")
    page.wait_for_selector('.leaflet-container[data-boundaries="loaded"]')
    page.locator('button[name="date"][value="2023-07-04"]').click()
    page.wait_for_selector('tr[data-code="IR"][data-status="member"]')
    page.wait_for_selector('.leaflet-container[data-boundaries="loaded"]')
    assert member_paths(page) == 9  # the signed map script ran
    assert page.evaluate("window.__injected") is None
    watched.assert_clean()  # dropped before insertion: not even a CSP report
