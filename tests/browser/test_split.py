"""A split topic as a reader uses it: the overview filters every year, old links still land."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from generator.urls import Layout
from tests.browser.conftest import new_page, served_split
from tests.conftest import ROOT

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser

    from generator.model import Corpus
    from tests.browser.conftest import ServedSite

CONTENT = ROOT / "tests" / "golden" / "cases" / "split" / "content"
THRESHOLD = 2
TOPIC = "thaad"


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServedSite, Corpus]]:
    """The golden split case built by MkDocs with ``split_threshold: 2``, served locally."""
    work = tmp_path_factory.mktemp("split")
    with served_split(work, CONTENT, THRESHOLD) as served:
        yield served


def filtered(page: object) -> str:
    """How many filterings the script has finished (its data-annals-filtered mark)."""
    return str(page.evaluate("document.documentElement.dataset.annalsFiltered || '0'"))  # type: ignore[attr-defined]


@pytest.mark.browser
def test_the_overview_filter_lists_matching_events_of_every_year(
        browser: Browser, split_site: tuple[ServedSite, Corpus]) -> None:
    site, corpus = split_site
    layout = Layout.of(corpus, THRESHOLD)
    assert layout.topics[TOPIC].split
    actor = "us-forces-korea"
    expected = [site.url(layout.event_url(e, TOPIC)) for e in corpus.topic_events(TOPIC)
                if actor in e.actors]
    assert len({e.split("/")[-2] for e in expected}) > 1, "the actor must span several pages"
    context, page = new_page(browser, site)
    try:
        page.open(f"topics/{TOPIC}/", wait_until="load")
        expect(page.page.locator("html[data-annals-ready='1']")).to_have_count(1)
        before = filtered(page.page)
        page.page.locator("form.annals-filters select[name=actor]").select_option(actor)
        page.page.wait_for_function(
            f"(document.documentElement.dataset.annalsFiltered || '0') !== '{before}'")
        links = page.page.locator("ol.annals-results li a")
        expect(links).to_have_count(len(expected))
        assert [links.nth(i).get_attribute("href") for i in range(len(expected))] == expected
        expect(page.page.locator(".annals-filter-count")).to_have_text(
            f"Showing {len(expected)} of {len(corpus.topic_events(TOPIC))} events")
        assert f"actor={actor}" in page.page.url
        links.last.click()
        page.page.wait_for_url(re.compile(re.escape(expected[-1].split("#")[1]) + "$"))
        expect(page.page.locator(f'[id="{expected[-1].split("#")[1]}"]')).to_be_in_viewport()
        assert not page.console_errors, page.console_errors
    finally:
        context.close()


@pytest.mark.browser
def test_an_old_link_to_the_overview_reaches_the_event_on_its_year_page(
        browser: Browser, split_site: tuple[ServedSite, Corpus]) -> None:
    site, corpus = split_site
    event = corpus.topic_events(TOPIC)[-1]
    context, page = new_page(browser, site)
    try:
        page.open(f"topics/{TOPIC}/#{event.id}", wait_until="load")
        expect(page.page.locator("html[data-annals-ready='1']")).to_have_count(1)
        target = site.url(Layout.of(corpus, THRESHOLD).event_url(event, TOPIC))
        assert target.split("#")[0] != site.url(f"topics/{TOPIC}/")
        page.page.wait_for_url(target)
        expect(page.page.locator(f'[id="{event.id}"]')).to_be_in_viewport()
        # The script gives every title its permalink sign.
        expect(page.page.locator(f'h3[id="{event.id}"] > a.headerlink')).to_have_attribute(
            "href", f"#{event.id}")
        assert not page.console_errors, page.console_errors
    finally:
        context.close()


def test_every_page_of_the_split_site_is_reachable_and_holds_its_events(
        split_site: tuple[ServedSite, Corpus], tmp_path: Path) -> None:
    site, corpus = split_site
    layout = Layout.of(corpus, THRESHOLD)
    for event in corpus.events:
        for topic in event.topics:
            page, _, anchor = layout.event_url(event, topic).partition("#")
            html = (site.root / page / "index.html").read_text(encoding="utf-8")
            assert html.count(f'<h3 id="{anchor}">') == 1, (page, anchor)
