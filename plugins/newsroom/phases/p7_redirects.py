"""Phase 7, last: a page at each old address (`aliases`) that sends readers
on. Last, so that an old address may take no file the build wrote."""

from __future__ import annotations

from typing import Iterator

from plugins import editor
from plugins.common.errors import ContentErrors
from plugins.common.problems import Problems

from .. import urls
from ..writer import SafeWriter
from .p3_views import View, Views
from .p5_pages import Pages



def redirect_pages(view: View, pages: Pages) -> Iterator[tuple[str, str, str]]:
    """(old address, file, page) for each old address of the item or page
    a view shows."""
    entry = view.data.get("entry") if view.template in ("item.html", "page.html") \
        else None
    if entry is None or entry.generated or not entry.source.meta.get("aliases"):
        return
    environment = pages.templates.environments[view.locale.tag]
    template = environment.get_template("redirect.html")
    for alias in entry.source.meta["aliases"]:
        yield alias, urls.alias_file(alias), template.render(locale=view.locale,
                                                             target=entry)


def write_redirects(views: Views, pages: Pages, out: SafeWriter,
                    reserved: frozenset = frozenset()) -> None:
    """Write every old address's page; one that is taken (by a file, or a
    `reserved` folder that others fill after the build) is a content error."""
    reserved = reserved | {editor.FOLDER}
    problems = Problems()
    for view in views.pages:
        for alias, relative, page in redirect_pages(view, pages):
            source = view.data["entry"].source
            if out.collides(relative) or relative.split("/")[0] in reserved:
                problems.error(source.shown, f"the old address {alias} is already the "
                               "address of another page, file or old address",
                               field="aliases", line=source.lines.get("aliases"),
                               hint="an old address must not replace a real page or "
                               "file: remove it from aliases")
                continue
            out.write(relative, page)
    if problems.errors:
        raise ContentErrors(problems)
