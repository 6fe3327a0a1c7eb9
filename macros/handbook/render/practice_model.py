"""The practice model (OM2): theory, principles, methods and tools."""

from __future__ import annotations

from .. import schema
from .blocks import (
    blocks,
    evidence,
    facts,
    heading,
    item_section,
    labelled_list,
    links_to,
    reflective_questions,
)
from .context import Context


def render(ctx: Context) -> str:
    data: schema.PracticeModelFile = ctx.handbook.area(schema.PracticeModelFile)
    model = data.model
    parts = [ctx.prose(data.intro), heading(2, model.name, model.id), ctx.prose(model.summary),
             ctx.prose(model.philosophy), evidence(ctx, model)]
    parts.append(heading(2, "The theory we draw on", "theory"))
    parts += [item_section(ctx, 3, theory) for theory in data.theory]
    parts.append(heading(2, "Our practice principles", "principles"))
    for principle in data.principles:
        parts.append(item_section(ctx, 3, principle, labelled_list(
            "In practice", [ctx.prose(p) for p in principle.in_practice])))
    parts.append(heading(2, "Methods", "methods"))
    parts += [item_section(ctx, 3, method) for method in data.methods]
    if data.tools:
        parts.append(heading(2, "Tools", "tools"))
        for tool in data.tools:
            stages = ctx.index.referring(tool.id, "stage")
            used = facts([("Used at", links_to(ctx, stages))])
            parts.append(item_section(ctx, 3, tool, used))
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)
