"""The site's Annals options, written once: the MkDocs plugin declares its config from these
defaults, and the other routes read the same options from the ``annals`` entry of
``mkdocs.yml``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from generator import urls
from generator.exports import DEFAULT_FEED_ENTRIES

if TYPE_CHECKING:
    from collections.abc import Mapping

SEARCHES = ("material", "pagefind")
"""``material``: the theme's search reads the pages; ``pagefind``: a chunked index of events."""


class OptionsError(ValueError):
    """An option of the ``annals`` plugin entry is missing its right type or value."""


@dataclass(frozen=True)
class Options:
    """The ``annals`` plugin's options (``plugins: - annals: …`` in ``mkdocs.yml``)."""

    content: str = "content"
    """The content folder, relative to ``mkdocs.yml``."""
    schemas: str = ""
    """A folder of JSON Schemas to publish at ``/schema/`` in place of the package's, relative
    to ``mkdocs.yml`` ("": the package's). Content is always checked against the package's."""
    feed_entries: int = DEFAULT_FEED_ENTRIES
    """Events per Atom feed and JSON Feed, newest additions first (0: every event)."""
    split_threshold: int = urls.DEFAULT_SPLIT
    """Events above which a timeline splits by year, and a year by month (0: never)."""
    search: str = "material"
    """One of :data:`SEARCHES`."""
    warn_unarchived: bool = False
    """Warn (W003) about every source without an archived copy; with ``--strict``, such a
    source fails the build."""

    def __post_init__(self) -> None:
        if self.split_threshold < 0:
            raise OptionsError("Annals: split_threshold must be 0 (never split) or a positive "
                               f"number of events, not {self.split_threshold}")
        if self.feed_entries < 0:
            raise OptionsError("Annals: feed_entries must be 0 (every event) or a positive "
                               f"number, not {self.feed_entries}")
        if self.search not in SEARCHES:
            raise OptionsError(f"Annals: search must be one of {', '.join(SEARCHES)}, not "
                               f"{self.search!r}")

    @classmethod
    def of(cls, values: Mapping[str, Any] | None) -> Options:
        """The options given in a config file (None: all defaults); OptionsError if one is
        unknown or of the wrong type."""
        given = dict(values or {})
        given.pop("enabled", None)  # MkDocs' own switch for every plugin
        known = {field.name: field for field in fields(cls)}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise OptionsError(f"Annals: unknown option {unknown[0]!r} (known: "
                               f"{', '.join(known)})")
        for name, value in given.items():
            wanted = type(getattr(cls, name))
            if not isinstance(value, wanted) or (isinstance(value, bool) and wanted is not bool):
                raise OptionsError(f"Annals: option {name!r} must be a {wanted.__name__}, not "
                                   f"{value!r}")
        return cls(**given)
