"""The command line: check, render and stats, exit codes, and never a traceback."""

from __future__ import annotations

import shlex
import subprocess
import sys
from typing import TYPE_CHECKING

from generator import cli
from tests.conftest import ARTICLE, ARTICLE_PATH, ROOT

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from tests.conftest import ContentTree


def test_check_valid_content_prints_a_summary(minimal: ContentTree,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(minimal.root)]) == 0
    out = capsys.readouterr().out
    assert out == (f"{minimal.root}: 1 article, 1 event, 1 topic, 1 actor, 2 tags: "
                   "no errors.\n")


def test_check_lists_every_problem_and_exits_1(minimal: ContentTree,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("actors: [hong-lei]", "actors: [hong-li]")
                  .replace("tags: [diplomacy]", "tags: [diplomatic]"))
    assert cli.main(["check", str(minimal.root)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith(f"{minimal.shown(ARTICLE_PATH)}:13:14: error: unknown actor "
                               "'hong-li' Hint: Did you mean 'hong-lei'?")
    assert lines[1].startswith(f"{minimal.shown(ARTICLE_PATH)}:14:12: error: unknown tag")
    assert len(lines) == 2
    assert captured.err == (f"{minimal.root}: 2 errors. Each code is explained in "
                            "docs/reference/diagnostics.md.\n")


def test_check_a_single_file_reports_only_that_file(minimal: ContentTree,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    minimal.write("topics/broken.yml", "title: T\n")
    assert cli.main(["check", str(minimal.root / ARTICLE_PATH)]) == 0
    assert cli.main(["check", str(minimal.root / "topics/broken.yml")]) == 1
    assert "broken.yml:1:1: error: the file is missing the required field 'summary'" in (
        capsys.readouterr().out)


def test_check_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(tmp_path / "nowhere")]) == 1
    assert "the content folder does not exist" in capsys.readouterr().out


def test_render_writes_markdown_pages(minimal: ContentTree, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli.main(["render", "--content", str(minimal.root), "--out", str(out)]) == 0
    page = (out / "topics" / "thaad.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "THAAD in South Korea"\n---\n')
    assert 'id="2015-02-05-china-urges-us"' in page
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [
        "actors/hong-lei.md", "actors/index.md", "index.md", "sources.md", "topics/thaad.md"]


def test_render_refuses_invalid_content(minimal: ContentTree, tmp_path: Path) -> None:
    minimal.write("topics/broken.yml", "title: T\n")
    assert cli.main(["render", "--content", str(minimal.root), "--out", str(tmp_path / "o")]) == 1
    assert not (tmp_path / "o").exists()


def test_stats_prints_counts_and_spans(minimal: ContentTree,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["stats", "--content", str(minimal.root)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1 article, 1 event, 1 topic, 1 actor, 2 tags",
        "thaad: 1 event, 5 February 2015",
    ]


def test_internal_error_is_reported_without_traceback(
        minimal: ContentTree, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def explode(root: object, **options: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "check", explode)
    assert cli.main(["check", str(minimal.root)]) == 2
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: boom)" in err
    assert "Traceback" not in err


def test_installed_command_runs(minimal: ContentTree) -> None:
    done = subprocess.run([sys.executable, "-m", "generator.cli", "check", str(minimal.root)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "no errors." in done.stdout


def test_a_reader_that_stops_reading_stops_the_command_quietly() -> None:
    # `annals stats | head`: no traceback, no "internal error", no "Exception ignored" (here
    # the reader reads nothing at all, so that the pipe is surely closed before a write).
    script = ("import sys; from generator import cli; "
              "sys.exit(cli.main(['stats', '--content', sys.argv[1]]))")
    done = subprocess.run(
        f"{shlex.quote(sys.executable)} -c {shlex.quote(script)} "
        f"{shlex.quote(str(ROOT / 'content'))} | true",
        shell=True, capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0 and done.stderr == "", done.stderr
