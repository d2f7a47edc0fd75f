"""Where every feed and export file lives in the site: one place, so pages can link to them."""

from __future__ import annotations

FEED_FORMATS = {"atom": "atom", "json": "json"}
TOPIC_EXPORT_FORMATS = {"json": "json", "csv": "csv", "ics": "ics"}
FEED_KINDS = {"topic": "topics", "actor": "actors"}
SITE_WIDE = "all"
# Here rather than in feeds.py: the package exports it without importing the renderers.
DEFAULT_FEED_ENTRIES = 50
"""How many events a feed holds by default: its newest additions (``feed_entries``; 0: all).

Feeds are for following what is new, and readers fetch them again and again (often hourly):
the complete record is in the data exports, which always hold every event.
"""


def feed_paths_for(kind: str, id: str) -> dict[str, str]:
    """The feeds of a topic, an actor or the whole site, by format ("atom", "json").

    ``kind`` is "topic", "actor" or "site" (``id`` is then ignored); e.g. ("topic", "thaad") →
    {"atom": "feeds/topics/thaad.atom", "json": "feeds/topics/thaad.json"}.
    """
    if kind == "site":
        return {name: f"feeds/{SITE_WIDE}.{ext}" for name, ext in FEED_FORMATS.items()}
    if kind not in FEED_KINDS:
        raise ValueError(f"no feeds for {kind!r}: use topic, actor or site")
    return {name: f"feeds/{FEED_KINDS[kind]}/{id}.{ext}" for name, ext in FEED_FORMATS.items()}


def export_paths_for_topic(topic_id: str) -> dict[str, str]:
    """A topic's data exports by format: json, csv, ics and timelinejs.

    The TimelineJS file exists only for a topic with at least one event: the viewer refuses a
    timeline without events.
    """
    paths = {name: f"exports/topics/{topic_id}.{ext}"
             for name, ext in TOPIC_EXPORT_FORMATS.items()}
    paths["timelinejs"] = timelinejs_path(topic_id)
    return paths


def site_export_paths() -> dict[str, str]:
    """The whole site's data exports by format: json, csv, ics and timelinejs."""
    paths = {name: f"exports/{SITE_WIDE}.{ext}" for name, ext in TOPIC_EXPORT_FORMATS.items()}
    paths["timelinejs"] = timelinejs_path(SITE_WIDE)
    return paths


def timelinejs_path(name: str) -> str:
    """The TimelineJS file of a topic, or of the whole site for "all"."""
    return f"exports/timelinejs/{name}.json"
