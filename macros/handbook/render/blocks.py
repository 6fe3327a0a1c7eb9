"""Building blocks the area renderers share: headings, facts, lists, evidence lines."""

from __future__ import annotations

from .. import schema
from ..areas import REFLECTION_SECTION
from ..index import ItemRecord
from .context import Context
from .text import bullet_list, indent, inline, join_blocks, join_sentence, lead_in


def heading(level: int, text: str, anchor: str | None = None, lang: str | None = None) -> str:
    """A heading; `lang` when its words are in another language than the page's (see in_language)."""
    attributes = " ".join(([f"#{anchor}"] if anchor else []) + ([f"lang={lang}"] if lang else []))
    return f"{'#' * level} {inline(text)}" + (f" {{ {attributes} }}" if attributes else "")


def evidence(ctx: Context, obj: object) -> str:
    """The line under an item: badges for the statements it meets, and a link to its source."""
    parts = [part for part in (ctx.badges(list(getattr(obj, "evidences", []))), ctx.review_line(obj),
                               ctx.source_link(obj)) if part]
    return " · ".join(parts) + "\n{: .hb-evidence }" if parts else ""


def facts(entries: list[tuple[str, str]]) -> str:
    """Short labelled facts about an item, as a list (read in order by screen readers)."""
    return bullet_list([lead_in(f"**{label}:**", value) for label, value in entries if value])


def labelled_list(label: str, entries: list[str]) -> str:
    """A bold label (plain text, escaped here) above a list of already-rendered entries."""
    if not entries:
        return ""
    return f"**{inline(label)}**\n\n{bullet_list(entries)}"


def reflective_questions(ctx: Context, questions: list[str]) -> str:
    if not questions:
        return ""
    body = bullet_list([ctx.prose(q) for q in questions])
    # A section of its own (in the table of contents), so the questions do not read as part of
    # the last item before them.
    return blocks(heading(2, "Questions for reflection", REFLECTION_SECTION),
                  f'!!! question "For you, and for supervision"\n\n{indent(body)}').rstrip("\n")


def blocks(*parts: str) -> str:
    """Blocks of Markdown, each kept apart from the next (see text.join_blocks)."""
    return join_blocks(parts) + "\n"


def links_to(ctx: Context, records: list[ItemRecord]) -> str:
    return join_sentence([ctx.record_link(r) for r in records])


def item_section(ctx: Context, level: int, obj: schema.Item, *body: str) -> str:
    return blocks(heading(level, obj.name, obj.id), ctx.prose(obj.summary), *body, evidence(ctx, obj))


MOVED_SCRIPT = "moved"  # docs/javascripts/moved.js


def moved_item_link(ctx: Context, item_id: str) -> str:
    """A link to an item's own page that keeps the item's anchor on this page, where the item
    used to be (`journey/#contact`): the link carries the id, and moved.js sends a reader who
    arrives at it on to the item's page (without scripts, the reader lands on the link)."""
    link = ctx.item_link(item_id)
    if ctx.for_print:  # the whole-handbook page has the item itself under that anchor
        return link
    ctx.scripts.add(MOVED_SCRIPT)
    return link + ctx.interactive(f"{{ #{item_id} .hb-moved }}")


DIAGRAM_SCRIPT = "diagram-details"  # docs/javascripts/diagram-details.js


def folding_diagram(ctx: Context, summary: str, *parts: str) -> str:
    """A diagram (and its key) a reader can fold away: open on a laptop and in print, folded on
    a phone by a script, so the same journey in words, which follows, comes first there."""
    if not ctx.for_print:
        ctx.scripts.add(DIAGRAM_SCRIPT)
    body = join_blocks(parts)
    return (f'<details class="hb-diagram-details" open markdown="1">\n<summary>{inline(summary)}</summary>\n\n'
            f"{body}\n\n</details>")
