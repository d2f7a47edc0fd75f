"""The hostile corpus through the tree route: Zensical builds ``annals render``'s tree, and no
content string becomes live markup there either, not in the pages, the navigation (titles are
escaped for it), nor Zensical's own search index."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.hostile.site import content_area, scan_html, scan_site, write_hostile_content
from tests.site_builder import copy_project

if TYPE_CHECKING:
    from tests.hostile.site import Violation

TIMEOUT = 300


@pytest.fixture(scope="module")
def zensical_hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The hostile site built by Zensical from the tree, finished by post-build."""
    work = tmp_path_factory.mktemp("hostile-zensical")
    events = write_hostile_content(work / "content")
    project = copy_project(work / "project", work / "content")
    tree = work / "tree"
    config = str(project / "mkdocs.yml")
    for step in (
            [sys.executable, "-m", "generator.cli", "render", "--config", config, "--out",
             str(tree)],
            [str(Path(sys.executable).parent / "zensical"), "build", "--clean", "-f",
             str(tree / "mkdocs.yml")],
            [sys.executable, "-m", "generator.cli", "post-build", "--config", config, "--site",
             str(tree / "site")]):
        done = subprocess.run(step, cwd=work, capture_output=True, text=True, timeout=TIMEOUT,
                              check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    return tree / "site", events


def test_zensical_output_has_no_live_markup_from_content(
        zensical_hostile: tuple[Path, dict[str, str]]) -> None:
    site, _ = zensical_hostile
    violations: list[Violation] = scan_site(site)
    for item in json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]:
        violations += scan_html(item["title"], f"{item['location']} (search title)")
        violations += scan_html(item["text"], f"{item['location']} (search text)")
    assert violations == []


def test_zensical_shows_each_payload_exactly_as_written(
        zensical_hostile: tuple[Path, dict[str, str]]) -> None:
    site, events = zensical_hostile
    area = content_area((site / "topics" / "hostile" / "index.html").read_text(encoding="utf-8"))
    for event_id, payload in events.items():
        assert " ".join(area.headings[event_id].split()) == " ".join(payload.split()), event_id
