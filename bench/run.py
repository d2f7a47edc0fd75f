"""``make bench``: build synthetic corpora of several sizes and report where the time goes.

For each size (1,000, 10,000 and 50,000 events by default) the harness writes a corpus
(``bench/corpus.py``) into a temporary project with the repository's ``mkdocs.yml`` and
``docs/``, then measures, each in a fresh process:

- the whole ``mkdocs build``: wall time and peak resident memory (``wait4``);
- inside that build, the generator's own time: every hook of the Annals plugin, and within it
  the pipeline's phases (read, validate, near-duplicates, render) and the pages' conversion to
  Markdown (``bench/launch.py`` wraps them; nothing in the generator changes);
- the floor: the same events as a plain-Markdown site with the same theme, plugins and
  navigation, minus Annals (``bench/floor.py``), built the same way in the same run;
- the search index the build writes (``search/search_index.json``), raw and gzipped.

A one-event build of each kind gives the fixed cost of starting MkDocs, so that the cost per
event can be compared across sizes. Then, at 10,000 events, ``mkdocs serve`` runs and one
article's summary is edited a few times: each time the harness waits for the rebuilt site as a
browser does (livereload's long poll) and fetches the topic page until the edit shows.

Results go to ``bench/results.json`` and ``bench/results.md`` (overwritten), with each target
marked met or not met; the targets are results, not failures: the exit status is 0 whenever
every build ran. ``--quick`` runs one small size without ``mkdocs serve`` and writes nothing
unless ``--output`` is given.
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
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if __package__ in (None, ""):  # run as a script: python bench/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import SyntheticCorpus, write_corpus
from bench.floor import write_floor_project
from bench.launch import read_timings

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
LAUNCH = Path(__file__).resolve().parent / "launch.py"
DEFAULT_SIZES = (1000, 10000, 50000)
QUICK_SIZES = (200,)
SERVE_SIZE = 10000
SERVE_RUNS = 3
BUILD_TIMEOUT = 900.0
SERVE_TIMEOUT = 300.0

# Targets from the issue "Scale and speed": reported as met or not met, never as failures.
MAX_FLOOR_RATIO = 1.25
MAX_PER_EVENT_GROWTH = 1.2
MAX_PEAK_MB = 1024
MAX_GENERATOR_SHARE = 0.15
MAX_SERVE_SECONDS = 2.0


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


def measure(command: Sequence[str], cwd: Path, log: Path, timeout: float = BUILD_TIMEOUT
            ) -> Run:
    """Run ``command`` and return its wall time and peak RSS (from ``wait4``, this child only).

    ``resource.getrusage(RUSAGE_CHILDREN)`` keeps the maximum over every child so far, so each
    process is reaped with ``os.wait4`` to read its own figures.
    """
    with log.open("w", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT,
                                   env=mkdocs_env())
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    timed_out = seconds >= timeout
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode,
               log.read_text(encoding="utf-8", errors="replace"), timed_out)


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
    return found


def generator_time(line: dict[str, float]) -> dict[str, float]:
    """One build's line from ``bench/launch.py`` as the generator's time, phase by phase."""
    phases = ("read", "validate", "duplicates", "render", "navigation", "markdown", "exports",
              "pagefind")
    found = {name: line.get(name, 0.0) for name in phases}
    found["pipeline"] = line.get("pipeline", 0.0)
    found["post_page"] = line.get("hook:on_post_page", 0.0)
    found["total"] = sum(value for key, value in line.items() if key.startswith("hook:"))
    found["other"] = max(0.0, found["total"] - found["post_page"]
                         - sum(found[name] for name in phases))
    found["pages"] = line.get("pages", 0)
    found["markdown_mb"] = line.get("markdown_mb", 0.0)
    found["measured"] = 1  # inside the build
    return found


# --- projects ---------------------------------------------------------------------------------


def make_projects(work: Path, events: int, seed: int) -> tuple[Path, Path, SyntheticCorpus]:
    """An Annals project and its floor, for ``events`` synthetic events."""
    annals = work / "annals"
    annals.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", annals / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", annals / "docs")
    if (ROOT / "schema").is_dir():
        shutil.copytree(ROOT / "schema", annals / "schema")
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


def build(project: Path, site: Path, log: Path, timings: Path | None = None) -> Run:
    """``mkdocs build`` of a project into ``site``, measured."""
    run = measure([*launcher(timings), "build", "--site-dir", str(site)], project, log)
    if not run.ok:
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


@dataclass
class SizeResult:
    """Everything measured at one size."""

    events: int
    articles: int
    actors: int
    refs: int
    content_files: int
    content_mb: float
    generator: dict[str, float]
    annals: dict[str, float]
    floor: dict[str, float]
    annals_search: dict[str, float]
    floor_search: dict[str, float]
    annals_site: dict[str, float]
    floor_site: dict[str, float]
    derived: dict[str, float] = field(default_factory=dict)


def content_size(content: Path) -> tuple[int, float]:
    files = list(content.rglob("*.yml"))
    return len(files), sum(path.stat().st_size for path in files) / 1e6


def measure_size(work: Path, events: int, seed: int, say: Callable[[str], None], *,
                 keep_sites: bool = False) -> tuple[SizeResult, Path]:
    """Write the corpus and floor for one size, then time the generator and both builds."""
    start = time.perf_counter()
    annals, floor, corpus = make_projects(work, events, seed)
    files, megabytes = content_size(annals / "content")
    say(f"  corpus: {len(corpus.articles)} articles, {files} files, {megabytes:.1f} MB "
        f"({time.perf_counter() - start:.1f} s to write)")
    annals_run = build(annals, work / "annals-site", work / "annals-build.log",
                       work / "timings.jsonl")
    lines = read_timings(work / "timings.jsonl")
    if lines:
        generator = generator_time(lines[-1])
    else:
        say("  (Annals could not be timed inside the build; timing it on its own)")
        generator = measure_generator(annals / "content", work / "generator.log")
    say(f"  annals build: {annals_run.seconds:.2f} s, {annals_run.peak_mb:.0f} MB; of which "
        f"the generator {generator['total']:.2f} s")
    floor_run = build(floor, work / "floor-site", work / "floor-build.log")
    say(f"  floor build: {floor_run.seconds:.2f} s, {floor_run.peak_mb:.0f} MB")
    result = SizeResult(
        events=events, articles=len(corpus.articles), actors=len(corpus.actors),
        refs=corpus.refs, content_files=files, content_mb=round(megabytes, 2),
        generator={k: round(v, 4) for k, v in generator.items()},
        annals={"seconds": round(annals_run.seconds, 3), "peak_mb": round(annals_run.peak_mb, 1),
                "warnings": warnings_in(annals_run.log)},
        floor={"seconds": round(floor_run.seconds, 3), "peak_mb": round(floor_run.peak_mb, 1),
               "warnings": warnings_in(floor_run.log)},
        annals_search=search_index(work / "annals-site"),
        floor_search=search_index(work / "floor-site"),
        annals_site=site_stats(work / "annals-site"),
        floor_site=site_stats(work / "floor-site"))
    if not keep_sites:
        for site in ("annals-site", "floor-site"):
            shutil.rmtree(work / site)
    return result, annals


def baseline(work: Path, seed: int) -> dict[str, float]:
    """The fixed cost: one-event builds of both kinds (starting MkDocs, copying the theme)."""
    annals, floor, _ = make_projects(work, 1, seed)
    annals_run = build(annals, work / "annals-site", work / "annals-build.log",
                       work / "timings.jsonl")
    floor_run = build(floor, work / "floor-site", work / "floor-build.log")
    return {"annals_seconds": round(annals_run.seconds, 3),
            "floor_seconds": round(floor_run.seconds, 3)}


def derive(result: SizeResult, fixed: dict[str, float]) -> None:
    """Ratios and costs per event."""
    events = result.events
    whole, floor = result.annals["seconds"], result.floor["seconds"]
    result.derived = {
        "floor_ratio": round(whole / floor, 3),
        "generator_share": round(result.generator["total"] / whole, 3),
        "ms_per_event": round(1000 * whole / events, 4),
        "marginal_ms_per_event": round(1000 * max(whole - fixed["annals_seconds"], 0) / events,
                                       4),
        "floor_marginal_ms_per_event": round(
            1000 * max(floor - fixed["floor_seconds"], 0) / events, 4),
        "generator_ms_per_event": round(1000 * result.generator["total"] / events, 4),
    }


# --- mkdocs serve -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """A running ``mkdocs serve`` whose output lines are timestamped as they arrive."""

    def __init__(self, project: Path, log: Path, timings: Path) -> None:
        self.port = free_port()
        self.timings = timings
        self.lines: list[tuple[float, str]] = []
        self.log_file: IO[str] = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [*launcher(timings), "serve", "--livereload", "--dev-addr",
             f"127.0.0.1:{self.port}"],
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


def measure_serve(project: Path, corpus_events: int, runs: int, work: Path,
                  say: Callable[[str], None]) -> dict[str, Any]:
    """Median time from saving one article to the served topic page showing the edit."""
    content = project / "content"
    # An English article in the middle of the corpus whose first event is on a topic page.
    articles = sorted((content / "articles").rglob("*.yml"))
    probe = next(path for path in articles[len(articles) // 2:]
                 if "\nlanguage: en\n" in path.read_text(encoding="utf-8"))
    topic = re.search(r"\n    topics: \[([a-z0-9-]+)", probe.read_text(encoding="utf-8"))
    assert topic is not None
    page = f"topics/{topic.group(1)}/"
    server = Server(project, work / "serve.log", work / "serve-timings.jsonl")
    samples: list[dict[str, float]] = []
    try:
        startup = server.wait_until_serving()
        say(f"  mkdocs serve up after {startup:.1f} s")
        for number in range(1, runs + 1):
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
            lines = read_timings(server.timings)
            generator = generator_time(lines[-1])["total"] if lines else 0.0
            sample = {"seconds": seen - saved, "detect": detected - saved,
                      "rebuild": rebuilt - detected, "generator": generator,
                      "fetch": seen - rebuilt}
            samples.append({k: round(v, 3) for k, v in sample.items()})
            say(f"  edit {number}: shown after {sample['seconds']:.2f} s (detected "
                f"{sample['detect']:.2f} s, rebuilt in {sample['rebuild']:.2f} s)")
    finally:
        server.stop()
    return {"events": corpus_events, "page": page, "file": probe.name,
            "startup_seconds": round(startup, 3), "runs": samples,
            **{f"median_{key}": round(statistics.median(s[key] for s in samples), 3)
               for key in ("seconds", "detect", "rebuild", "generator", "fetch")}}


# --- report -----------------------------------------------------------------------------------


def targets(sizes: list[SizeResult], serve: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each target of the issue, with the measured value and whether it is met."""
    found: list[dict[str, Any]] = []

    def add(name: str, goal: str, value: float, shown: str, met: bool) -> None:
        found.append({"target": name, "goal": goal, "value": value, "shown": shown,
                      "met": met})

    for result in sizes:
        ratio = result.derived["floor_ratio"]
        add(f"whole build ÷ plain-Markdown floor at {result.events:,}",
            f"≤ {MAX_FLOOR_RATIO}", ratio, f"{ratio:.2f}", ratio <= MAX_FLOOR_RATIO)
    first, last = sizes[0], sizes[-1]
    if last.events > first.events:
        growth = (last.derived["marginal_ms_per_event"]
                  / max(first.derived["marginal_ms_per_event"], 1e-9))
        add(f"cost per event at {last.events:,} ÷ at {first.events:,} (whole build, fixed "
            "start-up cost removed)", f"≤ {MAX_PER_EVENT_GROWTH}", round(growth, 3),
            f"{growth:.2f}", growth <= MAX_PER_EVENT_GROWTH)
        raw = last.derived["ms_per_event"] / first.derived["ms_per_event"]
        add(f"cost per event at {last.events:,} ÷ at {first.events:,} (whole build, as "
            "measured)", f"≤ {MAX_PER_EVENT_GROWTH}", round(raw, 3), f"{raw:.2f}",
            raw <= MAX_PER_EVENT_GROWTH)
    peak = last.annals["peak_mb"]
    add(f"peak memory of the build at {last.events:,}", f"< {MAX_PEAK_MB} MB", peak,
        f"{peak:,.0f} MB", peak < MAX_PEAK_MB)
    for result in sizes:
        share = result.derived["generator_share"]
        add(f"generator's share of the build at {result.events:,}",
            f"< {MAX_GENERATOR_SHARE:.0%}", share, f"{share:.1%}", share < MAX_GENERATOR_SHARE)
    if serve:
        seconds = serve["median_seconds"]
        add(f"saving one file → rebuilt page under mkdocs serve at {serve['events']:,} "
            "(median)", f"< {MAX_SERVE_SECONDS:.0f} s", seconds, f"{seconds:.2f} s",
            seconds < MAX_SERVE_SECONDS)
    return found


def _mb(value: float) -> str:
    return f"{value / 1e6:.1f}"


def markdown_report(results: dict[str, Any]) -> str:
    """The results as Markdown tables."""
    sizes = [SizeResult(**r) for r in results["sizes"]]
    meta = results["meta"]
    out = [f"# Benchmark results ({meta['date']})", "",
           f"`make bench` on {meta['machine']}, Python {meta['python']}, MkDocs "
           f"{meta['mkdocs']}, Material {meta['material']}; seed {meta['seed']}; "
           f"{meta['seconds']:.0f} s in all. Times are wall-clock seconds of one run each.", "",
           "## Builds", "",
           "| events | generator s (read / validate / dup. / render / md) | share | "
           "whole build s | peak MB | floor s | floor peak MB | ÷ floor | ms/event "
           "(marginal) | search index MB (gzip) | floor index MB (gzip) |",
           "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in sizes:
        g = r.generator
        phases = " / ".join(f"{g.get(k, 0):.2f}" for k in
                            ("read", "validate", "duplicates", "render", "markdown"))
        out.append(
            f"| {r.events:,} | {g['total']:.2f} ({phases}) | "
            f"{r.derived['generator_share']:.1%} | {r.annals['seconds']:.2f} | "
            f"{r.annals['peak_mb']:,.0f} | {r.floor['seconds']:.2f} | "
            f"{r.floor['peak_mb']:,.0f} | {r.derived['floor_ratio']:.2f} | "
            f"{r.derived['ms_per_event']:.2f} ({r.derived['marginal_ms_per_event']:.2f}) | "
            f"{_mb(r.annals_search['bytes'])} ({_mb(r.annals_search['gzip_bytes'])}) | "
            f"{_mb(r.floor_search['bytes'])} ({_mb(r.floor_search['gzip_bytes'])}) |")
    fixed = results["baseline"]
    out += ["", f"Fixed cost (one-event build): Annals {fixed['annals_seconds']:.2f} s, floor "
            f"{fixed['floor_seconds']:.2f} s; *marginal* is (build − fixed cost) ÷ events.", "",
            "| events | articles | content files | content MB | generated Markdown MB | "
            "site MB | largest page MB | floor site MB | floor largest page MB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in sizes:
        out.append(
            f"| {r.events:,} | {r.articles:,} | {r.content_files:,} | {r.content_mb:.1f} | "
            f"{r.generator['markdown_mb']:.1f} | {_mb(r.annals_site['bytes'])} | "
            f"{_mb(r.annals_site['largest_html_bytes'])} | {_mb(r.floor_site['bytes'])} | "
            f"{_mb(r.floor_site['largest_html_bytes'])} |")
    serve = results.get("serve")
    if serve:
        runs = ", ".join(f"{s['seconds']:.2f}" for s in serve["runs"])
        out += ["", "## mkdocs serve", "",
                f"{serve['events']:,} events; one article's summary edited "
                f"{len(serve['runs'])} times; the served page `{serve['page']}` checked after "
                "livereload's long poll returns.", "",
                "| median s, save → page shows edit | detect | rebuild | of which Annals | "
                "fetch | runs | first build (start-up) s |",
                "|---:|---:|---:|---:|---:|---|---:|",
                f"| {serve['median_seconds']:.2f} | {serve['median_detect']:.2f} | "
                f"{serve['median_rebuild']:.2f} | {serve['median_generator']:.2f} | "
                f"{serve['median_fetch']:.2f} | {runs} | {serve['startup_seconds']:.1f} |"]
    out += ["", "## Targets", "", "| target | goal | measured | |", "|---|---|---:|---|"]
    out += [f"| {t['target']} | {t['goal']} | {t['shown']} | "
            f"{'met' if t['met'] else '**not met**'} |" for t in results["targets"]]
    return "\n".join(out) + "\n"


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
        serve_runs: int = SERVE_RUNS, output: Path | None = None, keep: Path | None = None,
        say: Callable[[str], None] = print) -> dict[str, Any]:
    """Measure every size (and ``mkdocs serve`` at ``serve_size``); write and return results."""
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="annals-bench-", dir=keep))
    results: dict[str, Any] = {}
    try:
        say("baseline: one-event builds")
        fixed = baseline(work / "baseline", seed)
        say(f"  annals {fixed['annals_seconds']:.2f} s, floor {fixed['floor_seconds']:.2f} s")
        measured: list[SizeResult] = []
        serve_project: Path | None = None
        for events in sizes:
            say(f"{events:,} events")
            result, project = measure_size(work / str(events), events, seed, say,
                                           keep_sites=keep is not None)
            derive(result, fixed)
            measured.append(result)
            if events == serve_size:
                serve_project = project
            elif keep is None:
                shutil.rmtree(work / str(events))
        serve = None
        if serve_size:
            say(f"mkdocs serve at {serve_size:,} events")
            if serve_project is None:
                serve_project, _, _ = make_projects(work / "serve", serve_size, seed)
            serve = measure_serve(serve_project, serve_size, serve_runs, work, say)
        results = {
            "meta": {"date": time.strftime("%Y-%m-%d"), "seed": seed, "sizes": list(sizes),
                     "seconds": round(time.perf_counter() - started, 1), **versions()},
            "baseline": fixed,
            "sizes": [asdict(result) for result in measured],
            "serve": serve,
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
    parser.add_argument("--serve-size", type=int, default=None,
                        help=f"events for the mkdocs serve measurement (default {SERVE_SIZE}; "
                             "0 to skip)")
    parser.add_argument("--serve-runs", type=int, default=SERVE_RUNS)
    parser.add_argument("--output", type=Path, default=None,
                        help="where results.json and results.md go (default: bench/)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="build under this folder and keep the projects and logs")
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
    output = args.output or (None if args.quick else Path(__file__).resolve().parent)

    def say(message: str) -> None:
        print(message, flush=True)

    run(sizes, seed=args.seed, serve_size=serve_size, serve_runs=args.serve_runs,
        output=output, keep=args.keep, say=say)
    return 0


if __name__ == "__main__":
    sys.exit(main())
