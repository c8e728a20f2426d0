"""Every picture content shows, in every size and format, cached and in
parallel.

A picture's outputs depend only on its bytes and the picture settings, so
they are kept in a cache folder under the hash of both: an unchanged picture
is never encoded twice, in any build. Pictures that do need encoding are
shared out to all cores.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from plugins.common.parallel import alive, fork_map
from plugins.common.progress import Progress
from plugins.common import faults
from plugins.common.errors import FileSystemFault

from .encode import (Options, PictureError, encode, has_alpha, open_checked, open_graph,
                     open_picture, plan_widths, renditions)

VERSION = "2"   # bump when the encoding changes: old cache entries are ignored
# An entry no build has used for this long is removed: a photo replaced or
# removed, an earlier release's or settings' encodings. Each build marks the
# entries it uses (their folder's time) before it uses them, so neither the
# previews' drafts nor a build running beside this one lose theirs.
UNUSED_DAYS = 30
_SETTINGS_KEY = re.compile("[0-9a-f]{12}")
_ENTRY = re.compile("[0-9a-f]{24}(?:-og)?")


@dataclass
class Picture:
    """What the pages need to show one picture."""

    path: str                      # in content/ and on the site: news/2017/a.jpg
    width: int                     # of the largest published size
    height: int
    sources: dict = field(default_factory=dict)   # mime type -> [(url, width)]
    fallback: str = ""             # mime type of the <img> itself (jpeg or png)
    og: str | None = None          # 1200x630 JPEG, for items' own pictures


MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg",
        "png": "image/png"}
SUFFIX = {"avif": ".avif", "webp": ".webp", "jpeg": ".jpg", "png": ".png"}


def fingerprint(options: Options) -> str:
    data = json.dumps([VERSION, asdict(options), options.writable_formats])
    return hashlib.sha256(data.encode()).hexdigest()[:12]


def entry(cache: Path, settings_key: str, source: Path, want_og: bool) -> Path:
    """The cache folder of a picture's outputs: its bytes and the settings."""
    key = hashlib.sha256(source.read_bytes()).hexdigest()[:24]
    return cache / settings_key / (key + ("-og" if want_og else ""))


def cache_folder(settings: dict, content: Path) -> Path:
    """Where encoded pictures are kept between builds (IMAGE_CACHE)."""
    return Path(settings.get("IMAGE_CACHE", content.parent / ".cache" / "images"))


def encode_one(source: Path, shown: str, options: Options, want_og: bool,
               folder: Path) -> dict:
    """Encode one picture into `folder`; its manifest (file names, sizes).
    Every encoding goes through this name, looked up when it runs: tests
    wrap it to count encodings or to hold one."""
    image, original = open_picture(source, options, shown, og=want_og)
    fallback = "png" if has_alpha(image) else "jpeg"
    files = {}
    for width, scaled in renditions(image, original, plan_widths(original[0], options)).items():
        largest = scaled
        for fmt in [*options.writable_formats, fallback]:
            name = f"{width}{SUFFIX[fmt]}"
            (folder / name).write_bytes(encode(scaled, fmt, options))
            files.setdefault(fmt, []).append([name, width])
    manifest = {"width": largest.width, "height": largest.height, "files": files,
                "fallback": fallback, "og": None}
    if want_og:
        (folder / "og.jpg").write_bytes(open_graph(image, options))
        manifest["og"] = "og.jpg"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


def process(pictures: dict, content: Path, cache: Path, options: Options, write_file,
            workers: int) -> dict:
    """Publish every picture; {content path: Picture}.

    `pictures` maps a content path (news/2017/a.jpg) to whether it needs an
    Open Graph card; `write_file(site path, cached file)` puts a cached
    output into the site.
    """
    settings_key = fingerprint(options)
    jobs = [(path, want_og, entry(cache, settings_key, content / path, want_og))
            for path, want_og in sorted(pictures.items())]
    # one job per cache entry: two files with the same bytes share it, and two
    # workers encoding it at once would race to rename it into place
    missing = list({folder: (path, want_og, folder) for path, want_og, folder in jobs
                    if not (folder / "manifest.json").is_file()}.values())
    _mark_used({folder for _, _, folder in jobs} - {folder for _, _, folder in missing})

    if missing:
        clear_abandoned(cache)
    progress = Progress("pictures", len(missing))

    def work(index: int, count: int) -> list[str]:
        errors = []
        for path, want_og, folder in progress.each(missing[index::count]):
            partial = folder.with_name(folder.name + f".tmp-{os.getpid()}")
            try:
                shutil.rmtree(partial, ignore_errors=True)
                partial.mkdir(parents=True)
                encode_one(content / path, f"content/{path}", options, want_og, partial)
            except PictureError as exc:
                errors.append(str(exc))
                shutil.rmtree(partial, ignore_errors=True)
                continue
            except OSError as exc:   # a full or read-only cache: no half entry stays
                shutil.rmtree(partial, ignore_errors=True)
                # a write that fails names no file: the entry's folder, then
                raise OSError(exc.errno, exc.strerror, exc.filename or str(partial)) \
                    from None
            # complete or absent: a killed build never leaves half an entry
            if folder.exists() and not (folder / "manifest.json").is_file():
                shutil.rmtree(folder, ignore_errors=True)   # not ours, not whole
            try:
                partial.rename(folder)
            except OSError:
                if not (folder / "manifest.json").is_file():
                    raise
                # another build running beside this one got there first
                shutil.rmtree(partial, ignore_errors=True)
        return errors

    if missing:
        try:
            with progress:
                errors = [e for part in fork_map(work, len(missing),
                                                 min(workers, len(missing)), min_items=2)
                          for e in part]
        except OSError as exc:
            if cache not in Path(exc.filename or "/").parents:
                raise
            raise FileSystemFault(_cache_fault(exc, cache, content,
                                               [path for path, _, _ in missing])) from None
        if errors:
            raise PictureError("\n".join(errors))
    published, stems = {}, set()
    for path, want_og, folder in jobs:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        stem = str(PurePosixPath(path).with_suffix(""))
        if stem in stems:   # photo.jpg and photo.png side by side
            stem = f"{stem}-{PurePosixPath(path).suffix.lstrip('.').lower()}"
        stems.add(stem)
        picture = Picture(path, manifest["width"], manifest["height"],
                          fallback=MIME[manifest["fallback"]])
        for fmt, files in manifest["files"].items():
            urls = []
            for name, width in files:
                site_path = f"{stem}-{name}"
                write_file(site_path, folder / name)
                urls.append((site_path, width))
            picture.sources[MIME[fmt]] = urls
        if manifest["og"]:
            picture.og = f"{stem}-og.jpg"
            write_file(picture.og, folder / manifest["og"])
        published[path] = picture
    forget_unused(cache)
    return published


def _mark_used(folders) -> None:
    """Mark cache entries as used now (their folder's time)."""
    for folder in folders:
        with contextlib.suppress(FileNotFoundError):
            os.utime(folder)


def forget_unused(cache: Path, days: float = UNUSED_DAYS) -> None:
    """Remove the entries no build has used for `days`, and the folders of
    settings left empty. Only names this module gives are touched: the
    cache may be a folder that holds other things too."""
    if not cache.is_dir():
        return
    oldest = time.time() - days * 24 * 3600
    for settings_folder in cache.iterdir():
        if not (_SETTINGS_KEY.fullmatch(settings_folder.name) and settings_folder.is_dir()):
            continue
        for folder in settings_folder.iterdir():
            with contextlib.suppress(FileNotFoundError):
                if _ENTRY.fullmatch(folder.name) and folder.stat().st_mtime < oldest:
                    shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):   # not empty: kept
            settings_folder.rmdir()


def _cache_fault(exc: OSError, cache: Path, content: Path, pictures: list) -> str:
    """What to do when the picture cache cannot take what is encoded."""
    if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
        return (f"the picture cache {cache} cannot be written ({exc.strerror}): make it "
                "writable, or set IMAGE_CACHE in pelicanconf.py to a folder that is; the "
                "build stopped")
    # the originals' size: each is encoded in several widths and formats
    needed = sum((content / path).stat().st_size for path in pictures)
    return faults.disk_full(cache, needed, faults.free_bytes(cache),
                            f"{len(pictures)} picture{'s' if len(pictures) != 1 else ''} "
                            "still had to be encoded. `invoke clean` empties the caches "
                            "to make room (or set IMAGE_CACHE in pelicanconf.py to a "
                            "folder on a disk with room); the build stopped.")


def clear_abandoned(cache: Path) -> None:
    """Half-written entries (`<entry>.tmp-<pid>`) of builds that were killed."""
    for partial in cache.glob("*/*.tmp-*"):
        pid = partial.name.rpartition("-")[2]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(partial, ignore_errors=True)


def unreadable(paths, content: Path, cache: Path, options: Options) -> list[str]:
    """What `invoke check` says of pictures the build could not publish: one
    "content/path: problem" line each. A picture with a cache entry was
    published before and is not decoded again."""
    settings_key, found = fingerprint(options), []
    for path in sorted(paths):
        source = content / path
        plain = entry(cache, settings_key, source, want_og=False)
        if any((folder / "manifest.json").is_file()
               for folder in (plain, plain.with_name(f"{plain.name}-og"))):
            continue
        try:
            open_checked(source, options, f"content/{path}", reduced=True).close()
        except PictureError as exc:
            found.append(str(exc))
    return found
