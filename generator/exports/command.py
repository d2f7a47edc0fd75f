"""``annals export``: write feeds and data exports into a folder, without MkDocs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.diagnostics import has_errors
from generator.exports import FORMATS, render_exports
from generator.exports.common import normalise_base_url
from generator.pipeline import check

ALL = "all"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``annals export`` to the command line's subcommands."""
    export = commands.add_parser(
        "export", help="write feeds (Atom, JSON Feed) and data exports (JSON, CSV, iCalendar, "
                       "TimelineJS)")
    export.add_argument("--format", choices=(*FORMATS, ALL), default=ALL, dest="export_format",
                        help="which files to write (default: all)")
    export.add_argument("--out", required=True, help="the folder to write them into, with the "
                                                     "same relative paths as on the site")
    export.add_argument("--content", default="content", help="the content folder")
    export.add_argument("--base-url", type=_base_url, default="", metavar="URL",
                        help="the site's absolute address, e.g. https://example.org/annals/ "
                             "(recommended: links in feeds and calendars become absolute)")
    export.set_defaults(run=_export)


def _base_url(value: str) -> str:
    try:
        return normalise_base_url(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _export(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        print(f"annals export: {content} is not a content folder", file=sys.stderr)
        return 1
    corpus, diagnostics = check(content)
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    if has_errors(diagnostics):
        print(f"annals export: {content} has errors; nothing written. Run annals check.",
              file=sys.stderr)
        return 1
    formats = None if args.export_format == ALL else [args.export_format]
    files = render_exports(corpus, base_url=args.base_url, formats=formats)
    out = Path(args.out)
    try:
        for path, data in files.items():
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    except OSError as error:
        print(f"annals export: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {len(files)} files to {out}")
    return 0
