"""How the service is organised (OM3): leadership, service areas and teams."""

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
from .diagrams import (
    organisation_chart,
    teams_by_service_area,
)
from .text import bullet_list, inline, join_sentence


def render(ctx: Context) -> str:
    data: schema.TeamsFile = ctx.handbook.area(schema.TeamsFile)
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
            ("Reporting line", reporting_line(ctx.handbook.area(schema.TeamsFile), area)),
            ("Based at", inline(team.base) if team.base else ""),
            ("Responsible for", links_to(ctx, responsible)),
            ("Supports", links_to(ctx, supporting)),
            ("Runs", links_to(ctx, services)),
        ]),
        roles,
    )
