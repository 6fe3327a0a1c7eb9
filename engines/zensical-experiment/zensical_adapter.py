"""Experimental Zensical adapter: does before and after the build what macros/hooks.py does
during an MkDocs build, since Zensical accepts `hooks:` but never runs them.

- prepare(project): loads the data once, writes the generated pages and assets into a staging
  copy of docs/, and writes a configuration with what the hooks and define_env put into
  MkDocs' configuration at build time (site name, notice, nav, glossary, stylesheet);
- finish(project, site): gives every HTML file its Content-Security-Policy and focusable
  abbreviations, and tidies the theme's scripts, as the post-page/post-build hooks do.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml

from handbook.site import Build

STAGING_DOCS = ".zensical-docs"
CONFIG = "zensical.mkdocs.yml"
ABBREVIATIONS = "handbook.abbreviations"
_prepared: dict[Path, Build] = {}


def prepared(project: Path) -> Build | None:
    return _prepared.get(project.resolve())


def prepare(project: Path) -> Path:

    project = project.resolve()
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = project / config.get("docs_dir", "docs")
    build = Build.load(project, docs)
    _prepared[project] = build

    staging = project / STAGING_DOCS
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(docs, staging)
    for path, content in {**build.pages(), **build.assets(config.get("site_url"))}.items():
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")

    settings = build.settings()
    generated = copy.deepcopy(config)
    generated["docs_dir"] = STAGING_DOCS
    generated.pop("hooks", None)
    generated["site_name"] = settings["site_name"]
    generated["site_description"] = settings["site_description"]
    generated.setdefault("copyright", settings["copyright"])
    extra = generated.setdefault("extra", {})
    extra["handbook_notice"] = settings["notice"]
    extra["handbook_notice_label"] = settings["notice_label"]
    extra.setdefault("status", {})["new"] = "Updated recently"
    if generated.get("nav"):
        build.add_to_nav(generated["nav"])
    generated["markdown_extensions"] = [
        {ABBREVIATIONS: {"glossary": build.abbreviations()}} if entry == ABBREVIATIONS else entry
        for entry in generated.get("markdown_extensions", [])
    ]
    css = generated.setdefault("extra_css", [])
    css += [path for path in build.assets(config.get("site_url")) if path.endswith(".css") and path not in css]
    target = project / CONFIG
    target.write_text(yaml.safe_dump(generated, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


# The one inline style Zensical's script adds to every page (seen by a browser: the search
# dialog's), allowed by its hash; without it the browser blocks it and reports a violation.
ZENSICAL_STYLE_HASHES = "'sha256-NwSx/R2V/U4jnW0Tq5pQ53Y/rzPVJ4dqE7D6UTA/J1k='"


def finish(project: Path, site: Path) -> None:  # noqa: ARG001 - called as launch.py calls it
    for page in site.rglob("*.html"):
        html = Build.finish_page(page.read_text(encoding="utf-8"))
        html = html.replace("style-src 'self'", f"style-src 'self' {ZENSICAL_STYLE_HASHES}", 1)
        page.write_text(html, encoding="utf-8")
    Build.finish_site(site)
