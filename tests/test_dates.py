"""Dates: the canonical forms, their words, their order, and the errors for everything else."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from generator.dates import DateError, Precision, parse_day, parse_when


@pytest.mark.parametrize(("text", "words"), [
    ("2015", "2015"),
    ("2015-02", "February 2015"),
    ("2015-02-05", "5 February 2015"),
    ("2017-03-06T23:00+09:00", "6 March 2017, 23:00 (UTC+9)"),
    ("2017-03-06T23:00Z", "6 March 2017, 23:00 (UTC)"),
    ("2017-03-06T23:00+05:30", "6 March 2017, 23:00 (UTC+5:30)"),
    ("2015-02~", "c. February 2015"),
    ("2016?", "2016 (uncertain)"),
    ("2016%", "c. 2016 (uncertain)"),
    ("2016-07-08/2016-07-13", "8–13 July 2016"),
    ("2016-07-30/2016-08-02", "30 July – 2 August 2016"),
    ("2016-12-30/2017-01-02", "30 December 2016 – 2 January 2017"),
    ("2016-07/2016-09", "July–September 2016"),
    ("2015/2016", "2015–2016"),
    ("2016-07~/2016-09", "c. July 2016 – September 2016"),
])
def test_shown_in_words(text: str, words: str) -> None:
    assert parse_when(text).label() == words


@pytest.mark.parametrize(("text", "precision"), [
    ("2015", Precision.YEAR), ("2015-02", Precision.MONTH), ("2015-02-05", Precision.DAY),
    ("2017-03-06T23:00+09:00", Precision.MINUTE),
])
def test_precision(text: str, precision: Precision) -> None:
    assert parse_when(text).precision is precision


def test_stored_as_bounds() -> None:
    when = parse_when("2015-02")
    assert when.lower == datetime(2015, 2, 1, tzinfo=UTC)
    assert when.upper == datetime(2015, 3, 1, tzinfo=UTC)
    december = parse_when("2015-12")
    assert december.upper == datetime(2016, 1, 1, tzinfo=UTC)


def test_timestamp_bounds_are_utc() -> None:
    when = parse_when("2017-03-06T23:00+09:00")
    assert when.lower == datetime(2017, 3, 6, 14, 0, tzinfo=UTC)
    assert when.year == 2017


def test_interval_bounds_span_both_ends() -> None:
    when = parse_when("2016-07-08/2016-07-13")
    assert when.lower == datetime(2016, 7, 8, tzinfo=UTC)
    assert when.upper == datetime(2016, 7, 14, tzinfo=UTC)


def test_sort_is_lower_bound_then_coarser_first() -> None:
    texts = ["2015-02-05", "2015", "2015-02", "2015-02-05T10:00+09:00", "2014-12-31",
             "2015-01-01"]
    keys = sorted(texts, key=lambda t: parse_when(t).sort_key())
    assert keys == ["2014-12-31", "2015", "2015-01-01", "2015-02", "2015-02-05",
                    "2015-02-05T10:00+09:00"]


def test_sort_is_the_same_whatever_the_input_order() -> None:
    texts = ["2016?", "2016-07-08/2016-07-13", "2016-07", "2016-07-08", "2016-07-08T09:00Z"]
    # Events add their id as the last key; here the text stands in for it.
    expected = sorted(texts, key=lambda t: (*parse_when(t).sort_key(), t))
    for seed in range(5):
        shuffled = texts[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=lambda t: (*parse_when(t).sort_key(), t)) == expected


def test_mixed_timestamps_and_days_sort_without_error() -> None:
    texts = ["2017-03-06T23:00+09:00", "2017-03-06", "2017-03-06T01:00-05:00"]
    ordered = sorted(texts, key=lambda t: parse_when(t).sort_key())
    # 01:00 at UTC-5 is 06:00 UTC, before 23:00 at UTC+9 (14:00 UTC); the day starts at 00:00.
    assert ordered == ["2017-03-06", "2017-03-06T01:00-05:00", "2017-03-06T23:00+09:00"]


@pytest.mark.parametrize(("text", "message", "hint"), [
    ("5 Feb 2015", "'5 Feb 2015' is not a date in the canonical form", "Write it as 2015-02-05."),
    ("February 2015", "'February 2015' is not a date in the canonical form",
     "Write it as 2015-02."),
    ("Feb 5", "'Feb 5' is not a date in the canonical form",
     "Write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2015-02-05), optionally with ~ or ?."),
    ("2015-02-30", "February 2015 has no day 30", "It has 28 days; check the day and the month."),
    ("2015-13", "13 is not a month", "Months are numbered 01 to 12."),
    ("2015-21", "21 is not a month",
     "EDTF season codes (21–41) are not supported; write the months as an interval, "
     "e.g. 2015-03/2015-05."),
    ("0015-02-05", "year 15 is outside 1800–2199", "Check the year for a typing mistake."),
    ("2016-07-13/2016-07-08", "interval '2016-07-13/2016-07-08' ends before it starts",
     "Write the earlier date first: 2016-07-08/2016-07-13."),
    ("2017-03-06T25:00+09:00", "25:00 is not a time of day",
     "Use the 24-hour clock, 00:00 to 23:59."),
    ("2017-03-06T23:00+15:00", "+15:00 is not a UTC offset",
     "Offsets run from -12:00 to +14:00, e.g. +09:00 for Seoul."),
])
def test_rejected_with_hint(text: str, message: str, hint: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_when(text)
    assert (caught.value.message, caught.value.hint) == (message, hint)


def test_over_long_text_is_rejected_without_parsing() -> None:
    with pytest.raises(DateError, match="too long"):
        parse_when("2015-02-05" * 100)


def test_missing_parts_are_never_filled_from_today() -> None:
    # dateutil alone would answer the 27th for "February 2015" on the 27th of a month.
    with pytest.raises(DateError) as caught:
        parse_when("February 2015")
    assert "2015-02." in caught.value.hint
    assert "2015-02-" not in caught.value.hint


def test_parse_day_accepts_only_a_plain_day() -> None:
    assert parse_day("2015-02-05").isoformat() == "2015-02-05"
    for text in ("2015-02", "2015-02-05~", "2015-02-05/2015-02-06"):
        with pytest.raises(DateError):
            parse_day(text)
