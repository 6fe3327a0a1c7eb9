"""The files around the operating model: the authority and its site's settings, the glossary,
the record of changes, and the national frameworks whose statements the model evidences."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, field_validator

from .schema_types import (
    ABBREVIATION_PATTERN,
    ANY_ITEM,
    REPOSITORY_PATTERN,
    Date,
    Id,
    Language,
    Line,
    Model,
    Prose,
    Ref,
    Review,
    StatementId,
    Text,
    WebAddress,
    Whole,
)

# --- authority.yaml ---------------------------------------------------------------------------


class Audience(Model):
    who: Text
    use: Prose


class CoverageSettings(Model):
    gaps: Literal["warn", "error"] = Field(
        "warn",
        description="What a framework statement with no evidence does to the check: "
        "`warn` lists it, `error` fails the build.",
    )


class RepositorySettings(Model):
    url: Annotated[str, StringConstraints(pattern=REPOSITORY_PATTERN)] = Field(
        description="The handbook's repository on GitHub, e.g. https://github.com/your-org/practice-handbook. "
        "Pages then carry 'edit' and 'suggest a change' links to it."
    )
    branch: Text = "main"


class PrivacySettings(Model):
    case_id_pattern: Text | None = Field(
        None,
        description="A regular expression (RE2 syntax: no look-arounds or back-references) matching the "
        "authority's own case-record ids, e.g. NM-[0-9]{6}; it may not match empty text or ordinary words. "
        "`handbook check` fails if the data contains one.",
    )
    allow: list[Text] = Field(
        default_factory=list,
        description="Exact texts that look like personal data but are not (e.g. a made-up example number).",
    )

    @field_validator("case_id_pattern")
    @classmethod
    def _compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            from .caseid import compile_case_id  # the privacy check's own rules decide what it can run

            compile_case_id(pattern)  # its ValueError says why the pattern cannot be used
        return pattern


class AccessibilitySettings(Model):
    contact: Prose = Field(description="How to report an accessibility problem and ask for another format.")
    status: Literal["fully compliant", "partially compliant", "not compliant"] = "partially compliant"
    known_issues: list[Line] = Field(
        default_factory=list, description="Parts of the site known not to meet WCAG 2.2 AA."
    )
    testing: Prose | None = Field(
        None, description="Testing beyond the automated checks, e.g. an audit or sessions with screen reader users."
    )
    prepared: Text | None = Field(None, description="When this statement was prepared, e.g. 1 November 2026.")


class AuthorityFile(Model):
    name: Text = Field(description="The authority's full name, e.g. Northmere City Council.")
    short_name: Text
    handbook_title: Text
    fictional: bool = Field(
        False, description="True for a made-up example authority: every page then says it is fictional."
    )
    draft: bool = Field(
        False, description="True while the content is still being written: every page then says so."
    )
    notice: Text | None = Field(
        None, description="The words of the banner shown on every page of a fictional or draft handbook."
    )
    summary: Prose = Field(description="What this handbook is, for the home page.")
    audience: list[Audience] = Field(min_length=1)
    how_to_use: list[Line] = Field(default_factory=list)
    feedback: Prose | None = Field(
        None, description="How staff tell the handbook's owners that practice and handbook differ."
    )
    coverage: CoverageSettings = CoverageSettings()
    repository: RepositorySettings | None = Field(
        None, description="Where the handbook's source lives; leave out to show no edit links."
    )
    review: Review | None = Field(None, description="Who owns the home page and when it was last reviewed.")
    privacy: PrivacySettings = PrivacySettings()
    accessibility: AccessibilitySettings | None = Field(
        None, description="The accessibility statement's contact details, status and known issues."
    )


# --- glossary.yaml ----------------------------------------------------------------------------


class Term(Model):
    abbr: Annotated[str, StringConstraints(min_length=1, max_length=20, pattern=ABBREVIATION_PATTERN)]
    term: Text
    lang: Language | None = Field(None, description="The language of the abbreviation and `term` when it is "
                                  "not English, e.g. cy for Welsh (the definition is in the handbook's language).")
    definition: Prose | None = None
    see: Annotated[str, Ref(ANY_ITEM)] | None = Field(
        None, description="The id of the stage, team, service or other item the term is about, e.g. "
        "section-47-enquiry for S47: the glossary links to it, and a stage's or team's page shows the abbreviation "
        "in its title and is found by it in the search.")


class GlossaryFile(Model):
    review: Review | None = None
    intro: Prose | None = None
    terms: list[Term] = Field(min_length=1)


# --- amendments.yaml -------------------------------------------------------------------------


class Amendment(Model):
    date: Date = Field(description="When the change was made, as 2026-11-10.")
    summary: Text = Field(description="What changed, in a sentence.")
    why: Prose | None = None
    approved_by: Text = Field(description="The role that approved the change.")
    areas: list[Id] = Field(min_length=1, description="The areas (pages) it changed, e.g. [services, journey].")


class AmendmentsFile(Model):
    mark_recent_for_days: Whole = Field(
        30, ge=0, le=366, description="For how many days a changed page is marked as updated."
    )
    amendments: list[Amendment] = Field(default_factory=list)


# --- frameworks/*.yaml ------------------------------------------------------------------------


class Statement(Model):
    kind: ClassVar[str] = "statement"
    kind_label: ClassVar[str] = "framework statement"
    id: StatementId
    title: Text
    summary: Prose = Field(description="Our own summary; the source holds the full text.")
    url: WebAddress | None = None


class FrameworkFile(Model):
    id: Id
    name: Text
    short_name: Text
    publisher: Text
    year: Whole = Field(ge=1900, le=2100)
    version: Text | None = None
    source_url: WebAddress
    licence: Text
    licence_url: WebAddress | None = None
    attribution: Text | None = None
    summary: Prose
    order: Whole = Field(100, description="Position among the frameworks in the navigation.")
    statements: list[Statement] = Field(min_length=1)


def term_anchor(abbr: str) -> str:
    """The anchor of a glossary term's section: term- and its abbreviation in lower case, without
    accents, e.g. S47 -> term-s47 and CŴD -> term-cwd."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", abbr.casefold()) if not unicodedata.combining(char))
    return "term-" + (re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "term")


def statement_anchor(statement_id: str) -> str:
    """The HTML anchor of a statement: its id in lower case, e.g. PS7 -> ps7."""
    return re.sub(r"[^a-z0-9-]", "-", statement_id.lower())
