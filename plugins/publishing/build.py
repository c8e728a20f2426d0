"""Build a site into a staging folder and swap it into place.

The last good output is never touched by a failed build: the pipeline
(plugins.newsroom.pipeline) writes into `<output>.staging-<pid>`, the search
index is made from its views, and only a finished build replaces `<output>`,
by two renames. Used by tasks.py and by the tests.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pelican.log import LimitFilter
from pelican.settings import read_settings

from plugins.common.errors import BuildRefused, ContentErrors, GlasnikError, SettingsError
from plugins.content import load_site, render_site
from plugins.common import faults
from plugins.common.parallel import alive
from plugins import files, images, search
from plugins import settings as checked_settings
from plugins.newsroom import pipeline

from . import interrupt, marker, swap
from .address import check_site_address


@dataclass
class BuildResult:
    output: Path
    seconds: float
    warnings: list
    phases: dict = field(default_factory=dict)   # seconds per build phase
    items: dict = field(default_factory=dict)    # news items and pages per locale
    # what its phases made, for the preview's rebuilds in place (live.py)
    build: pipeline.Build | None = field(default=None, repr=False)

    @cached_property
    def files(self) -> list[str]:
        """Every file of the built site, relative to the output folder."""
        found = []
        for folder, _, names in os.walk(self.output):
            base = Path(folder).relative_to(self.output)
            found.extend((base / name).as_posix() for name in names)
        return sorted(found)


def settings_from(settings_file: str | Path, **overrides) -> dict:
    """Pelican settings from a file, with overrides (paths relative to cwd)."""
    for name in ("PATH", "OUTPUT_PATH", "THEME"):
        if name in overrides and overrides[name] is not None:
            overrides[name] = str(Path(overrides[name]).resolve())
    settings = read_settings(str(settings_file), override={
        k: v for k, v in overrides.items() if v is not None})
    # the checks name the file and line that set a wrong setting
    settings["SETTINGS_FILE"] = str(Path(settings_file).resolve())
    return settings


def check(settings: dict):
    """Read and check the settings and content without building; the
    Problems (a settings error raises, as a build says it)."""
    settings_problems = checked_settings.problems(settings)
    if settings_problems.errors:
        checked_settings.validate(settings)   # raises, naming every one
    options = images.load_options(settings)
    check_site_address(settings)
    files.extra.extra_files(settings, Path(settings["PATH"]).resolve())
    site, problems = load_site(settings)
    problems.items[:0] = settings_problems.warnings
    render_site(site, settings, problems)   # what the sanitiser would remove
    content = Path(settings["PATH"]).resolve()
    shown = site.pictures | {a for a in site.assets
                             if files.published_as_picture(content / a)}
    for line in images.unreadable(shown, content, images.cache_folder(settings, content),
                                  options):
        path, _, message = line.partition(": ")
        problems.error(path, message)
    return problems



def check_output_folder(settings: dict) -> Path:
    """The output folder, if replacing it cannot destroy anything else."""
    output = Path(settings["OUTPUT_PATH"]).resolve()
    precious = {"content": settings["PATH"], "theme": settings.get("THEME"),
                "the current folder": Path.cwd()}
    for what, path in precious.items():
        if path is None:
            continue
        path = Path(path).resolve()
        if output == path or output in path.parents:
            raise SettingsError(f"OUTPUT_PATH {output} would contain {what} ({path}); "
                                "every build replaces the output folder: choose "
                                "a folder of its own, such as output/")
    if output.exists() and (not output.is_dir() or (any(output.iterdir())
                                                    and not marker.made_by_a_build(output))):
        raise SettingsError(f"{output} exists and was not made by a build of this "
                            "site; a build replaces the whole folder, so move it "
                            "away or choose another output folder")
    return output


def previous_of(output: Path) -> Path:
    return output.with_name(f"{output.name}.previous")


def build(settings: dict, *, verify=None, keep_previous: bool = False) -> BuildResult:
    """Build into staging, then swap into OUTPUT_PATH; raise on any error.

    `verify(folder)` returns problems that stop the swap (BuildRefused);
    `keep_previous` keeps the replaced build as <output>.previous for
    rollback() instead of deleting it. A file-system error (a full disk, a
    read-only folder) is a FileSystemFault saying what to do; whatever
    stops the build, its staging folder goes and OUTPUT_PATH is as it was."""
    check_site_address(settings)
    output = check_output_folder(settings)
    clear_abandoned_staging(output)
    staging = output.with_name(f"{output.name}.staging-{os.getpid()}")
    free = faults.free_bytes(output.parent)
    started, early = time.perf_counter(), None
    try:
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        result, early = _build_into(staging, settings, verify)
        marker.write(staging, settings)
        if verify is not None:
            found = _verified(verify, staging, early, result.build)
            if found:
                rejected = output.with_name(f"{output.name}.rejected")
                shutil.rmtree(rejected, ignore_errors=True)
                marker.rename(staging, rejected)
                raise BuildRefused(found, rejected)
        _check_room(staging, output, free)
        if keep_previous:   # a publication: on the disk before it is in place
            swap.flush(staging)
        with interrupt.held():   # a signal now waits until the swap is whole
            _swap_in(staging, output, keep_previous)
    except OSError as exc:
        # what this build wrote before it stopped, or what the last one took,
        # and the room a build must leave free (_check_room)
        needed = max(faults.size_of(staging), faults.size_of(output)) + faults.MIN_FREE
        _stop(early)
        _remove(staging)
        raise faults.FileSystemFault(faults.describe(exc, output, needed, free)) from None
    except BaseException:
        _stop(early)
        _remove(staging)
        raise
    result.output, result.seconds = output, time.perf_counter() - started
    return result


def _build_into(staging: Path, settings: dict, verify) -> tuple[BuildResult, object]:
    """The pipeline's run, then the search index from its views, into
    `staging`; and the check of its pages begun while Pagefind indexes
    (`verify.begin`, where the verifier has one), or None."""
    warnings = _WarningCollector()
    logging.getLogger().addHandler(warnings)
    # Pelican's log filter shows a warning once per process: each build
    # reports its own (a preview rebuilt by `invoke serve` would hide one
    # that is still there)
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    try:
        built = pipeline.run(settings, staging, search_page=search.page_data,
                             reserved=frozenset({search.FOLDER}))
    finally:
        logging.getLogger().removeHandler(warnings)
    phases, early = dict(built.timings), None
    if settings.get("SEARCH_INDEX"):
        begin = getattr(verify, "begin", None)
        early = begin(staging, built.pages.taken) if begin else None
        try:
            phases["search index"] = seconds = search.index(staging, built)
        except BaseException:
            _stop(early)
            raise
        logging.getLogger("glasnik.progress").info("search index: %.2f s", seconds)
    return BuildResult(staging, 0.0, warnings.messages, phases, built.items, built), early


def _check_room(staging: Path, output: Path, free: int) -> None:
    """A disk (nearly) full after the build may hold a file cut short by a
    program that does not check its writes: not published."""
    left = faults.free_bytes(staging)
    if left < faults.MIN_FREE:
        raise faults.FileSystemFault(faults.describe(
            OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(staging)), output,
            faults.size_of(staging) + faults.MIN_FREE, free))


def _swap_in(staging: Path, output: Path, keep_previous: bool) -> None:
    """Put the finished build in place; the old one goes (or is kept)."""
    # Unique: the last build's old output may still be being deleted.
    previous = output.with_name(f"{output.name}.previous-{uuid.uuid4().hex[:12]}")
    if output.exists():
        # one atomic step where the system allows: the old site or the new
        marker.exchange(staging, output)
        old = staging
    else:
        marker.rename(staging, output)
        old = None
    if old is None:
        swap.flush_names(output.parent)
        return
    try:   # the new build is in place: what fails now fails only the old one
        swap.flush_names(output.parent)
        if keep_previous:
            kept = previous_of(output)
            if kept.exists():
                marker.rename(kept, previous)
                discard(previous)
            marker.rename(old, kept)
        else:
            marker.rename(old, previous)
            discard(previous)
    except OSError as exc:   # the next build clears the staging name it keeps
        logging.getLogger(__name__).warning(
            "the new build is in place, but the one it replaced could not be put "
            "aside (%s: %s); `invoke publish --rollback` may not find it",
            exc.filename or old, exc.strerror or exc)


def _verified(verify, staging: Path, early, built: pipeline.Build) -> list[str]:
    """The problems `verify` finds in the build; a Verifier (one that can
    begin early) is told which pages the build took unchanged from its page
    cache, whose facts it may know from the last publication."""
    if early is not None:
        return verify(staging, early=early)
    if hasattr(verify, "begin"):
        return verify(staging, taken=built.pages.taken)
    return verify(staging)


def _stop(early) -> None:
    """The check of the pages begun early, not wanted now (stopped builds)."""
    if early is not None:
        early.stop()


def _remove(staging: Path) -> None:
    """A stopped build's staging folder (and its marker), now: the user is
    told nothing was left behind."""
    with contextlib.suppress(OSError):   # a read-only folder: there is none
        marker.forget(staging)
    shutil.rmtree(staging, ignore_errors=True)


def clear_abandoned_staging(output: Path) -> None:
    """Staging folders of builds that were killed (their process is gone),
    and a swap's third name (`.staging-<pid>.swap`) one left behind."""
    for folder in output.parent.glob(f"{output.name}.staging-*"):
        # (a marker's name ends in .glasnik-build)
        pid = folder.name.rsplit("-", 1)[-1].removesuffix(".swap")
        if pid.isdigit() and not alive(int(pid)) and folder.is_dir():
            discard(folder)


def rollback(settings: dict) -> Path:
    """Put the previous build back in place (and the current one aside, so
    a second rollback undoes the first)."""
    output = check_output_folder(settings)
    kept = previous_of(output)
    if not marker.made_by_a_build(kept) or not output.exists():
        raise GlasnikError(f"there is no previous build to go back to ({kept} is "
                            "made by `invoke publish`)")
    marker.exchange(kept, output)
    return output


def discard(folder: Path) -> None:
    """Delete an old build without making the user wait for it.

    The new output is already in place; deleting 15,000 files of the old one
    takes seconds, so a detached `rm` does it (in process where there is none).
    """
    marker.forget(folder)
    rm = shutil.which("rm")
    if rm is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen([rm, "-rf", "--", str(folder)], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


__all__ = ["build", "check", "settings_from", "BuildRefused", "BuildResult",
           "ContentErrors", "SettingsError"]
