"""Phase 8, last: the extra files of STATIC_PATHS, copied as they are
(plugins/files/extra.py). Last, so that none may take the place of a file
the build wrote: that is a settings error naming it."""

from __future__ import annotations

from plugins import editor
from plugins.common.errors import SettingsError
from plugins.files.extra import published_bytes, taken

from ..writer import SafeWriter
from .p1_read import Checked


def copy_extra_files(checked: Checked, out: SafeWriter,
                     reserved: frozenset = frozenset()) -> None:
    """Copy each extra file byte for byte (a PDF cleared of its metadata); one whose path the build wrote,
    or in a `reserved` folder that others fill after the build, stops it."""
    files = checked.extra_files
    refused = taken(files, checked.content, out.collides, reserved | {editor.FOLDER})
    if refused:
        raise SettingsError("\n".join(refused))
    for site_path, source in sorted(files.items()):
        out.write(site_path, published_bytes(source))
