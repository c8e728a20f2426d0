"""Phase 2: Markdown -> HTML, each source rendered once (into source.html).

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
    """Render every source; warnings are logged, errors raise ContentErrors."""
    problems = checked.problems
    render_site(checked.site, checked.settings, problems)
    # From here on pages need each body's HTML only: its Markdown is let go,
    # an eighth of the build's peak memory (the files a body links to were
    # listed when it was read: Source.body_references)
    for source in checked.site.sources:
        source.body = ""
    for problem in problems.warnings:
        logger.warning(problem.format())
    if problems.errors:
        raise ContentErrors(problems)
