"""Files content links to or shows: only files for readers leave content/,
pictures lose their metadata whatever their name and format, documents
that name their author are reported (PDFs published without it), and the
build marker never reaches the published folder. Every case is checked on
built output, and `invoke check` and the build say the same."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter

from plugins.common.errors import ContentErrors
from tests.conftest import build_site, html, run_check, write

GPS_IFD = 0x8825
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
       b'02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
       b'<dc:creator>Jana Jankovic</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')
ITEM = "news/2017/x.bs.md"
HEAD = "---\ntitle: N\ndate: 2017-02-10\n---\n"   # the body starts on line 5


def exif() -> bytes:
    data = Image.Exif()
    data[0x010F] = "PhoneMaker"
    data[0x0112] = 1
    data[GPS_IFD] = {1: "N", 2: (45.0, 15.0, 30.0), 3: "E", 4: (19.0, 50.0, 10.0)}
    return data.tobytes()


def picture(fmt: str, mode: str = "RGB") -> bytes:
    """A small picture in `fmt` carrying a GPS position, a maker and XMP."""
    image = Image.new(mode, (64, 48), (200, 30, 30, 128)[:len(mode)])
    out = io.BytesIO()
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        image.save(out, fmt, exif=exif(), pnginfo=info)
    elif fmt == "GIF":
        image.save(out, fmt, comment=b"PhoneMaker meeting room 3")
    elif fmt == "TIFF":
        image.save(out, fmt, exif=exif())
    else:   # JPEG, WEBP, AVIF, HEIF
        image.save(out, fmt, exif=exif(), xmp=XMP)
    data = out.getvalue()
    assert b"PhoneMaker" in data
    return data


def dng() -> bytes:
    """A TIFF with the DNGVersion tag: what a camera raw file looks like."""
    out = io.BytesIO()
    info = Image.Exif()
    info[50706] = b"\x01\x04\x00\x00"
    Image.new("RGB", (16, 16)).save(out, "TIFF", exif=info.tobytes(), tiffinfo={50706: b"\x01\x04\x00\x00"})
    return out.getvalue()


def assert_clean(folder) -> None:
    """No published file carries EXIF, a GPS position, XMP or the maker."""
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for marker in (b"PhoneMaker", b"Jana Jankovic", b"http://ns.adobe.com/xap",
                       b"xmpmeta"):
            assert marker not in data, (path, marker)
        if path.suffix in (".jpg", ".png", ".webp", ".avif", ".gif"):
            with Image.open(path) as image:
                assert not image.getexif().get_ifd(GPS_IFD), path
                assert not image.getexif(), path
                assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(image.info)


def check_and_build(content, capsys, tmp_path) -> tuple[int, str, str]:
    """(check's exit code, its report, the build's report): the same problems."""
    code, checked = run_check(content, capsys)
    with pytest.raises(ContentErrors) as caught:
        build_site(content, tmp_path / "out")
    built = caught.value.problems.report()
    assert not (tmp_path / "out").exists()      # nothing was published
    assert "Traceback" not in checked
    errors = lambda report: {l for l in report.splitlines() if ": error: " in l}  # noqa: E731
    assert errors(checked) == errors(built), (checked, built)
    return code, checked, built


# --- 1. files that browsers run --------------------------------------------

@pytest.mark.parametrize("ref,name", [
    ("evil.HTML", "evil.HTML"), ("page.htm", "page.htm"), ("a.xhtml", "a.xhtml"),
    ("x.Html", "x.Html"), ("/files/a.svg", "../../files/a.svg"), ("logo.SVG", "logo.SVG"),
    ("evil.html", "evil.html"),
])
def test_files_browsers_run_are_refused(content, capsys, tmp_path, ref, name):
    write(content, f"news/2017/{name}", "<script>alert(document.cookie)</script>")
    write(content, ITEM, HEAD + f"Pogledajte [ovo]({ref}).\n")
    code, out, _ = check_and_build(content, capsys, tmp_path)
    assert code == 1
    assert f"content/{ITEM}:5: error: `{ref}` is not published: browsers run" in out, out
    assert "hint: " in out and ("PNG" in out if "svg" in ref.lower() else "Markdown" in out)


def test_a_link_to_a_page_of_the_site_is_not_a_file(content, tmp_path):
    write(content, ITEM, HEAD + "[Početna](/bs/index.html)\n")
    build_site(content, tmp_path / "out")     # no such file in content/: not refused


def test_a_shown_svg_is_refused_with_export_as_png(content, capsys, tmp_path):
    write(content, "news/2017/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    write(content, ITEM, HEAD + "![Logo](logo.svg)\n")
    code, out, _ = check_and_build(content, capsys, tmp_path)
    assert f"content/{ITEM}:5: error: the picture `logo.svg` is an SVG file" in out
    assert "export it as PNG" in out


@pytest.mark.parametrize("name,data", [
    ("notes.txt", b"\xef\xbb\xbf  <!DOCTYPE html><html><script>x()</script>"),
    ("report.pdf", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>'),
    ("table.csv", "<html>".encode("utf-16")),
])
def test_files_whose_bytes_are_a_web_page_are_refused(content, capsys, tmp_path, name, data):
    write(content, f"news/2017/{name}", data)
    write(content, ITEM, HEAD + f"[prilog]({name})\n")
    code, out, _ = check_and_build(content, capsys, tmp_path)
    assert f"content/{ITEM}:5: error: `{name}` starts like a web page" in out, out


# --- 2. only files for readers leave content/ -------------------------------

@pytest.mark.parametrize("ref,make,words", [
    (".env", "news/2017/.env", "hidden file"),
    ("/topics.yml", None, "a source file of the site"),
    ("/projects/duga.yml", None, "a source file of the site"),
    ("folder/.secret/x.pdf", "news/2017/folder/.secret/x.pdf", "hidden file"),
    ("X.MD", "news/2017/X.MD", "a source file of the site"),
    ("/pelicanconf.py", "pelicanconf.py", "a source file of the site"),
    ("data.bin", "news/2017/data.bin", "files ending in `.bin` are not among"),
    ("photos.zip", "news/2017/photos.zip", "an archive may hold photos"),
    ("old.doc", "news/2017/old.doc", "old Word/Excel/PowerPoint"),
    ("IMG_1.DNG", "news/2017/IMG_1.DNG", "camera raw"),
])
def test_files_not_meant_for_readers_are_refused(content, capsys, tmp_path, ref, make, words):
    if make:
        write(content, make, b"%PDF-1.4 secret")
    write(content, ITEM, HEAD + f"[prilog]({ref})\n")
    code, out, _ = check_and_build(content, capsys, tmp_path)
    assert code == 1 and f"content/{ITEM}:5: error: `{ref}`" in out and words in out, out
    assert "\n    hint: " in out


def test_files_outside_content_are_refused(content, capsys, tmp_path):
    (content.parent / "pelicanconf.py").write_text("SECRET = 1\n")
    os.symlink(content / "news/2017/.hidden-notes", content / "news/2017/notes.pdf")
    write(content, "news/2017/.hidden-notes", b"%PDF-1.4 private")
    write(content, ITEM, HEAD + "[a](../../../pelicanconf.py) [b](notes.pdf)\n")
    code, out, _ = check_and_build(content, capsys, tmp_path)
    assert "`../../../pelicanconf.py` is outside content/" in out
    assert "`notes.pdf` is a hidden file" in out      # a symlink to one


def test_a_link_to_a_markdown_file_that_is_no_item_is_refused(content, capsys, tmp_path):
    write(content, "news/2017/notes.md", "interne bilješke")
    write(content, ITEM, HEAD + "[bilješke](notes.md)\n")
    code, out, _ = check_and_build(content, capsys, tmp_path)
    assert "`notes.md` is not a news item or page" in out


# --- 3. pictures by their bytes, whatever their name -------------------------

LINKED = [("IMG_0001.HEIC", "HEIF", "IMG_0001-heic.jpg"), ("photo.avif", "AVIF", "photo.avif"),
          ("scan.tif", "TIFF", "scan-tif.jpg"), ("photo.jfif", "JPEG", "photo.jfif"),
          ("photo.webp", "WEBP", "photo.webp"), ("anim.gif", "GIF", "anim.gif"),
          ("plan.png", "PNG", "plan.png"), ("photo.JPG", "JPEG", "photo.JPG"),
          ("IMG_0002.heif", "HEIF", "IMG_0002-heif.jpg")]


@pytest.mark.slow
def test_linked_pictures_of_every_format_lose_their_metadata(content, tmp_path):
    for name, fmt, _ in LINKED:
        write(content, f"news/2017/{name}", picture(fmt))
    write(content, "news/2017/logo.tiff", picture("TIFF", "RGBA"))
    links = " ".join(f"[{i}]({name})" for i, (name, *_) in enumerate(LINKED))
    write(content, ITEM, HEAD + links + " [logo](logo.tiff)\n")
    out = tmp_path / "out"
    build_site(content, out)
    hrefs = [a["href"] for a in html(out / "bs/vijesti/x/index.html").select(".news-item-body a")]
    assert hrefs == [f"/news/2017/{published}" for *_, published in LINKED] + \
        ["/news/2017/logo-tiff.png"]
    for *_, published in LINKED:
        with Image.open(out / "news/2017" / published) as image:
            assert image.size == (64, 48)
    with Image.open(out / "news/2017/logo-tiff.png") as image:
        assert image.mode == "RGBA"                  # transparency kept
    assert not (out / "news/2017/IMG_0001.HEIC").exists()
    assert_clean(out)


@pytest.mark.slow
def test_shown_heic_pictures_go_through_the_pipeline(content, tmp_path):
    write(content, "news/2017/IMG_0003.heic", picture("HEIF"))
    write(content, "news/2017/IMG_0004.HEIC", picture("HEIF"))
    write(content, ITEM, "---\ntitle: N\ndate: 2017-02-10\nimage: IMG_0003.heic\n"
          "image_alt: Sala\n---\n![Učesnici](IMG_0004.HEIC)\n")
    out = tmp_path / "out"
    build_site(content, out)
    published = {p.name for p in (out / "news/2017").iterdir()}
    assert {"IMG_0003-64.jpg", "IMG_0003-og.jpg", "IMG_0004-64.jpg"} <= published
    assert not {"IMG_0003.heic", "IMG_0004.HEIC"} & published
    assert_clean(out)


@pytest.mark.parametrize("name,data,words", [
    ("report.pdf", lambda: picture("JPEG"), "is a JPEG picture named `.pdf`"),
    ("notes.txt", lambda: picture("HEIF"), "is a HEIF picture named `.txt`"),
    ("data.bin", lambda: picture("JPEG"), "files ending in `.bin`"),
    ("raw.tif", dng, "camera raw file (DNG)"),
])
def test_pictures_in_other_clothes_are_refused(content, capsys, tmp_path, name, data, words):
    write(content, f"news/2017/{name}", data())
    write(content, ITEM, HEAD + f"[prilog]({name})\n")
    code, out, _ = check_and_build(content, capsys, tmp_path)
    assert f"content/{ITEM}:5: error: `{name}`" in out and words in out, out


def test_a_shown_dng_is_refused(content, capsys, tmp_path):
    write(content, "news/2017/raw.dng", dng())
    write(content, ITEM, HEAD + "![Sala](raw.dng)\n")
    code, out, _ = check_and_build(content, capsys, tmp_path)
    assert "the picture `raw.dng` is a camera raw file" in out and "export it as JPEG" in out


# --- 4. documents that name their author -------------------------------------

def pdf_with_author(path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Jana Jankovic", "/Creator": "Microsoft Word",
                         "/Producer": "Jana's laptop"})
    writer.xmp_metadata = XMP
    writer.write(path)


def office(path, parts: dict) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, text in parts.items():
            archive.writestr(name, text)


CORE = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<dc:creator>Jana Jankovic</dc:creator><cp:lastModifiedBy>Jana Jankovic'
        '</cp:lastModifiedBy></cp:coreProperties>')
APP = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
       'extended-properties"><Company>Org</Company><Manager></Manager></Properties>')
META = ('<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><meta:initial-creator>'
        'Jana Jankovic</meta:initial-creator><dc:creator>Jana Jankovic</dc:creator>'
        '</office:meta></office:document-meta>')


@pytest.mark.slow
def test_documents_naming_their_author_are_reported_and_pdfs_cleared(content, capsys, tmp_path):
    pdf_with_author(content / "news/2017/report.pdf")
    office(content / "news/2017/budget.xlsx", {"docProps/core.xml": CORE,
                                               "docProps/app.xml": APP})
    office(content / "news/2017/minutes.odt", {"mimetype": "application/vnd.oasis."
                                               "opendocument.text", "meta.xml": META})
    office(content / "news/2017/clean.docx", {"docProps/core.xml": "<x/>"})
    write(content, ITEM, HEAD + "[a](report.pdf) [b](budget.xlsx)\n[c](minutes.odt) "
          "[d](clean.docx) [a again](report.pdf)\n")
    code, out = run_check(content, capsys)
    assert code == 0, out
    assert "Jana" not in out                     # fields named, never the name itself
    assert (f"content/{ITEM}:5: warning: `report.pdf` holds the name of who made or "
            "saved it, in: author (/Author), XMP dc:creator") in out
    assert "published copy is cleared" in out
    assert "`budget.xlsx` holds the name of who made or saved it, in: author (creator), " \
           "last modified by, company" in out and "Inspect Document" in out
    assert f"content/{ITEM}:6: warning: `minutes.odt` holds the name of who made or saved " \
           "it, in: initial creator, creator (last saved by)" in out
    assert "Remove personal information on saving" in out
    assert "clean.docx" not in out and out.count("report.pdf") == 1
    out_folder = tmp_path / "out"
    result = build_site(content, out_folder)
    assert any("`budget.xlsx` holds the name" in w for w in result.warnings)
    published = PdfReader(out_folder / "news/2017/report.pdf")
    assert len(published.pages) == 1 and not published.metadata
    assert "/Metadata" not in published.trailer["/Root"]
    assert b"Jana" not in (out_folder / "news/2017/report.pdf").read_bytes()
    assert (out_folder / "news/2017/budget.xlsx").read_bytes() == \
        (content / "news/2017/budget.xlsx").read_bytes()    # reported, not changed


@pytest.mark.parametrize("name,data,words", [
    ("budget.xlsx", b"PK\x03\x04 not really a zip", "it is damaged and cannot be opened"),
    ("report.pdf", b"%PDF-1.4 cut short", "the PDF cannot be read"),
])
def test_damaged_documents_are_refused(content, capsys, tmp_path, name, data, words):
    write(content, f"news/2017/{name}", data)
    write(content, ITEM, HEAD + f"[prilog]({name})\n")
    code, out, _ = check_and_build(content, capsys, tmp_path)
    assert f"content/{ITEM}:5: error: `{name}` is not published: {words}" in out[:400], out


def test_an_oversized_metadata_part_is_not_read(content, capsys):
    office(content / "news/2017/big.docx",
           {"docProps/core.xml": CORE.replace("<dc:creator>", "<dc:creator>" + "x" * (2 << 20))})
    write(content, ITEM, HEAD + "[a](big.docx)\n")
    code, out = run_check(content, capsys)
    assert code == 0 and "big.docx" not in out      # bounded: skipped, not inflated


@pytest.mark.slow
def test_videos_with_their_gps_position_are_refused(content, capsys, tmp_path):
    box = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    write(content, "news/2017/clip.mp4", box + b"\x00\x00\x00\x1c\xa9xyz+44.8125+020.4612/")
    write(content, "news/2017/talk.mp4", box + b"\x00" * 64)
    write(content, ITEM, HEAD + "[video](clip.mp4)\n")
    code, out, _ = check_and_build(content, capsys, tmp_path)
    assert "`clip.mp4` holds the GPS position of where it was recorded" in out
    write(content, ITEM, HEAD + "[video](talk.mp4)\n")
    out_folder = tmp_path / "ok"
    build_site(content, out_folder)
    assert (out_folder / "news/2017/talk.mp4").read_bytes() == box + b"\x00" * 64


# --- 5. nothing but the site in the published folder -------------------------

@pytest.mark.slow
def test_the_published_folder_holds_only_the_site(content, tmp_path):
    from plugins.publishing import build as builder
    from plugins.publishing import marker, verify
    from tests.conftest import settings_for
    live = tmp_path / "public"
    settings = settings_for(content, live, production=True)
    builder.build(settings, keep_previous=True, verify=verify.problems)
    builder.build(settings, keep_previous=True, verify=verify.problems)
    for folder in (live, builder.previous_of(live)):
        names = [p.relative_to(folder).as_posix() for p in folder.rglob("*")]
        assert not [n for n in names if any(part.startswith(".") for part in n.split("/"))]
        assert not [n for n in names if n.endswith((".md", ".yml", ".py"))]
    assert marker.publishable(live, settings["SITEURL"]) is None
    builder.rollback(settings)
    assert marker.publishable(live, settings["SITEURL"]) is None
    # a marker that names another folder (a build killed between two renames)
    os.replace(marker.marker_of(builder.previous_of(live)), marker.marker_of(live))
    assert "was not made by `invoke publish`" in marker.publishable(live, settings["SITEURL"])
    builder.build(settings, keep_previous=True)     # and the next build replaces it
    assert marker.publishable(live, settings["SITEURL"]) is None


def test_a_hidden_file_in_a_build_stops_the_publish(tmp_path):
    from plugins.publishing import verify
    (tmp_path / "index.html").write_text('<html lang="bs"><title>x</title></html>')
    (tmp_path / ".env").write_text("KEY=1")
    assert verify.problems(tmp_path) == [".env: a hidden file, which is not part of the site"]
