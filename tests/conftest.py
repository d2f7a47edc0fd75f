"""Shared fixtures: small content trees written from inline YAML, and the repository's paths."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from generator.clock import TODAY_VARIABLE
from generator.history import HISTORY_VARIABLE

ROOT = Path(__file__).resolve().parent.parent


CHECK_DAY = "2026-12-31"
"""The day every test checks content on (``ANNALS_TODAY``, inherited by the builds tests run):
the fixtures' curation dates stay in the past whatever the clock says."""
os.environ[TODAY_VARIABLE] = CHECK_DAY
os.environ[HISTORY_VARIABLE] = "0"
"""No build a test runs (in this process or a child) reads a git history unless the test asks:
the suite runs inside a checkout of this repository, whose history must not reach its pages."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-goldens``: rewrite tests/golden/cases/*/expected/ (pytest reads this hook only
    in the root conftest)."""
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the golden tests' expected files (or ANNALS_UPDATE_GOLDENS=1)")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when the golden tests should rewrite their expected files instead of comparing."""
    return bool(request.config.getoption("--update-goldens")
                or os.environ.get("ANNALS_UPDATE_GOLDENS") == "1")


TAGS = """\
tags:
  diplomacy: Statements and talks between governments.
  missile-defence: Missile-defence systems.
"""
TOPIC = """\
title: THAAD in South Korea
summary: The dispute over the THAAD battery.
"""
ACTOR = """\
name: Hong Lei
kind: person
"""
ARTICLE = """\
title: China urges United States not to deploy missile defense systems in South Korea
publisher: TASS
url: http://tass.com/en/world/775588
published: 2015-02-05
added: 2026-11-27
summary: China asks the US not to deploy THAAD.
events:
  - id: 2015-02-05-china-urges-us
    date: 2015-02-05
    title: China urges the US not to deploy THAAD
    summary: Hong Lei speaks in Beijing.
    topics: [thaad]
    actors: [hong-lei]
    tags: [diplomacy]
"""
ARTICLE_PATH = "articles/2015/2015-02-05-tass-china-urges-us.yml"


class ContentTree:
    """A content folder in a temporary directory, written file by file from inline YAML."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, relative: str, text: str) -> Path:
        """Write one file (dedented) and return its path."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def shown(self, relative: str) -> str:
        """The path as diagnostics show it."""
        return str(self.root / relative)


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    """An empty content folder."""
    root = tmp_path / "content"
    root.mkdir()
    return ContentTree(root)


@pytest.fixture
def minimal(tree: ContentTree) -> ContentTree:
    """A valid content folder: one topic, one actor, two tags, one article with one event."""
    tree.write("tags.yml", TAGS)
    tree.write("topics/thaad.yml", TOPIC)
    tree.write("actors/hong-lei.yml", ACTOR)
    tree.write(ARTICLE_PATH, ARTICLE)
    return tree
