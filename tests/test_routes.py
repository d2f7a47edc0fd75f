"""The tree route in process: ``annals render`` and ``annals post-build``, the site config read
without MkDocs, and the options every route shares."""

from __future__ import annotations

import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
import yaml

from generator import cli, urls
from generator.options import Options, OptionsError
from generator.packaged import asset, schema_files
from generator.pipeline import build
from generator.siteconfig import SiteConfigError, Tagged, dump, load_site_config
from generator.views import SiteName
from tests.site_builder import ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import ContentTree

CONFIG = """\
site_name: Mine
site_url: !ENV [ANNALS_TEST_SITE_URL, ""]
theme:
  name: material
plugins:
  - search
  - annals:
      feed_entries: 5
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
"""


@pytest.fixture
def project(minimal: ContentTree, tmp_path: Path) -> Path:
    """A site folder: mkdocs.yml, one hand-written page, the minimal content."""
    folder = tmp_path / "site-project"
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (folder / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    shutil.copytree(minimal.root, folder / "content")
    return folder


def render(project: Path, out: Path) -> int:
    return cli.main(["render", "--config", str(project / "mkdocs.yml"), "--out", str(out)])


def test_render_writes_a_whole_project_for_a_generator(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "tree"
    assert render(project, out) == 0
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.startswith("# Written by `annals render --config mkdocs.yml`")
    # The other tags are written back as they were; !ENV is read.
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in config
    settings = yaml.load(config, Loader=yaml.BaseLoader)  # tags as text
    assert settings["site_url"] == ""
    assert (settings["docs_dir"], settings["site_dir"]) == ("docs", "site")
    assert settings["plugins"] == ["search"]
    assert settings["nav"] == [{"Home": "index.md"}, {"Topics": [
        {"THAAD in South Korea": "topics/thaad.md"}]}, {"Actors": "actors/index.md"},
        {"Sources": "sources.md"}, "about.md"]
    assert settings["extra_css"] == [urls.STYLESHEET]
    assert settings["extra_javascript"] == [urls.SCRIPT]
    docs = out / "docs"
    assert (docs / "about.md").read_text(encoding="utf-8") == "# About\n"
    page = (docs / "topics" / "thaad.md").read_text(encoding="utf-8")
    assert 'id="2015-02-05-china-urges-us"' in page and "annals-slot" not in page
    for schema in schema_files():
        assert (docs / urls.schema_path(schema.name)).read_bytes() == schema.read_bytes()
    assert (docs / urls.SCRIPT).read_bytes() == asset(urls.SCRIPT)
    assert (docs / urls.feed_paths_for("topic", "thaad")["atom"]).is_file()
    assert (docs / urls.export_path("json")).is_file()


def test_render_again_replaces_the_tree(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "tree"
    assert render(project, out) == 0
    (out / "docs" / "stale.md").write_text("old\n", encoding="utf-8")
    assert render(project, out) == 0
    assert not (out / "docs" / "stale.md").exists()


@pytest.mark.parametrize("where", ["elsewhere", "the project", "its docs"])
def test_render_refuses_a_folder_it_did_not_write(project: Path, tmp_path: Path, where: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = {"elsewhere": tmp_path / "full", "the project": project,
           "its docs": project / "docs" / "tree"}[where]
    out.mkdir(exist_ok=True)
    (out / "keep.txt").write_text("mine\n", encoding="utf-8")
    assert render(project, out) == 1
    assert capsys.readouterr().err.startswith(f"annals render: {out.resolve()} ")
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine\n"


def test_render_with_config_takes_the_options_from_it_alone(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["render", "--config", str(project / "mkdocs.yml"), "--out",
                     str(tmp_path / "t"), "--split-threshold", "3"]) == 2
    assert "--split-threshold is read from the config" in capsys.readouterr().err


def test_render_without_config_writes_the_generated_part_and_a_nav_fragment(
        minimal: ContentTree, tmp_path: Path) -> None:
    out, nav = tmp_path / "out", tmp_path / "nav.yml"
    assert cli.main(["render", "--content", str(minimal.root), "--out", str(out), "--nav",
                     str(nav)]) == 0
    fragment = yaml.safe_load(nav.read_text(encoding="utf-8"))
    assert fragment["nav"][0] == {"Home": "index.md"}
    assert (fragment["extra_css"], fragment["extra_javascript"]) == ([urls.STYLESHEET],
                                                                     [urls.SCRIPT])
    assert (out / urls.SCRIPT).is_file() and (out / urls.export_path("csv")).is_file()


def fake_site(site: Path, project: Path, *, skip: str = "") -> None:
    """A built site as a generator would write it: each page's HTML with its anchors."""
    result = build(project / "content")
    for uri in [*result.pages, "about.md"]:
        if uri == skip:
            continue
        anchors = result.pages[uri].anchors if uri in result.pages else ()
        target = site / urls.page_html(uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("<html><head><title>t</title></head><body>" + "".join(
            f'<p id="{anchor}"></p>' for anchor in anchors) + "</body></html>",
            encoding="utf-8")


def post_build(project: Path, site: Path) -> int:
    return cli.main(["post-build", "--config", str(project / "mkdocs.yml"), "--site",
                     str(site)])


def test_post_build_gives_every_page_its_head_once(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "built"
    fake_site(site, project)
    assert post_build(project, site) == 0
    topic = (site / "topics" / "thaad" / "index.html").read_text(encoding="utf-8")
    head = topic.split("</head>", 1)[0]
    assert '<meta property="og:title" content="THAAD in South Korea">' in head
    assert 'href="../../feeds/topics/thaad.atom"' in head
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../feeds/all.atom"' in about and "og:title" not in about
    assert post_build(project, site) == 0
    assert (site / "topics" / "thaad" / "index.html").read_text(encoding="utf-8") == topic


@pytest.mark.parametrize("skip", ["topics/thaad.md", ""])
def test_post_build_refuses_a_site_without_every_generated_page(
        project: Path, tmp_path: Path, skip: str, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "built"
    fake_site(site, project, skip=skip)
    if not skip:  # the page is there, but not the one Annals generated: its events are gone
        (site / urls.page_html("topics/thaad.md")).write_text("<html><head></head></html>")
    before = sorted((path, path.read_bytes()) for path in site.rglob("*") if path.is_file())
    assert post_build(project, site) == 1
    message = capsys.readouterr().err
    missing = "topics/thaad/" + ("" if skip else " (incomplete)")
    assert message.startswith(f"annals post-build: {site} lacks 1 of the 5 timeline pages "
                              f"({missing}).")
    assert sorted((path, path.read_bytes()) for path in site.rglob("*") if path.is_file()) \
        == before


def test_site_config_reads_env_and_keeps_other_tags(project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNALS_TEST_SITE_URL", "https://example.org/t/")
    site = load_site_config(project / "mkdocs.yml")
    assert site.text("site_url") == "https://example.org/t/"
    assert site.options == Options(feed_entries=5)
    emoji = site.data["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"]
    assert emoji == Tagged("tag:yaml.org,2002:python/name:material.extensions.emoji.twemoji",
                           "")
    assert "!!python/name:material.extensions.emoji.twemoji" in dump(site.data)


@pytest.mark.parametrize(("options", "message"), [
    ("      feed_entry: 5\n", "Annals: unknown option 'feed_entry'"),
    ("      split_threshold: many\n", "Annals: option 'split_threshold' must be a int"),
    ("      search: lunr\n", "Annals: search must be one of material, pagefind, not 'lunr'"),
])
def test_a_bad_option_is_refused_with_its_name(project: Path, options: str, message: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(CONFIG.replace("      feed_entries: 5\n", options), encoding="utf-8")
    with pytest.raises(SiteConfigError, match=f"^{config}: {message}"):
        load_site_config(config)


def test_a_config_without_the_plugin_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins: [search]\n", encoding="utf-8")
    with pytest.raises(SiteConfigError, match="does not list the annals plugin"):
        load_site_config(config)


def test_the_plugin_declares_the_options_with_the_same_defaults() -> None:
    plugin = (ROOT / "generator" / "plugin.py").read_text(encoding="utf-8")
    for name in Options.__dataclass_fields__:
        assert f"default=Options.{name})" in plugin, name
    with pytest.raises(OptionsError):
        Options(split_threshold=-1)


def test_the_tree_route_with_pagefind_writes_the_search_page_and_post_build_the_index(
        project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(CONFIG.replace("  - search\n", "").replace(
        "      feed_entries: 5\n", "      search: pagefind\n"), encoding="utf-8")
    out = tmp_path / "tree"
    assert render(project, out) == 0
    settings = yaml.load((out / "mkdocs.yml").read_text(encoding="utf-8"),
                         Loader=yaml.BaseLoader)
    assert settings["nav"][-1] == {"Search": urls.SEARCH}
    assert (out / "docs" / urls.SEARCH_SCRIPT).read_bytes() == asset(urls.SEARCH_SCRIPT)
    assert urls.SEARCH_SCRIPT in (out / "docs" / urls.SEARCH).read_text(encoding="utf-8")
    site = tmp_path / "built"
    fake_site(site, project)
    assert post_build(project, site) == 0
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_a_split_topic_in_the_tree_has_its_year_pages_and_event_map(tmp_path: Path) -> None:
    project = tmp_path / "split-project"
    (project / "docs").mkdir(parents=True)
    shutil.copytree(ROOT / "tests" / "golden" / "cases" / "split" / "content",
                    project / "content")
    (project / "mkdocs.yml").write_text(CONFIG.replace(
        "      feed_entries: 5\n", "      split_threshold: 2\n"), encoding="utf-8")
    out = tmp_path / "tree"
    assert render(project, out) == 0
    expected = build(project / "content", split_threshold=2)
    assert urls.topic_map_path("thaad") in expected.files
    for path, data in expected.files.items():
        assert (out / "docs" / path).read_bytes() == data
    written = sorted(path.relative_to(out / "docs").as_posix()
                     for path in (out / "docs").rglob("*.md"))
    assert written == sorted(expected.pages)


def test_the_tree_route_runs_without_mkdocs(project: Path, tmp_path: Path) -> None:
    # Zensical's users need not install MkDocs: render and post-build import none of it.
    out = tmp_path / "tree"
    script = ("import sys; sys.modules['mkdocs'] = sys.modules['material'] = None; "
              "from generator import cli; sys.exit(cli.main(sys.argv[1:]))")
    config = str(project / "mkdocs.yml")
    for arguments in (["render", "--config", config, "--out", str(out)],
                      ["post-build", "--config", config, "--site", str(out / "site")]):
        if arguments[0] == "post-build":
            fake_site(out / "site", project)
        done = subprocess.run([sys.executable, "-c", script, *arguments], cwd=ROOT,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_tree_heads_its_home_page_with_the_site_name(project: Path, tmp_path: Path) -> None:
    # The plugin and the tree route give the home page the same heading: the site's name.
    out = tmp_path / "tree"
    assert render(project, out) == 0
    home = (out / "docs" / "index.md").read_text(encoding="utf-8")
    assert home.startswith("# Mine\n"), home[:80]
    assert SiteName.of("Mine", None).description in home
