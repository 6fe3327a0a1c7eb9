"""Words in another language (issue 17, WCAG 3.1.2): `lang` on a glossary term (its abbreviation
and words) and on a service (its name) marks them with a lang attribute wherever they are shown;
the handbook's own words around them stay unmarked."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from pydantic import ValidationError

from handbook import schema
from handbook.render.blocks import heading
from handbook.render.text import in_language
from test_site import page


def test_in_language() -> None:
    assert in_language("Rodzina Razem", "pl") == '<span lang="pl">Rodzina Razem</span>'
    assert in_language("Family hub", None) == "Family hub"
    assert in_language("", "cy") == ""


def test_a_heading_in_another_language() -> None:
    assert heading(2, "CDU: Cynllun", "term-cdu", lang="cy") == "## CDU: Cynllun { #term-cdu lang=cy }"
    assert heading(2, "Rodzina", lang="pl") == "## Rodzina { lang=pl }"
    assert heading(2, "Plain", "plain") == "## Plain { #plain }"
    assert heading(3, "Plain") == "### Plain"


@pytest.mark.parametrize("code", ["cy", "pl", "ur", "gd", "cy-GB", "zh-Hant"])
def test_language_codes(code: str) -> None:
    assert schema.Term(abbr="X", term="Y", lang=code).lang == code


@pytest.mark.parametrize("code", ["Welsh", "CY", "c", "cy GB", 'cy" onclick="x', "cy}", ""])
def test_other_values_are_refused(code: str) -> None:
    with pytest.raises(ValidationError):
        schema.Term(abbr="X", term="Y", lang=code)


def _article(site: Path, src: str) -> Tag:
    article = page(site, src).select_one("article")
    assert article is not None
    return article


def test_a_welsh_glossary_term_is_marked(built_larger: Path) -> None:
    glossary = _article(built_larger, "glossary.md")
    title = glossary.find(id="term-cdu")
    assert isinstance(title, Tag) and title.name == "h2" and title.get("lang") == "cy"
    words = title.find_next("p")
    assert isinstance(words, Tag)
    marked = words.find("span", lang="cy")
    assert isinstance(marked, Tag) and marked.get_text() == "Cynllun Datblygu Unigol"
    # the definition, in the handbook's language, is not marked
    assert "A Welsh individual development plan" not in marked.get_text()
    assert words.get("lang") is None
    other = glossary.find(id="term-cin")
    assert isinstance(other, Tag) and other.get("lang") is None


def test_a_service_with_a_polish_name_is_marked_wherever_it_is_named(built_larger: Path) -> None:
    services = _article(built_larger, "services.md")
    title = services.find(id="rodzina-razem")
    assert isinstance(title, Tag) and title.get("lang") == "pl"
    assert title.parent is not None and title.parent.get("lang") is None  # the facts stay English
    links = [a for src in ("thresholds.md", "print.md") for a in _article(built_larger, src).find_all(
        "a", href=lambda href: bool(href) and href.endswith("#rodzina-razem"))]
    assert links
    for link in (link for link in links if "headerlink" not in (link.get("class") or [])):
        span = link.find("span", lang="pl")
        assert isinstance(span, Tag) and span.get_text() == "Rodzina Razem", link
    others = BeautifulSoup(str(services), "html.parser").find_all("h2", lang=True)
    assert [h2.get("id") for h2 in others] == ["rodzina-razem"]


def test_an_abbreviation_in_another_language_is_marked() -> None:
    import markdown

    from handbook.abbreviations import Glossary

    glossary = Glossary({"CDU": "Cynllun Datblygu Unigol", "CIN": "Child in need"}, {"CDU": "cy"})
    html = markdown.markdown("A CDU and a CIN plan.", extensions=["handbook.abbreviations"],
                             extension_configs={"handbook.abbreviations": {"glossary": glossary}})
    assert '<abbr lang="cy" title="Cynllun Datblygu Unigol">CDU</abbr>' in html or \
        '<abbr title="Cynllun Datblygu Unigol" lang="cy">CDU</abbr>' in html
    assert '<abbr title="Child in need">CIN</abbr>' in html
    plain = markdown.markdown("A CDU.", extensions=["handbook.abbreviations"],
                              extension_configs={"handbook.abbreviations": {"glossary": {"CDU": "Cynllun"}}})
    assert "lang=" not in plain  # a plain dictionary still works, with no languages


def test_the_glossary_setting_carries_the_languages(built_larger: Path) -> None:
    from conftest import LARGER_DATA
    from handbook.site import abbreviations
    from handbook.validate import load_handbook

    glossary = abbreviations(load_handbook(LARGER_DATA, base=LARGER_DATA.parent))
    assert glossary["CDU"] == "Cynllun Datblygu Unigol" and glossary.languages == {"CDU": "cy"}
    title = _article(built_larger, "glossary.md").find(id="term-cdu")
    assert isinstance(title, Tag)
    abbr = title.find("abbr")
    assert isinstance(abbr, Tag) and abbr.get("lang") == "cy"
