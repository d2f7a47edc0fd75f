"""Thousands of topics: what one page carries stays bounded, whatever the number of topics.

Themes print the navigation on every page; past ``urls.NAV_TOPICS`` topics it lists the topics
index instead of each topic, the home page the topics with the newest additions, and the index
splits by initial as the actors' does. The costs at 500 and 2,000 topics are in ``make bench``
(``bench/hostile.py``); here, a generous guard.
"""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from typing import TYPE_CHECKING

from generator import urls
from generator.pipeline import build
from generator.rendering import navigation
from tests.site_builder import build_site, copy_project

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import ContentTree

GUARD = 120.0  # seconds for 2,000 topics in memory: a few seconds of linear work


def write_topics(tree: ContentTree, count: int) -> None:
    """``count`` topics, each with one event of its own, a week apart (no look-alikes)."""
    tree.write("tags.yml", "tags:\n  t: A tag.\n")
    for number in range(count):
        day = (date(1980, 1, 1) + timedelta(days=7 * number)).isoformat()
        tree.write(f"topics/t-{number:04d}.yml",
                   f"title: {chr(65 + number % 26)} dispute {number}\nsummary: S.\n")
        tree.write(f"articles/{day[:4]}/{day}-p-{number}.yml", "\n".join([
            f"title: Report {number}", "publisher: P", f"url: https://p.example/{number}",
            f"published: {day}", f"added: {date(2026, 1, 1) + timedelta(days=number % 300)}",
            "summary: S.", "events:", f"  - id: e-{number}", f"    date: {day}",
            f"    title: Step {number}", "    summary: S.", f"    topics: [t-{number:04d}]"])
            + "\n")


def test_the_navigation_lists_topics_up_to_a_size(tree: ContentTree) -> None:
    write_topics(tree, urls.NAV_TOPICS)
    listed = build(tree.root).navigation
    assert len(dict(listed)["Topics"]) == urls.NAV_TOPICS
    tree.write("topics/one-more.yml", "title: One more\nsummary: S.\n")
    result = build(tree.root)
    assert result.navigation == [("Home", urls.HOME), ("Topics", urls.TOPICS_INDEX),
                                 ("Actors", urls.ACTORS_INDEX), ("Sources", urls.SOURCES)]
    assert navigation(result.corpus) == result.navigation
    index = result.pages[urls.TOPICS_INDEX]
    assert index.in_nav and not result.pages["topics/t-0000.md"].in_nav
    for topic_id in result.corpus.topics:
        assert f'href="../{topic_id}/"' in index.body or f'href="{topic_id}/"' in index.body


def test_the_home_page_shows_the_newest_topics_and_links_the_index(tree: ContentTree) -> None:
    write_topics(tree, urls.NAV_TOPICS + 30)
    result = build(tree.root)
    home = result.pages[urls.HOME].body
    cards = re.findall(r'<h3><a href="topics/(t-\d+)/">', home)
    assert len(cards) == urls.NAV_TOPICS
    # The newest additions first: topic n was added on day n % 300 of 2026.
    assert cards[0] == f"t-{urls.NAV_TOPICS + 29:04d}"
    assert f'<a href="topics/">All {urls.NAV_TOPICS + 30} topics</a>' in home


def test_a_long_topics_index_splits_by_initial(tree: ContentTree) -> None:
    write_topics(tree, 60)
    result = build(tree.root, split_threshold=2)  # past 2 × 8 topics: a page per initial
    assert result.layout.topics_by_letter
    index = result.pages[urls.TOPICS_INDEX].body
    assert 'href="letter_a/"' in index
    letter_a = result.pages[urls.topics_letter_file("a")].body
    assert "A dispute 0" in letter_a and "B dispute 1" not in letter_a
    assert not result.pages[urls.topics_letter_file("a")].in_nav


def test_two_thousand_topics_keep_every_page_small(tree: ContentTree) -> None:
    write_topics(tree, 2000)
    started = time.perf_counter()
    result = build(tree.root)
    assert time.perf_counter() - started < GUARD
    assert result.ok
    # No page lists every topic but the index (and its initials' pages).
    for uri, page in result.pages.items():
        if uri != urls.TOPICS_INDEX and not uri.startswith("topics/letter_"):
            assert page.body.count('href="') < 400, uri


def test_a_built_site_of_many_topics_carries_a_bounded_navigation(tree: ContentTree,
                                                                  tmp_path: Path) -> None:
    write_topics(tree, urls.NAV_TOPICS + 10)
    built = build_site(copy_project(tmp_path / "project", tree.root), tmp_path / "site")
    assert built.returncode == 0, built.log
    page = built.page("topics/t-0000/")
    others = set(re.findall(r'href="[./]*topics/(t-\d+)/"', page)) - {"t-0000"}
    assert others == set()  # the navigation names the index, not each topic
    assert 'href="../"' in page  # the topics index, at topics/
    index = built.page("topics/")
    assert len(set(re.findall(r'href="(t-\d+)/"', index))) == urls.NAV_TOPICS + 10


def test_an_initial_that_holds_too_many_topics_is_split_into_parts(tree: ContentTree) -> None:
    write_topics(tree, 60)
    for number in range(60):  # every title starts alike
        tree.write(f"topics/t-{number:04d}.yml", f"title: Alike dispute {number}\nsummary: S.\n")
    result = build(tree.root, split_threshold=2)  # 16 lines a page
    parts = [urls.topics_letter_file("a", part) for part in (1, 2, 3, 4)]
    assert [p for p in result.pages if p.startswith("topics/letter_")] == parts
    counts = [result.pages[part].body.count("<li>") for part in parts]
    assert counts == [16, 16, 16, 12]
    index = result.pages[urls.TOPICS_INDEX].body
    assert all(f">A {part}</a>" in index for part in (1, 2, 3, 4))


def test_an_initial_that_holds_too_many_actors_is_split_into_parts(minimal: ContentTree) -> None:
    for number in range(40):
        minimal.write(f"actors/h-{number:03d}.yml", f"name: Hong {number}\nkind: person\n")
    result = build(minimal.root, split_threshold=2)  # 16 actors a page
    assert [p for p in result.pages if p.startswith("actors/letter_")] == [
        urls.actors_letter_file("h", part) for part in (1, 2, 3)]
    assert urls.actors_letter_file("h", 2) == "actors/letter_h_2.md"
