"""The journey's layout: one column of stages from top to bottom, with the routes beside it.

Every stage is drawn once, in journey order, in bands for its phase; under a stage, each decision
it ends in. A decision's route to the very next stage goes straight down. Every other route is a
line in a lane: routes on to a later stage in lanes on the right of the column (running down),
routes back to an earlier stage in lanes on the left (running up). Routes to the same stage, on
the same side and of the same kind (step up, step down or neither) are merged into one line,
which the others join at a dot; and lines share a lane whenever their spans do not overlap
(interval colouring), so no two lines ever run along each other.

Why this keeps the width bounded: the space between lanes shrinks (from 12px to 4px at the least)
to keep the drawing within `MAX_WIDTH` while the text keeps its size; and if even that is not
enough, the lines to a stage are merged whatever their kind of step, leaving one line per stage
and side at most: a journey of N stages then needs at most N - 1 lanes a side, which fits for
up to about 50 stages (a real journey needs far fewer, as lines share lanes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .graph_nodes import MAX_WIDTH, Band, Edge, Node, Point

MARGIN = 8.0
COLUMN_MAX = 380.0
COLUMN_COMFORT = 280.0
COLUMN_MIN = 200.0
LANE_GAP = 18.0  # from the column's edge to its first lane
LANE_PITCH = 12.0
LANE_PITCH_CLOSE = 8.0
LANE_PITCH_MIN = 4.0
SIDE_PAD = 6.0  # beyond the outermost lane
DECISION_INSET = 20.0  # a decision is this much narrower than the column on each side
STEM = 14.0  # from a stage to its first decision
DECISION_GAP = 10.0
ROW_GAP = 32.0  # from a stage's last box to the next stage (room for the arrow down)
PORT_PITCH = 10.0  # between the lines leaving one side of a decision
ENTRY_PITCH = 10.0  # between the lines arriving at one side of a stage
BAND_PAD = 10.0
BAND_GAP = 12.0
HEADING_GAP = 8.0
PADDING_ENDS = 8.0  # the first and last line at a side of a box keep this far from its corners


@dataclass
class Route:
    target: str  # a stage's node id
    css: str = ""  # "hb-edge--up", "hb-edge--down" or ""


@dataclass
class Decision:
    node: Node
    routes: list[Route]


@dataclass
class Stage:
    node: Node
    decisions: list[Decision] = field(default_factory=list)


@dataclass
class Group:
    label: Node | None  # the phase's heading; None for a journey without phases
    stages: list[Stage]


@dataclass
class Lane:
    """One drawn line: every route to `target` on one side of one kind, and the lane it runs in."""

    side: str  # "right" (on to a later stage) or "left" (back to an earlier one)
    target: int  # the target stage's position in the journey
    css: str
    sources: list[tuple[int, int]] = field(default_factory=list)  # (stage position, decision number)
    first: int = 0  # the span of slots (boxes, top to bottom) the line runs along, both ends included
    last: int = 0
    lane: int = 0  # 0 is the lane nearest the column
    x: float = 0.0

    @property
    def key(self) -> tuple[str, int, str]:
        return self.side, self.target, self.css


@dataclass
class ColumnLayout:
    width: float
    height: float
    column: float  # the width of the column of stages
    pitch: float  # between lanes
    edges: list[Edge]
    lanes: list[Lane]
    bands: list[Band]


def column_layout(groups: list[Group], max_width: float = MAX_WIDTH) -> ColumnLayout:
    """Place the stages of `groups` in one column and route every decision's outcomes."""
    stages = [stage for group in groups for stage in group.stages]
    position = {stage.node.id: i for i, stage in enumerate(stages)}
    # slots: each box in the column, top to bottom (a stage, then each of its decisions)
    box_slot: list[int] = []
    decision_slot: list[list[int]] = []
    slot = 0
    for stage in stages:
        box_slot.append(slot)
        decision_slot.append(list(range(slot + 1, slot + 1 + len(stage.decisions))))
        slot += 1 + len(stage.decisions)

    # 1. which routes go straight down, and the merged lines for all the others; lanes a side
    # (interval colouring), and the space they need between them
    straight, lanes = _lines(stages, position, box_slot, decision_slot, by_kind=True)
    counts = {side: _colour([lane for lane in lanes.values() if lane.side == side]) for side in ("left", "right")}
    if _least_width(counts) > max_width:  # too many to fit even close together: one line per stage a side
        straight, lanes = _lines(stages, position, box_slot, decision_slot, by_kind=False)
        counts = {side: _colour([lane for lane in lanes.values() if lane.side == side]) for side in ("left", "right")}

    # 2. widths: the lanes only as close as they must be, first to keep the column comfortably
    # wide (narrow boxes wrap their text onto more lines), then to keep it at its least width
    fixed = 2 * MARGIN + sum(LANE_GAP + SIDE_PAD for k in counts.values() if k)
    spaces = sum(k - 1 for k in counts.values() if k)
    pitch = LANE_PITCH
    for kept, least in ((COLUMN_COMFORT, LANE_PITCH_CLOSE), (COLUMN_MIN, LANE_PITCH_MIN)):
        if spaces and fixed + spaces * pitch + kept > max_width:
            pitch = max(least, (max_width - kept - fixed) / spaces)
    sides = {side: (LANE_GAP + (k - 1) * pitch + SIDE_PAD if k else 0.0) for side, k in counts.items()}
    column = max(COLUMN_MIN, min(COLUMN_MAX, max_width - 2 * MARGIN - sides["left"] - sides["right"]))

    # 3. sizes: every stage as wide as the column, tall enough for the lines arriving at its sides
    arriving: dict[tuple[int, str], list[Lane]] = {}
    leaving: dict[tuple[int, int, str], list[Lane]] = {}
    for lane in lanes.values():
        arriving.setdefault((lane.target, lane.side), []).append(lane)
        for i, j in lane.sources:
            leaving.setdefault((i, j, lane.side), []).append(lane)

    def fit(column: float) -> float:
        for i, stage in enumerate(stages):
            most = max(len(arriving.get((i, side), [])) for side in ("left", "right"))
            stage.node.fit(column, (most - 1) * ENTRY_PITCH + 2 * PADDING_ENDS)
            for j, decision in enumerate(stage.decisions):
                most = max(len(leaving.get((i, j, side), [])) for side in ("left", "right"))
                decision.node.fit(column - 2 * DECISION_INSET, (most - 1) * PORT_PITCH + 2 * PADDING_ENDS)
        return max([stage.node.width for stage in stages]
                   + [d.node.width + 2 * DECISION_INSET for stage in stages for d in stage.decisions], default=0.0)

    widest = fit(column)
    if widest > column:  # only a word too long for any line widens the column
        column = widest
        fit(column)
    first_stage = 0
    for group in groups:
        if group.label is not None:  # left of the line down the middle, if one comes down into it
            crossed = first_stage - 1 in straight
            group.label.fit(column / 2 - HEADING_GAP if crossed else column)
        first_stage += len(group.stages)

    # 4. positions, top to bottom
    left = MARGIN + sides["left"]
    middle = left + column / 2
    width = left + column + sides["right"] + MARGIN
    bands: list[Band] = []
    y = MARGIN
    for group in groups:
        band = Band(group.label, MARGIN / 2, y, width - MARGIN, 0.0)
        if group.label is not None:
            y += BAND_PAD
            group.label.x, group.label.y = left + group.label.width / 2, y + group.label.height / 2
            y += group.label.height + HEADING_GAP
        for number, stage in enumerate(group.stages):
            if number:
                y += ROW_GAP
            y = _place(stage.node, middle, y)
            for k, decision in enumerate(stage.decisions):
                y = _place(decision.node, middle, y + (STEM if k == 0 else DECISION_GAP))
        y += BAND_PAD if group.label is not None else 0.0
        band.height = y - band.y
        if group.label is not None:
            bands.append(band)
        y += BAND_GAP
    height = y - BAND_GAP + MARGIN

    # 5. the lines
    for lane in lanes.values():
        offset = LANE_GAP + lane.lane * pitch
        lane.x = left + column + offset if lane.side == "right" else left - offset
    edges: list[Edge] = []
    for i, stage in enumerate(stages):
        above = stage.node
        for decision in stage.decisions:  # a stage's decisions hang from it
            edges.append(Edge(above.id, decision.node.id, "hb-edge--stem", [(middle, above.bottom),
                                                                             (middle, decision.node.top)], arrow=False))
            above = decision.node
        if i in straight:
            below = stages[i + 1].node
            edges.append(Edge(above.id, below.id, straight[i], [(middle, above.bottom), (middle, below.top)]))
    where = _ends(stages, leaving, arriving)
    for lane in lanes.values():
        edges.append(_route(lane, stages, where))
    return ColumnLayout(width, height, column, pitch, edges, list(lanes.values()), bands)


def _lines(stages: list[Stage], position: dict[str, int], box_slot: list[int], decision_slot: list[list[int]],
           by_kind: bool) -> tuple[dict[int, str], dict[tuple[str, int, str], Lane]]:
    """The routes that go straight down (stage: kind of step) and the merged lines for the others:
    one per stage, side and kind of step, or (not `by_kind`) one per stage and side, drawn as a
    step up or down only if all its routes are."""
    straight: dict[int, str] = {}
    lanes: dict[tuple[str, int, str], Lane] = {}
    kinds: dict[tuple[str, int, str], set[str]] = {}
    for i, stage in enumerate(stages):
        for j, decision in enumerate(stage.decisions):
            seen: set[tuple[int, str]] = set()
            for route in decision.routes:
                target = position[route.target]
                if (target, route.css) in seen:
                    continue
                seen.add((target, route.css))
                if target == i + 1 and j == len(stage.decisions) - 1 and i not in straight:
                    straight[i] = route.css
                    continue
                side = "right" if target > i else "left"
                key = (side, target, route.css if by_kind else "")
                lane = lanes.setdefault(key, Lane(side, target, key[2]))
                kinds.setdefault(key, set()).add(route.css)
                if (i, j) not in lane.sources:
                    lane.sources.append((i, j))
    for key, lane in lanes.items():
        if len(kinds[key]) == 1:
            lane.css = next(iter(kinds[key]))
        ends = [decision_slot[i][j] for i, j in lane.sources]
        lane.first, lane.last = ((min(ends), box_slot[lane.target]) if lane.side == "right"
                                 else (box_slot[lane.target], max(ends)))
    return straight, lanes


def _least_width(counts: dict[str, int]) -> float:
    """The width of the drawing with its lanes as close as they may be and the narrowest column."""
    return (2 * MARGIN + sum(LANE_GAP + SIDE_PAD + (k - 1) * LANE_PITCH_MIN for k in counts.values() if k)
            + COLUMN_MIN)


def _place(node: Node, x: float, top: float) -> float:
    node.x, node.y = x, top + node.height / 2
    return top + node.height


def _colour(lanes: list[Lane]) -> int:
    """Give each line a lane so that lines whose spans overlap never share one; returns the
    number of lanes. Short lines go nearest the column (fewer crossings), unless that would need
    more lanes than the least possible (lines taken in order of their tops)."""

    def assign(order: list[Lane]) -> list[int]:
        taken: list[list[tuple[int, int]]] = []
        chosen = []
        for lane in order:
            for number, spans in enumerate(taken):
                if all(lane.last < first or last < lane.first for first, last in spans):
                    spans.append((lane.first, lane.last))
                    chosen.append(number)
                    break
            else:
                taken.append([(lane.first, lane.last)])
                chosen.append(len(taken) - 1)
        return chosen

    by_length = sorted(lanes, key=lambda ln: (ln.last - ln.first, ln.first, ln.target))
    by_top = sorted(lanes, key=lambda ln: (ln.first, ln.last, ln.target))
    nested, least = assign(by_length), assign(by_top)
    order, chosen = ((by_length, nested) if max(nested, default=-1) <= max(least, default=-1)
                     else (by_top, least))
    for lane, number in zip(order, chosen, strict=True):
        lane.lane = number
    return max(chosen, default=-1) + 1


def _spread(centre: float, count: int, pitch: float) -> list[float]:
    return [centre + (n - (count - 1) / 2) * pitch for n in range(count)]


Ends = dict[tuple[str, int, str, int, int], Point]  # (side, target, kind, stage, decision): where


def _ends(stages: list[Stage], leaving: dict[tuple[int, int, str], list[Lane]],
          arriving: dict[tuple[int, str], list[Lane]]) -> Ends:
    """Where each line leaves each decision and arrives at its stage, ordered so that the lines
    at one side do not cross each other: on the right (lines running down) the outer lane leaves
    highest and the inner lane arrives highest; on the left (running up), the reverse."""
    ends: Ends = {}
    for (i, j, side), out in leaving.items():
        node = stages[i].decisions[j].node
        order = sorted(out, key=lambda ln: -ln.lane if side == "right" else ln.lane)
        for lane, y in zip(order, _spread(node.y, len(order), PORT_PITCH), strict=True):
            ends[(*lane.key, i, j)] = (node.left if side == "left" else node.right, y)
    for (i, side), into in arriving.items():
        node = stages[i].node
        order = sorted(into, key=lambda ln: ln.lane if side == "right" else -ln.lane)
        for lane, y in zip(order, _spread(node.y, len(order), ENTRY_PITCH), strict=True):
            ends[(*lane.key, i, -1)] = (node.side_x(y, side), y)
    return ends


def _route(lane: Lane, stages: list[Stage], ends: Ends) -> Edge:
    """The line of one lane: from the decision farthest along the lane to the stage, with the
    lines from the other decisions joining it."""
    starts = [ends[(*lane.key, i, j)] for i, j in lane.sources]
    arrival = ends[(*lane.key, lane.target, -1)]
    ys = [y for _, y in starts]
    first = ys.index(min(ys) if lane.side == "right" else max(ys))
    start = starts[first]
    points = [start, (lane.x, start[1]), (lane.x, arrival[1]), arrival]
    branches = [[other, (lane.x, other[1])] for k, other in enumerate(starts) if k != first]
    i, j = lane.sources[first]
    return Edge(stages[i].decisions[j].node.id, stages[lane.target].node.id, lane.css, points,
                branches=branches, dots=[branch[-1] for branch in branches])
