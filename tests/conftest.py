"""Shared helpers: build real sites from content trees into temp folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def settings_for(content: Path, output: Path, production: bool = False, **extra):
    from plugins.newsroom.build import settings_from
    conf = ROOT / ("publishconf.py" if production else "pelicanconf.py")
    settings = settings_from(conf, PATH=content, OUTPUT_PATH=output)
    settings.update(extra)
    return settings


def build_site(content: Path, output: Path, production: bool = False, **extra):
    from plugins.newsroom.build import build
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
