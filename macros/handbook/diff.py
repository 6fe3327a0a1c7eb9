"""What changed in the handbook between two versions, in words a reviewer can check.

`handbook diff main` on a pull request lists every item added, removed or changed, by kind and
id, with the fields that changed: "service `family-hubs`: levels changed from [universal] to
[universal, additional-needs]". The versions come from git; the data at each is validated and
indexed exactly as for a build, so ids and kinds mean the same thing as on the site.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .areas import AREAS
from .book import Handbook
from .validate import check

Key = tuple[str, str]  # (kind label, id)


@dataclass(frozen=True)
class Entry:
    name: str
    data: Any


@dataclass
class Changes:
    added: list[tuple[Key, Entry]]
    removed: list[tuple[Key, Entry]]
    changed: list[tuple[Key, Entry, list[str]]]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


class DiffError(Exception):
    """A version that cannot be read or is not valid; the message says which and why."""


# --- reading a version from git -------------------------------------------------------------------


def _git(project: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=project, capture_output=True, check=False)
    if result.returncode:
        raise DiffError(result.stderr.decode(errors="replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def data_at(project: Path, ref: str, target: Path) -> Path:
    """Unpack the data folder as it was at `ref` into `target`; returns that data folder."""
    prefix = _git(project, "rev-parse", "--show-prefix").decode().strip()
    _git(project, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    archive = _git(project, "archive", "--format=tar", ref, "--", f"{prefix}data")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        try:
            tar.extractall(target, filter="data")
        except TypeError:  # Python before 3.10.12 / 3.11.4: git's own archive, so no filter needed
            tar.extractall(target)
    return target / prefix / "data"


def load_version(project: Path, ref: str | None, workdir: Path) -> Handbook:
    """The validated handbook at `ref`, or in the working folder when `ref` is None."""
    if ref is None:
        data_dir, base = project / "data", project
    else:
        data_dir = data_at(project, ref, workdir)
        base = data_dir.parent
    handbook, problems = check(data_dir, base=base)
    if handbook is None:
        where = f"at {ref}" if ref else "in the working folder"
        raise DiffError(f"The handbook data {where} has {len(problems.errors)} problem(s); "
                        "run `handbook check` there first. The first one: " + problems.errors[0].format())
    return handbook


# --- comparing --------------------------------------------------------------------------------


def _dump(model: BaseModel) -> Any:
    return model.model_dump(mode="json", by_alias=True)


def _holds_items(value: Any) -> bool:
    def is_item(v: Any) -> bool:
        return isinstance(v, BaseModel) and hasattr(type(v), "kind") and hasattr(v, "id")

    return is_item(value) or (isinstance(value, list) and any(is_item(v) for v in value))


def snapshot(handbook: Handbook) -> dict[Key, Entry]:
    """Everything a reviewer would name: each item, each area's own text, each framework and statement."""
    entries: dict[Key, Entry] = {}
    for record in handbook.index.items.values():
        entries[(record.kind_label, record.id)] = Entry(record.name, _dump(record.obj))
    for area in AREAS:
        model = handbook.areas.get(area.id)
        if model is None:
            continue
        own = {info.alias or name: _dump_value(getattr(model, name))
               for name, info in type(model).model_fields.items() if not _holds_items(getattr(model, name))}
        entries[("area", area.id)] = Entry(area.title, own)
    for framework in handbook.frameworks:
        entries[("framework", framework.id)] = Entry(framework.name, _dump(framework) | {"statements": None})
        for statement in framework.statements:
            entries[("framework statement", statement.id)] = Entry(statement.title, _dump(statement))
    return entries


def _dump_value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _dump(value)
    if isinstance(value, list):
        return [_dump_value(v) for v in value]
    return value


def compare(before: dict[Key, Entry], after: dict[Key, Entry]) -> Changes:
    added = [(key, after[key]) for key in after if key not in before]
    removed = [(key, before[key]) for key in before if key not in after]
    changed = [(key, entry, field_changes(before[key].data, entry.data))
               for key, entry in after.items() if key in before and before[key].data != entry.data]
    return Changes(added, removed, changed)


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, (dict, list)):
        return "…"
    if isinstance(value, str):
        flat = " ".join(value.split())
        return f"“{flat if len(flat) <= 60 else flat[:57] + '...'}”"
    return str(value)


def _label(entry: Any, position: int) -> str:
    if isinstance(entry, dict):
        for key in ("id", "what", "question", "role", "abbr", "to", "who", "name"):
            if isinstance(entry.get(key), str):
                return f"{key} {entry[key]}" if key == "to" else entry[key]
    return f"item {position + 1}"


def field_changes(before: Any, after: Any, path: str = "") -> list[str]:
    """Sentences naming each changed field, e.g. `levels changed from [a] to [a, b]`."""
    if before == after:
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        result = []
        for key in list(before) + [k for k in after if k not in before]:
            here = f"{path} › {key}" if path else str(key)
            if key not in after or (after[key] is None and before.get(key) is not None):
                result.append(f"{here} removed (was {_show(before[key])})")
            elif key not in before or (before[key] is None and after.get(key) is not None):
                result.append(f"{here} added: {_show(after[key])}")
            else:
                result += field_changes(before[key], after[key], here)
        return result
    lists_of_entries = (isinstance(before, list) and isinstance(after, list)
                        and any(isinstance(v, dict) for v in before + after))
    if lists_of_entries:
        old = {_label(v, i): v for i, v in enumerate(before)}
        new = {_label(v, i): v for i, v in enumerate(after)}
        result = [f"{path} › {label}: added" for label in new if label not in old]
        result += [f"{path} › {label}: removed" for label in old if label not in new]
        for label, entry in new.items():
            if label in old:
                result += field_changes(old[label], entry, f"{path} › {label}")
        if not result and list(old) != list(new):
            result.append(f"{path}: reordered")
        return result
    if isinstance(before, str) and isinstance(after, str) and max(len(before), len(after)) > 60:
        return [f"{path} reworded"]
    return [f"{path} changed from {_show(before)} to {_show(after)}"]


# --- reporting --------------------------------------------------------------------------------


def report(changes: Changes, before_name: str, after_name: str) -> str:
    """Markdown: readable in a terminal and in a GitHub job summary."""
    title = f"### What changed in the handbook ({before_name} → {after_name})"
    if changes.empty:
        return f"{title}\n\nNo changes to the handbook's data.\n"
    lines = [title, ""]
    counts = [f"{len(changes.added)} added", f"{len(changes.removed)} removed", f"{len(changes.changed)} changed"]
    lines += [", ".join(counts) + ".", ""]
    for heading, entries in (("Added", changes.added), ("Removed", changes.removed)):
        if entries:
            lines += [f"**{heading}**", ""]
            lines += [f"- {kind} `{item_id}` “{entry.name}”" for (kind, item_id), entry in sorted(entries)]
            lines.append("")
    if changes.changed:
        lines += ["**Changed**", ""]
        for (kind, item_id), _entry, fields in sorted(changes.changed, key=lambda c: c[0]):
            for field in fields or ["changed"]:
                lines.append(f"- {kind} `{item_id}`: {field}")
        lines.append("")
    return "\n".join(lines)


def diff(project: Path, base: str, head: str | None) -> str:
    with tempfile.TemporaryDirectory() as before_dir, tempfile.TemporaryDirectory() as after_dir:
        before = load_version(project, base, Path(before_dir))
        after = load_version(project, head, Path(after_dir))
        return report(compare(snapshot(before), snapshot(after)), base, head or "working folder")
