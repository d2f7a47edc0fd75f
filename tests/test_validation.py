"""Validation: each schema and cross-file rule, with the exact diagnostic it produces."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from generator.pipeline import check
from tests.conftest import ARTICLE, ARTICLE_PATH

if TYPE_CHECKING:
    from generator.diagnostics import Diagnostic
    from tests.conftest import ContentTree


def problems(tree: ContentTree) -> list[Diagnostic]:
    return check(tree.root)[1]


def where(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code)


def test_minimal_content_is_valid(minimal: ContentTree) -> None:
    corpus, diagnostics = check(minimal.root)
    assert diagnostics == []
    assert [event.id for event in corpus.events] == ["2015-02-05-china-urges-us"]
    assert corpus.events[0].sources == ("2015-02-05-tass-china-urges-us",)


def test_unknown_actor_names_the_closest_ids(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("actors: [hong-lei]", "actors: [hong-li]"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 13, 14, "V003")
    assert diagnostic.message == "unknown actor 'hong-li'"
    assert diagnostic.hint.startswith("Did you mean 'hong-lei'?")
    assert diagnostic.format().startswith(
        f"{minimal.shown(ARTICLE_PATH)}:13:14: error: unknown actor 'hong-li' Hint: Did you mean")


def test_unknown_topic(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("topics: [thaad]", "topics: [thad]"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 12, 14, "V002")
    assert "'thaad'" in diagnostic.hint


def test_unknown_tag(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("tags: [diplomacy]", "tags: [diplomatic]"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 14, 12, "V004")
    assert "content/tags.yml" in diagnostic.hint


def test_unknown_related_topic(minimal: ContentTree) -> None:
    minimal.write("topics/thaad.yml", "title: T\nsummary: S\nrelated: [nowhere]\n")
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown("topics/thaad.yml"), 3, 11, "V002")


def test_unknown_quote_speaker(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE + "    quotes:\n      - text: Words.\n        by: nobody\n")
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 17, 13, "V005")


def test_duplicate_event_id_points_at_the_first(minimal: ContentTree) -> None:
    second = "articles/2015/2015-02-06-tass-again.yml"
    minimal.write(second, ARTICLE.replace("2015-02-05\nadded", "2015-02-06\nadded"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(second), 8, 9, "V001")
    assert f"{minimal.shown(ARTICLE_PATH)}:8" in diagnostic.hint
    assert "ref: 2015-02-05-china-urges-us" in diagnostic.hint


def test_ref_cites_an_event_and_adds_a_source(minimal: ContentTree) -> None:
    second = "articles/2015/2015-02-06-yonhap-report.yml"
    minimal.write(second, ARTICLE.split("events:")[0].replace("2015-02-05\nadded",
                                                              "2015-02-06\nadded")
                  + "events:\n  - ref: 2015-02-05-china-urges-us\n")
    corpus, diagnostics = check(minimal.root)
    assert diagnostics == []
    assert corpus.events[0].sources == ("2015-02-05-tass-china-urges-us",
                                        "2015-02-06-yonhap-report")


def test_ref_to_a_missing_event(minimal: ContentTree) -> None:
    second = "articles/2015/2015-02-06-yonhap-report.yml"
    minimal.write(second, ARTICLE.split("events:")[0].replace("2015-02-05\nadded",
                                                              "2015-02-06\nadded")
                  + "events:\n  - ref: 2015-02-05-china-urges-uss\n")
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(second), 8, 10, "V006")
    assert "'2015-02-05-china-urges-us'" in diagnostic.hint


def test_ref_to_an_event_of_the_same_article(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE + "  - ref: 2015-02-05-china-urges-us\n")
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 15, 10, "V007")


def test_event_without_topic(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("topics: [thaad]", "topics: []"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 12, 13, "S004")
    assert diagnostic.message == "event 1 field 'topics' must not be empty"


def test_event_missing_its_topics_field(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("    topics: [thaad]\n", ""))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 8, 5, "S001")
    assert diagnostic.message == "event 1 is missing the required field 'topics'"


def test_article_without_events(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.split("events:")[0] + "events: []\n")
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 7, 9, "S004")
    assert "at least one event" in diagnostic.hint


def test_unknown_field_suggests_the_known_one(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("publisher:", "publsher:"))
    missing, unknown = problems(minimal)
    assert where(missing) == (minimal.shown(ARTICLE_PATH), 1, 1, "S001")
    assert where(unknown) == (minimal.shown(ARTICLE_PATH), 2, 1, "S002")
    assert unknown.hint == "Did you mean 'publisher' or 'published'?"


def test_missing_required_field(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("publisher: TASS\n", ""))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 1, 1, "S001")
    assert diagnostic.message == "the file is missing the required field 'publisher'"


def test_wrong_type(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("actors: [hong-lei]", "actors: hong-lei"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 13, 13, "S003")
    assert diagnostic.message == "event 1 field 'actors' must be a list"


def test_bad_event_id(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("id: 2015-02-05-china-urges-us",
                                                "id: China Urges"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 8, 9, "S007")
    assert diagnostic.hint == "For example 'china-urges'."


def test_url_must_be_http(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("http://tass.com", "javascript://tass.com"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 3, 6, "S007")


def test_url_with_credentials_is_refused(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("http://tass.com", "http://user:pw@tass.com"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 3, 6, "V011")


def test_bad_event_date_is_reported_at_the_date(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("date: 2015-02-05", "date: 5 Feb 2015"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 9, 11, "D002")
    assert diagnostic.hint == "Write it as 2015-02-05."


def test_impossible_publication_date(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("added: 2026-11-27", "added: 2026-02-30"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 5, 8, "D001")


def test_file_name_must_match_publication_date(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("published: 2015-02-05", "published: 2015-02-04"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 4, 12, "V010")


def test_every_problem_is_listed_at_once(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("actors: [hong-lei]", "actors: [x, y]")
                  .replace("tags: [diplomacy]", "tags: [z]"))
    minimal.write("topics/bad.yml", "title: T\n")
    codes = [d.code for d in problems(minimal)]
    assert sorted(codes) == ["S001", "V003", "V003", "V004"]


def test_broken_file_does_not_hide_other_events(minimal: ContentTree) -> None:
    minimal.write("articles/2015/2015-02-06-broken.yml", "title: [unclosed\n")
    corpus, diagnostics = check(minimal.root)
    assert [d.code for d in diagnostics] == ["Y001"]
    assert [event.id for event in corpus.events] == ["2015-02-05-china-urges-us"]


@pytest.mark.parametrize(("text", "message"), [
    ("5 Feb 2015", "event date '5 Feb 2015' is not a date in the canonical form"),
    ("2015-02-30", "event date February 2015 has no day 30"),
    ("2015-21", "event date 21 is not a month"),
    ("1066-10-14", "event date year 1066 is outside 1800–2199"),
    ("2016-07-13/2016-07-08", "event date interval '2016-07-13/2016-07-08' ends before it starts"),
    ("2017-03-06T23:00+15:00", "event date +15:00 is not a UTC offset"),
])
def test_each_date_rule_is_reported_at_the_date(minimal: ContentTree, text: str,
                                                message: str) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("date: 2015-02-05", f'date: "{text}"'))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 9, 11, "D002")
    assert diagnostic.message == message


def test_id_with_a_trailing_newline_is_refused(minimal: ContentTree) -> None:
    minimal.write(ARTICLE_PATH, ARTICLE.replace("id: 2015-02-05-china-urges-us",
                                                "id: |\n      2015-02-05-china-urges-us"))
    [diagnostic] = problems(minimal)
    assert where(diagnostic) == (minimal.shown(ARTICLE_PATH), 8, 9, "S007")


def test_a_broken_copy_does_not_push_out_the_original_event(minimal: ContentTree) -> None:
    copy = "articles/2015/2015-01-01-copy.yml"
    minimal.write(copy, ARTICLE.replace("published: 2015-02-05", "published: 2015-02-30"))
    corpus, diagnostics = check(minimal.root)
    assert [(d.path, d.code) for d in diagnostics] == [(minimal.shown(copy), "D001")]
    assert [event.id for event in corpus.events] == ["2015-02-05-china-urges-us"]
    assert corpus.events[0].sources == ("2015-02-05-tass-china-urges-us",)


# --- the compiled fast path agrees with jsonschema ------------------------------------------


def _mutations(data: dict[str, object]) -> list[object]:
    """Variants of a valid document, most of them invalid in one way."""
    variants: list[object] = [data, [], "text", {}]
    for key, value in data.items():
        variants.append({k: v for k, v in data.items() if k != key})  # a field missing
        for replacement in (["x"], {"x": "y"}, "", "x" * 20001, f"{value}\n",
                            f"{value} ", "javascript:alert(1)", "2015-02-30"):
            variants.append({**data, key: replacement})
    variants.append({**data, "unknown_field": "x"})
    return variants


def test_the_fast_schema_check_agrees_with_jsonschema_on_valid_and_broken_documents() -> None:
    from generator.reading import read_content
    from generator.validation import _fast_ok

    documents = read_content("content").documents
    kinds = {document.kind for document in documents}
    assert kinds == {"article", "actor", "topic", "place", "tags"}
    compared = 0
    for document in documents[:40] + [d for d in documents if d.kind != "article"][:10]:
        data = document.data
        variants = _mutations(data)
        if document.kind == "article":
            event = data["events"][0]
            variants += [{**data, "events": [mutated]} for mutated in _mutations(event)]
        for variant in variants:
            mutated = replace(document, data=variant)
            full: list[Diagnostic] = []
            assert _fast_ok(mutated) == _schema_ok_slow(mutated, full), (document.path, variant)
            compared += 1
    assert compared > 1000


def _schema_ok_slow(document: object, diagnostics: list[Diagnostic]) -> bool:
    """jsonschema's verdict alone, with the fast path switched off."""
    from generator import validation

    fast = validation._fast_ok
    validation._fast_ok = lambda _document: False  # type: ignore[assignment]
    try:
        return validation._schema_ok(document, diagnostics)  # type: ignore[arg-type]
    finally:
        validation._fast_ok = fast


def test_an_unknown_related_topic_is_reported_and_left_out_of_the_topic(
        minimal: ContentTree) -> None:
    from generator.pipeline import build

    minimal.write("topics/thaad.yml", "title: THAAD\nsummary: S.\nrelated: [nowhere]\n")
    result = build(minimal.root, show_problems=True)
    assert [d.code for d in result.diagnostics] == ["V002"]
    assert result.corpus.topics["thaad"].related == ()
    # The preview still renders every page, with the problem in its banner.
    page = result.pages["topics/thaad.md"]
    assert "nowhere" in page.body and page.signature == page.signature
