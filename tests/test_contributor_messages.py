"""What a contributor reads (issue 14): every problem of an event in one run, dates written
with slashes read both ways, and refs to an event whose file has errors, in each format."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from generator import cli
from generator.codes import REFERENCE_PATH
from tests.conftest import ARTICLE, ARTICLE_PATH

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import ContentTree

FORMATS = ["text", "json", "github"]
CITING_PATH = "articles/2015/2015-02-06-yonhap-seoul-answers.yml"
CITING = """\
title: Seoul answers Beijing
publisher: Yonhap
url: https://en.yna.co.kr/view/AEN20150206000000315
published: 2015-02-06
added: 2026-11-27
summary: Seoul says no decision has been made.
events:
  - ref: 2015-02-05-china-urges-us
"""


def check(tree: ContentTree, output: str, capsys: pytest.CaptureFixture[str]
          ) -> list[tuple[int, str, str]]:
    """(line, code, message and hint) of every problem, read back from ``output``."""
    status = cli.main(["check", "--format", output, str(tree.root)])
    out = capsys.readouterr().out
    assert status == 1, out
    if output == "json":
        return [(item["line"], item["code"], f"{item['message']} {item['hint']}")
                for item in json.loads(out)]
    found = []
    for line in out.splitlines():
        if output == "github":
            properties, _, message = line.removeprefix("::error ").partition("::")
            fields = dict(part.split("=", 1) for part in properties.split(","))
            found.append((int(fields["line"]), fields["title"].split()[0],
                          message.replace("%0A", " ")))
        elif ": error: " in line:
            where, _, rest = line.partition(": error: ")
            found.append((int(where.split(":")[-2]), rest.rsplit("[", 1)[1].rstrip("]"), rest))
    return found


@pytest.mark.parametrize("output", FORMATS)
def test_every_problem_of_an_event_comes_in_one_run(minimal: ContentTree, output: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("date: 2015-02-05", "date: 5 Feb 2015")
                  .replace("topics: [thaad]", "topics: [thad]")
                  .replace("actors: [hong-lei]", "actors: [hong-le]")
                  .replace("tags: [diplomacy]", "tags: [diplomcy]"))
    found = check(minimal, output, capsys)
    assert [(line, code) for line, code, _ in found] == [
        (9, "D002"), (12, "V002"), (13, "V003"), (14, "V004")]
    assert "2015-02-05" in found[0][2]
    assert all("Did you mean" in text for _, _, text in found[1:])


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize(("written", "hint"), [
    ("11/29/2026", "Write it as 2026-11-29."),
    ("2026/11/29", "Write it as 2026-11-29."),
    ("03/04/2026", "It reads as 2026-03-04 (month first, as in the United States) or "
                   "2026-04-03 (day first)"),
    ("11/29/26", "with the year in full"),
])
def test_a_date_with_slashes_is_quoted_whole_with_its_readings(
        minimal: ContentTree, output: str, written: str, hint: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("date: 2015-02-05", f"date: {written}"))
    (line, code, text), = check(minimal, output, capsys)
    assert (line, code) == (9, "D002")
    assert f"'{written}'" in text and hint in text, text


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize("breakage", ["a field the schema needs", "a date"])
def test_a_ref_to_an_event_of_a_broken_file_points_at_that_file(
        minimal: ContentTree, output: str, breakage: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    broken = (ARTICLE.replace("    summary: Hong Lei speaks in Beijing.\n", "")
              if breakage == "a field the schema needs"
              else ARTICLE.replace("date: 2015-02-05", "date: 2015-13-05"))
    assert broken != ARTICLE
    minimal.write(ARTICLE_PATH, broken)
    minimal.write(CITING_PATH, CITING)
    found = check(minimal, output, capsys)
    refs = [text for line, code, text in found if code == "V006"]
    assert len(refs) == 1, found
    assert f"which {minimal.shown(ARTICLE_PATH)}:8 defines with errors" in refs[0]
    assert "Did you mean" not in refs[0]


def test_annotations_link_to_the_published_reference_else_the_repository(
        tmp_path: Path) -> None:
    github = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "org/annals",
              "GITHUB_SHA": "abc123"}
    config = tmp_path / "mkdocs.yml"
    assert cli.reference_link("github", github, config) == (
        "https://github.com/org/annals/blob/abc123/docs/reference/diagnostics.md")
    config.write_text("site_name: A\nsite_url: https://annals.example/base/\nplugins: [annals]\n",
                      encoding="utf-8")
    assert cli.reference_link("github", github, config) == (
        "https://annals.example/base/reference/diagnostics/")
    # Outside a workflow, with no site address: the path; people and tools get it always.
    assert cli.reference_link("github", {}, tmp_path / "none.yml") == REFERENCE_PATH
    assert cli.reference_link("text", github, config) == REFERENCE_PATH
    assert cli.reference_link("json", github, config) == REFERENCE_PATH


def test_a_pull_request_annotation_carries_the_clickable_link(
        minimal: ContentTree, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(minimal.root)  # no mkdocs.yml here
    for name, value in {"GITHUB_SERVER_URL": "https://github.com",
                        "GITHUB_REPOSITORY": "org/annals", "GITHUB_SHA": "abc123"}.items():
        monkeypatch.setenv(name, value)
    minimal.write(ARTICLE_PATH, ARTICLE.replace("topics: [thaad]", "topics: [thad]"))
    assert cli.main(["check", "--format", "github", str(minimal.root)]) == 1
    out = capsys.readouterr().out
    assert "https://github.com/org/annals/blob/abc123/docs/reference/diagnostics.md#v002" in out


def test_the_help_names_every_command_in_plain_words(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "``" not in out
    for command in ("check", "new", "render", "post-build", "export", "codes", "stats"):
        assert f"    {command}" in out, command


@pytest.mark.parametrize(("arguments", "warned"), [
    ([], True), (["--format", "atom"], True), (["--format", "csv"], False),
    (["--base-url", "https://example.org/annals/"], False)])
def test_exporting_feeds_without_the_site_address_says_their_links_are_relative(
        minimal: ContentTree, tmp_path: Path, arguments: list[str], warned: bool,
        capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["export", "--content", str(minimal.root), "--out", str(tmp_path / "out"),
                       *arguments])
    err = capsys.readouterr().err
    assert status == 0
    assert ("no --base-url" in err) == warned, err


TEN_MISTAKES = """\
title: China urges United States not to deploy missile defense systems in South Korea
publisher: TASS
url: http://tass.com/en/world/775588
published: 2015-02-05
added: 2026-11-27
summary: China asks the US not to deploy THAAD.
source_language: en
events:
  - id: 2015-02-05-China-urges-us
    date: 5 Feb 2015
    title: China urges the US not to deploy THAAD
    summary: Hong Lei speaks in Beijing.
    topics: [thad]
    actors: [hong-le]
    tags: [diplomcy]
    quotes:
      - text: Consistent and clear.
        by: hong-li
  - id: 2015-02-05-a-second-event
    date: 2015-02-05
    title: A second event
    topics: [thaad]
    distinct_from: [nothing-here]
  - ref: 2015-02-04-no-such-event
"""


@pytest.mark.parametrize("output", FORMATS)
def test_ten_different_mistakes_in_one_file_come_in_one_run_each_at_its_line(
        minimal: ContentTree, output: str, capsys: pytest.CaptureFixture[str]) -> None:
    # Schema problems do not hide the others: the file fails its schema three ways (an unknown
    # field, an id's form, a missing summary) and still gets its dates and ids checked.
    minimal.write(ARTICLE_PATH, TEN_MISTAKES)
    lines = TEN_MISTAKES.splitlines()

    def line_of(text: str) -> int:
        return next(number for number, line in enumerate(lines, 1) if text in line)

    expected = {(line_of("source_language"), "S002"), (line_of("China-urges-us"), "S007"),
                (line_of("5 Feb 2015"), "D002"), (line_of("[thad]"), "V002"),
                (line_of("[hong-le]"), "V003"), (line_of("[diplomcy]"), "V004"),
                (line_of("by: hong-li"), "V005"), (line_of("a-second-event"), "S001"),
                (line_of("nothing-here"), "V009"), (line_of("no-such-event"), "V006")}
    found = {(line, code) for line, code, _ in check(minimal, output, capsys)}
    assert len({code for _, code in expected}) == 10
    assert found == expected


YAML_MISTAKES = {
    # name: (old, new, line of the mistake, words of the message, words of the hint)
    "a field indented too far": ("    title: China", "     title: China", 10,
                                 "'title:' is indented more than the field above it",
                                 "at column 5"),
    "a field indented too little": ("    topics: [thaad]", "   topics: [thaad]", 12,
                                    "'topics:' is not lined up with the fields above it",
                                    "Indent it to column 5"),
    "no space after a dash": ("  - id: 2015", "  -id: 2015", 8,
                              "a list item starts with '-' but no space after it",
                              "Write '- id: 2015-02-05-china-urges-us'"),
    "no space after a colon": ("publisher: TASS", "publisher:TASS", 2,
                               "'publisher:TASS' has no space after the colon",
                               "Write 'publisher: TASS'"),
    "an unclosed quote": ("title: China urges United", 'title: "China urges United', 1,
                          "a quotation mark opened here is never closed", "Close the quote"),
    "an unclosed bracket": ("topics: [thaad]", "topics: [thaad", 12,
                            "the list opened with '[' here is not closed with ']'",
                            "Close it on the same line"),
    "': ' in a value": ("summary: Hong Lei speaks", "summary: Hong Lei: speaks", 11,
                        "the text of this value holds ': '", "Put the text in quotes"),
}


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize("mistake", YAML_MISTAKES)
def test_yaml_mistakes_are_said_plainly_at_their_line(
        minimal: ContentTree, output: str, mistake: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    old, new, line, message, hint = YAML_MISTAKES[mistake]
    assert old in ARTICLE
    minimal.write(ARTICLE_PATH, ARTICLE.replace(old, new, 1))
    (found_line, code, text), = check(minimal, output, capsys)
    assert (found_line, code) == (line, "Y001"), text
    assert message in text and hint in text, text
    assert "mapping values" not in text and "indicator" not in text
