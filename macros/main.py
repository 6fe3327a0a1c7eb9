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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))  # works before `pip install -e .` too

from mkdocs.exceptions import PluginError

from handbook.errors import HandbookDataError
from handbook.pagemacros import Macro, Page, PageMacroError, page_actions, page_macros
from handbook.reviews import TODAY_ENV, TodayError
from handbook.site import BUILD_KEY, Build
from handbook.templates import PAGE_VARIABLES, PageSandbox

# Warnings about the data (such as coverage gaps) go to their own logger: MkDocs' --strict
# counts only its own warnings, and a gap must not fail the build unless the data says so.
_log = logging.getLogger("handbook")
if not _log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    _log.addHandler(_handler)
    _log.propagate = False

CHECKED_ENV = "HANDBOOK_ALREADY_CHECKED"


# `env` below is mkdocs-macros' plugin object (the "environment" its documentation describes),
# which has no type information: Any, and the attributes used are the documented ones.
def define_env(env: Any) -> None:
    project = Path(env.project_dir)
    gc.unfreeze()  # in `mkdocs serve`, the previous build's handbook can be collected again
    try:
        build = Build.load(project, Path(env.conf["docs_dir"]))
    except HandbookDataError as error:
        raise PluginError(f"The handbook data has errors.\n\n{error}") from None
    except TodayError as error:
        raise PluginError(f"{TODAY_ENV}: {error}") from None
    # The handbook (every model, index entry and position) lives until the build ends. Left in
    # the cycle collector's care, it is walked again at every collection while Markdown builds
    # the pages: 10-15% of a build's time. Frozen, the collector skips it; its memory is still
    # freed as usual when the next build replaces it.
    gc.freeze()
    env.conf[BUILD_KEY] = build
    if not os.environ.get(CHECKED_ENV):  # `handbook build` has printed them already
        for warning in build.handbook.warnings:
            _log.warning(warning.format())

    settings = build.settings()
    env.conf["site_name"] = settings["site_name"]
    env.conf["site_description"] = settings["site_description"]
    if not env.conf.get("copyright"):
        env.conf["copyright"] = settings["copyright"]
    env.conf["extra"]["handbook_notice"] = settings["notice"]
    env.conf["extra"]["handbook_notice_label"] = settings["notice_label"]
    # The label Material shows (as a tooltip) on navigation items marked as recently updated.
    env.conf["extra"].setdefault("status", {})["new"] = "Updated recently"

    def current_page() -> Page:
        return Page(env.page.file.src_uri, env.page.meta)

    macros: dict[str, Macro] = {}
    for name, macro in page_macros(build, current_page).items():
        macros[name] = env.macro(_stopping_the_build(macro), name)

    def on_post_page_macros(env: Any) -> None:
        actions = page_actions(build, current_page(), env.page.title, env.page.url)
        if actions is not None:
            env.page.meta["hb_actions"] = actions

    env.post_macro_functions.append(on_post_page_macros)
    env.pre_macro_functions.append(lambda env: _lock_down(env, macros))


def _stopping_the_build(macro: Macro) -> Macro:
    """A page that calls a macro wrongly stops the build with the page's own message."""
    @functools.wraps(macro)
    def call(*args: object, **kwargs: object) -> str:
        try:
            return macro(*args, **kwargs)
        except PageMacroError as error:
            raise PluginError(str(error)) from None
    return call


def _lock_down(env: Any, macros: dict[str, Macro]) -> None:
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
