"""Topics compared on one time axis, in a real browser: reached from a topic page, its chart and
list land on the topics' periods and events, accessible in both palettes, readable on a phone,
whole without JavaScript.

What the page must show is worked out from the corpus and the layout (generator/urls.py), not
read from the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import expect

from generator import urls
from generator.pipeline import check
from generator.urls import Layout
from tests.browser.test_reading import SERIOUS, describe_violations
from tests.conftest import ROOT

if TYPE_CHECKING:
    from generator.model import Corpus
    from tests.browser.conftest import BrowserPage

GROUP = ("north-korea-missile-programme", "thaad")
"""North Korea's missile tests against the THAAD decisions: the issue's example."""
COMPARE = urls.page_url(urls.compare_file(GROUP))
THAAD = urls.page_url(urls.topic_file("thaad"))
MIN_LABEL_PX = 11


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    found, _ = check(ROOT / "content")
    return found


def expected_events(corpus: Corpus) -> list[str]:
    """The permalinks the comparison lists, in order: each event once, on its first topic of
    the comparison."""
    layout = Layout.of(corpus)
    return [layout.event_url(e, next(t for t in GROUP if t in e.topics))
            for e in corpus.events if set(e.topics) & set(GROUP)]


def site_path(page: BrowserPage, href: str) -> str:
    """A link of the page as a site path with its fragment (``topics/thaad/#x``)."""
    parts = urlsplit(urljoin(page.page.url, href))
    return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


@pytest.mark.browser
def test_a_topic_page_leads_to_its_comparison(page: BrowserPage, corpus: Corpus) -> None:
    page.open(THAAD, wait_until="load")
    title = corpus.topics[GROUP[0]].title
    link = page.page.locator(".annals-compare-links a", has_text=re.compile(f"^{title}$"))
    expect(link).to_have_count(1)
    link.click()
    page.page.wait_for_url(page.site.url(COMPARE))
    heading = page.page.locator("article.md-content__inner h1")
    expect(heading).to_have_text(
        f"Compare: {corpus.topics[GROUP[0]].title} and {corpus.topics[GROUP[1]].title}")
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_the_list_holds_every_event_in_order_and_each_link_lands_on_it(
        page: BrowserPage, corpus: Corpus) -> None:
    page.open(COMPARE, wait_until="load")
    links = page.page.locator(".annals-compare-list a")
    hrefs = [site_path(page, href) for href in links.evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")]
    assert hrefs == expected_events(corpus)
    # An event of each topic: following its line lands on its card.
    for topic in GROUP:
        target = next(h for h in hrefs if h.startswith(urls.page_url(urls.topic_file(topic))))
        page.open(COMPARE, wait_until="load")
        page.page.locator(f'.annals-compare-list a[href$="#{target.split("#")[1]}"]').click()
        page.page.wait_for_url(re.compile(re.escape(target) + "$"))
        card = page.page.locator(f'[id="{target.split("#")[1]}"]')
        expect(card).to_have_count(1)
        expect(card).to_be_in_viewport()
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_the_chart_has_a_lane_per_topic_whose_bars_land_on_its_periods(
        page: BrowserPage, corpus: Corpus) -> None:
    page.open(COMPARE, wait_until="load")
    lanes = page.page.locator(".annals-compare__lane")
    expect(lanes).to_have_count(len(GROUP))
    for number, topic in enumerate(GROUP):
        lane = lanes.nth(number)
        expect(lane.locator("text").first).to_have_text(corpus.topics[topic].title)
        hrefs = lane.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert hrefs, topic
        # Every bar of the lane leads into that topic's own timeline.
        assert {site_path(page, h).split("#")[0] for h in hrefs} == {
            urls.page_url(urls.topic_file(topic))}
    bar = lanes.nth(0).locator("a").first
    target = site_path(page, bar.get_attribute("href") or "")
    bar.click()
    page.page.wait_for_url(re.compile(re.escape(target) + "$"))
    expect(page.page.locator(f'[id="{target.split("#")[1]}"]')).to_be_in_viewport()
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_comparison_has_no_serious_accessibility_violation(
        page: BrowserPage, scheme: str) -> None:
    page.page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.open(COMPARE, wait_until="load")
    palette = page.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == {"light": "default", "dark": "slate"}[scheme]
    results = Axe().run(page.page)
    serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert not serious, describe_violations(serious, COMPARE)
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_on_a_phone_the_chart_labels_stay_readable(phone_page: BrowserPage) -> None:
    phone_page.open(COMPARE, wait_until="load")
    sizes = phone_page.page.locator(".annals-compare__svg text").evaluate_all(
        "texts => texts.map(t => parseFloat(getComputedStyle(t).fontSize)"
        " * t.getScreenCTM().a)")
    assert sizes and min(sizes) >= MIN_LABEL_PX, sizes
    width = phone_page.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways: {width} px"


@pytest.mark.browser
def test_without_javascript_the_comparison_is_whole(no_js_page: BrowserPage,
                                                   corpus: Corpus) -> None:
    no_js_page.open(COMPARE, wait_until="load")
    page = no_js_page.page
    expect(page.locator(".annals-compare__lane")).to_have_count(len(GROUP))
    expect(page.locator(".annals-compare-list li:visible")).to_have_count(
        len(expected_events(corpus)))
