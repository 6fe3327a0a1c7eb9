"""The pieces of a diagram: nodes, whose text is wrapped and measured to size them, edges, and
the shaded bands that group nodes (the phases of the journey).

The layouts (graph_column.py for the journey, graph_layout.py for the organisation chart) place
them and route the edges; graph_svg.py draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The widest a diagram is drawn: the content column of the site at 1280px with both sidebars
# (688px less a little to spare). Diagrams are laid out to fit it, never scaled down to.
MAX_WIDTH = 680.0
FONT_SIZE = 14.0
SMALL_FONT_SIZE = 12.0  # the least text size of any diagram: decisions are written in it
LINE_HEIGHT = 18.0
CHAR_WIDTH = 7.4  # a generous average for the system sans-serif at 14px; text must never overflow
BOLD_WIDTH = 1.1  # bold text is this much wider
PADDING_X = 14.0
PADDING_Y = 10.0
ICON_SPACE = 22.0  # room for a decision's diamond, left of its text

# Room the outline of each shape takes beside the text (the slant of a parallelogram, the points
# of a hexagon, the round ends of a pill, the diamond of a decision).
SHAPE_EXTRA = {"hexagon": 28.0, "parallelogram": 28.0, "stadium": 18.0, "decision": ICON_SPACE}

Point = tuple[float, float]


@dataclass
class Node:
    id: str
    label: str
    shape: str  # "stadium", "rect", "hexagon", "rounded", "parallelogram", "decision", "label"
    css: str = ""
    href: str | None = None
    description: str = ""  # the accessible name when it says more than the label
    max_chars: int = 24
    scale: float = 1.0  # text size relative to FONT_SIZE (decisions use smaller text)
    bold: bool = False
    align: str = "middle"  # "middle" or "start" (the text of decisions and headings)
    lines: list[str] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    x: float = 0.0  # centre
    y: float = 0.0  # centre

    @property
    def font_size(self) -> float:
        return FONT_SIZE * self.scale

    @property
    def char_width(self) -> float:
        return CHAR_WIDTH * self.scale * (BOLD_WIDTH if self.bold else 1.0)

    @property
    def padding_x(self) -> float:
        return 0.0 if self.shape == "label" else PADDING_X

    @property
    def padding_y(self) -> float:
        return 0.0 if self.shape == "label" else PADDING_Y * self.scale

    def measure(self) -> None:
        """Wrap the label at `max_chars` and size the node to the text."""
        self.lines = wrap(self.label, self.max_chars)
        text_width = max(len(line) for line in self.lines) * self.char_width
        text_height = len(self.lines) * LINE_HEIGHT * self.scale
        extra = SHAPE_EXTRA.get(self.shape, 0.0)
        least = 0.0 if self.shape == "label" else 84.0
        self.width = max(text_width + 2 * self.padding_x + extra, least)
        self.height = text_height + 2 * self.padding_y

    def fit(self, width: float, least_height: float = 0.0) -> None:
        """Make the node `width` wide, wrapping its text to fit (a word longer than the whole
        width widens it instead: text must never overflow), and at least `least_height` tall."""
        room = width - 2 * self.padding_x - SHAPE_EXTRA.get(self.shape, 0.0)
        self.max_chars = max(6, int(room / self.char_width))
        self.measure()
        self.width = max(width, self.width)
        self.height = max(self.height, least_height)

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width / 2

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height / 2

    def side_x(self, y: float, side: str) -> float:
        """Where the outline is at height `y`, on the "left" or "right" (for a line to meet it)."""
        half = self.height / 2
        dy = min(abs(y - self.y), half)
        inset = 0.0
        if self.shape == "stadium":
            inset = half - (half * half - dy * dy) ** 0.5
        elif self.shape == "hexagon":
            inset = HEXAGON_CUT * dy / half if half else 0.0
        elif self.shape == "parallelogram":  # the top leans right: the left side is further in at the top
            lean = SLANT * (self.bottom - y) / self.height if self.height else 0.0
            return self.left + lean if side == "left" else self.right - (SLANT - lean)
        return self.left + inset if side == "left" else self.right - inset


HEXAGON_CUT = 14.0
SLANT = 14.0


@dataclass
class Edge:
    """A line from one node to another: `points` in order, ending in an arrowhead if `arrow`.

    `branches` are lines from other nodes that join it (a route merged with others to the same
    place), each drawn with a dot where it joins.
    """

    source: str
    target: str
    css: str = ""  # e.g. "hb-edge--up" or "hb-edge--down"
    points: list[Point] = field(default_factory=list)
    arrow: bool = True
    branches: list[list[Point]] = field(default_factory=list)
    dots: list[Point] = field(default_factory=list)


@dataclass
class Band:
    """A shaded band behind a group of nodes, with its heading (a phase of the journey)."""

    label: Node | None
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0


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


@dataclass
class TreeNode:
    """A node of an organisation chart and those below it. A `card` (a service area) is drawn
    with its children (its teams) stacked under it, side by side with the other cards."""

    node: Node
    children: list[TreeNode] = field(default_factory=list)
    card: bool = False
