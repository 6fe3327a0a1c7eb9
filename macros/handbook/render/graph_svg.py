"""A laid-out diagram as inline SVG: one line per element, with nodes as links or labelled images.

Edges are drawn first, hidden from screen readers; each node carries its accessible name, and a
node with a page is a link a keyboard can reach.
"""

from __future__ import annotations

import math
from html import escape
from itertools import pairwise

from .graph_nodes import FONT_SIZE, LINE_HEIGHT, Edge, Node


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
    for (x0, y0), (x1, y1) in pairwise(points):
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
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" class="hb-arrow"/></marker></defs>',
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
            parts.append(f'<g role="img" aria-label="{label}">'
                         f'<title>{escape(node.description or node.label)}</title>{shape}</g>')
    parts.append("</g></svg>")
    return "\n".join(parts)
