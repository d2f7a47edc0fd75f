"""Ids and file names: none takes a name the site uses, none that a checkout cannot hold.

Refused ids are reported at their file (and, for an event, its line and column) with a fix;
whatever is accepted builds, and writes only file names every file system holds.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest

from generator import cli, reading, urls
from generator.codes import CODES
from generator.exports import write_exports
from generator.pipeline import build
from generator.validation import load_schema
from tests.conftest import ACTOR, ARTICLE, ARTICLE_PATH, TOPIC
from tests.hostile.timing import check_promptly

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import ContentTree


def problems(tree: ContentTree) -> list[tuple[str, int, int, str]]:
    _, diagnostics = check_promptly(tree.root)
    return [(d.path.removeprefix(str(tree.root) + "/"), d.line, d.column, d.code)
            for d in diagnostics]


# --- names the site uses --------------------------------------------------------------------


@pytest.mark.parametrize(("relative", "text"), [
    ("topics/index.yml", TOPIC), ("topics/all.yml", TOPIC), ("actors/index.yml", ACTOR)])
def test_a_topic_or_actor_id_the_site_uses_is_refused(minimal: ContentTree, relative: str,
                                                      text: str) -> None:
    minimal.write(relative, text)
    _, diagnostics = check_promptly(minimal.root)
    [diagnostic] = diagnostics
    assert (diagnostic.path, diagnostic.code) == (minimal.shown(relative), "R017")
    assert "Rename it" in diagnostic.hint


@pytest.mark.parametrize("section", sorted(urls.reserved_ids("event")))
def test_an_event_id_equal_to_a_sections_id_is_refused_at_the_id(minimal: ContentTree,
                                                                 section: str) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("id: 2015-02-05-china-urges-us",
                                                f"id: {section}"))
    _, [diagnostic] = check_promptly(minimal.root)
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (8, 9, "V012")
    assert section in diagnostic.message and "Choose another id" in diagnostic.hint


def test_reserved_ids_are_derived_from_the_paths_the_site_writes() -> None:
    # Every path a topic or an actor id is part of, for each reserved id, meets one the site
    # writes for itself; no other id's does.
    fixed = urls._site_wide_paths()
    for kind in ("topic", "actor"):
        for reserved in urls.reserved_ids(kind) - {urls.INDEX_STEM}:
            assert urls._paths_of(kind, reserved) & fixed, (kind, reserved)
        assert not urls._paths_of(kind, "thaad") & fixed
    assert urls.reserved_ids("topic") >= {"index", "all"}
    assert urls.reserved_ids("actor") >= {"index"}


def test_the_sections_ids_are_the_only_generated_ids_without_an_underscore(
        minimal: ContentTree) -> None:
    # Every id of every generated page: an event's or article's, a section's, or one with "_".
    quote = "    quotes: [{text: Q., by: hong-lei}]\n"
    minimal.write(ARTICLE_PATH, ARTICLE.replace("    tags: [diplomacy]\n",
                                                f"    tags: [diplomacy]\n{quote}"))
    result = build(minimal.root)
    contributor = {e.id for e in result.corpus.events} | set(result.corpus.articles)
    for page in result.pages.values():
        html = page.body
        for found in re.findall(r'\bid="([^"]+)"|\{ #([^\s}]+)', html):
            anchor = found[0] or found[1]
            assert anchor in contributor or "_" in anchor or anchor in urls.SECTIONS.values(), (
                page.uri, anchor)


def test_the_schema_reserves_the_same_event_ids_as_the_url_module() -> None:
    event_id = load_schema("article")["$defs"]["event"]["properties"]["id"]
    assert set(event_id["not"]["enum"]) == set(urls.reserved_ids("event"))
    for reserved in urls.reserved_ids("event"):
        assert reserved in event_id["description"]
        assert reserved in CODES["V012"].explanation


def test_the_reference_names_every_reserved_topic_and_actor_id() -> None:
    for reserved in urls.reserved_ids("topic") | urls.reserved_ids("actor"):
        assert f"'{reserved}'" in CODES["R017"].explanation


# --- names a checkout cannot hold ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["con", "prn", "aux", "nul", "com1", "lpt9", "com0"])
def test_windows_device_names_are_refused(minimal: ContentTree, name: str) -> None:
    minimal.write(f"actors/{name}.yml", ACTOR)
    assert problems(minimal) == [(f"actors/{name}.yml", 0, 0, "R016")]


def test_an_id_longer_than_the_schemas_allow_is_refused(minimal: ContentTree) -> None:
    long = "t" * (reading.MAX_NAME_CHARS + 1)
    minimal.write(f"topics/{long}.yml", TOPIC)
    article = f"articles/2015/2015-02-05-{'x' * reading.MAX_NAME_CHARS}.yml"
    minimal.write(article, ARTICLE)
    assert sorted(problems(minimal)) == sorted([
        (f"topics/{long}.yml", 0, 0, "R015"), (article, 0, 0, "R015")])


def test_the_name_limit_is_the_schemas_limit_of_an_id() -> None:
    schema = load_schema("article")["$defs"]["event"]["properties"]
    assert schema["id"]["maxLength"] == reading.MAX_NAME_CHARS
    assert schema["topics"]["items"]["maxLength"] == reading.MAX_NAME_CHARS
    assert schema["actors"]["items"]["maxLength"] == reading.MAX_NAME_CHARS
    topic = load_schema("topic")["properties"]["related"]["items"]
    assert topic["maxLength"] == reading.MAX_NAME_CHARS


@pytest.mark.parametrize("name", ["THAAD.yml", "Thaad.yml", "thaad.YML", "thäad.yml",
                                  "ｔhaad.yml"])
def test_names_that_differ_only_in_case_or_form_cannot_exist(minimal: ContentTree,
                                                              name: str) -> None:
    # Names are lower-case ASCII: two ids can never fold to one file on a case-insensitive or
    # normalising file system (macOS, Windows).
    minimal.write(f"topics/{name}", TOPIC)
    assert problems(minimal) == [(f"topics/{name}", 0, 0, "R011")]


def test_the_longest_accepted_ids_build_and_every_file_name_fits(minimal: ContentTree,
                                                                 tmp_path: Path) -> None:
    long = "t" * reading.MAX_NAME_CHARS
    actor = "a" * reading.MAX_NAME_CHARS
    minimal.write(f"topics/{long}.yml", TOPIC)
    minimal.write(f"actors/{actor}.yml", ACTOR)
    event = "e" * reading.MAX_NAME_CHARS
    minimal.write("articles/2015/2015-02-05-" + "x" * (reading.MAX_NAME_CHARS - 11) + ".yml",
                  ARTICLE.replace("id: 2015-02-05-china-urges-us", f"id: {event}")
                  .replace("topics: [thaad]", f"topics: [{long}]")
                  .replace("actors: [hong-lei]", f"actors: [{actor}]")
                  .replace("2015-02-05-china", "2015-02-05-chinb"))
    result = build(minimal.root)
    assert result.ok, result.diagnostics  # a possible duplicate of the first event: a warning
    out = tmp_path / "site"
    write_exports(result.corpus, out)
    written = [path.relative_to(out) for path in out.rglob("*")]
    assert any(long in str(path) for path in written)
    for path in [*written, *(urls.page_url(uri) + "index.html" for uri in result.pages)]:
        for part in str(path).split("/"):
            assert len(part.encode()) <= 255


# --- text the writers cannot hold -----------------------------------------------------------


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff"])
def test_noncharacters_xml_refuses_are_refused_by_the_check(minimal: ContentTree,
                                                            char: str) -> None:
    escaped = f"\\U{ord(char):08X}"  # a YAML escape: the file itself stays valid text
    minimal.write(ARTICLE_PATH, ARTICLE.replace("title: China urges the US not to deploy THAAD",
                                                f'title: "{escaped} THAAD"'))
    _, [diagnostic] = check_promptly(minimal.root)
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (10, 12, "Y012")


@pytest.mark.parametrize(("kind", "name", "code_word"), [
    ("actor", "index", "site uses"), ("topic", "all", "site uses"), ("actor", "aux", "Windows"),
    ("topic", "t" * (reading.MAX_NAME_CHARS + 1), "characters long")])
def test_annals_new_refuses_the_names_the_check_refuses(minimal: ContentTree, kind: str,
                                                        name: str, code_word: str,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    extra = (["--name", "N", "--kind", "person"] if kind == "actor"
             else ["--title", "T", "--summary", "S."])
    assert cli.main(["new", kind, name, "--content", str(minimal.root), *extra]) != 0
    assert code_word in capsys.readouterr().err
    assert not (minimal.root / f"{kind}s" / f"{name}.yml").exists()


def test_the_schemas_describe_the_names_the_check_refuses() -> None:
    for kind in ("topic", "actor"):
        description = load_schema(kind)["description"]
        for reserved in urls.reserved_ids(kind):
            assert f"'{reserved}'" in description
        for device in ("con", "prn", "aux", "nul"):
            assert device in description
        assert f"at most {reading.MAX_NAME_CHARS} characters" in description


@pytest.mark.parametrize("event_id", ["p1", "s1", "p-1"])
def test_an_event_id_like_a_json_ld_node_id_keeps_its_own_node(minimal: ContentTree,
                                                                event_id: str) -> None:
    # The JSON-LD graph names actors and sources by short ids; an event's node is #<its id>.
    minimal.write(ARTICLE_PATH, ARTICLE.replace("id: 2015-02-05-china-urges-us",
                                                f"id: {event_id}"))
    result = build(minimal.root)
    body = result.pages["topics/thaad.md"].body
    graph = json.loads(body.split('<script type="application/ld+json">')[1].split("</script>")[0])
    ids = [node["@id"] for node in graph["@graph"]]
    assert len(ids) == len(set(ids)), ids
    assert f"#{event_id}" in ids
