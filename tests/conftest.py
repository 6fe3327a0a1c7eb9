"""Shared fixtures: copies of the project in temporary folders, and one build of the sample site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Reviews fall due as time passes; the tests judge them against a fixed day so they never drift.
TODAY = "2026-11-22"
os.environ["HANDBOOK_TODAY"] = TODAY
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL_DATA = FIXTURES / "minimal" / "data"
# The worked example the generator's tests build: the repository's own data, except in a
# repository made by `handbook new`, which keeps the example here and its own data in data/.
SAMPLE_DATA = (FIXTURES / "sample-authority" / "data" if (FIXTURES / "sample-authority" / "data").is_dir()
               else REPO / "data")
# What a project needs besides its data: the site's configuration, pages, theme and generator.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "schema", "package.json")


# `make test-fast` leaves out the slow tests: those that build a site, start a browser or run
# `make`. A test is slow when it uses one of these fixtures or sits in one of these modules
# (each builds sites in most of its tests); mark any other with @pytest.mark.slow.
SLOW_FIXTURES = frozenset({"built_sample", "built_larger", "browser", "sample_server", "larger_server", "page"})
SLOW_MODULES = frozenset({"test_bench", "test_build_failures", "test_fuzz", "test_links", "test_new",
                          "test_reviews", "test_safety", "test_templates"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__ if isinstance(item, pytest.Function) else ""
        if (SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))) or module in SLOW_MODULES \
                or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def copy_project(target: Path, data: Path | None = None) -> Path:
    """A copy of the project in `target`, with the worked example's data or another data folder."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    if data is None:
        shutil.copytree(SAMPLE_DATA, target / "data")
    else:
        shutil.copytree(data, target / "data")
        if not (target / "data" / "frameworks").exists():
            shutil.copytree(SAMPLE_DATA / "frameworks", target / "data" / "frameworks")
    return target


def handbook(project: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """Run the `handbook` command as a user would, in its own process."""
    result = subprocess.run(
        [sys.executable, "-m", "handbook.cli", "--project", str(project), *args],
        capture_output=True, text=True, cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, check=False,
    )
    return Run(result.returncode, result.stdout, result.stderr)


def handbook_here(project: Path, *args: str) -> Run:
    """The `handbook` command run in this process: what `handbook` prints and returns, without
    the half a second a new Python process spends importing pydantic, MkDocs and the models.

    For commands that read and report (check, reviews, schema); a build changes the process's
    folder and MkDocs' logging, so builds use `handbook` in a process of their own.
    """
    import contextlib
    import io

    from handbook.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            returncode = main(["--project", str(project), *args])
        except SystemExit as exit_:  # argparse's errors
            returncode = exit_.code if isinstance(exit_.code, int) else 1
    return Run(returncode, stdout.getvalue(), stderr.getvalue())


@pytest.fixture(scope="session")
def sample():
    """The sample authority, loaded and validated once for the tests that only read it."""
    from handbook.validate import load_handbook

    return load_handbook(SAMPLE_DATA, base=SAMPLE_DATA.parent)


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", MINIMAL_DATA)


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real sample authority, built once for the whole session. Returns the site folder."""
    project = copy_project(tmp_path_factory.mktemp("sample") / "project")
    run = handbook(project, "build")
    assert run.returncode == 0, run.output
    return project / "site"


@pytest.fixture
def edit_file() -> Callable[[Path, str, str], None]:
    """Replace one exact piece of text in a file, failing loudly if it is not there."""

    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not found in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


# --- the browser: Debian's Chromium driven by Playwright -----------------------------------------

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Without these, Chromium tries to reach Google's servers at start-up; the tests must see only
# the requests the handbook's pages make.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-domain-reliability", "--metrics-recording-only",
]


def find_chromium() -> str | None:
    explicit = os.environ.get("HANDBOOK_CHROMIUM")
    if explicit:
        return explicit
    return next((found for name in CHROMIUM_CANDIDATES if (found := shutil.which(name))), None)


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        message = ("No Chromium found for the browser tests: install Debian's package "
                   "(apt-get install chromium) or set HANDBOOK_CHROMIUM to its path.")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _serve(site: Path):
    """A built site served on 127.0.0.1, as an LA's internal web server would."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def sample_server(built_sample: Path):
    """The built sample site served on 127.0.0.1."""
    yield from _serve(built_sample)


LARGER_DATA = FIXTURES / "larger" / "data"  # the second test authority, unlike the sample


@pytest.fixture(scope="session")
def built_larger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second test authority (tests/fixtures/larger), built once for the session."""
    project = copy_project(tmp_path_factory.mktemp("larger") / "project", LARGER_DATA)
    run = handbook(project, "build")
    assert run.returncode == 0, run.output
    return project / "site"


@pytest.fixture(scope="session")
def larger_server(built_larger: Path):
    yield from _serve(built_larger)


@pytest.fixture
def page(browser, sample_server: str):  # noqa: ARG001 - the server must be up first; marks do not apply to fixtures
    """A fresh browser tab that records the address of every request it makes."""
    context = browser.new_context()
    tab = context.new_page()
    tab.requests = []  # type: ignore[attr-defined]
    tab.on("request", lambda request: tab.requests.append(request.url))  # type: ignore[attr-defined]
    yield tab
    context.close()


def site_pages(site: Path) -> list[str]:
    """Every page of a built site as a path to append to its address ("" for the home page)."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


def hosts(urls: list[str]) -> set[str]:
    from urllib.parse import urlparse

    return {urlparse(url).netloc for url in urls if urlparse(url).scheme in ("http", "https")}
