"""Sources that survive link rot: archived copies checked, every source a Robust Link, the copy
offered first once the original is gone, and a warning about sources without a copy on demand.

No fixture here names a real capture: the corpus keeps no archive address, so these are made
up for the tests (example.org originals)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from generator import cli
from generator.archives import wayback_day, wayback_stamp
from generator.exports.common import event_html
from generator.options import Options, OptionsError
from generator.pipeline import build, check
from generator.urls import Layout
from generator.views import Views
from tests.conftest import ARTICLE, ARTICLE_PATH

if TYPE_CHECKING:
    from tests.conftest import ContentTree

ORIGINAL = "https://news.example.org/report?id=1&lang=en"
COPY = "https://web.archive.org/web/20150206093000/https://news.example.org/report?id=1&lang=en"


def archived(fields: str) -> str:
    """The minimal article at ORIGINAL with extra top-level fields."""
    return ARTICLE.replace("url: http://tass.com/en/world/775588", f'url: "{ORIGINAL}"').replace(
        "added: 2026-11-27", "added: 2026-11-27" + fields)


def codes(tree: ContentTree, text: str, *, warn_unarchived: bool = False
          ) -> list[tuple[int, str, str]]:
    tree.write(ARTICLE_PATH, text)
    return [(d.line, d.code, d.severity.value)
            for d in check(tree.root, warn_unarchived=warn_unarchived)[1]]


class Links(HTMLParser):
    """Every link of a fragment: its attributes and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[dict[str, str | None], str]] = []
        self.open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append((dict(attrs), ""))
            self.open = True

    def handle_endtag(self, tag: str) -> None:
        self.open = self.open and tag != "a"

    def handle_data(self, data: str) -> None:
        if self.open:
            attrs, text = self.links[-1]
            self.links[-1] = (attrs, text + data)


def links_to(page: str, *hosts: str) -> list[tuple[dict[str, str | None], str]]:
    parser = Links()
    parser.feed(page)
    return [(attrs, text) for attrs, text in parser.links
            if any((attrs.get("href") or "").startswith(host) for host in hosts)]


# --- addresses and the check ------------------------------------------------------------------

def test_a_wayback_address_says_its_capture_day() -> None:
    assert wayback_day(COPY) == "2015-02-06"
    assert wayback_day("http://archive.org/web/20150206id_/http://x.org/") == "2015-02-06"
    assert wayback_stamp("https://web.archive.org/web/2015/http://x.org/") == "2015"
    assert wayback_day("https://web.archive.org/web/2015/http://x.org/") == ""
    assert wayback_day("https://archive.ph/AbCdE") == wayback_stamp("https://archive.ph/x") == ""


def test_an_archived_copy_with_its_day_is_valid(minimal: ContentTree) -> None:
    assert codes(minimal, archived(f'\narchive_url: "{COPY}"\narchived: 2015-02-06')) == []
    article = check(minimal.root)[0].articles["2015-02-05-tass-china-urges-us"]
    assert article.archived is not None and article.archived.isoformat() == "2015-02-06"
    assert article.gone is None


def test_a_copy_needs_its_day_and_the_hint_reads_it_from_the_address(
        minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, archived(f'\narchive_url: "{COPY}"'))
    [found] = check(minimal.root)[1]
    assert (found.line, found.code) == (6, "A001")
    assert found.hint == "Its address says it was captured on 2015-02-06: write 'archived: " \
        "2015-02-06'."
    assert codes(minimal, archived("\narchived: 2015-02-06")) == [(6, "A001", "error")]


def test_the_day_must_be_the_one_the_wayback_address_names(minimal: ContentTree) -> None:
    assert codes(minimal, archived(f'\narchive_url: "{COPY}"\narchived: 2015-02-07')) == [
        (7, "A003", "error")]
    partial = COPY.replace("20150206093000", "2016")
    assert codes(minimal, archived(f'\narchive_url: "{partial}"\narchived: 2015-02-07')) == [
        (7, "A003", "error")]
    assert codes(minimal, archived(f'\narchive_url: "{partial}"\narchived: 2016-03-01')) == []
    other = "https://archive.ph/AbCdE"
    assert codes(minimal, archived(f'\narchive_url: "{other}"\narchived: 2015-02-07')) == []


@pytest.mark.parametrize(("fields", "expected"), [
    ("\narchived: 2015-02-30", [(7, "A002", "error")]),           # no such day
    ("\narchived: 2199-01-01", [(7, "A002", "error")]),           # still to come
    ("\narchived: 2015-01-01", [(7, "A002", "error")]),           # before publication
    ("\narchived: 2015-02-04", []),                                # a day early: time zones
    ("\narchived: 2015-02-04\ngone: 2015-02-04", [(8, "A002", "error")]),
    ("\narchived: 2015-02-04\ngone: 2199-01-01", [(8, "A002", "error")]),
    ("\narchived: 2015-02-04\ngone: 2026-11-30", []),
])
def test_impossible_days_are_refused(minimal: ContentTree, fields: str,
                                     expected: list[tuple[int, str, str]]) -> None:
    copy = "https://archive.ph/AbCdE"
    assert codes(minimal, archived(f'\narchive_url: "{copy}"' + fields)) == expected


def test_a_gone_original_without_a_copy_is_a_warning(minimal: ContentTree) -> None:
    assert codes(minimal, archived("\ngone: 2026-11-30")) == [(6, "W002", "warning")]


def test_sources_without_a_copy_are_warned_about_only_when_asked(minimal: ContentTree) -> None:
    assert codes(minimal, ARTICLE) == []
    assert codes(minimal, ARTICLE, warn_unarchived=True) == [(3, "W003", "warning")]
    with_copy = archived(f'\narchive_url: "{COPY}"\narchived: 2015-02-06')
    assert codes(minimal, with_copy, warn_unarchived=True) == []


def test_the_command_line_warns_with_a_flag_and_fails_on_it_with_strict(
        minimal: ContentTree, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(minimal.root)]) == 0
    assert "W003" not in capsys.readouterr().out
    assert cli.main(["check", "--warn-unarchived", str(minimal.root)]) == 0
    assert "warning: no archived copy of this source" in capsys.readouterr().out
    assert cli.main(["check", "--warn-unarchived", "--strict", str(minimal.root)]) == 1


def test_the_plugin_option_is_a_boolean_off_by_default() -> None:
    assert Options().warn_unarchived is False
    assert Options.of({"warn_unarchived": True}).warn_unarchived is True
    with pytest.raises(OptionsError, match="warn_unarchived"):
        Options.of({"warn_unarchived": "yes"})


def test_an_archive_address_is_http_only(minimal: ContentTree) -> None:
    text = archived('\narchive_url: "javascript:alert(1)"\narchived: 2015-02-06')
    assert [code for _, code, _ in codes(minimal, text)] == ["S007"]


# --- Robust Links -----------------------------------------------------------------------------

def test_a_source_without_a_copy_is_a_plain_link(minimal: ContentTree) -> None:
    # Attributes that only repeat the address and the day it was read would weigh a tenth of
    # an event's markup, for no copy anyone can reach.
    page = build(minimal.root).pages["topics/thaad.md"].body
    [(attrs, text)] = links_to(page, "http://tass.com")
    assert attrs == {"href": "http://tass.com/en/world/775588"}
    assert text.startswith("China urges United States")


def test_a_source_with_a_copy_links_the_original_first_and_offers_the_copy(
        minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, archived(f'\narchive_url: "{COPY}"\narchived: 2015-02-06'))
    result = build(minimal.root)
    original = ({"href": ORIGINAL, "data-versionurl": COPY, "data-versiondate": "2015-02-06"},
                "China urges United States not to deploy missile defense systems in South Korea")
    # On a card, the copy is offered by the readers' script once the sources are opened
    # (tests/browser/test_archives.py): its address is not repeated as a link of its own.
    topic = result.pages["topics/thaad.md"].body
    assert links_to(topic, ORIGINAL, COPY) == [original]
    sources = result.pages["sources.md"].body
    assert links_to(sources, ORIGINAL, COPY) == [original, ({"href": COPY}, "archived copy")]
    assert "archived copy</a>, 6 February 2015)" in sources
    # Every attribute is escaped: the & of the query is a character reference in the HTML.
    assert 'href="https://news.example.org/report?id=1&#38;lang=en" data-versionurl=' in topic
    views = Views(result.corpus, Layout.of(result.corpus))
    feed = event_html(views.event(result.corpus.events[0]))  # feed readers run no script
    assert [(attrs["href"], text) for attrs, text in links_to(feed, ORIGINAL, COPY)] == [
        (ORIGINAL, original[1]), (COPY, "archived copy")]


def test_once_the_original_is_gone_the_copy_is_the_link_offered_first(
        minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, archived(
        f'\narchive_url: "{COPY}"\narchived: 2015-02-06\ngone: 2026-11-30'))
    result = build(minimal.root)
    for page in (result.pages["topics/thaad.md"].body, result.pages["sources.md"].body):
        found = links_to(page, ORIGINAL, COPY)
        assert found[:2] == [
            ({"href": COPY, "data-originalurl": ORIGINAL, "data-versiondate": "2015-02-06"},
             "China urges United States not to deploy missile defense systems in South Korea"),
            ({"href": ORIGINAL}, "the original")]
        assert "archived copy of 6 February 2015; " in page and "</a> is gone)" in page
    views = Views(result.corpus, Layout.of(result.corpus))
    feed = event_html(views.event(result.corpus.events[0]))
    assert [(attrs["href"], text) for attrs, text in links_to(feed, ORIGINAL, COPY)] == [
        (COPY, "China urges United States not to deploy missile defense systems in "
               "South Korea"), (ORIGINAL, "the original")]
