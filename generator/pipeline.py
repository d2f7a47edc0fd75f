"""The pipeline end to end, for the adapters: read, validate, render."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic, has_errors
from generator.duplicates import DuplicateMemo, find_near_duplicates
from generator.memo import ViewMemo
from generator.reading import ReadCache, read_content
from generator.rendering import (
    EditUrl,
    FragmentCache,
    NavEntry,
    Page,
    SkeletonCache,
    navigation,
    render_all,
)
from generator.urls import DEFAULT_SPLIT, Layout
from generator.validation import SchemaCache, validate
from generator.views import SiteName, Views

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date
    from pathlib import Path

    from generator.history import History
    from generator.model import Corpus


@dataclass(frozen=True)
class Build:
    """The corpus built from every valid part of the content, its pages, and every problem."""

    corpus: Corpus
    pages: dict[str, Page]
    navigation: list[NavEntry]
    diagnostics: list[Diagnostic]
    layout: Layout
    files: dict[str, bytes] = field(default_factory=dict)
    """Site files the pages need beside them (split topics' event maps), by site path."""
    history: History | None = None
    """The content's git history the pages show (the feeds too)."""
    views: Views | None = field(default=None, compare=False, repr=False)
    """The views the pages were made of (the exports can show the same events with them)."""

    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error."""
        return not has_errors(self.diagnostics)


@contextmanager
def garbage_collection_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while long-lived objects are built.

    Reading builds hundreds of thousands of dicts, lists and positions that all live on; each
    collection walks them again, for nothing (it took 40 % of reading time at 10,000 events).
    Reference counting still frees everything else. The collector's state is restored after.

    With ``freeze``, everything alive at the end is set aside for the collector
    (``gc.freeze``) before it resumes, for a caller that calls ``gc.unfreeze`` once it is done
    with them: else the first collection after the pause walks all that was built (a tenth of
    a second for a preview's rebuild at 10,000 events).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


@dataclass
class ContentCache:
    """What a preview keeps between rebuilds: files read, their schema verdicts, the page views,
    rendered blocks of events, the skeletons of pages whose signature did not change, and the
    near-duplicate check's findings."""

    read: ReadCache = field(default_factory=ReadCache)
    schema: SchemaCache = field(default_factory=SchemaCache)
    fragments: FragmentCache = field(default_factory=dict)
    skeletons: SkeletonCache = field(default_factory=dict)
    views: ViewMemo = field(default_factory=ViewMemo)
    duplicates: DuplicateMemo = field(default_factory=DuplicateMemo)


def check(root: Path | str, cache: ContentCache | None = None, *, today: date | None = None,
          warn_unarchived: bool = False) -> tuple[Corpus, list[Diagnostic]]:
    """Read and validate a content folder: the corpus of its valid parts and all problems.

    A ``cache`` kept between calls makes a call re-read and re-check only the files that
    changed since the last; the result is the same as without it. ``today`` is the day of the
    check (default: the clock's, :func:`generator.clock.check_day`); ``warn_unarchived``
    warns about every source without an archived copy (W003).
    """
    with garbage_collection_paused():
        read = read_content(root, cache.read if cache else None)
        validated = validate(read.documents, cache.schema if cache else None, today=today,
                             warn_unarchived=warn_unarchived)
        # Inside the pause too: the check's index is many small lists that all live on.
        warnings = find_near_duplicates(validated.corpus, cache.duplicates if cache else None)
    diagnostics = sorted(read.diagnostics + validated.diagnostics + warnings,
                         key=lambda d: (d.path, d.line, d.column, d.code))
    return validated.corpus, diagnostics


def build(root: Path | str, *, edit_url: EditUrl | None = None,
          show_problems: bool = False, cache: ContentCache | None = None,
          split_threshold: int = DEFAULT_SPLIT, site: SiteName | None = None,
          history: History | None = None, warn_unarchived: bool = False,
          freeze: bool = False) -> Build:
    """Read, validate and render a content folder.

    ``edit_url`` links each event to its source file; ``show_problems`` puts the diagnostics in
    a banner on every page (for previews); timelines over ``split_threshold`` events are split
    by year (0: never); ``site`` is the site's name and description, for the home page;
    ``history`` is the content's git history (:mod:`generator.history`), None to show none.
    ``warn_unarchived`` warns about sources without an archived copy. ``freeze``: the caller
    calls ``gc.unfreeze()`` once done with the build (see :func:`garbage_collection_paused`).
    """
    # The corpus, views and skeletons live on to the end of the build.
    with garbage_collection_paused(freeze=freeze):
        corpus, diagnostics = check(root, cache, warn_unarchived=warn_unarchived)
        problems = diagnostics if show_problems else ()
        layout = Layout.of(corpus, split_threshold)
        views = Views(corpus, layout, edit_url, cache.views if cache else None, site, history)
        pages, files = render_all(views, problems=problems,
                                  fragment_cache=cache.fragments if cache else None,
                                  skeleton_cache=cache.skeletons if cache else None)
    return Build(corpus, pages, navigation(corpus), diagnostics, layout, files, history, views)
