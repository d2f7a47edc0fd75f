"""The MkDocs adapter: generated pages as virtual files, and ``content/`` watched under serve.

Everything Annals does lives in plain modules; this file only connects them to MkDocs' events.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import BytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from generator.background import Background, BackgroundError
from generator.converted_once import Conversions, convert_once
from generator.exports import write_exports
from generator.history import HistoryCache
from generator.options import SEARCHES, Options, OptionsError
from generator.pagefind_index import write_pagefind_index
from generator.pipeline import ContentCache, build
from generator.preview import DirtyPreview
from generator.quick_preview import (
    LastBuild,
    fingerprint,
    rebuild_pages,
    watch_natively,
    write_site_files,
)
from generator.routes import (
    HIDDEN,
    add_assets,
    docs_relative,
    edit_link,
    outline,
    page_head,
    site_files,
    with_head,
)
from generator.slots import Fragment, fill
from generator.views import SiteName, Views

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page as MkDocsPage

    from generator import urls
    from generator.model import Corpus
    from generator.pipeline import Build
    from generator.quick_preview import Fingerprint
    from generator.rendering import NavEntry, Page

log = get_plugin_logger(__name__)

QUICK_REBUILD = "Rebuilding the pages the content changes..."
"""Logged as a rebuild of the content alone starts (where MkDocs logs "Building
documentation..." for its own); it ends, as MkDocs' does, with "Reloading browsers"."""


class AnnalsConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``annals`` plugin in ``mkdocs.yml`` (described in generator/options)."""

    content = opt.Type(str, default=Options.content)
    schemas = opt.Type(str, default=Options.schemas)
    feed_entries = opt.Type(int, default=Options.feed_entries)
    split_threshold = opt.Type(int, default=Options.split_threshold)
    search = opt.Choice(SEARCHES, default=Options.search)
    warn_unarchived = opt.Type(bool, default=Options.warn_unarchived)

    def options(self) -> Options:
        """The options as the core reads them (OptionsError for a value out of range)."""
        return Options(content=self.content, schemas=self.schemas,
                       feed_entries=self.feed_entries, split_threshold=self.split_threshold,
                       search=self.search, warn_unarchived=self.warn_unarchived)


class _GeneratedPage(File):
    """A generated page that a dirty rebuild (`mkdocs serve --dirty`) may leave as it is.

    MkDocs counts a file given as content as modified on every build; ``unchanged`` is set when
    the page's signature is the one it had at the previous build.
    """

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


class _CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once for a whole preview, not at every rebuild.

    MkDocs makes a new template environment for each build, and compiling the theme's templates
    again was a third of MkDocs' own share of a rebuild. Jinja checks each template's source
    against the checksum it was compiled from, so an edited override is compiled again.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class AnnalsPlugin(BasePlugin[AnnalsConfig]):  # type: ignore[no-untyped-call]
    """Adds the timeline pages built from ``content/`` to the site."""

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        # Each generated page's signature at the previous build (dirty previews only).
        self.signatures: dict[str, int] = {}
        self.pending_signatures: dict[str, int] = {}
        self.pages: dict[str, Page] = {}
        self.corpus: Corpus | None = None
        self.layout: urls.Layout | None = None
        self.search_reads_pages = False
        # Kept across the rebuilds of `mkdocs serve` (MkDocs keeps a plugin that has
        # on_startup): only the files saved since the last rebuild are read and checked again.
        self.cache = ContentCache()
        self.exports: Background | None = None
        # A page's fragments between the two passes of on_page_context (before and after the
        # search plugin reads the page).
        self.filling: dict[str, tuple[Fragment, ...]] = {}
        # A generated page's content with its slot markers (converted from Markdown): filled in
        # on_page_context, given back in on_post_page once the page is written.
        self.skeletons: dict[str, str] = {}
        # The generated pages' Markdown conversions in this build, by text (converted_once).
        self.conversions: Conversions = {}
        # What keeps `mkdocs serve --dirty` whole: titles, navigation, search (generator/preview).
        self.preview = DirtyPreview()
        self.compiled_templates = _CompiledTemplates()
        self.options = Options()
        # A dirty preview's last whole build, for the rebuilds of the content alone
        # (generator/quick_preview), and what it made: every generated page's place in the
        # site, the navigation, and the site files beside the pages.
        self.last: LastBuild | None = None
        self.outside: Fingerprint = ()
        self.built_env: tuple[Environment, Files] | None = None
        self.shape: dict[str, tuple[bool, str]] = {}
        self.navigation: list[NavEntry] = []
        self.site_data: dict[str, bytes] = {}
        self.site_paths: set[str] = set()
        # The content's git history, read again only when the commit changes (under serve).
        self.history = HistoryCache()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a preview: there, broken content must not stop the server."""
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the options; note whether a search plugin indexes the pages' HTML (MkDocs' or
        Material's)."""
        try:
            self.options = self.config.options()
        except OptionsError as error:
            raise PluginError(str(error)) from None
        # The readers' script and stylesheet come with the package (see on_files).
        add_assets(config.extra_css, config.extra_javascript)
        self.search_reads_pages = any(
            name.rsplit("/", 1)[-1] == "search" and getattr(plugin, "config", {}).get(
                "enabled", True)
            for name, plugin in config.plugins.items())
        if self.serving and self.dirty:
            self.preview.register(config)
            # Before anything is read: an edit from here on is seen by the next rebuild.
            self.outside = fingerprint(config, self.content_dir(config))
        return config

    def content_dir(self, config: MkDocsConfig) -> Path:
        """The content folder, resolved next to ``mkdocs.yml``."""
        return Path(config.config_file_path or ".").resolve().parent / self.options.content

    def run_pipeline(self, config: MkDocsConfig) -> Build:
        """Read, validate and render the content (in a preview, its valid part)."""
        root = self.content_dir(config)
        shown = os.path.relpath(root) if root.is_relative_to(Path.cwd()) else str(root)
        edit_url = _EditLinks.of(config) if config.edit_uri or config.edit_uri_template \
            else None
        return build(shown, edit_url=edit_url, show_problems=self.serving,
                     cache=self.cache if self.serving else None,
                     split_threshold=self.options.split_threshold,
                     site=SiteName.of(config.site_name, config.site_description),
                     history=self.history.read(root),
                     warn_unarchived=self.options.warn_unarchived, freeze=True)

    def start_exports(self, config: MkDocsConfig, result: Build) -> None:
        """Write the feeds and data exports in a forked process, beside the page building.

        A preview shows pages; the feeds and data files are written by `mkdocs build` only. They
        need only the corpus, and MkDocs builds pages on one core; they are awaited in
        on_post_build. Forked once the pages' views are made, not as soon as the content is
        checked: every page of memory the build writes to after the fork is copied first, and
        making the views writes to most of them (docs/performance.md).
        """
        self.exports = Background(partial(
            write_exports, result.corpus, Path(config.site_dir), base_url=config.site_url or "",
            feed_entries=self.options.feed_entries, split_threshold=self.options.split_threshold,
            history=result.history, views=result.views))

    def report(self, result: Build) -> None:
        """Log the content's problems; outside a preview, an error stops the build."""
        if not result.ok:
            listing = "\n".join(d.format() for d in result.diagnostics)
            if not self.serving:
                raise PluginError(f"Annals: the content has errors:\n{listing}")
            # A preview keeps serving every valid event; the errors stay on screen until fixed.
            log.error("the content has errors; showing what is valid:\n%s", listing)
        else:
            for diagnostic in result.diagnostics:
                log.warning(diagnostic.format())

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Read, validate and render the content; add each page as a generated file."""
        options = self.options
        result = self.run_pipeline(config)
        self.report(result)
        handwritten = sorted(file.src_uri for file in files.documentation_pages())
        signatures: dict[str, int] = {}
        pages = dict(result.pages)
        for page in result.pages.values():
            if files.get_file_from_path(page.uri) is not None:
                log.warning(HIDDEN.format(uri=page.uri))
                del pages[page.uri]
                continue
            generated = _GeneratedPage.generated(
                config, page.uri, content=page.markdown(title_as_html=True, slots=True),
                inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV)
            # The edit button of a generated page opens the content file it comes from.
            generated.edit_uri = docs_relative(page.source_path, Path(config.docs_dir)) if (
                page.source_path) else None
            assert isinstance(generated, _GeneratedPage)  # File.generated builds a cls
            if self.dirty:
                # A dirty rebuild builds only modified files: a page whose signature is the
                # same as at the last build shows the same, and is left as it is.
                signatures[page.uri] = page.signature
                generated.unchanged = self.signatures.get(page.uri) == signatures[page.uri]
            files.append(generated)
        # Kept once the build succeeds: after a failed build, its pages may not be written.
        self.pending_signatures = signatures
        self.pages = pages
        self.conversions = {}
        self.corpus, self.layout = result.corpus, result.layout
        self.shape, self.navigation = _shape(result), result.navigation
        self.site_data = {}
        data_files = self.site_files(config, result)
        self.site_paths = set(data_files)
        # A hand-written file of the same path (a site's own stylesheet, say) wins.
        for path, data in data_files.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=data))
                self.site_data[path] = data
        # The corpus and the pages' views live until the build ends: the collector need not
        # walk them again at every collection while MkDocs builds the pages (nor in the forked
        # exports, whose memory then stays shared). They are handed back when the build ends.
        gc.freeze()
        if not self.serving:
            self.start_exports(config, result)
        if config.nav is None:
            config.nav = outline(result.navigation, handwritten, options.search)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Have the generated pages convert each Markdown text once in this build: most of them
        are the same few headings and markers (generator/converted_once)."""
        convert_once([file.page for uri in self.pages
                      if (file := files.get_file_from_path(uri)) is not None
                      and file.page is not None], self.conversions)
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files
               ) -> Environment:
        """Under serve, keep the theme's compiled templates from one rebuild to the next."""
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self.compiled_templates
        self.built_env = (env, files)
        return env

    def site_files(self, config: MkDocsConfig, result: Build) -> dict[str, bytes]:
        """The files the site needs beside the pages (see routes.site_files)."""
        schemas = (Path(config.config_file_path or ".").resolve().parent / self.options.schemas
                   if self.options.schemas else None)
        return site_files(result, self.options, schemas)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the feeds and data exports, and the Pagefind index when that search is chosen.

        The exports were started in on_files, beside the page building (start_exports). They
        are written straight into the site, file by file, not handed to MkDocs as files: held
        in memory they were the largest part of the build's peak at 50,000 events.
        """
        gc.unfreeze()
        self.signatures, self.pending_signatures = self.pending_signatures, {}
        if self.serving and self.dirty and self.built_env is not None and (
                self.preview.nav is not None):
            env, files = self.built_env
            self.last = LastBuild(config, files, self.preview.nav, env, self.outside)
        if self.exports is not None:
            exports, self.exports = self.exports, None
            try:
                exports.wait()
            except BackgroundError as error:  # an unsafe site_url, a full disk: no traceback
                raise PluginError(f"Annals: cannot write the feeds and exports: {error}"
                                  ) from None
        if self.options.search == "pagefind" and self.corpus is not None and self.layout:
            try:
                write_pagefind_index(Views(self.corpus, self.layout), Path(config.site_dir))
            except RuntimeError as error:
                raise PluginError(f"Annals: {error}") from None

    @event_priority(100)
    def _fill_for_search(self, context: dict[str, Any], /, *, page: MkDocsPage,
                         config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        """Put a generated page's HTML in place of its slot markers, just before the page is
        laid out: the search version first, when a search plugin reads the page next.

        Filling here rather than after Markdown conversion keeps one page's HTML in memory at a
        time, and the search version keeps the index as small as the text readers search.
        """
        generated = self.pages.get(page.file.src_uri)
        if generated is None or page.content is None:
            return context
        fragments = generated.fragments()
        self.skeletons[page.file.src_uri] = page.content
        if self.search_reads_pages:
            self.filling[page.file.src_uri] = fragments
            page.content = fill(page.content, fragments, for_search=True)
        else:
            page.content = fill(page.content, fragments)
        return context

    @event_priority(-100)
    def _fill_for_readers(self, context: dict[str, Any], /, *, page: MkDocsPage,
                          config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        """After the search plugin: the page's HTML for readers."""
        fragments = self.filling.pop(page.file.src_uri, None)
        if fragments is not None:
            page.content = fill(self.skeletons[page.file.src_uri], fragments)
        return context

    on_page_context = CombinedEvent(_fill_for_search, _fill_for_readers)

    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        """Advertise the feeds and describe the page for link previews, in its head."""
        head = page_head(self.pages.get(page.file.src_uri), page.url,
                         site_name=config.site_name,
                         site_description=config.site_description or "",
                         canonical=((config.site_url or "") and page.canonical_url) or "")
        skeleton = self.skeletons.pop(page.file.src_uri, None)
        if skeleton is not None:
            # The page is laid out: MkDocs keeps every page's content to the end of the build,
            # and a generated page's HTML is rendered again when needed. Kept, the HTML of every
            # page at once was the build's peak memory.
            page.content = skeleton
        return with_head(output, head)

    def on_shutdown(self) -> None:
        """The command is done and the process exits next: set everything alive aside from the
        collector (``gc.freeze``), so that the exit neither walks it in a last collection nor
        frees it object by object (docs/performance.md). A build after this one, in the same
        process, hands it back (on_post_build)."""
        gc.freeze()

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the exports of a build that failed, and rebuild every page next time."""
        gc.unfreeze()
        if self.exports is not None:
            self.exports.cancel()
            self.exports = None
        self.last = None
        self.signatures, self.pending_signatures = {}, {}
        self.filling.clear()
        self.skeletons.clear()

    def on_page_content(self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig,
                        files: Files) -> str:
        """Tell MkDocs' link checker the ids in a generated page's HTML blocks: it reads only
        the Markdown, and the blocks are filled in after it."""
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            page.present_anchor_ids = {*(page.present_anchor_ids or ()), *generated.anchors}
        return html

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
                 ) -> LiveReloadServer:
        """Rebuild when anything under the content folder changes; in a dirty preview, an
        edit of the content alone rebuilds only what it changes (see quick_rebuild)."""
        server.watch(str(self.content_dir(config)))
        if self.dirty:
            whole = server.builder

            def rebuild() -> None:
                if not self.quick_rebuild():
                    whole()

            server.builder = rebuild
            if watch_natively(server):
                log.debug("watching the files with inotify")
        return server

    def quick_rebuild(self) -> bool:
        """Rebuild the pages an edit changed, into the last build, when only the content
        changed and the site keeps its pages, navigation and site files; False (nothing
        written) when MkDocs must rebuild instead (generator/quick_preview)."""
        last = self.last
        if last is None or fingerprint(last.config, self.content_dir(last.config)) != (
                last.outside):
            return False
        config = last.config
        self.last = None  # until this rebuild succeeds
        # The last build's objects all live on: the collector need not walk them again (as
        # in a whole build, they are handed back in on_post_build).
        gc.freeze()
        try:
            result = self.run_pipeline(config)
            data = self.site_files(config, result)
        except Exception as error:  # MkDocs' rebuild reports it, in its own words
            gc.unfreeze()
            log.debug("the content's rebuild stopped (%s); MkDocs rebuilds", error)
            return False
        if (_shape(result) != self.shape or result.navigation != self.navigation
                or data.keys() != self.site_paths):
            gc.unfreeze()
            return False
        log.info(QUICK_REBUILD)
        self.report(result)
        pages = {uri: page for uri, page in result.pages.items() if uri in self.pages}
        contents = {uri: page.markdown(title_as_html=True, slots=True)
                    for uri, page in pages.items()
                    if self.signatures.get(uri) != page.signature}
        self.pages, self.corpus, self.layout = pages, result.corpus, result.layout
        self.pending_signatures = {uri: page.signature for uri, page in pages.items()}
        try:
            written = {path: data[path] for path in self.site_data}
            write_site_files(config, {path: body for path, body in written.items()
                                      if body != self.site_data[path]})
            self.site_data = written
            self.preview.rebuilding(config, {_url(last.files, uri) for uri in contents})
            rebuilt = rebuild_pages(last, contents)
            self.preview.rebuilt(rebuilt)
            # The plugins' end of a build: the search index, and this plugin's own, which
            # keeps the last build for the next edit.
            config.plugins.on_post_build(config=config)
        except Exception as error:
            config.plugins.on_build_error(error=error)
            log.debug("the content's rebuild stopped (%s); MkDocs rebuilds", error)
            return False
        log.info("Rebuilt %d page(s) the edit changed", len(rebuilt))
        return True


def _url(files: Files, uri: str) -> str:
    """The URL of a page, as its page (not its file: the home page's file is at "./")."""
    file = files.get_file_from_path(uri)
    if file is None or file.page is None:
        raise LookupError(uri)
    return file.page.url


def _shape(result: Build) -> dict[str, tuple[bool, str]]:
    """Where each generated page sits in the site: in the navigation or not, and the content
    file its edit button opens."""
    return {uri: (page.in_nav, page.source_path) for uri, page in result.pages.items()}


@dataclass(frozen=True)
class _EditLinks:
    """Where a content file can be edited, from MkDocs' edit settings.

    A value, not a closure over the configuration: a preview keeps the page views of the last
    build while the edit links are equal, and MkDocs loads the configuration afresh each time.
    """

    docs_dir: Path
    repo_url: str
    edit_uri: str
    edit_uri_template: str

    @classmethod
    def of(cls, config: MkDocsConfig) -> _EditLinks:
        """The edit links of a site's configuration."""
        return cls(Path(config.docs_dir), config.repo_url or "", config.edit_uri or "",
                   config.edit_uri_template or "")

    def __call__(self, path: str) -> str | None:
        return edit_link(docs_relative(path, self.docs_dir), repo_url=self.repo_url,
                         edit_uri=self.edit_uri, edit_uri_template=self.edit_uri_template)
