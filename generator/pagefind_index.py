"""A Pagefind search index built from the corpus: one result per event, at its permalink.

Material's built-in search ships its whole index to every reader (about 1 KB per event).
Pagefind writes a chunked index that a browser loads piece by piece, as a query needs it.

Indexing the topic pages themselves would make each page one result whose stored excerpt is
the whole timeline (a megabyte for a big topic). Instead every event is written as a tiny HTML
record into a scratch folder, which the Pagefind binary indexes; each record carries the event's
permalink as metadata, and the search page links results there.
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from generator import urls

if TYPE_CHECKING:
    from generator.views import EventView, Views

SEARCH_PAGE = """\
<form class="annals-search" role="search" onsubmit="return false">
<label>Search every event <input type="search" id="annals-search-input" autocomplete="off"></label>
</form>
<p id="annals-search-status" aria-live="polite"></p>
<ol id="annals-search-results" class="annals-search-results"></ol>
<script type="module" src="{root}SCRIPT" data-root="{root}"></script>
""".replace("SCRIPT", urls.SEARCH_SCRIPT)


def record_texts(view: EventView) -> tuple[str, ...]:
    """What a reader may search an event by, beyond its title: what its card shows."""
    return view.search_texts()


def record_text(view: EventView) -> str:
    """All the searchable text of an event, title first."""
    return " ".join([view.title, *record_texts(view)])


def event_record(view: EventView) -> str:
    """One event as a small HTML document for the indexer, its permalink in the metadata."""
    body = "".join(f"<p>{html.escape(text)}</p>" for text in record_texts(view))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>'
            f"{html.escape(view.title)}</title></head><body data-pagefind-body>"
            f'<h1 data-pagefind-meta="title">{html.escape(view.title)}</h1>'
            f'<p data-pagefind-meta="date">{html.escape(view.date)}</p>'
            f'<p data-pagefind-meta="topic">{html.escape(view.topic)}</p>'
            f'<span data-pagefind-meta="permalink:{html.escape(view.permalink)}" hidden></span>'
            f"{body}</body></html>")


def write_pagefind_index(views: Views, site_dir: Path) -> None:
    """Write the Pagefind bundle into ``site_dir/pagefind``; raise RuntimeError on failure."""
    with tempfile.TemporaryDirectory() as scratch:
        records = Path(scratch)
        for event in views.corpus.events:
            (records / f"{event.id}.html").write_text(event_record(views.event(event)),
                                                      encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(records), "--output-path",
             str(site_dir / "pagefind"), "--force-language", "en", "--quiet"],
            capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"pagefind failed: {done.stderr.strip() or done.stdout.strip()}")


def search_page() -> str:
    """The search page (``urls.SEARCH``) as a Markdown file: a title, the form, its script."""
    return '---\ntitle: "Search"\n---\n\n' + SEARCH_PAGE.format(root=urls.root_of(urls.SEARCH))
