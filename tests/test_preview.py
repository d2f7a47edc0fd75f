"""The dirty preview (`make serve`, `mkdocs serve --dirty`) shows what a full build shows: every
navigation title, every search entry once, no page that left the site; and it still rebuilds
only the pages an edit changes."""

from __future__ import annotations

import json
import os
import re
import time
import urllib.error
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urljoin

import pytest
from material.plugins.search.plugin import SearchIndex as MaterialIndex
from mkdocs.contrib.search.search_index import SearchIndex as MkDocsIndex

from generator.plugin import QUICK_REBUILD
from generator.preview import merge_entries, page_of, search_entries, source_title
from tests.conftest import ARTICLE, ARTICLE_PATH, ROOT
from tests.site_builder import BuiltSite, build_site, copy_project
from tests.test_serve import Server

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from mkdocs.config.defaults import MkDocsConfig

    from tests.conftest import ContentTree

# The hand-written pages, by URL: docs/about.md is about/.
HANDWRITTEN = sorted(f"{page.relative_to(ROOT / 'docs').with_suffix('').as_posix()}/"
                     for page in (ROOT / "docs").rglob("*.md"))
SECOND_TOPIC = "title: Another dispute\nsummary: A topic with no event yet.\n"


class _NavLinks(HTMLParser):
    """The links of a page's navigation: (href, text) of each ``a.md-nav__link``."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and "md-nav__link" in (found.get("class") or "").split():
            self._open = (found.get("href") or "", [])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            href, text = self._open
            self.links.append((href, " ".join("".join(text).split())))
            self._open = None


def nav_titles(html: str, url: str) -> dict[str, str]:
    """The pages a page's navigation links to (by URL from the site's root) and their titles;
    the table of contents (links within the page) left out."""
    parser = _NavLinks()
    parser.feed(html)
    base = "http://site/" + url
    return {urljoin(base, href).removeprefix("http://site/"): text
            for href, text in parser.links if not href.startswith("#")}


def index_docs(text: str) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads(text)["docs"]
    return docs


def full_build(project: Path, site: Path) -> BuiltSite:
    """A full `mkdocs build` of the project as it is now."""
    built = build_site(project, site)
    assert built.returncode == 0, built.log
    return built


def full_index(project: Path, site: Path) -> list[dict[str, Any]]:
    """The search entries of a full build of the project as it is now."""
    full_build(project, site)
    return index_docs((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def builds_started(log: str) -> int:
    """The builds a preview's log says were started: MkDocs' own, and the rebuilds of the
    content alone (generator/quick_preview)."""
    return log.count("Building documentation...") + log.count(QUICK_REBUILD)


def settled(running: Server) -> bool:
    """No build under way: as many finished as started. The first ends before "Serving on",
    each rebuild with "Reloading browsers" or an error. (Not "Documentation built in": MkDocs
    prints a message of its build only once, and two builds may take as long.)"""
    log = running.log()
    finished = (("Serving on" in log) + log.count("Reloading browsers")
                + log.count("An error happened during the rebuild"))
    return builds_started(log) == finished


def wait_for_build(running: Server, condition: Callable[[], bool], what: str) -> None:
    running.wait_for(lambda: condition() and settled(running), what)


def wait_until_watching(running: Server, project: Path) -> None:
    """Return once MkDocs sees edits. Its watcher polls the files and takes its first look at
    them only after "Serving on" is printed: an edit made before that is never seen. So
    ``mkdocs.yml`` is touched (its text unchanged), again every second and a half (three of the
    watcher's polls), until a rebuild starts, and that rebuild is waited for."""
    builds = builds_started(running.log())
    touched = 0.0

    def rebuilt() -> bool:
        nonlocal touched
        if builds_started(running.log()) > builds:
            return settled(running)
        if time.monotonic() - touched > 1.5:
            os.utime(project / "mkdocs.yml")
            touched = time.monotonic()
        return False

    running.wait_for(rebuilt, "the watcher to see an edit")


class Preview:
    """A `mkdocs serve --dirty` of a project, and the folder it writes the site to."""

    def __init__(self, running: Server, project: Path, site: Path) -> None:
        self.running = running
        self.project = project
        self.site = site

    def index(self) -> list[dict[str, Any]]:
        return index_docs(self.running.get("search/search_index.json"))

    def written(self, url: str) -> int:
        return (self.site / url / "index.html").stat().st_mtime_ns


@pytest.fixture
def preview(minimal: ContentTree, tmp_path: Path) -> Iterator[Preview]:
    minimal.write("topics/other.yml", SECOND_TOPIC)
    project = copy_project(tmp_path / "project", minimal.root)
    running = Server(project, "--dirty", "--verbose")
    try:
        wait_for_build(running, lambda: "Serving on" in running.log(), "the first build")
        found = re.search(r"Config value 'site_dir' = '([^']+)'", running.log())
        assert found, running.log()
        wait_until_watching(running, project)
        yield Preview(running, project, Path(found.group(1)))
    finally:
        running.stop()


@pytest.mark.serve
def test_an_edit_keeps_every_title_and_search_entry(preview: Preview, tmp_path: Path) -> None:
    running = preview.running
    before = {url: preview.written(url) for url in ("about", "topics/other")}
    # The event's title shows on the home page, the topic, the actor and the sources: four
    # pages rebuilt, the home page first (its location starts every other's).
    (preview.project / "content" / ARTICLE_PATH).write_text(
        ARTICLE.replace("title: China urges the US not to deploy THAAD",
                        "title: China presses the US over THAAD")
        .replace("Hong Lei speaks in Beijing.", "Hong Lei speaks again."), encoding="utf-8")
    wait_for_build(running, lambda: "Hong Lei speaks again." in running.get(
        "search/search_index.json"), "the edit in the search index")
    # Still a dirty rebuild: the pages the edit does not change are not written again.
    assert {url: preview.written(url) for url in before} == before
    full = full_build(preview.project, tmp_path / "full")
    for url in ("", "topics/thaad/", "actors/hong-lei/", "sources/"):
        titles = nav_titles(running.get(url), url)
        assert titles == nav_titles(full.page(url), url), url
        assert set(HANDWRITTEN) <= set(titles), url
        assert "None" not in titles.values(), url
    index = preview.index()
    entries = index_docs((full.site / "search" / "search_index.json").read_text("utf-8"))
    assert Counter(doc["location"] for doc in index) == Counter(
        doc["location"] for doc in entries)
    assert index == entries
    assert any("China presses the US over THAAD" in doc["title"] for doc in index)


@pytest.mark.serve
def test_a_navigation_change_reaches_the_pages_it_does_not_edit(preview: Preview) -> None:
    running, project = preview.running, preview.project
    # A topic's new title is in every page's navigation, the hand-written ones' too.
    (project / "content" / "topics" / "other.yml").write_text(
        SECOND_TOPIC.replace("Another dispute", "A renamed dispute"), encoding="utf-8")
    wait_for_build(running, lambda: "A renamed dispute" in nav_titles(
        running.get("topics/other/"), "topics/other/").values(), "the new topic title")
    for url in ("about/", "security/", "actors/hong-lei/"):
        assert nav_titles(running.get(url), url)["topics/other/"] == "A renamed dispute", url
    # A hand-written page's new title, in the navigation of the generated pages.
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace(
        "# About Annals", "# About this site", 1), encoding="utf-8")
    wait_for_build(running, lambda: nav_titles(running.get("about/"), "about/").get(
        "about/") == "About this site", "the new page title")
    for url in ("", "topics/thaad/", "topics/other/", "sources/"):
        assert nav_titles(running.get(url), url)["about/"] == "About this site", url


@pytest.mark.serve
def test_a_removed_page_leaves_the_preview_and_its_search(preview: Preview, tmp_path: Path
                                                          ) -> None:
    running = preview.running
    assert any(page_of(doc) == "topics/other/" for doc in preview.index())
    (preview.project / "content" / "topics" / "other.yml").unlink()
    wait_for_build(running, lambda: all(page_of(doc) != "topics/other/"
                                        for doc in preview.index()), "the topic's entries to go")
    assert preview.index() == full_index(preview.project, tmp_path / "full")
    with pytest.raises(urllib.error.HTTPError) as gone:
        running.get("topics/other/")
    assert gone.value.code == 404
    assert "topics/other/" not in nav_titles(running.get("about/"), "about/")


def test_a_title_is_read_from_the_source_as_mkdocs_reads_it() -> None:
    assert source_title("---\ntitle: From front matter\n---\n\n# A heading\n", "page") == (
        "From front matter")
    assert source_title("\n# Diagnostics reference { #top }\n\nText.\n", "diagnostics") == (
        "Diagnostics reference")
    assert source_title("# Closed heading ##\n", "x") == "Closed heading"
    # No heading first: the file name, in words.
    assert source_title("Text first.\n\n# Late heading\n", "feeds_and-data") == (
        "Feeds and data")
    assert source_title("## Not a title\n", "README") == "README"
    assert source_title("Text.\n", "index", is_homepage=True) == "Home"


def test_search_entries_are_kept_for_the_pages_not_rebuilt() -> None:
    def entry(location: str, text: str = "") -> dict[str, Any]:
        return {"location": location, "title": location, "text": text}

    kept = {"": [entry(""), entry("#topics")], "about/": [entry("about/"), entry("about/#a")],
            "gone/": [entry("gone/")], "quiet/": [entry("quiet/")]}
    # The home page and a page now excluded from search were rebuilt; "gone/" left the site.
    indexed = [entry("", "new"), entry("#topics", "new"), entry("/elsewhere")]
    by_page, strays = merge_entries(kept, indexed, {"", "quiet/"}, ["", "about/", "quiet/"])
    assert by_page == {"": [entry("", "new"), entry("#topics", "new")],
                       "about/": [entry("about/"), entry("about/#a")], "quiet/": []}
    assert list(by_page) == ["", "about/", "quiet/"]
    assert strays == [entry("/elsewhere")]
    assert page_of(entry("about/#a")) == "about/"


@pytest.mark.parametrize("index", [MaterialIndex, MkDocsIndex], ids=["material", "mkdocs"])
def test_the_search_plugins_entries_are_found(index: type[Any]) -> None:
    options = {"lang": ["en"], "separator": " ", "pipeline": [], "fields": {},
               "prebuild_index": False, "indexing": "full"}
    plugin = SimpleNamespace(search_index=index(**options), search_index_prev=object())
    config = cast("MkDocsConfig", SimpleNamespace(plugins={"annals": object(),
                                                           "material/search": plugin}))
    entries = search_entries(config)
    assert entries is not None
    entries.append({"location": "about/"})
    written = json.loads(plugin.search_index.generate_search_index(
        *([None] if index is MaterialIndex else [])))
    assert written["docs"] == [{"location": "about/"}]
    # Material's plugin would merge its previous index again, its own way.
    assert plugin.search_index_prev is None
    assert search_entries(cast("MkDocsConfig", SimpleNamespace(plugins={}))) is None
