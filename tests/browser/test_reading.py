"""Reading a topic in a real browser: filters, permalinks, copy links, accessibility, no JS.

What the reader script (``generator/assets/javascripts/annals.js``) must do is checked against
the built THAAD page itself: the expected events come from the data attributes the server
wrote, parsed here from the HTML, never from the script.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import expect

if TYPE_CHECKING:
    from tests.browser.conftest import BrowserPage, ServedSite

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "generator" / "assets" / "javascripts" / "annals.js"
SCRIPT_LIMIT = 24 * 1024  # map search, forwarding, the folded filters, chips, chart shares, TOC
THAAD = "topics/thaad/"
NONSENSE = "qzxjvkwq"  # a query no event contains
SERIOUS = {"serious", "critical"}

# The ids of the events, year headings and month markers a reader can see (not `hidden`, not
# inside anything hidden).
VISIBLE_IDS = """selector => [...document.querySelectorAll(selector)]
    .filter(node => node.checkVisibility())
    .map(node => node.id || node.querySelector(':scope > h3').id)"""


@dataclass
class Event:
    """One event of a topic page as the server wrote it."""

    id: str
    actors: list[str]
    tags: list[str]
    places: list[str]
    year: int
    heading: str  # the id of its year heading
    month: str | None  # the id of the month marker of its section, if any


class TopicPage(HTMLParser):
    """Events, year headings, month markers and filter options of a built topic page."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[Event] = []
        self.headings: list[str] = []
        self.months: list[str] = []  # marker ids in order, "" where a year heading starts
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None
        self._chips: str | None = None  # the kind of chips being read: actors, places, tags
        self._in_place = False
        self._opening = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        classes = found.get("class", "").split()
        if tag == "h2" and found.get("id", "").startswith("year_"):
            self.headings.append(found["id"])
            self.months.append("")  # a new year starts a new month section
        elif tag == "p" and "annals-month" in classes:
            self.months.append(found.get("id", ""))
        elif tag == "article" and "annals-event" in classes:
            self._opening = True
        elif tag == "h3" and self._opening:
            self._opening = False
            self.events.append(
                Event(
                    id=found["id"],
                    actors=[],
                    tags=[],
                    places=[],
                    year=int(self.headings[-1].removeprefix("year_")),
                    heading=self.headings[-1],
                    month=self.months[-1] or None,
                )
            )
        elif tag == "p" and classes and classes[0] in ("actors", "places", "tags"):
            self._chips = classes[0]
        elif tag == "a" and self._chips == "actors":
            self.events[-1].actors.append(found["href"].rstrip("/").rsplit("/", 1)[-1])
        elif tag == "a" and self._chips == "tags":
            self.events[-1].tags.append(found["href"].removeprefix("?tag="))
        elif tag == "span" and self._chips == "places":
            self._in_place = True
        elif tag == "select":
            self._select = found.get("name", "")
            self.options[self._select] = []
        elif tag == "option" and self._select is not None:
            self.options[self._select].append(found.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._in_place:
            self.events[-1].places.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "p":
            self._chips = None
        elif tag == "span":
            self._in_place = False

    @property
    def months_used(self) -> list[str]:
        return [month for month in self.months if month]


def topic_page(site: ServedSite, path: str = THAAD) -> TopicPage:
    parsed = TopicPage()
    parsed.feed((site.root / path / "index.html").read_text(encoding="utf-8"))
    assert parsed.events, f"no events parsed from {path}"
    return parsed


def an_actor_with_a_few_events(topic: TopicPage) -> tuple[str, list[Event]]:
    """An actor of 2–6 events over at least two years, offered by the actor filter."""
    counts = Counter(actor for event in topic.events for actor in event.actors)
    for actor in sorted(counts):
        events = [event for event in topic.events if actor in event.actors]
        if 2 <= len(events) <= 6 and len({e.year for e in events}) >= 2:
            assert actor in topic.options.get("actor", []), f"{actor} is not an actor option"
            return actor, events
    pytest.fail("no actor of the THAAD page has 2–6 events over two years or more")


def visible(page: BrowserPage, selector: str) -> list[str]:
    ids: list[str] = page.page.evaluate(VISIBLE_IDS, selector)
    return ids


def expect_view(page: BrowserPage, topic: TopicPage, shown: list[Event]) -> None:
    """Exactly these events are visible, with their year headings and month markers, and the
    count says how many."""
    total = len(topic.events)
    assert visible(page, "article.annals-event") == [e.id for e in shown]
    assert visible(page, 'h2[id^="year_"]') == sorted({e.heading for e in shown})
    assert visible(page, ".annals-month") == [
        month for month in topic.months_used if month in {e.month for e in shown}
    ]
    count = f"Showing all {total} events" if len(shown) == total else (
        f"Showing {len(shown)} of {total} events")
    expect(page.page.locator(".annals-filter-count")).to_have_text(count)
    empty = page.page.locator(".annals-filter-empty")
    if shown:
        expect(empty).to_be_hidden()
    else:
        expect(empty).to_be_visible()


def query(page: BrowserPage) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.page.url).query)


@pytest.mark.browser
def test_filters_show_exactly_the_matching_events_and_live_in_the_url(page: BrowserPage) -> None:
    topic = topic_page(page.site)
    actor, actor_events = an_actor_with_a_few_events(topic)
    page.open(THAAD)
    form = page.page.locator("form.annals-filters")
    expect(form).to_be_visible()
    expect_view(page, topic, topic.events)

    form.locator('select[name="actor"]').select_option(actor)
    expect_view(page, topic, actor_events)
    assert query(page) == [("actor", actor)]

    # The URL is the view: opening it again shows the same events with the same controls.
    page.page.reload(wait_until="load")
    expect(form.locator('select[name="actor"]')).to_have_value(actor)
    expect_view(page, topic, actor_events)

    # Years are inclusive at both ends.
    second_year = sorted({e.year for e in actor_events})[1]
    form.locator('select[name="from"]').select_option(str(second_year))
    expect_view(page, topic, [e for e in actor_events if e.year >= second_year])
    form.locator('select[name="to"]').select_option(str(second_year))
    expect_view(page, topic, [e for e in actor_events if e.year == second_year])
    assert query(page) == [("actor", actor), ("from", str(second_year)), ("to", str(second_year))]

    # Words are matched case-insensitively in the event's text, all of them.
    shown = visible(page, "article.annals-event")
    # The title's own words, without the permalink sign and copy button the script adds.
    title = page.page.locator(f'[id="{shown[0]}"]').evaluate("h => h.firstChild.textContent")
    form.locator('input[name="q"]').fill(title.upper())
    assert shown[0] in visible(page, "article.annals-event")

    form.locator('input[name="q"]').fill(NONSENSE)
    expect_view(page, topic, [])
    assert ("q", NONSENSE) in query(page)
    page.page.locator(".annals-filter-empty .annals-filter-clear").click()
    expect_view(page, topic, topic.events)
    assert query(page) == []
    for name in ["actor", "tag", "place", "from", "to", "q"]:
        expect(form.locator(f'[name="{name}"]')).to_have_value("")

    # Tags and places: the options' values are what the events' data attributes name.
    tag, place = topic.options["tag"][1], topic.options["place"][1]
    form.locator('select[name="tag"]').select_option(tag)
    expect_view(page, topic, [e for e in topic.events if tag in e.tags])
    form.locator('select[name="place"]').select_option(place)
    expect_view(page, topic, [e for e in topic.events if tag in e.tags and place in e.places])
    assert query(page) == [("tag", tag), ("place", place)]
    # The form's own reset button clears everything too.
    form.locator('button[type="reset"]').click()
    expect_view(page, topic, topic.events)
    assert query(page) == []
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_a_permalink_shows_highlights_and_copies_its_event(clipboard_page: BrowserPage) -> None:
    page = clipboard_page
    topic = topic_page(page.site)
    target = topic.events[len(topic.events) * 4 // 5]
    page.open(f"{THAAD}#{target.id}")
    title = page.page.locator(f'[id="{target.id}"]')
    article = page.page.locator("article.annals-event", has=title)
    expect(title).to_be_in_viewport()
    expect(article).to_have_class(re.compile(r"(^|\s)annals-event--highlight(\s|$)"))
    expect(page.page.locator(".annals-event--highlight")).to_have_count(1)
    style = "node => [getComputedStyle(node).backgroundColor, getComputedStyle(node).borderColor]"
    plain = page.page.locator("article.annals-event").first
    assert article.evaluate(style) != plain.evaluate(style), "the target looks like any event"

    button = article.locator("button.annals-copy")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text("Link copied")
    expect(button).to_have_attribute("aria-live", "polite")
    copied = page.page.evaluate("navigator.clipboard.readText()")
    assert copied == page.site.url(THAAD) + "#" + target.id
    expect(button).to_have_text("Copy link")  # after two seconds

    # Following another event's anchor moves the highlight.
    other = topic.events[1]
    page.page.evaluate("id => { location.hash = id }", other.id)
    expect(page.page.locator(".annals-event--highlight")).to_have_count(1)
    expect(page.page.locator(f'article.annals-event:has([id="{other.id}"])')).to_have_class(
        re.compile("annals-event--highlight"))
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_a_permalink_clears_only_the_filters_that_hide_its_event(page: BrowserPage) -> None:
    topic = topic_page(page.site)
    target = topic.events[len(topic.events) * 4 // 5]
    actor = next(a for a in topic.options["actor"] if a and a not in target.actors)
    page.open(f"{THAAD}?actor={actor}&from={target.year}#{target.id}")
    expect(page.page.locator(f'[id="{target.id}"]')).to_be_in_viewport()
    form = page.page.locator("form.annals-filters")
    expect(form.locator('select[name="actor"]')).to_have_value("")
    expect(form.locator('select[name="from"]')).to_have_value(str(target.year))
    expect_view(page, topic, [e for e in topic.events if e.year >= target.year])
    landed = urlsplit(page.page.url)
    assert (landed.query, landed.fragment) == (f"from={target.year}", target.id)
    assert not page.console_errors, page.console_errors


def generated_pages(site: ServedSite) -> list[str]:
    """Every page of the built site, as a site path (the sitemap is empty without site_url)."""
    pages = sorted(
        str(found.parent.relative_to(site.root)) + "/"
        for found in site.root.rglob("index.html")
    )
    return [path.removeprefix("./") for path in pages] + ["404.html"]


@pytest.mark.browser
def test_every_page_loads_the_script_without_console_errors(page: BrowserPage) -> None:
    pages = generated_pages(page.site)
    assert THAAD in pages and len(pages) > 10, pages
    errors: dict[str, list[str]] = {}
    without_script: list[str] = []
    for path in pages:
        page.open(path, wait_until="load")
        loaded = page.page.evaluate(
            "[...document.scripts].some(s => s.src.endsWith('/javascripts/annals.js'))")
        if not loaded:
            without_script.append(path)
        if page.console_errors:
            errors[path] = list(page.console_errors)
    assert (errors, without_script) == ({}, []), "console errors, pages without annals.js"


def an_actor_page(site: ServedSite) -> str:
    """The first actor page the THAAD page's events link to."""
    html = (site.root / THAAD / "index.html").read_text(encoding="utf-8")
    article = html[html.index('<article class="annals-event"'):]
    found = re.search(r'href="(?:\.\./)+(actors/[^"/?#]+/)"', article)
    assert found, "no THAAD event links to an actor page"
    return found.group(1)


def describe_violations(violations: list[dict[str, Any]], path: str) -> str:
    return "\n".join(
        f"{path or '/'}: {v['id']} ({v['impact']}): {v['help']}; "
        + "; ".join(f"{' '.join(n['target'])} {n['html'][:160]}" for n in v["nodes"])
        for v in violations
    )


# Cards off screen skip their rendering (content-visibility), and axe's contrast check needs
# every element laid out: the check sees the page as it looks once each card is on screen.
RENDER_ALL = ".annals-event { content-visibility: visible !important; }"


# Fixed once each: Material's search dialog had no name (annals.js names it), its footer text
# was 4.47:1 on its ground, links in running text differed by colour only (underlined now), and
# the chart's <svg role="img"> held links (it is a group now).
@pytest.mark.browser
@pytest.mark.parametrize("which", ["home", "topic", "actor", "sources"])
def test_no_serious_accessibility_violations(page: BrowserPage, which: str) -> None:
    paths = {"home": "", "topic": THAAD, "sources": "sources/"}
    path = paths[which] if which in paths else an_actor_page(page.site)
    page.open(path, wait_until="load")
    page.page.add_style_tag(content=RENDER_ALL)
    results = Axe().run(page.page)
    serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert not serious, describe_violations(serious, path)


@pytest.mark.browser
def test_without_javascript_every_event_shows_and_the_controls_do_not(
    no_js_page: BrowserPage,
) -> None:
    topic = topic_page(no_js_page.site)
    no_js_page.open(THAAD, wait_until="load")
    page = no_js_page.page
    expect(page.locator("article.annals-event:visible")).to_have_count(len(topic.events))
    expect(page.locator("form.annals-filters")).to_be_hidden()
    expect(page.locator(".annals-filter-empty")).to_be_hidden()
    expect(page.locator("button.annals-copy:visible")).to_have_count(0)


def test_the_script_is_small_and_self_contained() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    assert len(source.encode()) < SCRIPT_LIMIT, f"{SCRIPT.name} is {len(source.encode())} bytes"
    # `\bimport\b`: a module import or a dynamic import(), not a word such as "important".
    found = [word for word in ["require(", "XMLHttpRequest"] if word in source]
    found += re.findall(r"\bimport\b", source)
    assert not found, f"{SCRIPT.name} must not load code: {found}"
    # One request at most: a split topic's event map, from the address the page gives.
    assert source.count("fetch(") == 1 and 'getAttribute("data-map")' in source


@pytest.mark.browser
def test_print_keeps_dates_and_sources_and_drops_the_controls(page: BrowserPage) -> None:
    page.open(THAAD, wait_until="load")
    page.page.emulate_media(media="print")
    first = page.page.locator("article.annals-event").first
    expect(page.page.locator("form.annals-filters")).to_be_hidden()
    expect(first.locator("button.annals-copy")).to_be_hidden()
    expect(first.locator("time")).to_be_visible()
    # Closed on screen, the sources are printed in full.
    expect(first.locator("details li").first).to_be_visible()


@pytest.mark.browser
def test_dark_palette_keeps_text_readable(page: BrowserPage) -> None:
    page.page.emulate_media(color_scheme="dark")
    page.open(THAAD, wait_until="load")
    scheme = page.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"
    page.page.add_style_tag(content=RENDER_ALL)
    results = Axe().run(page.page, options={"runOnly": ["color-contrast"]})
    serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert not serious, describe_violations(serious, THAAD)
