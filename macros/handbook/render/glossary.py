"""The glossary of abbreviations and terms."""

from __future__ import annotations

from .. import schema
from .blocks import (
    blocks,
)
from .context import Context
from .text import inline


def render(ctx: Context) -> str:
    data: schema.GlossaryFile = ctx.handbook.area(schema.GlossaryFile)
    entries = []
    for term in sorted(data.terms, key=lambda t: t.abbr.casefold()):
        definition = f"{inline(term.term)}"
        if term.definition:
            definition += f". {ctx.prose(term.definition)}"
        entries.append(f"**{inline(term.abbr)}**\n:   {definition}")
    return blocks(ctx.prose(data.intro), "\n\n".join(entries))
