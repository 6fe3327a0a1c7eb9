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
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent)
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


# Characters that cannot be shown. Never allowed in the data: not typed into a file, and not
# written as an escape in double quotes ("\x01") either (the renderers also rely on it).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _mark(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


# Where each key and list entry is, by the id of its mapping or list: for a mapping, key -> (the
# key's mark, the value's mark); for a list, the entries' marks in order.
PositionTable = dict[int, dict[str, tuple[Any, Any]] | list[Any]]


@dataclass
class LoadedFile:
    """One YAML file's data, and what is needed to find where any value or key is.

    Files read by the fast reader carry a table of positions keyed by the data's own mappings and
    lists; others (anchors, aliases, merge keys, tags) keep PyYAML's node tree, which is walked
    along the path instead.
    """

    path: str  # as shown to the user, relative to the project
    data: Any
    text: str = ""
    lines: list[str] = field(default_factory=list)
    root: Node | None = None
    table: PositionTable | None = None
    root_mark: Any = None

    def position(self, loc: Loc) -> Position | None:
        """Where `loc` is in the file: the key for a field, else the nearest enclosing value."""
        if self.table is not None:
            return self._position_from_table(loc)
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

    def _position_from_table(self, loc: Loc) -> Position | None:
        assert self.table is not None
        value, key_mark, value_mark = self.data, None, self.root_mark
        for step in loc:
            positions = self.table.get(id(value))
            if isinstance(value, dict) and isinstance(positions, dict) and str(step) in positions:
                key_mark, value_mark = positions[str(step)]
                value = value[str(step)]
            elif (isinstance(value, list) and isinstance(positions, list) and isinstance(step, int)
                  and 0 <= step < len(positions)):
                key_mark, value_mark = None, positions[step]
                value = value[step]
            else:
                return _at(value_mark)
        return _at(key_mark if key_mark is not None else value_mark)

    def line_of(self, loc: Loc) -> int | None:
        position = self.position(loc)
        return position.line if position else None


def _at(mark: Any) -> Position | None:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else None


_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# First characters after which PyYAML tries its implicit types (numbers, booleans, null, dates...).
_TYPED_FIRST_CHARACTERS = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


class _FastLoader(_Loader):  # type: ignore[misc, valid-type]
    """The same YAML, read faster: each plain text's type is worked out once.

    PyYAML's resolver tries its type patterns in Python for every scalar. Most of a handbook is
    prose, and a value that begins with a letter no pattern starts with can only be text; the
    rest (field names such as `team`, numbers, yes/no) repeat, so their answers are remembered.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            return _plain_tag(value)
        return super().resolve(kind, value, implicit)


class _ThoroughLoader(yaml.composer.Composer, _FastLoader):  # type: ignore[misc]
    """For files the fast reader leaves alone: the same events, composed into nodes in Python.

    Both PyYAML composers give an alias (`*name`) its anchor's node, and with it the anchor's
    place, so a wrong id written as `- *early` was reported on the anchor's line; libyaml's
    composer cannot be told otherwise. Here a text alias gets a node of its own that starts
    where the alias is written. (Its end stays the anchor's, where the text is, for the check of
    a # that cuts text short. A list or mapping alias keeps its anchor's node: its entries are
    written there, and a loop back into it must stay a loop, to be reported as one.)
    """

    def __init__(self, stream: str) -> None:
        _FastLoader.__init__(self, stream)
        yaml.composer.Composer.__init__(self)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        alias = self.peek_event() if self.check_event(AliasEvent) else None
        node = super().compose_node(parent, index)
        if alias is not None and isinstance(node, ScalarNode):
            return ScalarNode(node.tag, node.value, alias.start_mark, node.end_mark, node.style)
        return node


_RESOLVER = yaml.resolver.Resolver()
_PLAIN_TAGS: dict[str, str] = {}


def _plain_tag(value: str) -> str:
    """The tag YAML gives a plain (unquoted) scalar, e.g. int for `3`, bool for `yes`."""
    if value and value[0] not in _TYPED_FIRST_CHARACTERS:
        return _STR_TAG
    tag = _PLAIN_TAGS.get(value)
    if tag is None:
        tag = _RESOLVER.resolve(ScalarNode, value, (True, False))
        if len(_PLAIN_TAGS) < 100_000:  # bounded: a long-running `mkdocs serve` reads many versions
            _PLAIN_TAGS[value] = tag
    return tag


class _Unusual(Exception):
    """The file uses YAML the fast reader leaves to PyYAML's composer (anchors, tags, merge keys...)."""


_NO_KEY = object()


class _Builder:
    """Turns a composed node tree, or the parser's events, into Python data."""

    def __init__(self, loaded: LoadedFile, problems: list[Problem]):
        self.loaded = loaded
        self.problems = problems
        self.constructor = _FastLoader("")  # only its resolver and scalar constructors are used

    def build(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, MappingNode):
            return self._mapping(node)
        return [self.build(item) for item in node.value]

    def _scalar(self, node: ScalarNode) -> Any:
        self._check_escaped_control_character(node)
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

    def _check_escaped_control_character(self, node: ScalarNode) -> None:
        r"""`"\x01"` in double quotes is a character that cannot be shown, like one typed in."""
        bad = CONTROL_CHARACTER.search(node.value) if node.style == '"' else None
        if bad:
            self._problem(
                node, "The text contains an escape for an invisible control character",
                found=f"character number {ord(bad.group()):#04x}, written as an escape (a backslash "
                "code such as \\x01 or \\0) inside double quotes",
                expected="only printable text, spaces and line breaks",
                fix="Delete the backslash code from the quoted text.",
            )

    def _check_comment_after(self, node: ScalarNode | ScalarEvent) -> None:
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
            self._check_escaped_control_character(key_node)
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

    def from_events(self, parser: Any) -> Any:
        """Build the data straight from the C parser's events, recording each key's position.

        Composing PyYAML's node tree and resolving every scalar in Python took most of the time
        `handbook check` spent on a large handbook. Anything out of the ordinary (an anchor, an
        alias, a tag, a merge key, a repeated or non-text key, a second document) raises
        `_Unusual`, and the file is read again the thorough way, which explains any problem.
        """
        table: PositionTable = {}
        # One per open mapping or list: [it, its positions, key waiting for its value, the key's mark]
        frames: list[list[Any]] = []
        root: Any = None
        root_mark: Any = None
        get_event = parser.get_event
        # Only lines with a # can hold a comment after a plain text: most lines are skipped at once.
        hash_lines = {n for n, line in enumerate(self.loaded.lines) if "#" in line}
        documents = 0
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual
                value: Any = event.value
                if event.style == '"' and CONTROL_CHARACTER.search(value):
                    raise _Unusual  # an escape for an invisible character: the thorough reader explains
                if event.style == "":  # plain: its type depends on how it looks
                    # (most plain text starts with a letter no type starts with: text, decided here)
                    if (not value or value[0] in _TYPED_FIRST_CHARACTERS) and (tag := _plain_tag(value)) != _STR_TAG:
                        if frames and frames[-1][2] is _NO_KEY and type(frames[-1][0]) is dict:
                            value = self._typed_key(value, tag)
                        elif (tag == _INT_TAG and len(value) < 19 and value.isascii() and value.isdigit()
                              and (value[0] != "0" or value == "0")):
                            value = int(value)  # a plain whole number, as PyYAML reads it (a leading 0 is octal)
                        else:
                            value = self._scalar(ScalarNode(tag, value, event.start_mark, event.end_mark, ""))
                    elif event.end_mark.line in hash_lines:
                        self._check_comment_after(event)
                mark = event.start_mark
                opened = None
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                    raise _Unusual
                value = opened = {} if kind is MappingStartEvent else []
                mark = event.start_mark
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frames.pop()
                continue
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual  # PyYAML's composer explains that one document is expected
                continue
            elif kind is StreamEndEvent:
                break
            elif kind is AliasEvent:
                raise _Unusual
            else:  # stream start, document end
                continue
            if not frames:
                root, root_mark = value, mark
            else:
                frame = frames[-1]
                container = frame[0]
                if type(container) is list:
                    frame[1].append(mark)
                    container.append(value)
                elif frame[2] is _NO_KEY:
                    if opened is not None or not isinstance(value, str) or value == "<<" or value in container:
                        raise _Unusual
                    frame[2], frame[3] = value, mark
                else:
                    key = frame[2]
                    frame[1][key] = (frame[3], mark)
                    container[key] = value
                    frame[2] = _NO_KEY
            if opened is not None:
                positions: Any = {} if type(opened) is dict else []
                table[id(opened)] = positions
                frames.append([opened, positions, _NO_KEY, None])
        self.loaded.table, self.loaded.root_mark = table, root_mark
        return root if documents else {}  # an empty file is an empty set of fields, as before

    @staticmethod
    def _typed_key(value: str, tag: str) -> str:
        """A plain key that YAML reads as a number, a yes/no or a date: only whole numbers are read here."""
        if tag.endswith(":int") and value.isdigit() and (value == "0" or value[0] != "0"):
            return value
        raise _Unusual

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


def load_yaml(path: Path, shown_as: str, *, fast: bool = True) -> tuple[LoadedFile | None, list[Problem]]:
    """Load one file. Returns the data with positions, or None and the reasons it could not be read.

    `fast=False` skips the fast reader (the tests compare the two readers with it).
    """
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
    bad = CONTROL_CHARACTER.search(text)
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
    if fast:
        try:
            loaded.data = _Builder(loaded, problems).from_events(_FastLoader(text))
            return loaded, problems
        except (_Unusual, yaml.YAMLError):  # read again below, the thorough way, which explains any problem
            problems.clear()
            loaded.table = loaded.root_mark = None
    try:
        node = yaml.compose(text, Loader=_ThoroughLoader)
        if node is None:
            loaded.data = {}
            return loaded, problems
        loaded.root = node
        loaded.data = _Builder(loaded, problems).build(node)
        # Text behind an alias is built again at each use: say each thing about it once.
        problems[:] = dict.fromkeys(problems)
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
