"""Checks that need the whole handbook: every id referred to exists, ids and anchors do not clash."""

from __future__ import annotations

from collections.abc import Iterable

from . import schema
from .areas import ITEM_PAGE_SECTIONS, KINDS, RESERVED_FRAMEWORK_IDS, RESERVED_ITEM_PAGE_IDS, kind_label
from .errors import Problem, Problems, Severity, describe_choices, did_you_mean
from .explain import place
from .index import Index
from .loader import LoadedFile, Loc
from .reading import check_reading_paths
from .walk import Reference


def a(noun: str) -> str:
    """`a team`, `an assessment domain`."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _statement_ranges(index: Index) -> str:
    """`PS1 to PS8, PL1 to PL6, ...`: the statements that exist, compactly."""
    by_framework: dict[str, list[str]] = {}
    for record in index.statements.values():
        by_framework.setdefault(record.framework.id, []).append(record.id)
    ranges = [ids[0] if len(ids) == 1 else f"{ids[0]} to {ids[-1]}" for ids in by_framework.values()]
    return ", ".join(ranges)


def check_references(held: list[Reference], loaded: LoadedFile, index: Index,
                     checkable: set[str]) -> Iterable[Problem]:
    """Each id in `held` names an item of the right kind (kinds in `checkable` only: the others'
    files are not valid, so their ids are not known)."""
    listed: set[tuple[Loc, str]] = set()  # (the list, an id in it)
    for ref in held:
        if isinstance(ref.loc[-1], int):
            key = (ref.loc[:-1], ref.target)
            if key in listed:
                yield place(loaded, ref.loc).problem(f"`{ref.target}` is listed twice in `{ref.loc[-2]}`",
                                                     fix="Delete one of them.", severity=Severity.WARNING)
            listed.add(key)
        if ref.kind == schema.ANY_ITEM:
            if set(KINDS) - {"statement"} <= checkable:  # an item of any kind: every file must be valid
                yield from _check_any_item(ref, loaded, index)
            continue
        if ref.kind not in checkable:
            continue
        if ref.kind == "statement" and ref.target in index.statements:
            continue
        record = index.items.get(ref.target)
        if ref.kind != "statement" and record is not None and record.kind == ref.kind:
            continue
        where = place(loaded, ref.loc)
        label = kind_label(ref.kind)
        if ref.kind == "statement":
            suggestion = did_you_mean(ref.target, list(index.statements))
            yield where.problem(
                f"Unknown framework statement `{ref.target}`",
                found=f"`{ref.target}`, which is not a statement in any framework in data/frameworks/",
                expected=f"a statement id: {_statement_ranges(index)}",
                fix=f"Did you mean `{suggestion}`?" if suggestion
                else "Check the id against the framework pages, or add the statement to its framework file.")
            continue
        choices = [r.id for r in index.of_kind(ref.kind)]
        suggestion = did_you_mean(ref.target, choices)
        if record is not None:
            found = f"`{ref.target}`, which is the id of {a(record.kind_label)}, not {a(label)}"
        else:
            found = f"`{ref.target}`, which is not the id of any {label}"
        yield where.problem(
            f"Unknown {label} `{ref.target}`",
            found=found,
            expected=f"the id of {a(label)}: {describe_choices(choices)}",
            fix=f"Did you mean `{suggestion}`?" if suggestion
            else f"Use one of the ids above, or add the {label} first.")
    yield from check_reading_paths(loaded, index, checkable)


def _check_any_item(ref: Reference, loaded: LoadedFile, index: Index) -> Iterable[Problem]:
    if ref.target in index.items:
        return
    suggestion = did_you_mean(ref.target, list(index.items))
    yield place(loaded, ref.loc).problem(
        f"Unknown id `{ref.target}`",
        found=f"`{ref.target}`, which is not the id of anything in the handbook",
        expected="the id of a stage, team, service, tool or any other item",
        fix=f"Did you mean `{suggestion}`?" if suggestion else "Check the id in the file that defines the item.")


def check_reserved_ids(index: Index) -> Iterable[Problem]:
    """An item id that equals a section of its area's page would give two elements the same
    anchor (items with a page of their own keep an anchor there too)."""
    for record in index.items.values():
        area = record.area
        if record.own_page and record.id in (*RESERVED_ITEM_PAGE_IDS, *ITEM_PAGE_SECTIONS.get(record.kind, ())):
            # journey/index.md would be the journey page itself; and on the print page, where each
            # stage's page is a section, its own sections' anchors are taken out (whole.py)
            taken = ("the name of the page of the area itself" if record.id in RESERVED_ITEM_PAGE_IDS
                     else f"a section of every {record.kind_label}'s page")
            yield Problem(
                file=record.file, line=record.line,
                title=f"The id `{record.id}` cannot be used for a {record.kind_label}",
                found=f"the {record.kind_label} “{record.name}” with the id `{record.id}`, which is {taken}",
                expected="an id that is not one of " + describe_choices(
                    [*RESERVED_ITEM_PAGE_IDS, *ITEM_PAGE_SECTIONS.get(record.kind, ())]),
                fix=f"Choose another id, e.g. `{record.id}-{record.kind}`.")
        elif area.page and record.id in area.sections:
            yield Problem(
                file=record.file, line=record.line,
                title=f"The id `{record.id}` is taken by a section of the {area.title} page",
                found=f"the {record.kind_label} “{record.name}” with the id `{record.id}`",
                expected="an id that is not one of the page's sections " + describe_choices(list(area.sections)),
                fix=f"Choose another id, e.g. `{record.id}-{record.kind if record.kind != record.id else 'item'}`.")


def check_framework_ids(frameworks: list[tuple[schema.FrameworkFile, LoadedFile]], problems: Problems) -> None:
    """Framework ids name pages and statement ids name anchors: each must be unique."""
    seen: dict[str, str] = {}
    anchors: dict[str, str] = {}
    for framework, loaded in frameworks:
        for i, statement in enumerate(framework.statements):
            anchor = schema.statement_anchor(statement.id)
            if anchor in anchors and anchors[anchor] != statement.id:
                problems.add(Problem(
                    file=loaded.path, line=loaded.line_of(("statements", i, "id")),
                    title=f"The statement ids `{anchors[anchor]}` and `{statement.id}` would share a link",
                    found=f"both become the page anchor #{anchor}",
                    expected="statement ids that differ by more than punctuation or capitals",
                    fix="Give one of them a different number or prefix."))
            anchors.setdefault(anchor, statement.id)
        if framework.id in RESERVED_FRAMEWORK_IDS:
            problems.add(Problem(
                file=loaded.path, line=loaded.line_of(("id",)),
                title=f"A framework cannot have the id `{framework.id}`",
                found=f"`{framework.id}`, which is the name of the frameworks overview page",
                expected="an id naming this framework, e.g. kss-practice-leaders",
                fix="Choose another id; it becomes the framework page's address."))
        if framework.id in seen:
            problems.add(Problem(
                file=loaded.path, line=loaded.line_of(("id",)),
                title=f"Two framework files use the id `{framework.id}`",
                found=f"`{framework.id}` is also the id in {seen[framework.id]}",
                expected="each framework file to have its own id (it names the framework's page)",
                fix="Give this framework a different id, e.g. with its year: "
                f"`{framework.id}-{framework.year}`."))
        else:
            seen[framework.id] = loaded.path

