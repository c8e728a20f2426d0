"""Gate: the Nu HTML checker (vnu-jar, run on Debian's Java) reports no
error on any page of the seed site or the fixture."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from plugins import editor
from tests.conftest import ROOT, build_site
from tests.quality.conftest import NODE_MODULES, need

pytestmark = pytest.mark.quality


def nu_errors(pages: list, warnings: bool = False) -> list[str]:
    """The checker's messages, one a line: errors, and warnings too if asked."""
    java = need(shutil.which("java") or "/usr/bin/java", "java")
    vnu = need(NODE_MODULES / "vnu-jar/build/dist/vnu.jar", "the Nu HTML checker")
    run = subprocess.run([java, "-jar", vnu, *([] if warnings else ["--errors-only"]),
                          "--format", "gnu", "--skip-non-html", *map(str, pages)],
                         capture_output=True, text=True, timeout=600)
    errors = run.stderr.strip().splitlines()
    if not warnings:   # exit 1 when any error was reported, each a line of stderr
        assert (run.returncode == 1) == bool(errors), run.stderr[-3000:]
    return errors


def test_every_page_is_valid_html(served_sites):
    pages = [p for site in served_sites for p in sorted(site.root.rglob("*.html"))]
    assert len(pages) > 150
    assert nu_errors(pages) == []


def test_text_is_nfc_on_every_page(served_sites):
    """The fixture's Cyrillic item has accents (сѐ, ру̏ка) that its derived
    Latin page must write precomposed (sè, rȕka): the checker warns of any
    text run that is not in NFC."""
    pages = [p for site in served_sites for p in sorted(site.root.rglob("*.html"))]
    warned = [m for m in nu_errors(pages, warnings=True) if "Normalization Form C" in m]
    assert warned == []


def test_the_checker_warns_of_text_not_in_nfc(tmp_path):
    page = tmp_path / "nfd.html"
    page.write_text('<!doctype html><html lang="sr-Latn"><title>x</title><p>se\u0300</p>'
                    '</html>', encoding="utf-8")
    assert any("Normalization Form C" in m for m in nu_errors([page], warnings=True))


def test_the_checker_finds_errors(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><title>x</title><p><div>x</p>'
                   '<img src="a.png"></html>', encoding="utf-8")
    errors = nu_errors([bad])
    assert any("alt" in e for e in errors) and any("div" in e for e in errors), errors


def test_the_admin_page_is_valid_html(tmp_path):
    """Our shell of the web editor (Decap's own interface is made by its
    script at run time, outside this gate)."""
    if not (editor.vendor_folder(ROOT) / f"{editor.PACKAGE}.js").is_file():
        pytest.fail("the editor's files are missing: `.venv/bin/invoke editor-install`")
    out = tmp_path / "out"
    build_site(ROOT / "content", out, EDITOR={"backend": "local"})
    assert nu_errors([out / "admin" / "index.html"]) == []
