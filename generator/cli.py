"""The annals command: check the content, scaffold files, render the site for any generator,
export feeds and data, print the diagnostics reference and the statistics, without MkDocs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from generator import route_commands, scaffold, urls
from generator.codes import REFERENCE_PATH, reference_markdown
from generator.diagnostics import Severity, has_errors
from generator.exports import command as export_command
from generator.fixing import content_files, find_fixes
from generator.pipeline import check
from generator.reporting import FORMATS, format_diagnostics
from generator.siteconfig import SiteConfigError, load_site_config
from generator.views import plural, span

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from generator.diagnostics import Diagnostic
    from generator.model import Corpus


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status. Never lets a traceback out."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
        sys.stdout.flush()  # here, where a closed pipe can be answered
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped reading (`annals stats | head`): stop too, quietly, as Unix tools
        # do, and keep Python from failing again when it flushes the closed pipe at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as error:  # a bug of ours, never the contributor's: say so, briefly
        print(f"annals: internal error ({type(error).__name__}: {error}); please report it "
              "with the command you ran.", file=sys.stderr)
        return 2
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="annals", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check_cmd = commands.add_parser("check", help="validate content and report every problem")
    check_cmd.add_argument("paths", nargs="*", default=["content"], metavar="PATH",
                           help="a content folder, or files inside one (default: content)")
    check_cmd.add_argument("--format", choices=FORMATS, default="text", dest="output",
                           help="text for people, json for tools, github for workflow "
                                "annotations on the pull request's lines (default: text)")
    check_cmd.add_argument("--strict", action="store_true",
                           help="fail on warnings (such as possible duplicates) too")
    check_cmd.add_argument("--warn-unarchived", action="store_true",
                           help="warn about every source without an archived copy "
                                "(archive_url): off by default")
    check_cmd.add_argument("--fix", action="store_true",
                           help="show the fixes a machine can make safely (dates with one "
                                "reading in canonical form, trailing spaces, tabs in the "
                                "indentation) as a diff, then check")
    check_cmd.add_argument("--write", action="store_true",
                           help="with --fix: write the fixes into the files")
    check_cmd.add_argument("--docs-url", default=None,
                           help="where the diagnostics reference lives, for links (default: "
                                f"{REFERENCE_PATH}; with --format github, the published page "
                                "when mkdocs.yml gives site_url, else the file in the "
                                "repository on GitHub)")
    check_cmd.set_defaults(run=_check)

    codes = commands.add_parser("codes", help="print or write the diagnostics reference page")
    codes.add_argument("--write", metavar="FILE", help=f"write it to FILE (e.g. {REFERENCE_PATH})")
    codes.set_defaults(run=_codes)

    stats = commands.add_parser("stats", help="counts and spans per topic")
    stats.add_argument("--content", default="content", help="the content folder")
    stats.set_defaults(run=_stats)

    scaffold.register(commands)
    route_commands.register(commands)
    export_command.register(commands)
    return parser


def content_root(path: Path) -> Path:
    """The content folder a path belongs to: the path itself, or the folder holding topics/."""
    for candidate in (path, *path.parents):
        if candidate.is_dir() and ((candidate / "topics").is_dir() or
                                   (candidate / "articles").is_dir() or
                                   (candidate / "tags.yml").is_file()):
            return candidate
    return path


def reference_link(output: str, environ: Mapping[str, str],
                   config_file: Path = Path("mkdocs.yml")) -> str:
    """Where the diagnostics reference is, for the links next to each problem.

    A pull request's annotations are read in a browser: there, a link a reviewer can click,
    the published page when the site's address is known, else the file in the repository at
    the commit checked. Elsewhere, the reference's path in the repository.
    """
    if output != "github":
        return REFERENCE_PATH
    site_url = ""
    if config_file.is_file():
        try:
            site_url = load_site_config(config_file).text("site_url")
        except (SiteConfigError, OSError):
            site_url = ""
    if site_url.startswith(("https://", "http://")):
        return urljoin(site_url.rstrip("/") + "/",
                       urls.page_url(REFERENCE_PATH.removeprefix("docs/")))
    server, repository, commit = (environ.get(name, "") for name in (
        "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if server.startswith("https://") and repository and commit:
        return f"{server}/{repository}/blob/{commit}/{REFERENCE_PATH}"
    return REFERENCE_PATH


def _fix(args: argparse.Namespace) -> None:
    """Print the safe fixes of the paths checked as a diff; write them with ``--write``."""
    files = [file for name in args.paths for file in content_files(Path(name))]
    fixes = list(find_fixes(files))
    for fix in fixes:
        print(fix.diff(), end="")
        if args.write:
            fix.write()
    done = "fixed" if args.write else "would be fixed (add --write to write the fixes)"
    print(f"annals check --fix: {plural(len(fixes), 'file')} {done}.", file=sys.stderr)


def _check(args: argparse.Namespace) -> int:
    if args.write and not args.fix:
        print("annals check: --write writes the fixes of --fix: give both", file=sys.stderr)
        return 2
    if args.fix and args.output != "text":
        print("annals check: --fix shows a diff, for people: use it with --format text",
              file=sys.stderr)
        return 2
    if args.fix:
        _fix(args)
    if args.docs_url is None:
        args.docs_url = reference_link(args.output, os.environ)
    failed = False
    reported: list[Diagnostic] = []
    summaries: list[tuple[str, bool]] = []
    for root, only in _roots(args.paths).items():
        corpus, diagnostics = check(root, warn_unarchived=args.warn_unarchived)
        if only:
            diagnostics = [d for d in diagnostics if Path(d.path) in only]
        reported += diagnostics
        errors = sum(d.severity is Severity.ERROR for d in diagnostics)
        warnings = len(diagnostics) - errors
        failed = failed or bool(errors) or (args.strict and bool(warnings))
        if errors:
            counts = _plural(errors, "error") + (f", {_plural(warnings, 'warning')}"
                                                  if warnings else "")
            summaries.append((f"{root}: {counts}. Each code is explained in {args.docs_url}.",
                              True))
        else:
            also = f", {_plural(warnings, 'warning')}" if warnings else ""
            summaries.append((f"{root}: {_counts(corpus)}: no errors{also}.", False))
    if reported or args.output == "json":
        print(format_diagnostics(reported, args.output, args.docs_url), flush=True)
    for summary, bad in summaries:
        # Stdout is for a machine in the json and github formats: summaries go to stderr there.
        print(summary, file=sys.stderr if bad or args.output != "text" else sys.stdout)
    return 1 if failed else 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _codes(args: argparse.Namespace) -> int:
    text = reference_markdown()
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


def _roots(paths: Sequence[str]) -> dict[Path, set[Path]]:
    """Group the paths given by content folder; files narrow the report to themselves."""
    roots: dict[Path, set[Path]] = {}
    for name in paths:
        path = Path(name)
        root = content_root(path) if path.exists() else path
        files = roots.setdefault(root, set())
        if path.is_file():
            files.add(path)
        elif files:
            files.clear()  # a whole folder was asked for: report everything
    return roots


def _counts(corpus: Corpus) -> str:
    return ", ".join(plural(len(items), noun) for items, noun in (
        (corpus.articles, "article"), (corpus.events, "event"), (corpus.topics, "topic"),
        (corpus.actors, "actor"), (corpus.tags, "tag")))


def _stats(args: argparse.Namespace) -> int:
    corpus, diagnostics = check(args.content)
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    print(_counts(corpus))
    for topic in corpus.topics.values():
        events = corpus.topic_events(topic.id)
        print(f"{topic.id}: {plural(len(events), 'event')}, "
              f"{span(events) if events else 'no events'}")
    return 1 if has_errors(diagnostics) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
