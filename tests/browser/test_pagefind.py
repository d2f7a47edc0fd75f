"""Search at scale: the Pagefind option on a generated 10,000-event site.

The search must find the right event and land on its permalink while the browser transfers
under 1 MB in all (page, theme, script, index chunks and the matching records).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from bench.corpus import write_corpus
from generator.pagefind_index import record_text
from generator.pipeline import check
from generator.urls import Layout
from generator.views import Views
from tests.browser.conftest import ROOT, new_page, serve_folder

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Request

    from generator.model import Corpus
    from tests.browser.conftest import ServedSite

EVENTS = 10_000
BUDGET = 1_000_000


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServedSite, Corpus]]:
    """A 10,000-event site built with ``search: pagefind`` and without Material's search."""
    project = tmp_path_factory.mktemp("pagefind")
    write_corpus(project / "content", EVENTS)
    shutil.copytree(ROOT / "docs", project / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - search\n", "").replace(
        "      content: content\n", "      content: content\n      search: pagefind\n")
    assert "search: pagefind" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, timeout=900, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    corpus, diagnostics = check(project / "content")
    assert len(corpus.events) == EVENTS and not [d for d in diagnostics if d.severity == "error"]
    with serve_folder(project / "site") as site:
        yield site, corpus

PAGE_BUDGET = 500 * 1024  # bytes: no page grows without bound (topics split by year)


def words_of_one_event(corpus: Corpus) -> tuple[str, str]:
    """Words of one event's title that no other event has all of, and that event's permalink.

    The synthetic corpus draws on a small vocabulary, so no single word is unique: the rarest
    three words of a title together are.
    """
    views = Views(corpus, Layout.of(corpus))
    texts = {event.id: set(re.findall(r"[a-z]{5,}", record_text(views.event(event)).lower()))
             for event in corpus.events}
    counts: Counter[str] = Counter(word for words in texts.values() for word in words)
    for event in corpus.events[::97]:
        title = sorted(set(re.findall(r"[a-z]{5,}", event.title.lower())), key=counts.__getitem__)
        chosen = set(title[:3])
        if len(chosen) == 3 and sum(chosen <= words for words in texts.values()) == 1:
            return " ".join(sorted(chosen)), views.event(event).permalink
    pytest.fail("no event of the generated corpus has three title words of its own")


@pytest.mark.browser
def test_pagefind_finds_the_event_and_transfers_under_1_mb(
        browser: Browser, large_site: tuple[ServedSite, Corpus]) -> None:
    site, corpus = large_site
    word, permalink = words_of_one_event(corpus)
    context, page = new_page(browser, site, viewport={"width": 1280, "height": 900})
    transferred: list[int] = []

    def count(request: Request) -> None:
        transferred.append(request.sizes()["responseBodySize"])

    page.page.on("requestfinished", count)
    try:
        page.open(f"search/?q={word}", wait_until="load")
        first = page.page.locator(f'#annals-search-results li a[href="{site.url(permalink)}"]')
        expect(first).to_have_count(1)
        page.page.wait_for_load_state("networkidle")
        assert sum(transferred) < BUDGET, f"{sum(transferred)} bytes"
        first.click()
        page.page.wait_for_url(re.compile(re.escape(permalink.split("#")[1]) + "$"))
        expect(page.page.locator(f'[id="{permalink.split("#")[1]}"]')).to_be_in_viewport()
        assert not page.console_errors, page.console_errors
        # The result lands on a page of one year of the topic, not on the whole timeline.
        landed = site.root / permalink.split("#")[0] / "index.html"
        assert landed.stat().st_size <= PAGE_BUDGET, f"{landed}: {landed.stat().st_size} bytes"
    finally:
        context.close()
