"""The web editor end to end in Chromium, in local mode: /admin/ served by
the preview server, a Bosnian item written and saved into content/."""

from __future__ import annotations

import shutil
import threading
import time
from urllib.parse import urlsplit

import pytest
import yaml

from plugins import editor
from plugins.editor.local import LocalRepository
from plugins.newsroom.build import check
from plugins.preview import Broadcast, Rebuilder, start_server, watch_and_rebuild
from tests.conftest import ROOT, settings_for

pytestmark = pytest.mark.quality
SHOTS = ROOT / ".cache" / "screenshots" / "editor"


@pytest.fixture
def local_editor(tmp_path):
    if not (editor.vendor_folder(ROOT) / f"{editor.PACKAGE}.js").is_file():
        pytest.fail("the editor's files are missing: `.venv/bin/invoke editor-install`")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "preview"

    def settings():
        return settings_for(content, output, LIVE_RELOAD=True, EDITOR={"backend": "local"})

    rebuild = Rebuilder(settings)
    assert rebuild() is None
    broadcast, stop, lines = Broadcast(), threading.Event(), []
    server = start_server(output, broadcast, 0, repository=LocalRepository(content))
    threading.Thread(target=watch_and_rebuild, args=([content], rebuild, broadcast),
                     kwargs={"stop": stop, "report": lines.append}, daemon=True).start()
    yield content, f"http://127.0.0.1:{server.server_address[1]}", settings, lines
    stop.set()
    server.shutdown()


def test_a_bosnian_item_written_in_the_browser(local_editor, browser):
    content, base, settings, lines = local_editor
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    hosts, errors = set(), []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc
                                                 or urlsplit(request.url).scheme))
    page.on("pageerror", lambda error: errors.append(str(error)))
    picture = content.parent / "radionica.jpg"
    from PIL import Image
    Image.new("RGB", (640, 400), (30, 120, 200)).save(picture)

    page.goto(f"{base}/admin/?lang=bs")
    page.get_by_role("button").first.click()          # the local backend's "sign in"
    page.goto(f"{base}/admin/#/collections/news/new")
    page.wait_for_selector("[id^=title-field]")
    page.locator("[id^=title-field]").first.fill("Radionica o mentalnom zdravlju u Tuzli")
    page.locator("[id^=date-field]").first.fill("2026-05-14")

    def choose(field: str, typed: str):
        page.locator(f"[id^={field}-field]").first.click(force=True)
        page.keyboard.type(typed)
        page.keyboard.press("Enter")

    choose("project", "Regionalizacija")      # shown by its Bosnian name
    choose("topics", "LGBTI")
    choose("topics", "Mentalno zdravlje")
    page.locator("[id^=image_alt-field]").first.fill("Učesnici radionice")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Radionica je održana u Tuzli.")
    page.get_by_role("button", name="Odaberi sliku").first.click()
    page.locator("input[type=file]").first.set_input_files(str(picture))
    page.get_by_role("button", name="Odaberi označeno").click()
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "new-item-bs-1280.png"))
    page.get_by_role("button", name="Objavi").first.click()
    page.get_by_text("Objavi sad", exact=True).click()

    item = content / "news/2026/radionica-o-mentalnom-zdravlju-u-tuzli.bs.md"
    deadline = time.monotonic() + 20
    while not item.is_file():
        assert time.monotonic() < deadline, f"not saved; page errors: {errors}"
        time.sleep(0.2)
    text = item.read_text(encoding="utf-8")
    front, body = text.split("---\n")[1:3]
    assert yaml.safe_load(front) == {
        "title": "Radionica o mentalnom zdravlju u Tuzli", "date": __import__("datetime").date(
            2026, 5, 14), "project": "lgbti-mental-health-bih",
        "topics": ["lgbti", "mental-health"], "image": "radionica.jpg",
        "image_alt": "Učesnici radionice", "slug": "radionica-o-mentalnom-zdravlju-u-tuzli"}
    assert body.strip() == "Radionica je održana u Tuzli."
    assert (item.parent / "radionica.jpg").read_bytes() == picture.read_bytes()
    # one file: no empty Serbian or Vietnamese ones beside it
    assert sorted(p.name for p in item.parent.glob("*.md")) == [item.name]
    problems = check(settings())
    assert not problems.errors, problems.report()
    # the preview rebuilds and shows it
    deadline = time.monotonic() + 30
    while page.goto(f"{base}/bs/vijesti/radionica-o-mentalnom-zdravlju-u-tuzli/").status != 200:
        assert time.monotonic() < deadline, lines
        time.sleep(0.5)
    assert "Radionica o mentalnom zdravlju u Tuzli" in page.inner_text("h1")
    assert errors == []
    assert hosts <= {urlsplit(base).netloc, "blob", "data"}, hosts
