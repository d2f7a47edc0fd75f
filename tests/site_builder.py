"""Build a real MkDocs site in a temporary folder, as the integration tests need it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuiltSite:
    """The result of ``mkdocs build``: where the site went, and what MkDocs printed."""

    site: Path
    returncode: int
    log: str

    def page(self, uri: str) -> str:
        """The HTML of a page, by its URL path (``topics/thaad/``)."""
        return (self.site / uri / "index.html").read_text(encoding="utf-8")


def mkdocs_env() -> dict[str, str]:
    """The environment MkDocs runs in for tests: no end-of-life banner in the logs."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build_site(project: Path, site: Path, *extra: str) -> BuiltSite:
    """Run ``mkdocs build --strict`` for a project folder into ``site``."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra],
        cwd=project, capture_output=True, text=True, env=mkdocs_env(), timeout=300, check=False)
    return BuiltSite(site, done.returncode, done.stdout + done.stderr)


def copy_project(target: Path, content: Path | None = None) -> Path:
    """A copy of the repository's site configuration and docs, with the given content."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(content or ROOT / "content", target / "content")
    return target
