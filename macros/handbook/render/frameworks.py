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
    areas = model_areas()
    gaps = index.gaps()
    total = len(index.statements)
    parts = [
        f"{total - len(gaps)} of {total} framework statements are evidenced by at least one item in "
        "this handbook. Each number below counts the items in an area that evidence the statement; "
        "follow the statement to see them.",
    ]
    for framework in ctx.handbook.frameworks:
        header = "| Statement | " + " | ".join(a.short for a in areas) + " | Total |"
        rule = "| --- | " + " | ".join("---" for _ in areas) + " | --- |"  # numbers aligned by CSS
        rows = [header, rule]
        for statement in framework.statements:
            record = index.statements[statement.id]
            items = index.evidenced_by(statement.id)
            counts = [sum(1 for item in items if item.area.id == area.id) for area in areas]
            cells = [str(count) if count else '<span class="hb-zero">0</span>' for count in counts]
            rows.append(f"| {ctx.statement_link(record)} | " + " | ".join(cells) + f" | {len(items)} |")
        table = "\n".join(rows)
        parts += [heading(2, framework.name, f"coverage-{framework.id}"),
                  f'<div class="hb-coverage" markdown>\n\n{table}\n\n</div>']
    parts.append(heading(2, "Gaps", "gaps"))
    if gaps:
        parts.append("These statements are not yet evidenced by anything in the handbook:\n\n" + "\n".join(
            f"- {ctx.statement_link(record)} ({inline(record.framework.short_name)})" for record in gaps))
    else:
        parts.append("None: every statement is evidenced by at least one item.")
    return blocks(*parts)
