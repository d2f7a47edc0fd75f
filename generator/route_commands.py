"""``annals render`` and ``annals post-build``: the site for a generator that runs no plugin.

```
annals render --config mkdocs.yml --out build/zensical   # the whole project, for any generator
zensical build -f build/zensical/mkdocs.yml               # builds into build/zensical/site
annals post-build --config mkdocs.yml --site build/zensical/site   # check; heads, Pagefind
```
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.exports.command import add_split_threshold, base_url_type
from generator.options import Options, OptionsError
from generator.pipeline import build
from generator.postbuild import PostBuildError, check_site, finish_site
from generator.siteconfig import SiteConfigError, dump, load_site_config
from generator.tree import (
    SITE,
    TreeError,
    handwritten_pages,
    nav_fragment,
    write_project,
    write_tree,
)

if TYPE_CHECKING:
    import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``annals render`` and ``annals post-build`` to the command line's subcommands."""
    render = commands.add_parser(
        "render", help="write the site as a folder any site generator builds (pages, "
                       "navigation, feeds, exports, schemas, script and styles)",
        description="With --config: the whole project (OUT/mkdocs.yml and OUT/docs/) from "
                    "the site's mkdocs.yml and its annals options. Without: the generated "
                    "part alone, from --content, into OUT (and the navigation into --nav).")
    render.add_argument("--config", metavar="FILE",
                        help="the site's mkdocs.yml: write the whole project for a generator")
    render.add_argument("--content", help="the content folder (without --config; default: "
                                          "content)")
    render.add_argument("--out", required=True, help="the folder to write into (with "
                                                     "--config, a folder of its own: it is "
                                                     "cleared each time)")
    render.add_argument("--nav", metavar="FILE",
                        help="without --config: write the navigation, the stylesheet and the "
                             "script as a YAML fragment of mkdocs.yml to FILE")
    render.add_argument("--base-url", type=base_url_type, default="", metavar="URL",
                        help="without --config: the site's address, for absolute feed links")
    add_split_threshold(render, default=None)
    render.set_defaults(run=_render)

    post = commands.add_parser(
        "post-build", help="after a generator built the tree: check every timeline page is "
                           "there, add each page's head metadata (and the Pagefind index)")
    post.add_argument("--config", required=True, metavar="FILE", help="the site's mkdocs.yml")
    post.add_argument("--site", metavar="DIR",
                      help="the built site (default: the config's site_dir)")
    post.add_argument("--check-only", action="store_true",
                      help="only check that the site holds every generated page")
    post.set_defaults(run=_post_build)


def _render(args: argparse.Namespace) -> int:
    try:
        if args.config:
            return _render_project(args)
        return _render_tree(args)
    except (SiteConfigError, OptionsError, TreeError) as error:
        print(f"annals render: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"annals render: cannot write {error.filename}: {error.strerror}",
              file=sys.stderr)
        return 1


def _render_project(args: argparse.Namespace) -> int:
    for flag, value in (("--content", args.content), ("--nav", args.nav),
                        ("--base-url", args.base_url),
                        ("--split-threshold", args.split_threshold)):
        if value:
            print(f"annals render: {flag} is read from the config's annals options and "
                  "site_url with --config; set it there", file=sys.stderr)
            return 2
    site = load_site_config(args.config)
    result, written = write_project(site, Path(args.out))
    for diagnostic in result.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    if written is None:
        print(f"annals render: {site.content_dir} has errors; nothing written. Run annals "
              "check.", file=sys.stderr)
        return 1
    for warning in written.warnings:
        print(f"annals render: {warning}", file=sys.stderr)
    print(f"wrote {written.pages} pages, {written.files} other files and {written.exports} "
          f"feeds and exports, with the hand-written docs and mkdocs.yml, to {args.out} "
          f"(the site builds into {Path(args.out) / SITE})")
    return 0


def _render_tree(args: argparse.Namespace) -> int:
    options = Options(content=args.content or Options.content,
                      split_threshold=(Options.split_threshold if args.split_threshold is None
                                       else args.split_threshold))
    result = build(options.content, split_threshold=options.split_threshold)
    for diagnostic in result.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    if not result.ok:
        return 1
    out = Path(args.out)
    written = write_tree(result, options, out, base_url=args.base_url)
    if args.nav:
        Path(args.nav).write_text(dump(nav_fragment(result, options, [])), encoding="utf-8")
    print(f"wrote {written.pages} pages, {written.files} other files and {written.exports} "
          f"feeds and exports to {out}")
    return 0


def _post_build(args: argparse.Namespace) -> int:
    try:
        site = load_site_config(args.config)
    except SiteConfigError as error:
        print(f"annals post-build: {error}", file=sys.stderr)
        return 1
    site_dir = Path(args.site) if args.site else site.site_dir
    result = build(site.content_dir, split_threshold=site.options.split_threshold,
                   site=site.names())
    if not result.ok:
        print(f"annals post-build: {site.content_dir} has errors. Run annals check.",
              file=sys.stderr)
        return 1
    try:
        if args.check_only:
            check_site(site_dir, result)
            print(f"{site_dir}: all {len(result.pages)} timeline pages are there")
            return 0
        finished = finish_site(site_dir, result, handwritten_pages(site.docs_dir),
                               site.options, site_name=site.text("site_name"),
                               site_description=site.text("site_description"),
                               site_url=site.text("site_url"))
    except (PostBuildError, ValueError) as error:  # ValueError: an unsafe site_url
        print(f"annals post-build: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"annals post-build: cannot write {error.filename}: {error.strerror}",
              file=sys.stderr)
        return 1
    print(f"{site_dir}: all {len(result.pages)} timeline pages are there; {finished} pages "
          "given their head metadata")
    return 0
