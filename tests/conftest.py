"""Shared helpers: build real sites from content trees into temp folders."""

from __future__ import annotations

import logging
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from invoke import Context
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def settings_for(content: Path, output: Path, production: bool = False, **extra):
    from plugins.publishing.build import settings_from
    conf = ROOT / ("publishconf.py" if production else "pelicanconf.py")
    settings = settings_from(conf, PATH=content, OUTPUT_PATH=output)
    # readers' pages only, unless a test asks for the web editor (test_editor.py)
    settings.update({"EDITOR": None, **extra})
    if settings.get("PAGE_CACHE") and "PAGE_CACHE" not in extra and \
            Path(content).resolve() == ROOT / "content":
        # the shipped content's pages kept beside the test's output, not in
        # the clone's .cache/ (a folder for every temporary output)
        settings["PAGE_CACHE"] = str(Path(output).parent / ".page-cache")
    return settings


def settings_file(folder: Path, content: Path, production: bool = False, **extra) -> Path:
    """A settings file for the tasks (point `tasks.SETTINGS` at it): the
    shipped one's settings on `content`, with `extra` and no web editor."""
    shipped = ROOT / ("publishconf.py" if production else "pelicanconf.py")
    path = folder / f"settings-{'production' if production else 'dev'}.py"
    lines = ["import os, runpy",
             f"globals().update((k, v) for k, v in runpy.run_path({str(shipped)!r}).items()",
             "                  if k.isupper())",
             "# paths the shipped file gives relative to itself",
             *(f"{name} = os.path.join({str(ROOT)!r}, {name})" for name in ("THEME",)),
             "PLUGIN_PATHS = [os.path.join(" + repr(str(ROOT)) + ", p) for p in PLUGIN_PATHS]",
             *(f"{name} = {value!r}" for name, value in
               {"PATH": str(content), "EDITOR": None, **extra}.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build_site(content: Path, output: Path, production: bool = False, **extra):
    from plugins.publishing.build import build
    return build(settings_for(content, output, production, **extra))


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def copy_fixture(name: str, into: Path) -> Path:
    target = into / name / "content"
    shutil.copytree(FIXTURES / name, target)
    return target


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The shipped content/ built once with the development settings."""
    out = tmp_path_factory.mktemp("seed") / "output"
    build_site(ROOT / "content", out)
    return out


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory) -> Path:
    """tests/fixtures/basic built with two news items per page."""
    base = tmp_path_factory.mktemp("basic")
    content = copy_fixture("basic", base)
    out = base / "output"
    build_site(content, out, NEWS_PER_PAGE=2, BUILD_DATE=__import__("datetime").date(2026, 1, 1))
    return out


# --- small content trees for checks: one valid item, then one mistake -------

VALID_ITEM = """---
title: Завршна конференција
date: 2017-02-10
project: duga
topics: [lgbti]
---
Текст вести.
"""


@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    (root / "projects").mkdir(parents=True)
    (root / "news/2017").mkdir(parents=True)
    (root / "topics.yml").write_text(
        "lgbti:\n  label: {sr-Cyrl: ЛГБТИ, bs: LGBTI, vi: LGBTI}\n"
        "child-protection:\n  label: {sr-Cyrl: Заштита деце, bs: Zaštita djece, vi: Bảo vệ trẻ em}\n",
        encoding="utf-8")
    (root / "projects/duga.yml").write_text(
        "name: {sr-Cyrl: ДУГА, bs: DUGA, vi: DUGA}\n", encoding="utf-8")
    (root / "news/2017/ok.sr-cyrl.md").write_text(VALID_ITEM, encoding="utf-8")
    return root


def write(content: Path, relative: str, text: str | bytes) -> str:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return relative


def run_task(task, capsys, **arguments) -> tuple[int, str]:
    """An invoke task as staff run it: (exit code, output)."""
    try:
        task(Context(), **arguments)
        code = 0
    except Exit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def run_check(content: Path, capsys) -> tuple[int, str]:
    """`invoke check` on a content tree, as staff run it: (exit code, output)."""
    import tasks
    return run_task(tasks.check, capsys, content=str(content))


def pytest_collection_modifyitems(items):
    """Tests in tests/quality are quality gates; any other test is
    integration unless its module is marked `unit` (it builds no site)."""
    for item in items:
        if "quality" in Path(item.path).relative_to(ROOT).parts[:2]:
            item.add_marker(pytest.mark.quality)
        elif item.get_closest_marker("unit") is None:
            item.add_marker(pytest.mark.integration)


def pytest_terminal_summary(terminalreporter):
    from tests.quality.conftest import REPORT
    for title, lines in REPORT.items():
        terminalreporter.section(title)
        for line in lines:
            terminalreporter.write_line(line)


def run_task_on(task, capsys, monkeypatch, content: Path, production=True, **extra):
    """An invoke task on `content` into `output`, as staff run it: (exit
    code, output). `extra`: settings."""
    output = extra.pop("output")
    import tasks
    monkeypatch.setitem(tasks.SETTINGS, "production" if production else "dev",
                        settings_file(content.parent, content, production, **extra))
    with progress_as_it_was():
        return run_task(task, capsys, output=output)


@contextmanager
def progress_as_it_was():
    """The tasks show progress (a handler on its logger): later tests see
    none of it."""
    logger = logging.getLogger("glasnik.progress")
    handlers, level, propagate = list(logger.handlers), logger.level, logger.propagate
    try:
        yield
    finally:
        logger.handlers[:] = handlers
        logger.setLevel(level)
        logger.propagate = propagate
