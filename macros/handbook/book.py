"""The validated handbook of one authority: what the renderers and the site are given."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from . import schema
from .areas import AREAS
from .errors import Problem
from .index import Index
from .loader import LoadedFile
from .reviews import ReviewStatus

AreaModel = TypeVar("AreaModel", bound=BaseModel)
Derived = TypeVar("Derived")
_AREA_OF_MODEL: dict[type[BaseModel], str] = {area.model: area.id for area in AREAS}


@dataclass
class Handbook:
    """The validated model of one authority, ready to render."""

    data_dir: Path
    authority: schema.AuthorityFile
    areas: dict[str, BaseModel]  # area id -> its file's data
    frameworks: list[schema.FrameworkFile]
    files: dict[str, LoadedFile]
    index: Index
    warnings: list[Problem] = field(default_factory=list)
    framework_files: dict[str, str] = field(default_factory=dict)  # framework id -> data file
    reviews: list[ReviewStatus] = field(default_factory=list)
    today: datetime.date = field(default_factory=datetime.date.today)
    _reviews_by_place: dict[tuple[str, str | None], ReviewStatus] | None = field(
        default=None, init=False, repr=False, compare=False)
    _derived: dict[Callable[[Handbook], Any], Any] = field(default_factory=dict, init=False, repr=False,
                                                           compare=False)

    def derive(self, make: Callable[[Handbook], Derived]) -> Derived:
        """`make(self)`, worked out once per handbook: for what every page of a kind asks for
        (the journey's order on each stage page), which would otherwise cost N times over.
        Kept by the function itself: pass a module-level function, never a lambda made per call."""
        if make not in self._derived:
            self._derived[make] = make(self)
        return self._derived[make]  # type: ignore[no-any-return]

    def area(self, model: type[AreaModel]) -> AreaModel:
        """The data of the area whose file `model` describes: `handbook.area(schema.TeamsFile)`."""
        data = self.areas[_AREA_OF_MODEL[model]]
        if not isinstance(data, model):  # only a handbook assembled by hand could get here
            raise TypeError(f"the {_AREA_OF_MODEL[model]} area holds {type(data).__name__}, not {model.__name__}")
        return data

    def review_of(self, page: str, anchor: str | None) -> ReviewStatus | None:
        """The review status of an area (anchor None) or of one item reviewed on its own."""
        if self._reviews_by_place is None:  # built once: the renderers ask once per item
            self._reviews_by_place = {}
            for status in self.reviews:
                self._reviews_by_place.setdefault((status.page, status.anchor), status)
        return self._reviews_by_place.get((page, anchor))
