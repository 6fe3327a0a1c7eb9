"""The child's journey (OM4): stages, decisions and timescales."""

from __future__ import annotations

from .. import schema
from .blocks import (
    blocks,
    folding_diagram,
    heading,
    moved_item_link,
    reflective_questions,
)
from .context import Context
from .diagrams import (
    journey_diagram,
    journey_legend,
)
from .text import inline, join_sentence

STAGE_TYPE_LABELS: dict[str, str] = {
    "entry": "Way in",
    "assessment": "Assessment",
    "meeting": "Meeting or conference",
    "review": "Review",
    "plan": "Plan and support",
    "legal": "Legal",
    "exit": "Way out",
}


def plural_unit(amount: int, unit: str) -> str:
    if amount == 1:
        unit = {"hours": "hour", "working days": "working day", "days": "day", "weeks": "week",
                "months": "month", "years": "year"}[unit]
    return f"{amount} {unit}"


# From this age the journey's words say "young person" rather than "child".
YOUNG_PERSON_FROM = 16


def timescale_phrase(timescale: schema.Timescale) -> str:
    """`Within 15 working days of the strategy discussion`, `At most 6 weeks apart`,
    `Until the young person is 21`."""
    if timescale.type == "until" or timescale.amount is None or timescale.unit is None:
        age = timescale.age or 0
        return f"Until the {'young person' if age >= YOUNG_PERSON_FROM else 'child'} is {age}"
    span = plural_unit(timescale.amount, timescale.unit)
    if timescale.type == "apart":
        phrase = f"At most {span} apart"
        return f"{phrase}, after {timescale.counted_from}" if timescale.counted_from else phrase
    phrase = f"Within {span}"
    return f"{phrase} of {timescale.counted_from}" if timescale.counted_from else phrase


def basis_label(timescale: schema.Timescale) -> str:
    return "Statutory" if timescale.basis == "statutory" else "Local standard"


def render(ctx: Context) -> str:
    """The journey's own page: the diagram, the journey at a glance by phase, the timescales.
    Each stage has a page of its own (render/stage.py)."""
    data: schema.JourneyFile = ctx.handbook.area(schema.JourneyFile)
    parts = [ctx.prose(data.intro), heading(2, "The journey as a diagram", "diagram"),
             folding_diagram(ctx, "The diagram and how to read it", journey_legend(), journey_diagram(ctx)),
             heading(2, "The journey at a glance", "at-a-glance")]
    number = 0
    for phase, stages in data.by_phase():
        if phase is not None:
            parts += [heading(3, phase.name, phase.id), ctx.prose(phase.summary)]
        overview = []
        for stage in stages:
            number += 1
            leads = _destinations(stage)
            where = (f" Leads to {join_sentence([ctx.item_link(t) for t in leads])}." if leads
                     else " The case leaves this journey here.")
            overview.append(f"{number}. {moved_item_link(ctx, stage.id)} "
                            f"({STAGE_TYPE_LABELS[stage.type].lower()}).{where}")
        parts.append("\n".join(overview))
    parts.append(heading(2, "Timescales at a glance", "timescales"))
    parts.append(render_timescales_table(ctx))
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
    for stage in data.in_order():
        for timescale in stage.timescales:
            rows.append(
                f"| {inline(timescale.what)} | {inline(timescale_phrase(timescale))} | "
                f"{basis_label(timescale)} | {inline(timescale.source)} | {ctx.item_link(stage.id)} |"
            )
    if len(rows) == 2:
        return "No timescales are set in the journey data yet."
    return "\n".join(rows)
