"""No contributor string reaches a page as live HTML or Markdown, in any field, on any page.

One site is built from a corpus where every free-text field of every file holds a payload, with
Markdown extensions switched on that would act on them if they ever saw contributor text.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import pytest

from tests.hostile.payloads import FAMILIES, MARKER
from tests.hostile.site import (
    COMPARISON,
    CONTENT_TAGS,
    SECRET,
    content_area,
    scan_html,
    scan_site,
)

if TYPE_CHECKING:
    from tests.site_builder import BuiltSite


def ids_of(family: str, events: dict[str, str]) -> list[str]:
    return [event_id for event_id, payload in events.items() if payload in FAMILIES[family]]


def test_the_whole_output_has_no_live_markup_from_content(hostile_site: BuiltSite) -> None:
    violations = scan_site(hostile_site.site)
    # The hand-written page that includes the secret on purpose is the only file that may hold it.
    assert [v for v in violations if not v.where.startswith("snippet-check/")] == []


def test_the_scanner_finds_what_it_looks_for() -> None:
    # The scan above would pass on anything if the scanner were blind: show it is not.
    assert scan_html(f'<img src=x onerror="alert(\'{MARKER}\')">', "x")
    assert scan_html(f"<script>alert('{MARKER}')</script>", "x")
    assert scan_html("<a href=' JavaScript:alert(1)'>x</a>", "x")
    assert scan_html("<a href='data:text/html,x'>x</a>", "x")
    assert not scan_html("<p>&lt;script&gt;alert('annalsXSS')&lt;/script&gt;</p>", "x")


@pytest.mark.parametrize("family", list(FAMILIES))
def test_each_payload_displays_exactly_as_written(family: str, hostile_site: BuiltSite,
                                                  hostile_events: dict[str, str]) -> None:
    area = content_area(hostile_site.page("topics/hostile/"))
    for event_id in ids_of(family, hostile_events):
        shown = " ".join(area.headings[event_id].split())
        assert shown == " ".join(hostile_events[event_id].split()), event_id


def test_only_generated_elements_in_the_content_area(hostile_site: BuiltSite) -> None:
    for uri in ("topics/hostile/", "actors/mallory/", "sources/", "", COMPARISON):
        area = content_area(hostile_site.page(uri))
        assert area.tags <= CONTENT_TAGS, (uri, area.tags - CONTENT_TAGS)


def test_unclosed_tags_comments_and_fences_hide_no_later_event(
        hostile_site: BuiltSite, hostile_events: dict[str, str]) -> None:
    # Openers come first in the corpus and closers last: every event in between must still be an
    # element of its own, with its heading, on the page.
    area = content_area(hostile_site.page("topics/hostile/"))
    assert list(area.headings) == list(hostile_events)


def test_snippet_includes_never_read_files(hostile_site: BuiltSite) -> None:
    assert SECRET in hostile_site.page("snippet-check/")  # snippets work on hand-written pages
    for uri in ("topics/hostile/", "actors/mallory/", "sources/", "", COMPARISON):
        assert SECRET not in hostile_site.page(uri)


def test_template_syntax_is_shown_not_evaluated(hostile_site: BuiltSite) -> None:
    assert "macros-ran" in hostile_site.page("macros-check/")  # macros run on hand-written pages
    area = content_area(hostile_site.page("topics/hostile/"))
    shown = set(area.headings.values())
    assert "{{ config.site_name }} {{ 7*7 }}" in shown
    assert "{% include 'secret.txt' %}" in shown


def test_markdown_links_never_become_links(hostile_site: BuiltSite) -> None:
    page = hostile_site.page("topics/hostile/")
    for href in ("href=\"javascript", "href='javascript", "href=javascript", "href=\"data:"):
        assert href not in page.lower()


def test_attribute_list_syntax_adds_no_attribute(hostile_site: BuiltSite) -> None:
    page = hostile_site.page("topics/hostile/")
    assert 'id="evil"' not in page
    assert scan_html(page, "topic") == []


def test_block_syntax_makes_no_heading_or_admonition(hostile_site: BuiltSite) -> None:
    page = hostile_site.page("topics/hostile/")
    assert 'class="admonition' not in page
    assert "<table" not in page
    assert "<blockquote>\n<p>quoted" not in page


def test_the_comparison_shows_every_payload_as_written(hostile_site: BuiltSite,
                                                      hostile_events: dict[str, str]) -> None:
    # Every event is on the first topic: the comparison lists them all, each title once, as the
    # text of its link, in the order they were written.
    page = hostile_site.page(COMPARISON)
    listed = "".join(re.findall(r'<ol class="annals-compare-list">(.*?)</ol>', page, re.S))
    texts = [html.unescape(text) for text in re.findall(r'<a href="[^"]*">(.*?)</a></li>',
                                                        listed, re.S)]
    assert [" ".join(t.split()) for t in texts] == [
        " ".join(payload.split()) for payload in hostile_events.values()]
