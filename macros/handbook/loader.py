"""Read YAML files into plain Python data, remembering where every value came from.

PyYAML's composer gives a node tree with start marks; we build the data from it ourselves so
that each value's line and column can be looked up by its path (the same path pydantic reports
in its errors). Duplicate keys, which PyYAML would silently overwrite, are reported.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
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
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem, Severity, describe_choices, did_you_mean

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
        "while scanning a quoted scalar found unexpected end of stream",
        "The quote at this position is never closed. Add the closing quote at the end of the text "
        "(inside '...', write an apostrophe as two: 'the child''s plan').",
    ),
    (
        "found unexpected end of stream",
        "A quote is opened but never closed. Check that every \" or ' has a partner.",
    ),
    (
        "found unknown escape character",
        "Inside double quotes a backslash starts a code. Write \\\\ for a backslash, or use single quotes.",
    ),
    (
        "did not find expected ',' or ']'",
        "The [ at this position is not closed with ], or two entries inside it have no comma between them.",
    ),
    (
        "did not find expected ',' or '}'",
        "The { at this position is not closed with }, or two entries inside it have no comma between them.",
    ),
)


@dataclass
class Position:
    line: int
    column: int


# Characters that cannot be shown, never allowed in a file: the C0 and C1 controls, the line and
# paragraph separators (YAML, like some editors, starts a new line at them and others do not, so
# line numbers would disagree) and the controls that change the direction text is shown in (they
# can make text display differently from what it says).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LINE_SEPARATORS = "\u2028\u2029"
# Nor written as escapes in double quotes ("\x01", "\u202E"): the renderers rely on it too. "\L"
# and "\P" are let through: like "\n" they put a line break in the text, not in the file.
_ESCAPED_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# The README promises "a data file at most 32 MB": anything larger is refused before it is read.
# Far beyond any authority's real file (the sample's largest is 44 kB), and large enough for the
# benchmark's long lists (10,000 journey stages make a journey.yaml of about 25 MB): the limit is
# there so a file pasted in by mistake, or a device, cannot fill the memory, not to cap a handbook.
MAX_FILE_BYTES = 32 * 1024 * 1024
# Lists and mappings inside each other: the sample goes 7 deep. Deeper than this is a mistake
# (or an attack), and would exhaust the recursion of the readers and checks that follow.
MAX_DEPTH = 50
# How many values aliases (`*name`) may add by repeating what their anchor holds. A handful of
# aliases repeating each other ("billion laughs") would otherwise build billions of values.
MAX_ALIASED_VALUES = 100_000


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
_FLOAT_TAG = "tag:yaml.org,2002:float"
# A whole number YAML 1.1 reads as octal: 0 followed by more digits (`007`, `010`).
_LEADING_ZERO = re.compile(r"[-+]?0[0-7_]+")
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


class _Refused(Exception):
    """YAML the handbook does not accept (a tag, an alias loop or bomb, nesting too deep), and why."""

    def __init__(self, mark: Any, title: str, found: str, expected: str, fix: str) -> None:
        super().__init__(title)
        self.mark, self.title, self.found, self.expected, self.fix = mark, title, found, expected, fix

    def problem(self, shown_as: str, text: str) -> Problem:
        line, column = _place(self.mark, text)
        return Problem(file=shown_as, line=line, column=column, title=self.title, found=self.found,
                       expected=self.expected, fix=self.fix)


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


def _refuse_tag(mark: Any, tag: str) -> _Refused:
    written = "!!" + tag[len(_YAML_TAG_PREFIX):] if tag.startswith(_YAML_TAG_PREFIX) else tag
    return _Refused(
        mark, f"This value has a YAML tag (`{written}`)",
        found=f"`{written}` in front of the value, which tells YAML to read it as a special type",
        expected="plain YAML without tags: the handbook works out by itself what is text, a number or a date",
        fix=f"Remove `{written}` from this line. If the text really starts with !, put all of it in quotes.",
    )


def _too_deep(mark: Any) -> _Refused:
    return _Refused(
        mark, "Lists and groups are nested too deeply here",
        found=f"a list or group of fields inside more than {MAX_DEPTH} others (often a run of [ or - "
        "typed by mistake)",
        expected=f"at most {MAX_DEPTH} levels of lists and groups inside each other",
        fix="Check the brackets and the indentation on this line against the entries around it.",
    )


class _ThoroughLoader(yaml.composer.Composer, _FastLoader):  # type: ignore[misc]
    """For files the fast reader leaves alone: the same events, composed into nodes in Python.

    Both PyYAML composers give an alias (`*name`) its anchor's node, and with it the anchor's
    place, so a wrong id written as `- *early` was reported on the anchor's line; libyaml's
    composer cannot be told otherwise. Here a text alias gets a node of its own that starts
    where the alias is written. (Its end stays the anchor's, where the text is, for the check of
    a # that cuts text short. A list or mapping alias keeps its anchor's node: its entries are
    written there.)

    Composing also refuses what the handbook does not accept, where it is written: explicit tags
    (`!!timestamp`; a `!text` tag on a single value is left to the constructor, whose message says
    to put the text in quotes), nesting deeper than MAX_DEPTH, an alias inside the list or mapping
    it names (a loop that would never end), and aliases that together repeat more than
    MAX_ALIASED_VALUES values or nest deeper than MAX_DEPTH (a list of an alias of a list...). For
    these, each list and mapping's size and nesting with its aliases expanded is kept (nodes are
    shared, so composing stays as small as the file; building the data is what would multiply).
    A merge (`<<: *base`) counts as a level too: a chain of 50 merges is refused as well.
    """

    def __init__(self, stream: str) -> None:
        _FastLoader.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        self.depth = 0
        # id of a list or mapping node -> its values and its levels of nesting, aliases expanded
        self.sizes: dict[int, tuple[int, int]] = {}
        self.aliased = 0  # values added by aliases so far

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event: Any = self.peek_event()
        node: Any  # never None: PyYAML's composer returns None only when there is no event left
        if type(event) is AliasEvent:
            node = super().compose_node(parent, index)
            if isinstance(node, ScalarNode):
                start: Any = event.start_mark  # the C parser's marks are a type of their own
                return ScalarNode(node.tag, node.value, start, node.end_mark, node.style)
            measured = self.sizes.get(id(node))
            if measured is None:  # its anchor's list or mapping is still open: the alias is inside it
                raise _Refused(
                    event.start_mark, "An alias in this file refers to itself",
                    found="a YAML alias (`*name`) inside the entry it names, which would never end",
                    expected="aliases that refer to an entry defined elsewhere",
                    fix="Replace the alias with the text it stands for.",
                )
            size, levels = measured
            if self.depth + levels > MAX_DEPTH:  # lists of aliases of lists of aliases...
                raise _too_deep(event.start_mark)
            self.aliased += size
            if self.aliased > MAX_ALIASED_VALUES:
                raise _Refused(
                    event.start_mark, "Aliases in this file repeat too much",
                    found=f"aliases (`*name`) that together repeat more than {MAX_ALIASED_VALUES:,} values, "
                    "often aliases of entries that are themselves made of aliases",
                    expected="each entry written out, or an alias used a few times",
                    fix="Write the entries out instead of repeating them with aliases.",
                )
            return node
        tag = event.tag
        if tag is not None and tag != "!" and (type(event) is not ScalarEvent or tag.startswith(_YAML_TAG_PREFIX)):
            raise _refuse_tag(event.start_mark, tag)
        if type(event) is ScalarEvent:
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _too_deep(event.start_mark)
        node = super().compose_node(parent, index)
        self.depth -= 1
        sizes, scalar = self.sizes, (1, 0)
        children = [sizes.get(id(item), scalar) for pair in node.value for item in pair] \
            if isinstance(node, MappingNode) else [sizes.get(id(item), scalar) for item in node.value]
        sizes[id(node)] = (1 + sum(size for size, _ in children), 1 + max((levels for _, levels in children), default=0))
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
            if (node.tag == _INT_TAG or node.tag == _FLOAT_TAG) and not node.style:
                self._check_number_as_written(node, value)
        if not node.style and isinstance(value, str):  # plain (unquoted) text: None or "" by loader
            self._check_comment_after(node)
        return value

    def _check_escaped_control_character(self, node: ScalarNode) -> None:
        r"""`"\x01"` in double quotes is a character that cannot be shown, like one typed in."""
        bad = _ESCAPED_CONTROL.search(node.value) if node.style == '"' else None
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
            if (key_node.tag == _INT_TAG or key_node.tag == _FLOAT_TAG) and not key_node.style:
                self._check_number_as_written(key_node, key)
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
                if event.style == '"' and _ESCAPED_CONTROL.search(value):
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
                if len(frames) >= MAX_DEPTH:
                    raise _too_deep(event.start_mark)
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

    def _problem(self, node: Node, title: str, found: str = "", expected: str = "", fix: str = "") -> None:
        mark = _mark(node)
        self.problems.append(Problem(file=self.loaded.path, line=mark.line, column=mark.column, title=title,
                                     found=found, expected=expected, fix=fix))


def _place(mark: Any, text: str) -> tuple[int, int]:
    """`mark`'s line and column as an editor shows them, inside the file.

    libyaml ends a file that has no final line break with one of its own, so its end of file is
    on a line after the last; that is shown as the end of the last line instead.
    """
    lines = text.split("\n")  # only \n ends a line here: the other breaks YAML knows are refused
    if mark.line < len(lines):
        return mark.line + 1, mark.column + 1
    return len(lines), len(lines[-1]) + 1


def _at_end(mark: Any, text: str) -> bool:
    """Whether nothing but spaces and line breaks follows `mark`: where YAML stops looking."""
    lines = text.split("\n")
    if mark.line >= len(lines):
        return True
    return not lines[mark.line][mark.column:].strip() and not any(line.strip() for line in lines[mark.line + 1:])


def _syntax_problem(shown_as: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem_text = " ".join(filter(None, [error.context, error.problem]))
    if mark is not None and error.context_mark is not None and (
            _at_end(mark, text) or "did not find expected ',' or" in problem_text):
        # YAML reached the end of the file (or, in brackets, the next line's `name:`) still looking
        # for the end of something: a closing quote or bracket, the colon after a name. Where that
        # began is where to look.
        mark = error.context_mark
    hint = next((h for key, h in _SYNTAX_HINTS if key in problem_text), "")
    line, column = _place(mark, text) if mark is not None else (None, None)
    return Problem(
        file=shown_as,
        line=line,
        column=column,
        title="The YAML in this file cannot be read",
        found=f"YAML says: {problem_text}",
        expected="valid YAML: `field: value` lines, list entries starting with `- `, indented with spaces",
        fix=hint or "Compare this line with similar entries above it: indentation, colons and quotes.",
    )


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _character_problem(shown_as: str, text: str, bad: re.Match[str]) -> Problem:
    line, column = _line_and_column(text, bad.start())
    character = bad.group()
    code = f"U+{ord(character):04X}"
    if character in _LINE_SEPARATORS:
        return Problem(
            file=shown_as, line=line, column=column,
            title="The file contains an invisible line separator",
            found=f"character {code} ({unicodedata.name(character).lower()}), which some programs show as a "
            "new line and others do not (often pasted in from a web page or a PDF)",
            expected="ordinary line breaks (the Enter key)",
            fix="Delete the character: retype the line break or the space at this position.",
        )
    if character in _DIRECTION_CONTROLS:
        return Problem(
            file=shown_as, line=line, column=column,
            title="The file contains an invisible text-direction control",
            found=f"character {code} ({unicodedata.name(character).lower()}), which changes the order text is "
            "shown in, so that what a reader sees is not what the file says",
            expected="only printable text, spaces and line breaks",
            fix="Delete the character: retype the text around this position.",
        )
    return Problem(
        file=shown_as, line=line, column=column,
        title="The file contains an invisible control character",
        found=f"character number {ord(character):#04x}, which cannot be shown (often pasted in from "
        "a word processor or an email)",
        expected="only printable text, spaces and line breaks",
        fix="Delete the character: retype the text around this position.",
    )


def is_present(path: Path) -> bool:
    """Whether anything is at `path`: a folder, a broken link or a file that cannot be opened counts,
    so that `load_yaml` says what is wrong with it instead of the file being called missing."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:  # e.g. no permission to look inside the folder: load_yaml explains
        return True
    return True


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def _not_a_file(shown_as: str, mode: int) -> Problem:
    kind = next((name for test, name in _KINDS if test(mode)), "something other than a file")
    return Problem(
        file=shown_as, line=None, title=f"`{Path(shown_as).name}` is not an ordinary file",
        found=f"{kind} with this name",
        expected="a YAML file",
        fix="Remove it, and put the data file in its place (the sample authority's copy is a starting point).",
    )


def _too_big(shown_as: str, size: int) -> Problem:
    return Problem(
        file=shown_as, line=None, title="The file is too big",
        found=f"{size / (1024 * 1024):.1f} MB ({size:,} bytes)",
        expected=f"a data file may be at most {MAX_FILE_BYTES // (1024 * 1024)} MB ({MAX_FILE_BYTES:,} bytes)",
        fix="Keep long documents outside the handbook and link to them, or check that nothing was pasted "
        "in by mistake.",
    )


def _read(path: Path, shown_as: str, root: Path | None) -> bytes | Problem:
    """The file's bytes, or why they cannot be read.

    Only an ordinary file of at most MAX_FILE_BYTES is read: a named pipe would wait for a writer
    for ever and a device could be endless, so the kind is checked before opening (and again on
    what was opened, in case the file was swapped in between). With `root`, a link must lead to a
    file inside it: the handbook publishes only what is in the project.
    """
    try:
        if os.path.islink(path):
            target = os.readlink(path)
            try:
                os.stat(path)
            except FileNotFoundError:
                return Problem(
                    file=shown_as, line=None, title="The file is a link to a file that does not exist",
                    found=f"a symbolic link to {target}",
                    expected="the data file itself, or a link to an existing file",
                    fix="Replace the link with the file itself (the sample authority's copy is a starting point).",
                )
            real = Path(os.path.realpath(path))
            if root is not None and not real.is_relative_to(os.path.realpath(root)):
                return Problem(
                    file=shown_as, line=None, title="The file is a link to a file outside the project",
                    found=f"a symbolic link to {target}",
                    expected="the data file itself, kept in the project's data folder",
                    fix="Copy the file into the data folder in place of the link: the handbook only "
                    "publishes what is kept in the project.",
                )
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return _not_a_file(shown_as, info.st_mode)
        if info.st_size > MAX_FILE_BYTES:
            return _too_big(shown_as, info.st_size)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "rb") as file:
            opened = os.fstat(file.fileno())
            if not stat.S_ISREG(opened.st_mode):
                return _not_a_file(shown_as, opened.st_mode)
            raw = file.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        return Problem(
            file=shown_as, line=None, title="The file cannot be opened",
            found="permission to read it (or to look in its folder) is refused",
            expected="a file the check is allowed to read",
            fix="Give your user permission to read the file and its folder (e.g. `chmod a+rX` on them), "
            "or ask whoever set up the folder.",
        )
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Problem(
                file=shown_as, line=None, title="The file is a link that leads back to itself",
                found="a symbolic link that goes round in a circle, to itself or through other links",
                expected="the data file itself, or a link to an existing file",
                fix="Replace the link with the file itself (the sample authority's copy is a starting point).",
            )
        return Problem(
            file=shown_as, line=None, title="The file cannot be read",
            found=f"the computer says: {error.strerror or error}",
            expected="an ordinary YAML file",
            fix="Check that the file is there and can be opened, then run the check again.",
        )
    if len(raw) > MAX_FILE_BYTES:  # it grew after it was measured
        return _too_big(shown_as, len(raw))
    return raw


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link in a loop: not a folder (load_yaml says what it is, if it is read)
        return False


def read_folder(folder: Path, shown_as: str, expected: Collection[str] | None = None
                ) -> tuple[list[Path], list[Problem]]:
    """The YAML files in `folder`, and a warning for each other entry (hidden ones aside).

    With `expected`, the folder's entries are those names (anything else gets a warning that it
    is not read, with the name probably meant); without, they are its .yaml and .yml files. A
    missing folder is empty; one that cannot be opened is an error. The files come .yaml first,
    each kind in name order.
    """
    try:
        with os.scandir(folder) as entries:
            found = sorted((entry.name, _is_folder(entry)) for entry in entries if not entry.name.startswith("."))
    except FileNotFoundError:
        return [], []
    except NotADirectoryError:
        return [], [Problem(
            file=shown_as, line=None, title=f"`{folder.name}` should be a folder",
            found="a file with this name", expected=f"a folder {folder.name}/ holding YAML files",
            fix="Rename or remove the file, and restore the folder (the sample authority's is a starting point).",
        )]
    except OSError:  # usually no permission; the computer's reason would not help more
        return [], [Problem(
            file=shown_as, line=None, title="The folder cannot be opened",
            found="permission to list what is in it is refused",
            expected="a folder the check is allowed to read",
            fix="Give your user permission to read the folder (e.g. `chmod a+rX` on it), "
            "or ask whoever set up the folder.",
        )]
    known = set(expected) if expected is not None else None
    files: list[Path] = []
    problems: list[Problem] = []
    for name, is_folder in found:
        if known is None and name.endswith((".yaml", ".yml")):
            files.append(folder / name)
            continue
        if known is not None and name in known:
            continue
        what = "folder" if is_folder else "file"
        if known is not None:
            suggestion = did_you_mean(name, sorted(known))
            expected_text = f"only the handbook's own files: {describe_choices(sorted(known), 20)}"
        else:
            stem = name.rsplit(".", 1)[0]
            suggestion = f"{stem}.yaml" if not is_folder and name.lower().endswith((".yaml", ".yml")) else None
            expected_text = "only framework files, whose names end in .yaml"
        fix = (f"Did you mean `{suggestion}`? Nothing in it is used until it is in {suggestion}: rename it, "
               f"or move what it holds into {suggestion}." if suggestion else
               f"Move the {what} out of the data folder, or delete it if it is not needed.")
        problems.append(Problem(
            file=f"{shown_as}/{name}", line=None, severity=Severity.WARNING,
            title=f"The {what} `{name}` is not read", found=f"a {what} the handbook does not know",
            expected=expected_text, fix=fix,
        ))
    files.sort(key=lambda path: path.suffix != ".yaml")  # stable: name order within each kind
    return files, problems


def load_yaml(path: Path, shown_as: str, *, fast: bool = True, root: Path | None = None
              ) -> tuple[LoadedFile | None, list[Problem]]:
    """Load one file. Returns the data with positions, or None and the reasons it could not be read.

    `fast=False` skips the fast reader (the tests compare the two readers with it). With `root`
    (the project folder), a data file that is a link must lead inside it.
    """
    problems: list[Problem] = []
    raw = _read(path, shown_as, root)
    if isinstance(raw, Problem):
        return None, [raw]
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
        return None, [_character_problem(shown_as, text, bad)]
    loaded = LoadedFile(path=shown_as, data=None, text=text, lines=text.splitlines())
    try:
        if fast:
            try:
                loaded.data = _Builder(loaded, problems).from_events(_FastLoader(text))
                return loaded, problems
            except (_Unusual, yaml.YAMLError):  # read again below, the thorough way, which explains any problem
                problems.clear()
                loaded.table = loaded.root_mark = None
        node = yaml.compose(text, Loader=_ThoroughLoader)
        if node is None:
            loaded.data = {}
            return loaded, problems
        loaded.root = node
        loaded.data = _Builder(loaded, problems).build(node)
        # Text behind an alias is built again at each use: say each thing about it once.
        problems[:] = dict.fromkeys(problems)
    except _Refused as refused:
        return None, [refused.problem(shown_as, text)]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(shown_as, error, text)]
    except yaml.YAMLError as error:
        return None, [Problem(file=shown_as, line=None, title="The YAML in this file cannot be read",
                              found=f"YAML says: {error}")]
    return loaded, problems
