"""The pieces of a diagram: nodes, whose text is wrapped and measured to size them, and edges.

The layouts (graph_layout.py) place them and route the edges; graph_svg.py draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FONT_SIZE = 14.0
LINE_HEIGHT = 18.0
CHAR_WIDTH = 7.4  # a generous average for the system sans-serif at 14px; text must never overflow
PADDING_X = 14.0
PADDING_Y = 10.0


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


@dataclass
class TreeNode:
    node: Node
    children: list[TreeNode] = field(default_factory=list)
