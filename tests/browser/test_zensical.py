"""The core reader checks on the site Zensical builds through the tree route (``make zensical``):
search lands on an event, a filter shows exactly its events, a permalink reaches its event.

The filter and permalink checks are the MkDocs site's own (tests/browser/test_reading.py), run
on the Zensical build; search has its own check, since Zensical's search is not Material's: a
dialog with its own index (``search.json``), whose results link to each event's anchor.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser import test_reading as reading
from tests.browser import test_search as searching

if TYPE_CHECKING:
    from tests.browser.conftest import BrowserPage, ServedSite

pytestmark = pytest.mark.browser

THAAD = "topics/thaad/"


def word_unique_to_one_thaad_event(site: ServedSite) -> tuple[str, str]:
    """A word of one THAAD event's summary that no other entry of Zensical's index has, even as
    the start of a longer word."""
    index = json.loads((site.root / "search.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    locations_by_token: dict[str, set[str]] = defaultdict(set)
    for item in index["items"]:
        for text in (item.get("title", ""), item.get("text", "")):
            for token in searching.search_tokens(text, separator):
                locations_by_token[token].add(item["location"])

    def locations(word: str) -> set[str]:
        return {location for token, where in locations_by_token.items()
                if token.startswith(word) for location in where}

    parser = searching.EventSummaries()
    parser.feed((site.root / THAAD / "index.html").read_text(encoding="utf-8"))
    candidates = sorted(
        ((word, event_id) for event_id, summary in parser.summaries.items()
         for word in set(re.findall(rf"\b[a-z]{{{searching.MIN_WORD},}}\b", summary.lower()))
         if locations(word) == {f"{THAAD}#{event_id}"}),
        key=lambda pair: (-len(pair[0]), pair))
    assert candidates, "no word of a THAAD event summary is unique in Zensical's index"
    return candidates[0]


def test_zensical_search_for_a_word_of_one_event_lands_on_its_anchor(
        zensical_page: BrowserPage) -> None:
    page = zensical_page
    word, event_id = word_unique_to_one_thaad_event(page.site)
    page.open()
    page.page.locator("button.md-search__button").click()
    query = page.page.get_by_role("combobox", name="Search")
    query.press_sequentially(word, delay=20)
    results = page.page.get_by_role("listbox", name="Search results").get_by_role("option")
    expect(results).to_have_count(1)
    result = results.first
    expect(result).to_have_attribute("href", re.compile(re.escape(f"#{event_id}") + "$"))
    result.click()

    page.page.wait_for_url(re.compile(re.escape(f"#{event_id}") + "$"))
    landed = urlsplit(page.page.url)
    assert (landed.path, landed.fragment) == (f"/{THAAD}", event_id), page.page.url
    target = page.page.locator(f'[id="{event_id}"]')
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    assert not page.console_errors, page.console_errors


def test_zensical_filters_show_exactly_the_matching_events_and_live_in_the_url(
        zensical_page: BrowserPage) -> None:
    reading.test_filters_show_exactly_the_matching_events_and_live_in_the_url(zensical_page)


def test_zensical_permalink_shows_highlights_and_copies_its_event(
        zensical_clipboard_page: BrowserPage) -> None:
    reading.test_a_permalink_shows_highlights_and_copies_its_event(zensical_clipboard_page)


def test_zensical_pages_advertise_the_feeds_and_load_the_script(
        zensical_page: BrowserPage) -> None:
    page = zensical_page
    page.open(THAAD, wait_until="load")
    feeds = page.page.locator('head link[rel="alternate feed"]')
    expect(feeds).to_have_count(4)  # the site's and the topic's, Atom and JSON Feed each
    expect(page.page.locator("form.annals-filters")).to_be_visible()
    assert page.page.evaluate(
        "[...document.scripts].some(s => s.src.endsWith('/javascripts/annals.js'))")
    assert not page.console_errors, page.console_errors
