"""schema.org JSON-LD on topic pages: the types' required properties, ISO dates, the model."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pytest

from generator.pipeline import build, check
from generator.structured import script_json
from tests.conftest import ARTICLE, ARTICLE_PATH
from tests.site_builder import ROOT, BuiltSite, build_site

if TYPE_CHECKING:
    from tests.conftest import ContentTree

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?)?)?$")
# What each schema.org type used must carry for the data to be useful (schema.org itself makes
# few properties mandatory; these are the ones consumers such as search engines require).
REQUIRED = {
    "CollectionPage": {"name"},
    "Event": {"name", "startDate", "subjectOf"},
    "Place": {"name"},
    "Person": {"name"}, "Organization": {"name"}, "GovernmentOrganization": {"name"},
    "Product": {"name"},
    "NewsArticle": {"headline", "datePublished", "publisher", "url"},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    built = build_site(ROOT, tmp_path_factory.mktemp("jsonld") / "site")
    assert built.returncode == 0, built.log
    return built


def graph_of(html: str) -> list[dict[str, Any]]:
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    parsed = json.loads(data)
    assert parsed["@context"] == "https://schema.org"
    nodes: list[dict[str, Any]] = parsed["@graph"]
    return nodes


def check_node(node: dict[str, Any]) -> None:
    kind = node["@type"]
    assert kind in REQUIRED, kind
    missing = REQUIRED[kind] - set(node)
    assert not missing, (kind, missing, node)
    for field in ("startDate", "endDate", "datePublished"):
        if field in node:
            assert ISO_DATE.match(node[field]), (field, node[field])
    for place in node.get("location", []):
        check_node(place)
    if "publisher" in node:
        check_node(node["publisher"])


def test_every_topic_page_carries_valid_json_ld_for_its_events(site: BuiltSite) -> None:
    corpus, _ = check(ROOT / "content")
    for topic_id in corpus.topics:
        nodes = graph_of(site.page(f"topics/{topic_id}/"))
        by_id = {node["@id"]: node for node in nodes}
        for node in nodes:
            check_node(node)
        events = [node for node in nodes if node["@type"] == "Event"]
        assert [e["@id"] for e in events] == [f"#{e.id}" for e in corpus.topic_events(topic_id)]
        for node, event in zip(events, corpus.topic_events(topic_id), strict=True):
            assert node["name"] == event.title
            assert node["startDate"] == event.when.start.text.rstrip("~?%")
            assert [p["name"] for p in node.get("location", [])] == list(event.places)
            actors = [by_id[ref["@id"]]["name"] for ref in node.get("attendee", [])]
            assert actors == [corpus.actors[a].name for a in event.actors]
            cited = [by_id[ref["@id"]] for ref in node["subjectOf"]]
            assert [c["@type"] for c in cited] == ["NewsArticle"] * len(event.sources)
            assert [c["url"] for c in cited] == [corpus.articles[s].url for s in event.sources]


def test_intervals_and_fuzzy_dates(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("date: 2015-02-05", "date: 2015-02-05~/2015-02-07"))
    page = build(minimal.root).pages["topics/thaad.md"].body
    [event] = [n for n in graph_of(page) if n["@type"] == "Event"]
    assert (event["startDate"], event["endDate"]) == ("2015-02-05", "2015-02-07")
    assert event["description"] == "Date: c. 5 February 2015 – 7 February 2015"


def test_hostile_text_stays_inert_and_intact() -> None:
    text = "</script><script>alert(1)</script> {{ config }} & <!-- \u2028"
    encoded = script_json({"name": text})
    for dangerous in ("<", ">", "{{", "}}", "&", "\u2028"):
        assert dangerous not in encoded
    assert json.loads(encoded) == {"name": text}
