"""Validate read documents against the JSON Schemas and the cross-file rules; build the corpus.

Every problem becomes a ``Diagnostic``; nothing is raised. The corpus is built from whatever is
valid, so that a broken file never makes other files' events disappear from a preview: the
check still fails, and a published build refuses to run with errors.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any, cast

import fastjsonschema

from generator import archives, words
from generator.clock import latest_allowed
from generator.dates import DateError, parse_day, parse_when
from generator.diagnostics import Diagnostic, Severity
from generator.links import link_problem
from generator.model import Actor, Article, Corpus, Correction, Event, Place, Tag, Topic
from generator.packaged import SCHEMAS
from generator.places import read_place, unknown_place_hint

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from jsonschema.exceptions import ValidationError

    from generator.reading import Document, JsonPath, Kind

SCHEMA_DIR = SCHEMAS
"""The schemas every file is checked against: the package's, wherever it is installed."""


@dataclass
class ValidationResult:
    """The corpus built from every valid part, and every problem found."""

    corpus: Corpus
    diagnostics: list[Diagnostic] = field(default_factory=list)


@cache
def load_schema(name: str) -> dict[str, Any]:
    """One of the JSON Schemas shipped with the package: article, topic, actor or tags."""
    with (SCHEMA_DIR / f"{name}.schema.json").open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
             ) -> Iterator[ValidationError]:
    """JSON Schema's ``pattern`` with ECMA-262's ``$``, which matches only at the very end.

    Python's ``$`` also matches before a final newline, so ``"thaad\\n"`` would pass
    ``^[a-z]+$`` and a block scalar (``id: |``) could smuggle a newline into an id.
    """
    if not validator.is_type(instance, "string"):
        return
    python_pattern = pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern
    if not re.search(python_pattern, instance):
        from jsonschema.exceptions import ValidationError as JsonSchemaError

        yield JsonSchemaError(f"{instance!r} does not match {pattern!r}")


@cache
def _strict_validator_class() -> Any:
    """jsonschema's Draft 2020-12 validator with ECMA ``pattern``s. Imported when first needed:
    the compiled fast path decides nearly every file, and a build without a broken file need
    not pay for importing jsonschema."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]


@cache
def _schema_for(kind: str, part: str = "") -> dict[str, Any]:
    """The schema a document of ``kind`` (or an article's event, ``part``) is checked against."""
    schema = load_schema(kind)
    if kind == "article" and part:
        part_schema: dict[str, Any] = schema["$defs"][part]
        return part_schema
    if kind == "article":
        # Each event is checked on its own (against "event" or "ref", chosen by its keys), so
        # that a contributor reads "missing field 'date'" instead of a oneOf summary.
        schema = json.loads(json.dumps(schema))
        schema["properties"]["events"]["items"] = {"type": "object"}
    return schema


@cache
def _validator(kind: str, part: str = "") -> Any:
    return _strict_validator_class()(_schema_for(kind, part))


def _ecma_patterns(schema: Any) -> Any:
    """A copy of a schema whose ``pattern``s end in ``\\Z`` where they end in ``$``: the ECMA
    meaning of ``$`` (see :func:`_pattern`) for a validator that uses Python's ``re``.

    fastjsonschema 2.x reads ``$`` that way already; saying it here keeps a change there from
    letting a trailing newline into an id.
    """
    if isinstance(schema, dict):
        return {key: (value[:-1] + r"\Z" if key == "pattern" and isinstance(value, str)
                      and value.endswith("$") else _ecma_patterns(value))
                for key, value in schema.items()}
    if isinstance(schema, list):
        return [_ecma_patterns(item) for item in schema]
    return schema


@cache
def _fast_check(kind: str, part: str = "") -> Any:
    """The same schema as :func:`_validator`, compiled to Python code by fastjsonschema.

    It says only whether a document is valid, and stops at the first problem; nearly every
    document is, so it decides those about ten times faster, and only a document it refuses
    goes through jsonschema for the full list of problems with their positions.
    """
    schema = _schema_for(kind, part)
    return fastjsonschema.compile(_ecma_patterns(schema), use_formats=False,
                                  use_default=False)


def _passes(check: Any, data: Any) -> bool:
    try:
        check(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@dataclass
class SchemaCache:
    """Each document's schema verdict and problems, for as long as it is the same object.

    A :class:`~generator.reading.ReadCache` hands back the very same Document for a file that
    did not change, so a preview re-checks only the files that were saved. Cross-file rules
    always run on everything: they depend on the other files.
    """

    verdicts: dict[int, tuple[Document, bool, list[Diagnostic]]] = field(default_factory=dict)
    articles: dict[int, tuple[Document, int, _ArticleMade]] = field(default_factory=dict)
    """What checking each clean article made (its article, events, refs and distinct_from
    entries), with the version of the registries it was checked against."""
    context: tuple[object, ...] | None = None
    """The registries and settings an article is checked against, at the last check."""
    context_version: int = 0

    def schema_ok(self, document: Document, diagnostics: list[Diagnostic]) -> bool:
        """:func:`_schema_ok`, remembered per document object."""
        known = self.verdicts.get(id(document))
        if known is None or known[0] is not document:
            found: list[Diagnostic] = []
            known = (document, _schema_ok(document, found), found)
            self.verdicts[id(document)] = known
        diagnostics.extend(known[2])
        return known[1]

    def keep_only(self, documents: list[Document]) -> None:
        """Forget the documents that are gone (their ids could be reused)."""
        current = {id(document) for document in documents}
        for key in self.verdicts.keys() - current:
            del self.verdicts[key]
        for key in self.articles.keys() - current:
            del self.articles[key]

    def version_of(self, context: tuple[object, ...]) -> int:
        """A number for the registries and settings articles are checked against: the same
        while they are equal."""
        if context != self.context:
            self.context, self.context_version = context, self.context_version + 1
        return self.context_version


@dataclass(frozen=True)
class _ArticleMade:
    """What checking one article added to the corpus being built, when it found no problem."""

    article: Article | None
    events: tuple[Event, ...]
    refs: tuple[tuple[str, str, Document, JsonPath], ...]
    distinct: tuple[tuple[str, Document, JsonPath], ...]


def validate(documents: list[Document], cache: SchemaCache | None = None, *,
             today: date | None = None, warn_unarchived: bool = False) -> ValidationResult:
    """Check documents one by one and against each other; build the corpus from the valid ones.

    With a ``cache``, a document already checked (the same object) is not checked again.
    ``today`` is the day of the check (default: :func:`generator.clock.check_day`): no date may
    be later, bar a day's allowance. ``warn_unarchived`` warns about each source without an
    archived copy (W003).
    """
    diagnostics: list[Diagnostic] = []
    if cache is not None:
        cache.keep_only(documents)
    schema_ok = cache.schema_ok if cache is not None else _schema_ok
    checked = [doc for doc in documents if schema_ok(doc, diagnostics)]
    builder = _CorpusBuilder(diagnostics, latest_allowed(today))
    builder.warn_unarchived = warn_unarchived
    # A site with a places registry (content/places/) has every place an event names checked
    # against it; one without keeps places as free text, and no map.
    builder.places_checked = any(document.kind == "place" for document in documents)
    passed = {id(document) for document in checked}
    failed = [doc for doc in documents if doc.kind == "article" and id(doc) not in passed]
    for document in failed:
        builder.note_broken(document)
    for kind in ("tags", "topic", "actor", "place"):
        for document in checked:
            if document.kind == kind:
                builder.add(document)
    if cache is not None:
        builder.memo = cache
        builder.memo_version = cache.version_of(builder.context())
    for document in checked:
        if document.kind == "article":
            builder.add(document)
    for document in failed:
        builder.check_loose(document)
    corpus = builder.finish()
    diagnostics.sort(key=lambda d: (d.path, d.line, d.column, d.code))
    return ValidationResult(corpus, diagnostics)


# --- schema -------------------------------------------------------------------------------------


def _schema_ok(document: Document, diagnostics: list[Diagnostic]) -> bool:
    if _fast_ok(document):
        return True
    errors: list[tuple[ValidationError, JsonPath]] = [
        (error, ()) for error in _validator(document.kind).iter_errors(document.data)]
    if document.kind == "article" and isinstance(document.data, dict):
        for index, item in enumerate(document.data.get("events") or []):
            if isinstance(item, dict):
                part = "ref" if "ref" in item else "event"
                prefix: JsonPath = ("events", index)
                errors += [(error, prefix) for error in _validator("article", part).iter_errors(
                    item)]
    for error, prefix in errors:
        diagnostics.append(_schema_diagnostic(document, error, prefix))
    return not errors


def _schema_accepts(part: str, item: dict[str, Any], name: str) -> bool:
    """Whether an article's event (``part`` "event") or ref ("ref") has a field ``name`` that
    its schema accepts on its own: where the schema said nothing."""
    properties = _schema_for("article", part).get("properties", {})
    return name in item and name in properties and _property_validator(part, name).is_valid(
        item[name])


@cache
def _property_validator(part: str, name: str) -> Any:
    return _strict_validator_class()(_schema_for("article", part)["properties"][name])


def _fast_ok(document: Document) -> bool:
    """True when the compiled schemas accept the document (and each event of an article)."""
    if not _passes(_fast_check(document.kind), document.data):
        return False
    if document.kind == "article" and isinstance(document.data, dict):
        for item in document.data.get("events") or []:
            if isinstance(item, dict) and not _passes(
                    _fast_check("article", "ref" if "ref" in item else "event"), item):
                return False
    return True


_TYPE_WORDS = {"object": "a mapping of fields", "array": "a list", "string": "text"}


def _schema_diagnostic(document: Document, error: ValidationError, prefix: JsonPath
                       ) -> Diagnostic:
    path: JsonPath = (*prefix, *error.absolute_path)
    where = _describe(path)
    validator, expected = error.validator, cast("Any", error.validator_value)
    schema = error.schema if isinstance(error.schema, dict) else {}
    on_key = False
    if validator == "required":
        name = str(error.message).split("'")[1]
        code, message = "S001", f"{where} is missing the required field '{name}'"
        hint = f"Add '{name}:' ({_field_help(document.kind, prefix, name)})."
    elif validator == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(known)) if isinstance(error.instance,
                                                                        dict) else []
        name = extra[0] if extra else "?"
        path, on_key = (*path, name), True
        code, message = "S002", f"unknown field '{name}' in {where}"
        hint = _did_you_mean(name, known) or f"Known fields: {', '.join(known)}."
    elif validator == "type":
        code = "S003"
        message = f"{where} must be {_TYPE_WORDS.get(str(expected), str(expected))}"
        hint = ("Write a list as [a, b] or as lines starting with '- '."
                if expected == "array" else "Check the indentation and the value's form.")
    elif validator == "minItems":
        code, message = "S004", f"{where} must not be empty"
        hint = {
            "events": "An article documents at least one event: define one, or cite one "
                      "with '- ref: <event-id>'.",
            "topics": "Every event belongs to at least one topic from content/topics/.",
        }.get(str(path[-1]), "Add at least one item, or remove the field.")
    elif validator == "minLength":
        code, message = "S005", f"{where} must not be empty"
        hint = "Write the text, or remove the field if it is optional."
    elif validator == "maxLength":
        code = "S006"
        message = f"{where} is too long ({len(str(error.instance))} characters; at most {expected})"
        hint = "Shorten it; the summary is the place for detail."
    elif validator == "pattern":
        code, message, hint = _pattern_problem(where, str(expected), error.instance)
    elif validator == "maxItems":
        code = "S010"
        count = len(cast("list[Any]", error.instance))
        message = f"{where} lists {count} items (at most {expected})"
        hint = "Keep the ones the article names as acting; the summary can mention the others."
    elif validator == "uniqueItems":
        code, message = "S008", f"{where} lists the same item twice"
        hint = "Remove the repeated item."
    elif validator == "not" and path[-1:] == ("id",):
        code = "V012"
        message = f"{where}: {error.instance!r} is an id the site gives one of its own sections"
        hint = (f"Choose another id, e.g. one starting with the date: 2015-02-05-"
                f"{error.instance}.")
    elif validator == "enum":
        code, message = "S009", f"{where} must be one of: {', '.join(map(str, expected))}"
        hint = _did_you_mean(str(error.instance), [str(v) for v in expected]) or ""
    else:  # pragma: no cover - every keyword the schemas use is handled above
        code, message, hint = "S099", f"{where}: {error.message}", ""
    position = document.position(path, key=on_key)
    return Diagnostic(document.path, position.line, position.column, code, message, hint)


def _pattern_problem(where: str, pattern: str, value: Any) -> tuple[str, str, str]:
    if pattern.startswith("^https?"):
        return ("S007", f"{where} must be an http:// or https:// address",
                "Copy the article's address from the browser's address bar.")
    if pattern.startswith("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"):
        return ("S007", f"{where} must be a day written YYYY-MM-DD, not {value!r}",
                "For example 2015-02-05.")
    if pattern.startswith("^[a-z0-9]+"):
        suggestion = "-".join("".join(c if c.isalnum() and c.isascii() else " "
                                      for c in str(value).lower()).split())
        return ("S007", f"{where} must be lower-case words joined by hyphens, not {value!r}",
                f"For example {suggestion or 'my-id'!r}.")
    if pattern.startswith("^-?[0-9]{1,"):  # a place's latitude or longitude
        return ("S007", f"{where} must be a decimal number of degrees, not {value!r}",
                "Write degrees as a decimal number with a point, no sign of degrees, minutes "
                "or exponent: 35°30′ south is -35.5.")
    return ("S007", f"{where} has the wrong form: {value!r}",
            "See the field's description in the schema.")


def _describe(path: JsonPath) -> str:
    if not path:
        return "the file"
    if path[0] == "events" and len(path) >= 2:
        rest = "".join(f".{p}" if isinstance(p, str) else f"[{p}]" for p in path[2:])
        return f"event {int(path[1]) + 1}" + (f" field '{rest[1:]}'" if rest else "")
    shown = "".join(f".{p}" if isinstance(p, str) else f"[{p}]" for p in path)
    return f"field '{shown.lstrip('.')}'"


def _field_help(kind: Kind, prefix: JsonPath, name: str) -> str:
    schema = load_schema(kind)
    properties = schema["$defs"]["event"]["properties"] if prefix else schema["properties"]
    description: str = properties.get(name, {}).get("description", "see the schema")
    return description.rstrip(".")


def _did_you_mean(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=3, cutoff=0.5)
    return f"Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


# --- cross-file rules and the corpus --------------------------------------------------------------


class _CorpusBuilder:
    """Turns schema-valid documents into model objects, checking every rule across files."""

    def __init__(self, diagnostics: list[Diagnostic], latest: date) -> None:
        self.diagnostics = diagnostics
        self.latest = latest
        self.topics: dict[str, Topic] = {}
        self.actors: dict[str, Actor] = {}
        self.tags: dict[str, Tag] = {}
        self.articles: dict[str, Article] = {}
        self.events: dict[str, Event] = {}
        self.topic_docs: dict[str, Document] = {}
        # (article id, event id, document, position path) for each ref, resolved at the end.
        self.refs: list[tuple[str, str, Document, JsonPath]] = []
        # (event id named, document, position path) for each distinct_from, checked at the end.
        # Events defined in a file with errors, and where: refs to them point there.
        self.broken: dict[str, tuple[str, int]] = {}
        # (event id named, document, position path) for each ref of an article that failed its
        # schema: checked at the end too, but they cite nothing.
        self.loose_refs: list[tuple[str, Document, JsonPath]] = []
        self.distinct: list[tuple[str, Document, JsonPath]] = []
        self.warn_unarchived = False
        self.places: dict[str, Place] = {}
        self.place_names: dict[str, Place] = {}
        self.places_checked = False
        # A preview's memo of the clean articles (SchemaCache.articles), and the version of
        # the registries they are checked against this time.
        self.memo: SchemaCache | None = None
        self.memo_version = 0

    def context(self) -> tuple[object, ...]:
        """Everything besides its own file that checking an article reads, but the events
        defined before it (whose ids its own may repeat)."""
        return (self.latest, self.warn_unarchived, self.places_checked,
                tuple(self.topics.items()), tuple(self.actors.items()),
                tuple(self.tags.items()), tuple(self.places.items()),
                tuple(self.place_names.items()))

    def note_broken(self, document: Document) -> None:
        """Remember the event ids an article that failed its schema defines, and where."""
        data = document.data if isinstance(document.data, dict) else {}
        events = data.get("events")
        for index, item in enumerate(events if isinstance(events, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self.broken.setdefault(
                    item["id"], (document.path, document.position(("events", index)).line))

    def check_loose(self, document: Document) -> None:
        """What can still be said of an article that failed its schema, beside its schema
        problems: its events' dates, the ids they name (topics, actors, tags, speakers, refs,
        distinct events). Each value is looked at only where it has the type the schema asks,
        so that nothing is reported twice; nothing of the article enters the corpus."""
        data = document.data if isinstance(document.data, dict) else {}
        events = data.get("events")
        for index, item in enumerate(events if isinstance(events, list) else []):
            if not isinstance(item, dict):
                continue
            path: JsonPath = ("events", index)
            if "ref" in item:
                if _schema_accepts("ref", item, "ref"):
                    self.loose_refs.append((item["ref"], document, (*path, "ref")))
                continue
            # Only what the schema accepted: its problems are reported already.
            item = {name: value for name, value in item.items()
                    if _schema_accepts("event", item, name)}
            if isinstance(item.get("date"), str):
                try:
                    parse_when(item["date"])
                except DateError as error:
                    self.report(document, (*path, "date"), "D002",
                                f"event date {error.message}", error.hint)
            for name, registry, code, what, where in (
                    ("topics", self.topics, "V002", "topic", "content/topics/"),
                    ("actors", self.actors, "V003", "actor", "content/actors/"),
                    ("tags", self.tags, "V004", "tag", "content/tags.yml")):
                values = item.get(name)
                for number, value in enumerate(values if isinstance(values, list) else []):
                    if isinstance(value, str) and value not in registry:
                        self.unknown(document, (*path, name, number), value, registry, code,
                                     what, where)
            if isinstance(item.get("places"), list):
                self.known_places(document, path, item)
            quotes = item.get("quotes")
            for number, quote in enumerate(quotes if isinstance(quotes, list) else []):
                speaker = quote.get("by") if isinstance(quote, dict) else None
                if isinstance(speaker, str) and speaker not in self.actors:
                    self.unknown(document, (*path, "quotes", number, "by"), speaker,
                                 self.actors, "V005", "speaker", "content/actors/")
            if isinstance(quotes, list):  # accepted whole: every quote's words can be read
                tag = data.get("language")
                language = words.article_language(data)[0] if isinstance(tag, str) else ""
                for number, quote in enumerate(quotes):
                    self.report_found(document, (*path, "quotes", number),
                                      words.read_quote(quote, quote["by"], language).problems)
            others = item.get("distinct_from")
            self.distinct += [(other, document, (*path, "distinct_from", number))
                              for number, other in enumerate(
                                  others if isinstance(others, list) else [])
                              if isinstance(other, str)]

    def missing_ref(self, document: Document, path: JsonPath, event_id: str) -> None:
        """A ref to no valid event: to one whose own file has errors (said, with where), or to
        no event at all (with the nearest ids)."""
        if event_id in self.broken:
            where, line = self.broken[event_id]
            self.report(document, path, "V006",
                        f"'ref' names {event_id!r}, which {where}:{line} defines with errors",
                        "Fix the problems reported in that file: this ref then cites it.")
            return
        hint = _did_you_mean(event_id, sorted(self.events))
        self.report(document, path, "V006", f"'ref' names no event: {event_id!r}",
                    (f"{hint} " if hint else "") + "A ref cites an event defined in another "
                    "article by its id.")

    def report_found(self, document: Document, path: JsonPath, found: words.Found) -> None:
        """Report the problems :mod:`generator.words` and :mod:`generator.archives` found in
        the value at ``path``, each at the place inside it that it names."""
        for where, problem in found:
            position = document.position((*path, *where))
            self.diagnostics.append(Diagnostic(
                document.path, position.line, position.column, problem.code, problem.message,
                problem.hint, Severity.WARNING if problem.warning else Severity.ERROR))

    def report(self, document: Document, path: JsonPath, code: str, message: str,
               hint: str = "", *, key: bool = False) -> None:
        position = document.position(path, key=key)
        self.diagnostics.append(Diagnostic(document.path, position.line, position.column, code,
                                           message, hint))

    def add(self, document: Document) -> None:
        data: dict[str, Any] = document.data
        if document.kind == "tags":
            for tag_id, description in data["tags"].items():
                self.tags[tag_id] = Tag(tag_id, description)
        elif document.kind == "topic":
            self.topic_docs[document.stem] = document
            self.topics[document.stem] = Topic(
                document.stem, data["title"], data["summary"], document.path,
                data.get("region", ""), tuple(data.get("related", ())))
        elif document.kind == "actor":
            self.actors[document.stem] = Actor(
                document.stem, data["name"], data["kind"], document.path,
                data.get("description", ""), tuple(data.get("aliases", ())))
        elif document.kind == "place":
            if (place := read_place(document, self.place_names, self.report)) is not None:
                self.places[place.id] = place
                self.place_names.update(dict.fromkeys((place.name, *place.aliases), place))
        else:
            self.add_article(document)

    def add_article(self, document: Document) -> None:
        """Check an article and add what it defines; in a preview, an article checked before
        against the same registries, which had no problem, adds what it added then (unless an
        id it defines is taken by now: then it is checked again, and the duplicate found)."""
        memo = self.memo
        if memo is None:
            self._add_article(document)
            return
        known = memo.articles.get(id(document))
        if known is not None and known[0] is document and known[1] == self.memo_version and (
                not any(event.id in self.events for event in known[2].events)):
            made = known[2]
            self.events.update((event.id, event) for event in made.events)
            if made.article is not None:
                self.articles[made.article.id] = made.article
            self.refs += made.refs
            self.distinct += made.distinct
            return
        counts = (len(self.diagnostics), len(self.events), len(self.refs), len(self.distinct),
                  len(self.broken))
        before = self.articles.get(document.stem)
        self._add_article(document)
        if len(self.diagnostics) != counts[0] or len(self.broken) != counts[4]:
            memo.articles.pop(id(document), None)  # checked again each time, until clean
            return
        after = self.articles.get(document.stem)
        memo.articles[id(document)] = (document, self.memo_version, _ArticleMade(
            after if after is not before else None,
            _last(self.events, len(self.events) - counts[1]),
            tuple(self.refs[counts[2]:]), tuple(self.distinct[counts[3]:])))

    def _add_article(self, document: Document) -> None:
        data: dict[str, Any] = document.data
        article_id = document.stem
        published = self.day(document, ("published",))
        added = self.day(document, ("added",))
        if published and not article_id.startswith(published.isoformat()):
            self.report(document, ("published",), "V010",
                        f"the file name says {article_id[:10]} but 'published' is "
                        f"{published.isoformat()}",
                        f"Rename the file to start with {published.isoformat()}, or correct "
                        "the date.")
        for name, day in (("published", published), ("added", added)):
            if day is not None and day > self.latest:
                self.report(document, (name,), "D003",
                            f"'{name}' is {day.isoformat()}, a day still to come",
                            f"Write the day it was {name} (today at the latest).")
        if published and added and added < published:
            self.report(document, ("added",), "D004",
                        f"'added' ({added.isoformat()}) is before 'published' "
                        f"({published.isoformat()})",
                        "Write the day you curated the article: on or after its publication.")
        for field_name in ("url", "archive_url"):
            if field_name in data and (problem := link_problem(data[field_name])):
                self.report(document, (field_name,), "V011", f"'{field_name}' {problem}",
                            "Use the plain http(s) address of the page.")
        language, found = words.article_language(data)
        title_translation, title_found = words.read_title_translation(data, language)
        archived, gone, archive_found = archives.read_archive(
            data, published, self.latest, warn_unarchived=self.warn_unarchived)
        self.report_found(document, (), [*found, *title_found, *archive_found])
        # An article that cannot be shown must not claim its events' ids either: a broken copy
        # of a valid article would otherwise push the original's events out as duplicates.
        usable = published is not None and added is not None
        event_ids: list[str] = []
        for index, item in enumerate(data["events"]):
            path: JsonPath = ("events", index)
            if "ref" in item:
                if usable:
                    self.refs.append((article_id, item["ref"], document, (*path, "ref")))
                event_ids.append(item["ref"])
            elif (event := self.event(document, article_id, path, item)) is not None:
                event_ids.append(event.id)
                if usable:
                    self.events[event.id] = event
        if published is None or added is None:
            return
        self.articles[article_id] = Article(
            id=article_id, title=data["title"], publisher=data["publisher"], url=data["url"],
            published=published, added=added, summary=data["summary"], path=document.path,
            archive_url=data.get("archive_url", ""), dateline=data.get("dateline", ""),
            language=data.get("language", ""), authors=tuple(data.get("authors", ())),
            event_ids=tuple(dict.fromkeys(event_ids)), title_translation=title_translation,
            archived=archived, gone=gone)

    def day(self, document: Document, path: JsonPath) -> date | None:
        try:
            return parse_day(document.data[path[0]])
        except DateError as error:
            self.report(document, path, "D001", f"'{path[0]}' {error.message}", error.hint)
            return None

    def event(self, document: Document, article_id: str, path: JsonPath,
              item: dict[str, Any]) -> Event | None:
        event_id = item["id"]
        if event_id in self.events:
            first = self.events[event_id]
            self.report(document, (*path, "id"), "V001", f"duplicate event id {event_id!r}",
                        f"It is already defined in {first.path}:{first.line}; cite that event "
                        f"with '- ref: {event_id}' or choose another id.")
            return None
        # Every field is checked, whatever an earlier one says: all of an event's problems are
        # reported in one run.
        when = None
        try:
            when = parse_when(item["date"])
        except DateError as error:
            self.report(document, (*path, "date"), "D002", f"event date {error.message}",
                        error.hint)
        topics = self.known(document, path, "topics", item, self.topics, "V002", "topic",
                            "content/topics/")
        actors = self.known(document, path, "actors", item, self.actors, "V003", "actor",
                            "content/actors/")
        tags = self.known(document, path, "tags", item, self.tags, "V004", "tag",
                          "content/tags.yml")
        places = self.known_places(document, path, item)
        quotes = []
        language = words.article_language(document.data)[0]
        for index, quote in enumerate(item.get("quotes", ())):
            read = words.read_quote(quote, quote["by"], language)
            self.report_found(document, (*path, "quotes", index), read.problems)
            if quote["by"] in self.actors:
                quotes.append(read.quote)
            else:
                self.unknown(document, (*path, "quotes", index, "by"), quote["by"],
                             self.actors, "V005", "speaker", "content/actors/")
        self.distinct += [(other, document, (*path, "distinct_from", index))
                          for index, other in enumerate(item.get("distinct_from", ()))]
        corrections = self.corrections(document, path, item)
        line = document.position(path).line
        if when is None or not topics:
            # Reported above; an event needs a date and a timeline to show on. Refs to it say
            # where it is instead of naming no event.
            self.broken.setdefault(event_id, (document.path, line))
            return None
        return Event(id=event_id, when=when, title=item["title"], summary=item["summary"],
                     topics=topics, path=document.path, line=line, defined_in=article_id,
                     actors=actors, places=places, tags=tags,
                     quotes=tuple(quotes), sources=(article_id,),
                     distinct_from=tuple(item.get("distinct_from", ())),
                     corrections=corrections)

    def corrections(self, document: Document, path: JsonPath, item: dict[str, Any]
                    ) -> tuple[Correction, ...]:
        """An event's corrections, each a real day not still to come (the schema has checked
        their form and that each has a note)."""
        found = []
        for index, entry in enumerate(item.get("corrections", ())):
            where: JsonPath = (*path, "corrections", index, "date")
            try:
                day = parse_day(entry["date"])
            except DateError as error:
                self.report(document, where, "D001", f"correction date {error.message}",
                            error.hint)
                continue
            if day > self.latest:
                self.report(document, where, "D003",
                            f"the correction's date is {day.isoformat()}, a day still to come",
                            "Write the day the correction was made (today at the latest).")
                continue
            found.append(Correction(day, entry["note"]))
        return tuple(found)

    def known(self, document: Document, path: JsonPath, name: str, item: dict[str, Any],
              registry: dict[str, Any], code: str, what: str, where: str) -> tuple[str, ...]:
        found = []
        for index, value in enumerate(item.get(name, ())):
            if value in registry:
                found.append(value)
            else:
                self.unknown(document, (*path, name, index), value, registry, code, what, where)
        return tuple(found)

    def known_places(self, document: Document, path: JsonPath, item: dict[str, Any]
                     ) -> tuple[str, ...]:
        """An event's places by the names of the places they name (an alias gives its place's
        name); with a registry, a name it does not know is reported (P001) and left out."""
        names = item.get("places", ())
        if not self.places_checked:
            return tuple(names)
        for index, value in enumerate(names):
            if isinstance(value, str) and value not in self.place_names:
                self.report(document, (*path, "places", index), "P001",
                            f"unknown place {value!r}", unknown_place_hint(value,
                                                                         self.place_names))
        return tuple(dict.fromkeys(self.place_names[value].name for value in names
                                   if value in self.place_names))

    def unknown(self, document: Document, path: JsonPath, value: str, registry: dict[str, Any],
                code: str, what: str, where: str) -> None:
        hint = _did_you_mean(value, sorted(registry))
        hint = f"{hint} " if hint else ""
        self.report(document, path, code, f"unknown {what} {value!r}",
                    f"{hint}Known ids are the names in {where}; add it there first if it is new.")

    def finish(self) -> Corpus:
        for topic_id, topic in list(self.topics.items()):
            for index, related in enumerate(topic.related):
                if related not in self.topics:
                    self.unknown(self.topic_docs[topic_id], ("related", index), related,
                                 self.topics, "V002", "topic", "content/topics/")
            known = tuple(related for related in topic.related if related in self.topics)
            if known != topic.related:
                # Reported above; the topic is still shown (a preview keeps every valid part),
                # without the link to a topic that does not exist.
                self.topics[topic_id] = replace(topic, related=known)
        for other, document, path in self.distinct:
            if other not in self.events:
                hint = _did_you_mean(other, sorted(self.events))
                self.report(document, path, "V009", f"'distinct_from' names no event: {other!r}",
                            (f"{hint} " if hint else "") + "Name the id of the similar event.")
        cited_by: dict[str, list[str]] = {}
        # A set beside each list: an event cited by thousands of articles is checked for
        # repeats in one step per citation.
        citing: dict[str, set[str]] = {}
        for event_id, document, path in self.loose_refs:
            if event_id not in self.events:
                self.missing_ref(document, path, event_id)
        for article_id, event_id, document, path in self.refs:
            event = self.events.get(event_id)
            if event is None:
                self.missing_ref(document, path, event_id)
            elif event.defined_in == article_id:
                self.report(document, path, "V007",
                            f"event {event_id!r} is defined in this same article",
                            "Remove the ref: the article already lists the event.")
            elif article_id in citing.get(event_id, ()):
                self.report(document, path, "V008", f"event {event_id!r} is cited twice",
                            "Remove the repeated ref.")
            else:
                cited_by.setdefault(event_id, []).append(article_id)
                citing.setdefault(event_id, set()).add(article_id)
        events = []
        for event in self.events.values():
            sources = [event.defined_in, *cited_by.get(event.id, ())]
            sources = [s for s in sources if s in self.articles]
            if not sources:
                continue  # its article had an invalid date, already reported
            sources.sort(key=lambda s: (self.articles[s].published, s))
            # Most events have one source, the article that defines them: no copy for those.
            events.append(event if len(sources) == 1 and sources[0] == event.defined_in
                          else replace(event, sources=tuple(sources)))
        return Corpus.build(self.topics.values(), self.actors.values(), self.tags.values(),
                            self.articles.values(), events, self.places.values())


def _last(found: dict[str, Event], count: int) -> tuple[Event, ...]:
    """The last ``count`` values added to a dict, in the order they were added."""
    newest = reversed(found.values())
    return tuple(reversed([next(newest) for _ in range(count)]))
