"""A reader opens an event's history on a site built from a git repository: the changes with
their day, fields and commit subject, a correction note, and the topic's last update; readable
and accessible in both palettes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import expect

from generator.history import HISTORY_VARIABLE
from tests.browser.conftest import new_page, serve_folder
from tests.browser.test_reading import RENDER_ALL, SERIOUS, describe_violations
from tests.conftest import ARTICLE_PATH
from tests.site_builder import build_site, copy_project
from tests.test_history import Repository

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser

    from tests.browser.conftest import BrowserPage, ServedSite
    from tests.conftest import ContentTree

pytestmark = pytest.mark.browser

EVENT = "2015-02-05-china-urges-us"
CORRECTION = """    corrections:
      - date: 2026-11-30
        note: The summary named the wrong city.
"""


@pytest.fixture
def history_site(minimal: ContentTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                 ) -> Iterator[ServedSite]:
    """The minimal site in a repository of three commits (the last a correction), built with
    its history and served."""
    monkeypatch.delenv(HISTORY_VARIABLE, raising=False)
    repository = Repository(copy_project(tmp_path / "project", minimal.root))
    repository.commit("Curation: the founding article", "2026-11-27")
    repository.edit(ARTICLE_PATH, "Hong Lei speaks in Beijing.", "Hong Lei speaks.")
    repository.commit("Shorter summary", "2026-11-29")
    repository.edit(ARTICLE_PATH, "    tags: [diplomacy]\n",
                    "    tags: [diplomacy]\n" + CORRECTION)
    repository.commit("Correction: the city", "2026-11-30")
    built = build_site(repository.root, tmp_path / "site")
    assert built.returncode == 0, built.log
    with serve_folder(tmp_path / "site") as site:
        yield site


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_reader_opens_an_events_history(browser: Browser, history_site: ServedSite,
                                          scheme: Literal["light", "dark"]) -> None:
    context, wrapped = new_page(browser, history_site, viewport={"width": 1280, "height": 900})
    page: BrowserPage = wrapped
    try:
        page.page.emulate_media(color_scheme=scheme)
        page.open("topics/thaad/", wait_until="load")
        expect(page.page.get_by_text("Last updated 30 November 2026")).to_be_visible()
        card = page.page.locator(f"article.annals-event:has(h3[id=\"{EVENT}\"])")
        history = card.locator("details.annals-history")
        entries = history.locator("li")
        expect(entries.first).to_be_hidden()  # closed until asked for
        history.locator("summary").click()
        expect(entries.first).to_be_visible()
        text = history.inner_text()
        for words in ("Shorter summary", "Curation: the founding article",
                      "The summary named the wrong city.", "29 November 2026"):
            assert words in text, text
        page.page.add_style_tag(content=RENDER_ALL)
        results = Axe().run(page.page)
        serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
        assert not serious, describe_violations(serious, "topics/thaad/")
        assert not page.console_errors, page.console_errors
    finally:
        context.close()
