"""Phase 1: read content/ and check it, with the settings the build needs;
each body is rendered by the worker that read it (plugins.content.render_pass).

Nothing is written in this phase but the render cache; every problem is
collected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plugins import images
from plugins import settings as settings_schema
from plugins.content import Locales, load_locales, load_site
from plugins.common.problems import Problems
from plugins.files.extra import extra_files
from plugins.content.model import Site

from .. import theme_assets


@dataclass
class Checked:
    """The site as read, with what reading it found and the options the
    later phases check once here."""

    settings: dict
    content: Path             # the content folder, resolved
    locales: Locales
    site: Site
    problems: Problems
    brand: theme_assets.Brand
    image_options: images.Options
    extra_files: dict         # path in the site -> a file of content/ (STATIC_PATHS)


def read_and_check(settings: dict) -> Checked:
    """Check the settings once, then read and check every file of content/,
    rendering each body (a settings error raises)."""
    settings_schema.validate(settings)
    locales = load_locales(settings)
    content = Path(settings["PATH"]).resolve()
    brand = theme_assets.load_brand(settings, content)
    image_options = images.load_options(settings)
    extra = extra_files(settings, content)
    site, problems = load_site(settings, render=True)
    return Checked(settings, content, locales, site, problems, brand, image_options, extra)
