"""Links: only plain http(s) addresses with a host reach a page, shown as what they point at."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from generator.head import head_html
from generator.links import link_problem, safe_href
from generator.pipeline import build
from tests.conftest import ARTICLE, ARTICLE_PATH
from tests.hostile.timing import check_promptly

if TYPE_CHECKING:
    from tests.conftest import ContentTree


@pytest.mark.parametrize("url", [
    "https://www.koreaherald.com/view.php?ud=20150316000999",
    "http://tass.com/en/world/775588",
    "https://example.com:8443/path#fragment",
    "https://例え.jp/記事",
])
def test_plain_http_links_are_accepted(url: str) -> None:
    assert link_problem(url) is None


@pytest.mark.parametrize(("url", "problem"), [
    ("javascript:alert(1)", "must start with http:// or https://"),
    ("JAVASCRIPT://example.com/%0aalert(1)", "must start with http:// or https://"),
    ("data:text/html;base64,PHNjcmlwdD4=", "must start with http:// or https://"),
    ("vbscript:msgbox(1)", "must start with http:// or https://"),
    ("ftp://example.com/file", "must start with http:// or https://"),
    ("//example.com/path", "must start with http:// or https://"),
    ("/relative/path", "must start with http:// or https://"),
    ("https:///no-host", "has no host"),
    ("https://user:password@example.com/", "must not contain a user name or password"),
    ("https://example.com@evil.example/", "must not contain a user name or password"),
    ("https://example.com:99999/", "has an invalid host or port"),
    ("https://example.com:0/", "has an invalid port"),
    ("https://example.com:http/", "has an invalid host or port"),
    ("https://exa mple.com/", "contains whitespace, quotes, backslashes or invisible characters"),
    ("https://example.com/\tpath", "contains whitespace, quotes, backslashes or invisible "
                                   "characters"),
    ("https://example.com/a\nb", "contains whitespace, quotes, backslashes or invisible "
                                 "characters"),
    ("https://example.com\\@evil.example/", "contains whitespace, quotes, backslashes or "
                                            "invisible characters"),
    ('https://example.com/"onmouseover="x', "contains whitespace, quotes, backslashes or "
                                            "invisible characters"),
    ("https://example.com/\u200bzero-width", "contains whitespace, quotes, backslashes or "
                                             "invisible characters"),
    ("https://example.com/\u202egnp.exe", "contains whitespace, quotes, backslashes or "
                                          "invisible characters"),
    ("https://ｅｘａｍｐｌｅ.com/", "contains characters that change under Unicode normalisation"),
    ("https://example.com／evil.example", "contains characters that change under Unicode "
                                          "normalisation"),
    ("https://xn--.com/", "has a host name that is not a valid internationalised domain name"),
])
def test_unsafe_links_are_refused_with_a_reason(url: str, problem: str) -> None:
    assert link_problem(url) == problem
    assert safe_href(url) == ""


def test_non_ascii_host_is_shown_in_punycode() -> None:
    assert safe_href("https://例え.jp/記事?q=1") == "https://xn--r8jz45g.jp/記事?q=1"
    assert safe_href("https://аpple.com:8443/") == "https://xn--pple-43d.com:8443/"


def test_refused_link_is_reported_at_its_position(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("url: http://tass.com/en/world/775588",
                                                "url: https://user@tass.com/"))
    _, [diagnostic] = check_promptly(minimal.root)
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (3, 6, "V011")
    assert diagnostic.message == "'url' must not contain a user name or password"


def test_archive_url_is_checked_too(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace(
        "published:", "archive_url: javascript:alert(1)\npublished:"))
    _, [diagnostic] = check_promptly(minimal.root)
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (4, 14, "S007")


def test_emitted_links_are_punycode_under_a_no_referrer_policy(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("http://tass.com/en/world/775588",
                                                "https://аpple.com/news"))
    page = build(minimal.root).pages["topics/thaad.md"]
    assert '<a href="https://xn--pple-43d.com/news">' in page.body
    assert "аpple.com" not in page.body
    # One policy for the whole page keeps the reader's address from every linked site.
    head = head_html(page, site_name="Annals", site_description="", root="../../")
    assert head.startswith('<meta name="referrer" content="no-referrer">')
