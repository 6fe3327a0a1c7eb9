"""A journey stage's own page: what happens, who leads it, its timescales and decisions, where a
case comes from and goes to, and where the stage sits in the journey."""

from __future__ import annotations

from .. import schema
from ..areas import AREAS_BY_ID
from ..book import Handbook
from .blocks import blocks, evidence, facts, heading, links_to
from .context import Context
from .journey import STAGE_TYPE_LABELS, basis_label, timescale_phrase
from .text import bullet_list, inline, join_blocks, join_sentence, numbered_list

STEP_WORDS = {"up": " *(step up)*", "down": " *(step down)*"}


def render_page(ctx: Context, stage: schema.Stage, level: int = 2) -> str:
    """The stage's page below its title; its sections are headings of `level` (deeper on the
    whole-handbook page, where the stage is one section among many)."""
    data: schema.JourneyFile = ctx.handbook.area(schema.JourneyFile)
    index = ctx.index
    standards = index.referring(stage.id, "standard")
    phases = {phase.id: phase for phase in data.phases}
    parts = [
        ctx.prose(stage.summary),
        facts([
            ("Phase", ctx.item_link(stage.phase) if stage.phase else ""),
            ("Kind of stage", STAGE_TYPE_LABELS[stage.type]),
            *responsible(ctx, stage),
            ("Supporting teams", join_sentence([ctx.item_link(t) for t in stage.supporting_teams])),
            ("Levels of need", join_sentence([ctx.item_link(level_id) for level_id in stage.levels])),
        ]),
        heading(level, "Where it fits", "where-it-fits"),
        _where_it_fits(ctx, stage, phases.get(stage.phase or "")),
    ]
    # Every section is always there (saying so when it is empty), so a link to one from anywhere
    # in the handbook always arrives, and a reader learns that nothing is set rather than
    # wondering whether it is missing.
    arrivals = _comes_from(ctx, stage)
    timescales = [f"**{inline(t.what)}:** {inline(timescale_phrase(t))} "
                  f"({basis_label(t).lower()}; {inline(t.source)})" for t in stage.timescales]
    decisions = [f"**{inline(d.question)}** Made by the {inline(d.made_by)}.\n\n" + bullet_list(
        [f"{ctx.item_link(o.to)}: {inline(o.when)}{STEP_WORDS.get(o.step or '', '')}" for o in d.outcomes])
        for d in stage.decisions]
    related = facts([
        ("Tools", join_sentence([ctx.item_link(t) for t in stage.tools])),
        ("Services often used", join_sentence([ctx.item_link(s) for s in stage.services])),
        ("Practice standards", links_to(ctx, standards)),
    ])
    parts += [
        heading(level, "How a case arrives here", "comes-from"),
        bullet_list(arrivals) if arrivals else "A case starts here: no other stage leads to this one.",
        heading(level, "What must happen", "what-must-happen"),
        bullet_list([ctx.prose(p) for p in stage.must_happen]),
        heading(level, "Timescales", "timescales"),
        bullet_list(timescales) if timescales else "No timescale is set for this stage.",
        heading(level, "Decisions: where a case goes next", "decisions"),
        join_blocks(decisions) if decisions else "None: the case leaves the journey here.",
        heading(level, "Recording", "recording"),
        bullet_list([ctx.prose(r) for r in stage.recording]) if stage.recording
        else "Nothing is set for this stage beyond the usual case recording.",
        heading(level, "Tools, services and standards", "related"),
        related or "No tool, service or practice standard is linked to this stage yet.",
    ]
    return blocks(*parts, evidence(ctx, stage))


def responsible(ctx: Context, stage: schema.Stage) -> list[tuple[str, str]]:
    """Who leads the stage, as facts: one team, several teams or a service area (with its teams)."""
    if stage.service_area:
        members = [ctx.item_link(team.id) for team in ctx.handbook.area(schema.TeamsFile).teams
                   if team.service_area == stage.service_area]
        return [("Responsible service area", ctx.item_link(stage.service_area)),
                ("Its teams", join_sentence(members))]
    teams = stage.responsible_teams()
    label = "Responsible team" if len(teams) == 1 else "Responsible teams"
    return [(label, join_sentence([ctx.item_link(team) for team in teams]))]


def _where_it_fits(ctx: Context, stage: schema.Stage, phase: schema.Phase | None) -> str:
    """Stage n of N, the stages before and after it, and the others in its phase."""
    order, positions = ctx.handbook.derive(_journey_positions)
    position = positions[stage.id]
    journey = AREAS_BY_ID["journey"]
    overview = ctx.href(journey.own_page, "at-a-glance")
    where = f"Stage {position + 1} of {len(order)} in [{inline(journey.title)}]({overview})"
    where += f", in the {ctx.item_link(phase.id)} phase." if phase else "."
    steps = []
    if position > 0:
        steps.append(("Before it", ctx.item_link(order[position - 1].id)))
    if position + 1 < len(order):
        steps.append(("After it", ctx.item_link(order[position + 1].id)))
    lines = [where, facts(steps)]
    if phase is not None:
        group = [s for s in order if s.phase == phase.id]
        listed = [f"**{inline(s.name)}** (this stage)" if s.id == stage.id else ctx.item_link(s.id) for s in group]
        lines.append("The stages of this phase, in order:\n\n" + numbered_list(listed))
    lines.append(f"See it among the others in [the journey diagram]({ctx.href(journey.own_page, 'diagram')}).")
    return blocks(*lines).rstrip("\n")


def _journey_positions(handbook: Handbook) -> tuple[list[schema.Stage], dict[str, int]]:
    order = handbook.area(schema.JourneyFile).in_order()
    return order, {stage.id: i for i, stage in enumerate(order)}


def _comes_from(ctx: Context, stage: schema.Stage) -> list[str]:
    """Every route into this stage: the stage it comes from and when (from the decisions there)."""
    arrivals = []
    for record in ctx.index.referring(stage.id, "stage"):
        source: schema.Stage = record.obj
        for decision in source.decisions:
            for outcome in decision.outcomes:
                if outcome.to == stage.id:
                    arrivals.append(f"From {ctx.item_link(source.id)}: {inline(outcome.when)}"
                                    f"{STEP_WORDS.get(outcome.step or '', '')}")
    return arrivals


def nav_groups(handbook: Handbook) -> list[tuple[str | None, list[str]]]:
    """The stage pages phase by phase, as the journey page lists them."""
    return [(phase.name if phase else None, [stage.id for stage in stages])
            for phase, stages in handbook.area(schema.JourneyFile).by_phase()]
