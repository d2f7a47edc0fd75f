"""Text as a reader sees it: what is invisible, and which letters look alike.

Two uses, one definition: the reader refuses a text with nothing visible in it (a title of
zero-width spaces would be an event no one can see or click), and the near-duplicate check
compares titles by their :func:`skeleton`, so that a zero-width space inside a word, a
full-width or mathematical letter, or a Cyrillic "а" in place of a Latin "a" does not make a
copied title look new.
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = re.compile(
    # Unicode's default-ignorable code points (DerivedCoreProperties.txt): zero-width spaces
    # and joiners, soft hyphen, fillers, variation selectors, tags, invisible operators.
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
    # Blanks that are not white space to Python: the braille blank.
    "|[\u2800]"
)
"""Characters that take no visible form (beside white space and lone combining marks)."""

# Letters of other scripts drawn like Latin ones (a subset of Unicode's confusables.txt: those
# of the Cyrillic and Greek alphabets, whose capitals and many small letters are Latin's).
_LATIN_LOOKALIKES = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ү": "Y", "Ԛ": "Q", "Ԝ": "W",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i",
    "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ι": "i", "ρ": "p",
    "υ": "u", "χ": "x", "ı": "i", "ȷ": "j",
})


def skeleton(text: str) -> str:
    """``text`` as it looks, for comparing: compatibility forms folded (full-width and
    mathematical letters become plain ones), invisible characters dropped, look-alike
    letters of other scripts replaced by the Latin ones, then case-folded."""
    folded = unicodedata.normalize("NFKC", text)
    return INVISIBLE.sub("", folded).translate(_LATIN_LOOKALIKES).casefold()


def searchable(text: str) -> str:
    """``text`` as a search index should read it: compatibility forms folded and invisible
    characters dropped, so that a zero-width space inside a word cannot hide it from a search."""
    return INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def is_visible(char: str) -> bool:
    """Whether a character draws something on its own."""
    return not (char.isspace() or INVISIBLE.match(char)
                or unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc", "Zs", "Zl", "Zp"))


def has_visible(text: str) -> bool:
    """Whether a text shows at least one character a reader can see."""
    if text.isascii() and text.isprintable():  # most text: no control or invisible character
        return text.strip(" ") != ""
    return any(is_visible(char) for char in text)
