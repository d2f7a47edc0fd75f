"""The memo a preview keeps between rebuilds: values by key for one round, versions of values."""

from __future__ import annotations

from generator.memo import Memo, Versions, ViewMemo


def test_a_memo_makes_a_value_once_and_keeps_only_what_the_last_round_used() -> None:
    memo: Memo[list[int]] = Memo()
    made = []

    def make(value: int) -> list[int]:
        made.append(value)
        return [value]

    first = memo.get("a", lambda: make(1))
    memo.get("b", lambda: make(2))
    assert memo.get("a", lambda: make(9)) is first
    memo.next_round()
    assert memo.get("a", lambda: make(9)) is first  # used in this round: kept
    memo.next_round()
    memo.next_round()
    assert memo.get("b", lambda: make(3)) == [3]  # unused for a round: forgotten
    assert made == [1, 2, 3]
    assert len(memo) == 1


def test_a_version_changes_exactly_when_the_value_does_and_is_never_reused() -> None:
    versions = Versions()
    first = versions.of("event", ("title", 1))
    versions.next_round()
    assert versions.of("event", ("title", 1)) == first  # equal, though another object
    changed = versions.of("event", ("title", 2))
    assert changed != first
    back = versions.of("event", ("title", 1))
    assert back not in (first, changed)  # a number names one value for good
    versions.next_round()
    versions.next_round()
    assert versions.of("event", ("title", 1)) not in (first, changed, back)


def test_a_new_context_forgets_every_view_and_digest() -> None:
    memo = ViewMemo()
    memo.begin(1)
    view = ("a", "view")
    kept = memo.views.get("page", lambda: view)
    digest = memo.digest(view)
    memo.begin(1)
    assert memo.views.get("page", lambda: ("other",)) is kept
    assert memo.digest(view) == digest == hash(view)
    memo.begin(2)
    assert memo.views.get("page", lambda: ("other",)) == ("other",)
