"""A map of places, drawn at build time as inline SVG: country shapes and a marker per place.

The shapes are Natural Earth's 1:50m Admin 0 countries, version 4.1.0 (public domain), as the npm
package world-atlas 2.0.2 ships them (TopoJSON, ``generator/geodata/``; ``tools/natural_earth.py``
says how the file was made). Nothing is requested when a page is viewed: no tiles, no script.

A map frames the region where a page's events are: around the weighted median of its places
(:data:`REACH` degrees either way), so that one event in Washington does not turn a map of Korea
into a map of the world; places beyond are listed beside the map instead. The frame is projected
equirectangularly (longitudes scaled by the cosine of the middle latitude), the shapes clipped
to it and simplified to the drawing's resolution, so a map's bytes depend on the region drawn,
not on how many events there are. The caller gives every text and link; this module escapes
every text it writes and composes no URL.
"""

from __future__ import annotations

import html
import itertools
import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.escaping import escape_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

GEODATA = Path(__file__).with_name("geodata") / "countries-50m.json"
SHAPES_SOURCE = ("Natural Earth 1:50m Admin 0 countries, version 4.1.0 (public domain), "
                 "from the world-atlas 2.0.2 package")
WIDTH = 520
"""The drawing's width in its own units; coordinates are written as whole units."""
REACH = (40.0, 30.0)
"""How far (longitude, latitude in degrees) from the weighted centre of its places a map reaches."""
MIN_SPAN = (12.0, 8.0)
"""The smallest region a map shows (degrees of longitude and latitude): one place is not a dot."""
ASPECT = (0.5, 0.8)
"""The drawing's height as a share of its width, at least and at most."""
MAX_LATITUDE = 85.0
TOLERANCE = 0.6
"""How far (in drawing units) a simplified coastline may stray from Natural Earth's."""
LABELS = 8
"""Places named on the map itself (the busiest that fit); every place is in the list beside it."""

Ring = tuple[tuple[float, float], ...]
Bounds = tuple[float, float, float, float]
"""A ring's west, east, south and north, in degrees."""


@dataclass(frozen=True, slots=True)
class Spot:
    """A place on a map: where it is, how many events it has, and its link and label."""

    name: str
    latitude: float
    longitude: float
    count: int
    href: str
    """Where the marker leads, as the page writes it (relative, escaped here)."""
    label: str
    """The marker's accessible name, e.g. "Seongju: 43 events"."""


@dataclass(frozen=True, slots=True)
class Frame:
    """The region a map shows, in degrees; ``east`` may pass 180 (a map across the Pacific)."""

    west: float
    east: float
    south: float
    north: float

    @property
    def scale(self) -> float:
        """Drawing units per degree of latitude."""
        return WIDTH / ((self.east - self.west) * self.cosine)

    @property
    def cosine(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    def project(self, longitude: float, latitude: float) -> tuple[float, float]:
        """Drawing coordinates of a point whose longitude is already on the frame's side."""
        return ((longitude - self.west) * self.cosine * self.scale,
                (self.north - latitude) * self.scale)

    def unwrap(self, longitude: float) -> float:
        """The longitude, plus or minus 360, that falls nearest the frame's middle."""
        middle = (self.west + self.east) / 2
        return longitude + 360 * round((middle - longitude) / 360)

    def holds(self, spot: Spot) -> bool:
        """Whether a place is inside the frame."""
        return (self.west <= self.unwrap(spot.longitude) <= self.east
                and self.south <= spot.latitude <= self.north)


def _wrap(degrees: float) -> float:
    """A difference of longitudes in [-180, 180)."""
    return (degrees + 180) % 360 - 180


def _weighted_median(values: Sequence[tuple[float, int]]) -> float:
    ordered = sorted(values)
    half = sum(weight for _, weight in ordered) / 2
    total = 0
    for value, weight in ordered:
        total += weight
        if total >= half:
            return value
    return ordered[-1][0]


def frame_for(spots: Sequence[Spot]) -> Frame | None:
    """The region to draw for places (None for none): the places within :data:`REACH` of their
    weighted centre, padded, at least :data:`MIN_SPAN`, stretched to an :data:`ASPECT`."""
    if not spots:
        return None
    anchor = max(spots, key=lambda s: (s.count, s.name)).longitude
    lon = _weighted_median([(anchor + _wrap(s.longitude - anchor), s.count) for s in spots])
    lat = _weighted_median([(s.latitude, s.count) for s in spots])
    near = [(lon + _wrap(s.longitude - lon), s.latitude) for s in spots
            if abs(_wrap(s.longitude - lon)) <= REACH[0] and abs(s.latitude - lat) <= REACH[1]]
    if not near:  # pragma: no cover - the median place is always within reach of itself
        near = [(lon, lat)]
    west, east = min(x for x, _ in near), max(x for x, _ in near)
    south, north = min(y for _, y in near), max(y for _, y in near)
    pad_x = max((east - west) * 0.12, MIN_SPAN[0] / 2 - (east - west) / 2, 1.5)
    pad_y = max((north - south) * 0.12, MIN_SPAN[1] / 2 - (north - south) / 2, 1.0)
    west, east = west - pad_x, east + pad_x
    south, north = max(south - pad_y, -MAX_LATITUDE), min(north + pad_y, MAX_LATITUDE)
    frame = Frame(west, east, south, north)
    ratio = frame.height / WIDTH
    if ratio < ASPECT[0]:  # too flat: show more latitude
        extra = (ASPECT[0] / ratio - 1) * (north - south) / 2
        south, north = max(south - extra, -MAX_LATITUDE), min(north + extra, MAX_LATITUDE)
    elif ratio > ASPECT[1]:  # too tall: show more longitude
        extra = (ratio / ASPECT[1] - 1) * (east - west) / 2
        west, east = west - extra, east + extra
    # Outward to a half degree: maps of neighbouring topics often share a frame, and its
    # shapes are then clipped once (land_path is cached).
    return Frame(math.floor(west * 2) / 2, math.ceil(east * 2) / 2,
                 max(math.floor(south * 2) / 2, -MAX_LATITUDE),
                 min(math.ceil(north * 2) / 2, MAX_LATITUDE))


# --- the shapes ----------------------------------------------------------------------------------

@cache
def countries() -> tuple[tuple[Ring, Bounds], ...]:
    """Every ring of every country (outer boundaries and holes) in degrees, with its bounds
    (a map skips the rings outside its frame without looking at their points), read once."""
    with GEODATA.open(encoding="utf-8") as handle:
        topology = json.load(handle)
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: Iterable[int]) -> Ring:
        points: list[tuple[float, float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return tuple(points)

    rings: list[tuple[Ring, Bounds]] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])],
                    "MultiPolygon": geometry.get("arcs", [])}.get(geometry.get("type"), [])
        for polygon in polygons:
            for indexes in polygon:
                shape = ring(indexes)
                lons = [lon for lon, _ in shape]
                lats = [lat for _, lat in shape]
                rings.append((shape, (min(lons), max(lons), min(lats), max(lats))))
    return tuple(rings)


def _clip(points: Sequence[tuple[float, float]], west: float, east: float, south: float,
          north: float) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: a polygon clipped to a rectangle (edges on the rectangle's sides)."""
    def cut(points: list[tuple[float, float]], inside: object, meet: object
            ) -> list[tuple[float, float]]:
        result: list[tuple[float, float]] = []
        if not points:
            return result
        previous = points[-1]
        for point in points:
            if inside(point):  # type: ignore[operator]
                if not inside(previous):  # type: ignore[operator]
                    result.append(meet(previous, point))  # type: ignore[operator]
                result.append(point)
            elif inside(previous):  # type: ignore[operator]
                result.append(meet(previous, point))  # type: ignore[operator]
            previous = point
        return result

    def at_x(x: float) -> object:
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y: float) -> object:
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    result = list(points)
    result = cut(result, lambda p: p[0] >= west, at_x(west))
    result = cut(result, lambda p: p[0] <= east, at_x(east))
    result = cut(result, lambda p: p[1] >= south, at_y(south))
    return cut(result, lambda p: p[1] <= north, at_y(north))


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, without recursion (a coastline has thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            px, py = points[index]
            d = (abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length
                 else math.hypot(px - ax, py - ay))
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _numbers(values: Iterable[int]) -> str:
    """Whole numbers for a path: a minus sign separates them without a space."""
    text = ""
    for value in values:
        text += (str(value) if value < 0 or not text else f" {value}")
    return text


@lru_cache(maxsize=256)
def land_path(frame: Frame) -> str:
    """The ``d`` of one path drawing every country inside the frame (borders as their edges)."""
    margin = 2 / frame.scale  # clip just outside the drawing: the cut edges are never seen
    west, east = frame.west - margin, frame.east + margin
    south, north = frame.south - margin, frame.north + margin
    parts: list[str] = []
    for ring, (ring_west, ring_east, ring_south, ring_north) in countries():
        if ring_north < south or ring_south > north:
            continue
        for shift in (-360.0, 0.0, 360.0):
            if ring_east + shift < west or ring_west + shift > east:
                continue
            clipped = _clip([(lon + shift, lat) for lon, lat in ring], west, east, south, north)
            if len(clipped) < 3:
                continue
            projected = [frame.project(lon, lat) for lon, lat in clipped]
            xs = [x for x, _ in projected]
            ys = [y for _, y in projected]
            if max(xs) - min(xs) < 1.5 and max(ys) - min(ys) < 1.5:
                continue  # an islet smaller than the drawing's resolution
            simple = _simplify([*projected, projected[0]], TOLERANCE)[:-1]
            whole = [(round(x), round(y)) for x, y in simple]
            points = [p for i, p in enumerate(whole) if i == 0 or p != whole[i - 1]]
            if len(points) < 3:
                continue
            steps = [value for (x0, y0), (x1, y1) in itertools.pairwise(points)
                     for value in (x1 - x0, y1 - y0)]
            parts.append(f"M{_numbers(points[0])}l{_numbers(steps)}z")
    return "".join(parts)


# --- the drawing ---------------------------------------------------------------------------------

def radius(count: int, busiest: int) -> float:
    """A marker's radius: its area grows with its events, from 4 to 10 units."""
    return 4 + 6 * math.sqrt(count / busiest) if busiest else 4


GAP = 1.5
"""Drawing units kept between two markers, so that each can be pointed at."""


def _apart(x: float, y: float, r: float, placed: Sequence[tuple[float, float, float]],
           height: float) -> tuple[float, float]:
    """Where to draw a marker of radius ``r`` meant for (x, y): there, or the nearest point
    on rings around it where it covers no marker already drawn (places a few kilometres apart
    share a point at this scale, and a covered marker could not be clicked)."""
    def free(cx: float, cy: float) -> bool:
        return (r <= cx <= WIDTH - r and r <= cy <= height - r
                and all(math.hypot(cx - px, cy - py) >= r + pr + GAP for px, py, pr in placed))

    if free(x, y):
        return x, y
    step = max(r / 2, 1.0)
    for ring in range(1, 80):
        for turn in range(16):
            angle = 2 * math.pi * turn / 16 + ring  # each ring starts elsewhere
            cx, cy = x + ring * step * math.cos(angle), y + ring * step * math.sin(angle)
            if free(cx, cy):
                return cx, cy
    return x, y  # pragma: no cover - a drawing has room for MAX_PLACES markers


def place_map(spots: Sequence[Spot], frame: Frame, map_id: str, title: str,
              description: str) -> Markup:
    """An accessible SVG map of the places inside ``frame``: the country shapes (decorative),
    a link per place (a circle, sized by its events, with its name as the link's name; set
    apart from its neighbours when they would cover each other), and the names of the busiest
    places that fit beside their circles without covering any circle or another name (drawn
    last, and transparent to the pointer: no name hides a place)."""
    inside = sorted((s for s in spots if frame.holds(s)), key=lambda s: (-s.count, s.name))
    height = frame.height
    parts = [f'<svg class="annals-map__svg" viewBox="0 0 {WIDTH} {height}" '
             f'role="group" aria-labelledby="{map_id}_t {map_id}_d">',
             f'<title id="{map_id}_t">{escape_text(title)}</title>',
             f'<desc id="{map_id}_d">{escape_text(description)}</desc>',
             f'<path class="annals-map__land" aria-hidden="true" d="{land_path(frame)}"/>']
    busiest = max((s.count for s in inside), default=0)
    # The busiest drawn first, so that a smaller place nearby stays on top and can be clicked.
    placed: list[tuple[float, float, float]] = []
    for spot in inside:
        r = radius(spot.count, busiest)
        x, y = _apart(*frame.project(frame.unwrap(spot.longitude), spot.latitude), r, placed,
                      height)
        placed.append((x, y, r))
        parts.append(f'<a href="{html.escape(spot.href)}" class="annals-map__place" '
                     f'aria-label="{escape_text(spot.label)}" '
                     f'data-place="{escape_text(spot.name)}">'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
                     f"<title>{escape_text(spot.label)}</title></a>")
    taken = [(x - r, y - r, x + r, y + r) for x, y, r in placed]
    labels: list[str] = []
    for spot, (x, y, r) in zip(inside, placed, strict=True):
        if len(labels) == LABELS:
            break
        width = 6.6 * len(spot.name) + 4
        # On the right, else on the left, above, below: (box, text x, baseline, anchor).
        for box, tx, ty, anchor in (
                ((x + r + 2, y - 7, x + r + 2 + width, y + 7), x + r + 4, y + 4, "start"),
                ((x - r - 2 - width, y - 7, x - r - 2, y + 7), x - r - 4, y + 4, "end"),
                ((x - width / 2, y - r - 16, x + width / 2, y - r - 2), x, y - r - 5, "middle"),
                ((x - width / 2, y + r + 2, x + width / 2, y + r + 16), x, y + r + 13, "middle")):
            if box[0] >= 0 and box[2] <= WIDTH and box[1] >= 0 and box[3] <= height and not any(
                    box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                    for b in taken):
                taken.append(box)
                labels.append(f'<text x="{tx:.0f}" y="{ty:.0f}" text-anchor="{anchor}">'
                              f"{escape_text(spot.name)}</text>")
                break
    if labels:
        parts.append(f'<g class="annals-map__labels" aria-hidden="true">{"".join(labels)}</g>')
    parts.append("</svg>")
    return Markup("".join(parts))
