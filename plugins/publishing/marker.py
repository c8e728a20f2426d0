"""The file every build leaves in its folder: it marks the folder as one a
build may replace, and says what the build was made for, so `invoke deploy`
can refuse a development build (drafts, preview addresses)."""

from __future__ import annotations

import json
from pathlib import Path

MARKER = ".glasnik-build"


def write(folder: Path, settings: dict) -> None:
    made_for = {"made_by": "invoke build; replaced by the next build",
                "siteurl": settings.get("SITEURL", ""),
                "drafts": bool(settings.get("SHOW_DRAFTS", False))}
    (folder / MARKER).write_text(json.dumps(made_for, indent=1) + "\n", encoding="utf-8")


def made_for(folder: Path) -> dict | None:
    """What the build in `folder` was made for; None if no build made it
    (or one from before the marker said so)."""
    try:
        found = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


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
