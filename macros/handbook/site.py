"""What the MkDocs adapter needs, kept free of MkDocs imports so another engine can reuse it.

The handbook is loaded, validated and indexed once per build into a `Build`, which the engine's
adapter keeps for the build's length: the page macros, generated pages and assets all use it.
"""

from __future__ import annotations

import datetime
import html
import os
import re
import subprocess
from pathlib import Path
from typing import Any

from . import areas, schema
from .abbreviations import Glossary
from .book import Handbook
from .postprocess import (
    focusable_abbreviations,
    fold_accents_in_search_index,
    tidy_theme_assets,
    with_content_security_policy,
)
from .render.home import banner_label, banner_notice
from .render.text import inline
from .validate import load_handbook

DATA_DIR_ENV = "HANDBOOK_DATA_DIR"
# Where an adapter keeps this build's `Build`: for MkDocs, on its configuration, which the
# macros plugin and the hooks are both given (and which `mkdocs serve` makes afresh each rebuild).
BUILD_KEY = "handbook_build"


def data_dir_for(project_dir: Path) -> Path:
    """`data/` beside mkdocs.yml, unless HANDBOOK_DATA_DIR names another folder."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else project_dir / "data"


def _relative(folder: Path, project: Path, default: str) -> str:
    return folder.relative_to(project).as_posix() if folder.is_relative_to(project) else default


class Build:
    """One build of the site, whatever the engine: the handbook loaded once, and everything the
    build adds to the engine's output (pages, assets, settings, the page macros, the policy).

    The adapter for an engine makes one per build and keeps it on the engine's own objects, so a
    rebuild (`mkdocs serve`) starts afresh and two builds in one process never share state.
    """

    def __init__(self, project: Path, handbook: Handbook, docs_dir: Path | None = None) -> None:
        self.project = project
        self.handbook = handbook
        self.data_prefix = _relative(handbook.data_dir, project, "data")  # as the edit links show it
        self.docs_prefix = _relative(docs_dir or project / "docs", project, "docs")
        self._git_dates: dict[str, datetime.date] | None = None

    @classmethod
    def load(cls, project: Path, docs_dir: Path | None = None) -> Build:
        """Load and validate the data (raises HandbookDataError with every problem)."""
        return cls(project, load_handbook(data_dir_for(project), base=project), docs_dir)

    def last_changed(self, path: str) -> datetime.date | None:
        """When `path` last changed in git (None outside a git checkout): not the same as "last
        reviewed". One `git log` over the data folder answers for every file, once per build."""
        if self._git_dates is None:
            self._git_dates = _git_dates(self.project, str(Path(path).parent))
        return self._git_dates.get(path)

    def settings(self) -> dict[str, str]:
        return site_settings(self.handbook)

    def pages(self) -> dict[str, str]:
        return generated_pages(self.handbook)

    def nav(self) -> list[dict[str, str]]:
        return generated_nav(self.handbook)

    def add_to_nav(self, nav: list[Any]) -> bool:
        """Put the generated pages into a navigation written as in mkdocs.yml: the framework pages
        straight after the frameworks index page wherever it is, and each area's item pages in a
        section with the area's page (see item_nav); False if the navigation lacks the frameworks index."""
        for area in areas.AREAS:
            if area.item_pages:  # a navigation without the area's page leaves its items out too
                _nest_under(nav, area.own_page, area.title, item_nav(self.handbook, area))
        return _insert_after(nav, areas.FRAMEWORKS_INDEX_PAGE, self.nav())

    def assets(self, site_url: str | None) -> dict[str, str]:
        return generated_assets(self.handbook, site_url)

    def abbreviations(self) -> Glossary:
        return abbreviations(self.handbook)

    @staticmethod
    def finish_page(html_page: str) -> str:
        """Every HTML page the engine writes, pages and templates alike: abbreviations a keyboard
        can reach, and a Content-Security-Policy that allows exactly the page's own scripts."""
        return with_content_security_policy(focusable_abbreviations(html_page))

    @staticmethod
    def finish_site(site_dir: Path) -> None:
        tidy_theme_assets(site_dir)
        fold_accents_in_search_index(site_dir)


def generated_pages(handbook: Handbook) -> dict[str, str]:
    """Pages that exist because of the data, not because of a file in docs/: one per framework,
    and one per stage, team or other item of a kind that has a page each."""
    pages = {
        areas.framework_page(framework.id): (
            f"# {inline(framework.name)}\n\n{{{{ framework_page(\"{framework.id}\") }}}}\n"
        )
        for framework in handbook.frameworks
    }
    for record in handbook.index.items.values():
        if record.own_page:
            title = inline(item_title(handbook, record.id))
            pages[record.page] = f"# {title}\n\n{{{{ item_page(\"{record.id}\") }}}}\n"
    return pages


def item_title(handbook: Handbook, item_id: str) -> str:
    """The title of an item's own page: its name, and the abbreviations the glossary gives it."""
    from .render.glossary import titled_with_abbreviations

    return titled_with_abbreviations(handbook, item_id, handbook.index.items[item_id].name)


def abbreviations(handbook: Handbook) -> Glossary:
    """The glossary as the abbreviation extension's glossary: each use on any page is a tooltip.

    Given to the extension as its setting rather than as `*[abbr]:` lines added to every page:
    the extension takes those lines out of a page one at a time, each time copying the rest of
    the block, so a long glossary made every page's build quadratic in its length.
    """
    terms = handbook.area(schema.GlossaryFile).terms
    return Glossary({term.abbr: " ".join(term.term.split()) for term in terms},
                    {term.abbr: term.lang for term in terms if term.lang})


def chrome_text(text: str) -> str:
    """Data text for the theme's own templates (site name, navigation, page titles).

    The theme escapes these in some places and not in others (a title attribute escapes, the
    <title> element strips and unescapes), so neither escaping nor leaving alone is right
    everywhere. Text without the characters HTML treats specially is right in all of them.
    """
    plain = " ".join(text.split())
    for char, replacement in (("&", "and"), ("<", "\u2039"), (">", "\u203a"), ('"', "\u201d")):
        plain = plain.replace(char, replacement)
    # The macros plugin renders any page title holding `{{`, `{%` or `{#` as a template (its
    # feature for titles written in mkdocs.yml). A word joiner, which shows as nothing, keeps
    # the braces apart, so a title from the data is shown as typed and never run.
    return _TEMPLATE_START.sub("{" + WORD_JOINER, plain)


WORD_JOINER = "\u2060"
_TEMPLATE_START = re.compile(r"\{(?=[{%#])")


LEVEL_STYLES = "stylesheets/levels.css"


def generated_assets(handbook: Handbook, site_url: str | None = None) -> dict[str, str]:
    """Files made from the data that are not pages.

    - the threshold levels' colours, as a stylesheet rather than style attributes, so the
      Content-Security-Policy can forbid inline styles (text colours computed to meet AA);
    - review.json, every review with its owner and dates, for bots and dashboards;
    - the Atom feed of amendments, for Outlook or any feed reader.
    """
    from .render.colour import text_colour_on
    from .render.review import FEED, REVIEW_JSON, atom_feed, review_json

    rules = [f".hb-level--{level.id} {{ background-color: {level.colour}; color: {text_colour_on(level.colour)}; }}"
             for level in handbook.area(schema.ThresholdsFile).levels]
    header = "/* Generated from data/thresholds.yaml at build time: edit the colours there. */"
    return {
        LEVEL_STYLES: "\n".join([header, *rules]) + "\n",
        REVIEW_JSON: review_json(handbook.reviews, handbook.today),
        FEED: atom_feed(handbook.authority, handbook.area(schema.AmendmentsFile), site_url),
    }


def _git_dates(project: Path, folder: str) -> dict[str, datetime.date]:
    try:
        result = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", folder], cwd=project,
                                capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode:
        return {}
    prefix = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=project, capture_output=True,
                            text=True, check=False).stdout.strip()
    dates: dict[str, datetime.date] = {}
    for commit in result.stdout.split("\x00")[1:]:
        lines = commit.strip().splitlines()
        if not lines:
            continue
        date = datetime.date.fromisoformat(lines[0])
        for listed in lines[1:]:
            name = listed.removeprefix(prefix) if prefix else listed
            dates.setdefault(name, date)  # newest first: the first date seen is the last change
    return dates


def _insert_after(nav: list[Any], index_page: str, pages: list[dict[str, str]]) -> bool:
    for entry in nav:
        children = next(iter(entry.values())) if isinstance(entry, dict) else None
        if isinstance(children, list):
            flat = [c if isinstance(c, str) else next(iter(c.values())) for c in children]
            if index_page in flat:
                position = flat.index(index_page) + 1
                children[position:position] = pages
                return True
            if _insert_after(children, index_page, pages):
                return True
    return False


def item_nav(handbook: Handbook, area: areas.Area) -> list[Any]:
    """The pages of an area's items, in their groups (the journey's phases, the service areas)."""
    from .render.pages import ITEM_PAGES

    entries: list[Any] = []
    for kind in area.item_pages:
        for group, item_ids in ITEM_PAGES[kind].nav_groups(handbook):
            pages = [{chrome_text(item_title(handbook, i)): handbook.index.items[i].page} for i in item_ids]
            if not pages:
                continue
            entries += pages if group is None else [{chrome_text(group): pages}]
    return entries


def _nest_under(nav: list[Any], page: str, title: str, children: list[Any]) -> bool:
    """Make the entry for `page` a section of its own, holding the page and then `children`."""
    for position, entry in enumerate(nav):
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if value == page:
            section_title = next(iter(entry)) if isinstance(entry, dict) else chrome_text(title)
            nav[position] = {section_title: [entry, *children]}
            return True
        if isinstance(value, list) and _nest_under(value, page, title, children):
            return True
    return False


def generated_nav(handbook: Handbook) -> list[dict[str, str]]:
    return [{chrome_text(framework.short_name): areas.framework_page(framework.id)}
            for framework in handbook.frameworks]


def site_settings(handbook: Handbook) -> dict[str, str]:
    """Settings of the site that come from the authority's data rather than mkdocs.yml."""
    authority = handbook.authority
    licences = sorted({f.attribution for f in handbook.frameworks if f.attribution})
    owner = f"{authority.name} (fictional)" if authority.fictional else authority.name
    copyright_parts = [f"Published by {html.escape(owner)}.", *(html.escape(text) for text in licences)]
    return {
        "site_name": chrome_text(f"{authority.short_name} {authority.handbook_title}"),
        "site_description": chrome_text(authority.summary)[:300],
        "copyright": " ".join(copyright_parts),
        "notice": banner_notice(authority),
        "notice_label": banner_label(authority),
    }
