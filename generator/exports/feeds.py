"""Atom (written by feedgen) and JSON Feed 1.1 feeds for the site, each topic and each actor.

Entries are events, newest additions first; each links to the event's permalink and carries its
date, summary and sources as escaped HTML. Contributor text reaches the XML only through
feedgen (lxml escapes it) and the JSON only through the json module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from generator.exports.common import (
    SITE_NAME,
    Site,
    actor_page,
    added,
    dump_json,
    event_html,
    is_approximate,
    is_uncertain,
    last_added,
    midnight,
    newest_added,
    newest_first,
    precision_name,
    sources,
    topic_page,
    utc_iso,
)
from generator.exports.paths import feed_paths_for
from generator.links import safe_href
from generator.rendering import event_url

if TYPE_CHECKING:
    from collections.abc import Iterator

    from generator.model import Corpus, Event

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class FeedScope:
    """What one pair of feeds covers: its paths, titles, the page it stands for, its events."""

    paths: dict[str, str]
    title: str
    subtitle: str
    page: str
    events: tuple[Event, ...]


def scopes(corpus: Corpus) -> Iterator[FeedScope]:
    """The site, every topic and every actor, each with its events."""
    yield FeedScope(feed_paths_for("site", ""), SITE_NAME,
                    "Every event on the site, newest additions first.", "", corpus.events)
    for topic in corpus.topics.values():
        yield FeedScope(feed_paths_for("topic", topic.id), topic.title, topic.summary,
                        topic_page(topic.id), corpus.topic_events(topic.id))
    for actor in corpus.actors.values():
        yield FeedScope(feed_paths_for("actor", actor.id), actor.name,
                        actor.description or f"Events {actor.name} takes part in.",
                        actor_page(actor.id), corpus.actor_events(actor.id))


def render_atom(corpus: Corpus, site: Site) -> dict[str, bytes]:
    """Every Atom feed, keyed by its path in the site."""
    return {scope.paths["atom"]: atom_feed(corpus, site, scope) for scope in scopes(corpus)}


def render_json_feeds(corpus: Corpus, site: Site) -> dict[str, bytes]:
    """Every JSON Feed, keyed by its path in the site."""
    return {scope.paths["json"]: json_feed(corpus, site, scope) for scope in scopes(corpus)}


def atom_feed(corpus: Corpus, site: Site, scope: FeedScope) -> bytes:
    """One Atom feed: deterministic, its "updated" the newest added day of its entries."""
    here = scope.paths["atom"]
    feed = FeedGenerator()
    feed.id(site.file_id_uri(here))
    feed.title(scope.title)
    feed.subtitle(scope.subtitle)
    feed.author({"name": SITE_NAME})
    feed.generator(SITE_NAME)
    feed.link(href=site.url_from(scope.page, here), rel="alternate", type="text/html")
    feed.link(href=site.url_from(here, here), rel="self", type="application/atom+xml")
    feed.updated(midnight(newest_added(corpus, scope.events)))
    for event in newest_first(corpus, scope.events):
        entry = feed.add_entry(order="append")
        entry.id(site.event_id_uri(event))
        entry.title(event.title)
        # The permalink is the entry's only link: feedgen 1.0 drops the attributes of entry
        # links, and a link without rel is rel="alternate" in Atom. Sources are in the content.
        entry.link(href=site.url_from(event_url(event), here), rel="alternate")
        entry.published(midnight(added(corpus, event)))
        entry.updated(midnight(last_added(corpus, event)))
        entry.summary(event.summary)
        entry.content(event_html(corpus, event), type="html")
        for topic_id in event.topics:
            entry.category(term=topic_id, label=corpus.topics[topic_id].title)
    atom: bytes = feed.atom_str(pretty=True)
    return atom


def json_feed(corpus: Corpus, site: Site, scope: FeedScope) -> bytes:
    """One JSON Feed 1.1, with an ``_annals`` extension holding each event's date and sources."""
    here = scope.paths["json"]
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": scope.title,
        "home_page_url": site.url_from(scope.page, here),
        "feed_url": site.url_from(here, here),
        "description": scope.subtitle,
        "authors": [{"name": SITE_NAME}],
        "items": [_json_item(corpus, site, event, here)
                  for event in newest_first(corpus, scope.events)],
    }
    return dump_json(feed)


def _json_item(corpus: Corpus, site: Site, event: Event, here: str) -> dict[str, Any]:
    return {
        "id": site.event_id_uri(event),
        "url": site.url_from(event_url(event), here),
        "title": event.title,
        "content_html": event_html(corpus, event),
        "summary": event.summary,
        "date_published": utc_iso(midnight(added(corpus, event))),
        "date_modified": utc_iso(midnight(last_added(corpus, event))),
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
