"""Only files content points at are published; pictures lose their metadata."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from tests.conftest import build_site, html, run_check, write

GPS_IFD = 0x8825


def gps_photo(path, orientation=6):
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation  # rotate 90° clockwise to view
    exif[GPS_IFD] = {1: "N", 2: (45.0, 15.0, 30.0), 3: "E", 4: (19.0, 50.0, 10.0)}
    exif[0x010F] = "PhoneMaker"
    image.save(path, "JPEG", exif=exif.tobytes(), comment=b"meeting room 3")


@pytest.mark.slow
def test_pictures_are_published_upright_without_metadata(content, tmp_path):
    gps_photo(content / "news/2017/photo.jpg")
    write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\nimage: photo.jpg\n"
          "image_alt: Sala\n---\nTekst.\n\n![Sala puna ljudi](photo.jpg)\n")
    out = tmp_path / "out"
    build_site(content, out)
    published = sorted((out / "news/2017").glob("photo-*"))
    assert {p.suffix for p in published} == {".jpg", ".webp", ".avif"}
    assert not (out / "news/2017/photo.jpg").exists()  # the original stays private
    for path in published:
        with Image.open(path) as image:
            assert (image.size == (20, 40)) != path.name.endswith("-og.jpg"), path
            assert not image.getexif(), path  # no GPS, no maker
            assert "comment" not in image.info and "exif" not in image.info
        assert b"PhoneMaker" not in path.read_bytes()
    page = html(out / "bs/vijesti/x/index.html")
    assert page.select_one(".news-item-body img")["src"] == "/news/2017/photo-20.jpg"


def test_unreferenced_and_backup_files_are_not_published(content, tmp_path):
    write(content, "news/2017/draft-notes.txt", "interni komentari")
    write(content, "news/2017/ok.sr-cyrl.md~", "старa верзија")
    write(content, "images/unused.png", b"")
    out = tmp_path / "out"
    build_site(content, out)
    published = {p.name for p in out.rglob("*") if p.is_file()}
    assert not {"draft-notes.txt", "ok.sr-cyrl.md~", "unused.png"} & published


def small_pdf(path, **info):
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    if info:
        writer.add_metadata({f"/{key}": value for key, value in info.items()})
    writer.write(path)


@pytest.mark.slow
def test_linked_files_are_published_and_links_rewritten(content, tmp_path):
    small_pdf(content / "news/2017/report.pdf")
    write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\n---\n"
          "Pogledajte [izvještaj](report.pdf) i [web](https://example.org/a.pdf).\n")
    out = tmp_path / "out"
    build_site(content, out)
    page = html(out / "bs/vijesti/x/index.html")
    hrefs = [a["href"] for a in page.select(".news-item-body a")]
    assert hrefs == ["/news/2017/report.pdf", "https://example.org/a.pdf"]
    assert (out / "news/2017/report.pdf").read_bytes().startswith(b"%PDF-")


def test_missing_linked_file_is_an_error(content, capsys):
    rel = write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\n---\n"
                "Pogledajte [izvještaj](report.pdf).\n")
    code, out = run_check(content, capsys)
    assert code == 1 and f"content/{rel}:5:" in out and "`report.pdf` does not exist" in out


def test_symlink_out_of_content_is_refused(content, capsys, tmp_path):
    secret = tmp_path / "secret.jpg"
    gps_photo(secret)
    os.symlink(secret, content / "news/2017/linked.jpg")
    write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\n---\n"
          "![Sala](linked.jpg)\n")
    code, out = run_check(content, capsys)
    assert code == 1 and "is a link to a file outside content/" in out


def test_raw_img_with_a_relative_path_is_an_error(content, capsys):
    write(content, "news/2017/photo.jpg", b"")
    rel = write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\n---\n"
                '<img src="photo.jpg" alt="Sala">\n')
    code, out = run_check(content, capsys)
    assert code == 1 and f"content/{rel}:5:" in out and "![what it shows](photo.jpg)" in out


def test_corrupt_picture_stops_the_build_with_its_name(content, tmp_path):
    from plugins.common.errors import ContentErrors
    write(content, "news/2017/broken.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")
    write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\n---\n"
          "![Sala](broken.jpg)\n")
    with pytest.raises(ContentErrors, match="content/news/2017/broken.jpg"):
        build_site(content, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_front_matter_image_is_shown_with_its_alt_text(content, tmp_path):
    gps_photo(content / "news/2017/photo.jpg", orientation=1)
    write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\nimage: photo.jpg\n"
          "image_alt: Sala puna ljudi\n---\nTekst.\n")
    write(content, "news/2017/x.vi.md", "---\ntitle: T\nimage_alt: Hội trường\n---\nVăn.\n")
    out = tmp_path / "out"
    build_site(content, out)
    for path, alt in [("bs/vijesti/x", "Sala puna ljudi"), ("vi/tin-tuc/x", "Hội trường")]:
        img = html(out / path / "index.html").select_one(".news-item-image img")
        assert img["src"] == "/news/2017/photo-40.jpg" and img["alt"] == alt


def test_linked_pictures_lose_their_metadata(content, tmp_path):
    gps_photo(content / "news/2017/full.jpg")
    frames = [Image.new("RGB", (8, 8), c) for c in ((200, 30, 30), (30, 30, 200))]
    frames[0].save(content / "news/2017/anim.gif", save_all=True, append_images=frames[1:],
                   comment=b"meeting room 3")
    write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\n---\n"
          "[Puna veličina](full.jpg), [animacija](anim.gif)\n")
    out = tmp_path / "out"
    build_site(content, out)
    with Image.open(out / "news/2017/full.jpg") as image:
        assert image.size == (20, 40) and not image.getexif()
    with Image.open(out / "news/2017/anim.gif") as image:
        assert image.n_frames == 2 and "comment" not in image.info
    for name in ("full.jpg", "anim.gif"):
        assert b"meeting room" not in (out / "news/2017" / name).read_bytes()


@pytest.mark.parametrize("make,message", [
    (lambda p: Image.new("RGB", (300, 200)).save(p, "JPEG"), "over the limit of 0"),
    (lambda p: p.write_bytes(b"minutes of the meeting"), "not a picture Pillow can read"),
    (lambda p: p.write_bytes(_cut_short()), "damaged or cut short"),
])
def test_linked_pictures_pass_the_guards_of_shown_ones(content, tmp_path, make, message):
    from plugins.common.errors import ContentErrors
    make(content / "news/2017/full.jpg")
    write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\n---\n"
          "[Puna veličina](full.jpg)\n")
    with pytest.raises(ContentErrors) as caught:
        build_site(content, tmp_path / "out", IMAGE_MAX_PIXELS=50_000)
    report = caught.value.problems.report()
    assert message in report and report.count("content/news/2017/full.jpg") == 1, report
    assert not (tmp_path / "out").exists()


def _cut_short() -> bytes:
    import io
    data = io.BytesIO()
    Image.effect_noise((200, 150), 50).convert("RGB").save(data, "JPEG")
    return data.getvalue()[:2000]


def test_check_finds_the_pictures_a_build_would_refuse(content, capsys, tmp_path):
    write(content, "news/2017/cut.jpg", _cut_short())
    write(content, "news/2017/text.png", b"minutes of the meeting")
    Image.new("RGB", (40, 30)).save(content / "news/2017/fine.jpg")
    write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\n---\n"
          "![Sala](cut.jpg) ![Plan](fine.jpg)\n\n[Plan](text.png)\n")
    code, out = run_check(content, capsys)
    assert code == 1, out
    assert "content/news/2017/cut.jpg: error: the picture is damaged or cut short" in out
    assert "content/news/2017/text.png: error: this is not a picture" in out
    assert "fine.jpg" not in out
