"""Diagnostics for people and machines: plain text, JSON, and GitHub Actions annotations."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from generator.codes import CODES, REFERENCE_PATH

if TYPE_CHECKING:
    from collections.abc import Sequence

    from generator.diagnostics import Diagnostic

FORMATS = ("text", "json", "github")


def help_url(code: str, docs_url: str = REFERENCE_PATH) -> str:
    """Where a code is explained: its section of the diagnostics reference."""
    return f"{docs_url}#{code.lower()}"


def format_diagnostics(diagnostics: Sequence[Diagnostic], output: str,
                       docs_url: str = REFERENCE_PATH) -> str:
    """All diagnostics in one output format, ready to print (empty when there are none)."""
    if output == "json":
        return json.dumps([_as_dict(d, docs_url) for d in diagnostics], ensure_ascii=False,
                          indent=2)
    if output == "github":
        return "\n".join(_annotation(d, docs_url) for d in diagnostics)
    return "\n".join(d.format() for d in diagnostics)


def _as_dict(diagnostic: Diagnostic, docs_url: str) -> dict[str, object]:
    return {
        "path": diagnostic.path, "line": diagnostic.line, "column": diagnostic.column,
        "severity": diagnostic.severity.value, "code": diagnostic.code,
        "title": CODES[diagnostic.code].title, "message": diagnostic.message,
        "hint": diagnostic.hint, "url": help_url(diagnostic.code, docs_url),
    }


def _escape_data(text: str) -> str:
    # The escapes GitHub's runner decodes in a workflow command's message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(diagnostic: Diagnostic, docs_url: str) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` — GitHub shows it on the line."""
    properties = [f"file={_escape_property(diagnostic.path)}"]
    if diagnostic.line:
        properties += [f"line={diagnostic.line}", f"col={diagnostic.column}"]
    title = f"{diagnostic.code} {CODES[diagnostic.code].title}"
    properties.append(f"title={_escape_property(title)}")
    message = diagnostic.message
    if diagnostic.hint:
        message += f"\nHint: {diagnostic.hint}"
    message += f"\nSee {help_url(diagnostic.code, docs_url)}"
    return f"::{diagnostic.severity.value} {','.join(properties)}::{_escape_data(message)}"
