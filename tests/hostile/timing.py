"""Hostile input must be refused promptly: a hang guard, not a performance target."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from generator.pipeline import check

if TYPE_CHECKING:
    from pathlib import Path

    from generator.diagnostics import Diagnostic
    from generator.model import Corpus

PROMPTLY = 1.0  # seconds; a hundred times what these small inputs take, to catch hangs only


def check_promptly(root: Path) -> tuple[Corpus, list[Diagnostic]]:
    """Read and validate ``root``, failing if it takes longer than a second."""
    started = time.perf_counter()
    result = check(root)
    elapsed = time.perf_counter() - started
    assert elapsed < PROMPTLY, f"handling took {elapsed:.2f} s"
    return result
