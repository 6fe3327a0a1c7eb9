"""The services directory (OM6): every service, filterable by level of need and age.

The whole list is in the HTML; the filter is a form the page's script reveals and drives, so
without JavaScript nothing is hidden and nothing is lost.
"""

from __future__ import annotations

from html import escape

from .. import schema
from .blocks import (
    blocks,
    evidence,
    facts,
    heading,
    labelled_list,
    reflective_questions,
)
from .context import Context
from .text import inline, join_sentence, lead_in

FILTER_SCRIPT = "services-filter"


def ages_phrase(ages: schema.Ages) -> str:
    """`0 to 19`, or `Pre-birth to 2` for a service that starts before a child is born."""
    return f"{'Pre-birth' if ages.pre_birth else ages.from_age} to {ages.to_age}"


def render(ctx: Context) -> str:
    data: schema.ServicesFile = ctx.handbook.area(schema.ServicesFile)
    thresholds: schema.ThresholdsFile = ctx.handbook.area(schema.ThresholdsFile)
    parts = [ctx.prose(data.intro)]
    if not ctx.for_print:
        ctx.scripts.add(FILTER_SCRIPT)
    parts.append(ctx.interactive(
        filter_form(thresholds, data)
        + f'\n\n<p class="hb-filter-count" id="services-count">{len(data.services)} services.</p>'))
    for service in data.services:
        stages = ctx.index.referring(service.id, "stage")
        body = blocks(
            heading(2, service.name, service.id, lang=service.lang),
            ctx.prose(service.summary),
            labelled_list("What it offers", [ctx.prose(o) for o in service.offers]),
            facts([
                ("Levels of need", join_sentence([ctx.item_link(level) for level in service.levels])),
                ("Ages", ages_phrase(service.ages)),
                ("Run by", run_by(ctx, service)),
                ("Used at", join_sentence([ctx.record_link(s) for s in stages])),
                ("Who can refer", inline(service.who_can_refer)),
            ]),
            lead_in("**How to refer:**", ctx.prose(service.how_to_refer)),
            evidence(ctx, service),
        )
        parts.append(
            f'<div class="hb-service" data-levels="{escape(" ".join(service.levels))}" '
            f'data-age-from="{max(service.ages.from_age, 0)}" data-age-to="{service.ages.to_age}" markdown="1">\n\n'
            f"{body}\n</div>"
        )
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)


def filter_form(thresholds: schema.ThresholdsFile, data: schema.ServicesFile) -> str:
    options = "".join(
        f'<option value="{level.id}">Level {number}: {escape(level.name)}</option>'
        for number, level in enumerate(thresholds.levels, start=1)
    )
    oldest = max(service.ages.to_age for service in data.services)
    return (
        '<form class="hb-filter" id="services-filter" hidden>'
        "<fieldset><legend>Find services for a child</legend>"
        '<div class="hb-filter-field"><label for="services-level">Level of need</label>'
        f'<select id="services-level" name="level"><option value="">All levels</option>{options}</select></div>'
        '<div class="hb-filter-field"><label for="services-age">Age of the child (years)</label>'
        f'<input id="services-age" name="age" type="number" min="0" max="{oldest}" step="1" inputmode="numeric"></div>'
        '<div class="hb-filter-field"><button type="reset" class="md-button">Show all services</button></div>'
        "</fieldset></form>"
    )


def run_by(ctx: Context, service: schema.Service) -> str:
    runners = []
    if service.run_by:
        runners.append(ctx.item_link(service.run_by))
    if service.provider:
        runners.append(inline(service.provider))
    return join_sentence(runners)
