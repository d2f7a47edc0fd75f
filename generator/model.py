"""The validated corpus: frozen dataclasses and the indexes pages are built from. No I/O here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date

    from generator.dates import When


@dataclass(frozen=True, slots=True)
class Topic:
    """A timeline: its id is its file name."""

    id: str
    title: str
    summary: str
    path: str
    region: str = ""
    related: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, state, organisation or system that acts in events."""

    id: str
    name: str
    kind: str
    path: str
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """Where events happen: a name events use, and its coordinates when a source gives them."""

    id: str
    name: str
    precision: str
    path: str
    latitude: float | None = None
    longitude: float | None = None
    geonames: str = ""
    source: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def on_map(self) -> bool:
        """Whether the place has coordinates (a country has none: no point stands for it)."""
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class Tag:
    """One word of the controlled vocabulary."""

    id: str
    description: str


@dataclass(frozen=True, slots=True)
class Translation:
    """An English version of words a source prints in another language, and who made it:
    ``publisher`` (its own English version, at ``url`` if given) or ``curators``."""

    text: str
    by: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    """A short sentence exactly as the source prints it, and who said it."""

    text: str
    by: str
    language: str = ""
    """Its BCP 47 tag: as written on the quote, else its article's ("" when neither says)."""
    translation: Translation | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """A substantive correction a curator made to an event, and what it corrected."""

    day: date
    note: str


@dataclass(frozen=True, slots=True)
class Article:
    """One curated news article; its id is its file name without the extension."""

    id: str
    title: str
    publisher: str
    url: str
    published: date
    added: date
    summary: str
    path: str
    archive_url: str = ""
    dateline: str = ""
    language: str = ""
    authors: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
    title_translation: Translation | None = None
    archived: date | None = None
    """The day ``archive_url`` was captured."""
    gone: date | None = None
    """The day a curator found the original gone: the archived copy is then offered first."""


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event, defined by one article and cited by any number of others."""

    id: str
    when: When
    title: str
    summary: str
    topics: tuple[str, ...]
    path: str
    line: int
    defined_in: str
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sources: tuple[str, ...] = ()
    distinct_from: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()

    def sort_key(self) -> tuple[object, ...]:
        """Lower bound, then coarser precision first, then id: the same order for any input."""
        return (*self.when.sort_key(), self.id)


@dataclass(frozen=True)
class Corpus:
    """Everything the site shows, with the indexes the pages need, built once."""

    topics: Mapping[str, Topic]
    actors: Mapping[str, Actor]
    tags: Mapping[str, Tag]
    articles: Mapping[str, Article]
    events: tuple[Event, ...]
    events_by_id: Mapping[str, Event] = field(default_factory=dict)
    events_by_topic: Mapping[str, tuple[Event, ...]] = field(default_factory=dict)
    events_by_actor: Mapping[str, tuple[Event, ...]] = field(default_factory=dict)
    quotes_by_actor: Mapping[str, tuple[tuple[Event, Quote], ...]] = field(default_factory=dict)
    places: Mapping[str, Place] = field(default_factory=dict)
    """The places registry (content/places/), by id; empty for a site without one."""
    places_by_name: Mapping[str, Place] = field(default_factory=dict)
    """Each place by its name and by each of its aliases: how events name it."""

    @classmethod
    def build(cls, topics: Iterable[Topic], actors: Iterable[Actor], tags: Iterable[Tag],
              articles: Iterable[Article], events: Iterable[Event],
              places: Iterable[Place] = ()) -> Corpus:
        """Sort the events and index them by id, topic and actor, each in one pass."""
        ordered = tuple(sorted(events, key=Event.sort_key))
        by_topic: dict[str, list[Event]] = defaultdict(list)
        by_actor: dict[str, list[Event]] = defaultdict(list)
        quotes: dict[str, list[tuple[Event, Quote]]] = defaultdict(list)
        for event in ordered:
            for topic in event.topics:
                by_topic[topic].append(event)
            for actor in event.actors:
                by_actor[actor].append(event)
            for quote in event.quotes:
                quotes[quote.by].append((event, quote))
        return cls(
            topics=_frozen_by_id(topics),
            actors=_frozen_by_id(actors),
            tags=_frozen_by_id(tags),
            articles=_frozen_by_id(articles),
            events=ordered,
            events_by_id=MappingProxyType({event.id: event for event in ordered}),
            events_by_topic=MappingProxyType({k: tuple(v) for k, v in by_topic.items()}),
            events_by_actor=MappingProxyType({k: tuple(v) for k, v in by_actor.items()}),
            quotes_by_actor=MappingProxyType({k: tuple(v) for k, v in quotes.items()}),
            places=(registry := _frozen_by_id(places)),
            places_by_name=MappingProxyType({name: place for place in registry.values()
                                             for name in (place.name, *place.aliases)}),
        )

    def topic_events(self, topic_id: str) -> tuple[Event, ...]:
        """The events of one topic, in timeline order."""
        return self.events_by_topic.get(topic_id, ())

    def actor_events(self, actor_id: str) -> tuple[Event, ...]:
        """The events one actor takes part in, across topics, in timeline order."""
        return self.events_by_actor.get(actor_id, ())

    def quotes_by(self, actor_id: str) -> list[tuple[Event, Quote]]:
        """Every quote attributed to an actor, with the event it belongs to, in timeline order."""
        return list(self.quotes_by_actor.get(actor_id, ()))

    def event_sources(self, event: Event) -> tuple[Article, ...]:
        """The articles that report an event, oldest first."""
        return tuple(self.articles[source] for source in event.sources)


def group_by_year(events: Iterable[Event]) -> list[tuple[int, list[Event]]]:
    """Group events already in timeline order by the year they start in, as written.

    A timestamp early on 1 January in Seoul is still 31 December in UTC: it belongs to the new
    year for the reader, so years come from the written date while order stays by instant.
    """
    years: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        years[event.when.year].append(event)
    return sorted(years.items())


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


def _frozen_by_id(items: Iterable[_T]) -> Mapping[str, _T]:
    return MappingProxyType({item.id: item for item in sorted(items, key=attrgetter("id"))})
