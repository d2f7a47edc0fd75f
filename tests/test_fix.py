"""``annals check --fix``: each kind of safe fix shown as a diff, written only with --write, and
never a change to a file that cannot be fully read."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from generator import cli
from generator.fixing import fix_text
from tests.conftest import ARTICLE, ARTICLE_PATH

if TYPE_CHECKING:
    from tests.conftest import ContentTree

FIXES = {
    # name: (what the contributor wrote, what --fix writes)
    "an event date in words": ("    date: 2015-02-05\n", "    date: 5 Feb 2015\n"),
    "an event date with slashes": ("    date: 2015-02-05\n", "    date: 2015/2/5\n"),
    "a quoted month in words": ("    date: 2015-02-05\n", '    date: "February 2015"\n'),
    "a publication day with slashes": ("published: 2015-02-05\n", "published: 2015/02/05\n"),
    "trailing spaces": ("publisher: TASS\n", "publisher: TASS   \t\n"),
    "tabs in the indentation": ("    summary: Hong Lei", "\t\tsummary: Hong Lei"),
}


def run(tree: ContentTree, *arguments: str) -> int:
    return cli.main(["check", *arguments, str(tree.root)])


@pytest.mark.parametrize("kind", FIXES)
def test_each_kind_of_fix_is_shown_then_written_only_when_asked(
        minimal: ContentTree, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    canonical, written = FIXES[kind]
    if kind == "a quoted month in words":
        canonical = "    date: 2015-02\n"
    assert canonical in ARTICLE or kind == "a quoted month in words"
    broken = ARTICLE.replace(
        "    date: 2015-02-05\n" if kind == "a quoted month in words" else canonical, written, 1)
    path = minimal.write(ARTICLE_PATH, broken)
    # As written, the check fails, but for trailing spaces (YAML ignores them).
    fails = 0 if kind == "trailing spaces" else 1
    assert run(minimal) == fails
    capsys.readouterr()

    assert run(minimal, "--fix") == fails  # shown, not written
    shown = capsys.readouterr()
    assert f"-{written}" in shown.out and f"+{canonical}" in shown.out, shown.out
    assert "1 file would be fixed" in shown.err
    assert path.read_text(encoding="utf-8") == broken

    assert run(minimal, "--fix", "--write") == 0
    assert "1 file fixed" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == broken.replace(written, canonical, 1)
    assert run(minimal, "--fix") == 0  # nothing left to fix
    assert "0 files would be fixed" in capsys.readouterr().err


def test_a_date_that_reads_two_ways_is_left_for_a_person(
        minimal: ContentTree, capsys: pytest.CaptureFixture[str]) -> None:
    broken = ARTICLE.replace("date: 2015-02-05", "date: 03/04/2015")
    path = minimal.write(ARTICLE_PATH, broken)
    assert run(minimal, "--fix", "--write") == 1
    assert "0 files fixed" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == broken


def test_a_file_that_cannot_be_fully_read_is_never_changed(
        minimal: ContentTree, capsys: pytest.CaptureFixture[str]) -> None:
    # Not UTF-8 (a Latin-1 byte), though its trailing spaces could be fixed.
    path = minimal.root / ARTICLE_PATH
    raw = ARTICLE.replace("publisher: TASS", "publisher: TASS \xe9  ").encode("latin-1")
    path.write_bytes(raw)
    run(minimal, "--fix", "--write")
    assert path.read_bytes() == raw
    # Still not YAML once fixed (a quote never closed): left as it is.
    broken = ARTICLE.replace("    title: China urges the US not to deploy THAAD\n",
                             '    title: "China urges the US not to deploy THAAD   \n')
    assert broken != ARTICLE
    minimal.write(ARTICLE_PATH, broken)
    run(minimal, "--fix", "--write")
    assert (minimal.root / ARTICLE_PATH).read_text(encoding="utf-8") == broken
    assert "0 files fixed" in capsys.readouterr().err


def test_a_link_into_the_content_folder_is_not_followed(minimal: ContentTree) -> None:
    outside = minimal.root.parent / "outside.yml"
    outside.write_text("publisher: TASS   \n", encoding="utf-8")
    link = minimal.root / "articles" / "link.yml"
    link.symlink_to(outside)
    run(minimal, "--fix", "--write")
    assert outside.read_text(encoding="utf-8") == "publisher: TASS   \n"
    assert link.is_symlink()  # neither followed nor replaced by a file


def test_write_needs_fix_and_fix_needs_the_text_format(minimal: ContentTree) -> None:
    assert run(minimal, "--write") == 2
    assert run(minimal, "--fix", "--format", "json") == 2


def test_fixes_are_said_line_by_line() -> None:
    text, changes = fix_text("a: 1  \n\tb: 5 Feb 2015\ndate: 5 Feb 2015 # when\n")
    assert text == "a: 1\n  b: 5 Feb 2015\ndate: 2015-02-05 # when\n"
    assert changes == ["line 1: trailing spaces removed",
                       "line 2: tabs in the indentation made spaces",
                       "line 3: '5 Feb 2015' written as 2015-02-05"]
