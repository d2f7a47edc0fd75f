"""Topics compared on one time axis: which comparisons exist, what their pages show, where their
links land, and that a comparison's pages stay bounded as events grow.

The golden case ``compare`` holds three topics whose relations are declared on one side only,
an event on two topics and a split threshold of 1; the expected facts here are read from the
corpus and the layout, never from the page under test.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from bench.corpus import write_corpus
from generator import urls
from generator.compare import CompareView, compare_pages
from generator.diagnostics import has_errors
from generator.memo import ViewMemo
from generator.pipeline import build, check
from generator.rendering import render_page
from generator.urls import Layout
from generator.views import Views
from tests.conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from generator.model import Corpus
    from generator.pipeline import Build

CASE = ROOT / "tests" / "golden" / "cases" / "compare" / "content"
NK_THAAD = ("north-korea-missiles", "thaad")
ALL_THREE = ("china-south-korea", "north-korea-missiles", "thaad")
LARGE_EVENTS = 10_000
PAGE_LIMIT = 300_000
"""Bytes of a comparison page's own HTML at 10,000 events: with the theme's markup (about
25 KB) well under the 500 KB a page may weigh."""


@pytest.fixture(scope="module")
def split() -> Build:
    return build(CASE, split_threshold=1)


@pytest.fixture(scope="module")
def whole() -> Build:
    return build(CASE, split_threshold=0)


def views_of(built: Build) -> list[CompareView]:
    return compare_pages(Views(built.corpus, built.layout))


def test_a_topic_is_compared_with_each_related_topic_and_with_all_of_them() -> None:
    corpus = build(CASE).corpus
    # Only THAAD declares its relations: the other two are compared with it all the same.
    assert not corpus.topics["north-korea-missiles"].related
    assert urls.compare_groups(corpus) == (("china-south-korea", "thaad"), NK_THAAD, ALL_THREE)


def test_a_topic_related_to_itself_or_to_nothing_gets_no_comparison(whole: Build) -> None:
    corpus = whole.corpus
    topics = {t: replace(topic, related=(t,)) for t, topic in corpus.topics.items()}
    assert urls.compare_groups(replace(corpus, topics=topics)) == ()


def test_the_page_lays_each_topic_on_a_lane_in_order(whole: Build) -> None:
    view = next(v for v in views_of(whole) if v.file == urls.compare_file(NK_THAAD))
    corpus = whole.corpus
    assert [(lane.link.path, lane.link.text) for lane in view.lanes] == [
        (urls.page_url(urls.topic_file(t)), corpus.topics[t].title) for t in NK_THAAD]
    chart_lanes = re.findall(r'<g class="annals-compare__lane [^"]*"><text[^>]*>([^<]*)</text>',
                             view.chart)
    assert chart_lanes == [corpus.topics[t].title.replace("'", "&#39;") for t in NK_THAAD]


def test_every_event_of_the_topics_is_listed_once_in_timeline_order(whole: Build) -> None:
    corpus, layout = whole.corpus, whole.layout
    view = next(v for v in views_of(whole) if v.file == urls.compare_file(ALL_THREE))
    listed = [entry for _, _, entries in view.years for entry in entries]
    expected = [e for e in corpus.events if set(e.topics) & set(ALL_THREE)]
    assert [entry.link.text for entry in listed] == [e.title for e in expected]
    for entry, event in zip(listed, expected, strict=True):
        lanes = tuple(n for n, t in enumerate(ALL_THREE) if t in event.topics)
        assert entry.lanes == lanes
        # Each line links to the event's permalink on the first of its compared topics.
        assert entry.link.path == layout.event_url(event, ALL_THREE[lanes[0]])
    both = next(e for e in listed if e.link.text.startswith("North Korea fires"))
    assert both.lanes == (1, 2)


def test_the_chart_bars_lead_to_their_period_on_each_topic_page(split: Build) -> None:
    pages = {urls.page_url(uri): page for uri, page in split.pages.items()}
    checked = 0
    for view in views_of(split):
        here = urls.page_url(view.file)
        for href in re.findall(r'<a href="([^"]+)"><rect', view.chart):
            target, _, anchor = (here + href).partition("#")
            # Resolve the relative link against the comparison page's folder.
            parts: list[str] = []
            for part in target.split("/")[:-1]:
                if part == "..":
                    parts.pop()
                else:
                    parts.append(part)
            page = pages["/".join(parts) + "/"]
            # An element of an HTML block, or a Markdown heading's id.
            assert anchor in page.anchors or f"{{ #{anchor} " in page.skeleton, (href, view.file)
            checked += 1
    assert checked > 10


def test_a_large_comparison_splits_and_every_event_is_on_exactly_one_page(split: Build) -> None:
    layout = split.layout
    assert layout.compare[NK_THAAD].split
    views = views_of(split)
    events = [e for e in split.corpus.events if set(e.topics) & set(NK_THAAD)]
    shown = [entry.link.text for v in views if v.file.startswith("compare/north-korea-missiles_")
             for _, _, entries in v.years for entry in entries]
    assert sorted(shown) == sorted(e.title for e in events)
    overview = next(v for v in views if v.file == urls.compare_file(NK_THAAD))
    assert not overview.years
    assert sum(period.count for period in overview.periods) == len(events)


def test_each_topic_page_links_to_its_comparisons(whole: Build) -> None:
    for topic_id in whole.corpus.topics:
        body = whole.pages[urls.topic_file(topic_id)].body
        links = re.findall(r'href="\.\./\.\./(compare/[^"]+)"', body)
        expected = [urls.page_url(urls.compare_file(g)) for g in whole.layout.compare
                    if topic_id in g]
        assert expected and links == expected, topic_id


def test_comparison_pages_are_outside_the_navigation_and_search(whole: Build) -> None:
    page = whole.pages[urls.compare_file(NK_THAAD)]
    assert not page.in_nav
    assert all(fragment.search == "" for fragment in page.fragments())


def test_a_preview_keeps_a_comparison_until_one_of_its_events_changes(tmp_path: Path) -> None:
    content = shutil.copytree(CASE, tmp_path / "content")
    memo = ViewMemo()

    def pages() -> dict[str, CompareView]:
        corpus = check(content)[0]
        return {view.file: view for view in compare_pages(Views(corpus, Layout.of(corpus),
                                                                memo=memo))}

    before = pages()
    assert all(after is before[file] for file, after in pages().items())
    article = content / "articles" / "2017" / "2017-03-07-example-news-launches.yml"
    text = article.read_text(encoding="utf-8")
    old = "Lotte stores in China are closed for inspections"
    article.write_text(text.replace(old, "Lotte stores are shut"), encoding="utf-8")
    after = pages()
    # The event is on China–South Korea relations only: the other comparison is kept.
    kept = {file for file in after if after[file] is before[file]}
    assert kept == {file for file in after if file.startswith("compare/north-korea-missiles_")}
    changed = after[urls.compare_file(("china-south-korea", "thaad"))]
    titles = [entry.link.text for _, _, entries in changed.years for entry in entries]
    assert "Lotte stores are shut" in titles and old not in titles


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("compare") / "content"
    write_corpus(root, LARGE_EVENTS, seed=0)
    corpus, diagnostics = check(root)
    assert not has_errors(diagnostics)
    return corpus


def test_comparison_pages_stay_bounded_at_10000_events(large: Corpus) -> None:
    layout = Layout.of(large)
    assert len(layout.compare) >= 2
    sizes = {view.file: len(render_page(view).body.encode())
             for view in compare_pages(Views(large, layout))}
    biggest = max(sizes, key=sizes.__getitem__)
    assert sizes[biggest] < PAGE_LIMIT, (biggest, sizes[biggest])
    # The chart is bounded by periods, not events: the overview of the largest comparison
    # (thousands of events) weighs little.
    overviews = [size for file, size in sizes.items() if file.count("/") == 1]
    assert max(overviews) < 60_000
