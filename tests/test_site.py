"""The real sample authority, built into a temporary folder and checked through its HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup, Tag

from conftest import SAMPLE_DATA
from handbook import schema
from handbook.areas import model_areas
from handbook.book import Handbook
from handbook.postprocess import NO_SCRIPT, without_cdn_addresses
from handbook.validate import load_handbook

# The acceptance asks for these three frameworks by name; the others are checked the same way.
REQUIRED_STATEMENTS = (
    [f"PS{i}" for i in range(1, 9)] + [f"PL{i}" for i in range(1, 7)]
    + [f"OM{i}" for i in range(1, 9)] + [f"I{i}" for i in range(1, 6)]
)


def page(site: Path, src: str) -> BeautifulSoup:
    """The built HTML of a page, given its source path in docs/ (e.g. journey.md)."""
    html = site / (src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/") / "index.html"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def section(soup: BeautifulSoup, anchor: str) -> list[Tag]:
    """The heading with this id and everything after it up to the next heading of its rank or higher."""
    heading = soup.find(id=anchor)
    assert heading is not None, f"no element with id {anchor!r}"
    assert heading.name and re.fullmatch(r"h[1-6]", heading.name), f"#{anchor} is a <{heading.name}>, not a heading"
    rank = int(heading.name[1])
    elements = [heading]
    for sibling in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name or "") and int(sibling.name[1]) <= rank:
            break
        elements.append(sibling)
    return elements


def links_in(elements: list[Tag], selector: str = "a[href]") -> list[str]:
    return [a["href"] for element in elements for a in element.select(selector)]


def resolve(from_src: str, href: str) -> tuple[str, str]:
    """(page URL path, anchor) that a relative link on a page points to."""
    base = "/" + (from_src[: -len("index.md")] if from_src.endswith("index.md") else from_src[:-3] + "/")
    target = urlparse(urljoin(base, href))
    return target.path, target.fragment


def url_of(src: str) -> str:
    return "/" + (src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/")


def test_every_required_statement_is_in_the_sample(sample: Handbook) -> None:
    assert set(REQUIRED_STATEMENTS) <= set(sample.index.statements)
    assert not sample.index.gaps(), "the sample should evidence every statement"


def test_every_statement_is_a_heading_linking_to_its_evidence(built_sample: Path, sample: Handbook) -> None:
    for statement_id, record in sample.index.statements.items():
        soup = page(built_sample, record.page)
        elements = section(soup, record.anchor)
        assert statement_id in elements[0].get_text()
        targets = {resolve(record.page, href) for href in links_in(elements)}
        expected = {(url_of(item.page), item.anchor or "") for item in sample.index.evidenced_by(statement_id)}
        assert expected, f"{statement_id} has no evidence in the sample"
        assert expected <= targets, f"{statement_id} does not link to {expected - targets}"


def test_every_evidencing_item_links_back_to_its_statements(built_sample: Path, sample: Handbook) -> None:
    pages: dict[str, BeautifulSoup] = {}
    checked = 0
    for item in sample.index.items.values():
        if not item.evidences:
            continue
        if item.page not in pages:  # each page parsed once (setdefault would parse it for every item)
            pages[item.page] = page(built_sample, item.page)
        soup = pages[item.page]
        elements = section(soup, item.anchor) if item.anchor else [soup.select_one("article")]
        badges = {resolve(item.page, href) for href in links_in(elements, "a.hb-badge")}
        for statement_id in item.evidences:
            statement = sample.index.statements[statement_id]
            assert (url_of(statement.page), statement.anchor) in badges, (
                f"{item.kind} {item.id} does not link back to {statement_id}")
            checked += 1
    assert checked > 100


def test_badges_name_the_statement_in_full(built_sample: Path) -> None:
    badge = page(built_sample, "supervision.md").select_one("a.hb-badge")
    assert badge is not None
    visible = badge.find(string=True, recursive=False)
    hidden = badge.select_one(".hb-visually-hidden").get_text()
    assert re.match(r"^[A-Z]+\d+$", visible)
    assert re.match(r"^: .+ \(.+\)$", hidden)  # read out as "PS7: Emotionally ... (KSS practice supervisors)"
    assert badge["title"] == visible + hidden


def test_every_page_says_the_authority_is_fictional(built_sample: Path) -> None:
    pages = list(built_sample.rglob("index.html"))
    assert len(pages) >= 18
    for html in pages:
        notice = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(".hb-notice")
        assert notice is not None and "fictional" in notice.get_text(), html


def test_site_name_and_footer_come_from_the_data(built_sample: Path) -> None:
    soup = page(built_sample, "index.md")
    authority = load_handbook(SAMPLE_DATA, base=SAMPLE_DATA.parent).authority
    assert soup.title.get_text().endswith(f"{authority.short_name} {authority.handbook_title}")
    assert "Open Government Licence v3.0" in soup.select_one(".md-copyright").get_text()


def test_area_pages_render_their_data(built_sample: Path, sample: Handbook) -> None:
    for area in model_areas():
        soup = page(built_sample, area.page)
        assert soup.select_one("article h1"), area.page
    journey = page(built_sample, "journey.md")
    for stage in sample.area(schema.JourneyFile).stages:
        assert journey.find(id=stage.id) is not None  # the link to its page, under its old anchor
    # every timescale row of the table is in the journey data
    rows = journey.find(id="timescales").find_next("table").select("tbody tr")
    assert len(rows) == sum(len(s.timescales) for s in sample.area(schema.JourneyFile).stages)


def test_coverage_page_has_a_row_per_statement_and_no_gaps(built_sample: Path, sample: Handbook) -> None:
    soup = page(built_sample, "coverage.md")
    rows = soup.select("article table tbody tr")
    assert len(rows) == len(sample.index.statements)
    header = [th.get_text() for th in soup.select_one("article table thead tr").find_all("th")]
    assert header[:2] == ["Statement", "Total"]  # the total beside the statement, always in view
    assert header[2:] == [area.short for area in model_areas()]
    assert "None: every statement is evidenced" in section(soup, "gaps")[1].get_text()


def test_abbreviations_become_tooltips(built_sample: Path) -> None:
    for src, abbreviation in (("teams.md", "MASH"), ("journey.md", "ICPC")):
        abbrs = page(built_sample, src).select("abbr[title]")
        assert any(a.get_text() == abbreviation and len(a["title"]) > 10 for a in abbrs), (src, abbreviation)


def test_search_index_is_built_locally(built_sample: Path) -> None:
    index = json.loads((built_sample / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"]).lower()
    assert "supervision" in text and "strategy discussion" in text


def test_search_lists_each_match_once_not_again_in_the_whole_handbook(built_sample: Path) -> None:
    index = json.loads((built_sample / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "print/" not in pages  # everything on it is on its own page too
    assert {"journey/", "supervision/", "teams/", "services/"} <= pages
    assert (built_sample / "print" / "index.html").is_file()


# --- nothing is loaded from another host -------------------------------------------------------

RESOURCE_ATTRIBUTES = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
    "audio": "src", "embed": "src", "object": "data", "track": "src",
}


def _is_external(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.scheme in ("http", "https") or url.strip().startswith("//"))


def test_no_page_loads_anything_from_another_host(built_sample: Path) -> None:
    offenders = []
    for html in built_sample.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in RESOURCE_ATTRIBUTES.items():
            offenders += [f"{html}: <{tag} {attribute}={el[attribute]}>" for el in soup.find_all(tag)
                          if el.get(attribute) and _is_external(el[attribute])]
        for link in soup.find_all("link", href=True):
            if _is_external(link["href"]) and set(link.get("rel", [])) - {"canonical"}:
                offenders.append(f"{html}: <link rel={link.get('rel')} href={link['href']}>")
        for styled in soup.find_all(style=True):
            if re.search(r"url\(\s*['\"]?(https?:)?//", styled["style"]):
                offenders.append(f"{html}: inline style {styled['style']}")
    assert not offenders, "\n".join(offenders)


def test_the_theme_files_name_no_script_server(built_sample: Path) -> None:
    # The theme's bundle would load a polyfill and Mermaid from unpkg.com in some browsers and on
    # some pages; the build rewrites those addresses to load nothing, and leaves out the theme's
    # source maps (whose copy of the theme's sources names the CDN too).
    assert not list(built_sample.rglob("*.map"))
    offenders = []
    for path in built_sample.rglob("*"):
        if path.suffix in (".js", ".css", ".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path}: {m}" for m in re.findall(r"unpkg\.com|cdn\.jsdelivr|cdnjs\.cloudflare", text)]
            offenders += [f"{path}: {m}" for m in re.findall(r"sourceMappingURL=\S+", text)]
    assert not offenders, "\n".join(offenders)
    bundle = next((built_sample / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert bundle.read_text(encoding="utf-8").count(NO_SCRIPT) == 2  # the polyfill and Mermaid


def test_cdn_addresses_are_rewritten_inside_quotes_and_escaped_quotes() -> None:
    assert without_cdn_addresses('f("https://unpkg.com/mermaid@11/dist/mermaid.min.js")') == f'f("{NO_SCRIPT}")'
    assert without_cdn_addresses('"watchScript(\\"https://unpkg.com/resize-observer-polyfill\\")"') == \
        f'"watchScript(\\"{NO_SCRIPT}\\")"'
    assert without_cdn_addresses("see https://example.org/x.js") == "see https://example.org/x.js"


def test_no_stylesheet_or_font_comes_from_another_host(built_sample: Path) -> None:
    offenders = []
    for css in built_sample.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        offenders += [f"{css}: {m}" for m in re.findall(r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^'\")\s]+)", text)]
    assert not offenders, "\n".join(offenders)
    html = (built_sample / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
