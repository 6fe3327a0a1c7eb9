"""Workforce and partnerships (F1-F7)."""

from __future__ import annotations

from .. import schema
from .blocks import (
    blocks,
    facts,
    heading,
    item_section,
    reflective_questions,
)
from .context import Context
from .text import inline, join_sentence


def render(ctx: Context) -> str:
    data: schema.FoundationsFile = ctx.handbook.area(schema.FoundationsFile)
    parts = [ctx.prose(data.intro), heading(2, "Workforce development", "workforce")]
    parts += [item_section(ctx, 3, item) for item in data.workforce]
    parts.append(heading(2, "Partnerships", "partnerships"))
    for partnership in data.partnerships:
        parts.append(item_section(ctx, 3, partnership,
                                  facts([("Partners", join_sentence([inline(p) for p in partnership.partners]))])))
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)
