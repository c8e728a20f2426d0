"""settings: every setting the build reads, declared once (schema.py, with
the kinds of values in kinds.py) and checked once at the start of a build,
of `invoke check` and of `invoke settings` (check.py)."""

from __future__ import annotations

from .check import origins, problems, validate, values
from .schema import FIXED, PASSED, REFUSED, SETTINGS, UNSET, Setting, known as known_names

__all__ = ["FIXED", "PASSED", "REFUSED", "SETTINGS", "UNSET", "Setting", "known_names", "origins",
           "problems", "validate", "values"]


def register():
    """Nothing to connect: the build calls `validate` itself."""
