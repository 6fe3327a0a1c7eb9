"""The whole handbook on one page, in order, for printing or saving as a PDF.

Each area is rendered as on its own page, then fitted into this one: headings move down a level
under the area's title, section anchors are dropped (the same section names recur from area to
area, and an item's own id stays unique), and the interactive parts are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..areas import AREAS, ITEM_PAGE_SECTIONS, Area
from .blocks import blocks, heading
from .context import Context
from .pages import AREA_RENDERERS, ITEM_PAGES, SharedRender, render_shared
from .text import inline

_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)


def _fit(markdown: str, sections: tuple[str, ...]) -> str:
    for section in sections:
        markdown = markdown.replace(f" {{ #{section} }}", "")
    return _HEADING.sub(lambda m: "#" + m.group(1) + " ", markdown)


def render_whole_handbook(ctx: Context, shared: Callable[[str], SharedRender] | None = None) -> str:
    """`shared(area_id)` gives each area's render made for its own page (default: made here)."""
    shared = shared or (lambda area_id: render_shared(ctx.handbook, area_id))
    authority = ctx.handbook.authority
    printing = replace(ctx, for_print=True)
    contents = [area for area in AREAS if area.page and area.id in AREA_RENDERERS]
    parts = [
        f"# {inline(authority.name)}: {inline(authority.handbook_title)}",
        "The whole handbook on one page, to print or save as a PDF (use your browser's Print "
        "command). Each part is also a page of its own on the website.",
        "\n".join(f"{number}. [{inline(area.title)}](#whole-{area.id})"
                  for number, area in enumerate(contents, start=1)),
        ctx.prose(authority.summary),
    ]
    for area in contents:
        parts.append(heading(2, area.title, f"whole-{area.id}"))
        markdown = shared(area.id).elsewhere(ctx.page)
        if markdown is None:  # this page is in another folder: render the area again from here
            markdown = AREA_RENDERERS[area.id](printing)
        parts.append(_fit(markdown, area.sections))
        parts += _item_pages(printing, area)
    return blocks(*parts)


def _item_pages(ctx: Context, area: Area) -> list[str]:
    """The pages of the area's stages or teams, in order, each a section under the item's id
    (the anchor its area's page keeps for it, so links to `#<id>` arrive here too)."""
    parts = []
    for kind in area.item_pages:
        pages = ITEM_PAGES[kind]
        for _group, item_ids in pages.nav_groups(ctx.handbook):
            for item_id in item_ids:
                record = ctx.index.items[item_id]
                page = blocks(heading(2, record.name, item_id), pages.render_page(ctx, record.obj, 3))
                parts.append(_fit(page, ITEM_PAGE_SECTIONS.get(kind, ())))
    return parts
