"""`make bench`: what the generator costs as a handbook grows.

For synthetic authorities at 1x, 10x and 50x the sample (teams, stages, services, standards,
measures and every other list of items copied, with their references and framework evidence
rewired to the copies), it measures:

- `handbook check`: load + validate + index, in process (the median of several runs);
- the full build (`mkdocs build` with the macros and hooks), its wall time as a whole process
  and its peak memory;
- the same pages as plain Markdown built by plain MkDocs + Material (the macros' output is
  captured once and written out as .md files): the difference is the generator's overhead;
- at 1x, the same plain pages with mkdocs-macros switched on and nothing for it to do, then also
  importing pydantic and the data models: what the stack costs before the generator does anything;
- pages, site size and search-index size;
- for the sample size, what a PSW previewing an edit waits for: `mkdocs serve` running, a data
  file saved, until the browser is told to reload (and the rebuild itself);
- long lists: the sample with one list (glossary terms, services, journey stages) grown to
  10,000 items (`--long-lists`), checked and built once each: every renderer should be linear.

It prints a table, writes the results as JSON, and ends with one line:
`overhead: <max percent>% over plain MkDocs; check: <milliseconds> ms at 50x`.
"""

from __future__ import annotations

import argparse
import compileall
import copy
import json
import os
import queue
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handbook.areas import AREAS
from handbook.walk import fields_of, model_at, model_classes

# Lists of items that are copied when the handbook is scaled up: every list of items in a data
# file, found from the models, except the kinds that stay as they are (an authority ten times
# larger still has four levels of need, the same assessment domains and one director). Single
# items (the vision, the practice model, the supervision policy) are not lists and stay too.
FIXED_KINDS = {"level", "domain", "post"}


def _scaled_lists() -> dict[str, tuple[str, ...]]:
    lists: dict[str, tuple[str, ...]] = {}
    for area in AREAS:
        keys = tuple(info.key for info in fields_of(area.model)
                     if (item := model_at(area.model, (info.key, 0))) is not None
                     and getattr(item, "kind", None) not in (None, *FIXED_KINDS))
        if keys:
            lists[area.file] = keys
    return lists


SCALED_LISTS: dict[str, tuple[str, ...]] = _scaled_lists()
# Fields holding the id of another item (not of a framework statement): a copy's references are
# pointed at the other copies of the same number.
REFERENCE_KEYS = {info.key for area in AREAS for model in model_classes(area.model) for info in fields_of(model)
                  if info.ref is not None and info.ref.kind != "statement"}
# The lists grown one at a time by --long-lists: file, key, and the field each copy must change to
# stay unique (a glossary term is known by its abbreviation, the others by their ids).
LONG_LISTS: dict[str, tuple[str, str, str]] = {
    "glossary": ("glossary.yaml", "terms", "abbr"),
    "services": ("services.yaml", "services", "id"),
    "stages": ("journey.yaml", "stages", "id"),
}
MAX_BUILD_RUNS = 21
# Events that are not the generator's: MkDocs' own configuration loading and the theme's search.
THEME_PLUGINS = {"config", "material/search", "search"}
CAPTURE_HOOK = '''
"""Benchmark only: writes each page's Markdown, as the macros leave it, to a folder."""
import json
import os
from pathlib import Path


def on_page_markdown(markdown, page, config, files):
    target = Path(os.environ["HANDBOOK_CAPTURE"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    # Settings a macro gave the page that change MkDocs' work (a page left out of search).
    front = f"---\\nsearch: {json.dumps(page.meta['search'])}\\n---\\n\\n" if page.meta.get("search") else ""
    target.write_text(front + markdown, encoding="utf-8")
    return markdown
'''
MEASURE = '''
import json, resource, runpy, sys, time
from collections import defaultdict
import mkdocs.config, mkdocs.plugins

# Time spent loading the configuration (which imports the plugins and hooks) and in each
# plugin's events, so the generator's own share is measured directly as well as by difference.
spent = defaultdict(float)
load_config = mkdocs.config.load_config


def timed_load_config(*args, **kwargs):
    started = time.perf_counter()
    try:
        return load_config(*args, **kwargs)
    finally:
        spent["config"] += time.perf_counter() - started


def timed_run_event(self, name, item=None, **kwargs):
    pass_item = item is not None
    for method in self.events[name]:
        self._current_plugin = origin = self._event_origins.get(method, "<unknown>")
        started = time.perf_counter()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        spent[origin] += time.perf_counter() - started
        if result is not None:
            item = result
    self._current_plugin = None
    return item


mkdocs.config.load_config = timed_load_config
mkdocs.plugins.PluginCollection.run_event = timed_run_event
sys.argv = ["mkdocs"] + sys.argv[1:]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as stop:
    code = stop.code or 0
else:
    code = 0
print(f"BENCH {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} "
      + json.dumps(spent), file=sys.stderr)
sys.exit(code)
'''


def _rewire(value: Any, suffix: str, scaled: set[str], key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _rewire(v, suffix, scaled, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_rewire(v, suffix, scaled, key) for v in value]
    if key in REFERENCE_KEYS and isinstance(value, str) and value in scaled:
        return value + suffix
    return value


def scale_data(sample: Path, factor: int, target: Path) -> None:
    """Write a copy of `sample` with every scaled list repeated `factor` times."""
    shutil.copytree(sample, target)
    loaded = {name: yaml.safe_load((sample / name).read_text(encoding="utf-8")) for name in SCALED_LISTS}
    scaled_ids = {
        item["id"] for name, keys in SCALED_LISTS.items() for key in keys for item in loaded[name].get(key) or []
    }
    for name, keys in SCALED_LISTS.items():
        data = loaded[name]
        for key in keys:
            originals = data.get(key) or []
            copies = []
            for copy_number in range(2, factor + 1):
                suffix = f"-{copy_number}"
                for item in originals:
                    duplicate = _rewire(copy.deepcopy(item), suffix, scaled_ids)
                    duplicate["id"] = item["id"] + suffix
                    duplicate["name"] = f"{item['name']} ({copy_number})"
                    copies.append(duplicate)
            data[key] = originals + copies
        (target / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100),
                                   encoding="utf-8")


def long_list_data(sample: Path, which: str, items: int, target: Path) -> int:
    """Write a copy of `sample` with one list grown to at least `items` by whole copies of it.

    Whole copies, so the copied stages lead to each other as the originals do; returns how many
    items the list now has.
    """
    name, key, unique = LONG_LISTS[which]
    shutil.copytree(sample, target)
    data = yaml.safe_load((sample / name).read_text(encoding="utf-8"))
    originals = data[key]
    ids = {item["id"] for item in originals if "id" in item}
    grown = list(originals)
    copy_number = 1
    while len(grown) < items:
        copy_number += 1
        for item in originals:
            duplicate = _rewire(copy.deepcopy(item), f"-{copy_number}", ids)
            duplicate[unique] = f"{item[unique]}-{copy_number}"
            for label in ("name", "term"):
                if label in duplicate:
                    duplicate[label] = f"{item[label]} ({copy_number})"
            grown.append(duplicate)
    data[key] = grown
    (target / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    return len(grown)


def measure_long_list(repo: Path, sample: Path, which: str, items: int, work: Path) -> dict[str, Any]:
    """One check (in process) and one build (a process of its own) of the sample with one long list."""
    from handbook.validate import check

    data = work / f"data-long-{which}"
    count = long_list_data(sample, which, items, data)
    started = time.perf_counter()
    handbook, problems = check(data, base=work)
    check_s = time.perf_counter() - started
    if handbook is None:
        raise RuntimeError(
            f"the long {which} list is not valid:\n" + "\n".join(p.format() for p in problems.errors[:5])
        )
    project = _project(repo, data, work / f"project-long-{which}")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ALREADY_CHECKED": "1"}
    build = _build(project, "mkdocs.yml", project / "site", env)
    return {"list": which, "items": count, "check_s": round(check_s, 2), "build_s": round(build.seconds, 1),
            "build_peak_mb": build.megabytes}


def _project(repo: Path, data: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for part in ("mkdocs.yml", "docs", "overrides", "macros", "package.json"):
        source = repo / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / part)
    shutil.copytree(data, target / "data")
    # As `make` does when it installs: the generator's modules compiled once, not at every build
    # (Python does it by itself on the first build unless PYTHONDONTWRITEBYTECODE is set).
    compileall.compile_dir(target / "macros", quiet=1)
    return target


@dataclass
class Build:
    seconds: float
    megabytes: int
    spent: dict[str, float]  # seconds loading the configuration ("config") and in each plugin's events


def _build(project: Path, config: str, site: Path, env: dict[str, str]) -> Build:
    """One build in its own process, timed from outside: the whole `mkdocs build` a user waits
    for, from Python starting to the process ending (MkDocs' own imports included)."""
    shutil.rmtree(site, ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, "build", "--quiet", "--config-file", config,
                             "--site-dir", str(site)], cwd=project, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", env=env, check=False)
    seconds = time.perf_counter() - started
    line = next((text for text in result.stderr.splitlines() if text.startswith("BENCH ")), None)
    if result.returncode or line is None:
        raise RuntimeError(f"build failed in {project}:\n{result.stderr[-3000:]}")
    rss_kb, spent = line.split(maxsplit=2)[1:]
    return Build(seconds, int(rss_kb) // 1024, json.loads(spent))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_rebuild(project: Path, runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median (save-to-reload seconds, rebuild seconds) for a data file saved in `mkdocs serve`.

    The rebuild is timed from "Building documentation..." to "Reloading browsers", as the lines
    arrive. MkDocs' own "Documentation built in N seconds" cannot be relied on: its build logger
    drops any message it has logged before, so a rebuild exactly as fast as an earlier one
    (to the hundredth of a second) says nothing.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{_free_port()}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        errors="replace", env=env)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            lines.put((time.monotonic(), line))

    threading.Thread(target=read, daemon=True).start()
    seen: list[str] = []

    def wait_for(text: str, since: float = 0.0) -> float:
        """When MkDocs said `text`, the first time it did at or after `since` (a line left over
        from an earlier rebuild must not be taken for this one's)."""
        deadline = time.monotonic() + 300
        problem = f"never said “{text}”"
        while time.monotonic() < deadline:
            try:
                said_at, line = lines.get(timeout=1)
            except queue.Empty:
                if process.poll() is not None:
                    problem = f"stopped before it said “{text}”"
                    break
                continue
            seen.append(line)
            if "error happened during the rebuild" in line:
                problem = "could not rebuild the site"
                break
            if text in line and said_at >= since:
                return said_at
        process.kill()
        raise RuntimeError(f"`mkdocs serve` in {project} {problem}. It said:\n" + "".join(seen[-30:]))

    saved_file = project / "data" / "vision.yaml"
    waits, builds = [], []
    try:
        wait_for("Serving on")
        for run in range(runs):
            time.sleep(1)  # let the watcher settle
            saved_at = time.monotonic()
            with saved_file.open("a", encoding="utf-8") as file:
                file.write(f"# saved by the benchmark ({run + 1})\n")
            building_at = wait_for("Building documentation", since=saved_at)
            reloading_at = wait_for("Reloading browsers", since=building_at)
            waits.append(reloading_at - saved_at)
            builds.append(reloading_at - building_at)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return statistics.median(waits), statistics.median(builds)


def _plain_project(project: Path, captured: Path, built: Path, target: Path) -> Path:
    """The same pages as plain Markdown, with the same theme, extensions and static files."""
    target.mkdir()
    shutil.copytree(captured, target / "docs")
    for static in ("stylesheets", "javascripts"):
        shutil.copytree(project / "docs" / static, target / "docs" / static, dirs_exist_ok=True)
    for generated in ("stylesheets/levels.css", "review.json", "amendments.xml"):
        (target / "docs" / generated).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built / generated, target / "docs" / generated)
    shutil.copytree(project / "overrides", target / "overrides")
    config = yaml.load((project / "mkdocs.yml").read_text(), Loader=_ConfigLoader)
    config["plugins"] = ["search"]
    config.pop("hooks", None)
    config.pop("watch", None)
    config.pop("nav", None)  # the captured pages include the generated ones; let MkDocs list them
    config["extra_css"] = ["stylesheets/handbook.css", "stylesheets/levels.css"]
    config["validation"] = {"omitted_files": "info", "not_found": "info", "anchors": "info",
                            "unrecognized_links": "info", "absolute_links": "info"}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return target


class _ConfigLoader(yaml.SafeLoader):
    pass


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda _loader, _suffix, _node: None)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def take_turns(builds: Sequence[Callable[[], Build]], runs: int, min_seconds: float) -> list[list[Build]]:
    """Each build in turn, `runs` times and then on until the last one's runs add up to
    `min_seconds` (at most MAX_BUILD_RUNS each): one 1.5 s build varies by more than the
    generator's share of it, so small sizes need more runs for a steady median. Taking turns,
    a machine that slows down part of the way through slows every kind of build alike."""
    done: list[list[Build]] = [[] for _ in builds]
    while len(done[-1]) < runs or (sum(b.seconds for b in done[-1]) < min_seconds
                                   and len(done[-1]) < MAX_BUILD_RUNS):
        for build, results in zip(builds, done, strict=False):
            results.append(build())
    return done


def _stack_project(plain: Path, target: Path, models_from: Path | None = None) -> Path:
    """The plain project with mkdocs-macros switched on and nothing for it to do (a module with
    no macros, no page rendered): what the plugin costs by itself, apart from the generator.

    With `models_from` (the folder holding the `handbook` package), the module imports the data
    models too: the two things the generator is built on, mkdocs-macros and pydantic's models,
    before any data is read or any page made.
    """
    shutil.copytree(plain, target, ignore=shutil.ignore_patterns("site"))
    module = 'def define_env(env):\n    """No macros: the cost of what is imported and nothing else."""\n'
    if models_from is not None:
        module = f"import sys\nsys.path.insert(0, {str(models_from)!r})\nimport handbook.schema\n\n\n{module}"
    (target / "stack_only.py").write_text(module, encoding="utf-8")
    config = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search", {"macros": {"module_name": "stack_only", "render_by_default": False}}]
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return target


def measure(repo: Path, sample: Path, factor: int, runs: int, work: Path, min_seconds: float = 0.0) -> dict[str, Any]:
    """Every measurement `runs` times; the builds more often for small sizes (see take_turns)."""
    from handbook.validate import check

    data = work / f"data-{factor}x"
    scale_data(sample, factor, data)
    check_ms = []
    handbook = None
    for _ in range(runs):
        started = time.perf_counter()
        handbook, problems = check(data, base=work)
        check_ms.append((time.perf_counter() - started) * 1000)
        if handbook is None:
            raise RuntimeError("the scaled data is not valid:\n" + "\n".join(p.format() for p in problems.errors[:5]))
    assert handbook is not None
    project = _project(repo, data, work / f"project-{factor}x")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ALREADY_CHECKED": "1"}
    # Capture the macros' output once, then build the same pages with plain MkDocs.
    (project / "capture_hook.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    text = (project / "mkdocs.yml").read_text()
    (project / "mkdocs-capture.yml").write_text(text.replace("hooks:\n", "hooks:\n  - capture_hook.py\n", 1),
                                                encoding="utf-8")
    captured = work / f"captured-{factor}x"
    capture_site = work / f"capture-site-{factor}x"
    _build(project, "mkdocs-capture.yml", capture_site, {**env, "HANDBOOK_CAPTURE": str(captured)})
    plain = _plain_project(project, captured, capture_site, work / f"plain-{factor}x")
    builds = [lambda: _build(project, "mkdocs.yml", project / "site", env),
              lambda: _build(plain, "mkdocs.yml", plain / "site", env)]
    if factor == 1:  # the plugin's own cost is fixed: it matters most at the smallest size
        macros_only = _stack_project(plain, work / f"macros-only-{factor}x")
        with_models = _stack_project(plain, work / f"macros-and-models-{factor}x", project / "macros")
        builds[1:1] = [lambda: _build(macros_only, "mkdocs.yml", macros_only / "site", env),
                       lambda: _build(with_models, "mkdocs.yml", with_models / "site", env)]
    ours_builds, *stack_builds, plain_builds = take_turns(builds, runs, min_seconds)
    build_s, plain_s = [b.seconds for b in ours_builds], [b.seconds for b in plain_builds]
    build_mb, plain_mb = [b.megabytes for b in ours_builds], [b.megabytes for b in plain_builds]
    # Measured directly: the extra time loading the configuration (importing the macros plugin,
    # the hooks and the handbook library) and the time in the generator's own events (loading the
    # data, the macros, the hooks). Steadier than the difference of two whole builds.
    imports = (statistics.median(b.spent.get("config", 0.0) for b in ours_builds)
               - statistics.median(b.spent.get("config", 0.0) for b in plain_builds))
    work_s = statistics.median(sum(t for origin, t in b.spent.items() if origin not in THEME_PLUGINS)
                               for b in ours_builds)
    site = project / "site"
    pages = len(list(site.rglob("*.html")))
    serve = serve_rebuild(project, runs, env) if factor == 1 else None
    build, plain_build = statistics.median(build_s), statistics.median(plain_s)
    # At 1x, what the stack costs before the generator does anything: mkdocs-macros by itself,
    # then with pydantic and the data models imported too.
    stack: dict[str, Any] = {}
    for name, builds_of_kind in zip(("macros_only", "macros_and_models"), stack_builds, strict=False):
        seconds = statistics.median(b.seconds for b in builds_of_kind)
        stack[f"{name}_s"] = round(seconds, 3)
        stack[f"{name}_overhead_percent"] = round((seconds - plain_build) / plain_build * 100, 1)
        stack[f"{name}_runs_s"] = [round(b.seconds, 3) for b in builds_of_kind]
    return {
        "factor": factor,
        "items": len(handbook.index.items),
        "pages": pages,
        "check_ms": round(statistics.median(check_ms), 1),
        "build_s": round(build, 3),
        "build_peak_mb": max(build_mb),
        "plain_build_s": round(plain_build, 3),
        "plain_peak_mb": max(plain_mb),
        "overhead_percent": round((build - plain_build) / plain_build * 100, 1),
        # every run, in the order they were taken (turn and turn about), to see the noise behind a median
        "build_runs": len(build_s),
        "build_runs_s": [round(b, 3) for b in build_s],
        "plain_runs_s": [round(b, 3) for b in plain_s],
        **stack,
        "generator_imports_s": round(imports, 3),
        "generator_work_s": round(work_s, 3),
        "generator_direct_percent": round((imports + work_s) / plain_build * 100, 1),
        "build_ms_per_item": round(build / len(handbook.index.items) * 1000, 2),
        "generator_work_ms_per_item": round(work_s / len(handbook.index.items) * 1000, 2),
        "site_mb": round(_size(site) / 1e6, 2),
        "search_index_mb": round((site / "search" / "search_index.json").stat().st_size / 1e6, 2),
        **({"serve_save_to_reload_s": round(serve[0], 2), "serve_rebuild_s": round(serve[1], 2)} if serve else {}),
    }


COLUMNS = [("factor", "size"), ("items", "items"), ("pages", "pages"), ("check_ms", "check ms"),
           ("build_s", "build s"), ("plain_build_s", "plain s"), ("overhead_percent", "overhead %"),
           ("generator_imports_s", "imports s"), ("generator_work_s", "work s"),
           ("generator_direct_percent", "direct %"),
           ("build_ms_per_item", "ms/item"), ("generator_work_ms_per_item", "work ms/item"),
           ("build_peak_mb", "peak MB"), ("site_mb", "site MB"),
           ("search_index_mb", "search MB")]


def table(results: list[dict[str, Any]]) -> str:
    rows = [[h for _, h in COLUMNS]] + [[f"{r[k]}x" if k == "factor" else str(r[k]) for k, _ in COLUMNS]
                                        for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=False)) for row in rows)


def _at_least_one(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of runs, 1 or more, not {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python benchmarks/bench.py", description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--sizes", default="1,10,50", help="scale factors, e.g. 1,10,50")
    parser.add_argument("--runs", type=_at_least_one, default=3, help="runs per measurement (the median is reported)")
    parser.add_argument("--min-seconds", type=float, default=40.0,
                        help="repeat each size's builds until the plain ones add up to this (the 1x builds "
                             "take about 1.5 s, and one run's noise is larger than the overhead)")
    parser.add_argument("--long-lists", type=int, default=10_000, metavar="ITEMS",
                        help="grow the glossary, the services and the stages to this many items, one at a "
                             "time, and check and build each once (0: leave out)")
    parser.add_argument("--output", type=Path, default=Path("benchmarks/results.json"))
    args = parser.parse_args(argv)
    repo = args.project.resolve()
    fixture = repo / "tests" / "fixtures" / "sample-authority" / "data"
    sample = fixture if fixture.is_dir() else repo / "data"
    os.environ.setdefault("HANDBOOK_TODAY", "2026-11-22")  # the same reviews overdue on every run
    results = []
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as folder:
        for factor in (int(f) for f in args.sizes.split(",")):
            print(f"measuring {factor}x ...", file=sys.stderr, flush=True)
            results.append(measure(repo, sample, factor, args.runs, Path(folder), args.min_seconds))
        long_lists = []
        for which in LONG_LISTS if args.long_lists > 0 else ():
            print(f"measuring {args.long_lists} {which} ...", file=sys.stderr, flush=True)
            long_lists.append(measure_long_list(repo, sample, which, args.long_lists, Path(folder)))
    output = args.output if args.output.is_absolute() else repo / args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps({"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
                                  "runs": args.runs, "results": results, "long_lists": long_lists}, indent=2) + "\n",
                      encoding="utf-8")
    print(table(results))
    for result in results:
        if "serve_rebuild_s" in result:
            print(f"mkdocs serve at {result['factor']}x: rebuild {result['serve_rebuild_s']} s "
                  f"after a data file is saved; "
                  f"{result['serve_save_to_reload_s']} s from saving to the browser reloading")
        if "macros_only_overhead_percent" in result:
            print(f"at {result['factor']}x, of the {result['overhead_percent']}% overhead, before the generator "
                  f"does anything: mkdocs-macros by itself {result['macros_only_overhead_percent']}%; "
                  f"with pydantic and the data models imported too {result['macros_and_models_overhead_percent']}%")
    for long_list in long_lists:
        print(f"{long_list['items']} {long_list['list']}: check {long_list['check_s']} s, "
              f"build {long_list['build_s']} s, peak {long_list['build_peak_mb']} MB")
    largest = max(results, key=lambda r: r["factor"])
    print(f"overhead: {max(r['overhead_percent'] for r in results)}% over plain MkDocs; "
          f"check: {largest['check_ms']:.0f} ms at {largest['factor']}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
