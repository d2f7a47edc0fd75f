"""``make bench``: build synthetic corpora of several sizes and report where the time goes.

For each size (1,000, 10,000 and 50,000 events by default) the harness writes a corpus
(``bench/corpus.py``) into a temporary project with the repository's ``mkdocs.yml``, ``docs/``
and ``schema/``, then measures, each in a fresh process:

- the whole ``mkdocs build``: wall time and peak resident memory (``wait4``);
- inside that build, the generator's own time: every hook of the Annals plugin, and within it
  the pipeline's phases (read, validate, near-duplicates, render), the pages' conversion to
  Markdown and the exports (``bench/launch.py`` wraps them; nothing in the generator changes);
- the floor: the same events as a plain-Markdown site with the same theme, plugins and
  navigation, minus Annals (``bench/floor.py``), built the same way in the same run;
- the search payload the build writes (``search/search_index.json``), raw and gzipped.

A one-event build of each kind gives the fixed cost of starting MkDocs, so that the cost per
event can be compared across sizes. At 10,000 events ``mkdocs serve`` runs, with the command of
the Makefile's ``serve`` target (``bench/preview.py``), and one article's summary is edited a
few times: each time the harness waits for the rebuilt site as a browser does (livereload's
long poll) and fetches the page that shows the edited event (``generator.urls``) until the edit
shows.

After each size's Annals build, what a reader gets (``bench/readers.py``): the largest page of
each site and the pages over 500 KB, the event markup per event on the largest topic beside the
floor's, and in headless Chromium the largest page's time to interactive against the about
page's and the time of the actor filter on the largest topic's page.

The run keeps to a time budget (``--budget``, 810 s by default, so that ``make bench``
ends within 15): the smaller sizes and ``mkdocs serve`` come first, then the largest size's
floor, and the largest size's Annals build gets whatever time is left; its browser
measurements come last, and are skipped (reported unknown) when what remains is too short. A
build stopped by the budget is reported as a lower bound ("did not finish in N s"), and a
target is marked not met only when the bound proves it (else "unknown"). ``--budget 0`` lifts
the limit.

Results go to ``bench/results.json`` and ``bench/results.md`` (overwritten), with each target
marked met or not met; targets are results, not failures: the exit status is 0 whenever the
builds ran. ``--quick`` runs one small size without ``mkdocs serve`` and writes nothing unless
``--output`` is given; ``--no-serve`` and ``--no-browser`` skip those measurements;
``--profile N`` writes a cProfile of ``generator.pipeline.build``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if __package__ in (None, ""):  # run as a script: python bench/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import hostile, readers
from bench.corpus import SyntheticCorpus, write_corpus
from bench.floor import write_floor_project
from bench.launch import read_timings
from bench.preview import config_split_threshold, event_page, makefile_serve_command

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
LAUNCH = Path(__file__).resolve().parent / "launch.py"
DEFAULT_SIZES = (1000, 10000, 50000)
QUICK_SIZES = (200,)
SERVE_SIZE = 10000
SERVE_RUNS = 3
# Builds of a few seconds vary by tens of percent on a shared machine, and the targets at 1,000
# events rest on them: up to this size each kind is built this many times, interleaved, and the
# median run is reported. The one-event builds (the fixed cost) too.
SMALL_SIZE = 2000
SMALL_REPEATS = 3
BUDGET = 810.0  # seconds: make bench, with its set-up (a reinstall, at worst), within 15 minutes
RESERVE = 10.0  # seconds kept back for writing the results
MIN_TIMEOUT = 30.0
UNLIMITED = 6 * 3600.0
SERVE_TIMEOUT = 600.0

# Targets from the issue "Scale and speed": reported as met or not met, never as failures.
MAX_FLOOR_RATIO = 1.25
MAX_PER_EVENT_GROWTH = 1.2
MAX_PEAK_MB = 1024
MAX_GENERATOR_SHARE = 0.15
MAX_SERVE_SECONDS = 2.0
# Targets of the reader side.
MAX_PAGE_BYTES = readers.PAGE_LIMIT_BYTES  # every page, at every size
MAX_INTERACTIVE_RATIO = 3.0  # the largest page's time to interactive ÷ the about page's
MAX_FILTER_SECONDS = 1.0  # the actor filter across years on the largest topic's page
MAX_SAVE_SECONDS = 1.0  # save → the page that shows the edited event, under make serve
MAX_MARKUP_RATIO = 1.5  # bytes of event markup per event ÷ the floor's
# The issue of the page views and the split: the whole build at or under the floor at scale.
MAX_FLOOR_RATIO_AT_SCALE = 1.0
AT_SCALE = 10_000  # events


# --- measuring one process ------------------------------------------------------------------


@dataclass
class Run:
    """One child process: wall time, peak resident memory, exit status and its log."""

    seconds: float
    peak_mb: float
    returncode: int
    log: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def mkdocs_env() -> dict[str, str]:
    """The environment every child runs in: no MkDocs 2 banner, no bytecode in the corpus."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def measure(command: Sequence[str], cwd: Path, log: Path, timeout: float = UNLIMITED) -> Run:
    """Run ``command`` and return its wall time and peak RSS (from ``wait4``).

    ``resource.getrusage(RUSAGE_CHILDREN)`` keeps the maximum over every child so far, so each
    process is reaped with ``os.wait4`` to read its own figures. Linux reports there the largest
    peak of the child and of the processes it waited for (the exports' forked process), not
    their sum.
    """
    with log.open("w", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT,
                                   env=mkdocs_env())
        stopped = threading.Event()

        def stop() -> None:
            stopped.set()
            process.kill()

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode,
               log.read_text(encoding="utf-8", errors="replace"), stopped.is_set())


# --- the generator alone ----------------------------------------------------------------------


def time_generator(content: Path) -> dict[str, float]:
    """Time ``generator.pipeline.build`` on a content folder, phase by phase.

    The phases are timed by wrapping the functions ``build`` calls through the pipeline
    module, so the whole is the real entry point the plugin calls; ``other`` is whatever
    ``build`` does besides them. ``markdown`` is the plugin's conversion of each page into a
    Markdown file with front matter.
    """
    from generator import pipeline

    spent: dict[str, float] = {}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
        return wrapper

    phases = {"read": "read_content", "validate": "validate",
              "duplicates": "find_near_duplicates", "render": "render_site",
              "navigation": "navigation"}
    for name, attribute in phases.items():
        setattr(pipeline, attribute, timed(name, getattr(pipeline, attribute)))
    start = time.perf_counter()
    result = pipeline.build(str(content))
    built = time.perf_counter() - start
    start = time.perf_counter()
    markdown_bytes = sum(len(page.markdown(title_as_html=True).encode())
                         for page in result.pages.values())
    spent["markdown"] = time.perf_counter() - start
    spent["other"] = max(0.0, built - sum(spent[name] for name in phases if name in spent))
    spent["total"] = built + spent["markdown"]
    spent["pages"] = len(result.pages)
    spent["markdown_mb"] = markdown_bytes / 1e6
    return spent


def measure_generator(content: Path, log: Path) -> dict[str, float]:
    """``time_generator`` in a fresh process: the fallback when timing inside MkDocs fails."""
    run = measure([sys.executable, str(Path(__file__).resolve()), "--time-generator",
                   str(content)], ROOT, log)
    if not run.ok:
        raise RuntimeError(f"timing the generator failed:\n{run.log[-3000:]}")
    found: dict[str, float] = json.loads(run.log.strip().splitlines()[-1])
    found["measured"] = 0  # in a separate process, not inside the build
    found["complete"] = 1
    return found


def generator_time(line: dict[str, Any], background: float = 0.0) -> dict[str, float]:
    """One build's line from ``bench/launch.py`` as the generator's time, phase by phase.

    ``complete`` is 0 when the build was stopped before it ended: the total is then a lower
    bound (the phases done so far). ``background`` is the seconds of the work done in a forked
    process beside the build (the exports): reported as ``exports``, but only the time the
    build waited for it (in on_post_build) counts in ``total``.
    """
    phases = ("read", "validate", "duplicates", "render", "navigation", "markdown", "pagefind")
    found = {name: line.get(name, 0.0) for name in phases}
    found["pipeline"] = line.get("pipeline", 0.0)
    found["post_page"] = line.get("hook:on_post_page", 0.0)
    # Each generated page's HTML is rendered when MkDocs lays the page out (on_page_context).
    found["fill"] = line.get("hook:on_page_context", 0.0)
    found["exports"] = background or line.get("exports", 0.0)
    found["exports_wait"] = max(0.0, line.get("hook:on_post_build", 0.0) - found["pagefind"])
    found["total"] = max(sum(value for key, value in line.items() if key.startswith("hook:")),
                         found["pipeline"] + found["markdown"] + found["pagefind"])
    found["other"] = max(0.0, found["total"] - found["post_page"] - found["fill"]
                         - found["exports_wait"] - sum(found[name] for name in phases))
    found["pages"] = line.get("pages", 0)
    found["markdown_mb"] = line.get("markdown_mb", 0.0)
    found["measured"] = 1  # inside the build
    found["complete"] = int(line.get("at") == "build")
    return found


# --- projects ---------------------------------------------------------------------------------


def make_projects(work: Path, events: int, seed: int) -> tuple[Path, Path, SyntheticCorpus]:
    """An Annals project and its floor, for ``events`` synthetic events."""
    annals = work / "annals"
    annals.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", annals / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", annals / "docs")
    corpus = write_corpus(annals / "content", events, seed)
    floor = work / "floor"
    floor.mkdir()
    write_floor_project(corpus, floor, annals / "mkdocs.yml", ROOT / "docs")
    return annals, floor, corpus


def launcher(timings: Path | None) -> list[str]:
    """The command that runs MkDocs, timing Annals inside it when ``timings`` is given."""
    command = [sys.executable, str(LAUNCH)]
    if timings is not None:
        command += ["--annals", "--timings", str(timings)]
    return [*command, "--"]


def build(project: Path, site: Path, log: Path, timings: Path | None = None, *,
          timeout: float = UNLIMITED) -> Run:
    """``mkdocs build`` of a project into ``site``, measured; stopped after ``timeout``."""
    run = measure([*launcher(timings), "build", "--site-dir", str(site)], project, log, timeout)
    if not run.ok and not run.timed_out:
        raise RuntimeError(f"mkdocs build failed in {project} ({run.returncode}):\n"
                           f"{run.log[-3000:]}")
    return run


def search_index(site: Path) -> dict[str, float]:
    """The size of the search payload, in bytes.

    Material's index (``search/search_index.json``) is downloaded whole by every reader who
    searches: its raw and gzipped sizes. With Annals' Pagefind search the bundle in
    ``pagefind/`` is chunked, and a reader downloads only a few chunks: its total size.
    """
    found: dict[str, float] = {"bytes": 0, "gzip_bytes": 0}
    path = site / "search" / "search_index.json"
    if path.is_file():
        data = path.read_bytes()
        found = {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, compresslevel=6))}
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        found["pagefind_bytes"] = sum(p.stat().st_size for p in pagefind.rglob("*")
                                      if p.is_file())
    return found


def site_stats(site: Path) -> dict[str, float]:
    """Total size of the built site and its largest HTML page, in bytes."""
    sizes = [(path.stat().st_size, path) for path in site.rglob("*") if path.is_file()]
    html = [size for size, path in sizes if path.suffix == ".html"]
    return {"bytes": sum(size for size, _ in sizes), "files": len(sizes),
            "largest_html_bytes": max(html, default=0)}


def warnings_in(log: str) -> int:
    return sum(1 for line in log.splitlines() if line.startswith("WARNING"))


# --- one size ---------------------------------------------------------------------------------


class Clock:
    """The time budget of a run."""

    def __init__(self, budget: float) -> None:
        self.start = time.perf_counter()
        self.budget = budget

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def left(self) -> float:
        """Seconds a build may still take (unlimited without a budget)."""
        if not self.budget:
            return UNLIMITED
        return max(MIN_TIMEOUT, self.budget - self.elapsed() - RESERVE)

    def remaining(self) -> float:
        """Seconds left before the budget (less the reserve); may be negative."""
        if not self.budget:
            return float("inf")
        return self.budget - self.elapsed() - RESERVE


@dataclass
class SizeResult:
    """Everything measured at one size. A build that did not finish has ``finished: 0`` and
    its seconds and peak memory are lower bounds."""

    events: int
    articles: int
    actors: int
    refs: int
    content_files: int
    content_mb: float
    generator: dict[str, float] = field(default_factory=dict)
    annals: dict[str, float] = field(default_factory=dict)
    floor: dict[str, float] = field(default_factory=dict)
    annals_search: dict[str, float] = field(default_factory=dict)
    floor_search: dict[str, float] = field(default_factory=dict)
    annals_site: dict[str, float] = field(default_factory=dict)
    floor_site: dict[str, float] = field(default_factory=dict)
    derived: dict[str, float] = field(default_factory=dict)
    readers: dict[str, Any] = field(default_factory=dict)
    """What a reader gets: page sizes, event markup per event, browser timings (see
    ``bench/readers.py``)."""


def content_size(content: Path) -> tuple[int, float]:
    files = list(content.rglob("*.yml"))
    return len(files), sum(path.stat().st_size for path in files) / 1e6


@dataclass
class Prepared:
    """The projects of one size, written and ready to build."""

    work: Path
    annals: Path
    floor: Path
    result: SizeResult
    runs: dict[str, list[tuple[float, Any]]] = field(
        default_factory=lambda: {"floor": [], "annals": []})
    """(wall time, figures) of every build of each kind: a size may be built more than once."""


def prepare(work: Path, events: int, seed: int, say: Callable[[str], None]) -> Prepared:
    start = time.perf_counter()
    annals, floor, corpus = make_projects(work, events, seed)
    files, megabytes = content_size(annals / "content")
    say(f"  corpus: {len(corpus.articles):,} articles, {files:,} files, {megabytes:.1f} MB "
        f"({time.perf_counter() - start:.1f} s to write)")
    return Prepared(work, annals, floor, SizeResult(
        events=events, articles=len(corpus.articles), actors=len(corpus.actors),
        refs=corpus.refs, content_files=files, content_mb=round(megabytes, 2)))


def measured_build(run: Run, site: Path) -> tuple[dict[str, float], dict[str, float],
                                                  dict[str, float]]:
    """A build's figures, its search payload and its site's size."""
    figures = {"seconds": round(run.seconds, 3), "peak_mb": round(run.peak_mb, 1),
               "finished": int(run.ok), "warnings": warnings_in(run.log)}
    if not run.ok:
        return figures, {}, {}
    return figures, search_index(site), site_stats(site)


def measure_floor(size: Prepared, timeout: float, say: Callable[[str], None],
                  keep_site: bool) -> None:
    """One floor build; with several, the size keeps the figures of the median run."""
    site = size.work / "floor-site"
    run = build(size.floor, site, size.work / "floor-build.log", timeout=timeout)
    figures, search, stats = measured_build(run, site)
    size.runs["floor"].append((run.seconds, (figures, search, stats)))
    r = size.result
    r.floor, r.floor_search, r.floor_site = _median(size.runs["floor"])
    say(f"  floor build: {_seconds(figures)}, {figures['peak_mb']:,.0f} MB")
    if not keep_site:
        shutil.rmtree(site, ignore_errors=True)


def measure_annals(size: Prepared, timeout: float, say: Callable[[str], None],
                   keep_site: bool) -> None:
    """One Annals build, timed inside; with several, the size keeps the median run's figures."""
    site = size.work / "annals-site"
    timings = size.work / f"timings-{len(size.runs['annals'])}.jsonl"
    run = build(size.annals, site, size.work / "annals-build.log", timings, timeout=timeout)
    figures, search, stats = measured_build(run, site)
    lines = read_timings(timings)
    background = sum(line.get("exports", 0.0) for line in lines if line["at"] == "background")
    lines = [line for line in lines if line["at"] != "background"]
    generator: dict[str, float] = {}
    if lines:
        generator = {k: round(v, 4) for k, v in generator_time(lines[-1], background).items()}
    elif run.ok:
        say("  (Annals could not be timed inside the build; timing it on its own)")
        generator = measure_generator(size.annals / "content", size.work / "generator.log")
    size.runs["annals"].append((run.seconds, (figures, search, stats, generator)))
    r = size.result
    r.annals, r.annals_search, r.annals_site, r.generator = _median(size.runs["annals"])
    spent = (f"; of which the generator {generator['total']:.2f} s"
             + ("" if generator.get("complete", 1) else " before it was stopped")
             ) if generator else ""
    say(f"  annals build: {_seconds(figures)}, {figures['peak_mb']:,.0f} MB{spent}")
    if not keep_site:
        shutil.rmtree(site, ignore_errors=True)


def _median(runs: list[tuple[float, Any]]) -> Any:
    """What was measured in the run of median wall time (the lower middle of an even count)."""
    ordered = sorted(runs, key=lambda run: run[0])
    return ordered[(len(ordered) - 1) // 2][1]


def _seconds(build: dict[str, float]) -> str:
    if build.get("finished", 1):
        return f"{build['seconds']:.2f} s"
    return f"did not finish in {build['seconds']:.0f} s"


def baseline(work: Path, seed: int, runs: int = SMALL_REPEATS) -> dict[str, float]:
    """The fixed cost: one-event builds of both kinds (starting MkDocs, copying the theme, and
    for Annals the pages of every actor), the median of ``runs`` each, interleaved."""
    annals, floor, _ = make_projects(work, 1, seed)
    seconds: dict[str, list[float]] = {"annals": [], "floor": []}
    for _ in range(runs):
        annals_run = build(annals, work / "annals-site", work / "annals-build.log",
                           work / "timings.jsonl")
        floor_run = build(floor, work / "floor-site", work / "floor-build.log")
        for run in (annals_run, floor_run):
            if not run.ok:
                raise RuntimeError(f"the one-event build failed:\n{run.log[-3000:]}")
        seconds["annals"].append(annals_run.seconds)
        seconds["floor"].append(floor_run.seconds)
    return {"annals_seconds": round(statistics.median(seconds["annals"]), 3),
            "floor_seconds": round(statistics.median(seconds["floor"]), 3)}


def derive(result: SizeResult, fixed: dict[str, float]) -> None:
    """Ratios and costs per event (bounds when the Annals build did not finish)."""
    if not result.annals or not result.floor:
        return
    events = result.events
    whole, floor = result.annals["seconds"], result.floor["seconds"]
    generator = result.generator.get("total", 0.0)
    result.derived = {
        "exact": int(bool(result.annals["finished"]) and bool(result.floor["finished"])),
        "floor_ratio": round(whole / floor, 3),
        "generator_share": round(generator / whole, 3) if generator else -1,
        "ms_per_event": round(1000 * whole / events, 4),
        "marginal_ms_per_event": round(1000 * max(whole - fixed["annals_seconds"], 0) / events,
                                       4),
        "floor_marginal_ms_per_event": round(
            1000 * max(floor - fixed["floor_seconds"], 0) / events, 4),
        "generator_ms_per_event": round(1000 * generator / events, 4),
    }


# --- what a reader gets -----------------------------------------------------------------------


def measure_pages(size: Prepared, say: Callable[[str], None]) -> None:
    """The pages of one size's built sites: the largest, those over the limit, and the event
    markup per event on the largest topic's pages beside the floor's (``bench/readers.py``)."""
    from generator.urls import page_url, topic_file

    r = size.result
    annals_site, floor_site = size.work / "annals-site", size.work / "floor-site"
    annals_topics: dict[str, dict[str, Any]] = {}
    floor_topics: dict[str, dict[str, Any]] = {}
    if r.annals.get("finished") and annals_site.is_dir():
        r.readers["annals_pages"] = readers.walk_pages(annals_site)
        annals_topics = readers.topic_markup(annals_site, readers.annals_markup)
    if r.floor.get("finished") and floor_site.is_dir():
        r.readers["floor_pages"] = readers.walk_pages(floor_site)
        floor_topics = readers.topic_markup(floor_site, readers.floor_markup)
    r.readers["markup"] = readers.compare_markup(annals_topics, floor_topics)
    topic = readers.largest_topic(annals_topics)
    if topic is not None:
        found = annals_topics[topic]
        r.readers["largest_topic"] = {
            "topic": topic, "page": page_url(topic_file(topic)), "events": found["events"],
            "pages": found["pages"], "top_actor": found["top_actor"],
            "top_actor_events": found["top_actor_events"]}
    pages = r.readers.get("annals_pages")
    markup = r.readers["markup"]
    if pages:
        say(f"  largest page: {pages['largest_path']} {pages['largest_bytes'] / 1e3:,.0f} KB; "
            f"{pages['over_limit']} of {pages['pages']} pages over "
            f"{pages['limit_bytes'] / 1e3:.0f} KB")
    if markup.get("ratio"):
        say(f"  event markup on {markup['topic']}: {markup['annals_per_event']:,.0f} B/event, "
            f"floor {markup['floor_per_event']:,.0f} ({markup['ratio']:.2f}×)")


def measure_in_browser(size: Prepared, clock: Clock, say: Callable[[str], None],
                       history: list[tuple[int, float]]) -> None:
    """Time to interactive and the cross-year filter in Chromium, on one size's Annals site.

    ``history`` holds (largest page's bytes, seconds) of the sizes measured before: with a
    budget, a size whose estimate (scaled by the largest page) does not fit is skipped, and a
    measurement the budget cuts short keeps the runs done.
    """
    r = size.result
    pages = r.readers.get("annals_pages")
    site = size.work / "annals-site"
    if not pages or not site.is_dir():
        r.readers["browser"] = {"skipped": "the Annals build did not finish"}
        return
    left = clock.remaining()
    if history:
        known_bytes, known_seconds = history[-1]
        estimate = known_seconds * max(1.0, pages["largest_bytes"] / max(known_bytes, 1))
        if estimate > left:
            r.readers["browser"] = {"skipped": f"the budget (about {estimate:.0f} s needed, "
                                               f"{max(left, 0):.0f} s left)"}
            say(f"  (browser measurements skipped: {r.readers['browser']['skipped']})")
            return
    if left <= MIN_TIMEOUT / 3:
        r.readers["browser"] = {"skipped": f"the budget ({max(left, 0):.0f} s left)"}
        say("  (browser measurements skipped: the budget is spent)")
        return
    say("  in Chromium: time to interactive (largest page, about/) and the actor filter")
    topic = r.readers.get("largest_topic") or {}
    deadline = readers.Deadline(None if left == float("inf") else time.perf_counter() + left)
    found = readers.measure_browser(site, pages["largest_url"], topic.get("page"),
                                    topic.get("top_actor") or None, deadline=deadline, say=say)
    r.readers["browser"] = found
    if "seconds" in found:
        history.append((pages["largest_bytes"], found["seconds"]))
    interactive, applied = found.get("interactive", {}), found.get("filter", {})
    if "ratio" in interactive:
        say(f"  interactive: largest page {interactive['largest']['median_ms']:,.0f} ms, about "
            f"{interactive['about']['median_ms']:,.0f} ms ({interactive['ratio']:.2f}×)"
            + (" (load + idle: no ready flag)" if interactive.get("fallback") else ""))
    if "median_ms" in applied:
        say(f"  actor filter: {applied['median_ms']:,.0f} ms")
    elif applied.get("not_measurable"):
        say(f"  actor filter: not measurable ({applied['not_measurable']})")


def drop_sites(size: Prepared, keep_sites: bool) -> None:
    """Remove one size's built sites (unless they are to be kept)."""
    if not keep_sites:
        for name in ("annals-site", "floor-site"):
            shutil.rmtree(size.work / name, ignore_errors=True)


# --- mkdocs serve -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """A running ``mkdocs serve`` whose output lines are timestamped as they arrive."""

    def __init__(self, project: Path, log: Path, timings: Path,
                 makefile: Path = ROOT / "Makefile") -> None:
        self.port = free_port()
        self.timings = timings
        self.lines: list[tuple[float, str]] = []
        # What `make serve` runs (one source of truth), at a free port of our own.
        self.arguments = makefile_serve_command(makefile, f"127.0.0.1:{self.port}")
        self.log_file: IO[str] = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [*launcher(timings), *self.arguments],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=mkdocs_env())
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip("\n")))
            self.log_file.write(line)
            self.log_file.flush()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def get(self, path: str, timeout: float = SERVE_TIMEOUT) -> str:
        with urllib.request.urlopen(self.url(path), timeout=timeout) as response:
            body: bytes = response.read()
            return body.decode("utf-8")

    def wait_until_serving(self, timeout: float = SERVE_TIMEOUT) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.process.poll() is not None:
                raise RuntimeError("mkdocs serve exited:\n" + self.text())
            try:
                self.get("", timeout=5)
                return time.perf_counter() - start
            except OSError:
                time.sleep(0.25)
        raise RuntimeError("mkdocs serve did not start:\n" + self.text())

    def epoch(self) -> tuple[int, int]:
        """The site version a page was served at, as the livereload script in it says."""
        found = re.search(r"livereload\((\d+), (\d+)\)", self.get(""))
        if not found:
            raise RuntimeError("no livereload script in the served page")
        return int(found.group(1)), int(found.group(2))

    def wait_for_reload(self, epoch: int, request: int) -> int:
        """Block like a browser does until the server has a newer site; return its epoch."""
        return int(self.get(f"livereload/{epoch}/{request}"))

    def first_line_after(self, start: float, text: str) -> float | None:
        return next((when for when, line in list(self.lines) if when >= start and text in line),
                    None)

    def text(self) -> str:
        return "\n".join(line for _, line in list(self.lines))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=5)
        self.log_file.close()


_SUMMARY = re.compile(r"(\n    summary: >-\n      )(?:Benchedit\d+ )?")


def edit_summary(path: Path, token: str) -> None:
    """Put ``token`` at the start of the first event's summary (replacing an earlier one)."""
    text = path.read_text(encoding="utf-8")
    edited, count = _SUMMARY.subn(rf"\g<1>{token} ", text, count=1)
    if not count:
        raise RuntimeError(f"no event summary to edit in {path}")
    path.write_text(edited, encoding="utf-8")


def edited_event_id(text: str) -> str:
    """The id of the event whose summary ``edit_summary`` edits in an article file's text."""
    summary = _SUMMARY.search(text)
    ids = list(re.finditer(r"\n  - id: ([a-z0-9-]+)\n", text[:summary.start()] if summary
                           else ""))
    if not ids:
        raise RuntimeError("no event summary to edit")
    return ids[-1].group(1)


@dataclass(frozen=True)
class EditedPage:
    """Where an edit to ``event`` shows: ``page`` per the URL module (no fragment), with the
    split ``threshold`` of the project; ``topic_page`` is the event's first topic's page."""

    event: str
    page: str
    threshold: int
    topic_page: str


def page_of_edit(project: Path, probe: Path) -> EditedPage:
    """The page that shows the event ``edit_summary`` edits in ``probe``, computed with the
    project's URL module and the split threshold of the project's ``mkdocs.yml``."""
    from generator.pipeline import check
    from generator.urls import page_url, topic_file

    event_id = edited_event_id(probe.read_text(encoding="utf-8"))
    corpus = check(project / "content")[0]
    threshold = config_split_threshold(project / "mkdocs.yml")
    event = corpus.events_by_id[event_id]
    return EditedPage(event_id, event_page(corpus, event, threshold), threshold,
                      page_url(topic_file(event.topics[0])))


def served_page_of_event(get: Callable[[str], str], page: str, event_id: str, topic: str
                         ) -> tuple[str, str]:
    """The page to check for an edit: ``page`` (the URL module's) when it is served with the
    event's anchor; else, while the site's pages do not follow the URL module yet (split pages
    not built), the event's unsplit topic page ``topic`` if it shows the event. Returns the page
    and a note ("" when it is ``page``)."""
    anchor = f'id="{event_id}"'

    def shows(path: str) -> str | None:
        try:
            body = get(path)
        except urllib.error.HTTPError as error:
            return f"HTTP {error.code}"
        return None if anchor in body else "no anchor of the event"

    problem = shows(page)
    if problem is None:
        return page, ""
    if topic != page and shows(topic) is None:
        return topic, (f"generator.urls names /{page}, which the site does not serve with the "
                       f"event ({problem}): its pages do not follow the URL module yet, so "
                       f"/{topic}, which shows the event, is checked")
    raise RuntimeError(f"neither /{page} (generator.urls) nor /{topic} shows {event_id}")


def measure_serve(project: Path, corpus_events: int, runs: int, work: Path,
                  say: Callable[[str], None], clock: Clock | None = None) -> dict[str, Any]:
    """Median time from saving one article to the served page of the edited event showing the
    edit, under the command the Makefile's ``serve`` target runs.

    Stops early (after at least one edit) when the budget would not allow another rebuild.
    """
    content = project / "content"
    # An English article in the middle of the corpus.
    articles = sorted((content / "articles").rglob("*.yml"))
    probe = next(path for path in articles[len(articles) // 2:]
                 if "\nlanguage: en\n" in path.read_text(encoding="utf-8"))
    edited = page_of_edit(project, probe)
    page, event_id, note = edited.page, edited.event, ""
    server = Server(project, work / "serve.log", work / "serve-timings.jsonl")
    say(f"  `mkdocs {' '.join(server.arguments)}` (the Makefile's serve target)")
    samples: list[dict[str, float]] = []
    try:
        startup = server.wait_until_serving()
        say(f"  mkdocs serve up after {startup:.1f} s")
        page, note = served_page_of_event(server.get, page, event_id, edited.topic_page)
        say(f"  checking /{page} for {event_id}" + (f" ({note})" if note else ""))
        for number in range(1, runs + 1):
            if samples and clock and clock.budget and (
                    clock.left() < 2 * samples[-1]["seconds"] + MIN_TIMEOUT):
                say("  (stopping: the budget leaves no time for another rebuild)")
                break
            time.sleep(1.5)  # let the watcher settle
            epoch, request = server.epoch()
            token = f"Benchedit{number}"
            saved = time.perf_counter()
            edit_summary(probe, token)
            reloaded = 0.0
            while True:
                epoch = server.wait_for_reload(epoch, request)
                reloaded = reloaded or time.perf_counter()
                if token in server.get(page):
                    break
                if time.perf_counter() - saved > SERVE_TIMEOUT:
                    raise RuntimeError("the edit never showed:\n" + server.text()[-3000:])
            seen = time.perf_counter()
            detected = server.first_line_after(saved, "Detected file changes") or saved
            rebuilt = server.first_line_after(saved, "Reloading browsers") or reloaded
            lines = [line for line in read_timings(server.timings)
                     if line["at"] != "background"]
            generator = generator_time(lines[-1])["total"] if lines else 0.0
            sample = {"seconds": seen - saved, "detect": detected - saved,
                      "rebuild": rebuilt - detected, "generator": generator,
                      "fetch": seen - rebuilt}
            samples.append({k: round(v, 3) for k, v in sample.items()})
            say(f"  edit {number}: shown after {sample['seconds']:.2f} s (detected "
                f"{sample['detect']:.2f} s, rebuilt in {sample['rebuild']:.2f} s)")
    finally:
        server.stop()
    return {"events": corpus_events, "page": page, "event": event_id,
            "split_threshold": edited.threshold, "url_module_page": edited.page,
            **({"page_note": note} if note else {}), "command": ["mkdocs", *server.arguments],
            "file": probe.name, "startup_seconds": round(startup, 3), "runs": samples,
            **{f"median_{key}": round(statistics.median(s[key] for s in samples), 3)
               for key in ("seconds", "detect", "rebuild", "generator", "fetch")}}


# --- report -----------------------------------------------------------------------------------


def _verdict(value: float, limit: float, *, exact: bool, bound: str, strict: bool = False
             ) -> bool | None:
    """Whether ``value`` meets ``limit`` (at most, or below when ``strict``).

    A lower bound (``bound="lower"``) can only prove a target missed; an upper bound can only
    prove it met; ``None`` when the bound decides nothing.
    """
    met = value < limit if strict else value <= limit
    if exact:
        return met
    if bound == "lower":
        return False if not met else None
    return True if met else None


def targets(sizes: list[SizeResult], serve: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each target of the issue, with the measured value and whether it is met."""
    found: list[dict[str, Any]] = []

    def add(name: str, goal: str, value: float, shown: str, met: bool | None) -> None:
        found.append({"target": name, "goal": goal, "value": value, "shown": shown,
                      "met": met})

    measured = [r for r in sizes if r.derived]
    for r in measured:
        exact = bool(r.derived["exact"])
        ratio = r.derived["floor_ratio"]
        goals = [("whole build ÷ plain-Markdown floor", MAX_FLOOR_RATIO)]
        if r.events >= AT_SCALE:
            goals.append(("whole build at or under the plain-Markdown floor",
                          MAX_FLOOR_RATIO_AT_SCALE))
        for name, goal in goals:
            add(f"{name} at {r.events:,}", f"≤ {goal}", ratio,
                ("" if exact else "≥ ") + f"{ratio:.2f}",
                _verdict(ratio, goal, exact=exact, bound="lower"))
    if len(measured) > 1:
        first, last = measured[0], measured[-1]
        exact = bool(first.derived["exact"] and last.derived["exact"])
        for key, how in (("marginal_ms_per_event", "start-up cost removed"),
                         ("ms_per_event", "as measured")):
            growth = last.derived[key] / max(first.derived[key], 1e-9)
            add(f"cost per event at {last.events:,} ÷ at {first.events:,} (whole build, {how})",
                f"≤ {MAX_PER_EVENT_GROWTH}", round(growth, 3),
                ("" if exact else "≥ ") + f"{growth:.2f}",
                _verdict(growth, MAX_PER_EVENT_GROWTH, exact=exact, bound="lower"))
    if measured:
        last = measured[-1]
        exact = bool(last.annals["finished"])
        peak = last.annals["peak_mb"]
        add(f"peak memory of the build at {last.events:,}", f"< {MAX_PEAK_MB:,} MB", peak,
            ("" if exact else "≥ ") + f"{peak:,.0f} MB",
            _verdict(peak, MAX_PEAK_MB, exact=exact, bound="lower", strict=True))
    for r in measured:
        share = r.derived["generator_share"]
        if share < 0:
            add(f"generator's share of the build at {r.events:,}",
                f"< {MAX_GENERATOR_SHARE:.0%}", -1, "not measured", None)
            continue
        # The build's time is a lower bound when it did not finish: the share, an upper one;
        # the generator's time is a lower bound when it did not finish either.
        exact = bool(r.annals["finished"])
        bound = "upper" if r.generator.get("complete", 1) else "none"
        add(f"generator's share of the build at {r.events:,}", f"< {MAX_GENERATOR_SHARE:.0%}",
            share, ("" if exact else "≤ " if bound == "upper" else "~ ") + f"{share:.1%}",
            _verdict(share, MAX_GENERATOR_SHARE, exact=exact, bound=bound, strict=True))
    if serve and "median_seconds" in serve:
        seconds = serve["median_seconds"]
        add(f"saving one file → rebuilt page under mkdocs serve at {serve['events']:,} "
            "(median)", f"< {MAX_SERVE_SECONDS:.0f} s", seconds, f"{seconds:.2f} s",
            seconds < MAX_SERVE_SECONDS)
    return found + reader_targets(sizes, serve)


def reader_targets(sizes: list[SizeResult], serve: dict[str, Any] | None
                   ) -> list[dict[str, Any]]:
    """The reader side's targets: page size, time to interactive, the filter, save → page
    under ``make serve``, and event markup; "unknown" (``met: None``) says why in ``why``."""
    found: list[dict[str, Any]] = []

    def add(name: str, goal: str, value: float, shown: str, met: bool | None,
            why: str = "") -> None:
        entry: dict[str, Any] = {"target": name, "goal": goal, "value": value, "shown": shown,
                                 "met": met}
        if met is None:
            entry["why"] = why or "not measured"
        found.append(entry)

    limit = f"≤ {MAX_PAGE_BYTES / 1e3:.0f} KB"
    for r in sizes:
        pages = r.readers.get("annals_pages")
        name = f"largest page at {r.events:,} (every page {limit})"
        if pages:
            add(name, limit, pages["largest_bytes"],
                f"{pages['largest_bytes'] / 1e3:,.0f} KB (`{pages['largest_url'] or '/'}`); "
                f"{pages['over_limit']} of {pages['pages']} pages over",
                pages["over_limit"] == 0)
        else:
            add(name, limit, -1, "not measured", None, "the Annals build did not finish")
    for r in sizes:
        browser = r.readers.get("browser") or {}
        interactive = browser.get("interactive") or {}
        name = f"largest page's time to interactive ÷ the about page's at {r.events:,}"
        goal = f"≤ {MAX_INTERACTIVE_RATIO:g}×"
        if "ratio" in interactive:
            ratio = interactive["ratio"]
            add(name, goal, ratio,
                f"{ratio:.2f} ({interactive['largest']['median_ms']:,.0f} ms vs "
                f"{interactive['about']['median_ms']:,.0f} ms"
                + ("; load + idle: no ready flag" if interactive.get("fallback") else "") + ")",
                ratio <= MAX_INTERACTIVE_RATIO)
        else:
            add(name, goal, -1, "not measured", None,
                browser.get("skipped") or interactive.get("unknown") or "")
    for r in sizes:
        browser = r.readers.get("browser") or {}
        applied = browser.get("filter") or {}
        name = f"actor filter across years on the largest topic's page at {r.events:,} (median)"
        goal = f"< {MAX_FILTER_SECONDS:g} s"
        if "median_ms" in applied:
            seconds = applied["median_ms"] / 1000
            add(name, goal, seconds, f"{seconds:.2f} s (`{applied['page']}`)",
                seconds < MAX_FILTER_SECONDS)
        elif applied.get("not_measurable"):
            add(name, goal, -1, "not measurable", None, applied["not_measurable"])
        else:
            add(name, goal, -1, "not measured", None, browser.get("skipped", ""))
    name = "save → the page that shows the edited event, under `make serve` (median)"
    goal = f"< {MAX_SAVE_SECONDS:g} s"
    if serve and "median_seconds" in serve:
        seconds = serve["median_seconds"]
        checked = f"`{serve['page']}`" + (
            f"; `{serve['url_module_page']}` of generator.urls not served yet"
            if serve.get("page_note") else "")
        add(name.replace("(median)", f"at {serve['events']:,} (median)"), goal, seconds,
            f"{seconds:.2f} s ({checked})", seconds < MAX_SAVE_SECONDS)
    elif serve:
        add(name, goal, -1, "not measured", None,
            f"mkdocs serve failed: {(serve.get('error') or '?').splitlines()[0][:200]}")
    else:
        add(name, goal, -1, "not measured", None, "no mkdocs serve in this run")
    for r in sizes:
        markup = r.readers.get("markup") or {}
        name = f"event markup per event on the largest topic ÷ the floor's at {r.events:,}"
        goal = f"≤ {MAX_MARKUP_RATIO:g}×"
        if "ratio" in markup:
            add(name, goal, markup["ratio"],
                f"{markup['ratio']:.2f} ({markup['annals_per_event']:,.0f} B vs "
                f"{markup['floor_per_event']:,.0f} B, `{markup['topic']}`)",
                markup["ratio"] <= MAX_MARKUP_RATIO)
        else:
            add(name, goal, -1, "not measured", None,
                "a build did not finish" if not (r.annals.get("finished")
                                                 and r.floor.get("finished"))
                else "no topic page with events")
    return found


def _mb(value: float | None) -> str:
    return "—" if not value else f"{value / 1e6:.1f}"


def _cell(build: dict[str, float], key: str, fmt: str) -> str:
    if not build:
        return "—"
    shown = format(build[key], fmt)
    return shown if build.get("finished", 1) else f"> {shown}"


def markdown_report(results: dict[str, Any]) -> str:
    """The results as Markdown tables."""
    sizes = [SizeResult(**r) for r in results["sizes"]]
    meta = results["meta"]
    budget = f"a budget of {meta['budget']:.0f} s" if meta["budget"] else "no time budget"
    out = [f"# Benchmark results ({meta['date']})", "",
           f"`bench/run.py` on {meta['machine']}, Python {meta['python']}, MkDocs "
           f"{meta['mkdocs']}, Material {meta['material']}; seed {meta['seed']}; "
           f"{meta['seconds']:.0f} s in all, with {budget}. Wall-clock seconds: the median "
           f"of {SMALL_REPEATS} interleaved runs of each kind up to {SMALL_SIZE:,} events and "
           "for the one-event builds, one run above; `>` marks a build the budget stopped "
           "(a lower bound).", "",
           "## Builds", "",
           "| events | generator s | share | whole build s | peak MB | floor s | floor peak MB "
           "| ÷ floor | ms/event (marginal) | search index MB (gzip) | floor index MB (gzip) |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in sizes:
        d = r.derived
        generator = (f"{r.generator['total']:.2f}" + ("" if r.generator.get("complete", 1)
                                                      else "+")) if r.generator else "—"
        share = ("—" if not d or d["generator_share"] < 0 else f"{d['generator_share']:.1%}")
        ratio = "—" if not d else ("" if d["exact"] else "> ") + f"{d['floor_ratio']:.2f}"
        per_event = "—" if not d else (("" if d["exact"] else "> ")
                                       + f"{d['ms_per_event']:.2f} "
                                       f"({d['marginal_ms_per_event']:.2f})")
        out.append(
            f"| {r.events:,} | {generator} | {share} | {_cell(r.annals, 'seconds', '.2f')} | "
            f"{_cell(r.annals, 'peak_mb', ',.0f')} | {_cell(r.floor, 'seconds', '.2f')} | "
            f"{_cell(r.floor, 'peak_mb', ',.0f')} | {ratio} | {per_event} | "
            f"{_mb(r.annals_search.get('bytes'))} ({_mb(r.annals_search.get('gzip_bytes'))}) | "
            f"{_mb(r.floor_search.get('bytes'))} ({_mb(r.floor_search.get('gzip_bytes'))}) |")
    fixed = results["baseline"]
    out += ["", f"Fixed cost (one-event build): Annals {fixed['annals_seconds']:.2f} s (it "
            f"renders every actor's page), floor {fixed['floor_seconds']:.2f} s; *marginal* is "
            "(build − fixed cost) ÷ events. A generator time marked + is what Annals had done "
            "when the budget stopped the build.", "",
            "Where the generator's time goes (seconds):", "",
            "| events | read | validate | near-duplicates | render (skeletons) | to Markdown | "
            "page HTML | exports (beside the build) | waiting for exports | rest | "
            "on_post_page | generated Markdown MB | pages |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in sizes:
        g = r.generator
        if not g:
            continue
        out.append(
            f"| {r.events:,} | {g['read']:.2f} | {g['validate']:.2f} | {g['duplicates']:.2f} | "
            f"{g['render']:.2f} | {g['markdown']:.2f} | {g.get('fill', 0):.2f} | "
            f"{g.get('exports', 0):.2f} | {g.get('exports_wait', 0):.2f} | "
            f"{g['other']:.2f} | {g.get('post_page', 0):.2f} | {g['markdown_mb']:.1f} | "
            f"{g['pages']:.0f} |")
    out += ["", "| events | articles | refs | content files | content MB | site MB | largest "
            "page MB | floor site MB | floor largest page MB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in sizes:
        out.append(
            f"| {r.events:,} | {r.articles:,} | {r.refs:,} | {r.content_files:,} | "
            f"{r.content_mb:.1f} | {_mb(r.annals_site.get('bytes'))} | "
            f"{_mb(r.annals_site.get('largest_html_bytes'))} | {_mb(r.floor_site.get('bytes'))} "
            f"| {_mb(r.floor_site.get('largest_html_bytes'))} |")
    serve = results.get("serve")
    if serve and "error" in serve:
        out += ["", "## mkdocs serve", "", f"{serve['events']:,} events: not measured, "
                f"`{_escape((serve['error'] or '?').splitlines()[0])}` (see the serve log)."]
    elif serve:
        runs = ", ".join(f"{s['seconds']:.2f}" for s in serve["runs"])
        out += ["", "## mkdocs serve", "",
                f"{serve['events']:,} events; one event's summary edited "
                f"{len(serve['runs'])} time{'s' if len(serve['runs']) > 1 else ''}; the "
                f"served page `{serve['page']}` checked after livereload's long poll returns"
                + (f" (the page that shows `{serve['event']}`, from `generator.urls` with a "
                   f"split threshold of {serve['split_threshold']}); the command is the "
                   f"Makefile's serve target: `{' '.join(serve['command'])}`"
                   if serve.get("command") else "") + "."
                + (f" Note: {serve['page_note']}." if serve.get("page_note") else ""),
                "",
                "| median s, save → page shows edit | detect | rebuild | of which Annals | "
                "fetch | runs | first build (start-up) s |",
                "|---:|---:|---:|---:|---:|---|---:|",
                f"| {serve['median_seconds']:.2f} | {serve['median_detect']:.2f} | "
                f"{serve['median_rebuild']:.2f} | {serve['median_generator']:.2f} | "
                f"{serve['median_fetch']:.2f} | {runs} | {serve['startup_seconds']:.1f} |"]
    out += reader_report(sizes)
    verdicts = {True: "met", False: "**not met**", None: "unknown (the budget stopped the build)"}

    def verdict(target: dict[str, Any]) -> str:
        if target["met"] is None and target.get("why"):
            return f"unknown ({_escape(target['why'])})"
        return verdicts[target["met"]]

    out += ["", "## Targets", "", "| target | goal | measured | |", "|---|---|---:|---|"]
    out += [f"| {t['target']} | {t['goal']} | {t['shown']} | {verdict(t)} |"
            for t in results["targets"]]
    out += hostile.report(results.get("hostile"))
    return "\n".join(out) + "\n"


def _escape(text: str) -> str:
    """Text for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _kb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1e3:,.0f}"


def reader_report(sizes: list[SizeResult]) -> list[str]:
    """The reader side as Markdown: page sizes, event markup, and the browser's times."""
    if not any(r.readers for r in sizes):
        return []
    limit = f"{MAX_PAGE_BYTES / 1e3:.0f} KB"
    out = ["", "## Readers", "",
           f"Every `*.html` of each built site; KB are 1,000 bytes; \"over\" is over {limit}.",
           "", "| events | pages | largest page | KB | over | floor: largest page | KB | over |",
           "|---:|---:|---|---:|---:|---|---:|---:|"]
    for r in sizes:
        mine = r.readers.get("annals_pages") or {}
        theirs = r.readers.get("floor_pages") or {}
        out.append(
            f"| {r.events:,} | {mine.get('pages', '—')} | `{mine.get('largest_path', '—')}` | "
            f"{_kb(mine.get('largest_bytes'))} | {mine.get('over_limit', '—')} | "
            f"`{theirs.get('largest_path', '—')}` | {_kb(theirs.get('largest_bytes'))} | "
            f"{theirs.get('over_limit', '—')} |")
    out += ["", "Event markup on the largest topic's pages (the topic with the most events): "
            "Annals' `<article class=\"annals-event\">` elements, the floor's sections from an "
            "event heading to the next heading or month line.", "",
            "| events | topic | Annals events (pages) | Annals B/event | floor events | "
            "floor B/event | ÷ floor |", "|---:|---|---:|---:|---:|---:|---:|"]
    for r in sizes:
        m = r.readers.get("markup") or {}
        if not m:
            out.append(f"| {r.events:,} | — | — | — | — | — | — |")
            continue
        floor = (f"{m['floor_events']:,} | {m['floor_per_event']:,.0f} | {m['ratio']:.2f}"
                 if "ratio" in m else "— | — | —")
        out.append(f"| {r.events:,} | `{m['topic']}` | {m['annals_events']:,} "
                   f"({m['annals_pages']}) | {m['annals_per_event']:,.0f} | {floor} |")
    out += ["", "Headless Chromium, a fresh context (cold cache) per load, the site served from "
            "127.0.0.1; medians in ms from navigation start. *Interactive*: `load` fired, the "
            "page's script ready (`data-annals-ready=\"1\"`; else the first idle period after "
            "`load`: *load + idle*), then a `requestAnimationFrame` → `setTimeout(0)` round "
            "answered. *Filter*: from just before selecting the actor until "
            "`data-annals-filtered` changes.", "",
            "| events | largest page | interactive (load) | about/ interactive (load) | ÷ about "
            "| how | filter page | actor | filter ms | runs |",
            "|---:|---|---:|---:|---:|---|---|---|---:|---|"]
    for r in sizes:
        browser = r.readers.get("browser") or {}
        if "skipped" in browser:
            out.append(f"| {r.events:,} | skipped: {_escape(browser['skipped'])} "
                       "| | | | | | | | |")
            continue
        inter = browser.get("interactive") or {}
        applied = browser.get("filter") or {}

        def timing(name: str, inter: dict[str, Any] = inter) -> str:
            found = inter.get(name) or {}
            if "median_ms" not in found:
                return _escape(found.get("error", "—"))
            return f"{found['median_ms']:,.0f} ({found['median_load_ms']:,.0f})"

        hows = sorted({how for name in ("largest", "about")
                       for how in (inter.get(name) or {}).get("how", [])})
        ratio = f"{inter['ratio']:.2f}" if "ratio" in inter else "—"
        filtered = (f"{applied['median_ms']:,.0f}" if "median_ms" in applied
                    else "not measurable: " + _escape(applied.get("not_measurable", "—")))
        runs = "; ".join(
            f"{name} " + ", ".join(f"{ms:,.0f}" for ms in found["runs_ms"])
            for name, found in (("largest", inter.get("largest") or {}),
                                ("about", inter.get("about") or {}), ("filter", applied))
            if found.get("runs_ms"))
        out.append(f"| {r.events:,} | `{inter.get('largest_page', '—')}` | {timing('largest')} "
                   f"| {timing('about')} | {ratio} | {', '.join(hows) or '—'} | "
                   f"`{applied.get('page') or '—'}` | {applied.get('actor') or '—'} | "
                   f"{filtered} | {runs} |")
        if browser.get("stopped"):
            out.append(f"| | (stopped by {browser['stopped']}: fewer runs) | | | | | | | | |")
    return out


def versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"python": platform.python_version(), "mkdocs": version("mkdocs"),
            "material": version("mkdocs-material"),
            "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, {platform.system()}"}


# --- main -------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes are positive numbers of events, e.g. 1000,10000")
    return sizes


def run(sizes: Sequence[int], *, seed: int = 0, serve_size: int | None = SERVE_SIZE,
        serve_runs: int = SERVE_RUNS, budget: float = 0, output: Path | None = None,
        keep: Path | None = None, browser: bool = True,
        say: Callable[[str], None] = print) -> dict[str, Any]:
    """Measure every size (and ``mkdocs serve`` at ``serve_size``); write and return results.

    Order, so that a budget stops the least informative build: the one-event builds, every
    size but the largest (each followed by its pages and, with ``browser``, its browser
    measurements), ``mkdocs serve``, the largest size's floor, then its Annals build with
    whatever time is left, its pages, and last its browser measurements.
    """
    clock = Clock(budget)
    sizes = sorted(sizes)
    work = Path(tempfile.mkdtemp(prefix="annals-bench-", dir=keep))
    keep_sites = keep is not None
    results: dict[str, Any] = {}
    try:
        say("baseline: one-event builds")
        fixed = baseline(work / "baseline", seed)
        say(f"  annals {fixed['annals_seconds']:.2f} s, floor {fixed['floor_seconds']:.2f} s")
        measured: list[SizeResult] = []
        projects: dict[int, Path] = {}
        serve: dict[str, Any] | None = None
        browser_history: list[tuple[int, float]] = []

        def in_browser(size: Prepared) -> None:
            if browser:
                measure_in_browser(size, clock, say, browser_history)
            else:
                size.result.readers["browser"] = {"skipped": "--no-browser"}
            drop_sites(size, keep_sites)

        def serve_now() -> dict[str, Any]:
            assert serve_size
            say(f"mkdocs serve at {serve_size:,} events")
            project = projects.get(serve_size)
            if project is None:
                project = make_projects(work / "serve", serve_size, seed)[0]
            try:
                return measure_serve(project, serve_size, serve_runs, work, say, clock)
            except (RuntimeError, OSError, ValueError) as error:  # reported; the rest is kept
                say(f"  mkdocs serve could not be measured: {error}")
                return {"events": serve_size, "error": str(error)[-2000:]}

        for events in sizes:
            largest = events == sizes[-1]
            if largest and serve_size and serve_size != events:
                serve = serve_now()
            say(f"{events:,} events")
            size = prepare(work / str(events), events, seed, say)
            runs = SMALL_REPEATS if events <= SMALL_SIZE else 1
            for number in range(runs):
                final = number == runs - 1  # its sites are kept for the readers' measurements
                measure_floor(size, clock.left(), say, keep_sites or final)
                measure_annals(size, clock.left(), say, keep_sites or final)
            derive(size.result, fixed)
            measure_pages(size, say)
            if not keep_sites:
                shutil.rmtree(size.work / "floor-site", ignore_errors=True)
            measured.append(size.result)
            projects[events] = size.annals
            if not largest:
                in_browser(size)
            if events == serve_size and not largest:
                continue
            if largest and serve_size == events:
                serve = serve_now()
            if largest:
                in_browser(size)
            if keep is None:
                shutil.rmtree(size.work, ignore_errors=True)
        # Hostile input (bench/hostile.py): crowded days, many topics; about half a minute,
        # one small shape of each for a smoke run.
        hostile_results = hostile.measure(work / "hostile", clock.left, say,
                                          quick=sizes[-1] < DEFAULT_SIZES[0])
        results = {
            "meta": {"date": time.strftime("%Y-%m-%d"), "seed": seed, "sizes": list(sizes),
                     "budget": budget, "seconds": round(clock.elapsed(), 1), **versions()},
            "baseline": fixed,
            "sizes": [asdict(result) for result in measured],
            "serve": serve,
            "hostile": hostile_results,
        }
        results["targets"] = targets(measured, serve)
        report = markdown_report(results)
        say("")
        say(report)
        if output is not None:
            output.mkdir(parents=True, exist_ok=True)
            (output / "results.json").write_text(json.dumps(results, indent=2) + "\n",
                                                 encoding="utf-8")
            (output / "results.md").write_text(report, encoding="utf-8")
            say(f"written: {output / 'results.json'}, {output / 'results.md'}")
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            say(f"kept: {work}")
    return results


def profile(events: int, seed: int, output: Path, say: Callable[[str], None] = print) -> None:
    """cProfile of ``generator.pipeline.build`` on a corpus of ``events`` events."""
    import cProfile
    import io
    import pstats

    from generator.pipeline import build as pipeline_build

    work = Path(tempfile.mkdtemp(prefix="annals-profile-"))
    try:
        write_corpus(work / "content", events, seed)
        profiler = cProfile.Profile()
        profiler.enable()
        pipeline_build(str(work / "content"))
        profiler.disable()
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(30)
        path = output / f"profile-{events}.txt"
        path.write_text(text.getvalue().replace(str(work), "<work>"), encoding="utf-8")
        say(f"written: {path}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--sizes", type=parse_sizes, help="comma-separated numbers of events "
                        "(default: 1000,10000,50000)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 200 events, no mkdocs serve, no files written")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget", type=float, default=None,
                        help=f"seconds for the whole run (default {BUDGET:.0f}; 0: no limit)")
    parser.add_argument("--serve-size", type=int, default=None,
                        help=f"events for the mkdocs serve measurement (default {SERVE_SIZE}; "
                             "0 to skip)")
    parser.add_argument("--serve-runs", type=int, default=SERVE_RUNS)
    parser.add_argument("--no-serve", action="store_true",
                        help="skip the mkdocs serve measurement (as --serve-size 0)")
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the measurements in Chromium (time to interactive, filter)")
    parser.add_argument("--output", type=Path, default=None,
                        help="where results.json and results.md go (default: bench/)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="build under this folder and keep the projects, sites and logs")
    parser.add_argument("--profile", type=int, metavar="EVENTS",
                        help="only profile generator.pipeline.build at this size")
    parser.add_argument("--time-generator", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.time_generator:
        print(json.dumps(time_generator(args.time_generator)))
        return 0
    if args.profile:
        profile(args.profile, args.seed, args.output or Path(__file__).resolve().parent)
        return 0
    sizes = args.sizes or (list(QUICK_SIZES) if args.quick else list(DEFAULT_SIZES))
    serve_size = args.serve_size if args.serve_size is not None else (
        0 if args.quick else SERVE_SIZE)
    if args.no_serve:
        serve_size = 0
    output = args.output or (None if args.quick else Path(__file__).resolve().parent)
    budget = args.budget if args.budget is not None else (0 if args.quick else BUDGET)

    def say(message: str) -> None:
        print(message, flush=True)

    run(sizes, seed=args.seed, serve_size=serve_size, serve_runs=args.serve_runs,
        budget=budget, output=output, keep=args.keep, browser=not args.no_browser, say=say)
    return 0


if __name__ == "__main__":
    sys.exit(main())
