"""Reading: strict YAML, positions kept, unsafe files refused, each with its exact diagnostic."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.lookalike import has_visible, is_visible
from generator.reading import FORBIDDEN_CHARS, MAX_FILE_BYTES, forbidden_char, read_content
from tests.conftest import ARTICLE, ARTICLE_PATH

if TYPE_CHECKING:
    from tests.conftest import ContentTree

TOPIC_PATH = "topics/thaad.yml"


def only_problem(tree: ContentTree) -> str:
    result = read_content(tree.root)
    assert len(result.diagnostics) == 1, [d.format() for d in result.diagnostics]
    diagnostic = result.diagnostics[0]
    return f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}:{diagnostic.code}"


def test_scalars_stay_text_without_implicit_types(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH,
               "title: NO\nsummary: 1:30\nregion: 2015-02-05\nrelated: [true, 1e3, ~]\n")
    [document] = read_content(tree.root).documents
    assert document.data == {"title": "NO", "summary": "1:30", "region": "2015-02-05",
                              "related": ["true", "1e3", "~"]}


def test_positions_of_values_and_keys_are_kept(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: T\nrelated:\n  - a\n  - b\n")
    [document] = read_content(tree.root).documents
    assert document.position(("related", 1)) == (document.positions[("related", 1)])
    assert (document.positions[("related", 1)].line, document.positions[("related", 1)].column) \
        == (4, 5)
    assert document.key_positions[("related",)].line == 2


def test_deep_positions_are_found_from_the_text_only_when_asked(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: T\nrelated:\n  - a\n  - b\nregion: R\n")
    [document] = read_content(tree.root).documents
    # Kept on reading: top-level values and list items (an article's events), no more.
    assert set(document.shallow_positions) == {(), ("title",), ("related",), ("related", 0),
                                               ("related", 1), ("region",)}
    assert document._tables is None
    assert (document.position(("region",), key=True).line,
            document.position(("region",), key=True).column) == (5, 1)
    assert document._tables is not None
    assert document.positions[("related", 0)] == document.shallow_positions[("related", 0)]


def test_a_duplicate_key_in_a_nested_mapping_names_the_first_line(tree: ContentTree) -> None:
    tree.write(ARTICLE_PATH, ARTICLE.replace("    topics: [thaad]\n",
                                             "    topics: [thaad]\n    title: Again\n"))
    [problem] = read_content(tree.root).diagnostics
    assert (problem.code, problem.line, problem.column) == ("Y010", 13, 5)
    assert "(first at line 10)" in problem.message


def test_duplicate_key_is_an_error(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: A\nsummary: S\ntitle: B\n")
    assert only_problem(tree) == f"{tree.shown(TOPIC_PATH)}:3:1:Y010"


def test_anchor_is_an_error(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: &t A\nsummary: S\n")
    assert only_problem(tree) == f"{tree.shown(TOPIC_PATH)}:1:8:Y006"


def test_alias_is_an_error_before_any_expansion(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: A\nsummary: *t\n")
    assert only_problem(tree).endswith(":2:10:Y005")


def test_billion_laughs_is_refused_quickly(tree: ContentTree) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]"
              for i in range(8)]
    tree.write(TOPIC_PATH, "\n".join(lines) + "\n")
    result = read_content(tree.root)
    assert result.documents == []
    assert {d.code for d in result.diagnostics} == {"Y005", "Y006"}


def test_custom_tag_is_an_error(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: !!python/object:os.system echo\nsummary: S\n")
    assert only_problem(tree).endswith(":1:8:Y007")


def test_standard_tag_is_an_error_too(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: !!str A\nsummary: S\n")
    assert only_problem(tree).endswith(":1:8:Y007")


def test_multiple_documents_are_an_error(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: A\n---\ntitle: B\n")
    assert only_problem(tree).endswith(":2:1:Y004")


def test_empty_file_is_an_error(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "")
    assert only_problem(tree).endswith(":1:1:Y003")


def test_syntax_error_has_position_and_hint(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: A\nsummary: one: two\n")
    result = read_content(tree.root)
    [diagnostic] = result.diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (2, 13, "Y001")
    assert "quotes" in diagnostic.hint and ": " in diagnostic.message


def test_tab_indentation_is_reported(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: A\nrelated:\n\t- b\n")
    [diagnostic] = read_content(tree.root).diagnostics
    assert (diagnostic.line, diagnostic.code) == (3, "Y001")
    assert diagnostic.hint == "Indent with spaces, never tabs."


def test_complex_key_is_an_error(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "? [a, b]\n: c\ntitle: A\n")
    assert only_problem(tree).endswith(":1:3:Y009")


def test_non_utf8_bytes_are_reported_with_position(tree: ContentTree) -> None:
    path = tree.root / TOPIC_PATH
    path.parent.mkdir(parents=True)
    path.write_bytes(b"title: A\nsummary: caf\xe9\n")
    assert only_problem(tree) == f"{tree.shown(TOPIC_PATH)}:2:13:R014"


def test_bidi_override_in_text_is_reported(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, 'title: "abc\\u202edef"\nsummary: S\n')
    assert only_problem(tree).endswith(":1:8:Y012")


def test_control_character_is_reported(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: a\x07b\nsummary: S\n")
    diagnostic = read_content(tree.root).diagnostics[0]
    assert (diagnostic.line, diagnostic.code) == (1, "Y002")


def test_deep_nesting_is_refused(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: " + "[" * 40 + "]" * 40 + "\n")
    assert only_problem(tree).endswith("Y008")


def test_oversized_file_is_refused_unread(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: " + "x" * MAX_FILE_BYTES + "\n")
    assert only_problem(tree) == f"{tree.shown(TOPIC_PATH)}:0:0:R013"


def test_symlinked_file_is_refused(tree: ContentTree, tmp_path: object) -> None:
    target = tree.write("../outside.yml", "title: secret\n")
    (tree.root / "topics").mkdir()
    (tree.root / TOPIC_PATH).symlink_to(target)
    assert only_problem(tree) == f"{tree.shown(TOPIC_PATH)}:0:0:R004"


def test_symlinked_folder_is_refused(tree: ContentTree) -> None:
    outside = tree.root.parent / "elsewhere"
    outside.mkdir()
    (outside / "x.yml").write_text("title: secret\n")
    (tree.root / "topics").symlink_to(outside)
    assert only_problem(tree) == f"{tree.shown('topics')}:0:0:R004"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_opening(tree: ContentTree) -> None:
    (tree.root / "topics").mkdir()
    os.mkfifo(tree.root / TOPIC_PATH)
    assert only_problem(tree) == f"{tree.shown(TOPIC_PATH)}:0:0:R006"


def test_hidden_file_is_refused(tree: ContentTree) -> None:
    tree.write("topics/.thaad.yml", "title: A\n")
    assert only_problem(tree).endswith(":0:0:R003")


@pytest.mark.parametrize("name", ["THAAD.yml", "thaad.yaml", "thaad_dispute.yml", "thaad.yml.bak"])
def test_badly_named_registry_file_is_refused(tree: ContentTree, name: str) -> None:
    tree.write(f"topics/{name}", "title: A\n")
    assert only_problem(tree).endswith(":0:0:R011")


@pytest.mark.parametrize("name", ["tass.yml", "2015-2-5-tass.yml", "2015-02-05_tass.yml"])
def test_badly_named_article_file_is_refused(tree: ContentTree, name: str) -> None:
    tree.write(f"articles/2015/{name}", "title: A\n")
    assert only_problem(tree).endswith(":0:0:R009")


def test_article_in_the_wrong_year_folder_is_refused(tree: ContentTree) -> None:
    tree.write("articles/2016/2015-02-05-tass.yml", "title: A\n")
    result = read_content(tree.root)
    assert [d.code for d in result.diagnostics] == ["R010"]
    assert "content/articles/2015/" in result.diagnostics[0].hint


def test_unexpected_file_in_content_is_refused(tree: ContentTree) -> None:
    tree.write("notes.md", "hello\n")
    assert only_problem(tree).endswith(":0:0:R007")


def test_missing_content_folder_is_reported(tree: ContentTree) -> None:
    result = read_content(tree.root / "nope")
    assert [d.code for d in result.diagnostics] == ["R001"]


def test_every_problem_in_one_run(tree: ContentTree) -> None:
    tree.write(TOPIC_PATH, "title: A\ntitle: B\nsummary: &x S\n")
    tree.write("topics/other.yml", "title: *y\n")
    tree.write("notes.md", "x")
    codes = sorted(d.code for d in read_content(tree.root).diagnostics)
    assert codes == ["R007", "Y005", "Y006", "Y010"]


def test_libyaml_parser_is_used_when_available() -> None:
    import yaml

    from generator import reading

    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert reading._Loader is expected


def test_name_with_a_trailing_newline_is_refused(tree: ContentTree) -> None:
    tree.write("topics/thaad.yml\n", "title: A\n")
    assert only_problem(tree).endswith(":0:0:R011")


@pytest.mark.parametrize(("yaml_text", "expected"), [
    ("summary: >-\n  one\n  line\n\n  two\n", "one line\n\ntwo"),
    ("summary: |-\n  one\n  line\n\n  two\n", "one line\n\ntwo"),
    ('summary: "one\n  line\n\n  two"\n', "one line\n\ntwo"),
    ("summary: one\n  line\n\n  two\n", "one line\n\ntwo"),
    ("summary: >-\n  one\n\n\n  two\n", "one\n\ntwo"),
])
def test_paragraphs_are_separated_by_a_blank_line_in_every_style(
        tree: ContentTree, yaml_text: str, expected: str) -> None:
    tree.write(TOPIC_PATH, "title: T\n" + yaml_text)
    [document] = read_content(tree.root).documents
    assert document.data["summary"] == expected


# Any character at all (surrogates and noncharacters too), often among plain text.
ANY_TEXT = st.text(alphabet=st.one_of(st.characters(codec=None), st.sampled_from("ab \n\t")),
                   max_size=30)


@settings(max_examples=2000, deadline=None)
@given(ANY_TEXT)
@example("a\u202eb")
@example("line\nbreak\ttab")
@example("\ufdd0")
@example("\U0010ffff")
@example("\ud800")
def test_the_quick_check_for_forbidden_characters_is_the_search(text: str) -> None:
    found, searched = forbidden_char(text), FORBIDDEN_CHARS.search(text)
    assert (found and found.group()) == (searched and searched.group())


@settings(max_examples=2000, deadline=None)
@given(ANY_TEXT)
@example("   ")
@example(" a ")
@example("\u3164")
def test_the_quick_check_for_visible_text_is_the_full_one(text: str) -> None:
    assert has_visible(text) == any(is_visible(char) for char in text)
