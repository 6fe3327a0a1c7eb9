"""JSON Schemas for the data files, generated from the same models the checker uses.

Editors read them through the `# yaml-language-server: $schema=...` line at the top of each data
file, so a PSW editing in VS Code (or Codespaces) sees mistakes and completions as they type.
They are written as draft-07, the dialect the YAML language server understands best. Statement
ids are listed with their titles, so `evidences:` completes to real statements; references to
the authority's own items (teams, stages, ...) are described but not listed, because those lists
change with every edit, and `handbook check` resolves them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .areas import AREAS, FRAMEWORKS_FOLDER, kind_label
from .schema import FrameworkFile

SCHEMA_FOLDER = "schema"
FRAMEWORK_SCHEMA = "framework.schema.json"
DRAFT = "http://json-schema.org/draft-07/schema#"


def schema_name(data_file: str) -> str:
    return data_file.rsplit(".", 1)[0] + ".schema.json"


def _statements(frameworks_dir: Path) -> list[dict[str, str]]:
    """Every statement id with its title, read straight from the framework files."""
    from .loader import load_yaml

    found: list[dict[str, str]] = []
    for path in sorted(frameworks_dir.glob("*.y*ml")):
        loaded, problems = load_yaml(path, path.name)
        if loaded is None or problems or not isinstance(loaded.data, dict):
            continue
        framework = loaded.data
        for statement in framework.get("statements") or []:
            if isinstance(statement, dict) and isinstance(statement.get("id"), str):
                found.append({"const": statement["id"],
                              "description": f"{statement.get('title', '')} ({framework.get('short_name', '')})"})
    return found


def _finish(node: Any, statements: list[dict[str, str]]) -> Any:
    """Turn pydantic's output into draft-07 and fill in what the handbook's markers ask for."""
    if isinstance(node, list):
        return [_finish(item, statements) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _finish(value, statements) for key, value in node.items() if key != "$defs"}
    if "$defs" in node:
        result["definitions"] = _finish(node["$defs"], statements)
    if isinstance(result.get("$ref"), str):
        result["$ref"] = result["$ref"].replace("#/$defs/", "#/definitions/")
    kind = result.pop("x-handbook-ref", None)
    if kind == "statement" and statements:
        result.pop("type", None)
        result["oneOf"] = statements
        result.setdefault("description", "The id of a framework statement, e.g. PS7 or OM4.")
    elif kind:
        label = kind_label(kind)
        result.setdefault("description", f"The id of a {label}.")
    if result.pop("x-handbook-markdown", None):
        text = result.get("description", "")
        result["description"] = (text + " " if text else "") + "Markdown: **bold**, lists and [links](page.md)."
    return result


def build_schema(model: type[BaseModel], title: str, statements: list[dict[str, str]]) -> dict[str, Any]:
    generated = model.model_json_schema(ref_template="#/$defs/{model}")
    finished = _finish(generated, statements)
    return {"$schema": DRAFT, "title": title, **{k: v for k, v in finished.items() if k != "title"}}


def all_schemas(data_dir: Path) -> dict[str, dict[str, Any]]:
    """File name in schema/ -> schema, for every area file and for framework files."""
    statements = _statements(data_dir / FRAMEWORKS_FOLDER)
    schemas = {schema_name(area.file): build_schema(area.model, f"{area.title} ({area.file})", statements)
               for area in AREAS}
    schemas[FRAMEWORK_SCHEMA] = build_schema(FrameworkFile, "A national framework (data/frameworks/*.yaml)", [])
    return schemas


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale_or_missing(project: Path, data_dir: Path) -> list[str]:
    """The schema files that differ from what the models and frameworks generate now."""
    folder = project / SCHEMA_FOLDER
    return [name for name, schema in all_schemas(data_dir).items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != render(schema)]


def write_schemas(project: Path, data_dir: Path) -> list[str]:
    folder = project / SCHEMA_FOLDER
    folder.mkdir(exist_ok=True)
    written = []
    for name, schema in all_schemas(data_dir).items():
        path = folder / name
        text = render(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    return written


def schema_line(data_file: Path, project: Path, data_dir: Path) -> str:
    """The first line each data file carries, pointing an editor at its schema."""
    relative_to_data = data_file.relative_to(data_dir)
    name = FRAMEWORK_SCHEMA if relative_to_data.parts[0] == FRAMEWORKS_FOLDER else schema_name(relative_to_data.name)
    depth = len(data_file.relative_to(project).parts) - 1
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{name}"
