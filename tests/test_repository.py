"""The repository keeps its promises: pinned dependencies, offline settings, two-command README."""

from __future__ import annotations

import re
import tomllib

import yaml

from conftest import REPO


def test_dependencies_are_pinned() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["test"]
    assert all("==" in r for r in requirements), requirements
    assert "mkdocs==1.6.1" in requirements
    assert any(re.fullmatch(r"mkdocs-material==9\.8\.\d+", r) for r in requirements)
    assert any(re.fullmatch(r"mkdocs-macros-plugin==1\.5\.\d+", r) for r in requirements)
    locked = (REPO / "requirements.lock").read_text().split()
    assert all("==" in line for line in locked)
    assert "mkdocs==1.6.1" in locked


def _mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda _loader, _suffix, _node: None)
    return yaml.load((REPO / "mkdocs.yml").read_text(), Loader=Loader)


def test_mkdocs_settings_keep_the_site_offline_and_strict() -> None:
    config = _mkdocs_config()
    assert config["theme"]["font"] is False
    macros = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    assert macros["on_undefined"] == "strict" and macros["on_error_fail"] is True
    assert config["validation"]["anchors"] == "warn" and config["validation"]["not_found"] == "warn"
    assert {"data", "macros"} <= set(config["watch"])
    assert "macros/hooks.py" in config["hooks"]


def test_readme_quick_start_is_two_commands() -> None:
    readme = (REPO / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    block = quick_start.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make build", "make test"]
    assert ".venv/bin/handbook build" in quick_start  # the plain equivalent


def test_ci_runs_the_readme_test_command_then_the_engine_comparison() -> None:
    script = (REPO / ".ci" / "run").read_text()
    commands = [line for line in script.splitlines() if line.startswith("make ")]
    assert commands == ["make test", "make engines-properdocs"]
    assert script.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in script  # a failure stops CI


def test_workflows_parse_and_use_the_make_targets() -> None:
    workflows = {p.name: yaml.safe_load(p.read_text()) for p in (REPO / ".github" / "workflows").glob("*.yml")}
    assert set(workflows) >= {"pull-request.yml", "publish.yml"}
    steps = [step.get("run", "") for job in workflows["pull-request.yml"]["jobs"].values() for step in job["steps"]]
    assert {"make check", "make build", "make test"} <= set(steps)
    publish = workflows["publish.yml"]
    assert publish[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true
    uses = [step.get("uses", "") for job in publish["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/deploy-pages") for u in uses)
