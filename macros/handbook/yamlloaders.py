"""The PyYAML loaders the handbook reads with, and what they refuse.

The fast loader is libyaml's parser with a quicker way to tell each plain scalar's type; the
thorough loader composes PyYAML's node tree in Python, for the files the fast reader leaves
alone, and refuses tags, alias loops and bombs and nesting too deep where they are written.
"""

from __future__ import annotations

from typing import Any, cast

import yaml
from yaml.events import AliasEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode

from .errors import Problem
from .yamlerrors import place

# libyaml's loader where PyYAML was built with it (it is, from PyPI), else the Python one. Which
# one is only known when the module runs, so to the type checker the base class is untyped.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Lists and mappings inside each other: the sample goes 7 deep. Deeper than this is a mistake
# (or an attack), and would exhaust the recursion of the readers and checks that follow.
MAX_DEPTH = 50
# How many values aliases (`*name`) may add by repeating what their anchor holds. A handful of
# aliases repeating each other ("billion laughs") would otherwise build billions of values.
MAX_ALIASED_VALUES = 100_000

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
MERGE_TAG = "tag:yaml.org,2002:merge"
# First characters after which PyYAML tries its implicit types (numbers, booleans, null, dates...).
TYPED_FIRST_CHARACTERS = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


class FastLoader(_Loader):  # type: ignore[misc]  # a base known only at run time (above)
    """The same YAML, read faster: each plain text's type is worked out once.

    PyYAML's resolver tries its type patterns in Python for every scalar. Most of a handbook is
    prose, and a value that begins with a letter no pattern starts with can only be text; the
    rest (field names such as `team`, numbers, yes/no) repeat, so their answers are remembered.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            return plain_tag(value)
        return cast(str, super().resolve(kind, value, implicit))


class Refused(Exception):  # noqa: N818 - a verdict on the file, not an error in the code
    """YAML the handbook does not accept (a tag, an alias loop or bomb, nesting too deep), and why."""

    def __init__(self, mark: Any, title: str, found: str, expected: str, fix: str) -> None:
        super().__init__(title)
        self.mark, self.title, self.found, self.expected, self.fix = mark, title, found, expected, fix

    def problem(self, shown_as: str, text: str) -> Problem:
        line, column = place(self.mark, text)
        return Problem(file=shown_as, line=line, column=column, title=self.title, found=self.found,
                       expected=self.expected, fix=self.fix)


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


def _refuse_tag(mark: Any, tag: str) -> Refused:
    written = "!!" + tag[len(_YAML_TAG_PREFIX):] if tag.startswith(_YAML_TAG_PREFIX) else tag
    return Refused(
        mark, f"This value has a YAML tag (`{written}`)",
        found=f"`{written}` in front of the value, which tells YAML to read it as a special type",
        expected="plain YAML without tags: the handbook works out by itself what is text, a number or a date",
        fix=f"Remove `{written}` from this line. If the text really starts with !, put all of it in quotes.",
    )


def too_deep(mark: Any) -> Refused:
    return Refused(
        mark, "Lists and groups are nested too deeply here",
        found=f"a list or group of fields inside more than {MAX_DEPTH} others (often a run of [ or - "
        "typed by mistake)",
        expected=f"at most {MAX_DEPTH} levels of lists and groups inside each other",
        fix="Check the brackets and the indentation on this line against the entries around it.",
    )


class ThoroughLoader(yaml.composer.Composer, FastLoader):
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
        FastLoader.__init__(self, stream)  # type: ignore[call-arg]  # its run-time base's __init__
        yaml.composer.Composer.__init__(self)
        self.depth = 0
        # id of a list or mapping node -> its values and its levels of nesting, aliases expanded
        self.sizes: dict[int, tuple[int, int]] = {}
        self.aliased = 0  # values added by aliases so far

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event: Any = self.peek_event()
        node: Any  # never None: PyYAML's composer returns None only when there is no event left, and
        # compose_node is only asked for a node where an event starts one
        if type(event) is AliasEvent:
            node = super().compose_node(parent, index)
            if isinstance(node, ScalarNode):
                start: Any = event.start_mark  # the C parser's marks are a type of their own
                return ScalarNode(node.tag, node.value, start, node.end_mark, node.style)
            measured = self.sizes.get(id(node))
            if measured is None:  # its anchor's list or mapping is still open: the alias is inside it
                raise Refused(
                    event.start_mark, "An alias in this file refers to itself",
                    found="a YAML alias (`*name`) inside the entry it names, which would never end",
                    expected="aliases that refer to an entry defined elsewhere",
                    fix="Replace the alias with the text it stands for.",
                )
            size, levels = measured
            if self.depth + levels > MAX_DEPTH:  # lists of aliases of lists of aliases...
                raise too_deep(event.start_mark)
            self.aliased += size
            if self.aliased > MAX_ALIASED_VALUES:
                raise Refused(
                    event.start_mark, "Aliases in this file repeat too much",
                    found=f"aliases (`*name`) that together repeat more than {MAX_ALIASED_VALUES:,} values, "
                    "often aliases of entries that are themselves made of aliases",
                    expected="each entry written out, or an alias used a few times",
                    fix="Write the entries out instead of repeating them with aliases.",
                )
            return cast(Node, node)
        tag = event.tag
        if tag is not None and tag != "!" and (type(event) is not ScalarEvent or tag.startswith(_YAML_TAG_PREFIX)):
            raise _refuse_tag(event.start_mark, tag)
        if type(event) is ScalarEvent:
            return cast(Node, super().compose_node(parent, index))
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise too_deep(event.start_mark)
        node = super().compose_node(parent, index)
        self.depth -= 1
        sizes, scalar = self.sizes, (1, 0)
        children = [sizes.get(id(item), scalar) for pair in node.value for item in pair] \
            if isinstance(node, MappingNode) else [sizes.get(id(item), scalar) for item in node.value]
        sizes[id(node)] = (1 + sum(size for size, _ in children),
                           1 + max((levels for _, levels in children), default=0))
        return cast(Node, node)


_RESOLVER = yaml.resolver.Resolver()
_PLAIN_TAGS: dict[str, str] = {}


def plain_tag(value: str) -> str:
    """The tag YAML gives a plain (unquoted) scalar, e.g. int for `3`, bool for `yes`."""
    if value and value[0] not in TYPED_FIRST_CHARACTERS:
        return STR_TAG
    tag = _PLAIN_TAGS.get(value)
    if tag is None:
        tag = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]  # untyped in its stubs
        if len(_PLAIN_TAGS) < 100_000:  # bounded: a long-running `mkdocs serve` reads many versions
            _PLAIN_TAGS[value] = tag
    return tag
