"""iCalendar (RFC 5545) files, written by the icalendar library: one VEVENT per event.

Dates keep their meaning: a day is an all-day event; a month or a year is an all-day event
spanning the whole month or year, marked as such in its description and in X-ANNALS-PRECISION;
a timestamp keeps the UTC offset it was written with (a fixed-offset VTIMEZONE such as
``UTC+09:00``); an interval spans from the start of its first date to the end of its last.
DTEND is always the first instant after the date, as RFC 5545 wants. Nothing reads the clock:
DTSTAMP is the newest added day of the event's articles.
"""

from __future__ import annotations

from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from icalendar import Calendar, Component, Timezone, TimezoneStandard, vText
from icalendar import Event as VEvent

from generator.dates import Precision
from generator.exports.common import (
    SITE_NAME,
    Site,
    date_points,
    last_added,
    midnight,
    precision_name,
    sources,
)
from generator.exports.data import scoped_events
from generator.links import safe_href
from generator.urls import export_path
from generator.views import day_words

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import BinaryIO

    from generator.dates import DatePoint
    from generator.exports.output import Output
    from generator.model import Corpus, Event, Topic

PRODID = "-//Annals//Annals timeline exports//EN"
FOLD_AT = 75
"""A content line of this many octets or more is folded (RFC 5545: at most 75 a line)."""
COARSE = {
    Precision.MONTH: "only the month is known; shown as an all-day event spanning the month",
    Precision.YEAR: "only the year is known; shown as an all-day event spanning the year",
}


def write_ics(corpus: Corpus, site: Site, out: Output) -> None:
    """exports/all.ics and exports/topics/<id>.ics, all filled in one pass over the events.

    icalendar's serialisation is most of the exports' time at scale, so each event's VEVENT is
    serialised once, written to the site's calendar and to its topics' calendars, and then
    forgotten.
    """
    end = b"END:VCALENDAR\r\n"
    with ExitStack() as stack:
        sinks: dict[str | None, BinaryIO] = {}
        for _name, topic, events in scoped_events(corpus):
            path = export_path("ics", topic.id if topic else None)
            sink = stack.enter_context(out.create(path))
            head = calendar_head(topic, events)
            assert head.endswith(end)
            sink.write(head[: -len(end)])
            sinks[topic.id if topic else None] = sink
        for event in corpus.events:
            data = serialised(vevent(corpus, site, event))
            for key in (None, *event.topics):
                if key in sinks:
                    sinks[key].write(data)
        for sink in sinks.values():
            sink.write(end)


def serialised(component: Component) -> bytes:
    """``component.to_ical()``, byte for byte, in less time: icalendar's own folding of long
    lines looks at every character on its own, and was half of writing the calendars."""
    return b"".join(fold(line) + b"\r\n" for line in component.content_lines() if line)


def fold(line: str) -> bytes:
    """One content line, folded as RFC 5545 asks and as icalendar folds it: pieces of at most
    74 octets joined by CRLF and a space, never splitting a character, nor a backslash or
    caret from the character it escapes (which starts the next piece)."""
    data = line.encode("utf-8")
    if len(data) < FOLD_AT:
        return data
    pieces = []
    start = 0
    while len(data) - start >= FOLD_AT:
        end = start + FOLD_AT - 1
        while data[end] & 0xC0 == 0x80:  # inside a character: break before it
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def calendar_head(topic: Topic | None, events: Sequence[Event]) -> bytes:
    """An empty calendar for a scope: its name, and a VTIMEZONE per UTC offset its events use.

    The events' VEVENTs go before its END:VCALENDAR line.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # RFC 7986 names the calendar with NAME and DESCRIPTION; many clients read the older
    # X-WR-* forms. Properties icalendar does not know must be given their type (TEXT).
    name = topic.title if topic else SITE_NAME
    summary = topic.summary if topic else "Every event on the site."
    for key, value in (("name", name), ("x-wr-calname", name), ("description", summary),
                       ("x-wr-caldesc", summary)):
        cal.add(key, vText(value))
    offsets = sorted({point.offset_minutes for event in events for point in date_points(event)
                      if point.offset_minutes})
    for minutes in offsets:
        cal.add_component(_fixed_offset_zone(minutes))
    head: bytes = cal.to_ical()
    return head


def vevent(corpus: Corpus, site: Site, event: Event) -> VEvent:
    """One event: UID from its id, its date span, title, description with its sources."""
    item = VEvent()
    item.add("uid", f"{event.id}@{_uid_domain(site)}")
    item.add("dtstamp", midnight(last_added(corpus, event)))
    start, end = span(event)
    item.add("dtstart", start)
    item.add("dtend", end)
    item.add("summary", event.title)
    item.add("description", description(corpus, event))
    if event.places:
        item.add("location", ", ".join(event.places))
    if event.tags:
        item.add("categories", list(event.tags))
    url = site.absolute(site.event_url(event))
    if url:  # a URL property must be absolute: only when the site's address is known
        item.add("url", url)
    item.add("transp", "TRANSPARENT")  # a record of the past, never busy time
    item.add("x-annals-date", vText(event.when.text))
    item.add("x-annals-precision", vText(precision_name(event)))
    return item


def span(event: Event) -> tuple[date, date] | tuple[datetime, datetime]:
    """DTSTART and DTEND (exclusive): calendar days unless either end is a timestamp."""
    when = event.when
    last = when.end or when.start
    if when.start.precision is not Precision.MINUTE and last.precision is not Precision.MINUTE:
        return when.start.lower.date(), when.upper.date()
    return _moment(when.start, when.start.lower), _moment(last, last.upper)


def description(corpus: Corpus, event: Event) -> str:
    """The event as plain text: date in words (and how coarse it is), summary, sources."""
    label = event.when.label()
    note = COARSE.get(event.when.precision)
    lines = [f"Date: {label}" + (f" ({note})" if note else ""), "", event.summary, "",
             "Sources:"]
    for article in sources(corpus, event):
        lines.append(f"- {article.publisher}: {article.title} "
                     f"({day_words(article.published)})")
        href = safe_href(article.url)
        if href:
            lines.append(f"  {href}")
    return "\n".join(lines)


def _moment(point: DatePoint, instant: datetime) -> datetime:
    """An instant in the offset its timestamp was written with; a plain date's bound in UTC."""
    if not point.offset_minutes:
        return instant.astimezone(UTC)
    return instant.astimezone(timezone(timedelta(minutes=point.offset_minutes)))


def _fixed_offset_zone(minutes: int) -> Timezone:
    """A VTIMEZONE with one unchanging offset, its TZID as Python names it (UTC+09:00)."""
    offset = timedelta(minutes=minutes)
    name = timezone(offset).tzname(None)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", offset)
    standard.add("tzoffsetto", offset)
    standard.add("tzname", name)
    zone = Timezone()
    zone.add("tzid", name)
    zone.add_component(standard)
    return zone


def _uid_domain(site: Site) -> str:
    """The site's host for UIDs (``<event id>@<host>``), else the reserved annals.invalid."""
    if site.base_url:
        return site.base_url.split("/")[2].split(":")[0]
    return "annals.invalid"
