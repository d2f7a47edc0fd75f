"""HTML that the Markdown converter never sees: generated pages as a skeleton plus fragments.

A generated page is Markdown only for its headings (which the site generator turns into the
table of contents); every block of HTML in it is a *slot*, written into the Markdown as an HTML
comment and replaced by its fragment after conversion. Why: Python-Markdown works through raw
HTML at a cost that grows with the page (it is most of a large timeline's build time), and
contributor text that never passes through Markdown cannot be read as Markdown.

Each fragment has the HTML readers get and, optionally, a lighter version for a search indexer
that parses the page before it is written (headings with their anchors and the text to find).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

_MARKER = re.compile(r"<!--annals-slot:(\d+)-->")


def marker(number: int) -> str:
    """The placeholder of slot ``number``: an HTML comment on its own, a raw block in Markdown."""
    return f"<!--annals-slot:{number}-->"


@dataclass(frozen=True, slots=True)
class Fragment:
    """One slot's HTML, and what a search indexer should read in its place (None: the same)."""

    html: str
    search: str | None = None


def fill(text: str, fragments: Sequence[Fragment], *, for_search: bool = False) -> str:
    """``text`` with every slot marker replaced by its fragment (or its search version).

    A marker whose number has no fragment is left as it is: it is an inert comment, and it can
    only come from a page and fragments that were rendered from different data.
    """
    def replace(match: re.Match[str]) -> str:
        number = int(match[1])
        if number >= len(fragments):
            return match[0]
        fragment = fragments[number]
        if for_search and fragment.search is not None:
            return fragment.search
        return fragment.html

    return _MARKER.sub(replace, text)
