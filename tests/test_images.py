"""The picture pipeline on pictures the tests make: sizes and formats,
metadata, orientation, colour modes, guards, markup and the cache."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from PIL import Image, ImageOps

from plugins.common.errors import ContentErrors
from tests.conftest import build_site, html, run_check, write

GPS_IFD = 0x8825
ITEM = "---\ntitle: N\ndate: 2017-02-10\n{front}---\nTekst.\n\n{body}\n"


def photo(path, size=(2000, 1500), orientation=1, mode="RGB", fmt="JPEG", **extra):
    colour = {"RGB": (200, 30, 30), "RGBA": (30, 90, 200, 128), "CMYK": (0, 200, 200, 0),
              "L": 120, "I;16": 40000}[mode]
    image = Image.new(mode, size, colour)
    if mode in ("RGB", "CMYK"):
        # something to look at: a block in one corner shows which way is up
        image.paste((0, 0, 0) if mode == "RGB" else (0, 0, 0, 255),
                    (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[GPS_IFD] = {1: "N", 2: (45.0, 15.0, 30.0), 3: "E", 4: (19.0, 50.0, 10.0)}
    exif[0x010F] = "PhoneMaker"
    options = {"exif": exif.tobytes()} if fmt in ("JPEG", "PNG", "WEBP") else {}
    if fmt == "JPEG":
        options["comment"] = b"meeting room 3"
    image.save(path, fmt, **options, **extra)
    return path


def build(content, tmp_path, **settings):
    out = tmp_path / "out"
    build_site(content, out, **settings)
    return out


def outputs(out, stem):
    return sorted((out / "news/2017").glob(f"{stem}-*"))


@pytest.mark.slow
def test_sizes_formats_and_markup(content, tmp_path):
    photo(content / "news/2017/hall.jpg", size=(2000, 1500))
    write(content, "news/2017/x.bs.md", ITEM.format(
        front="image: hall.jpg\nimage_alt: Sala\n", body="![Govornici](hall.jpg)"))
    out = build(content, tmp_path)
    names = {p.name for p in outputs(out, "hall")}
    for width in (320, 720, 1200):
        assert {f"hall-{width}.{s}" for s in ("jpg", "webp", "avif")} <= names
    assert "hall-2000.jpg" not in names and "hall-og.jpg" in names
    assert len(names) == 3 * 3 + 1
    page = html(out / "bs/vijesti/x/index.html")
    lead, body = page.select("picture")
    for picture in (lead, body):
        types = [s["type"] for s in picture.select("source")]
        assert types == ["image/avif", "image/webp"]
        img = picture.find("img")
        assert (img["width"], img["height"]) == ("1200", "900")
        for candidate in [*(s["srcset"] for s in picture.select("source")), img["srcset"]]:
            for url, width in re.findall(r"(\S+) (\d+)w", candidate):
                with Image.open(out / url.lstrip("/")) as published:
                    assert published.width == int(width), url
                    assert published.height == round(1500 * int(width) / 2000)
        assert "sizes" in img.attrs
    assert lead.find("img").get("fetchpriority") == "high" and not lead.find("img").get("loading")
    assert body.find("img")["loading"] == "lazy" and not body.find("img").get("fetchpriority")
    og = {m["property"]: m["content"] for m in page.select("meta[property^='og:image']")}
    assert og["og:image"].endswith("/news/2017/hall-og.jpg")
    assert (og["og:image:width"], og["og:image:height"], og["og:image:alt"]) == \
        ("1200", "630", "Sala")
    with Image.open(out / "news/2017/hall-og.jpg") as card:
        assert card.size == (1200, 630)


@pytest.mark.slow
def test_the_first_large_body_picture_loads_at_once(content, tmp_path):
    photo(content / "news/2017/a.jpg", size=(1000, 800))
    photo(content / "news/2017/b.jpg", size=(1000, 800))
    write(content, "news/2017/x.bs.md", ITEM.format(front="", body="![A](a.jpg)\n\n![B](b.jpg)"))
    out = build(content, tmp_path)
    first, second = html(out / "bs/vijesti/x/index.html").select(".news-item-body img")
    assert first.get("fetchpriority") == "high" and second["loading"] == "lazy"


@pytest.mark.slow
@pytest.mark.parametrize("orientation,size,upright", [
    (6, (2000, 1500), (1500, 2000)), (8, (2000, 1500), (1500, 2000)),
    (3, (2000, 1500), (2000, 1500)),
    (6, (4000, 3000), (3000, 4000)),   # 12 megapixels: decoded at half size
])
def test_no_metadata_and_upright(content, tmp_path, orientation, size, upright):
    photo(content / "news/2017/p.jpg", size=size, orientation=orientation)
    write(content, "news/2017/x.bs.md", ITEM.format(
        front="image: p.jpg\nimage_alt: Sala\n", body=""))
    out = build(content, tmp_path)
    published = outputs(out, "p")
    assert len(published) >= 10
    for path in published:
        data = path.read_bytes()
        assert b"PhoneMaker" not in data and b"meeting room" not in data, path
        with Image.open(path) as image:
            assert not image.getexif(), path          # no GPS, no maker, no orientation
            assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info), path
            if path.name.endswith("-og.jpg"):
                continue
            ratio = image.width / image.height
            assert (ratio < 1) == (upright[0] < upright[1]), path
            assert image.height == round(upright[1] * image.width / upright[0]), path
    # the dark block is in the corner where a viewer honouring EXIF shows it
    with Image.open(content / "news/2017/p.jpg") as original:
        shown = ImageOps.exif_transpose(original).resize((48, 36 if upright[0] > upright[1]
                                                          else 64))
    with Image.open(out / "news/2017/p-320.jpg") as image:
        image = image.convert("RGB").resize(shown.size)
        for x, y in [(2, 2), (shown.width - 3, 2), (2, shown.height - 3),
                     (shown.width - 3, shown.height - 3)]:
            assert (sum(image.getpixel((x, y))) < 150) == (sum(shown.getpixel((x, y))) < 150)


@pytest.mark.slow
@pytest.mark.parametrize("name,mode,fmt,fallback", [
    ("cmyk.jpg", "CMYK", "JPEG", ".jpg"),
    ("alpha.png", "RGBA", "PNG", ".png"),
    ("deep.png", "I;16", "PNG", ".jpg"),
    ("grey.png", "L", "PNG", ".jpg"),
])
def test_colour_modes(content, tmp_path, name, mode, fmt, fallback):
    photo(content / "news/2017" / name, size=(900, 600), mode=mode, fmt=fmt)
    write(content, "news/2017/x.bs.md", ITEM.format(front="", body=f"![Slika]({name})"))
    out = build(content, tmp_path)
    stem = name.split(".")[0]
    img = html(out / "bs/vijesti/x/index.html").select_one(".news-item-body img")
    assert img["src"] == f"/news/2017/{stem}-720{fallback}"
    with Image.open(out / f"news/2017/{stem}-720{fallback}") as image:
        assert image.mode in ("RGB", "RGBA", "L", "LA"), image.mode
        if mode == "RGBA":
            assert image.mode == "RGBA" and image.getpixel((10, 10))[3] == 128
        if mode == "I;16":
            # 40000 of 65535 is about 156 of 255, not clipped to white
            assert 150 <= image.convert("L").getpixel((10, 10)) <= 160
        if mode == "CMYK":
            assert image.mode == "RGB"
    if mode == "RGBA":
        with Image.open(out / f"news/2017/{stem}-720.webp") as webp:
            assert webp.mode == "RGBA"


@pytest.mark.slow
def test_one_pixel_picture(content, tmp_path):
    photo(content / "news/2017/dot.png", size=(1, 1), fmt="PNG")
    write(content, "news/2017/x.bs.md", ITEM.format(front="", body="![Tačka](dot.png)"))
    out = build(content, tmp_path)
    img = html(out / "bs/vijesti/x/index.html").select_one(".news-item-body img")
    assert (img["width"], img["height"], img["src"]) == ("1", "1", "/news/2017/dot-1.jpg")
    assert img["loading"] == "lazy"    # too small to be "the first large picture"


@pytest.mark.slow
@pytest.mark.parametrize("make,message", [
    (lambda p: p.write_bytes(io.BytesIO(open(photo(p), "rb").read()[:3000]).getvalue()),
     "damaged or cut short"),
    (lambda p: p.write_text("this is a text file, not a picture"), "not a picture"),
    (lambda p: Image.new("L", (9000, 9000)).save(p, "PNG"), "over the limit of 50"),
    (lambda p: Image.new("RGB", (32, 32)).save(p, "ICO"), "ICO pictures are not supported"),
])
def test_bad_pictures_stop_the_build_with_the_file_named(content, tmp_path, make, message):
    make(content / "news/2017/bad.png")
    write(content, "news/2017/x.bs.md", ITEM.format(front="", body="![Sala](bad.png)"))
    with pytest.raises(ContentErrors) as caught:
        build(content, tmp_path, IMAGE_MAX_PIXELS=50_000_000)
    text = str(caught.value)
    assert "content/news/2017/bad.png" in text and message in text, text
    assert not (tmp_path / "out").exists()


def test_decompression_bomb_is_refused(content, tmp_path, monkeypatch):
    # Pillow's own guard (twice MAX_IMAGE_PIXELS) fires before ours could
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    photo(content / "news/2017/bomb.png", size=(100, 100), fmt="PNG")
    write(content, "news/2017/x.bs.md", ITEM.format(front="", body="![Sala](bomb.png)"))
    with pytest.raises(ContentErrors, match="decompression bomb"):
        build(content, tmp_path)


def test_pictures_need_alt_text_unless_decorative(content, capsys):
    photo(content / "news/2017/p.jpg", size=(100, 100))
    rel = write(content, "news/2017/x.bs.md", ITEM.format(
        front="", body="![](p.jpg)\n\n![](p.jpg){.decorative}\n\n"
                       '<img src="/news/2017/p.jpg">\n\n<img src="/news/2017/p.jpg" alt="">'))
    code, out = run_check(content, capsys)
    assert code == 1
    assert out.count("has no description") == 2, out
    assert f"content/{rel}:7:" in out and "{.decorative}" in out
    assert f"content/{rel}:11:" in out and 'alt="what it shows"' in out


def test_large_originals_are_a_warning(content, capsys):
    photo(content / "news/2017/p.jpg", size=(400, 300))
    write(content, "news/2017/x.bs.md", ITEM.format(front="", body="![Sala](p.jpg)"))
    from plugins.publishing.build import check
    from tests.conftest import settings_for
    problems = check(settings_for(content, content.parent / "out", IMAGE_WARN_BYTES=1000))
    assert not problems.errors
    assert any("MB" in p.format() and "p.jpg" in p.format() for p in problems.warnings)


@pytest.mark.slow
def test_unchanged_pictures_are_never_encoded_twice(content, tmp_path, monkeypatch):
    from plugins.images import pipeline
    calls = []
    real = pipeline.encode_one
    monkeypatch.setattr(pipeline, "encode_one",
                        lambda *args: calls.append(args[1]) or real(*args))
    photo(content / "news/2017/a.jpg", size=(600, 400))
    photo(content / "news/2017/b.jpg", size=(600, 400), orientation=6)
    write(content, "news/2017/x.bs.md", ITEM.format(front="", body="![A](a.jpg) ![B](b.jpg)"))
    build_site(content, tmp_path / "one", BUILD_WORKERS=1)
    assert sorted(calls) == ["content/news/2017/a.jpg", "content/news/2017/b.jpg"]
    build_site(content, tmp_path / "two", BUILD_WORKERS=1)
    assert len(calls) == 2                       # all from the cache
    assert (tmp_path / "two/news/2017/a-600.avif").read_bytes() == \
        (tmp_path / "one/news/2017/a-600.avif").read_bytes()
    photo(content / "news/2017/a.jpg", size=(600, 401))   # a new picture
    build_site(content, tmp_path / "three", BUILD_WORKERS=1)
    assert calls[2:] == ["content/news/2017/a.jpg"]
    build_site(content, tmp_path / "four", BUILD_WORKERS=1, IMAGE_QUALITY={"avif": 40})
    assert len(calls) == 5                       # new settings: both again


@pytest.mark.slow
def test_identical_pictures_are_encoded_once(content, tmp_path, monkeypatch):
    # the same bytes under two names share one cache entry; encoding it twice
    # at once had two workers race to rename it into place (a red CI run)
    from plugins.images import pipeline
    calls = []
    real = pipeline.encode_one
    monkeypatch.setattr(pipeline, "encode_one",
                        lambda *args: calls.append(args[1]) or real(*args))
    for name in "abcd":
        photo(content / f"news/2017/{name}.jpg", size=(600, 400))
    write(content, "news/2017/x.bs.md", ITEM.format(
        front="", body=" ".join(f"![{n}]({n}.jpg)" for n in "abcd")))
    out = build(content, tmp_path, BUILD_WORKERS=4)
    assert len(calls) == 1
    for name in "abcd":
        assert (out / f"news/2017/{name}-600.jpg").read_bytes() == \
            (out / "news/2017/a-600.jpg").read_bytes()


def test_an_entry_another_build_finished_first_is_kept(content, tmp_path, monkeypatch):
    from plugins.images import pipeline
    real = pipeline.encode_one

    def beaten(source, shown, options, want_og, folder):
        manifest = real(source, shown, options, want_og, folder)
        twin = folder.with_name(folder.name.split(".tmp-")[0])
        shutil.copytree(folder, twin)          # the other build's rename lands first
        (twin / "theirs").write_text("")
        return manifest

    monkeypatch.setattr(pipeline, "encode_one", beaten)
    photo(content / "news/2017/a.jpg", size=(600, 400))
    write(content, "news/2017/x.bs.md", ITEM.format(front="", body="![A](a.jpg)"))
    out = build(content, tmp_path, BUILD_WORKERS=1)
    assert (out / "news/2017/a-600.jpg").is_file()
    entries = [p for p in (content.parent / ".cache/images").glob("*/*")]
    assert [p.name for p in entries if ".tmp-" in p.name] == []
    assert [(p / "theirs").is_file() for p in entries] == [True]


@pytest.mark.parametrize("setting,value,message", [
    ("IMAGE_WIDTHS", [480, "big"], "setting `IMAGE_WIDTHS`: expected a list of widths"),
    ("IMAGE_FORMATS", ["gif"], "expected a list of 'avif' and 'webp'"),
    ("IMAGE_QUALITY", {"avif": 0}, "expected a quality from 1 to 100"),
    ("IMAGE_MAX_PIXELS", "big", "`IMAGE_MAX_PIXELS`: expected a positive whole number"),
])   # an unknown IMAGE_ name is a warning, as any other (tests/test_settings.py)
def test_picture_settings_are_checked(content, tmp_path, setting, value, message):
    from plugins.common.errors import SettingsError
    from plugins.publishing.build import check
    from tests.conftest import settings_for
    write(content, "news/2017/x.bs.md", ITEM.format(front="", body=""))
    with pytest.raises(SettingsError, match=re.escape(message)):
        build(content, tmp_path, **{setting: value})
    with pytest.raises(SettingsError, match=re.escape(message)):   # invoke check too
        check(settings_for(content, tmp_path / "out", **{setting: value}))


@pytest.mark.slow
def test_pictures_with_the_same_name_in_two_formats(content, tmp_path):
    photo(content / "news/2017/sala.jpg", size=(600, 400))
    photo(content / "news/2017/sala.png", size=(500, 400), fmt="PNG")
    write(content, "news/2017/x.bs.md", ITEM.format(
        front="", body="![Sala](sala.jpg)\n\n![Sala, plan](sala.png)"))
    out = build(content, tmp_path)
    first, second = html(out / "bs/vijesti/x/index.html").select(".news-item-body img")
    assert first["src"] == "/news/2017/sala-600.jpg"
    assert second["src"] == "/news/2017/sala-png-500.jpg"
    with Image.open(out / "news/2017/sala-png-500.jpg") as image:
        assert image.size == (500, 400)
