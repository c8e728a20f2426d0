"""`invoke serve` watches what the settings name: the content folder, the
theme and the folders whose templates replace the theme's (wherever they
are), the plugins and the settings files; a change of the settings that
moves them starts the preview again, watching the new ones."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from plugins.preview import Broadcast, watch_and_rebuild
from plugins.preview import serve
from plugins.preview.serve import RestartingRebuilder, watched_folders
from tests.conftest import ROOT, copy_fixture, settings_for
from tests.waiting import wait_until

CODE = ROOT / "plugins"
SETTINGS_FILES = [ROOT / "pelicanconf.py", ROOT / "publishconf.py"]


@pytest.fixture()
def overridden(tmp_path):
    """Content and an overriding footer, both outside the project."""
    content = copy_fixture("basic", tmp_path)
    overrides = tmp_path / "elsewhere" / "overrides"
    (overrides / "partials").mkdir(parents=True)
    theme_footer = ROOT / "theme" / "templates" / "partials" / "site_footer.html"
    footer = overrides / "partials" / "site_footer.html"
    footer.write_text(theme_footer.read_text(encoding="utf-8"), encoding="utf-8")
    return content, overrides, footer


def test_the_folders_the_settings_name_are_watched_once(overridden, tmp_path):
    content, overrides, _ = overridden
    inside = content / "overrides"          # within a watched folder already
    inside.mkdir()
    settings = settings_for(content, tmp_path / "out",
                            THEME_TEMPLATES_OVERRIDES=[str(overrides), str(inside),
                                                       str(tmp_path / "missing")])
    assert watched_folders(settings, CODE, SETTINGS_FILES) == sorted(
        [content, ROOT / "theme", overrides, CODE, *SETTINGS_FILES])


@pytest.mark.slow
def test_an_edit_of_an_overriding_template_outside_the_theme_rebuilds(overridden, tmp_path):
    content, overrides, footer = overridden
    output = tmp_path / "out"
    rebuild = RestartingRebuilder(
        lambda: settings_for(content, output, THEME_TEMPLATES_OVERRIDES=[str(overrides)]),
        CODE, restart=[], settings_files=SETTINGS_FILES)
    assert overrides in rebuild.watching
    assert rebuild() is None
    stop, lines = threading.Event(), []
    watcher = threading.Thread(target=watch_and_rebuild,
                               args=(rebuild.watching, rebuild, Broadcast()),
                               kwargs={"stop": stop, "report": lines.append}, daemon=True)
    watcher.start()
    home = output / "sr-cyrl" / "index.html"
    try:
        def changed() -> bool:
            # re-saved until the watcher, starting in its thread, sees it
            if "<!-- changed -->" not in footer.read_text(encoding="utf-8"):
                footer.write_text(footer.read_text(encoding="utf-8") + "<!-- changed -->\n",
                                  encoding="utf-8")
            return "<!-- changed -->" in home.read_text(encoding="utf-8")
        wait_until(changed, what="the page to show the overriding footer's change")
    finally:
        stop.set()
        watcher.join(10)
    assert any("in full" in line and "site_footer.html" in line for line in lines)


def test_a_settings_change_that_moves_the_watched_folders_restarts(overridden, tmp_path,
                                                                   monkeypatch):
    content, overrides, _ = overridden
    named = []
    rebuild = RestartingRebuilder(
        lambda: settings_for(content, tmp_path / "out", THEME_TEMPLATES_OVERRIDES=named),
        CODE, restart=["-m", "invoke", "serve"], settings_files=SETTINGS_FILES)
    restarted = []
    monkeypatch.setattr(serve.os, "execv", lambda *args: restarted.append(args))
    monkeypatch.setattr(serve.Rebuilder, "__call__", lambda self, changed=(): None)
    rebuild({content / "topics.yml"})
    rebuild({SETTINGS_FILES[0]})            # saved, but the same folders
    assert restarted == []
    named.append(str(overrides))            # the settings now name another folder
    rebuild({SETTINGS_FILES[0]})
    assert len(restarted) == 1 and restarted[0][1][1:] == ["-m", "invoke", "serve"]


def test_settings_that_cannot_be_read_leave_the_code_and_settings_watched(monkeypatch):
    def broken():
        raise SyntaxError("pelicanconf.py, line 3")
    rebuild = RestartingRebuilder(broken, CODE, restart=[], settings_files=SETTINGS_FILES)
    assert rebuild.watching == sorted([CODE, *SETTINGS_FILES])
    assert isinstance(rebuild.watching[0], Path)
