"""The package as a stranger gets it: the wheel, built once per session, installed into one
fresh virtual environment outside the repository (with the tested ProperDocs and Zensical, at
the versions pinned in the ``platforms`` extra), and a site folder holding only ``mkdocs.yml``,
``docs/`` and ``content/``.

Every command runs in that environment from the site folder, with no path to the repository:
what works here works from the wheel alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "tests" / "golden" / "cases" / "related" / "content"
"""A small content tree: two topics, eight actors, a few articles."""
INSTALL_TIMEOUT = 600  # seconds: a fresh environment's dependencies (from the pip cache, usually)
RUN_TIMEOUT = 180
SITE_CONFIG = """\
site_name: Someone's timelines
theme:
  name: material
plugins:
  - search
  - annals
"""

pytestmark = pytest.mark.platforms


@dataclass(frozen=True)
class Installed:
    """A virtual environment with the wheel installed."""

    venv: Path
    wheel: Path

    def bin(self, name: str) -> str:
        """A command of the environment."""
        return str(self.venv / "bin" / name)

    def run(self, *command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run an environment's command in ``cwd``, as a stranger would: no PYTHONPATH, no
        repository in sight; MkDocs' end-of-life notices silenced."""
        env = {key: value for key, value in os.environ.items()
               if key not in {"PYTHONPATH", "VIRTUAL_ENV"}}
        env.update(NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true",
                   PATH=f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}")
        env.pop("ANNALS_SITE_URL", None)
        return subprocess.run([self.bin(command[0]), *command[1:]], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)


@dataclass(frozen=True)
class Wheel:
    """The built wheel, and what building it printed."""

    path: Path
    log: str


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Wheel:
    """The package's wheel, built once per session from a clean copy of the sources.

    A copy, because a build in the repository reuses what earlier builds left there
    (``*.egg-info/SOURCES.txt``, ``build/``), which can put files in the wheel that the
    packaging configuration alone would leave out.
    """
    sources = tmp_path_factory.mktemp("sources") / "annals"
    sources.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, sources / name)
    shutil.copytree(ROOT / "generator", sources / "generator",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out),
         str(sources)], capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    built = sorted(out.glob("annals-*.whl"))
    assert len(built) == 1, built
    return Wheel(built[0], done.stdout + done.stderr)


@pytest.fixture(scope="session")
def wheel(built_wheel: Wheel) -> Path:
    """The package's wheel."""
    return built_wheel.path


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """One fresh virtual environment outside the repository, the wheel installed with the
    tested generators (``annals[platforms]``), reused by every test of the session."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    assert not venv.is_relative_to(ROOT)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                   timeout=INSTALL_TIMEOUT)
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", f"annals[platforms] @ {wheel.as_uri()}"],
        capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return Installed(venv, wheel)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A site folder as a stranger starts one: ``mkdocs.yml``, ``docs/`` and ``content/``."""
    folder = tmp_path / "mysite"
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(SITE_CONFIG, encoding="utf-8")
    (folder / "docs" / "about.md").write_text("# About\n\nWho keeps these timelines.\n",
                                              encoding="utf-8")
    shutil.copytree(CONTENT, folder / "content")
    return folder


def wheel_files(wheel: Path) -> set[str]:
    """The package's files in a wheel (its metadata left out)."""
    with zipfile.ZipFile(wheel) as archive:
        return {name for name in archive.namelist() if name.startswith("generator/")}
