"""A split topic's event map: hostile text reaches the script as data, never as markup."""

from __future__ import annotations

import json
import re

from generator.pipeline import build
from generator.urls import topic_map_path
from generator.views import machine_date
from tests.conftest import ROOT

HOSTILE = ROOT / "tests" / "golden" / "cases" / "hostile-text" / "content"
SCRIPT = ROOT / "generator" / "assets" / "javascripts" / "annals.js"


def test_the_map_holds_hostile_text_exactly_and_links_only_to_the_topics_pages() -> None:
    result = build(HOSTILE, split_threshold=1)
    maps = {path: json.loads(data) for path, data in result.files.items()}
    assert maps, "the case must split a topic"
    seen = set()
    for topic_id in result.corpus.topics:
        path = topic_map_path(topic_id)
        if path not in maps:
            continue
        data = maps[path]
        assert all(re.fullmatch(r"[0-9]{4}/([0-9]{2}/)?", page) for page in data["pages"])
        for event_id, _page, datetime, date, title, actors, tags, places in data["events"]:
            event = result.corpus.events_by_id[event_id]
            seen.add(event_id)
            assert (datetime, date, title) == (machine_date(event.when), event.when.label(),
                                               event.title)
            assert [data["actors"][n] for n in actors] == list(event.actors)
            assert [data["tags"][n] for n in tags] == list(event.tags)
            assert [data["places"][n] for n in places] == list(event.places)
    assert any("<" in result.corpus.events_by_id[e].title for e in seen), "no hostile title"


def test_the_script_writes_contributor_text_as_text_only() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function"):
        assert sink not in source, sink
