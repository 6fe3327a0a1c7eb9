"""Vision and values (OM1)."""

from __future__ import annotations

from .. import schema
from .blocks import (
    blocks,
    evidence,
    heading,
    item_section,
    labelled_list,
    reflective_questions,
)
from .context import Context


def render(ctx: Context) -> str:
    data: schema.VisionFile = ctx.handbook.area(schema.VisionFile)
    parts = [ctx.prose(data.intro), heading(2, data.vision.name, data.vision.id),
             ctx.prose(data.vision.summary), evidence(ctx, data.vision), heading(2, "Our values", "values")]
    for value in data.values:
        parts.append(item_section(ctx, 3, value, labelled_list("What it looks like in practice",
                                                                [ctx.prose(p) for p in value.in_practice])))
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)
