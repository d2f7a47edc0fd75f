"""Annals: curated article YAML → validated corpus → a searchable timeline site.

The pipeline, one module a stage: ``reading`` (strict YAML with positions), ``validation``
(JSON Schema and cross-file rules, producing ``Diagnostic`` values), ``model`` (frozen
dataclasses), ``rendering`` (Markdown pages with escaped HTML). Only ``plugin`` imports MkDocs.
"""

from __future__ import annotations

__all__ = ["__version__"]
__version__ = "0.1.0"
