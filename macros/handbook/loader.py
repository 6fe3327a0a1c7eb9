"""Read YAML files into plain Python data, remembering where every value came from.

PyYAML's composer gives a node tree with start marks; we build the data from it ourselves so
that each value's line and column can be looked up by its path (the same path pydantic reports
in its errors). Duplicate keys, which PyYAML would silently overwrite, are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem, Severity

Loc = tuple[str | int, ...]

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# PyYAML's own words for syntax errors, and what they usually mean in a hand-edited file.
_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "Either the text on this line contains a colon (put the whole text in quotes, e.g. "
        'summary: "Timescale: 1 working day"), or the line is indented further than it should be.',
    ),
    (
        "could not determine a constructor for the tag",
        "A value starts with `!`, which YAML reads as a special tag. Put the text in quotes, "
        'e.g. - "!Important: ..."',
    ),
    (
        "found unhashable key",
        "A field name is written as a list or group. Check the brackets and colons on this line.",
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


def _mark(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass
class LoadedFile:
    """One YAML file's data, and its node tree to find where any value or key is.

    Positions are looked up on demand by walking the node tree along the path: building a map
    of every value's position up front cost more than the rest of the check on a large handbook.
    """

    path: str  # as shown to the user, relative to the project
    data: Any
    text: str = ""
    lines: list[str] = field(default_factory=list)
    root: Node | None = None

    def position(self, loc: Loc) -> Position | None:
        """Where `loc` is in the file: the key for a field, else the nearest enclosing value."""
        node, key_node = self.root, None
        for step in loc:
            if isinstance(node, MappingNode):
                found = None
                for key, value in node.value:  # the last match wins, as with merge keys
                    if isinstance(key, ScalarNode) and key.value == str(step):
                        found = (key, value)
                if found is None:
                    break
                key_node, node = found
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                key_node, node = None, node.value[step]
            else:
                break
        else:
            return _mark(key_node if key_node is not None else node) if node is not None else None
        return _mark(node) if node is not None else None

    def line_of(self, loc: Loc) -> int | None:
        position = self.position(loc)
        return position.line if position else None


_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# First characters after which PyYAML tries its implicit types (numbers, booleans, null, dates...).
_TYPED_FIRST_CHARACTERS = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


class _FastLoader(_Loader):  # type: ignore[misc, valid-type]
    """The same YAML, read faster: plain text starting with an ordinary letter is text.

    PyYAML's resolver tries its type patterns in Python for every scalar; most of a handbook is
    prose, and a value that begins with a letter no pattern starts with can only be a string.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0] and value and value[0] not in _TYPED_FIRST_CHARACTERS:
            return _STR_TAG
        return super().resolve(kind, value, implicit)


class _Builder:
    """Turns a composed node tree into Python data."""

    def __init__(self, loaded: LoadedFile, problems: list[Problem]):
        self.loaded = loaded
        self.problems = problems
        self.constructor = _Loader("")  # only its scalar constructors are used

    def build(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, MappingNode):
            return self._mapping(node)
        return [self.build(item) for item in node.value]

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == _STR_TAG:
            value: Any = node.value
        else:
            try:
                value = self.constructor.construct_object(node, deep=True)
            except (ValueError, TypeError, OverflowError) as error:  # e.g. `!!int abc`
                if node.tag.endswith(":timestamp") and not node.style:
                    # Looks like a date but is not a real one (2026-13-40): keep the text, so the
                    # field's own check can say a date is expected, on its line.
                    return node.value
                raise yaml.constructor.ConstructorError(
                    None, None, f"the value “{node.value}” does not fit its tag {node.tag} ({error})",
                    node.start_mark) from None
        if not node.style and isinstance(value, str):  # plain (unquoted) text: None or "" by loader
            self._check_comment_after(node)
        return value

    def _check_comment_after(self, node: ScalarNode) -> None:
        """`name: Vision #1 for all` is the text "Vision": YAML reads the rest as a comment."""
        end = node.end_mark
        if end.line >= len(self.loaded.lines):
            return
        text = self.loaded.lines[end.line]
        if text.find("#", end.column) < 0:
            return
        rest = text[end.column:]
        if re.match(r"\s+#\S", rest):
            line, column = end.line + 1, end.column + 1 + len(rest) - len(rest.lstrip())
            self.problems.append(Problem(
                file=self.loaded.path, line=line, column=column, severity=Severity.WARNING,
                title="Part of this line is read as a comment, not as text",
                found=f"“{rest.strip()}” after the text, which YAML ignores because it starts with #",
                expected="the whole text to be part of the value",
                fix="If the # belongs to the text, put the whole text in quotes.",
            ))

    def _mapping(self, node: MappingNode) -> dict[Any, Any]:
        explicit = sum(1 for key, _ in node.value if key.tag != _MERGE_TAG)
        if explicit != len(node.value):
            self.constructor.flatten_mapping(node)  # applies YAML merge keys (<<), merged pairs first
        merged = len(node.value) - explicit
        result: dict[Any, Any] = {}
        key_nodes: dict[Any, Node] = {}
        from_merge: set[Any] = set()
        for position, (key_node, value_node) in enumerate(node.value):
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, "A field name is not plain text", fix="Use a plain word before the colon.")
                continue
            key = key_node.value if key_node.tag == _STR_TAG else self.constructor.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)  # e.g. `2:` in a mapping keyed by level number
            if key in result and key not in from_merge:
                first = _mark(key_nodes[key])
                self._problem(
                    key_node,
                    f"The field `{key}` appears twice here",
                    found=f"a second `{key}:` (the first is on line {first.line})",
                    expected="each field once in the same entry",
                    fix="Merge the two into one, or delete the one you do not want. "
                    "Only one would be used, so the other would be lost silently.",
                )
                continue
            if position < merged:
                from_merge.add(key)
            else:
                from_merge.discard(key)  # an explicit key overrides a merged one, as YAML intends
            key_nodes[key] = key_node
            result[key] = self.build(value_node)
        return result

    def _problem(self, node: Node, title: str, **details: str) -> None:
        mark = _mark(node)
        self.problems.append(
            Problem(file=self.loaded.path, line=mark.line, column=mark.column, title=title, **details)
        )


def _syntax_problem(shown_as: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem_text = " ".join(filter(None, [error.context, error.problem]))
    hint = next((h for key, h in _SYNTAX_HINTS if key in problem_text), "")
    return Problem(
        file=shown_as,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        title="The YAML in this file cannot be read",
        found=f"YAML says: {problem_text}",
        expected="valid YAML: `field: value` lines, list entries starting with `- `, indented with spaces",
        fix=hint or "Compare this line with similar entries above it: indentation, colons and quotes.",
    )


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def load_yaml(path: Path, shown_as: str) -> tuple[LoadedFile | None, list[Problem]]:
    """Load one file. Returns the data with positions, or None and the reasons it could not be read."""
    problems: list[Problem] = []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                file=shown_as,
                line=line,
                title="The file is not saved as UTF-8 text",
                found=f"a character on line {line} that is not UTF-8 (often a letter such as é or a curly "
                "quote saved by another program)",
                expected="a file saved as UTF-8",
                fix="Save the file with UTF-8 encoding (the default in GitHub's editor and VS Code), "
                "or retype the character on this line.",
            )
        ]
    text = text.removeprefix("\ufeff")
    bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        line, column = _line_and_column(text, bad.start())
        return None, [
            Problem(
                file=shown_as, line=line, column=column,
                title="The file contains an invisible control character",
                found=f"character number {ord(bad.group()):#04x}, which cannot be shown (often pasted in from "
                "a word processor or an email)",
                expected="only printable text, spaces and line breaks",
                fix="Delete the character: retype the text around this position.",
            )
        ]
    loaded = LoadedFile(path=shown_as, data=None, text=text, lines=text.splitlines())
    try:
        node = yaml.compose(text, Loader=_FastLoader)
        if node is None:
            loaded.data = {}
            return loaded, problems
        loaded.root = node
        loaded.data = _Builder(loaded, problems).build(node)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(shown_as, error)]
    except yaml.YAMLError as error:
        return None, [Problem(file=shown_as, line=None, title="The YAML in this file cannot be read",
                              found=f"YAML says: {error}")]
    except RecursionError:
        return None, [Problem(
            file=shown_as, line=None, title="An alias in this file refers to itself",
            found="a YAML alias (`*name`) inside the entry it names, which would never end",
            expected="aliases that refer to an entry defined elsewhere",
            fix="Replace the alias with the text it stands for.",
        )]
    return loaded, problems
