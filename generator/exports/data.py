"""The model as JSON and as CSV (one row per event), for the whole site and for each topic.

JSON keeps everything; CSV flattens each event into one row: lists of ids and of URLs (which
never contain spaces) are joined by " | ", lists of free text (places, quotes) are JSON arrays
in their cell, and each source also gets numbered columns ``source_N_*``; a cell that a spreadsheet
would run as a formula is neutralised (:func:`neutralised`). docs/exports.md is the reference for
both.

The site's file and every topic's file are filled together, in one pass over the events, so
each record is encoded once and nothing larger than a record is held. JSON files put one record
per line (the C encoder, compact), which keeps them readable and their diffs small.
"""

from __future__ import annotations

import csv
import io
import json
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from generator.exports.common import (
    Site,
    is_approximate,
    is_uncertain,
    newest_added,
    precision_name,
    sources,
    topic_page,
    utc_iso,
)
from generator.exports.output import JsonWriter, encode_json
from generator.links import safe_href
from generator.urls import SITE_WIDE, export_path

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import BinaryIO

    from generator.dates import DatePoint
    from generator.exports.output import Output
    from generator.model import Actor, Article, Corpus, Event, Quote, Topic, Translation

EXPORT_FORMAT = "annals-export"
EXPORT_VERSION = 1
JOIN = " | "
CRLF = "\r\n"
FORMULA_TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
"""First characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection
list: = + - @ tab and carriage return), with the full-width forms of the four signs, which some
spreadsheets fold to the ASCII ones before they decide."""
FORMULA_GUARD = "'"
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
    return export_path(fmt, topic.id if topic else None)


def write_json(corpus: Corpus, site: Site, out: Output) -> None:
    """exports/all.json and exports/topics/<id>.json, all filled in one pass.

    Every record (event, article, topic, actor, tag) is encoded once and written to each file
    it belongs in, then forgotten: nothing larger than a record is held, whatever the corpus.
    """
    with ExitStack() as stack:
        files: list[tuple[JsonWriter, _Named | None]] = []
        by_topic: dict[str, JsonWriter] = {}
        for name, topic, events in scoped_events(corpus):
            sink = stack.enter_context(out.create(_path(name, topic, "json")))
            writer = JsonWriter(sink, {
                "format": EXPORT_FORMAT,
                "version": EXPORT_VERSION,
                "scope": {"kind": "topic", "id": topic.id} if topic else {"kind": "site"},
                "base_url": site.base_url,
                "updated": newest_added(corpus, events).isoformat(),
            })
            # The whole site lists everything, even what no event names yet (None: all).
            files.append((writer, _Named.of(topic, events) if topic else None))
            if topic:
                by_topic[topic.id] = writer
        _section(files, "topics", corpus.topics,
                 lambda t: _topic_record(site, corpus.topics[t]))
        for writer, _ in files:
            writer.begin("events")
        site_writer = files[0][0]
        for event in corpus.events:  # timeline order; each topic's events are in the same order
            data = encode_json(event_record(site, event))
            site_writer.item(data)
            for topic_id in event.topics:
                if topic_id in by_topic:
                    by_topic[topic_id].item(data)
        for writer, _ in files:
            writer.end()
        _section(files, "articles", corpus.articles,
                 lambda a: _article(corpus.articles[a]))
        _section(files, "actors", corpus.actors, lambda a: _actor(corpus.actors[a]))
        _section(files, "tags", corpus.tags,
                 lambda t: {"id": t, "description": corpus.tags[t].description})
        for writer, _ in files:
            writer.close()


@dataclass(frozen=True)
class _Named:
    """The ids a topic's events name, by kind: what its JSON export lists besides the events."""

    topics: frozenset[str]
    articles: frozenset[str]
    actors: frozenset[str]
    tags: frozenset[str]

    @classmethod
    def of(cls, topic: Topic, events: Sequence[Event]) -> _Named:
        """What a topic's events name (quoted actors included), and the topic itself."""
        actors = {a for event in events for a in event.actors}
        actors |= {quote.by for event in events for quote in event.quotes}
        return cls(topics=frozenset({t for event in events for t in event.topics} | {topic.id}),
                   articles=frozenset(a for event in events for a in event.sources),
                   actors=frozenset(actors),
                   tags=frozenset(t for event in events for t in event.tags))


def _section(files: Sequence[tuple[JsonWriter, _Named | None]],
             key: Literal["topics", "articles", "actors", "tags"], known: Iterable[str],
             record: Callable[[str], object]) -> None:
    """One array of every file, by id: each record encoded once, for the files that name it.

    Only ids the corpus knows are listed (``known``), in ascending order.
    """
    for writer, _ in files:
        writer.begin(key)
    for item_id in sorted(known):
        data = b""
        for writer, named in files:
            if named is None or item_id in getattr(named, key):
                data = data or encode_json(record(item_id))
                writer.item(data)
    for writer, _ in files:
        writer.end()


def write_csv(corpus: Corpus, site: Site, out: Output) -> None:
    """exports/all.csv and exports/topics/<id>.csv, all filled in one pass over the events."""
    lines = _CsvLines()
    with ExitStack() as stack:
        widths: dict[str | None, tuple[BinaryIO, int]] = {}
        for name, topic, events in scoped_events(corpus):
            sink = stack.enter_context(out.create(_path(name, topic, "csv")))
            # As many numbered source columns as the event with most sources needs (at least
            # one, so the header is the same shape for an empty topic).
            width = max((len(event.sources) for event in events), default=1) or 1
            sink.write(lines.encode(csv_columns(width)))
            widths[topic.id if topic else None] = (sink, width)
        for event in corpus.events:
            values = csv_values(corpus, site, event)
            count = len(event.sources)
            # A row differs between files only by the empty source columns that pad it to
            # the file's width: encode it once, pad it per file.
            row = lines.encode(values)
            for key in (None, *event.topics):
                if key in widths:
                    sink, width = widths[key]
                    sink.write(row if width == count else
                               _pad(row, len(SOURCE_FIELDS) * (width - count)))


def event_record(site: Site, event: Event) -> dict[str, Any]:
    """One event as JSON: every field of the model, its date both as written and as bounds."""
    when = event.when
    return {
        "id": event.id,
        "url": site.url(site.event_url(event)),
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
        "quotes": [quote_record(quote) for quote in event.quotes],
        "sources": list(event.sources),
        "defined_in": event.defined_in,
        "distinct_from": list(event.distinct_from),
    }


def quote_record(quote: Quote) -> dict[str, Any]:
    """A quote as JSON: its words and speaker; its language and translation when known."""
    record: dict[str, Any] = {"text": quote.text, "by": quote.by}
    if quote.language:
        record["language"] = quote.language
    if quote.translation is not None:
        record["translation"] = _translation(quote.translation)
    return record


def _translation(translation: Translation) -> dict[str, Any]:
    record = {"text": translation.text, "by": translation.by}
    if translation.url:
        record["url"] = safe_href(translation.url)
    return record


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
        "archived": article.archived.isoformat() if article.archived else "",
        "gone": article.gone.isoformat() if article.gone else "",
        "published": article.published.isoformat(),
        "added": article.added.isoformat(),
        "summary": article.summary,
        "dateline": article.dateline,
        "language": article.language,
        "title_translation": _translation(article.title_translation)
        if article.title_translation else None,
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


def csv_values(corpus: Corpus, site: Site, event: Event) -> list[str]:
    """One event's CSV fields: the event's columns, then its sources' numbered columns."""
    when = event.when
    articles = sources(corpus, event)
    values = [
        event.id,
        site.url(site.event_url(event)),
        when.text,
        when.label(),
        precision_name(event),
        when.end.precision.name.lower() if when.end else "",
        utc_iso(when.lower),
        utc_iso(when.upper),
        _flag(is_approximate(event)),
        _flag(is_uncertain(event)),
        event.title,
        event.summary,
        JOIN.join(event.topics),
        JOIN.join(event.actors),
        JOIN.join(event.tags),
        _json_cell(list(event.places)),
        _json_cell([quote_record(q) for q in event.quotes]),
        str(len(articles)),
        JOIN.join(safe_href(article.url) for article in articles),
    ]
    for article in articles:
        values += (article.id, article.publisher, article.title, safe_href(article.url),
                   article.published.isoformat(),
                   safe_href(article.archive_url) if article.archive_url else "")
    return values


class _CsvLines:
    """Encodes one RFC 4180 record at a time: quoted only where needed, by the csv module."""

    def __init__(self) -> None:
        self.buffer = io.StringIO(newline="")
        self.writer = csv.writer(self.buffer, lineterminator=CRLF)

    def encode(self, values: Sequence[str]) -> bytes:
        """The record with its CRLF, in UTF-8 (no byte-order mark), every cell
        :func:`neutralised`."""
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow([neutralised(value) for value in values])
        return self.buffer.getvalue().encode("utf-8")


def neutralised(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting with a formula sign gets a single
    quote in front (OWASP's advice), which spreadsheets hide and do not evaluate. Every cell
    passes here, whatever its column: one rule for every CSV, not a list of risky fields."""
    return FORMULA_GUARD + cell if cell[:1] in FORMULA_TRIGGERS else cell


def _pad(row: bytes, empty_fields: int) -> bytes:
    """A record with ``empty_fields`` more empty fields at its end (as csv writes them)."""
    return row[: -len(CRLF)] + b"," * empty_fields + CRLF.encode()


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _json_cell(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) if value else ""
