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
from typing import TYPE_CHECKING, Any

from generator.dates import Precision
from generator.escaping import paragraphs
from generator.exports.common import SITE_NAME, Site, dump_json, event_html, topic_page
from generator.exports.paths import SITE_WIDE, timelinejs_path
from generator.rendering import event_url

if TYPE_CHECKING:
    from collections.abc import Sequence

    from generator.dates import DatePoint
    from generator.model import Corpus, Event, Topic


def render_timelinejs(corpus: Corpus, site: Site) -> dict[str, bytes]:
    """exports/timelinejs/<topic id>.json for each topic with events, and all.json.

    A timeline without events is refused by the viewer, so a topic without events has no file;
    a topic whose id is "all" takes all.json and the site-wide file is left out.
    """
    files: dict[str, bytes] = {}
    if corpus.events and SITE_WIDE not in corpus.topics:
        files[timelinejs_path(SITE_WIDE)] = dump_json(site_timeline(corpus, site))
    for topic in corpus.topics.values():
        if corpus.topic_events(topic.id):
            files[timelinejs_path(topic.id)] = dump_json(topic_timeline(corpus, site, topic))
    return files


def topic_timeline(corpus: Corpus, site: Site, topic: Topic) -> dict[str, Any]:
    """One topic's timeline: a title slide from the topic, a slide per event."""
    return _timeline(corpus, site, topic.id, topic.title, topic.summary, topic_page(topic.id),
                     corpus.topic_events(topic.id), group=topic.title)


def site_timeline(corpus: Corpus, site: Site) -> dict[str, Any]:
    """Every event, each in the group of its first topic's title."""
    titles = ", ".join(topic.title for topic in corpus.topics.values())
    return _timeline(corpus, site, SITE_WIDE, SITE_NAME, f"Every timeline: {titles}.", "",
                     corpus.events)


def _timeline(corpus: Corpus, site: Site, slide_id: str, title: str, summary: str, page: str,
              events: Sequence[Event], group: str | None = None) -> dict[str, Any]:
    text = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs(summary))
    url = site.absolute(page)
    if url is not None:
        text += f'<p><a href="{html.escape(url)}">{html.escape(title)} on the site</a></p>'
    return {
        "title": {"text": {"headline": html.escape(title), "text": text},
                  "unique_id": slide_id, "autolink": False},
        "events": [slide(corpus, site, event,
                         group or corpus.topics[event.topics[0]].title) for event in events],
        "scale": "human",
    }


def slide(corpus: Corpus, site: Site, event: Event, group: str) -> dict[str, Any]:
    """One event as a slide in ``group``: date parts, headline, escaped text with sources."""
    data: dict[str, Any] = {"start_date": date_parts(event.when.start)}
    if event.when.end is not None:
        data["end_date"] = date_parts(event.when.end)
    data["display_date"] = html.escape(event.when.label())
    data["text"] = {
        "headline": html.escape(event.title),
        "text": event_html(corpus, event, with_date=False,
                           permalink=site.absolute(event_url(event))),
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


