"""Hostile dates: each refused at its position with a fix, or sorted without error."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from generator.pipeline import build
from tests.conftest import ARTICLE, ARTICLE_PATH
from tests.hostile.timing import check_promptly

if TYPE_CHECKING:
    from tests.conftest import ContentTree


@pytest.mark.parametrize(("date", "code", "message"), [
    ("2015-02-30", "D002", "event date February 2015 has no day 30"),
    ("2015-02-29", "D002", "event date February 2015 has no day 29"),
    ("2016-04-31", "D002", "event date April 2016 has no day 31"),
    ("2016-07-13/2016-07-08", "D002",
     "event date interval '2016-07-13/2016-07-08' ends before it starts"),
    ("9999-01-01", "D002", "event date year 9999 is outside 1800–2199"),
    ("0000", "D002", "event date year 0 is outside 1800–2199"),
    ("2015-24", "D002", "event date 24 is not a month"),
    ("2015-00-10", "D002", "event date 00 is not a month"),
    ("2015-02-05T24:00+09:00", "D002", "event date 24:00 is not a time of day"),
    ("2015-02-05" * 7, "S006", "event 1 field 'date' is too long (70 characters; at most 60)"),
    ("2015-02-05/2015-02-06/2015-02-07", "D002",
     "event date '2015-02-05/2015-02-06/2015-02-07' is not a date or an interval in the "
     "canonical form ('2015-02-06/2015-02-07' is not a date in the canonical form)"),
    ("+2015", "D002", "event date '+2015' is not a date in the canonical form"),
    ("２０１５", "D002", "event date '２０１５' is not a date in the canonical form"),
])
def test_bad_dates_are_reported_at_the_date(minimal: ContentTree, date: str, code: str,
                                            message: str) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("date: 2015-02-05", f'date: "{date}"'))
    _, [diagnostic] = check_promptly(minimal.root)
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (9, 11, code)
    assert diagnostic.message == message


def test_season_code_gets_a_hint(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("date: 2015-02-05", "date: 2015-22"))
    _, [diagnostic] = check_promptly(minimal.root)
    assert "season codes" in diagnostic.hint


def test_timestamps_and_days_mixed_in_one_topic_sort_without_error(
        minimal: ContentTree) -> None:
    extra = "".join(
        f"  - id: {event_id}\n    date: {date}\n    title: T\n    summary: S\n"
        f"    topics: [thaad]\n"
        for event_id, date in [("late-seoul", "2015-02-05T23:00+09:00"),
                               ("early-new-york", "2015-02-04T23:00-05:00"),
                               ("month", "2015-02"), ("uncertain-year", "2015?"),
                               ("interval", "2015-02-04/2015-02-06")])
    minimal.write(ARTICLE_PATH, ARTICLE + extra)
    _, diagnostics = check_promptly(minimal.root)
    assert diagnostics == []
    page = build(minimal.root).pages["topics/thaad.md"].body
    order = re.findall(r'<h3 id="([^"]+)"', page)
    # 23:00 at UTC-5 on the 4th is 04:00 UTC on the 5th; 23:00 at UTC+9 on the 5th is 14:00 UTC.
    assert order == ["uncertain-year", "month", "interval", "2015-02-05-china-urges-us",
                     "early-new-york", "late-seoul"]
