"""What to say when PyYAML cannot read a data file, and where in the file to point.

PyYAML's messages are written for programmers; each is matched here to what it usually means in
a hand-edited file, and its position moved to where the person editing should look.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import Problem

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


def place(mark: Any, text: str) -> tuple[int, int]:
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


def syntax_problem(shown_as: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem_text = " ".join(filter(None, [error.context, error.problem]))
    if mark is not None and error.context_mark is not None and (
            _at_end(mark, text) or "did not find expected ',' or" in problem_text):
        # YAML reached the end of the file (or, in brackets, the next line's `name:`) still looking
        # for the end of something: a closing quote or bracket, the colon after a name. Where that
        # began is where to look.
        mark = error.context_mark
    hint = next((h for key, h in _SYNTAX_HINTS if key in problem_text), "")
    line, column = place(mark, text) if mark is not None else (None, None)
    return Problem(
        file=shown_as,
        line=line,
        column=column,
        title="The YAML in this file cannot be read",
        found=f"YAML says: {problem_text}",
        expected="valid YAML: `field: value` lines, list entries starting with `- `, indented with spaces",
        fix=hint or "Compare this line with similar entries above it: indentation, colons and quotes.",
    )
