"""The costs hostile input could make grow: many events on one day, many topics.

Part of ``make bench`` (``bench/run.py`` calls :func:`measure` and :func:`report`), and runnable
on its own: ``.venv/bin/python bench/hostile.py [--quick]``.

- **Near-duplicates.** ``annals check`` (read, validate, near-duplicate check, in this process)
  on content where thousands of events share one day: distinct titles in one file, the same
  title in many files, and 16,000 distinct titles in 16 files (the shapes of issue 12, which
  took 65 s, 241 s and 322 s with a check that compared every pair of a day). The check's own
  share is timed apart.
- **Many topics.** A whole ``mkdocs build`` of 500 and 2,000 topics (one article and event
  each): wall time, peak memory and the site's size on disk (2,000 topics took 345 s and
  1.2 GB when every page listed every topic in its navigation).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if __package__ in (None, ""):  # run as a script: python bench/hostile.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.diagnostics import Severity
from generator.duplicates import find_near_duplicates
from generator.pipeline import check

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
DUPLICATE_SHAPES = {
    "2,000 distinct titles, one day, 2 files": (2000, 2, "distinct"),
    "4,000 distinct titles, one day, 4 files": (4000, 4, "distinct"),
    "16,000 distinct titles, one day, 16 files": (16000, 16, "distinct"),
    "4,000 alike titles, one day, 16 files": (4000, 16, "alike"),
    "4,000 copies of one title, one day, 4,000 files": (4000, 4000, "same"),
}
"""Events per file stay under the reader's 256 KiB a file: about 1,000 of these."""
QUICK_SHAPES = ("2,000 distinct titles, one day, 2 files",)
TOPIC_COUNTS = (500, 2000)
QUICK_TOPICS = (100,)
# A check of these shapes is linear work: under a second or two each. Reported, not a failure.
MAX_CHECK_SECONDS = 10.0
MAX_TOPIC_MS = 50.0  # per topic, whole build: each topic has its pages, feeds and exports



@dataclass
class Measured:
    """One measurement: what, how long, and what else it says."""

    name: str
    seconds: float
    detail: dict[str, float]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_duplicate_shape(root: Path, events: int, files: int, titles: str) -> None:
    """A content tree of ``events`` events on one day in ``files`` articles."""
    _write(root / "tags.yml", "tags:\n  t: A tag.\n")
    _write(root / "topics" / "t.yml", "title: T\nsummary: S\n")
    per_file = -(-events // files)
    number = 0
    for file in range(files):
        lines = ["title: A report", "publisher: P", "url: https://p.example/", "published: "
                 "2016-07-08", "added: 2026-11-27", "summary: S", "events:"]
        for _ in range(min(per_file, events - number)):
            # Distinct titles share their common words only (a third of the words, below
            # the threshold); alike ones all but their number (every pair a W001).
            title = {"distinct": f"Incident {number} in district d{number} of zone z{number}",
                     "alike": f"Protest {number} reported near the site at dawn",
                     "same": "Protest reported near the site at dawn"}[titles]
            lines += [f"  - id: e-{number}", "    date: 2016-07-08", f"    title: {title}",
                      "    summary: S", "    topics: [t]"]
            number += 1
        _write(root / "articles" / "2016" / f"2016-07-08-p-{file}.yml", "\n".join(lines) + "\n")


def measure_duplicates(work: Path, shapes: Sequence[str], say: Callable[[str], None]
                       ) -> list[Measured]:
    """``check`` of each shape, with the near-duplicate check's share timed apart."""
    found: list[Measured] = []
    for name in shapes:
        events, files, titles = DUPLICATE_SHAPES[name]
        root = work / f"duplicates-{len(found)}"
        write_duplicate_shape(root, events, files, titles)
        started = time.perf_counter()
        corpus, diagnostics = check(root)
        whole = time.perf_counter() - started
        if errors := [d for d in diagnostics if d.severity is Severity.ERROR]:
            raise RuntimeError(f"the {name!r} content is not valid: {errors[0].format()}")
        started = time.perf_counter()
        find_near_duplicates(corpus)
        alone = time.perf_counter() - started
        warnings = sum(d.code == "W001" for d in diagnostics)
        say(f"  {name}: check {whole:.2f} s (near-duplicates {alone:.2f} s), "
            f"{warnings:,} warnings")
        found.append(Measured(name, whole, {"duplicates_seconds": alone, "events": events,
                                            "warnings": warnings}))
        shutil.rmtree(root, ignore_errors=True)
    return found


def write_topics_project(project: Path, topics: int) -> None:
    """A project with ``topics`` topics, one article and one event each."""
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "schema", project / "schema")
    content = project / "content"
    _write(content / "tags.yml", "tags:\n  t: A tag.\n")
    for number in range(topics):
        # A week apart: beyond the near-duplicate window, however alike the titles.
        day = (date(1980, 1, 1) + timedelta(days=7 * number)).isoformat()
        _write(content / "topics" / f"topic-{number}.yml",
               f"title: Dispute number {number}\nsummary: What dispute {number} is about.\n")
        _write(content / "articles" / day[:4] / f"{day}-p-{number}.yml", "\n".join([
            f"title: Report {number}", "publisher: P", f"url: https://p.example/{number}",
            f"published: {day}", "added: 2026-11-27", "summary: S", "events:",
            f"  - id: e-{number}", f"    date: {day}", f"    title: Step {number} of dispute",
            "    summary: S", f"    topics: [topic-{number}]"]) + "\n")


def site_bytes(site: Path) -> int:
    """What the built site holds on disk."""
    return sum(path.stat().st_size for path in site.rglob("*") if path.is_file())


@dataclass
class BuildRun:
    """One ``mkdocs build``: wall time, peak resident memory, whether it was stopped."""

    seconds: float
    peak_mb: float
    timed_out: bool


def build(project: Path, site: Path, log: Path, timeout: float) -> BuildRun:
    """``mkdocs build`` of ``project`` into ``site`` in a fresh process, stopped after
    ``timeout`` seconds; its peak memory from ``wait4``, as ``bench/run.py`` measures it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    with log.open("wb") as sink:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--site-dir",
                                  str(site)], cwd=project, stdout=sink, stderr=subprocess.STDOUT,
                                 env=env)
        stopped = threading.Event()

        def stop() -> None:
            stopped.set()
            child.kill()

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode and not stopped.is_set():
        raise RuntimeError(f"mkdocs build failed in {project}:\n"
                           f"{log.read_text(errors='replace')[-2000:]}")
    return BuildRun(seconds, usage.ru_maxrss / 1024, stopped.is_set())


def measure_topics(work: Path, counts: Sequence[int], left: Callable[[], float],
                   say: Callable[[str], None]) -> list[Measured]:
    """A whole build of each number of topics: seconds, peak MB, site MB, largest page KB."""
    found: list[Measured] = []
    for topics in counts:
        project = work / f"topics-{topics}"
        write_topics_project(project, topics)
        site = work / f"site-{topics}"
        run = build(project, site, work / f"topics-{topics}.log", max(left(), 30.0))
        pages = list(site.rglob("*.html"))
        largest = max((page.stat().st_size for page in pages), default=0)
        detail = {"topics": topics, "peak_mb": run.peak_mb, "site_mb": site_bytes(site) / 1e6,
                  "largest_page_kb": largest / 1e3, "timed_out": float(run.timed_out)}
        say(f"  {topics:,} topics: {run.seconds:.1f} s, peak {run.peak_mb:,.0f} MB, site "
            f"{detail['site_mb']:,.1f} MB, largest page {detail['largest_page_kb']:,.0f} KB")
        found.append(Measured(f"{topics:,} topics", run.seconds, detail))
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
    return found


def measure(work: Path, left: Callable[[], float], say: Callable[[str], None], *,
            quick: bool = False) -> dict[str, Any]:
    """Both families, as JSON-ready results."""
    work.mkdir(parents=True, exist_ok=True)
    say("hostile input: many events on one day")
    duplicates = measure_duplicates(work, QUICK_SHAPES if quick else tuple(DUPLICATE_SHAPES),
                                    say)
    say("hostile input: many topics")
    topics = measure_topics(work, QUICK_TOPICS if quick else TOPIC_COUNTS, left, say)
    return {"duplicates": [vars(m) for m in duplicates], "topics": [vars(m) for m in topics]}


def report(results: dict[str, Any] | None) -> list[str]:
    """The results as Markdown, for bench/results.md."""
    if not results:
        return []
    out = ["", "## Hostile input", "",
           f"`bench/hostile.py`. The near-duplicate check on events sharing one day (target: "
           f"the whole check under {MAX_CHECK_SECONDS:.0f} s):", "",
           "| content | check s | near-duplicates s | W001 warnings | target |",
           "|---|---:|---:|---:|---|"]
    for item in results["duplicates"]:
        met = "met" if item["seconds"] < MAX_CHECK_SECONDS else "not met"
        detail = item["detail"]
        out.append(f"| {item['name']} | {item['seconds']:.2f} | "
                   f"{detail['duplicates_seconds']:.2f} | {detail['warnings']:,.0f} | {met} |")
    out += ["", f"Many topics, one event each: the whole `mkdocs build` (target: under "
            f"{MAX_TOPIC_MS:.0f} ms per topic):", "",
            "| topics | build s | ms/topic | peak MB | site MB | largest page KB | target |",
            "|---:|---:|---:|---:|---:|---:|---|"]
    for item in results["topics"]:
        detail = item["detail"]
        per_topic = 1000 * item["seconds"] / detail["topics"]
        met = "unknown (stopped)" if detail["timed_out"] else (
            "met" if per_topic < MAX_TOPIC_MS else "not met")
        out.append(f"| {detail['topics']:,.0f} | {item['seconds']:.1f} | {per_topic:.1f} | "
                   f"{detail['peak_mb']:,.0f} | {detail['site_mb']:,.1f} | "
                   f"{detail['largest_page_kb']:,.0f} | {met} |")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run both measurements on their own and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="one small shape of each")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="annals-hostile-"))
    try:
        results = measure(work, lambda: 3600.0, print, quick=args.quick)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(report(results)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
