"""Diagrams drawn at build time as inline SVG: the journey flowchart and the organisation chart.

Why not a client-side library: an SVG written into the page needs no script, no download and no
outside server; its nodes are ordinary links a keyboard can reach; it prints; and it follows the
site's light and dark colours through CSS.

Both layouts are bounded in width by design, so a diagram fits the content column (`MAX_WIDTH`)
at its natural size, with its text at full size, however many stages or teams an authority has;
they grow downwards instead. The journey is one column of stages with its routes in lanes beside
it (graph_column.py); the organisation chart is an outline of posts with rows of service-area
cards (graph_layout.py). The pieces are in graph_nodes.py and the drawing in graph_svg.py; the
rest of the handbook imports them from here.
"""

from __future__ import annotations

from .graph_column import ColumnLayout as ColumnLayout
from .graph_column import Decision as Decision
from .graph_column import Group as Group
from .graph_column import Lane as Lane
from .graph_column import Route as Route
from .graph_column import Stage as Stage
from .graph_column import column_layout as column_layout
from .graph_layout import OutlineLayout as OutlineLayout
from .graph_layout import outline_layout as outline_layout
from .graph_layout import walk as walk
from .graph_nodes import MAX_WIDTH as MAX_WIDTH
from .graph_nodes import SMALL_FONT_SIZE as SMALL_FONT_SIZE
from .graph_nodes import Band as Band
from .graph_nodes import Edge as Edge
from .graph_nodes import Node as Node
from .graph_nodes import TreeNode as TreeNode
from .graph_nodes import wrap as wrap
from .graph_svg import to_svg as to_svg
