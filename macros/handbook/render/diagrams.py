"""The journey flowchart and the organisation chart, built from the same data as the text.

Each box links to its item's details, which are always on the same page as the chart (its area's
page, or the whole-handbook page), so the links are plain `#id` anchors: the SVG is raw HTML that
MkDocs passes through untouched.

Both are laid out to fit the content column at their natural size (graph.MAX_WIDTH), so their
text is never shrunk to fit: a larger authority gets a taller diagram, not a wider one.
"""

from __future__ import annotations

from collections import defaultdict

from .. import schema
from .context import Context
from .graph import (
    SMALL_FONT_SIZE,
    ColumnLayout,
    Decision,
    Group,
    Node,
    OutlineLayout,
    Route,
    Stage,
    TreeNode,
    column_layout,
    outline_layout,
    to_svg,
    walk,
)
from .graph_nodes import FONT_SIZE
from .text import join_sentence

STAGE_SHAPES: dict[str, str] = {
    "entry": "stadium",
    "exit": "stadium",
    "assessment": "rect",
    "meeting": "hexagon",
    "review": "hexagon",
    "plan": "rounded",
    "legal": "parallelogram",
}

STAGE_KIND_WORDS: dict[str, str] = {
    "entry": "way in", "exit": "way out", "assessment": "assessment", "meeting": "meeting", "review": "review",
    "plan": "plan", "legal": "legal stage",
}

STEP_CSS = {"up": "hb-edge--up", "down": "hb-edge--down"}

JOURNEY_SHAPES = [
    ("a pill", "a way in or a way out"),
    ("a rectangle", "an assessment"),
    ("a hexagon", "a meeting, conference or review"),
    ("a box with a double outline", "a plan and the support that goes with it"),
    ("a slanted box", "a legal stage"),
]

JOURNEY_LINES = [
    "A shaded box marked ◆ under a stage is a **decision** made there. The lines leaving it go to the "
    "stages it can lead to: **straight down** to the next stage, **on the right** on to a later stage, "
    "**on the left** back to an earlier one.",
    "An **arrowhead** shows where a line arrives. Where routes to the same stage meet, they join at a "
    "**dot** and go on as one line; lines that cross without a dot are not connected.",
    "A **thick line** steps up to a higher level of need; a **dashed line** steps down to a lower one.",
]


def decision_id(stage_id: str, number: int) -> str:
    return f"{stage_id}--decision-{number}"



def journey_layout(data: schema.JourneyFile) -> tuple[list[Node], ColumnLayout]:
    """The journey's boxes in reading order (each stage, then its decisions), laid out as one
    column of stages from top to bottom (see graph_column.py): each stage drawn once, in bands
    for its phases, with its decisions under it and lines to where they lead."""
    names = {stage.id: stage.name for stage in data.stages}
    groups: list[Group] = []
    nodes: list[Node] = []
    for phase, stages in data.by_phase():
        label = None if phase is None else Node(f"phase--{phase.id}", phase.name, "label", bold=True, align="start",
                                                href=f"#{phase.id}",
                                                description=f"{phase.name}: the stages of this phase in words")
        column: list[Stage] = []
        for stage in stages:
            box = Node(stage.id, stage.name, STAGE_SHAPES[stage.type], css=f"hb-node--{stage.type}",
                       href=f"#{stage.id}",
                       description=f"{stage.name} ({STAGE_KIND_WORDS[stage.type]}): go to the details")
            nodes.append(box)
            decisions = []
            for number, decision in enumerate(stage.decisions, start=1):
                leads = join_sentence(list(dict.fromkeys(names[o.to] for o in decision.outcomes)))
                node = Node(decision_id(stage.id, number), decision.question, "decision", css="hb-node--decision",
                            scale=SMALL_FONT_SIZE / FONT_SIZE, align="start",
                            description=f"Decision at {stage.name}: {decision.question} Made by the "
                            f"{decision.made_by}. Leads to {leads}.")
                nodes.append(node)
                decisions.append(Decision(node, [Route(o.to, STEP_CSS.get(o.step or "", "")) for o in
                                                 decision.outcomes]))
            column.append(Stage(box, decisions))
        groups.append(Group(label, column))
    return nodes, column_layout(groups)


def journey_diagram(ctx: Context) -> str:
    """The journey flowchart, with a text alternative naming every stage by phase."""
    data: schema.JourneyFile = ctx.handbook.area(schema.JourneyFile)
    nodes, layout = journey_layout(data)
    phases = data.by_phase()
    order = [stage for _, stages in phases for stage in stages]
    decision_count = sum(len(s.decisions) for s in data.stages)
    if data.phases:
        listed = "; ".join(f"{phase.name}: {join_sentence([s.name for s in stages])}"
                           for phase, stages in phases if phase is not None)
        in_order = f", in {len(data.phases)} phases ({listed})"
    else:
        in_order = f" ({join_sentence([s.name for s in order])})"
    description = (
        f"A flowchart of the {len(data.stages)} stages of a child's journey{in_order}, and the {decision_count} "
        f"decisions between them, from {order[0].name} to {order[-1].name}. The stages run from top to "
        "bottom in that order, each with the decisions made there under it; from a decision, a line goes "
        "straight down to the next stage, on the right to a later stage or on the left back to an earlier "
        "one. Each stage links to its details. The same journey is set out in words in the list that follows."
    )
    svg = to_svg("journey-diagram", "The child's journey as a flowchart", description, nodes, layout.edges,
                 layout.width, layout.height, layout.bands)
    return f'<div class="hb-diagram-scroll">\n{svg}\n</div>'


def journey_legend() -> str:
    """The key, in Markdown, for the page to put before the diagram."""
    shapes = "; ".join(f"{shape} is {meaning}" for shape, meaning in JOURNEY_SHAPES)
    lines = "\n".join(f"- {line}" for line in JOURNEY_LINES)
    return (
        "**How to read the diagram:** the stages run from top to bottom in the usual order of a child's "
        "journey, grouped in shaded bands by phase where the journey has phases. Each stage is drawn once, "
        "and each box links to the stage's details.\n\n"
        f"- The shape of a box says what kind of stage it is: {shapes}.\n{lines}"
    )


def teams_by_service_area(data: schema.TeamsFile) -> defaultdict[str, list[schema.Team]]:
    """Each service area's teams, in data order (grouped once, not searched for per area)."""
    teams_in: defaultdict[str, list[schema.Team]] = defaultdict(list)
    for team in data.teams:
        teams_in[team.service_area].append(team)
    return teams_in


def organisation_layout(data: schema.TeamsFile) -> tuple[list[Node], OutlineLayout]:
    """The chart's boxes in reading order (each post, the posts under it, then its service areas
    and their teams), laid out as an outline with rows of service-area cards (graph_layout.py)."""
    posts = {post.id: TreeNode(Node(post.id, post.role, "rect", css="hb-node--post", bold=True,
                                    description=post.role)) for post in data.leadership}
    roots: list[TreeNode] = []
    for post in data.leadership:
        if post.reports_to:
            posts[post.reports_to].children.append(posts[post.id])
        else:
            roots.append(posts[post.id])
    teams_in = teams_by_service_area(data)
    for area in data.service_areas:
        posts[area.reports_to].children.append(TreeNode(
            Node(area.id, area.name, "rounded", css="hb-node--service-area", href=f"#{area.id}",
                 description=f"{area.name}, led by the {area.led_by}: go to the service area"),
            [TreeNode(Node(team.id, team.name, "rect", css="hb-node--team", href=f"#{team.id}",
                           description=f"{team.name}: go to the team")) for team in teams_in[area.id]],
            card=True,
        ))
    layout = outline_layout(roots)
    return [tree.node for tree in walk(roots)], layout


def organisation_chart(ctx: Context) -> str:
    """Leadership as an outline from the top post down; under each post the service areas that
    report to it, as cards with their teams, in rows as wide as the column."""
    data: schema.TeamsFile = ctx.handbook.area(schema.TeamsFile)
    nodes, layout = organisation_layout(data)
    teams_in = teams_by_service_area(data)
    top = next((post.role for post in data.leadership if not post.reports_to), "top")
    areas = join_sentence([f"{area.name} ({_count(len(teams_in[area.id]), 'team')})" for area in data.service_areas])
    description = (
        f"An organisation chart: {_count(len(data.leadership), 'leadership post')}, each under the post it "
        f"reports to, from the {top} down; then "
        f"{_count(len(data.service_areas), 'service area')}, each under the post it reports to and with its "
        f"teams under it: {areas}. Each service area and team links to its details below."
    )
    svg = to_svg("organisation-chart-diagram", "How our teams are organised", description, nodes, layout.edges,
                 layout.width, layout.height)
    return f'<div class="hb-diagram-scroll">\n{svg}\n</div>'


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
