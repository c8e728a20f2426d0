"""Build a site into a staging folder and swap it into place.

The last good output is never touched by a failed build: Pelican writes into
`<output>.staging-<pid>`, and only a finished build replaces `<output>`, by
two renames. Used by tasks.py and by the tests.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pelican import Pelican
from pelican.log import console
from pelican.settings import read_settings

from plugins.content import ContentErrors, SettingsError, load_site


@dataclass
class BuildResult:
    output: Path
    files: list
    seconds: float
    warnings: list


def settings_from(settings_file: str | Path, **overrides) -> dict:
    """Pelican settings from a file, with overrides (paths relative to cwd)."""
    for name in ("PATH", "OUTPUT_PATH", "THEME"):
        if name in overrides and overrides[name] is not None:
            overrides[name] = str(Path(overrides[name]).resolve())
    return read_settings(str(settings_file), override={k: v for k, v in overrides.items()
                                                       if v is not None})


def check(settings: dict):
    """Read and check content without building; the Problems."""
    _, problems = load_site(settings)
    return problems


def build(settings: dict) -> BuildResult:
    """Build into staging, then swap into OUTPUT_PATH; raise on any error."""
    output = Path(settings["OUTPUT_PATH"]).resolve()
    staging = output.with_name(f"{output.name}.staging-{os.getpid()}")
    previous = output.with_name(f"{output.name}.previous-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    started = time.perf_counter()
    warnings = _WarningCollector()
    logging.getLogger().addHandler(warnings)
    quiet, console.quiet = console.quiet, True  # its summary counts only its own articles
    try:
        pelican = Pelican({**settings, "OUTPUT_PATH": str(staging)})
        pelican.run()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        console.quiet = quiet
        logging.getLogger().removeHandler(warnings)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)
    files = sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())
    return BuildResult(output, files, time.perf_counter() - started, warnings.messages)


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


__all__ = ["build", "check", "settings_from", "BuildResult", "ContentErrors",
           "SettingsError"]
