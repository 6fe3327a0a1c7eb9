"""The organisation chart's layout: an outline from the top post down, with the service areas as
cards side by side.

Each post is a box, with the posts that report to it indented below it on a line down its left
side (as in an outline, so a chain of any length stays narrow). The cards that report to a post
(service areas, each with its teams stacked under it) sit below its other reports in rows of as
many columns as fit, so an authority with many service areas gets more rows, never a wider chart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .graph_nodes import MAX_WIDTH, Edge, Node, TreeNode

MARGIN = 8.0
INDENT = 24.0  # a report's box starts this far right of its post's
TRUNK = 12.0  # the line down from a post runs this far in from its left edge
GAP = 12.0  # between boxes one above the other
CARD_MIN = 180.0
CARD_MAX = 300.0
POST_CHARS = 48  # a post's title is wrapped only beyond this many characters (or the room there is)
CARD_GAP = 14.0  # between cards side by side
ROW_GAP = 18.0  # between rows of cards
BUS = 18.0  # the line across the top of a row of cards runs this far above them
STACK_INDENT = 18.0  # a team's box starts this far right of its service area's
STACK_GAP = 8.0


@dataclass
class OutlineLayout:
    width: float
    height: float
    edges: list[Edge]
    card_width: float = 0.0  # the width of a column of cards (0 when there are none)


def outline_layout(roots: list[TreeNode], max_width: float = MAX_WIDTH) -> OutlineLayout:
    """Place an organisation chart within `max_width` and draw the lines between its boxes."""
    edges: list[Edge] = []
    widths: list[float] = []

    def tree_line(parent: Node, child: Node, points: list[tuple[float, float]]) -> None:
        edges.append(Edge(parent.id, child.id, "hb-edge--tree", points, arrow=False))

    def place_card(card: TreeNode, left: float, top: float, width: float) -> float:
        area = card.node
        area.fit(width)
        area.x, area.y = left + width / 2, top + area.height / 2
        y = area.bottom
        for team in card.children:
            node = team.node
            node.fit(width - STACK_INDENT)
            y += STACK_GAP
            node.x, node.y = left + STACK_INDENT + node.width / 2, y + node.height / 2
            y = node.bottom
            trunk = left + STACK_INDENT / 2
            tree_line(area, node, [(trunk, area.bottom), (trunk, node.y), (node.left, node.y)])
        return y

    def place(tree: TreeNode, left: float, top: float) -> float:
        """Place `tree` with its box's top left corner at (left, top); returns its bottom."""
        node = tree.node
        room = max_width - MARGIN - left
        node.max_chars = POST_CHARS
        node.measure()
        if node.width > room:
            node.fit(room)
        node.x, node.y = left + node.width / 2, top + node.height / 2
        trunk = left + TRUNK
        y = node.bottom
        for child in (c for c in tree.children if not c.card):
            bottom = place(child, left + INDENT, y + GAP)
            tree_line(node, child.node, [(trunk, node.bottom), (trunk, child.node.y), (child.node.left, child.node.y)])
            y = bottom
        cards = [c for c in tree.children if c.card]
        if cards:
            grid = left + INDENT
            room = max_width - MARGIN - grid
            most = max(1, min(len(cards), int((room + CARD_GAP) // (CARD_MIN + CARD_GAP))))
            # as many columns as make the rows least tall: narrow cards wrap their names onto more lines
            columns = min(range(1, most + 1), key=lambda n: (_rows_height(cards, _card_width(room, n), n), -n))
            width = _card_width(room, columns)
            widths.append(width)
            for first in range(0, len(cards), columns):
                row = cards[first:first + columns]
                bus = y + (GAP if first == 0 else ROW_GAP) + BUS / 2
                row_top = bus + BUS / 2
                bottoms = []
                for number, card in enumerate(row):
                    card_left = grid + number * (width + CARD_GAP)
                    bottoms.append(place_card(card, card_left, row_top, width))
                    tree_line(node, card.node, [(trunk, node.bottom), (trunk, bus), (card.node.x, bus),
                                                (card.node.x, card.node.top)])
                y = max(bottoms)
        return y

    y = MARGIN
    for number, root in enumerate(roots):
        y = place(root, MARGIN, y + (GAP * 2 if number else 0.0))
    placed = [tree.node for tree in _walk(roots)]
    right = max((node.right for node in placed), default=0.0)
    return OutlineLayout(right + MARGIN, y + MARGIN, edges, max(widths, default=0.0))


def _card_width(room: float, columns: int) -> float:
    return min(CARD_MAX, (room - (columns - 1) * CARD_GAP) / columns)


def _card_height(card: TreeNode, width: float) -> float:
    card.node.fit(width)
    height = card.node.height
    for team in card.children:
        team.node.fit(width - STACK_INDENT)
        height += STACK_GAP + team.node.height
    return height


def _rows_height(cards: list[TreeNode], width: float, columns: int) -> float:
    return sum(max(_card_height(card, width) for card in cards[first:first + columns]) + ROW_GAP
               for first in range(0, len(cards), columns))


def _walk(trees: list[TreeNode]) -> Iterator[TreeNode]:
    for tree in trees:
        yield tree
        yield from _walk(tree.children)


def walk(trees: list[TreeNode]) -> list[TreeNode]:
    """Every node of the trees, each before those below it (the reading order)."""
    return list(_walk(trees))
