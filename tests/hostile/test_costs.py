"""Cost linear in what a contributor controls: events per file, citations per event, actors
per event. Generous guards (a hang or a quadratic blow-up, not a performance target); the
figures are in ``make bench``."""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING

from generator.model import Event
from generator.pipeline import build, check
from generator.threads import MAX_RELATED, related_events
from tests.conftest import ARTICLE, ARTICLE_PATH
from tests.hostile.test_duplicates import corpus_of

if TYPE_CHECKING:
    from generator.model import Corpus
    from tests.conftest import ContentTree

GUARD = 60.0  # seconds; each of these is a second or two of linear work
HEAD = ARTICLE.split("events:")[0]


def related_by_comparing_all(corpus: Corpus) -> dict[str, tuple[Event, ...]]:
    """The definition: every event of the same articles, then the actor's neighbours (the
    actor part is not what changed; these corpora have no actors)."""
    related = {}
    for event in corpus.events:
        found: dict[str, Event] = {}
        for article_id in event.sources:
            for other_id in corpus.articles[article_id].event_ids:
                other = corpus.events_by_id.get(other_id)
                if other is not None and other.id != event.id:
                    found.setdefault(other.id, other)
        related[event.id] = tuple(sorted(found.values(), key=Event.sort_key)[:MAX_RELATED])
    return related


def test_related_events_are_those_of_comparing_all() -> None:
    chance = random.Random(7)
    for _ in range(30):
        events = [(chance.randrange(6), chance.randrange(-50, 20), "t", ())
                  for _ in range(chance.randrange(1, 60))]
        corpus = corpus_of(events)
        assert related_events(corpus) == related_by_comparing_all(corpus)


def test_an_article_of_thousands_of_events_builds_in_linear_time(tree: ContentTree) -> None:
    tree.write("tags.yml", "tags:\n  t: A tag.\n")
    tree.write("topics/thaad.yml", "title: T\nsummary: S.\n")
    events = "".join(f"  - id: e-{n}\n    date: 2015-02-05\n    title: Incident {n} z{n}\n"
                     f"    summary: S.\n    topics: [thaad]\n" for n in range(1800))
    tree.write(ARTICLE_PATH, HEAD + "events:\n" + events)
    started = time.perf_counter()
    result = build(tree.root)
    assert time.perf_counter() - started < GUARD
    assert result.ok and len(result.corpus.events) == 1800


def test_an_event_cited_by_thousands_of_articles_is_checked_in_linear_time(
        minimal: ContentTree) -> None:
    for number in range(3000):
        minimal.write(f"articles/2015/2015-02-06-r-{number}.yml",
                      HEAD.replace("2015-02-05\nadded", "2015-02-06\nadded")
                      + "events:\n  - ref: 2015-02-05-china-urges-us\n")
    started = time.perf_counter()
    corpus, diagnostics = check(minimal.root)
    assert time.perf_counter() - started < GUARD
    assert diagnostics == [] and len(corpus.events[0].sources) == 3001


def test_an_event_names_at_most_fifty_actors(minimal: ContentTree) -> None:
    # Each actor's page ranks the actors who act with it: an event of A actors costs A².
    actors = ", ".join(f"a{n}" for n in range(51))
    minimal.write(ARTICLE_PATH, ARTICLE.replace("actors: [hong-lei]", f"actors: [{actors}]"))
    _, [diagnostic] = check(minimal.root)
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (13, 13, "S010")
