"""Golden files: what a case's content tree builds to, compared byte for byte with expected/.

A case is a folder of ``cases/`` with a ``content/`` tree, an optional ``case.yml`` (``about``: a
line saying what the case covers; ``edit_url``: a prefix that turns on "Suggest a correction";
``split_threshold``: the pages') and ``expected/``, written by ``pytest --update-goldens``.
Content is built from inside the case folder as ``content``, so every path in the output reads
``content/...`` wherever the checkout is.
"""

from __future__ import annotations

import contextlib
import difflib
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import pytest
import yaml

from generator.exports import render_exports
from generator.pipeline import Build, build
from generator.reporting import format_diagnostics
from generator.slots import fill
from generator.urls import DEFAULT_SPLIT
from tests.conftest import ROOT

if TYPE_CHECKING:
    from collections.abc import Callable

CASES = Path(__file__).resolve().parent / "cases"
BASE_URL = "https://example.org/annals/"
DIFF_LINES = 80
REGENERATE = ("To accept the new output: `pytest tests/golden --update-goldens` "
              "(or ANNALS_UPDATE_GOLDENS=1), then review `git diff tests/golden/cases`.")

Outputs = dict[str, bytes]
"""Files by their path under expected/ ("/"-separated)."""

SITE_PARTS = frozenset({"anchors", "exports", "files", "navigation.json", "pages", "search"})
"""The top-level names under expected/ that the site test writes; the diagnostics test owns the
rest, so that a stray file is reported by one of them."""


def site_part(path: str) -> bool:
    """True for the expected files of the site test."""
    return path.split("/", 1)[0] in SITE_PARTS


def diagnostics_part(path: str) -> bool:
    """True for the expected files of the diagnostics test."""
    return not site_part(path)


def case_names() -> list[str]:
    """Every case folder that has a content tree."""
    return sorted(path.name for path in CASES.iterdir() if (path / "content").is_dir())


@dataclass(frozen=True)
class Case:
    """A case folder and its options."""

    folder: Path
    edit_url: str | None = None
    split_threshold: int = DEFAULT_SPLIT

    @classmethod
    def named(cls, name: str) -> Case:
        folder = CASES / name
        options_file = folder / "case.yml"
        options = (yaml.safe_load(options_file.read_text(encoding="utf-8")) or {}) \
            if options_file.exists() else {}
        unknown = set(options) - {"about", "edit_url", "split_threshold"}
        assert not unknown, f"{options_file}: unknown option(s) {sorted(unknown)}"
        return cls(folder, options.get("edit_url"),
                   options.get("split_threshold", DEFAULT_SPLIT))

    def edit_link(self, path: str) -> str | None:
        """The "Suggest a correction" address of a content file (shown as content/...)."""
        if self.edit_url is None:
            return None
        return self.edit_url + Path(path).relative_to("content").as_posix()

    def outputs(self, collect: Callable[[Build], Outputs]) -> Outputs:
        """Build the case from inside its folder and collect some of the output.

        Collected inside too: pages render their HTML (and call ``edit_link``) only when asked.
        """
        with contextlib.chdir(self.folder):
            built = build("content", edit_url=self.edit_link if self.edit_url else None,
                          split_threshold=self.split_threshold)
            outputs = collect(built)
        checkout = str(ROOT).encode()
        for path, data in outputs.items():
            assert checkout not in data, f"{path} shows the checkout's path {ROOT}"
        return outputs


def _text(text: str) -> bytes:
    return (text + "\n" if text and not text.endswith("\n") else text).encode("utf-8")


def site_outputs(built: Build) -> Outputs:
    """Every page (readers' and search versions, anchors), the navigation and every export."""
    outputs: Outputs = {}
    for uri, page in built.pages.items():
        outputs[f"pages/{uri}"] = page.markdown().encode("utf-8")
        outputs[f"search/{uri}.html"] = fill(page.skeleton, page.fragments(),
                                             for_search=True).encode("utf-8")
        outputs[f"anchors/{uri}.txt"] = "\n".join(page.anchors).encode("utf-8")
    outputs["navigation.json"] = _text(json.dumps(built.navigation, ensure_ascii=False, indent=2))
    for path, data in built.files.items():
        outputs[f"files/{path}"] = data
    for path, data in render_exports(built.corpus, base_url=BASE_URL,
                                     split_threshold=built.layout.threshold).items():
        outputs[f"exports/{path}"] = data
    return outputs


def diagnostics_outputs(built: Build) -> Outputs:
    """The diagnostics as ``annals check`` prints them in each of its formats."""
    found = built.diagnostics
    return {"diagnostics.txt": _text("\n".join(d.format() for d in found)),
            "diagnostics.json": _text(format_diagnostics(found, "json")),
            "diagnostics.github.txt": _text(format_diagnostics(found, "github"))}


def expected_files(expected: Path, owned: Callable[[str], bool]) -> Outputs:
    """The files under ``expected`` that ``owned`` selects."""
    if not expected.is_dir():
        return {}
    files = {path.relative_to(expected).as_posix(): path for path in expected.rglob("*")
             if path.is_file()}
    return {name: path.read_bytes() for name, path in sorted(files.items()) if owned(name)}


def _diff(name: str, old: bytes, new: bytes) -> list[str]:
    before = old.decode("utf-8", "replace").splitlines()
    after = new.decode("utf-8", "replace").splitlines()
    lines = list(difflib.unified_diff(before, after, f"expected/{name}", f"actual/{name}",
                                      lineterm=""))
    return lines or [f"--- expected/{name}", f"+++ actual/{name}",
                     "(the bytes differ only in line endings or in invalid UTF-8)"]


READING_ORDER = ("pages", "diagnostics.txt", "navigation.json", "anchors", "search", "exports")
"""The order differences are shown in: the readers' pages first, the most readable diff."""


def _reading_order(name: str) -> tuple[int, str]:
    top = name.split("/", 1)[0]
    return (READING_ORDER.index(top) if top in READING_ORDER else len(READING_ORDER), name)


def differences(actual: Outputs, expected: Path, owned: Callable[[str], bool]) -> list[str]:
    """What differs between ``actual`` and the owned files under ``expected``: a count, then
    the missing and stale files, then a unified diff of each changed file. Empty when equal."""
    found = expected_files(expected, owned)
    names = sorted(actual.keys() | found.keys(), key=_reading_order)
    missing = [f"missing expected file: {name}" for name in names if name not in found]
    stale = [f"stale expected file (no longer generated): {name}" for name in names
             if name not in actual]
    changed = [name for name in names
               if name in found and name in actual and found[name] != actual[name]]
    if not (missing or stale or changed):
        return []
    summary = f"{len(changed)} changed, {len(missing)} missing, {len(stale)} stale"
    return [summary, *missing, *stale,
            *(line for name in changed for line in _diff(name, found[name], actual[name]))]


def update(actual: Outputs, expected: Path, owned: Callable[[str], bool]) -> None:
    """Write ``actual`` under ``expected`` and delete the owned files it no longer has."""
    for name in expected_files(expected, owned).keys() - actual.keys():
        (expected / name).unlink()
    for name, data in actual.items():
        assert ".." not in PurePosixPath(name).parts, name
        path = expected / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    for folder in sorted(expected.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def report(lines: list[str], expected: Path) -> str:
    """A failure message: the first DIFF_LINES lines of the differences, and how to accept."""
    shown = lines[:DIFF_LINES]
    if len(lines) > DIFF_LINES:
        shown.append(f"... ({len(lines) - DIFF_LINES} more lines)")
    where = expected.relative_to(ROOT) if expected.is_relative_to(ROOT) else expected
    return "\n".join([f"golden files differ from {where}: {shown[0]}", *shown[1:], "",
                      REGENERATE])


def check(actual: Outputs, expected: Path, owned: Callable[[str], bool], *,
          regenerate: bool) -> None:
    """Compare with the expected files (failing with a diff), or rewrite them."""
    if regenerate:
        update(actual, expected, owned)
        return
    lines = differences(actual, expected, owned)
    if lines:
        pytest.fail(report(lines, expected), pytrace=False)
