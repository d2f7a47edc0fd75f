"""The places registry: a place file checked and turned into a :class:`~generator.model.Place`,
and an event's place names resolved against the registry. Used by :mod:`generator.validation`.

Coordinates arrive as text (the reader keeps every YAML scalar as text); the schema admits only
plain decimals (no exponent, no ``nan``, no ``inf``, at most three digits before the point), and
this module checks their range, that they come in pairs, that a place on the map names where its
coordinates come from, and that no two places share a name (events name places by name).
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from generator.links import link_problem
from generator.model import Place

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from generator.reading import Document, JsonPath

    Report = Callable[..., None]
    """The builder's ``report(document, path, code, message, hint, *, key=False)``."""

LIMITS = {"latitude": 90.0, "longitude": 180.0}


def read_place(document: Document, names: Mapping[str, Place], report: Report) -> Place | None:
    """The place a schema-valid place file describes, or None when it cannot be used (each
    problem reported, all of them in one run)."""
    data: dict[str, Any] = document.data
    usable = True
    values: dict[str, float] = {}
    for name, limit in LIMITS.items():
        if name not in data:
            continue
        value = float(data[name])  # the schema's pattern admits plain decimals only
        if abs(value) > limit:
            report(document, (name,), "P002",
                   f"'{name}' is {data[name]}, beyond ±{limit:g} degrees",
                   f"Copy the {name} from the source again: it is between -{limit:g} and "
                   f"{limit:g}" + (" (south and west are negative)." if name == "latitude"
                                   else " (west of Greenwich is negative)."))
            usable = False
        values[name] = value
    if len(values) == 1:
        given = next(iter(values))
        missing = "longitude" if given == "latitude" else "latitude"
        report(document, (given,), "P003", f"the place has a {given} but no {missing}",
               f"Add '{missing}:' from the same source, or remove '{given}:' (a place without "
               "coordinates is listed beside the map, not on it).", key=True)
        usable = False
    if values and not data.get("geonames") and not data.get("source"):
        report(document, ("latitude",), "P004",
               "the coordinates do not say where they come from",
               "Add 'geonames:' (the place's GeoNames id) or 'source:' (the address of the page "
               "you read them on); never guess coordinates.", key=True)
        usable = False
    if "source" in data and (problem := link_problem(data["source"])):
        report(document, ("source",), "V011", f"'source' {problem}",
               "Use the plain http(s) address of the page.")
        usable = False
    for number, name in enumerate((data["name"], *data.get("aliases", ()))):
        other = _same_name(name, names)
        if other is not None:
            path: JsonPath = ("name",) if number == 0 else ("aliases", number - 1)
            report(document, path, "P005",
                   f"the name {name!r} is also a name of the place in {other.path}",
                   "Events name a place by its name: give each place names of its own (e.g. "
                   "'Washington, D.C.'), or merge the two files if they are the same place.")
            usable = False
    if not usable:
        return None
    return Place(document.stem, data["name"], data["precision"], document.path,
                 values.get("latitude"), values.get("longitude"), data.get("geonames", ""),
                 data.get("source", ""), tuple(data.get("aliases", ())))


def _same_name(name: str, names: Mapping[str, Place]) -> Place | None:
    folded = name.casefold()
    return next((place for known, place in names.items() if known.casefold() == folded), None)


def unknown_place_hint(value: str, names: Mapping[str, Place]) -> str:
    """What to write instead of a place name the registry does not know."""
    same = _same_name(value, names)
    if same is not None:
        written = next(name for name in (same.name, *same.aliases)
                       if name.casefold() == value.casefold())
        return f"Write it as the place's file {same.path} names it: {written!r}."
    close = difflib.get_close_matches(value, sorted(names), n=3, cutoff=0.6)
    hint = f"Did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
    return (hint + "Events name places by the names in content/places/; add "
            "content/places/<id>.yml first if it is new.")
