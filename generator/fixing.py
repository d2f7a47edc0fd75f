"""``annals check --fix``: the fixes a machine can make safely, shown as a diff, written on request.

Three kinds, each decided by one line alone: trailing spaces and tabs removed; tabs in a line's
indentation turned into two spaces each (YAML forbids them there); and a date field (``date``,
``published``, ``added``) written another way turned into its canonical form when it has only
one reading (``5 Feb 2015``, ``11/29/2026``; never ``03/04/2026``, which is two days). A file is
left as it is when it cannot be read whole as UTF-8, is a link, or would still not be YAML once
fixed: a fix never touches what it cannot fully read.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from generator.dates import canonical_date

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

_DATE_FIELD = re.compile(r"^(?P<key>\s*(?:- )?(?:date|published|added):[ \t]+)(?P<quote>[\"']?)"
                         r"(?P<value>[^\"'#]*?)(?P=quote)(?P<rest>[ \t]+#.*)?$")
_INDENT = re.compile(r"^[ \t]+")


@dataclass(frozen=True)
class Fix:
    """The fixed text of one file, and what was fixed, line by line."""

    path: Path
    before: str
    after: str
    changes: tuple[str, ...]

    def diff(self) -> str:
        """The change as a unified diff."""
        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            fromfile=str(self.path), tofile=str(self.path)))

    def write(self) -> None:
        """Replace the file with its fixed text, whole or not at all (a temporary file beside
        it, moved over it), keeping its permissions."""
        mode = self.path.stat().st_mode
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".annals-fix-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(self.after)
            Path(temporary).chmod(mode & 0o7777)
            Path(temporary).replace(self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def fix_text(text: str) -> tuple[str, list[str]]:
    """The text with every safe fix made, and each fix in words with its line."""
    changes: list[str] = []
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        fixed = body.rstrip(" \t")
        if fixed != body:
            changes.append(f"line {number + 1}: trailing spaces removed")
        indent = _INDENT.match(fixed)
        if indent and "\t" in indent.group():
            fixed = indent.group().replace("\t", "  ") + fixed[indent.end():]
            changes.append(f"line {number + 1}: tabs in the indentation made spaces")
        field = _DATE_FIELD.match(fixed)
        if field:
            canonical = canonical_date(field["value"])
            if canonical is not None:
                fixed = f"{field['key']}{canonical}{field['rest'] or ''}"
                changes.append(f"line {number + 1}: {field['value'].strip()!r} written as "
                               f"{canonical}")
        lines[number] = fixed + ending
    return "".join(lines), changes


def find_fixes(files: Iterable[Path]) -> Iterator[Fix]:
    """The fixes of those files that have some and can be fixed safely."""
    for path in files:
        if path.is_symlink() or not path.is_file():
            continue
        try:
            before = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        after, changes = fix_text(before)
        if after == before or not _is_yaml(after):
            continue
        yield Fix(path, before, after, tuple(changes))


def content_files(root: Path) -> list[Path]:
    """The YAML files of a content folder (or the file itself), in order; never one reached
    through a link, nor one outside the folder."""
    if root.is_file():
        return [] if root.is_symlink() else [root]
    inside = root.resolve()
    return sorted(path for path in root.rglob("*.yml")
                  if not path.is_symlink() and path.resolve().parent.is_relative_to(inside)
                  and path.resolve() == inside / path.relative_to(root))


def _is_yaml(text: str) -> bool:
    try:
        yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    return True
