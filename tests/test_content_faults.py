"""Content files the system will not simply hand over: a symbolic link to
nothing or to outside content/, a named pipe, a file without read
permission. `invoke check` and the build name each by its path and say
why; none is a traceback, and a pipe never makes them wait."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from plugins.common.errors import ContentErrors
from plugins.publishing import build as builder
from tests.conftest import ROOT, VALID_ITEM, run_check, settings_for, write
from tests.mounts import digest


@contextmanager
def at_most(seconds: int):
    """Fail, instead of hanging the suite, when reading waits for ever."""
    def too_long(signum, frame):
        raise AssertionError(f"still reading after {seconds} s: a file made it wait")
    before = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


@pytest.fixture
def built(content, tmp_path):
    """A preview built from the content before the test spoils it, and its
    hash (tests/mounts.py digest)."""
    builder.build(settings_for(content, tmp_path / "preview", RENDER_CACHE=None))
    return digest(tmp_path / "preview")


def build_errors(content: Path, tmp_path: Path, built: str) -> str:
    """The failed build's report; the preview it would replace is byte for
    byte as it was and nothing of the failed build is left."""
    with pytest.raises(ContentErrors) as stopped:
        builder.build(settings_for(content, tmp_path / "preview", RENDER_CACHE=None))
    assert not list(tmp_path.glob("preview.staging-*"))
    after = digest(tmp_path / "preview")
    assert after == built
    report = stopped.value.problems.report()
    print(f"\n{report.splitlines()[0]}\n  preview: {built} before, {after} after")
    return report


def test_a_dangling_link_is_named_in_check_and_build(content, capsys, tmp_path, built):
    (content / "news/2017/gone.bs.md").symlink_to("moved-away.bs.md")
    code, out = run_check(content, capsys)
    expected = "news/2017/gone.bs.md: error: a symbolic link to moved-away.bs.md, " \
               "which does not exist"
    assert code == 1 and expected in out and "Traceback" not in out
    assert expected in build_errors(content, tmp_path, built)


def test_a_link_to_outside_content_is_refused(content, capsys, tmp_path):
    outside = tmp_path / "secret.bs.md"
    outside.write_text(VALID_ITEM, encoding="utf-8")
    (content / "news/2017/leak.bs.md").symlink_to(outside)
    code, out = run_check(content, capsys)
    assert code == 1
    assert (f"news/2017/leak.bs.md: error: a symbolic link to {outside}, outside "
            "content/; only files in content/ are read") in out
    # a link that stays inside content/ is read as the file it points at
    (content / "news/2017/leak.bs.md").unlink()
    (content / "news/2017/alias.bs.md").symlink_to("ok.sr-cyrl.md")
    code, out = run_check(content, capsys)
    assert "symbolic link" not in out


@pytest.mark.slow
@pytest.mark.parametrize("name", ["news/2017/pipe.bs.md", "topics-more.yml",
                                  "projects/piped.yml"])
def test_a_named_pipe_is_refused_without_waiting(content, capsys, tmp_path, built, name):
    os.mkfifo(content / name)
    with at_most(60):
        code, out = run_check(content, capsys)
        report = build_errors(content, tmp_path, built)
    expected = f"{name}: error: a named pipe, not a file with text"
    assert code == 1 and expected in out and expected in report


def test_a_named_pipe_linked_as_a_picture_is_named(content, capsys):
    os.mkfifo(content / "news/2017/photo.jpg")
    write(content, "news/2017/ok.sr-cyrl.md", VALID_ITEM + "\n![Сала](photo.jpg)\n")
    with at_most(60):
        code, out = run_check(content, capsys)
    assert code == 1
    assert "the picture `photo.jpg`: a named pipe, not a file with text" in out


def test_a_file_that_cannot_be_read_simulated_at_the_open_call(content, capsys, tmp_path,
                                                               built, monkeypatch):
    """Simulated where the system would refuse (root reads every file):
    os.open raises what it raises for a file without read permission."""
    write(content, "news/2017/locked.bs.md", VALID_ITEM)
    real = os.open

    def refusing(path, *args, **kwargs):
        if str(path).endswith("locked.bs.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    code, out = run_check(content, capsys)
    expected = ("news/2017/locked.bs.md: error: the file cannot be read (Permission "
                "denied)\n    hint: let everyone read it (`chmod a+r`)")
    assert code == 1 and expected in out
    assert expected in build_errors(content, tmp_path, built)


AS_NOBODY = """
import os, pwd, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from plugins.common.errors import ContentErrors
from plugins.publishing.build import build, check
from tests.conftest import settings_for

def run(content, output):
    settings = settings_for(Path(content), Path(output), RENDER_CACHE=None)
    print(check(settings).report(), flush=True)
    try:
        build(settings)
    except ContentErrors as exc:
        print(exc.problems.report(), flush=True)

# once as root: every module is loaded (this Python lives where nobody may not go)
run({warm!r}, {warm_output!r})
nobody = pwd.getpwnam("nobody")
os.setgroups([])
os.setgid(nobody.pw_gid)
os.setuid(nobody.pw_uid)
print("AS", os.getuid(), flush=True)
run({content!r}, {output!r})
"""


@pytest.mark.slow
def test_a_file_that_cannot_be_read_for_real(content):
    """For real: the check and the build run as `nobody` (the child loads
    every module as root, then os.setuid), who may not read a file chmod
    000."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to run the check as another user who may not read "
                    "the file (as a user, chmod 000 would lock out the owner too: "
                    "the simulated test covers it)")
    shared = Path(tempfile.mkdtemp(prefix="glasnik-perm-", dir="/tmp"))
    try:
        shared.chmod(0o777)
        tree = shared / "content"
        shutil.copytree(content, tree)
        for path in [tree, *tree.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        locked = tree / "news/2017/locked.bs.md"
        locked.write_text(VALID_ITEM, encoding="utf-8")
        locked.chmod(0o000)
        shutil.copytree(content, shared / "warm")
        done = subprocess.run(
            [sys.executable, "-c", AS_NOBODY.format(
                root=str(ROOT), content=str(tree), output=str(shared / "preview"),
                warm=str(shared / "warm"), warm_output=str(shared / "warm-preview"))],
            capture_output=True, text=True, timeout=300, cwd=shared)
        if "AS " not in done.stdout:
            pytest.skip(f"cannot become nobody here: {done.stderr[-300:]}")
        assert int(done.stdout.split("AS ")[1].split()[0]) != 0
        done.stdout = done.stdout.split("AS ")[1]
        expected = ("content/news/2017/locked.bs.md: error: the file cannot be read "
                    "(Permission denied)")
        assert "Traceback" not in done.stderr, done.stderr
        assert done.stdout.count(expected) == 2, done.stdout   # check, then build
    finally:
        shutil.rmtree(shared, ignore_errors=True)
