"""engines/compare.py and engines/launch.py: the comparison of the default engine with others.

The pure functions are tested on small HTML strings and tiny sites written to tmp_path; the one
test that builds real sites needs .venv-properdocs (`make engines-properdocs`) and is skipped
without it.
"""

from __future__ import annotations

import gzip
import importlib.util
import subprocess
import sys
import types
from pathlib import Path
from types import ModuleType

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
ENGINES = REPO / "engines"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"engines_{name}", ENGINES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


compare = _load("compare")
launch = _load("launch")

CSP = "default-src 'none'; script-src 'self' {hashes}; style-src 'self'"


def html_page(article: str = "<h1 id='top'>Title</h1><p>Text</p>", *, title: str = "A page",
              generator: str = "mkdocs-1.6.1, mkdocs-material-9.8.1", csp: str | None = CSP.format(hashes=""),
              head: str = "", body: str = "") -> str:
    meta_csp = f'<meta http-equiv="Content-Security-Policy" content="{csp}">' if csp is not None else ""
    return (f"<!doctype html><html><head>{meta_csp}<meta name=\"generator\" content=\"{generator}\">"
            f"<title>{title}</title>{head}</head><body>{body}"
            f"<article class=\"md-content__inner md-typeset\">{article}</article></body></html>")


def site_of(files: dict[str, str | bytes]) -> compare.Site:
    data = {path: content.encode() if isinstance(content, str) else content for path, content in files.items()}
    pages = {path: compare.parse_page(path, content.decode()) for path, content in data.items()
             if path.endswith(".html")}
    return compare.Site(files=data, pages=pages)


SAMPLE = {
    "index.html": html_page("<h1 id='home'>Home</h1><p>See <a href='journey/#contact'>contact</a>.</p>"),
    "journey/index.html": html_page("<h1 id='journey'>Journey</h1><h2 id='contact'>Contact</h2>"
                                    "<p><a href='../'>Home</a> and <a href='#contact'>here</a></p>"),
    "review.json": '{"reviews": []}',
    "amendments.xml": "<feed/>",
    "stylesheets/levels.css": ".hb-level--a { color: #000; }",
    "sitemap.xml.gz": gzip.compress(b"<urlset/>", mtime=1),
}


# --- text --------------------------------------------------------------------------------------


def test_whitespace_of_any_kind_becomes_one_space() -> None:
    assert compare.normalise_space("  one\n\ttwo\u00a0 three \r\n") == "one two three"
    assert compare.normalise_space("\n \t") == ""


def test_article_text_reads_inline_markup_as_written_and_sets_blocks_apart() -> None:
    soup = BeautifulSoup("<article><h1>Title</h1><p>The <abbr title='x'>KSS</abbr>: "
                         "<em>now</em>.</p><ul><li>one</li><li>two</li></ul>"
                         "<script>var hidden = 1;</script><!-- a comment --></article>", "html.parser")
    assert compare.article_text(soup) == "Title The KSS: now. one two"


def test_marking_an_abbreviation_does_not_change_the_article_text() -> None:
    marked = BeautifulSoup("<article><p>Ask <abbr title='Ofsted'>Ofsted</abbr>: now</p></article>", "html.parser")
    plain = BeautifulSoup("<article><p>Ask Ofsted: now</p></article>", "html.parser")
    assert compare.article_text(marked) == compare.article_text(plain) == "Ask Ofsted: now"


def test_the_material_article_is_preferred_and_a_page_without_one_has_none() -> None:
    soup = BeautifulSoup("<article>aside</article><article class='md-content__inner'>main</article>", "html.parser")
    assert compare.article_text(soup) == "main"
    assert compare.article_text(BeautifulSoup("<main><p>text</p></main>", "html.parser")) is None


def test_first_difference_shows_both_texts_where_they_part() -> None:
    a, b = compare.first_difference("the same words, then cats", "the same words, then dogs", context=12)
    assert "cats" in a and "dogs" in b and a != b
    assert compare.first_difference("same", "same") == ("", "")
    shorter, longer = compare.first_difference("abc", "abcdef", context=6)
    assert "def" in longer and shorter != longer


# --- links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "url"), [("index.html", "/"), ("journey/index.html", "/journey/"),
                                           ("frameworks/kss/index.html", "/frameworks/kss/"),
                                           ("404.html", "/404.html")])
def test_page_urls_follow_directory_urls(path: str, url: str) -> None:
    assert compare.page_url(path) == url


@pytest.mark.parametrize(("href", "internal"), [
    ("../journey/", True), ("#contact", True), ("/assets/x.css", True), ("review.json", True),
    ("https://example.org/", False), ("mailto:a@example.org", False), ("tel:0123", False),
    ("data:text/javascript,", False), ("//cdn.example.org/x.js", False),
])
def test_only_links_into_the_site_are_internal(href: str, internal: bool) -> None:
    assert compare.is_internal(href) is internal


def test_links_are_resolved_against_the_page_and_marked_when_in_the_article() -> None:
    html = ("<html><head><link rel='stylesheet' href='../assets/main.css'></head><body>"
            "<nav><a href='../'>Home</a><a href='https://example.org/'>out</a></nav>"
            "<article><a href='../services/#family%20hubs'>hubs</a><a href='#top'>top</a>"
            "<svg><a xlink:href='../teams/#front-door'><text>box</text></a></svg></article>"
            "<script src='../assets/bundle.js'></script><img src='data:image/png;base64,AA'></body></html>")
    links = compare.extract_links(BeautifulSoup(html, "html.parser"), "journey/index.html")
    found = [(link.target, link.fragment, link.in_article) for link in links]
    assert found == [("/assets/main.css", "", False), ("/", "", False),
                     ("/services/", "family hubs", True), ("/journey/", "top", True),
                     ("/teams/", "front-door", True), ("/assets/bundle.js", "", False)]


def test_a_link_key_is_where_it_leads_however_it_is_written() -> None:
    one = compare.Link("a/index.html", "../x/#y", "/x/", "y", True)
    other = compare.Link("a/index.html", "/x/#y", "/x/", "y", True)
    assert compare.link_key(one) == compare.link_key(other) == "/x/#y"


@pytest.mark.parametrize(("url", "expected"), [
    ("/", "index.html"), ("/journey/", "journey/index.html"), ("/journey", "journey/index.html"),
    ("/review.json", "review.json"), ("/missing/", None), ("/stylesheets/none.css", None),
])
def test_a_url_path_is_served_from_a_file_or_a_folders_index(url: str, expected: str | None) -> None:
    files = {"index.html", "journey/index.html", "review.json"}
    assert compare.target_file(url, files) == expected


def test_broken_links_are_missing_files_and_missing_anchors() -> None:
    site = site_of({
        **SAMPLE,
        "teams/index.html": html_page("<h1 id='teams'>Teams</h1><p><a href='../journey/#no-such-stage'>x</a>"
                                      "<a href='../gone/'>y</a><a href='../journey/#contact'>ok</a>"
                                      "<a href='../review.json'>json</a></p>"),
    })
    broken = [(link.page, link.href, why) for link, why in compare.broken_links(site)]
    assert broken == [("teams/index.html", "../journey/#no-such-stage",
                       "no element with id 'no-such-stage' on journey/index.html"),
                      ("teams/index.html", "../gone/", "no such file")]


def test_the_sample_sites_links_all_resolve() -> None:
    assert compare.broken_links(site_of(SAMPLE)) == []


# --- the policy ----------------------------------------------------------------------------------


def test_inline_scripts_are_checked_against_the_hashes_the_policy_lists() -> None:
    body = "<script>console.log(1)</script>"
    allowed = compare.script_hash("console.log(1)")
    assert compare.policy_problems(body, CSP.format(hashes=allowed)) == ()
    assert compare.policy_problems(body, CSP.format(hashes="")) == ("inline script not allowed by the policy",)
    assert compare.policy_problems("<script type='application/json'>{}</script>", CSP.format(hashes="")) == ()
    assert compare.policy_problems("<script src='x.js'></script>", CSP.format(hashes="")) == ()


def test_inline_styles_and_a_missing_policy_are_problems() -> None:
    html = "<style>p { color: red }</style><p style='color: red'>x</p>"
    assert compare.policy_problems(html, CSP.format(hashes="")) == ("inline <style> element", "style attribute")
    assert compare.policy_problems(html, "style-src 'self' 'unsafe-inline'") == ()
    assert compare.policy_problems("<p>x</p>", None) == ("no Content-Security-Policy",)


def test_a_pages_policy_title_and_generator_are_read_from_its_head() -> None:
    page = compare.parse_page("index.html", html_page(title="  Home \n page ", generator="zensical-0.0.73"))
    assert (page.title, page.generator, page.csp) == ("Home page", "zensical-0.0.73", CSP.format(hashes=""))
    assert {"top"} <= page.ids


# --- comparing -----------------------------------------------------------------------------------


def test_the_same_site_has_no_differences() -> None:
    result = compare.compare_sites(site_of(SAMPLE), site_of(SAMPLE))
    assert result.differences() == []
    assert result.assets == dict.fromkeys(compare.GENERATED_ASSETS, "same")
    assert result.files_same == 1  # the sitemap; pages and generated assets are compared apart


def test_only_the_generator_differs_when_another_engine_names_itself() -> None:
    other = {path: (content.replace("mkdocs-1.6.1,", "mkdocs-ProperDocs 1.6.7,") if isinstance(content, str)
                    else content) for path, content in SAMPLE.items()}
    result = compare.compare_sites(site_of(SAMPLE), site_of(other))
    assert result.differences() == [] and result.html == []
    assert {(d.default, d.other) for d in result.generators} == {
        ("mkdocs-1.6.1, mkdocs-material-9.8.1", "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1")}


def test_gzip_files_are_compared_by_their_content_not_their_timestamp() -> None:
    other = {**SAMPLE, "sitemap.xml.gz": gzip.compress(b"<urlset/>", mtime=999)}
    assert compare.compare_sites(site_of(SAMPLE), site_of(other)).differences() == []
    changed = {**SAMPLE, "sitemap.xml.gz": gzip.compress(b"<urlset><url/></urlset>", mtime=1)}
    assert compare.compare_sites(site_of(SAMPLE), site_of(changed)).files_differ == ["sitemap.xml.gz"]


def test_every_kind_of_difference_is_found() -> None:
    other = dict(SAMPLE)
    del other["journey/index.html"], other["review.json"]
    other["index.html"] = html_page("<h1 id='home'>Home</h1><p>See <a href='teams/'>teams</a>!</p>",
                                    title="Home - A page", csp=None)
    other["stylesheets/levels.css"] = ""
    other["extra.js"] = "1"
    result = compare.compare_sites(site_of(SAMPLE), site_of(other))
    assert result.missing_pages == ["journey/index.html"] and result.extra_pages == []
    assert [d.page for d in result.titles] == [d.page for d in result.articles] == ["index.html"]
    assert "contact" in result.articles[0].default and "teams" in result.articles[0].other
    assert "/journey/#contact" in result.article_links[0].default
    assert "/teams/" in result.article_links[0].other
    assert result.csp[0].other == "(none)"
    assert result.assets == {"review.json": "missing in the other site", "amendments.xml": "same",
                             "stylesheets/levels.css": "differs"}
    assert result.files_extra == ["extra.js"]
    assert result.broken_other == ["index.html: teams/ (no such file)"]
    assert result.policy_other == {"no Content-Security-Policy": 1}
    kinds = " | ".join(result.differences())
    for kind in ("pages missing", "titles", "article text", "article links", "Content-Security-Policy",
                 "extra files", "broken links", "inline code against the policy", "generated assets"):
        assert kind in kinds


def test_the_changed_html_lines_are_shown_with_the_generator_masked() -> None:
    lines = compare.html_difference('<meta name="generator" content="a">\n<p>one</p>',
                                    '<meta name="generator" content="b">\n<p>two</p>')
    assert lines == ["-<p>one</p>", "+<p>two</p>"]
    many = compare.html_difference("\n".join(map(str, range(40))), "\n".join(f"x{i}" for i in range(40)), limit=4)
    assert len(many) == 5 and many[-1] == "… 76 more changed lines"


def test_read_site_reads_a_built_folder(tmp_path: Path) -> None:
    for path, content in SAMPLE.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
    site = compare.read_site(tmp_path)
    assert sorted(site.pages) == ["index.html", "journey/index.html"]
    assert set(site.files) == set(SAMPLE)
    assert site.pages["journey/index.html"].article == "Journey Contact Home and here"


def test_the_snapshot_copies_only_what_a_build_reads(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for part in ("docs", "data", "macros/handbook/__pycache__", "macros/x.egg-info", "site", ".venv"):
        (project / part).mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n")
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "macros" / "handbook" / "__pycache__" / "a.pyc").write_bytes(b"")
    (project / "site" / "index.html").write_text("old")
    snapshot = compare.snapshot_project(project, tmp_path / "snapshot")
    copied = sorted(p.relative_to(snapshot).as_posix() for p in snapshot.rglob("*"))
    assert copied == ["data", "docs", "docs/index.md", "macros", "macros/handbook", "mkdocs.yml"]


def test_builds_share_the_day_the_timestamp_and_the_snapshots_generator(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_DATA_DIR", "/elsewhere")
    monkeypatch.setenv("PYTHONPATH", "benchmarks")
    env = compare.build_environment(tmp_path, tmp_path / ".git", "2026-12-03")
    assert env["HANDBOOK_TODAY"] == "2026-12-03" and env["SOURCE_DATE_EPOCH"] == "1796256000"
    assert env["PYTHONPATH"] == str(tmp_path / "macros") and "HANDBOOK_DATA_DIR" not in env
    assert env["GIT_WORK_TREE"] == str(tmp_path) and env["GIT_OPTIONAL_LOCKS"] == "0"
    assert "GIT_DIR" not in compare.build_environment(tmp_path, None, "2026-12-03")


# --- the report and the exit status ------------------------------------------------------------


def build(engine: str, *, returncode: int = 0, loads: int | None = 1, error: str = "") -> compare.Build:
    nowhere = Path("/nonexistent")
    return compare.Build(engine, f"{engine} 1.0", returncode, 1.25, loads, nowhere / "site", nowhere / "build.log",
                         error)


def test_properdocs_fails_on_any_difference_and_passes_when_only_the_generator_differs() -> None:
    engine = compare.ENGINES["properdocs"]
    different = compare.compare_sites(site_of(SAMPLE), site_of({**SAMPLE, "review.json": "{}"}))
    status, line = compare.verdict(engine, build("properdocs"), different, build("mkdocs"), strict=False)
    assert status == 1 and line.startswith("Result: DIFFERENT") and "generated assets" in line
    same = compare.compare_sites(site_of(SAMPLE), site_of(SAMPLE))
    assert compare.verdict(engine, build("properdocs"), same, build("mkdocs"), strict=False)[0] == 0


def test_zensical_differences_are_reported_and_fail_only_with_strict() -> None:
    engine = compare.ENGINES["zensical"]
    failed = build("zensical", returncode=1, loads=19, error="AttributeError: no post_macro_functions")
    status, line = compare.verdict(engine, failed, None, build("mkdocs"), strict=False)
    assert status == 0 and "the build failed" in line and "data loaded 19 times (default: 1)" in line
    assert compare.verdict(engine, failed, None, build("mkdocs"), strict=True)[0] == 1
    same = compare.compare_sites(site_of(SAMPLE), site_of(SAMPLE))
    assert compare.verdict(engine, build("zensical"), same, build("mkdocs"), strict=True)[0] == 0


def test_the_report_names_counts_and_examples() -> None:
    other = {**SAMPLE, "index.html": html_page("<h1 id='home'>Home</h1><p>Changed</p>")}
    del other["stylesheets/levels.css"]
    comparison = compare.compare_sites(site_of(SAMPLE), site_of(other))
    report = compare.format_report(build("mkdocs"), build("zensical", loads=24), comparison)
    assert "pages (HTML files)" in report and "24 (not once per build)" in report and "1 (once per build)" in report
    assert "Article text: differ on 1 of 2 pages." in report
    assert "stylesheets/levels.css missing in the other site" in report
    failed = compare.format_report(build("mkdocs"), build("zensical", returncode=1, error="Boom"), None)
    assert "The zensical build failed (exit status 1): Boom" in failed and "No site to compare." in failed


def test_the_reason_a_build_failed_is_its_last_error_line() -> None:
    output = ("INFO - building\nTraceback (most recent call last):\n  File \"x.py\", line 1\n"
              "RuntimeError: Python error: AttributeError: 'MacroEnv' object has no attribute 'x'\n  more\n")
    assert compare.failure_reason(output).startswith("RuntimeError: Python error: AttributeError")
    assert compare.failure_reason("just this\n") == "just this"
    assert compare.failure_reason("") == "(no output)"


def test_loads_are_counted_from_the_probes_log(tmp_path: Path) -> None:
    log = tmp_path / "loads.log"
    assert compare.count_loads(log) is None
    log.write_text("load pid=1 t=0.1\nload pid=1 t=0.2\n")
    assert compare.count_loads(log) == 2
    log.write_text("probe: unavailable\n")
    assert compare.count_loads(log) is None


# --- launch.py -----------------------------------------------------------------------------------


def test_the_probe_counts_every_call_of_the_loading_function(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("fake_handbook_site")
    fake.load_handbook = lambda path: f"loaded {path}"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_handbook_site", fake)
    monkeypatch.setattr(launch, "PROBES", (("no_such_module_here", "load"), ("fake_handbook_site", "load_handbook")))
    log = tmp_path / "loads.log"
    assert launch.install_probe(log) == "fake_handbook_site.load_handbook"
    assert fake.load_handbook("data") == "loaded data" and fake.load_handbook("data") == "loaded data"
    assert compare.count_loads(log) == 2


def test_without_a_function_to_wrap_the_loads_are_not_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(launch, "PROBES", (("no_such_module_here", "load"),))
    log = tmp_path / "loads.log"
    assert launch.install_probe(log) is None
    assert compare.count_loads(log) is None


def test_compare_refuses_to_run_without_the_engines_venv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert compare.main(["properdocs", "--python", str(tmp_path / "none" / "python")]) == 2
    assert "make engines-properdocs" in capsys.readouterr().err


# --- a real comparison ---------------------------------------------------------------------------


@pytest.mark.slow
def test_properdocs_builds_the_same_site_as_mkdocs() -> None:
    python = REPO / ".venv-properdocs" / "bin" / "python"
    if not python.is_file():
        pytest.skip(".venv-properdocs is not installed (run `make engines-properdocs` once)")
    run = subprocess.run([sys.executable, str(ENGINES / "compare.py"), "properdocs", "--today", "2026-11-22"],
                         check=False, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Article text: identical on all" in run.stdout
    assert "Generated assets: review.json same, amendments.xml same, stylesheets/levels.css same." in run.stdout
