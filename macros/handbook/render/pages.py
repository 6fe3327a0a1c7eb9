"""Which renderer draws each area's page (the macro `{{ area("...") }}` looks it up here)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from .areas import (
    render_foundations,
    render_glossary,
    render_journey,
    render_practice_model,
    render_quality,
    render_standards,
    render_supervision,
    render_teams,
    render_vision,
)
from ..areas import AREAS_BY_ID
from ..validate import Handbook
from .context import INTERACTIVE_END, INTERACTIVE_START, SAME_PAGE, Context
from .review import render_amendments
from .services import render_services
from .thresholds import render_thresholds

AREA_RENDERERS: dict[str, Callable[[Context], str]] = {
    "vision": render_vision,
    "practice-model": render_practice_model,
    "teams": render_teams,
    "journey": render_journey,
    "standards": render_standards,
    "services": render_services,
    "thresholds": render_thresholds,
    "supervision": render_supervision,
    "quality": render_quality,
    "foundations": render_foundations,
    "glossary": render_glossary,
    "amendments": render_amendments,
}


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
    page = AREAS_BY_ID[area_id].page
    ctx = Context(handbook, page, shared=True)
    return SharedRender(page, AREA_RENDERERS[area_id](ctx), frozenset(ctx.scripts))
