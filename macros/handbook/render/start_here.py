"""Start here: a reading path per role, each an ordered list of what to read, why and when.

Every step is a link in a plain list, which is the whole page without JavaScript. The page's
script adds a "read" tick box to each step, a count per path and a button to clear them; the
ticks are kept in the reader's browser (localStorage) and never leave it.
"""

from __future__ import annotations

import re
from html import escape

from .. import schema
from ..areas import AREAS_BY_ID
from ..reading import START_HERE, reading_pages, reading_target
from .blocks import blocks, heading, reflective_questions
from .context import Context
from .text import inline, join_sentence

READING_SCRIPT = "reading-paths"
# What the script needs to find (tests/test_start_here.py reads the same names).
STEPS_CLASS, STEP_CLASS, NOTE_CLASS = "hb-reading-steps", "hb-reading-step", "hb-reading-note"


def render(ctx: Context) -> str:
    data: schema.StartHereFile = ctx.handbook.area(schema.StartHereFile)
    if not ctx.for_print:
        ctx.scripts.add(READING_SCRIPT)
    page = AREAS_BY_ID[START_HERE].own_page
    roles = join_sentence([f"[{inline(path.name)}]({ctx.href(page, path.id)})" for path in data.paths])
    parts = [
        ctx.prose(data.intro),
        f"**Choose your role:** {roles}.",
        ctx.interactive(
            f'<p class="{NOTE_CLASS}" hidden>Tick each step when you have read it. Your ticks are kept in '
            "this browser, on this device, and nothing about them is sent anywhere. Clearing your "
            "browser's data for this site clears them too.</p>"),
    ]
    scope = storage_scope(ctx.handbook.authority)
    for path in data.paths:
        parts.append(blocks(heading(2, path.name, path.id), ctx.prose(path.summary), steps_list(ctx, path, scope)))
    parts.append(reflective_questions(ctx, data.reflective_questions))
    return blocks(*parts)


def storage_scope(authority: schema.AuthorityFile) -> str:
    """A name for this handbook's ticks, so two handbooks served from one site keep theirs apart."""
    return re.sub(r"[^a-z0-9]+", "-", authority.short_name.lower()).strip("-") or "handbook"


def steps_list(ctx: Context, path: schema.ReadingPath, scope: str) -> str:
    pages = reading_pages(ctx.index)
    items = []
    for step in path.steps:
        target = reading_target(ctx.index, step.read, pages)
        if target is None:  # handbook check refuses such a step: only a handbook built by hand gets here
            raise ValueError(f"the reading path {path.id} reads {step.read!r}, which is not in the handbook")
        link = f"[{inline(target.name)}]({ctx.href(target.page, target.anchor)})"
        when = f' <span class="hb-step-when">{inline(step.when)}</span>' if step.when else ""
        items.append(f'<li class="{STEP_CLASS}" data-step="{escape(step.read)}" markdown="block">\n'
                     f"**{link}**{when}\n\n{inline(step.why)}\n</li>")
    name = escape(" ".join(path.name.split()))
    return (f'<ol class="{STEPS_CLASS}" data-path="{escape(path.id)}" data-name="{name}" data-scope="{escape(scope)}" '
            'markdown="1">\n' + "\n".join(items) + "\n</ol>")
