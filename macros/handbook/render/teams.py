"""How the service is organised (OM3): leadership, service areas and teams."""

from __future__ import annotations

from .. import schema
from .blocks import (
    blocks,
    facts,
    folding_diagram,
    heading,
    labelled_list,
    links_to,
    moved_item_link,
    reflective_questions,
)
from .context import Context
from .diagrams import (
    organisation_chart,
    teams_by_service_area,
)
from .text import bullet_list, inline, lead_in


def render(ctx: Context) -> str:
    data: schema.TeamsFile = ctx.handbook.area(schema.TeamsFile)
    posts = {post.id: post for post in data.leadership}
    parts = [ctx.prose(data.intro), heading(2, "Organisation chart", "organisation-chart"),
             folding_diagram(ctx, "The organisation chart", organisation_chart(ctx)),
             heading(2, "Leadership", "leadership")]
    rows = []
    for post in data.leadership:
        line = f"**{inline(post.role)}**{{ #{post.id} }}"  # the anchor a link to the post arrives at
        if post.reports_to:
            line += f", reporting to the {inline(posts[post.reports_to].role)}"
        if post.summary:
            line = lead_in(line + ".", ctx.prose(post.summary))
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
                   ("Responsible for", links_to(ctx, ctx.index.referring(area.id, "stage")))]),
            labelled_list("Teams", [f"{moved_item_link(ctx, team.id)}: {_first_sentence(ctx, team.summary)}"
                                    for team in teams]),
        ]
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)


def _first_sentence(ctx: Context, text: str) -> str:
    """The start of a team's purpose, for the list of teams (the whole of it is on its page)."""
    plain = " ".join(text.split())
    end = plain.find(". ")
    return ctx.prose(plain if end < 0 else plain[: end + 1]).replace("\n", " ")


def reporting_line(data: schema.TeamsFile, area: schema.ServiceArea, team: schema.Team) -> str:
    """Who leads the team (when the data says), who leads its service area, and every post
    above, as one line."""
    posts = {post.id: post for post in data.leadership}
    chain = [role for role in (team.led_by, area.led_by) if role]
    current: str | None = area.reports_to
    while current is not None and current in posts and posts[current].role not in chain:
        chain.append(posts[current].role)
        current = posts[current].reports_to
    return " → ".join(inline(role) for role in chain)
