"""The areas of the handbook: which data file holds each, its model, and the page that shows it.

This is the generator's one table of structure. The operating-model elements Ofsted lists
decide the areas; what goes in each area is the authority's data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pydantic import BaseModel

from . import schema
from .walk import model_classes


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    file: str  # relative to the data folder
    model: type[BaseModel]
    page: str | None  # relative to docs/; None for data that has no page of its own
    short: str = ""  # column heading on the coverage page
    description: str = ""  # one line for the home page's "finding your way"
    # Anchors the page's renderer gives its own sections (and other elements). Item ids must not
    # take them, and links in the data may point at them; tests/test_sections.py keeps this
    # list in step with what the renderers write.
    sections: tuple[str, ...] = ()
    optional: bool = False  # a missing file means "none yet" rather than a mistake
    # Kinds of item that have a page each, in a folder named after the area's page (a stage of
    # journey.md at journey/<id>.md), as a procedures manual has a chapter per procedure. The
    # area's page keeps an anchor for each (#<id>), so links written before still arrive.
    item_pages: tuple[str, ...] = ()

    @property
    def own_page(self) -> str:
        """The area's page, for the areas that have one (asking of any other is a mistake in the code)."""
        if self.page is None:
            raise ValueError(f"the {self.id} area has no page of its own")
        return self.page

    def item_page(self, item_id: str) -> str:
        """The page of one of the area's items that has its own page, e.g. journey/contact.md."""
        return f"{self.own_page.removesuffix('.md')}/{item_id}.md"


AREAS: tuple[Area, ...] = (
    Area("authority", "About this handbook", "authority.yaml", schema.AuthorityFile, "index.md",
         sections=("who-it-is-for", "finding-your-way", "at-a-glance", "feedback")),
    Area("start-here", "Start here", "start-here.yaml", schema.StartHereFile, "start-here.md", "",
         "Reading paths for your role: what to read first, why, and when."),
    Area("vision", "Vision and values", "vision.yaml", schema.VisionFile, "vision.md", "Vision",
         "What we want for children and families, and the values behind how we work.",
         sections=("values",)),
    Area("practice-model", "Our practice model", "practice-model.yaml", schema.PracticeModelFile,
         "practice-model.md", "Model",
         "Our philosophy of social work: the theory, principles, methods and tools we share.",
         sections=("theory", "principles", "methods", "tools")),
    Area("teams", "How we are organised", "teams.yaml", schema.TeamsFile, "teams.md", "Teams",
         "Service areas and teams, who each one serves and who they report to.",
         sections=("organisation-chart", "organisation-chart-diagram", "leadership"), item_pages=("team",)),
    Area("journey", "The child's journey", "journey.yaml", schema.JourneyFile, "journey.md", "Journey",
         "How a child's case moves from first contact to closure, with decisions and timescales.",
         sections=("diagram", "journey-diagram", "at-a-glance", "timescales"), item_pages=("stage",)),
    Area("thresholds", "Thresholds of need", "thresholds.yaml", schema.ThresholdsFile, "thresholds.md",
         "Thresholds", "The levels of need, what each looks like, the response, and how to refer.",
         sections=("continuum", "continuum-caption", "levels", "how-to-refer", "out-of-hours", "consent", "step-up",
                   "step-down")),
    Area("services", "Services", "services.yaml", schema.ServicesFile, "services.md", "Services",
         "The help, protection and care on offer, by level of need and age.",
         sections=("services-filter", "services-level", "services-age", "services-count")),
    Area("standards", "Practice standards", "standards.yaml", schema.StandardsFile, "standards.md",
         "Standards", "What good practice looks like here, and how we know we are doing it."),
    Area("supervision", "Supervision", "supervision.yaml", schema.SupervisionFile, "supervision.md",
         "Supervision", "How practitioners are supervised: how often, in what forms, and how it is recorded.",
         sections=("forms",)),
    Area("quality", "Quality assurance", "quality.yaml", schema.QualityFile, "quality.md", "Quality",
         "Audits, performance measures, feedback from children and families, and learning reviews.",
         sections=("audit-programme", "measures", "feedback", "learning-reviews")),
    Area("foundations", "Workforce and partnerships", "foundations.yaml", schema.FoundationsFile,
         "foundations.md", "Foundations",
         "How we develop and support our workforce, and the partnerships we work within.",
         sections=("workforce", "partnerships")),
    Area("glossary", "Glossary", "glossary.yaml", schema.GlossaryFile, "glossary.md", "",
         "The abbreviations and terms you will meet, explained."),
    Area("amendments", "What's changed", "amendments.yaml", schema.AmendmentsFile, "whats-changed.md", "",
         "Every change to the handbook, newest first, and a feed to follow them.", optional=True),
)

# Every area file may hold questions for reflection (schema.AreaFile): its page ends with them
# in a section of its own, in the table of contents, under this anchor.
REFLECTION_SECTION = "questions-for-reflection"
AREAS = tuple(replace(area, sections=(*area.sections, REFLECTION_SECTION))
              if area.page and issubclass(area.model, schema.AreaFile) else area for area in AREAS)
AREAS_BY_ID: dict[str, Area] = {area.id: area for area in AREAS}
REFLECTION_PAGE = "reflection.md"  # every area's questions, gathered for supervision

# The sections of the page each stage and team has (tests/test_sections.py keeps it in step).
ITEM_PAGE_SECTIONS: dict[str, tuple[str, ...]] = {
    "stage": ("where-it-fits", "comes-from", "what-must-happen", "timescales", "decisions", "recording", "related"),
    "team": ("contact", "roles", "work"),
}

FRAMEWORKS_FOLDER = "frameworks"
FRAMEWORKS_PAGE_FOLDER = "frameworks"
FRAMEWORKS_INDEX_PAGE = f"{FRAMEWORKS_PAGE_FOLDER}/index.md"
COVERAGE_PAGE = "coverage.md"
COVERAGE_SECTIONS = ("gaps",)  # and one `coverage-<framework id>` per framework
# Framework ids name pages in frameworks/; this one is the overview page's.
RESERVED_FRAMEWORK_IDS = ("index",)
# Nor may an item with a page of its own take it: journey/index.md is the journey page's address.
RESERVED_ITEM_PAGE_IDS = ("index",)


@dataclass(frozen=True)
class Kind:
    """A kind of item (team, stage, service...): derived from the models, never listed by hand.

    A model class is an item kind when it declares `kind` and `kind_label`; the area whose file
    can hold it is its home, where items of the kind are defined and references to it checked.
    """

    id: str
    label: str  # as a reader says it: "journey stage", "level of need"
    model: type[BaseModel]
    area: str | None  # the area whose file defines these items; None for framework statements


def _kinds() -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    homes: list[tuple[str | None, type[BaseModel]]] = [(area.id, area.model) for area in AREAS]
    homes.append((None, schema.FrameworkFile))
    for area_id, file_model in homes:
        for model in model_classes(file_model):
            kind_id = getattr(model, "kind", None)
            if not isinstance(kind_id, str):
                continue
            if kind_id in kinds and kinds[kind_id].model is not model:
                # Two models with one kind, or one kind in two files, would make an id ambiguous.
                raise TypeError(f"kind {kind_id!r} is declared by {kinds[kind_id].model.__name__} "
                                f"and {model.__name__}")
            if kind_id in kinds and kinds[kind_id].area != area_id:
                raise TypeError(f"{model.__name__} (kind {kind_id!r}) can be written in two areas' files: "
                                f"{kinds[kind_id].area} and {area_id}")
            if kind_id == schema.ANY_ITEM:  # Ref(ANY_ITEM) means "an item of any kind"
                raise TypeError(f"{model.__name__} cannot use the kind {kind_id!r}: it is reserved")
            kinds[kind_id] = Kind(kind_id, model.kind_label, model, area_id)  # type: ignore[attr-defined]
    return kinds


KINDS: dict[str, Kind] = _kinds()


def kind_label(kind_id: str) -> str:
    return KINDS[kind_id].label if kind_id in KINDS else kind_id


def framework_page(framework_id: str) -> str:
    return f"{FRAMEWORKS_PAGE_FOLDER}/{framework_id}.md"


def model_areas() -> list[Area]:
    """The areas that hold model items (the columns of the coverage matrix)."""
    return [area for area in AREAS if area.short]
