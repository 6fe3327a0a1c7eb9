"""Diagrams drawn at build time as inline SVG: a layered flowchart and an organisation chart.

Why not a client-side library: an SVG written into the page needs no script, no download and no
outside server; its nodes are ordinary links a keyboard can reach; it prints; and it follows the
site's light and dark colours through CSS. The layout is a small version of the usual layered
(Sugiyama) method: rank the nodes, add waypoints for edges that skip ranks, order each rank to
reduce crossings, then place nodes near the middle of their neighbours.

The pieces are in three modules: the nodes and edges (graph_nodes.py), the layouts
(graph_layout.py) and the drawing (graph_svg.py). The rest of the handbook imports them from here.
"""

from __future__ import annotations

from .graph_layout import _crossings as _crossings  # the tests count crossings directly
from .graph_layout import layered_layout as layered_layout
from .graph_layout import ranks_of as ranks_of
from .graph_layout import tree_layout as tree_layout
from .graph_nodes import Edge as Edge
from .graph_nodes import Node as Node
from .graph_nodes import TreeNode as TreeNode
from .graph_nodes import wrap as wrap
from .graph_svg import to_svg as to_svg
