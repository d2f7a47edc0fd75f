"""The near-duplicate check: the findings of comparing every pair, at a cost linear in events.

The oracle is :func:`generator.duplicates.compare_every_pair`, the definition (every pair in the
window compared), capped as the check caps its warnings: at most ``MAX_LOOKALIKES`` per newer
event, the earliest curated.
"""

from __future__ import annotations

import random
import time
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import duplicates
from generator.dates import parse_when
from generator.duplicates import MAX_LOOKALIKES, compare_every_pair, find_near_duplicates
from generator.model import Article, Corpus, Event, Topic

if TYPE_CHECKING:
    from collections.abc import Sequence

WORDS = ["china", "urges", "us", "thaad", "deploy", "korea", "seoul", "talks", "missile",
         "battery", "protest", "visit"]
FIRST = date(2016, 7, 1)


def when(offset: int) -> str:
    """A day ``offset`` days after FIRST; a negative offset is a moment, -h hours after it
    (in UTC+09:00, so that its day in UTC is not the day it is written with)."""
    if offset >= 0:
        return (FIRST + timedelta(days=offset)).isoformat()
    moment = datetime(2016, 7, 1, tzinfo=timezone(timedelta(hours=9))) + timedelta(hours=-offset)
    return moment.strftime("%Y-%m-%dT%H:%M+09:00")


def corpus_of(items: Sequence[tuple[int, int, str, tuple[int, ...]]], *,
              added: list[int] | None = None) -> Corpus:
    """Events as (article number, day offset (see :func:`when`), title, distinct_from event
    numbers)."""
    topic = Topic("t", "T", "S", "content/topics/t.yml")
    articles: dict[int, Article] = {}
    events = []
    for number, (article_number, offset, title, distinct) in enumerate(items):
        article_id = f"2016-07-01-a{article_number:05d}"
        if article_number not in articles:
            day = (added or [])[article_number] if added and article_number < len(added) else 0
            articles[article_number] = Article(
                article_id, "A", "P", "https://p.example/", FIRST, FIRST + timedelta(days=day),
                "S", f"content/articles/2016/{article_id}.yml")
        events.append(Event(
            f"e{number:06d}", parse_when(when(offset)), title,
            "S", ("t",), f"content/articles/2016/{article_id}.yml", number + 1, article_id,
            sources=(article_id,), distinct_from=tuple(f"e{d:06d}" for d in distinct)))
    reported = [replace(article, event_ids=tuple(e.id for e in events
                                                 if e.defined_in == article.id))
                for article in articles.values()]
    return Corpus.build([topic], [], [], reported, events)


def expected(corpus: Corpus) -> list[tuple[str, str]]:
    """Every pair that looks alike, capped per newer event at the earliest curated."""
    def curated(event_id: str) -> tuple[object, ...]:
        event = corpus.events_by_id[event_id]
        article = corpus.articles[event.defined_in]
        return (article.added, article.path, event.id)

    olders: dict[str, list[str]] = {}
    for newer, older in compare_every_pair(corpus):
        olders.setdefault(newer, []).append(older)
    kept = {(newer, older) for newer, found in olders.items()
            for older in sorted(found, key=curated)[:MAX_LOOKALIKES]}
    return sorted(kept)


def found(corpus: Corpus) -> list[tuple[str, str]]:
    pairs = []
    for warning in find_near_duplicates(corpus):
        newer = warning.message.split("'")[1]
        older = warning.message.split("'")[3]
        pairs.append((newer, older))
    return sorted(pairs)


titles = st.lists(st.sampled_from(WORDS), min_size=0, max_size=6).map(" ".join)
# Days, and moments a few hours apart across several days: the window is exact to the minute.
items = st.lists(st.tuples(st.integers(0, 5), st.integers(-200, 8), titles,
                           st.lists(st.integers(0, 30), max_size=2).map(tuple)),
                 max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items, st.lists(st.integers(0, 3), max_size=6))
def test_same_findings_as_comparing_every_pair(events: list[tuple[int, int, str, tuple[int, ...]]],
                                               added: list[int]) -> None:
    corpus = corpus_of(events, added=added)
    assert found(corpus) == expected(corpus)


def test_same_findings_on_a_seeded_larger_corpus() -> None:
    chance = random.Random(12)
    events = [(chance.randrange(40), chance.randrange(30),
               " ".join(chance.choices(WORDS, k=chance.randrange(1, 8))), ())
              for _ in range(1500)]
    corpus = corpus_of(events, added=[chance.randrange(5) for _ in range(40)])
    assert found(corpus) == expected(corpus)


def test_warnings_keep_the_order_of_comparing_every_pair() -> None:
    corpus = corpus_of([(0, 0, "china urges thaad", ()), (1, 1, "china urges thaad", ()),
                        (2, 2, "china urges thaad now", ())], added=[0, 1, 2])
    warnings = find_near_duplicates(corpus)
    assert [(w.message.split("'")[1], w.message.split("'")[3]) for w in warnings] == [
        ("e000001", "e000000"), ("e000002", "e000000"), ("e000002", "e000001")]


def test_an_event_like_many_others_gets_a_few_warnings_saying_so() -> None:
    corpus = corpus_of([(number, 0, "china urges thaad", ()) for number in range(10)],
                       added=list(range(10)))
    warnings = [w for w in find_near_duplicates(corpus) if "'e000009'" in w.message]
    assert len(warnings) == MAX_LOOKALIKES
    assert [w.message.split("'")[3] for w in warnings] == ["e000000", "e000001", "e000002"]
    assert "only the first 3 are named" in warnings[-1].hint
    assert "only the first" not in warnings[0].hint


def test_look_alike_letters_and_invisible_characters_do_not_hide_a_copy() -> None:
    corpus = corpus_of([(0, 0, "China urges Seoul to halt THAAD", ()),
                        # Cyrillic а, a zero-width space, a soft hyphen, full-width letters
                        (1, 1, "Chinа ur\u200bges Se\u00adoul to halt ＴＨＡＡＤ", ())],
                       added=[0, 1])
    assert found(corpus) == [("e000001", "e000000")]


# --- cost --------------------------------------------------------------------------------------

GUARD = 20.0  # seconds: comparing every pair takes minutes on these; linear work, under two


def _timed(corpus: Corpus) -> float:
    started = time.perf_counter()
    find_near_duplicates(corpus)
    return time.perf_counter() - started


def test_thousands_of_events_on_one_day_in_one_file_are_not_compared_pairwise() -> None:
    corpus = corpus_of([(0, 0, f"Protest number {n} at the site", ()) for n in range(4000)])
    assert _timed(corpus) < GUARD


def test_thousands_of_distinct_titles_sharing_common_words_on_one_day() -> None:
    events = [(n % 16, 0, f"China {n} says", ()) for n in range(8000)]
    events += [(n % 16, 0, f"Korea w{n}", ()) for n in range(8000)]
    assert _timed(corpus_of(events)) < GUARD


def test_thousands_of_copies_of_one_title_in_many_files() -> None:
    corpus = corpus_of([(n, 0, "China urges the US not to deploy THAAD", ())
                        for n in range(4000)])
    started = time.perf_counter()
    warnings = find_near_duplicates(corpus)
    assert time.perf_counter() - started < GUARD
    assert len(warnings) <= MAX_LOOKALIKES * 4000


def test_prefixes_are_long_enough_for_the_threshold() -> None:
    # Two sets of n words at the threshold share ceil(t*n) words at least: the probe prefix
    # must hold n - that + 1 of them.
    assert [duplicates.probe_prefix(n) for n in range(1, 7)] == [1, 2, 2, 3, 3, 4]
    assert [duplicates.index_prefix(n) for n in range(1, 7)] == [1, 1, 2, 2, 2, 3]
