"""The errors a build or a task reports to staff: one hierarchy, one exit code each.

Every task catches `GlasnikError`, prints its message (never a traceback) and
exits with its `exitcode`.
"""

from __future__ import annotations

from .problems import Problems


class GlasnikError(Exception):
    """Something staff can mend; the message says what and how."""

    exitcode = 1


class SettingsError(GlasnikError):
    """A setting in pelicanconf.py is wrong; the message says which and how."""

    exitcode = 2


class ContentErrors(GlasnikError):
    """Raised once, after reading everything, when content has errors."""

    exitcode = 1

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__("content has errors:\n" + problems.report())

    @classmethod
    def single(cls, path: str, message: str, **where) -> "ContentErrors":
        problems = Problems()
        problems.error(path, message, **where)
        return cls(problems)
