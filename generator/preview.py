"""A dirty preview (``mkdocs serve --dirty``, what ``make serve`` runs) that shows what a full
build would, while it still rebuilds only the pages an edit changes.

MkDocs' dirty build reads and writes only the pages whose files changed. On its own that leaves
four things wrong, each set right here:

- **Navigation titles.** A page MkDocs does not read has no title (``page.title`` is None until
  ``read_source``), so the sidebar of every page that is rebuilt showed "None" for each
  hand-written page that was not. Before the pages are written, each page not read gets the
  title MkDocs gave it when it last read it (or, never read, the title of its source: the
  front-matter title, else the first heading, else the file name).
- **The navigation itself.** Every page shows the whole navigation, so when it changes (a topic
  added, removed or renamed, a hand-written page retitled, ``mkdocs.yml`` edited) the pages not
  rebuilt showed the old one. Then every page is read and rebuilt: that build is a full one.
- **Search.** The search plugin indexes the pages it sees built, so a dirty build's index held
  the rebuilt pages only (Material's plugin keeps the previous index but replaces the entries of
  the first rebuilt page alone: the others were repeated, and all were lost when the home page,
  whose location prefixes every other, came first). Each page's entries are kept from the build
  that last built it, and before the search plugin writes its index the entries of the pages not
  rebuilt are put back; the pages that left the site lose theirs.
- **Pages removed.** A dirty build writes over the old site and deletes nothing: the page of a
  removed topic stayed reachable. Its output file is deleted.

``DirtyPreview.register`` adds these hooks to the build as one more plugin, ``annals/preview``,
so that each runs at its own priority among the other plugins' events.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import _populate_page
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure import StructureItem
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation

NAME = "annals/preview"

SearchEntry = dict[str, Any]
"""One entry of a search index: ``location`` (the page's URL, then ``#anchor`` for a section),
``title``, ``text`` and whatever else the search plugin adds."""

_ATX_HEADING = re.compile(r"#[ \t]+(.*?)(?:[ \t]+#+)?(?:[ \t]*\{[^}]*\})?[ \t]*$")


def source_title(source: str, name: str, *, is_homepage: bool = False) -> str:
    """A page's title read from its Markdown source, as MkDocs chooses it: the front matter's
    ``title``, else the heading the page starts with, else "Home" for the home page, else the
    file name (``name``, without its extension) in words.

    MkDocs takes the heading from the rendered page; this reads the Markdown line (without a
    closing ``#`` run or an ``{ attribute list }``), which is the same for plain headings.
    """
    text, front = meta.get_data(source)
    if "title" in front:
        return str(front["title"])
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            continue
        heading = _ATX_HEADING.fullmatch(line.strip())
        if heading and heading.group(1):
            return heading.group(1)
        break
    if is_homepage:
        return "Home"
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def page_of(entry: SearchEntry) -> str:
    """The URL of the page a search entry belongs to: its location without the ``#anchor``."""
    return str(entry.get("location", "")).partition("#")[0]


def merge_entries(kept: Mapping[str, Sequence[SearchEntry]], indexed: Iterable[SearchEntry],
                  built: Collection[str], urls: Sequence[str]
                  ) -> tuple[dict[str, list[SearchEntry]], list[SearchEntry]]:
    """Each page's search entries after a build, in the order of ``urls`` (the site's pages,
    as a full build indexes them).

    ``indexed`` are the entries of this build, for the pages of ``built`` (a page built with no
    entry, excluded from search, has none); every other page keeps its entries of ``kept``, and
    a page no longer in ``urls`` loses them. Also returned: the entries of ``indexed`` that
    belong to no page built, in their order (a plugin's own, outside any page).
    """
    fresh: dict[str, list[SearchEntry]] = {url: [] for url in built}
    strays: list[SearchEntry] = []
    for entry in indexed:
        page = fresh.get(page_of(entry))
        (strays if page is None else page).append(entry)
    by_page = {url: fresh[url] if url in fresh else list(kept.get(url, ())) for url in urls}
    return by_page, strays


def layout_of(items: Iterable[StructureItem], title_of: Callable[[Page], str | None]
              ) -> tuple[tuple[object, ...], ...]:
    """What the navigation shows, as a value to compare between builds: each section, page and
    link with its title and address, nested as in the navigation."""
    layout: list[tuple[object, ...]] = []
    for item in items:
        if isinstance(item, Section):
            layout.append(("section", item.title, layout_of(item.children, title_of)))
        elif isinstance(item, Link):
            layout.append(("link", item.title, item.url))
        elif isinstance(item, Page):
            layout.append(("page", title_of(item), item.url))
    return tuple(layout)


def search_entries(config: MkDocsConfig) -> list[SearchEntry] | None:
    """The entries of the search index being built, as the search plugin will write them
    (Material's ``search`` or MkDocs' own); None without a search plugin.

    Material's plugin also merges the entries of its previous index in its own way (see the
    module's docstring): its previous index is dropped here, as the entries given back replace
    it.
    """
    for name, plugin in config.plugins.items():
        if name.rsplit("/", 1)[-1] != "search":
            continue
        index = getattr(plugin, "search_index", None)
        # Material keeps the entries in `entries`, MkDocs in `_entries`.
        entries = getattr(index, "entries", getattr(index, "_entries", None))
        if isinstance(entries, list):
            if hasattr(plugin, "search_index_prev"):
                plugin.search_index_prev = None
            return entries
    return None


def _always_modified() -> bool:
    return True


class DirtyPreview(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """The hooks that keep a dirty preview whole; its state lasts as long as ``mkdocs serve``.

    Create one for the preview's whole run and call ``register`` in each build's ``on_config``.
    """

    def __init__(self) -> None:
        # Each page's title when MkDocs last read it, by source path.
        self.titles: dict[str, str] = {}
        # What the navigation showed at the last build that succeeded (None: rebuild all).
        self.layout: tuple[object, ...] | None = None
        self.pending_layout: tuple[object, ...] | None = None
        # Each page's search entries, by page URL, from the build that last built it.
        self.entries: dict[str, list[SearchEntry]] = {}
        # The output file of each page at the last build, to delete those of pages removed.
        self.outputs: set[str] = set()
        # This build: the navigation, the pages (URL and output) in site order, those built.
        self.nav: Navigation | None = None
        self.urls: list[str] = []
        self.built: set[str] = set()
        self.page_outputs: set[str] = set()
        self.all_outputs: set[str] = set()

    def register(self, config: MkDocsConfig) -> None:
        """Add the hooks to this build's plugins (MkDocs loads them anew when its configuration
        is reloaded; the state stays here)."""
        if NAME not in config.plugins:
            config.plugins[NAME] = self

    @event_priority(-100)  # the navigation as the other plugins leave it
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Note the navigation: the pages are read next."""
        self.nav = nav
        return nav

    @event_priority(100)  # before another plugin's on_env uses what pages hold
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
               ) -> jinja2.Environment:
        """The pages are read; none is written yet. Give the pages not read their titles, or,
        when the navigation changed, read them all so that every page is rebuilt."""
        pages = [file.page for file in files.documentation_pages(
            inclusion=InclusionLevel.is_in_serve) if file.page is not None]
        for page in pages:
            if page.markdown is not None and page.title is not None:
                self.titles[page.file.src_uri] = page.title
        layout = (_config_text(config), layout_of(self.nav or (), self.title_of))
        if layout != self.layout:
            for page in pages:
                if page.markdown is None:
                    page.file.is_modified = _always_modified  # type: ignore[method-assign]
                    _populate_page(page, config, files)
                    if page.title is not None:
                        self.titles[page.file.src_uri] = page.title
        else:
            for page in pages:
                if page.markdown is None and page.title is None:
                    page.title = self.title_of(page)
        self.pending_layout = layout
        self.urls = [page.url for page in pages]
        self.built = {page.url for page in pages if page.markdown is not None}
        self.page_outputs = {page.file.abs_dest_path for page in pages}
        self.all_outputs = {file.abs_dest_path for file in files}
        return env

    def title_of(self, page: Page) -> str | None:
        """A page's title for the navigation: MkDocs' own when it read the page (in this build
        or when it last did), else the title of its source."""
        if page.title is not None:
            return str(page.title)
        known = self.titles.get(page.file.src_uri)
        if known is not None:
            return known
        return _read_title(page.file, is_homepage=page.is_homepage)

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Give the search index the entries of the pages not rebuilt; delete the pages that
        left the site."""
        self.layout, self.pending_layout = self.pending_layout, None
        entries = search_entries(config)
        if entries is not None:
            self.entries, strays = merge_entries(self.entries, entries, self.built, self.urls)
            entries[:] = [entry for url in self.urls for entry in self.entries[url]] + strays
        site = Path(config.site_dir).resolve()
        for gone in sorted(self.outputs - self.all_outputs):
            path = Path(gone).resolve()
            if path.is_relative_to(site) and path.is_file():
                path.unlink()
                with contextlib.suppress(OSError):  # not empty: other files live there
                    path.parent.rmdir()
        self.outputs = self.page_outputs

    def rebuilding(self, config: MkDocsConfig, urls: Collection[str]) -> None:
        """A rebuild of the pages at ``urls`` alone, into the last build
        (generator/quick_preview): its navigation and pages stay, the search entries of
        those pages are replaced."""
        self.pending_layout = self.layout
        self.built = set(urls)
        entries = search_entries(config)
        if entries is not None:
            entries.clear()

    def rebuilt(self, files: Iterable[File]) -> None:
        """Note the titles of the pages such a rebuild read."""
        for file in files:
            if file.page is not None and file.page.title is not None:
                self.titles[file.src_uri] = file.page.title

    def on_build_error(self, *, error: Exception) -> None:
        """After a failed build, whatever it left half written: rebuild every page next time."""
        self.layout = self.pending_layout = None


def _config_text(config: MkDocsConfig) -> bytes:
    """``mkdocs.yml`` as written: a change to it may change every page."""
    if not config.config_file_path:
        return b""
    try:
        return Path(config.config_file_path).read_bytes()
    except OSError:
        return b""


def _read_title(file: File, *, is_homepage: bool) -> str:
    try:
        source = file.content_string
    except (OSError, ValueError):
        source = ""
    return source_title(source, file.name, is_homepage=is_homepage)
