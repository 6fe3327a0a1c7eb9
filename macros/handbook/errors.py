"""Problems found in the handbook data, written for the person who edits the YAML.

A Principal Social Worker reads these, not a programmer: every problem names the file, the
line (and column where known), where in the file it is, what was found, what was expected and
how to fix it. Problems are collected and reported together, never one at a time.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

# Characters that start a new line in a terminal, a log or an editor's problem list. Text from the
# data (an id, a quoted value) goes into messages; with a line break in it, what follows would
# start a line of its own, which GitHub Actions reads as a command when it begins with `::`.
_LINE_BREAKS = dict.fromkeys(map(ord, "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), " ⏎ ")
# Other control characters would move the cursor or change colours: shown as escapes instead.
_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]
             if code not in _LINE_BREAKS}


def one_line(text: str) -> str:
    """Text for one line of a message, whatever the data held: breaks shown as ⏎, controls escaped."""
    return text if text.isprintable() else text.translate(_LINE_BREAKS).translate(_CONTROLS)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in the data."""

    file: str
    line: int | None
    title: str
    column: int | None = None
    where: str = ""
    found: str = ""
    expected: str = ""
    fix: str = ""
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        """`file:line:column`, the form editors and terminals turn into a link."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        label = "" if self.severity is Severity.ERROR else "warning: "
        lines = [f"{one_line(self.location)}  {label}{one_line(self.title)}"]
        for name, text in (
            ("where", self.where),
            ("found", self.found),
            ("expected", self.expected),
            ("fix", self.fix),
        ):
            if text:
                lines.append(f"    {name + ':':<10}{one_line(text)}")
        return "\n".join(lines)

    def sort_key(self) -> tuple[str, int, int]:
        return (self.file, self.line or 0, self.column or 0)


@dataclass
class Problems:
    """Collects problems so that all of them can be shown together."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted(
            (p for p in self.items if p.severity is Severity.ERROR), key=Problem.sort_key
        )

    @property
    def warnings(self) -> list[Problem]:
        return sorted(
            (p for p in self.items if p.severity is Severity.WARNING), key=Problem.sort_key
        )


class HandbookDataError(Exception):
    """Raised when the data has errors; carries every one of them."""

    def __init__(self, errors: Sequence[Problem]):
        self.problems = list(errors)
        super().__init__(format_report(self.problems))


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def format_report(errors: Sequence[Problem], warnings: Sequence[Problem] = ()) -> str:
    """The full report: every problem, then a one-line summary of what to do."""
    blocks = [p.format() for p in [*errors, *warnings]]
    if errors:
        blocks.append(
            f"The handbook data has {plural(len(errors), 'problem')}"
            f"{' and ' + plural(len(warnings), 'warning') if warnings else ''}. "
            "Nothing was built. Fix the lines above and run the check again."
        )
    elif warnings:
        blocks.append(f"The handbook data is valid, with {plural(len(warnings), 'warning')}.")
    return "\n\n".join(blocks)


def did_you_mean(found: str, choices: Iterable[str]) -> str | None:
    """The closest known name to a misspelt one, if any is close enough to suggest."""
    options = list(choices)
    by_case = {option.casefold(): option for option in options}
    if found.casefold() in by_case:
        return by_case[found.casefold()]
    close = difflib.get_close_matches(found, options, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(
            found.casefold(), list(by_case), n=1, cutoff=0.6
        )
        close = [by_case[c] for c in close]
    return close[0] if close else None


def describe_choices(choices: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(f"`{c}`" for c in choices[:limit])
    if len(choices) > limit:
        shown += f" and {len(choices) - limit} more"
    return shown
