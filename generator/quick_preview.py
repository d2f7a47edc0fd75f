"""A preview's rebuild after an edit in ``content/``, without MkDocs' own rebuild.

``mkdocs serve --dirty`` (what ``make serve`` runs) loads the configuration again at each
rebuild, lists the theme's files, makes the navigation and a page object for every page, and
writes the 404 page, the sitemap and the search index, even when one event changed. When only
the content changed and the site keeps its pages and navigation, none of that changes: the
pages whose text changed are rendered again into the last build's files, navigation and
template environment, and the search index gets their new entries. Anything else (a
hand-written page, ``mkdocs.yml``, the theme's overrides, a page added or removed, a navigation
title) is left to MkDocs' own rebuild, which :mod:`generator.preview` keeps whole.

The watcher MkDocs starts polls the files every half second; where the system tells of changes
as they happen (inotify), :func:`watch_natively` hands the same watches to a native watcher.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import InclusionLevel

if TYPE_CHECKING:
    from collections.abc import Iterable

    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation

log = logging.getLogger(__name__)

Fingerprint = tuple[tuple[str, int, int, int], ...]
"""Every file a page can depend on outside the content folder: (path, inode, size, mtime)."""

BUILD_DELAY = 0.05
"""Seconds the server waits for more changes once one is seen, with a native watcher: an
editor's save (a write, or a new file renamed over the old) reaches it within a millisecond."""


def fingerprint(config: MkDocsConfig, content: Path) -> Fingerprint:
    """What a rebuild can see change outside ``content``: ``mkdocs.yml``, every file under the
    docs folder, the theme's overrides and the extra paths watched (``watch:``), as found now.

    Two equal fingerprints mean that only the content folder can have changed between them.
    The site folder and the content folder are left out where they lie inside the others.
    """
    skip = {Path(config.site_dir).resolve(), content.resolve()}
    roots = [config.config_file_path or "", config.docs_dir,
             getattr(config.theme, "custom_dir", None) or "", *config.watch]
    found: list[tuple[str, int, int, int]] = []
    for root in sorted({str(Path(root).resolve()) for root in roots if root}):
        found += _stats(Path(root), skip)
    return tuple(sorted(found))


def _stats(root: Path, skip: set[Path]) -> Iterable[tuple[str, int, int, int]]:
    try:
        status = root.stat()
    except OSError:
        yield (str(root), 0, -1, 0)
        return
    if not root.is_dir():
        yield (str(root), status.st_ino, status.st_size, status.st_mtime_ns)
        return
    for folder, folders, names in os.walk(root):
        here = Path(folder)
        folders[:] = sorted(name for name in folders if (here / name).resolve() not in skip)
        for name in names:
            path = here / name
            try:
                status = path.stat()
            except OSError:
                continue  # removed while listed: the next fingerprint tells
            yield (str(path), status.st_ino, status.st_size, status.st_mtime_ns)


@dataclass(frozen=True)
class LastBuild:
    """What a page needs from the last whole build to be rendered again on its own."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    outside: Fingerprint
    """The files outside the content folder as they were when that build started."""


def rebuild_pages(last: LastBuild, contents: dict[str, str]) -> list[File]:
    """Render again the generated pages of ``contents`` (their new Markdown, by source path)
    as MkDocs builds a page: read, converted, laid out with the plugins' page events, written.

    The pages are read first and written after, as in a build, so that a plugin sees every
    page read before any is written. Returns the files rebuilt.
    """
    config, files = last.config, last.files
    rebuilt: list[File] = []
    for uri, markdown in contents.items():
        file = files.get_file_from_path(uri)
        if file is None or file.page is None:
            raise LookupError(uri)
        file.content_string = markdown
        file.page.markdown = file.page.content = None
        _populate_page(file.page, config, files)
        rebuilt.append(file)
    pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for file in rebuilt:
        assert file.page is not None  # checked above
        _build_page(file.page, config, pages, last.nav, last.env)
    return rebuilt


def write_site_files(config: MkDocsConfig, changed: dict[str, bytes]) -> None:
    """Write the site files beside the pages that changed (the split topics' event maps)."""
    site = Path(config.site_dir).resolve()
    for path, data in changed.items():
        target = (site / path).resolve()
        if not target.is_relative_to(site):
            raise ValueError(f"{path} is outside the site")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def watch_natively(server: Any) -> bool:
    """Give the watches of MkDocs' polling watcher to the system's native one (inotify on
    Linux), before the server starts; True if it did.

    MkDocs polls every half second, which was a quarter of a second of every save's wait on
    average. Any surprise (another version of MkDocs or watchdog, inotify refused) keeps the
    polling watcher, which works everywhere.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        from watchdog import events
        from watchdog.events import (
            DirCreatedEvent,
            DirDeletedEvent,
            DirModifiedEvent,
            DirMovedEvent,
            FileCreatedEvent,
            FileDeletedEvent,
            FileModifiedEvent,
            FileMovedEvent,
        )
        from watchdog.observers.inotify import InotifyObserver
        from watchdog.observers.inotify_c import InotifyFD
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return False
    # What the polling watcher reports. inotify also tells when a file is opened or closed:
    # each build reads the files it watches, and every read would start another rebuild.
    # A new time stamp alone (`touch`) is an attribute event there, a change when polled.
    changes = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
               DirCreatedEvent, DirDeletedEvent, DirModifiedEvent, DirMovedEvent,
               *[event for event in (getattr(events, "FileAttribEvent", None),) if event]]

    class ChangesOnly(InotifyObserver):
        """Watches that report changes, not reads (also those scheduled later)."""

        def schedule(self, event_handler: Any, path: Any, **options: Any) -> Any:
            options["event_filter"] = options.get("event_filter") or changes
            return super().schedule(event_handler, path, **options)

    old = getattr(server, "observer", None)
    handlers = getattr(old, "_handlers", None)
    refs = getattr(server, "_watch_refs", None)
    if not isinstance(old, PollingObserver) or old.is_alive() or not isinstance(
            handlers, dict) or not isinstance(refs, dict):
        return False
    try:
        InotifyFD.get_instance()  # the one the watches will share: refused here, not later
    except OSError as error:
        log.debug("no native file watcher (%s); polling", error)
        return False
    new = ChangesOnly()
    renamed: dict[object, object] = {}
    for watch, watch_handlers in handlers.items():
        for handler in watch_handlers:
            # A watched file is watched through its folder (its `raw_path` is the file).
            path = getattr(watch, "raw_path", watch.path)
            renamed[watch] = new.schedule(handler, path, recursive=watch.is_recursive)
    for path, watch in list(refs.items()):
        refs[path] = renamed.get(watch, watch)
    server.observer = new
    if hasattr(server, "build_delay"):
        server.build_delay = min(server.build_delay, BUILD_DELAY)
    return True
