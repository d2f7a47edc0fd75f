"""The hostile site, built once per session with snippets switched on to prove they never apply."""

from __future__ import annotations

import pytest

from tests.hostile.site import SECRET, write_hostile_content
from tests.site_builder import BuiltSite, build_site, copy_project


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, dict[str, str]]:
    """The built hostile site and its events (id → payload)."""
    work = tmp_path_factory.mktemp("hostile")
    content = work / "content"
    events = write_hostile_content(content)
    project = copy_project(work / "project", content)
    # A maintainer may enable snippets for hand-written pages; generated pages must not be
    # affected. The secret file sits where a snippet include would look for it.
    (project / "secret.txt").write_text(SECRET)
    # A hand-written page that does include it, to prove snippets are live in this build.
    (project / "docs" / "snippet-check.md").write_text('# Check\n\n--8<-- "secret.txt"\n')
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("markdown_extensions:\n", "markdown_extensions:\n"
                            "  - pymdownx.snippets:\n      base_path: ['.', 'docs', '/']\n"
                            "  - md_in_html\n  - pymdownx.superfences\n  - footnotes\n"
                            "  - def_list\n  - pymdownx.emoji\n", 1)
    # The macros plugin renders every page as a Jinja template: it must find nothing to run.
    config = config.replace("plugins:\n", "plugins:\n  - macros\n", 1)
    (project / "docs" / "macros-check.md").write_text('# Check\n\n{{ "macros" ~ "-ran" }}\n')
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    built = build_site(project, work / "site")
    assert built.returncode == 0, built.log
    return built, events


@pytest.fixture
def hostile_site(hostile: tuple[BuiltSite, dict[str, str]]) -> BuiltSite:
    return hostile[0]


@pytest.fixture
def hostile_events(hostile: tuple[BuiltSite, dict[str, str]]) -> dict[str, str]:
    return hostile[1]


