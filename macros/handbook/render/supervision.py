"""Supervision (OM5, F3): policy and forms."""

from __future__ import annotations

from .. import schema
from ..areas import REFLECTION_PAGE
from .blocks import (
    blocks,
    facts,
    heading,
    item_section,
    reflective_questions,
)
from .context import Context
from .text import inline, lead_in

SUPERVISION_FORM_LABELS: dict[str, str] = {
    "individual": "Individual",
    "group": "Group",
    "reflective": "Reflective",
    "peer": "Peer",
    "observation": "Observation of practice",
    "consultation": "Group case consultation",
}


def render(ctx: Context) -> str:
    data: schema.SupervisionFile = ctx.handbook.area(schema.SupervisionFile)
    policy = data.policy
    parts = [ctx.prose(data.intro),
             item_section(ctx, 2, policy, lead_in("**How supervision is recorded:**", ctx.prose(policy.recording))),
             heading(2, "Forms of supervision", "forms")]
    rows = ["| Form | How often | Who takes part |", "| --- | --- | --- |"]
    for form in data.forms:
        rows.append(f"| {ctx.item_link(form.id)} ({SUPERVISION_FORM_LABELS[form.form].lower()}) "
                    f"| {inline(form.frequency)} | {inline(form.who)} |")
    parts.append("\n".join(rows))
    for form in data.forms:
        parts.append(item_section(ctx, 3, form, facts([
            ("Form", SUPERVISION_FORM_LABELS[form.form]),
            ("How often", inline(form.frequency)),
            ("Who takes part", inline(form.who)),
        ])))
    parts.append(reflective_questions(ctx, data.reflective_questions))
    parts.append(f"Every area's questions for reflection are gathered on one page for supervision: "
                 f"[questions for supervision]({ctx.href(REFLECTION_PAGE)}).")
    return blocks(*parts)
