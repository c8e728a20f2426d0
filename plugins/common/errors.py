"""The errors a build or a task reports to staff: one hierarchy, one exit code each.

Every task catches `GlasnikError`, prints its message (never a traceback) and
exits with its `exitcode`:

    1   content, a picture or document, the search index, a refused build,
        a wrong request to `invoke new` or `translate` (mend the content)
    2   settings (mend pelicanconf.py or publishconf.py)
    3   the machine or the host: a full or read-only disk, a failed deploy
        (mend the environment; the content and settings are fine)
    130, 143  stopped by SIGINT or SIGTERM (plugins/publishing/interrupt.py)

Light to import (tasks.py loads it before anything else).
"""

from __future__ import annotations

from pathlib import Path

from .problems import Problems

CONTENT, SETTINGS, ENVIRONMENT = 1, 2, 3


class GlasnikError(Exception):
    """Something staff can mend; the message says what and how."""

    exitcode = CONTENT


class SettingsError(GlasnikError):
    """A setting in pelicanconf.py is wrong; the message says which and how."""

    exitcode = SETTINGS


class ContentErrors(GlasnikError):
    """Raised once, after reading everything, when content has errors."""

    exitcode = CONTENT

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__("content has errors:\n" + problems.report())

    @classmethod
    def single(cls, path: str, message: str, **where) -> "ContentErrors":
        problems = Problems()
        problems.error(path, message, **where)
        return cls(problems)


class PictureError(GlasnikError):
    """A picture that cannot be published; the message names the file."""


class DocumentError(GlasnikError):
    """A document the build cannot read (damaged, or not what it is named)."""


class SearchIndexError(GlasnikError):
    """Pagefind could not index the built site (missing, or it failed)."""


class ScaffoldError(GlasnikError):
    """`invoke new` or `translate` was asked for something it cannot make;
    says what to type instead."""


class BuildRefused(GlasnikError):
    """The build finished but failed the checks for publishing."""

    def __init__(self, problems: list[str], kept: Path):
        self.problems, self.kept = problems, kept
        shown = "\n".join(problems[:50]) + (f"\n... and {len(problems) - 50} more"
                                             if len(problems) > 50 else "")
        super().__init__(f"the new build was not published:\n{shown}\n"
                         f"(it is kept in {kept} to look at)")


class FileSystemFault(GlasnikError):
    """The build could not write (or replace) what it had to; nothing was
    published."""

    exitcode = ENVIRONMENT


class DeployError(GlasnikError):
    """`invoke deploy` could not send the site (rsync or the git push
    failed, or there is nothing to send); the settings may be right."""

    exitcode = ENVIRONMENT
