"""Where each node of a diagram goes, and the route of each edge: the layered layout for
flowcharts and the tree layout for organisation charts.

The layered layout is a small version of the usual (Sugiyama) method: rank the nodes, add
waypoints for edges that skip ranks, order each rank to reduce crossings, then place nodes near
the middle of their neighbours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from .graph_nodes import Edge, Node, TreeNode

RANK_GAP = 44.0
NODE_GAP = 20.0
WAYPOINT_GAP = 14.0
MARGIN = 16.0
CENTRE_PULL = 0.7  # 0: ranks stay where their neighbours pulled them; 1: every rank centred


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
        adjacent += list(pairwise(chain))
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

            def weight(n: str, fixed: dict[str, int] = fixed, neighbours: dict[str, list[str]] = neighbours,
                       current: dict[str, int] = current) -> float:
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
    rows = [(row, [gap(left, right) for left, right in pairwise(row)]) for row in ranks]
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


def _place_row(row: list[str], wanted: list[float], by_id: dict[str, Node | _Waypoint], gaps: list[float]) -> None:
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
    for node_id, x in zip(row, xs, strict=True):
        by_id[node_id].x = x


def _crossings(ranks: list[list[str]], below: dict[str, list[str]]) -> int:
    """Edge crossings between neighbouring ranks: inversions among the edges' lower ends once
    they are sorted by their upper ends, counted with a Fenwick tree in O(E log V)."""
    total = 0
    for upper, lower in pairwise(ranks):
        place = {n: j for j, n in enumerate(lower)}
        ends = [place[m] for n in upper for m in sorted(below[n], key=lambda m: place.get(m, -1)) if m in place]
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
        for child, (child_width, _) in zip(tree.children, sizes, strict=True):
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


def _walk(trees: list[TreeNode]) -> Iterator[TreeNode]:
    for tree in trees:
        yield tree
        yield from _walk(tree.children)
