"""After a generator built the tree: check the site holds every generated page, and add what
must land in the built site itself (each page's head metadata, the Pagefind index).

The check is what catches a generator that ignored Annals (Zensical silently skips plugins it
does not know): a site without its timelines is refused, loudly, before anything is written.
A page counts as there when its HTML file exists and holds the id of every element the
generated page has (events, months, articles); a hand-written page of the same path is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator import urls
from generator.pagefind_index import write_pagefind_index
from generator.routes import page_head, with_head
from generator.views import Views

if TYPE_CHECKING:
    from pathlib import Path

    from generator.options import Options
    from generator.pipeline import Build
    from generator.rendering import Page

SHOWN = 5
"""How many missing pages a message names."""


class PostBuildError(Exception):
    """The built site cannot be finished (a message for a person)."""


def missing_pages(site_dir: Path, pages: dict[str, Page]) -> list[str]:
    """The generated pages a built site lacks, or holds without all their elements, by URL."""
    missing = []
    for page in pages.values():
        built = site_dir / urls.page_html(page.uri)
        if not built.is_file():
            missing.append(urls.page_url(page.uri) or "/")
            continue
        text = built.read_text(encoding="utf-8")
        if not all(f'id="{anchor}"' in text for anchor in page.anchors):
            missing.append(f"{urls.page_url(page.uri) or '/'} (incomplete)")
    return missing


def check_site(site_dir: Path, result: Build) -> None:
    """PostBuildError unless the built site holds every generated page, complete."""
    if not site_dir.is_dir():
        raise PostBuildError(f"{site_dir} does not exist: build the site first")
    missing = missing_pages(site_dir, result.pages)
    if missing:
        named = ", ".join(missing[:SHOWN]) + (f" and {len(missing) - SHOWN} more"
                                              if len(missing) > SHOWN else "")
        raise PostBuildError(
            f"{site_dir} lacks {len(missing)} of the {len(result.pages)} timeline pages "
            f"({named}). The generator did not build Annals' pages: a generator without the "
            "annals plugin (Zensical) must build the tree of `annals render --config …` "
            "(see the Platforms page of the docs).")


def finish_site(site_dir: Path, result: Build, handwritten: list[str], options: Options, *,
                site_name: str, site_description: str = "", site_url: str = "") -> int:
    """Check the built site (:func:`check_site`), then give each page its head metadata and,
    for ``search: pagefind``, write the Pagefind index. Returns how many pages were given
    their head; a page that has it already is left as it is, so running twice is harmless."""
    check_site(site_dir, result)
    site = urls.Site.at(site_url)
    finished = 0
    shown: list[tuple[str, Page | None]] = [(page.uri, page) for page in result.pages.values()]
    shown += [(uri, None) for uri in handwritten if uri not in result.pages]
    for uri, page in shown:
        built = site_dir / urls.page_html(uri)
        if not built.is_file():  # a hand-written page the generator left out (a draft)
            continue
        url = urls.page_url(uri)
        head = page_head(page, url, site_name=site_name, site_description=site_description,
                         canonical=site.absolute(url) or "")
        text = built.read_text(encoding="utf-8")
        if head in text:
            continue
        built.write_text(with_head(text, head), encoding="utf-8")
        finished += 1
    if options.search == "pagefind":
        try:
            write_pagefind_index(Views(result.corpus, result.layout), site_dir)
        except RuntimeError as error:
            raise PostBuildError(str(error)) from None
    return finished
