"""What a generated page adds to its HTML head: feed links, Open Graph and Twitter cards.

Computed here as escaped HTML; the site generator's adapter only inserts it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from generator.urls import feed_paths_for

if TYPE_CHECKING:
    from generator.rendering import Page

FEED_TYPES = {".atom": "application/atom+xml", ".json": "application/feed+json"}


def site_feeds(site_name: str) -> tuple[tuple[str, str], ...]:
    """The whole site's feeds, advertised on every page."""
    paths = feed_paths_for("site", "")
    return ((f"{site_name}: all events (Atom)", paths["atom"]),
            (f"{site_name}: all events (JSON Feed)", paths["json"]))


def head_html(page: Page | None, *, site_name: str, site_description: str, root: str,
              page_url: str = "") -> str:
    """The ``<link>`` and ``<meta>`` elements for one page's head.

    ``page`` is None for a hand-written page (it gets the site's feeds only); ``root`` is the
    relative path from the page to the site root; ``page_url`` its absolute address, if known.
    """
    feeds = site_feeds(site_name) + (page.feeds if page else ())
    # Links to sources carry no rel="noreferrer" each (they are much of a timeline's weight):
    # one policy for the page keeps the reader's page address from every site it links to.
    referrer = '<meta name="referrer" content="no-referrer">'
    # "alternate feed", not "alternate" alone: Material fetches a sitemap.xml beside every
    # link[rel=alternate] (its language switcher), which a feed's folder does not have.
    parts = [referrer]
    parts += [f'<link rel="alternate feed" type="{FEED_TYPES[path[path.rfind("."):]]}" '
             f'title="{_attr(title)}" href="{_attr(root + path)}">' for title, path in feeds]
    if page is not None:
        description = page.description or site_description
        meta = {"og:type": "website", "og:site_name": site_name, "og:title": page.title,
                "og:description": description, "twitter:card": "summary",
                "twitter:title": page.title, "twitter:description": description}
        if page_url:
            meta["og:url"] = page_url
        parts += [f'<meta {"name" if key.startswith("twitter:") else "property"}="{key}" '
                  f'content="{_attr(value)}">' for key, value in meta.items() if value]
    return "\n".join(parts)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
