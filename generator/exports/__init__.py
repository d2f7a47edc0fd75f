"""Feeds and data exports: Atom, JSON Feed, JSON, CSV, iCalendar and TimelineJS files.

Each format has one module (``feeds``, ``data``, ``ical``, ``timelinejs``) that writes its files
piece by piece through an :class:`~generator.exports.output.Output`; this package runs them
either into memory (:func:`render_exports`) or straight onto disk (:func:`write_exports`), with
the same code, so both give the same bytes. Nothing here imports MkDocs or reads the clock: the
same corpus always gives byte-identical files. docs/exports.md describes every format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator import urls
from generator.exports import data, feeds, ical, timelinejs
from generator.exports.common import Site
from generator.exports.feeds import DEFAULT_FEED_ENTRIES, check_feed_entries
from generator.exports.output import DirectoryOutput, MemoryOutput
from generator.views import Views

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from generator.exports.output import Output
    from generator.history import History
    from generator.model import Corpus

    Writer = Callable[[Corpus, Site, Output], None]

__all__ = ["DEFAULT_FEED_ENTRIES", "FORMATS", "render_exports", "write_exports"]

FORMATS = ("atom", "jsonfeed", "json", "csv", "ics", "timelinejs")
"""The formats, in the order their files are written; ``annals export --format`` names."""


def _writers(feed_entries: int) -> dict[str, Writer]:
    def atom(corpus: Corpus, site: Site, out: Output) -> None:
        feeds.write_atom(corpus, site, out, feed_entries)

    def jsonfeed(corpus: Corpus, site: Site, out: Output) -> None:
        feeds.write_json_feeds(corpus, site, out, feed_entries)

    return {"atom": atom, "jsonfeed": jsonfeed, "json": data.write_json,
            "csv": data.write_csv, "ics": ical.write_ics, "timelinejs": timelinejs.write_timelinejs}


def _export(corpus: Corpus, out: Output, base_url: str, formats: Iterable[str] | None,
            feed_entries: int, split_threshold: int, history: History | None = None,
            views: Views | None = None) -> None:
    """Check the arguments, then write the chosen formats' files into ``out``."""
    site = Site.of(base_url, views or Views(corpus, urls.Layout.of(corpus, split_threshold),
                                            history=history))
    entries = check_feed_entries(feed_entries)
    chosen = FORMATS if formats is None else tuple(formats)
    unknown = sorted(set(chosen) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown export format(s): {', '.join(unknown)}")
    for name, write in _writers(entries).items():
        if name in chosen:
            write(corpus, site, out)


def render_exports(corpus: Corpus, *, base_url: str = "", formats: Iterable[str] | None = None,
                   feed_entries: int = DEFAULT_FEED_ENTRIES,
                   split_threshold: int = urls.DEFAULT_SPLIT,
                   history: History | None = None) -> dict[str, bytes]:
    """Every feed and export file, keyed by its path in the site (no leading slash), sorted.

    ``base_url`` is the site's absolute address (e.g. "https://example.org/annals/"); without
    it, feeds link relative to their own location and data files relative to the site root.
    ``formats`` narrows the output to some of :data:`FORMATS` (default: all of them).
    ``feed_entries`` is how many of the newest additions each feed holds (0: every event); the
    data exports always hold every event. ``split_threshold`` is the pages' (it decides the
    events' permalinks: see :class:`generator.urls.Layout`). With a ``history``, the feeds'
    entries are updated on the day of their last committed change. Raises ValueError for an unsafe
    ``base_url``, an unknown format or a negative ``feed_entries``.

    Everything is held in memory: for a large site, :func:`write_exports` streams to disk.
    """
    out = MemoryOutput()
    _export(corpus, out, base_url, formats, feed_entries, split_threshold, history)
    return dict(sorted(out.files.items()))


def write_exports(corpus: Corpus, directory: Path, *, base_url: str = "",
                  formats: Iterable[str] | None = None,
                  feed_entries: int = DEFAULT_FEED_ENTRIES,
                  split_threshold: int = urls.DEFAULT_SPLIT,
                  history: History | None = None, views: Views | None = None) -> list[str]:
    """Write every feed and export file under ``directory``; return their paths, sorted.

    The paths, relative to ``directory`` ("/"-separated), and the bytes are exactly those of
    :func:`render_exports` with the same arguments; folders are created as needed and existing
    files overwritten. Files are streamed: the large ones are written event by event, so memory
    does not grow with the corpus. The arguments are checked (ValueError, as for
    :func:`render_exports`) before anything is written; an OSError may leave some files
    written. ``views`` are the pages' views of the same corpus, split and history, when the
    caller has them: the events' views are then made once, for the pages and the exports.
    """
    out = DirectoryOutput(directory)
    _export(corpus, out, base_url, formats, feed_entries, split_threshold, history, views)
    return sorted(out.written)
