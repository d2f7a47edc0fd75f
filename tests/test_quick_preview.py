"""A dirty preview's rebuild of the content alone (generator/quick_preview): an edit in
``content/`` re-renders only the pages it changes, into the last build, and shows exactly what a
whole build shows; anything else is left to MkDocs' own rebuild."""

from __future__ import annotations

import os
import re
import sys
import threading
from typing import TYPE_CHECKING, Any

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from generator.duplicates import DuplicateMemo, find_near_duplicates
from generator.plugin import QUICK_REBUILD
from generator.quick_preview import fingerprint, watch_natively
from generator.reading import read_content
from generator.validation import validate
from tests.conftest import ARTICLE, ARTICLE_PATH
from tests.test_preview import (
    Preview,
    builds_started,
    full_build,
    preview,
    wait_for_build,
)

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import ContentTree

__all__ = ["preview"]  # the fixture, shared with tests/test_preview.py

_CONTENT = re.compile(r'<div class="md-content".*?<footer class="md-footer"', re.S)


def shown(html: str) -> str:
    """What a page shows in its main column (the content and its headings), without the head,
    navigation and scripts that a preview's site differs in (its address, livereload)."""
    found = _CONTENT.search(html)
    assert found, html[:2000]
    return found.group(0)


def mkdocs_builds(preview: Preview) -> int:
    return preview.running.log().count("Building documentation...")


@pytest.mark.serve
def test_a_content_edit_rebuilds_its_pages_as_a_whole_build_would(preview: Preview,
                                                                   tmp_path: Path) -> None:
    running, project = preview.running, preview.project
    builds = mkdocs_builds(preview)
    untouched = {url: preview.written(url) for url in ("about", "topics/other", "actors")}
    (project / "content" / ARTICLE_PATH).write_text(
        ARTICLE.replace("Hong Lei speaks in Beijing.", "Hong Lei speaks once more."),
        encoding="utf-8")
    wait_for_build(running, lambda: "Hong Lei speaks once more." in running.get(
        "topics/thaad/"), "the edit on the topic page")
    # The content alone changed: no rebuild by MkDocs, and only the pages showing the summary.
    assert mkdocs_builds(preview) == builds
    assert running.log().count(QUICK_REBUILD) == 1
    assert {url: preview.written(url) for url in untouched} == untouched
    full = full_build(project, tmp_path / "full")
    for url in ("topics/thaad/", "", "actors/hong-lei/", "sources/", "about/"):
        assert shown(running.get(url)) == shown(full.page(url)), url

    # A page added (a new topic): the navigation changes on every page, MkDocs rebuilds.
    (project / "content" / "topics" / "third.yml").write_text(
        "title: A third dispute\nsummary: Added while the preview runs.\n", encoding="utf-8")
    wait_for_build(running, lambda: "A third dispute" in running.get("about/"),
                   "the new topic in the navigation")
    assert mkdocs_builds(preview) == builds + 1

    # A hand-written page edited: MkDocs rebuilds, and the page shows the edit.
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA sentence added.\n",
                     encoding="utf-8")
    wait_for_build(running, lambda: "A sentence added." in running.get("about/"),
                   "the hand-written edit")
    assert mkdocs_builds(preview) == builds + 2
    assert builds_started(running.log()) == builds + 3


@pytest.mark.serve
def test_a_broken_content_edit_is_shown_and_then_fixed_by_a_content_rebuild(
        preview: Preview) -> None:
    running, project = preview.running, preview.project
    builds = mkdocs_builds(preview)
    path = project / "content" / ARTICLE_PATH
    path.write_text(ARTICLE.replace("published: 2015-02-05", "published: 2015-02-31"),
                    encoding="utf-8")
    wait_for_build(running, lambda: "has no day 31" in running.get("topics/other/"),
                   "the problem on every generated page")
    assert "annals-problems" in running.get("topics/thaad/")
    path.write_text(ARTICLE, encoding="utf-8")
    wait_for_build(running, lambda: "annals-problems" not in running.get("topics/other/"),
                   "the problem gone once fixed")
    assert "2015-02-05-china-urges-us" in running.get("topics/thaad/")
    assert mkdocs_builds(preview) == builds


def test_the_fingerprint_sees_every_change_outside_the_content(minimal: ContentTree,
                                                               tmp_path: Path) -> None:
    project = minimal.root.parent
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Test\nsite_dir: site\n", encoding="utf-8")
    config = load_config(config_file=str(project / "mkdocs.yml"))
    content = minimal.root
    first = fingerprint(config, content)
    (content / ARTICLE_PATH).write_text(ARTICLE + "\n", encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("built", encoding="utf-8")
    assert fingerprint(config, content) == first  # the content and the site do not count
    (project / "docs" / "new.md").write_text("# New\n", encoding="utf-8")
    second = fingerprint(config, content)
    assert second != first
    stamp = (project / "mkdocs.yml").stat().st_mtime_ns + 10**9
    os.utime(project / "mkdocs.yml", ns=(stamp, stamp))
    assert fingerprint(config, content) != second


def test_inside_the_docs_folder_the_content_does_not_count(tmp_path: Path) -> None:
    (tmp_path / "docs" / "content").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    first = fingerprint(config, tmp_path / "docs" / "content")
    (tmp_path / "docs" / "content" / "a.yml").write_text("x: 1\n", encoding="utf-8")
    assert fingerprint(config, tmp_path / "docs" / "content") == first
    (tmp_path / "docs" / "index.md").write_text("# Home page\n", encoding="utf-8")
    assert fingerprint(config, tmp_path / "docs" / "content") != first


class _Seen(FileSystemEventHandler):
    """The paths of the events a watch reports, and a signal for each."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.changed = threading.Condition()

    def on_any_event(self, event: FileSystemEvent) -> None:
        with self.changed:
            self.paths += [str(event.src_path), str(getattr(event, "dest_path", "") or "")]
            self.changed.notify_all()

    def wait_for(self, path: Path) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: str(path) in self.paths, timeout=30), (
                self.paths)


def rebuild_wanted(server: Any) -> bool:
    with server._rebuild_cond:
        wanted: bool = server._want_rebuild
        server._want_rebuild = False
        return wanted


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_the_native_watcher_reports_changes_not_reads(tmp_path: Path) -> None:
    folder, config = tmp_path / "content", tmp_path / "mkdocs.yml"
    folder.mkdir()
    (folder / "read.yml").write_text("a: 1\n", encoding="utf-8")
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path))
    server.watch(str(folder))
    server.watch(str(config))
    assert watch_natively(server)
    assert type(server.observer).__name__ == "ChangesOnly"
    assert server.build_delay <= 0.05
    seen = _Seen()
    server.observer.schedule(seen, str(folder), recursive=True)
    server.observer.start()
    try:
        (folder / "read.yml").read_text(encoding="utf-8")
        (folder / "written.yml").write_text("b: 2\n", encoding="utf-8")
        seen.wait_for(folder / "written.yml")
        # Events come in order: a read reported would be seen before the write.
        assert str(folder / "read.yml") not in seen.paths
        assert rebuild_wanted(server)
        # An editor's save: a new file renamed over the watched one (a new inode).
        for text in ("site_name: y\n", "site_name: z\n"):
            (tmp_path / "new.yml").write_text(text, encoding="utf-8")
            (tmp_path / "new.yml").replace(config)
            deadline = threading.Event()
            for _ in range(300):
                if rebuild_wanted(server):
                    break
                deadline.wait(0.1)
            else:
                pytest.fail("a replaced mkdocs.yml was not seen")
    finally:
        server.observer.stop()
        server.observer.join()


def test_watching_natively_leaves_a_started_or_unknown_watcher_alone(tmp_path: Path) -> None:
    assert not watch_natively(object())
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path))
    unknown: Any = server
    unknown.observer = object()
    assert not watch_natively(server)


def test_the_near_duplicate_check_is_kept_while_what_it_reads_is_the_same(
        minimal: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    twin = ARTICLE.replace("id: 2015-02-05-china-urges-us", "id: 2015-02-05-china-urges-us-again")
    minimal.write(ARTICLE_PATH.replace(".yml", "-again.yml"), twin)

    def corpus_now() -> Any:
        return validate(read_content(minimal.root).documents).corpus

    memo = DuplicateMemo()
    first = find_near_duplicates(corpus_now(), memo)
    assert [d.code for d in first] == ["W001"]
    assert first == find_near_duplicates(corpus_now())
    import generator.duplicates as duplicates

    looked = []
    real = duplicates._find

    def counted(corpus: Any) -> Any:
        looked.append(1)
        return real(corpus)

    monkeypatch.setattr(duplicates, "_find", counted)
    # A summary changes nothing the check reads: the same findings, not looked for again.
    minimal.write(ARTICLE_PATH, ARTICLE.replace("Hong Lei speaks in Beijing.", "Changed."))
    assert find_near_duplicates(corpus_now(), memo) == first
    assert looked == []
    # A title does: looked for again, and the same as without a memo.
    minimal.write(ARTICLE_PATH, ARTICLE.replace("title: China urges the US not to deploy THAAD",
                                                "title: A wholly different headline"))
    again = find_near_duplicates(corpus_now(), memo)
    assert looked == [1]
    assert again == find_near_duplicates(corpus_now()) == []
