"""Atom (written by feedgen) and JSON Feed 1.1 feeds for the site, each topic and each actor.

Entries are events, newest additions first, and a feed holds only the newest few
(:data:`DEFAULT_FEED_ENTRIES` unless told otherwise): feeds are for following additions, the
data exports hold everything. Each entry links to the event's permalink and carries its
date, summary and sources as escaped HTML. Contributor text reaches the XML only through
feedgen (lxml escapes it) and the JSON only through the json module.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from generator.exports.common import (
    SITE_NAME,
    Site,
    actor_page,
    added,
    is_approximate,
    is_uncertain,
    last_changed,
    midnight,
    newest_added,
    newest_first,
    precision_name,
    sources,
    topic_page,
    utc_iso,
)
from generator.exports.output import JsonWriter, encode_json
from generator.links import safe_href
from generator.urls import feed_paths_for

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import BinaryIO

    from generator.exports.output import Output
    from generator.model import Corpus, Event

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
DEFAULT_FEED_ENTRIES = 50
"""How many events a feed holds by default: its newest additions (``feed_entries``; 0: all).

Feeds are for following what is new, and readers fetch them again and again (often hourly):
the complete record is in the data exports, which always hold every event.
"""


@dataclass(frozen=True)
class FeedScope:
    """What one pair of feeds covers: its paths, titles, the page it stands for, its entries.

    ``events`` are the feed's entries, newest additions first, already cut to the feed length.
    """

    paths: dict[str, str]
    title: str
    subtitle: str
    page: str
    events: tuple[Event, ...]


def scopes(corpus: Corpus, entries: int = DEFAULT_FEED_ENTRIES) -> Iterator[FeedScope]:
    """The site, every topic and every actor, each with its newest ``entries`` events (0: all)."""
    yield FeedScope(feed_paths_for("site", ""), SITE_NAME,
                    "Every event on the site, newest additions first.", "",
                    newest(corpus, corpus.events, entries))
    for topic in corpus.topics.values():
        yield FeedScope(feed_paths_for("topic", topic.id), topic.title, topic.summary,
                        topic_page(topic.id),
                        newest(corpus, corpus.topic_events(topic.id), entries))
    for actor in corpus.actors.values():
        yield FeedScope(feed_paths_for("actor", actor.id), actor.name,
                        actor.description or f"Events {actor.name} takes part in.",
                        actor_page(actor.id),
                        newest(corpus, corpus.actor_events(actor.id), entries))


def check_feed_entries(entries: int) -> int:
    """``entries`` if it is a valid feed length (0 for every event), else ValueError."""
    if isinstance(entries, bool) or not isinstance(entries, int) or entries < 0:
        raise ValueError(f"feed_entries must be a whole number, 0 (every event) or more, "
                         f"not {entries!r}")
    return entries


def newest(corpus: Corpus, events: Sequence[Event], entries: int) -> tuple[Event, ...]:
    """The ``entries`` newest additions among ``events``, newest first (0: all of them)."""
    ordered = newest_first(corpus, events)
    return tuple(ordered[:entries] if entries else ordered)


def write_atom(corpus: Corpus, site: Site, out: Output,
               entries: int = DEFAULT_FEED_ENTRIES) -> None:
    """Every Atom feed, each holding its newest ``entries`` events (0: all)."""
    for scope in scopes(corpus, entries):
        with out.create(scope.paths["atom"]) as sink:
            sink.write(atom_feed(corpus, site, scope))


def write_json_feeds(corpus: Corpus, site: Site, out: Output,
                     entries: int = DEFAULT_FEED_ENTRIES) -> None:
    """Every JSON Feed, each holding its newest ``entries`` events (0: all).

    An event is in the site's feed and in its topics' and actors' feeds: its item is encoded
    once per folder depth (relative links depend on where the feed is) and reused.
    """
    every = list(scopes(corpus, entries))
    # How many feeds each item goes in: an item is kept only while another feed still needs it,
    # so what is held is bounded by the feeds' lengths, not by the corpus.
    uses = Counter(_item_key(scope, event) for scope in every for event in scope.events)
    encoded = _Reuse(uses)
    for scope in every:
        with out.create(scope.paths["json"]) as sink:
            json_feed(corpus, site, scope, sink, encoded)


def atom_feed(corpus: Corpus, site: Site, scope: FeedScope) -> bytes:
    """One Atom feed: deterministic, its "updated" the newest day an entry was added or (with
    a history) changed."""
    here = scope.paths["atom"]
    feed = FeedGenerator()
    feed.id(site.file_id_uri(here))
    feed.title(scope.title)
    feed.subtitle(scope.subtitle)
    feed.author({"name": SITE_NAME})
    feed.generator(SITE_NAME)
    feed.link(href=site.url_from(scope.page, here), rel="alternate", type="text/html")
    feed.link(href=site.url_from(here, here), rel="self", type="application/atom+xml")
    feed.updated(midnight(max((last_changed(corpus, site, event) for event in scope.events),
                              default=newest_added(corpus, scope.events))))
    for event in scope.events:
        entry = feed.add_entry(order="append")
        entry.id(site.event_id_uri(event))
        entry.title(event.title)
        # The permalink is the entry's only link: feedgen 1.0 drops the attributes of entry
        # links, and a link without rel is rel="alternate" in Atom. Sources are in the content.
        entry.link(href=site.url_from(site.event_url(event), here), rel="alternate")
        entry.published(midnight(added(corpus, event)))
        entry.updated(midnight(last_changed(corpus, site, event)))
        entry.summary(event.summary)
        entry.content(site.event_html(event), type="html")
        for topic_id in event.topics:
            entry.category(term=topic_id, label=corpus.topics[topic_id].title)
    atom: bytes = feed.atom_str(pretty=True)
    return atom


class _Reuse:
    """Encoded items kept for the feeds that still need them (``uses`` counts them down)."""

    def __init__(self, uses: Counter[tuple[str, str]]) -> None:
        self.uses = uses
        self.kept: dict[tuple[str, str], bytes] = {}

    def take(self, key: tuple[str, str]) -> bytes | None:
        """The item a previous feed encoded, or None: encode it, then :meth:`used` it."""
        return self.kept.pop(key, None)

    def used(self, key: tuple[str, str], data: bytes) -> None:
        """One feed has written the item: keep it only if another one will."""
        self.uses[key] -= 1
        if self.uses[key] > 0:
            self.kept[key] = data


def _item_key(scope: FeedScope, event: Event) -> tuple[str, str]:
    """An item is the same in two feeds when their folders are: relative links depend on it."""
    return event.id, scope.paths["json"].rsplit("/", 1)[0]


def json_feed(corpus: Corpus, site: Site, scope: FeedScope, sink: BinaryIO,
              encoded: _Reuse | None = None) -> None:
    """One JSON Feed 1.1, with an ``_annals`` extension holding each event's date and sources.

    ``encoded`` shares items between feeds (:func:`write_json_feeds`).
    """
    here = scope.paths["json"]
    reuse = encoded or _Reuse(Counter())
    writer = JsonWriter(sink, {
        "version": JSON_FEED_VERSION,
        "title": scope.title,
        "home_page_url": site.url_from(scope.page, here),
        "feed_url": site.url_from(here, here),
        "description": scope.subtitle,
        "authors": [{"name": SITE_NAME}],
    })
    writer.begin("items")
    for event in scope.events:
        key = _item_key(scope, event)
        data = reuse.take(key)
        if data is None:
            data = encode_json(_json_item(corpus, site, event, here))
        reuse.used(key, data)
        writer.item(data)
    writer.end()
    writer.close()


def _json_item(corpus: Corpus, site: Site, event: Event, here: str) -> dict[str, Any]:
    return {
        "id": site.event_id_uri(event),
        "url": site.url_from(site.event_url(event), here),
        "title": event.title,
        "content_html": site.event_html(event),
        "summary": event.summary,
        "date_published": utc_iso(midnight(added(corpus, event))),
        "date_modified": utc_iso(midnight(last_changed(corpus, site, event))),
        "tags": list(event.tags),
        "_annals": {
            "event_id": event.id,
            "date": event.when.text,
            "date_label": event.when.label(),
            "precision": precision_name(event),
            "approximate": is_approximate(event),
            "uncertain": is_uncertain(event),
            "topics": list(event.topics),
            "sources": [{"id": article.id, "publisher": article.publisher,
                         "title": article.title, "url": safe_href(article.url),
                         "published": article.published.isoformat()}
                        for article in sources(corpus, event)],
        },
    }
