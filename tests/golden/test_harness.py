"""The golden harness itself: a changed, missing or stale expected file fails; updating fixes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.golden.harness import (
    DIFF_LINES,
    REGENERATE,
    check,
    diagnostics_part,
    expected_files,
    site_part,
)

if TYPE_CHECKING:
    from pathlib import Path

ACTUAL = {"pages/index.md": b"# Home\nnew line\n", "navigation.json": b"[]\n"}


def failure(actual: dict[str, bytes], expected: Path) -> str:
    with pytest.raises(pytest.fail.Exception) as raised:
        check(actual, expected, site_part, regenerate=False)
    return str(raised.value)


def test_a_changed_expected_file_fails_with_a_diff(tmp_path: Path) -> None:
    check(ACTUAL, tmp_path, site_part, regenerate=True)
    (tmp_path / "pages" / "index.md").write_bytes(b"# Home\nold line\n")
    message = failure(ACTUAL, tmp_path)
    assert "--- expected/pages/index.md" in message
    assert "-old line\n+new line" in message
    assert REGENERATE in message
    assert "navigation.json" not in message


def test_missing_and_stale_files_fail(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "gone.md").write_bytes(b"old page\n")
    (tmp_path / "navigation.json").write_bytes(b"[]\n")
    message = failure(ACTUAL, tmp_path)
    assert "missing expected file: pages/index.md" in message
    assert "stale expected file (no longer generated): pages/gone.md" in message


def test_a_difference_in_line_endings_alone_is_reported(tmp_path: Path) -> None:
    check({"exports/all.csv": b"a,b\r\n"}, tmp_path, site_part, regenerate=True)
    message = failure({"exports/all.csv": b"a,b\n"}, tmp_path)
    assert "line endings" in message


def test_long_diffs_are_cut(tmp_path: Path) -> None:
    many = {f"pages/{n:03}.md": b"x\n" for n in range(DIFF_LINES + 40)}
    message = failure(many, tmp_path)
    assert message.startswith(f"golden files differ from {tmp_path}: 0 changed, 120 missing")
    assert "(41 more lines)" in message  # the count, then 120 missing files; 80 lines shown


def test_updating_rewrites_owned_files_only_and_then_passes(tmp_path: Path) -> None:
    (tmp_path / "pages" / "old").mkdir(parents=True)
    (tmp_path / "pages" / "old" / "stale.md").write_bytes(b"stale\n")
    (tmp_path / "diagnostics.txt").write_bytes(b"kept\n")
    check(ACTUAL, tmp_path, site_part, regenerate=True)
    assert expected_files(tmp_path, site_part) == ACTUAL
    assert not (tmp_path / "pages" / "old").exists()  # emptied folders go too
    assert expected_files(tmp_path, diagnostics_part) == {"diagnostics.txt": b"kept\n"}
    check(ACTUAL, tmp_path, site_part, regenerate=False)
