"""The view of a page's map of places: what the map and the list beside it show (frozen data),
built from the corpus's places registry; the drawing itself is :mod:`generator.mapping`'s.

A topic's overview maps the places of its events, each linking to the page filtered by it (the
filter's own URL, ``?place=…``: the script selects the place without leaving the page); the
home page maps the places of every topic, each linking to the topic with the most events there.
A page shows at most :data:`MAX_PLACES` places, the busiest, so its map costs the same whatever
the number of events; places without coordinates, and those outside the region drawn, are
listed beside the map, never guessed onto it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator import urls
from generator.mapping import SHAPES_SOURCE, Spot, frame_for, place_map

if TYPE_CHECKING:
    from collections.abc import Sequence

    from generator.model import Corpus, Event, Place

MAX_PLACES = 40
"""Places a page's map and list show (the busiest); the filter offers every place."""

BORDERS = ("Borders as Natural Earth draws them (1:50m, version 4.1.0): by who controls a "
           "territory on the ground (de facto), not by any claim in law. Annals takes no "
           "position on disputed borders or territories; a marker only says where events "
           "happened, and markers a few kilometres apart are set apart so that each can be "
           "chosen.")
"""The map's point of view, printed under it. Natural Earth's disputed boundaries policy says
it shows boundaries "according to de facto status", "who actually controls the situation on
the ground"; world-atlas 2.0.2 redistributes its default (de facto) Admin 0 countries."""


@dataclass(frozen=True, slots=True)
class TopicLink:
    """A topic filtered by one place, with how many of its events are there."""

    path: str
    """Relative to the page."""
    text: str
    count: int


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """A place in the list beside a map: a link to its events, their count, what it is."""

    path: str
    """Its events: the page filtered by it (or, on the home page, its busiest topic filtered
    by it), relative to the page."""
    text: str
    """The place's name."""
    count: str
    precision: str
    topics: tuple[TopicLink, ...] = ()
    """On the home page: each topic with events there, busiest first."""


@dataclass(frozen=True, slots=True)
class MapView:
    """A page's map of places and the lists beside it."""

    svg: str
    anchors: tuple[str, ...]
    """The ids in the map (its title and description)."""
    places: tuple[PlaceEntry, ...]
    """The places on the map, busiest first."""
    elsewhere: tuple[PlaceEntry, ...]
    """Places with coordinates outside the region drawn."""
    unmapped: tuple[PlaceEntry, ...]
    """Places without coordinates (a whole country, or no source found)."""
    more: int
    """Places beyond :data:`MAX_PLACES`, not listed (the filter offers them)."""
    borders: str = BORDERS
    shapes: str = SHAPES_SOURCE


def _events(count: int) -> str:
    return f"{count:,} event{'' if count == 1 else 's'}"


def _build(map_name: str, title: str, counted: Counter[str], corpus: Corpus,
           href: dict[str, str], topics: dict[str, tuple[TopicLink, ...]],
           busiest_topic: dict[str, str]) -> MapView | None:
    places: list[Place] = [corpus.places_by_name[name] for name in counted
                           if name in corpus.places_by_name]
    if not any(place.on_map for place in places):
        return None
    ranked = sorted(places, key=lambda p: (-counted[p.name], p.name.casefold(), p.id))
    shown, more = ranked[:MAX_PLACES], max(len(ranked) - MAX_PLACES, 0)

    def entry(place: Place) -> PlaceEntry:
        return PlaceEntry(href[place.name], place.name, _events(counted[place.name]),
                          place.precision, topics.get(place.name, ()))

    def label(place: Place) -> str:
        where = busiest_topic.get(place.name)
        return f"{place.name}: {_events(counted[place.name])}" + (
            f", most on {where}" if where else "")

    spots = [Spot(p.name, p.latitude, p.longitude, counted[p.name], href[p.name], label(p))
             for p in shown if p.latitude is not None and p.longitude is not None]
    frame = frame_for(spots)
    if frame is None:  # pragma: no cover - a place on the map was found above
        return None
    inside = {spot.name for spot in spots if frame.holds(spot)}
    map_id = urls.map_id(map_name)
    outside = [p for p in shown if p.on_map and p.name not in inside]
    unmapped = [p for p in shown if not p.on_map]
    description = ((f"{len(inside)} places where the events happened, each a link to its "
                    "events" if len(inside) != 1 else
                    "1 place where the events happened, a link to its events")
                   + (f"; {len(outside) + len(unmapped)} more listed beside the map"
                      if outside or unmapped else "") + ". " + BORDERS)
    svg = place_map(spots, frame, map_id, title, description)
    return MapView(str(svg), (f"{map_id}_t", f"{map_id}_d"),
                   tuple(entry(p) for p in shown if p.name in inside),
                   tuple(entry(p) for p in outside), tuple(entry(p) for p in unmapped), more)


def topic_map(corpus: Corpus, topic_id: str, covered: Sequence[Event]) -> MapView | None:
    """The map of a topic's places (on its overview): None without a places registry, or when
    none of its places has coordinates."""
    if not corpus.places:
        return None
    counted = Counter(place for event in covered for place in event.places)
    href = {name: urls.place_filter_link(name) for name in counted}
    return _build(topic_id, f"Places of {corpus.topics[topic_id].title}", counted, corpus,
                  href, {}, {})


def home_map(corpus: Corpus, file: str) -> MapView | None:
    """The map of every topic's places, for the home page: each place links to the topic with
    the most events there, and its entry in the list to each of its topics."""
    if not corpus.places:
        return None
    counted: Counter[str] = Counter()
    by_topic: dict[str, Counter[str]] = defaultdict(Counter)
    for event in corpus.events:
        for place in event.places:
            counted[place] += 1
            for topic_id in event.topics:
                by_topic[place][topic_id] += 1
    order = {topic_id: number for number, topic_id in enumerate(corpus.topics)}
    topics: dict[str, tuple[TopicLink, ...]] = {}
    href: dict[str, str] = {}
    busiest: dict[str, str] = {}
    for place, per_topic in by_topic.items():
        ranked = sorted(per_topic.items(), key=lambda item: (-item[1], order[item[0]]))
        topics[place] = tuple(TopicLink(urls.relative(file, urls.topic_place_url(t, place)),
                                        corpus.topics[t].title, n) for t, n in ranked)
        href[place] = topics[place][0].path
        busiest[place] = topics[place][0].text
    return _build("home", "Places of every topic", counted, corpus, href, topics, busiest)
