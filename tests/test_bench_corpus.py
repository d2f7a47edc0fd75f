"""The benchmark's synthetic corpus and harness (``bench/``): deterministic, valid, runnable."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest

from bench.corpus import write_corpus
from bench.floor import write_floor
from bench.run import edit_summary, make_projects, measure_serve, run
from generator.pipeline import check

if TYPE_CHECKING:
    from pathlib import Path

CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def files_of(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_the_same_seed_writes_byte_identical_files(tmp_path: Path) -> None:
    write_corpus(tmp_path / "one", 200, seed=7)
    write_corpus(tmp_path / "two", 200, seed=7)
    write_corpus(tmp_path / "other", 200, seed=8)
    one = files_of(tmp_path / "one")
    assert one == files_of(tmp_path / "two")
    assert one != files_of(tmp_path / "other")


def test_the_corpus_is_valid_with_exactly_the_events_asked_for(tmp_path: Path) -> None:
    written = write_corpus(tmp_path / "content", 200)
    corpus, diagnostics = check(tmp_path / "content")
    assert [d.format() for d in diagnostics] == []  # no errors, no near-duplicate warnings
    assert len(corpus.events) == len(written.events) == 200
    assert len({event.id for event in written.events}) == 200
    assert len(corpus.topics) >= 5
    assert all(corpus.topic_events(topic) for topic in corpus.topics)
    assert len(corpus.actors) >= 200
    assert written.refs > 0
    assert sum(len(event.sources) > 1 for event in corpus.events) > 0  # refs resolve


def test_the_corpus_looks_like_curated_content(tmp_path: Path) -> None:
    written = write_corpus(tmp_path / "content", 400)
    events = written.events
    english = [e for e in events if not CJK.search(e.title)]
    assert all(60 <= len(e.title) <= 100 for e in english)
    assert all(300 <= len(e.summary) <= 500 for e in english)
    assert sum(bool(CJK.search(e.title)) for e in events) >= 20  # some titles in CJK
    assert sum(bool(CJK.search(e.summary)) for e in english) >= 10  # mixed text
    assert any(CJK.search(a.name) or any(CJK.search(x) for x in a.aliases)
               for a in written.actors)
    dates = [e.date_text for e in events]
    assert any("/" in d for d in dates)  # intervals
    assert any(d.endswith(("~", "?")) for d in dates)  # approximate and uncertain
    assert any(re.fullmatch(r"\d{4}-\d{2}", d) for d in dates)  # months
    years = {e.day.year for e in events}
    assert max(years) - min(years) >= 12
    assert all(1 <= len(article.events) <= 3 for article in written.articles)


def test_the_floor_has_every_event_once_per_topic(tmp_path: Path) -> None:
    written = write_corpus(tmp_path / "content", 100)
    docs = tmp_path / "docs"
    assert write_floor(written, docs) == len(written.topics) + 3
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (docs / "topics").glob("*.md")}
    for event in written.events:
        for topic in event.topics:
            assert pages[topic].count(f"{{ #{event.id} }}") == 1


def test_an_edit_changes_only_the_first_summary(tmp_path: Path) -> None:
    written = write_corpus(tmp_path / "content", 50)
    path = tmp_path / "content" / written.articles[0].path
    before = path.read_text(encoding="utf-8")
    edit_summary(path, "Benchedit1")
    edit_summary(path, "Benchedit2")
    after = path.read_text(encoding="utf-8")
    assert after.count("Benchedit") == 1
    assert after.replace("Benchedit2 ", "", 1) == before


def test_the_harness_runs_end_to_end(tmp_path: Path) -> None:
    said: list[str] = []
    results = run([30], serve_size=0, output=tmp_path / "out", say=said.append)
    # A small size is built three times of each kind, interleaved; the median run is kept.
    builds = [line.split(":")[0].strip() for line in said if "build:" in line]
    assert builds == ["floor build", "annals build"] * 3
    [size] = results["sizes"]
    assert size["events"] == 30
    assert size["annals"]["seconds"] > 0 and size["floor"]["seconds"] > 0
    assert size["annals"]["peak_mb"] > 0
    assert size["generator"]["measured"] == 1  # timed inside the build
    assert 0 < size["generator"]["total"] < size["annals"]["seconds"]
    assert size["annals_search"]["bytes"] > size["annals_search"]["gzip_bytes"] > 0
    assert size["annals"]["warnings"] == 0 and size["floor"]["warnings"] == 0
    # The reader side: the pages of both sites and the event markup of the largest topic.
    readers = size["readers"]
    assert readers["annals_pages"]["largest_bytes"] > 0 and readers["floor_pages"]["pages"] > 0
    assert readers["markup"]["annals_events"] == readers["markup"]["floor_events"] > 0
    assert "browser" in readers  # measured, or skipped with a reason
    written = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert written["targets"] == results["targets"]
    report = (tmp_path / "out" / "results.md").read_text(encoding="utf-8")
    assert "| 30 |" in report and ("met |" in report)
    assert "the median of 3 interleaved runs" in report
    # The costs of hostile input: a crowded day's near-duplicate check, a build of many topics.
    assert results["hostile"]["duplicates"] and results["hostile"]["topics"]
    assert "## Hostile input" in report


def test_the_median_run_is_the_one_reported() -> None:
    from bench.run import _median

    runs = [(3.0, "three"), (4.0, "four"), (5.0, "five")]
    assert _median(runs) == "four"
    assert _median(list(reversed(runs))) == "four"
    assert _median([(2.0, "a"), (1.0, "b")]) == "b"  # the lower middle of an even count


@pytest.mark.serve
def test_the_serve_measurement_sees_the_edit(tmp_path: Path) -> None:
    project, _, _ = make_projects(tmp_path / "work", 30, seed=0)
    serve = measure_serve(project, 30, 1, tmp_path, lambda _: None)
    assert serve["runs"] and 0 < serve["median_seconds"] < 60
    assert serve["median_rebuild"] > 0
