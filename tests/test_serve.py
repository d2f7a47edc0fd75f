"""Under ``mkdocs serve``: edits show up without a restart; broken edits never stop the server."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.pipeline import build
from tests.conftest import ARTICLE, ARTICLE_PATH
from tests.site_builder import copy_project, mkdocs_env

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from tests.conftest import ContentTree

pytestmark = pytest.mark.serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """A running ``mkdocs serve`` whose output is collected in a file."""

    def __init__(self, project: Path, *options: str) -> None:
        self.port = free_port()
        self.log_path = project / "serve.log"
        self.log_file = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "--dev-addr",
             f"127.0.0.1:{self.port}"],
            cwd=project, stdout=self.log_file, stderr=subprocess.STDOUT, env=mkdocs_env())

    def get(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8")

    def log(self) -> str:
        self.log_file.flush()
        return self.log_path.read_text(encoding="utf-8")

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"mkdocs serve exited:\n{self.log()}"
            try:
                if condition():
                    return
            except OSError:
                pass  # not listening yet, or mid-rebuild
            time.sleep(0.3)
        pytest.fail(f"timed out waiting for {what}:\n{self.log()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log_file.close()


# `make serve` runs `mkdocs serve --dirty`; plain `mkdocs serve` must work as well.
@pytest.fixture(params=[(), ("--dirty",)], ids=["clean", "dirty"])
def server(minimal: ContentTree, tmp_path: Path, request: pytest.FixtureRequest
           ) -> Iterator[tuple[Server, Path]]:
    project = copy_project(tmp_path / "project", minimal.root)
    running = Server(project, *request.param)
    try:
        running.wait_for(lambda: "2015-02-05-china-urges-us" in running.get("topics/thaad/"),
                         "the first build")
        yield running, project / "content"
    finally:
        running.stop()


NEW_EVENT = """\
  - id: 2015-02-06-a-new-event
    date: 2015-02-06
    title: A new event appears
    summary: Added while the server runs.
    topics: [thaad]
"""


def test_an_edit_shows_without_restart(server: tuple[Server, Path]) -> None:
    running, content = server
    (content / ARTICLE_PATH).write_text(ARTICLE + NEW_EVENT, encoding="utf-8")
    running.wait_for(lambda: 'id="2015-02-06-a-new-event"' in running.get("topics/thaad/"),
                     "the edit to show")


def test_a_dirty_rebuild_builds_only_the_pages_an_edit_changes(
        minimal: ContentTree, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", minimal.root)
    running = Server(project, "--dirty", "--verbose")
    try:
        running.wait_for(lambda: "Serving on" in running.log(), "the first build")
        found = re.search(r"Config value 'site_dir' = '([^']+)'", running.log())
        assert found, running.log()
        site = Path(found.group(1))

        def stamps() -> dict[str, int]:
            return {page: (site / page / "index.html").stat().st_mtime_ns
                    for page in ("topics/thaad", "actors/hong-lei", "sources", "actors")}

        before = stamps()
        # The summary shows on the topic page only: the actor's page lists titles.
        (project / "content" / ARTICLE_PATH).write_text(
            ARTICLE.replace("Hong Lei speaks in Beijing.", "Hong Lei speaks again."),
            encoding="utf-8")
        running.wait_for(lambda: "Hong Lei speaks again." in running.get("topics/thaad/"),
                         "the edit to show")
        after = stamps()
        assert after["topics/thaad"] != before["topics/thaad"]
        assert {page: after[page] == before[page] for page in before} == {
            "topics/thaad": False, "actors/hong-lei": True, "sources": True, "actors": True}
        # A change the actor's page does show rebuilds it.
        (project / "content" / ARTICLE_PATH).write_text(
            ARTICLE.replace("title: China urges the US not to deploy THAAD",
                            "title: China asks the US not to deploy THAAD"), encoding="utf-8")
        running.wait_for(lambda: "China asks the US" in running.get("actors/hong-lei/"),
                         "the new title on the actor's page")
    finally:
        running.stop()


def test_a_broken_edit_is_reported_and_the_server_survives(server: tuple[Server, Path]) -> None:
    running, content = server
    broken = content / "articles/2015/2015-02-07-broken.yml"
    broken.write_text("title: A\ntitle: B\n", encoding="utf-8")
    running.wait_for(lambda: "2015-02-07-broken.yml:2:1: error: duplicate key" in running.log(),
                     "the diagnostics in the log")
    # The valid events stay on the site while the broken file waits to be fixed.
    assert 'id="2015-02-05-china-urges-us"' in running.get("topics/thaad/")
    broken.unlink()
    (content / ARTICLE_PATH).write_text(ARTICLE + NEW_EVENT, encoding="utf-8")
    running.wait_for(lambda: 'id="2015-02-06-a-new-event"' in running.get("topics/thaad/"),
                     "the fixed site")
    assert "Traceback" not in running.log()


def test_a_broken_edit_shows_in_the_browser_until_fixed(server: tuple[Server, Path]) -> None:
    running, content = server
    assert "annals-problems" not in running.get("topics/thaad/")
    broken = content / "articles/2015/2015-02-07-broken.yml"
    broken.write_text("title: <b>A</b>\ntitle: B\n", encoding="utf-8")
    running.wait_for(lambda: "annals-problems" in running.get("topics/thaad/"), "the banner")
    page = running.get("topics/thaad/")
    banner = page.split('class="admonition failure annals-problems"', 1)[1].split("</div>", 1)[0]
    assert "2015-02-07-broken.yml:2:1</code> error: duplicate key" in banner
    assert 'id="2015-02-05-china-urges-us"' in page  # the valid events stay
    broken.unlink()
    running.wait_for(lambda: "annals-problems" not in running.get("topics/thaad/"),
                     "the banner to go")


def test_a_published_build_has_no_banner(minimal: ContentTree) -> None:
    assert "annals-problems" not in build(minimal.root).pages["topics/thaad.md"].body


def test_a_new_contributor_adds_an_article_and_sees_it_in_the_preview(
        server: tuple[Server, Path]) -> None:
    """The guide's steps: annals new, a ref to an existing event, annals check, the preview."""
    running, content = server
    new = [sys.executable, "-m", "generator.cli", "new", "article", "--content", str(content),
           "--url", "https://en.yna.co.kr/view/example", "--publisher", "Yonhap",
           "--title", "Seoul says THAAD decision not yet made", "--published", "2015-02-09",
           "--added", "2026-11-27", "--topic", "thaad",
           "--summary", "Seoul says it has made no decision on THAAD."]
    done = subprocess.run(new, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    [written] = (content / "articles" / "2015").glob("2015-02-09-yonhap-*.yml")
    with written.open("a", encoding="utf-8") as handle:
        handle.write("  - ref: 2015-02-05-china-urges-us\n")
    checked = subprocess.run([sys.executable, "-m", "generator.cli", "check", str(content)],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    new_id = "2015-02-09-seoul-says-thaad-decision-not-yet-made"
    running.wait_for(lambda: f'id="{new_id}"' in running.get("topics/thaad/"), "the new event")
    page = running.get("topics/thaad/")
    cited = page.split('id="2015-02-05-china-urges-us"', 1)[1].split("</article>", 1)[0]
    assert "<cite>Yonhap</cite>" in cited and "<cite>TASS</cite>" in cited


def test_a_preview_skips_the_feeds_and_exports(server: tuple[Server, Path]) -> None:
    running, _ = server
    assert 'id="2015-02-05-china-urges-us"' in running.get("topics/thaad/")
    with pytest.raises(urllib.error.HTTPError) as missing:
        running.get("feeds/all.atom")
    assert missing.value.code == 404
