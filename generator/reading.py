"""Read ``content/`` safely and strictly: files walked without following links, YAML kept as text.

Contributors' YAML arrives from strangers' pull requests, so the reader accepts a small, strict
subset of YAML: one document per file, mappings, sequences and scalars only. Every scalar stays
text (``NO`` is "NO", ``2015-02-05`` is "2015-02-05"); the date parser and the schema decide what
text means. Anchors, aliases, tags, duplicate keys and non-scalar keys are errors, found in the
parser's event stream before anything is built, so an alias bomb is never expanded.

Every value keeps the line and column where it starts, so that later stages can point at it.
"""

from __future__ import annotations

import os
import re
import stat
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from generator import urls
from generator.diagnostics import Diagnostic
from generator.lookalike import has_visible
from generator.yaml_words import explain

if TYPE_CHECKING:
    from collections.abc import Iterator

# libyaml's parser is several times faster; the pure-Python one behaves the same, only slower.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 256 * 1024
MAX_FILES = 100_000
MAX_DEPTH = 16
MAX_STRING_CHARS = 20_000
MAX_NAME_CHARS = 100
"""The longest id a content file's name may give (its name without ``.yml``): the schemas'
``maxLength`` of an id (a test keeps them equal). Every file the site writes for an id, such as
``feeds/topics/<id>.atom``, then stays far below the 255 bytes a file name may hold, and a
checkout's paths below Windows' 260 characters."""
WINDOWS_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                                  *(f"lpt{n}" for n in range(10))})
"""Names Windows reserves for devices, whatever their extension: ``con.yml`` cannot be checked
out there, nor ``topics/con/`` published."""

Kind = Literal["article", "topic", "actor", "place", "tags"]
JsonPath = tuple[str | int, ...]

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_REGISTRIES: dict[str, Kind] = {"topics": "topic", "actors": "actor", "places": "place"}
_REGISTRY_NAME = re.compile(rf"^{_SLUG}\.yml$")
_ARTICLE_NAME = re.compile(rf"^([0-9]{{4}})-[0-9]{{2}}-[0-9]{{2}}-{_SLUG}\.yml$")
_YEAR_DIR = re.compile(r"^[0-9]{4}$")
# Characters that change how text is shown without being visible: C0/C1 controls (bar newline
# and tab), bidirectional overrides and isolates, and lone surrogates.
# Noncharacters too: U+FFFE and U+FFFF are not characters XML 1.0 may hold (a feed writer
# refuses them), and the other 64 are never text.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}"
                                           f"{chr(plane * 0x10000 + 0xFFFF)}"
                                           for plane in range(17))
FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff"
    f"{_NONCHARACTERS}]"
)


def forbidden_char(value: str) -> re.Match[str] | None:
    """The first character of ``value`` that :data:`FORBIDDEN_CHARS` forbids, or None.

    Every forbidden character is one Python counts unprintable, as are the line break and tab,
    which are allowed: text that is printable once those are left out has none, and is found
    so without the search, which compares each character outside ASCII with the class's many
    ranges (docs/performance.md).
    """
    if value.isprintable() or value.replace("\n", "").replace("\t", "").isprintable():
        return None
    return FORBIDDEN_CHARS.search(value)


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a file; line and column count from 1."""

    line: int
    column: int


@dataclass
class Document:
    """One content file as plain data, with the position of every value and key.

    Positions are what diagnostics point at, and nearly every file has none: only the
    positions of the top-level values and of each item of a list (an event) are kept when the
    file is read; the full tables are built from the file's text the first time a diagnostic
    asks for one. (Kept for every value, they were over half of the memory reading took.)
    """

    path: str
    kind: Kind
    stem: str
    data: Any
    source: str = field(default="", repr=False, compare=False)
    """The file's text, for the full position tables."""
    shallow_positions: dict[JsonPath, Position] = field(default_factory=dict, repr=False,
                                                        compare=False)
    _tables: tuple[dict[JsonPath, Position], dict[JsonPath, Position]] | None = field(
        default=None, repr=False, compare=False)

    @property
    def positions(self) -> dict[JsonPath, Position]:
        """Where each value starts, by its path."""
        return self._full_tables()[0]

    @property
    def key_positions(self) -> dict[JsonPath, Position]:
        """Where each mapping key starts, by the path of its value."""
        return self._full_tables()[1]

    def _full_tables(self) -> tuple[dict[JsonPath, Position], dict[JsonPath, Position]]:
        if self._tables is None:
            builder = _Builder(self.path, [], all_positions=True)
            builder.build(self.source)
            self._tables = (builder.positions, builder.key_positions)
        return self._tables

    def position(self, path: JsonPath, *, key: bool = False) -> Position:
        """Where the value at ``path`` starts (or its key, when asked), else its nearest parent."""
        if not key and path in self.shallow_positions:
            return self.shallow_positions[path]
        table = self.key_positions if key else self.positions
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.positions.get(path[:end])
            if found:
                return found
        return Position(1, 1)


@dataclass
class ReadResult:
    """What reading a content folder produced: the documents that parsed, and every problem."""

    documents: list[Document]
    diagnostics: list[Diagnostic]


RACY_NS = 2_000_000_000
"""A file changed this recently is not cached: on a file system with coarse timestamps, a
rewrite of the same size within the same tick would keep its stamp (git's "racy" files)."""

FileStamp = tuple[int, int, int, int, int]
"""What says a file is unchanged: device, inode, size, and modification and change times."""


@dataclass
class ReadCache:
    """Files already read, by path, with the stamp they had: for a preview that rebuilds on
    every save, so that only the files that changed are parsed again.

    The stamp is taken from the opened file (not the path), so every check on the path still
    runs on each read; a file is re-parsed whenever its size, inode or either time changes.
    """

    files: dict[str, tuple[FileStamp, Document | None, list[Diagnostic]]] = field(
        default_factory=dict)

    def forget_missing(self, seen: set[str]) -> None:
        """Drop the files that were not read this time (deleted or refused)."""
        for path in self.files.keys() - seen:
            del self.files[path]


def read_content(root: Path | str, cache: ReadCache | None = None) -> ReadResult:
    """Read every content file under ``root`` (a ``content/`` folder) without following links.

    With a ``cache``, a file whose stamp is unchanged since the last read gives the same
    document (the same object) and problems without being parsed again.
    """
    root = Path(root)
    diagnostics: list[Diagnostic] = []
    documents: list[Document] = []
    if root.is_symlink() or not root.is_dir():
        diagnostics.append(
            Diagnostic(str(root), 0, 0, "R001", "the content folder does not exist or is a link",
                       "Pass the path of a real content/ folder.")
        )
        return ReadResult(documents, diagnostics)
    files = list(_Walker(diagnostics).walk(root))
    if len(files) > MAX_FILES:
        diagnostics.append(
            Diagnostic(str(root), 0, 0, "R002", f"too many files: {len(files)} (limit {MAX_FILES})",
                       "Split the content into several sites.")
        )
        return ReadResult(documents, diagnostics)
    for path, kind in files:
        document = read_file(path, kind, diagnostics, cache)
        if document is not None:
            documents.append(document)
    if cache is not None:
        cache.forget_missing({str(path) for path, _ in files})
    return ReadResult(documents, diagnostics)


def registry_name_problem(stem: str, kind: Kind) -> tuple[str, str, str] | None:
    """Why a well-formed topic or actor id cannot be a file name, as (code, message, hint), or
    None: too long, a Windows device name, or a name the site uses (:func:`urls.reserved_ids`).
    The reader and ``annals new`` both ask here."""
    if len(stem) > MAX_NAME_CHARS:
        return ("R015", f"the name is {len(stem)} characters long (at most {MAX_NAME_CHARS})",
                "Shorten the name: it is an id, and the site writes files named after it.")
    if stem in WINDOWS_DEVICE_NAMES:
        return ("R016", f"'{stem}.yml' is a device name on Windows: a checkout there cannot "
                "hold it", f"Rename it, e.g. to {stem}-{kind}.yml.")
    if stem in urls.reserved_ids(kind):
        return ("R017", f"the id {stem!r} is a name the site uses for a page or file of its own",
                f"Rename it, e.g. to {stem}-{kind}.yml (reserved {kind} ids: "
                f"{', '.join(sorted(urls.reserved_ids(kind)))}).")
    return None


class _Walker:
    """Walks a content folder in a stable order, yielding content files, refusing the rest."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics

    def refuse(self, path: Path | str, code: str, message: str, hint: str) -> None:
        self.diagnostics.append(Diagnostic(str(path), 0, 0, code, message, hint))

    @staticmethod
    def entries(folder: Path | str) -> list[os.DirEntry[str]]:
        with os.scandir(folder) as found:
            return sorted(found, key=lambda entry: entry.name)

    def acceptable(self, entry: os.DirEntry[str], *, want_dir: bool) -> bool:
        """Refuse hidden entries, links and anything of the wrong type, without following it."""
        if entry.name.startswith("."):
            self.refuse(entry.path, "R003", "hidden files and folders are not allowed in content/",
                        "Remove it, or move it outside content/.")
        elif entry.is_symlink():
            self.refuse(entry.path, "R004", "symbolic links are not followed in content/",
                        "Replace the link with a real file or folder.")
        elif want_dir and not entry.is_dir(follow_symlinks=False):
            self.refuse(entry.path, "R005", "expected a folder here",
                        "Content files belong in content/topics, content/actors and "
                        "content/articles/YYYY.")
        elif not want_dir and not entry.is_file(follow_symlinks=False):
            self.refuse(entry.path, "R006", "not a regular file",
                        "Only regular .yml files are read; remove it.")
        else:
            return True
        return False

    def walk(self, root: Path) -> Iterator[tuple[Path, Kind]]:
        for entry in self.entries(root):
            if entry.name in ("topics", "actors", "places", "articles"):
                if not self.acceptable(entry, want_dir=True):
                    continue
                if entry.name == "articles":
                    yield from self.articles(entry.path)
                else:
                    yield from self.registry(entry.path, _REGISTRIES[entry.name])
            elif entry.name == "tags.yml":
                if self.acceptable(entry, want_dir=False):
                    yield Path(entry.path), "tags"
            elif self.acceptable(entry, want_dir=entry.is_dir(follow_symlinks=False)):
                self.refuse(entry.path, "R007", "unexpected file or folder in content/",
                            "content/ holds tags.yml and the folders topics/, actors/, "
                            "places/ and articles/.")

    def registry(self, folder: str, kind: Kind) -> Iterator[tuple[Path, Kind]]:
        for item in self.entries(folder):
            if not self.acceptable(item, want_dir=False):
                continue
            if _REGISTRY_NAME.fullmatch(item.name):
                if self.usable_name(item, kind):
                    yield Path(item.path), kind
                continue
            stem = item.name.rsplit(".", 1)[0]
            suggestion = re.sub(r"[^a-z0-9]+", "-",
                                unicodedata.normalize("NFKD", stem).lower()).strip("-")
            self.refuse(item.path, "R011", "badly named file: the name is the id",
                        "Use lower-case words joined by hyphens and the .yml extension, e.g. "
                        f"{suggestion or 'my-id'}.yml.")

    def usable_name(self, item: os.DirEntry[str], kind: Kind) -> bool:
        """Refuse a well-formed name that a checkout or the site cannot use."""
        problem = registry_name_problem(item.name.removesuffix(".yml"), kind)
        if problem is not None:
            self.refuse(item.path, *problem)
        return problem is None

    def articles(self, folder: str) -> Iterator[tuple[Path, Kind]]:
        for year in self.entries(folder):
            if not self.acceptable(year, want_dir=True):
                continue
            if not _YEAR_DIR.fullmatch(year.name):
                self.refuse(year.path, "R008", "article folders are named by year",
                            "Move the files into content/articles/YYYY/ for their publication "
                            "year.")
                continue
            for item in self.entries(year.path):
                if not self.acceptable(item, want_dir=False):
                    continue
                match = _ARTICLE_NAME.fullmatch(item.name)
                if not match:
                    self.refuse(item.path, "R009", "badly named article file",
                                "Name it YYYY-MM-DD-publisher-short-title.yml (publication date, "
                                "then lower-case words joined by hyphens).")
                elif len(item.name) - len(".yml") > MAX_NAME_CHARS:
                    self.refuse(item.path, "R015",
                                f"the name is {len(item.name) - 4} characters long (at most "
                                f"{MAX_NAME_CHARS})",
                                "Shorten the title words: the publisher and a few words are "
                                "enough.")
                elif match.group(1) != year.name:
                    self.refuse(item.path, "R010",
                                f"article dated {match.group(1)} is in the folder for {year.name}",
                                f"Move it to content/articles/{match.group(1)}/.")
                else:
                    yield Path(item.path), "article"


def read_file(path: Path, kind: Kind, diagnostics: list[Diagnostic],
              cache: ReadCache | None = None) -> Document | None:
    """Read one content file; on any problem add diagnostics and return None."""
    shown = str(path)
    try:
        # O_NOFOLLOW: a file swapped for a link after the walk is still refused; O_NONBLOCK: a
        # FIFO swapped in cannot hang the build.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        diagnostics.append(Diagnostic(shown, 0, 0, "R012", f"cannot open file: {error.strerror}",
                                      "Make it a readable regular file."))
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            diagnostics.append(Diagnostic(shown, 0, 0, "R006", "not a regular file",
                                          "Only regular .yml files are read; remove it."))
            return None
        if info.st_size > MAX_FILE_BYTES:
            diagnostics.append(Diagnostic(
                shown, 0, 0, "R013",
                f"file is too large: {info.st_size} bytes (limit {MAX_FILE_BYTES})",
                "Split the article's events into smaller files, or shorten the text."))
            return None
        stamp = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        cached = cache.files.get(shown) if cache is not None else None
        if cached is not None and cached[0] == stamp and (
                cached[1] is None or cached[1].kind == kind):
            diagnostics.extend(cached[2])
            return cached[1]
        raw = handle.read(MAX_FILE_BYTES + 1)
    found: list[Diagnostic] = []
    document = _parse(raw, shown, path, kind, found)
    diagnostics.extend(found)
    if cache is not None and time.time_ns() - info.st_mtime_ns > RACY_NS:
        cache.files[shown] = (stamp, document, found)
    return document


def parse_version(raw: bytes, shown: str) -> Any:
    """The data of one version of a content file (an old one, from git), read as strictly as
    a file of the checkout; None when it is too large, not UTF-8 or not acceptable YAML."""
    if len(raw) > MAX_FILE_BYTES:
        return None
    text = _decode(raw, shown, [])
    if text is None:
        return None
    builder = _Builder(shown, [])
    data = builder.build(text)
    return None if builder.failed else data


def _parse(raw: bytes, shown: str, path: Path, kind: Kind, diagnostics: list[Diagnostic]
           ) -> Document | None:
    text = _decode(raw, shown, diagnostics)
    if text is None:
        return None
    builder = _Builder(shown, diagnostics)
    data = builder.build(text)
    if builder.failed:
        return None
    return Document(shown, kind, path.stem, data, text, builder.positions)


def _decode(raw: bytes, shown: str, diagnostics: list[Diagnostic]) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        diagnostics.append(Diagnostic(shown, line, column, "R014",
                                      "the file is not valid UTF-8",
                                      "Save the file with UTF-8 encoding."))
        return None
    return text.removeprefix("\ufeff")


class _Builder:
    """Turns PyYAML's event stream into plain data, refusing everything outside the subset."""

    def __init__(self, path: str, diagnostics: list[Diagnostic], *,
                 all_positions: bool = False) -> None:
        self.path = path
        self.diagnostics = diagnostics
        # Without all_positions, only those of paths up to two steps long (top-level values
        # and list items): see Document.
        self.all_positions = all_positions
        self.positions: dict[JsonPath, Position] = {}
        self.key_positions: dict[JsonPath, Position] = {}
        self.failed = False

    def error(self, mark: Any, code: str, message: str, hint: str) -> None:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        self.diagnostics.append(Diagnostic(self.path, line, column, code, message, hint))
        self.failed = True

    def build(self, text: str) -> Any:
        events = yaml.parse(text, Loader=_Loader)
        try:
            return self._stream(events)
        except yaml.MarkedYAMLError as error:
            plain = explain(error, text)
            self.diagnostics.append(Diagnostic(self.path, plain.line, plain.column, "Y001",
                                               plain.message, plain.hint))
            self.failed = True
        except yaml.YAMLError as error:  # reader errors: bad characters, with a position
            offset = getattr(error, "position", None)
            line, column = _line_column(text, offset) if isinstance(offset, int) else (0, 0)
            self.diagnostics.append(Diagnostic(
                self.path, line, column, "Y002", "the file contains a character YAML forbids",
                "Remove control characters; only printable text, tabs and newlines may appear."))
            self.failed = True
        return None

    def _stream(self, events: Iterator[yaml.Event]) -> Any:
        next(events)  # StreamStartEvent
        event = next(events)
        if isinstance(event, yaml.StreamEndEvent):
            self.error(event.start_mark, "Y003", "the file is empty",
                       "Write the fields described by the file's schema.")
            return None
        data = self._node(next(events), events, (), 0)
        next(events)  # DocumentEndEvent
        event = next(events)
        if not isinstance(event, yaml.StreamEndEvent):
            self.error(event.start_mark, "Y004", "more than one YAML document in the file",
                       "Remove the '---' separator: one file holds one document.")
        return data

    def _node(self, event: yaml.Event, events: Iterator[yaml.Event], path: JsonPath,
              depth: int) -> Any:
        mark: Any = event.start_mark  # always set by the parser
        if isinstance(event, yaml.AliasEvent):
            self.error(mark, "Y005", "YAML aliases (*name) are not allowed",
                       "Write the value out in full instead of referring to an anchor.")
            return None
        assert isinstance(event, yaml.NodeEvent)
        if event.anchor is not None:
            self.error(mark, "Y006", "YAML anchors (&name) are not allowed",
                       "Remove the anchor; repeat the value where it is needed.")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self.error(mark, "Y007", f"YAML tags such as {tag!r} are not allowed",
                       "Remove the tag: every value is read as plain text.")
        if self.all_positions or len(path) <= 2:
            self.positions[path] = Position(mark.line + 1, mark.column + 1)
        if depth > MAX_DEPTH:
            self.error(mark, "Y008", f"nesting deeper than {MAX_DEPTH} levels",
                       "Content files are shallow; flatten the structure.")
            self._skip(event, events)
            return None
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(item := next(events), yaml.SequenceEndEvent):
                items.append(self._node(item, events, (*path, len(items)), depth + 1))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(events, path, depth)
        raise AssertionError(f"unexpected YAML event {event!r}")  # pragma: no cover

    def _mapping(self, events: Iterator[yaml.Event], path: JsonPath, depth: int) -> Any:
        mapping: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        while True:
            key_event = next(events)
            if isinstance(key_event, yaml.MappingEndEvent):
                return mapping
            mark: Any = key_event.start_mark
            if not isinstance(key_event, yaml.ScalarEvent) or key_event.anchor or (
                    key_event.tag not in (None, "!")):
                self.error(mark, "Y009", "keys must be plain words",
                           "Write 'name: value' with a plain key.")
                self._skip(key_event, events)
                self._skip(next(events), events)
                continue
            key = key_event.value
            if key in mapping:
                self.error(mark, "Y010",
                           f"duplicate key {key!r} (first at line {key_lines[key]})",
                           "Keep one of them: YAML would silently drop the other.")
                self._skip(next(events), events)
                continue
            key_lines[key] = mark.line + 1
            if self.all_positions:
                self.key_positions[(*path, key)] = Position(mark.line + 1, mark.column + 1)
            mapping[key] = self._node(next(events), events, (*path, key), depth + 1)

    def _scalar(self, event: yaml.ScalarEvent, path: JsonPath) -> str:
        value: str = event.value
        mark = event.start_mark
        if len(value) > MAX_STRING_CHARS:
            self.error(mark, "Y011", f"text longer than {MAX_STRING_CHARS} characters",
                       "Shorten it: a summary is a paragraph or two.")
            return value[:0]
        bad = forbidden_char(value)
        if bad:
            name = unicodedata.name(bad.group(), f"U+{ord(bad.group()):04X}")
            self.error(mark, "Y012", f"invisible or control character {name} in text",
                       "Delete it: it can make text display differently from what it says.")
        elif value and not has_visible(value):
            self.error(mark, "Y013", "the text has no visible character",
                       "Write the text: spaces and invisible characters alone show nothing.")
        return paragraphs_as_written(value, event.style) if "\n" in value else value

    def _skip(self, event: yaml.Event, events: Iterator[yaml.Event]) -> None:
        depth = 1 if isinstance(event, yaml.CollectionStartEvent) else 0
        while depth:
            event = next(events)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1


_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")
_NEWLINES = re.compile(r"\n+")


def paragraphs_as_written(value: str, style: str | None = None) -> str:
    """Text with its paragraphs separated by exactly one blank line, whatever the YAML style.

    Contributors separate paragraphs with a blank line. In a folded (>) or quoted scalar YAML
    turns that blank line into a single newline, and lines into spaces; in a literal (|)
    scalar every line break is kept. Both become the same plain text here, at the edge.
    """
    if style == "|":
        value = _SINGLE_NEWLINE.sub(" ", value)
    return _NEWLINES.sub("\n\n", value)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


