"""Curation and publication dates: none still to come, none curated before it was published."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest

from generator import clock
from generator.pipeline import check
from tests.conftest import ARTICLE, ARTICLE_PATH, CHECK_DAY

if TYPE_CHECKING:
    from tests.conftest import ContentTree

TODAY = date(2026, 12, 1)


def article_with(minimal: ContentTree, *, published: date, added: date) -> None:
    path = f"articles/{published.year}/{published.isoformat()}-tass-china-urges-us.yml"
    (minimal.root / ARTICLE_PATH).unlink()
    minimal.write(path, ARTICLE.replace("published: 2015-02-05",
                                        f"published: {published.isoformat()}")
                  .replace("added: 2026-11-27", f"added: {added.isoformat()}"))


def codes(minimal: ContentTree, today: date = TODAY) -> list[tuple[int, int, str]]:
    _, diagnostics = check(minimal.root, today=today)
    return [(d.line, d.column, d.code) for d in diagnostics]


@pytest.mark.parametrize("days", [0, 1])
def test_today_and_tomorrow_are_accepted(minimal: ContentTree, days: int) -> None:
    # Tomorrow: a curator east of Greenwich may already be there.
    article_with(minimal, published=date(2015, 2, 5), added=TODAY + timedelta(days=days))
    assert codes(minimal) == []


@pytest.mark.parametrize("added", [TODAY + timedelta(days=2), date(2199, 12, 31)])
def test_an_added_day_still_to_come_is_refused_at_the_day(minimal: ContentTree,
                                                          added: date) -> None:
    article_with(minimal, published=date(2015, 2, 5), added=added)
    _, [diagnostic] = check(minimal.root, today=TODAY)
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (5, 8, "D003")
    assert added.isoformat() in diagnostic.message and "today at the latest" in diagnostic.hint


def test_a_publication_still_to_come_is_refused(minimal: ContentTree) -> None:
    later = TODAY + timedelta(days=30)
    article_with(minimal, published=later, added=later)
    assert (4, 12, "D003") in codes(minimal)


def test_curated_before_published_is_refused(minimal: ContentTree) -> None:
    article_with(minimal, published=date(2015, 2, 5), added=date(2015, 2, 4))
    assert codes(minimal) == [(5, 8, "D004")]


def test_the_day_of_the_check_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.TODAY_VARIABLE, "2030-05-06")
    assert clock.check_day() == date(2030, 5, 6)
    monkeypatch.delenv(clock.TODAY_VARIABLE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert clock.check_day() == date(2023, 11, 14)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert clock.check_day() >= date(2026, 1, 1)  # the machine's clock


def test_tests_check_on_a_fixed_day() -> None:
    assert clock.check_day() == date.fromisoformat(CHECK_DAY)


def test_a_future_added_day_is_refused_by_the_default_clock(minimal: ContentTree) -> None:
    article_with(minimal, published=date(2015, 2, 5),
                 added=date.fromisoformat(CHECK_DAY) + timedelta(days=5))
    _, [diagnostic] = check(minimal.root)
    assert diagnostic.code == "D003"
