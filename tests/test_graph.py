"""The diagram layouts: nothing overlaps, everything fits, every line joins two boxes."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import SAMPLE_DATA
from handbook.render.context import Context
from handbook.render.diagrams import journey_diagram, organisation_chart
from handbook.render.graph import Edge, Node, TreeNode, layered_layout, to_svg, tree_layout, wrap
from handbook.validate import load_handbook

SVG = "{http://www.w3.org/2000/svg}"


def overlapping(a: Node, b: Node) -> bool:
    return (abs(a.x - b.x) * 2 < a.width + b.width) and (abs(a.y - b.y) * 2 < a.height + b.height)


def test_wrap_keeps_words_whole_and_lines_short() -> None:
    assert wrap("Initial child protection conference", 20) == ["Initial child", "protection", "conference"]
    assert wrap("Supercalifragilisticexpialidocious word", 10)[0] == "Supercalifragilisticexpialidocious"
    assert wrap("", 10) == [""]


def test_layered_layout_with_a_loop_back() -> None:
    nodes = [Node(name, name.title(), "rect") for name in ("a", "b", "c", "d", "e")]
    edges = [Edge("a", "b"), Edge("a", "c"), Edge("b", "d"), Edge("c", "d"), Edge("d", "e"),
             Edge("e", "a", "hb-edge--up"), Edge("a", "e")]
    width, height = layered_layout(nodes, edges)
    by_id = {n.id: n for n in nodes}
    assert by_id["a"].y < by_id["b"].y < by_id["d"].y < by_id["e"].y  # reading order top to bottom
    assert by_id["b"].y == by_id["c"].y
    for a, b in itertools.combinations(nodes, 2):
        assert not overlapping(a, b), (a.id, b.id)
    for node in nodes:
        assert node.x - node.width / 2 >= 0 and node.x + node.width / 2 <= width
        assert node.y - node.height / 2 >= 0 and node.y + node.height / 2 <= height
    for edge in edges:
        assert len(edge.points) >= 2
    long_edge = next(e for e in edges if (e.source, e.target) == ("a", "e"))
    assert len(long_edge.points) == 4  # bends through a waypoint on each of the two ranks between


@pytest.fixture(scope="module")
def sample_context() -> Context:
    return Context(load_handbook(SAMPLE_DATA, base=SAMPLE_DATA.parent), "journey.md")


def _boxes(svg: str) -> list[tuple[float, float, float, float]]:
    root = ET.fromstring(re.sub(r"^<div[^>]*>\n|\n</div>$", "", svg))
    boxes = []
    for shape in root.iter():
        if shape.tag == SVG + "rect" and "hb-inner" not in shape.get("class", ""):
            x, y, w, h = (float(shape.get(k)) for k in ("x", "y", "width", "height"))
            boxes.append((x, y, x + w, y + h))
        elif shape.tag == SVG + "polygon":
            points = [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


@pytest.mark.parametrize("draw", [journey_diagram, organisation_chart])
def test_sample_diagrams_have_no_overlapping_boxes_and_fit(sample_context: Context, draw) -> None:
    svg = draw(sample_context)
    root = ET.fromstring(re.sub(r"^<div[^>]*>\n|\n</div>$", "", svg))
    _, _, width, height = map(float, root.get("viewBox").split())
    boxes = _boxes(svg)
    assert len(boxes) > 15
    for (a, b) in itertools.combinations(boxes, 2):
        separate = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        assert separate, (a, b)
    for box in boxes:
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height


def test_svg_is_valid_xml_with_title_description_and_escaped_text() -> None:
    node = Node("x", 'Tom & "Jerry" <b>', "rect", href="#x")
    layered_layout([node], [])
    svg = to_svg("d", "A <title>", "A & description", [node], [], 200, 100)
    root = ET.fromstring(svg)
    assert root.get("role") == "group" and root.get("aria-labelledby") == "d-title"
    assert root.find(SVG + "title").text == "A <title>"
    assert "".join(root.find(f".//{SVG}text").itertext()) == 'Tom & "Jerry" <b>'
    assert "\n\n" not in svg  # a blank line would end the HTML block inside Markdown


def test_tree_layout_stacks_leaves_under_their_parent() -> None:
    leaves = [TreeNode(Node(f"t{i}", f"Team {i}", "rect")) for i in range(4)]
    area = TreeNode(Node("area", "Service area", "rounded"), leaves)
    root = TreeNode(Node("top", "Director", "rect"), [area, TreeNode(Node("psw", "PSW", "rect"))])
    _width, _height, edges = tree_layout([root])
    ys = [leaf.node.y for leaf in leaves]
    assert ys == sorted(ys) and len({round(leaf.node.x - leaf.node.width / 2) for leaf in leaves}) == 1
    assert root.node.y < area.node.y < leaves[0].node.y
    assert len(edges) == 6


def test_an_exit_with_its_own_decision_is_drawn_once(tmp_path) -> None:
    from conftest import MINIMAL_DATA, copy_project

    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    journey = project / "data" / "journey.yaml"
    journey.write_text(journey.read_text() + (
        "    decisions:\n      - question: Is there a new referral?\n        made_by: Team manager\n"
        "        outcomes:\n          - to: contact\n            when: New concern\n"))
    handbook = load_handbook(project / "data", base=project)
    svg = journey_diagram(Context(handbook, "journey.md"))
    assert svg.count('href="#closure"') == 1
    assert 'Back to Contact and referral' in svg


def test_crossings_are_counted_exactly() -> None:
    """The O(E log V) count agrees with counting every pair of edges."""
    import random
    from collections import defaultdict

    from handbook.render.graph import _crossings

    def every_pair(ranks, below):
        total = 0
        for upper, lower in itertools.pairwise(ranks):
            place = {n: j for j, n in enumerate(lower)}
            pairs = sorted((i, place[m]) for i, n in enumerate(upper) for m in below[n] if m in place)
            total += sum(1 for a in range(len(pairs)) for b in range(a + 1, len(pairs))
                         if pairs[a][0] < pairs[b][0] and pairs[a][1] > pairs[b][1])
        return total

    for seed in range(100):
        rng = random.Random(seed)
        ranks = [[f"{k}-{i}" for i in range(rng.randint(1, 7))] for k in range(4)]
        below: dict[str, list[str]] = defaultdict(list)
        for upper, lower in itertools.pairwise(ranks):
            for node in upper:
                below[node] += rng.sample(lower, rng.randint(0, len(lower)))
        assert _crossings(ranks, below) == every_pair(ranks, below), seed
