"""The diagram layouts: each stage once, nothing overlaps, lines never run along each other,
everything fits the content column at full text size, however large the authority."""

from __future__ import annotations

import itertools
import random
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from typing import Any

import pytest

from conftest import SAMPLE_DATA
from handbook import schema
from handbook.render.context import Context
from handbook.render.diagrams import (
    journey_diagram,
    journey_layout,
    journey_legend,
    organisation_chart,
    organisation_layout,
)
from handbook.render.graph import (
    MAX_WIDTH,
    SMALL_FONT_SIZE,
    Decision,
    Edge,
    Group,
    Node,
    Route,
    Stage,
    TreeNode,
    column_layout,
    outline_layout,
    to_svg,
    wrap,
)
from handbook.render.graph_column import LANE_PITCH_MIN
from handbook.validate import load_handbook

SVG = "{http://www.w3.org/2000/svg}"
KINDS = ["entry", "assessment", "meeting", "plan", "legal", "exit"]
WORDS = ["Initial", "child", "protection", "conference", "review", "planning", "meeting", "with", "the",
         "family", "and", "independent", "reviewing", "officer", "for", "in", "care"]


# --- synthetic authorities, larger than the sample --------------------------------------------


def big_journey(stages: int = 30, phases: int = 6, seed: int = 1, every_route: bool = False) -> schema.JourneyFile:
    """A journey of `stages` stages in `phases` phases, with many skips ahead and loops back, listed
    in the data in an order other than the phases' (so the journey order must come from the phases)."""
    rng = random.Random(seed)
    ids = [f"stage-{i}" for i in range(stages)]
    per_phase = -(-stages // phases)
    listed = []
    for i, stage_id in enumerate(ids):
        outcomes: list[dict[str, Any]] = []
        if every_route:
            outcomes = [{"to": other, "when": "Always.", "step": rng.choice([None, "up", "down"])}
                        for other in ids if other != stage_id]
        elif i < stages - 1:
            targets = [ids[i + 1]]
            targets += rng.sample(ids[i + 2:], min(2, len(ids[i + 2:])))  # skips ahead
            targets += rng.sample(ids[:i + 1], min(2, i + 1))  # loops back (or to itself)
            outcomes = [{"to": t, "when": "When it is right.", "step": rng.choice([None, "up", "down"])}
                        for t in targets]
        decisions = []
        if outcomes:
            question = " ".join(rng.sample(WORDS, rng.randint(4, 14))).capitalize() + "?"
            decisions.append({"question": question, "made_by": "Team manager", "outcomes": outcomes})
            if i % 7 == 3:  # now and then a second decision at the same stage
                decisions.append({"question": "Is a second decision needed?", "made_by": "Team manager",
                                  "outcomes": [{"to": ids[(i + 4) % stages], "when": "Sometimes."}]})
        listed.append({
            "id": stage_id, "name": " ".join(rng.sample(WORDS, rng.randint(1, 7))).capitalize() + f" {i}",
            "type": KINDS[i % len(KINDS)], "phase": f"phase-{i // per_phase}", "team": "team-0",
            "summary": "A stage.", "must_happen": ["Something happens."], "decisions": decisions,
        })
    rng.shuffle(listed)
    return schema.JourneyFile.model_validate({
        "phases": [{"id": f"phase-{p}", "name": f"Phase {p}: " + " ".join(rng.sample(WORDS, rng.randint(1, 5)))}
                   for p in range(phases)],
        "stages": listed,
    })


def big_teams(areas: int = 7, teams: int = 30) -> schema.TeamsFile:
    posts = [{"id": "dcs", "role": "Director of Children's Services"},
             {"id": "ad-1", "role": "Assistant Director, Children's Social Care", "reports_to": "dcs"},
             {"id": "ad-2", "role": "Assistant Director, Early Help, Prevention and Partnerships", "reports_to": "dcs"},
             {"id": "psw", "role": "Principal Social Worker", "reports_to": "ad-1"},
             {"id": "deputy", "role": "Deputy Principal Social Worker for Quality", "reports_to": "psw"}]
    return schema.TeamsFile.model_validate({
        "leadership": posts,
        "service_areas": [{"id": f"area-{a}", "name": f"Service area {a} for children and families",
                           "led_by": "Head of Service", "reports_to": "ad-1" if a % 3 else "ad-2",
                           "summary": "An area."} for a in range(areas)],
        "teams": [{"id": f"team-{t}", "name": f"Children and Families Team {t} North and West",
                   "service_area": f"area-{t % areas}", "summary": "A team.", "serves": "Children.",
                   "roles": [{"role": "Social worker"}]} for t in range(teams)],
    })


def fake_context(**areas: object) -> Any:
    """What the diagrams read from a context: an area's data by its model."""
    by_model = {type(data): data for data in areas.values()}
    return SimpleNamespace(handbook=SimpleNamespace(area=by_model.__getitem__))


# --- geometry helpers ---------------------------------------------------------------------------


def overlapping(a: Node, b: Node) -> bool:
    return (abs(a.x - b.x) * 2 < a.width + b.width) and (abs(a.y - b.y) * 2 < a.height + b.height)


def segments(edge: Edge) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    return [pair for line in [edge.points, *edge.branches] for pair in itertools.pairwise(line)]


def collinear_overlap(a, b) -> bool:
    """Whether two axis-parallel segments run along each other for more than a point."""
    (ax0, ay0), (ax1, ay1) = a
    (bx0, by0), (bx1, by1) = b
    if ax0 == ax1 == bx0 == bx1:  # both vertical on one line
        return min(max(ay0, ay1), max(by0, by1)) - max(min(ay0, ay1), min(by0, by1)) > 0.5
    if ay0 == ay1 == by0 == by1:  # both horizontal on one line
        return min(max(ax0, ax1), max(bx0, bx1)) - max(min(ax0, ax1), min(bx0, bx1)) > 0.5
    return False


def crosses_box(segment, node: Node) -> bool:
    """Whether a segment passes through the inside of a box (touching its edge is how lines end)."""
    (x0, y0), (x1, y1) = segment
    inside_x = min(x0, x1) < node.right - 1 and max(x0, x1) > node.left + 1
    inside_y = min(y0, y1) < node.bottom - 1 and max(y0, y1) > node.top + 1
    return inside_x and inside_y


def svg_root(html: str) -> ET.Element:
    return ET.fromstring(re.sub(r"^<div[^>]*>\n|\n</div>$", "", html))


# --- the journey --------------------------------------------------------------------------------


JOURNEYS = {
    "30 stages in 6 phases": big_journey(),
    "29 stages in 6 phases, another mix": big_journey(29, 6, seed=7),
    "every stage leads to every other": big_journey(30, 6, every_route=True),
    "40 stages, every one leading to every other": big_journey(40, 8, every_route=True),
}


@pytest.mark.parametrize("name", JOURNEYS)
def test_a_large_journey_fits_the_column_with_each_stage_once(name: str) -> None:
    data = JOURNEYS[name]
    nodes, layout = journey_layout(data)
    assert layout.width <= MAX_WIDTH, name
    assert layout.pitch >= LANE_PITCH_MIN
    stage_nodes = [node for node in nodes if node.href]
    assert sorted(node.id for node in stage_nodes) == sorted(stage.id for stage in data.stages)  # each once
    assert sorted(node.href for node in stage_nodes) == sorted(f"#{stage.id}" for stage in data.stages)
    for node in nodes:
        assert node.left >= 0 and node.right <= layout.width and node.top >= 0 and node.bottom <= layout.height
    for a, b in itertools.combinations(nodes + [band.label for band in layout.bands if band.label], 2):
        assert not overlapping(a, b), (a.id, b.id)


@pytest.mark.parametrize("name", JOURNEYS)
def test_stages_run_top_to_bottom_in_phase_order_then_data_order(name: str) -> None:
    data = JOURNEYS[name]
    nodes, layout = journey_layout(data)
    by_id = {node.id: node for node in nodes}
    expected = [s.id for p in data.phases for s in data.stages if s.phase == p.id]
    assert sorted(by_id[s].y for s in expected) == [by_id[s].y for s in expected]
    assert by_id[expected[0]].top < min(by_id[s].top for s in expected[1:])  # the first stage is at the top
    assert [band.label.label for band in layout.bands if band.label] == [p.name for p in data.phases]
    for band, phase in zip(layout.bands, data.phases, strict=True):
        inside = [by_id[s.id] for s in data.stages if s.phase == phase.id]
        assert all(band.y < node.top and node.bottom < band.y + band.height for node in inside), phase.id


@pytest.mark.parametrize("name", JOURNEYS)
def test_lines_never_run_along_each_other_or_through_boxes(name: str) -> None:
    nodes, layout = journey_layout(JOURNEYS[name])
    for a, b in itertools.combinations(layout.edges, 2):
        for s, t in itertools.product(segments(a), segments(b)):
            assert not collinear_overlap(s, t), (a.source, a.target, b.source, b.target, s, t)
    by_id = {node.id: node for node in nodes}
    for edge in layout.edges:
        arrival = edge.points[-2:]
        for segment in segments(edge):
            for node in nodes:
                if node.id == edge.target and list(segment) == arrival:
                    continue  # the last piece ends on the outline, within the box's bounds (a pill's round end)
                assert not crosses_box(segment, node), (edge.source, edge.target, node.id)
        target = by_id[edge.target]
        end_x, end_y = edge.points[-1]
        if len(edge.points) == 4:  # it arrives at a side, on the outline
            side = "left" if end_x < target.x else "right"
            assert end_x == pytest.approx(target.side_x(end_y, side))


@pytest.mark.parametrize("name", JOURNEYS)
def test_lanes_whose_spans_overlap_are_distinct(name: str) -> None:
    _, layout = journey_layout(JOURNEYS[name])
    for a, b in itertools.combinations(layout.lanes, 2):
        if a.side == b.side and not (a.last < b.first or b.last < a.first):
            assert a.lane != b.lane and a.x != b.x, (a, b)


@pytest.mark.parametrize("name", JOURNEYS)
def test_every_outcome_is_drawn_as_a_line_from_its_decision_to_its_stage(name: str) -> None:
    data = JOURNEYS[name]
    nodes, layout = journey_layout(data)
    by_id = {node.id: node for node in nodes}
    expected = {(f"{s.id}--decision-{n}", o.to) for s in data.stages for n, d in enumerate(s.decisions, 1)
                for o in d.outcomes}
    drawn = set()
    for edge in layout.edges:
        if "hb-edge--stem" in edge.css:
            continue
        target = by_id[edge.target]
        end = edge.points[-1]
        assert edge.arrow and target.top - 0.5 <= end[1] <= target.bottom + 0.5  # arrives at its stage
        assert target.left - 0.5 <= end[0] <= target.right + 0.5
        for start in [edge.points[0]] + [branch[0] for branch in edge.branches]:
            decision = next(n for n in nodes if n.shape == "decision" and n.top <= start[1] <= n.bottom
                            and n.left - 0.5 <= start[0] <= n.right + 0.5)
            drawn.add((decision.id, edge.target))
    assert drawn == expected
    # routes back leave on the left and arrive from the left; routes on, on the right
    position = {node.id: node.y for node in nodes}
    for edge in layout.edges:
        if len(edge.points) == 4:
            lane_x = edge.points[1][0]
            back = position[edge.target] <= position[edge.source]
            assert (lane_x < by_id[edge.target].left) if back else (lane_x > by_id[edge.target].right)


def test_a_journey_without_phases_is_one_group_in_data_order() -> None:
    data = big_journey(12, 3, seed=3).model_copy(update={"phases": []})
    nodes, layout = journey_layout(data)
    ys = {node.id: node.y for node in nodes}
    assert [ys[s.id] for s in data.stages] == sorted(ys[s.id] for s in data.stages)
    assert layout.bands == [] and layout.width <= MAX_WIDTH
    svg = journey_diagram(fake_context(journey=data))
    desc = svg_root(svg).find(SVG + "desc").text
    assert "hb-band" not in svg and "phases" not in desc
    assert desc.startswith(f"A flowchart of the 12 stages of a child's journey ({data.stages[0].name}, ")


def test_the_text_alternative_names_the_phases_and_their_stages() -> None:
    data = big_journey()
    desc = svg_root(journey_diagram(fake_context(journey=data))).find(SVG + "desc").text
    assert desc.startswith("A flowchart of the 30 stages") and "in 6 phases" in desc
    for phase in data.phases:
        assert f"{phase.name}: " in desc
    assert all(stage.name in desc for stage in data.stages)


@pytest.mark.parametrize("name", ["every stage leads to every other", "40 stages, every one leading to every other"])
def test_with_too_many_lines_those_to_a_stage_merge_whatever_their_step(name: str) -> None:
    """However the routes go, the lanes come closer together, and if that is not enough, the lines
    to a stage merge into one a side whatever their kind of step: the column keeps its width."""
    data = JOURNEYS[name]
    _, layout = journey_layout(data)
    stages = len(data.stages)
    for side in ("left", "right"):
        assert len({(lane.target, lane.side) for lane in layout.lanes if lane.side == side}) == len(
            [lane for lane in layout.lanes if lane.side == side])  # one line per stage a side
        assert max(lane.lane for lane in layout.lanes if lane.side == side) < stages - 1
    assert layout.width <= MAX_WIDTH and layout.column >= 200 and layout.pitch >= LANE_PITCH_MIN
    assert "" in {lane.css for lane in layout.lanes}  # a line of mixed kinds is drawn plain


def test_steps_up_and_down_keep_lines_of_their_own_when_they_fit() -> None:
    _, layout = journey_layout(JOURNEYS["30 stages in 6 phases"])
    assert {"hb-edge--up", "hb-edge--down", ""} == {lane.css for lane in layout.lanes}
    assert len({lane.key for lane in layout.lanes}) > len({(lane.side, lane.target) for lane in layout.lanes})


def test_merged_lines_join_at_a_dot() -> None:
    a, b, c, d = (Node(name, name.title(), "rect", href=f"#{name}") for name in "abcd")
    ask = [Node(f"{n}--decision-1", "Which way?", "decision") for n in "ab"]
    groups = [Group(None, [Stage(a, [Decision(ask[0], [Route("b"), Route("d")])]),
                           Stage(b, [Decision(ask[1], [Route("c"), Route("d"), Route("a", "hb-edge--up")])]),
                           Stage(c), Stage(d)])]
    layout = column_layout(groups)
    to_d = [edge for edge in layout.edges if edge.target == "d"]
    assert len(to_d) == 1 and len(to_d[0].branches) == 1 and to_d[0].dots == [to_d[0].branches[0][-1]]
    back = next(edge for edge in layout.edges if edge.target == "a")
    assert back.css == "hb-edge--up" and back.points[1][0] < a.left  # a step up back, on the left
    straight = [edge for edge in layout.edges if len(edge.points) == 2 and "stem" not in edge.css]
    assert {(edge.source, edge.target) for edge in straight} == {("a--decision-1", "b"), ("b--decision-1", "c")}


def test_the_key_describes_the_drawing() -> None:
    key = journey_legend()
    for words in ("top to bottom", "phase", "drawn once", "pill", "hexagon", "double outline", "slanted",
                  "decision", "straight down", "on the right", "on the left", "arrowhead", "dot",
                  "thick line", "dashed line"):
        assert words in key, words
    assert "Back to" not in key and "On to" not in key


@pytest.fixture(scope="module")
def sample_context() -> Context:
    return Context(load_handbook(SAMPLE_DATA, base=SAMPLE_DATA.parent), "journey.md")


def _boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    boxes = []
    for group in root.iter(SVG + "g"):
        if "hb-node" not in group.get("class", "").split():
            continue
        shape = next(e for e in group if e.tag in (SVG + "rect", SVG + "polygon"))
        if shape.tag == SVG + "rect":
            x, y, w, h = (float(shape.get(k)) for k in ("x", "y", "width", "height"))
            boxes.append((x, y, x + w, y + h))
        else:
            points = [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def _check_drawing(html: str) -> ET.Element:
    root = svg_root(html)
    _, _, width, height = map(float, root.get("viewBox").split())
    assert width <= MAX_WIDTH and float(root.get("width")) == width
    boxes = _boxes(root)
    assert len(boxes) > 15
    for (a, b) in itertools.combinations(boxes, 2):
        separate = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        assert separate, (a, b)
    for box in boxes:
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
    sizes = [float(text.get("font-size")) for text in root.iter(SVG + "text")]
    assert sizes and min(sizes) >= SMALL_FONT_SIZE >= 12
    return root


@pytest.mark.parametrize("draw", [journey_diagram, organisation_chart])
def test_sample_diagrams_have_no_overlapping_boxes_and_fit(sample_context: Context, draw) -> None:
    _check_drawing(draw(sample_context))


def test_large_diagrams_fit_with_text_at_least_12px() -> None:
    journey = big_journey()
    root = _check_drawing(journey_diagram(fake_context(journey=journey)))
    links = [a.get("href") for a in root.iter(SVG + "a")]
    assert sorted(links) == sorted([f"#{stage.id}" for stage in journey.stages]  # each stage once
                                   + [f"#{phase.id}" for phase in journey.phases])  # and each phase's heading
    teams = big_teams()
    root = _check_drawing(organisation_chart(fake_context(teams=teams)))
    hrefs = [a.get("href") for a in root.iter(SVG + "a")]
    assert sorted(hrefs) == sorted([f"#{a.id}" for a in teams.service_areas] + [f"#{t.id}" for t in teams.teams])
    labels = {g.get("aria-label") for g in root.iter(SVG + "g") if g.get("role") == "img"}
    assert labels == {post.role for post in teams.leadership}


def test_the_organisation_chart_reads_from_the_top_post_down() -> None:
    teams = big_teams()
    nodes, layout = organisation_layout(teams)
    by_id = {node.id: node for node in nodes}
    assert layout.width <= MAX_WIDTH and layout.card_width >= 180
    assert len(nodes) == len(teams.leadership) + len(teams.service_areas) + len(teams.teams)  # each once
    for a, b in itertools.combinations(nodes, 2):
        assert not overlapping(a, b), (a.id, b.id)
    top = by_id["dcs"]
    assert all(top.top < node.top for node in nodes if node is not top)
    for post in teams.leadership:
        if post.reports_to:
            assert by_id[post.reports_to].bottom < by_id[post.id].top
            assert by_id[post.reports_to].left < by_id[post.id].left  # indented under the post it reports to
    for area in teams.service_areas:
        assert by_id[area.reports_to].bottom < by_id[area.id].top
    for team in teams.teams:
        area = by_id[team.service_area]
        assert area.bottom < by_id[team.id].top and area.left < by_id[team.id].left < area.right
    assert len({round(by_id[a.id].left) for a in teams.service_areas}) > 1  # cards side by side, not one long list
    for edge in layout.edges:
        assert not edge.arrow and len(edge.points) >= 3
        for segment in segments(edge):
            for node in nodes:
                assert not crosses_box(segment, node), (edge.source, edge.target, node.id)


def test_cards_stack_their_leaves_under_them() -> None:
    leaves = [TreeNode(Node(f"t{i}", f"Team {i}", "rect")) for i in range(4)]
    area = TreeNode(Node("area", "Service area", "rounded"), leaves, card=True)
    root = TreeNode(Node("top", "Director", "rect"), [area, TreeNode(Node("psw", "PSW", "rect"))])
    layout = outline_layout([root])
    ys = [leaf.node.y for leaf in leaves]
    assert ys == sorted(ys) and len({round(leaf.node.left) for leaf in leaves}) == 1
    assert root.node.y < root.children[1].node.y < area.node.y < leaves[0].node.y  # posts before cards
    assert len(layout.edges) == 6


def test_wrap_keeps_words_whole_and_lines_short() -> None:
    assert wrap("Initial child protection conference", 20) == ["Initial child", "protection", "conference"]
    assert wrap("Supercalifragilisticexpialidocious word", 10)[0] == "Supercalifragilisticexpialidocious"
    assert wrap("", 10) == [""]


def test_a_word_too_long_for_the_column_widens_it_rather_than_overflowing() -> None:
    long = Node("a", "Pneumonoultramicroscopicsilicovolcanoconiosis-and-more-besides-this", "stadium")
    groups = [Group(None, [Stage(long), Stage(Node("b", "B", "rect"))])]
    layout = column_layout(groups)
    assert long.width >= len(long.lines[0]) * long.char_width and layout.column >= long.width


def test_svg_is_valid_xml_with_title_description_and_escaped_text() -> None:
    node = Node("x", 'Tom & "Jerry" <b>', "rect", href="#x")
    node.measure()
    svg = to_svg("d", "A <title>", "A & description", [node], [], 200, 100)
    root = ET.fromstring(svg)
    assert root.get("role") == "group" and root.get("aria-labelledby") == "d-title"
    assert root.find(SVG + "title").text == "A <title>"
    assert "".join(root.find(f".//{SVG}text").itertext()) == 'Tom & "Jerry" <b>'
    assert "\n\n" not in svg  # a blank line would end the HTML block inside Markdown


def test_an_exit_with_its_own_decision_is_drawn_once(tmp_path) -> None:
    from conftest import MINIMAL_DATA, copy_project

    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    journey = project / "data" / "journey.yaml"
    journey.write_text(journey.read_text() + (
        "    decisions:\n      - question: Is there a new referral?\n        made_by: Team manager\n"
        "        outcomes:\n          - to: contact\n            when: New concern\n"))
    handbook = load_handbook(project / "data", base=project)
    svg = journey_diagram(Context(handbook, "journey.md"))
    assert svg.count('href="#closure"') == 1 and svg.count('href="#contact"') == 1
    assert "Back to" not in svg and "On to" not in svg
    _, layout = journey_layout(handbook.area(schema.JourneyFile))
    back = next(edge for edge in layout.edges if edge.target == "contact")
    assert back.source == "closure--decision-1"
    assert back.points[-1][0] < back.points[0][0]  # it arrives at the left of the column
