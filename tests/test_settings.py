"""Settings: one schema (plugins/settings), checked once with the file and
line that set each; Pelican's settings that people reach for honoured
(JINJA_FILTERS, JINJA_GLOBALS, THEME_TEMPLATES_OVERRIDES, STATIC_PATHS with
EXTRA_PATH_METADATA), the others refused with what to use instead."""

from __future__ import annotations

import ast
import io
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

import tasks
from plugins import settings as checked
from plugins.common.errors import SettingsError
from plugins.publishing.build import build, check, settings_from
from tests.conftest import ROOT, copy_fixture, html, run_task, settings_for


def settings_file(tmp_path: Path, lines: str, production: bool = False) -> Path:
    """A settings file as staff write one: the shipped one, then `lines`."""
    name = "publishconf.py" if production else "pelicanconf.py"
    folder = tmp_path / "conf"
    folder.mkdir(exist_ok=True)
    for shipped in ("pelicanconf.py", "publishconf.py"):
        (folder / shipped).write_text((ROOT / shipped).read_text(encoding="utf-8")
                                      + f"\nTHEME = {str(ROOT / 'theme')!r}\nEDITOR = None\n",
                                      encoding="utf-8")
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8") + lines, encoding="utf-8")
    return path


def read(conf: Path, content: Path, output: Path) -> dict:
    return settings_from(conf, PATH=content, OUTPUT_PATH=output)


def line_of(conf: Path, name: str) -> int:
    found = [n.lineno for n in ast.parse(conf.read_text(encoding="utf-8")).body
             if isinstance(n, ast.Assign) and any(getattr(t, "id", "") == name
                                                  for t in n.targets)]
    return found[-1]


@pytest.mark.parametrize("name", ["pelicanconf.py", "publishconf.py"])
def test_the_shipped_settings_have_no_problem(name):
    found = checked.problems(settings_from(ROOT / name))
    assert found.items == []


def test_every_setting_the_code_reads_is_in_the_schema():
    read_names = set()
    pattern = re.compile(r"""(?:settings|SETTINGS)(?:\.get\(|\[)\s*["']([A-Z][A-Z0-9_]+)["']""")
    for path in [*(ROOT / "plugins").rglob("*.py"), ROOT / "tasks.py"]:
        read_names |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert len(read_names) > 30
    assert read_names - checked.known_names() == set()


def test_a_name_nothing_reads_is_a_warning_with_the_closest_name(tmp_path, content, capsys):
    conf = settings_file(tmp_path, "NEWS_PER_PAGES = 5\n")
    settings = read(conf, content, tmp_path / "out")
    line = line_of(conf, "NEWS_PER_PAGES")
    [warning] = checked.problems(settings).items
    assert warning.format() == (
        f"{conf.relative_to(Path.cwd()) if conf.is_relative_to(Path.cwd()) else conf}:"
        f"{line}: warning: `NEWS_PER_PAGES` is not a setting this site reads, so it "
        "changes nothing\n    hint: did you mean `NEWS_PER_PAGE`?")
    result = build(settings)   # a warning: the site is built, and says so
    assert any("NEWS_PER_PAGES" in w and "did you mean `NEWS_PER_PAGE`?" in w
               for w in result.warnings)
    assert "NEWS_PER_PAGES" in check(settings).report()   # invoke check lists it too


def test_a_wrong_value_names_file_line_setting_expected_and_found(tmp_path, content):
    conf = settings_file(tmp_path, 'NEWS_PER_PAGE = "10"\nFEEDS = "yes"\n')
    with pytest.raises(SettingsError) as refused:
        build(read(conf, content, tmp_path / "out"))
    message = str(refused.value)
    assert f":{line_of(conf, 'NEWS_PER_PAGE')}: error: setting `NEWS_PER_PAGE`: expected " \
           "a positive whole number, such as 10; found '10'" in message
    assert f":{line_of(conf, 'FEEDS')}: error: setting `FEEDS`: expected True or False; " \
           "found 'yes'" in message          # every one at once
    assert not (tmp_path / "out").exists()


def test_a_production_setting_is_named_in_publishconf(tmp_path, content):
    conf = settings_file(tmp_path, "TIMEZONE = 'Europe/Beograd'\n", production=True)
    with pytest.raises(SettingsError, match=r"publishconf.py:\d+: error: setting "
                       "`TIMEZONE`: expected a time zone such as 'Europe/Belgrade'"):
        check(read(conf, content, tmp_path / "out"))


@pytest.mark.parametrize("lines, words", [
    ("ARTICLE_URL = 'news/{slug}/'\n", ["`ARTICLE_URL` is Pelican's",
                                        "hint: instead: addresses are the locale's prefix"]),
    ("PAGINATION_PATTERNS = [(1, '{url}', '{save_as}')]\n", ["NEWS_PER_PAGE"]),
    ("I18N_SUBSITES = {'vi': {}}\n", ["`I18N_SUBSITES`", "every locale is built in one run"]),
    ("SITENAME = 'Vijesti'\n", ["SITE_NAME, a name per locale"]),
    ("TYPOGRIFY = True\n", ["`TYPOGRIFY` is Pelican's", "write the typography"]),
    ("PLUGINS = ['i18n_subsites']\n", ["`PLUGINS` = ['i18n_subsites']: this site keeps "
                                       "it ['plugins.newsroom']", "Pelican plugins are not run"]),
    ("FEED_ALL_ATOM = 'feeds/all.atom.xml'\n", ["FEEDS = True"]),
    ("WITH_FUTURE_DATES = False\n", ["`WITH_FUTURE_DATES` is Pelican's",
                                     "Pelican's default is True"]),
])
def test_pelican_settings_the_build_does_not_honour_are_refused(tmp_path, content, lines,
                                                                 words):
    conf = settings_file(tmp_path, lines)
    with pytest.raises(SettingsError) as refused:
        check(read(conf, content, tmp_path / "out"))
    assert all(w in str(refused.value) for w in words), str(refused.value)


def test_invoke_settings_lists_every_setting_and_its_problems(tmp_path, content, capsys,
                                                             monkeypatch):
    conf = settings_file(tmp_path, "NEWS_PER_PAGE = 4\nIMAGE_WIDTH = [400]\n"
                         f"PATH = {str(content)!r}\n")
    monkeypatch.setitem(tasks.SETTINGS, "dev", conf)
    code, out = run_task(tasks.show_settings, capsys)
    assert code == 0, out
    assert "NEWS_PER_PAGE = 4   (changed)\n    news items per list page; expects a " \
           "positive whole number, such as 10; default 10" in out
    shown = {line.split(" = ")[0] for line in out.splitlines() if " = " in line}
    assert set(checked.SETTINGS) <= shown
    assert "`IMAGE_WIDTH` is not a setting" in out and "did you mean `IMAGE_WIDTHS`?" in out


# --- templates -------------------------------------------------------------

# an override sees the whole page, not only what the theme's own partial needs
FOOTER_LINE = ('<p class="hotline">{{ hotline | shout }}</p>\n'
               '<p class="this-page">{{ page.url }}</p>\n')


def test_jinja_filters_globals_and_template_overrides_from_the_settings(tmp_path):
    content = copy_fixture("basic", tmp_path)
    overrides = tmp_path / "conf" / "overrides" / "partials"
    overrides.mkdir(parents=True)
    footer = (ROOT / "theme/templates/partials/site_footer.html").read_text(encoding="utf-8")
    (overrides / "site_footer.html").write_text(footer.replace("</footer>", FOOTER_LINE
                                                               + "</footer>"),
                                                encoding="utf-8")
    conf = settings_file(tmp_path, "def shout(text):\n    return text.upper() + '!'\n\n"
                         "JINJA_FILTERS = {'shout': shout}\n"
                         "JINJA_GLOBALS = {'hotline': 'sos line'}\n"
                         "THEME_TEMPLATES_OVERRIDES = ['overrides']\n")
    out = tmp_path / "out"
    build(read(conf, content, out))
    for page in ("bs/index.html", "vi/index.html", "sr-cyrl/vesti/index.html"):
        found = html(out / page).select("footer.site-footer p.hotline")
        assert [p.get_text() for p in found] == ["SOS LINE!"], page
        shown = html(out / page).select_one("footer.site-footer p.this-page").get_text()
        assert shown == page.removesuffix("index.html"), page
    # the rest of the footer is the theme's, as before
    assert html(out / "bs/index.html").select_one("footer .site-footer-links a")


def test_a_filter_that_would_replace_the_themes_is_refused(tmp_path, content):
    with pytest.raises(SettingsError, match="JINJA_FILTERS redefines iso, which Jinja or "
                       "the theme already has"):
        build(settings_for(content, tmp_path / "out", JINJA_FILTERS={"iso": str}))


def test_a_missing_override_folder_is_named(tmp_path, content):
    with pytest.raises(SettingsError, match="THEME_TEMPLATES_OVERRIDES names .*nowhere, "
                       "which is not a folder"):
        build(settings_for(content, tmp_path / "out",
                           THEME_TEMPLATES_OVERRIDES=[str(tmp_path / "nowhere")]))


# --- extra files -----------------------------------------------------------

EXTRA = {"extra/CNAME": b"vijesti.example.org\n",
         "extra/security.txt": b"Contact: mailto:security@example.org\r\n"
                               b"Expires: 2027-01-01T00:00:00.000Z\r\n",
         "favicon.ico": bytes(range(256)) * 4}


def pdf_by(author: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_metadata({"/Author": author, "/Title": "Godišnji izvještaj"})
    data = io.BytesIO()
    writer.write(data)
    return data.getvalue()


def photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (45.0, 15.0, 30.0), 3: "E", 4: (19.0, 50.0, 10.0)}
    data = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 30, 30)).save(data, "JPEG", exif=exif.tobytes())
    return data.getvalue()


def docx_by(author: str) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("docProps/core.xml", (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:creator>{author}</dc:creator></cp:coreProperties>'))
    return data.getvalue()


def test_extra_files_are_copied_byte_for_byte(tmp_path):
    content = copy_fixture("basic", tmp_path)
    for relative, data in EXTRA.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_bytes(data)
    (content / "downloads").mkdir()
    (content / "downloads/godisnji-izvjestaj.pdf").write_bytes(pdf_by("Jana Janković"))
    conf = settings_file(tmp_path, (
        "STATIC_PATHS = ['extra', 'favicon.ico', 'downloads']\n"
        "EXTRA_PATH_METADATA = {'extra/CNAME': {'save_as': 'CNAME'},\n"
        "    'extra/security.txt': {'path': '.well-known/security.txt'}}\n"))
    out = tmp_path / "out"
    result = build(read(conf, content, out))
    assert (out / "CNAME").read_bytes() == EXTRA["extra/CNAME"]
    assert (out / ".well-known/security.txt").read_bytes() == EXTRA["extra/security.txt"]
    assert (out / "favicon.ico").read_bytes() == EXTRA["favicon.ico"]
    published = PdfReader(out / "downloads/godisnji-izvjestaj.pdf")   # as every PDF:
    assert len(published.pages) == 1 and not published.metadata         # no author
    assert "Jana".encode() not in (out / "downloads/godisnji-izvjestaj.pdf").read_bytes()
    assert not (out / "extra").exists()
    assert {"CNAME", ".well-known/security.txt", "favicon.ico"} <= set(result.files)


@pytest.mark.parametrize("name, data, words", [
    ("extra/kontakt.html", b"<p>Kontakt</p>", [
        "content/extra/kontakt.html is not published: browsers run HTML files",
        "put its text into the Markdown of an item or page", "remove it from STATIC_PATHS"]),
    ("extra/logo.svg", b"<svg/>", ["browsers run the scripts an SVG file may hold",
                                   "export it as PNG"]),
    ("extra/notes", b"<!DOCTYPE html><script>x()</script>", ["starts like a web page"]),
    ("extra/.env", b"SECRET=1", ["hidden files", "only .well-known/ may be published"]),
    ("downloads/sala.jpg", photo_with_gps(), [
        "content/downloads/sala.jpg is not published: the picture carries EXIF",
        "show it in an item"]),
    ("downloads/zapisnik.docx", docx_by("Jana Janković"), [
        "content/downloads/zapisnik.docx is not published: it holds the name of who made "
        "or saved it, in: author (creator)", "Inspect Document"]),
    ("downloads/snimak.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
     b"\x00\x00\x00\x1c\xa9xyz+44.8125+020.4612/", ["GPS position"]),
])
def test_an_active_or_hidden_extra_file_is_refused(tmp_path, content, name, data, words):
    (content / name).parent.mkdir(parents=True, exist_ok=True)
    (content / name).write_bytes(data)
    settings = settings_for(content, tmp_path / "out", STATIC_PATHS=[name])
    for run in (build, check):   # invoke check says it too
        with pytest.raises(SettingsError) as refused:
            run(settings)
        assert all(w in str(refused.value) for w in words), str(refused.value)
    assert not (tmp_path / "out").exists()


def test_an_extra_file_may_not_replace_a_file_the_build_writes(tmp_path, content):
    (content / "extra").mkdir()
    (content / "extra/robots.txt").write_text("User-agent: *\nDisallow: /\n")
    with pytest.raises(SettingsError, match=r"content/extra/robots.txt would replace "
                       "robots.txt, which the build writes itself"):
        build(settings_for(content, tmp_path / "out", STATIC_PATHS=["extra/robots.txt"],
                           EXTRA_PATH_METADATA={"extra/robots.txt":
                                                {"save_as": "robots.txt"}}))
    assert not (tmp_path / "out").exists()


def test_the_picture_defaults_of_the_schema_are_the_pipelines():
    from plugins.images.encode import Options
    from plugins.settings.schema import SETTINGS
    assert tuple(SETTINGS["IMAGE_WIDTHS"].default) == Options.widths
    assert tuple(SETTINGS["IMAGE_FORMATS"].default) == Options.formats
    assert SETTINGS["IMAGE_MAX_PIXELS"].default == Options.max_pixels
    assert SETTINGS["IMAGE_WARN_BYTES"].default == Options.warn_bytes
