"""What the steps of the reading paths (start-here.yaml) point at, and the check that each exists.

A step's `read` may name an item of any kind (a team, a stage, a tool...) or a page (an area or a
framework), so it cannot be a `Ref(kind)`: it is checked here, against the whole index, from
`references.check_references`, and the Start here page finds its links here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import schema
from .areas import AREAS, KINDS
from .errors import Problem, describe_choices, did_you_mean
from .explain import place
from .index import Index
from .loader import LoadedFile

START_HERE = "start-here"  # the area whose page shows the paths: a step cannot lead back to it


@dataclass(frozen=True)
class ReadingTarget:
    """Where a step leads: an item's page and anchor, or a whole page (anchor None)."""

    page: str
    anchor: str | None
    name: str


def reading_pages(index: Index) -> dict[str, ReadingTarget]:
    """The pages a step may name by id: every area with a page but Start here, and every framework."""
    pages = {area.id: ReadingTarget(area.page, None, area.title)
             for area in AREAS if area.page and area.id != START_HERE}
    for record in index.statements.values():
        pages.setdefault(record.framework.id, ReadingTarget(record.page, None, record.framework.name))
    return pages


def reading_target(index: Index, target: str, pages: dict[str, ReadingTarget] | None = None) -> ReadingTarget | None:
    """What `read: <target>` leads to: the item with that id, else the page (None when neither)."""
    record = index.items.get(target)
    if record is not None:
        return ReadingTarget(record.page, record.anchor, record.name)
    return (pages if pages is not None else reading_pages(index)).get(target)


def check_reading_paths(loaded: LoadedFile, index: Index, checkable: set[str]) -> Iterable[Problem]:
    """Each step of the reading paths in this file leads to an item or a page of the handbook.

    The paths are items, so the index knows those of this file; `checkable` is the kinds whose
    files are valid: while one is not, its ids are unknown, and a step naming one is not reported.
    """
    listed = loaded.data.get("paths") if isinstance(loaded.data, dict) else None
    if not isinstance(listed, list) or not set(KINDS) <= checkable:
        return  # (looked up by their ids, so the other files cost nothing here)
    records = [index.items.get(str(entry.get("id"))) if isinstance(entry, dict) else None for entry in listed]
    paths = [record for record in records
             if record is not None and record.loaded is loaded and isinstance(record.obj, schema.ReadingPath)]
    pages = reading_pages(index)
    for record in paths:
        for i, step in enumerate(record.obj.steps):
            if reading_target(index, step.read, pages) is not None:
                continue
            suggestion = did_you_mean(step.read, [*index.items, *pages])
            yield place(loaded, (*record.loc, "steps", i, "read")).problem(
                f"Unknown item or page `{step.read}`",
                found=f"`{step.read}`, which is not the id of any item, area or framework in the handbook",
                expected="the id of an item of any kind (a team, a journey stage, a service, a tool...) "
                f"or of a page: {describe_choices(list(pages), 6)}",
                fix=f"Did you mean `{suggestion}`?" if suggestion
                else "Copy the id from the file that defines the item, or use one of the pages above.")
