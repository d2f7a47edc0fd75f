"""Rendering: escaped contributor text, stable anchors, safe links, a page count without events."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.escaping import escape_text, paragraphs
from generator.pipeline import build
from generator.views import SiteName
from tests.conftest import ARTICLE, ARTICLE_PATH, ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import ContentTree

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) ' \
          '{: onclick="alert(4)" } {{ config }} {% raw %} *a* _b_ `c` & "q" \'s'


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names += [name for name, _ in attrs]


def attribute_names(html: str) -> list[str]:
    """The names of every attribute of every element, as a browser would parse them."""
    parser = _Attributes()
    parser.feed(html)
    return parser.names


def test_escape_text_leaves_no_markup() -> None:
    escaped = str(escape_text(HOSTILE))
    for dangerous in ("<", ">", '"', "'", "{", "}", "[", "]", "`", "*", "_"):
        assert dangerous not in escaped
    assert "&#60;script&#62;" in escaped


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=80)
       | st.text(alphabet="&<>\"'{}[]`*_\\\n\r#;a1 ", max_size=40))
def test_escape_text_reads_back_as_the_text_with_line_breaks_as_spaces(text: str) -> None:
    escaped = str(escape_text(text))
    assert not set(escaped) & set("<>\"'{}[]`*_\\\n\r")
    # Every "&" starts one of our references: nothing in the text can read as another entity.
    assert re.fullmatch(r"(?:[^&]|&#\d+;)*", escaped)
    assert html.unescape(escaped) == text.replace("\n", " ").replace("\r", " ")


def test_paragraphs_split_at_blank_lines_and_join_lines() -> None:
    assert paragraphs("one\ntwo\n\n  three  \n\n\n") == ["one two", "three"]


def with_event_fields(tree: ContentTree, **fields: str) -> ContentTree:
    text = ARTICLE
    for name, value in fields.items():
        line = re.compile(rf"(?m)^(\s*){name}: .*$")
        indent = line.search(text)
        if indent is None:  # an optional event field the fixture lacks: add it to the event
            text += f"    {name}: {value}\n"
            continue
        text = line.sub(f"{indent.group(1)}{name}: {value}".replace("\\", "\\\\"), text, count=1)
    tree.write(ARTICLE_PATH, text)
    return tree


@pytest.mark.parametrize("field", ["title", "summary", "publisher", "places"])
def test_hostile_text_is_escaped_on_every_page(minimal: ContentTree, field: str) -> None:
    quoted = '"' + HOSTILE.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if field == "places":
        quoted = f"[{quoted}]"
    result = build(with_event_fields(minimal, **{field: quoted}).root)
    assert result.ok, [d.format() for d in result.diagnostics]
    for page in result.pages.values():
        # The JSON-LD block is data: it must parse, and is checked in test_structured.
        body = JSON_LD.sub(lambda m: json.loads(m.group(1)) and "", page.body)
        assert "<script" not in body
        assert "<img" not in body
        assert not [name for name in attribute_names(body) if name.startswith("on")]
        assert not re.search(r"href=[\"']?\s*javascript", body, re.IGNORECASE)
        assert "{{" not in body and "{%" not in body and "{:" not in body
        assert "](" not in body


def test_title_reaches_front_matter_quoted(minimal: ContentTree) -> None:
    minimal.write("topics/thaad.yml", 'title: "x\\"\\ntitle: <b>injected"\nsummary: S\n')
    page = build(minimal.root).pages["topics/thaad.md"]
    front = page.markdown().split("---\n")[1]
    # (The reader makes the line break a paragraph break: "\n\n".)
    assert front == 'title: "x\\"\\n\\ntitle: <b>injected"\n'
    # For themes that print titles as HTML (Material does), the adapter asks for it escaped.
    front = page.markdown(title_as_html=True).split("---\n")[1]
    assert front == 'title: "x\\"\\n\\ntitle: &lt;b&gt;injected"\n'


def test_each_event_has_its_anchor_once(minimal: ContentTree) -> None:
    page = build(minimal.root).pages["topics/thaad.md"].body
    assert page.count('id="2015-02-05-china-urges-us"') == 1
    assert '<h3 id="2015-02-05-china-urges-us">' in page  # the script adds its ¶ link
    assert "5 February 2015" in page


def test_sources_show_publisher_title_date_and_link(minimal: ContentTree) -> None:
    page = build(minimal.root).pages["topics/thaad.md"].body
    assert '<a href="http://tass.com/en/world/775588">' in page
    assert "<cite>TASS</cite>, 5 February 2015" in page


def test_actor_links_point_at_actor_pages(minimal: ContentTree) -> None:
    page = build(minimal.root).pages["topics/thaad.md"].body
    assert '<p class="actors"><a href="../../actors/hong-lei/">Hong Lei</a></p>' in page


def test_year_headings_have_stable_anchors_and_stay_out_of_search(minimal: ContentTree
                                                                  ) -> None:
    page = build(minimal.root).pages["topics/thaad.md"].body
    # A year alone is no search result: its events are, each under its own heading.
    assert "## 2015 { #year_2015 data-search-exclude }" in page


def test_page_count_does_not_grow_with_events(minimal: ContentTree) -> None:
    before = set(build(minimal.root).pages)
    events = "".join(
        f"  - id: 2015-02-{day:02d}-event-{day}\n    date: 2015-02-{day:02d}\n"
        f"    title: Event {day}\n    summary: S\n    topics: [thaad]\n" for day in range(6, 28))
    minimal.write(ARTICLE_PATH, ARTICLE + events)
    result = build(minimal.root)
    assert len(result.corpus.events) == 23
    assert set(result.pages) == before


def test_expected_pages(minimal: ContentTree) -> None:
    assert set(build(minimal.root).pages) == {
        "index.md", "sources.md", "actors/index.md", "topics/thaad.md", "actors/hong-lei.md"}


def test_home_lists_topic_span_count_and_recent_additions(minimal: ContentTree) -> None:
    home = build(minimal.root, site=SiteName("Our <b>timelines</b>", "What we keep.")).pages[
        "index.md"]
    # The site's name is the heading and the only title: the tab does not say it twice.
    assert home.markdown().startswith("# Our &#60;b&#62;timelines&#60;/b&#62;\n")
    body = home.body
    assert '<p class="annals-intro">What we keep.</p>' in body
    card = body.split('<li class="annals-card">', 1)[1].split("</li>", 1)[0]
    assert '<h3><a href="topics/thaad/">THAAD in South Korea</a></h3>' in card
    assert '<p class="annals-stats">1 event, 5 February 2015</p>' in card
    assert '<svg class="annals-sparkline"' in card
    assert ('<a href="topics/thaad/#2015-02-05-china-urges-us">5 February 2015: China urges'
            in card)
    # Recent additions are dated by the news, not by the day they were curated (27 November).
    recent = body.split('<ul class="annals-recent">', 1)[1]
    assert recent.startswith(
        '\n<li><span class="annals-recent__date">5 February 2015</span> <cite>TASS</cite>: '
        '<a href="sources/#2015-02-05-tass-china-urges-us">')
    assert "27 November 2026" not in body
    assert '<p class="annals-more"><a href="sources/">All sources</a></p>' in body


def test_actor_page_lists_events_and_quotes(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE + "    quotes:\n      - text: Consistent & clear.\n"
                                          "        by: hong-lei\n")
    page = build(minimal.root).pages["actors/hong-lei.md"].body
    assert "“Consistent &#38; clear.”" in page
    assert 'href="../../topics/thaad/#2015-02-05-china-urges-us"' in page


def test_events_are_ordered_by_date_then_precision_then_id(minimal: ContentTree) -> None:
    events = "".join(
        f"  - id: {event_id}\n    date: {date}\n    title: T\n    summary: S\n"
        f"    topics: [thaad]\n"
        for event_id, date in [("b-day", "2015-02-05"), ("a-month", "2015-02"),
                               ("a-day", "2015-02-05"), ("c-year", "2015")])
    minimal.write(ARTICLE_PATH, ARTICLE + events)
    page = build(minimal.root).pages["topics/thaad.md"].body
    order = re.findall(r'<h3 id="([^"]+)"', page)
    assert order == ["c-year", "a-month", "2015-02-05-china-urges-us", "a-day", "b-day"]


def signatures(tree: ContentTree) -> dict[str, int]:
    return {uri: page.signature for uri, page in build(tree.root).pages.items()}


def changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {uri for uri in after if before.get(uri) != after[uri]}


def test_signatures_change_exactly_where_an_edit_shows(minimal: ContentTree) -> None:
    first = signatures(minimal)
    assert changed(first, signatures(minimal)) == set()
    minimal.write(ARTICLE_PATH, ARTICLE.replace("Hong Lei speaks in Beijing.", "Edited."))
    summary_edit = signatures(minimal)
    assert changed(first, summary_edit) == {"topics/thaad.md"}
    minimal.write(ARTICLE_PATH, ARTICLE.replace("title: China urges the US not to deploy THAAD",
                                                "title: China asks the US not to deploy THAAD"))
    assert changed(summary_edit, signatures(minimal)) == {
        "topics/thaad.md", "actors/hong-lei.md", "sources.md", "index.md"}


def test_a_renamed_actor_or_a_new_topic_changes_the_pages_that_show_them(
        minimal: ContentTree) -> None:
    first = signatures(minimal)
    minimal.write("actors/hong-lei.yml", "name: Hong Lei (洪磊)\nkind: person\n")
    renamed = signatures(minimal)
    assert changed(first, renamed) == {"topics/thaad.md", "actors/hong-lei.md",
                                       "actors/index.md"}
    minimal.write("topics/another.yml", "title: Another\nsummary: A second timeline.\n")
    # Every page lists the topics in its navigation.
    assert changed(renamed, signatures(minimal)) == set(signatures(minimal))


def test_each_page_lists_the_ids_its_html_blocks_hold(tmp_path: Path) -> None:
    # MkDocs checks links to anchors against ids it saw in the Markdown; the blocks are filled
    # in after it, so each page says which ids they hold.
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import write_corpus  # type: ignore[import-not-found]

    write_corpus(tmp_path / "content", 300, seed=1)
    for root in (ROOT / "content", tmp_path / "content"):
        for uri, page in build(root).pages.items():
            found = set(re.findall(r'\bid="([^"]+)"', page.body))
            assert set(page.anchors) == found, uri


def test_a_quote_changes_its_speakers_page_though_the_event_does_not_list_them(
        minimal: ContentTree) -> None:
    minimal.write("actors/wang-yi.yml", "name: Wang Yi\nkind: person\n")
    quoted = ARTICLE + '    quotes:\n      - text: "We oppose it."\n        by: wang-yi\n'
    minimal.write(ARTICLE_PATH, quoted)
    first = signatures(minimal)
    minimal.write(ARTICLE_PATH, quoted.replace("We oppose it.", "We firmly oppose it."))
    assert "actors/wang-yi.md" in changed(first, signatures(minimal))


def test_contributor_text_shaped_like_a_slot_marker_stays_text(minimal: ContentTree) -> None:
    forged = "<!--annals-slot:0--> and <!--annals-slot:99-->"
    with_event_fields(minimal, title=json.dumps(forged), summary=json.dumps(forged))
    page = build(minimal.root).pages["topics/thaad.md"]
    fragments = page.fragments()
    # Only the renderer's own markers are in the skeleton, one per fragment.
    assert len(re.findall(r"<!--annals-slot:\d+-->", page.skeleton)) == len(fragments)
    for version in (page.body, "".join(f.search or "" for f in fragments)):
        assert "<!--annals-slot" not in version
        assert "&#60;!--annals-slot:0--&#62; and &#60;!--annals-slot:99--&#62;" in version
