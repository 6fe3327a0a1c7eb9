"""Every area's questions for reflection on one page, by area, for use in supervision."""

from __future__ import annotations

from pydantic import BaseModel

from .. import schema
from ..areas import AREAS, REFLECTION_SECTION
from .blocks import blocks, heading
from .context import Context
from .text import bullet_list, inline


def render_reflection(ctx: Context) -> str:
    parts = ["The questions each part of the handbook asks, gathered by area. Take one or two to "
             "supervision or a team meeting, or use them to reflect on a case on your own; each "
             "area's page has its questions at its end."]
    asked = 0
    for area in AREAS:
        data: BaseModel | None = ctx.handbook.areas.get(area.id)
        if area.page is None or not isinstance(data, schema.AreaFile) or not data.reflective_questions:
            continue
        asked += 1
        parts += [heading(2, area.title, f"reflection-{area.id}"),
                  bullet_list([ctx.prose(question) for question in data.reflective_questions]),
                  f"Asked at the end of [{inline(area.title)}]({ctx.href(area.own_page, REFLECTION_SECTION)})."]
    if not asked:
        return "No questions for reflection have been written yet: each area's file can have "\
               "`reflective_questions`."
    return blocks(*parts)
