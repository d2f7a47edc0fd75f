"""Dates as contributors write them (a subset of EDTF) and as readers see them.

A date is written in one canonical, sortable form — ``2015``, ``2015-02``, ``2015-02-05``,
``2017-03-06T23:00+09:00`` — optionally followed by ``~`` (approximate), ``?`` (uncertain) or
``%`` (both), and two of them joined by ``/`` make an interval. It is stored as its bounds plus
its precision, shown in words, and sorted deterministically.

Nothing here looks at today's date: a missing part is never filled in from the clock.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import IntEnum
from functools import lru_cache

from dateutil import parser as dateutil_parser

MIN_YEAR = 1800
MAX_YEAR = 2199
MAX_DATE_CHARS = 60

MONTHS = tuple(calendar.month_name)[1:]


class Precision(IntEnum):
    """How much of a date is known; coarser sorts first among equal lower bounds."""

    YEAR = 0
    MONTH = 1
    DAY = 2
    MINUTE = 3


class DateError(ValueError):
    """A date that cannot be read, with a hint saying how to write it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


_POINT = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?P<offset>Z|[+-]\d{2}:\d{2}))?)?)?"
    r"(?P<qualifier>[~?%])?$",
    re.ASCII,  # \d would also match other scripts' digits, such as fullwidth ２０１５
)


@dataclass(frozen=True, slots=True)
class DatePoint:
    """One end of a date: the instant it starts, the instant after it ends, and how it was given.

    ``lower`` and ``upper`` are UTC; ``upper`` is exclusive (the first instant after the period).
    ``offset_minutes`` is the UTC offset a timestamp was written with, else None.
    """

    text: str
    lower: datetime
    upper: datetime
    precision: Precision
    approximate: bool
    uncertain: bool
    offset_minutes: int | None

    @property
    def local(self) -> datetime:
        """The start as written: in its own offset for a timestamp, else as a UTC day."""
        if self.offset_minutes is None:
            return self.lower
        return self.lower.astimezone(timezone(timedelta(minutes=self.offset_minutes)))


@dataclass(frozen=True, slots=True)
class When:
    """A parsed date or interval, as text, bounds and precision."""

    text: str
    start: DatePoint
    end: DatePoint | None = None

    @property
    def lower(self) -> datetime:
        """The first instant the date may refer to (UTC)."""
        return self.start.lower

    @property
    def upper(self) -> datetime:
        """The first instant after the date (UTC, exclusive)."""
        return (self.end or self.start).upper

    @property
    def precision(self) -> Precision:
        """The precision of the start, which decides where the date sorts."""
        return self.start.precision

    @property
    def year(self) -> int:
        """The year the date starts in, as written (timestamps in their own offset)."""
        start = self.start  # read for every event on every page: the common case made cheap
        return start.lower.year if start.offset_minutes is None else start.local.year

    def sort_key(self) -> tuple[datetime, int]:
        """Lower bound first, then coarser precision first; callers add the id as tie-breaker."""
        return (self.lower, int(self.precision))

    def label(self) -> str:
        """The date in words, e.g. '5 February 2015' or '8–13 July 2016'."""
        if self.end is None:
            return _label_point(self.start)
        return _label_interval(self.start, self.end)

    def iso(self) -> str:
        """The date as written, which is already ISO 8601 / EDTF."""
        return self.text


# A pure function of the text, giving immutable values: a preview re-validates every event on
# each save, and most dates repeat (an article's published and added days, its events' dates).
@lru_cache(maxsize=1 << 17)
def parse_when(text: str) -> When:
    """Parse a date as contributors write it; raise DateError with a hint otherwise."""
    if len(text) > MAX_DATE_CHARS:
        raise DateError(f"date is too long ({len(text)} characters)",
                        "Write one date such as 2015-02-05, or an interval 2016-07-08/2016-07-13.")
    stripped = text.strip()
    if "/" in stripped:
        slashed = _slashed(stripped)
        if slashed is not None:
            raise slashed
        first, _, second = stripped.partition("/")
        try:
            start, end = _parse_point(first), _parse_point(second)
        except DateError as error:
            # Said of the whole value: a contributor wrote one thing, not two.
            raise DateError(f"{stripped!r} is not a date or an interval in the canonical form "
                            f"({error.message})", error.hint) from None
        if end.lower < start.lower or end.upper < start.upper:
            raise DateError(f"interval {stripped!r} ends before it starts",
                            f"Write the earlier date first: {second}/{first}.")
        return When(stripped, start, end)
    return When(stripped, _parse_point(stripped))


def parse_day(text: str) -> date:
    """Parse a plain calendar day (YYYY-MM-DD), as used for publication and curation dates."""
    when = parse_when(text)
    if when.end is not None or when.precision is not Precision.DAY or (
            when.start.approximate or when.start.uncertain):
        raise DateError(f"{text!r} is not a single day", "Write the day as YYYY-MM-DD.")
    return when.lower.date()


def _parse_point(text: str) -> DatePoint:
    match = _POINT.fullmatch(text)
    if not match:
        raise DateError(f"{text!r} is not a date in the canonical form", _suggest(text))
    parts = match.groupdict()
    year = int(parts["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}",
                        "Check the year for a typing mistake.")
    qualifier = parts["qualifier"] or ""
    approximate, uncertain = qualifier in "~%" and bool(qualifier), qualifier in "?%" and bool(
        qualifier)
    if parts["month"] is None:
        lower = datetime(year, 1, 1, tzinfo=UTC)
        return DatePoint(text, lower, datetime(year + 1, 1, 1, tzinfo=UTC),
                         Precision.YEAR, approximate, uncertain, None)
    month = int(parts["month"])
    if not 1 <= month <= 12:
        hint = ("EDTF season codes (21–41) are not supported; write the months as an interval, "
                f"e.g. {year}-03/{year}-05." if 21 <= month <= 41 else
                "Months are numbered 01 to 12.")
        raise DateError(f"{month:02d} is not a month", hint)
    if parts["day"] is None:
        lower = datetime(year, month, 1, tzinfo=UTC)
        upper = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
        return DatePoint(text, lower, upper, Precision.MONTH, approximate, uncertain, None)
    day = int(parts["day"])
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise DateError(f"{MONTHS[month - 1]} {year} has no day {day}",
                        f"It has {days_in_month} days; check the day and the month.")
    if parts["hour"] is None:
        lower = datetime(year, month, day, tzinfo=UTC)
        return DatePoint(text, lower, lower + timedelta(days=1), Precision.DAY, approximate,
                         uncertain, None)
    return _parse_moment(text, parts, year, month, day, approximate, uncertain)


def _parse_moment(text: str, parts: dict[str, str | None], year: int, month: int, day: int,
                  approximate: bool, uncertain: bool) -> DatePoint:
    hour, minute = int(parts["hour"] or 0), int(parts["minute"] or 0)
    second = int(parts["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateError(f"{hour:02d}:{minute:02d} is not a time of day",
                        "Use the 24-hour clock, 00:00 to 23:59.")
    offset_text = parts["offset"] or "Z"
    offset = 0
    if offset_text != "Z":
        sign = -1 if offset_text[0] == "-" else 1
        off_hours, off_minutes = int(offset_text[1:3]), int(offset_text[4:6])
        if off_hours > 14 or off_minutes > 59:
            raise DateError(f"{offset_text} is not a UTC offset",
                            "Offsets run from -12:00 to +14:00, e.g. +09:00 for Seoul.")
        offset = sign * (off_hours * 60 + off_minutes)
    local = datetime(year, month, day, hour, minute, second,
                     tzinfo=timezone(timedelta(minutes=offset)))
    lower = local.astimezone(UTC)
    return DatePoint(text, lower, lower + timedelta(minutes=1), Precision.MINUTE, approximate,
                     uncertain, offset)


_SLASHED = re.compile(r"(\d{1,4})/(\d{1,2})/(\d{1,4})")
_MONTH_WORD = re.compile(r"[^\W\d_]{3}")


def _slashed_readings(text: str) -> list[tuple[str, str]] | None:
    """The days a date written with slashes can be, with the order that reads it so
    ("month first", "day first", or "" for year first); None when it is not such a date, and
    an empty list when the year is not written in full or no reading is a day."""
    found = _SLASHED.fullmatch(text)
    if not found:
        return None
    first, second, third = found.groups()
    if len(first) == 4:
        readings = [(int(first), int(second), int(third), "")]
    elif len(third) == 4:
        readings = [(int(third), int(first), int(second), "month first"),
                    (int(third), int(second), int(first), "day first")]
    else:
        return []
    valid: dict[str, str] = {}
    for year, month, day, order in readings:
        try:
            valid.setdefault(date(year, month, day).isoformat(), order)
        except ValueError:
            continue
    return list(valid.items())


def _slashed(text: str) -> DateError | None:
    """The error for a day written with slashes (11/29/2026, 2026/11/29), with its canonical
    form, or both forms when it reads either way (03/04/2026); None for anything else."""
    readings = _slashed_readings(text)
    if readings is None:
        return None
    message = f"{text!r} is not a date in the canonical form"
    if not readings:
        full = _SLASHED.fullmatch(text)
        short_year = full is not None and all(len(part) < 4 for part in full.groups())
        return DateError(message, "Write the day as YYYY-MM-DD, with the year in full."
                         if short_year else "Write the day as YYYY-MM-DD (e.g. 2015-02-05).")
    if len(readings) == 1:
        return DateError(message, f"Write it as {readings[0][0]}.")
    (one, one_order), (other, other_order) = readings
    return DateError(message, f"It reads as {one} ({one_order}, as in the United States) or "
                              f"{other} ({other_order}): write the one the source means.")


def canonical_date(text: str) -> str | None:
    """The canonical form of a date written another way, when it has only one reading: a day
    with slashes that reads one way only (11/29/2026, 2026/11/29), or words that name the
    month (5 Feb 2015, February 2015). None when the text is canonical already, or could be
    more than one date (03/04/2026, 03.04.2026), or none."""
    stripped = text.strip()
    try:
        parse_when(stripped)
    except DateError:
        pass
    else:
        return None
    readings = _slashed_readings(stripped)
    if readings is not None:
        return readings[0][0] if len(readings) == 1 else None
    # Only a month's name says which number is the day: numbers alone could be either.
    return _written_form(stripped) if _MONTH_WORD.search(stripped) else None


def _written_form(text: str) -> str | None:
    """The canonical form of free-form text, without letting the parser invent parts.

    dateutil fills missing parts from its ``default``; parsing twice with two different defaults
    shows which parts the text really gave.
    """
    try:
        one = dateutil_parser.parse(text, default=datetime(1, 1, 1), dayfirst=True)
        two = dateutil_parser.parse(text, default=datetime(2, 2, 2), dayfirst=True)
    except (ValueError, OverflowError):
        return None
    if one.year != two.year or not MIN_YEAR <= one.year <= MAX_YEAR:
        return None
    if one.month != two.month:
        return f"{one.year:04d}"
    if one.day != two.day:
        return f"{one.year:04d}-{one.month:02d}"
    return f"{one.year:04d}-{one.month:02d}-{one.day:02d}"


def _suggest(text: str) -> str:
    """Suggest the canonical form of free-form text."""
    form = _written_form(text)
    if form is None:
        return "Write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2015-02-05), optionally with ~ or ?."
    return f"Write it as {form}."


def _qualified(point: DatePoint, words: str) -> str:
    if point.approximate:
        words = f"c. {words}"
    if point.uncertain:
        words = f"{words} (uncertain)"
    return words


def _day_words(moment: datetime, precision: Precision) -> str:
    if precision is Precision.YEAR:
        return f"{moment.year}"
    if precision is Precision.MONTH:
        return f"{MONTHS[moment.month - 1]} {moment.year}"
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def _offset_words(minutes: int) -> str:
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _label_point(point: DatePoint) -> str:
    local = point.local
    words = _day_words(local, point.precision)
    if point.precision is Precision.MINUTE and point.offset_minutes is not None:
        words = f"{words}, {local:%H:%M} ({_offset_words(point.offset_minutes)})"
    return _qualified(point, words)


def _label_interval(start: DatePoint, end: DatePoint) -> str:
    plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
    same_precision = start.precision == end.precision and start.precision <= Precision.DAY
    if plain and same_precision:
        first, last = start.lower, end.lower
        if start.precision is Precision.DAY and (first.year, first.month) == (last.year,
                                                                             last.month):
            return f"{first.day}–{last.day} {MONTHS[first.month - 1]} {first.year}"
        if start.precision is Precision.DAY and first.year == last.year:
            return (f"{first.day} {MONTHS[first.month - 1]} – {last.day} "
                    f"{MONTHS[last.month - 1]} {last.year}")
        if start.precision is Precision.MONTH and first.year == last.year:
            return f"{MONTHS[first.month - 1]}–{MONTHS[last.month - 1]} {first.year}"
        if start.precision is Precision.YEAR:
            return f"{first.year}–{last.year}"
    return f"{_label_point(start)} – {_label_point(end)}"
