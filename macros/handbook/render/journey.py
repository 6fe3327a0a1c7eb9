"""The child's journey (OM4): stages, decisions and timescales."""

from __future__ import annotations

from .. import schema
from .blocks import (
    blocks,
    facts,
    heading,
    item_section,
    labelled_list,
    links_to,
    reflective_questions,
)
from .context import Context
from .diagrams import (
    journey_diagram,
    journey_legend,
)
from .text import bullet_list, inline, join_sentence

STAGE_TYPE_LABELS: dict[str, str] = {
    "entry": "Way in",
    "assessment": "Assessment",
    "meeting": "Meeting or conference",
    "plan": "Plan and support",
    "legal": "Legal",
    "exit": "Way out",
}


def plural_unit(amount: int, unit: str) -> str:
    if amount == 1:
        unit = {"hours": "hour", "working days": "working day", "days": "day", "weeks": "week",
                "months": "month"}[unit]
    return f"{amount} {unit}"


def timescale_phrase(timescale: schema.Timescale) -> str:
    span = plural_unit(timescale.amount, timescale.unit)
    if timescale.type == "apart":
        phrase = f"At most {span} apart"
        return f"{phrase}, after {timescale.counted_from}" if timescale.counted_from else phrase
    phrase = f"Within {span}"
    return f"{phrase} of {timescale.counted_from}" if timescale.counted_from else phrase


def basis_label(timescale: schema.Timescale) -> str:
    return "Statutory" if timescale.basis == "statutory" else "Local standard"


def render(ctx: Context) -> str:
    data: schema.JourneyFile = ctx.handbook.area(schema.JourneyFile)
    parts = [ctx.prose(data.intro), heading(2, "The journey as a diagram", "diagram"), journey_diagram(ctx),
             journey_legend(), heading(2, "The journey at a glance", "at-a-glance")]
    overview = []
    for number, stage in enumerate(data.stages, start=1):
        leads = _destinations(stage)
        where = (f" Leads to {join_sentence([ctx.item_link(t) for t in leads])}." if leads
                 else " The case leaves this journey here.")
        overview.append(f"{number}. {ctx.item_link(stage.id)} ({STAGE_TYPE_LABELS[stage.type].lower()}).{where}")
    parts.append("\n".join(overview))
    parts.append(heading(2, "Timescales at a glance", "timescales"))
    parts.append(render_timescales_table(ctx))
    parts.append(heading(2, "Stages in detail", "stages"))
    for stage in data.stages:
        parts.append(_stage(ctx, stage))
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)


def _destinations(stage: schema.Stage) -> list[str]:
    seen: list[str] = []
    for decision in stage.decisions:
        for outcome in decision.outcomes:
            if outcome.to not in seen:
                seen.append(outcome.to)
    return seen


def render_timescales_table(ctx: Context) -> str:
    data: schema.JourneyFile = ctx.handbook.area(schema.JourneyFile)
    rows = ["| What | Timescale | Basis | Source | Stage |", "| --- | --- | --- | --- | --- |"]
    for stage in data.stages:
        for timescale in stage.timescales:
            rows.append(
                f"| {inline(timescale.what)} | {inline(timescale_phrase(timescale))} | "
                f"{basis_label(timescale)} | {inline(timescale.source)} | {ctx.item_link(stage.id)} |"
            )
    if len(rows) == 2:
        return "No timescales are set in the journey data yet."
    return "\n".join(rows)


def _stage(ctx: Context, stage: schema.Stage) -> str:
    index = ctx.index
    incoming = index.referring(stage.id, "stage")
    standards = index.referring(stage.id, "standard")
    parts = [
        facts([
            ("Kind of stage", STAGE_TYPE_LABELS[stage.type]),
            ("Responsible team", ctx.item_link(stage.team)),
            ("Supporting teams", join_sentence([ctx.item_link(t) for t in stage.supporting_teams])),
            ("Levels of need", join_sentence([ctx.item_link(level) for level in stage.levels])),
            ("Comes from", links_to(ctx, incoming)),
        ]),
        labelled_list("What must happen", [ctx.prose(p) for p in stage.must_happen]),
    ]
    if stage.timescales:
        parts.append(labelled_list("Timescales", [
            f"**{inline(t.what)}:** {inline(timescale_phrase(t))} "
            f"({basis_label(t).lower()}; {inline(t.source)})"
            for t in stage.timescales
        ]))
    for decision in stage.decisions:
        outcomes = [
            f"{ctx.item_link(o.to)}: {inline(o.when)}"
            + (" *(step up)*" if o.step == "up" else " *(step down)*" if o.step == "down" else "")
            for o in decision.outcomes
        ]
        parts.append(f"**Decision: {inline(decision.question)}** Made by the {inline(decision.made_by)}.\n\n"
                     + bullet_list(outcomes))
    parts.append(labelled_list("Recording", [ctx.prose(r) for r in stage.recording]))
    parts.append(facts([
        ("Tools", join_sentence([ctx.item_link(t) for t in stage.tools])),
        ("Services often used", join_sentence([ctx.item_link(s) for s in stage.services])),
        ("Practice standards", links_to(ctx, standards)),
    ]))
    return item_section(ctx, 3, stage, *parts)
