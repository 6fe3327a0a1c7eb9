"""Read YAML files into plain Python data, remembering where every value came from.

PyYAML's composer gives a node tree with start marks; we build the data from it ourselves so
that each value's line and column can be looked up by its path (the same path pydantic reports
in its errors). Duplicate keys, which PyYAML would silently overwrite, are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem

Loc = tuple[str | int, ...]

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# PyYAML's own words for syntax errors, and what they usually mean in a hand-edited file.
_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "A line has a second colon. If the text itself contains a colon, put the whole text "
        'in quotes, e.g. summary: "Timescale: 1 working day".',
    ),
    (
        "'\\t'",
        "A tab character is used for indentation. YAML needs spaces: replace the tab with spaces.",
    ),
    (
        "tab character",
        "A tab character is used for indentation. YAML needs spaces: replace the tab with spaces.",
    ),
    (
        "could not find expected ':'",
        "A line is missing the colon after its field name, or text runs on to a new line "
        "without being indented. Check the line above as well.",
    ),
    (
        "expected <block end>, but found",
        "The indentation is uneven. Line this entry up with the entries around it.",
    ),
    (
        "found undefined alias",
        "A `*` at the start of a value means an alias in YAML. Put the text in quotes.",
    ),
    (
        "found unexpected end of stream",
        "A quote is opened but never closed. Check that every \" or ' has a partner.",
    ),
    (
        "while scanning a quoted scalar",
        "A quote is opened but never closed. Check that every \" or ' has a partner.",
    ),
)


@dataclass
class Position:
    line: int
    column: int


@dataclass
class LoadedFile:
    """One YAML file's data and the position of every value and key in it."""

    path: str  # as shown to the user, relative to the project
    data: Any
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc) -> Position | None:
        """Where `loc` is in the file: the key for a field, else the nearest enclosing value."""
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            if end == len(loc) and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
            if prefix in self.keys:
                return self.keys[prefix]
        return None

    def line_of(self, loc: Loc) -> int | None:
        position = self.position(loc)
        return position.line if position else None


def _mark(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node tree into Python data and a position map."""

    def __init__(self, loaded: LoadedFile, problems: list[Problem]):
        self.loaded = loaded
        self.problems = problems
        self.constructor = _Loader("")  # only its scalar constructors are used

    def build(self, node: Node, loc: Loc) -> Any:
        self.loaded.values[loc] = _mark(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self.constructor.construct_object(node, deep=True)

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[Any, Any]:
        self.constructor.flatten_mapping(node)  # applies YAML merge keys (<<)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, "A field name is not plain text", fix="Use a plain word before the colon.")
                continue
            key = self.constructor.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)  # e.g. `2:` in a mapping keyed by level number
            if key in result:
                first = self.loaded.keys[(*loc, key)]
                self._problem(
                    key_node,
                    f"The field `{key}` appears twice here",
                    found=f"a second `{key}:` (the first is on line {first.line})",
                    expected="each field once in the same entry",
                    fix="Merge the two into one, or delete the one you do not want. "
                    "Only one would be used, so the other would be lost silently.",
                )
                continue
            self.loaded.keys[(*loc, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*loc, key))
        return result

    def _problem(self, node: Node, title: str, **details: str) -> None:
        mark = _mark(node)
        self.problems.append(
            Problem(file=self.loaded.path, line=mark.line, column=mark.column, title=title, **details)
        )


def load_yaml(path: Path, shown_as: str) -> tuple[LoadedFile | None, list[Problem]]:
    """Load one file. Returns the data with positions, or None and the reasons it could not be read."""
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [
            Problem(
                file=shown_as,
                line=None,
                title="The file is not saved as UTF-8 text",
                found=str(error),
                fix="Save the file with UTF-8 encoding (the default in GitHub's editor and VS Code).",
            )
        ]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem_text = " ".join(filter(None, [error.context, error.problem]))
        hint = next((h for key, h in _SYNTAX_HINTS if key in problem_text), "")
        return None, [
            Problem(
                file=shown_as,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
                title="The YAML in this file cannot be read",
                found=f"YAML says: {problem_text}",
                expected="valid YAML: `field: value` lines, list entries starting with `- `, "
                "indented with spaces",
                fix=hint
                or "Compare this line with similar entries above it: indentation, colons and quotes.",
            )
        ]
    except yaml.YAMLError as error:  # e.g. a control character in the text
        return None, [
            Problem(file=shown_as, line=None, title="The YAML in this file cannot be read", found=str(error))
        ]
    loaded = LoadedFile(path=shown_as, data=None)
    if node is None:
        loaded.data = {}
        loaded.values[()] = Position(1, 1)
        return loaded, problems
    loaded.data = _Builder(loaded, problems).build(node, ())
    return loaded, problems
