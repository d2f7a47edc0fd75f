"""What a reader gets: page sizes, event markup, and times in a headless browser.

Static measurements, on a built site's files:

- :func:`walk_pages`: every ``**/*.html``; the largest page and how many are over 500 KB;
- :func:`topic_markup`: per topic, the bytes of its events' markup on its pages. For Annals an
  event is an ``<article class="annals-event">…</article>`` element; for the floor
  (``bench/floor.py``) it is an ``<h3>`` heading and what follows it in the page's content, up to
  the next heading, month line or the end of the content.

Browser measurements (:func:`measure_browser`), in Debian's Chromium through Playwright, headless,
the site served from a thread of this process (``http.server`` on 127.0.0.1, a free port), each
in a fresh browser context (a cold cache), after one unmeasured load that warms the browser up:

- *time to interactive*: from navigation start (``performance.now()`` is 0 there) until the
  ``load`` event has fired, the page's script says it is ready
  (``document.documentElement.dataset.annalsReady === "1"``; when it never does, the main
  thread's first idle period after ``load`` instead, and the result says so), and the main thread
  answers a ``requestAnimationFrame`` → ``setTimeout(0)`` round;
- *cross-year filter*: on a topic's page, from just before ``select_option`` on the actor filter
  until ``document.documentElement.dataset.annalsFiltered`` changes (the script increments it
  when a filter application has finished, index loads included).

A flag that none of the site's scripts (nor the measured pages) mention cannot appear, so it is
not waited for: the fallback applies at once, and the result says so.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

PAGE_LIMIT_BYTES = 500_000
"""A page over this many bytes (500 KB) is too large for a reader."""
DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions",
    # Hermetic: nothing leaves the machine (the site is served on 127.0.0.1, an address).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1280, "height": 800}
RUNS = 3
READY_TIMEOUT = 60.0  # seconds for the page's script to set data-annals-ready
FILTER_TIMEOUT = 30.0  # seconds for data-annals-filtered to change after the filter is set
IDLE_TIMEOUT = 60.0  # seconds for the first idle period after load (the fallback)
MAX_LOAD_TIMEOUT = 600.0

READY_MARKERS = (b"annalsReady", b"data-annals-ready")
FILTERED_MARKERS = (b"annalsFiltered", b"data-annals-filtered")

# --- pages on disk ------------------------------------------------------------------------------


def page_url(path: str) -> str:
    """The site path a page file is served at: ``topics/x/index.html`` → ``topics/x/``."""
    if path == "index.html":
        return ""
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def page_file(url: str) -> str:
    """The file a site path is served from: ``topics/x/`` → ``topics/x/index.html``."""
    return f"{url}index.html" if not url or url.endswith("/") else url


def walk_pages(site: Path, limit: int = PAGE_LIMIT_BYTES, top: int = 5) -> dict[str, Any]:
    """Every HTML page of a built site: how many, the largest (path, bytes), how many are over
    ``limit`` bytes, and the ``top`` largest."""
    sizes = sorted(((path.stat().st_size, path.relative_to(site).as_posix())
                    for path in site.rglob("*.html") if path.is_file()),
                   key=lambda item: (-item[0], item[1]))
    largest_bytes, largest_path = sizes[0] if sizes else (0, "")
    return {"pages": len(sizes), "largest_path": largest_path,
            "largest_url": page_url(largest_path) if sizes else "",
            "largest_bytes": largest_bytes, "limit_bytes": limit,
            "over_limit": sum(1 for size, _ in sizes if size > limit),
            "top": [[path, size] for size, path in sizes[:top]]}


_ANNALS_EVENT = re.compile(
    rb'<article\b[^>]*?\bclass="(?:[^"]*\s)?annals-event(?:\s[^"]*)?"[^>]*>.*?</article>', re.S)
# An event's actors: the links of its actors row, each ending in the actor's id.
_ACTORS_ROW = re.compile(rb'<p class="actors">(.*?)</p>', re.S)
_ACTOR_ID = re.compile(rb'actors/([a-z0-9-]+)/"')
_CONTENT = re.compile(rb'<article\b[^>]*\bclass="[^"]*\bmd-content__inner\b[^"]*"[^>]*>')
_FLOOR_EVENT = re.compile(rb"<h3\b[^>]*\bid=")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# Where a floor event's section ends: the next heading, or the month line of bench/floor.py.
_FLOOR_BOUNDARY = re.compile(
    rb"<h[1-6][\s>]|<p><strong>(?:" + "|".join(MONTHS).encode() + rb") \d{4}</strong></p>")


@dataclass
class Markup:
    """The event markup of some pages: how many events, their bytes, and who they involve."""

    events: int = 0
    bytes: int = 0
    pages: int = 0
    actors: Counter[str] = field(default_factory=Counter)
    largest_page: str = ""
    largest_page_bytes: int = 0

    def add(self, other: Markup, page: str, page_bytes: int) -> None:
        self.events += other.events
        self.bytes += other.bytes
        self.pages += 1
        self.actors.update(other.actors)
        if page_bytes > self.largest_page_bytes:
            self.largest_page, self.largest_page_bytes = page, page_bytes

    def as_dict(self) -> dict[str, Any]:
        top = sorted(self.actors.items(), key=lambda item: (-item[1], item[0]))[:1]
        return {"events": self.events, "bytes": self.bytes, "pages": self.pages,
                "per_event": round(self.bytes / self.events, 1) if self.events else 0,
                "largest_page": self.largest_page, "largest_page_bytes": self.largest_page_bytes,
                "top_actor": top[0][0] if top else "", "top_actor_events": top[0][1] if top else 0}


def annals_markup(html: bytes) -> Markup:
    """Annals' events in a page: each ``<article class="annals-event">…</article>``."""
    found = Markup()
    for matched in _ANNALS_EVENT.finditer(html):
        found.events += 1
        found.bytes += matched.end() - matched.start()
        row = _ACTORS_ROW.search(html, matched.start(), matched.end())
        if row:
            found.actors.update(a.decode() for a in _ACTOR_ID.findall(row.group(1)))
    return found


def floor_markup(html: bytes) -> Markup:
    """The floor's events in a page: from each event heading (``<h3 id=…>``) inside the page's
    content to the next heading, month line (``<p><strong>May 2016</strong></p>``) or the end of
    the content; trailing white space is not counted."""
    found = Markup()
    content = _CONTENT.search(html)
    start = content.end() if content else 0
    end = html.find(b"</article>", start)
    body = html[start:end if end >= 0 else len(html)]
    for heading in _FLOOR_EVENT.finditer(body):
        boundary = _FLOOR_BOUNDARY.search(body, heading.end())
        section = body[heading.start():boundary.start() if boundary else len(body)]
        found.events += 1
        found.bytes += len(section.rstrip())
    return found


def topic_markup(site: Path, measure: Callable[[bytes], Markup]) -> dict[str, dict[str, Any]]:
    """Per topic, the event markup over every page under ``topics/<topic>/``."""
    topics: dict[str, Markup] = {}
    folder = site / "topics"
    if not folder.is_dir():
        return {}
    for path in sorted(folder.rglob("*.html")):
        parts = path.relative_to(folder).parts
        if len(parts) < 2:  # topics/index.html, if any: not one topic's page
            continue
        html = path.read_bytes()
        page = measure(html)
        topics.setdefault(parts[0], Markup()).add(page, path.relative_to(site).as_posix(),
                                                   len(html))
    return {topic: markup.as_dict() for topic, markup in sorted(topics.items())}


def largest_topic(topics: dict[str, dict[str, Any]]) -> str | None:
    """The topic with the most events on its pages (then the most bytes, then by name)."""
    if not topics:
        return None
    return min(topics, key=lambda t: (-topics[t]["events"], -topics[t]["bytes"], t))


def compare_markup(annals: dict[str, dict[str, Any]], floor: dict[str, dict[str, Any]]
                   ) -> dict[str, Any]:
    """Bytes of event markup per event on the largest topic's pages, Annals beside the floor's
    page of the same topic (the same events)."""
    topic = largest_topic(annals)
    if topic is None or not annals[topic]["events"]:
        return {}
    mine = annals[topic]
    theirs = floor.get(topic) or {}
    found: dict[str, Any] = {
        "topic": topic, "annals_events": mine["events"], "annals_bytes": mine["bytes"],
        "annals_pages": mine["pages"], "annals_per_event": mine["per_event"],
        "largest_page": mine["largest_page"]}
    if theirs.get("events"):
        found.update({"floor_events": theirs["events"], "floor_bytes": theirs["bytes"],
                      "floor_per_event": theirs["per_event"],
                      "ratio": round(mine["per_event"] / theirs["per_event"], 3)})
    return found


def site_mentions(site: Path, markers: tuple[bytes, ...], pages: tuple[str, ...] = ()) -> bool:
    """Whether any script of the site (or one of ``pages``, for inline scripts) names one of
    ``markers``: a page cannot set an attribute its scripts never mention."""
    files = [path for path in site.rglob("*.js") if path.is_file()]
    files += [site / page for page in pages if (site / page).is_file()]
    for path in files:
        data = path.read_bytes()
        if any(marker in data for marker in markers):
            return True
    return False


# --- the browser --------------------------------------------------------------------------------


def chromium_executable() -> str | None:
    """Debian's Chromium: ``ANNALS_CHROMIUM`` if set, else /usr/bin/chromium (never a download)."""
    named = os.environ.get("ANNALS_CHROMIUM") or DEBIAN_CHROMIUM
    return named if Path(named).is_file() else None


class _QuietHandler(SimpleHTTPRequestHandler):
    timeout = 120

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser context closed mid-download (the search index) resets its connection:
        not an error of the measurement."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_folder(root: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) from a thread while the block runs; yields
    its base URL, ending in ``/``."""
    server = _Server(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              name="bench-site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# Installed before any of the page's scripts: when data-annals-ready becomes "1" (and each time
# data-annals-filtered changes) the time is noted, from navigation start; and for the fallback,
# the first idle period after load and the main thread's answer after it, noted as they happen
# (not after a wait for the flag).
_OBSERVER = """
(() => {
  const noted = { ready: null, filtered: [], idle: null, idleAnswered: null };
  window.__annalsBench = noted;
  window.addEventListener("load", () => setTimeout(() => requestIdleCallback(() => {
    noted.idle = performance.now();
    requestAnimationFrame(() => setTimeout(() => { noted.idleAnswered = performance.now(); }, 0));
  }, { timeout: IDLE_TIMEOUT_MS }), 0));
  new MutationObserver((records) => {
    const root = document.documentElement;
    for (const record of records) {
      if (record.target !== root) continue;
      const now = performance.now();
      if (record.attributeName === "data-annals-ready" && noted.ready === null
          && root.dataset.annalsReady === "1") noted.ready = now;
      if (record.attributeName === "data-annals-filtered") {
        noted.filtered.push([now, root.dataset.annalsFiltered ?? null]);
      }
    }
  }).observe(document, { attributes: true, subtree: true,
                         attributeFilter: ["data-annals-ready", "data-annals-filtered"] });
})();
"""
_READY = ("() => (window.__annalsBench && window.__annalsBench.ready !== null)"
          " || document.documentElement.dataset.annalsReady === '1'")
_READY_AT = ("() => (window.__annalsBench && window.__annalsBench.ready)"
             " || performance.now()")
_OBSERVER = _OBSERVER.replace("IDLE_TIMEOUT_MS", str(int(1000 * IDLE_TIMEOUT)))
_IDLE_DONE = "() => window.__annalsBench && window.__annalsBench.idleAnswered !== null"
_IDLE = "() => [window.__annalsBench.idle, window.__annalsBench.idleAnswered]"
_ANSWER = ("() => new Promise((resolve) => requestAnimationFrame("
           "() => setTimeout(() => resolve(performance.now()), 0)))")
_LOAD = ("() => { const [entry] = performance.getEntriesByType('navigation');"
         " return entry ? entry.loadEventStart : 0; }")


@dataclass
class Deadline:
    """When the browser measurements must stop (``None``: never)."""

    at: float | None = None

    def left(self) -> float:
        return float("inf") if self.at is None else self.at - time.perf_counter()

    def timeout(self, most: float) -> float:
        """Seconds an operation may take: at most ``most``, and never past the deadline."""
        return max(1.0, min(most, self.left()))


class BudgetSpentError(Exception):
    """The deadline has passed: stop measuring."""


@dataclass
class Browser:
    """A launched Chromium, the served site and what the measurements know of the site."""

    browser: Any
    base_url: str
    deadline: Deadline
    ready_expected: bool
    ready_timeout: float = READY_TIMEOUT
    never_ready: set[str] = field(default_factory=set)
    """Pages whose script did not get ready once within the timeout: not waited on again."""

    def page(self) -> tuple[Any, Any]:
        context = self.browser.new_context(viewport=VIEWPORT, color_scheme="light")
        page = context.new_page()
        page.add_init_script(_OBSERVER)
        return context, page

    def interactive(self, page: Any, path: str) -> dict[str, Any]:
        """Load ``path`` and return when it became interactive (ms from navigation start)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        if self.deadline.left() <= 0:
            raise BudgetSpentError
        page.set_default_timeout(1000 * self.deadline.timeout(MAX_LOAD_TIMEOUT))
        page.goto(self.base_url + path, wait_until="load",
                  timeout=1000 * self.deadline.timeout(MAX_LOAD_TIMEOUT))
        found: dict[str, Any] = {"load_ms": round(float(page.evaluate(_LOAD)), 1)}
        ready = False
        if self.ready_expected and path not in self.never_ready:
            try:
                page.wait_for_function(_READY, timeout=1000 * self.deadline.timeout(
                    self.ready_timeout))
                ready = True
            except PlaywrightTimeout:
                self.never_ready.add(path)
        if ready:
            found["ready_ms"] = round(float(page.evaluate(_READY_AT)), 1)
            found["how"] = "ready"
            found["interactive_ms"] = round(float(page.evaluate(_ANSWER)), 1)
            return found
        # Load + idle: the first idle period after load, then the main thread's answer, as the
        # page noted them (a wait for the flag above does not count).
        page.wait_for_function(_IDLE_DONE, timeout=1000 * self.deadline.timeout(
            IDLE_TIMEOUT + 10))
        idle, answered = page.evaluate(_IDLE)
        found["idle_ms"] = round(float(idle), 1)
        found["how"] = "load + idle"
        found["interactive_ms"] = round(float(answered), 1)
        return found

    def filter_once(self, page: Any, actor: str, timeout: float) -> dict[str, Any]:
        """Set the actor filter of the loaded page; ms until data-annals-filtered changed."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        select = page.locator("form.annals-filters select[name=actor]")
        if not select.count():
            return {"error": "the page has no actor filter (form.annals-filters "
                             "select[name=actor])"}
        try:
            select.wait_for(state="visible", timeout=1000 * self.deadline.timeout(10))
        except PlaywrightTimeout:
            return {"error": "the actor filter stays hidden (the page's script did not set "
                             "the filters up)"}
        offered = select.evaluate("(s, v) => [...s.options].some((o) => o.value === v)", actor)
        if not offered:
            return {"error": f"the actor filter does not offer {actor!r}"}
        select.scroll_into_view_if_needed()
        before = page.evaluate("() => document.documentElement.dataset.annalsFiltered ?? null")
        page.evaluate("() => { window.__annalsBench.filtered = []; }")
        start = float(page.evaluate("() => performance.now()"))
        select.select_option(actor, timeout=1000 * self.deadline.timeout(timeout))
        try:
            handle = page.wait_for_function(
                "(before) => window.__annalsBench.filtered.find(([, v]) => v !== before)",
                arg=before, timeout=1000 * self.deadline.timeout(timeout))
        except PlaywrightTimeout:
            return {"error": f"data-annals-filtered did not change within {timeout:.0f} s of "
                             "setting the actor filter"}
        done_at, value = handle.json_value()
        shown = page.evaluate(
            "() => document.querySelectorAll('article.annals-event:not([hidden])').length")
        return {"ms": round(float(done_at) - start, 1), "before": before, "after": value,
                "shown": shown}


def _median_of(samples: list[dict[str, Any]], key: str) -> float:
    return round(statistics.median(float(s[key]) for s in samples), 1)


def measure_browser(site: Path, largest: str, topic_page: str | None, actor: str | None, *,
                    runs: int = RUNS, deadline: Deadline | None = None,
                    ready_timeout: float = READY_TIMEOUT, filter_timeout: float = FILTER_TIMEOUT,
                    say: Callable[[str], None] = print) -> dict[str, Any]:
    """Time to interactive of ``largest`` and ``about/``, and the actor filter on
    ``topic_page``: the median of ``runs`` each, each in a fresh context (a cold cache).

    When the largest page is the topic's page, one load serves both: its time to interactive,
    then the filter, in that fresh page. Measurements the ``deadline`` cuts short keep the runs
    done (``runs`` says how many); none done is reported as skipped.

    Runs in a thread of its own: Playwright's synchronous API refuses a thread that already
    has an event loop (another Playwright session, a test suite's browser).
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_measure_browser, site, largest, topic_page, actor, runs=runs,
                             deadline=deadline, ready_timeout=ready_timeout,
                             filter_timeout=filter_timeout, say=say).result()


def _measure_browser(site: Path, largest: str, topic_page: str | None, actor: str | None, *,
                     runs: int, deadline: Deadline | None, ready_timeout: float,
                     filter_timeout: float, say: Callable[[str], None]) -> dict[str, Any]:
    deadline = deadline or Deadline()
    executable = chromium_executable()
    found: dict[str, Any] = {"runs": runs}
    if executable is None:
        return {"skipped": "no Chromium (set ANNALS_CHROMIUM or install Debian's chromium)"}
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "Playwright is not installed (pip install -e '.[test]')"}
    about = "about/" if (site / "about" / "index.html").is_file() else None
    # A flag no script mentions cannot appear: no time is spent waiting for it.
    pages = tuple(page_file(path) for path in (largest, about, topic_page) if path is not None)
    ready_expected = site_mentions(site, READY_MARKERS, pages)
    filter_expected = site_mentions(site, FILTERED_MARKERS, pages)
    found["ready_flag"] = ("mentioned by the site's scripts: waited for" if ready_expected else
                           "not mentioned by any of the site's scripts: interactive is measured "
                           "as load + idle")
    samples: dict[str, list[dict[str, Any]]] = {"largest": [], "about": [], "filter": []}
    errors: dict[str, str] = {}
    started = time.perf_counter()
    with serve_folder(site) as base_url, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                              headless=True, timeout=60_000)
        driver = Browser(chromium, base_url, deadline, ready_expected, ready_timeout)
        together = topic_page == largest

        def filter_on(page: Any, actor: str) -> None:
            """One filtering of a loaded topic page: a sample, or the error it gave."""
            sample = driver.filter_once(page, actor, filter_timeout)
            if "error" in sample:
                errors["filter"] = sample["error"]
            else:
                samples["filter"].append(sample)
        try:
            # Not measured: the browser's first page pays for starting its renderer and
            # reading its own code from disk, which no reader's page load does twice.
            context, page = driver.page()
            try:
                page.goto(base_url + (about or ""), wait_until="load",
                          timeout=1000 * deadline.timeout(MAX_LOAD_TIMEOUT))
            except PlaywrightError:
                pass
            finally:
                context.close()
            for number in range(runs):
                if deadline.left() <= 0:
                    raise BudgetSpentError
                one_started = time.perf_counter()
                for name, path in (("largest", largest), ("about", about)):
                    if path is None:
                        continue
                    context, page = driver.page()
                    try:
                        sample = driver.interactive(page, path)
                        samples[name].append(sample)
                        if (name == "largest" and together and actor and filter_expected
                                and "filter" not in errors):
                            filter_on(page, actor)
                    except PlaywrightError as error:
                        if deadline.left() <= 0:
                            raise BudgetSpentError from error
                        errors.setdefault(name, str(error).splitlines()[0])
                    finally:
                        context.close()
                if (topic_page is not None and not together and actor and filter_expected
                        and "filter" not in errors):
                    context, page = driver.page()
                    try:
                        driver.interactive(page, topic_page)
                        filter_on(page, actor)
                    except PlaywrightError as error:
                        if deadline.left() <= 0:
                            raise BudgetSpentError from error
                        errors.setdefault("filter", str(error).splitlines()[0])
                    finally:
                        context.close()
                shown = ", ".join(f"{name} {runs[-1].get('interactive_ms', runs[-1].get('ms'))} ms"
                                  for name, runs in samples.items() if len(runs) > number)
                say(f"  browser run {number + 1}: {shown or 'nothing measured'} "
                    f"({time.perf_counter() - one_started:.1f} s)")
                if deadline.left() < 1.5 * (time.perf_counter() - one_started):
                    if number + 1 < runs:
                        say("  (stopping the browser runs: the budget leaves no time for another)")
                    break
        except BudgetSpentError:
            say("  (the budget stopped the browser measurements)")
            found["stopped"] = "the budget"
        finally:
            chromium.close()
    found["seconds"] = round(time.perf_counter() - started, 1)
    found["interactive"] = _interactive(samples, largest, about, errors)
    found["filter"] = _filter(samples["filter"], topic_page, actor, filter_expected, errors)
    return found


def _interactive(samples: dict[str, list[dict[str, Any]]], largest: str, about: str | None,
                 errors: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {"largest_page": largest, "about_page": about}
    for name in ("largest", "about"):
        runs = samples[name]
        if runs:
            found[name] = {"median_ms": _median_of(runs, "interactive_ms"),
                           "median_load_ms": _median_of(runs, "load_ms"),
                           "how": sorted({s["how"] for s in runs}),
                           "runs_ms": [s["interactive_ms"] for s in runs]}
        elif name in errors:
            found[name] = {"error": errors[name]}
    if about is None:
        found["unknown"] = "the site has no about/ page"
    if "median_ms" in found.get("largest", {}) and "median_ms" in found.get("about", {}):
        found["ratio"] = round(found["largest"]["median_ms"]
                               / max(found["about"]["median_ms"], 1e-9), 3)
        found["fallback"] = any("load + idle" in found[name]["how"]
                                for name in ("largest", "about"))
    elif "unknown" not in found:
        found["unknown"] = "; ".join(errors.get(name, f"{name} page not measured")
                                     for name in ("largest", "about")
                                     if "median_ms" not in found.get(name, {}))
    return found


def _filter(runs: list[dict[str, Any]], topic_page: str | None, actor: str | None,
            expected: bool, errors: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {"page": topic_page, "actor": actor}
    if runs:
        found.update({"median_ms": _median_of(runs, "ms"), "runs_ms": [s["ms"] for s in runs],
                      "shown": runs[-1]["shown"]})
    elif topic_page is None or actor is None:
        found["not_measurable"] = "no topic page with events and actors"
    elif not expected:
        found["not_measurable"] = ("the site's scripts never set data-annals-filtered: "
                                   "none of them mentions it")
    else:
        found["not_measurable"] = errors.get("filter", "not measured")
    return found
