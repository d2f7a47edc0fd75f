"""YAML syntax errors in plain words, at the line where the mistake most likely is.

libyaml reports where it gave up, in its own words ("mapping values are not allowed in this
context", "did not find expected '-' indicator"), often a line after the mistake. The common
mistakes of a hand-written content file are recognised here from the error and the lines
around it: a value holding ': ', a field indented more or less than the others of its
mapping, a missing space after ':' or '-', an unclosed quote or bracket. Anything else keeps
libyaml's words with a general hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_KEY_NO_SPACE = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*):(\S.*)$")
_DASH_NO_SPACE = re.compile(r"^(\s*)-([^\s-].*)$")
_KEY = re.compile(r"^\s*(?:- )?([A-Za-z_][\w-]*):(?:\s|$)")


@dataclass(frozen=True)
class Explained:
    """A YAML syntax error said plainly: where (1-based line and column), what, and the fix."""

    line: int
    column: int
    message: str
    hint: str


def explain(error: Any, text: str) -> Explained:
    """The plain account of a ``yaml.MarkedYAMLError`` raised while reading ``text``."""
    lines = text.splitlines()
    mark = error.problem_mark or error.context_mark
    problem = str(error.problem or "invalid YAML")
    context = str(error.context or "")
    at = min(mark.line, len(lines) - 1) if mark is not None and lines else 0
    column = (mark.column + 1) if mark is not None else 1
    current = lines[at] if lines else ""
    above = _line_above(lines, at)
    indentation = current[: len(current) - len(current.lstrip())]
    if "\t" in indentation or "\t" in problem:
        return Explained(at + 1, column, f"invalid YAML: {problem}",
                         "Indent with spaces, never tabs.")
    for number in (at, above):
        if number is None:
            continue
        spaceless = _KEY_NO_SPACE.match(lines[number])
        if spaceless and not spaceless.group(3).startswith("//"):
            key, rest = spaceless.group(2), spaceless.group(3)
            return Explained(number + 1, _start(lines[number]),
                             f"'{key}:{rest[:20]}' has no space after the colon",
                             f"Write '{key}: {rest[:40]}': YAML needs a space after ':'.")
        dashed = _DASH_NO_SPACE.match(lines[number])
        if dashed:
            return Explained(number + 1, len(dashed.group(1)) + 1,
                             "a list item starts with '-' but no space after it",
                             f"Write '- {dashed.group(2)[:40]}': a space after the dash.")
    opened = error.context_mark
    unclosed = "end of stream" in problem or "expected ','" in problem
    if "quoted scalar" in context and "end of stream" in problem and opened is not None:
        return Explained(opened.line + 1, opened.column + 1,
                         "a quotation mark opened here is never closed",
                         "Close the quote at the end of the text, or remove it: quotes are "
                         "needed only around text with ': ' or starting with a sign.")
    if "flow sequence" in context and unclosed and opened is not None:
        return Explained(opened.line + 1, opened.column + 1,
                         "the list opened with '[' here is not closed with ']'",
                         "Close it on the same line, as in [thaad, china-south-korea-relations].")
    if "flow mapping" in context and unclosed and opened is not None:
        return Explained(opened.line + 1, opened.column + 1,
                         "the mapping opened with '{' here is not closed with '}'",
                         "Close it on the same line, or write one 'key: value' per line.")
    key = _KEY.match(current)
    if "mapping values are not allowed" in problem:
        value = current.split(": ", 1)[1] if ": " in current else ""
        if ": " in value or value.endswith(":"):
            return Explained(at + 1, column, "the text of this value holds ': ', which YAML "
                             "reads as another field",
                             "Put the text in quotes (\"…\"), or write it as a folded block: "
                             "'>-' after the colon, the text indented on the lines below.")
        if key and above is not None:
            wanted = _key_column(lines[above])
            return Explained(at + 1, _start(current),
                             f"'{key.group(1)}:' is indented more than the field above it "
                             f"(line {above + 1})",
                             f"Line it up with the other fields of its mapping, at column "
                             f"{wanted}.")
    if ("expected '-' indicator" in problem or "expected key" in problem) and key:
        item_column = _item_column(lines, at)
        if item_column is not None and item_column != _start(current):
            return Explained(at + 1, _start(current),
                             f"'{key.group(1)}:' is not lined up with the fields above it",
                             f"Indent it to column {item_column}, as the other fields of its "
                             "item, or start a new item with '- '.")
    return Explained(at + 1, column, f"invalid YAML: {problem}",
                     "Check indentation and quoting near this position.")


def _line_above(lines: list[str], at: int) -> int | None:
    """The nearest line above ``at`` that holds something (not blank, not a comment)."""
    for number in range(at - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _start(line: str) -> int:
    """The 1-based column of a line's first character."""
    return len(line) - len(line.lstrip()) + 1


def _key_column(line: str) -> int:
    """The column of the keys of the mapping a line belongs to (after '- ' for an item)."""
    stripped = line.lstrip()
    return _start(line) + (2 if stripped.startswith("- ") else 0)


def _item_column(lines: list[str], at: int) -> int | None:
    """The column of the keys of the list item nearest above ``at``, if any."""
    for number in range(at - 1, -1, -1):
        if lines[number].lstrip().startswith("- "):
            return _key_column(lines[number])
    return None
