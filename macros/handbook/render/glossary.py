"""The glossary of abbreviations and terms: each term a section of its own (its own entry in the
search), leading to the stage, team or service it is about when the data says."""

from __future__ import annotations

import re

from .. import schema
from ..book import Handbook
from .blocks import blocks, heading
from .context import Context
from .text import in_language, inline, lead_in


def terms_about(handbook: Handbook) -> dict[str, list[schema.Term]]:
    """Each item's glossary terms: those that say they are about it (`see:`)."""
    found: dict[str, list[schema.Term]] = {}
    for term in handbook.area(schema.GlossaryFile).terms:
        if term.see:
            found.setdefault(term.see, []).append(term)
    return found


def search_words(handbook: Handbook, item_id: str) -> list[str]:
    """The abbreviations a reader may search for an item by ("S20"), which the search weighs as
    tags, far above titles. Not the words they stand for: the search adds a wildcard to every word
    typed, so a tag "Independent" would put its page first for any search with the word "in"
    ("children in care"); the words are in the page's title and text already."""
    return [term.abbr for term in handbook.derive(terms_about).get(item_id, [])]


def titled_with_abbreviations(handbook: Handbook, item_id: str, name: str) -> str:
    """An item's name with the abbreviations it goes by that the name does not already show:
    "Section 47 enquiry (S47)", so a search for S47 finds the stage by its title."""
    abbreviations = [term.abbr for term in handbook.derive(terms_about).get(item_id, [])]
    missing = [abbr for abbr in abbreviations
               if not re.search(rf"(?<![\w]){re.escape(abbr)}(?![\w])", name, re.IGNORECASE)]
    return f"{name} ({', '.join(missing)})" if missing else name


def render(ctx: Context) -> str:
    data: schema.GlossaryFile = ctx.handbook.area(schema.GlossaryFile)
    entries = []
    for term in sorted(data.terms, key=lambda t: t.abbr.casefold()):
        body = in_language(inline(term.term), term.lang) + "."
        if term.definition:
            body = lead_in(body, ctx.prose(term.definition))
        entries.append(heading(2, f"{term.abbr}: {term.term}", schema.term_anchor(term.abbr), lang=term.lang))
        entries.append(body)
        if term.see:
            record = ctx.index.items[term.see]
            entries.append(f"More: {ctx.item_link(term.see)} ({inline(record.kind_label)}).")
    return blocks(ctx.prose(data.intro), *entries)
