"""Text a reader cannot see: it can neither hide an event nor slip a copy past the check."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from generator.lookalike import has_visible, skeleton
from generator.pagefind_index import record_text
from generator.pipeline import build
from generator.views import Views
from tests.conftest import ARTICLE, ARTICLE_PATH
from tests.hostile.timing import check_promptly

if TYPE_CHECKING:
    from tests.conftest import ContentTree

SECOND = "articles/2015/2015-02-06-yonhap-report.yml"
INVISIBLE_ONLY = ["\u200b", "\u200b\u200c\u200d", "\u2060\u2063", "\u3164", "\u115f\u1160",
                  "\u2800\u2800", "\u00ad", "\ufe0f", " \u3000 \u00a0", "\u0301\u0301",
                  "\U000e0041\U000e0042"]


@pytest.mark.parametrize("text", INVISIBLE_ONLY)
def test_a_title_with_nothing_visible_is_refused_at_the_title(minimal: ContentTree,
                                                              text: str) -> None:
    escaped = "".join(f"\\U{ord(c):08X}" for c in text)
    minimal.write(ARTICLE_PATH, ARTICLE.replace("title: China urges the US not to deploy THAAD",
                                                f'title: "{escaped}"'))
    _, [diagnostic] = check_promptly(minimal.root)
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (10, 12, "Y013")


@pytest.mark.parametrize("text", ["a", "👨‍👩‍👧", "中国", "é", "ﷺ", "·", "‍a"])
def test_text_with_something_visible_is_accepted(text: str) -> None:
    assert has_visible(text)


@pytest.mark.parametrize("copy", [
    "China urges the US not to deploy THAAD",  # the same
    "Сhina urges the US not to deploy THAAD",  # Cyrillic С
    "China ur\u200bges the US not to d\u00adeploy THAAD",  # zero-width space, soft hyphen
    "Ｃｈｉｎａ urges the US not to deploy 𝐓𝐇𝐀𝐀𝐃",  # full-width and mathematical letters
    "CHINA URGES THE US NOT TO DEPLOY ΤΗΑΑD",  # Greek capitals
])
def test_a_disguised_copy_is_still_a_possible_duplicate(minimal: ContentTree, copy: str) -> None:
    head = ARTICLE.split("events:")[0].replace("2015-02-05\nadded", "2015-02-06\nadded")
    escaped = "".join(c if c.isascii() else f"\\U{ord(c):08X}" for c in copy)
    minimal.write(SECOND, head + "events:\n  - id: 2015-02-06-copy\n    date: 2015-02-06\n"
                  f'    title: "{escaped}"\n    summary: S.\n    topics: [thaad]\n')
    _, diagnostics = check_promptly(minimal.root)
    assert [d.code for d in diagnostics] == ["W001"]


def test_the_skeleton_folds_what_looks_alike() -> None:
    assert skeleton("Сhinа") == skeleton("China") == "china"
    assert skeleton("ΤΗΑΑD") == skeleton("thaad")
    assert skeleton("se\u200boul") == "seoul"


def test_a_word_split_by_an_invisible_character_is_still_found_by_search(
        minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace(
        "title: China urges the US not to deploy THAAD",
        'title: "Chi\\u200Bna urges the US not to deploy \\uFF34\\uFF28\\uFF21\\uFF21\\uFF24"')
        .replace("summary: Hong Lei speaks in Beijing.",
                 'summary: "Hong\\u2060Lei in Bei\\u00ADjing."'))
    result = build(minimal.root)
    assert result.ok
    view = Views(result.corpus, result.layout).event(result.corpus.events[0])
    texts = " ".join(view.search_texts())
    assert "China urges the US not to deploy THAAD" in texts
    assert "Beijing" in texts
    assert "China" in record_text(view)  # the Pagefind record reads the same texts
    searched = result.pages["topics/thaad.md"].fragments()
    assert any("China urges" in (fragment.search or "") for fragment in searched)


def test_a_title_of_look_alike_letters_is_found_by_the_letters_it_shows(
        minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace(
        "title: China urges the US not to deploy THAAD",
        'title: "\\u0421hin\\u0430 urges the US"'))  # Cyrillic С and а
    result = build(minimal.root)
    view = Views(result.corpus, result.layout).event(result.corpus.events[0])
    assert "china urges the us" in view.search_texts()
