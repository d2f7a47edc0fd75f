"""What every route adds to a site beside the pages: written once, for the MkDocs plugin, for
``annals render`` (a tree any generator builds) and for ``annals post-build``.

A route is a way to turn the same core output into a site: the MkDocs (or ProperDocs) plugin
hands pages and files to the build as it runs; the tree route writes them to a folder for a
generator that runs no plugin (Zensical), and finishes the built site afterwards. Each function
here is what both do, so that the routes differ only in how they hand things over.
"""

from __future__ import annotations

import html
import os
import posixpath
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from generator import urls
from generator.head import head_html
from generator.packaged import static_files
from generator.pagefind_index import search_page

if TYPE_CHECKING:
    from generator.options import Options
    from generator.pipeline import Build
    from generator.rendering import NavEntry, Page

HIDDEN = "docs/{uri} hides the generated page of the same name"
"""The warning for a hand-written page that takes a generated page's place (it wins)."""


def page_source(page: Page) -> str:
    """A generated page as the Markdown file a site generator reads: its HTML blocks filled in
    (for a generator that runs no plugin) and its title escaped for themes that print titles
    as HTML (Material and Zensical among them)."""
    return page.markdown(title_as_html=True)


def site_files(result: Build, options: Options, schemas: Path | None = None
               ) -> dict[str, bytes]:
    """Every file beside the pages that the site needs, by site path: the split topics' event
    maps, the JSON Schemas (``schemas``: a site's own folder), the readers' script and styles,
    and the search page for Pagefind."""
    files = dict(result.files)
    files.update(static_files(options.search, schemas))
    if options.search == "pagefind":
        files[urls.SEARCH] = search_page().encode()
    return files


def add_assets(extra_css: list[Any], extra_javascript: list[Any]) -> None:
    """Add the readers' stylesheet and script to a site's ``extra_css`` and
    ``extra_javascript`` settings, unless they are listed already."""
    for listed, path in ((extra_css, urls.STYLESHEET), (extra_javascript, urls.SCRIPT)):
        if path not in {str(item) for item in listed}:
            listed.append(path)


def outline(navigation: list[NavEntry], handwritten: list[str], search: str) -> list[Any]:
    """The site's navigation in the shape of ``nav`` in ``mkdocs.yml``: the timelines first
    (readers come for them), then the hand-written pages, then the search page if any.

    Themes print navigation titles as HTML, so contributor titles are escaped here.
    """
    entries: list[Any] = [*_config_nav(navigation), *handwritten]
    if search == "pagefind":
        entries.append({"Search": urls.SEARCH})
    return entries


def _config_nav(entries: list[NavEntry]) -> list[Any]:
    return [{html.escape(title, quote=False): target if isinstance(target, str)
             else _config_nav(target)} for title, target in entries]


def page_head(page: Page | None, url: str, *, site_name: str, site_description: str,
              canonical: str = "") -> str:
    """What a built page gets in its head (feed links, link-preview metadata); ``url`` is the
    page's address from the site root, ``canonical`` its absolute address if known."""
    return head_html(page, site_name=site_name, site_description=site_description,
                     root=urls.root_of_url(url), page_url=canonical)


def with_head(document: str, head: str) -> str:
    """A built page's HTML with ``head`` at the end of its head element."""
    return document.replace("</head>", f"{head}\n</head>", 1)


@lru_cache(maxsize=1 << 16)
def docs_relative(path: str, docs_dir: Path) -> str:
    """A content file's path from the docs folder, as MkDocs builds edit links from it."""
    # Cached: resolving paths was a tenth of a preview's rebuild at 10,000 events, and the same
    # content files are asked for at every rebuild.
    return Path(os.path.relpath(Path(path).resolve(), docs_dir.resolve())).as_posix()


def edit_link(relative: str, *, repo_url: str, edit_uri: str, edit_uri_template: str
              ) -> str | None:
    """Where a file (its path from the docs folder) can be edited, built the way MkDocs
    builds a page's edit link; None without an edit address."""
    if edit_uri_template:
        uri = edit_uri_template.format(path=relative,
                                       path_noext=posixpath.splitext(relative)[0])
    elif edit_uri:
        uri = edit_uri + relative
    else:
        return None
    return urljoin(repo_url.rstrip("/") + "/", uri) if repo_url else uri
