"""Text typed into the data never becomes HTML or template code in the built site."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import MINIMAL_DATA, copy_project, handbook

PAYLOAD = '<script>alert("typed into the data")</script> {{ 6 * 7 }} {% raw %}'


def test_script_and_template_syntax_in_prose_stay_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    services = project / "data" / "services.yaml"
    text = services.read_text().replace(
        "    summary: Help for families close to home.",
        f"    summary: '{PAYLOAD}'",
    ).replace("    name: Family hub", "    name: 'Family hub <img src=x onerror=alert(1)>'")
    services.write_text(text)
    journey = project / "data" / "journey.yaml"
    journey.write_text(journey.read_text().replace(
        "      - The child is seen.", "      - 'The child is seen. {: onclick=\"alert(1)\" }'"))
    run = handbook(project, "build")
    assert run.returncode == 0, run.output
    for html_file in (project / "site").rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert '<script>alert("typed' not in html, html_file
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all("img", src="x"), html_file
        handlers = soup.find_all(lambda tag: any(name.startswith("on") for name in tag.attrs))
        assert not handlers, (html_file, handlers)
        assert not any("typed into the data" in (script.string or "") for script in soup.find_all("script"))
    page = BeautifulSoup((project / "site" / "services" / "index.html").read_text(), "html.parser")
    text = page.select_one("article").get_text()
    assert '<script>alert("typed into the data")</script>' in text
    assert "{{ 6 * 7 }}" in text and "42" not in text
    assert "Family hub <img src=x onerror=alert(1)>" in text


IMG = "<img src=x onerror=alert(1)>"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_markup_in_any_field_stays_inert(tmp_path: Path) -> None:
    """Names, titles and text that the check accepts can never become live HTML on any page."""
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    data = project / "data"
    _replace(data / "authority.yaml", "short_name: Testshire", f"short_name: 'Test{IMG}'")
    _replace(data / "authority.yaml", "handbook_title: Practice Handbook", f"handbook_title: 'Handbook {IMG}'")
    _replace(data / "authority.yaml", "summary: A small handbook used by the tests.",
             f"summary: 'x\"><img src=x onerror=alert(1)> summary'")
    frameworks = data / "frameworks"
    _replace(frameworks / "kss-practice-supervisors.yaml", "short_name: KSS practice supervisors",
             f"short_name: 'KSS {IMG}'")
    _replace(frameworks / "ofsted-operating-model.yaml", "    title: The local authority's vision and values",
             "    title: 'Vision [see](javascript:alert(1)) *x* <img src=x onerror=alert(1)>'")
    _replace(data / "thresholds.yaml", "    name: The child's developmental needs",
             f"    name: 'Needs {IMG} [x](javascript:alert(1))'")
    _replace(data / "thresholds.yaml", "    summary: Needs met by universal services.",
             "    summary: 'Universal `</td></tr></table><img src=x onerror=alert(1)>` services.'")
    _replace(data / "services.yaml", "    summary: Help for families close to home.",
             "    summary: 'Hubs `</div><img src=x onerror=alert(1)>` here, and \\\\`<img src=x>` too.'")
    _replace(data / "vision.yaml", "    summary: Change happens through relationships.",
             "    summary: \"text ```\\n\\n<img src=x onerror=alert(1)>\\n\\nmore```\"")
    run = handbook(project, "build")
    assert run.returncode == 0, run.output
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 15
    for html_file in pages:
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        assert not soup.find_all("img"), html_file
        assert not soup.find_all(lambda tag: any(name.startswith("on") for name in tag.attrs)), html_file
        assert not [a for a in soup.find_all(href=True) if a["href"].strip().lower().startswith("javascript:")], html_file
        for meta in soup.find_all("meta"):
            assert "<img" not in str(meta.get("content", "")) or meta.parent.name == "head", html_file
    home = BeautifulSoup((project / "site" / "index.html").read_text(), "html.parser")
    assert "Test\u2039img src=x onerror=alert(1)\u203a Handbook" in home.title.get_text()  # harmless look-alikes


def test_coverage_gaps_warn_without_failing_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    run = handbook(project, "build")
    assert run.returncode == 0, run.output
    assert "warning: 14 of 34 framework statements are not evidenced yet" in run.output
    assert "PL1, PL2" in run.output
    assert (project / "site" / "coverage" / "index.html").exists()
    coverage = (project / "site" / "coverage" / "index.html").read_text()
    assert "These statements are not yet evidenced" in coverage


def test_coverage_gaps_fail_the_build_when_the_data_says_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    authority = project / "data" / "authority.yaml"
    authority.write_text(authority.read_text() + "coverage:\n  gaps: error\n")
    run = handbook(project, "build")
    assert run.returncode == 1
    assert "Nothing in the handbook evidences PL1" in run.output
    assert not (project / "site").exists()
