"""Feeds and data exports: Atom, JSON Feed, JSON, CSV, iCalendar and TimelineJS files.

Each format has one module (``feeds``, ``data``, ``ical``, ``timelinejs``); this package puts
them together as files keyed by their path in the site. Nothing here imports MkDocs, reads the
clock or the file system: the same corpus always gives byte-identical files. docs/exports.md
describes every format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Only the path helpers at import time: rendering imports them, and the renderers import
# rendering (event_url, day_words), so the renderers are imported when first used.
from generator.exports.paths import export_paths_for_topic, feed_paths_for, site_export_paths

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from generator.exports.common import Site
    from generator.model import Corpus

    Renderer = Callable[[Corpus, Site], dict[str, bytes]]

__all__ = ["FORMATS", "export_paths_for_topic", "feed_paths_for", "render_exports",
           "site_export_paths"]

FORMATS = ("atom", "jsonfeed", "json", "csv", "ics", "timelinejs")
"""The formats, in the order their files are rendered; ``annals export --format`` names."""


def _renderers() -> dict[str, Renderer]:
    from generator.exports import data, feeds, ical, timelinejs

    return {"atom": feeds.render_atom, "jsonfeed": feeds.render_json_feeds,
            "json": data.render_json, "csv": data.render_csv, "ics": ical.render_ics,
            "timelinejs": timelinejs.render_timelinejs}


def render_exports(corpus: Corpus, *, base_url: str = "",
                   formats: Iterable[str] | None = None) -> dict[str, bytes]:
    """Every feed and export file, keyed by its path in the site (no leading slash).

    ``base_url`` is the site's absolute address (e.g. "https://example.org/annals/"); without
    it, feeds link relative to their own location and data files relative to the site root.
    ``formats`` narrows the output to some of :data:`FORMATS` (default: all of them).
    Raises ValueError for an unsafe ``base_url`` or an unknown format.
    """
    from generator.exports.common import Site

    site = Site.at(base_url)
    chosen = FORMATS if formats is None else tuple(formats)
    unknown = sorted(set(chosen) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown export format(s): {', '.join(unknown)}")
    files: dict[str, bytes] = {}
    for name, render in _renderers().items():
        if name in chosen:
            files.update(render(corpus, site))
    return dict(sorted(files.items()))
