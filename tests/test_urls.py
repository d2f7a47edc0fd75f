"""One URL scheme: the URL module composes every site path, and the layout splits large lists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator import urls
from generator.pipeline import build
from tests.conftest import ARTICLE, ARTICLE_PATH, ContentTree

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
# What a site path or a generated anchor starts with: only generator/urls.py may write these.
SITE_PATH = re.compile(r"(^|[\s\"'=(])"
                       r"(topics|actors|sources|feeds|exports|schema|javascripts|compare)"
                       r"/(\{|[a-z0-9]|$)|^#[a-z0-9{]|(?<![-\w])(year|month|chart)_(?!_)")
# Fragments that are not site anchors, each for its reason.
NOT_SITE_PATHS = {
    "structured.py": "JSON-LD node ids (#p_1, #s_1, #<event>) are fragments of the page itself",
    "reporting.py": "the diagnostics reference is linked by its repository path (an issue of "
                    "its own moves it to the site's URL)",
}


def literals(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string constant of a module, with its line (f-string parts included)."""
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_no_module_but_the_url_module_composes_a_site_path() -> None:
    found = []
    for path in sorted(GENERATOR.rglob("*.py")):
        if path.name == "urls.py" or path.name in NOT_SITE_PATHS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings and SITE_PATH.search(node.value)):
                found.append(f"{path.relative_to(GENERATOR)}:{node.lineno}: {node.value!r}")
    assert not found, "site paths composed outside generator/urls.py:\n" + "\n".join(found)


def test_no_template_composes_a_site_path() -> None:
    found = []
    for path in sorted((GENERATOR / "templates").glob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("{#"):
                continue
            # A link comes from a view, through url() for site paths; an event's own anchor is
            # its id.
            if re.search(r"(href|src)=\"(?!\{(\{ |% if other %\}\{\{ )(url\(|link\.path|link\.href"
                         r"|link\.other"
                         r"|quote\.translation_href|source\.|article\.href|event\."
                         r"edit)|#\{\{ event\.id)", line) or re.search(
                    r"(topics|actors|sources|feeds|exports|schema|compare)/"
                    r"|(year|month|chart)_", line):
                found.append(f"{path.name}:{number}: {line.strip()[:100]}")
    assert not found, "templates must print links from views:\n" + "\n".join(found)


def test_the_url_module_is_imported_by_every_module_that_links() -> None:
    # Its callers import it as a module, never a cycle dodged by an import inside a function.
    for path in sorted(GENERATOR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = [n for n in ast.walk(node) if isinstance(n, ast.ImportFrom)
                         and (n.module or "").startswith("generator")]
                assert not inner, f"{path.name}:{node.lineno} imports generator code inside a " \
                                  "function"


@pytest.mark.parametrize(("file", "url"), [
    ("index.md", ""), ("actors/index.md", "actors/"), ("topics/thaad.md", "topics/thaad/"),
    ("topics/thaad/2016.md", "topics/thaad/2016/"),
    ("topics/thaad/2016/07.md", "topics/thaad/2016/07/"), ("sources.md", "sources/")])
def test_page_files_are_published_as_folders(file: str, url: str) -> None:
    assert urls.page_url(file) == url
    assert urls.root_of(file) + "actors/china/" == "../" * url.count("/") + "actors/china/"


@pytest.mark.parametrize(("file", "path", "link"), [
    ("topics/t/2012.md", "topics/t/2011/#x", "../2011/#x"),
    ("topics/t/2012.md", "topics/n/2012/#x", "../../n/2012/#x"),
    ("topics/t.md", "topics/t/2012/", "2012/"), ("topics/t.md", "actors/a/", "../../actors/a/"),
    ("index.md", "topics/t/", "topics/t/"), ("topics/t.md", "", "../../"),
    ("actors/index.md", "actors/a/", "a/"), ("topics/t/2012/03.md", "topics/t/2012/#y", "../#y"),
    ("topics/t.md", "topics/t/events.json", "events.json"), ("index.md", "", "./")])
def test_links_are_the_shortest_relative_path(file: str, path: str, link: str) -> None:
    assert urls.relative(file, path) == link


def test_a_link_into_the_same_page_is_its_fragment() -> None:
    assert urls.relative("topics/thaad/2016.md", "topics/thaad/2016/#x") == "#x"
    assert urls.relative("topics/thaad.md", "topics/thaad/2016/#x") == "2016/#x"
    assert urls.relative_between("topics/thaad/2016/", "topics/thaad/events.json") == "2016/"


def test_generated_ids_cannot_be_event_ids() -> None:
    # Contributor ids are [a-z0-9-]; every id the site makes has an underscore.
    for made in (urls.year_anchor(2016), urls.month_anchor(2016, 7), urls.chart_id("thaad")):
        assert "_" in made


def test_lists_split_by_year_above_the_threshold_and_by_month_above_it_again() -> None:
    items = [(2015, 1)] * 3 + [(2016, 2)] + [(2016, None)]
    assert not urls.Periods.of(items, 0).split  # 0: never
    assert not urls.Periods.of(items, 5).split
    periods = urls.Periods.of(items, 2)
    assert periods.split and periods.by_month == {2015}
    assert periods.file("topics/t.md", 2015, 1) == "topics/t/2015/01.md"
    assert periods.file("topics/t.md", 2016, 2) == "topics/t/2016.md"
    assert periods.file("topics/t.md", 2016, None) == "topics/t/2016.md"


def test_a_negative_threshold_is_refused(minimal: ContentTree) -> None:
    with pytest.raises(ValueError, match="split threshold"):
        urls.Layout.of(build(minimal.root).corpus, -1)


def test_permalinks_follow_the_split_and_every_page_holds_its_events(tree: ContentTree) -> None:
    from tests.conftest import ACTOR, TAGS, TOPIC
    tree.write("tags.yml", TAGS)
    tree.write("topics/thaad.yml", TOPIC)
    tree.write("actors/hong-lei.yml", ACTOR)
    events = "".join(f"""\
  - id: 2015-0{month}-0{day}-event-{month}-{day}
    date: 2015-0{month}-0{day}
    title: Event {month} {day} happens
    summary: Something happens.
    topics: [thaad]
    actors: [hong-lei]
""" for month in (1, 2) for day in (1, 2, 3))
    tree.write(ARTICLE_PATH, ARTICLE.split("events:")[0] + "events:\n" + events)
    result = build(tree.root, split_threshold=2)
    assert not [d for d in result.diagnostics if d.severity.value == "error"]
    for event in result.corpus.events:
        page, _, anchor = result.layout.event_url(event).partition("#")
        assert page.startswith("topics/thaad/2015/0")
        file = next(uri for uri in result.pages if urls.page_url(uri) == page)
        assert result.pages[file].body.count(f'<h3 id="{anchor}">') == 1
        assert anchor in result.pages[file].anchors
    overview = result.pages["topics/thaad.md"]
    assert "<article" not in overview.body
    assert 'data-map="events.json"' in overview.body
    assert set(result.files) == {"topics/thaad/events.json"}


def test_an_actors_page_splits_at_a_multiple_of_the_threshold(tree: ContentTree) -> None:
    from tests.conftest import ACTOR, TAGS, TOPIC
    tree.write("tags.yml", TAGS)
    tree.write("topics/thaad.yml", TOPIC)
    tree.write("actors/hong-lei.yml", ACTOR)
    count = urls.LINE_WEIGHT["actor"] + 1  # one more line than an actor's page holds
    events = "".join(f"""\
  - id: 2015-01-{day:02d}-event-{day}
    date: 2015-01-{day:02d}
    title: Event number {day} happens in January
    summary: Something happens.
    topics: [thaad]
    actors: [hong-lei]
""" for day in range(1, count + 1))
    tree.write(ARTICLE_PATH, ARTICLE.split("events:")[0] + "events:\n" + events)
    result = build(tree.root, split_threshold=1)
    actor = result.layout.actors["hong-lei"]
    assert actor.split and actor.by_month == {2015}
    assert "actors/hong-lei/2015/01.md" in result.pages
    assert build(tree.root, split_threshold=2).layout.actors["hong-lei"] == urls.Periods()


def test_a_long_actors_index_splits_by_initial(tree: ContentTree) -> None:
    from tests.conftest import TAGS, TOPIC
    tree.write("tags.yml", TAGS)
    tree.write("topics/thaad.yml", TOPIC)
    names = ["Abe", "Ahn", "Baek", "Choi", "Chung", "Han", "Hong", "Kim", "Lee", "이재명"]
    ids = [f"actor-{number}" for number in range(len(names))]
    for actor_id, name in zip(ids, names, strict=True):
        tree.write(f"actors/{actor_id}.yml", f"name: {name}\nkind: person\n")
    tree.write(ARTICLE_PATH, ARTICLE.replace("actors: [hong-lei]", f"actors: [{', '.join(ids)}]"))
    assert len(names) > urls.LINE_WEIGHT["actors"]
    pages = build(tree.root, split_threshold=1).pages
    index = pages["actors/index.md"].body
    assert "annals-actor-index" not in index
    for letter, count in (("a", 2), ("c", 2), ("other", 1)):
        file = urls.actors_letter_file(letter)
        assert f'href="{urls.relative("actors/index.md", urls.page_url(file))}"' in index
        assert pages[file].body.count('<li><a href="../') == count
    assert "이재명" in pages[urls.actors_letter_file("other")].body
    assert "actors/letter_a.md" not in build(tree.root, split_threshold=2).pages
