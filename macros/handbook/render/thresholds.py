"""The thresholds page (OM7): the continuum of need side by side, then each level in detail."""

from __future__ import annotations

from html import escape

from .. import schema
from .areas import blocks, evidence, facts, heading, labelled_list, links_to, reflective_questions
from .colour import text_colour_on
from .context import Context
from .text import bullet_list, inline


def level_style(level: schema.Level) -> str:
    # The colour is checked against #rrggbb by the schema, so it is safe in a style attribute.
    return f"background-color: {level.colour}; color: {text_colour_on(level.colour)}"


def level_badge(number: int, level: schema.Level) -> str:
    return f'<span class="hb-level-chip" style="{level_style(level)}">Level {number}</span>'


def render_thresholds(ctx: Context) -> str:
    data: schema.ThresholdsFile = ctx.handbook.area("thresholds")
    domains = {domain.id: domain for domain in data.domains}
    parts = [ctx.prose(data.intro), heading(2, "The continuum of need", "continuum"),
             "The levels side by side. Read across a row to see how the same area of a child's life "
             "looks at each level; each level's own section below has the detail.",
             continuum_table(ctx, data), heading(2, "The levels in detail", "levels")]
    for number, level in enumerate(data.levels, start=1):
        indicators = [labelled_list(domains[domain_id].name, [ctx.prose(e) for e in entries])
                      for domain_id, entries in level.indicators.items()]
        services = ctx.index.referring(level.id, "service")
        stages = ctx.index.referring(level.id, "stage")
        parts.append(blocks(
            heading(3, f"Level {number}: {level.name}", level.id),
            f"{level_badge(number, level)} {ctx.prose(level.summary)}",
            *indicators,
            f"**Response:** {ctx.prose(level.response)}",
            facts([("Services at this level", links_to(ctx, services)),
                   ("Journey stages", links_to(ctx, stages))]),
            evidence(ctx, level),
        ))
    parts += [
        heading(2, "How to refer", "how-to-refer"), ctx.prose(data.how_to_refer),
        heading(2, "Out of hours", "out-of-hours"), ctx.prose(data.out_of_hours),
        heading(2, "Consent and information sharing", "consent"), ctx.prose(data.consent),
        heading(2, "Stepping up", "step-up"), ctx.prose(data.step_up),
        heading(2, "Stepping down", "step-down"), ctx.prose(data.step_down),
        reflective_questions(ctx, data.reflective_questions),
    ]
    return blocks(*parts)


def continuum_table(ctx: Context, data: schema.ThresholdsFile) -> str:
    """A table with a column per level and a row per kind of information.

    Written as HTML so the level headers can carry their colours; every cell has the
    `markdown` attribute so its lists and links are still Markdown (and still link-checked).
    """
    header = "".join(
        f'<th scope="col" style="{level_style(level)}">Level {number}<br>{escape(level.name)}</th>'
        for number, level in enumerate(data.levels, start=1)
    )
    rows: list[tuple[str, list[str]]] = [("What it means", [ctx.prose(level.summary) for level in data.levels])]
    for domain in data.domains:
        rows.append((domain.name, [bullet_list([ctx.prose(e) for e in level.indicators.get(domain.id, [])])
                                   for level in data.levels]))
    rows.append(("Response", [ctx.prose(level.response) for level in data.levels]))
    rows.append(("Services", [bullet_list([ctx.record_link(s) for s in ctx.index.referring(level.id, "service")])
                              for level in data.levels]))
    body = []
    for label, cells in rows:
        tds = "".join(f'<td markdown="block">\n\n{cell}\n\n</td>' for cell in cells)
        body.append(f'<tr markdown="1"><th scope="row">{inline(label)}</th>{tds}</tr>')
    return (
        '<div class="hb-continuum" markdown="1">\n<table markdown="1">\n'
        f'<caption>The {len(data.levels)} levels of need, side by side</caption>\n'
        f'<thead><tr><th scope="col">Level</th>{header}</tr></thead>\n'
        '<tbody markdown="1">\n' + "\n".join(body) + "\n</tbody>\n</table>\n</div>"
    )
