"""The files that travel inside the package, and the site files made of them.

Templates, JSON Schemas and the readers' script and stylesheet are package data: a site built
from an installed wheel finds them here, never in a repository checkout. Each static file's
place in the site is given by :mod:`generator.urls`; its place in the package mirrors it under
``assets/``.
"""

from __future__ import annotations

from pathlib import Path

from generator import urls

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
SCHEMAS = PACKAGE / "schemas"
"""The JSON Schemas of the content files (and of the TimelineJS export): the contract the
validation is written against."""
ASSETS = PACKAGE / "assets"


def schema_files(folder: Path | None = None) -> list[Path]:
    """The JSON Schemas in ``folder`` (default: the package's), sorted by name."""
    return sorted((folder or SCHEMAS).glob("*.schema.json"))


def asset_paths(search: str) -> list[str]:
    """The site paths of the readers' files the site needs: the script and the stylesheet,
    and the search page's script when ``search`` is ``pagefind``."""
    paths = [urls.STYLESHEET, urls.SCRIPT]
    if search == "pagefind":
        paths.append(urls.SEARCH_SCRIPT)
    return paths


def asset(path: str) -> bytes:
    """The bytes of the packaged file published at site path ``path``."""
    return ASSETS.joinpath(*path.split("/")).read_bytes()


def static_files(search: str, schemas: Path | None = None) -> dict[str, bytes]:
    """Every packaged file a site publishes, by site path: the JSON Schemas (of ``schemas``
    when a site points at its own folder) and the readers' script and stylesheet."""
    files = {urls.schema_path(path.name): path.read_bytes() for path in schema_files(schemas)}
    files.update({path: asset(path) for path in asset_paths(search)})
    return files
