"""Warn when a newly curated event looks like one already on a timeline.

Two events look alike when their dates are within a few days of each other and the words of
their titles mostly overlap (Jaccard index at least :data:`THRESHOLD`). Only events dated to the
day (or the minute) are compared: a month or a year is too coarse to say two events coincide.

The cost grows with the events, not with their square, even when thousands share one day. No
pair is compared unless the two titles share a word that is among the *rarest* of each (prefix
filtering, as in Chaudhuri, Ganti and Kaushik 2006, and Bayardo, Ma and Srikant 2007): if two
sets of words reach the threshold, the first word they share, in an order of words from rarest
to most common, is among the first few of both. So words too common to tell titles apart are
never looked up, and the findings are exactly those of comparing every pair. Each event then
looks only at events curated before it, oldest first, and stops after :data:`MAX_LOOKALIKES`
findings: thousands of copies of one title give a few warnings each, not millions.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

from generator.dates import Precision
from generator.diagnostics import Diagnostic, Severity
from generator.lookalike import skeleton

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from generator.model import Corpus, Event

WINDOW = timedelta(days=3)
THRESHOLD = 0.5
MAX_LOOKALIKES = 3
"""The most W001 warnings one event gets: the earliest curated events it looks like. One more
sentence says when there are others; a bulk import of copies cannot flood the check's output."""
_STOP_WORDS = frozenset({"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in",
                         "into", "is", "its", "it", "of", "on", "over", "s", "the", "to",
                         "with"})


def title_words(title: str) -> frozenset[str]:
    """The words of a title that carry meaning, lower-cased, each as it looks (its
    :func:`~generator.lookalike.skeleton`): an invisible character or a look-alike letter
    does not make two titles' words differ."""
    return frozenset(w for w in re.findall(r"\w+", skeleton(title)) if w not in _STOP_WORDS)


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """The share of words two titles have in common (Jaccard index)."""
    union = first | second
    return len(first & second) / len(union) if union else 0.0


_T = Fraction(THRESHOLD)


def probe_prefix(size: int) -> int:
    """How many of a title's rarest words hold a word shared with any title it looks like:
    a pair at the threshold shares at least ``THRESHOLD * size`` words."""
    return size - math.ceil(_T * size) + 1


def index_prefix(size: int) -> int:
    """How many of a title's rarest words hold a word shared with any title at least as long
    that it looks like: such a pair shares at least ``2t / (1 + t) * size`` words."""
    return size - math.ceil(2 * _T / (1 + _T) * size) + 1


@dataclass(frozen=True, slots=True)
class _Entry:
    """One dated event as the check sees it: its rank in curation order, its words rarest
    first, where it sits in timeline order."""

    rank: int
    order: int
    event: Event
    words: tuple[str, ...]
    wordset: frozenset[str]


class _Postings:
    """Events listed under one key, in curation order. One article's events are contiguous
    (curation order sorts by article first), so an event's own article is skipped in one step
    however many events it holds."""

    __slots__ = ("entries", "run_end", "run_start")

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.run_start: list[int] = []
        self.run_end: dict[int, int] = {}

    def add(self, entry: _Entry) -> None:
        """Append an entry curated after every entry already here."""
        entries = self.entries
        if entries and entries[-1].event.defined_in == entry.event.defined_in:
            start = self.run_start[-1]
        else:
            start = len(entries)
        self.run_start.append(start)
        entries.append(entry)
        self.run_end[start] = len(entries)

    def older_than(self, probe: _Entry) -> Iterator[_Entry]:
        """The entries curated before ``probe`` and within its window, oldest first, but
        those of ``probe``'s own article."""
        index, entries = 0, self.entries
        lower = probe.event.when.lower
        while index < len(entries):
            entry = entries[index]
            if entry.rank >= probe.rank:
                return
            if entry.event.defined_in == probe.event.defined_in:
                index = self.run_end[self.run_start[index]]
                continue
            if abs(entry.event.when.lower - lower) <= WINDOW:
                yield entry
            index += 1


Index = dict[tuple[str, int], dict[int, _Postings]]
"""Events by (word, day), then by the number of words of their titles."""


def _add(index: Index, words: Sequence[str], entry: _Entry) -> None:
    day = entry.event.when.lower.toordinal()
    for word in words:
        by_size = index.setdefault((word, day), {})
        postings = by_size.get(len(entry.words))
        if postings is None:
            postings = by_size[len(entry.words)] = _Postings()
        postings.add(entry)


def find_near_duplicates(corpus: Corpus) -> list[Diagnostic]:
    """A W001 warning on the newer event of each pair that looks alike (at most
    :data:`MAX_LOOKALIKES` per event), in timeline order of the pairs."""
    dated = [(order, event) for order, event in enumerate(corpus.events)
             if event.when.precision >= Precision.DAY]
    words = {event.id: title_words(event.title) for _, event in dated}
    frequency = Counter(word for found in words.values() for word in found)
    curated = sorted(dated, key=lambda item: _curated(corpus, item[1]))
    entries = [
        _Entry(rank, order, event,
               tuple(sorted(words[event.id], key=lambda w: (frequency[w], w))), words[event.id])
        for rank, (order, event) in enumerate(curated)]
    # Whole prefixes, found by the probes of shorter titles, and index prefixes, found by
    # those of titles as long or longer.
    whole: Index = {}
    short: Index = {}
    for entry in entries:
        _add(whole, entry.words[:probe_prefix(len(entry.words))], entry)
        _add(short, entry.words[:index_prefix(len(entry.words))], entry)
    found: list[tuple[int, int, Diagnostic]] = []
    for entry in entries:
        matches = _lookalikes(entry, whole, short)
        for number, older in enumerate(matches[:MAX_LOOKALIKES], start=1):
            more = number == MAX_LOOKALIKES and len(matches) > MAX_LOOKALIKES
            found.append((min(entry.order, older.order), max(entry.order, older.order),
                          _warning(entry.event, older.event, more=more)))
    found.sort(key=lambda item: (item[0], item[1]))
    return [warning for *_, warning in found]


def _lookalikes(entry: _Entry, whole: Index, short: Index) -> list[_Entry]:
    """Up to one more than :data:`MAX_LOOKALIKES` events curated before ``entry`` that look
    like it, oldest first."""
    size = len(entry.words)
    if not size:
        return []
    event = entry.event
    day = event.when.lower.toordinal()
    # A pair at the threshold has sizes within a factor 1/t of each other.
    fewest, most = math.ceil(_T * size), math.floor(size / _T)
    streams: list[Iterator[_Entry]] = []
    for offset in range(-WINDOW.days, WINDOW.days + 1):
        for word in entry.words[:probe_prefix(size)]:
            for other_size, postings in short.get((word, day + offset), {}).items():
                if fewest <= other_size <= size:
                    streams.append(postings.older_than(entry))
        for word in entry.words[:index_prefix(size)]:
            for other_size, postings in whole.get((word, day + offset), {}).items():
                if size < other_size <= most:
                    streams.append(postings.older_than(entry))
    matches: list[_Entry] = []
    seen: set[int] = set()
    for other in heapq.merge(*streams, key=lambda o: o.rank):
        if other.rank in seen:
            continue
        seen.add(other.rank)
        if event.id in other.event.distinct_from or other.event.id in event.distinct_from:
            continue
        if similarity(entry.wordset, other.wordset) >= THRESHOLD:
            matches.append(other)
            if len(matches) > MAX_LOOKALIKES:
                break
    return matches


def _curated(corpus: Corpus, event: Event) -> tuple[object, ...]:
    article = corpus.articles[event.defined_in]
    return (article.added, article.path, event.id)


def _warning(newer: Event, older: Event, *, more: bool = False) -> Diagnostic:
    others = (f" It looks like other events too; only the first {MAX_LOOKALIKES} are named."
              if more else "")
    return Diagnostic(
        newer.path, newer.line, 5, "W001",
        f"event {newer.id!r} looks like {older.id!r} ({older.when.label()}: {older.title!r}, "
        f"defined in {older.path}:{older.line})",
        f"If it is the same event, replace it with '- ref: {older.id}'; if not, add "
        f"'distinct_from: [{older.id}]' to it.{others}",
        Severity.WARNING)


def compare_every_pair(corpus: Corpus) -> Sequence[tuple[str, str]]:
    """(newer, older) ids of every pair that looks alike, by comparing every pair in the
    window: the definition :func:`find_near_duplicates` computes faster (for tests and the
    benchmark; quadratic when many events share a day)."""
    dated = [event for event in corpus.events if event.when.precision >= Precision.DAY]
    words = {event.id: title_words(event.title) for event in dated}
    pairs: list[tuple[str, str]] = []
    for index, event in enumerate(dated):
        for later in range(index + 1, len(dated)):
            other = dated[later]
            if other.when.lower - event.when.lower > WINDOW:
                break
            if (event.defined_in == other.defined_in or event.id in other.distinct_from
                    or other.id in event.distinct_from):
                continue
            if similarity(words[event.id], words[other.id]) >= THRESHOLD:
                older, newer = sorted((event, other), key=lambda e: _curated(corpus, e))
                pairs.append((newer.id, older.id))
    return pairs
