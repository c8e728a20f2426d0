"""search: the production build's Pagefind index, one per locale.

Pagefind (pagefind[extended] from PyPI, which ships the binary) reads the
built pages and splits its index by each page's `lang`. Only what the theme
marks `data-pagefind-body` is indexed: the text of news items, and the
record of projects and topics, never lists or home pages; dates, projects
and topics go in as metadata and filters. Within a language it folds
diacritics ("cetiri" finds "četiri", "tap huan" finds "tập huấn").
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

FOLDER = "pagefind"


class SearchIndexError(Exception):
    exitcode = 1


def index(site: Path) -> float:
    """Index a built site in place (into site/pagefind/); seconds taken."""
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site),
                          "--output-subdir", FOLDER, "--silent"],
                         capture_output=True, text=True, timeout=1800)
    if run.returncode or not (site / FOLDER / "pagefind.js").is_file():
        raise SearchIndexError("Pagefind could not index the site "
                               f"(exit {run.returncode}): {run.stderr.strip()[-2000:]} "
                               "— is pagefind[extended] installed (requirements.txt)?")
    return time.perf_counter() - started
