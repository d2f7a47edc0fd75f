"""Golden tests: each case's pages, exports and diagnostics, compared with its expected/ files.

``pytest tests/golden --update-goldens`` (or ``ANNALS_UPDATE_GOLDENS=1``) rewrites them; see
README.md in this folder.
"""

from __future__ import annotations

import pytest

from tests.golden.harness import (
    Case,
    case_names,
    check,
    diagnostics_outputs,
    diagnostics_part,
    site_outputs,
    site_part,
)


@pytest.mark.parametrize("name", case_names())
def test_site(name: str, update_goldens: bool) -> None:
    """Pages (readers' and search versions, anchors), navigation and exports."""
    case = Case.named(name)
    check(case.outputs(site_outputs), case.folder / "expected", site_part,
          regenerate=update_goldens)


@pytest.mark.parametrize("name", case_names())
def test_diagnostics(name: str, update_goldens: bool) -> None:
    """Every diagnostic, as text, JSON and GitHub annotations."""
    case = Case.named(name)
    check(case.outputs(diagnostics_outputs), case.folder / "expected", diagnostics_part,
          regenerate=update_goldens)
