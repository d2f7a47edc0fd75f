"""What ``make serve`` runs, and which page shows an edited event: for the serve measurement.

The command comes from the repository's ``Makefile`` (the ``serve:`` target's ``mkdocs``
line), so that the benchmark measures what a contributor runs: only ``--dev-addr`` is replaced.
The page to check comes from the project's URL module (``generator.urls``) with the split
threshold of the project's ``mkdocs.yml``, so that it is the page that shows the event once
large timelines are split.
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING, Any

from bench.floor import load_mkdocs_yml

if TYPE_CHECKING:
    from pathlib import Path

    from generator.model import Corpus, Event

_ASSIGNMENT = re.compile(
    r"^(?:export\s+|override\s+)*([A-Za-z_][A-Za-z0-9_.-]*)\s*(\?=|:::=|::=|:=|\+=|=)(.*)$")
_REFERENCE = re.compile(r"\$(?:\(([^()$]+)\)|\{([^{}$]+)\}|([A-Za-z0-9_]))")
_RECIPE_PREFIX = re.compile(r"^[@+\-\s]+")
_DEV_ADDR = ("--dev-addr", "-a")


class MakefileError(ValueError):
    """The Makefile has no usable ``mkdocs serve`` command in the target."""


def _logical_lines(text: str) -> list[str]:
    """The Makefile's lines with backslash continuations joined (as make does, with a space)."""
    lines: list[str] = []
    pending = ""
    for raw in text.splitlines():
        if raw.endswith("\\"):
            pending += (raw[:-1].lstrip() if pending else raw[:-1]).rstrip() + " "
            continue
        lines.append(pending + (raw.lstrip() if pending else raw))
        pending = ""
    if pending:
        lines.append(pending)
    return lines


def make_variables(text: str) -> dict[str, str]:
    """The variables a Makefile assigns at top level (``A := b``, ``A ?= b``, ``A = b``,
    ``A += b``), unexpanded; the first ``?=`` of a name wins as in make, later ``=`` replace."""
    found: dict[str, str] = {}
    for line in _logical_lines(text):
        if line.startswith("\t") or line.lstrip().startswith("#"):
            continue
        matched = _ASSIGNMENT.match(line.strip())
        if not matched:
            continue
        name, operator, value = matched.group(1), matched.group(2), matched.group(3).strip()
        if operator == "?=" and name in found:
            continue
        if operator == "+=":
            found[name] = f"{found.get(name, '')} {value}".strip()
        else:
            found[name] = value
    return found


def expand(text: str, variables: dict[str, str], depth: int = 0) -> str:
    """``$(NAME)``, ``${NAME}`` and ``$N`` replaced by the Makefile's values (recursively);
    ``$$`` is a literal ``$``. A reference to an unknown variable or a function is an error."""
    if depth > 20:
        raise MakefileError(f"variables nest too deep in {text!r}")
    parts = text.split("$$")

    def replace(found: re.Match[str]) -> str:
        name = found.group(1) or found.group(2) or found.group(3)
        if name not in variables:
            raise MakefileError(f"$({name}) is not a variable the Makefile assigns")
        return expand(variables[name], variables, depth + 1)

    return "$".join(_REFERENCE.sub(replace, part) for part in parts)


def recipe(text: str, target: str) -> list[str]:
    """The recipe lines of ``target`` (continuations joined, the leading tab removed)."""
    lines = _logical_lines(text)
    rule = re.compile(rf"^(?:[^\s:#=][^:#=]*\s)?{re.escape(target)}(?:\s[^:#=]*)?:(?![:=])")
    for index, line in enumerate(lines):
        if line.startswith("\t") or not rule.match(line):
            continue
        found: list[str] = []
        after_colon = line.split(":", 1)[1]
        if ";" in after_colon:  # target: prerequisites ; command
            found.append(after_colon.split(";", 1)[1].strip())
        for following in lines[index + 1:]:
            if following.startswith("\t"):
                found.append(following[1:])
            elif following.strip() and not following.lstrip().startswith("#"):
                break
        if found:
            return found
    raise MakefileError(f"no recipe for the target {target!r}")


def serve_arguments(makefile_text: str, target: str = "serve") -> list[str]:
    """The arguments of the ``mkdocs`` command in the Makefile's ``target``, from ``serve`` on:
    ``$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000`` → ``["serve", "--dirty",
    "--dev-addr", "127.0.0.1:8000"]``. ``python -m mkdocs serve …`` is understood too."""
    variables = make_variables(makefile_text)
    for line in recipe(makefile_text, target):
        words = shlex.split(expand(_RECIPE_PREFIX.sub("", line), variables), comments=True)
        for index, word in enumerate(words):
            if (word.rsplit("/", 1)[-1] == "mkdocs"
                    and index + 1 < len(words) and words[index + 1] == "serve"):
                command = words[index + 1:]
                for end, later in enumerate(command):  # stop at a shell separator
                    if later in ("&&", "||", ";", "|"):
                        command = command[:end]
                        break
                return command
    raise MakefileError(f"the {target!r} target runs no `mkdocs serve`")


def with_dev_addr(arguments: list[str], address: str) -> list[str]:
    """``arguments`` with the server's address replaced by ``address`` (added if absent)."""
    out: list[str] = []
    skip = False
    placed = False
    for word in arguments:
        if skip:
            skip = False
            continue
        if word in _DEV_ADDR:
            skip = True
        elif not word.startswith("--dev-addr=") and not (
                word.startswith("-a") and not word.startswith("--") and len(word) > 2):
            out.append(word)
            continue
        if not placed:
            out += ["--dev-addr", address]
            placed = True
    if not placed:
        out += ["--dev-addr", address]
    return out


def makefile_serve_command(makefile: Path, address: str, target: str = "serve") -> list[str]:
    """The ``mkdocs`` arguments ``make serve`` runs, listening at ``address`` instead."""
    arguments = serve_arguments(makefile.read_text(encoding="utf-8"), target)
    if "--no-livereload" in arguments:
        raise MakefileError("`make serve` turns livereload off: the harness waits on its "
                            "long poll to see a rebuild")
    return with_dev_addr(arguments, address)


# --- the page that shows an event ---------------------------------------------------------------


def split_threshold(settings: dict[str, Any]) -> int:
    """The annals plugin's ``split_threshold`` in a loaded ``mkdocs.yml``, else the default."""
    from generator.urls import DEFAULT_SPLIT

    plugins: Any = settings.get("plugins") or []
    entries: list[tuple[str, Any]] = []
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    else:
        for entry in plugins:
            if isinstance(entry, str):
                entries.append((entry, None))
            elif isinstance(entry, dict) and entry:
                entries.append(next(iter(entry.items())))
    for name, options in entries:
        if name == "annals" and isinstance(options, dict) and "split_threshold" in options:
            return int(options["split_threshold"])
    return DEFAULT_SPLIT


def config_split_threshold(config: Path) -> int:
    """``split_threshold`` from a project's ``mkdocs.yml`` (the default when absent)."""
    return split_threshold(load_mkdocs_yml(config))


def event_page(corpus: Corpus, event: Event, threshold: int) -> str:
    """The site path of the page that shows ``event`` (its permalink without the fragment)."""
    from generator.urls import Layout

    return Layout.of(corpus, threshold).event_url(event).split("#", 1)[0]

