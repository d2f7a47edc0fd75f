"""The MkDocs adapter: generated pages as virtual files, and ``content/`` watched under serve.

Everything Annals does lives in plain modules; this file only connects them to MkDocs' events.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File

from generator.pipeline import build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files

    from generator.rendering import NavEntry

log = get_plugin_logger(__name__)


class AnnalsConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``annals`` plugin in ``mkdocs.yml``."""

    content = opt.Type(str, default="content")
    """The content folder, relative to ``mkdocs.yml``."""


class AnnalsPlugin(BasePlugin[AnnalsConfig]):  # type: ignore[no-untyped-call]
    """Adds the timeline pages built from ``content/`` to the site."""

    def __init__(self) -> None:
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a preview: there, broken content must not stop the server."""
        self.serving = command == "serve"

    def content_dir(self, config: MkDocsConfig) -> Path:
        """The content folder, resolved next to ``mkdocs.yml``."""
        return Path(config.config_file_path or ".").resolve().parent / self.config.content

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Read, validate and render the content; add each page as a generated file."""
        root = self.content_dir(config)
        shown = os.path.relpath(root) if root.is_relative_to(Path.cwd()) else str(root)
        result = build(shown)
        if not result.ok:
            listing = "\n".join(d.format() for d in result.diagnostics)
            if not self.serving:
                raise PluginError(f"Annals: the content has errors:\n{listing}")
            # A preview keeps serving every valid event; the errors stay on screen until fixed.
            log.error("the content has errors; showing what is valid:\n%s", listing)
        else:
            for diagnostic in result.diagnostics:
                log.warning(diagnostic.format())
        handwritten = sorted(file.src_uri for file in files.documentation_pages())
        for page in result.pages.values():
            if files.get_file_from_path(page.uri) is not None:
                log.warning("docs/%s hides the generated page of the same name", page.uri)
                continue
            files.append(File.generated(config, page.uri,
                                        content=page.markdown(title_as_html=True)))
        if config.nav is None:
            # Readers come for the timelines: put them first, hand-written pages after.
            config.nav = [*_mkdocs_nav(result.navigation), *handwritten]
        return files

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
                 ) -> LiveReloadServer:
        """Rebuild when anything under the content folder changes."""
        server.watch(str(self.content_dir(config)))
        return server


def _mkdocs_nav(entries: list[NavEntry]) -> list[Any]:
    """Annals' outline in the shape of MkDocs' ``nav`` setting.

    MkDocs themes print navigation titles as HTML, so contributor titles are escaped here.
    """
    return [{html.escape(title, quote=False): target if isinstance(target, str)
             else _mkdocs_nav(target)} for title, target in entries]
