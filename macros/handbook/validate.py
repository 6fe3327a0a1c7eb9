"""Load, validate and index the whole handbook, collecting every problem before stopping.

The same function runs from `handbook check` and from the MkDocs build, so both print the same
messages. Structural problems come from pydantic and are rewritten into plain English with the
file and line; reference problems are found against the complete index.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import reviews, schema
from .areas import AREAS, FRAMEWORKS_FOLDER, KINDS, Area
from .book import Handbook
from .errors import (
    HandbookDataError,
    Problem,
    Problems,
    Severity,
    describe_choices,
    did_you_mean,
)
from .explain import describe_value, explain, place
from .index import Index, build_index
from .loader import LoadedFile, Loc, is_present, load_yaml, read_folder
from .privacy import scan as scan_for_personal_data
from .references import check_framework_ids, check_references, check_reserved_ids
from .rules import check_rules
from .templates import page_problems
from .textcheck import check_text, known_pages
from .walk import Reference, fields_of, model_at, walk_models


def display_path(path: Path, base: Path) -> str:
    try:  # the file's own name, not where a link leads (a link in a loop cannot be resolved at all)
        return (path.parent.resolve() / path.name).relative_to(base.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Reading a large handbook creates hundreds of thousands of dicts, lists and models, and
    Python's cycle collector would walk all of them again and again as they pile up (a quarter of
    the check's time at 50x the sample). The data is a tree without cycles: reference counting
    frees it without the collector's help.

    At the end, what is still alive is frozen (moved out of the collector's view) before the
    collector is switched back on: otherwise its first run walks every object the check made,
    a quarter of a second at 50x the sample. Frozen objects are still freed as usual when
    nothing refers to them; `gc.unfreeze()` (done at the start of each build) hands any cycles
    among them back to the collector."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def check(data_dir: Path, base: Path | None = None, docs_dir: Path | None = None,
          today: datetime.date | None = None, strict_review: bool = False) -> tuple[Handbook | None, Problems]:
    """Validate everything in `data_dir`. Paths in messages are shown relative to `base`.

    `docs_dir` (default: docs/ in `base`) lists the narrative pages links in the text may point to.
    `today` decides which reviews are overdue (default: HANDBOOK_TODAY, else the real date); with
    `strict_review`, an overdue review is an error rather than a warning.
    """
    with _cycle_collector_paused():
        return _check(data_dir, base, docs_dir, today, strict_review)


def _check(data_dir: Path, base: Path | None, docs_dir: Path | None,
           today: datetime.date | None, strict_review: bool) -> tuple[Handbook | None, Problems]:
    on = today or reviews.today()
    base = base if base is not None else data_dir.parent
    docs_dir = docs_dir if docs_dir is not None else base / "docs"
    problems = Problems()
    valid_areas: list[tuple[Area, BaseModel, LoadedFile]] = []
    files: dict[str, LoadedFile] = {}
    # Files the handbook does not read (`journy.yaml`) are warned about: edits there would be lost.
    read = [a.file for a in AREAS] + [FRAMEWORKS_FOLDER]
    problems.extend(read_folder(data_dir, display_path(data_dir, base), read)[1])

    for area in AREAS:
        path = data_dir / area.file
        shown = display_path(path, base)
        if not is_present(path) and area.optional:
            valid_areas.append((area, area.model(), LoadedFile(path=shown, data={})))
            continue
        if not is_present(path):
            problems.add(
                Problem(
                    file=shown,
                    line=None,
                    title=f"The data file for “{area.title}” is missing",
                    expected=f"a file {area.file} in the data folder",
                    fix=f"Restore {area.file} (the sample authority's copy is a starting point).",
                )
            )
            continue
        result = _load_and_validate(path, shown, area.model, problems, base)
        if result is not None:
            files[shown] = result[1]
            valid_areas.append((area, result[0], result[1]))

    frameworks: list[tuple[schema.FrameworkFile, LoadedFile]] = []
    framework_files_ok = True
    framework_dir = data_dir / FRAMEWORKS_FOLDER
    framework_paths, listed = read_folder(framework_dir, display_path(framework_dir, base))
    problems.extend(listed)
    if not framework_paths and not any(p.severity is Severity.ERROR for p in listed):
        problems.add(
            Problem(
                file=display_path(framework_dir, base),
                line=None,
                title="No frameworks found",
                expected="at least one framework file (e.g. the Knowledge and Skills Statements) "
                f"in {display_path(framework_dir, base)}/",
                fix="Restore the framework files from the sample.",
            )
        )
    for path in framework_paths:
        shown = display_path(path, base)
        result = _load_and_validate(path, shown, schema.FrameworkFile, problems, base)
        if result is None:
            framework_files_ok = False
            continue
        files[shown] = result[1]
        frameworks.append((result[0], result[1]))  # type: ignore[arg-type]
    check_framework_ids(frameworks, problems)
    frameworks.sort(key=lambda pair: (pair[0].order, pair[0].name))  # the order pages and messages use

    # Every model object with its path, found once and shared by the checks below.
    walked = {area.id: list(walk_models(data)) for area, data, _ in valid_areas}
    held: dict[str, list[Reference]] = {}  # every reference, by area, as the index finds them
    index, duplicates = build_index(valid_areas, frameworks, walked, held)
    problems.extend(duplicates)

    # A reference is only checked when the file that defines its kind of item is valid.
    valid_ids = {a.id for a, _, _ in valid_areas}
    checkable_kinds = {kind.id for kind in KINDS.values()
                       if kind.area in valid_ids or (kind.area is None and framework_files_ok and frameworks)}
    problems.extend(check_reserved_ids(index))
    # Where links in the text may lead is only known once every file has been read.
    complete = len(valid_areas) == len(AREAS) and framework_files_ok
    glossary = next((data for _, data, _ in valid_areas if isinstance(data, schema.GlossaryFile)), None)
    pages = known_pages(index, [f.id for f, _ in frameworks], docs_dir, glossary) if complete else None
    for area, data, loaded in valid_areas:
        problems.extend(_prompts_left(loaded))
        problems.extend(check_references(held[area.id], loaded, index, checkable_kinds))
        problems.extend(check_text(area, walked[area.id], loaded, pages))
        problems.extend(check_rules(data, loaded))
        problems.extend(_dates_after(on, walked[area.id], loaded))

    problems.extend(page_problems(docs_dir, base))

    authority = next((d for a, d, _ in valid_areas if a.id == "authority"), None)
    privacy = authority.privacy if authority is not None else schema.PrivacySettings()  # type: ignore[attr-defined]
    problems.extend(scan_for_personal_data(files.values(), privacy.case_id_pattern, privacy.allow))
    areas_by_id = {a.id: d for a, d, _ in valid_areas}
    review_statuses = reviews.review_statuses(areas_by_id, files, index, on)
    problems.extend(reviews.review_problems(review_statuses, strict_review))
    problems.extend(reviews.missing_reviews(areas_by_id, files))

    # Gaps are only meaningful once everything else is valid; before that they would drown the errors.
    if not problems.errors and authority is not None:
        severity = Severity.ERROR if authority.coverage.gaps == "error" else Severity.WARNING  # type: ignore[attr-defined]
        problems.extend(_coverage_gaps(index, severity))

    if problems.errors or authority is None:
        return None, problems
    handbook = Handbook(
        data_dir=data_dir,
        authority=authority,  # type: ignore[arg-type]
        areas={a.id: d for a, d, _ in valid_areas},
        frameworks=[f for f, _ in frameworks],
        files=files,
        index=index,
        warnings=problems.warnings,
        framework_files={f.id: loaded.path for f, loaded in frameworks},
        reviews=review_statuses,
        today=on,
    )
    return handbook, problems


def load_handbook(data_dir: Path, base: Path | None = None, docs_dir: Path | None = None,
                  today: datetime.date | None = None) -> Handbook:
    """Like `check`, but raises `HandbookDataError` carrying every error when the data is invalid."""
    handbook, problems = check(data_dir, base, docs_dir, today)
    if handbook is None:
        raise HandbookDataError(problems.errors)
    return handbook


# --- structure ---------------------------------------------------------------------------------


def _load_and_validate(
    path: Path, shown: str, model: type[BaseModel], problems: Problems, project: Path
) -> tuple[BaseModel, LoadedFile] | None:
    loaded, load_problems = load_yaml(path, shown, root=project)
    problems.extend(load_problems)
    if loaded is None or any(p.severity is Severity.ERROR for p in load_problems):
        return None
    if not isinstance(loaded.data, dict):
        problems.add(
            Problem(
                file=shown,
                line=1,
                title="The file should be a set of `field: value` lines",
                found=describe_value(loaded.data),
                expected=f"fields such as {describe_choices([f.key for f in fields_of(model)], 4)}",
                fix="Start the file with the first field name followed by a colon.",
            )
        )
        return None
    try:
        return model.model_validate(loaded.data), loaded
    except ValidationError as error:
        details = error.errors(include_url=False)
        for detail in _without_missing_explained_by_misspelling(details, model):
            problems.add(explain(detail, loaded, model))
        return None


def _without_missing_explained_by_misspelling(details: list[Any], model: type[BaseModel]) -> list[Any]:
    """A misspelt field shows up twice in pydantic (unknown `sumary`, missing `summary`): keep one.

    The unknown-field message already says "did you mean `summary`?", which is the whole story.
    """
    explained: set[Loc] = set()
    for detail in details:
        if detail["type"] != "extra_forbidden":
            continue
        loc = tuple(detail["loc"])
        parent = model_at(model, loc[:-1])
        if parent is None:
            continue
        allowed = [f.key for f in fields_of(parent)]
        suggestion = did_you_mean(str(loc[-1]), allowed)
        if suggestion:
            explained.add((*loc[:-1], suggestion))
    return [d for d in details if not (d["type"] == "missing" and tuple(d["loc"]) in explained)]


# --- rules that need today's date or the raw text --------------------------------------------------


def _dates_after(today: datetime.date, walked: list[tuple[BaseModel, Loc]], loaded: LoadedFile) -> Iterable[Problem]:
    """Dates after today. Every date in the data records something done (a review, a change), so
    a later one is a slip of the keyboard; a day's grace allows for clocks in other time zones."""
    latest = today + datetime.timedelta(days=1)
    for model, loc in walked:
        for name, info in type(model).model_fields.items():
            value = getattr(model, name)
            if isinstance(value, datetime.date) and value > latest:
                yield place(loaded, (*loc, info.alias or name)).problem(
                    f"`{info.alias or name}` is in the future", found=f"{value:%-d %B %Y}",
                    expected=f"the date it happened, on or before today ({today:%-d %B %Y})",
                    fix=f"Check the year and the month: write the date as year-month-day, e.g. {today:%Y-%m-%d}.")


PROMPT = "To do:"


def _prompts_left(loaded: LoadedFile) -> Iterable[Problem]:
    """One warning per file still holding "To do:" prompts from `handbook new` (comments aside)."""
    if PROMPT not in loaded.text:
        return
    lines = [n for n, line in enumerate(loaded.lines, start=1)
             if PROMPT in line and not line.lstrip().startswith("#")]
    if lines:
        yield Problem(
            file=loaded.path, line=lines[0], severity=Severity.WARNING,
            title=f"{len(lines)} prompt{'s' if len(lines) != 1 else ''} still to replace with your own words",
            expected="your own text where the file says “To do:”",
            fix="Replace each “To do:” text; the first is on this line.",
        )


GAPS_LISTED_ONE_BY_ONE = 5


def _coverage_gaps(index: Index, severity: Severity) -> Iterable[Problem]:
    gaps = index.gaps()
    if severity is Severity.WARNING and len(gaps) > GAPS_LISTED_ONE_BY_ONE:
        # A new handbook has many gaps: one warning says so without burying everything else.
        first = gaps[0]
        yield Problem(
            file=first.file, line=first.line, severity=severity,
            title=f"{len(gaps)} of {len(index.statements)} framework statements are not evidenced yet",
            found=", ".join(record.id for record in gaps),
            expected="each statement in the `evidences` of at least one item",
            fix="Add statement ids to the `evidences` of the items that meet them; "
            "the coverage page lists the gaps.",
        )
        return
    for record in gaps:
        yield Problem(
            file=record.file,
            line=record.line,
            severity=severity,
            title=f"Nothing in the handbook evidences {record.id} “{record.statement.title}”",
            expected="at least one item whose `evidences` lists this statement",
            fix=f"Add `{record.id}` to the `evidences` of the items that meet it, "
            "or accept the gap (it is listed on the coverage page).",
        )
