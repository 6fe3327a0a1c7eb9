"""One renderer per area of the operating model. Each is a pure function: context in, Markdown out."""

from __future__ import annotations

from .. import schema
from ..index import ItemRecord
from .context import Context
from .diagrams import journey_diagram, journey_legend, organisation_chart, teams_by_service_area
from .text import bullet_list, indent, inline, join_sentence

STAGE_TYPE_LABELS: dict[str, str] = {
    "entry": "Way in",
    "assessment": "Assessment",
    "meeting": "Meeting or conference",
    "plan": "Plan and support",
    "legal": "Legal",
    "exit": "Way out",
}

SUPERVISION_FORM_LABELS: dict[str, str] = {
    "individual": "Individual",
    "group": "Group",
    "reflective": "Reflective",
    "peer": "Peer",
    "observation": "Observation of practice",
    "consultation": "Group case consultation",
}


# --- building blocks ----------------------------------------------------------------------------


def heading(level: int, text: str, anchor: str | None = None) -> str:
    suffix = f" {{ #{anchor} }}" if anchor else ""
    return f"{'#' * level} {inline(text)}{suffix}"


def evidence(ctx: Context, obj: object) -> str:
    """The line under an item: badges for the statements it meets, and a link to its source."""
    parts = [part for part in (ctx.badges(list(getattr(obj, "evidences", []))), ctx.review_line(obj),
                               ctx.source_link(obj)) if part]
    return " · ".join(parts) + "\n{: .hb-evidence }" if parts else ""


def facts(entries: list[tuple[str, str]]) -> str:
    """Short labelled facts about an item, as a list (read in order by screen readers)."""
    rows = [f"- **{label}:** {value}" for label, value in entries if value]
    return "\n".join(rows) if rows else ""


def labelled_list(label: str, entries: list[str]) -> str:
    """A bold label (plain text, escaped here) above a list of already-rendered entries."""
    if not entries:
        return ""
    return f"**{inline(label)}**\n\n{bullet_list(entries)}"


def reflective_questions(ctx: Context, questions: list[str]) -> str:
    if not questions:
        return ""
    body = bullet_list([ctx.prose(q) for q in questions])
    return f'!!! question "Questions for reflection"\n\n{indent(body)}'


def blocks(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part) + "\n"


def links_to(ctx: Context, records: list[ItemRecord]) -> str:
    return join_sentence([ctx.record_link(r) for r in records])


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


def item_section(ctx: Context, level: int, obj: schema.Item, *body: str) -> str:
    return blocks(heading(level, obj.name, obj.id), ctx.prose(obj.summary), *body, evidence(ctx, obj))


# --- vision and values (OM1) --------------------------------------------------------------------


def render_vision(ctx: Context) -> str:
    data: schema.VisionFile = ctx.handbook.area("vision")
    parts = [ctx.prose(data.intro), heading(2, data.vision.name, data.vision.id),
             ctx.prose(data.vision.summary), evidence(ctx, data.vision), heading(2, "Our values", "values")]
    for value in data.values:
        parts.append(item_section(ctx, 3, value, labelled_list("What it looks like in practice",
                                                                [ctx.prose(p) for p in value.in_practice])))
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)


# --- practice model (OM2) -----------------------------------------------------------------------


def render_practice_model(ctx: Context) -> str:
    data: schema.PracticeModelFile = ctx.handbook.area("practice-model")
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


# --- teams (OM3) --------------------------------------------------------------------------------


def render_teams(ctx: Context) -> str:
    data: schema.TeamsFile = ctx.handbook.area("teams")
    posts = {post.id: post for post in data.leadership}
    parts = [ctx.prose(data.intro), heading(2, "Organisation chart", "organisation-chart"),
             organisation_chart(ctx), heading(2, "Leadership", "leadership")]
    rows = []
    for post in data.leadership:
        line = f"**{inline(post.role)}**"
        if post.reports_to:
            line += f", reporting to the {inline(posts[post.reports_to].role)}"
        if post.summary:
            line += f". {ctx.prose(post.summary)}"
        rows.append(line)
    parts.append(bullet_list(rows))
    teams_in = teams_by_service_area(data)
    for area in data.service_areas:
        teams = teams_in[area.id]
        parts += [
            heading(2, area.name, area.id),
            ctx.prose(area.summary),
            facts([("Led by", inline(area.led_by)),
                   ("Reports to", inline(posts[area.reports_to].role)),
                   ("Teams", join_sentence([ctx.item_link(t.id) for t in teams]))]),
        ]
        for team in teams:
            parts.append(_team(ctx, team, area))
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)


def reporting_line(data: schema.TeamsFile, area: schema.ServiceArea) -> str:
    """Team manager, head of service, and every post above, as one line."""
    posts = {post.id: post for post in data.leadership}
    chain = ["Team manager", area.led_by]
    current: str | None = area.reports_to
    while current is not None and current in posts and posts[current].role not in chain:
        chain.append(posts[current].role)
        current = posts[current].reports_to
    return " → ".join(inline(role) for role in chain)


def _team(ctx: Context, team: schema.Team, area: schema.ServiceArea) -> str:
    responsible = ctx.index.referring(team.id, "stage")
    responsible = [s for s in responsible if s.obj.team == team.id]
    supporting = [s for s in ctx.index.referring(team.id, "stage") if s not in responsible]
    services = ctx.index.referring(team.id, "service")
    roles = "| Role | Posts (full-time equivalent) |\n| --- | --- |\n" + "\n".join(
        f"| {inline(role.role)}{' – ' + inline(role.summary) if role.summary else ''} "
        f"| {f'{role.count:g}' if role.count is not None else ''} |"
        for role in team.roles
    )
    return item_section(
        ctx, 3, team,
        facts([
            ("Who we work with", ctx.prose(team.serves).replace("\n", " ")),
            ("Part of", ctx.item_link(area.id) if area.id in ctx.index.items else inline(area.name)),
            ("Reporting line", reporting_line(ctx.handbook.area("teams"), area)),
            ("Based at", inline(team.base) if team.base else ""),
            ("Responsible for", links_to(ctx, responsible)),
            ("Supports", links_to(ctx, supporting)),
            ("Runs", links_to(ctx, services)),
        ]),
        roles,
    )


# --- the journey (OM4) --------------------------------------------------------------------------


def render_journey(ctx: Context) -> str:
    data: schema.JourneyFile = ctx.handbook.area("journey")
    parts = [ctx.prose(data.intro), heading(2, "The journey as a diagram", "diagram"), journey_diagram(ctx),
             journey_legend(), heading(2, "The journey at a glance", "at-a-glance")]
    overview = []
    for number, stage in enumerate(data.stages, start=1):
        leads = _destinations(stage)
        where = f" Leads to {join_sentence([ctx.item_link(t) for t in leads])}." if leads else " The case leaves this journey here."
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
    data: schema.JourneyFile = ctx.handbook.area("journey")
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


# --- practice standards (OM5) -------------------------------------------------------------------


def render_standards(ctx: Context) -> str:
    data: schema.StandardsFile = ctx.handbook.area("standards")
    parts = [ctx.prose(data.intro)]
    for standard in data.standards:
        parts.append(item_section(
            ctx, 2, standard,
            f"**Why it matters:** {ctx.prose(standard.why)}" if standard.why else "",
            facts([
                ("How we know", inline(standard.how_measured) if standard.how_measured else ""),
                ("Measure", ctx.item_link(standard.measure) if standard.measure else ""),
                ("Applies at", join_sentence([ctx.item_link(s) for s in standard.stages])),
            ]),
        ))
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)


# --- supervision (OM5, F3) ----------------------------------------------------------------------


def render_supervision(ctx: Context) -> str:
    data: schema.SupervisionFile = ctx.handbook.area("supervision")
    policy = data.policy
    parts = [ctx.prose(data.intro), item_section(ctx, 2, policy, f"**How supervision is recorded:** {ctx.prose(policy.recording)}"),
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
    return blocks(*parts)


# --- quality assurance (OM8) --------------------------------------------------------------------


def target_phrase(target: schema.Target) -> str:
    value = f"{target.value:g}"
    unit = target.unit if target.unit == "%" else f" {target.unit}"
    return f"{target.comparison} {value}{unit}"


def render_quality(ctx: Context) -> str:
    data: schema.QualityFile = ctx.handbook.area("quality")
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


# --- foundations (F1-F7) ------------------------------------------------------------------------


def render_foundations(ctx: Context) -> str:
    data: schema.FoundationsFile = ctx.handbook.area("foundations")
    parts = [ctx.prose(data.intro), heading(2, "Workforce development", "workforce")]
    parts += [item_section(ctx, 3, item) for item in data.workforce]
    parts.append(heading(2, "Partnerships", "partnerships"))
    for partnership in data.partnerships:
        parts.append(item_section(ctx, 3, partnership,
                                  facts([("Partners", join_sentence([inline(p) for p in partnership.partners]))])))
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)


# --- glossary -----------------------------------------------------------------------------------


def render_glossary(ctx: Context) -> str:
    data: schema.GlossaryFile = ctx.handbook.area("glossary")
    entries = []
    for term in sorted(data.terms, key=lambda t: t.abbr.casefold()):
        definition = f"{inline(term.term)}"
        if term.definition:
            definition += f". {ctx.prose(term.definition)}"
        entries.append(f"**{inline(term.abbr)}**\n:   {definition}")
    return blocks(ctx.prose(data.intro), "\n\n".join(entries))


