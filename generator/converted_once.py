"""Part of the MkDocs adapter: generated pages whose Markdown MkDocs converts once per text.

A generated page's Markdown is a skeleton (generator/rendering): its front matter, a few
headings and the markers of its HTML blocks. Most skeletons are the same text: every month page
of a year, in every topic, has the same headings and markers. MkDocs 1.6 converts each page with
a new Python-Markdown instance, which costs much more than the few lines it converts
(docs/performance.md). Here a generated page converts a text the build has not converted yet,
and otherwise takes the result of the first conversion: the same HTML, table of contents, title
and anchors, as the conversion is a function of the text and the site's Markdown
configuration, both the same within one build.

Only a conversion with no link but to the page's own anchors (its headings' permalinks) is
shared: MkDocs rewrites a link to another file relative to the page, so another page's result
would not be this page's. Skeletons hold none (every link is in the HTML blocks), but an
extension configured by a site might add one.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.toc import TableOfContents

# A link or an embedded file that is not an anchor of the page itself.
_FILE_REFERENCE = re.compile(r"""\b(?:href|src|srcset)\s*=\s*(?!["']?#)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Conversion:
    """What converting one Markdown text gave a page."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    own_links: tuple[tuple[str, str], ...]
    """The links to the page's own anchors (its headings' permalinks), which MkDocs checks."""


Conversions = dict[str, Conversion]
"""Conversions by Markdown text, for one build (one configuration)."""


class ConvertedOnce(Page):
    """A generated page that takes the conversion of its Markdown from an earlier page with the
    same text, when the build has one (see the module's docstring)."""

    conversions: Conversions

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Convert the page's Markdown, or take the conversion of the same text."""
        text = self.markdown
        known = self.conversions.get(text) if text is not None else None
        if known is None:
            super().render(config, files)
            links = self.links_to_anchors or {}
            # With no reference to another file, the links MkDocs checks are the page's own.
            if text is not None and self.content is not None \
                    and _FILE_REFERENCE.search(self.content) is None:
                self.conversions[text] = Conversion(
                    self.content, copy.deepcopy(self.toc), self._title_from_render,
                    frozenset(self.present_anchor_ids or ()),
                    tuple(links.get(self.file, {}).items()))
            return
        self.content = known.content
        # Each page's own copy: a theme or plugin may mark or change a page's entries.
        self.toc = copy.deepcopy(known.toc)
        self._title_from_render = known.title
        self.present_anchor_ids = set(known.anchors)
        self.links_to_anchors = {self.file: dict(known.own_links)} if known.own_links else {}


def convert_once(pages: list[Page], conversions: Conversions) -> None:
    """Make these pages (MkDocs' own ``Page`` objects, before they are read) convert each
    Markdown text once, sharing ``conversions``; a page of another class, which a plugin made,
    is left as it is."""
    for page in pages:
        if type(page) is Page:
            # The navigation made the page (with its title there); only how it converts changes.
            page.__class__ = ConvertedOnce
            cast("ConvertedOnce", page).conversions = conversions
