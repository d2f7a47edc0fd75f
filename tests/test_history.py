"""The record's history: each event's changes from a temporary git repository, corrections,
and builds without the history (a shallow clone, a tree without git, no git at all)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from typing import TYPE_CHECKING

import pytest
import yaml

from generator import history as history_module
from generator.exports import render_exports
from generator.history import (
    NO_GIT,
    NO_REPOSITORY,
    SHALLOW,
    SUBJECT_CHARS,
    UNREADABLE,
    Change,
    HistoryCache,
    read_history,
)
from generator.pipeline import build, check
from tests.conftest import ACTOR, ARTICLE, ARTICLE_PATH, ROOT, TAGS, TOPIC, ContentTree
from tests.site_builder import build_site, copy_project

if TYPE_CHECKING:
    from pathlib import Path

EVENT = "2015-02-05-china-urges-us"
TOPIC_PAGE = "topics/thaad.md"


class Repository:
    """A git repository in a temporary folder, holding a content folder, with commits on
    fixed days by a fixed author (no user or system configuration)."""

    def __init__(self, root: Path) -> None:
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        self.root = root
        self.content = ContentTree(root / "content")
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q")

    def git(self, *arguments: str, day: str = "2026-11-27") -> str:
        stamp = f"{day}T12:00:00+00:00"
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
               "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
               "GIT_AUTHOR_NAME": "Curator", "GIT_AUTHOR_EMAIL": "curator@example.org",
               "GIT_COMMITTER_NAME": "Curator", "GIT_COMMITTER_EMAIL": "curator@example.org",
               "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        done = subprocess.run(["git", "-c", "init.defaultBranch=main",
                               "-c", "commit.gpgsign=false", *arguments], cwd=self.root,
                              env=env, capture_output=True, check=True)
        return done.stdout.decode()

    def commit(self, message: str, day: str) -> None:
        self.git("add", "-A")
        message_file = self.root.parent / f"{self.root.name}-message.txt"
        message_file.write_bytes(message.encode())
        self.git("commit", "-q", "--allow-empty", "-F", str(message_file), day=day)

    def start(self) -> None:
        """The minimal content, committed on 27 November 2026."""
        self.content.write("tags.yml", TAGS)
        self.content.write("topics/thaad.yml", TOPIC)
        self.content.write("actors/hong-lei.yml", ACTOR)
        self.content.write(ARTICLE_PATH, ARTICLE)
        self.commit("Add the TASS article of 5 February 2015", "2026-11-27")

    def edit(self, path: str, old: str, new: str) -> None:
        target = self.content.root / path
        text = target.read_text(encoding="utf-8")
        assert old in text
        target.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(autouse=True)
def history_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite turns the history off for every build (tests/conftest.py); these tests are
    about it."""
    monkeypatch.delenv(history_module.HISTORY_VARIABLE, raising=False)


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    """A repository holding the minimal content in one commit."""
    repository = Repository(tmp_path / "site")
    repository.start()
    return repository


def topic_html(content: Path, *, with_history: bool = True) -> str:
    result = build(content, history=read_history(content) if with_history else None)
    assert result.ok, result.diagnostics
    return result.pages[TOPIC_PAGE].body


def card(html: str, event: str = EVENT) -> str:
    start = html.rindex('<article class="annals-event">', 0, html.index(f'id="{event}"'))
    return html[start:html.index("</article>", start)]


# --- a committed change --------------------------------------------------------------------------


def test_a_committed_change_to_a_summary_is_in_the_events_history(
        repository: Repository) -> None:
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.", "Hong Lei speaks in Beijing "
                    "on Thursday.")
    repository.commit("Say which day Hong Lei spoke", "2026-11-30")
    found = read_history(repository.content.root)
    assert found.state == "complete"
    assert found.events[EVENT].changes == (
        Change("changed", ("summary",), date(2026, 11, 30), "Say which day Hong Lei spoke"),
        Change("added", (), date(2026, 11, 27), "Add the TASS article of 5 February 2015"))
    shown = card(topic_html(repository.content.root))
    assert "<summary>Updated 30 November 2026</summary>" in shown
    assert "<li>30 November 2026: Changed summary <q>Say which day Hong Lei spoke</q></li>" \
        in shown
    assert "<li>27 November 2026: Added <q>Add the TASS article of 5 February 2015</q></li>" \
        in shown


def test_a_topic_page_says_when_the_topic_last_changed(repository: Repository) -> None:
    repository.content.write("actors/other.yml", "name: Other\nkind: person\n")
    repository.commit("An actor changes no topic", "2026-11-28")
    assert '<p class="annals-updated">Last updated 27 November 2026</p>' in topic_html(
        repository.content.root)
    repository.edit("topics/thaad.yml", "The dispute", "The long dispute")
    repository.commit("Reword the topic", "2026-11-29")
    assert '<p class="annals-updated">Last updated 29 November 2026</p>' in topic_html(
        repository.content.root)


def test_a_change_to_several_fields_names_each_and_a_new_ref_changes_the_sources(
        repository: Repository) -> None:
    repository.edit(ARTICLE_PATH, "tags: [diplomacy]", "tags: [diplomacy, missile-defence]\n"
                    "    places: [Beijing]")
    repository.content.write("articles/2015/2015-02-06-yonhap-reaction.yml", """\
        title: Seoul reacts
        publisher: Yonhap
        url: https://en.yna.co.kr/view/1
        published: 2015-02-06
        added: 2026-11-28
        summary: Seoul reacts.
        events:
          - ref: 2015-02-05-china-urges-us
        """)
    repository.commit("Tag, place, and a second source", "2026-11-28")
    assert read_history(repository.content.root).events[EVENT].changes[0] == Change(
        "changed", ("places", "sources", "tags"), date(2026, 11, 28),
        "Tag, place, and a second source")


def test_a_reformatted_file_or_a_renamed_one_changes_no_event(repository: Repository) -> None:
    repository.edit(ARTICLE_PATH, "tags: [diplomacy]", "tags:\n      - diplomacy")
    repository.commit("Lists as blocks", "2026-11-28")
    renamed = ARTICLE_PATH.replace("china-urges-us", "china-urges-the-us")
    repository.git("mv", f"content/{ARTICLE_PATH}", f"content/{renamed}")
    repository.commit("A clearer file name", "2026-11-29")
    repository.edit(renamed, "title: China urges the US", "title: China urges the United States")
    repository.commit("Spell out the United States", "2026-11-30")
    assert [(c.kind, c.fields, c.subject) for c in read_history(
        repository.content.root).events[EVENT].changes] == [
        ("changed", ("title",), "Spell out the United States"),
        ("added", (), "Add the TASS article of 5 February 2015")]


def test_an_event_moved_to_another_article_keeps_its_history(repository: Repository) -> None:
    article = (repository.content.root / ARTICLE_PATH).read_text(encoding="utf-8")
    events = article[article.index("events:"):]
    repository.content.write("articles/2015/2015-02-05-xinhua-china-urges.yml",
                             article.replace("publisher: TASS", "publisher: Xinhua"))
    repository.content.write(ARTICLE_PATH, article.replace(
        events, "events:\n  - ref: 2015-02-05-china-urges-us\n"))
    repository.commit("Xinhua defines the event, TASS cites it", "2026-11-28")
    changes = read_history(repository.content.root).events[EVENT].changes
    assert [(c.kind, c.fields) for c in changes] == [("changed", ("sources",)), ("added", ())]


def test_a_version_that_does_not_parse_is_skipped(repository: Repository) -> None:
    repository.edit(ARTICLE_PATH, "summary: Hong Lei speaks in Beijing.",
                    "summary: Hong Lei: speaks: in: Beijing.\n  bad: [")
    repository.commit("A broken save", "2026-11-28")
    repository.edit(ARTICLE_PATH, "summary: Hong Lei: speaks: in: Beijing.\n  bad: [",
                    "summary: Hong Lei speaks in Beijing on Thursday.")
    repository.commit("Mended", "2026-11-29")
    changes = read_history(repository.content.root).events[EVENT].changes
    assert [(c.kind, c.fields, c.subject) for c in changes] == [
        ("changed", ("summary",), "Mended"),
        ("added", (), "Add the TASS article of 5 February 2015")]


def test_an_event_removed_then_added_again_says_both(repository: Repository) -> None:
    text = (repository.content.root / ARTICLE_PATH).read_text(encoding="utf-8")
    (repository.content.root / ARTICLE_PATH).unlink()
    repository.commit("Withdraw the article", "2026-11-28")
    repository.content.write(ARTICLE_PATH, text)
    repository.commit("Restore the article", "2026-11-29")
    changes = read_history(repository.content.root).events[EVENT].changes
    assert [(c.kind, c.day) for c in changes] == [("added", date(2026, 11, 29)),
                                                  ("removed", date(2026, 11, 28)),
                                                  ("added", date(2026, 11, 27))]


# --- what strangers write: subjects, paths -------------------------------------------------------


def test_a_hostile_commit_subject_is_cleaned_and_escaped(repository: Repository) -> None:
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.", "Hong Lei speaks.")
    subject = ("<script>alert(1)</script> \x1b[31mred\x07 \u202eevil {{ 7*7 }} "
               + "long " * 100)
    repository.commit(subject + "\n\nThe body is not shown.", "2026-11-28")
    change = read_history(repository.content.root).events[EVENT].changes[0]
    assert change.subject.startswith("<script>alert(1)</script> [31mred evil {{ 7*7 }} long")
    assert len(change.subject) <= SUBJECT_CHARS and change.subject.endswith("…")
    assert not any(ord(c) < 32 or c == "\u202e" for c in change.subject)
    shown = card(topic_html(repository.content.root))
    assert "&#60;script&#62;alert(1)&#60;/script&#62;" in shown
    assert "&#123;&#123; 7&#42;7 &#125;&#125;" in shown
    assert "<script>" not in shown and "\x1b" not in shown and "body is not shown" not in shown


def test_odd_characters_in_paths_break_nothing(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "a site\twith \"odd\" 'names' $(x) ünï\ncode")
    repository.start()
    # Files the reader refuses, named to look like git's own output, sit in the same commits.
    odd = repository.content.root / "articles" / "2015"
    (odd / "x.yml\n:100644 100644 0 0 M").write_text("junk\n", encoding="utf-8")
    (odd / "\u00e9t\u00e9 \"quoted\".yml").write_text("junk\n", encoding="utf-8")
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.", "Hong Lei speaks.")
    repository.commit("Edit beside odd names", "2026-11-28")
    changes = read_history(repository.content.root).events[EVENT].changes
    assert [(c.kind, c.fields) for c in changes] == [("changed", ("summary",)), ("added", ())]


# --- the working tree ----------------------------------------------------------------------------


def test_a_change_not_yet_committed_is_said_so(repository: Repository) -> None:
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.", "Hong Lei speaks.")
    repository.content.write("articles/2015/2015-02-06-yonhap-new.yml", ARTICLE.replace(
        "2015-02-05-china-urges-us", "2015-02-06-yonhap-new").replace(
        "published: 2015-02-05", "published: 2015-02-06").replace(
        "date: 2015-02-05", "date: 2015-02-06"))
    found = read_history(repository.content.root)
    assert found.events[EVENT].changes[0] == Change("changed", ("summary",))
    assert found.events["2015-02-06-yonhap-new"].changes == (Change("added"),)
    html = topic_html(repository.content.root)
    assert "<summary>Changed since the last commit</summary>" in card(html)
    assert "<li>Not yet committed: changed summary</li>" in card(html)
    assert "<summary>Added since the last commit</summary>" in card(html, "2015-02-06-yonhap-new")
    assert ("Changed since the last commit; last committed update 27 November 2026"
            in html)


# --- no history ----------------------------------------------------------------------------------


def test_a_shallow_clone_builds_and_says_the_history_is_unavailable(
        repository: Repository, tmp_path: Path) -> None:
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.", "Hong Lei speaks.")
    repository.commit("Shorter", "2026-11-28")
    clone = tmp_path / "clone"
    repository.git("clone", "-q", "--depth", "1", f"file://{repository.root}", str(clone))
    found = read_history(clone / "content")
    assert (found.state, found.reason, found.events) == ("unavailable", SHALLOW, {})
    html = topic_html(clone / "content")
    assert f'<p class="annals-updated">History unavailable: {SHALLOW}.</p>' in html
    assert "annals-history" not in html


def test_a_deeper_shallow_clone_says_where_its_history_begins(
        repository: Repository, tmp_path: Path) -> None:
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.", "Hong Lei speaks.")
    repository.commit("Shorter", "2026-11-28")
    repository.edit(ARTICLE_PATH, "Hong Lei speaks.", "Hong Lei speaks again.")
    repository.commit("Again", "2026-11-29")
    clone = tmp_path / "clone"
    repository.git("clone", "-q", "--depth", "2", f"file://{repository.root}", str(clone))
    found = read_history(clone / "content")
    assert (found.state, found.since) == ("truncated", date(2026, 11, 28))
    record = found.events[EVENT]
    # The graft commit is where this copy begins, not where the event was added.
    assert record.truncated and [c.subject for c in record.changes] == ["Again"]
    shown = card(topic_html(clone / "content"))
    assert "<summary>Updated 29 November 2026</summary>" in shown
    assert "<li>Earlier changes are not in this build&#39;s history</li>" in shown
    assert "Added" not in shown


def test_a_tree_without_git_builds_and_says_so(repository: Repository,
                                                tmp_path: Path) -> None:
    copy = tmp_path / "tarball" / "content"
    shutil.copytree(repository.content.root, copy)
    assert read_history(copy).reason == NO_REPOSITORY
    html = topic_html(copy)
    assert f"History unavailable: {NO_REPOSITORY}." in html
    assert "annals-history" not in html


def test_a_damaged_repository_builds_and_says_its_history_is_unreadable(
        repository: Repository) -> None:
    tree = repository.git("rev-parse", "HEAD^{tree}").strip()
    (repository.root / ".git" / "objects" / tree[:2] / tree[2:]).unlink()
    found = read_history(repository.content.root)
    assert (found.state, found.reason) == ("unavailable", UNREADABLE)
    assert f"History unavailable: {UNREADABLE.replace(chr(39), '&#39;')}." in topic_html(
        repository.content.root)


def test_a_blob_missing_from_the_repository_is_skipped(repository: Repository) -> None:
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.", "Hong Lei speaks.")
    repository.commit("Shorter", "2026-11-28")
    first = repository.git("rev-parse", f"HEAD~1:content/{ARTICLE_PATH}").strip()
    (repository.root / ".git" / "objects" / first[:2] / first[2:]).unlink()
    changes = read_history(repository.content.root).events[EVENT].changes
    assert [(c.kind, c.subject) for c in changes] == [("added", "Shorter")]


def test_a_version_too_large_to_read_is_skipped(repository: Repository) -> None:
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.",
                    "Hong Lei speaks in Beijing. " + "x" * 300_000)
    repository.commit("Far too long", "2026-11-28")
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing. " + "x" * 300_000,
                    "Hong Lei speaks.")
    repository.commit("Shorter", "2026-11-29")
    changes = read_history(repository.content.root).events[EVENT].changes
    assert [(c.kind, c.fields, c.subject) for c in changes] == [
        ("changed", ("summary",), "Shorter"),
        ("added", (), "Add the TASS article of 5 February 2015")]


def test_without_git_installed_the_history_is_unavailable(
        repository: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert read_history(repository.content.root).reason == NO_GIT
    assert HistoryCache().read(repository.content.root) is not None


def test_a_build_given_no_history_shows_none(repository: Repository) -> None:
    html = topic_html(repository.content.root, with_history=False)
    assert "annals-history" not in html and "annals-updated" not in html


# --- cost ----------------------------------------------------------------------------------------


def test_the_history_takes_the_same_few_processes_whatever_its_size(
        repository: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    run, popen = subprocess.run, subprocess.Popen

    def counted_run(arguments: list[str], **options: object) -> object:
        calls.append("run")
        return run(arguments, **options)  # type: ignore[call-overload]

    def counted_popen(arguments: list[str], **options: object) -> object:
        calls.append("popen")
        return popen(arguments, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counted_run)
    monkeypatch.setattr(subprocess, "Popen", counted_popen)
    read_history(repository.content.root)
    few = len(calls)
    for day in range(28, 31):
        repository.content.write(f"articles/2015/2015-02-{day - 20:02d}-tass-more.yml",
                                 ARTICLE.replace("2015-02-05", f"2015-02-{day - 20:02d}"))
        repository.edit(ARTICLE_PATH, "Beijing.", "Beijing!")
        repository.edit(ARTICLE_PATH, "Beijing!", "Beijing.")
        repository.edit(ARTICLE_PATH, "speaks", "speaks again")
        repository.commit(f"Day {day}", f"2026-11-{day}")
    calls.clear()
    read_history(repository.content.root)
    assert len(calls) == few <= 12


def test_a_preview_reads_the_history_again_only_after_a_commit(
        repository: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = HistoryCache()
    first = cache.read(repository.content.root)
    assert cache.read(repository.content.root) is first
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.", "Hong Lei speaks.")
    repository.commit("Shorter", "2026-11-28")
    again = cache.read(repository.content.root)
    assert first is not None and again is not None and again.key != first.key


def test_history_is_off_when_the_variable_says_so(
        repository: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(history_module.HISTORY_VARIABLE, "0")
    assert HistoryCache().read(repository.content.root) is None
    assert history_module.site_history(repository.content.root) is None


# --- corrections ---------------------------------------------------------------------------------


CORRECTION = """\
    corrections:
      - date: 2026-11-30
        note: The statement was on Thursday, not Wednesday.
"""


def test_a_correction_is_shown_on_the_event_without_any_history(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE + CORRECTION)
    shown = card(topic_html(minimal.root, with_history=False))
    assert "<summary>Corrected 30 November 2026</summary>" in shown
    assert ('<li class="correction"><strong>Correction</strong> 30 November 2026: The statement'
            " was on Thursday, not Wednesday.</li>") in shown


def test_a_hostile_correction_note_is_shown_as_typed(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE + """\
    corrections:
      - date: 2026-11-30
        note: "<script>alert(1)</script> [link](javascript:x) {{ 7*7 }} **bold**"
""")
    shown = card(topic_html(minimal.root, with_history=False))
    assert ("&#60;script&#62;alert(1)&#60;/script&#62; &#91;link&#93;(javascript:x) "
            "&#123;&#123; 7&#42;7 &#125;&#125; &#42;&#42;bold&#42;&#42;") in shown
    assert "<script>" not in shown and "<a href=\"javascript" not in shown


def test_a_correction_comes_before_the_commit_that_made_it(repository: Repository) -> None:
    repository.content.write(ARTICLE_PATH, ARTICLE + CORRECTION)
    repository.commit("Correct the day", "2026-11-30")
    shown = card(topic_html(repository.content.root))
    assert "<summary>Corrected 30 November 2026</summary>" in shown
    assert shown.index("Correction</strong>") < shown.index("Changed corrections") < shown.index(
        "Added")


@pytest.mark.parametrize(("entry", "code", "where"), [
    ("      - date: 2027-01-05\n        note: Later.\n", "D003", (16, 15)),
    ("      - date: 2026-02-30\n        note: No such day.\n", "D001", (16, 15)),
    ("      - date: 30 November 2026\n        note: Free form.\n", "S007", (16, 15)),
    ("      - date: 2026-11-30\n        note: ''\n", "S005", (17, 15)),
    ("      - date: 2026-11-30\n        note: \"\\u200b \"\n", "Y013", (17, 15)),
    ("      - date: 2026-11-30\n", "S001", (16, 9)),
    ("      - date: 2026-11-30\n        note: Fine.\n        by: me\n", "S002", (18, 9)),
])
def test_a_bad_correction_is_reported_where_it_is(minimal: ContentTree, entry: str, code: str,
                                                  where: tuple[int, int]) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE + "    corrections:\n" + entry)
    result = build(minimal.root)
    found = [d for d in result.diagnostics if d.code == code]
    assert found, result.diagnostics
    assert (found[0].path, found[0].line, found[0].column) == (minimal.shown(ARTICLE_PATH),
                                                               *where)
    assert found[0].hint


def test_several_bad_corrections_are_all_reported_at_once(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE + "    corrections:\n      - date: 2027-01-05\n"
                  "        note: Later.\n      - date: 2026-02-30\n        note: No day.\n")
    codes = sorted(d.code for d in build(minimal.root).diagnostics)
    assert codes == ["D001", "D003"]


# --- the deploy workflow -------------------------------------------------------------------------


def test_the_deploy_workflow_fetches_the_whole_history() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(
        encoding="utf-8"))
    checkout = [step for step in workflow["jobs"]["build"]["steps"]
                if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert checkout and checkout[0]["with"]["fetch-depth"] == 0


def test_the_feeds_date_an_entrys_update_by_its_last_committed_change(
        repository: Repository) -> None:
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.", "Hong Lei speaks.")
    repository.commit("Shorter", "2026-11-30")
    corpus, _ = check(repository.content.root)
    with_history = render_exports(corpus, formats=["atom", "jsonfeed"],
                                  history=read_history(repository.content.root))
    without = render_exports(corpus, formats=["atom", "jsonfeed"])
    atom, feed = with_history["feeds/all.atom"].decode(), with_history["feeds/all.json"]
    assert "<updated>2026-11-30T00:00:00+00:00</updated>" in atom
    assert "<published>2026-11-27T00:00:00+00:00</published>" in atom
    assert json.loads(feed)["items"][0]["date_modified"] == "2026-11-30T00:00:00Z"
    assert "2026-11-30" not in without["feeds/all.atom"].decode()


# --- the routes ----------------------------------------------------------------------------------


def test_a_strict_mkdocs_build_of_a_repository_shows_the_history(minimal: ContentTree,
                                                                 tmp_path: Path) -> None:
    repository = Repository(copy_project(tmp_path / "project", minimal.root))
    repository.commit("The site", "2026-11-27")
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.", "Hong Lei speaks.")
    repository.commit("Shorter <b>summary</b>", "2026-11-30")
    built = build_site(repository.root, tmp_path / "site")
    assert built.returncode == 0, built.log
    page = built.page("topics/thaad/")
    assert "Last updated 30 November 2026" in page
    assert "<summary>Updated 30 November 2026</summary>" in page
    assert "Changed summary <q>Shorter &#60;b&#62;summary&#60;/b&#62;</q>" in page
