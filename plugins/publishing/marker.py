"""The file every build leaves beside its folder (`output.glasnik-build`
beside `output/`): it marks the folder as one a build may replace, and says
what the build was made for, so `invoke deploy` can refuse a development
build (drafts, preview addresses).

It lives beside the folder, never in it: everything in the folder is the
site, which deploy sends and a static host serves as it is. A folder moves
by renames (staging -> output -> output.previous) and its marker follows
it; the marker also holds the folder's inode, which a rename keeps, so a
marker left behind by a build killed between the two renames describes no
folder (deploy and rollback then refuse, and the next build replaces it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .swap import exchange as exchange_paths

MARKER = ".glasnik-build"


def marker_of(folder: Path) -> Path:
    """The marker file of a build folder: `output` -> `output.glasnik-build`."""
    return folder.with_name(folder.name + MARKER)


def write(folder: Path, settings: dict) -> None:
    """Mark `folder` as made by a build, and for which address and drafts."""
    made_for = {"made_by": "invoke build; replaced by the next build",
                "siteurl": settings.get("SITEURL", ""),
                "drafts": bool(settings.get("SHOW_DRAFTS", False)),
                "folder": folder.stat().st_ino}
    marker_of(folder).write_text(json.dumps(made_for, indent=1) + "\n", encoding="utf-8")


def made_for(folder: Path) -> dict | None:
    """What the build in `folder` was made for; None if no build made it
    (or one from before the marker said so, or the marker is another
    folder's)."""
    try:
        found = json.loads(marker_of(folder).read_text(encoding="utf-8"))
        inode = folder.stat().st_ino
    except (OSError, ValueError):
        return None
    if not isinstance(found, dict) or found.get("folder") != inode:
        return None
    return found


def made_by_a_build(folder: Path) -> bool:
    """Whether a build made `folder`, so that a build may replace it (a
    marker inside: a build from before markers moved beside their folder)."""
    return marker_of(folder).is_file() or (folder / MARKER).is_file()


def rename(folder: Path, new: Path) -> None:
    """Move a build folder and its marker."""
    folder.rename(new)
    if marker_of(folder).exists():
        os.replace(marker_of(folder), marker_of(new))


def exchange(first: Path, second: Path) -> None:
    """Swap two build folders (in one step where the system allows), then
    their markers."""
    exchange_paths(first, second)
    markers = marker_of(first), marker_of(second)
    if all(m.exists() for m in markers):
        exchange_paths(*markers)
    elif markers[0].exists():
        os.replace(markers[0], markers[1])
    elif markers[1].exists():
        os.replace(markers[1], markers[0])


def forget(folder: Path) -> None:
    """Remove the marker of a folder being deleted."""
    marker_of(folder).unlink(missing_ok=True)


def publishable(folder: Path, siteurl: str) -> str | None:
    """Why `folder` must not be deployed to `siteurl`, or None."""
    found = made_for(folder)
    if found is None:
        return f"{folder} was not made by `invoke publish`"
    if found.get("drafts"):
        return (f"{folder} is a development build, with drafts and preview "
                "addresses (`invoke build` or `invoke serve`)")
    if found.get("siteurl") != siteurl:
        return (f"{folder} was built for {found.get('siteurl') or 'a local preview'}, "
                f"not for {siteurl}")
    return None
