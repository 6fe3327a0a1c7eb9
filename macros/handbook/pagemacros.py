"""The macros the handbook's pages call (`{{ area("journey") }}`), free of any engine's types.

An engine's adapter gives `page_macros` a way to ask which page is being rendered (a `Page`:
its source path and its metadata, which the macros write to) and registers what comes back.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .areas import AREAS_BY_ID
from .links import edit_url, suggest_url
from .render.context import Context
from .render.frameworks import (
    render_coverage,
    render_framework,
    render_frameworks_index,
)
from .render.glossary import search_words
from .render.home import render_home
from .render.journey import render_timescales_table
from .render.pages import AREA_RENDERERS, ITEM_PAGES, SharedRender, render_shared
from .render.reflection import render_reflection
from .render.review import recent_amendments, render_review_dashboard, review_box
from .render.statement import render_accessibility_statement
from .render.whole import render_whole_handbook

if TYPE_CHECKING:
    from .site import Build


ITEM_PAGE_SEARCH_BOOST = 2  # Material's page boost (search: boost: 2 in front matter)


class PageMacroError(ValueError):
    """A page calls a macro wrongly (an area that does not exist): the adapter stops the build."""


@dataclass(frozen=True)
class Page:
    """The page being rendered, as the macros see it."""

    src_uri: str  # relative to the docs folder, e.g. "journey.md"
    meta: dict[str, Any]  # the page's metadata: the macros add the scripts it needs and its source


Macro = Callable[..., str]


def page_macros(build: Build, current_page: Callable[[], Page]) -> dict[str, Macro]:
    """Every macro a page may call, by name (templates.PAGE_MACROS lists the same names)."""
    handbook = build.handbook
    authority_file = f"{build.data_prefix}/{AREAS_BY_ID['authority'].file}"

    def note_for_page(page: Page, scripts: AbstractSet[str], source: str | None) -> None:
        if scripts:  # read by overrides/main.html to load each script on this page only
            page.meta["hb_scripts"] = sorted(set(page.meta.get("hb_scripts", [])) | scripts)
        if source:  # the data file behind the page, for its "edit" link
            page.meta["hb_source"] = source

    def render(renderer: Callable[..., str], *args: object, source: str | None = None) -> str:
        page = current_page()
        ctx = Context(handbook, page.src_uri)
        markdown = renderer(ctx, *args)
        note_for_page(page, ctx.scripts, source)
        return markdown

    @functools.cache  # each area rendered once per build, for its own page and the whole-handbook page
    def shared(area_id: str) -> SharedRender:
        return render_shared(handbook, area_id)

    def with_review(area_id: str, markdown: str, mark_in_nav: bool = True) -> str:
        """The review box at the top of an area's page (after its title), and the nav marker (on
        the area's own page: not on each of its stages' pages as well)."""
        page = current_page()
        area = AREAS_BY_ID[area_id]
        ctx = Context(handbook, page.src_uri)
        if mark_in_nav and recent_amendments(ctx, area_id):
            page.meta["status"] = "new"  # Material marks the page in the navigation
        box = review_box(ctx, area, build.last_changed(f"{build.data_prefix}/{area.file}"))
        if markdown.startswith("# "):  # the home page renders its own title: the box goes under it
            title, _, rest = markdown.partition("\n")
            return f"{title}\n\n{box}\n{rest}"
        return f"{box}\n{markdown}"

    def area(area_id: str) -> str:
        """The whole content of one area's page, e.g. {{ area("journey") }}."""
        page = current_page()
        if area_id not in AREA_RENDERERS:
            raise PageMacroError(f"{page.src_uri}: there is no area called {area_id!r}; "
                                 f"use one of {', '.join(AREA_RENDERERS)}.")
        shown = AREAS_BY_ID[area_id]
        source = f"{build.data_prefix}/{shown.file}"
        if page.src_uri != shown.page:  # the area shown on a page of the authority's choosing
            return with_review(area_id, render(AREA_RENDERERS[area_id], source=source))
        result = shared(area_id)
        note_for_page(page, result.scripts, source)
        return with_review(area_id, result.on_own_page())

    def item_page(item_id: str) -> str:
        """The page of a stage, a team or another item with a page of its own, e.g. {{ item_page("contact") }}."""
        record = handbook.index.items.get(item_id)
        if record is None or not record.own_page:
            raise PageMacroError(f"{current_page().src_uri}: there is no item with a page of its own "
                                 f"(a stage, a team) with the id {item_id!r}.")
        # A stage's or team's own page is where a search for it should lead first, before the
        # overview pages and the glossary that mention it in passing.
        current_page().meta.setdefault("search", {}).setdefault("boost", ITEM_PAGE_SEARCH_BOOST)
        words = search_words(handbook, item_id)
        if words:  # Material's search weighs a page's tags far above its text
            current_page().meta["tags"] = words
        pages, source = ITEM_PAGES[record.kind], f"{build.data_prefix}/{record.area.file}"
        # The area's review box: who owns the stage's text and whether its review is overdue.
        return with_review(record.area.id, render(lambda ctx: pages.render_page(ctx, record.obj, 2), source=source),
                           mark_in_nav=False)

    def whole_handbook() -> str:
        # Everything on this page is on its own page too: left in the search index, every search
        # would list each match twice, and the index (and the build) would be nearly twice as big.
        current_page().meta.setdefault("search", {})["exclude"] = True
        return render(render_whole_handbook, shared)

    return {
        "area": area,
        "home": lambda: with_review("authority", render(render_home, source=authority_file)),
        "framework_page": lambda framework_id: render(render_framework, framework_id,
                                                      source=handbook.framework_files[framework_id]),
        "frameworks_index": lambda: render(render_frameworks_index),
        "coverage": lambda: render(render_coverage),
        "review_dashboard": lambda: render(render_review_dashboard),
        "accessibility_statement": lambda: render(render_accessibility_statement, source=authority_file),
        "whole_handbook": whole_handbook,
        "item_page": item_page,
        "timescales_table": lambda: render(render_timescales_table),
        "reflection_questions": lambda: render(render_reflection),
    }


def page_actions(build: Build, page: Page, title: str | None, url: str) -> dict[str, str] | None:
    """The page's "edit this page" and "suggest a change" links (None without a repository).
    Links only: the page never calls GitHub itself."""
    repository = build.handbook.authority.repository
    if repository is None:
        return None
    source = page.meta.get("hb_source") or f"{build.docs_prefix}/{page.src_uri}"
    return {
        "edit": edit_url(repository, source),
        "source": source,
        "suggest": suggest_url(repository, title or build.handbook.authority.handbook_title, "/" + url),
    }
