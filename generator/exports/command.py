"""``annals export``: write feeds and data exports into a folder, without MkDocs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.diagnostics import has_errors
from generator.exports import DEFAULT_FEED_ENTRIES, FORMATS, write_exports
from generator.pipeline import check
from generator.urls import DEFAULT_SPLIT, normalise_base_url

ALL = "all"
RELATIVE_WITHOUT_BASE = ("atom", "jsonfeed", "ics")
"""The formats whose links, without the site's address, are relative to the site's root."""


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
    export.add_argument("--base-url", type=base_url_type, default="", metavar="URL",
                        help="the site's absolute address, e.g. https://example.org/annals/ "
                             "(recommended: links in feeds and calendars become absolute)")
    export.add_argument("--feed-entries", type=_feed_entries, default=DEFAULT_FEED_ENTRIES,
                        metavar="N",
                        help="how many of the newest additions each feed holds (default: "
                             f"{DEFAULT_FEED_ENTRIES}; 0: every event). The data exports "
                             "always hold every event")
    add_split_threshold(export)
    export.set_defaults(run=_export)


def add_split_threshold(parser: argparse.ArgumentParser, default: int | None = DEFAULT_SPLIT
                        ) -> None:
    """The pages' split threshold, which decides where events' permalinks point."""
    parser.add_argument("--split-threshold", type=_feed_entries, default=default,
                        metavar="N",
                        help="events above which a topic's or actor's page is split by year, "
                             f"as the plugin's split_threshold (default: {DEFAULT_SPLIT}; 0: "
                             "never)")


def _feed_entries(value: str) -> int:
    try:
        entries = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if entries < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative: give 0 (every event) or more")
    return entries


def base_url_type(value: str) -> str:
    """An argument's site address, checked and normalised (it ends in a slash)."""
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
    out = Path(args.out)
    try:
        written = write_exports(corpus, out, base_url=args.base_url, formats=formats,
                                feed_entries=args.feed_entries,
                                split_threshold=args.split_threshold)
    except OSError as error:
        print(f"annals export: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files to {out}")
    if not args.base_url and args.export_format in (ALL, *RELATIVE_WITHOUT_BASE):
        # Feed readers resolve a feed's links against the feed's own address, if at all; many
        # refuse relative ones. Said after the files are written: they are still usable on
        # the site they were written for.
        print("annals export: warning: no --base-url, so the feeds' and calendars' links, "
              "home_page_url and feed_url are relative, which many feed readers refuse. "
              "Give the site's address, e.g. --base-url https://example.org/annals/",
              file=sys.stderr)
    return 0
