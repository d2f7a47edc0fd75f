"""A reader opens a card's sources: a source with an archived copy offers the copy as a link
beside the original (the card itself carries the copy only as a Robust Link's attribute)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_page, serve_folder
from tests.conftest import ARTICLE_PATH
from tests.site_builder import build_site, copy_project
from tests.test_archives import COPY, ORIGINAL, archived

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

    from tests.conftest import ContentTree

pytestmark = pytest.mark.browser


def test_opening_the_sources_offers_the_archived_copy(browser: Browser, minimal: ContentTree,
                                                      tmp_path: Path) -> None:
    minimal.write(ARTICLE_PATH, archived(f'\narchive_url: "{COPY}"\narchived: 2015-02-06'))
    project = copy_project(tmp_path / "project", minimal.root)
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    with serve_folder(tmp_path / "site") as site:
        context, page = new_page(browser, site, viewport={"width": 1280, "height": 900})
        try:
            page.open("topics/thaad/", wait_until="load")
            expect(page.page.locator("html[data-annals-ready='1']")).to_have_count(1)
            sources = page.page.locator("article.annals-event details").first
            copy = sources.locator("a.annals-archived")
            expect(copy).to_have_count(0)
            sources.locator("summary").click()
            expect(copy).to_have_count(1)
            expect(copy).to_have_attribute("href", COPY)
            item = sources.locator("li").first
            expect(item).to_contain_text("(archived copy, 2015-02-06)")
            expect(item.locator(f'a[href="{ORIGINAL}"]')).to_have_count(1)
            # Closed and opened again, it is offered once.
            sources.locator("summary").click()
            sources.locator("summary").click()
            expect(copy).to_have_count(1)
            assert not page.console_errors, page.console_errors
        finally:
            context.close()
