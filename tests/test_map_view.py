"""The map's view (generator/map_view.py): which pages carry a map, and what it lists."""

from __future__ import annotations

from pathlib import Path

from generator import urls
from generator.map_view import MAX_PLACES, home_map, topic_map
from generator.model import Corpus, Event, Place, Topic
from generator.pipeline import check
from generator.views import Views

ROOT = Path(__file__).resolve().parent.parent


def test_a_split_topic_has_its_map_on_the_overview_only() -> None:
    corpus, _ = check(ROOT / "content")
    layout = urls.Layout.of(corpus, threshold=30)
    assert layout.topics["thaad"].split
    pages = Views(corpus, layout).topic_pages("thaad")
    overview, *years = pages
    assert overview.map is not None and overview.file == urls.topic_file("thaad")
    assert years and all(page.map is None for page in years)
    assert set(overview.map.anchors) <= set(overview.anchors())


def test_a_site_without_a_places_registry_has_no_map() -> None:
    corpus, _ = check(ROOT / "content")
    bare = Corpus.build(corpus.topics.values(), corpus.actors.values(), corpus.tags.values(),
                        corpus.articles.values(), corpus.events)
    assert topic_map(bare, "thaad", bare.topic_events("thaad")) is None
    assert home_map(bare, urls.HOME) is None


def many_places(count: int) -> Corpus:
    from generator.dates import parse_when

    places = [Place(f"p{n}", f"Place {n}", "city", "p.yml", 30 + n % 10, 120 + n % 20,
                    geonames=str(n + 1)) for n in range(count)]
    places.append(Place("nowhere", "Nowhere", "country", "n.yml"))
    events = [Event(f"2016-01-01-e{n}", parse_when("2016-01-01"), "T", "S", ("t",), "a.yml", 1,
                    "a", places=(f"Place {n % count}", "Nowhere") if n % 7 == 0
                    else (f"Place {n % count}",)) for n in range(count * 3)]
    return Corpus.build([Topic("t", "T", "S", "t.yml")], [], [], [], events, places)


def test_a_page_lists_at_most_the_busiest_places_and_counts_the_rest() -> None:
    corpus = many_places(MAX_PLACES + 25)
    view = topic_map(corpus, "t", corpus.topic_events("t"))
    assert view is not None
    listed = len(view.places) + len(view.elsewhere) + len(view.unmapped)
    assert listed == MAX_PLACES
    assert view.more == 26  # 65 + Nowhere, less the 40 listed
    assert view.svg.count("<circle") == len(view.places) <= MAX_PLACES
    # Nowhere has the most events (one in seven): listed as not on the map, not drawn.
    assert [p.text for p in view.unmapped] == ["Nowhere"]


def test_the_home_map_links_each_place_to_its_busiest_topic() -> None:
    corpus, _ = check(ROOT / "content")
    view = home_map(corpus, urls.HOME)
    assert view is not None
    beijing = next(p for p in view.places if p.text == "Beijing")
    assert beijing.path == "topics/thaad/?place=Beijing"
    assert beijing.topics[0].text == "THAAD in South Korea"
    assert sum(link.count for link in beijing.topics) >= int(beijing.count.split()[0])
