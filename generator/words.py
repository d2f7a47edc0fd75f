"""Original words and their translations, read from an article's schema-valid data.

Each function returns the model value and the problems found, as (where, problem) pairs, the
place a path inside the value read; the validator turns them into diagnostics. Every rule is
checked whatever an earlier one says, so that a quote's problems are all reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.languages import Problem, is_english, main_script, tag_problem
from generator.links import link_problem
from generator.model import Quote, Translation

if TYPE_CHECKING:
    from generator.reading import JsonPath

Found = list[tuple["JsonPath", Problem]]
"""Problems, each with the path of the value it is about (relative to what was read)."""

_SCRIPT_WORDS = {"CJK": "Chinese characters", "KANA": "Japanese kana", "HANGUL": "Hangul"}


def _script_words(script: str) -> str:
    return _SCRIPT_WORDS.get(script, f"{script.capitalize()} letters")


@dataclass(frozen=True, slots=True)
class ReadQuote:
    """A quote as the model holds it, and what is wrong with it."""

    quote: Quote
    problems: Found


def article_language(data: dict[str, Any]) -> tuple[str, Found]:
    """The article's language tag ("" when not given, or not a usable tag) and its problem."""
    tag = data.get("language", "")
    if not tag:
        return "", []
    problem = tag_problem(tag)
    return ("", [(("language",), problem)]) if problem else (tag, [])


def read_quote(item: dict[str, Any], speaker: str, article_tag: str) -> ReadQuote:
    """One quote of an event (schema-valid), in an article whose language is ``article_tag``."""
    found: Found = []
    tag = item.get("language", "")
    if tag and (problem := tag_problem(tag)):
        found.append((("language",), problem))
        tag = ""
    elif not tag:
        tag = article_tag
    said = "its article's language" if tag == article_tag and "language" not in item else \
        "its language"
    translation, translation_found = read_translation(item.get("translation"), ("translation",))
    found += translation_found
    script = main_script(item["text"])
    if script and (not tag or is_english(tag)):
        given = f"{said} is {tag!r}" if tag else "no language is given for it"
        found.append((("text",), Problem(
            "L005", f"the quote is written in {_script_words(script)}, but {given}",
            "Give its language (e.g. 'language: ko') and an English 'translation:'.")))
    elif tag and not is_english(tag) and translation is None:
        found.append(((), Problem(
            "L003", f"the quote is in {tag!r} and has no English translation",
            "Add 'translation: {text: <the English words>, by: publisher}' when the "
            "publisher printed its own English version of these words, or 'by: curators' for "
            "a translation of yours.")))
    if translation is not None and tag and is_english(tag):
        found.append((("translation",), Problem(
            "L004", f"the quote is in English ({said} is {tag!r}) but has a translation",
            "Remove the translation, or give the quote's own language "
            "(e.g. 'language: ko').")))
    elif translation is not None and not tag and not script:
        found.append((("translation",), Problem(
            "L004", "the quote has a translation but no language",
            "Give the quote's language (e.g. 'language: ko'), or the article's.")))
    return ReadQuote(Quote(item["text"], speaker, tag, translation), found)


def read_title_translation(data: dict[str, Any], article_tag: str
                           ) -> tuple[Translation | None, Found]:
    """An article's ``title_translation`` (schema-valid or absent) and its problems."""
    translation, found = read_translation(data.get("title_translation"), ("title_translation",))
    if translation is not None and (not article_tag or is_english(article_tag)):
        found.append((("title_translation",), Problem(
            "L004", "the title has a translation but the article's language is "
            + (f"{article_tag!r}" if article_tag else "not given"),
            "Give the article's language (e.g. 'language: ja'), or remove the translation.")))
    # A title without a language is left as it is (its translation is optional); one said to
    # be in English is checked.
    script = main_script(data["title"])
    if script and is_english(article_tag):
        found.append((("title",), Problem(
            "L005", f"the title is written in {_script_words(script)}, but the article's "
            f"language is {article_tag!r}", "Give the article's language (e.g. "
            "'language: ja').")))
    return translation, found


def read_translation(value: dict[str, Any] | None, path: JsonPath
                     ) -> tuple[Translation | None, Found]:
    """A translation (schema-valid or None) and its problems: English, and an address only for
    the publisher's own version."""
    if value is None:
        return None, []
    found: Found = []
    script = main_script(value["text"])
    if script:
        found.append(((*path, "text"), Problem(
            "L005", f"the translation is written in {_script_words(script)}, not in English",
            "Write the English version of the words.")))
    url = value.get("url", "")
    if url and (problem := link_problem(url)):
        found.append(((*path, "url"), Problem("V011", f"'url' {problem}",
                                                 "Use the plain http(s) address of the page.")))
        url = ""
    if url and value["by"] != "publisher":
        found.append(((*path, "url"), Problem(
            "L006", "a translation by the curators has an address",
            "Remove 'url', or write 'by: publisher' if the address is the publisher's own "
            "English version.")))
        url = ""
    return Translation(value["text"], value["by"], url), found
