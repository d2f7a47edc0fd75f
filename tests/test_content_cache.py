"""The preview's cache: only saved files are read and checked again, and nothing differs."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from generator import reading, validation
from generator.pipeline import ContentCache, check
from tests.conftest import ARTICLE, ARTICLE_PATH

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pytest

    from tests.conftest import ContentTree


def settle(tree: ContentTree) -> None:
    """Date every content file ten seconds back: files changed within the last two seconds are
    never cached (see reading.RACY_NS)."""
    past = time.time_ns() - 10_000_000_000
    for path in tree.root.rglob("*.yml"):
        os.utime(path, ns=(past, past))


def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records the path of every file actually parsed."""
    seen: list[str] = []
    original = reading._parse

    def counting(raw: bytes, shown: str, *args: object) -> object:
        seen.append(shown)
        return original(raw, shown, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "_parse", counting)
    return seen


def schema_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = validation._schema_ok

    def counting(document: reading.Document, diagnostics: list[object]) -> bool:
        seen.append(document.path)
        return original(document, diagnostics)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "_schema_ok", counting)
    return seen


def test_a_second_check_parses_and_validates_nothing_that_did_not_change(
        minimal: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    settle(minimal)
    cache = ContentCache()
    first = check(minimal.root, cache)
    parsed, checked = parses(monkeypatch), schema_checks(monkeypatch)
    second = check(minimal.root, cache)
    assert parsed == [] and checked == []
    assert second == first


def test_a_saved_file_is_read_again_and_its_change_shows(
        minimal: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    settle(minimal)
    cache = ContentCache()
    check(minimal.root, cache)
    parsed, checked = parses(monkeypatch), schema_checks(monkeypatch)
    minimal.write(ARTICLE_PATH, ARTICLE.replace("Hong Lei speaks in Beijing.", "Edited."))
    corpus, diagnostics = check(minimal.root, cache)
    assert parsed == checked == [minimal.shown(ARTICLE_PATH)]
    assert corpus.events[0].summary == "Edited."
    assert (corpus, diagnostics) == check(minimal.root)


def test_a_same_size_rewrite_within_the_same_second_is_still_seen(
        minimal: ContentTree) -> None:
    cache = ContentCache()
    check(minimal.root, cache)
    path = minimal.root / ARTICLE_PATH
    before = path.stat()
    minimal.write(ARTICLE_PATH, ARTICLE.replace("Beijing", "Bejjing"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same mtime
    corpus, _ = check(minimal.root, cache)
    assert corpus.events[0].summary == "Hong Lei speaks in Bejjing."


def test_a_file_that_breaks_reports_its_problem_every_time_until_fixed(
        minimal: ContentTree) -> None:
    cache = ContentCache()
    minimal.write(ARTICLE_PATH, ARTICLE.replace("published: 2015-02-05", "published: [x"))
    first = check(minimal.root, cache)[1]
    again = check(minimal.root, cache)[1]
    assert first and again == first == check(minimal.root)[1]
    minimal.write(ARTICLE_PATH, ARTICLE)
    assert check(minimal.root, cache)[1] == []


def test_a_deleted_file_is_forgotten(minimal: ContentTree) -> None:
    settle(minimal)
    cache = ContentCache()
    check(minimal.root, cache)
    (minimal.root / ARTICLE_PATH).unlink()
    corpus, _ = check(minimal.root, cache)
    assert corpus.events == ()
    assert minimal.shown(ARTICLE_PATH) not in cache.read.files
    assert len(cache.schema.verdicts) == len(cache.read.files)


def test_a_file_replaced_by_a_link_is_refused_though_it_was_cached(
        minimal: ContentTree) -> None:
    cache = ContentCache()
    check(minimal.root, cache)
    path = minimal.root / ARTICLE_PATH
    target = path.with_name("elsewhere.txt")
    target.write_text(ARTICLE, encoding="utf-8")
    path.unlink()
    path.symlink_to(target)
    corpus, diagnostics = check(minimal.root, cache)
    assert corpus.events == ()
    assert "R004" in {d.code for d in diagnostics}


SECOND_YEAR = """\
  - id: 2016-07-08-another-year
    date: 2016-07-08
    title: An event in another year
    summary: Kept as it was.
    topics: [thaad]
    actors: [hong-lei]
"""


def test_a_preview_re_renders_only_the_blocks_of_events_an_edit_changes(
        minimal: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import rendering
    from generator.pipeline import build
    from generator.views import ArticleView, YearView

    minimal.write(ARTICLE_PATH, ARTICLE + SECOND_YEAR)
    settle(minimal)
    cache = ContentCache()
    build(minimal.root, cache=cache).pages["topics/thaad.md"].fragments()
    rendered: list[tuple[str, ...]] = []
    original = rendering.search_version

    def counting(block: YearView | Sequence[ArticleView]) -> str:
        assert isinstance(block, YearView)
        rendered.append(tuple(event.id for event in block.events()))
        return original(block)

    monkeypatch.setattr(rendering, "search_version", counting)
    minimal.write(ARTICLE_PATH, ARTICLE.replace("Hong Lei speaks in Beijing.", "Edited.")
                  + SECOND_YEAR)
    cached = build(minimal.root, cache=cache).pages["topics/thaad.md"].body
    assert rendered == [("2015-02-05-china-urges-us",)]  # the 2016 block was reused
    assert cached == build(minimal.root).pages["topics/thaad.md"].body
    assert "Edited." in cached and "Kept as it was." in cached
    # A change that a block shows from elsewhere (an actor's name) renders it again.
    rendered.clear()
    minimal.write("actors/hong-lei.yml", "name: Hong Lei (洪磊)\nkind: person\n")
    renamed = build(minimal.root, cache=cache).pages["topics/thaad.md"].body
    assert sorted(rendered) == [("2015-02-05-china-urges-us",), ("2016-07-08-another-year",)]
    assert renamed == build(minimal.root).pages["topics/thaad.md"].body


def test_a_file_changed_in_the_last_two_seconds_is_parsed_again_next_time(
        minimal: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    settle(minimal)
    minimal.write(ARTICLE_PATH, ARTICLE)  # just now: its stamp could repeat on a coarse clock
    cache = ContentCache()
    check(minimal.root, cache)
    parsed = parses(monkeypatch)
    check(minimal.root, cache)
    assert parsed == [minimal.shown(ARTICLE_PATH)]


# --- the articles checked before (validation.SchemaCache.articles) -----------------------------

SECOND = ARTICLE.replace("2015-02-05-china-urges-us", "2015-02-05-china-repeats-its-objection")
SECOND_PATH = ARTICLE_PATH.replace(".yml", "-again.yml")


def articles_checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = validation._CorpusBuilder._add_article

    def counting(builder: validation._CorpusBuilder, document: reading.Document) -> None:
        seen.append(document.path)
        original(builder, document)

    monkeypatch.setattr(validation._CorpusBuilder, "_add_article", counting)
    return seen


def test_an_article_checked_before_is_checked_again_only_when_it_or_a_registry_changes(
        minimal: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    minimal.write(SECOND_PATH, SECOND)
    settle(minimal)
    cache = ContentCache()
    first = check(minimal.root, cache)
    checked = articles_checked(monkeypatch)
    assert check(minimal.root, cache) == first
    assert checked == []
    # One article saved: that one alone is checked again (the other is the same object).
    saved = minimal.write(SECOND_PATH, SECOND.replace("Hong Lei speaks in Beijing.",
                                                      "Hong Lei again."))
    past = time.time_ns() - 10_000_000_000
    os.utime(saved, ns=(past, past))
    with_cache = check(minimal.root, cache)
    assert [Path(path).name for path in checked] == [saved.name]
    assert with_cache == check(minimal.root)
    # A registry changes (the actor both name is gone): every article is checked again, and
    # the problem shows in both, as without the cache.
    checked.clear()
    (minimal.root / "actors" / "hong-lei.yml").unlink()
    with_cache, without = check(minimal.root, cache), check(minimal.root)
    assert with_cache == without
    assert [d.code for d in with_cache[1]].count("V003") == 2
    assert len(checked) >= 2


def test_an_id_taken_by_a_new_article_is_a_duplicate_though_the_first_was_checked_before(
        minimal: ContentTree) -> None:
    settle(minimal)
    cache = ContentCache()
    check(minimal.root, cache)
    # A copy sorted before the original (its file name is earlier): the original, replayed
    # from the cache, finds its id taken and is checked again.
    minimal.write(ARTICLE_PATH.replace("tass-china", "a-copy-tass-china"), ARTICLE)
    with_cache, without = check(minimal.root, cache), check(minimal.root)
    assert with_cache == without
    assert [d.code for d in with_cache[1]].count("V001") == 1
    # The copy removed: the original is whole again.
    (minimal.root / ARTICLE_PATH.replace("tass-china", "a-copy-tass-china")).unlink()
    assert check(minimal.root, cache) == check(minimal.root)
    assert "V001" not in [d.code for d in check(minimal.root, cache)[1]]
