"""Quality assurance (OM8): audits, measures, feedback and learning reviews."""

from __future__ import annotations

from .. import schema
from .blocks import (
    blocks,
    facts,
    heading,
    item_section,
    links_to,
    reflective_questions,
)
from .context import Context
from .text import inline


def target_phrase(target: schema.Target) -> str:
    value = f"{target.value:g}"
    unit = target.unit if target.unit == "%" else f" {target.unit}"
    return f"{target.comparison} {value}{unit}"


def render(ctx: Context) -> str:
    data: schema.QualityFile = ctx.handbook.area(schema.QualityFile)
    parts = [ctx.prose(data.intro), heading(2, "Audit programme", "audit-programme")]
    for audit in data.audits:
        parts.append(item_section(ctx, 3, audit, facts([("How often", inline(audit.frequency)),
                                                         ("Who", inline(audit.who))])))
    parts.append(heading(2, "Performance measures", "measures"))
    rows = ["| Measure | Target | How often | Source |", "| --- | --- | --- | --- |"]
    for measure in data.measures:
        rows.append(f"| {ctx.item_link(measure.id)} | {inline(target_phrase(measure.target))} "
                    f"| {inline(measure.frequency)} | {inline(measure.source)} |")
    parts.append("\n".join(rows))
    for measure in data.measures:
        standards = ctx.index.referring(measure.id, "standard")
        parts.append(item_section(ctx, 3, measure, facts([
            ("Target", inline(target_phrase(measure.target))),
            ("How often", inline(measure.frequency)),
            ("Source", inline(measure.source)),
            ("Practice standards", links_to(ctx, standards)),
        ])))
    parts.append(heading(2, "Feedback from children and families", "feedback"))
    parts += [item_section(ctx, 3, route) for route in data.feedback]
    parts.append(heading(2, "Learning reviews", "learning-reviews"))
    parts += [item_section(ctx, 3, review) for review in data.learning_reviews]
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)
