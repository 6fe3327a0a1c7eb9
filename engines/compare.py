"""Build the handbook with the default engine and with another one, and compare the two sites.

    .venv/bin/python engines/compare.py properdocs     # or: make engines-properdocs
    .venv/bin/python engines/compare.py zensical       # or: make engines-zensical

The project's mkdocs.yml, docs/, data/, macros/, overrides/ and schema/ are copied once into a
temporary folder, and each engine builds its own copy of that snapshot (so an edit made while
the comparison runs cannot make the two builds differ, and the project's site/ is never
touched). Both builds judge reviews against the same day (--today), use the same timestamp
(SOURCE_DATE_EPOCH) and read the project's git history for the "source last changed" dates.

- The default engine is the project's .venv, built the way `handbook build` builds: the data
  is checked, then `mkdocs build --strict` runs in the same process, into a staging folder.
- The other engine runs from its own virtual environment (.venv-properdocs, .venv-zensical;
  `make engines-properdocs` and `make engines-zensical` create them from engines/*.txt).

Compared: the set of pages (HTML files), each page's title, its article text (Material's
`article` element, whitespace-normalised), the internal links in the article and on the whole
page and whether they resolve (file and anchor), the Content-Security-Policy meta and any inline
script or style it does not allow, the files the hooks generate (review.json, amendments.xml,
stylesheets/levels.css), every other file, the rest of each page's HTML, and how many times the
adapter loaded the data (engines/launch.py counts the loads `define_env` makes).

Exit status: 0 when the sites match (the generator meta tag naming the engine is an expected
difference); 1 when they differ, except for zensical, an optional comparison that only reports
unless --strict is given; 2 when the comparison cannot run (an engine's venv is missing, the
default build fails).
"""

from __future__ import annotations

import argparse
import base64
import datetime
import difflib
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
LAUNCH = HERE / "launch.py"

# What a build reads (as tests/conftest.py copies a project), besides the engine itself.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides", "schema")
SNAPSHOT_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".DS_Store")
# The files macros/hooks.py adds from the data (handbook.site.generated_assets), besides the pages.
GENERATED_ASSETS = ("review.json", "amendments.xml", "stylesheets/levels.css")
# Link-bearing attributes; SVG diagrams may use xlink:href.
LINK_ATTRIBUTES = (("a", "href"), ("a", "xlink:href"), ("link", "href"), ("script", "src"), ("img", "src"),
                   ("source", "src"))
HTML_DIFFS_SHOWN = 3  # pages whose changed HTML lines the report shows
_GENERATOR_META = re.compile(r'<meta\s+name="generator"\s+content="[^"]*"\s*/?>')
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?![^>]*\bsrc=)[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_INLINE_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle=", re.DOTALL)


@dataclass(frozen=True)
class Engine:
    key: str
    name: str
    venv: str  # relative to the project
    distribution: str  # whose version the report names
    expect_equal: bool  # a difference fails the comparison even without --strict


DEFAULT_ENGINE = Engine("mkdocs", "MkDocs", ".venv", "mkdocs", True)
ENGINES = {
    "properdocs": Engine("properdocs", "ProperDocs", ".venv-properdocs", "properdocs", True),
    "zensical": Engine("zensical", "Zensical", ".venv-zensical", "zensical", False),
}


# --- pages -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    page: str  # the site path of the page holding the link, e.g. journey/index.html
    href: str  # as written
    target: str  # the URL path it points at, from the site root, e.g. /services/
    fragment: str
    in_article: bool


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    article: str | None  # None: the page has no article element
    csp: str | None
    generator: str | None
    links: tuple[Link, ...]
    ids: frozenset[str]
    policy_problems: tuple[str, ...]


@dataclass
class Site:
    files: dict[str, bytes]
    pages: dict[str, Page]


def normalise_space(text: str) -> str:
    """Runs of any whitespace (spaces, newlines, tabs, no-break spaces) as one space, trimmed."""
    return " ".join(text.split())


# Elements whose text is set apart from the text around it; inline elements (a, abbr, em, code,
# span, ...) are not, so `<abbr>KSS</abbr>:` reads "KSS:" whether or not the abbreviation is marked.
BLOCK_ELEMENTS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", "svg", "g", "text", "title", "desc", "option", "select", "label", "button",
})
SKIPPED_ELEMENTS = frozenset({"script", "style", "template"})


def element_text(element: Tag) -> str:
    """The text a reader sees in an element: inline markup joined as it reads, a space between
    blocks, scripts and styles left out, whitespace normalised."""
    pieces: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                if child.name in SKIPPED_ELEMENTS:
                    continue
                block = child.name in BLOCK_ELEMENTS
                if block:
                    pieces.append(" ")
                walk(child)
                if block:
                    pieces.append(" ")
            elif type(child).__name__ in ("NavigableString", "CData"):  # not comments or doctypes
                pieces.append(str(child))

    walk(element)
    return normalise_space("".join(pieces))


def article_text(soup: BeautifulSoup) -> str | None:
    """The text of the page's article (Material's `article.md-content__inner`, else the first
    `article`), as element_text reads it; None when the page has no article."""
    article = soup.select_one("article.md-content__inner") or soup.find("article")
    if not isinstance(article, Tag):
        return None
    return element_text(article)


def page_url(path: str) -> str:
    """The URL path a site file is served at: index.html -> /, a/index.html -> /a/."""
    if path == "index.html":
        return "/"
    if path.endswith("/index.html"):
        return "/" + path[: -len("index.html")]
    return "/" + path


def is_internal(href: str) -> bool:
    """A link into the site itself: no scheme (https:, mailto:, data:, ...) and no host."""
    parts = urlsplit(href.strip())
    return not parts.scheme and not parts.netloc and not href.strip().startswith("//")


def extract_links(soup: BeautifulSoup, page: str) -> tuple[Link, ...]:
    """Every internal link, stylesheet, script and image address on the page, resolved against
    the page's URL; in document order."""
    base = page_url(page)
    links = []
    for element in soup.find_all(True):
        for name, attribute in LINK_ATTRIBUTES:
            if element.name != name:
                continue
            value = element.get(attribute)
            if not isinstance(value, str) or not is_internal(value):
                continue
            parts = urlsplit(urljoin(base, value.strip()))
            links.append(Link(page=page, href=value, target=unquote(parts.path) or "/",
                              fragment=unquote(parts.fragment),
                              in_article=element.find_parent("article") is not None))
    return tuple(links)


def target_file(url_path: str, files: Iterable[str]) -> str | None:
    """The site file a URL path is served from (a folder's index.html), None if there is none."""
    available = files if isinstance(files, (set, frozenset, dict)) else set(files)
    path = url_path.lstrip("/")
    candidates = [path + "index.html"] if path == "" or path.endswith("/") else [path, path + "/index.html"]
    return next((candidate for candidate in candidates if candidate in available), None)


def broken_links(site: Site) -> list[tuple[Link, str]]:
    """Links that point at no file, or at a page without the element their #fragment names."""
    broken = []
    for page in site.pages.values():
        for link in page.links:
            target = target_file(link.target, site.files)
            if target is None:
                broken.append((link, "no such file"))
            elif link.fragment and target in site.pages and link.fragment not in site.pages[target].ids:
                broken.append((link, f"no element with id {link.fragment!r} on {target}"))
    return broken


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy_problems(html: str, csp: str | None) -> tuple[str, ...]:
    """What a browser would block or allow against the policy: no policy at all, inline scripts
    whose hash the policy does not list, and inline styles (the policy allows only stylesheets).
    Styles a script adds while the page runs cannot be seen here (a browser test finds those)."""
    if csp is None:
        return ("no Content-Security-Policy",)
    problems = []
    script_src = next((d for d in csp.split(";") if d.strip().startswith("script-src")), "")
    for match in _INLINE_SCRIPT.finditer(html):
        kind = re.search(r"""\btype=["']?([^"'\s>]+)""", match.group("attrs"))
        if kind and kind.group(1).lower() not in ("text/javascript", "module", "application/javascript"):
            continue
        if script_hash(match.group("body")) not in script_src.split():
            problems.append("inline script not allowed by the policy")
    style_src = next((d for d in csp.split(";") if d.strip().startswith("style-src")), "")
    if "'unsafe-inline'" not in style_src:
        problems += ["inline <style> element"] * len(_INLINE_STYLE.findall(html))
        problems += ["style attribute"] * len(_STYLE_ATTRIBUTE.findall(html))
    return tuple(problems)


def parse_page(path: str, html: str) -> Page:
    soup = BeautifulSoup(html, "html.parser")
    csp_meta = soup.find("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.IGNORECASE)})
    csp = csp_meta.get("content") if isinstance(csp_meta, Tag) else None
    generator = soup.find("meta", attrs={"name": "generator"})
    title = soup.find("title")
    ids = {str(element["id"]) for element in soup.find_all(id=True)}
    ids |= {str(element["name"]) for element in soup.find_all("a", attrs={"name": True})}
    return Page(
        path=path,
        title=normalise_space(title.get_text()) if isinstance(title, Tag) else "",
        article=article_text(soup),
        csp=csp if isinstance(csp, str) else None,
        generator=str(generator.get("content")) if isinstance(generator, Tag) else None,
        links=extract_links(soup, path),
        ids=frozenset(ids),
        policy_problems=policy_problems(html, csp if isinstance(csp, str) else None),
    )


def read_site(folder: Path) -> Site:
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    pages = {path: parse_page(path, content.decode("utf-8", errors="replace"))
             for path, content in files.items() if path.endswith(".html")}
    return Site(files=files, pages=pages)


# --- comparing -----------------------------------------------------------------------------------


@dataclass
class Difference:
    page: str
    default: str
    other: str


@dataclass
class SiteComparison:
    pages_default: int = 0
    pages_other: int = 0
    missing_pages: list[str] = field(default_factory=list)  # in the default site only
    extra_pages: list[str] = field(default_factory=list)  # in the other site only
    titles: list[Difference] = field(default_factory=list)
    articles: list[Difference] = field(default_factory=list)
    article_links: list[Difference] = field(default_factory=list)
    page_links: list[Difference] = field(default_factory=list)
    csp: list[Difference] = field(default_factory=list)
    generators: list[Difference] = field(default_factory=list)
    html: list[Difference] = field(default_factory=list)  # the rest of the HTML, generator masked
    broken_default: list[str] = field(default_factory=list)
    broken_other: list[str] = field(default_factory=list)
    policy_default: dict[str, int] = field(default_factory=dict)  # problem -> pages with it
    policy_other: dict[str, int] = field(default_factory=dict)
    assets: dict[str, str] = field(default_factory=dict)  # generated asset -> same / differs / missing ...
    files_same: int = 0
    files_differ: list[str] = field(default_factory=list)
    files_missing: list[str] = field(default_factory=list)
    files_extra: list[str] = field(default_factory=list)

    def differences(self) -> list[str]:
        """One line per kind of difference; empty when the sites match (the generator meta may differ)."""
        found = []
        for label, items in (
            ("pages missing", self.missing_pages), ("extra pages", self.extra_pages),
            ("titles", self.titles), ("article text", self.articles), ("article links", self.article_links),
            ("page links", self.page_links), ("Content-Security-Policy", self.csp), ("other HTML", self.html),
            ("files that differ", self.files_differ), ("files missing", self.files_missing),
            ("extra files", self.files_extra),
        ):
            if items:
                found.append(f"{label}: {len(items)}")
        if len(self.broken_other) > len(self.broken_default) or set(self.broken_other) - set(self.broken_default):
            found.append(f"broken links: {len(self.broken_other)} (default: {len(self.broken_default)})")
        if self.policy_other != self.policy_default:
            found.append("inline code against the policy")
        if any(state != "same" for state in self.assets.values()):
            found.append("generated assets")
        return found


def first_difference(a: str, b: str, context: int = 60) -> tuple[str, str]:
    """Excerpts of two texts from a little before the first character where they differ."""
    if a == b:
        return "", ""
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    start = max(0, at - context // 3)

    def excerpt(text: str) -> str:
        piece = text[start:start + context]
        return ("…" if start else "") + (piece or "(end of text)") + ("…" if start + context < len(text) else "")

    return excerpt(a), excerpt(b)


def link_key(link: Link) -> str:
    """Where a link leads, written from the site root: `../x/` and `/x/` on /y/ both read /x/."""
    return link.target + (f"#{link.fragment}" if link.fragment else "")


def _link_list(links: Iterable[Link]) -> Counter[str]:
    return Counter(link_key(link) for link in links)


def _describe_links(default: Counter[str], other: Counter[str], limit: int = 3) -> tuple[str, str]:
    missing = sorted((default - other).elements())
    extra = sorted((other - default).elements())

    def listed(items: list[str]) -> str:
        shown = ", ".join(items[:limit]) + (f" and {len(items) - limit} more" if len(items) > limit else "")
        return shown or "-"

    return f"only in default ({len(missing)}): {listed(missing)}", f"only in other ({len(extra)}): {listed(extra)}"


def mask_generator(html: str) -> str:
    return _GENERATOR_META.sub('<meta name="generator" content="…">', html)


def html_difference(a: str, b: str, limit: int = 12) -> list[str]:
    """The changed lines between two pages' HTML (generator meta masked), at most `limit` of them."""
    diff = difflib.unified_diff(mask_generator(a).splitlines(), mask_generator(b).splitlines(),
                                lineterm="", n=0)
    lines = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return lines[:limit] + ([f"… {len(lines) - limit} more changed lines"] if len(lines) > limit else [])


def _content(path: str, data: bytes) -> bytes:
    """A file's content as compared: gzip files (sitemap.xml.gz) decompressed, so their header's
    timestamp does not count."""
    if path.endswith(".gz"):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError):
            return data
    return data


def compare_sites(default: Site, other: Site) -> SiteComparison:
    result = SiteComparison(pages_default=len(default.pages), pages_other=len(other.pages))
    result.missing_pages = sorted(set(default.pages) - set(other.pages))
    result.extra_pages = sorted(set(other.pages) - set(default.pages))
    for path in sorted(set(default.pages) & set(other.pages)):
        a, b = default.pages[path], other.pages[path]
        if a.title != b.title:
            result.titles.append(Difference(path, a.title, b.title))
        if a.article != b.article:
            if a.article is None or b.article is None:
                result.articles.append(Difference(path, "(no article)" if a.article is None else a.article[:80],
                                                  "(no article)" if b.article is None else b.article[:80]))
            else:
                result.articles.append(Difference(path, *first_difference(a.article, b.article)))
        links_a = _link_list(link for link in a.links if link.in_article)
        links_b = _link_list(link for link in b.links if link.in_article)
        if links_a != links_b:
            result.article_links.append(Difference(path, *_describe_links(links_a, links_b)))
        if _link_list(a.links) != _link_list(b.links):
            result.page_links.append(Difference(path, *_describe_links(_link_list(a.links), _link_list(b.links))))
        if a.csp != b.csp:
            result.csp.append(Difference(path, a.csp or "(none)", b.csp or "(none)"))
        if a.generator != b.generator:
            result.generators.append(Difference(path, a.generator or "(none)", b.generator or "(none)"))
        html_a = default.files[path].decode("utf-8", errors="replace")
        html_b = other.files[path].decode("utf-8", errors="replace")
        if mask_generator(html_a) != mask_generator(html_b):  # the changed lines of the first few only
            lines = html_difference(html_a, html_b) if len(result.html) < HTML_DIFFS_SHOWN else []
            result.html.append(Difference(path, "", "\n".join(lines)))
    result.broken_default = [f"{link.page}: {link.href} ({why})" for link, why in broken_links(default)]
    result.broken_other = [f"{link.page}: {link.href} ({why})" for link, why in broken_links(other)]
    result.policy_default = _policy_summary(default)
    result.policy_other = _policy_summary(other)
    for asset in GENERATED_ASSETS:
        in_a, in_b = asset in default.files, asset in other.files
        result.assets[asset] = ("same" if in_a and in_b and default.files[asset] == other.files[asset]
                                else "differs" if in_a and in_b
                                else "missing in the other site" if in_a
                                else "missing in the default site" if in_b else "in neither site")
    for path in sorted(set(default.files) | set(other.files)):
        if path.endswith(".html") or path in GENERATED_ASSETS:
            continue
        if path not in other.files:
            result.files_missing.append(path)
        elif path not in default.files:
            result.files_extra.append(path)
        elif _content(path, default.files[path]) == _content(path, other.files[path]):
            result.files_same += 1
        else:
            result.files_differ.append(path)
    return result


def _policy_summary(site: Site) -> dict[str, int]:
    pages: Counter[str] = Counter()
    for page in site.pages.values():
        pages.update(set(page.policy_problems))
    return dict(sorted(pages.items()))


# --- building ------------------------------------------------------------------------------------


@dataclass
class Build:
    engine: str
    label: str  # e.g. "MkDocs 1.6.1"
    returncode: int
    seconds: float
    loads: int | None  # data loads by the adapter (launch.py); None when they could not be counted
    site_dir: Path
    log: Path
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def snapshot_project(project: Path, target: Path) -> Path:
    """Copy what a build reads into `target` (a new folder); the copy is what every engine builds."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = project / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=SNAPSHOT_IGNORE)
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


def source_date_epoch(today: str) -> str:
    day = datetime.date.fromisoformat(today)
    return str(int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp()))


def build_environment(project: Path, git_dir: Path | None, today: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("HANDBOOK_DATA_DIR", "HANDBOOK_ALREADY_CHECKED", "PYTHONPATH", "GIT_DIR", "GIT_WORK_TREE")}
    env.update({
        "PYTHONPATH": str(project / "macros"),  # the snapshot's generator, not the project's
        "HANDBOOK_TODAY": today,
        "SOURCE_DATE_EPOCH": source_date_epoch(today),
        "PYTHONDONTWRITEBYTECODE": "1",
        "NO_MKDOCS_2_WARNING": "true",  # the banners Material and ProperDocs print when run as mkdocs
        "DISABLE_MKDOCS_2_WARNING": "true",
    })
    if git_dir is not None:  # read-only: the "source last changed" dates come from `git log`
        env.update({"GIT_DIR": str(git_dir), "GIT_WORK_TREE": str(project), "GIT_OPTIONAL_LOCKS": "0"})
    return env


def engine_version(python: Path, distribution: str) -> str:
    try:
        run = subprocess.run([str(python), "-c", "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))",
                              distribution], check=False, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return "?"
    return run.stdout.strip() if run.returncode == 0 else "?"


def count_loads(log: Path) -> int | None:
    if not log.is_file():
        return None
    lines = log.read_text(encoding="utf-8").splitlines()
    if any(line.startswith("probe: unavailable") for line in lines):
        return None
    return sum(1 for line in lines if line.startswith("load "))


def failure_reason(output: str) -> str:
    """The line of a failed build's output that says why: the last error line, else the last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if re.search(r"\b\w*(Error|Exception|Aborted)\b", line)
              and not line.startswith(("File ", "Traceback"))]
    return (errors or lines or ["(no output)"])[-1][:300]


def run_build(engine: Engine, python: Path, snapshot: Path, work: Path, today: str,
              git_dir: Path | None, timeout: int) -> Build:
    folder = work / engine.key
    project = folder / "project"
    shutil.copytree(snapshot, project)
    site_dir, loads_log, log = folder / "site", folder / "loads.log", folder / "build.log"
    label = f"{engine.name} {engine_version(python, engine.distribution)}"
    started = time.perf_counter()
    try:
        run = subprocess.run([str(python), str(LAUNCH), engine.key, str(project), str(site_dir), str(loads_log)],
                             cwd=project, env=build_environment(project, git_dir, today),
                             check=False, capture_output=True, text=True, timeout=timeout)
        returncode, output = run.returncode, run.stdout + run.stderr
    except subprocess.TimeoutExpired as error:
        returncode = 124
        partial = [part.decode(errors="replace") if isinstance(part, bytes) else part or ""
                   for part in (error.stdout, error.stderr)]
        output = "".join(partial) + f"\nTimeoutError: the build took over {timeout} s"
    seconds = time.perf_counter() - started
    log.write_text(output, encoding="utf-8")
    build = Build(engine.key, label, returncode, seconds, count_loads(loads_log), site_dir, log)
    if returncode:
        build.error = failure_reason(output)
    return build


# --- the report ----------------------------------------------------------------------------------


def _some(items: Sequence[str], limit: int) -> list[str]:
    return list(items[:limit]) + ([f"… and {len(items) - limit} more"] if len(items) > limit else [])


def _loads(build: Build) -> str:
    if build.loads is None:
        return "not counted"
    return f"{build.loads} ({'once per build' if build.loads == 1 else 'not once per build'})"


def format_report(default: Build, other: Build, comparison: SiteComparison | None, *, examples: int = 5) -> str:
    out = [f"Engine comparison: {default.label} (default) and {other.label}", ""]
    rows = [("", "default", other.engine),
            ("engine", default.label, other.label),
            ("build", _status(default), _status(other))]
    if comparison is not None:
        rows += [("pages (HTML files)", str(comparison.pages_default), str(comparison.pages_other)),
                 ("broken internal links", str(len(comparison.broken_default)), str(len(comparison.broken_other)))]
    rows.append(("data loads by define_env", _loads(default), _loads(other)))
    width = max(len(row[0]) for row in rows) + 2
    column = max(len(row[1]) for row in rows) + 2
    out += [f"  {row[0]:<{width}}{row[1]:<{column}}{row[2]}" for row in rows]
    out.append("")
    if not other.ok:
        out += [f"The {other.engine} build failed (exit status {other.returncode}): {other.error}",
                "  the end of its output:"]
        tail = other.log.read_text(encoding="utf-8").splitlines()[-8:] if other.log.is_file() else []
        out += [f"    {line[:200]}" for line in tail] + [""]
    if comparison is None:
        out.append("No site to compare.")
        return "\n".join(out) + "\n"

    c = comparison
    if c.missing_pages or c.extra_pages:
        out.append(f"Pages: {len(c.missing_pages)} missing from the {other.engine} site, {len(c.extra_pages)} extra.")
        out += [f"  missing: {page}" for page in _some(c.missing_pages, 50)]
        out += [f"  extra:   {page}" for page in _some(c.extra_pages, 50)]
    else:
        out.append(f"Pages: the same {c.pages_default} pages.")
    common = c.pages_default - len(c.missing_pages)
    for label, items in (("Titles", c.titles), ("Article text", c.articles), ("Links in the article", c.article_links),
                         ("Links on the whole page (navigation too)", c.page_links),
                         ("Content-Security-Policy", c.csp)):
        if not items:
            out.append(f"{label}: identical on all {common} pages in both sites.")
            continue
        out.append(f"{label}: differ on {len(items)} of {common} pages.")
        for item in items[:examples]:
            out += [f"  {item.page}", f"    default:  {item.default}", f"    {other.engine}: {item.other}"]
        if len(items) > examples:
            out.append(f"  … and {len(items) - examples} more: {', '.join(i.page for i in items[examples:])}")
    if c.broken_other or c.broken_default:
        for name, broken in (("default", c.broken_default), (other.engine, c.broken_other)):
            out.append(f"Broken internal links in the {name} site: {len(broken)}")
            out += [f"  {line}" for line in _some(broken, examples)]
    else:
        out.append("Internal links: every one resolves (file and anchor) in both sites.")
    if c.policy_default or c.policy_other:
        for name, summary in (("default", c.policy_default), (other.engine, c.policy_other)):
            listed = ", ".join(f"{problem} on {count} pages" for problem, count in summary.items()) or "none"
            out.append(f"Against the Content-Security-Policy ({name}): {listed}")
    else:
        out.append("Inline scripts and styles: every page's policy allows all of its inline scripts; no inline styles.")
    out.append("Generated assets: " + ", ".join(f"{asset} {state}" for asset, state in c.assets.items()) + ".")
    out.append(f"Other files: {c.files_same} identical, {len(c.files_differ)} differ, "
               f"{len(c.files_missing)} missing from the {other.engine} site, {len(c.files_extra)} extra.")
    for label, paths in (("differ", c.files_differ), ("missing", c.files_missing), ("extra", c.files_extra)):
        out += [f"  {label}: {path}" for path in _some(paths, examples)]
    if c.generators:
        pairs = Counter((d.default, d.other) for d in c.generators)
        for (a, b), count in pairs.items():
            out.append(f"Generator meta tag (expected to differ): {a!r} -> {b!r} on {count} pages.")
    if c.html:
        out.append(f"Other HTML: {len(c.html)} pages differ beyond the generator meta tag.")
        for item in c.html[:HTML_DIFFS_SHOWN]:
            out.append(f"  {item.page}:")
            out += [f"    {line[:160]}" for line in item.other.splitlines()]
    else:
        apart = " apart from the generator meta tag." if c.generators else "."
        out.append("Other HTML: identical on every page" + apart)
    out.append("")
    return "\n".join(out) + "\n"


def _status(build: Build) -> str:
    return f"{'ok' if build.ok else 'FAILED'} in {build.seconds:.1f} s"


def verdict(engine: Engine, other: Build, comparison: SiteComparison | None, default: Build,
            strict: bool) -> tuple[int, str]:
    """The exit status and the last line of the report."""
    differences = [] if comparison is None else comparison.differences()
    if not other.ok:
        differences.insert(0, "the build failed")
    if other.loads is not None and default.loads is not None and other.loads != default.loads:
        differences.append(f"data loaded {other.loads} times (default: {default.loads})")
    if not differences:
        return 0, f"Result: {engine.name} builds the same site" + (
            " (only the generator meta tag differs)." if comparison and comparison.generators else ".")
    summary = "; ".join(differences)
    if engine.expect_equal or strict:
        return 1, f"Result: DIFFERENT. {summary}."
    return 0, f"Result: {engine.name} differs ({summary}); reported only (optional comparison; --strict fails on it)."


# --- command -------------------------------------------------------------------------------------


def git_dir_of(project: Path) -> Path | None:
    git = project / ".git"
    return git if git.is_dir() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("engine", choices=sorted(ENGINES), help="the engine to compare with the default (MkDocs)")
    parser.add_argument("--project", type=Path, default=PROJECT, help="the handbook to build (default: this one)")
    parser.add_argument("--other-project", type=Path, default=None, metavar="DIR",
                        help="build this tree with the other engine instead (e.g. a copy whose adapter was "
                             "changed for it); the default engine still builds --project")
    parser.add_argument("--python", type=Path, default=None,
                        help="the other engine's Python (default: <project>/.venv-<engine>/bin/python)")
    parser.add_argument("--default-python", type=Path, default=None,
                        help="the default engine's Python (default: <project>/.venv/bin/python)")
    parser.add_argument("--today", default=os.environ.get("HANDBOOK_TODAY") or datetime.date.today().isoformat(),
                        metavar="YYYY-MM-DD", help="the day both builds judge reviews against (default: today)")
    parser.add_argument("--strict", action="store_true", help="fail on differences for zensical too")
    parser.add_argument("--examples", type=int, default=5, help="differences shown of each kind (default 5)")
    parser.add_argument("--keep", type=Path, default=None, metavar="FOLDER",
                        help="build in FOLDER (new or empty) and keep the sites and logs there")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--timeout", type=int, default=600, help="seconds each build may take (default 600)")
    args = parser.parse_args(argv)
    try:
        datetime.date.fromisoformat(args.today)
    except ValueError:
        parser.error(f"--today: {args.today!r} is not a date in the form YYYY-MM-DD")

    engine = ENGINES[args.engine]
    project = args.project.resolve()
    default_python = (args.default_python or project / DEFAULT_ENGINE.venv / "bin" / "python").absolute()
    other_python = (args.python or project / engine.venv / "bin" / "python").absolute()
    for python, how in ((default_python, "make install"), (other_python, f"make engines-{engine.key}")):
        if not python.is_file():
            print(f"compare.py: {python} does not exist: create it with `{how}`.", file=sys.stderr)
            return 2
    if not (project / "mkdocs.yml").is_file():
        print(f"compare.py: {project} has no mkdocs.yml.", file=sys.stderr)
        return 2

    if args.keep is not None:
        if args.keep.exists() and any(args.keep.iterdir()):
            parser.error(f"--keep: {args.keep} is not empty")
        args.keep.mkdir(parents=True, exist_ok=True)
        return _compare(engine, project, default_python, other_python, args.keep.resolve(), args)
    with tempfile.TemporaryDirectory(prefix="handbook-engines-") as work:
        return _compare(engine, project, default_python, other_python, Path(work), args)


def _compare(engine: Engine, project: Path, default_python: Path, other_python: Path, work: Path,
             args: argparse.Namespace) -> int:
    snapshot = snapshot_project(project, work / "snapshot")
    other_snapshot = (snapshot if args.other_project is None
                      else snapshot_project(args.other_project.resolve(), work / "other-snapshot"))
    git_dir = git_dir_of(project)
    print(f"Building a snapshot of {project} with {DEFAULT_ENGINE.name} and "
          + (f"of {args.other_project} " if args.other_project else "")
          + f"with {engine.name} (reviews judged on {args.today}) ...", flush=True)
    default = run_build(DEFAULT_ENGINE, default_python, snapshot, work, args.today, git_dir, args.timeout)
    if not default.ok:
        print(f"The default build failed, so there is nothing to compare with: {default.error}\n"
              f"(full output: {default.log}; run `make build` to see the problem)", file=sys.stderr)
        return 2
    other = run_build(engine, other_python, other_snapshot, work, args.today, git_dir, args.timeout)
    comparison = None
    if other.site_dir.is_dir():  # a failed build may still have written part of a site
        comparison = compare_sites(read_site(default.site_dir), read_site(other.site_dir))
    report = format_report(default, other, comparison, examples=args.examples)
    status, last_line = verdict(engine, other, comparison, default, args.strict)
    print(report + last_line)
    if args.json is not None:
        args.json.write_text(json.dumps({
            "engine": engine.key, "today": args.today, "status": status, "result": last_line,
            "builds": [{key: (str(value) if isinstance(value, Path) else value)
                        for key, value in asdict(build).items()} for build in (default, other)],
            "comparison": asdict(comparison) if comparison is not None else None,
        }, indent=2, default=str) + "\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
