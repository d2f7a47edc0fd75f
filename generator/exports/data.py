"""The model as JSON and as CSV (one row per event), for the whole site and for each topic.

JSON keeps everything; CSV flattens each event into one row: lists of ids and of URLs (which
never contain spaces) are joined by " | ", lists of free text (places, quotes) are JSON arrays
in their cell, and each source also gets numbered columns ``source_N_*``. docs/exports.md is the
reference for both.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from generator.exports.common import (
    Site,
    dump_json,
    is_approximate,
    is_uncertain,
    newest_added,
    precision_name,
    sources,
    topic_page,
    utc_iso,
)
from generator.exports.paths import SITE_WIDE, TOPIC_EXPORT_FORMATS
from generator.links import safe_href
from generator.rendering import event_url

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from generator.dates import DatePoint
    from generator.model import Actor, Article, Corpus, Event, Topic

EXPORT_FORMAT = "annals-export"
EXPORT_VERSION = 1
JOIN = " | "
SOURCE_FIELDS = ("id", "publisher", "title", "url", "published", "archive_url")
EVENT_COLUMNS = ("id", "url", "date", "date_label", "precision", "end_precision", "lower",
                 "upper", "approximate", "uncertain", "title", "summary", "topics", "actors",
                 "tags", "places", "quotes", "source_count", "source_urls")


def scoped_events(corpus: Corpus) -> Iterable[tuple[str, Topic | None, Sequence[Event]]]:
    """Each file's name, its topic (None for the whole site) and its events in timeline order."""
    yield SITE_WIDE, None, corpus.events
    for topic in corpus.topics.values():
        yield topic.id, topic, corpus.topic_events(topic.id)


def _path(name: str, topic: Topic | None, fmt: str) -> str:
    ext = TOPIC_EXPORT_FORMATS[fmt]
    return f"exports/topics/{name}.{ext}" if topic else f"exports/{name}.{ext}"


def render_json(corpus: Corpus, site: Site) -> dict[str, bytes]:
    """exports/all.json and exports/topics/<id>.json."""
    return {_path(name, topic, "json"): dump_json(json_document(corpus, site, topic, events))
            for name, topic, events in scoped_events(corpus)}


def render_csv(corpus: Corpus, site: Site) -> dict[str, bytes]:
    """exports/all.csv and exports/topics/<id>.csv."""
    return {_path(name, topic, "csv"): csv_document(corpus, site, events)
            for name, topic, events in scoped_events(corpus)}


# --- JSON ---------------------------------------------------------------------------------------


def json_document(corpus: Corpus, site: Site, topic: Topic | None,
                  events: Sequence[Event]) -> dict[str, Any]:
    """The export of a scope: its events and every topic, article, actor and tag they name."""
    topic_ids = {t for event in events for t in event.topics} | ({topic.id} if topic else set())
    article_ids = {a for event in events for a in event.sources}
    actor_ids = {a for event in events for a in event.actors}
    actor_ids |= {quote.by for event in events for quote in event.quotes}
    tag_ids = {t for event in events for t in event.tags}
    if topic is None:  # the whole site: everything, even what no event names yet
        topic_ids, article_ids = set(corpus.topics), set(corpus.articles)
        actor_ids, tag_ids = set(corpus.actors), set(corpus.tags)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "scope": {"kind": "topic", "id": topic.id} if topic else {"kind": "site"},
        "base_url": site.base_url,
        "updated": newest_added(corpus, events).isoformat(),
        "topics": [_topic_record(site, corpus.topics[t]) for t in sorted(topic_ids)
                   if t in corpus.topics],
        "events": [event_record(site, event) for event in events],
        "articles": [_article(corpus.articles[a]) for a in sorted(article_ids)
                     if a in corpus.articles],
        "actors": [_actor(corpus.actors[a]) for a in sorted(actor_ids) if a in corpus.actors],
        "tags": [{"id": t, "description": corpus.tags[t].description} for t in sorted(tag_ids)
                 if t in corpus.tags],
    }


def event_record(site: Site, event: Event) -> dict[str, Any]:
    """One event as JSON: every field of the model, its date both as written and as bounds."""
    when = event.when
    return {
        "id": event.id,
        "url": site.url(event_url(event)),
        "date": {
            "text": when.text,
            "label": when.label(),
            "lower": utc_iso(when.lower),
            "upper": utc_iso(when.upper),
            "start": _point(when.start),
            "end": _point(when.end) if when.end else None,
        },
        "title": event.title,
        "summary": event.summary,
        "topics": list(event.topics),
        "actors": list(event.actors),
        "places": list(event.places),
        "tags": list(event.tags),
        "quotes": [{"text": quote.text, "by": quote.by} for quote in event.quotes],
        "sources": list(event.sources),
        "defined_in": event.defined_in,
        "distinct_from": list(event.distinct_from),
    }


def _point(point: DatePoint) -> dict[str, Any]:
    return {
        "text": point.text,
        "precision": point.precision.name.lower(),
        "lower": utc_iso(point.lower),
        "upper": utc_iso(point.upper),
        "approximate": point.approximate,
        "uncertain": point.uncertain,
        "utc_offset_minutes": point.offset_minutes,
    }


def _topic_record(site: Site, topic: Topic) -> dict[str, Any]:
    return {"id": topic.id, "title": topic.title, "summary": topic.summary,
            "region": topic.region, "related": list(topic.related),
            "url": site.url(topic_page(topic.id))}


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "publisher": article.publisher,
        "url": safe_href(article.url),
        "archive_url": safe_href(article.archive_url) if article.archive_url else "",
        "published": article.published.isoformat(),
        "added": article.added.isoformat(),
        "summary": article.summary,
        "dateline": article.dateline,
        "language": article.language,
        "authors": list(article.authors),
        "events": list(article.event_ids),
    }


def _actor(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind,
            "description": actor.description, "aliases": list(actor.aliases)}


# --- CSV ----------------------------------------------------------------------------------------


def csv_columns(source_columns: int) -> list[str]:
    """The header: the event's columns, then ``source_N_<field>`` for N = 1..source_columns."""
    return [*EVENT_COLUMNS, *(f"source_{n}_{field}" for n in range(1, source_columns + 1)
                              for field in SOURCE_FIELDS)]


def csv_document(corpus: Corpus, site: Site, events: Sequence[Event]) -> bytes:
    """RFC 4180 CSV in UTF-8 (no byte-order mark), CRLF line ends, quoted where needed.

    There are as many numbered source columns as the event with most sources needs (at least
    one, so the header is the same shape for an empty topic).
    """
    width = max((len(event.sources) for event in events), default=1) or 1
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(width), lineterminator="\r\n")
    writer.writeheader()
    for event in events:
        writer.writerow(csv_row(corpus, site, event))
    return buffer.getvalue().encode("utf-8")


def csv_row(corpus: Corpus, site: Site, event: Event) -> dict[str, str]:
    """One event as a CSV row (every value a string)."""
    when = event.when
    articles = sources(corpus, event)
    row = {
        "id": event.id,
        "url": site.url(event_url(event)),
        "date": when.text,
        "date_label": when.label(),
        "precision": precision_name(event),
        "end_precision": when.end.precision.name.lower() if when.end else "",
        "lower": utc_iso(when.lower),
        "upper": utc_iso(when.upper),
        "approximate": _flag(is_approximate(event)),
        "uncertain": _flag(is_uncertain(event)),
        "title": event.title,
        "summary": event.summary,
        "topics": JOIN.join(event.topics),
        "actors": JOIN.join(event.actors),
        "tags": JOIN.join(event.tags),
        "places": _json_cell(list(event.places)),
        "quotes": _json_cell([{"text": q.text, "by": q.by} for q in event.quotes]),
        "source_count": str(len(articles)),
        "source_urls": JOIN.join(safe_href(article.url) for article in articles),
    }
    for n, article in enumerate(articles, start=1):
        values = (article.id, article.publisher, article.title, safe_href(article.url),
                  article.published.isoformat(),
                  safe_href(article.archive_url) if article.archive_url else "")
        row.update({f"source_{n}_{field}": value for field, value in zip(SOURCE_FIELDS, values,
                                                                            strict=True)})
    return row


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _json_cell(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) if value else ""
