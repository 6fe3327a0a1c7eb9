"""The journey flowchart and the organisation chart, built from the same data as the text.

Each box links to its item's details, which are always on the same page as the chart (its area's
page, or the whole-handbook page), so the links are plain `#id` anchors: the SVG is raw HTML that
MkDocs passes through untouched.
"""

from __future__ import annotations

from collections import defaultdict

from .. import schema
from .context import Context
from .graph import Edge, Node, TreeNode, layered_layout, ranks_of, to_svg, tree_layout
from .text import join_sentence

# A line that would cross more rows than this becomes an "On to ..." box under its decision.
LONGEST_LINE = 3

STAGE_SHAPES: dict[str, str] = {
    "entry": "stadium",
    "exit": "stadium",
    "assessment": "rect",
    "meeting": "hexagon",
    "plan": "rounded",
    "legal": "parallelogram",
}

STAGE_KIND_WORDS: dict[str, str] = {
    "entry": "way in", "exit": "way out", "assessment": "assessment", "meeting": "meeting",
    "plan": "plan", "legal": "legal stage",
}

JOURNEY_LEGEND = [
    ("a pill", "a way in or a way out"),
    ("a rectangle", "an assessment"),
    ("a hexagon", "a meeting or conference"),
    ("a box with a double outline", "a plan and the support that goes with it"),
    ("a slanted box", "a legal stage"),
    ("a diamond", "a decision, with lines to the stages it can lead to"),
    ("a dashed box saying “Back to …” or “On to …”", "a route to a stage drawn elsewhere in the chart"),
    ("a thick line", "stepping up to a higher level of need"),
    ("a dashed line", "stepping down to a lower level of need"),
]


def decision_id(stage_id: str, number: int) -> str:
    return f"{stage_id}--decision-{number}"


def journey_diagram(ctx: Context) -> str:
    """The journey as a top-to-bottom flowchart.

    Two conventions of hand-drawn flowcharts keep it readable: a way out reached from many
    decisions (closure, step down) is drawn once under each of them instead of as one box with
    lines from all over the page; and a route back to an earlier stage (a step up to the front
    door) ends in a small "back to" box rather than a line climbing the whole chart. Both link to
    the stage's details, so every stage is still in the picture and every box leads somewhere.
    """
    data: schema.JourneyFile = ctx.handbook.area(schema.JourneyFile)
    stages = {stage.id: stage for stage in data.stages}
    order = {stage.id: i for i, stage in enumerate(data.stages)}
    incoming: dict[str, int] = {stage.id: 0 for stage in data.stages}
    for stage in data.stages:
        for decision in stage.decisions:
            for outcome in decision.outcomes:
                incoming[outcome.to] += 1
    # An exit with decisions of its own (say, a re-referral) is drawn once, like any other stage.
    repeated_exits = {sid for sid, count in incoming.items()
                      if stages[sid].type == "exit" and count > 1 and not stages[sid].decisions}

    def stage_node(stage: schema.Stage, node_id: str) -> Node:
        return Node(node_id, stage.name, STAGE_SHAPES[stage.type], css=f"hb-node--{stage.type}", max_chars=20,
                    href=f"#{stage.id}",
                    description=f"{stage.name} ({STAGE_KIND_WORDS[stage.type]}): go to the details")

    nodes: list[Node] = []
    edges: list[Edge] = []
    for stage in data.stages:
        if stage.id not in repeated_exits:
            nodes.append(stage_node(stage, stage.id))
        for number, decision in enumerate(stage.decisions, start=1):
            node_id = decision_id(stage.id, number)
            outcomes = join_sentence([stages[o.to].name for o in decision.outcomes])
            nodes.append(Node(node_id, decision.question, "diamond", css="hb-node--decision", max_chars=22, scale=0.86,
                              description=f"Decision: {decision.question} Made by the {decision.made_by}. "
                              f"Leads to {outcomes}."))
            edges.append(Edge(stage.id, node_id))
            for outcome in decision.outcomes:
                css = {"up": "hb-edge--up", "down": "hb-edge--down"}.get(outcome.step or "", "")
                target = stages[outcome.to]
                if outcome.to in repeated_exits:
                    copy = stage_node(target, f"{node_id}--{target.id}")
                    nodes.append(copy)
                    edges.append(Edge(node_id, copy.id, css))
                elif order[outcome.to] <= order[stage.id]:
                    back = Node(f"{node_id}--back-to-{target.id}", f"Back to {target.name}", "stadium", max_chars=16,
                                css="hb-node--back", href=f"#{target.id}",
                                description=f"Back to {target.name}: go to the details")
                    nodes.append(back)
                    edges.append(Edge(node_id, back.id, css))
                else:
                    edges.append(Edge(node_id, outcome.to, css))
    # copies and connectors follow their decision in reading order, so they sit just below it
    nodes = _in_reading_order(nodes, data)
    nodes, edges = _shorten_long_lines(nodes, edges, stages)
    width, height = layered_layout(nodes, edges)
    decisions = sum(len(s.decisions) for s in data.stages)
    description = (
        f"A flowchart of the {len(data.stages)} stages of a child's journey and the {decisions} decisions "
        f"between them, from {data.stages[0].name} to {data.stages[-1].name}. Each stage links to its "
        "details. The same journey is set out in words in the list that follows."
    )
    svg = to_svg("journey-diagram", "The child's journey as a flowchart", description, nodes, edges, width, height)
    return f'<div class="hb-diagram-scroll">\n{svg}\n</div>'


def _shorten_long_lines(nodes: list[Node], edges: list[Edge],
                        stages: dict[str, schema.Stage]) -> tuple[list[Node], list[Edge]]:
    """Replace lines that would run down many rows with an "On to ..." box, as on paper."""
    rank = ranks_of(nodes, edges)
    kept: list[Edge] = []
    added: dict[str, list[Node]] = {}
    for edge in edges:
        if edge.target in stages and rank[edge.target] - rank[edge.source] > LONGEST_LINE:
            target = stages[edge.target]
            onward = Node(f"{edge.source}--on-to-{target.id}", f"On to {target.name}", "stadium", max_chars=16,
                          css="hb-node--back", href=f"#{target.id}",
                          description=f"On to {target.name}: go to the details")
            added.setdefault(edge.source, []).append(onward)
            kept.append(Edge(edge.source, onward.id, edge.css))
        else:
            kept.append(edge)
    result: list[Node] = []
    for node in nodes:
        result.append(node)
        result += added.get(node.id, [])
    return result, kept


def _in_reading_order(nodes: list[Node], data: schema.JourneyFile) -> list[Node]:
    """Stages in the data's order; each decision and the boxes it adds straight after its stage."""
    rank = {stage.id: i for i, stage in enumerate(data.stages)}

    def key(item: tuple[int, Node]) -> tuple[int, int]:
        position, node = item
        return rank[node.id.split("--", 1)[0]], position

    return [node for _, node in sorted(enumerate(nodes), key=key)]


def journey_legend() -> str:
    meanings = "; ".join(f"{shape} is {meaning}" for shape, meaning in JOURNEY_LEGEND)
    return f"**How to read the diagram:** {meanings}."


def teams_by_service_area(data: schema.TeamsFile) -> defaultdict[str, list[schema.Team]]:
    """Each service area's teams, in data order (grouped once, not searched for per area)."""
    teams_in: defaultdict[str, list[schema.Team]] = defaultdict(list)
    for team in data.teams:
        teams_in[team.service_area].append(team)
    return teams_in


def organisation_chart(ctx: Context) -> str:
    data: schema.TeamsFile = ctx.handbook.area(schema.TeamsFile)
    post_trees = {post.id: TreeNode(Node(post.id, post.role, "rect", css="hb-node--post",
                                         description=post.role)) for post in data.leadership}
    roots: list[TreeNode] = []
    for post in data.leadership:
        if post.reports_to:
            post_trees[post.reports_to].children.append(post_trees[post.id])
        else:
            roots.append(post_trees[post.id])
    teams_in = teams_by_service_area(data)
    for area in data.service_areas:
        teams = teams_in[area.id]
        area_tree = TreeNode(
            Node(area.id, area.name, "rounded", css="hb-node--service-area", href=f"#{area.id}",
                 description=f"{area.name}, led by the {area.led_by}: go to the service area"),
            [TreeNode(Node(team.id, team.name, "rect", css="hb-node--team", href=f"#{team.id}",
                           description=f"{team.name}: go to the team")) for team in teams],
        )
        post_trees[area.reports_to].children.append(area_tree)
    width, height, edges = tree_layout(roots)
    nodes = [tree.node for tree in _flatten(roots)]
    description = (
        f"An organisation chart: {len(data.leadership)} leadership posts, {len(data.service_areas)} "
        f"service areas and {len(data.teams)} teams, each team under the service area it belongs to. "
        "Each service area and team links to its details below."
    )
    svg = to_svg("organisation-chart-diagram", "How our teams are organised", description, nodes, edges, width, height,
                 curved=False)
    return f'<div class="hb-diagram-scroll">\n{svg}\n</div>'


def _flatten(trees: list[TreeNode]) -> list[TreeNode]:
    result = []
    for tree in trees:
        result.append(tree)
        result += _flatten(tree.children)
    return result
