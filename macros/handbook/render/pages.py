"""Which renderer draws each area's page (the macro `{{ area("...") }}` looks it up here)."""

from __future__ import annotations

import importlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..areas import AREAS, AREAS_BY_ID, Area
from ..book import Handbook
from .context import INTERACTIVE_END, INTERACTIVE_START, SAME_PAGE, Context

Renderer = Callable[[Context], str]


def renderer_module(area: Area) -> str:
    """Where an area's page is drawn: `render(ctx)` in a module of this package named after the
    area (`practice-model` -> `handbook.render.practice_model`). Found by name, so adding an area
    means writing its module, not registering it here as well."""
    return f"{__package__}.{area.id.replace('-', '_')}"


def _renderers() -> dict[str, Renderer]:
    found: dict[str, Renderer] = {}
    for area in AREAS:
        if area.page is None or area.id == "authority":  # the home page is drawn by render/home.py
            continue
        module = importlib.import_module(renderer_module(area))
        render = getattr(module, "render", None)
        if not callable(render):
            raise TypeError(f"{module.__name__} has no render(ctx) function for the {area.id} area")
        found[area.id] = render
    return found


AREA_RENDERERS: dict[str, Renderer] = _renderers()


@dataclass(frozen=True)
class ItemPages:
    """How the items of one kind that have a page each are drawn (`handbook.render.<kind>`):
    `render_page(ctx, item, level)` draws a page below its title, with sections at `level`;
    `nav_groups(handbook)` gives the items in reading order, in named groups (a group named None
    goes in no group of its own), for the navigation and the whole-handbook page."""

    render_page: Callable[[Context, Any, int], str]
    nav_groups: Callable[[Handbook], list[tuple[str | None, list[str]]]]


def _item_pages() -> dict[str, ItemPages]:
    found: dict[str, ItemPages] = {}
    for area in AREAS:
        for kind in area.item_pages:
            module = importlib.import_module(f"{__package__}.{kind.replace('-', '_')}")
            render_page, nav_groups = getattr(module, "render_page", None), getattr(module, "nav_groups", None)
            if not callable(render_page) or not callable(nav_groups):
                raise TypeError(f"{module.__name__} needs render_page(ctx, item, level) and nav_groups(handbook) "
                                f"for the pages of each {kind}")
            found[kind] = ItemPages(render_page, nav_groups)
    return found


ITEM_PAGES: dict[str, ItemPages] = _item_pages()


# An interactive part with the blank line that separates it from the part before (or after) it.
_INTERACTIVE = re.compile(
    f"\n\n{INTERACTIVE_START}.*?{INTERACTIVE_END}|{INTERACTIVE_START}.*?{INTERACTIVE_END}(?:\n\n)?", re.DOTALL)


@dataclass(frozen=True)
class SharedRender:
    """An area rendered once for its own page and the whole-handbook page.

    The whole-handbook page used to render every area a second time: about half of the
    generator's work at every size. The two differ only in links to the area's own page ("#x"
    there, "journey.md#x" elsewhere) and in the interactive parts, which the render marks.
    """

    page: str  # the area's own page
    markdown: str
    scripts: frozenset[str]

    def on_own_page(self) -> str:
        return self.markdown.replace(SAME_PAGE, "").replace(INTERACTIVE_START, "").replace(INTERACTIVE_END, "")

    def elsewhere(self, page: str) -> str | None:
        """For another page in the same folder, without the interactive parts (None elsewhere:
        links written in the text are relative to the folder)."""
        folder = posixpath.dirname(self.page)
        if posixpath.dirname(page) != folder:
            return None
        return _INTERACTIVE.sub("", self.markdown).replace(SAME_PAGE, posixpath.basename(self.page))


def render_shared(handbook: Handbook, area_id: str) -> SharedRender:
    page = AREAS_BY_ID[area_id].own_page
    ctx = Context(handbook, page, shared=True)
    return SharedRender(page, AREA_RENDERERS[area_id](ctx), frozenset(ctx.scripts))
