"""What the MkDocs adapter needs, kept free of MkDocs imports so another engine can reuse it.

The handbook is loaded, validated and indexed once per build (in `define_env`) and kept here so
the page generator (an MkDocs hook) sees the same model without reading the data again.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from . import areas
from .render.home import banner_label, banner_notice
from .render.text import inline
from .validate import Handbook, load_handbook

DATA_DIR_ENV = "HANDBOOK_DATA_DIR"
_current: Handbook | None = None


def data_dir_for(project_dir: Path) -> Path:
    """`data/` beside mkdocs.yml, unless HANDBOOK_DATA_DIR names another folder."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else project_dir / "data"


def load(project_dir: Path) -> Handbook:
    """Load and validate the data (raises HandbookDataError with every problem) and keep it."""
    global _current
    _current = None
    _current = load_handbook(data_dir_for(project_dir), base=project_dir)
    return _current


def current() -> Handbook:
    if _current is None:
        raise RuntimeError("The handbook data has not been loaded: is the macros plugin configured?")
    return _current


def generated_pages(handbook: Handbook) -> dict[str, str]:
    """Pages that exist because of the data, not because of a file in docs/: one per framework."""
    return {
        areas.framework_page(framework.id): (
            f"# {inline(framework.name)}\n\n{{{{ framework_page(\"{framework.id}\") }}}}\n"
        )
        for framework in handbook.frameworks
    }


def chrome_text(text: str) -> str:
    """Data text for the theme's own templates (site name, navigation, page titles).

    The theme escapes these in some places and not in others (a title attribute escapes, the
    <title> element strips and unescapes), so neither escaping nor leaving alone is right
    everywhere. Text without the characters HTML treats specially is right in all of them.
    """
    plain = " ".join(text.split())
    for char, replacement in (("&", "and"), ("<", "\u2039"), (">", "\u203a"), ('"', "\u201d")):
        plain = plain.replace(char, replacement)
    return plain


LEVEL_STYLES = "stylesheets/levels.css"


def generated_assets(handbook: Handbook) -> dict[str, str]:
    """Files made from the data that are not pages: the threshold levels' colours.

    A stylesheet rather than style attributes, so the Content-Security-Policy can forbid inline
    styles. The text colour on each level is computed for contrast, so it meets WCAG AA.
    """
    from .render.colour import text_colour_on

    rules = [f".hb-level--{level.id} {{ background-color: {level.colour}; color: {text_colour_on(level.colour)}; }}"
             for level in handbook.area("thresholds").levels]
    header = "/* Generated from data/thresholds.yaml at build time: edit the colours there. */"
    return {LEVEL_STYLES: "\n".join([header, *rules]) + "\n"}


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
