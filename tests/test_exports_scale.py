"""Exports at scale: feeds hold the newest N events, data exports every event exactly once, and
files streamed to disk (write_exports) are byte for byte those rendered in memory.

A 300-event synthetic corpus (bench/corpus.py) is larger than the default feed length, so the
cap is exercised on the site, its topics and its busiest actors; tests/test_exports.py reads
every format back in detail on the real content and on hostile text.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import feedparser  # type: ignore[import-untyped]
import pytest
from icalendar import Calendar

from bench.corpus import write_corpus
from generator.cli import main
from generator.diagnostics import has_errors
from generator.exports import DEFAULT_FEED_ENTRIES, FORMATS, render_exports, write_exports
from generator.exports.output import MemoryOutput
from generator.pipeline import check
from generator.urls import feed_paths_for
from tests.conftest import ROOT, TAGS
from tests.test_exports import (
    BASE,
    assert_newest,
    parse_atom,
    parse_csv,
    parse_json_feed,
    parse_timelinejs,
    write_hostile,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from generator.model import Corpus, Event
    from tests.conftest import ContentTree

EVENTS = 300


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """A valid synthetic corpus of EVENTS events: more than a feed holds, site and topics."""
    root = tmp_path_factory.mktemp("large") / "content"
    write_corpus(root, EVENTS, seed=0)
    corpus, diagnostics = check(root)
    assert not has_errors(diagnostics), [d.format() for d in diagnostics[:5]]
    assert len(corpus.events) == EVENTS
    # The cap must bite on topics and actors too, or the tests below would prove nothing.
    assert any(len(corpus.topic_events(t)) > DEFAULT_FEED_ENTRIES for t in corpus.topics)
    return corpus


@pytest.fixture(scope="module")
def large_files(large: Corpus) -> dict[str, bytes]:
    """Every export of the large corpus, for a site at BASE, with the default feed length."""
    return render_exports(large, base_url=BASE)


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its "/"-separated relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file()}


def atom_events(corpus: Corpus, data: bytes, path: str) -> list[Event]:
    """The events of an Atom feed's entries, in the feed's order (from their permalinks)."""
    return [corpus.events_by_id[entry.link.split("#", 1)[1]]
            for entry in parse_atom(data, path).entries]


def json_feed_events(corpus: Corpus, data: bytes) -> list[Event]:
    """The events of a JSON Feed's items, in the feed's order."""
    return [corpus.events_by_id[item["_annals"]["event_id"]]
            for item in parse_json_feed(data)["items"]]


def feed_scopes(corpus: Corpus) -> list[tuple[str, Sequence[Event]]]:
    """(feed path without extension, every event it may hold) for site, topics and actors."""
    return [("feeds/all", corpus.events),
            *((f"feeds/topics/{t}", corpus.topic_events(t)) for t in corpus.topics),
            *((f"feeds/actors/{a}", corpus.actor_events(a)) for a in corpus.actors)]


# --- feed length --------------------------------------------------------------------------------


def test_feeds_hold_the_newest_entries_by_default(large: Corpus,
                                                  large_files: dict[str, bytes]) -> None:
    capped = 0
    for stem, events in feed_scopes(large):
        atom = atom_events(large, large_files[f"{stem}.atom"], f"{stem}.atom")
        assert_newest(large, events, atom, where=stem)
        assert json_feed_events(large, large_files[f"{stem}.json"]) == atom, stem
        capped += len(events) > DEFAULT_FEED_ENTRIES
    assert capped > 1  # the site and at least one topic


def test_feed_length_zero_means_every_event(large: Corpus) -> None:
    files = render_exports(large, formats=["atom", "jsonfeed"], feed_entries=0)
    for stem, events in feed_scopes(large):
        atom = atom_events(large, files[f"{stem}.atom"], f"{stem}.atom")
        assert_newest(large, events, atom, limit=len(events), where=stem)
        assert json_feed_events(large, files[f"{stem}.json"]) == atom, stem


def test_a_small_feed_length_keeps_the_order(hostile: Corpus) -> None:
    newest_three = ["2016-07-20-later-event", "2017-03-06-timestamp-event",
                    "2016-07-08-interval-event"]
    for entries, expected in ((1, newest_three[:1]), (3, newest_three)):
        files = render_exports(hostile, feed_entries=entries, formats=["atom", "jsonfeed"])
        path = feed_paths_for("topic", "hostile")["atom"]
        assert [e.id for e in atom_events(hostile, files[path], path)] == expected
        assert [e.id for e in json_feed_events(
            hostile, files["feeds/topics/hostile.json"])] == expected


@pytest.mark.parametrize("entries", [-1, -50])
def test_a_negative_feed_length_is_refused(hostile: Corpus, entries: int, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"feed_entries must be .* 0 .* or more"):
        render_exports(hostile, feed_entries=entries)
    with pytest.raises(ValueError, match="feed_entries"):
        write_exports(hostile, tmp_path / "out", feed_entries=entries)
    assert not (tmp_path / "out").exists()  # refused before anything is written


def test_the_real_topic_feeds_with_the_default_length() -> None:
    corpus, _ = check(ROOT / "content")
    files = render_exports(corpus, formats=["atom"])
    thaad = corpus.topic_events("thaad")
    path = feed_paths_for("topic", "thaad")["atom"]
    shown = atom_events(corpus, files[path], path)
    assert_newest(corpus, thaad, shown, where=path)
    if len(thaad) <= DEFAULT_FEED_ENTRIES:
        assert {e.id for e in shown} == {e.id for e in thaad}
    site = atom_events(corpus, files["feeds/all.atom"], "feeds/all.atom")
    assert len(site) == min(len(corpus.events), DEFAULT_FEED_ENTRIES)


def test_feed_updated_is_the_newest_of_its_entries(tree: ContentTree) -> None:
    """An older event cited by a newer article makes its entry newer, not a feed that has
    dropped that entry."""
    tree.write("tags.yml", TAGS)
    tree.write("topics/one.yml", "title: One\nsummary: One topic.\n")
    tree.write("topics/two.yml", "title: Two\nsummary: Another.\n")
    for day, name, body in (
            ("2015-01-05", "first", "  - id: 2015-01-05-first\n    date: 2015-01-05\n"
                                    "    title: First\n    summary: The first.\n"
                                    "    topics: [one]\n"),
            ("2015-01-10", "second", "  - id: 2015-01-10-second\n    date: 2015-01-10\n"
                                     "    title: Second\n    summary: The second.\n"
                                     "    topics: [one]\n"),
            ("2015-01-20", "third", "  - ref: 2015-01-05-first\n"
                                    "  - id: 2015-01-20-third\n    date: 2015-01-20\n"
                                    "    title: Third\n    summary: Elsewhere.\n"
                                    "    topics: [two]\n")):
        tree.write(f"articles/2015/{day}-wire-{name}.yml",
                   f"title: {name}\npublisher: Wire\nurl: https://example.com/{name}\n"
                   f"published: {day}\nadded: 2026-{day[5:]}\nsummary: About it.\n"
                   f"events:\n{body}")
    corpus, diagnostics = check(tree.root)
    assert not has_errors(diagnostics), [d.format() for d in diagnostics]
    path = "feeds/topics/one.atom"
    whole = feedparser.parse(render_exports(corpus, feed_entries=0)[path])
    assert [e.link.split("#")[1] for e in whole.entries] == ["2015-01-10-second",
                                                             "2015-01-05-first"]
    assert whole.feed.updated.startswith("2026-01-20")  # the first event, cited on 20 January
    one = feedparser.parse(render_exports(corpus, feed_entries=1)[path])
    assert [e.link.split("#")[1] for e in one.entries] == ["2015-01-10-second"]
    assert one.feed.updated.startswith("2026-01-10")


# --- data exports hold everything ---------------------------------------------------------------


def test_data_exports_hold_every_event_exactly_once(large: Corpus,
                                                    large_files: dict[str, bytes]) -> None:
    scopes = [("exports/all", "exports/timelinejs/all.json", large.events),
              *((f"exports/topics/{t}", f"exports/timelinejs/{t}.json", large.topic_events(t))
                for t in large.topics)]
    for stem, timeline, events in scopes:
        expected = [event.id for event in events]
        document = json.loads(large_files[f"{stem}.json"])
        assert [e["id"] for e in document["events"]] == expected, stem
        assert [r["id"] for r in parse_csv(large_files[f"{stem}.csv"])] == expected, stem
        uids = [str(c["UID"]).split("@")[0]
                for c in Calendar.from_ical(large_files[f"{stem}.ics"]).walk("VEVENT")]
        assert uids == expected, stem  # in timeline order, each once
        slides = parse_timelinejs(large_files[timeline])["events"]
        assert [s["unique_id"] for s in slides] == expected, timeline
    site = json.loads(large_files["exports/all.json"])
    assert [a["id"] for a in site["articles"]] == sorted(large.articles)
    assert [a["id"] for a in site["actors"]] == sorted(large.actors)


def test_json_files_have_one_record_per_line(large: Corpus,
                                             large_files: dict[str, bytes]) -> None:
    topic = max(large.topics, key=lambda t: len(large.topic_events(t)))
    for path in ("exports/all.json", f"exports/topics/{topic}.json", "feeds/all.json",
                 f"feeds/topics/{topic}.json", "exports/timelinejs/all.json"):
        data = large_files[path]
        assert data.endswith(b"\n}\n"), path
        lines = data.decode("utf-8").split("\n")
        assert lines[-2:] == ["}", ""], path
        # Rebuild the document line by line: the scalar keys on the first line, then each
        # array's key on a line, one item per line, and its closing bracket on a line.
        rebuilt: dict[str, Any] = json.loads(lines[0].rstrip(",") + "}")
        array: list[Any] | None = None
        for line in lines[1:-2]:
            key = re.fullmatch(r'("\w+"):\[(\]?),?', line)
            if key:
                array = rebuilt.setdefault(json.loads(key[1]), [])
                array = None if key[2] else array
            elif line in {"],", "]"}:
                assert array is not None, (path, line)
                array = None
            elif array is not None:
                array.append(json.loads(line.rstrip(",")))
            else:
                rebuilt.update(json.loads("{" + line.rstrip(",") + "}"))
        assert array is None, path
        assert rebuilt == json.loads(data), path
        assert list(rebuilt) == list(json.loads(data)), path  # the documented key order
        if path.startswith("exports/") and "timelinejs" not in path:
            assert len(rebuilt["events"]) > DEFAULT_FEED_ENTRIES


# --- streaming to disk --------------------------------------------------------------------------


@pytest.mark.parametrize("base_url", ["", BASE])
def test_written_files_are_the_rendered_files(large: Corpus, base_url: str,
                                              tmp_path: Path) -> None:
    written = write_exports(large, tmp_path, base_url=base_url)
    rendered = render_exports(large, base_url=base_url)
    assert written == list(rendered)  # the same paths, sorted
    assert read_tree(tmp_path) == rendered


def test_written_files_follow_the_options(hostile: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = write_exports(hostile, out, formats=["ics", "jsonfeed"], feed_entries=2)
    rendered = render_exports(hostile, formats=["ics", "jsonfeed"], feed_entries=2)
    assert written == list(rendered) and read_tree(out) == rendered
    assert {p.rsplit(".", 1)[1] for p in written} == {"ics", "json"}
    again = write_exports(hostile, out, formats=["ics", "jsonfeed"], feed_entries=2)
    assert again == written and read_tree(out) == rendered  # overwritten, not appended


def test_exports_are_deterministic(large: Corpus, large_files: dict[str, bytes],
                                   tmp_path: Path) -> None:
    root = tmp_path / "content"
    write_corpus(root, EVENTS, seed=0)
    again, _ = check(root)
    assert render_exports(again, base_url=BASE) == large_files
    write_exports(again, tmp_path / "one", base_url=BASE)
    write_exports(large, tmp_path / "two", base_url=BASE)
    assert read_tree(tmp_path / "one") == read_tree(tmp_path / "two") == large_files


def test_output_refuses_paths_that_leave_the_folder() -> None:
    out = MemoryOutput()
    for path in ("../escape.json", "/etc/x", "a//b", "a/./b", "", "a\\b"):
        with pytest.raises(ValueError, match="not a relative export path"), out.create(path):
            pass
    with out.create("feeds/a.json") as sink:
        sink.write(b"x")
    with pytest.raises(ValueError, match="written twice"), out.create("feeds/a.json"):
        pass


# --- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("entries", ["0", "3"])
def test_cli_feed_entries(hostile: Corpus, tree: ContentTree, entries: str,
                          tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), "--content", str(tree.root),
                 "--feed-entries", entries]) == 0
    assert read_tree(out) == render_exports(hostile, feed_entries=int(entries))


@pytest.mark.parametrize("value", ["-1", "many", "2.5"])
def test_cli_refuses_a_bad_feed_length(minimal: ContentTree, value: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--out", str(tmp_path / "out"), "--content", str(minimal.root),
              "--feed-entries", value])
    assert exit_.value.code == 2
    assert "--feed-entries" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_cli_help_documents_the_feed_length(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--feed-entries N" in help_text
    assert f"default: {DEFAULT_FEED_ENTRIES}; 0: every event" in help_text


@pytest.fixture
def hostile(tree: ContentTree) -> Corpus:
    """The hostile content tree of tests/test_exports.py (six events in topic "hostile")."""
    write_hostile(tree)
    built, diagnostics = check(tree.root)
    assert not has_errors(diagnostics), [d.format() for d in diagnostics]
    return built


def test_every_format_is_written(large: Corpus, tmp_path: Path) -> None:
    for fmt in FORMATS:
        written = write_exports(large, tmp_path / fmt, formats=[fmt])
        assert written and written == list(render_exports(large, formats=[fmt])), fmt
