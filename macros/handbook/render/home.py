"""The home page: what this is, who it is for, how to find your way, and the model at a glance."""

from __future__ import annotations

from .. import schema
from ..areas import AREAS, AREAS_BY_ID, COVERAGE_PAGE, FRAMEWORKS_PAGE_FOLDER
from ..errors import plural
from ..reading import START_HERE
from .blocks import blocks, facts, heading
from .context import Context
from .text import bullet_list, inline, join_sentence, lead_in


def render_home(ctx: Context) -> str:
    handbook = ctx.handbook
    authority = handbook.authority
    parts = [f"# {inline(authority.name)}: {inline(authority.handbook_title)}", ctx.prose(authority.summary),
             start_here_link(ctx)]
    if authority.fictional or authority.draft:
        title = "A fictional authority" if authority.fictional else "A draft handbook"
        parts.append(f'!!! info "{title}"\n\n    ' + inline(banner_notice(authority)))
    parts.append(heading(2, "Who this handbook is for", "who-it-is-for"))
    parts.append(bullet_list([lead_in(f"**{inline(a.who)}.**", ctx.prose(a.use)) for a in authority.audience]))
    parts.append(heading(2, "Finding your way", "finding-your-way"))
    ways = [f"[{inline(area.title)}]({ctx.href(area.page)}): {inline(area.description)}"
            for area in AREAS if area.page and area.description and area.id != START_HERE]
    ways.append(f"[National frameworks]({ctx.href(FRAMEWORKS_PAGE_FOLDER + '/index.md')}): the Knowledge "
                "and Skills Statements and Ofsted's expectations, each linked to where we meet it.")
    ways.append(f"[Coverage]({ctx.href(COVERAGE_PAGE)}): every framework statement against the areas "
                "of this handbook, with any gaps.")
    parts.append(bullet_list(ways))
    if authority.how_to_use:
        parts.append(bullet_list([ctx.prose(tip) for tip in authority.how_to_use]))
    parts.append(heading(2, "The model at a glance", "at-a-glance"))
    parts.append(model_at_a_glance(ctx))
    if authority.feedback:
        parts += [heading(2, "When practice and handbook differ", "feedback"), ctx.prose(authority.feedback)]
    return blocks(*parts)


def start_here_link(ctx: Context) -> str:
    """The first link of the page: the reading paths, with the roles they are for."""
    area = AREAS_BY_ID[START_HERE]
    paths = ctx.handbook.area(schema.StartHereFile).paths
    roles = join_sentence([inline(_in_a_sentence(path.name)) for path in paths])
    return (f'<div class="hb-start-here" markdown="1">\n\n**New here?** Start with a reading path for your '
            f"role: {roles}.\n\n[Start here]({ctx.href(area.own_page)}){{ .md-button .md-button--primary }}"
            "\n\n</div>")


def _in_a_sentence(role: str) -> str:
    """`New social worker` -> `new social worker`; `ASYE and early career` stays as it is."""
    return role[:1].lower() + role[1:] if role[1:2].islower() else role


def banner_label(authority: schema.AuthorityFile) -> str:
    """The word that starts the banner on every page ("" when there is no banner)."""
    return "Fictional sample." if authority.fictional else "Draft." if authority.draft else ""


def banner_notice(authority: schema.AuthorityFile) -> str:
    if authority.notice:
        return authority.notice
    if authority.fictional:
        return (f"{authority.name} is a fictional authority. No real council, child, family or member of "
                "staff appears in this handbook.")
    if authority.draft:
        return (f"This handbook is still being written: some pages show prompts or example content "
                f"that does not yet describe practice at {authority.name}.")
    return ""


def model_at_a_glance(ctx: Context) -> str:
    vision: schema.VisionFile = ctx.handbook.area(schema.VisionFile)
    model: schema.PracticeModelFile = ctx.handbook.area(schema.PracticeModelFile)
    teams: schema.TeamsFile = ctx.handbook.area(schema.TeamsFile)
    journey: schema.JourneyFile = ctx.handbook.area(schema.JourneyFile)
    thresholds: schema.ThresholdsFile = ctx.handbook.area(schema.ThresholdsFile)
    services: schema.ServicesFile = ctx.handbook.area(schema.ServicesFile)
    standards: schema.StandardsFile = ctx.handbook.area(schema.StandardsFile)
    quality: schema.QualityFile = ctx.handbook.area(schema.QualityFile)
    statements = len(ctx.index.statements)
    evidenced = statements - len(ctx.index.gaps())
    rows = [
        ("Our vision", lead_in(f"{ctx.item_link(vision.vision.id)}:", ctx.prose(vision.vision.summary))),
        ("Our values", join_sentence([ctx.item_link(v.id) for v in vision.values])),
        ("Our practice model", f"{ctx.item_link(model.model.id)}, built on "
         + join_sentence([ctx.item_link(p.id) for p in model.principles])),
        ("How we are organised", f"{plural(len(teams.teams), 'team')} in "
         f"{plural(len(teams.service_areas), 'service area')}"),
        ("The child's journey", f"{plural(len(journey.stages), 'stage')}, from "
         f"{ctx.item_link(journey.stages[0].id)} to {ctx.item_link(journey.stages[-1].id)}"),
        ("Levels of need", join_sentence([ctx.item_link(level.id) for level in thresholds.levels])),
        ("Services", plural(len(services.services), "service")),
        ("Practice standards", plural(len(standards.standards), "standard")),
        ("Measures", plural(len(quality.measures), "performance measure")),
        ("National frameworks", f"{evidenced} of {statements} statements evidenced"),
    ]
    return facts(rows)
