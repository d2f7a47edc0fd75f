"""The tree route: the whole site as a folder that any site generator builds as it is.

For a generator that runs no Annals plugin (Zensical), ``annals render`` writes what the plugin
would hand to MkDocs: the generated pages as Markdown (their HTML blocks in place), the split
topics' event maps, the JSON Schemas, the readers' script and stylesheet, the feeds and data
exports, and the navigation. Given the site's ``mkdocs.yml``, it writes a whole project: the
hand-written pages copied beside the generated ones, and a ``mkdocs.yml`` that lists the
navigation and the script and styles and builds into ``site/`` beside them. What must
land in the built site itself is done afterwards by :mod:`generator.postbuild`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from generator.exports import write_exports
from generator.history import site_history
from generator.pipeline import build
from generator.routes import (
    HIDDEN,
    add_assets,
    docs_relative,
    edit_link,
    outline,
    page_source,
    site_files,
)
from generator.siteconfig import PLUGIN, dump, plugin_entries

if TYPE_CHECKING:
    from pathlib import Path

    from generator.options import Options
    from generator.pipeline import Build
    from generator.siteconfig import SiteConfig

MARKER = ".annals-render"
"""The file that marks a folder as ``annals render``'s own, which it may clear and rewrite."""
CONFIG = "mkdocs.yml"
DOCS = "docs"
SITE = "site"
"""The built site's folder in the tree (Zensical builds only inside its project's folder)."""
_PATH_SETTINGS = ("INHERIT",)
"""Top-level settings that name a file relative to the configuration."""


class TreeError(Exception):
    """The tree cannot be written where asked (a reason for a person, not a traceback)."""


@dataclass
class Written:
    """What a tree holds: counts, and the warnings to show."""

    pages: int = 0
    files: int = 0
    exports: int = 0
    warnings: list[str] = field(default_factory=list)


def handwritten_pages(docs: Path) -> list[str]:
    """The Markdown pages of a docs folder, by path from it, sorted; hidden files left out as
    MkDocs and Zensical leave them out."""
    return sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md")
                  if not any(part.startswith(".") for part in path.relative_to(docs).parts))


def write_tree(result: Build, options: Options, docs: Path, *, base_url: str = "",
               schemas: Path | None = None, handwritten: Path | None = None) -> Written:
    """Write the site's generated part into ``docs`` (after copying the ``handwritten`` docs
    folder there, whose files win over generated ones of the same path, as in the plugin)."""
    written = Written()
    if handwritten is not None:
        shutil.copytree(handwritten, docs, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".*"))
    present = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    for page in result.pages.values():
        if page.uri in present:
            written.warnings.append(HIDDEN.format(uri=page.uri))
            continue
        _write(docs, page.uri, page_source(page).encode())
        written.pages += 1
    for path, data in site_files(result, options, schemas).items():
        if path not in present:
            _write(docs, path, data)
            written.files += 1
    written.exports = len(write_exports(
        result.corpus, docs, base_url=base_url, feed_entries=options.feed_entries,
        split_threshold=options.split_threshold, history=result.history))
    return written


def _write(root: Path, path: str, data: bytes) -> None:
    target = root.joinpath(*path.split("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def nav_fragment(result: Build, options: Options, handwritten: list[str]) -> dict[str, Any]:
    """The settings a generator's configuration needs for the tree: its navigation, and the
    readers' stylesheet and script."""
    css: list[Any] = []
    javascript: list[Any] = []
    add_assets(css, javascript)
    return {"nav": outline(result.navigation, handwritten, options.search), "extra_css": css,
            "extra_javascript": javascript}


def project_config(site: SiteConfig, result: Build) -> dict[str, Any]:
    """The site's configuration for the tree: the same settings, with the tree's docs and
    site folders, the navigation (unless the site writes its own), the readers'
    files, and no ``annals`` plugin (the tree holds what it would add)."""
    data = {key: value for key, value in site.data.items() if value is not None}
    fragment = nav_fragment(result, site.options, handwritten_pages(site.docs_dir))
    data["docs_dir"] = DOCS
    data["site_dir"] = SITE
    if data.get("nav") is None:
        data["nav"] = fragment["nav"]
    for key in ("extra_css", "extra_javascript"):
        listed = list(data.get(key) or ())
        listed += [path for path in fragment[key] if path not in {str(i) for i in listed}]
        data[key] = listed
    data["plugins"] = [name if options is None else {name: options}
                       for name, options in plugin_entries(data.get("plugins"))
                       if name != PLUGIN]
    theme = data.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        data["theme"] = {**theme, "custom_dir": str(site.folder / str(theme["custom_dir"]))}
    for key in _PATH_SETTINGS:
        if key in data:
            data[key] = str(site.folder / str(data[key]))
    return data


def write_project(site: SiteConfig, out: Path) -> tuple[Build, Written | None]:
    """Build the site's content and write the whole project for a generator into ``out``:
    ``out/mkdocs.yml`` and ``out/docs/`` (the generator builds into ``out/site/``). Nothing
    is written when the content has errors (the build's diagnostics say why); TreeError if
    ``out`` is not a folder it may fill."""
    out = out.resolve()
    _claim(out, site)
    edit_uri, template = site.text("edit_uri"), site.text("edit_uri_template")
    edit_url = (partial(_edit_url, site) if edit_uri or template else None)
    result = build(site.content_dir, edit_url=edit_url,
                   split_threshold=site.options.split_threshold, site=site.names(),
                   history=site_history(site.content_dir),
                   warn_unarchived=site.options.warn_unarchived)
    if not result.ok:
        return result, None
    if (out / DOCS).exists():
        shutil.rmtree(out / DOCS)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by annals render; cleared by the next\n",
                              encoding="utf-8")
    try:
        written = write_tree(result, site.options, out / DOCS, base_url=site.text("site_url"),
                             schemas=site.schemas_dir, handwritten=site.docs_dir)
    except ValueError as error:  # an unsafe site_url
        raise TreeError(f"cannot write the feeds and exports: {error}") from None
    config = project_config(site, result)
    (out / CONFIG).write_text(
        f"# Written by `annals render --config {site.path.name}`: edit {site.path}, then render"
        " again.\n" + dump(config), encoding="utf-8")
    return result, written


def _edit_url(site: SiteConfig, path: str) -> str | None:
    return edit_link(docs_relative(path, site.docs_dir), repo_url=site.text("repo_url"),
                     edit_uri=site.text("edit_uri"),
                     edit_uri_template=site.text("edit_uri_template"))


def _claim(out: Path, site: SiteConfig) -> None:
    """Refuse a folder that holds anything but an earlier tree: it is cleared and rewritten."""
    inside = (site.docs_dir.resolve(), site.content_dir.resolve())
    if site.folder.resolve().is_relative_to(out) or any(
            out.is_relative_to(folder) or folder.is_relative_to(out) for folder in inside):
        raise TreeError(f"{out} holds the site's own files (its config, docs or content): "
                        "give a folder of its own, such as build/zensical")
    if out.exists() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise TreeError(f"{out} is not empty and was not written by annals render: give a new "
                        "folder (it is cleared each time)")
