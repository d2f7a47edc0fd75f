"""Nothing lost: random and mutated YAML gives a corpus or diagnostics, never an exception.

Hypothesis writes content trees, each into a fresh temporary folder, and runs the whole pipeline
(read, validate, render) on them. Whatever the input, these properties hold:

* the pipeline never raises; every problem is a well-formed ``Diagnostic``;
* every event of the corpus is rendered exactly once on each of its topics' pages, nowhere else;
* every file is accounted for: used in the corpus, or named (it or its folder) by a diagnostic;
* when there are no diagnostics, every event and article the files define is in the corpus;
* a broken file, a stray copy or a second article repeating an event, added to a valid tree,
  never makes the valid article, its topic or its event disappear.

Generated valid corpora also check timeline order, ``ref`` sources and escaped titles against an
oracle computed here from the generated dates, independently of ``generator.dates``.

Budgets are fixed and runs derandomized, so ``make test`` is deterministic and bounded.
"""

from __future__ import annotations

import calendar
import json
import os
import re
import tempfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.diagnostics import Diagnostic
from generator.escaping import escape_text
from generator.languages import main_script
from generator.lookalike import has_visible
from generator.pipeline import build
from generator.reading import FORBIDDEN_CHARS, read_content, read_file
from tests.conftest import ACTOR, ARTICLE, ARTICLE_PATH, CHECK_DAY, TAGS, TOPIC

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from generator.pipeline import Build


def budget(examples: int) -> settings:
    """A fixed, deterministic budget: same examples on every run, no example database."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CODE = re.compile(r"[A-Z][0-9]{3}")

TOPIC_PATH = "topics/thaad.yml"
BASE_EVENT = "2015-02-05-china-urges-us"
BASE_ARTICLE = "2015-02-05-tass-china-urges-us"
BASE_ARTICLE_TITLE = ("China urges United States not to deploy missile defense systems in "
                      "South Korea")
BASE: dict[str, bytes] = {
    "tags.yml": TAGS.encode(),
    TOPIC_PATH: TOPIC.encode(),
    "actors/hong-lei.yml": ACTOR.encode(),
    ARTICLE_PATH: ARTICLE.encode(),
}


# --- running the pipeline on a tree ---------------------------------------------------------------


@contextmanager
def content_tree(files: Mapping[str, bytes]) -> Iterator[Path]:
    """Write ``files`` (relative path → bytes) into a fresh content folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="annals-nothing-lost-") as folder:
        root = Path(folder) / "content"
        root.mkdir()
        for relative, data in files.items():
            path = shown(root, relative)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        yield root


def shown(root: Path, relative: str) -> Path:
    """A content file's path as the reader reaches it (and as diagnostics show it)."""
    return root.joinpath(*relative.split("/"))


def run(root: Path, files: Mapping[str, bytes]) -> Build:
    """Read, validate and render; then check every property that holds for any input."""
    result = build(root)  # an exception escaping here is the first thing these tests look for
    assert_diagnostics_well_formed(root, result.diagnostics)
    assert_corpus_consistent(result)
    assert_rendered_exactly_once(result)
    assert_every_file_accounted_for(root, files, result)
    if not result.diagnostics:
        assert_valid_corpus_complete(root, result)
    return result


def formatted(result: Build) -> list[str]:
    return [d.format() for d in result.diagnostics]


def assert_diagnostics_well_formed(root: Path, diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert isinstance(diagnostic.path, str)
        assert diagnostic.path.startswith(str(root)), diagnostic.format()
        assert isinstance(diagnostic.line, int) and diagnostic.line >= 0, diagnostic.format()
        assert isinstance(diagnostic.column, int) and diagnostic.column >= 0, diagnostic.format()
        assert CODE.fullmatch(diagnostic.code), diagnostic.format()
        assert diagnostic.message.strip(), diagnostic.format()
        diagnostic.format()


def assert_corpus_consistent(result: Build) -> None:
    """Only schema-valid, resolvable events reach the corpus, once each, in timeline order."""
    corpus = result.corpus
    ids = [event.id for event in corpus.events]
    assert len(ids) == len(set(ids)) == len(corpus.events_by_id), Counter(ids).most_common(3)
    for event in corpus.events:
        # The schema's pattern is ^[a-z0-9]+(-[a-z0-9]+)*$ : in JSON Schema (ECMA-262) '$' ends
        # the text, so an id is exactly a slug, with nothing after it.
        assert SLUG.fullmatch(event.id), f"event id {event.id!r} is not a slug ({event.path})"
        assert event.topics, event.id
        assert set(event.topics) <= set(corpus.topics), event.id
        assert set(event.actors) <= set(corpus.actors), event.id
        assert set(event.tags) <= set(corpus.tags), event.id
        assert event.sources and set(event.sources) <= set(corpus.articles), event.id
        assert event.defined_in in corpus.articles, event.id
    keys = [event.sort_key() for event in corpus.events]
    assert keys == sorted(keys)


def topic_page_ids(result: Build, topic_id: str) -> list[str]:
    """The event anchors of a topic page, in page order."""
    markdown = result.pages[f"topics/{topic_id}.md"].body
    return re.findall(r'<h3 id="([^"]*)">', markdown)


def assert_rendered_exactly_once(result: Build) -> None:
    """Every corpus event is on each of its topics' pages once, and on no other topic page."""
    corpus = result.corpus
    for topic_id in corpus.topics:
        markdown = result.pages[f"topics/{topic_id}.md"].body
        for event in corpus.events:
            expected = 1 if topic_id in event.topics else 0
            found = markdown.count(f'id="{event.id}"')
            assert found == expected, (f"event {event.id!r} appears {found} times on the page "
                                       f"of topic {topic_id!r}; expected {expected}")
        # Page order: grouped by the year as written, then timeline order within a year.
        events = corpus.topic_events(topic_id)
        expected_order = [e.id for e in sorted(events, key=lambda e: (e.when.year,
                                                                        *e.sort_key()))]
        assert topic_page_ids(result, topic_id) == expected_order
    sources = result.pages["sources.md"].body
    for article_id in corpus.articles:
        assert sources.count(f'id="{article_id}"') == 1, article_id


def assert_every_file_accounted_for(root: Path, files: Mapping[str, bytes],
                                    result: Build) -> None:
    """Each file is used in the corpus, or it (or a folder holding it) is named by a diagnostic.

    A file that is neither has silently disappeared from the site.
    """
    corpus = result.corpus
    used = {item.path for item in corpus.topics.values()}
    used |= {item.path for item in corpus.actors.values()}
    used |= {item.path for item in corpus.articles.values()}
    reported = {diagnostic.path for diagnostic in result.diagnostics}
    for relative in files:
        path = str(shown(root, relative))
        if path in used or any(path == p or path.startswith(p + os.sep) for p in reported):
            continue
        if relative == "tags.yml":
            document = read_file(shown(root, relative), "tags", [])
            assert document is not None
            tags = document.data["tags"]
            assert all(corpus.tags[tag].description == text for tag, text in tags.items())
            continue
        raise AssertionError(f"{relative!r} is neither in the corpus nor named by a diagnostic; "
                             f"diagnostics: {formatted(result)}")


def assert_valid_corpus_complete(root: Path, result: Build) -> None:
    """With no diagnostics, every topic, article, event and ref read from the files is shown."""
    corpus = result.corpus
    read = read_content(root)
    assert not read.diagnostics
    for document in read.documents:
        if document.kind == "topic":
            assert corpus.topics[document.stem].path == document.path
        elif document.kind == "actor":
            assert corpus.actors[document.stem].path == document.path
        elif document.kind == "article":
            article = corpus.articles[document.stem]
            assert article.path == document.path, (
                f"article {document.stem!r} from {document.path!r} is shown from {article.path!r}")
            assert article.title == document.data["title"]
            for item in document.data["events"]:
                if "ref" in item:
                    assert document.stem in corpus.events_by_id[item["ref"]].sources
                    continue
                event = corpus.events_by_id[item["id"]]
                assert (event.defined_in, event.title) == (document.stem, item["title"])


# --- strategies: garbage and mutations ------------------------------------------------------------

YAML_SPECIALS = ["&", "*", "!", "|", ">", "-", ":", "#", "{", "}", "[", "]", "'", '"', "%", "@",
                 "`", "\t", "\x00", "\n", " ", ",", "?", "~", "\\", ": ", "- ", "? ", "---\n",
                 "...\n", "&a ", "*a", "!!str ", "!!python/object/apply:os.system ", "!x ",
                 "<<: ", "%YAML 1.1\n", "\ufeff", "\u202e", "\u2066", "\x85", "\u2028", "\x7f",
                 "\x1b", "\r", "\r\n", "null", "0", "9", "2015-02-30", "thaad", "ref: "]
RAW_CHUNKS: list[bytes] = [token.encode() for token in YAML_SPECIALS] + [
    b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\xc0\x80", b"\xf4\x90\x80\x80"]
LONG_RUNS = [300, 4_001, 20_001, 270_000]  # past maxLength, MAX_STRING_CHARS, MAX_FILE_BYTES
NEAR_MISS_VALUES = [
    "", "~", "null", "[]", "{}", "[[]]", "2015-02-30", "2015-13-05", "1799-02-05", "2015-2-5",
    "5 Feb 2015", "2015-02-05T25:00Z", "2016/2015", "2015-02-05/", "Thaad", "unknown-topic",
    "[thaad, thaad]", "[thaad, nowhere]", "[hong-lei, nobody]", "javascript:alert(1)", "http://",
    "https://exa mple.org", "x" * 4_001, "[" * 20 + "]" * 20, '"\\ud800"', '"\\u202e"',
    "&anchor value", "*alias", "!!binary aGk=", "{a: 1, a: 2}", "- a\n- b", "a: b: c",
]
STYLES = ["|", "|-", "|+", ">", ">-", "'", '"', "flow", "comment", "empty"]
KEY_LINE = re.compile(rb"^(?P<lead>[ \t]*(?:- )?)(?P<key>[^\s:#][^:\n]*?):(?:[ \t]+(?P<value>.*?))?"
                      rb"(?P<end>\r?\n)?$", re.DOTALL)

yaml_words = st.sampled_from(["title", "summary", "events", "id", "date", "topics", "ref",
                              "tags", "name", "kind", "published", "added", "url", "quotes",
                              "by", "text", "person", "thaad", "hong-lei", "diplomacy"])
yaml_values = st.one_of(st.sampled_from(NEAR_MISS_VALUES), st.sampled_from(YAML_SPECIALS),
                        yaml_words, st.text(max_size=30))


@st.composite
def yamlish_text(draw: st.DrawFn) -> bytes:
    """Lines that look like YAML: indented keys, dashes and flow values, mostly nonsense."""
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        indent = draw(st.sampled_from(["", "  ", "    ", "      ", "\t", " "]))
        dash = draw(st.sampled_from(["", "", "- "]))
        key = draw(yaml_words)
        colon = draw(st.sampled_from([": ", ":", ": ", " : "]))
        lines.append(f"{indent}{dash}{key}{colon}{draw(yaml_values)}")
    return "\n".join(lines).encode("utf-8", "surrogatepass")


garbage = st.one_of(
    st.binary(max_size=2_000),
    st.text(max_size=500).map(lambda text: text.encode("utf-8", "surrogatepass")),
    yamlish_text(),
)


@dataclass(frozen=True)
class Mutation:
    """One edit of a file's bytes; positions are taken modulo the current size when applied."""

    kind: str
    at: int
    other: int = 0
    chunk: bytes = b""

    def apply(self, data: bytes) -> bytes:
        lines = data.splitlines(keepends=True) or [b""]
        line = self.at % len(lines)
        at = self.at % (len(data) + 1)
        if self.kind == "delete":
            return data[:at] + data[at + self.other:]
        if self.kind == "insert":
            return data[:at] + self.chunk + data[at:]
        if self.kind == "replace":
            return data[:at] + self.chunk + data[at + self.other:]
        if self.kind == "delete_line":
            del lines[line]
        elif self.kind == "duplicate_line":
            lines.insert(line, lines[line])
        elif self.kind == "swap_lines":
            other = self.other % len(lines)
            lines[line], lines[other] = lines[other], lines[line]
        elif self.kind == "indent":
            lines[line] = self.chunk + lines[line]
        elif self.kind == "dedent":
            lines[line] = lines[line].lstrip(b" \t")
        elif self.kind == "replace_line":
            lines[line] = self.chunk + b"\n"
        else:
            return self.apply_to_key(lines)
        return b"".join(lines)

    def apply_to_key(self, lines: list[bytes]) -> bytes:
        """Field-level edits: choose one 'key: value' line and rewrite its value."""
        keyed = [(index, match) for index, text in enumerate(lines)
                 if (match := KEY_LINE.match(text))]
        if not keyed:
            return b"".join(lines)
        index, match = keyed[self.at % len(keyed)]
        lead, key, value = match["lead"], match["key"], match["value"] or b""
        end = match["end"] or b"\n"
        if self.kind == "set_value":
            lines[index] = lead + key + b": " + self.chunk + end
        else:  # restyle: the same text in another YAML scalar style
            lines[index] = lead + key + restyle(value, self.chunk.decode(), len(lead)) + end
        return b"".join(lines)


def restyle(value: bytes, style: str, indent: int) -> bytes:
    inner = b" " * (indent + 2)
    if style in ("|", "|-", "|+", ">", ">-"):
        return b": " + style.encode() + b"\n" + inner + value
    if style == "'":
        return b": '" + value.replace(b"'", b"''") + b"'"
    if style == '"':
        return b": " + json.dumps(value.decode("utf-8", "replace"), ensure_ascii=False).encode()
    if style == "flow":
        return b": [" + value + b"]"
    if style == "comment":
        return b": " + value + b" # note"
    return b":"


positions = st.integers(0, 2**20)
chunks = st.one_of(st.sampled_from(RAW_CHUNKS), st.binary(min_size=1, max_size=8),
                   st.sampled_from(LONG_RUNS).map(lambda n: b"a" * n))
mutations = st.one_of(
    st.builds(Mutation, st.just("delete"), positions, st.integers(1, 40)),
    st.builds(Mutation, st.just("insert"), positions, chunk=chunks),
    st.builds(Mutation, st.just("replace"), positions, st.integers(1, 4), chunks),
    st.builds(Mutation, st.sampled_from(["delete_line", "duplicate_line", "dedent"]), positions),
    st.builds(Mutation, st.just("swap_lines"), positions, positions),
    st.builds(Mutation, st.just("indent"), positions,
              chunk=st.sampled_from([b" ", b"  ", b"\t", b"- "])),
    st.builds(Mutation, st.just("replace_line"), positions, chunk=yamlish_text()),
    st.builds(Mutation, st.just("set_value"), positions,
              chunk=st.sampled_from(NEAR_MISS_VALUES).map(str.encode)),
    st.builds(Mutation, st.just("restyle"), positions,
              chunk=st.sampled_from(STYLES).map(str.encode)),
)


def mutate(data: bytes, edits: list[Mutation]) -> bytes:
    for edit in edits:
        data = edit.apply(data)
    return data


# --- 1. random bytes and text as content files ----------------------------------------------------


@budget(120)
@given(target=st.sampled_from([ARTICLE_PATH, TOPIC_PATH, "tags.yml", "actors/hong-lei.yml"]),
       data=garbage)
def test_random_files_give_a_corpus_or_diagnostics(target: str, data: bytes) -> None:
    """Random bytes, text or YAML-like lines in place of one content file."""
    files = {**BASE, target: data}
    with content_tree(files) as root:
        result = run(root, files)
        if target not in (TOPIC_PATH, ARTICLE_PATH):
            # The article does not depend on its actor or tags to be shown (only on its topic).
            assert BASE_EVENT in result.corpus.events_by_id, formatted(result)


# --- 2. mutated valid YAML ------------------------------------------------------------------------


@budget(250)
@given(target=st.sampled_from([ARTICLE_PATH, ARTICLE_PATH, ARTICLE_PATH, TOPIC_PATH, "tags.yml",
                               "actors/hong-lei.yml"]),
       edits=st.lists(mutations, min_size=1, max_size=4))
def test_mutated_yaml_gives_a_corpus_or_diagnostics(target: str, edits: list[Mutation]) -> None:
    """A valid file edited at random: characters, lines, special tokens, bad bytes, values."""
    files = {**BASE, target: mutate(BASE[target], edits)}
    with content_tree(files) as root:
        result = run(root, files)
        if not result.diagnostics:
            assert result.corpus.events, "a valid article always shows at least one event"


@budget(150)
@given(edits=st.lists(st.builds(Mutation, st.just("restyle"), st.integers(0, 63),
                                chunk=st.sampled_from(STYLES).map(str.encode)),
                      min_size=1, max_size=3))
@example(edits=[Mutation("restyle", 7, chunk=b"|")])  # "- id: |" then the id on the next line
def test_values_in_other_yaml_styles_give_a_corpus_or_diagnostics(edits: list[Mutation]) -> None:
    """The article's values as block, folded, quoted or flow scalars: read right, or refused."""
    files = {**BASE, ARTICLE_PATH: mutate(BASE[ARTICLE_PATH], edits)}
    with content_tree(files) as root:
        run(root, files)


# --- 3. generated valid corpora -------------------------------------------------------------------

TOPICS = {"alpha": "Alpha", "beta": "Beta & <Gamma>", "gamma": "Γάμμα"}
ACTORS = {"hong-lei": ACTOR, "china": "name: China\nkind: state\n"}
TAG_IDS = ["diplomacy", "missile-defence"]
# Markup, CJK, emoji, right-to-left letters and joiners; no controls, bidi overrides, surrogates,
# line separators or the BOM (YAML or the reader refuse or fold them, with a diagnostic).
FORBIDDEN = ("\ufeff\ufffe\uffff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
SPECIAL_CHARACTERS = [*"<>&\"'*_[]{}`\\#|!%@:-~ ", "中", "文", "한", "😀", "🏳️‍🌈", "שלום", "عربي",
                      "\u200d", "\u00a0"]
characters = st.one_of(
    st.sampled_from(SPECIAL_CHARACTERS),
    st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters=FORBIDDEN)
    .filter(lambda char: not FORBIDDEN_CHARS.match(char)),  # the noncharacters too
)
# A text shows something: the check refuses one of joiners and spaces only (Y013).
texts = st.lists(characters, min_size=1, max_size=24).map("".join).filter(has_visible)
latin_texts = texts.filter(lambda text: main_script(text) is None)
paragraphs = st.lists(texts, min_size=1, max_size=3).map("\n\n".join)
slugs = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6),
                 min_size=1, max_size=4).map("-".join)


@dataclass(frozen=True)
class Point:
    """One written date and what it means: its UTC bounds (upper exclusive) and precision."""

    text: str
    lower: datetime
    upper: datetime
    precision: int


@dataclass(frozen=True)
class DateSpec:
    """An event's date as written, the year it starts in as written, and where it sorts."""

    text: str
    year: int
    lower: datetime
    precision: int


@st.composite
def points(draw: st.DrawFn) -> Point:
    year = draw(st.integers(1900, 2100))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    precision = draw(st.integers(0, 3))
    qualifier = draw(st.sampled_from(["", "", "~", "?", "%"]))
    if precision == 0:
        lower = datetime(year, 1, 1, tzinfo=UTC)
        return Point(f"{year:04d}{qualifier}", lower, datetime(year + 1, 1, 1, tzinfo=UTC), 0)
    if precision == 1:
        lower = datetime(year, month, 1, tzinfo=UTC)
        upper = lower + timedelta(days=calendar.monthrange(year, month)[1])
        return Point(f"{year:04d}-{month:02d}{qualifier}", lower, upper, 1)
    if precision == 2:
        lower = datetime(year, month, day, tzinfo=UTC)
        return Point(f"{year:04d}-{month:02d}-{day:02d}{qualifier}", lower,
                     lower + timedelta(days=1), 2)
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    second = draw(st.none() | st.integers(0, 59))
    offset = draw(st.none() | st.integers(-14 * 60 - 59, 14 * 60 + 59))
    if offset is None:
        zone = "Z"
    else:
        sign = "-" if offset < 0 else "+"
        zone = f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    local = datetime(year, month, day, hour, minute, second or 0,
                     tzinfo=timezone(timedelta(minutes=offset or 0)))
    clock = f"{hour:02d}:{minute:02d}" + ("" if second is None else f":{second:02d}")
    lower = local.astimezone(UTC)
    return Point(f"{year:04d}-{month:02d}-{day:02d}T{clock}{zone}{qualifier}", lower,
                 lower + timedelta(minutes=1), 3)


@st.composite
def dates(draw: st.DrawFn) -> DateSpec:
    start = draw(points())
    if draw(st.booleans()):
        end = draw(points())
        if end.lower < start.lower or end.upper < start.upper:
            start, end = end, start
        if end.lower >= start.lower and end.upper >= start.upper:
            return DateSpec(f"{start.text}/{end.text}", int(start.text[:4]), start.lower,
                            start.precision)
    return DateSpec(start.text, int(start.text[:4]), start.lower, start.precision)


@dataclass(frozen=True)
class EventSpec:
    id: str
    when: DateSpec
    title: str
    topics: tuple[str, ...]
    article: int


@dataclass(frozen=True)
class ArticleSpec:
    id: str
    relative: str
    title: str
    published: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class CorpusSpec:
    files: dict[str, bytes]
    events: tuple[EventSpec, ...]
    articles: tuple[ArticleSpec, ...]


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar: a JSON string, every character kept."""
    return json.dumps(value, ensure_ascii=False)


def yaml_list(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False)


def day_text(draw: st.DrawFn, after: date = date(1900, 1, 1)) -> str:
    """A day from ``after`` to the day the tests check on: a publication or curation date the
    check accepts (none is still to come)."""
    return draw(st.dates(after, date.fromisoformat(CHECK_DAY))).isoformat()


@st.composite
def corpora(draw: st.DrawFn) -> CorpusSpec:
    ids = draw(st.lists(slugs, min_size=1, max_size=8, unique=True))
    count = draw(st.integers(1, min(4, len(ids))))
    owners = list(range(count)) + [draw(st.integers(0, count - 1)) for _ in ids[count:]]
    events = tuple(
        EventSpec(event_id, draw(dates()), draw(texts),
                  tuple(draw(st.lists(st.sampled_from(sorted(TOPICS)), min_size=1, max_size=3,
                                      unique=True))), owner)
        for event_id, owner in zip(ids, owners, strict=True))
    files: dict[str, bytes] = {"tags.yml": TAGS.encode()}
    files |= {f"topics/{topic}.yml": f"title: {yaml_text(title)}\nsummary: {yaml_text(title)}\n"
              .encode() for topic, title in TOPICS.items()}
    files |= {f"actors/{actor}.yml": text.encode() for actor, text in ACTORS.items()}
    articles = []
    for index in range(count):
        published = day_text(draw)
        others = sorted(e.id for e in events if e.article != index)
        refs = tuple(draw(st.lists(st.sampled_from(others), max_size=3, unique=True))
                     if others else [])
        article_id = f"{published}-publisher-{index}"
        relative = f"articles/{published[:4]}/{article_id}.yml"
        title = draw(texts)
        lines = [f"title: {yaml_text(title)}", f"publisher: {yaml_text(draw(texts))}",
                 f"url: https://example.org/{index}", f"published: {published}",
                 f"added: {day_text(draw, date.fromisoformat(published))}",
                 f"summary: {yaml_text(draw(paragraphs))}",
                 "events:"]
        for event in events:
            if event.article != index:
                continue
            lines += [f"  - id: {event.id}", f"    date: {yaml_text(event.when.text)}",
                      f"    title: {yaml_text(event.title)}",
                      f"    summary: {yaml_text(draw(paragraphs))}",
                      f"    topics: {yaml_list(list(event.topics))}"]
            actors = draw(st.lists(st.sampled_from(sorted(ACTORS)), max_size=2, unique=True))
            if actors:
                lines.append(f"    actors: {yaml_list(actors)}")
            tags = draw(st.lists(st.sampled_from(TAG_IDS), max_size=2, unique=True))
            if tags:
                lines.append(f"    tags: {yaml_list(tags)}")
            places = draw(st.lists(texts, max_size=2, unique=True))
            if places:
                lines.append(f"    places: {yaml_list(places)}")
            quoted: bool = draw(st.booleans())
            if actors and quoted:
                # In Arabic, translated: any text may be a quote (in any script), and its
                # translation is any text in Latin letters (a translation is English).
                lines += ["    quotes:", f"      - text: {yaml_text(draw(texts))}",
                          f"        by: {actors[0]}", "        language: ar",
                          f"        translation: {{text: {yaml_text(draw(latin_texts))}, "
                          "by: curators}"]
        lines += [f"  - ref: {ref}" for ref in refs]
        files[relative] = ("\n".join(lines) + "\n").encode()
        articles.append(ArticleSpec(article_id, relative, title, published, refs))
    return CorpusSpec(files, events, tuple(articles))


ALLOWED_TAGS = re.compile(r"</?(?:article|h3|a|p|time|span|ul|li|cite|div|figure|blockquote|"
                          r"figcaption|details|summary|button|form|label|select|option|input|"
                          r"svg|title|desc|rect|text|line|footer|ol|code|em|b)(?:\s[^<>]*)?>"
                          r'|<script type="application/ld\+json">[^<>]*</script>')


@budget(80)
@given(spec=corpora())
def test_generated_corpora_show_every_event_once_in_order(spec: CorpusSpec) -> None:
    """Structurally valid corpora: no diagnostics, each event once per topic, in order, escaped."""
    with content_tree(spec.files) as root:
        result = run(root, spec.files)
        assert not result.diagnostics, formatted(result)
        corpus = result.corpus
        assert sorted(corpus.events_by_id) == sorted(e.id for e in spec.events)
        assert sorted(corpus.articles) == sorted(a.id for a in spec.articles)
        published = {a.id: a.published for a in spec.articles}
        for event in spec.events:
            shown_event = corpus.events_by_id[event.id]
            assert shown_event.title == event.title
            assert shown_event.topics == event.topics
            defined_in = spec.articles[event.article].id
            citing = [a.id for a in spec.articles if event.id in a.refs]
            assert shown_event.sources == tuple(sorted([defined_in, *citing],
                                                       key=lambda a: (published[a], a)))
        for topic in TOPICS:
            mine = [e for e in spec.events if topic in e.topics]
            order = sorted(mine, key=lambda e: (e.when.year, e.when.lower, e.when.precision,
                                                e.id))
            assert topic_page_ids(result, topic) == [e.id for e in order]
            markdown = result.pages[f"topics/{topic}.md"].body
            for event in mine:
                heading = f'<h3 id="{event.id}">{escape_text(event.title)}</h3>'
                assert markdown.count(heading) == 1, event
        for uri, page in result.pages.items():
            leftover = ALLOWED_TAGS.sub("", page.body)
            assert "<" not in leftover and ">" not in leftover, (uri, leftover)


# --- 4. a bad file never hides the others ---------------------------------------------------------

extra_paths = st.builds(
    "{}{}{}".format,
    st.sampled_from(["articles/2015/", "articles/2014/", "articles/2016/", "articles/15/",
                     "topics/", "actors/", ""]),
    st.sampled_from(["2015-01-01-other", BASE_ARTICLE, "2016-01-01-later", "2014-12-31-early",
                     "thaad", "hong-lei", "other", "tags", "Bad Name", ".hidden"]),
    st.sampled_from([".yml", ".yml\n", ".yaml", ".yml~", ".yml ", ""]),
).filter(lambda relative: relative not in BASE)
bad_contents = st.one_of(
    garbage,
    st.builds(mutate, st.sampled_from([ARTICLE.encode(), TOPIC.encode(), ACTOR.encode()]),
              st.lists(mutations, max_size=3)),
)


def assert_base_intact(root: Path, result: Build) -> None:
    """The valid tree's article, topic and event are all still there, from their own files."""
    corpus = result.corpus
    assert BASE_EVENT in corpus.events_by_id, (
        f"the valid article's event vanished; diagnostics: {formatted(result)}")
    assert topic_page_ids(result, "thaad").count(BASE_EVENT) == 1
    assert BASE_ARTICLE in corpus.articles, formatted(result)
    article = corpus.articles[BASE_ARTICLE]
    assert (article.path, article.title) == (str(shown(root, ARTICLE_PATH)),
                                             BASE_ARTICLE_TITLE), formatted(result)
    assert corpus.topics["thaad"].path == str(shown(root, TOPIC_PATH)), formatted(result)
    assert corpus.actors["hong-lei"].path == str(shown(root, "actors/hong-lei.yml"))


@budget(200)
@given(relative=extra_paths, data=bad_contents)
def test_a_broken_file_never_hides_the_others(relative: str, data: bytes) -> None:
    """Garbage added at a new path, well or badly named, in any folder."""
    files = {**BASE, relative: data}
    with content_tree(files) as root:
        assert_base_intact(root, run(root, files))


# A contributor's stray copy of a file: duplicated under another name, left by an editor as a
# backup, renamed with a slip of the keyboard, or moved to another year; and maybe edited.
COPY_FOLDERS = {
    ARTICLE_PATH: ["articles/2015/", "articles/2014/", "articles/2016/"],
    TOPIC_PATH: ["topics/"],
    "actors/hong-lei.yml": ["actors/"],
    "tags.yml": [""],
}
COPY_STEMS = {
    ARTICLE_PATH: [BASE_ARTICLE, "2015-01-01-copy", "2015-12-31-copy", "2014-12-31-copy",
                   "2016-01-01-copy"],
    TOPIC_PATH: ["thaad", "thaad-copy", "Thaad"],
    "actors/hong-lei.yml": ["hong-lei", "hong-lei-2"],
    "tags.yml": ["tags"],
}
COPY_SUFFIXES = [".yml", ".yml\n", ".yml ", ".yml~", ".yml.bak", ".yaml", ".YML", ".yml\r"]
DAY_NEAR_MISSES = ["2015-02-30", "2015-13-05", "1799-02-05", "2200-01-01", "2015-2-5",
                   "2015-02-05T10:00Z", "2015", "05.02.2015"]
FIELDS = ["title", "publisher", "url", "published", "added", "summary", "id", "date", "topics",
          "actors", "tags", "name", "kind", "diplomacy"]


def set_field(data: bytes, key: str, value: str) -> bytes:
    """Give the first 'key: value' line with this key another value."""
    pattern = re.compile(rb"(?m)^([ \t]*(?:- )?)" + re.escape(key.encode()) + rb":.*$")
    return pattern.sub(lambda m: m[1] + key.encode() + b": " + value.encode(), data, count=1)


@st.composite
def stray_copies(draw: st.DrawFn) -> tuple[str, bytes]:
    original = draw(st.sampled_from([ARTICLE_PATH, ARTICLE_PATH, TOPIC_PATH,
                                     "actors/hong-lei.yml", "tags.yml"]))
    folder = draw(st.sampled_from(COPY_FOLDERS[original]))
    stem = draw(st.sampled_from(COPY_STEMS[original]))
    relative = folder + stem + draw(st.sampled_from(COPY_SUFFIXES))
    edit = draw(st.none() | st.tuples(st.sampled_from(["published", "added"]),
                                      st.sampled_from(DAY_NEAR_MISSES))
                | st.tuples(st.sampled_from(FIELDS), st.sampled_from(NEAR_MISS_VALUES)))
    data = BASE[original] if edit is None else set_field(BASE[original], *edit)
    return relative, data


@budget(200)
@given(copy=stray_copies().filter(lambda copy: copy[0] not in BASE))
@example(copy=(ARTICLE_PATH + "\n", BASE[ARTICLE_PATH]))  # the same name with a newline after it
def test_a_stray_copy_never_hides_the_original(copy: tuple[str, bytes]) -> None:
    """A copy of a valid file under a near-miss name, maybe with one field edited."""
    relative, data = copy
    files = {**BASE, relative: data}
    with content_tree(files) as root:
        assert_base_intact(root, run(root, files))


# A second article that repeats the valid article's event (copied, then edited): whichever file
# is at fault, the event stays on the site while the check reports the duplicate.
other_articles = st.builds(
    "articles/{0}/{0}-{1}-{2}.yml".format,
    st.sampled_from(["2015", "2014", "2016"]),
    st.sampled_from(["01-01", "12-31", "02-05"]),
    st.sampled_from(["copy", "tass-china-urges-us-2", "a", "zzz"]),
)
article_edits = st.one_of(
    st.tuples(st.sampled_from(["published", "added"]), st.sampled_from(DAY_NEAR_MISSES)),
    st.tuples(st.sampled_from(FIELDS), st.sampled_from(NEAR_MISS_VALUES)),
)


@budget(150)
@given(relative=other_articles, edits=st.lists(article_edits, max_size=2))
@example(relative="articles/2015/2015-01-01-copy.yml", edits=[("published", "2015-02-30")])
def test_an_article_repeating_an_event_never_hides_it(relative: str,
                                                      edits: list[tuple[str, str]]) -> None:
    """Another article defining the same event, sorted before or after, maybe broken."""
    data = ARTICLE.encode()
    for key, value in edits:
        data = set_field(data, key, value)
    files = {**BASE, relative: data}
    with content_tree(files) as root:
        assert_base_intact(root, run(root, files))
