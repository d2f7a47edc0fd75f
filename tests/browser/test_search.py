"""The built site in a real browser: search, navigation, console errors, screenshots."""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from tests.browser.conftest import BrowserPage, ServedSite

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
THAAD = "topics/thaad/"
# `make screenshot` sets ANNALS_UPDATE_SCREENSHOT to refresh the README's picture; other runs
# leave the committed picture alone and write theirs with the other test artefacts.
SCREENSHOTS = (ROOT / "docs" / "images" if os.environ.get("ANNALS_UPDATE_SCREENSHOT")
               else ROOT / "test-artifacts")
SCREENSHOT = SCREENSHOTS / "thaad-topic.png"
PHONE_SCREENSHOT = SCREENSHOTS / "thaad-topic-phone.png"
MIN_WORD = 8  # longer than any Lunr stop word, so the search never drops the query


class EventSummaries(HTMLParser):
    """The summary text of each event on a topic page, by event id."""

    def __init__(self) -> None:
        super().__init__()
        self.summaries: dict[str, str] = {}
        self.event: str | None = None
        self.in_summary = False
        self.opening = False
        self.in_quote = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        event_id = found.get("id")
        if tag == "article" and "annals-event" in classes:
            self.opening = True
        elif tag == "h3" and self.opening and event_id:
            self.opening = False
            self.event = event_id
            self.summaries[event_id] = ""
        elif tag == "figure":
            self.in_quote = True
        elif tag == "p":
            # Summary paragraphs are the event's plain <p>s, not those of its quotes.
            self.in_summary = not classes and not self.in_quote

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.in_summary = False
        elif tag == "figure":
            self.in_quote = False

    def handle_data(self, data: str) -> None:
        if self.in_summary and self.event:
            self.summaries[self.event] += " " + data


def search_tokens(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split text as Material's search tokenizer does: markup dropped, lower case, no trimming."""
    return [
        token
        for part in re.split(r"<[^>]*>", text)
        for token in separator.split(part.lower())
        if token
    ]


def word_unique_to_one_thaad_event(site: ServedSite) -> tuple[str, str]:
    """A word of one THAAD event's summary that the whole search index has in that event only.

    Material appends a wildcard to each query term, so a word counts as unique when no token
    anywhere in the index *starts* with it except in that event's entry.
    """
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    locations_by_token: dict[str, set[str]] = defaultdict(set)
    for doc in index["docs"]:
        texts = [doc.get("title", ""), doc.get("text", ""), *(doc.get("tags") or [])]
        for text in texts:
            for token in search_tokens(text, separator):
                locations_by_token[token].add(doc["location"])

    def locations(word: str) -> set[str]:
        return {
            location
            for token, where in locations_by_token.items()
            if token.startswith(word)
            for location in where
        }

    parser = EventSummaries()
    parser.feed((site.root / THAAD / "index.html").read_text(encoding="utf-8"))
    candidates = sorted(
        (
            (word, event_id)
            for event_id, summary in parser.summaries.items()
            for word in set(re.findall(rf"\b[a-z]{{{MIN_WORD},}}\b", summary.lower()))
            if locations(word) == {f"{THAAD}#{event_id}"}
        ),
        key=lambda pair: (-len(pair[0]), pair),
    )
    assert candidates, "no word of a THAAD event summary is unique in the search index"
    return candidates[0]


def test_search_for_a_word_of_one_event_lands_on_its_anchor(page: BrowserPage) -> None:
    word, event_id = word_unique_to_one_thaad_event(page.site)
    page.open()
    query = page.page.locator("input.md-search__input")
    query.click()
    query.press_sequentially(word, delay=20)
    expect(page.page.locator(".md-search-result__meta")).to_have_text("1 matching document")
    expect(page.page.locator(f'.md-search-result__link[href$="#{event_id}"]')).to_be_visible()
    query.press("Enter")

    page.page.wait_for_url(re.compile(re.escape(f"#{event_id}") + "$"))
    landed = urlsplit(page.page.url)
    assert (landed.path, landed.fragment) == (f"/{THAAD}", event_id), page.page.url
    target = page.page.locator(f'[id="{event_id}"]')
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    summary = page.page.locator("article.annals-event", has=target).locator(
        ":scope > p:not([class])"
    )
    expect(summary.filter(has_text=re.compile(re.escape(word), re.IGNORECASE))).not_to_have_count(0)
    assert not page.console_errors, page.console_errors


def test_pages_load_without_console_errors(page: BrowserPage) -> None:
    errors: dict[str, list[str]] = {}
    page.open(THAAD)
    errors[THAAD] = list(page.console_errors)
    actor_href = page.page.locator("article.annals-event > p.actors a").first.get_attribute("href")
    assert actor_href, "the THAAD page links to no actor"
    actor = urlsplit(urljoin(page.page.url, actor_href)).path.lstrip("/")
    for path in ["", "sources/", actor]:
        page.open(path)
        expect(page.page.locator("article.md-content__inner h1")).to_be_visible()
        errors[path or "/"] = list(page.console_errors)
    assert errors == {path: [] for path in errors}


def test_home_page_links_to_the_thaad_topic(page: BrowserPage) -> None:
    page.open()
    link = page.page.locator(f'.annals-topic-cards h3 a[href="{THAAD}"]')
    expect(link).to_have_count(1)
    title = link.inner_text().strip()
    link.click()
    page.page.wait_for_url(page.site.url(THAAD))
    expect(page.page.locator("article.md-content__inner h1")).to_have_text(title)
    expect(page.page.locator("article.annals-event").first).to_be_visible()
    assert not page.console_errors, page.console_errors


def screenshot_thaad(page: BrowserPage, path: str, *, full_page: bool) -> None:
    """A screenshot of the THAAD topic once its timeline and fonts are in place."""
    page.open(THAAD)
    expect(page.page.locator("article.annals-event").first).to_be_visible()
    page.page.evaluate("document.fonts.ready.then(() => true)")
    page.page.screenshot(path=path, full_page=full_page, animations="disabled", caret="hide")


def test_screenshot_of_the_thaad_topic_at_desktop_width(page: BrowserPage) -> None:
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    # The README shows what a reader first sees: the top of the page, not all of it.
    screenshot_thaad(page, str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 10_000
    assert not page.console_errors, page.console_errors


def test_screenshot_of_the_thaad_topic_at_phone_width(phone_page: BrowserPage) -> None:
    PHONE_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    # A phone's first screen: the folded filters, and the first event.
    screenshot_thaad(phone_page, str(PHONE_SCREENSHOT), full_page=False)
    assert PHONE_SCREENSHOT.stat().st_size > 10_000
    assert not phone_page.console_errors, phone_page.console_errors
