"""YAML and the file system: limits, aliases, encodings, invisible characters, links, FIFOs."""

from __future__ import annotations

import os
import unicodedata
from typing import TYPE_CHECKING

import pytest
import yaml

from generator import reading
from tests.hostile.timing import check_promptly

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import ContentTree

TOPIC = "topics/other.yml"  # beside the valid topic, which its events keep using


def codes_at(tree: ContentTree) -> list[tuple[str, int, int, str]]:
    _, diagnostics = check_promptly(tree.root)
    return [(d.path.removeprefix(str(tree.root) + "/"), d.line, d.column, d.code)
            for d in diagnostics]


def write_bytes(tree: ContentTree, relative: str, data: bytes) -> None:
    path = tree.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# --- limits ---------------------------------------------------------------------------------


def test_file_size_limit(minimal: ContentTree) -> None:
    minimal.write(TOPIC, "title: T\nsummary: " + "x" * reading.MAX_FILE_BYTES + "\n")
    assert codes_at(minimal) == [(TOPIC, 0, 0, "R013")]


def test_nesting_depth_limit(minimal: ContentTree) -> None:
    minimal.write(TOPIC, "title: T\nsummary: S\nrelated: " + "[" * 500 + "]" * 500 + "\n")
    assert codes_at(minimal) == [(TOPIC, 3, 10 + reading.MAX_DEPTH, "Y008")]


def test_string_length_limit(minimal: ContentTree) -> None:
    minimal.write(TOPIC, "title: T\nsummary: " + "x" * (reading.MAX_STRING_CHARS + 1) + "\n")
    assert codes_at(minimal) == [(TOPIC, 2, 10, "Y011")]


def test_number_of_files_limit(minimal: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_FILES", 3)
    [(path, line, column, code)] = codes_at(minimal)
    assert (path, line, column, code) == (str(minimal.root), 0, 0, "R002")


# --- anchors and aliases ----------------------------------------------------------------------


def test_billion_laughs_is_refused_before_expansion(minimal: ContentTree) -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]"
               for i in range(20)]
    minimal.write(TOPIC, "\n".join(levels) + "\n")
    found = codes_at(minimal)
    assert (TOPIC, 1, 4, "Y006") in found
    assert (TOPIC, 2, 8, "Y005") in found
    assert {code for *_, code in found} == {"Y005", "Y006"}


def test_merge_key_with_alias_is_refused(minimal: ContentTree) -> None:
    minimal.write(TOPIC, "base: &b {title: T}\n<<: *b\nsummary: S\n")
    assert [code for *_, code in codes_at(minimal)] == ["Y006", "Y005"]


# --- encodings and characters -----------------------------------------------------------------


def test_non_utf8_bytes(minimal: ContentTree) -> None:
    write_bytes(minimal, TOPIC, b"title: T\nsummary: \xff\xfe\n")
    assert codes_at(minimal) == [(TOPIC, 2, 10, "R014")]


def test_utf16_file_is_not_utf8(minimal: ContentTree) -> None:
    write_bytes(minimal, TOPIC, "title: T\n".encode("utf-16"))
    assert codes_at(minimal) == [(TOPIC, 1, 1, "R014")]


def test_nul_byte(minimal: ContentTree) -> None:
    write_bytes(minimal, TOPIC, b"title: T\nsummary: a\x00b\n")
    assert codes_at(minimal) == [(TOPIC, 2, 11, "Y002")]


def test_tab_used_for_indentation(minimal: ContentTree) -> None:
    minimal.write(TOPIC, "title: T\nsummary: S\nrelated:\n\t- thaad\n")
    assert codes_at(minimal) == [(TOPIC, 4, 1, "Y001")]


def test_lone_surrogate_escape(minimal: ContentTree) -> None:
    minimal.write(TOPIC, 'title: "a\\ud800b"\nsummary: S\n')
    # libyaml refuses the escape itself; the pure-Python parser lets it through to our check.
    expected = (TOPIC, 1, 12, "Y001") if reading._Loader is yaml.CSafeLoader else (
        TOPIC, 1, 8, "Y012")
    assert codes_at(minimal) == [expected]


def test_lone_surrogate_bytes(minimal: ContentTree) -> None:
    write_bytes(minimal, TOPIC, b"title: a\xed\xa0\x80b\nsummary: S\n")
    assert codes_at(minimal) == [(TOPIC, 1, 9, "R014")]


@pytest.mark.parametrize("character", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200f\u202d"])
def test_bidi_override(minimal: ContentTree, character: str) -> None:
    minimal.write(TOPIC, f"title: T\nsummary: abc{character}def\n")
    assert codes_at(minimal) == [(TOPIC, 2, 10, "Y012")]


@pytest.mark.parametrize("escape", ["\\x07", "\\x1b", "\\u0085", "\\x7f", "\\ufeff"])
def test_control_character_written_as_an_escape(minimal: ContentTree, escape: str) -> None:
    minimal.write(TOPIC, f'title: "a{escape}b"\nsummary: S\n')
    assert codes_at(minimal) == [(TOPIC, 1, 8, "Y012")]


def test_raw_control_character(minimal: ContentTree) -> None:
    write_bytes(minimal, TOPIC, b"title: a\x1bb\nsummary: S\n")
    assert codes_at(minimal) == [(TOPIC, 1, 9, "Y002")]


def test_right_to_left_text_itself_is_fine(minimal: ContentTree) -> None:
    minimal.write(TOPIC, "title: نظام ثاد\nsummary: מערכת הגנה\n")
    assert codes_at(minimal) == []


# --- the file system --------------------------------------------------------------------------


def test_symlink_to_a_file_outside(minimal: ContentTree, tmp_path: Path) -> None:
    outside = tmp_path / "passwd.yml"
    outside.write_text("title: secret\nsummary: S\n")
    (minimal.root / "topics" / "leak.yml").symlink_to(outside)
    assert codes_at(minimal) == [("topics/leak.yml", 0, 0, "R004")]


def test_symlink_to_a_file_inside(minimal: ContentTree) -> None:
    (minimal.root / "topics" / "copy.yml").symlink_to(minimal.root / TOPIC)
    assert codes_at(minimal) == [("topics/copy.yml", 0, 0, "R004")]


def test_symlink_to_a_folder_outside(minimal: ContentTree, tmp_path: Path) -> None:
    (tmp_path / "etc").mkdir()
    (minimal.root / "articles" / "2016").symlink_to(tmp_path / "etc")
    assert codes_at(minimal) == [("articles/2016", 0, 0, "R004")]


def test_symlink_to_a_folder_inside(minimal: ContentTree) -> None:
    (minimal.root / "articles" / "2016").symlink_to(minimal.root / "articles" / "2015")
    assert codes_at(minimal) == [("articles/2016", 0, 0, "R004")]


def test_symlink_loop(minimal: ContentTree) -> None:
    (minimal.root / "articles" / "2016").symlink_to(minimal.root / "articles")
    assert codes_at(minimal) == [("articles/2016", 0, 0, "R004")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_never_opened(minimal: ContentTree) -> None:
    os.mkfifo(minimal.root / "topics" / "pipe.yml")  # opening it would block forever
    assert codes_at(minimal) == [("topics/pipe.yml", 0, 0, "R006")]


@pytest.mark.parametrize("name", [".hidden.yml", ".git"])
def test_hidden_entries(minimal: ContentTree, name: str) -> None:
    target = minimal.root / "topics" / name
    if name.endswith(".yml"):
        target.write_text("title: T\nsummary: S\n")
    else:
        target.mkdir()
    assert codes_at(minimal) == [(f"topics/{name}", 0, 0, "R003")]


def test_names_differing_only_in_case_cannot_collide(minimal: ContentTree) -> None:
    minimal.write("topics/Thaad.yml", "title: T\nsummary: S\n")
    assert codes_at(minimal) == [("topics/Thaad.yml", 0, 0, "R011")]


def test_names_equal_after_unicode_normalisation_cannot_collide(minimal: ContentTree) -> None:
    composed, decomposed = "café.yml", unicodedata.normalize("NFD", "café.yml")
    minimal.write(f"actors/{composed}", "name: A\nkind: person\n")
    minimal.write(f"actors/{decomposed}", "name: B\nkind: person\n")
    found = codes_at(minimal)
    assert sorted(code for *_, code in found) == ["R011", "R011"]


def test_look_alike_letters_in_names_are_refused(minimal: ContentTree) -> None:
    minimal.write("topics/th\u0430\u0430d.yml", "title: T\nsummary: S\n")  # Cyrillic a
    assert [code for *_, code in codes_at(minimal)] == ["R011"]


def test_other_scripts_digits_in_names_are_refused(minimal: ContentTree) -> None:
    minimal.write("articles/２０１５/２０１５-02-05-tass.yml", "title: T\n")
    assert codes_at(minimal) == [("articles/２０１５", 0, 0, "R008")]
