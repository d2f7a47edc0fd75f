"""The map of places as a reader uses it: a marker (or a place in the list beside the map)
selects its place in the filter, the home page's markers lead to the topic filtered by the
place, the links work without JavaScript, a split topic's overview filters every year, and the
map is free of serious accessibility problems in both palettes."""

from __future__ import annotations

import re
import urllib.parse
from typing import TYPE_CHECKING, Literal

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import expect

from generator.urls import Layout
from tests.browser.conftest import ROOT, new_page, served_split
from tests.browser.test_reading import RENDER_ALL, SERIOUS, THAAD, describe_violations, topic_page

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Locator, Page

    from generator.model import Corpus
    from tests.browser.conftest import BrowserPage, ServedSite

pytestmark = pytest.mark.browser

PLACE = "Gimcheon"  # three THAAD events, all in 2016


def ready(page: BrowserPage, path: str) -> None:
    page.open(path, wait_until="load")
    expect(page.page.locator("html[data-annals-ready='1']")).to_have_count(1)


def shown_events(page: Page) -> list[str]:
    ids: list[str] = page.locator("article.annals-event:visible > h3").evaluate_all(
        "nodes => nodes.map(node => node.id)")
    return ids


def marker(page: Page, name: str) -> Locator:
    return page.locator(f'.annals-map a.annals-map__place[data-place="{name}"]')


def click_marker(page: Page, name: str) -> None:
    """Click a place's circle, where a reader points (its label beside may sit over others)."""
    marker(page, name).locator("circle").click()


def test_clicking_a_marker_selects_its_place_in_the_filter(page: BrowserPage) -> None:
    topic = topic_page(page.site)
    expected = [event.id for event in topic.events if PLACE in event.places]
    assert len(expected) == 3
    ready(page, THAAD)
    expect(page.page.locator("details.annals-map")).to_have_attribute("open", "")
    page.page.evaluate("window.annalsSamePage = true")  # gone if the click loaded a page
    click_marker(page.page, PLACE)
    expect(page.page.locator("form.annals-filters select[name=place]")).to_have_value(PLACE)
    assert page.page.evaluate("window.annalsSamePage === true"), "the click left the page"
    expect(page.page.locator(".annals-filter-count")).to_have_text(
        f"Showing 3 of {len(topic.events)} events")
    assert shown_events(page.page) == expected
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(page.page.url).query) == {
        "place": [PLACE]}
    expect(marker(page.page, PLACE)).to_have_class(re.compile(r"annals-map__place--on"))
    # The list beside the map selects too, and the chip says which place is on.
    page.page.locator('.annals-places a[href="?place=Seongju"]').click()
    expect(page.page.locator("form.annals-filters select[name=place]")).to_have_value("Seongju")
    expect(page.page.locator(".annals-active")).to_contain_text("Place: Seongju")
    expect(marker(page.page, PLACE)).not_to_have_class(re.compile(r"annals-map__place--on"))
    assert not page.console_errors, page.console_errors


def test_a_home_page_marker_leads_to_its_topic_filtered_by_the_place(page: BrowserPage) -> None:
    ready(page, "")
    click_marker(page.page, PLACE)
    expect(page.page).to_have_url(re.compile(rf"/{re.escape(THAAD)}\?place={PLACE}$"))
    expect(page.page.locator("html[data-annals-ready='1']")).to_have_count(1)
    expect(page.page.locator("form.annals-filters select[name=place]")).to_have_value(PLACE)
    expect(page.page.locator("article.annals-event:visible")).to_have_count(3)
    assert not page.console_errors, page.console_errors


def test_without_javascript_the_map_is_there_and_its_links_lead_to_the_filter(
        no_js_page: BrowserPage) -> None:
    no_js_page.open(THAAD)
    box = no_js_page.page.locator("details.annals-map")
    expect(box).to_be_visible()
    box.locator("summary").click()
    click_marker(no_js_page.page, PLACE)
    expect(no_js_page.page).to_have_url(re.compile(rf"\?place={PLACE}$"))


def test_on_a_phone_the_map_is_folded_under_the_filters(browser: Browser,
                                                         served_site: ServedSite) -> None:
    context, phone = new_page(browser, served_site, viewport={"width": 390, "height": 844},
                              is_mobile=True, has_touch=True)
    try:
        ready(phone, THAAD)
        expect(phone.page.locator("details.annals-map")).not_to_have_attribute("open", "")
        first = phone.page.locator("article.annals-event").first.bounding_box()
        assert first is not None and first["y"] + 40 < 844, first
        assert not phone.console_errors, phone.console_errors
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", f"{THAAD}?place={PLACE}"])
def test_the_map_is_free_of_serious_accessibility_problems_in_both_palettes(
        page: BrowserPage, path: str, scheme: Literal["light", "dark"]) -> None:
    page.page.emulate_media(color_scheme=scheme)
    ready(page, path)
    page.page.add_style_tag(content=RENDER_ALL)
    results = Axe().run(page.page, context={"include": [[".annals-map"]]})
    serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert not serious, describe_violations(serious, path)
    assert results.response["passes"], "axe checked nothing in the map"
    # Every marker is a link with a name that says its place and its events.
    labels = page.page.locator(".annals-map a.annals-map__place").evaluate_all(
        "nodes => nodes.map(node => node.getAttribute('aria-label'))")
    assert labels and all(re.fullmatch(r".+: \d+ events?(, most on .+)?", label)
                          for label in labels), labels
    assert not page.console_errors, page.console_errors


# --- a split topic ---------------------------------------------------------------------------

THRESHOLD = 30


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServedSite, Corpus]]:
    """The site with ``split_threshold: 30``: THAAD is an overview and a page per year."""
    work = tmp_path_factory.mktemp("split-map")
    with served_split(work, ROOT / "content", THRESHOLD) as served:
        yield served


def test_a_split_topic_s_overview_map_lists_the_place_s_events_of_every_year(
        browser: Browser, split_site: tuple[ServedSite, Corpus]) -> None:
    site, corpus = split_site
    layout = Layout.of(corpus, THRESHOLD)
    assert layout.topics["thaad"].split
    expected = [site.url(layout.event_url(e, "thaad")) for e in corpus.topic_events("thaad")
                if PLACE in e.places]
    context, page = new_page(browser, site)
    try:
        ready(page, THAAD)
        click_marker(page.page, PLACE)
        results = page.page.locator("ol.annals-results a")
        expect(results).to_have_count(len(expected))
        assert results.evaluate_all("links => links.map(link => link.href)") == expected
        # A year page has no map of its own: the overview's stands for the topic.
        page.open(f"{THAAD}2016/")
        expect(page.page.locator(".annals-map")).to_have_count(0)
        assert not page.console_errors, page.console_errors
    finally:
        context.close()
