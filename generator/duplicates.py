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
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction
from functools import cache, lru_cache
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


@lru_cache(maxsize=1 << 17)
def title_words(title: str) -> frozenset[str]:
    """The words of a title that carry meaning, lower-cased, each as it looks (its
    :func:`~generator.lookalike.skeleton`): an invisible character or a look-alike letter
    does not make two titles' words differ. Remembered: a preview's check asks again for every
    title at every save."""
    return frozenset(w for w in re.findall(r"\w+", skeleton(title)) if w not in _STOP_WORDS)


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """The share of words two titles have in common (Jaccard index)."""
    union = first | second
    return len(first & second) / len(union) if union else 0.0


# The threshold as a fraction p/q, for exact integer arithmetic below.
_P, _Q = Fraction(THRESHOLD).limit_denominator(1000).as_integer_ratio()


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


@cache
def probe_prefix(size: int) -> int:
    """How many of a title's rarest words hold a word shared with any title it looks like:
    a pair at the threshold shares at least ``THRESHOLD * size`` words."""
    return size - _ceil_div(_P * size, _Q) + 1


@cache
def index_prefix(size: int) -> int:
    """How many of a title's rarest words hold a word shared with any title at least as long
    that it looks like: such a pair shares at least ``2t / (1 + t) * size`` words."""
    return size - _ceil_div(2 * _P * size, _Q + _P) + 1


_SPAN = WINDOW.days + 1
"""Days per bucket of the index: a window of a few days either side of a day lies within the
bucket of that day and the two beside it."""


@dataclass(frozen=True, slots=True)
class _Entry:
    """One dated event as the check sees it: its rank in curation order, where it sits in
    timeline order, its words, and those of its prefixes that another title has too (a word
    of this title only cannot be shared, so it is neither indexed nor looked up)."""

    rank: int
    order: int
    event: Event
    wordset: frozenset[str]
    probe: tuple[str, ...]
    index: tuple[str, ...]

    @classmethod
    def of(cls, rank: int, order: int, event: Event, words: frozenset[str],
           frequency: Counter[str]) -> _Entry:
        """The entry of an event whose title has ``words``; ``frequency`` counts the titles
        that hold each word."""
        rarest = sorted(words, key=lambda w: (frequency[w], w))
        size = len(rarest)
        return cls(rank, order, event, words,
                   tuple(w for w in rarest[:probe_prefix(size)] if frequency[w] > 1),
                   tuple(w for w in rarest[:index_prefix(size)] if frequency[w] > 1))


def _older(postings: list[_Entry], probe: _Entry, before: int) -> Iterator[_Entry]:
    """The entries of ``postings`` (in curation order) ranked before ``before`` and within the
    probe's window, oldest first.

    ``before`` is the rank of the first event of the probe's article: an article's events are
    contiguous in curation order (it sorts by article first), so the events ranked between it
    and the probe are the probe's own article's, which are never compared, however many.
    """
    lower = probe.event.when.lower
    for entry in postings:
        if entry.rank >= before:
            return
        if abs(entry.event.when.lower - lower) <= WINDOW:
            yield entry


Index = dict[tuple[str, int], dict[int, list[_Entry]]]
"""Events by (word, bucket of days), then by the number of words of their titles, each list in
curation order."""


def _add(index: Index, words: Sequence[str], entry: _Entry) -> None:
    bucket = entry.event.when.lower.toordinal() // _SPAN
    size = len(entry.wordset)
    for word in words:
        by_size = index.setdefault((word, bucket), {})
        postings = by_size.get(size)
        if postings is None:
            by_size[size] = [entry]
        else:
            postings.append(entry)


@dataclass
class DuplicateMemo:
    """The last check's findings, kept by a preview: most edits (a summary, a quote, a source)
    change nothing the check reads, and then its findings are the same."""

    inputs: tuple[object, ...] | None = None
    found: tuple[Diagnostic, ...] = ()


def _inputs(corpus: Corpus) -> tuple[object, ...]:
    """Everything :func:`find_near_duplicates` reads of a corpus, in the corpus' order."""
    articles = corpus.articles
    return tuple((event.id, event.title, event.when, event.distinct_from, event.defined_in,
                  event.path, event.line, articles[event.defined_in].added,
                  articles[event.defined_in].path) for event in corpus.events)


def find_near_duplicates(corpus: Corpus, memo: DuplicateMemo | None = None
                         ) -> list[Diagnostic]:
    """A W001 warning on the newer event of each pair that looks alike (at most
    :data:`MAX_LOOKALIKES` per event), in timeline order of the pairs.

    With a ``memo`` of the last call, a corpus whose titles, dates, places in the files and
    curation order are the same as then gives the same warnings without looking again.
    """
    if memo is None:
        return _find(corpus)
    inputs = _inputs(corpus)
    if inputs != memo.inputs:
        memo.inputs, memo.found = inputs, tuple(_find(corpus))
    return list(memo.found)


def _find(corpus: Corpus) -> list[Diagnostic]:
    dated = [(order, event) for order, event in enumerate(corpus.events)
             if event.when.precision >= Precision.DAY]
    words = {event.id: title_words(event.title) for _, event in dated}
    frequency = Counter(word for found in words.values() for word in found)
    curated = sorted(dated, key=lambda item: _curated(corpus, item[1]))
    entries = [_Entry.of(rank, order, event, words[event.id], frequency)
               for rank, (order, event) in enumerate(curated)]
    # Whole prefixes, found by the probes of shorter titles, and index prefixes, found by
    # those of titles as long or longer.
    whole: Index = {}
    short: Index = {}
    for entry in entries:
        _add(whole, entry.probe, entry)
        _add(short, entry.index, entry)
    first_of_article: dict[str, int] = {}
    for entry in entries:
        first_of_article.setdefault(entry.event.defined_in, entry.rank)
    found: list[tuple[int, int, Diagnostic]] = []
    for entry in entries:
        matches = _lookalikes(entry, whole, short, first_of_article[entry.event.defined_in])
        for number, older in enumerate(matches[:MAX_LOOKALIKES], start=1):
            more = number == MAX_LOOKALIKES and len(matches) > MAX_LOOKALIKES
            found.append((min(entry.order, older.order), max(entry.order, older.order),
                          _warning(entry.event, older.event, more=more)))
    found.sort(key=lambda item: (item[0], item[1]))
    return [warning for *_, warning in found]


def _lookalikes(entry: _Entry, whole: Index, short: Index, before: int) -> list[_Entry]:
    """Up to one more than :data:`MAX_LOOKALIKES` events curated before ``entry``'s article
    (rank ``before``) that look like it, oldest first."""
    size = len(entry.wordset)
    if not entry.probe:
        return []  # no word of its rarest is in another title: it looks like none
    event = entry.event
    bucket = event.when.lower.toordinal() // _SPAN
    # A pair at the threshold has sizes within a factor 1/t of each other.
    fewest, most = _ceil_div(_P * size, _Q), size * _Q // _P
    streams: list[Iterator[_Entry]] = []
    for near in (bucket - 1, bucket, bucket + 1):
        for word in entry.probe:
            for other_size, postings in short.get((word, near), {}).items():
                if fewest <= other_size <= size:
                    streams.append(_older(postings, entry, before))
        for word in entry.index:
            for other_size, postings in whole.get((word, near), {}).items():
                if size < other_size <= most:
                    streams.append(_older(postings, entry, before))
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
