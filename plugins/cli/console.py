"""What the invoke tasks share: lines to staff, each error of ours as one
message with its exit code, and a stop by a signal handled at any moment.

Light to import (logging and invoke only, the rest inside the functions):
a task enters `stopped_cleanly` before it loads the build.
"""

from __future__ import annotations

import logging
import os
import sys
from contextlib import contextmanager

from invoke.exceptions import Exit


class StandardOutput(logging.StreamHandler):
    """Lines to whatever sys.stdout is when they are written (a test's
    captured output is closed after it; the next task's lines go on)."""

    stream = property(lambda self: sys.stdout, lambda self, value: None)


def show_progress() -> None:
    """Each build phase as it ends, as plain lines (fine for CI logs too)."""
    progress = logging.getLogger("glasnik.progress")
    if not progress.handlers:
        handler = StandardOutput()
        handler.setFormatter(logging.Formatter("  %(message)s"))
        progress.addHandler(handler)
        progress.setLevel(logging.INFO)
        progress.propagate = False


def fail(message: str, code: int = 1) -> None:
    """Print `message` to stderr and end the task with `code`."""
    print(message, file=sys.stderr)
    raise Exit(code=code)


def message(exc, left: str) -> str:
    """What staff read for a GlasnikError: what is wrong, then what the
    command left as it was."""
    from plugins.common.errors import ContentErrors, DeployError, SettingsError
    if isinstance(exc, ContentErrors):
        text = exc.problems.report()
    elif isinstance(exc, SettingsError):
        text = f"settings error: {exc}"
    elif isinstance(exc, DeployError):
        text = f"deploy error: {exc}"
    else:
        text = str(exc)
    return f"{text}\n{left}" if left else text


@contextmanager
def stopped_cleanly(left: str = ""):
    """Every error of ours (GlasnikError), a signal or a fault of the file
    system ends the command with one message (`left` says what it left as
    it was), never a traceback, and the error's exit code (1 content, 2
    settings, 3 the machine or the host: plugins/common/errors.py): on
    SIGINT and SIGTERM every helper process is stopped first, and the exit
    code is 130 or 143. Light to import: a task enters it before loading
    the build, so a signal at any moment is handled."""
    from plugins.common.errors import GlasnikError
    from plugins.publishing import interrupt
    left = left[:1].upper() + left[1:]
    with interrupt.stopping_cleanly():
        try:
            yield
        except interrupt.Interrupted as exc:
            fail(f"Stopped by {exc.name}" + (", after the new build was put in place "
                                              "whole." if exc.published else
                                              f": helper processes stopped; {left[:1].lower()}"
                                              f"{left[1:]}"), exc.exitcode)
        except GlasnikError as exc:
            fail(message(exc, left), exc.exitcode)
        except OSError as exc:   # one no check foresaw: still a message
            fail(f"{exc.filename or 'the build'}: {exc.strerror or exc}\n{left}")


def say(text: str) -> None:
    """Print a report that may be piped into `head`: a reader that stops
    early ends the command quietly, not with a BrokenPipeError."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise Exit(code=0) from None


def end_of_command() -> None:
    """Called as `invoke build` or `publish` ends: what the build made is
    set aside from the garbage collector for good (gc.freeze), so that the
    interpreter's last collection at exit does not walk and free it all
    once more, which took 0.2 s after a build of 10,000 sources; the
    operating system takes the memory back at once. (A caller that goes on
    keeps it until it exits.)"""
    import gc
    gc.freeze()


def build_summary(result, settings) -> str:
    """Per locale, the items and pages a build made; then its pictures,
    warnings and seconds."""
    from plugins.content import load_locales
    lines = [f"  {'':<8} {'items':>6} {'pages':>6}"]
    for locale in load_locales(settings):
        pages = sum(1 for f in result.files if f.startswith(f"{locale.prefix}/")
                    and f.endswith(".html"))
        lines.append(f"  {locale.tag:<8} {result.items.get(locale.tag, 0):>6} {pages:>6}")
    pictures = len(result.build.site.pictures) if result.build else 0
    count = len(result.warnings)
    lines.append(f"  pictures {pictures}, warning{'' if count == 1 else 's'} {count}, "
                 f"{result.seconds:.2f} s")
    return "\n".join(lines)
