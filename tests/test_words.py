"""Original words and translations: languages checked, originals marked, translations labelled
beside them (never in their place), and both found by search."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

import pytest

from generator.exports import render_exports
from generator.exports.common import event_html
from generator.languages import direction, html_dir, html_lang, main_script, tag_problem
from generator.pagefind_index import event_record
from generator.pipeline import build, check
from generator.rendering import search_version
from generator.urls import Layout
from generator.views import Views
from tests.conftest import ARTICLE, ARTICLE_PATH

if TYPE_CHECKING:
    from generator.diagnostics import Diagnostic
    from tests.conftest import ContentTree

KOREAN = "이 사건 협정이 국민들의 평화적 생존을 위협할 가능성이 있다고 볼 수 없다"
ENGLISH = "It cannot be seen that the agreement could threaten peaceful existence"


def with_quote(quote: str, article_fields: str = "") -> str:
    """The minimal article with one quote (flow mapping fields) and extra top-level fields."""
    text = ARTICLE.replace("tags: [diplomacy]", f"tags: [diplomacy]\n    quotes:\n{quote}")
    return text.replace("added: 2026-11-27", "added: 2026-11-27" + article_fields)


TRANSLATED = with_quote(f"""\
      - text: {KOREAN}
        by: hong-lei
        translation:
          text: {ENGLISH}
          by: curators
""", "\nlanguage: ko")


def codes(tree: ContentTree, text: str) -> list[tuple[int, str]]:
    tree.write(ARTICLE_PATH, text)
    return [(d.line, d.code) for d in check(tree.root)[1]]


def diagnostics(tree: ContentTree, text: str) -> list[Diagnostic]:
    tree.write(ARTICLE_PATH, text)
    return check(tree.root)[1]


# --- languages --------------------------------------------------------------------------------

@pytest.mark.parametrize(("tag", "expected"), [
    ("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("yi", "rtl"), ("ckb", "rtl"),
    ("dv", "rtl"), ("az-Arab", "rtl"), ("pa-PK", "rtl"),
    ("pa", "ltr"), ("az", "ltr"), ("ko", "ltr"), ("zh-Hans", "ltr"), ("ja", "ltr"), ("en", "ltr"),
    ("", "ltr"), ("xx", "ltr"),
])
def test_direction_follows_the_script_of_the_language(tag: str, expected: str) -> None:
    assert direction(tag) == expected


@pytest.mark.parametrize(("tag", "code"), [
    ("en", None), ("ko", None), ("zh-Hant-TW", None), ("en-GB", None),
    ("xx", "L001"), ("zz-Qqqq-ZZ", "L001"), ("kor", "L002"), ("iw", "L002"), ("ko-kr", "L002"),
])
def test_language_tags_are_registered_and_in_standard_form(tag: str, code: str | None) -> None:
    problem = tag_problem(tag)
    assert (problem.code if problem else None) == code


def test_the_script_of_words_is_the_one_most_of_their_letters_are_in() -> None:
    assert main_script(KOREAN) == "HANGUL"
    assert main_script("THAAD機密情報を漏えい") == "CJK"
    assert main_script("نحن نرفض THAAD بشدة") == "ARABIC"
    assert main_script("Seoul (서울) says no") is None  # a name in another script
    assert main_script("2017 — …") is None


def test_an_original_is_marked_only_when_it_is_not_english() -> None:
    assert (html_lang("ko"), html_dir("ko")) == ("ko", "")
    assert (html_lang("ar"), html_dir("ar")) == ("ar", "rtl")
    assert html_lang("en") == html_lang("en-GB") == html_lang("") == html_lang("xx") == ""


# --- the check --------------------------------------------------------------------------------

def test_a_translated_quote_in_its_articles_language_is_valid(minimal: ContentTree) -> None:
    assert codes(minimal, TRANSLATED) == []
    quote = check(minimal.root)[0].events[0].quotes[0]
    assert quote.language == "ko"
    assert quote.translation is not None
    assert (quote.translation.text, quote.translation.by) == (ENGLISH, "curators")


def test_a_quote_not_in_english_without_a_translation_is_an_error_with_a_fix(
        minimal: ContentTree) -> None:
    found = diagnostics(minimal, with_quote(f"      - text: {KOREAN}\n        by: hong-lei\n",
                                            "\nlanguage: ko"))
    assert [(d.line, d.column, d.code) for d in found] == [(17, 9, "L003")]
    assert "translation:" in found[0].hint and "by: curators" in found[0].hint


def test_a_quote_of_its_own_language_needs_a_translation_in_an_english_article(
        minimal: ContentTree) -> None:
    assert codes(minimal, with_quote("      - text: Words.\n        by: hong-lei\n"
                                     "        language: ja\n", "\nlanguage: en")) == [(17, "L003")]


def test_a_quote_in_hangul_said_or_taken_to_be_english_is_an_error(minimal: ContentTree) -> None:
    quote = f"      - text: {KOREAN}\n        by: hong-lei\n"
    assert codes(minimal, with_quote(quote)) == [(16, "L005")]  # no language anywhere
    assert codes(minimal, with_quote(quote, "\nlanguage: en")) == [(17, "L005")]
    found = diagnostics(minimal, with_quote(quote + "        language: en\n"))
    assert [d.code for d in found] == ["L005"] and "Hangul" in found[0].message


def test_a_translation_of_english_words_or_of_words_of_no_language_is_refused(
        minimal: ContentTree) -> None:
    translation = ("        translation: {text: Words., by: curators}\n")
    quote = "      - text: Words.\n        by: hong-lei\n" + translation
    assert codes(minimal, with_quote(quote, "\nlanguage: en")) == [(19, "L004")]
    assert codes(minimal, with_quote(quote)) == [(18, "L004")]


def test_a_translation_is_in_english_and_only_the_publishers_has_an_address(
        minimal: ContentTree) -> None:
    quote = (f"      - text: {KOREAN}\n        by: hong-lei\n        translation:\n"
             f"          text: {KOREAN}\n          by: curators\n"
             "          url: https://example.org/en\n")
    assert codes(minimal, with_quote(quote, "\nlanguage: ko")) == [(20, "L005"), (22, "L006")]
    publisher = quote.replace(f"          text: {KOREAN}\n          by: curators",
                              "          text: Words.\n          by: publisher")
    assert codes(minimal, with_quote(publisher, "\nlanguage: ko")) == []
    unsafe = publisher.replace("https://example.org/en", "https://user@example.org/en")
    assert codes(minimal, with_quote(unsafe, "\nlanguage: ko")) == [(22, "V011")]


def test_bad_language_tags_are_reported_where_they_are_written(minimal: ContentTree) -> None:
    quote = "      - text: Words.\n        by: hong-lei\n        language: kor\n"
    found = diagnostics(minimal, with_quote(quote, "\nlanguage: xx"))
    assert [(d.line, d.column, d.code) for d in found] == [(6, 11, "L001"), (19, 19, "L002")]
    assert found[1].hint == "Write 'ko'."


def test_every_problem_of_a_quote_is_reported_at_once(minimal: ContentTree) -> None:
    quote = (f"      - text: {KOREAN}\n        by: nobody\n        language: kor\n"
             "        translation: {text: Words., by: curators, url: 'https://example.org/'}\n")
    assert sorted(code for _, code in codes(minimal, with_quote(quote))) == [
        "L002", "L005", "L006", "V005"]


def test_a_non_english_title_may_carry_its_translation(minimal: ContentTree) -> None:
    titled = ARTICLE.replace(
        "title: China urges United States not to deploy missile defense systems in South Korea",
        "title: THAAD機密情報を漏えい\ntitle_translation: {text: THAAD secrets leaked, "
        "by: curators}\nlanguage: ja")
    assert codes(minimal, titled) == []
    assert codes(minimal, titled.replace("language: ja", "language: en")) == [
        (1, "L005"), (2, "L004")]


# --- what pages, feeds and search show ---------------------------------------------------------

@pytest.fixture
def translated(minimal: ContentTree) -> Views:
    minimal.write(ARTICLE_PATH, TRANSLATED.replace(
        "title: China urges United States not to deploy missile defense systems in South Korea",
        "title: 헌재, ‘사드 배치 승인’ 위헌확인 청구 ‘각하’\ntitle_translation: {text: Court "
        "dismisses the complaint, by: curators}"))
    corpus, found = check(minimal.root)
    assert found == []
    return Views(corpus, Layout.of(corpus))


def test_the_original_is_marked_and_the_translation_labelled_beside_it(
        minimal: ContentTree, translated: Views) -> None:
    page = build(minimal.root).pages["topics/thaad.md"].body
    original = f'<blockquote lang="ko"><p>{KOREAN}</p></blockquote>'
    label = "Translation by the curators, not the source’s words:"
    translation = (f'<p class="annals-translation" lang="en"><span class="annals-label">{label}'
                   f"</span> {ENGLISH}</p>")
    assert f"<figure>{original}{translation}<figcaption>Hong Lei</figcaption></figure>" in page
    # The source's title keeps its language, its translation beside it.
    title = "헌재, ‘사드 배치 승인’ 위헌확인 청구 ‘각하’"
    assert f'lang="ko">{title}</a> <span class="annals-translation" lang="en">({label} Court ' \
        "dismisses the complaint)</span>" in page
    actor = build(minimal.root).pages["actors/hong-lei.md"].body
    assert f'<span lang="ko">“{KOREAN}”</span> <span class="annals-translation" lang="en">' \
        f"({label} {ENGLISH})</span>" in actor


def test_a_right_to_left_original_says_its_direction(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, TRANSLATED.replace(KOREAN, "نحن نرفض THAAD بشدة").replace(
        "language: ko", "language: ar"))
    page = build(minimal.root).pages["topics/thaad.md"].body
    assert '<blockquote lang="ar" dir="rtl"><p>نحن نرفض THAAD بشدة</p></blockquote>' in page


def test_search_finds_the_original_and_the_translation(translated: Views) -> None:
    view = translated.event(translated.corpus.events[0])
    texts = " ".join(view.search_texts())
    assert KOREAN in texts and ENGLISH in texts and "헌재" in texts
    assert "Court dismisses the complaint" in texts
    year = translated.topic_pages("thaad")[0].years[0]
    indexed = html.unescape(search_version(year))  # what Material's search reads
    assert KOREAN in indexed and ENGLISH in indexed
    record = html.unescape(event_record(view))  # what Pagefind indexes
    assert KOREAN in record and ENGLISH in record
    article = translated.article(next(iter(translated.corpus.articles.values())))
    assert "Court dismisses the complaint" in article.search_text()


def test_feeds_and_timelinejs_show_the_original_and_its_labelled_translation(
        translated: Views) -> None:
    fragment = event_html(translated.event(translated.corpus.events[0]))
    assert f'<blockquote lang="ko"><p>{KOREAN}</p></blockquote><p>— Hong Lei</p>' in fragment
    assert ('<p lang="en">Translation by the curators, not the source’s words: '
            f"{ENGLISH}</p>") in fragment


def test_json_export_keeps_the_language_and_the_translation(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, TRANSLATED)
    corpus = check(minimal.root)[0]
    document = json.loads(render_exports(corpus)["exports/all.json"])
    assert document["events"][0]["quotes"] == [{
        "text": KOREAN, "by": "hong-lei", "language": "ko",
        "translation": {"text": ENGLISH, "by": "curators"}}]


def test_a_quote_is_checked_in_an_article_that_breaks_its_schema(minimal: ContentTree) -> None:
    broken = with_quote(f"      - text: {KOREAN}\n        by: hong-lei\n", "\nlanguage: ko")
    found = codes(minimal, broken.replace("publisher: TASS\n", ""))
    assert sorted(code for _, code in found) == ["L003", "S001"]
