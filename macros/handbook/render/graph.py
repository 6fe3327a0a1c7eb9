"""Diagrams drawn at build time as inline SVG: a layered flowchart and an organisation chart.

Why not a client-side library: an SVG written into the page needs no script, no download and no
outside server; its nodes are ordinary links a keyboard can reach; it prints; and it follows the
site's light and dark colours through CSS. The layout is a small version of the usual layered
(Sugiyama) method: rank the nodes, add waypoints for edges that skip ranks, order each rank to
reduce crossings, then place nodes near the middle of their neighbours.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

FONT_SIZE = 14.0
LINE_HEIGHT = 18.0
CHAR_WIDTH = 7.4  # a generous average for the system sans-serif at 14px; text must never overflow
PADDING_X = 14.0
PADDING_Y = 10.0
RANK_GAP = 44.0
NODE_GAP = 20.0
WAYPOINT_GAP = 14.0
MARGIN = 16.0
CENTRE_PULL = 0.7  # 0: ranks stay where their neighbours pulled them; 1: every rank centred


@dataclass
class Node:
    id: str
    label: str
    shape: str  # "stadium", "rect", "hexagon", "rounded", "parallelogram", "diamond", "note"
    css: str = ""
    href: str | None = None
    description: str = ""  # the accessible name when it says more than the label
    max_chars: int = 24
    scale: float = 1.0  # text size relative to FONT_SIZE (decisions use smaller text)
    lines: list[str] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    x: float = 0.0  # centre
    y: float = 0.0  # centre

    def measure(self) -> None:
        self.lines = wrap(self.label, self.max_chars)
        text_width = max(len(line) for line in self.lines) * CHAR_WIDTH * self.scale
        text_height = len(self.lines) * LINE_HEIGHT * self.scale
        extra = {"hexagon": 28.0, "parallelogram": 28.0, "stadium": 18.0}.get(self.shape, 0.0)
        if self.shape == "diamond":
            # A box of half-size (a, b) fits inside a diamond of half-size (A, B) when
            # a/A + b/B <= 1; doubling both sides keeps every line of text inside.
            self.width = max(2 * text_width + PADDING_X, 90.0)
            self.height = 2 * text_height + PADDING_Y
        else:
            self.width = max(text_width + 2 * PADDING_X + extra, 84.0)
            self.height = text_height + 2 * PADDING_Y


@dataclass
class Edge:
    source: str
    target: str
    css: str = ""  # e.g. "hb-edge--up" or "hb-edge--down"
    points: list[tuple[float, float]] = field(default_factory=list)


def wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


# --- layered layout -----------------------------------------------------------------------------


@dataclass
class _Waypoint:
    id: str
    width: float = 0.0
    height: float = 0.0
    x: float = 0.0
    y: float = 0.0


def ranks_of(nodes: list[Node], edges: list[Edge]) -> dict[str, int]:
    """Each node's rank (row): the longest path to it, following edges in reading order."""
    position = {node.id: i for i, node in enumerate(nodes)}
    rank = {node.id: 0 for node in nodes}
    predecessors: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        if edge.source != edge.target:
            source, target = sorted((edge.source, edge.target), key=position.__getitem__)
            predecessors[target].append(source)
    for node in nodes:  # reading order is a topological order of the forward edges
        for source in predecessors[node.id]:
            rank[node.id] = max(rank[node.id], rank[source] + 1)
    return rank


def layered_layout(nodes: list[Node], edges: list[Edge]) -> tuple[float, float]:
    """Place `nodes` top to bottom and route `edges`; returns the drawing's width and height.

    The order of `nodes` is the reading order the data gives (the journey as the PSW lists it):
    an edge to an earlier node is a loop back (such as a step up to the front door) and is laid
    out as if reversed, so the picture still reads from top to bottom.
    """
    for node in nodes:
        node.measure()
    position = {node.id: i for i, node in enumerate(nodes)}
    by_id: dict[str, Node | _Waypoint] = {node.id: node for node in nodes}

    # 1. ranks: longest path from the top, counting each edge in its forward direction
    rank = ranks_of(nodes, edges)

    # 2. waypoints for edges that skip ranks, so they bend around the nodes in between
    chains: list[tuple[Edge, list[str]]] = []
    adjacent: list[tuple[str, str]] = []
    for edge in edges:
        if edge.source == edge.target:
            continue
        upper, lower = sorted((edge.source, edge.target), key=lambda n: (rank[n], position[n]))
        chain = [upper]
        for step in range(rank[upper] + 1, rank[lower]):
            waypoint = _Waypoint(f"~{edge.source}>{edge.target}@{step}")
            by_id[waypoint.id] = waypoint
            rank[waypoint.id] = step
            chain.append(waypoint.id)
        chain.append(lower)
        adjacent += list(zip(chain, chain[1:]))
        chains.append((edge, chain if upper == edge.source else chain[::-1]))

    ranks: list[list[str]] = [[] for _ in range(max(rank.values(), default=0) + 1)]
    for node in nodes:
        ranks[rank[node.id]].append(node.id)
    for waypoint_id in (w for w in by_id if w.startswith("~")):
        ranks[rank[waypoint_id]].append(waypoint_id)

    # 3. order each rank by the average position of its neighbours, sweeping down and up
    above: dict[str, list[str]] = defaultdict(list)
    below: dict[str, list[str]] = defaultdict(list)
    for upper, lower in adjacent:
        below[upper].append(lower)
        above[lower].append(upper)
    best = [list(r) for r in ranks]
    best_crossings = _crossings(best, below)
    for sweep in range(12):
        downward = sweep % 2 == 0
        sequence = range(1, len(ranks)) if downward else range(len(ranks) - 2, -1, -1)
        for i in sequence:
            neighbours = above if downward else below
            fixed = {n: j for j, n in enumerate(ranks[i - 1 if downward else i + 1])}
            current = {n: j for j, n in enumerate(ranks[i])}

            def weight(n: str) -> float:
                places = [fixed[m] for m in neighbours[n] if m in fixed]
                return sum(places) / len(places) if places else current[n]

            ranks[i].sort(key=lambda n: (weight(n), current[n]))
        crossings = _crossings(ranks, below)
        if crossings < best_crossings:
            best, best_crossings = [list(r) for r in ranks], crossings
    ranks = best

    # 4. coordinates: ranks top to bottom; in each rank, nodes pulled towards their neighbours
    def gap(left: str, right: str) -> float:
        a, b = by_id[left], by_id[right]
        spacing = WAYPOINT_GAP if left.startswith("~") or right.startswith("~") else NODE_GAP
        return a.width / 2 + spacing + b.width / 2

    # The order within each rank is settled: the space between neighbours is worked out once.
    rows = [(row, [gap(left, right) for left, right in zip(row, row[1:])]) for row in ranks]
    for row, gaps in rows:
        x = 0.0
        for j, node_id in enumerate(row):
            if j:
                x += gaps[j - 1]
            by_id[node_id].x = x
    for iteration in range(24):
        downward = iteration % 2 == 0
        for row, gaps in rows if downward else reversed(rows):
            wanted = []
            for node_id in row:
                linked = (above if downward else below)[node_id] + (below if downward else above)[node_id]
                xs = [by_id[m].x for m in linked]
                wanted.append(sum(xs) / len(xs) if xs else by_id[node_id].x)
            _place_row(row, wanted, by_id, gaps)
    # The pull towards neighbours can walk the chart sideways rank by rank; draw each rank back
    # towards a common centre line so the chart stays about as wide as its widest rank.
    for row in ranks:
        if row:
            middle = (by_id[row[0]].x - by_id[row[0]].width / 2 + by_id[row[-1]].x + by_id[row[-1]].width / 2) / 2
            for node_id in row:
                by_id[node_id].x -= middle * CENTRE_PULL
    left = min(by_id[n].x - by_id[n].width / 2 for row in ranks for n in row)
    right = max(by_id[n].x + by_id[n].width / 2 for row in ranks for n in row)
    y = MARGIN
    for row in ranks:
        height = max((by_id[n].height for n in row), default=0.0)
        for node_id in row:
            by_id[node_id].x += MARGIN - left
            by_id[node_id].y = y + height / 2
        y += height + RANK_GAP
    width = right - left + 2 * MARGIN
    height = y - RANK_GAP + MARGIN

    # 5. edge routes: from the bottom of one node, through waypoints, to the top of the next
    for edge, chain in chains:
        points = [(by_id[n].x, by_id[n].y) for n in chain]
        first, last = by_id[chain[0]], by_id[chain[-1]]
        points[0] = _attach(first, points[1])
        points[-1] = _attach(last, points[-2])
        edge.points = points
    return width, height


def _place_row(row: list[str], wanted: list[float], by_id: dict, gaps: list[float]) -> None:  # noqa: ANN001
    """Put each node of a rank as near its wanted x as the order and spacing allow
    (`gaps[j]` is the least distance between the centres of `row[j]` and `row[j + 1]`)."""
    xs = list(wanted)
    for j in range(1, len(row)):  # push right to clear the left neighbour
        xs[j] = max(xs[j], xs[j - 1] + gaps[j - 1])
    shift = (sum(wanted) - sum(xs)) / len(xs) if xs else 0.0  # keep the row centred on its wishes
    xs = [x + shift for x in xs]
    for j in range(len(row) - 2, -1, -1):  # then pull left where that left room
        xs[j] = min(xs[j], xs[j + 1] - gaps[j])
    for j in range(1, len(row)):
        xs[j] = max(xs[j], xs[j - 1] + gaps[j - 1])
    for node_id, x in zip(row, xs):
        by_id[node_id].x = x


def _crossings(ranks: list[list[str]], below: dict[str, list[str]]) -> int:
    """Edge crossings between neighbouring ranks: inversions among the edges' lower ends once
    they are sorted by their upper ends, counted with a Fenwick tree in O(E log V)."""
    total = 0
    for upper, lower in zip(ranks, ranks[1:]):
        place = {n: j for j, n in enumerate(lower)}
        ends = [place[m] for i, n in enumerate(upper) for m in sorted(below[n], key=place.get) if m in place]
        tree = [0] * (len(lower) + 1)
        for seen, end in enumerate(ends):
            # how many earlier edges end to the right of this one
            position, not_right = end + 1, 0
            while position > 0:
                not_right += tree[position]
                position -= position & -position
            total += seen - not_right
            position = end + 1
            while position <= len(lower):
                tree[position] += 1
                position += position & -position
    return total


def _attach(node: Node | _Waypoint, toward: tuple[float, float]) -> tuple[float, float]:
    """Where a line towards `toward` meets the node: its top or bottom edge (waypoints: the point)."""
    if isinstance(node, _Waypoint):
        return node.x, node.y
    offset = max(-node.width / 4, min(node.width / 4, (toward[0] - node.x) * 0.3))
    half = node.height / 2
    if node.shape == "diamond":
        offset = 0.0
    return node.x + offset, node.y + (half if toward[1] > node.y else -half)


# --- tree layout (organisation charts) ----------------------------------------------------------


@dataclass
class TreeNode:
    node: Node
    children: list[TreeNode] = field(default_factory=list)


STACK_INDENT = 22.0
STACK_GAP = 10.0


def tree_layout(roots: list[TreeNode]) -> tuple[float, float, list[Edge]]:
    """Lay out an organisation chart. A parent whose children are all leaves stacks them in a
    column below it (so a service area's many teams do not run off the side of the page);
    otherwise children sit side by side under their parent."""
    edges: list[Edge] = []
    for tree in _walk(roots):
        tree.node.measure()

    def size(tree: TreeNode) -> tuple[float, float]:
        node = tree.node
        if not tree.children:
            return node.width, node.height
        if all(not c.children for c in tree.children):
            width = max([node.width] + [STACK_INDENT + c.node.width for c in tree.children])
            height = node.height + sum(STACK_GAP + c.node.height for c in tree.children)
            return width, height
        sizes = [size(c) for c in tree.children]
        width = max(node.width, sum(w for w, _ in sizes) + NODE_GAP * (len(sizes) - 1))
        return width, node.height + RANK_GAP + max(h for _, h in sizes)

    def place(tree: TreeNode, left: float, top: float) -> None:
        node = tree.node
        width, _ = size(tree)
        if tree.children and all(not c.children for c in tree.children):
            node.x, node.y = left + node.width / 2, top + node.height / 2
            y = top + node.height
            for child in tree.children:
                y += STACK_GAP
                child.node.x = left + STACK_INDENT + child.node.width / 2
                child.node.y = y + child.node.height / 2
                y += child.node.height
                trunk_x = left + STACK_INDENT / 2
                edges.append(Edge(node.id, child.node.id, "hb-edge--tree", [
                    (trunk_x, node.y + node.height / 2), (trunk_x, child.node.y),
                    (child.node.x - child.node.width / 2, child.node.y)]))
            return
        node.x, node.y = left + width / 2, top + node.height / 2
        if not tree.children:
            return
        sizes = [size(c) for c in tree.children]
        total = sum(w for w, _ in sizes) + NODE_GAP * (len(sizes) - 1)
        x = left + (width - total) / 2
        child_top = top + node.height + RANK_GAP
        for child, (child_width, _) in zip(tree.children, sizes):
            place(child, x, child_top)
            bus_y = top + node.height + RANK_GAP / 2
            edges.append(Edge(node.id, child.node.id, "hb-edge--tree", [
                (node.x, node.y + node.height / 2), (node.x, bus_y),
                (child.node.x, bus_y), (child.node.x, child.node.y - child.node.height / 2)]))
            x += child_width + NODE_GAP

    x = MARGIN
    for root in roots:
        width, _ = size(root)
        place(root, x, MARGIN)
        x += width + NODE_GAP
    placed = [tree.node for tree in _walk(roots)]
    right = max(node.x + node.width / 2 for node in placed)
    bottom = max(node.y + node.height / 2 for node in placed)
    return right + MARGIN, bottom + MARGIN, edges


def _walk(trees: list[TreeNode]):  # noqa: ANN202
    for tree in trees:
        yield tree
        yield from _walk(tree.children)


# --- drawing ------------------------------------------------------------------------------------


def _shape(node: Node) -> str:
    x, y, w, h = node.x - node.width / 2, node.y - node.height / 2, node.width, node.height
    if node.shape == "diamond":
        points = [(node.x, y), (x + w, node.y), (node.x, y + h), (x, node.y)]
        return f'<polygon points="{_points(points)}"/>'
    if node.shape == "hexagon":
        cut = 14.0
        points = [(x + cut, y), (x + w - cut, y), (x + w, node.y), (x + w - cut, y + h), (x + cut, y + h), (x, node.y)]
        return f'<polygon points="{_points(points)}"/>'
    if node.shape == "parallelogram":
        slant = 14.0
        points = [(x + slant, y), (x + w, y), (x + w - slant, y + h), (x, y + h)]
        return f'<polygon points="{_points(points)}"/>'
    radius = {"stadium": h / 2, "rounded": 10.0, "rect": 2.0, "note": 6.0}.get(node.shape, 2.0)
    outline = f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{radius:.1f}"/>'
    if node.shape == "rounded":  # a plan: a second inner outline sets it apart without colour
        outline += (f'<rect class="hb-inner" x="{x + 4:.1f}" y="{y + 4:.1f}" width="{w - 8:.1f}" '
                    f'height="{h - 8:.1f}" rx="{radius - 3:.1f}"/>')
    return outline


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{px:.1f},{py:.1f}" for px, py in points)


def _text(node: Node) -> str:
    line_height = LINE_HEIGHT * node.scale
    top = node.y - (len(node.lines) - 1) * line_height / 2
    # The space that ends each line but the last keeps the words apart in the text a screen
    # reader (and the link's accessible name) reads: "Information and advice", not "andadvice".
    spans = "".join(
        f'<tspan x="{node.x:.1f}" y="{top + i * line_height:.1f}">{escape(line)}'
        f'{" " if i < len(node.lines) - 1 else ""}</tspan>'
        for i, line in enumerate(node.lines)
    )
    size = f' font-size="{FONT_SIZE * node.scale:g}"' if node.scale != 1.0 else ""
    return f'<text text-anchor="middle" dominant-baseline="central"{size}>{spans}</text>'


def _path(edge: Edge, curved: bool) -> str:
    points = edge.points
    if not points:
        return ""
    if not curved:
        return "M " + " L ".join(f"{px:.1f} {py:.1f}" for px, py in points)
    d = f"M {points[0][0]:.1f} {points[0][1]:.1f}"
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        middle = (y0 + y1) / 2
        d += f" C {x0:.1f} {middle:.1f}, {x1:.1f} {middle:.1f}, {x1:.1f} {y1:.1f}"
    return d


def to_svg(diagram_id: str, title: str, description: str, nodes: list[Node], edges: list[Edge],
           width: float, height: float, curved: bool = True) -> str:
    """The SVG markup, on one line per element and with no blank lines (it sits in Markdown)."""
    parts = [
        f'<svg class="hb-diagram" id="{diagram_id}" role="group" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {math.ceil(width)} {math.ceil(height)}" width="{math.ceil(width)}" '
        f'height="{math.ceil(height)}" aria-labelledby="{diagram_id}-title" aria-describedby="{diagram_id}-desc">',
        f'<title id="{diagram_id}-title">{escape(title)}</title>',
        f'<desc id="{diagram_id}-desc">{escape(description)}</desc>',
        f'<defs><marker id="{diagram_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="hb-arrow"/></marker></defs>',
        '<g class="hb-edges" aria-hidden="true">',
    ]
    for edge in edges:
        marker = "" if "tree" in edge.css else f' marker-end="url(#{diagram_id}-arrow)"'
        parts.append(f'<path class="hb-edge {edge.css}" d="{_path(edge, curved)}"{marker}/>')
    parts.append("</g>")
    parts.append('<g class="hb-nodes">')
    for node in nodes:
        label = escape(node.description or node.label, quote=True)
        shape = f'<g class="hb-node hb-node--{node.shape} {node.css}">{_shape(node)}{_text(node)}</g>'
        if node.href:
            parts.append(f'<a href="{escape(node.href, quote=True)}" aria-label="{label}">'
                         f'<title>{escape(node.description or node.label)}</title>{shape}</a>')
        else:
            parts.append(f'<g role="img" aria-label="{label}"><title>{escape(node.description or node.label)}</title>{shape}</g>')
    parts.append("</g></svg>")
    return "\n".join(parts)
