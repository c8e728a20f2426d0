"""The theme's static files and the site's brand, published with content
hashes in their names.

Every file under theme/static/ is written to theme/<path with hash>, so a
host may cache it for a year (_headers says so) and a new build is never
shown with an old stylesheet. The brand (logo and colours, from BRAND in
pelicanconf.py) is checked once here; its colours become custom properties
at the end of the stylesheet.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from plugins.common.errors import SettingsError

_HEX = re.compile(r"#[0-9a-fA-F]{6}")
LIGHT_BACKGROUND, DARK_BACKGROUND = "#ffffff", "#15171a"
# Body text on these backgrounds is checked by the theme's own tests; the
# accent colours come from settings, so they are checked here.
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class Brand:
    """The site's colours and logo (BRAND in pelicanconf.py)."""
    accent: str = "#0b5394"        # links, buttons, the header rule
    accent_dark: str = "#8cc4ff"   # the same in dark mode
    logo: str | None = None        # path in content/, shown beside the site name


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def load_brand(settings: dict, content: Path) -> Brand:
    """BRAND checked: colours as `#rrggbb`, a logo that exists in content/;
    a SettingsError names what is wrong."""
    raw = settings.get("BRAND") or {}
    if not isinstance(raw, dict):
        raise SettingsError("BRAND in pelicanconf.py must be a mapping such as "
                            "{'accent': '#0b5394', 'accent_dark': '#8cc4ff', "
                            "'logo': 'images/logo.svg'}")
    unknown = set(raw) - {"accent", "accent_dark", "logo"}
    errors = [f"BRAND has unknown keys {sorted(unknown)}; known: accent, accent_dark, logo"
              ] if unknown else []
    brand = Brand(**{k: v for k, v in raw.items() if k not in unknown})
    for key, background, mode in [("accent", LIGHT_BACKGROUND, "light"),
                                  ("accent_dark", DARK_BACKGROUND, "dark")]:
        value = getattr(brand, key)
        if not isinstance(value, str) or not _HEX.fullmatch(value):
            errors.append(f"BRAND[{key!r}] must be a colour written #rrggbb, found {value!r}")
        elif contrast(value, background) < MIN_CONTRAST:
            errors.append(
                f"BRAND[{key!r}] = {value} has a contrast of "
                f"{contrast(value, background):.1f}:1 with the {mode} background "
                f"{background}; links need at least {MIN_CONTRAST}:1 (WCAG AA): "
                f"choose a {'darker' if mode == 'light' else 'lighter'} shade")
    if brand.logo is not None:
        logo = content / brand.logo
        if not isinstance(brand.logo, str) or not logo.is_file():
            errors.append(f"BRAND['logo'] = {brand.logo!r}: no such file in content/")
        elif logo.suffix.lower() not in (".svg", ".png", ".webp"):
            errors.append(f"BRAND['logo'] must be an .svg, .png or .webp file, "
                          f"found {brand.logo!r}")
    if errors:
        raise SettingsError("pelicanconf.py: " + "; ".join(errors))
    return brand


def hashed_name(relative: str, data: bytes) -> str:
    """The file name with a hash of its content: `css/site.<hash>.css`."""
    path = PurePosixPath(relative)
    digest = hashlib.sha256(data).hexdigest()[:10]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def brand_css(brand: Brand) -> str:
    """The CSS custom properties for the brand's colours."""
    return ("\n/* brand, from BRAND in pelicanconf.py */\n"
            f":root {{ --accent: {brand.accent}; }}\n"
            "@media (prefers-color-scheme: dark) {\n"
            f"  :root {{ --accent: {brand.accent_dark}; }}\n}}\n")


def logo_size(path: Path) -> tuple[int, int]:
    """Width and height of the logo, so the header never shifts as it loads."""
    if path.suffix.lower() == ".svg":
        root = ElementTree.parse(path).getroot()
        box = (root.get("viewBox") or "").replace(",", " ").split()
        try:
            if len(box) == 4:
                return round(float(box[2])), round(float(box[3]))
            return (round(float(root.get("width", "").rstrip("px"))),
                    round(float(root.get("height", "").rstrip("px"))))
        except ValueError:
            raise SettingsError(f"BRAND['logo'] {path.name}: the SVG needs a viewBox "
                                "or width and height in pixels") from None
    try:
        with Image.open(path) as image:
            return image.size
    except (UnidentifiedImageError, OSError) as exc:
        raise SettingsError(f"BRAND['logo'] {path.name} cannot be read: {exc}") from None


def publish(static: Path, content: Path, brand: Brand, write) -> dict:
    """Write each static file with a hashed name through `write(path, bytes)`;
    the {logical name: URL path} map the templates look names up in."""
    urls = {}
    files = sorted(p for p in static.rglob("*") if p.is_file()) if static.is_dir() else []
    for path in files:
        relative = path.relative_to(static).as_posix()
        data = path.read_bytes()
        if relative == "css/site.css":
            data += brand_css(brand).encode()
        target = "theme/" + hashed_name(relative, data)
        write(target, data)
        urls[relative] = target
    if brand.logo:
        logo = content / brand.logo
        data = logo.read_bytes()
        target = "theme/" + hashed_name("logo" + logo.suffix.lower(), data)
        write(target, data)
        width, height = logo_size(logo)
        urls["logo"] = {"url": target, "width": width, "height": height}
    return urls
