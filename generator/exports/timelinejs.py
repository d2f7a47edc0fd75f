"""TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html), one file per topic.

The viewer loads these files as they are. It treats ``headline``, ``text``, ``group`` and
``display_date`` as HTML, so every contributor string is HTML-escaped here, and ``autolink`` is
off so that the only links are the ones written here (from safe_href). Dates are given as their
parts, as precise as they are known, with the date in the site's own words as ``display_date``
(e.g. "c. February 2015"); intervals have an ``end_date``; a timestamp's parts are its local
time as written, its offset shown in ``display_date``.
"""

from __future__ import annotations

import html
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from generator.dates import Precision
from generator.escaping import paragraphs
from generator.exports.common import SITE_NAME, Site, topic_page
from generator.exports.output import JsonWriter, encode_json
from generator.urls import SITE_WIDE, timelinejs_path

if TYPE_CHECKING:
    from typing import BinaryIO

    from generator.dates import DatePoint
    from generator.exports.output import Output
    from generator.model import Corpus, Event


def write_timelinejs(corpus: Corpus, site: Site, out: Output) -> None:
    """exports/timelinejs/<topic id>.json for each topic with events, and all.json.

    A timeline without events is refused by the viewer, so a topic without events has no file;
    a topic whose id is "all" takes all.json and the site-wide file is left out. Every file is
    filled in one pass over the events; a slide is encoded once per group it appears in (the
    site-wide file groups an event under its first topic, a topic's file under that topic).
    """
    with ExitStack() as stack:
        writers: dict[str | None, tuple[JsonWriter, str | None]] = {}
        if corpus.events and SITE_WIDE not in corpus.topics:
            titles = ", ".join(topic.title for topic in corpus.topics.values())
            sink = stack.enter_context(out.create(timelinejs_path(SITE_WIDE)))
            writers[None] = (_begin(sink, site, SITE_WIDE, SITE_NAME,
                                    f"Every timeline: {titles}.", ""), None)
        for topic in corpus.topics.values():
            if corpus.topic_events(topic.id):
                sink = stack.enter_context(out.create(timelinejs_path(topic.id)))
                writers[topic.id] = (_begin(sink, site, topic.id, topic.title, topic.summary,
                                            topic_page(topic.id)), topic.title)
        for event in corpus.events:
            data = slide(corpus, site, event, "")
            encoded: dict[str, bytes] = {}
            for key in (None, *event.topics):
                if key not in writers:
                    continue
                writer, group = writers[key]
                group = group or corpus.topics[event.topics[0]].title
                if group not in encoded:
                    data["group"] = html.escape(group)
                    encoded[group] = encode_json(data)
                writer.item(encoded[group])
        for writer, _ in writers.values():
            writer.end()
            writer.field("scale", "human")
            writer.close()


def _begin(sink: BinaryIO, site: Site, slide_id: str, title: str, summary: str,
           page: str) -> JsonWriter:
    """A timeline file up to its events: the title slide, then the start of ``events``."""
    text = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs(summary))
    url = site.absolute(page)
    if url is not None:
        text += f'<p><a href="{html.escape(url)}">{html.escape(title)} on the site</a></p>'
    writer = JsonWriter(sink, {"title": {"text": {"headline": html.escape(title), "text": text},
                                         "unique_id": slide_id, "autolink": False}})
    writer.begin("events")
    return writer


def slide(corpus: Corpus, site: Site, event: Event, group: str) -> dict[str, Any]:
    """One event as a slide in ``group``: date parts, headline, escaped text with sources."""
    data: dict[str, Any] = {"start_date": date_parts(event.when.start)}
    if event.when.end is not None:
        data["end_date"] = date_parts(event.when.end)
    data["display_date"] = html.escape(event.when.label())
    data["text"] = {
        "headline": html.escape(event.title),
        "text": site.event_html(event, with_date=False,
                           permalink=site.absolute(site.event_url(event))),
    }
    data["group"] = html.escape(group)
    data["unique_id"] = event.id
    data["autolink"] = False
    return data


def date_parts(point: DatePoint) -> dict[str, int]:
    """A date as TimelineJS parts, as precise as it is known: {year[, month[, day[, hour,
    minute]]]}; a timestamp in the offset it was written with."""
    moment = point.local
    parts = {"year": moment.year}
    if point.precision >= Precision.MONTH:
        parts["month"] = moment.month
    if point.precision >= Precision.DAY:
        parts["day"] = moment.day
    if point.precision >= Precision.MINUTE:
        parts["hour"] = moment.hour
        parts["minute"] = moment.minute
    return parts


