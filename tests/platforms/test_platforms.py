"""Annals anywhere: the wheel alone builds a stranger's site with MkDocs, ProperDocs and Zensical.

Each build runs in the fresh environment of ``conftest.py``, in a folder with only
``mkdocs.yml``, ``docs/`` and ``content/``. What a site must hold comes from the pipeline run
here on the same content (the pages and their anchors) and from the package's own files (the
schemas, the script and styles): the three routes must agree with it, and with each other.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest
import yaml

from generator import urls
from generator.packaged import ASSETS, SCHEMAS, schema_files
from generator.pipeline import build
from tests.platforms.conftest import ROOT, wheel_files

if TYPE_CHECKING:
    from pathlib import Path

    from generator.pipeline import Build
    from tests.platforms.conftest import Installed, Wheel

pytestmark = pytest.mark.platforms

ANNALS_HEAD = re.compile(r'<meta name="referrer" content="no-referrer">.*?(?=\n?</head>)', re.S)
"""What Annals adds to a page's head, up to the end of the head."""
ADDED = ("feeds/", "exports/", "schema/", "javascripts/annals", "stylesheets/annals")
"""The site files Annals adds beside the pages."""


def files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by path."""
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def expected(project: Path) -> Build:
    """What the pipeline makes of the project's content, in this process."""
    result = build(project / "content")
    assert result.ok, result.diagnostics
    return result


def assert_complete(site: Path, result: Build) -> None:
    """The site holds every generated page with every anchor, the package's schemas, script
    and stylesheet, the feeds and the exports, and every page advertises the feeds."""
    for page in result.pages.values():
        html = (site / urls.page_html(page.uri)).read_text(encoding="utf-8")
        missing = [anchor for anchor in page.anchors if f'id="{anchor}"' not in html]
        assert not missing, (page.uri, missing)
        assert 'rel="alternate feed"' in html.split("</head>", 1)[0], page.uri
        assert urls.SCRIPT in html and urls.STYLESHEET in html, page.uri
    for schema in schema_files():
        assert (site / urls.schema_path(schema.name)).read_bytes() == schema.read_bytes()
    for path in (urls.SCRIPT, urls.STYLESHEET):
        assert (site / path).read_bytes() == ASSETS.joinpath(*path.split("/")).read_bytes()
    for path in (*urls.feed_paths_for("site", "").values(), *urls.site_export_paths().values()):
        assert (site / path).stat().st_size > 0, path


def annals_head(site: Path, page: str) -> str:
    """What Annals put in the head of a built page."""
    found = ANNALS_HEAD.search((site / page).read_text(encoding="utf-8"))
    assert found, page
    return found[0]


def test_the_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    package = {path.relative_to(ROOT).as_posix() for path in (ROOT / "generator").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    assert wheel_files(wheel) == package
    # Named too, so that a change in what the package holds is a reviewed change here.
    assert {f"generator/schemas/{name}.schema.json" for name in
            ("article", "topic", "actor", "tags", "timelinejs")} <= package
    assert {"generator/exports/__init__.py", "generator/templates/topic.md.j2",
            "generator/assets/javascripts/annals.js"} <= package
    assert SCHEMAS.is_relative_to(ROOT / "generator")


def test_building_the_wheel_warns_of_nothing(built_wheel: Wheel) -> None:
    # setuptools once warned of a license table and of templates outside `packages`.
    warnings = [line.strip() for line in built_wheel.log.splitlines()
                if re.search(r"warning|deprecat", line, re.IGNORECASE)
                and "Location" not in line]  # pip's notes on this machine's extra indexes
    assert warnings == []


def test_the_installed_package_runs_from_the_environment_not_the_repository(
        installed: Installed, project: Path) -> None:
    done = installed.run("python", "-c", "import generator; print(generator.__file__)",
                         cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(str(installed.venv)), done.stdout


def test_annals_check_runs_in_a_site_folder(installed: Installed, project: Path) -> None:
    done = installed.run("annals", "check", "content", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 topics" in done.stdout and "no errors" in done.stdout


def test_mkdocs_and_properdocs_build_the_same_site_with_the_plugin(
        installed: Installed, project: Path) -> None:
    mkdocs = installed.run("mkdocs", "build", "--strict", "-d", "site-mkdocs", cwd=project)
    assert mkdocs.returncode == 0, mkdocs.stdout + mkdocs.stderr
    properdocs = installed.run("properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d",
                               "site-properdocs", cwd=project)
    assert properdocs.returncode == 0, properdocs.stdout + properdocs.stderr
    result = expected(project)
    assert_complete(project / "site-mkdocs", result)
    assert_complete(project / "site-properdocs", result)
    built, forked = files(project / "site-mkdocs"), files(project / "site-properdocs")
    assert sorted(built) == sorted(forked)
    assert {path: data for path, data in built.items() if path.startswith(ADDED)} == {
        path: data for path, data in forked.items() if path.startswith(ADDED)}


def test_zensical_builds_the_rendered_tree_and_post_build_finishes_it(
        installed: Installed, project: Path) -> None:
    render = installed.run("annals", "render", "--config", "mkdocs.yml", "--out",
                           "build/zensical", cwd=project)
    assert render.returncode == 0, render.stdout + render.stderr
    tree = project / "build" / "zensical"
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search"]
    # The timelines' outline, then the hand-written page: actor pages are not listed.
    assert config["nav"] == [
        {"Home": "index.md"},
        {"Topics": [{"China–South Korea relations": "topics/china-south-korea-relations.md"},
                    {"THAAD in South Korea": "topics/thaad.md"}]},
        {"Actors": "actors/index.md"}, {"Sources": "sources.md"}, "about.md"]
    zensical = installed.run("zensical", "build", "--clean", cwd=tree)
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    site = tree / "site"
    post = installed.run("annals", "post-build", "--config", "mkdocs.yml", "--site",
                         str(site), cwd=project)
    assert post.returncode == 0, post.stdout + post.stderr
    result = expected(project)
    assert_complete(site, result)

    # Zensical's search finds every event at its permalink.
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    locations = {item["location"] for item in index["items"]}
    layout = result.layout
    assert {layout.event_url(event) for event in result.corpus.events} <= locations

    # The same files and heads as through the plugin: one core, two routes.
    mkdocs = installed.run("mkdocs", "build", "--strict", "-d", "site-mkdocs", cwd=project)
    assert mkdocs.returncode == 0, mkdocs.stdout + mkdocs.stderr
    plugin_site = files(project / "site-mkdocs")
    assert {path: data for path, data in files(site).items() if path.startswith(ADDED)} == {
        path: data for path, data in plugin_site.items() if path.startswith(ADDED)}
    for page in ("topics/thaad/index.html", "actors/china/index.html", "about/index.html"):
        assert annals_head(site, page) == annals_head(project / "site-mkdocs", page), page

    # Running it again changes nothing.
    before = files(site)
    again = installed.run("annals", "post-build", "--config", "mkdocs.yml", "--site",
                          str(site), cwd=project)
    assert again.returncode == 0, again.stderr
    assert files(site) == before


def test_a_zensical_build_that_ignored_annals_is_refused_loudly(
        installed: Installed, project: Path) -> None:
    # Zensical reads mkdocs.yml, skips the annals plugin without a word, and succeeds.
    zensical = installed.run("zensical", "build", "--clean", cwd=project)
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    assert not (project / "site" / "topics").exists()
    post = installed.run("annals", "post-build", "--config", "mkdocs.yml", cwd=project)
    assert post.returncode == 1
    # Every generated page is missing: the home page, sources, actors, the topics, the actors'
    # pages and the comparison of the two related topics.
    pages = len(build(project / "content").pages)
    assert post.stderr.startswith(f"annals post-build: {project / 'site'} lacks {pages} of the "
                                  f"{pages} timeline pages (/, sources/, actors/, "), post.stderr
    assert "annals render --config" in post.stderr
    assert "Traceback" not in post.stderr + post.stdout
