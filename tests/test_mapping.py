"""The map drawing (generator/mapping.py): the frame, the projection, the shapes, the markup."""

from __future__ import annotations

import hashlib
import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import mapping
from generator.mapping import Frame, Spot, frame_for, land_path, place_map

ROOT = Path(__file__).resolve().parent.parent


def spot(name: str, latitude: float, longitude: float, count: int = 1,
         href: str = "?place=x") -> Spot:
    return Spot(name, latitude, longitude, count, href, f"{name}: {count} events")


SEOUL = spot("Seoul", 37.566, 126.9784, 22)
SEONGJU = spot("Seongju", 35.919119, 128.283019, 43)
WASHINGTON = spot("Washington", 38.89511, -77.03637, 2)
GUAM = spot("Guam", 13.47567, 144.74886)
APIA = spot("Apia", -13.8333, -171.7667)


def test_the_shapes_are_world_atlas_2_0_2_s_natural_earth_file_unchanged() -> None:
    digest = hashlib.sha256(mapping.GEODATA.read_bytes()).hexdigest()
    script = (ROOT / "tools" / "natural_earth.py").read_text(encoding="utf-8")
    assert f'SHA256 = "{digest}"' in script
    assert (mapping.GEODATA.parent / "world-atlas-LICENSE.txt").is_file()


def test_the_shapes_are_read_into_rings_of_degrees() -> None:
    rings = mapping.countries()
    assert len(rings) > 1000
    assert all(-180.001 <= lon <= 180.001 and -90.001 <= lat <= 90.001
               for ring, _ in rings[:200] for lon, lat in ring)
    for ring, (west, east, south, north) in rings[:200]:
        assert (west, east) == (min(p[0] for p in ring), max(p[0] for p in ring))
        assert (south, north) == (min(p[1] for p in ring), max(p[1] for p in ring))


def test_a_frame_holds_the_places_near_the_busiest_and_leaves_the_far_ones_out() -> None:
    frame = frame_for([SEOUL, SEONGJU, WASHINGTON, GUAM])
    assert frame is not None
    assert frame.holds(SEOUL) and frame.holds(SEONGJU) and frame.holds(GUAM)
    assert not frame.holds(WASHINGTON)
    assert frame.west < 126.9784 < 144.74886 < frame.east
    assert frame.south < 13.47567 and frame.north > 37.566


def test_one_place_gets_a_region_around_it_not_a_dot() -> None:
    frame = frame_for([SEOUL])
    assert frame is not None
    assert frame.east - frame.west >= mapping.MIN_SPAN[0]
    assert frame.north - frame.south >= mapping.MIN_SPAN[1]
    x, y = frame.project(SEOUL.longitude, SEOUL.latitude)
    assert 0 < x < mapping.WIDTH and 0 < y < frame.height


def test_the_drawing_keeps_to_its_aspect() -> None:
    for places in ([SEOUL], [SEOUL, GUAM], [spot("A", 0, 100), spot("B", 0, 139)],
                   [spot("A", -25, 120), spot("B", 30, 121)]):
        frame = frame_for(places)
        assert frame is not None
        ratio = frame.height / mapping.WIDTH
        assert mapping.ASPECT[0] - 0.05 <= ratio <= mapping.ASPECT[1] + 0.05, places


def test_a_map_across_the_date_line_is_one_region() -> None:
    fiji = spot("Suva", -18.14, 178.44, 3)
    frame = frame_for([fiji, APIA])
    assert frame is not None
    assert frame.holds(fiji) and frame.holds(APIA)
    assert frame.east - frame.west < 40  # around the date line, not around the world
    assert frame.east > 180
    path = land_path(frame)
    assert path.startswith("M")
    xs = [int(n) for n in re.findall(r"M(-?\d+)", path)]
    assert xs and all(-5 <= x <= mapping.WIDTH + 5 for x in xs)


def test_the_projection_is_equirectangular_with_the_middle_latitude_s_cosine() -> None:
    frame = Frame(120.0, 140.0, 30.0, 40.0)
    x0, y0 = frame.project(120.0, 40.0)
    x1, y1 = frame.project(140.0, 30.0)
    assert (x0, y0) == (0.0, 0.0)
    assert x1 == pytest.approx(mapping.WIDTH)
    # A degree of latitude is longer than one of longitude by 1 / cos(35°).
    assert y1 / 10 == pytest.approx((x1 / 20) / 0.8191520, rel=1e-4)


def test_clipping_keeps_a_polygon_inside_the_rectangle() -> None:
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    clipped = mapping._clip(square, 5, 20, -5, 5)
    assert sorted(clipped) == [(5.0, 0.0), (5.0, 5.0), (10.0, 0.0), (10.0, 5.0)]
    assert mapping._clip(square, 20, 30, 20, 30) == []


def test_simplifying_keeps_the_shape_within_the_tolerance() -> None:
    line = [(float(x), 0.1 * (x % 2)) for x in range(100)] + [(99.0, 50.0)]
    simple = mapping._simplify(line, 0.5)
    assert simple[0] == line[0] and simple[-1] == line[-1]
    assert len(simple) <= 4


def test_the_land_of_a_region_costs_a_bounded_number_of_bytes() -> None:
    # However many events a page has, its map is drawn at the same resolution: the bytes
    # depend on the region (here the busiest one Annals draws, East Asia) only.
    frame = frame_for([SEOUL, GUAM, spot("Da Nang", 16.06778, 108.22083),
                       spot("Shenyang", 41.79222, 123.43278)])
    assert frame is not None
    assert 2_000 < len(land_path(frame)) < 20_000


def test_the_map_is_accessible_markup_with_every_text_escaped() -> None:
    hostile = spot('<script>alert(1)</script> & "{{ x }}"', 37.5, 127.0, 5,
                   href='?place=%3Cscript%3E&x="')
    frame = frame_for([hostile, SEONGJU])
    assert frame is not None
    svg = str(place_map([hostile, SEONGJU], frame, "map_t", "Places of <b>T</b>",
                        "A map {% raw %}"))
    assert "<script>" not in svg and "<b>" not in svg and "{{" not in svg and "{%" not in svg
    assert 'href="?place=%3Cscript%3E&amp;x=&quot;"' in svg
    root = ET.fromstring(svg)  # well-formed XML, as inline SVG must be
    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == "map_t_t map_t_d"
    links = [element for element in root if element.tag == "a"]
    assert len(links) == 2
    assert all(link.get("aria-label") and link.find("circle") is not None for link in links)
    # The busiest first, so that the smaller place nearby is drawn on top.
    assert links[0].get("data-place") == "Seongju"


def test_a_place_outside_the_frame_gets_no_marker() -> None:
    frame = frame_for([SEOUL, SEONGJU])
    assert frame is not None
    svg = str(place_map([SEOUL, SEONGJU, WASHINGTON], frame, "m", "T", "D"))
    assert svg.count("<a ") == 2 and "Washington" not in svg


def test_names_are_written_only_where_they_fit_apart() -> None:
    crowd = [spot(f"Place {n}", 36 + n * 0.01, 127 + n * 0.01, 10 - n) for n in range(10)]
    frame = frame_for(crowd)
    assert frame is not None
    svg = str(place_map(crowd, frame, "m", "T", "D"))
    assert 1 <= svg.count("<text") < 10  # the crowd is not written on top of itself
    assert svg.count("<circle") == 10  # every place still has its marker


def test_markers_of_nearby_places_are_set_apart_so_that_none_covers_another() -> None:
    near = [SEONGJU, spot("Gimcheon", 36.12176, 128.11981, 3),
            spot("Chilgok", 35.99251, 128.39785, 1), spot("Same", 35.99251, 128.39785, 1)]
    frame = frame_for([*near, GUAM, spot("Beijing", 39.9, 116.4, 12)])
    assert frame is not None
    svg = str(place_map(near, frame, "m", "T", "D"))
    circles = [(float(x), float(y), float(r)) for x, y, r in
               re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/>', svg)]
    assert len(circles) == 4
    for (x0, y0, r0), (x1, y1, r1) in itertools.combinations(circles, 2):
        assert ((x0 - x1) ** 2 + (y0 - y1) ** 2) ** 0.5 >= r0 + r1 + mapping.GAP - 0.2
    # Set apart, not sent away: each stays within a few markers of where it is.
    for (x, y, _), place in zip(circles, near, strict=True):
        tx, ty = frame.project(place.longitude, place.latitude)
        assert ((x - tx) ** 2 + (y - ty) ** 2) ** 0.5 < 40
