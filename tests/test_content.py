"""The repository's own content and schemas: valid, wired for editors, and complete."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.pipeline import build, check
from generator.validation import SCHEMA_DIR

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SCHEMA_COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)\n")
SCHEMA_OF = {"topics": "topic", "actors": "actor", "places": "place", "articles": "article"}


def content_files() -> list[Path]:
    return sorted(CONTENT.rglob("*.yml"))


@pytest.mark.parametrize("name", ["article", "topic", "actor", "place", "tags"])
def test_schemas_are_valid_json_schema(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)


def test_every_content_file_names_its_schema_for_editors() -> None:
    for path in content_files():
        match = SCHEMA_COMMENT.match(path.read_text(encoding="utf-8"))
        assert match, f"{path} does not start with the yaml-language-server comment"
        folder = path.relative_to(CONTENT).parts[0]
        expected = SCHEMA_OF.get(folder, "tags")
        target = (path.parent / match.group(1)).resolve()
        assert target == (SCHEMA_DIR / f"{expected}.schema.json").resolve(), path


def test_every_content_file_passes_its_schema_directly() -> None:
    # The same check an editor makes, independent of Annals' own validator.
    for path in content_files():
        schema_name = SCHEMA_OF.get(path.relative_to(CONTENT).parts[0], "tags")
        schema = json.loads((SCHEMA_DIR / f"{schema_name}.schema.json").read_text())
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        errors = list(Draft202012Validator(schema).iter_errors(data))
        assert errors == [], (path, [e.message for e in errors])


def test_real_corpus_is_valid_and_large_enough() -> None:
    corpus, diagnostics = check(CONTENT)
    assert diagnostics == []
    assert len(corpus.articles) >= 30
    assert len(corpus.topic_events("thaad")) >= 40
    assert len(corpus.topics) >= 3
    multi_topic = [event for event in corpus.events if len(event.topics) > 1]
    assert multi_topic, "events in several topics must be exercised"
    assert any(len(event.sources) > 1 for event in corpus.events), "some event is cited by ref"


def test_seed_article_and_its_two_events() -> None:
    corpus, _ = check(CONTENT)
    seed = corpus.articles["2015-02-05-tass-china-urges-us-not-to-deploy-thaad"]
    assert (seed.publisher, seed.url) == ("TASS", "http://tass.com/en/world/775588")
    assert seed.event_ids[:2] == ("2015-02-04-chang-wanquan-raises-thaad-in-seoul",
                                  "2015-02-05-china-urges-us-not-to-deploy-thaad")
    chang = corpus.events_by_id["2015-02-04-chang-wanquan-raises-thaad-in-seoul"]
    assert chang.when.label() == "4 February 2015"
    assert {"chang-wanquan", "han-min-koo"} <= set(chang.actors)


def test_rendering_is_deterministic() -> None:
    first, second = build(CONTENT), build(CONTENT)
    assert {uri: page.markdown() for uri, page in first.pages.items()} == {
        uri: page.markdown() for uri, page in second.pages.items()}


def schema_fields(schema: dict[str, object], where: str) -> list[tuple[str, dict[str, object]]]:
    """Every property of a schema, nested ones and those of its $defs included."""
    found: list[tuple[str, dict[str, object]]] = []
    properties = schema.get("properties", {})
    assert isinstance(properties, dict)
    for name, sub in properties.items():
        found.append((f"{where}.{name}", sub))
        found += schema_fields(sub, f"{where}.{name}")
        items = sub.get("items")
        if isinstance(items, dict):
            found += schema_fields(items, f"{where}.{name}[]")
    definitions = schema.get("$defs", {})
    assert isinstance(definitions, dict)
    for name, sub in definitions.items():
        found += schema_fields(sub, f"{where}#{name}")
    return found


@pytest.mark.parametrize("name", ["article", "topic", "actor", "place", "tags"])
def test_every_schema_field_has_title_description_and_examples(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    fields = schema_fields(schema, name)
    assert fields
    for where, field in fields:
        for key in ("title", "description", "examples"):
            assert field.get(key), f"{where} has no {key}"


BAD_SAMPLES = sorted((Path(__file__).parent / "schema_samples" / "bad").glob("*.yml"))


@pytest.mark.parametrize("sample", BAD_SAMPLES, ids=lambda path: path.stem)
def test_known_bad_samples_fail_the_schema_as_an_editor_sees_it(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    expected = text.splitlines()[0].removeprefix("# expect: ")
    schema = json.loads((SCHEMA_DIR / f"{sample.stem.split('-')[0]}.schema.json").read_text())
    errors = list(Draft202012Validator(schema).iter_errors(yaml.load(text, Loader=yaml.BaseLoader)))
    assert errors, f"{sample.name} passes its schema"
    assert any(expected in [*map(str, e.absolute_path), e.message] or expected in e.message
               for e in errors), [e.message for e in errors]


def test_near_duplicate_detector_is_silent_on_the_real_corpus() -> None:
    _, diagnostics = check(CONTENT)
    assert [d for d in diagnostics if d.code == "W001"] == []


def test_near_duplicate_detector_finds_a_planted_copy_in_the_real_corpus(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    planted = content / "articles" / "2015" / "2015-02-06-yonhap-china-warns-us.yml"
    planted.write_text(
        "title: China warns US over missile defence\npublisher: Yonhap\n"
        "url: https://en.yna.co.kr/view/planted\npublished: 2015-02-06\nadded: 2026-11-28\n"
        "summary: A planted near-duplicate.\nevents:\n"
        "  - id: 2015-02-06-chinese-foreign-ministry-urges-us-against-thaad\n"
        "    date: 2015-02-06\n"
        "    title: Chinese foreign ministry urges United States not to deploy THAAD in South "
        "Korea\n    summary: The same statement, reported a day later.\n    topics: [thaad]\n",
        encoding="utf-8")
    _, diagnostics = check(content)
    [warning] = [d for d in diagnostics if d.code == "W001"]
    assert warning.path == str(planted)
    assert "'2015-02-05-china-urges-us-not-to-deploy-thaad'" in warning.message
    assert "ref: 2015-02-05-china-urges-us-not-to-deploy-thaad" in warning.hint
