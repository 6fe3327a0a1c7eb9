"""MkDocs hook: adds the pages that come from the data (one per framework) to the site and nav,
and applies the changes in handbook.postprocess to each built page and to the theme's scripts.

Kept apart from the macros module because MkDocs, not mkdocs-macros, owns the list of files.
The pages themselves are one macro call each, so their content is rendered like any other page.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook.site import BUILD_KEY, Build

ABBREVIATIONS = "handbook.abbreviations"  # the extension given the glossary


def _build(config: MkDocsConfig) -> Build:
    build = config.get(BUILD_KEY)
    if not isinstance(build, Build):
        raise RuntimeError("The handbook data has not been loaded: is the macros plugin configured?")
    return build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = _build(config)
    if config.nav:
        build.add_to_nav(config.nav)
    if ABBREVIATIONS in config.markdown_extensions:
        config.mdx_configs.setdefault(ABBREVIATIONS, {})["glossary"] = build.abbreviations()
    for path in build.assets(config.site_url):
        if path.endswith(".css") and path not in config.extra_css:
            config.extra_css.append(path)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _build(config)
    for path, content in build.pages().items():
        files.append(File.generated(config, path, content=content))
    for path, content in build.assets(config.site_url).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return Build.finish_page(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Pages built from templates alone, such as 404.html, get the same policy.
    return Build.finish_page(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    Build.finish_site(Path(config.site_dir))
