"""Ownership and review: who owns each part of the handbook, and whether its review is overdue.

Next-review dates are worked out when the handbook is checked or built, so a scheduled rebuild
shows a page as overdue without anyone touching its content. "Today" can be fixed (the
HANDBOOK_TODAY environment variable or `--today`) for tests and reproducible builds.
"""

from __future__ import annotations

import calendar
import datetime
import os
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

from .areas import AREAS
from .errors import Problem, Severity
from .index import Index
from .loader import LoadedFile

TODAY_ENV = "HANDBOOK_TODAY"
MONTHS = {"3 months": 3, "6 months": 6, "12 months": 12, "24 months": 24}


class TodayError(ValueError):
    """HANDBOOK_TODAY or --today is not a date."""


def today(override: str | None = None) -> datetime.date:
    text = override or os.environ.get(TODAY_ENV)
    if not text:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise TodayError(f"“{text}” is not a date: write it as 2026-11-22.") from None


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan -> 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ReviewStatus:
    title: str
    kind: str  # "area" or the item's kind label
    page: str
    anchor: str | None
    owner: str
    last_reviewed: datetime.date
    every: str
    next_due: datetime.date
    today: datetime.date
    file: str
    line: int | None

    @property
    def overdue(self) -> bool:
        return self.next_due < self.today

    @property
    def days_overdue(self) -> int:
        return max(0, (self.today - self.next_due).days)

    def as_json(self) -> dict[str, object]:
        return {
            "title": self.title, "kind": self.kind, "page": self.page, "anchor": self.anchor,
            "owner": self.owner, "last_reviewed": self.last_reviewed.isoformat(), "every": self.every,
            "next_due": self.next_due.isoformat(), "overdue": self.overdue,
        }


def review_statuses(areas: dict[str, BaseModel], files: dict[str, LoadedFile], index: Index,
                    on: datetime.date) -> list[ReviewStatus]:
    """Every area and item that has a review, with its next due date as of `on`."""
    statuses: list[ReviewStatus] = []
    for area in AREAS:
        model = areas.get(area.id)
        review = getattr(model, "review", None)
        if review is None or not area.page:
            continue
        loaded = next((f for f in files.values() if f.path.endswith(area.file)), None)
        statuses.append(ReviewStatus(
            area.title, "area", area.page, None, review.owner, review.last_reviewed, review.every,
            add_months(review.last_reviewed, MONTHS[review.every]), on,
            loaded.path if loaded else area.file, loaded.line_of(("review",)) if loaded else None))
    for record in index.items.values():
        review = getattr(record.obj, "review", None)
        if review is not None:
            statuses.append(ReviewStatus(
                record.name, record.kind_label, record.page, record.anchor, review.owner, review.last_reviewed,
                review.every, add_months(review.last_reviewed, MONTHS[review.every]), on, record.file, record.line))
    return statuses


def by_due_date(statuses: Iterable[ReviewStatus]) -> list[ReviewStatus]:
    """Overdue first (most overdue at the top), then by the date each is due."""
    return sorted(statuses, key=lambda s: (not s.overdue, s.next_due, s.title))


def review_problems(statuses: Iterable[ReviewStatus], strict: bool) -> Iterable[Problem]:
    for status in statuses:
        if status.overdue:
            yield Problem(
                file=status.file, line=status.line,
                severity=Severity.ERROR if strict else Severity.WARNING,
                title=f"The review of “{status.title}” is overdue",
                found=f"last reviewed {status.last_reviewed:%d %B %Y}, every {status.every}: due "
                f"{status.next_due:%d %B %Y}, {status.days_overdue} days ago",
                expected="a review on or before the due date",
                fix=f"Ask the {status.owner} to review it, then set `last_reviewed` to the date of the review.",
            )


def missing_reviews(areas: dict[str, BaseModel], files: dict[str, LoadedFile]) -> Iterable[Problem]:
    """Areas nobody owns: a warning, so a new handbook can add owners as it goes."""
    for area in AREAS:
        model = areas.get(area.id)
        if model is None or area.optional or not area.page or not hasattr(model, "review"):
            continue
        if model.review is not None:
            continue
        loaded = next((f for f in files.values() if f.path.endswith(area.file)), None)
        yield Problem(
            file=loaded.path if loaded else area.file, line=1, severity=Severity.WARNING,
            title=f"Nobody is named as the owner of “{area.title}”",
            expected="a `review:` block with the owner's role, the date it was last reviewed and how often",
            fix="Add at the top of the file:  review: {owner: <role>, last_reviewed: <date>, every: 12 months}",
        )
