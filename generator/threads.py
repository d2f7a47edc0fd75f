"""Threads a reader can follow: related events and the actors who appear together.

Both are computed in passes over the events' sources and actors, so that their cost grows with
the number of events, never with its square.
"""

from __future__ import annotations

import heapq
from collections import Counter
from typing import TYPE_CHECKING

from generator.model import Event

if TYPE_CHECKING:
    from generator.model import Actor, Corpus

MAX_RELATED = 4
MAX_CO_ACTORS = 6


def related_events(corpus: Corpus) -> dict[str, tuple[Event, ...]]:
    """For each event, up to four others worth reading next.

    First the events reported by the same articles (the reporter saw them together), then the
    previous and next events of the event's most particular actor (the one with the fewest
    events, so that "China" does not tie everything to everything).
    """
    position: dict[tuple[str, str], int] = {}
    for actor_id, events in corpus.events_by_actor.items():
        for index, event in enumerate(events):
            position[(actor_id, event.id)] = index
    # Only the earliest few events of an article can be among an event's first related ones
    # (all are sorted by date and only MAX_RELATED kept): one more than that, in case the event
    # is one of them. An article of thousands of events then costs thousands, not millions.
    earliest: dict[str, list[Event]] = {}
    related: dict[str, tuple[Event, ...]] = {}
    for event in corpus.events:
        found: dict[str, Event] = {}
        for article_id in event.sources:
            if article_id not in earliest:
                reported = (corpus.events_by_id.get(e)
                            for e in corpus.articles[article_id].event_ids)
                earliest[article_id] = heapq.nsmallest(
                    MAX_RELATED + 1, (e for e in reported if e is not None), key=Event.sort_key)
            for other in earliest[article_id]:
                if other.id != event.id:
                    found.setdefault(other.id, other)
        threads = sorted((a for a in event.actors if len(corpus.actor_events(a)) > 1),
                         key=lambda a: (len(corpus.actor_events(a)), a))
        if threads:
            actor_events = corpus.actor_events(threads[0])
            index = position[(threads[0], event.id)]
            for neighbour in (index - 1, index + 1):
                if 0 <= neighbour < len(actor_events):
                    found.setdefault(actor_events[neighbour].id, actor_events[neighbour])
        related[event.id] = tuple(sorted(found.values(), key=lambda e: e.sort_key())[
            :MAX_RELATED])
    return related


def co_actors(corpus: Corpus, actor_id: str) -> list[tuple[Actor, int]]:
    """The actors who appear most often in the same events as ``actor_id``, with counts."""
    counts = Counter(other for event in corpus.actor_events(actor_id)
                     for other in event.actors if other != actor_id)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], corpus.actors[item[0]].name))
    return [(corpus.actors[other], count) for other, count in ranked[:MAX_CO_ACTORS]]
