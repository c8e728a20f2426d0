"""`invoke settings`: every setting the build reads, with its value, its
default and one line of help, grouped as the schema declares them."""

from __future__ import annotations

from .schema import FIXED, SETTINGS, UNSET


def _short(value, width: int = 60) -> str:
    text = "(must be set)" if value is UNSET else repr(value)
    return text if len(text) <= width else text[:width - 3] + "..."


def describe(settings: dict) -> str:
    """One block per setting: `NAME = value` (marked when it is not the
    default), then its default and help; then the Pelican settings kept fixed."""
    lines = []
    for name, spec in SETTINGS.items():
        value = settings.get(name, spec.default)
        changed = spec.default is not UNSET and value != spec.default
        lines.append(f"{name} = {_short(value)}" + ("   (changed)" if changed else ""))
        lines.append(f"    {spec.help}; expects {spec.kind.expected}; "
                     f"default {_short(spec.default, 40)}")
    lines.append("")
    lines.append("Pelican's settings kept fixed (this build makes its own pages and feeds):")
    lines += [f"{name} = {wanted!r}" for name, (wanted, _) in FIXED.items()]
    return "\n".join(lines)
