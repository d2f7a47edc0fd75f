"""Sources that survive link rot: archived copies, checked, and every source as a Robust Link.

An article may name an archived copy (``archive_url``) and the day it was captured
(``archived``); a curator who finds the original gone says so (``gone``, the day it was found
gone), and the copy becomes the link offered first. A source with a copy is a Robust Link
(https://robustlinks.mementoweb.org/spec/): while the original is there, the link goes to it and
says where and when the copy is (``data-versionurl``, ``data-versiondate``), and the copy is
offered beside it; once the original is gone, the link goes to the copy and says what it is a
copy of (``data-originalurl``, ``data-versiondate``), and the original is named beside it. A
source without a copy is a plain link: attributes that only repeat its address and the day it
was read would be a tenth of an event's markup, for no copy anyone can reach.

No archive address is ever made up: a source without one simply has none (the check can warn,
with ``--warn-unarchived``, off by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from generator.dates import DateError, parse_day
from generator.languages import Problem
from generator.links import safe_href

if TYPE_CHECKING:
    from generator.model import Article
    from generator.reading import JsonPath

Found = list[tuple["JsonPath", Problem]]
"""Problems, each with the path of the field it is about."""

# The Wayback Machine's addresses: /web/<timestamp><modifier>/<original>, the timestamp in
# UTC, from the year down to the second (a shorter one asks for the nearest capture).
_WAYBACK = re.compile(r"^https?://(?:web\.)?archive\.org/web/(?P<stamp>[0-9]{4,14})"
                      r"(?:[a-z]{2}_)?/", re.IGNORECASE)

PUBLICATION_ALLOWANCE = timedelta(days=1)
"""A copy captured (in UTC) the day before the publication day (local) is still possible."""


def wayback_stamp(url: str) -> str:
    """The digits of the capture time a Wayback Machine address names, up to the day
    (``2015``, ``201502``, ``20150206``); "" for another archive."""
    match = _WAYBACK.match(url)
    return match["stamp"][:8] if match else ""


def wayback_day(url: str) -> str:
    """The capture day a Wayback Machine address names, as YYYY-MM-DD; "" if it names none
    (another archive, or a timestamp shorter than a day)."""
    stamp = wayback_stamp(url)
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}" if len(stamp) == 8 else ""


def read_archive(data: dict[str, Any], published: date | None, latest: date, *,
                 warn_unarchived: bool = False) -> tuple[date | None, date | None, Found]:
    """An article's capture day and gone day (schema-valid data) and their problems."""
    found: Found = []
    archive_url = data.get("archive_url", "")
    archived = _day(data, "archived", found)
    gone = _day(data, "gone", found)
    stated = wayback_day(archive_url)
    if archive_url and "archived" not in data:
        hint = (f"Its address says it was captured on {stated}: write 'archived: {stated}'."
                if stated else "Write the day the copy was captured: 'archived: YYYY-MM-DD'.")
        found.append((("archive_url",), Problem(
            "A001", "'archive_url' is given without the day it was captured", hint)))
    if "archived" in data and not archive_url:
        found.append((("archived",), Problem(
            "A001", "'archived' is given without an archived copy",
            "Add the copy's address as 'archive_url', or remove 'archived'.")))
    stamp = wayback_stamp(archive_url)
    if archived and stamp and not archived.strftime("%Y%m%d").startswith(stamp):
        says = stated or f"a capture in {stamp[:4]}" + (f"-{stamp[4:6]}" if stamp[4:] else "")
        found.append((("archived",), Problem(
            "A003", f"'archived' is {archived.isoformat()} but the archive's address says "
            f"{says}", f"Write 'archived: {stated}', or correct the address." if stated else
            "Write the day of the copy the address leads to, or correct the address.")))
    for name, day in (("archived", archived), ("gone", gone)):
        if day is None:
            continue
        if day > latest:
            found.append(((name,), Problem(
                "A002", f"'{name}' is {day.isoformat()}, a day still to come",
                "Write a day that has come (today at the latest).")))
        if published and day < published - (PUBLICATION_ALLOWANCE if name == "archived"
                                             else timedelta()):
            found.append(((name,), Problem(
                "A002", f"'{name}' ({day.isoformat()}) is before the article was published "
                f"({published.isoformat()})",
                "Write the day of the copy, or the day you found the original gone.")))
    if "gone" in data and not archive_url:
        found.append((("gone",), Problem(
            "W002", "the original is gone and no archived copy is given: readers get a "
            "dead link", "Look for a copy in a web archive (the Wayback Machine, "
            "archive.today) and give it as 'archive_url' with its 'archived' day.",
            warning=True)))
    elif warn_unarchived and not archive_url:
        found.append((("url",), Problem(
            "W003", "no archived copy of this source",
            "Save the page in a web archive and give 'archive_url' and 'archived'.",
            warning=True)))
    return archived, gone, found


def _day(data: dict[str, Any], name: str, found: Found) -> date | None:
    if name not in data:
        return None
    try:
        return parse_day(data[name])
    except DateError as error:
        found.append(((name,), Problem("A002", f"'{name}' {error.message}", error.hint)))
        return None


@dataclass(frozen=True, slots=True)
class RobustLink:
    """A source's link with its Robust Links attributes, and the second link offered."""

    href: str
    """Where the link goes: the original, or the archived copy once the original is gone."""
    attributes: tuple[tuple[str, str], ...]
    """The Robust Links attributes of that link, (name, value) in order; none without a copy."""
    other: str
    """The other link offered: the archived copy, or the original once it is gone ("")."""
    gone: bool
    archived: str
    """The copy's day in words ("" without a copy)."""


def robust_link(article: Article, day_words: Any) -> RobustLink | None:
    """The source link of an article, or None when its address is not a safe http(s) link.

    ``day_words`` formats a day as the pages do.
    """
    original = safe_href(article.url)
    copy = safe_href(article.archive_url) if article.archive_url else ""
    if not copy:
        return RobustLink(original, (), "", False, "") if original else None
    day = (article.archived or article.added).isoformat()
    archived = day_words(article.archived) if article.archived else ""
    if article.gone is not None or not original:
        named = (("data-originalurl", original),) if original else ()
        return RobustLink(copy, (*named, ("data-versiondate", day)), original, True, archived)
    return RobustLink(original, (("data-versionurl", copy), ("data-versiondate", day)), copy,
                      False, archived)
