"""Generated pages with the same Markdown are converted once per build (converted_once)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import generator.plugin
from generator.converted_once import Conversions, ConvertedOnce, convert_once
from tests.site_builder import copy_project

if TYPE_CHECKING:
    from pathlib import Path

    from mkdocs.config.defaults import MkDocsConfig

SKELETON = ("---\ntitle: {title}\n---\n\n<!--annals-slot:0-->\n\n"
            "## 2015 {{ #year_2015 data-search-exclude }}\n\n<!--annals-slot:1-->\n")


@pytest.fixture
def config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nmarkdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n",
        encoding="utf-8")
    loaded = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    loaded.plugins.on_startup(command="build", dirty=False)
    return loaded


@pytest.fixture
def conversions_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown texts MkDocs converts (``Page.render`` converts a page's Markdown)."""
    converted: list[str] = []
    original = Page.render

    def render(self: Page, config: MkDocsConfig, files: Files) -> None:
        converted.append(self.markdown or "")
        original(self, config, files)

    monkeypatch.setattr(Page, "render", render)
    return converted


def rendered(config: MkDocsConfig, texts: dict[str, str],
             conversions: Conversions | None = None) -> tuple[list[Page], Files]:
    files = Files([File.generated(config, uri, content=text) for uri, text in texts.items()])
    pages = [Page(None, file, config) for file in files]
    if conversions is not None:
        convert_once(pages, conversions)
    for page in pages:
        page.read_source(config)
        page.render(config, files)
    return pages, files


def test_pages_of_the_same_text_share_one_conversion_and_show_the_same(
        config: MkDocsConfig, conversions_counted: list[str]) -> None:
    texts = {f"topics/t/2015/{month:02d}.md": SKELETON.format(title=f"Month {month}")
             for month in range(1, 6)}
    plain, _ = rendered(config, texts)
    assert len(conversions_counted) == 5
    conversions_counted.clear()
    shared, _ = rendered(config, texts, {})
    assert len(conversions_counted) == 1  # the other four took the first one's
    for alone, once in zip(plain, shared, strict=True):
        assert isinstance(once, ConvertedOnce)
        assert once.content == alone.content
        assert once.title == alone.title  # each keeps its own front matter's title
        assert [(item.id, item.title) for item in once.toc] == [
            (item.id, item.title) for item in alone.toc] == [("year_2015", "2015")]
        assert once.present_anchor_ids == alone.present_anchor_ids == {"year_2015"}
        # MkDocs checks the links to the page's own headings: against this page's file.
        assert once.links_to_anchors == {once.file: {"year_2015": "#year_2015"}}
        assert alone.links_to_anchors == {alone.file: {"year_2015": "#year_2015"}}
    # A page's table of contents is its own, as a theme may mark entries of one page.
    assert len({id(page.toc.items[0]) for page in shared}) == len(shared)


def test_different_texts_are_each_converted(config: MkDocsConfig,
                                            conversions_counted: list[str]) -> None:
    texts = {"a.md": SKELETON.format(title="A"),
             "b.md": SKELETON.format(title="B").replace("2015", "2016")}
    pages, _ = rendered(config, texts, {})
    assert len(conversions_counted) == 2
    assert [item.id for page in pages for item in page.toc] == ["year_2015", "year_2016"]


def test_a_conversion_with_a_link_to_another_file_is_not_shared(
        config: MkDocsConfig, conversions_counted: list[str]) -> None:
    # MkDocs writes such a link relative to each page: one page's HTML is wrong for another.
    body = "Read [the other](other.md) first.\n"
    texts = {"x/one.md": body, "x/index.md": body, "x/other.md": "# Other\n"}
    pages, _ = rendered(config, texts, {})
    assert len(conversions_counted) == 3
    one, index, _ = pages
    assert 'href="../other/"' in str(one.content)
    assert 'href="other/"' in str(index.content)


def test_a_page_another_plugin_made_is_left_as_it_is(config: MkDocsConfig) -> None:
    class Theirs(Page):
        pass

    file = File.generated(config, "p.md", content="x")
    page = Theirs(None, file, config)
    convert_once([page], {})
    assert type(page) is Theirs


def test_a_site_is_the_same_with_its_conversions_shared(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, conversions_counted: list[str]) -> None:
    project = copy_project(tmp_path / "project")
    settings = project / "mkdocs.yml"
    # Split, the topic has month pages: the same skeletons again and again.
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "      feed_entries: 50\n", "      feed_entries: 50\n      split_threshold: 10\n"),
        encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setenv("ANNALS_HISTORY", "0")

    def built(site: str) -> dict[str, str]:
        build(load_config(str(settings), site_dir=str(tmp_path / site), strict=True))
        return {str(path.relative_to(tmp_path / site)): path.read_text(encoding="utf-8")
                for path in (tmp_path / site).rglob("*.html")}

    shared = built("shared")
    shared_conversions = len(conversions_counted)
    conversions_counted.clear()
    monkeypatch.setattr(generator.plugin, "convert_once", lambda pages, conversions: None)
    alone = built("alone")
    assert len(conversions_counted) > 2 * shared_conversions  # most took another's conversion
    assert shared.keys() == alone.keys()
    assert [uri for uri in shared if shared[uri] != alone[uri]] == []
