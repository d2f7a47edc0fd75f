"""Every diagnostic code: reproduced from a failing input, in every output format, documented."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator import cli, reading
from generator.codes import CODES, REFERENCE_PATH, reference_markdown
from generator.diagnostics import Diagnostic
from generator.reporting import format_diagnostics
from tests.conftest import ARTICLE, ARTICLE_PATH

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.conftest import ContentTree

ROOT = Path(__file__).resolve().parent.parent
OTHER = "topics/other.yml"
SECOND = "articles/2015/2015-02-06-yonhap-report.yml"
HEAD = ARTICLE.split("events:")[0].replace("2015-02-05\nadded", "2015-02-06\nadded")


def article(replace: str, by: str) -> Callable[[ContentTree, pytest.MonkeyPatch], None]:
    def write(tree: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
        assert replace in ARTICLE
        tree.write(ARTICLE_PATH, ARTICLE.replace(replace, by))
    return write


def file(relative: str, text: str) -> Callable[[ContentTree, pytest.MonkeyPatch], None]:
    def write(tree: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
        tree.write(relative, text)
    return write


def raw(relative: str, data: bytes) -> Callable[[ContentTree, pytest.MonkeyPatch], None]:
    def write(tree: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
        (tree.root / relative).write_bytes(data)
    return write


def too_many_files(tree: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_FILES", 2)


def link(tree: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    (tree.root / "topics" / "link.yml").symlink_to(tree.root / "topics" / "thaad.yml")


def fifo(tree: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    os.mkfifo(tree.root / "topics" / "pipe.yml")


def topics_file(tree: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    (tree.root / "articles" / "2015" / "x").mkdir()


def unreadable(tree: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root every file is readable: make opening fail the way a vanished file does.
    real_open = os.open

    def failing_open(path: str, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith("thaad.yml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", failing_open)


def second(events: str) -> Callable[[ContentTree, pytest.MonkeyPatch], None]:
    return file(SECOND, HEAD + "events:\n" + events)


WAYBACK = "https://web.archive.org/web/20150206093000/http://tass.com/en/world/775588"
DUPLICATE_LOOKING = """\
  - id: 2015-02-06-china-urges-us-again
    date: 2015-02-06
    title: China urges the US not to deploy THAAD again
    summary: A similar report.
    topics: [thaad]
"""

PLACE = "name: Seongju\nprecision: region\nlatitude: 35.919119\nlongitude: 128.283019\n" \
        "geonames: 1846898\n"
"""A place file (the GeoNames id is only a well-formed number: nothing here is looked up)."""


def places(then: Callable[[ContentTree, pytest.MonkeyPatch], None]
           ) -> Callable[[ContentTree, pytest.MonkeyPatch], None]:
    """A content folder with a places registry (Beijing, Seongju), then ``then``'s change."""
    def write(tree: ContentTree, monkeypatch: pytest.MonkeyPatch) -> None:
        tree.write("places/beijing.yml", "name: Beijing\nprecision: city\n")
        tree.write("places/seongju.yml", PLACE)
        then(tree, monkeypatch)
    return write


REPRODUCERS: dict[str, Callable[[ContentTree, pytest.MonkeyPatch], None]] = {
    "R001": lambda tree, mp: None,  # the check below is pointed at a missing folder
    "R002": too_many_files,
    "R003": file("topics/.hidden.yml", "title: T\n"),
    "R004": link,
    "R005": file("articles/2016", "not a folder\n"),
    "R006": fifo,
    "R007": file("notes.md", "notes\n"),
    "R008": file("articles/recent/2015-02-05-x.yml", "title: T\n"),
    "R009": file("articles/2015/tass.yml", "title: T\n"),
    "R010": file("articles/2016/2015-02-05-x.yml", "title: T\n"),
    "R011": file("actors/Hong Lei.yaml", "name: H\nkind: person\n"),
    "R012": unreadable,
    "R013": file(OTHER, "title: " + "x" * reading.MAX_FILE_BYTES + "\n"),
    "R014": raw("topics/thaad.yml", b"title: caf\xe9\n"),
    "R015": file("topics/" + "t" * (reading.MAX_NAME_CHARS + 1) + ".yml", "title: T\nsummary: S\n"),
    "R016": file("actors/aux.yml", "name: A\nkind: person\n"),
    "R017": file("actors/index.yml", "name: I\nkind: person\n"),
    "Y001": file(OTHER, "title: A\nsummary: one: two\n"),
    "Y002": raw("topics/thaad.yml", b"title: a\x00b\nsummary: S\n"),
    "Y003": file(OTHER, ""),
    "Y004": file(OTHER, "title: A\n---\ntitle: B\n"),
    "Y005": file(OTHER, "title: A\nsummary: *x\n"),
    "Y006": file(OTHER, "title: &x A\nsummary: S\n"),
    "Y007": file(OTHER, "title: !!str A\nsummary: S\n"),
    "Y008": file(OTHER, "title: " + "[" * 20 + "]" * 20 + "\n"),
    "Y009": file(OTHER, "? [a, b]\n: c\n"),
    "Y010": file(OTHER, "title: A\ntitle: B\nsummary: S\n"),
    "Y011": file(OTHER, "title: " + "x" * (reading.MAX_STRING_CHARS + 1) + "\nsummary: S\n"),
    "Y012": file(OTHER, 'title: "a\\u202eb"\nsummary: S\n'),
    "Y013": file(OTHER, 'title: "\\u200b\\u3164 "\nsummary: S\n'),
    "S001": file(OTHER, "title: A\n"),
    "S002": file(OTHER, "title: A\nsummary: S\ncolour: red\n"),
    "S003": file(OTHER, "title: A\nsummary: S\nrelated: thaad\n"),
    "S004": article("topics: [thaad]", "topics: []"),
    "S005": file(OTHER, "title: ''\nsummary: S\n"),
    "S006": file(OTHER, "title: " + "x" * 201 + "\nsummary: S\n"),
    "S007": article("id: 2015-02-05-china-urges-us", "id: China Urges"),
    "S008": article("actors: [hong-lei]", "actors: [hong-lei, hong-lei]"),
    "S009": file("actors/other.yml", "name: O\nkind: persn\n"),
    "S010": article("actors: [hong-lei]",
                    "actors: [" + ", ".join(f"a{n}" for n in range(51)) + "]"),
    "V001": file(SECOND, ARTICLE.replace("2015-02-05\nadded", "2015-02-06\nadded")),
    "V002": article("topics: [thaad]", "topics: [thad]"),
    "V003": article("actors: [hong-lei]", "actors: [hong-li]"),
    "V004": article("tags: [diplomacy]", "tags: [diplomatic]"),
    "V005": article("tags: [diplomacy]",
                    "tags: [diplomacy]\n    quotes: [{text: Words., by: nobody}]"),
    "V006": second("  - ref: 2015-02-05-china-urges-uss\n"),
    "V007": article("tags: [diplomacy]", "tags: [diplomacy]\n  - ref: 2015-02-05-china-urges-us"),
    "V008": second("  - ref: 2015-02-05-china-urges-us\n  - ref: 2015-02-05-china-urges-us\n"),
    "V009": article("tags: [diplomacy]", "tags: [diplomacy]\n    distinct_from: [nothing]"),
    "V010": article("published: 2015-02-05", "published: 2015-02-04"),
    "V011": article("http://tass.com", "http://user@tass.com"),
    "D001": article("added: 2026-11-27", "added: 2026-02-30"),
    "V012": article("id: 2015-02-05-china-urges-us", "id: periods"),
    "D002": article("date: 2015-02-05", "date: 5 Feb 2015"),
    "D003": article("added: 2026-11-27", "added: 2199-11-27"),
    "D004": article("added: 2026-11-27", "added: 2015-02-04"),
    "W001": second(DUPLICATE_LOOKING),
    "L001": article("added: 2026-11-27", "added: 2026-11-27\nlanguage: xx"),
    "L002": article("added: 2026-11-27", "added: 2026-11-27\nlanguage: kor"),
    "L003": article("tags: [diplomacy]",
                    "tags: [diplomacy]\n    quotes: [{text: Words., by: hong-lei, language: ko}]"),
    "L004": article("tags: [diplomacy]", "tags: [diplomacy]\n    quotes: [{text: Words., "
                    "by: hong-lei, language: en, translation: {text: Words., by: curators}}]"),
    "L005": article("tags: [diplomacy]",
                    "tags: [diplomacy]\n    quotes: [{text: 이 사건 협정이, by: hong-lei}]"),
    "L006": article("tags: [diplomacy]", "tags: [diplomacy]\n    quotes: [{text: 이 사건, "
                    "by: hong-lei, language: ko, translation: {text: This case., by: curators, "
                    "url: 'https://example.com/'}}]"),
    "A001": article("added: 2026-11-27", f"added: 2026-11-27\narchive_url: {WAYBACK}"),
    "A002": article("added: 2026-11-27",
                    f"added: 2026-11-27\narchive_url: {WAYBACK}\narchived: 2014-01-01"),
    "A003": article("added: 2026-11-27",
                    f"added: 2026-11-27\narchive_url: {WAYBACK}\narchived: 2015-02-07"),
    "W002": article("added: 2026-11-27", "added: 2026-11-27\ngone: 2026-11-01"),
    "W003": lambda tree, mp: None,  # the check below is run with --warn-unarchived
    "P001": places(article("tags: [diplomacy]", "tags: [diplomacy]\n    places: [Beijng]")),
    "P002": places(file("places/seongju.yml", PLACE.replace("35.919119", "95.919119"))),
    "P003": places(file("places/seongju.yml", PLACE.replace("longitude: 128.283019\n", ""))),
    "P004": places(file("places/seongju.yml", PLACE.replace("geonames: 1846898\n", ""))),
    "P005": places(file("places/seongju-county.yml", PLACE)),
}

TEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): "
                       r".+ \[(?P<code>[A-Z]\d{3})\]$")
# GitHub's workflow command syntax: ::command key=value,key=value::message, with %, CR, LF
# escaped in the message and also : and , in property values.
ANNOTATION = re.compile(
    r"^::(?P<severity>error|warning) file=(?P<file>[^,:\n]+)(?:,line=(?P<line>\d+),col=\d+)?"
    r",title=(?P<code>[A-Z]\d{3}) [^,:\n]+::(?P<message>[^\r\n]+)$")


def run_check(minimal: ContentTree, code: str, output: str, monkeypatch: pytest.MonkeyPatch,
              capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    REPRODUCERS[code](minimal, monkeypatch)
    target = minimal.root / "missing" if code == "R001" else minimal.root
    flags = ["--warn-unarchived"] if code == "W003" else []
    status = cli.main(["check", "--format", output, *flags, str(target)])
    return status, capsys.readouterr().out


@pytest.mark.parametrize("code", sorted(REPRODUCERS))
def test_code_in_text_format(code: str, minimal: ContentTree, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run_check(minimal, code, "text", monkeypatch, capsys)
    matches = [m for m in map(TEXT_LINE.match, out.splitlines()) if m and m["code"] == code]
    assert matches, out
    assert status == (0 if code.startswith("W") else 1)


@pytest.mark.parametrize("code", sorted(REPRODUCERS))
def test_code_in_json_format(code: str, minimal: ContentTree, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run_check(minimal, code, "json", monkeypatch, capsys)
    found = [item for item in json.loads(out) if item["code"] == code]
    assert found, out
    item = found[0]
    assert set(item) == {"path", "line", "column", "severity", "code", "title", "message",
                         "hint", "url"}
    assert item["url"] == f"{REFERENCE_PATH}#{code.lower()}"
    assert item["severity"] == ("warning" if code.startswith("W") else "error")
    assert item["title"] == CODES[code].title


@pytest.mark.parametrize("code", sorted(REPRODUCERS))
def test_code_in_github_format(code: str, minimal: ContentTree, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run_check(minimal, code, "github", monkeypatch, capsys)
    lines = out.splitlines()
    assert lines and all(ANNOTATION.match(line) for line in lines), out
    assert any(m and m["code"] == code for m in map(ANNOTATION.match, lines)), out


def test_github_annotation_exact_syntax(minimal: ContentTree,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("actors: [hong-lei]", "actors: [hong-li]"))
    assert cli.main(["check", "--format", "github", "--docs-url", "https://x.test/codes",
                     str(minimal.root)]) == 1
    out = capsys.readouterr().out
    path = minimal.shown(ARTICLE_PATH).replace(":", "%3A").replace(",", "%2C")
    assert out == (
        f"::error file={path},line=13,col=14,title=V003 unknown actor::unknown actor "
        "'hong-li'%0AHint: Did you mean 'hong-lei'? Known ids are the names in "
        "content/actors/; add it there first if it is new.%0ASee https://x.test/codes#v003\n")


def test_github_format_escapes_newlines_percent_colons_and_commas() -> None:
    diagnostic = Diagnostic("content/a,b:c.yml", 2, 3, "Y001", "50% done\nnext", "line\r\nend")
    line = format_diagnostics([diagnostic], "github", "d.md")
    assert line == ("::error file=content/a%2Cb%3Ac.yml,line=2,col=3,title=Y001 invalid YAML"
                    "::50%25 done%0Anext%0AHint: line%0D%0Aend%0ASee d.md#y001")
    assert ANNOTATION.match(line)


def test_warnings_fail_only_with_strict(minimal: ContentTree,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    minimal.write(SECOND, HEAD + "events:\n" + DUPLICATE_LOOKING)
    assert cli.main(["check", str(minimal.root)]) == 0
    assert cli.main(["check", "--strict", str(minimal.root)]) == 1
    out = capsys.readouterr().out
    assert "warning: event '2015-02-06-china-urges-us-again' looks like" in out


def test_every_emitted_code_is_documented_and_reproduced() -> None:
    source = "".join(path.read_text() for path in (ROOT / "generator").glob("*.py")
                     if path.name != "codes.py")
    emitted = set(re.findall(r'"([RYSVDWLAP]\d{3})"', source))
    assert emitted == set(CODES)
    assert set(REPRODUCERS) == set(CODES) - {"S099"}  # S099: no schema keyword is left for it


def test_reference_page_is_generated_from_the_codes() -> None:
    committed = (ROOT / REFERENCE_PATH).read_text(encoding="utf-8")
    assert committed == reference_markdown(), (
        f"{REFERENCE_PATH} is out of date: run `annals codes --write {REFERENCE_PATH}`")
    for code in CODES:
        assert f"{{ #{code.lower()} }}" in committed
