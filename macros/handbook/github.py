"""Problems as GitHub Actions sees them: inline annotations on the diff and a job summary table.

GitHub shows at most 10 annotations of each kind per step, so the summary carries the full list.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .errors import Problem, Severity


def running_in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One workflow command, e.g. `::error file=data/journey.yaml,line=12,title=...::message`."""
    level = "error" if problem.severity is Severity.ERROR else "warning"
    properties = [f"file={_escape_property(problem.file)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    properties.append(f"title={_escape_property(problem.title)}")
    details = [f"{name}: {text}" for name, text in
               (("where", problem.where), ("found", problem.found), ("expected", problem.expected),
                ("fix", problem.fix)) if text]
    return f"::{level} {','.join(properties)}::{_escape_data(chr(10).join(details) or problem.title)}"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def summary(errors: Sequence[Problem], warnings: Sequence[Problem]) -> str:
    """A Markdown report for the job summary page."""
    if not errors and not warnings:
        return "### Handbook check\n\nThe handbook data is valid.\n"
    lines = ["### Handbook check", ""]
    if errors:
        lines.append(f"**{len(errors)} problem{'s' if len(errors) != 1 else ''} "
                     "to fix before the handbook can be built.**")
    if warnings:
        lines.append(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}.")
    lines += ["", "| | File and line | Problem | What to do |", "| --- | --- | --- | --- |"]
    for problem in [*errors, *warnings]:
        mark = "❌ error" if problem.severity is Severity.ERROR else "⚠️ warning"
        found = f" Found: {_cell(problem.found)}." if problem.found else ""
        lines.append(f"| {mark} | `{_cell(problem.location)}` | {_cell(problem.title)}.{found} "
                     f"| {_cell(problem.fix or problem.expected)} |")
    return "\n".join(lines) + "\n"


def report(errors: Sequence[Problem], warnings: Sequence[Problem]) -> None:
    """Print the annotations and append the summary, when running under GitHub Actions."""
    for problem in [*errors, *warnings]:
        print(annotation(problem))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with Path(summary_file).open("a", encoding="utf-8") as handle:
            handle.write(summary(errors, warnings))
