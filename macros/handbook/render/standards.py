"""Practice standards (OM5)."""

from __future__ import annotations

from .. import schema
from .blocks import (
    blocks,
    facts,
    item_section,
    reflective_questions,
)
from .context import Context
from .text import inline, join_sentence, lead_in


def render(ctx: Context) -> str:
    data: schema.StandardsFile = ctx.handbook.area(schema.StandardsFile)
    parts = [ctx.prose(data.intro)]
    for standard in data.standards:
        parts.append(item_section(
            ctx, 2, standard,
            lead_in("**Why it matters:**", ctx.prose(standard.why)) if standard.why else "",
            facts([
                ("How we know", inline(standard.how_measured) if standard.how_measured else ""),
                ("Measure", ctx.item_link(standard.measure) if standard.measure else ""),
                ("Applies at", join_sentence([ctx.item_link(s) for s in standard.stages])),
            ]),
        ))
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)
