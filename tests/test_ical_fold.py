"""The calendars' own folding of content lines gives what icalendar's gives, byte for byte."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Event as VEvent
from icalendar.parser import content_line

from generator.exports.ical import FOLD_AT, fold, serialised

Contentline: Any = content_line.Contentline  # untyped

# Text around the fold's edge: multi-byte characters, and the escapes a fold must not split.
TEXT = st.text(alphabet=st.sampled_from("ab ;,\\^:é€한𝄞\t"), max_size=400)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_a_line_folds_as_icalendar_folds_it(text: str) -> None:
    line = Contentline(f"DESCRIPTION:{text}")
    assert fold(line) == line.to_ical()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=40), max_size=4))
def test_an_event_serialises_as_icalendar_serialises_it(summary: str, tags: list[str]) -> None:
    item = VEvent()
    item.add("uid", "e@annals.invalid")
    item.add("summary", summary)
    item.add("description", summary * 3)
    if tags:
        item.add("categories", tags)
    assert serialised(item) == item.to_ical()


@pytest.mark.parametrize("before", [60, 61, 62])
@pytest.mark.parametrize("escape", ["\\", "^", "é", "𝄞"])
def test_the_fold_never_parts_an_escape_or_a_character(before: int, escape: str) -> None:
    # At these lengths the fold falls just before, on or after the escape or the character.
    line = Contentline(f"DESCRIPTION:{'a' * before}{escape}{'b' * 80}")
    assert fold(line) == line.to_ical()


def test_folded_lines_are_within_the_limit_and_unfold_to_the_line() -> None:
    line = "DESCRIPTION:" + "한국어 문장과 \\, 쉼표 " * 40
    folded = fold(line).split(b"\r\n")
    assert len(folded) > 1
    assert all(len(part) < FOLD_AT for part in folded[:1])
    assert all(len(part) <= FOLD_AT and part.startswith(b" ") for part in folded[1:])
    assert b"".join([folded[0], *(part[1:] for part in folded[1:])]).decode() == line
