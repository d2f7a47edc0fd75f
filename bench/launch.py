"""Run ``mkdocs`` as ``python -m mkdocs`` does, timing Annals' own work inside it.

    python bench/launch.py --timings FILE [--annals] -- build --site-dir SITE

With ``--annals``, every ``on_*`` hook of the Annals plugin is wrapped before MkDocs loads it,
and inside them the pipeline's phases (read, validate, near-duplicates, render, navigation),
the pages' conversion to Markdown and the exports are timed. A JSON line is appended to ``FILE``
after the long phases (``"at": "progress"``), after ``on_files`` (``"at": "files"``: the pages
are handed to MkDocs) and after ``on_post_build`` (``"at": "build"``: the build is done), each
with the seconds spent since the build began; under ``mkdocs serve`` every rebuild adds its
lines. Nothing in the generator is changed: the wrappers call the originals (the plugin gets an
empty ``on_post_build`` if it has none, to mark the end of a build).

This file imports nothing but MkDocs and Annals, so that the build it times pays for nothing
else.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

PHASES = {"read": "read_content", "validate": "validate", "duplicates": "find_near_duplicates",
          "render": "render_site", "navigation": "navigation"}
# Work the plugin does itself besides the pipeline, where it has it.
PLUGIN_PHASES = {"exports": "write_exports", "pagefind": "write_pagefind_index"}
# Long phases after which a line is written, so that a build stopped by a time limit still
# tells how far Annals got.
MILESTONES = frozenset({"pipeline"})
# Work that runs in a forked process beside the build (the exports): it writes a line of its
# own, {"at": "background", name: seconds}, as its copy of the timings is not the build's.
BACKGROUND = frozenset({"exports"})


class Timings:
    """Seconds per phase of Annals' work, written out once per build."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.spent: dict[str, float] = {}
        self.depth = 0

    def timed(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds = time.perf_counter() - start
                if name in BACKGROUND:
                    with Path(self.path).open("a", encoding="utf-8") as handle:
                        handle.write(json.dumps({"at": "background", name: seconds}) + "\n")
                else:
                    self.spent[name] = self.spent.get(name, 0.0) + seconds
                if name in MILESTONES:
                    self.write("progress")
        return wrapper

    def counted(self, function: Callable[..., str]) -> Callable[..., str]:
        """``Page.markdown``, timed, counting the pages and the Markdown they make."""
        timed = self.timed("markdown", function)

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> str:
            text: str = timed(*args, **kwargs)
            self.spent["pages"] = self.spent.get("pages", 0) + 1
            self.spent["markdown_mb"] = self.spent.get("markdown_mb", 0.0) + len(
                text.encode()) / 1e6
            return text
        return wrapper

    def hook(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        timed = self.timed(f"hook:{name}", function)

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return timed(*args, **kwargs)
            finally:
                if name == "on_files":
                    self.write("files")
                elif name == "on_post_build":
                    self.write("build")
                    self.spent = {}
        return wrapper

    def write(self, at: str) -> None:
        with Path(self.path).open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"at": at, **self.spent}) + "\n")


def instrument(timings: Timings) -> None:
    """Wrap the Annals plugin's hooks, the pipeline's phases and ``Page.markdown``."""
    from mkdocs.plugins import CombinedEvent

    from generator import pipeline, plugin, rendering

    if not hasattr(plugin.AnnalsPlugin, "on_post_build"):
        def on_post_build(self: Any, *, config: Any) -> None:
            """Marks the end of a build for the timings."""

        setattr(plugin.AnnalsPlugin, "on_post_build", on_post_build)  # noqa: B010
    for name in dir(plugin.AnnalsPlugin):
        handler = plugin.AnnalsPlugin.__dict__.get(name)
        if name.startswith("on_") and isinstance(handler, CombinedEvent):
            # Several handlers of one event: time each (wraps keeps their priorities).
            setattr(plugin.AnnalsPlugin, name, CombinedEvent(
                *(timings.hook(name, method) for method in handler.methods)))
        elif name.startswith("on_") and callable(getattr(plugin.AnnalsPlugin, name)):
            setattr(plugin.AnnalsPlugin, name,
                    timings.hook(name, getattr(plugin.AnnalsPlugin, name)))
    for phase, attribute in PHASES.items():
        if hasattr(pipeline, attribute):
            setattr(pipeline, attribute, timings.timed(phase, getattr(pipeline, attribute)))
    if hasattr(plugin, "build"):
        plugin.build = timings.timed("pipeline", plugin.build)
    for phase, attribute in PLUGIN_PHASES.items():
        if hasattr(plugin, attribute):
            setattr(plugin, attribute, timings.timed(phase, getattr(plugin, attribute)))
    rendering.Page.markdown = timings.counted(  # type: ignore[method-assign]
        rendering.Page.markdown)


def read_timings(path: Path) -> list[dict[str, Any]]:
    """The JSON lines a run wrote, two per build."""
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main(argv: list[str]) -> None:
    # Run as a script, this folder comes first on the path: keep its modules out of MkDocs' way.
    if sys.path and sys.path[0] == str(Path(__file__).resolve().parent):
        sys.path.pop(0)
    separator = argv.index("--")
    options, mkdocs_args = argv[:separator], argv[separator + 1:]
    if "--annals" in options:
        instrument(Timings(options[options.index("--timings") + 1]))
    from mkdocs.__main__ import cli

    cli.main(mkdocs_args, prog_name="mkdocs")


if __name__ == "__main__":
    main(sys.argv[1:])
