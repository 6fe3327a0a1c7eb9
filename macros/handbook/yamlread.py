"""Build Python data from YAML, with the position of every key and list entry.

PyYAML's composer gives a node tree with start marks; the data is built from it here, so that
each value's line and column can be looked up by its path, and duplicate keys (which PyYAML
would silently overwrite) are reported. Most files skip the node tree: their data and a table of
positions are built straight from libyaml's events.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode

from .characters import ESCAPED_CONTROL
from .errors import Problem, Severity
from .yamlloaders import (
    FLOAT_TAG,
    INT_TAG,
    MAX_DEPTH,
    MERGE_TAG,
    STR_TAG,
    TYPED_FIRST_CHARACTERS,
    FastLoader,
    plain_tag,
    too_deep,
)

# Where each key and list entry is, by the id of its mapping or list: for a mapping, key -> (the
# key's mark, the value's mark); for a list, the entries' marks in order.
PositionTable = dict[int, dict[str, tuple[Any, Any]] | list[Any]]

# A whole number YAML 1.1 reads as octal: 0 followed by more digits (`007`, `010`).
_LEADING_ZERO = re.compile(r"[-+]?0[0-7_]+")


class Unusual(Exception):  # noqa: N818 - a signal to use the slower reader, not an error
    """The file uses YAML the fast reader leaves to PyYAML's composer (anchors, tags, merge keys...)."""


_NO_KEY = object()


class Builder:
    """Turns a composed node tree, or the parser's events, into Python data."""

    def __init__(self, path: str, lines: list[str], problems: list[Problem]):
        self.path = path  # as shown to the user
        self.lines = lines
        self.problems = problems
        self.constructor = FastLoader("")  # only its resolver and scalar constructors are used

    def build(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, MappingNode):
            return self._mapping(node)
        return [self.build(item) for item in node.value]

    def _scalar(self, node: ScalarNode) -> Any:
        self._check_escaped_control_character(node)
        if node.tag == STR_TAG:
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
            if (node.tag in (INT_TAG, FLOAT_TAG)) and not node.style:
                self._check_number_as_written(node, value)
        if not node.style and isinstance(value, str):  # plain (unquoted) text: None or "" by loader
            self._check_comment_after(node)
        return value

    def _check_escaped_control_character(self, node: ScalarNode) -> None:
        r"""`"\x01"` in double quotes is a character that cannot be shown, like one typed in."""
        bad = ESCAPED_CONTROL.search(node.value) if node.style == '"' else None
        if bad:
            self._problem(
                node, "The text contains an escape for an invisible control character",
                found=f"character number {ord(bad.group()):#04x}, written as an escape (a backslash "
                "code such as \\x01 or \\0) inside double quotes",
                expected="only printable text, spaces and line breaks",
                fix="Delete the backslash code from the quoted text.",
            )

    def _check_number_as_written(self, node: ScalarNode, value: float) -> None:
        """`1:30` is 90 and `010` is 8 to PyYAML (YAML 1.1), but text or 10 to the person who typed it
        (and to the editors' YAML 1.2 schema check). Refused, so that nobody publishes a number they
        did not write."""
        text = node.value
        if ":" in text:
            how, kind = "YAML reads numbers with colons as minutes and seconds (base 60)", "text (a time, a ratio)"
            plain = str(value)
        elif _LEADING_ZERO.fullmatch(text):
            how, kind = "a leading 0 makes YAML read the digits as an octal (base 8) number", "text (a code)"
            digits = text.lstrip("+-").replace("_", "").lstrip("0") or "0"
            plain = ("-" if text.startswith("-") else "") + digits
        else:
            return
        self._problem(
            node, f"`{text}` is read by YAML as the number {value}",
            found=f"`{text}`: {how}",
            expected="text in quotes, or a number written plainly",
            fix=f'If it is {kind}, put it in quotes: "{text}". If it is a number, write it as {plain}.',
        )

    def _check_comment_after(self, node: ScalarNode | ScalarEvent) -> None:
        """`name: Vision #1 for all` is the text "Vision": YAML reads the rest as a comment."""
        end = node.end_mark
        if end is None or end.line >= len(self.lines):
            return
        text = self.lines[end.line]
        if text.find("#", end.column) < 0:
            return
        rest = text[end.column:]
        if re.match(r"\s+#\S", rest):
            line, column = end.line + 1, end.column + 1 + len(rest) - len(rest.lstrip())
            self.problems.append(Problem(
                file=self.path, line=line, column=column, severity=Severity.WARNING,
                title="Part of this line is read as a comment, not as text",
                found=f"“{rest.strip()}” after the text, which YAML ignores because it starts with #",
                expected="the whole text to be part of the value",
                fix="If the # belongs to the text, put the whole text in quotes.",
            ))

    def _mapping(self, node: MappingNode) -> dict[Any, Any]:
        explicit = sum(1 for key, _ in node.value if key.tag != MERGE_TAG)
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
            key = key_node.value if key_node.tag == STR_TAG else self.constructor.construct_object(key_node, deep=True)
            if (key_node.tag in (INT_TAG, FLOAT_TAG)) and not key_node.style:
                self._check_number_as_written(key_node, key)
            if not isinstance(key, str):
                key = str(key)  # e.g. `2:` in a mapping keyed by level number
            if key in result and key not in from_merge:
                first_line = key_nodes[key].start_mark.line + 1
                self._problem(
                    key_node,
                    f"The field `{key}` appears twice here",
                    found=f"a second `{key}:` (the first is on line {first_line})",
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

    def from_events(self, parser: Any) -> tuple[Any, PositionTable, Any]:
        """Build the data straight from the C parser's events, recording each key's position.

        Composing PyYAML's node tree and resolving every scalar in Python took most of the time
        `handbook check` spent on a large handbook. Anything out of the ordinary (an anchor, an
        alias, a tag, a merge key, a repeated or non-text key, a second document) raises
        `Unusual`, and the file is read again the thorough way, which explains any problem.
        Returns the data, the table of its positions and the mark where it starts.
        """
        table: PositionTable = {}
        # One per open mapping or list: [it, its positions, key waiting for its value, the key's mark]
        frames: list[list[Any]] = []
        root: Any = None
        root_mark: Any = None
        get_event = parser.get_event
        # Only lines with a # can hold a comment after a plain text: most lines are skipped at once.
        hash_lines = {n for n, line in enumerate(self.lines) if "#" in line}
        documents = 0
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise Unusual
                value: Any = event.value
                if event.style == '"' and ESCAPED_CONTROL.search(value):
                    raise Unusual  # an escape for an invisible character: the thorough reader explains
                if event.style == "":  # plain: its type depends on how it looks
                    # (most plain text starts with a letter no type starts with: text, decided here)
                    if (not value or value[0] in TYPED_FIRST_CHARACTERS) and (tag := plain_tag(value)) != STR_TAG:
                        if frames and frames[-1][2] is _NO_KEY and type(frames[-1][0]) is dict:
                            value = self._typed_key(value, tag)
                        elif (tag == INT_TAG and len(value) < 19 and value.isascii() and value.isdigit()
                              and (value[0] != "0" or value == "0")):
                            value = int(value)  # a plain whole number, as PyYAML reads it (a leading 0 is octal)
                        else:
                            value = self._scalar(ScalarNode(tag, value, event.start_mark, event.end_mark, ""))
                    elif event.end_mark.line in hash_lines:
                        self._check_comment_after(event)
                mark = event.start_mark
                opened: dict[Any, Any] | list[Any] | None = None
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                    raise Unusual
                if len(frames) >= MAX_DEPTH:
                    raise too_deep(event.start_mark)
                value = opened = {} if kind is MappingStartEvent else []
                mark = event.start_mark
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frames.pop()
                continue
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise Unusual  # PyYAML's composer explains that one document is expected
                continue
            elif kind is StreamEndEvent:
                break
            elif kind is AliasEvent:
                raise Unusual
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
                        raise Unusual
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
        # an empty file is an empty set of fields, as before
        return (root if documents else {}), table, root_mark

    @staticmethod
    def _typed_key(value: str, tag: str) -> str:
        """A plain key that YAML reads as a number, a yes/no or a date: only whole numbers are read here."""
        if tag.endswith(":int") and value.isdigit() and (value == "0" or value[0] != "0"):
            return value
        raise Unusual

    def _problem(self, node: Node, title: str, found: str = "", expected: str = "", fix: str = "") -> None:
        mark = node.start_mark
        self.problems.append(Problem(file=self.path, line=mark.line + 1, column=mark.column + 1, title=title,
                                     found=found, expected=expected, fix=fix))
