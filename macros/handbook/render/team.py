"""A team's own page: its purpose, who it serves, how to reach it, its roles, where it sits in
the organisation, and the stages and services it is responsible for."""

from __future__ import annotations

from .. import schema
from ..book import Handbook
from .blocks import blocks, evidence, facts, heading, links_to
from .context import Context
from .diagrams import teams_by_service_area
from .teams import reporting_line
from .text import inline

SHARED_LABEL = "Responsible for, with the other teams of its service area"


def render_page(ctx: Context, team: schema.Team, level: int = 2) -> str:
    """The team's page below its title; its sections are headings of `level`."""
    data: schema.TeamsFile = ctx.handbook.area(schema.TeamsFile)
    area = next(a for a in data.service_areas if a.id == team.service_area)
    stages = ctx.index.referring(team.id, "stage")
    responsible = [s for s in stages if team.id in s.obj.responsible_teams()]
    supporting = [s for s in stages if s not in responsible]
    shared = ctx.index.referring(area.id, "stage")  # stages its whole service area leads
    services = ctx.index.referring(team.id, "service")
    parts = [
        ctx.prose(team.summary),
        facts([
            ("Who we work with", ctx.prose(team.serves)),
            ("Part of", ctx.item_link(area.id)),
            ("Led by", inline(team.led_by) if team.led_by else ""),
            ("Reporting line", reporting_line(data, area, team)),
            ("Based at", inline(team.base) if team.base else ""),
        ]),
    ]
    # Every section is always there, so a link to one always arrives (see stage.py).
    work = facts([
        ("Responsible for", links_to(ctx, responsible)),
        (SHARED_LABEL, links_to(ctx, shared)),
        ("Supports", links_to(ctx, supporting)),
        ("Runs", links_to(ctx, services)),
    ])
    parts += [
        heading(level, "How to contact the team", "contact"),
        (_contact(team.contact) if team.contact is not None else "")
        or "No contact details are recorded for this team yet.",
        heading(level, "Roles", "roles"),
        "| Role | Posts (full-time equivalent) |\n| --- | --- |\n" + "\n".join(
            f"| {inline(role.role)}{' – ' + inline(role.summary) if role.summary else ''} "
            f"| {f'{role.count:g}' if role.count is not None else ''} |"
            for role in team.roles),
        heading(level, "Stages and services", "work"),
        work or "This team is not named as responsible for a stage or as running a service.",
    ]
    return blocks(*parts, evidence(ctx, team))


def _contact(contact: schema.Contact) -> str:
    # The schema allows no characters that could end a link in an address; a number is dialled
    # as its digits (and a leading +) alone.
    phone = ""
    if contact.duty_phone:
        dialled = "".join(c for c in contact.duty_phone if c.isdigit() or c == "+")
        phone = f"[{inline(contact.duty_phone)}](tel:{dialled})"
    email = f"[{inline(contact.email)}](mailto:{contact.email})" if contact.email else ""
    return facts([
        ("Duty line", phone),
        ("Email", email),
        ("Office hours", inline(contact.office_hours) if contact.office_hours else ""),
        ("Out of hours", inline(contact.out_of_hours) if contact.out_of_hours else ""),
    ])


def nav_groups(handbook: Handbook) -> list[tuple[str | None, list[str]]]:
    """The team pages service area by service area, as the teams page lists them."""
    data = handbook.area(schema.TeamsFile)
    teams_in = teams_by_service_area(data)
    return [(area.name, [team.id for team in teams_in[area.id]]) for area in data.service_areas]
