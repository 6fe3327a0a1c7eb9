"""The MkDocs adapter: the only place the macros plugin meets the handbook library.

mkdocs-macros calls `define_env` once per build. It loads and validates the data once, stops
the build with every problem listed (and no traceback) when the data is wrong, and registers
one macro per kind of generated content. The renderers are plain functions in `handbook.render`.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import sys
from collections.abc import Set as AbstractSet
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # works before `pip install -e .` too

from mkdocs.exceptions import PluginError  # noqa: E402

from handbook import site  # noqa: E402
from handbook.areas import AREAS_BY_ID  # noqa: E402
from handbook.links import edit_url, suggest_url  # noqa: E402
from handbook.errors import HandbookDataError  # noqa: E402
from handbook.reviews import TODAY_ENV, TodayError  # noqa: E402
from handbook.render.journey import render_timescales_table  # noqa: E402
from handbook.render.context import Context  # noqa: E402
from handbook.render.frameworks import (  # noqa: E402
    render_coverage,
    render_framework,
    render_frameworks_index,
)
from handbook.render.home import render_home  # noqa: E402
from handbook.render.pages import AREA_RENDERERS, SharedRender, render_shared  # noqa: E402
from handbook.render.review import recent_amendments, render_review_dashboard, review_box  # noqa: E402
from handbook.render.statement import render_accessibility_statement  # noqa: E402
from handbook.render.whole import render_whole_handbook  # noqa: E402
from handbook.templates import PAGE_MACROS, PAGE_VARIABLES, PageSandbox  # noqa: E402

# Warnings about the data (such as coverage gaps) go to their own logger: MkDocs' --strict
# counts only its own warnings, and a gap must not fail the build unless the data says so.
_log = logging.getLogger("handbook")
if not _log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    _log.addHandler(_handler)
    _log.propagate = False

CHECKED_ENV = "HANDBOOK_ALREADY_CHECKED"


def define_env(env) -> None:  # noqa: ANN001 - the plugin's environment object
    project = Path(env.project_dir)
    gc.unfreeze()  # in `mkdocs serve`, the previous build's handbook can be collected again
    try:
        handbook = site.load(project)
    except HandbookDataError as error:
        raise PluginError(f"The handbook data has errors.\n\n{error}") from None
    except TodayError as error:
        raise PluginError(f"{TODAY_ENV}: {error}") from None
    # The handbook (every model, index entry and position) lives until the build ends. Left in
    # the cycle collector's care, it is walked again at every collection while Markdown builds
    # the pages: 10-15% of a build's time. Frozen, the collector skips it; its memory is still
    # freed as usual when the next build replaces it.
    gc.freeze()
    if not os.environ.get(CHECKED_ENV):  # `handbook build` has printed them already
        for warning in handbook.warnings:
            _log.warning(warning.format())

    settings = site.site_settings(handbook)
    env.conf["site_name"] = settings["site_name"]
    env.conf["site_description"] = settings["site_description"]
    if not env.conf.get("copyright"):
        env.conf["copyright"] = settings["copyright"]
    env.conf["extra"]["handbook_notice"] = settings["notice"]
    env.conf["extra"]["handbook_notice_label"] = settings["notice_label"]
    # The label Material shows (as a tooltip) on navigation items marked as recently updated.
    env.conf["extra"].setdefault("status", {})["new"] = "Updated recently"

    data_folder = site.data_dir_for(project)
    data_prefix = (data_folder.relative_to(project).as_posix() if data_folder.is_relative_to(project)
                   else "data")

    def note_for_page(scripts: AbstractSet[str], source: str | None) -> None:
        if scripts:  # read by overrides/main.html to load each script on this page only
            env.page.meta["hb_scripts"] = sorted(set(env.page.meta.get("hb_scripts", [])) | scripts)
        if source:  # the data file behind the page, for its "edit" link
            env.page.meta["hb_source"] = source

    def render(renderer, *args: object, source: str | None = None) -> str:  # noqa: ANN001
        ctx = Context(handbook, env.page.file.src_uri)
        markdown = renderer(ctx, *args)
        note_for_page(ctx.scripts, source)
        return markdown

    @functools.cache  # each area rendered once per build, for its own page and the whole-handbook page
    def shared(area_id: str) -> SharedRender:
        return render_shared(handbook, area_id)

    @env.macro
    def area(area_id: str) -> str:
        """The whole content of one area's page, e.g. {{ area("journey") }}."""
        if area_id not in AREA_RENDERERS:
            raise PluginError(f"{env.page.file.src_uri}: there is no area called {area_id!r}; "
                              f"use one of {', '.join(AREA_RENDERERS)}.")
        area = AREAS_BY_ID[area_id]
        if env.page.file.src_uri != area.page:  # the area shown on a page of the authority's choosing
            return with_review(area_id, render(AREA_RENDERERS[area_id], source=f"{data_prefix}/{area.file}"))
        result = shared(area_id)
        note_for_page(result.scripts, f"{data_prefix}/{area.file}")
        return with_review(area_id, result.on_own_page())

    @env.macro
    def home() -> str:
        return with_review("authority", render(render_home, source=f"{data_prefix}/{AREAS_BY_ID['authority'].file}"))

    @env.macro
    def framework_page(framework_id: str) -> str:
        return render(render_framework, framework_id, source=handbook.framework_files[framework_id])

    @env.macro
    def frameworks_index() -> str:
        return render(render_frameworks_index)

    @env.macro
    def coverage() -> str:
        return render(render_coverage)

    def with_review(area_id: str, markdown: str) -> str:
        """The review box at the top of an area's page (after its title), and the nav marker."""
        area = AREAS_BY_ID[area_id]
        ctx = Context(handbook, env.page.file.src_uri)
        if recent_amendments(ctx, area_id):
            env.page.meta["status"] = "new"  # Material marks the page in the navigation
        box = review_box(ctx, area, site.last_changed(project, f"{data_prefix}/{area.file}"))
        if markdown.startswith("# "):  # the home page renders its own title: the box goes under it
            title, _, rest = markdown.partition("\n")
            return f"{title}\n\n{box}\n{rest}"
        return f"{box}\n{markdown}"

    @env.macro
    def review_dashboard() -> str:
        return render(render_review_dashboard)

    @env.macro
    def accessibility_statement() -> str:
        return render(render_accessibility_statement, source=f"{data_prefix}/{AREAS_BY_ID['authority'].file}")

    @env.macro
    def whole_handbook() -> str:
        # Everything on this page is on its own page too: left in the search index, every search
        # would list each match twice, and the index (and the build) would be nearly twice as big.
        env.page.meta.setdefault("search", {})["exclude"] = True
        return render(render_whole_handbook, shared)

    @env.macro
    def timescales_table() -> str:
        return render(render_timescales_table)

    repository = handbook.authority.repository
    docs_prefix = Path(env.conf["docs_dir"]).relative_to(project).as_posix() \
        if Path(env.conf["docs_dir"]).is_relative_to(project) else "docs"

    def on_post_page_macros(env) -> None:  # noqa: ANN001
        if repository is not None:  # links only: the page never calls GitHub itself
            page = env.page
            source = page.meta.get("hb_source") or f"{docs_prefix}/{page.file.src_uri}"
            page.meta["hb_actions"] = {
                "edit": edit_url(repository, source),
                "source": source,
                "suggest": suggest_url(repository, page.title or handbook.authority.handbook_title,
                                       "/" + page.url),
            }

    env.post_macro_functions.append(on_post_page_macros)
    macros = {name: env.macros[name] for name in PAGE_MACROS}
    env.pre_macro_functions.append(lambda env: _lock_down(env, macros))


def _lock_down(env, macros: dict[str, object]) -> None:  # noqa: ANN001 - the plugin's environment
    """Before the first page, swap the plugin's template engine for a sandbox holding our macros only.

    Data never reaches a template (titles from the data have their braces kept apart, and a
    macro's output is not rendered again), so this is the second line: whatever a page's
    source holds, it cannot reach Python's internals (as `lipsum.__globals__` could), the
    configuration or the file system. mkdocs-macros has no setting for a sandbox, so its
    environment is replaced; a test checks the pages still see nothing else.
    """
    current = getattr(env, "_env", None)
    if current is None:
        raise PluginError("This version of mkdocs-macros cannot be locked down; use the pinned version.")
    if isinstance(current, PageSandbox):
        return
    sandbox = PageSandbox(
        loader=None, undefined=current.undefined, autoescape=False,
        block_start_string=current.block_start_string, block_end_string=current.block_end_string,
        variable_start_string=current.variable_start_string, variable_end_string=current.variable_end_string,
        comment_start_string=current.comment_start_string, comment_end_string=current.comment_end_string,
    )
    sandbox.globals.clear()
    sandbox.globals.update(macros)
    sandbox.filters.clear()
    env._env = sandbox
    for name in [name for name in env.variables if name not in PAGE_VARIABLES]:
        del env.variables[name]
