"""A laid-out diagram as inline SVG: one line per element, with nodes as links or labelled images.

Bands (the phases) are drawn first, then the lines, hidden from screen readers, then the nodes:
each node carries its accessible name, and a node with a page is a link a keyboard can reach.
"""

from __future__ import annotations

import math
from html import escape

from .graph_nodes import HEXAGON_CUT, ICON_SPACE, LINE_HEIGHT, SLANT, Band, Edge, Node, Point

CORNER = 6.0  # the radius of the bends in a line
DOT = 3.5  # the radius of the dot where one line joins another


def _shape(node: Node) -> str:
    x, y, w, h = node.left, node.top, node.width, node.height
    if node.shape == "hexagon":
        cut = HEXAGON_CUT
        points = [(x + cut, y), (x + w - cut, y), (x + w, node.y), (x + w - cut, y + h), (x + cut, y + h), (x, node.y)]
        return f'<polygon points="{_points(points)}"/>'
    if node.shape == "parallelogram":
        points = [(x + SLANT, y), (x + w, y), (x + w - SLANT, y + h), (x, y + h)]
        return f'<polygon points="{_points(points)}"/>'
    if node.shape == "decision":  # a shaded box with a diamond before the question
        size = 6.0
        cx, cy = x + ICON_SPACE / 2 + 6, node.y - (len(node.lines) - 1) * LINE_HEIGHT * node.scale / 2
        diamond = [(cx, cy - size), (cx + size, cy), (cx, cy + size), (cx - size, cy)]
        return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="4.0"/>'
                f'<polygon class="hb-icon" points="{_points(diamond)}"/>')
    radius = {"stadium": h / 2, "rounded": 10.0, "rect": 2.0}.get(node.shape, 2.0)
    outline = f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{radius:.1f}"/>'
    if node.shape == "rounded":  # a plan: a second inner outline sets it apart without colour
        outline += (f'<rect class="hb-inner" x="{x + 4:.1f}" y="{y + 4:.1f}" width="{w - 8:.1f}" '
                    f'height="{h - 8:.1f}" rx="{radius - 3:.1f}"/>')
    return outline


def _points(points: list[Point]) -> str:
    return " ".join(f"{px:.1f},{py:.1f}" for px, py in points)


def _text(node: Node, css: str = "") -> str:
    line_height = LINE_HEIGHT * node.scale
    top = node.y - (len(node.lines) - 1) * line_height / 2
    if node.align == "start":
        anchor = "start"
        x = node.left + node.padding_x + (ICON_SPACE if node.shape == "decision" else 0.0)
    else:
        anchor, x = "middle", node.x
    # The space that ends each line but the last keeps the words apart in the text a screen
    # reader (and the link's accessible name) reads: "Information and advice", not "andadvice".
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{top + i * line_height:.1f}">{escape(line)}'
        f'{" " if i < len(node.lines) - 1 else ""}</tspan>'
        for i, line in enumerate(node.lines)
    )
    return (f'<text{css} text-anchor="{anchor}" dominant-baseline="central" font-size="{node.font_size:g}">'
            f'{spans}</text>')


def _path(points: list[Point]) -> str:
    """Straight segments through `points`, each bend rounded off."""
    if not points:
        return ""
    d = f"M {points[0][0]:.1f} {points[0][1]:.1f}"
    for before, corner, after in zip(points, points[1:], points[2:], strict=False):
        radius = min(CORNER, _distance(before, corner) / 2, _distance(corner, after) / 2)
        start, end = _toward(corner, before, radius), _toward(corner, after, radius)
        d += (f" L {start[0]:.1f} {start[1]:.1f} Q {corner[0]:.1f} {corner[1]:.1f} "
              f"{end[0]:.1f} {end[1]:.1f}")
    return d + f" L {points[-1][0]:.1f} {points[-1][1]:.1f}"


def _distance(a: Point, b: Point) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])


def _toward(origin: Point, target: Point, length: float) -> Point:
    distance = _distance(origin, target)
    if not distance:
        return origin
    return (origin[0] + (target[0] - origin[0]) * length / distance,
            origin[1] + (target[1] - origin[1]) * length / distance)


def _edge(diagram_id: str, edge: Edge) -> str:
    parts = [f'<path class="hb-edge {edge.css}" d="{_path(branch)}"/>' for branch in edge.branches]
    marker = f' marker-end="url(#{diagram_id}-arrow)"' if edge.arrow else ""
    parts.append(f'<path class="hb-edge {edge.css}" d="{_path(edge.points)}"{marker}/>')
    parts += [f'<circle class="hb-dot" cx="{x:.1f}" cy="{y:.1f}" r="{DOT:g}"/>' for x, y in edge.dots]
    return "".join(parts)


def _band(band: Band) -> str:
    rect = (f'<rect class="hb-band" x="{band.x:.1f}" y="{band.y:.1f}" width="{band.width:.1f}" '
            f'height="{band.height:.1f}" rx="6"/>')
    if band.label is None:
        return rect
    label = _text(band.label, ' class="hb-band-label"')
    if band.label.href:  # the phase's heading links to the same phase in words
        label = (f'<a href="{escape(band.label.href, quote=True)}" '
                 f'aria-label="{escape(band.label.description or band.label.label, quote=True)}">{label}</a>')
    return rect + label


def to_svg(diagram_id: str, title: str, description: str, nodes: list[Node], edges: list[Edge],
           width: float, height: float, bands: list[Band] | None = None) -> str:
    """The SVG markup, on one line per element and with no blank lines (it sits in Markdown)."""
    width, height = math.ceil(width), math.ceil(height)
    parts = [
        f'<svg class="hb-diagram" id="{diagram_id}" role="group" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-labelledby="{diagram_id}-title" aria-describedby="{diagram_id}-desc">',
        f'<title id="{diagram_id}-title">{escape(title)}</title>',
        f'<desc id="{diagram_id}-desc">{escape(description)}</desc>',
        f'<defs><marker id="{diagram_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" class="hb-arrow"/></marker></defs>',
    ]
    if bands:
        parts.append('<g class="hb-bands">')
        parts += [_band(band) for band in bands]
        parts.append("</g>")
    parts.append('<g class="hb-edges" aria-hidden="true">')
    parts += [_edge(diagram_id, edge) for edge in edges]
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
