"""A site built from a corpus of hostile strings, and a scan of its output for live markup."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from generator.languages import main_script
from tests.hostile.payloads import ALL, FAMILIES, MARKER

if TYPE_CHECKING:
    from pathlib import Path

SECRET = "TOP-SECRET-FILE-CONTENT"
DANGEROUS_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "poster"}
# The only elements generated pages put in the content area; anything else came from content.
CONTENT_TAGS = {"article", "h1", "h2", "h3", "a", "p", "time", "span", "figure", "blockquote",
                "figcaption", "cite", "div", "ul", "li", "details", "summary", "button",
                "form", "label", "select", "option", "input", "svg", "title", "desc", "rect",
                "text", "line", "footer", "ol", "g", "b", "script[ld+json]", "section", "path",
                "circle"}
TAG_DESCRIPTION = f"\"><script>alert('{MARKER}')</script><b title=\""
FIRST_DAY = date(2015, 1, 1)
COMPARED = "hostile-too"
"""A topic related to ``hostile``: their comparison page is made of payloads too."""
COMPARISON = "compare/hostile_hostile-too/"


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar: JSON strings are valid YAML, with every character kept."""
    return json.dumps(value, ensure_ascii=False)


def yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(yaml_text(value) for value in values) + "]"


def words(payload: str) -> str:
    """A hostile quote's language and translation: Arabic (right to left, so that ``dir`` is
    written too), translated by the curators into the payload itself where it is in Latin
    letters, else into another payload (a translation is English)."""
    translation = payload if main_script(payload) is None else TAG_DESCRIPTION
    return f"language: ar, translation: {{text: {yaml_text(translation)}, by: curators}}"


def write_hostile_content(root: Path) -> dict[str, str]:
    """Write a content tree whose every free-text field is a payload; return event id → payload.

    Events are dated one day apart in the order of ``ALL``, so that an opener such as ``<!--``
    comes before the events it would hide and before the closer that would end it.
    """
    (root / "topics").mkdir(parents=True)
    (root / "actors").mkdir()
    (root / "tags.yml").write_text(f"tags:\n  hostile: {yaml_text(TAG_DESCRIPTION)}\n")
    (root / "topics" / "hostile.yml").write_text(
        f"title: {yaml_text(ALL[0])}\nsummary: {yaml_text(chr(10).join(ALL))}\n"
        f"region: {yaml_text(ALL[1])}\n")
    # A second topic, related to the first: the page comparing the two shows both titles, and
    # every event of both, with their payloads.
    (root / "topics" / f"{COMPARED}.yml").write_text(
        f"title: {yaml_text(ALL[4])}\nsummary: {yaml_text(ALL[5])}\nrelated: [hostile]\n")
    (root / "actors" / "mallory.yml").write_text(
        f"name: {yaml_text(ALL[1])}\nkind: person\ndescription: {yaml_text(ALL[2])}\n"
        f"aliases: {yaml_list(ALL[3:8])}\n")
    # A places registry naming every payload: the map draws each as a marker with the payload
    # as its name, its label and its link (the coordinates are the fixture's own, spread over
    # East Asia; the GeoNames ids are well-formed numbers, nothing is looked up).
    # Names are told apart regardless of case, so payloads that differ only in case name one
    # place, written as the first of them.
    (root / "places").mkdir()
    place_of = {p.casefold(): p for p in reversed(ALL)}
    for number, payload in enumerate(place_of.values(), 1):
        (root / "places" / f"p-{number:03d}.yml").write_text(
            f"name: {yaml_text(payload)}\nprecision: city\nlatitude: {30 + number % 10}\n"
            f"longitude: {120 + number % 20}\ngeonames: {number}\n")
    events: dict[str, str] = {}
    for number, (family, payloads) in enumerate(FAMILIES.items(), start=1):
        published = f"2015-01-{number:02d}"
        stamp = published.replace("-", "")
        lines = [f"title: {yaml_text(payloads[0])}", f"publisher: {yaml_text(payloads[-1])}",
                 f"url: https://news.example/{family}?a=1&b=2#{MARKER}",
                 # An archived copy, the original gone: the copy is the link offered first.
                 f"archive_url: https://web.archive.org/web/{stamp}000000/https://news.example/"
                 f"{family}?a=1&b=2", f"archived: {published}", "gone: 2026-11-27",
                 f"published: {published}", "added: 2026-11-27",
                 f"dateline: {yaml_text(payloads[0])}", f"authors: {yaml_list(payloads[-1:])}",
                 f"summary: {yaml_text(chr(10).join(payloads))}", "events:"]
        for payload in payloads:
            event_id = f"e-{len(events) + 1:03d}"
            # Five days apart: beyond the near-duplicate window, as alike as the payloads are.
            day = FIRST_DAY + timedelta(days=5 * len(events))
            events[event_id] = payload
            topics = f"hostile, {COMPARED}" if payload == payloads[0] else "hostile"
            lines += [f"  - id: {event_id}", f"    date: {day.isoformat()}",
                      f"    title: {yaml_text(payload)}", f"    summary: {yaml_text(payload)}",
                      f"    topics: [{topics}]",
                      "    actors: [mallory]", "    tags: [hostile]",
                      f"    places: {yaml_list([place_of[payload.casefold()]])}",
                      f"    quotes: [{{text: {yaml_text(payload)}, by: mallory, "
                      f"{words(payload)}}}]"]
        folder = root / "articles" / "2015"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{published}-{family}.yml").write_text("\n".join(lines) + "\n")
    return events


@dataclass
class Violation:
    """Something in the output that a browser would act on and that came from content."""

    where: str
    what: str


@dataclass
class _Scanner(HTMLParser):
    """Finds script, event handlers and dangerous URLs that carry the payload marker."""

    where: str
    violations: list[Violation] = field(default_factory=list)
    in_script: bool = False
    jsonld: str | None = None  # the text of a JSON-LD block being read

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        for name, value in attrs:
            if name.startswith("on"):
                self.violations.append(Violation(self.where, f"event handler {raw}"))
            if name in URL_ATTRIBUTES and value and DANGEROUS_SCHEMES.match(value):
                self.violations.append(Violation(self.where, f"dangerous URL {raw}"))
        # Elements the templates never emit. (The charts' <svg>, the feed <link>s and the
        # preview <meta>s are theirs, with content only in escaped attribute values; a content
        # element with a handler or a script URL is caught above.)
        if tag in {"script", "iframe", "object", "embed", "img", "base", "style"} and (
                MARKER in raw):
            self.violations.append(Violation(self.where, f"element from content {raw}"))
        # JSON-LD is data, not script: it must parse as JSON, with content only inside strings.
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self.jsonld = ""
            return
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if self.jsonld is not None:
            try:
                json.loads(self.jsonld)
            except ValueError:
                self.violations.append(Violation(self.where, "JSON-LD that does not parse"))
            self.jsonld = None
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.jsonld is not None:
            self.jsonld += data
            return
        if self.in_script and MARKER in data:
            self.violations.append(Violation(self.where, f"script from content {data[:80]}"))


def scan_html(html: str, where: str) -> list[Violation]:
    """Every piece of live markup in an HTML document (or fragment) that came from content."""
    scanner = _Scanner(where)
    scanner.feed(html)
    scanner.close()
    return scanner.violations


def scan_site(site: Path) -> list[Violation]:
    """Scan every page, the search index's HTML fragments, and every other text file."""
    violations: list[Violation] = []
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in {".html", ".json", ".xml", ".txt"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        where = str(path.relative_to(site))
        if path.name == "search_index.json":
            for doc in json.loads(text)["docs"]:
                at = f"{doc['location']} in {where}"
                if SECRET in doc["title"] + doc["text"]:
                    violations.append(Violation(at, "contents of a file included by a snippet"))
                violations += scan_html(doc["title"], f"{at} (title)")
                violations += scan_html(doc["text"], f"{at} (text)")
            continue
        if SECRET in text:
            violations.append(Violation(where, "contents of a file included by a snippet"))
        if path.suffix == ".html":
            violations += scan_html(text, where)
    return violations


class ContentArea(HTMLParser):
    """The elements inside the page's content area, and each event's heading text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.tags: set[str] = set()
        self.headings: dict[str, str] = {}
        self._heading: str | None = None
        self._in_permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article" and "md-content__inner" in (found.get("class") or ""):
            self.depth = 1
            return
        if not self.depth:
            return
        self.depth += tag == "article"
        json_ld = tag == "script" and found.get("type") == "application/ld+json"
        self.tags.add("script[ld+json]" if json_ld else tag)
        if tag == "h3" and found.get("id"):
            self._heading = str(found["id"])
            self.headings[self._heading] = ""
        self._in_permalink = tag == "a" and found.get("class") == "headerlink"

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "article":
            self.depth -= 1
        if tag == "h3":
            self._heading = None
        self._in_permalink = False

    def handle_data(self, data: str) -> None:
        if self.depth and self._heading and not self._in_permalink:
            self.headings[self._heading] += data


def content_area(html: str) -> ContentArea:
    """Parse a page and return what its content area holds."""
    parser = ContentArea()
    parser.feed(html)
    parser.close()
    return parser
