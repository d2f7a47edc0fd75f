"""Languages of what sources say: BCP 47 tags checked, writing direction, and translations.

A quote is in its article's language unless it says otherwise; one that is not in English
carries an English translation, made by the publisher (its own English version) or by the
site's curators, and always shown as such beside the original, never in its place.

Tags are read by ``langcodes``, which knows the IANA subtag registry and CLDR's likely
subtags: it says whether a tag is registered and in its canonical form (``kor`` is ``ko``),
and which script a language is written in when the tag does not say (``ur`` in Arabic
script, ``pa`` in Gurmukhi but ``pa-PK`` in Arabic, ``yi`` in Hebrew). A table of our own
would have to list every right-to-left language and each of those exceptions; the only
table kept here is the short, stable list of right-to-left scripts (Unicode's), which
langcodes does not hold.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import langcodes

ENGLISH = "en"
"""The language of the site's own words, and of every translation."""

TRANSLATORS = ("publisher", "curators")
"""Who may have made a translation: the publisher (its own English version) or the curators."""

# ISO 15924 codes of the scripts Unicode writes right to left (Bidi_Class R or AL).
RTL_SCRIPTS = frozenset({
    "Adlm", "Arab", "Aran", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr", "Hebr", "Hung",
    "Khar", "Lydi", "Mand", "Mani", "Mend", "Merc", "Mero", "Narb", "Nbat", "Nkoo", "Orkh",
    "Ougr", "Palm", "Phli", "Phlp", "Phnx", "Prti", "Rohg", "Samr", "Sarb", "Sogd", "Sogo",
    "Syrc", "Thaa", "Yezi",
})


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with a value (a language tag, a quote, an archived copy), and the fix."""

    code: str
    message: str
    hint: str
    warning: bool = False
    """Only a warning: it fails the check with --strict alone."""


@lru_cache(maxsize=1024)
def tag_problem(tag: str) -> Problem | None:
    """None for a registered tag in canonical form; else what is wrong (L001, L002).

    Its form (letters, digits and hyphens) is the schema's to check; this says whether the
    registry knows each subtag, and whether it is written the standard way.
    """
    example = "Write a BCP 47 tag such as en, ko, ja, zh-Hans or ar."
    try:
        language = langcodes.Language.get(tag)
        canonical = langcodes.standardize_tag(tag)
    except ValueError:  # langcodes.tag_parser.LanguageTagError is one
        return Problem("L001", f"{tag!r} is not a language tag", example)
    if not language.is_valid():
        return Problem("L001", f"{tag!r} is not a registered language tag", example)
    if canonical != tag:
        return Problem("L002", f"language tag {tag!r} is not in its standard form",
                          f"Write {canonical!r}.")
    return None


@lru_cache(maxsize=1024)
def is_english(tag: str) -> bool:
    """True when a valid tag names English (any region or variant); "" (unknown) is not."""
    return bool(tag) and tag_problem(tag) is None and langcodes.Language.get(tag).language \
        == ENGLISH


@lru_cache(maxsize=1024)
def direction(tag: str) -> str:
    """``rtl`` for a language written right to left (its script, as written in the tag or as
    CLDR expects it), else ``ltr``; ``ltr`` for an unknown or invalid tag."""
    if not tag or tag_problem(tag) is not None:
        return "ltr"
    return "rtl" if langcodes.Language.get(tag).maximize().script in RTL_SCRIPTS else "ltr"


@lru_cache(maxsize=1 << 16)
def main_script(text: str) -> str | None:
    """The script most of a text's non-Latin letters are written in, when most of its letters
    are not Latin (e.g. ``HANGUL``, ``CJK``, ``ARABIC``); None for text mostly in Latin
    letters, or without letters.

    A quote in English may hold a foreign name; one whose letters are mostly of another script
    is not in English, whatever its language says. Remembered: a preview's check asks again
    for every title and quote at every save.
    """
    if text.isascii():
        return None  # letters, if any, all Latin
    scripts: Counter[str] = Counter()
    for character in text:
        if character.isascii():
            if character.isalpha():
                scripts["LATIN"] += 1
        elif unicodedata.category(character).startswith("L"):
            name = unicodedata.name(character, "")
            scripts[name.split(" ", 1)[0] if name else "?"] += 1
    letters = sum(scripts.values())
    if not letters:
        return None
    if scripts["LATIN"] * 2 >= letters:
        return None
    del scripts["LATIN"]
    script = scripts.most_common(1)[0][0]
    return {"HIRAGANA": "KANA", "KATAKANA": "KANA"}.get(script, script)


def translation_label(by: str, publisher: str) -> str:
    """How a translation is introduced to readers: who made it, never the source."""
    if by == "publisher":
        return f"Translation by the publisher, {publisher}:"
    return "Translation by the curators, not the source’s words:"


def html_lang(tag: str) -> str:
    """The ``lang`` attribute an original needs on an English page: the tag, or "" for English
    and for an unknown language (the page's own)."""
    return "" if not tag or is_english(tag) or tag_problem(tag) is not None else tag


def html_dir(tag: str) -> str:
    """The ``dir`` attribute an original needs on a left-to-right page: ``rtl`` or ""."""
    return "rtl" if direction(tag) == "rtl" else ""
