"""What's changed: every recorded amendment, newest first, with the feed to follow them."""

from __future__ import annotations

from .. import schema
from ..areas import AREAS_BY_ID
from .blocks import blocks, heading
from .context import Context
from .review import FEED
from .text import day, inline


def render(ctx: Context) -> str:
    data: schema.AmendmentsFile = ctx.handbook.area(schema.AmendmentsFile)
    if not data.amendments:
        return "No changes have been recorded yet."
    parts = [f"Every recorded change to the handbook, newest first. Follow them in Outlook or any feed "
             f"reader with the [feed of changes]({ctx.href(FEED)}) (Atom)."]
    for amendment in sorted(data.amendments, key=lambda a: a.date, reverse=True):
        areas = ", ".join(f"[{inline(AREAS_BY_ID[a].title)}]({ctx.href(AREAS_BY_ID[a].page or '')})"
                          for a in amendment.areas)
        parts.append(blocks(
            heading(3, f"{day(amendment.date)}: {amendment.summary}", None),
            ctx.prose(amendment.why) if amendment.why else "",
            f"Approved by the {inline(amendment.approved_by)}. Changed: {areas}.",
        ))
    return blocks(*parts)
