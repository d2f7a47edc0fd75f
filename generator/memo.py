"""What a preview keeps of the page views between rebuilds, so that a save builds again only the
views whose inputs changed.

A view is a pure function of the corpus' registries (topics, actors, tags), the layout, the
edit links, and the events and articles it is made of. The registries, layout and edit links
form the *context*: when it changes, everything is built again. Under one context, each view is
looked up by the events and articles it is built from (compared by value: an edit anywhere in
an event, a quote, a source or a related event changes the key).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

_V = TypeVar("_V")
_MISSING = object()


class Memo(Generic[_V]):
    """Values by key, for rounds of lookups (one round per build).

    A round keeps the entries it used and drops the rest at the next round, so that the memo
    holds one build's worth of values, never the history of every edit.
    """

    def __init__(self) -> None:
        self._current: dict[Hashable, _V] = {}
        self._previous: dict[Hashable, _V] = {}

    def get(self, key: Hashable, make: Callable[[], _V]) -> _V:
        """The value kept under ``key``, or ``make()`` kept under it."""
        found = self._current.get(key, _MISSING)
        if found is _MISSING:
            found = self._previous.pop(key, _MISSING)
            if found is _MISSING:
                found = make()
            self._current[key] = found  # type: ignore[assignment]
        return found  # type: ignore[return-value]

    def next_round(self) -> None:
        """Start a round: what the last round did not use is dropped at the end of this one."""
        self._previous, self._current = self._current, {}

    def clear(self) -> None:
        """Forget everything."""
        self._current, self._previous = {}, {}

    def __len__(self) -> int:
        return len(self._current) + len(self._previous)


class Versions:
    """A number for each value of a named thing (an event, an article), new whenever the value
    changes: keys made of versions are cheap to hash and compare, where keys made of the values
    would compare every field of every event of a page at each rebuild."""

    def __init__(self) -> None:
        self._count = count()
        self._current: dict[Hashable, tuple[object, int]] = {}
        self._previous: dict[Hashable, tuple[object, int]] = {}

    def of(self, name: Hashable, value: object) -> int:
        """The version of ``value`` as the value of ``name``: the last one if it is equal."""
        known = self._current.get(name) or self._previous.pop(name, None)
        if known is None or (known[0] is not value and known[0] != value):
            # Numbers are never reused: a version names one value for good.
            known = (value, next(self._count))
        self._current[name] = known
        return known[1]

    def next_round(self) -> None:
        """Start a round (a build): names not seen in the last one are then forgotten."""
        self._previous, self._current = self._current, {}


@dataclass
class ViewMemo:
    """The views of the last build, their digests and the related events, by their inputs."""

    context: int | None = None
    views: Memo[object] = field(default_factory=Memo)
    digests: Memo[tuple[object, int]] = field(default_factory=Memo)
    """``(view, hash(view))`` by the view's identity: the view is held, so its id stays its."""
    related: Memo[dict[str, tuple[str, ...]]] = field(default_factory=Memo)
    versions: Versions = field(default_factory=Versions)

    def begin(self, context: int) -> None:
        """Start a build under ``context``; a different context forgets every view."""
        if context != self.context:
            for memo in (self.views, self.digests, self.related):
                memo.clear()
            self.context = context
        for memo in (self.views, self.digests, self.related):
            memo.next_round()
        self.versions.next_round()

    def digest(self, view: object) -> int:
        """``hash(view)``, worked out once per view object."""
        found = self.digests.get(id(view), lambda: (view, hash(view)))
        if found[0] is not view:  # never the case while the view is held; cheap to make sure
            found = (view, hash(view))
        return found[1]
