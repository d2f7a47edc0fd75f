"""What the design promises a reader, in a real browser: a phone's first screen, folded filters
with removable chips, a chart that follows the filters, a table of contents that marks years
without a match, contrast in both palettes, the home page, and search results."""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Literal

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import expect

from generator.pipeline import check
from tests.browser.conftest import ROOT, new_page
from tests.browser.test_reading import (
    NONSENSE,
    RENDER_ALL,
    SERIOUS,
    THAAD,
    an_actor_page,
    an_actor_with_a_few_events,
    describe_violations,
    topic_page,
)
from tests.browser.test_search import search_tokens

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser

    from tests.browser.conftest import BrowserPage, ServedSite

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MIN_LABEL_PX = 11


@pytest.fixture(params=["light", "dark"])
def phone(request: pytest.FixtureRequest, browser: Browser, served_site: ServedSite
          ) -> Iterator[BrowserPage]:
    """A 390 × 844 phone in either palette."""
    context, wrapped = new_page(browser, served_site, viewport=PHONE, is_mobile=True,
                                has_touch=True)
    wrapped.page.emulate_media(color_scheme=request.param)
    try:
        yield wrapped
    finally:
        context.close()


def ready(page: BrowserPage, path: str) -> None:
    page.open(path, wait_until="load")
    expect(page.page.locator("html[data-annals-ready='1']")).to_have_count(1)


def test_on_a_phone_the_first_event_is_on_the_first_screen_and_the_filters_are_folded(
        phone: BrowserPage) -> None:
    ready(phone, THAAD)
    first = phone.page.locator("article.annals-event").first
    box = first.bounding_box()
    assert box is not None and box["y"] + 40 < PHONE["height"], box  # its date and title
    filters = phone.page.locator("details.annals-filterbox")
    expect(filters).to_be_visible()
    expect(filters).not_to_have_attribute("open", "")
    expect(phone.page.locator("form.annals-filters select[name=actor]")).to_be_hidden()
    filters.locator("summary").click()
    expect(phone.page.locator("form.annals-filters select[name=actor]")).to_be_visible()
    assert not phone.console_errors, phone.console_errors


def test_the_chart_labels_are_readable_and_apart_on_a_phone(phone: BrowserPage) -> None:
    ready(phone, THAAD)
    labels: list[dict[str, Any]] = phone.page.evaluate("""() => [
        ...document.querySelectorAll('.annals-chart__svg text')].map(t => {
            const r = t.getBoundingClientRect();
            return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize),
                    left: r.left, right: r.right, height: r.height};
        })""")
    assert len(labels) >= 3, labels  # years along the axis, not only the first and last
    assert all(label["size"] >= MIN_LABEL_PX and label["height"] >= MIN_LABEL_PX
               for label in labels), labels
    for before, after in itertools.pairwise(labels):
        assert before["right"] <= after["left"], (before, after)
    width = phone.page.evaluate("document.documentElement.clientWidth")
    assert all(label["left"] >= 0 and label["right"] <= width for label in labels), labels


def test_active_filters_show_as_chips_that_remove_them(phone: BrowserPage) -> None:
    topic = topic_page(phone.site)
    actor, actor_events = an_actor_with_a_few_events(topic)
    year = min(e.year for e in actor_events)
    ready(phone, f"{THAAD}?actor={actor}&from={year}")
    chips = phone.page.locator(".annals-active button.annals-chip--remove")
    expect(chips).to_have_count(2)  # visible though the filters are folded
    expect(phone.page.locator("details.annals-filterbox summary")).to_have_text(
        "Filter events (2 active)")
    expect(chips.nth(1)).to_have_text(f"From: {year}")
    chips.nth(1).click()
    expect(chips).to_have_count(1)
    assert "from=" not in phone.page.url and f"actor={actor}" in phone.page.url
    expect(phone.page.locator(".annals-filter-count")).to_have_text(
        f"Showing {len(actor_events)} of {len(topic.events)} events")
    chips.first.click()
    expect(phone.page.locator(".annals-active")).to_be_hidden()
    expect(phone.page.locator("details.annals-filterbox summary")).to_have_text("Filter events")
    assert not phone.console_errors, phone.console_errors


SHARES = """() => {
    const chart = document.querySelector('.annals-chart__svg');
    const first = Number(chart.dataset.first), size = Number(chart.dataset.size);
    const bars = {};
    for (const rect of chart.querySelectorAll('rect.annals-chart__match')) {
        bars[Math.floor(Number(rect.getAttribute('x')))] = Number(rect.getAttribute('height'));
    }
    const shown = {};
    for (const time of document.querySelectorAll('article.annals-event > time')) {
        if (!time.parentElement.checkVisibility()) continue;
        const [y, m] = time.getAttribute('datetime').split('-');
        const slot = Math.floor((Number(y) * 12 + (Number(m) || 1) - 1 - first) / size);
        shown[slot] = (shown[slot] || 0) + 1;
    }
    const dead = [...chart.querySelectorAll('a[aria-disabled="true"] rect')].map(
        r => Math.floor(Number(r.getAttribute('x'))));
    return {bars, shown, dead};
}"""

CONTENTS = """() => [...document.querySelectorAll('.md-nav--secondary a[href^="#year_"]')]
    .map(a => ({year: a.getAttribute('href').slice(6), empty: a.classList.contains(
        'annals-toc-empty'), disabled: a.getAttribute('aria-disabled'),
        color: getComputedStyle(a).color, line: getComputedStyle(a).textDecorationLine,
        active: a.classList.contains('md-nav__link--active')}))"""


def test_filtering_shades_the_chart_and_marks_the_years_without_a_match(
        page: BrowserPage) -> None:
    topic = topic_page(page.site)
    actor, actor_events = an_actor_with_a_few_events(topic)
    ready(page, THAAD)
    expect(page.page.locator("rect.annals-chart__match")).to_have_count(0)
    page.page.locator("form.annals-filters select[name=actor]").select_option(actor)
    expect(page.page.locator(".annals-filter-count")).to_have_text(
        f"Showing {len(actor_events)} of {len(topic.events)} events")
    shares = page.page.evaluate(SHARES)
    # Each bar's solid part is exactly the matching events of its period.
    assert {int(k): v for k, v in shares["bars"].items()} == {
        int(k): v for k, v in shares["shown"].items()}
    assert sum(shares["bars"].values()) == len(actor_events)
    assert shares["dead"] and not set(shares["dead"]) & {int(k) for k in shares["bars"]}
    years = {str(e.year) for e in actor_events}
    contents = page.page.evaluate(CONTENTS)
    assert contents, "the table of contents lists the years"
    for entry in contents:
        assert entry["empty"] == (entry["year"] not in years), entry
        assert (entry["disabled"] == "true") == entry["empty"], entry
        assert (entry["line"] == "line-through") == entry["empty"], entry
    # Nothing matches: every year is marked, and none is highlighted, wherever one scrolls.
    page.page.add_style_tag(content="* { transition: none !important; }")
    page.page.locator("form.annals-filters input[name=q]").fill(NONSENSE)
    expect(page.page.locator(".annals-filter-empty")).to_be_visible()
    page.page.mouse.wheel(0, 5000)
    # Once the page has scrolled and the theme has had frames to move its highlight.
    page.page.wait_for_function("window.scrollY > 0")
    page.page.evaluate("new Promise(done => requestAnimationFrame(() => "
                       "requestAnimationFrame(done)))")
    contents = page.page.evaluate(CONTENTS)
    assert all(entry["empty"] for entry in contents), contents
    # The theme still marks the last year as the one in view; it must not look it.
    assert any(entry["active"] for entry in contents), contents
    assert len({entry["color"] for entry in contents}) == 1, contents
    # Cleared, the chart is whole again and every year is back.
    page.page.locator("form.annals-filters button[type=reset]").click()
    expect(page.page.locator("rect.annals-chart__match")).to_have_count(0)
    expect(page.page.locator('.annals-chart__svg a[aria-disabled]')).to_have_count(0)
    assert not any(entry["empty"] for entry in page.page.evaluate(CONTENTS))
    assert not page.console_errors, page.console_errors


def luminance(rgb: str) -> float:
    channels = [float(c) / 255 for c in re.findall(r"[\d.]+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chart_bars_stand_out_from_the_page_in_both_palettes(
        page: BrowserPage, scheme: Literal["light", "dark"]) -> None:
    page.page.emulate_media(color_scheme=scheme)
    ready(page, THAAD)
    fill, ground = page.page.evaluate("""() => [
        getComputedStyle(document.querySelector('.annals-chart__bars rect')).fill,
        getComputedStyle(document.body).backgroundColor]""")
    assert contrast(fill, ground) >= 3, (scheme, fill, ground)


def test_the_home_page_is_headed_by_the_site_and_shows_a_card_per_topic(
        page: BrowserPage) -> None:
    corpus = check(ROOT / "content")[0]
    ready(page, "")
    heading = page.page.locator("article.md-content__inner h1")
    assert heading.evaluate("h => h.firstChild.textContent") == "Annals"
    assert page.page.title() == "Annals"
    cards = page.page.locator("li.annals-card")
    expect(cards).to_have_count(len(corpus.topics))
    for number, topic in enumerate(corpus.topics.values()):
        card = cards.nth(number)
        expect(card.locator("h3 a")).to_have_text(topic.title)
        latest = corpus.topic_events(topic.id)[-1]
        expect(card.locator(".annals-latest a")).to_have_attribute(
            "href", re.compile(re.escape(f"#{latest.id}") + "$"))
    recent = page.page.locator("ul.annals-recent > li")
    assert 0 < recent.count() <= 10
    dates = recent.locator(".annals-recent__date").all_inner_texts()
    assert len(dates) == recent.count() and all(re.fullmatch(r"\d{1,2} \w+ \d{4}", d)
                                                for d in dates), dates
    expect(page.page.locator(".annals-more a")).to_have_attribute("href", "sources/")
    assert not page.console_errors, page.console_errors


def a_word_of_an_event_on_two_topics(site: ServedSite) -> tuple[str, str, str]:
    """(word, event id, its first topic) for a word that only that event's summary has."""
    corpus = check(ROOT / "content")[0]
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    where: dict[str, set[str]] = defaultdict(set)
    for doc in index["docs"]:
        for token in search_tokens(f"{doc.get('title', '')} {doc.get('text', '')}", separator):
            where[token].add(doc["location"])
    for event in corpus.events:
        if len(event.topics) < 2:
            continue
        for word in sorted(set(re.findall(r"\b[a-z]{9,}\b", event.summary.lower()))):
            found = {location for token, locations in where.items() if token.startswith(word)
                     for location in locations}
            if found == {f"topics/{event.topics[0]}/#{event.id}"}:
                return word, event.id, event.topics[0]
    pytest.fail("no event on two topics has a word of its own in the search index")


def test_search_lists_an_event_on_two_topics_once_with_its_date(page: BrowserPage) -> None:
    # Found once in the index (the helper's condition), on its first topic: shown once, dated.
    word, event_id, topic = a_word_of_an_event_on_two_topics(page.site)
    event = check(ROOT / "content")[0].events_by_id[event_id]
    page.open()
    query = page.page.locator("input.md-search__input")
    query.click()
    query.press_sequentially(word, delay=20)
    results = page.page.locator(f'.md-search-result__link[href*="#{event_id}"]')
    expect(results).to_have_count(1)
    expect(results).to_have_attribute(
        "href", re.compile(rf"/topics/{topic}/(\?[^#]*)?#{event_id}$"))
    expect(results).to_contain_text(event.when.label())
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["home", "topic", "filtered topic", "actor", "sources"])
def test_every_kind_of_page_is_free_of_serious_accessibility_problems_in_both_palettes(
        page: BrowserPage, which: str, scheme: Literal["light", "dark"]) -> None:
    topic = topic_page(page.site)
    actor, _ = an_actor_with_a_few_events(topic)
    paths = {"home": "", "topic": THAAD, "filtered topic": f"{THAAD}?actor={actor}",
             "actor": an_actor_page(page.site), "sources": "sources/"}
    page.page.emulate_media(color_scheme=scheme)
    ready(page, paths[which])
    page.page.add_style_tag(content=RENDER_ALL)
    results = Axe().run(page.page)
    serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert not serious, describe_violations(serious, paths[which])
    assert not page.console_errors, page.console_errors


def test_cards_off_screen_skip_their_rendering_on_screen_but_never_in_print(
        page: BrowserPage) -> None:
    # What keeps a long page quick to become interactive (bench/readers.py measures it).
    ready(page, THAAD)
    last = page.page.locator("article.annals-event").last
    expect(last).to_have_css("content-visibility", "auto")
    page.page.emulate_media(media="print")
    expect(last).to_have_css("content-visibility", "visible")
