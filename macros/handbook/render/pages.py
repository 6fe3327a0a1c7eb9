"""Which renderer draws each area's page (the macro `{{ area("...") }}` looks it up here)."""

from __future__ import annotations

from collections.abc import Callable

from .areas import (
    render_foundations,
    render_glossary,
    render_journey,
    render_practice_model,
    render_quality,
    render_standards,
    render_supervision,
    render_teams,
    render_vision,
)
from .context import Context
from .review import render_amendments
from .services import render_services
from .thresholds import render_thresholds

AREA_RENDERERS: dict[str, Callable[[Context], str]] = {
    "vision": render_vision,
    "practice-model": render_practice_model,
    "teams": render_teams,
    "journey": render_journey,
    "standards": render_standards,
    "services": render_services,
    "thresholds": render_thresholds,
    "supervision": render_supervision,
    "quality": render_quality,
    "foundations": render_foundations,
    "glossary": render_glossary,
    "amendments": render_amendments,
}
