"""The build as a pipeline (plugins/newsroom/pipeline.py): Pelican's entry
point builds the same site, the engine's phases depend on neither search nor
publishing, and each template is compiled once per build."""

from __future__ import annotations

import ast
import gc
from collections import Counter
from pathlib import Path

import pytest
from jinja2 import Environment
from pelican import Pelican

from plugins.common import parallel
from plugins.newsroom import pipeline
from tests.conftest import ROOT, build_site, copy_fixture, settings_for

ENGINE = ROOT / "plugins" / "newsroom"


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_pelican_entry_point_builds_the_same_site(tmp_path):
    content = copy_fixture("basic", tmp_path)
    build_site(content, tmp_path / "ours")
    Pelican(settings_for(content, tmp_path / "pelican")).run()
    ours, pelicans = tree(tmp_path / "ours"), tree(tmp_path / "pelican")
    assert ours.keys() == pelicans.keys()
    assert [name for name in ours if ours[name] != pelicans[name]] == []


def imported(path: Path) -> set[str]:
    """The absolute names a module imports (relative imports resolved)."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_the_engine_imports_neither_search_nor_publishing():
    # generator.py, Pelican's entry point, wires the search page's data in
    modules = [p for p in ENGINE.rglob("*.py") if p.name != "generator.py"]
    assert len(modules) > 10
    found = {p.relative_to(ROOT).as_posix(): sorted(
        n for n in imported(p)
        if n.split(".")[:2] in (["plugins", "search"], ["plugins", "publishing"],
                                ["plugins", "preview"]))
        for p in modules}
    assert {path: names for path, names in found.items() if names} == {}



# what each lower package may import of ours: dependencies point one way
LAYERS = {
    "common": set(),
    "translit": set(),
    "settings": {"common"},
    "files": {"common"},
    "i18n": {"common", "translit"},
    "images": {"common", "files", "settings"},
    "content": {"common", "files", "settings", "translit"},
}


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_lower_packages_know_nothing_of_pages_or_publishing(package):
    modules = list((ROOT / "plugins" / package).rglob("*.py"))
    assert modules
    found = {name.split(".")[1] for p in modules for name in imported(p)
             if name.startswith("plugins.") and name.count(".") >= 1}
    assert found - {package} <= LAYERS[package], sorted(found - {package} - LAYERS[package])

@pytest.mark.slow
def test_each_template_is_compiled_once_per_build(tmp_path, monkeypatch):
    compiled = Counter()
    real = Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        compiled[name] += 1
        return real(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counting)
    result = build_site(copy_fixture("basic", tmp_path), tmp_path / "out")
    assert len(result.build.locales) > 1   # one environment per locale, and the chooser's
    assert compiled["item.html"] == 1 and compiled["partials/news_card.html"] == 1
    assert [name for name, count in compiled.items() if count > 1] == []


def test_the_collector_is_off_in_the_phases_and_on_in_workers_and_after(tmp_path,
                                                                       monkeypatch):
    seen = {}
    real_views = pipeline.p3_views.build_views

    def views(*args, **kwargs):
        seen["views"] = gc.isenabled()
        seen["worker"] = parallel.fork_map(lambda index, count: gc.isenabled(), 1, 2,
                                           min_items=1)
        return real_views(*args, **kwargs)
    monkeypatch.setattr(pipeline.p3_views, "build_views", views)
    content = copy_fixture("basic", tmp_path)
    assert gc.isenabled()
    build_site(content, tmp_path / "out")
    assert seen == {"views": False, "worker": [True, True]}
    assert gc.isenabled(), "given back after the build"
    gc.disable()   # a caller that had it off keeps it off
    try:
        build_site(content, tmp_path / "again")
        assert not gc.isenabled()
    finally:
        gc.enable()
