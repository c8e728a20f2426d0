"""Phase 2: what rendering each source's Markdown (into source.html, as
phase 1 read it) found.

Rendered even when reading found errors: what the sanitiser would remove is
reported with them, in one run. Any error stops the build here, before a
file is written.
"""

from __future__ import annotations

import logging

from plugins.common.errors import ContentErrors
from plugins.content import render_site

from .p1_read import Checked

logger = logging.getLogger(__name__)


def render(checked: Checked) -> None:
    """Report what rendering every source found (render_site renders the
    sources phase 1 did not); warnings are logged, errors raise ContentErrors."""
    problems = checked.problems
    render_site(checked.site, checked.settings, problems)
    for problem in problems.warnings:
        logger.warning(problem.format())
    if problems.errors:
        raise ContentErrors(problems)
