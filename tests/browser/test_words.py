"""Original words and translations on the real site: a Korean quote is found by search by its own
words, and lands on a card that marks its language and shows its labelled translation.

(The translation's words are in the search index too, tests/test_site.py checks it; none of them
is found in that one event alone, its summary saying much the same, so a search for one of them
would not prove it is the translation that was found.)"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from tests.browser.test_search import search_tokens

if TYPE_CHECKING:
    from tests.browser.conftest import BrowserPage, ServedSite

pytestmark = pytest.mark.browser

EVENT = "2024-03-28-constitutional-court-dismisses-thaad-petitions"
LOCATION = f"topics/thaad/#{EVENT}"
ORIGINAL = "이 사건 협정이 국민들의 평화적 생존을 위협할 가능성이 있다고 볼 수 없다"
TRANSLATION = "It cannot be seen that the agreement in this case could threaten the people's " \
    "peaceful existence"


def word_found_only_there(site: ServedSite, text: str) -> tuple[str, int]:
    """The longest word of ``text`` that, as Material's search matches it (a prefix of a
    token), is found at the event's location and on no other generated page (hand-written
    pages, such as the contributor guide that quotes it as an example, may have it too); and
    how many documents it is found in."""
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    where: dict[str, set[str]] = {}
    for doc in index["docs"]:
        for field in (doc.get("title", ""), doc.get("text", "")):
            for token in search_tokens(field, separator):
                where.setdefault(token, set()).add(doc["location"])
    words: list[str] = sorted(set(re.findall(r"\w{3,}", text.lower())),
                              key=lambda w: (-len(w), w))
    for word in words:
        found = {loc for token, locs in where.items() if token.startswith(word) for loc in locs}
        if LOCATION in found and not any(loc.startswith(("topics/", "actors/", "sources/"))
                                         for loc in found - {LOCATION}):
            return word, len(found)
    pytest.fail(f"no word of {text!r} is found at {LOCATION} alone among the timelines")


def test_search_finds_the_quote_by_its_korean_words(page: BrowserPage) -> None:
    word, documents = word_found_only_there(page.site, ORIGINAL)
    page.open()
    query = page.page.locator("input.md-search__input")
    query.click()
    # Hangul is typed as text, which sends no key event: the key pressed after it makes the
    # theme read the query, as a reader's input method does.
    query.fill(word)
    query.press("End")
    expect(page.page.locator(".md-search-result__meta")).to_have_text(
        f"{documents} matching document{'s' if documents > 1 else ''}")
    result = page.page.locator(f'.md-search-result__link[href$="#{EVENT}"]')
    expect(result).to_be_visible()
    result.click()
    page.page.wait_for_url(re.compile(re.escape(f"#{EVENT}") + "$"))
    card = page.page.locator("article.annals-event", has=page.page.locator(f'[id="{EVENT}"]'))
    original = card.locator('blockquote[lang="ko"]')
    expect(original).to_have_text(ORIGINAL)
    translation = card.locator("figure .annals-translation")
    expect(translation).to_contain_text("Translation by the curators")
    expect(translation).to_contain_text(TRANSLATION)
    assert not page.console_errors, page.console_errors
