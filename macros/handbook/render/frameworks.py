"""Framework pages (each statement with the handbook items that evidence it), and coverage."""

from __future__ import annotations

from ..areas import COVERAGE_PAGE, framework_page, model_areas
from ..schema import FrameworkFile
from .blocks import blocks, heading
from .context import Context
from .text import inline


def _framework(ctx: Context, framework_id: str) -> FrameworkFile:
    return next(f for f in ctx.handbook.frameworks if f.id == framework_id)


def render_framework(ctx: Context, framework_id: str) -> str:
    framework = _framework(ctx, framework_id)
    index = ctx.index
    evidenced = sum(1 for s in framework.statements if index.evidenced_by(s.id))
    licence = (f"[{inline(framework.licence)}]({framework.licence_url})" if framework.licence_url
               else inline(framework.licence))
    about = [
        f"- **Published by:** {inline(framework.publisher)}, {framework.year}"
        + (f" ({inline(framework.version)})" if framework.version else ""),
        f"- **Source:** [{inline(framework.name)}]({framework.source_url})",
        f"- **Licence:** {licence}" + (f". {inline(framework.attribution)}" if framework.attribution else ""),
        f"- **In this handbook:** {evidenced} of {len(framework.statements)} statements are evidenced "
        f"([coverage]({ctx.href(COVERAGE_PAGE)}))",
    ]
    parts = [ctx.prose(framework.summary), "\n".join(about),
             "The summaries below are our own words, to help you find your way. "
             "Follow the link to the source for the full text."]
    for statement in framework.statements:
        record = index.statements[statement.id]
        items = index.evidenced_by(statement.id)
        source = statement.url or framework.source_url
        parts.append(heading(2, f"{statement.id} {statement.title}", record.anchor))
        parts.append(ctx.prose(statement.summary))
        parts.append(f"[Read {inline(statement.id)} in full at the source]({source}){{ .hb-source }}")
        if items:
            lines = [f"- {ctx.record_link(item)} ({item.kind_label}, {ctx.handbook_area_link(item)})"
                     for item in items]
            parts.append(f"**Where our handbook meets {inline(statement.id)}** ({len(items)})\n\n"
                         + "\n".join(lines))
        else:
            parts.append('!!! warning "Not yet evidenced"\n\n'
                         "    Nothing in this handbook says it meets this statement yet. "
                         f"It is listed as a gap on the [coverage page]({ctx.href(COVERAGE_PAGE)}).")
    return blocks(*parts)


def render_frameworks_index(ctx: Context) -> str:
    rows = ["| Framework | Published by | Statements | Evidenced |", "| --- | --- | --- | --- |"]
    for framework in ctx.handbook.frameworks:
        evidenced = sum(1 for s in framework.statements if ctx.index.evidenced_by(s.id))
        rows.append(f"| [{inline(framework.name)}]({ctx.href(framework_page(framework.id))}) "
                    f"| {inline(framework.publisher)}, {framework.year} | {len(framework.statements)} "
                    f"| {evidenced} |")
    return blocks(
        "Each item in this handbook says which national expectations it meets. These pages turn "
        "that round: for every statement, they list the parts of our model that meet it.",
        "\n".join(rows),
        f"The [coverage page]({ctx.href(COVERAGE_PAGE)}) shows all of them against the areas of the handbook.",
    )


def render_coverage(ctx: Context) -> str:
    index = ctx.index
    gaps = index.gaps()
    total = len(index.statements)
    parts = [
        f"{total - len(gaps)} of {total} framework statements are evidenced by at least one item in "
        "this handbook. Each number below counts the items in an area that evidence the statement, "
        "and the total comes first; a statement nothing evidences yet is marked **Gap**. "
        "Follow a statement to see its items.",
    ]
    for framework in ctx.handbook.frameworks:
        parts += [heading(2, framework.name, f"coverage-{framework.id}"), coverage_table(ctx, framework)]
    parts.append(heading(2, "Gaps", "gaps"))
    if gaps:
        parts.append("These statements are not yet evidenced by anything in the handbook:\n\n" + "\n".join(
            f"- {ctx.statement_link(record)} ({inline(record.framework.short_name)})" for record in gaps))
    else:
        parts.append("None: every statement is evidenced by at least one item.")
    return blocks(*parts)


def coverage_table(ctx: Context, framework: FrameworkFile) -> str:
    """One framework's statements against the areas of the handbook, the total beside each statement.

    HTML rather than a Markdown table, for the row headers, the classes the layout needs
    (tables.css: the statement column stays in view, the area names stand upright) and the
    gap rows; the statement links are still Markdown, so they are still checked.
    """
    areas = model_areas()
    caption_id = f"coverage-{framework.id}-caption"
    head = ('<thead><tr><th scope="col">Statement</th><th scope="col" class="hb-total">Total</th>'
            + "".join(f'<th scope="col" class="hb-area"><span>{inline(area.short)}</span></th>' for area in areas)
            + "</tr></thead>")
    rows = []
    for statement in framework.statements:
        record = ctx.index.statements[statement.id]
        items = ctx.index.evidenced_by(statement.id)
        counts = [sum(1 for item in items if item.area.id == area.id) for area in areas]
        cells = "".join(f"<td>{count}</td>" if count else '<td class="hb-zero">0</td>' for count in counts)
        total = f"{len(items)}" if items else '0 <strong class="hb-gap-mark">Gap</strong>'
        row_class = ' class="hb-gap"' if not items else ""
        rows.append(f'<tr{row_class} markdown="1"><th scope="row" markdown="span">{ctx.statement_link(record)}</th>'
                    f'<td class="hb-total">{total}</td>{cells}</tr>')
    return (
        '<div class="hb-coverage" markdown="1">\n'
        f'<p class="hb-table-caption" id="{caption_id}">{inline(framework.short_name)}: the items that '
        "evidence each statement, by area of the handbook</p>\n"
        f'<div class="hb-scroll" role="region" tabindex="0" aria-labelledby="{caption_id}" markdown="1">\n'
        f'<table class="hb-coverage-table" aria-labelledby="{caption_id}" markdown="1">\n{head}\n'
        '<tbody markdown="1">\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n</div>"
    )
