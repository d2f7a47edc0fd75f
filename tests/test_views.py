"""Page views: what a page shows, its signature and its cached blocks cannot drift apart."""

from __future__ import annotations

import html
import shutil
from typing import TYPE_CHECKING

import pytest

from generator import urls
from generator.memo import ViewMemo
from generator.pipeline import ContentCache, build, check
from generator.rendering import Page, search_version
from generator.urls import Layout
from generator.views import Views, YearView
from tests.conftest import ROOT

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from generator.model import Corpus
    from tests.conftest import ContentTree

CASE = ROOT / "tests" / "golden" / "cases" / "related" / "content"
ARTICLES = "articles/2016"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


XINHUA_SECOND_EVENT = """  - id: 2016-07-09-china-summons-ambassador
    date: 2016-07-09
    title: China summons South Korea's ambassador over THAAD
    summary: The ministry summons Kim Jang-soo to lodge a protest.
    topics: [china-south-korea-relations]
    actors: [china, south-korea, kim-jang-soo]
    tags: [diplomacy]
"""


def first_value(root: Path, pattern: str, key: str) -> tuple[Path, str]:
    """A file of ``root`` matching ``pattern`` and the first value of ``key:`` in it."""
    for path in sorted(root.glob(pattern)):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(f"{key}:") and line.split(":", 1)[1].strip():
                return path, line.split(":", 1)[1].strip()
    raise AssertionError(f"no {key} in {pattern}")


def retitle_an_event(root: Path) -> None:
    # A related event's title is shown on other events' cards, on other pages too.
    path, title = first_value(root, f"{ARTICLES}/*xinhua-china-protests.yml", "    title")
    replace_in(path, title, "A new title for a related event")


def retitle_a_topic(root: Path) -> None:
    path, title = first_value(root, "topics/*.yml", "title")
    replace_in(path, title, "Renamed topic")


def rename_an_actor(root: Path) -> None:
    path, name = first_value(root, "actors/*.yml", "name")
    replace_in(path, name, "Renamed actor")


def retitle_an_article(root: Path) -> None:
    path, title = first_value(root, f"{ARTICLES}/*.yml", "title")
    replace_in(path, title, "A renamed article")


SEONGJU = f"{ARTICLES}/2016-07-13-yonhap-seongju.yml"
XINHUA = f"{ARTICLES}/2016-07-09-xinhua-china-protests.yml"
PARLIAMENT = f"{ARTICLES}/2016-07-11-korea-herald-parliament.yml"


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    """A mutation: one replacement in one content file."""
    return lambda root: replace_in(root / relative, old, new)


MUTATIONS: dict[str, Callable[[Path], None]] = {
    "a related event's title": retitle_an_event, "a topic's title": retitle_a_topic,
    "an actor's name": rename_an_actor, "a source's title": retitle_an_article,
    # Edits a preview sees most: they leave the registries and the layout as they were.
    "an event's summary": edit(SEONGJU, "announce the site.", "announce the site at last."),
    "an event's date, into another year": edit(SEONGJU, "date: 2016-07-13", "date: 2017-01-05"),
    "an event's date, within its month": edit(SEONGJU, "date: 2016-07-13", "date: 2016-07-14"),
    "an event's actors (its related events)": edit(
        PARLIAMENT, "actors: [han-min-koo, south-korea]", "actors: [south-korea]"),
    # On a year page, not the overview: the overview's filters list the actor all the same.
    "an actor new to the topic": edit(SEONGJU, "actors: [south-korea, united-states, han-min-koo]",
                                      "actors: [south-korea, united-states, han-min-koo, "
                                      "kim-jang-soo]"),
    "the topic's only event with a tag loses it": edit(
        f"{ARTICLES}/2016-07-15-korea-herald-protest.yml", "tags: [local-opposition]",
        "tags: [deployment]"),
    "an event's places": edit(SEONGJU, "places: [Seongju]", "places: [Seongju, Gimcheon]"),
    "an event's tags": edit(SEONGJU, "tags: [deployment]", "tags: [diplomacy]"),
    "a quote": edit(SEONGJU, "    tags: [deployment]",
                    "    tags: [deployment]\n    quotes:\n      - text: The site is chosen.\n"
                    "        by: han-min-koo"),
    "an event removed": edit(XINHUA, XINHUA_SECOND_EVENT, ""),
    # Shown on THAAD's page only as the related event of a card there.
    "the title of a related event on another topic only": edit(
        XINHUA, "title: China summons South Korea's ambassador over THAAD",
        "title: China calls in the ambassador"),
    "an article's summary": edit(SEONGJU, "summary: The defence ministry",
                                 "summary: At last, the defence ministry"),
}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CASE, target)
    return target


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_a_page_signature_changes_exactly_when_the_page_changes(content: Path,
                                                                mutation: str) -> None:
    # What a page shows is its own content and the navigation the theme draws around it.
    first = build(content)
    MUTATIONS[mutation](content)
    second = build(content)
    before, after = first.pages, second.pages
    assert before.keys() == after.keys()
    changed = 0
    for uri, page in after.items():
        shown_differs = (page.markdown(), second.navigation) != (before[uri].markdown(),
                                                                 first.navigation)
        changed += shown_differs
        assert shown_differs == (page.signature != before[uri].signature), (mutation, uri)
    assert changed, f"changing {mutation} changed no page"


def shown(pages: dict[str, Page]) -> dict[str, tuple[object, ...]]:
    """Everything a build says of each page."""
    return {uri: (page.title, page.skeleton, page.body, page.anchors, page.signature,
                  page.in_nav, page.description, page.feeds, page.source_path)
            for uri, page in pages.items()}


@pytest.mark.parametrize("split", [0, 2], ids=["one page", "split by year"])
@pytest.mark.parametrize("mutation", MUTATIONS)
def test_a_preview_gives_the_pages_an_uncached_build_gives(content: Path, mutation: str,
                                                            split: int) -> None:
    # The preview keeps views, blocks and skeletons between rebuilds: after any edit, what
    # it shows must be what a build from nothing shows.
    cache = ContentCache()
    for page in build(content, cache=cache, split_threshold=split).pages.values():
        page.fragments()
    MUTATIONS[mutation](content)
    cached = build(content, cache=cache, split_threshold=split)
    fresh = build(content, split_threshold=split)
    assert shown(cached.pages) == shown(fresh.pages)
    assert cached.files == fresh.files
    assert not [d for d in fresh.diagnostics if d.severity.name == "ERROR"], mutation


def test_an_edit_builds_again_only_the_views_it_changes(content: Path) -> None:
    memo = ViewMemo()
    before = {view.file: view for view in Views(*laid_out(content), memo=memo).pages()}
    MUTATIONS["an event's summary"](content)
    after = {view.file: view for view in Views(*laid_out(content), memo=memo).pages()}
    assert before.keys() == after.keys()
    # Only the THAAD timeline shows the summary.
    assert {file for file, view in after.items() if view != before[file]} == {"topics/thaad.md"}
    # Timelines and actors' pages (the bulk of a site) that do not list the event are kept,
    # not built again and compared.
    listing = {"topics/thaad.md", "actors/south-korea.md", "actors/united-states.md",
               "actors/han-min-koo.md"}
    kept = {file for file in after if file.startswith(("topics/", "actors/"))
            and file != urls.ACTORS_INDEX} - listing
    assert kept and all(after[file] is before[file] for file in kept)


def laid_out(content: Path) -> tuple[Corpus, Layout]:
    corpus = check(content)[0]
    return corpus, Layout.of(corpus)


def test_no_event_is_related_to_itself_and_neighbours_are_left_out(content: Path) -> None:
    corpus = build(content).corpus
    views = Views(corpus, Layout.of(corpus))
    related_somewhere = False
    for topic in corpus.topics:
        events = corpus.topic_events(topic)
        for page in views.topic_pages(topic):
            for year in page.years:
                for event in year.events():
                    links = [link.path.rsplit("#", 1)[1] for link in event.related]
                    related_somewhere |= bool(links)
                    assert event.id not in links
                    index = [e.id for e in events].index(event.id)
                    beside = {e.id for e in events[max(index - 1, 0):index + 2]}
                    assert not beside & set(links), (topic, event.id)
    assert related_somewhere, "the case must show related events"


def test_the_search_version_holds_text_not_the_readers_markup() -> None:
    corpus = build(CASE.parent.parent / "two-topics" / "content").corpus
    views = Views(corpus, Layout.of(corpus))
    quoted = secondary = 0
    for page in views.topics():
        for year in page.years:
            text = search_version(year)
            assert isinstance(year, YearView)
            assert "<article" not in text and "annals-" not in text and "<a " not in text
            for event in year.events():
                # Each event once in search, on its first topic, dated, with where else it is.
                heading = f'<h3 id="{event.id}">{html.escape(event.date)}: '
                assert (heading in text) == event.primary, (page.file, event.id)
                if not event.primary:
                    secondary += 1
                    continue
                assert all(link.text in text for link in event.also_on)
                for quote in event.quotes:
                    quoted += 1
                    assert quote.speaker in text
    assert quoted, "the case must have quotes"
    assert secondary, "the case must have an event on two topics"


def test_a_preview_rebuilds_an_event_map_exactly_when_its_topic_changes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "golden" / "cases" / "split" / "content", content)
    cache = ContentCache()
    first = build(content, cache=cache, split_threshold=2).files
    unchanged = build(content, cache=cache, split_threshold=2).files
    assert unchanged == first
    path, title = first_value(content, "articles/2017/*.yml", "    title")
    replace_in(path, title, "A retitled launch")
    cached = build(content, cache=cache, split_threshold=2).files
    assert cached == build(content, split_threshold=2).files != first
    assert "A retitled launch" in next(iter(cached.values())).decode()


NEIGHBOUR_ARTICLE = """\
title: {title}
publisher: Yonhap
url: https://en.yna.co.kr/view/{slug}
published: {published}
added: 2026-11-27
summary: A report.
events:
{events}"""


def event_yaml(event_id: str, day: str, title: str) -> str:
    return (f"  - id: {event_id}\n    date: {day}\n    title: {title}\n"
            f"    summary: Something happens.\n    topics: [thaad]\n")


def test_a_card_loses_a_related_link_when_its_event_becomes_a_neighbour_on_another_page(
        minimal: ContentTree) -> None:
    # X (2016) and Y (2017) come from one article, so each is the other's related event; Z
    # stands between them. Removing Z makes Y the event right after X, and an event beside a
    # card is not repeated as its related link. X's page (2016) shows the same events before
    # and after: only the events beside its card changed, on another page.
    minimal.write("articles/2017/2017-01-10-yonhap-x-and-y.yml", NEIGHBOUR_ARTICLE.format(
        title="Two reports", slug="x-and-y", published="2017-01-10",
        events=event_yaml("2016-12-30-x", "2016-12-30", "Seoul reviews the deployment plan")
        + event_yaml("2017-01-10-y", "2017-01-10", "Lawmakers question the battery's cost")))
    between = minimal.write("articles/2017/2017-01-05-yonhap-z.yml", NEIGHBOUR_ARTICLE.format(
        title="One report", slug="z", published="2017-01-05",
        events=event_yaml("2017-01-05-z", "2017-01-05", "Residents rally outside the base")))
    cache = ContentCache()
    before = build(minimal.root, cache=cache, split_threshold=2)
    assert "2017-01-10-y" in before.pages["topics/thaad/2016.md"].body  # X's related link
    between.unlink()
    cached = build(minimal.root, cache=cache, split_threshold=2)
    fresh = build(minimal.root, split_threshold=2)
    assert cached.layout.key() == before.layout.key()  # the same pages: the views are kept
    assert "2017-01-10-y" not in fresh.pages["topics/thaad/2016.md"].body
    assert shown(cached.pages) == shown(fresh.pages)
