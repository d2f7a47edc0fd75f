"""Feeds and data exports, each read back by an independent parser and compared with the model.

Atom is read by feedparser (and ElementTree for the raw XML), JSON Feed by json against the
spec's required keys, iCalendar by icalendar.Calendar.from_ical, CSV by csv.DictReader,
TimelineJS by json against schema/timelinejs.schema.json. Hostile strings must come back
exactly as written and never as live markup.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]
import jsonschema
import pytest
from icalendar import Calendar

from generator.cli import main
from generator.dates import Precision
from generator.diagnostics import has_errors
from generator.exports import DEFAULT_FEED_ENTRIES, FORMATS, render_exports, write_exports
from generator.links import safe_href
from generator.packaged import SCHEMAS
from generator.pipeline import build, check
from generator.urls import (
    Layout,
    export_paths_for_topic,
    feed_paths_for,
    site_export_paths,
)
from tests.conftest import ROOT, TAGS

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from generator.dates import DatePoint
    from generator.model import Corpus, Event
    from generator.views import Views
    from tests.conftest import ContentTree

BASE = "https://example.org/annals/"
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = ("<script>alert(1)</script> \"quotes\" & 'apostrophes' ,;\\ and\\n 中文 漢字 "
           "🎉🚀 עברית العربية")
SAFE_TAGS = {"p", "strong", "ul", "li", "a", "blockquote", "span"}
URL = re.compile(r"https?://\S+")


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The real content, which must be valid."""
    built, diagnostics = check(ROOT / "content")
    assert not has_errors(diagnostics), [d.format() for d in diagnostics]
    return built


@pytest.fixture(scope="module")
def files(corpus: Corpus) -> dict[str, bytes]:
    """Every export of the real content, without a base URL (relative links)."""
    return render_exports(corpus)


@pytest.fixture(scope="module")
def absolute_files(corpus: Corpus) -> dict[str, bytes]:
    """Every export of the real content, for a site published at BASE."""
    return render_exports(corpus, base_url=BASE)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON is one) holding exactly ``text``."""
    return json.dumps(text, ensure_ascii=False)


def write_hostile(tree: ContentTree) -> None:
    """A content tree whose every free-text field is hostile, with every kind of date."""
    two_paragraphs = f"One {HOSTILE}\n\nTwo {HOSTILE}"
    tree.write("tags.yml", TAGS)
    tree.write("topics/hostile.yml", f"title: {q('Topic ' + HOSTILE)}\n"
                                     f"summary: {q(two_paragraphs)}\n")
    tree.write("topics/empty.yml", "title: Empty\nsummary: No events yet.\n")
    tree.write("actors/hong-lei.yml", f"name: {q('Hong ' + HOSTILE)}\nkind: person\n"
                                      f"description: {q('Who ' + HOSTILE)}\n")
    tree.write("articles/2015/2015-02-05-tass-hostile.yml", f"""\
        title: {q('Article ' + HOSTILE)}
        publisher: {q('Publisher ' + HOSTILE)}
        url: https://example.com/news?a=1&b=2
        published: 2015-02-05
        added: 2026-11-27
        summary: {q('Article summary ' + HOSTILE)}
        events:
          - id: 2015-02-05-day-event
            date: 2015-02-05
            title: {q('Day ' + HOSTILE)}
            summary: {q(two_paragraphs)}
            topics: [hostile]
            actors: [hong-lei]
            places: [{q('Place | ' + HOSTILE)}, Seoul]
            tags: [diplomacy]
            quotes:
              - text: {q('Quote ' + HOSTILE)}
                by: hong-lei
          - id: 2015-02-month-event
            date: 2015-02~
            title: {q('Month ' + HOSTILE)}
            summary: A month.
            topics: [hostile]
          - id: 2015-year-event
            date: 2015?
            title: A year
            summary: A year.
            topics: [hostile]
          - id: 2017-03-06-timestamp-event
            date: 2017-03-06T23:00+09:00
            title: A timestamp
            summary: A moment in Seoul.
            topics: [hostile]
            actors: [hong-lei]
          - id: 2016-07-08-interval-event
            date: 2016-07-08/2016-07-13
            title: An interval
            summary: Some days.
            topics: [hostile]
    """)
    tree.write("articles/2016/2016-08-01-later-hostile.yml", f"""\
        title: {q('Later ' + HOSTILE)}
        publisher: Later
        url: https://例え.jp/news
        published: 2016-08-01
        added: 2026-11-28
        summary: Later.
        events:
          - ref: 2016-07-08-interval-event
          - id: 2016-07-20-later-event
            date: 2016-07-20
            title: A later addition
            summary: Added last.
            topics: [hostile]
    """)


@pytest.fixture
def hostile(tree: ContentTree) -> Corpus:
    """The corpus of the hostile content tree (valid: nothing in it is an error)."""
    write_hostile(tree)
    built, diagnostics = check(tree.root)
    assert not has_errors(diagnostics), [d.format() for d in diagnostics]
    assert built.events_by_id["2015-02-05-day-event"].title == f"Day {HOSTILE}"
    return built


# --- helpers ------------------------------------------------------------------------------------


class Markup(HTMLParser):
    """Everything an HTML fragment would create: its elements, attributes and text."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.parts: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag in {"p", "li", "ul"}:
            self.parts.append(" ")  # a block starts on its own line

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "li", "ul"}:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        """The text, whitespace collapsed as a browser shows it."""
        return " ".join("".join(self.parts).split())

    @property
    def hrefs(self) -> list[str]:
        return [value or "" for tag, attrs in self.tags if tag == "a"
                for name, value in attrs if name == "href"]


def assert_inert(fragment: str, allowed: set[str] = SAFE_TAGS) -> Markup:
    """The fragment creates only harmless elements, with no attribute but a safe href."""
    markup = Markup(fragment)
    for tag, attrs in markup.tags:
        assert tag in allowed, (tag, fragment)
        for name, value in attrs:
            if name in {"lang", "dir"}:  # an original's language and direction
                assert re.fullmatch(r"[A-Za-z0-9-]+", value or ""), (name, value)
            elif name == "data-versiondate":  # a Robust Link's day
                assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value or ""), value
            else:  # href, and a Robust Link's data-originalurl and data-versionurl
                assert name in {"href", "data-originalurl", "data-versionurl"}, (name, value)
                assert value == safe_href(value or "") != "", (name, value)
    return markup


def shown(text: str) -> str:
    """Text as an HTML reader shows it (whitespace collapsed)."""
    return " ".join(text.split())


def scopes(corpus: Corpus) -> list[tuple[str, Sequence[Event]]]:
    """(feed path without extension, its events) for the site, every topic and every actor."""
    found: list[tuple[str, Sequence[Event]]] = [("feeds/all", corpus.events)]
    found += [(f"feeds/topics/{t}", corpus.topic_events(t)) for t in corpus.topics]
    found += [(f"feeds/actors/{a}", corpus.actor_events(a)) for a in corpus.actors]
    return found


def data_scopes(corpus: Corpus) -> list[tuple[str, Sequence[Event]]]:
    """(export path without extension, its events) for the site and every topic."""
    return [("exports/all", corpus.events),
            *((f"exports/topics/{t}", corpus.topic_events(t)) for t in corpus.topics)]


def addition_key(corpus: Corpus, event: Event) -> tuple[date, date, datetime]:
    article = corpus.articles[event.defined_in]
    return (article.added, article.published, event.when.lower)


def assert_newest(corpus: Corpus, events: Sequence[Event], shown_events: Sequence[Event],
                  limit: int = DEFAULT_FEED_ENTRIES, where: str = "") -> None:
    """``shown_events`` are ``limit`` of ``events`` (all if fewer), each once, newest additions
    first, and no event left out was added after the last one shown."""
    assert len(shown_events) == min(limit, len(events)), where
    assert len({e.id for e in shown_events}) == len(shown_events), where
    assert {e.id for e in shown_events} <= {e.id for e in events}, where
    ordered = [addition_key(corpus, event) for event in shown_events]
    assert ordered == sorted(ordered, reverse=True), where
    left_out = [e for e in events if e.id not in {s.id for s in shown_events}]
    if left_out:
        assert max(addition_key(corpus, e) for e in left_out) <= ordered[-1], where


def source_urls(corpus: Corpus, event: Event) -> list[str]:
    return [safe_href(article.url) for article in corpus.event_sources(event)]


def parse_atom(data: bytes, path: str) -> Any:
    """feedparser, told where the feed lives as a web server would tell it."""
    parsed = feedparser.parse(data, response_headers={
        "content-location": BASE + path, "content-type": "application/atom+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def raw_entry(root: ET.Element, event_id: str) -> ET.Element:
    """The Atom entry whose link is the event's permalink, as raw XML."""
    for entry in root.iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        if link is not None and link.get("href", "").endswith(f"#{event_id}"):
            return entry
    raise AssertionError(f"no entry for {event_id}")


def parse_json_feed(data: bytes) -> dict[str, Any]:
    """A JSON Feed 1.1, checked for the keys the spec requires."""
    feed: dict[str, Any] = json.loads(data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str)
    assert isinstance(feed["items"], list)
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html", item.get("content_text")), str)
    return feed


def parse_ics(data: bytes) -> dict[str, Any]:
    """VEVENTs by event id (from the UID)."""
    calendar = Calendar.from_ical(data)
    events = {}
    for component in calendar.walk("VEVENT"):
        uid = str(component["UID"])
        events[uid.split("@")[0]] = component
    return events


def parse_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def timelinejs_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (SCHEMAS / "timelinejs.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def parse_timelinejs(data: bytes) -> dict[str, Any]:
    timeline: dict[str, Any] = json.loads(data)
    jsonschema.Draft202012Validator(timelinejs_schema()).validate(timeline)
    return timeline


def expected_parts(point: DatePoint) -> dict[str, int]:
    local = point.local
    parts = {"year": local.year}
    if point.precision >= Precision.MONTH:
        parts["month"] = local.month
    if point.precision >= Precision.DAY:
        parts["day"] = local.day
    if point.precision is Precision.MINUTE:
        parts.update(hour=local.hour, minute=local.minute)
    return parts


def ics_text(raw: str) -> str:
    """An RFC 5545 TEXT value unescaped (section 3.3.11): \\\\ \\; \\, and \\n."""
    return re.sub(r"\\([\\;,nN])", lambda m: {"n": "\n", "N": "\n"}.get(m[1], m[1]), raw)


def ics_bounds(component: Any) -> tuple[datetime, datetime]:
    """DTSTART and DTEND as UTC instants (an all-day date starts at midnight UTC)."""
    def instant(value: date | datetime) -> datetime:
        if isinstance(value, datetime):
            assert value.tzinfo is not None, "floating times lose the UTC offset"
            return value.astimezone(UTC)
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return instant(component["DTSTART"].dt), instant(component["DTEND"].dt)


# --- paths and helpers --------------------------------------------------------------------------


def test_every_path_is_rendered(corpus: Corpus, files: dict[str, bytes]) -> None:
    expected = {*feed_paths_for("site", "").values(), *site_export_paths().values()}
    for topic in corpus.topics:
        expected |= set(feed_paths_for("topic", topic).values())
        expected |= set(export_paths_for_topic(topic).values())
    for actor in corpus.actors:
        expected |= set(feed_paths_for("actor", actor).values())
    assert set(files) == expected
    assert list(files) == sorted(files)
    assert all(not path.startswith("/") and ".." not in path for path in files)


def test_path_helpers() -> None:
    assert feed_paths_for("topic", "thaad") == {"atom": "feeds/topics/thaad.atom",
                                                "json": "feeds/topics/thaad.json"}
    assert feed_paths_for("actor", "hong-lei")["atom"] == "feeds/actors/hong-lei.atom"
    assert feed_paths_for("site", "") == {"atom": "feeds/all.atom", "json": "feeds/all.json"}
    assert export_paths_for_topic("thaad") == {
        "json": "exports/topics/thaad.json", "csv": "exports/topics/thaad.csv",
        "ics": "exports/topics/thaad.ics", "timelinejs": "exports/timelinejs/thaad.json"}
    with pytest.raises(ValueError, match="no feeds"):
        feed_paths_for("tag", "diplomacy")


def test_formats_narrow_the_output(corpus: Corpus, files: dict[str, bytes]) -> None:
    only = render_exports(corpus, formats=["csv", "atom"])
    assert set(only) == {p for p in files if p.endswith((".csv", ".atom"))}
    assert only == {p: files[p] for p in only}
    with pytest.raises(ValueError, match="unknown export format"):
        render_exports(corpus, formats=["pdf"])


@pytest.mark.parametrize("base_url", ["javascript:alert(1)", "ftp://example.org/",
                                      "https://example.org/a b/", "https://example.org/?q=1",
                                      "/relative/"])
def test_unsafe_base_url_is_refused(corpus: Corpus, base_url: str) -> None:
    with pytest.raises(ValueError, match="not an http"):
        render_exports(corpus, base_url=base_url)


def test_base_url_is_normalised(corpus: Corpus, absolute_files: dict[str, bytes]) -> None:
    assert render_exports(corpus, base_url=BASE.rstrip("/")) == absolute_files


def test_two_renders_are_byte_identical(corpus: Corpus, files: dict[str, bytes],
                                        absolute_files: dict[str, bytes]) -> None:
    again, _ = check(ROOT / "content")
    assert render_exports(again) == files
    assert render_exports(again, base_url=BASE) == absolute_files


def test_no_clock_in_any_file(corpus: Corpus, files: dict[str, bytes]) -> None:
    newest = max(article.added for article in corpus.articles.values())
    today = date.today()
    for path, data in files.items():
        text = data.decode("utf-8")
        if newest != today:
            assert today.isoformat() not in text and today.strftime("%Y%m%d") not in text, path


# --- Atom ---------------------------------------------------------------------------------------


def test_atom_feeds_hold_their_events_newest_first(corpus: Corpus,
                                                   files: dict[str, bytes]) -> None:
    for stem, events in scopes(corpus):
        path = f"{stem}.atom"
        parsed = parse_atom(files[path], path)
        by_link = {BASE + Layout.of(corpus).event_url(event): event for event in events}
        links = [entry.link for entry in parsed.entries]
        # The newest DEFAULT_FEED_ENTRIES of its events, each once, newest additions first.
        assert_newest(corpus, events, [by_link[link] for link in links], where=path)
        for entry in parsed.entries:
            event = by_link[entry.link]
            assert entry.title == event.title
            assert entry.summary == event.summary
            assert entry.content[0].type == "text/html"
            content = Markup(entry.content[0].value)
            assert content.hrefs == source_urls(corpus, event)
            for article in corpus.event_sources(event):
                assert shown(article.publisher) in content.text
                assert shown(article.title) in content.text
            assert event.when.label() in content.text
            assert entry.published_parsed[:3] == corpus.articles[
                event.defined_in].added.timetuple()[:3]
        # "updated" is the newest added day of the articles of the entries it holds.
        held = [by_link[link] for link in links]
        newest = max((a.added for e in held for a in corpus.event_sources(e)),
                     default=max(a.added for a in corpus.articles.values()))
        assert parsed.feed.updated.startswith(newest.isoformat()), path


def test_atom_links_resolve_against_the_feed_or_are_absolute(
        corpus: Corpus, files: dict[str, bytes], absolute_files: dict[str, bytes]) -> None:
    path = feed_paths_for("topic", "thaad")["atom"]
    relative = ET.fromstring(files[path])
    first = relative.find(f"{ATOM}entry/{ATOM}link")
    assert first is not None and first.get("href", "").startswith("../../topics/")
    assert relative.get("{http://www.w3.org/XML/1998/namespace}base") is None
    resolved = parse_atom(files[path], path)
    absolute = feedparser.parse(absolute_files[path])
    assert [e.link for e in resolved.entries] == [e.link for e in absolute.entries]
    assert resolved.feed.link == absolute.feed.link == BASE + "topics/thaad/"
    assert all(e.id == BASE + Layout.of(corpus).event_url(corpus.events_by_id[e.link.split("#")[1]])
               for e in absolute.entries)
    site = parse_atom(files["feeds/all.atom"], "feeds/all.atom")
    assert site.feed.link == BASE


# --- JSON Feed ----------------------------------------------------------------------------------


def test_json_feeds_hold_their_events_newest_first(corpus: Corpus,
                                                   files: dict[str, bytes]) -> None:
    for stem, events in scopes(corpus):
        path = f"{stem}.json"
        feed = parse_json_feed(files[path])
        assert urljoin(BASE + path, feed["feed_url"]) == BASE + path
        by_link = {BASE + Layout.of(corpus).event_url(event): event for event in events}
        links = [urljoin(BASE + path, item["url"]) for item in feed["items"]]
        assert_newest(corpus, events, [by_link[link] for link in links], where=path)
        atom = parse_atom(files[f"{stem}.atom"], f"{stem}.atom")
        assert [item["id"] for item in feed["items"]] == [e.id for e in atom.entries]
        for item, link in zip(feed["items"], links, strict=True):
            event = by_link[link]
            assert item["title"] == event.title and item["summary"] == event.summary
            assert item["_annals"]["date"] == event.when.text
            assert [s["url"] for s in item["_annals"]["sources"]] == source_urls(corpus, event)
            assert Markup(item["content_html"]).hrefs == source_urls(corpus, event)


# --- JSON and CSV -------------------------------------------------------------------------------


def test_json_exports_hold_the_model(corpus: Corpus, files: dict[str, bytes]) -> None:
    for stem, events in data_scopes(corpus):
        document = json.loads(files[f"{stem}.json"])
        assert document["format"] == "annals-export" and document["version"] == 1
        assert [e["id"] for e in document["events"]] == [e.id for e in events]
        articles = {a["id"]: a for a in document["articles"]}
        for record, event in zip(document["events"], events, strict=True):
            when = event.when
            assert record["url"] == Layout.of(corpus).event_url(event)
            assert record["date"]["text"] == when.text
            assert record["date"]["lower"] == when.lower.strftime("%Y-%m-%dT%H:%M:%SZ")
            assert record["date"]["upper"] == when.upper.strftime("%Y-%m-%dT%H:%M:%SZ")
            assert record["date"]["start"]["precision"] == when.precision.name.lower()
            assert (record["date"]["end"] is None) == (when.end is None)
            assert [articles[s]["url"] for s in record["sources"]] == source_urls(corpus, event)
            assert record["title"] == event.title and record["summary"] == event.summary
            assert set(record["topics"]) <= {t["id"] for t in document["topics"]}
            assert set(record["actors"]) <= {a["id"] for a in document["actors"]}


def test_csv_exports_have_one_row_per_event(corpus: Corpus, files: dict[str, bytes]) -> None:
    for stem, events in data_scopes(corpus):
        rows = parse_csv(files[f"{stem}.csv"])
        assert [row["id"] for row in rows] == [event.id for event in events]
        for row, event in zip(rows, events, strict=True):
            when = event.when
            assert row["date"] == when.text
            assert row["precision"] == when.precision.name.lower()
            assert row["lower"] == when.lower.strftime("%Y-%m-%dT%H:%M:%SZ")
            assert row["upper"] == when.upper.strftime("%Y-%m-%dT%H:%M:%SZ")
            urls = source_urls(corpus, event)
            assert row["source_urls"].split(" | ") == urls
            assert int(row["source_count"]) == len(urls)
            assert [row[f"source_{n}_url"] for n in range(1, len(urls) + 1)] == urls
            assert row["topics"].split(" | ") == list(event.topics)


# --- iCalendar ----------------------------------------------------------------------------------


def test_calendars_hold_their_events_with_their_dates(corpus: Corpus,
                                                      files: dict[str, bytes]) -> None:
    for stem, events in data_scopes(corpus):
        vevents = parse_ics(files[f"{stem}.ics"])
        assert sorted(vevents) == sorted(event.id for event in events)
        for event in events:
            component = vevents[event.id]
            assert str(component["SUMMARY"]) == event.title
            assert ics_bounds(component) == (event.when.lower, event.when.upper)
            day_or_coarser = event.when.precision <= Precision.DAY
            assert isinstance(component["DTSTART"].dt, datetime) != day_or_coarser
            assert str(component["X-ANNALS-PRECISION"]) == event.when.precision.name.lower()
            assert URL.findall(str(component["DESCRIPTION"])) == source_urls(corpus, event)
            assert "URL" not in component  # no base URL: no relative URL property


def test_calendar_url_property_is_absolute(corpus: Corpus,
                                           absolute_files: dict[str, bytes]) -> None:
    vevents = parse_ics(absolute_files["exports/all.ics"])
    for event in corpus.events:
        assert str(vevents[event.id]["URL"]) == BASE + Layout.of(corpus).event_url(event)


# --- TimelineJS ---------------------------------------------------------------------------------


def test_timelinejs_files_load_as_the_viewer_wants(corpus: Corpus,
                                                   files: dict[str, bytes]) -> None:
    for topic in corpus.topics.values():
        events = corpus.topic_events(topic.id)
        timeline = parse_timelinejs(files[f"exports/timelinejs/{topic.id}.json"])
        assert html.unescape(timeline["title"]["text"]["headline"]) == topic.title
        ids = [slide["unique_id"] for slide in timeline["events"]]
        assert ids == [event.id for event in events]
        assert len({*ids, timeline["title"]["unique_id"]}) == len(ids) + 1
        for slide, event in zip(timeline["events"], events, strict=True):
            assert slide["start_date"] == expected_parts(event.when.start)
            if event.when.end is None:
                assert "end_date" not in slide
            else:
                assert slide["end_date"] == expected_parts(event.when.end)
            assert slide["group"] == html.escape(topic.title)
            assert html.unescape(slide["display_date"]) == event.when.label()
            assert html.unescape(slide["text"]["headline"]) == event.title
            assert slide["autolink"] is False
            assert assert_inert(slide["text"]["text"]).hrefs == source_urls(corpus, event)


def test_site_wide_timelinejs_groups_by_topic(corpus: Corpus, files: dict[str, bytes]) -> None:
    timeline = parse_timelinejs(files["exports/timelinejs/all.json"])
    assert [slide["unique_id"] for slide in timeline["events"]] == [e.id for e in corpus.events]
    groups = {slide["group"] for slide in timeline["events"]}
    assert groups == {html.escape(corpus.topics[e.topics[0]].title) for e in corpus.events}


def test_timelinejs_schema_requires_what_the_viewer_requires() -> None:
    validator = jsonschema.Draft202012Validator(timelinejs_schema())
    good = {"events": [{"start_date": {"year": "2015", "month": 2}}]}
    assert validator.is_valid(good)
    assert validator.is_valid({**good, "title": {"text": {"headline": "T"}}})
    bad: dict[str, Any]
    for bad in ({"events": []}, {"title": {}}, {"events": [{"text": {"headline": "x"}}]},
                {"events": [{"start_date": {"month": 2}}]},
                {"events": [{"start_date": {"year": 2015, "month": 13}}]},
                {"events": [{"start_date": {"year": 2015}, "headline": "misplaced"}]},
                {"events": [{"start_date": {"year": "c. 2015"}}]},
                {"events": [{"start_date": {"year": 2015}}], "scale": "geological"}):
        assert not validator.is_valid(bad), bad


# --- hostile content ----------------------------------------------------------------------------


def test_hostile_text_survives_atom_and_json_feed(hostile: Corpus) -> None:
    rendered = render_exports(hostile)
    day = hostile.events_by_id["2015-02-05-day-event"]
    topic = hostile.topics["hostile"]
    for path in (*feed_paths_for("topic", "hostile").values(), "feeds/all.atom"):
        if path.endswith(".json"):
            feed = parse_json_feed(rendered[path])
            assert feed["title"] == topic.title and feed["description"] == topic.summary
            item = next(i for i in feed["items"] if i["_annals"]["event_id"] == day.id)
            assert item["title"] == day.title and item["summary"] == day.summary
            assert [(s["publisher"], s["title"]) for s in item["_annals"]["sources"]] == [
                (a.publisher, a.title) for a in hostile.event_sources(day)]
            content = item["content_html"]
        else:
            parsed = parse_atom(rendered[path], path)
            if "topics" in path:
                assert parsed.feed.title == topic.title
                assert parsed.feed.subtitle == topic.summary
            entry = next(e for e in parsed.entries if e.link.endswith(f"#{day.id}"))
            assert entry.title == day.title and entry.summary == day.summary
            root = ET.fromstring(rendered[path])  # the raw XML, not feedparser's sanitised view
            raw = raw_entry(root, day.id)
            assert raw.findtext(f"{ATOM}title") == day.title
            element = raw.find(f"{ATOM}content")
            assert element is not None and element.get("type") == "html"
            assert len(element) == 0  # escaped HTML, never inline XHTML elements
            content = element.text or ""
        markup = assert_inert(content)
        assert shown(day.summary) in markup.text
        for article in hostile.event_sources(day):
            assert f"{article.publisher}: {article.title}" in markup.text


def test_hostile_text_survives_json_and_csv(hostile: Corpus) -> None:
    rendered = render_exports(hostile)
    day = hostile.events_by_id["2015-02-05-day-event"]
    article = hostile.articles[day.defined_in]
    for stem in ("exports/all", "exports/topics/hostile"):
        document = json.loads(rendered[f"{stem}.json"])
        record = next(e for e in document["events"] if e["id"] == day.id)
        assert record["title"] == day.title and record["summary"] == day.summary
        assert record["places"] == list(day.places)
        assert record["quotes"] == [{"text": q.text, "by": q.by} for q in day.quotes]
        source = next(a for a in document["articles"] if a["id"] == article.id)
        assert (source["title"], source["publisher"], source["summary"]) == (
            article.title, article.publisher, article.summary)
        assert next(t for t in document["topics"] if t["id"] == "hostile")["title"] == (
            hostile.topics["hostile"].title)
        assert document["actors"][0]["name"] == hostile.actors["hong-lei"].name

        row = next(r for r in parse_csv(rendered[f"{stem}.csv"]) if r["id"] == day.id)
        assert row["title"] == day.title and row["summary"] == day.summary
        assert json.loads(row["places"]) == list(day.places)
        assert json.loads(row["quotes"]) == [{"text": q.text, "by": q.by} for q in day.quotes]
        assert (row["source_1_publisher"], row["source_1_title"]) == (article.publisher,
                                                                      article.title)


def test_hostile_text_survives_icalendar(hostile: Corpus) -> None:
    rendered = render_exports(hostile)
    day = hostile.events_by_id["2015-02-05-day-event"]
    topic = hostile.topics["hostile"]
    calendar = Calendar.from_ical(rendered["exports/topics/hostile.ics"])
    assert str(calendar["DESCRIPTION"]) == topic.summary
    # icalendar leaves NAME and X-WR-* untyped (raw): read them as the TEXT they are.
    for key in ("NAME", "X-WR-CALNAME"):
        assert ics_text(str(calendar[key])) == topic.title
    assert ics_text(str(calendar["X-WR-CALDESC"])) == topic.summary
    component = parse_ics(rendered["exports/topics/hostile.ics"])[day.id]
    assert str(component["SUMMARY"]) == day.title
    assert str(component["LOCATION"]) == ", ".join(day.places)
    description = str(component["DESCRIPTION"])
    assert day.summary in description
    for article in hostile.event_sources(day):
        assert f"- {article.publisher}: {article.title} (" in description


def test_hostile_text_survives_timelinejs(hostile: Corpus) -> None:
    rendered = render_exports(hostile)
    day = hostile.events_by_id["2015-02-05-day-event"]
    topic = hostile.topics["hostile"]
    timeline = parse_timelinejs(rendered["exports/timelinejs/hostile.json"])
    title = timeline["title"]["text"]
    assert Markup(title["headline"]).tags == []
    assert html.unescape(title["headline"]) == topic.title
    assert shown(topic.summary.replace("\n\n", " ")) in assert_inert(title["text"]).text
    slide = next(s for s in timeline["events"] if s["unique_id"] == day.id)
    for field in (slide["text"]["headline"], slide["group"], slide["display_date"]):
        assert Markup(field).tags == []  # text only: the viewer reads these as HTML
    assert html.unescape(slide["text"]["headline"]) == day.title
    assert html.unescape(slide["group"]) == topic.title
    markup = assert_inert(slide["text"]["text"])
    assert shown(day.summary) in markup.text
    assert f"{hostile.articles[day.defined_in].publisher}: " in markup.text


def test_non_ascii_hosts_are_written_in_punycode(hostile: Corpus) -> None:
    rendered = render_exports(hostile)
    later = hostile.events_by_id["2016-07-20-later-event"]
    urls = source_urls(hostile, later)
    assert urls == ["https://xn--r8jz45g.jp/news"]
    row = next(r for r in parse_csv(rendered["exports/all.csv"]) if r["id"] == later.id)
    assert row["source_urls"] == urls[0]
    assert all("例え" not in data.decode("utf-8") for data in rendered.values())


# --- dates of every kind ------------------------------------------------------------------------


def test_every_kind_of_date_in_icalendar(hostile: Corpus) -> None:
    vevents = parse_ics(render_exports(hostile)["exports/all.ics"])
    day = vevents["2015-02-05-day-event"]
    assert (day["DTSTART"].dt, day["DTEND"].dt) == (date(2015, 2, 5), date(2015, 2, 6))
    month = vevents["2015-02-month-event"]
    assert (month["DTSTART"].dt, month["DTEND"].dt) == (date(2015, 2, 1), date(2015, 3, 1))
    assert "only the month is known" in str(month["DESCRIPTION"])
    assert "c. February 2015" in str(month["DESCRIPTION"])
    year = vevents["2015-year-event"]
    assert (year["DTSTART"].dt, year["DTEND"].dt) == (date(2015, 1, 1), date(2016, 1, 1))
    assert "only the year is known" in str(year["DESCRIPTION"])
    interval = vevents["2016-07-08-interval-event"]
    assert (interval["DTSTART"].dt, interval["DTEND"].dt) == (date(2016, 7, 8),
                                                              date(2016, 7, 14))
    moment = vevents["2017-03-06-timestamp-event"]["DTSTART"].dt
    assert (moment.hour, moment.minute) == (23, 0)  # the time as written ...
    assert moment.utcoffset() == timedelta(hours=9)  # ... with its offset
    assert moment.astimezone(UTC) == datetime(2017, 3, 6, 14, 0, tzinfo=UTC)


def test_every_kind_of_date_in_timelinejs(hostile: Corpus) -> None:
    timeline = parse_timelinejs(render_exports(hostile)["exports/timelinejs/hostile.json"])
    slides = {slide["unique_id"]: slide for slide in timeline["events"]}
    month = slides["2015-02-month-event"]
    assert month["start_date"] == {"year": 2015, "month": 2}
    assert month["display_date"] == "c. February 2015"
    assert slides["2015-year-event"]["start_date"] == {"year": 2015}
    assert slides["2015-year-event"]["display_date"] == "2015 (uncertain)"
    interval = slides["2016-07-08-interval-event"]
    assert interval["start_date"] == {"year": 2016, "month": 7, "day": 8}
    assert interval["end_date"] == {"year": 2016, "month": 7, "day": 13}
    moment = slides["2017-03-06-timestamp-event"]
    assert moment["start_date"] == {"year": 2017, "month": 3, "day": 6, "hour": 23,
                                    "minute": 0}
    assert "UTC+9" in moment["display_date"]


def test_every_kind_of_date_in_csv_and_json(hostile: Corpus) -> None:
    rendered = render_exports(hostile)
    rows = {row["id"]: row for row in parse_csv(rendered["exports/all.csv"])}
    assert rows["2015-02-month-event"]["approximate"] == "true"
    assert rows["2015-year-event"]["uncertain"] == "true"
    assert rows["2016-07-08-interval-event"]["end_precision"] == "day"
    assert rows["2017-03-06-timestamp-event"]["lower"] == "2017-03-06T14:00:00Z"
    records = {e["id"]: e for e in json.loads(rendered["exports/all.json"])["events"]}
    assert records["2017-03-06-timestamp-event"]["date"]["start"]["utc_offset_minutes"] == 540
    assert records["2015-02-month-event"]["date"]["start"]["approximate"] is True


# --- ordering, stamps and empty scopes ----------------------------------------------------------


def test_feeds_put_the_newest_additions_first(hostile: Corpus) -> None:
    rendered = render_exports(hostile, base_url=BASE)
    parsed = feedparser.parse(rendered["feeds/topics/hostile.atom"])
    order = [entry.link.split("#")[1] for entry in parsed.entries]
    # Added last (2026-11-28) first; then one article's events, latest event date first.
    assert order == ["2016-07-20-later-event", "2017-03-06-timestamp-event",
                     "2016-07-08-interval-event", "2015-02-05-day-event",
                     "2015-02-month-event", "2015-year-event"]
    assert parsed.feed.updated.startswith("2026-11-28")
    interval = next(e for e in parsed.entries if e.link.endswith("interval-event"))
    assert interval.published.startswith("2026-11-27")  # added with its defining article
    assert interval.updated.startswith("2026-11-28")  # cited by a later addition
    actor = feedparser.parse(rendered["feeds/actors/hong-lei.atom"])
    assert actor.feed.updated.startswith("2026-11-27")


def test_a_topic_without_events(hostile: Corpus) -> None:
    rendered = render_exports(hostile)
    assert "exports/timelinejs/empty.json" not in rendered  # the viewer refuses no events
    assert parse_atom(rendered["feeds/topics/empty.atom"], "feeds/topics/empty.atom").entries == []
    assert parse_json_feed(rendered["feeds/topics/empty.json"])["items"] == []
    assert parse_csv(rendered["exports/topics/empty.csv"]) == []
    assert parse_ics(rendered["exports/topics/empty.ics"]) == {}
    assert json.loads(rendered["exports/topics/empty.json"])["events"] == []


# --- the command line ---------------------------------------------------------------------------


def test_cli_writes_every_file(corpus: Corpus, files: dict[str, bytes], tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), "--content", str(ROOT / "content")]) == 0
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
               if p.is_file()}
    assert written == files
    assert f"wrote {len(files)} files" in capsys.readouterr().out


@pytest.mark.parametrize("export_format", [*FORMATS, "all"])
def test_cli_writes_one_format(export_format: str, absolute_files: dict[str, bytes],
                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    status = main(["export", "--format", export_format, "--out", str(out), "--content",
                   str(ROOT / "content"), "--base-url", BASE])
    assert status == 0
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
               if p.is_file()}
    assert written
    assert all(absolute_files[path] == data for path, data in written.items())
    if export_format == "all":
        assert written == absolute_files


def test_cli_refuses_invalid_content(minimal: ContentTree, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    minimal.write("articles/2015/2015-02-06-broken.yml", "title: [unclosed\n")
    out = tmp_path / "out"
    status = main(["export", "--out", str(out), "--content", str(minimal.root)])
    captured = capsys.readouterr()
    assert status == 1
    assert "2015-02-06-broken.yml" in captured.err and "error" in captured.err
    assert "Traceback" not in captured.err
    assert not out.exists()


def test_cli_refuses_a_missing_content_folder(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["export", "--out", str(tmp_path / "out"), "--content",
                   str(tmp_path / "nowhere")])
    assert status == 1
    assert "not a content folder" in capsys.readouterr().err


def test_cli_refuses_an_unsafe_base_url(minimal: ContentTree, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--out", str(tmp_path), "--content", str(minimal.root),
              "--base-url", "javascript:alert(1)"])
    assert exit_.value.code == 2
    assert "--base-url" in capsys.readouterr().err


def test_cli_reports_an_unwritable_folder(minimal: ContentTree, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    status = main(["export", "--out", str(blocker), "--content", str(minimal.root)])
    captured = capsys.readouterr()
    assert status == 1 and "cannot write" in captured.err and "Traceback" not in captured.err


def test_the_exports_made_with_the_pages_views_are_the_same(tmp_path: Path) -> None:
    # The plugin hands the exports the views its pages were made of (with edit links, which
    # the exports do not show), so that each event's view is made once.
    built = build(ROOT / "content", edit_url=lambda path: f"https://example.org/edit/{path}")
    assert built.views is not None
    def written(name: str, views: Views | None) -> dict[Path, bytes]:
        write_exports(built.corpus, tmp_path / name, base_url="https://example.org/",
                      history=built.history, views=views)
        return {path.relative_to(tmp_path / name): path.read_bytes()
                for path in (tmp_path / name).rglob("*") if path.is_file()}

    alone = written("alone", None)
    assert len(alone) > 10
    assert written("shared", built.views) == alone
