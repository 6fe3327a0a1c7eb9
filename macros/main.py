"""The MkDocs adapter: the only place the macros plugin meets the handbook library.

mkdocs-macros calls `define_env` once per build. It loads and validates the data once, stops
the build with every problem listed (and no traceback) when the data is wrong, and registers
one macro per kind of generated content. The renderers are plain functions in `handbook.render`.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # works before `pip install -e .` too

from mkdocs.exceptions import PluginError  # noqa: E402

from handbook import site  # noqa: E402
from handbook.errors import HandbookDataError  # noqa: E402
from handbook.render.areas import render_timescales_table  # noqa: E402
from handbook.render.context import Context  # noqa: E402
from handbook.render.frameworks import (  # noqa: E402
    render_coverage,
    render_framework,
    render_frameworks_index,
)
from handbook.render.home import render_home  # noqa: E402
from handbook.render.pages import AREA_RENDERERS  # noqa: E402

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
    try:
        handbook = site.load(project)
    except HandbookDataError as error:
        raise PluginError(f"The handbook data has errors.\n\n{error}") from None
    if not os.environ.get(CHECKED_ENV):  # `handbook build` has printed them already
        for warning in handbook.warnings:
            _log.warning(warning.format())

    settings = site.site_settings(handbook)
    env.conf["site_name"] = settings["site_name"]
    env.conf["site_description"] = settings["site_description"]
    if not env.conf.get("copyright"):
        env.conf["copyright"] = settings["copyright"]
    env.conf["extra"]["handbook_notice"] = settings["notice"]
    env.variables["authority"] = handbook.authority

    def render(renderer, *args: str) -> str:  # noqa: ANN001
        ctx = Context(handbook, env.page.file.src_uri)
        markdown = renderer(ctx, *args)
        if ctx.scripts:  # read by overrides/main.html to load each script on this page only
            env.page.meta["hb_scripts"] = sorted(set(env.page.meta.get("hb_scripts", [])) | ctx.scripts)
        return markdown

    @env.macro
    def area(area_id: str) -> str:
        """The whole content of one area's page, e.g. {{ area("journey") }}."""
        if area_id not in AREA_RENDERERS:
            raise PluginError(f"{env.page.file.src_uri}: there is no area called {area_id!r}; "
                              f"use one of {', '.join(AREA_RENDERERS)}.")
        return render(AREA_RENDERERS[area_id])

    @env.macro
    def home() -> str:
        return render(render_home)

    @env.macro
    def framework_page(framework_id: str) -> str:
        return render(render_framework, framework_id)

    @env.macro
    def frameworks_index() -> str:
        return render(render_frameworks_index)

    @env.macro
    def coverage() -> str:
        return render(render_coverage)

    @env.macro
    def timescales_table() -> str:
        return render(render_timescales_table)

    glossary = handbook.area("glossary")
    abbreviations = "\n".join(f"*[{term.abbr}]: {' '.join(term.term.split())}" for term in glossary.terms)

    def on_post_page_macros(env) -> None:  # noqa: ANN001
        # Abbreviation definitions on every page turn each use into a tooltip.
        env.markdown += "\n\n" + abbreviations + "\n"

    env.post_macro_functions.append(on_post_page_macros)
