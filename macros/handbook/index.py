"""The cross-reference index: every item and statement by id, and the links derived from them.

Cross-references are declared once, on the model's side (a stage says which team runs it and
which statements it evidences). Everything in the other direction (what evidences a statement,
which stages a team runs, which services serve a level) is derived here, once per build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from .areas import Area, framework_page
from .errors import Problem
from .loader import LoadedFile, Loc
from .schema import FrameworkFile, Statement, statement_anchor
from .walk import Reference, holds_references, references, walk_models


@dataclass(frozen=True, eq=False)  # one record per item: identity is equality
class ItemRecord:
    """Where an item of the model lives: its data, its file and line, and its page and anchor."""

    id: str
    kind: str
    kind_label: str
    name: str
    area: Area
    file: str
    obj: Any
    loaded: LoadedFile = field(repr=False)
    loc: Loc = ()

    @cached_property
    def line(self) -> int | None:
        """The line of the item's id (worked out when asked: a check that finds nothing needs none)."""
        return self.loaded.line_of((*self.loc, "id"))

    @property
    def own_page(self) -> bool:
        """Whether the item has a page of its own (a stage, a team) rather than a section."""
        return self.kind in self.area.item_pages

    @property
    def page(self) -> str:
        return self.area.item_page(self.id) if self.own_page else self.area.own_page

    @property
    def anchor(self) -> str | None:
        """The item's anchor on its page (None: the item is the whole page)."""
        return None if self.own_page else self.id

    @property
    def evidences(self) -> list[str]:
        return list(getattr(self.obj, "evidences", []))


@dataclass(frozen=True)
class StatementRecord:
    statement: Statement
    framework: FrameworkFile
    file: str
    line: int | None

    @property
    def id(self) -> str:
        return self.statement.id

    @property
    def page(self) -> str:
        return framework_page(self.framework.id)

    @property
    def anchor(self) -> str:
        return statement_anchor(self.statement.id)


@dataclass
class Index:
    items: dict[str, ItemRecord] = field(default_factory=dict)
    statements: dict[str, StatementRecord] = field(default_factory=dict)
    # statement id -> items that evidence it, in data order
    evidence: dict[str, list[ItemRecord]] = field(default_factory=lambda: defaultdict(list))
    # (target id, kind of the source item) -> source items that refer to the target
    referrers: dict[tuple[str, str], list[ItemRecord]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def of_kind(self, kind: str) -> list[ItemRecord]:
        return [record for record in self.items.values() if record.kind == kind]

    def referring(self, target: str, source_kind: str) -> list[ItemRecord]:
        """Items of `source_kind` that point at `target` (e.g. the stages a team runs)."""
        return list(self.referrers.get((target, source_kind), []))

    def evidenced_by(self, statement_id: str) -> list[ItemRecord]:
        return list(self.evidence.get(statement_id, []))

    def gaps(self) -> list[StatementRecord]:
        return [s for s in self.statements.values() if not self.evidence.get(s.id)]


def _name_of(obj: BaseModel) -> str:
    return str(getattr(obj, "name", None) or getattr(obj, "role", None) or getattr(obj, "id", ""))


def build_index(
    areas: list[tuple[Area, BaseModel, LoadedFile]],
    frameworks: list[tuple[FrameworkFile, LoadedFile]],
    walked: dict[str, list[tuple[BaseModel, Loc]]] | None = None,
    held: dict[str, list[Reference]] | None = None,
) -> tuple[Index, list[Problem]]:
    """Index every id'd item and statement; report ids used twice.

    `walked` is each area's models with their paths, when the caller has already listed them.
    Every reference found on the way is added to `held`, by area, when it is given (the checks
    of references use them too: finding them twice was a tenth of a large handbook's check).
    """
    walked = walked if walked is not None else {area.id: list(walk_models(data)) for area, data, _ in areas}
    index = Index()
    problems: list[Problem] = []

    for area, _data, loaded in areas:
        for obj, loc in walked[area.id]:
            # Only models with a kind are items (asked first: asking a model without an id for
            # one is slow, as pydantic raises and catches an error for each)
            item_id = getattr(obj, "id", None) if hasattr(type(obj), "kind") else None
            if item_id is None:
                continue
            record = ItemRecord(
                id=item_id,
                kind=getattr(type(obj), "kind"),  # noqa: B009 - a ClassVar some models declare
                kind_label=getattr(type(obj), "kind_label"),  # noqa: B009
                name=_name_of(obj),
                area=area,
                file=loaded.path,
                obj=obj,
                loaded=loaded,
                loc=loc,
            )
            if item_id in index.items:
                problems.append(_duplicate(record, index.items[item_id]))
                continue
            index.items[item_id] = record

    for framework, loaded in frameworks:
        for i, statement in enumerate(framework.statements):
            statement_record = StatementRecord(statement, framework, loaded.path,
                                               loaded.line_of(("statements", i, "id")))
            if statement.id in index.statements:
                first = index.statements[statement.id]
                problems.append(
                    Problem(
                        file=statement_record.file,
                        line=statement_record.line,
                        title=f"The statement id `{statement.id}` is used twice",
                        where=f"statements › {statement.id}",
                        found=f"`{statement.id}` is already a statement in {first.file} (line {first.line})",
                        expected="every statement id to be unique across all frameworks, because the "
                        "model refers to statements by id alone",
                        fix="Give the statements in one of the frameworks a distinct prefix.",
                    )
                )
                continue
            index.statements[statement.id] = statement_record

    # Links from every model object (not only id'd ones) are attributed to the nearest item
    # above them, e.g. a decision's outcome belongs to its stage.
    linked: set[tuple[str, str, int]] = set()  # (target, kind, source) already listed: lists stay unique
    for area, _data, _loaded in areas:
        found = held.setdefault(area.id, []) if held is not None else []
        owner: list[tuple[Loc, ItemRecord]] = []
        for obj, loc in walked[area.id]:
            is_item, refers = hasattr(type(obj), "kind"), holds_references(type(obj))
            if not is_item and not refers:
                continue  # most models are neither: the stack of owners is brought up to date when needed
            while owner and loc[: len(owner[-1][0])] != owner[-1][0]:
                owner.pop()
            if is_item:
                held_by = index.items.get(getattr(obj, "id", ""))
                if held_by is not None and held_by.obj is obj:
                    owner.append((loc, held_by))
            if not refers:
                continue
            refs = list(references(obj, loc))
            found += refs
            if not owner:
                continue
            source = owner[-1][1]
            for ref in refs:
                key = (ref.target, ref.kind if ref.kind == "statement" else source.kind, id(source))
                if key in linked:
                    continue
                linked.add(key)
                if ref.kind == "statement":
                    index.evidence[ref.target].append(source)
                else:
                    index.referrers[(ref.target, source.kind)].append(source)
    return index, problems


def _duplicate(record: ItemRecord, first: ItemRecord) -> Problem:
    return Problem(
        file=record.file,
        line=record.line,
        title=f"The id `{record.id}` is used twice",
        where=f"the {record.kind_label} “{record.name}”",
        found=f"`{record.id}` is already the id of the {first.kind_label} “{first.name}” "
        f"({first.file}, line {first.line})",
        expected="every id in the handbook to be different, because links and page anchors use them",
        fix=f"Change one of them, e.g. `{record.id}-{record.kind}`, and update anything that refers to it.",
    )
