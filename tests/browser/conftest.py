"""Browser fixtures: the real site, built once and served locally, and Debian's Chromium.

The site is built with ``mkdocs build --strict`` into a temporary folder and served by Python's
``http.server`` on 127.0.0.1 (a free port). Chromium is never downloaded: the tests launch the
executable named by ``ANNALS_CHROMIUM``, else ``chromium`` on ``PATH``. Without one the browser
tests skip, unless ``ANNALS_REQUIRE_BROWSER=1`` (CI), where a missing browser is an error.

Pages are hermetic: a request that leaves the local server (Material's Google Fonts stylesheet)
is answered with an empty response and remembered, so results do not depend on the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import pytest
from playwright.sync_api import sync_playwright

from generator.pipeline import build
from tests.site_builder import build_site, copy_project

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Route

    from generator.model import Corpus

ROOT = Path(__file__).resolve().parents[2]
"""The repository: where ``mkdocs.yml`` is."""

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUILD_TIMEOUT = 120  # seconds for `mkdocs build`
ACTION_TIMEOUT = 10_000  # milliseconds for any one browser action or expectation
DESKTOP = {"width": 1280, "height": 800}
WaitUntil = Literal["commit", "domcontentloaded", "load", "networkidle"]


def chromium_path() -> str | None:
    """Debian's Chromium: ``ANNALS_CHROMIUM`` if set, else ``chromium`` on ``PATH``."""
    named = os.environ.get("ANNALS_CHROMIUM") or shutil.which("chromium")
    return named if named and Path(named).is_file() else None


def browser_required() -> bool:
    """True where a missing browser must fail the run instead of skipping it (CI)."""
    return os.environ.get("ANNALS_REQUIRE_BROWSER") == "1"


def no_browser(reason: str) -> NoReturn:
    """Skip the browser tests, or fail them when the browser is required."""
    if browser_required():
        pytest.fail(f"ANNALS_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class ServedSite:
    """The built site: its folder on disk and the base URL it is served at (ends with ``/``)."""

    root: Path
    base_url: str

    def url(self, path: str = "") -> str:
        """The absolute URL of a site path such as ``topics/thaad/``."""
        return self.base_url + path.lstrip("/")


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files without a log line per request; a stuck connection times out."""

    timeout = 10

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """Build the real site once per session and serve it on 127.0.0.1 until the session ends."""
    root = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stdout}{done.stderr}", pytrace=False)
    with serve_folder(root) as site:
        yield site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The real site built by ``make zensical`` (render, Zensical, post-build) into a
    temporary tree, and served like the MkDocs build. ``-o`` keeps make from reinstalling the
    environment the tests run in."""
    tree = tmp_path_factory.mktemp("zensical") / "tree"
    done = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "zensical",
         f"ZENSICAL_TREE={tree}"],
        cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False)
    if done.returncode != 0:
        pytest.fail(f"make zensical failed:\n{done.stdout}{done.stderr}", pytrace=False)
    with serve_folder(tree / "site") as site:
        yield site


@contextmanager
def serve_folder(root: Path) -> Iterator[ServedSite]:
    """Serve a built site's folder on 127.0.0.1 (a free port) while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.1},
        name="annals-site-server",
        daemon=True,
    )
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield ServedSite(root, f"http://{host!s}:{port}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium under Playwright, one per session."""
    executable = chromium_path()
    if executable is None:
        no_browser("no Chromium found (set ANNALS_CHROMIUM or install Debian's chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True, timeout=30_000
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class BrowserPage:
    """A Playwright page with what it reported: console errors and requests that left the site."""

    page: Page
    site: ServedSite
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def open(self, path: str = "", *, wait_until: WaitUntil = "networkidle") -> None:
        """Load a site path, starting a fresh list of console errors for it.

        ``networkidle`` also waits for Material's late requests (the search index); ``load``
        is enough where only the page's own scripts matter, and much faster over many pages.
        """
        self.console_errors.clear()
        self.page.goto(self.site.url(path), wait_until=wait_until)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{self.page.url}: console.error: {message.text}")

    def on_page_error(self, error: Exception) -> None:
        self.console_errors.append(f"{self.page.url}: uncaught: {error}")

    def route(self, route: Route) -> None:
        """Serve local requests; answer off-site ones with an empty response."""
        request = route.request
        if request.url.startswith(self.site.base_url):
            route.continue_()
            return
        self.external_requests.append(request.url)
        content_type = "text/css" if request.resource_type == "stylesheet" else "text/plain"
        route.fulfill(status=200, content_type=content_type, body="")


def new_page(
    browser: Browser, site: ServedSite, **context_options: Any
) -> tuple[BrowserContext, BrowserPage]:
    """A fresh context and page, wired to collect console errors and keep requests local."""
    context = browser.new_context(color_scheme="light", **context_options)
    context.set_default_timeout(ACTION_TIMEOUT)
    page = context.new_page()
    wrapped = BrowserPage(page, site)
    context.route("**/*", wrapped.route)
    page.on("console", wrapped.on_console)
    page.on("pageerror", wrapped.on_page_error)
    return context, wrapped


@pytest.fixture
def page(browser: Browser, served_site: ServedSite) -> Iterator[BrowserPage]:
    """A desktop-sized (1280 px) page in a fresh browser context."""
    context, wrapped = new_page(browser, served_site, viewport=DESKTOP)
    try:
        yield wrapped
    finally:
        context.close()


@pytest.fixture
def zensical_page(browser: Browser, zensical_site: ServedSite) -> Iterator[BrowserPage]:
    """A desktop-sized page of the Zensical build, in a fresh browser context."""
    context, wrapped = new_page(browser, zensical_site, viewport=DESKTOP)
    try:
        yield wrapped
    finally:
        context.close()


@pytest.fixture
def zensical_clipboard_page(browser: Browser, zensical_site: ServedSite
                            ) -> Iterator[BrowserPage]:
    """A page of the Zensical build allowed to write and read the clipboard."""
    context, wrapped = new_page(browser, zensical_site, viewport=DESKTOP)
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=zensical_site.base_url.rstrip("/")
    )
    try:
        yield wrapped
    finally:
        context.close()


@pytest.fixture
def phone_page(browser: Browser, served_site: ServedSite) -> Iterator[BrowserPage]:
    """A phone-sized (360 px) page in a fresh browser context."""
    context, wrapped = new_page(
        browser, served_site, viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True
    )
    try:
        yield wrapped
    finally:
        context.close()


@pytest.fixture
def no_js_page(browser: Browser, served_site: ServedSite) -> Iterator[BrowserPage]:
    """A desktop-sized page in a fresh context with JavaScript turned off: what a reader
    without scripts (or before they run) gets from the server."""
    context, wrapped = new_page(browser, served_site, viewport=DESKTOP, java_script_enabled=False)
    try:
        yield wrapped
    finally:
        context.close()


@pytest.fixture
def clipboard_page(browser: Browser, served_site: ServedSite) -> Iterator[BrowserPage]:
    """A desktop-sized page allowed to write and read the clipboard, as after a reader's click."""
    context, wrapped = new_page(browser, served_site, viewport=DESKTOP)
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=served_site.base_url.rstrip("/")
    )
    try:
        yield wrapped
    finally:
        context.close()


@contextmanager
def served_split(work: Path, content: Path, threshold: int
                 ) -> Iterator[tuple[ServedSite, Corpus]]:
    """``content`` built by MkDocs with ``split_threshold: threshold`` (this repository's
    ``mkdocs.yml``), served while the block runs, with the corpus its pages come from."""
    project = copy_project(work / "project", content)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "feed_entries: 50\n" in text
    config.write_text(text.replace("feed_entries: 50\n", f"feed_entries: 50\n      "
                                   f"split_threshold: {threshold}\n"), encoding="utf-8")
    built = build_site(project, work / "site")
    assert built.returncode == 0, built.log
    corpus = build(content, split_threshold=threshold).corpus
    with serve_folder(work / "site") as site:
        yield site, corpus
