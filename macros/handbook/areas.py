"""The areas of the handbook: which data file holds each, its model, and the page that shows it.

This is the generator's one table of structure. The operating-model elements Ofsted lists
decide the areas; what goes in each area is the authority's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from . import schema


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    file: str  # relative to the data folder
    model: type[BaseModel]
    page: str | None  # relative to docs/; None for data that has no page of its own


AREAS: tuple[Area, ...] = (
    Area("authority", "About this handbook", "authority.yaml", schema.AuthorityFile, "index.md"),
    Area("vision", "Vision and values", "vision.yaml", schema.VisionFile, "vision.md"),
    Area("practice-model", "Our practice model", "practice-model.yaml", schema.PracticeModelFile, "practice-model.md"),
    Area("teams", "How we are organised", "teams.yaml", schema.TeamsFile, "teams.md"),
    Area("journey", "The child's journey", "journey.yaml", schema.JourneyFile, "journey.md"),
    Area("standards", "Practice standards", "standards.yaml", schema.StandardsFile, "standards.md"),
    Area("services", "Services", "services.yaml", schema.ServicesFile, "services.md"),
    Area("thresholds", "Thresholds of need", "thresholds.yaml", schema.ThresholdsFile, "thresholds.md"),
    Area("supervision", "Supervision", "supervision.yaml", schema.SupervisionFile, "supervision.md"),
    Area("quality", "Quality assurance", "quality.yaml", schema.QualityFile, "quality.md"),
    Area("foundations", "Workforce and partnerships", "foundations.yaml", schema.FoundationsFile, "foundations.md"),
    Area("glossary", "Glossary", "glossary.yaml", schema.GlossaryFile, "glossary.md"),
)

AREAS_BY_ID: dict[str, Area] = {area.id: area for area in AREAS}

FRAMEWORKS_FOLDER = "frameworks"
FRAMEWORKS_PAGE_FOLDER = "frameworks"
COVERAGE_PAGE = "coverage.md"


def framework_page(framework_id: str) -> str:
    return f"{FRAMEWORKS_PAGE_FOLDER}/{framework_id}.md"
