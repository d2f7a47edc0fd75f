"""Warn when a newly curated event looks like one already on a timeline.

Two events look alike when their dates are within a few days of each other and the words of
their titles mostly overlap. Only events dated to the day (or the minute) are compared: a month
or a year is too coarse to say two events coincide. Events are compared in a sliding window over
their dates, so the cost grows with the number of events, not with its square.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from generator.dates import Precision
from generator.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from generator.model import Corpus, Event

WINDOW = timedelta(days=3)
THRESHOLD = 0.5
_STOP_WORDS = frozenset({"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in",
                         "into", "is", "its", "it", "of", "on", "over", "s", "the", "to",
                         "with"})


def title_words(title: str) -> frozenset[str]:
    """The words of a title that carry meaning, lower-cased."""
    return frozenset(w for w in re.findall(r"\w+", title.casefold()) if w not in _STOP_WORDS)


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """The share of words two titles have in common (Jaccard index)."""
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def find_near_duplicates(corpus: Corpus) -> list[Diagnostic]:
    """A W001 warning on the newer event of each pair that looks alike."""
    dated = [event for event in corpus.events if event.when.precision >= Precision.DAY]
    words = {event.id: title_words(event.title) for event in dated}
    warnings: list[Diagnostic] = []
    for index, event in enumerate(dated):
        # Indexes, not a slice: a slice would copy the rest of the list for every event.
        for later in range(index + 1, len(dated)):
            other = dated[later]
            if other.when.lower - event.when.lower > WINDOW:
                break
            if (event.defined_in == other.defined_in or event.id in other.distinct_from
                    or other.id in event.distinct_from):
                continue
            if similarity(words[event.id], words[other.id]) >= THRESHOLD:
                older, newer = sorted((event, other), key=lambda e: _curated(corpus, e))
                warnings.append(_warning(newer, older))
    return warnings


def _curated(corpus: Corpus, event: Event) -> tuple[object, ...]:
    article = corpus.articles[event.defined_in]
    return (article.added, article.path, event.id)


def _warning(newer: Event, older: Event) -> Diagnostic:
    return Diagnostic(
        newer.path, newer.line, 5, "W001",
        f"event {newer.id!r} looks like {older.id!r} ({older.when.label()}: {older.title!r}, "
        f"defined in {older.path}:{older.line})",
        f"If it is the same event, replace it with '- ref: {older.id}'; if not, add "
        f"'distinct_from: [{older.id}]' to it.",
        Severity.WARNING)
