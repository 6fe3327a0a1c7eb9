"""`handbook new`: a ready repository for another authority, made from this one.

The new folder has the same generator, configuration, workflows and tests; its data is either
a set of clearly marked prompts ("To do: ...") that already pass `handbook check`, or, with
`--with-example`, the worked example renamed for the authority. The worked example also goes
into the new repository's test fixtures, so the generator's own tests keep something to test.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .areas import FRAMEWORKS_FOLDER
from .jsonschema import schema_line
from .loader import load_yaml
from .reviews import today
from .validate import check

STARTER = Path(__file__).parent / "starter"
SAMPLE_FIXTURE = Path("tests") / "fixtures" / "sample-authority" / "data"
COPIED_FILES = ("mkdocs.yml", "pyproject.toml", "requirements.lock", "package.json", "package-lock.json",
                "Makefile", "LICENSE", ".gitignore", "CONTRIBUTING.md")
COPIED_FOLDERS = (".ci", ".github", ".vscode", "docs", "overrides", "macros", "schema", "tests", "benchmarks",
                  "engines")
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache", "*.pyc")
# Generic words that end a council's name but not its short name.
NAME_ENDINGS = (" Metropolitan Borough Council", " Metropolitan District Council", " Borough Council",
                " City Council", " County Council", " District Council", " Council")
NAME_STARTS = ("London Borough of ", "Royal Borough of ", "City of ")


class NewProjectError(Exception):
    """Why the new folder was not made (the message is for the person who ran the command)."""


@dataclass(frozen=True)
class Created:
    folder: Path
    problems: int
    warnings: int
    prompts: int


# A glossary term's `see:` line (in the example's glossary, one line each).
_SEE = re.compile(r"^ +see: .*\n", re.MULTILINE)


def short_name_for(name: str) -> str:
    """`Testford Borough Council` -> `Testford`; `London Borough of Testford` -> `Testford`."""
    short = name.strip()
    for start in NAME_STARTS:
        short = short.removeprefix(start)
    for ending in NAME_ENDINGS:
        if short.endswith(ending):
            return short[: -len(ending)].strip()
    return short


def _sample_data(generator: Path) -> Path:
    """The worked example: the test fixture copy in a derived repository, else data/ itself."""
    fixture = generator / SAMPLE_FIXTURE
    return fixture if fixture.is_dir() else generator / "data"


def _sample_names(sample: Path) -> tuple[str, str]:
    loaded, _ = load_yaml(sample / "authority.yaml", "authority.yaml")
    if loaded is None or not isinstance(loaded.data, dict):
        raise NewProjectError(f"Cannot read the worked example's {sample / 'authority.yaml'}.")
    return str(loaded.data["name"]), str(loaded.data["short_name"])


def _rename(text: str, old: tuple[str, str], new: tuple[str, str]) -> str:
    (old_name, old_short), (new_name, new_short) = old, new
    slug = re.sub(r"[^a-z0-9]+", "-", new_short.lower()).strip("-")
    text = text.replace(old_name, new_name).replace(old_short, new_short)
    return text.replace(old_short.lower(), slug)


def _example_authority(text: str) -> str:
    """The example's authority.yaml for a real council: a draft, with the fictional notice removed."""
    text = re.sub(r"(?m)^fictional: true\n", "draft: true  # remove when the content is your own\n", text)
    return re.sub(r"(?m)^notice: [|>]-?\n(?:[ \t]+.*\n|\n)*", "", text)


def create(generator: Path, target: Path, name: str, short_name: str | None = None,
           with_example: bool = False) -> Created:
    name = " ".join(name.split())
    if not name:
        raise NewProjectError("Give the authority's name, e.g. --name \"Testford Borough Council\".")
    short = short_name or short_name_for(name)
    if not (generator / "mkdocs.yml").is_file() or not (generator / "macros").is_dir():
        raise NewProjectError(f"{generator} is not a handbook repository (no mkdocs.yml and macros/): run "
                              "`handbook new` from your copy of the handbook repository.")
    if target.exists() and any(target.iterdir()):
        raise NewProjectError(f"{target} already exists and is not empty: choose a new folder.")
    target.mkdir(parents=True, exist_ok=True)

    for file in COPIED_FILES:
        if (generator / file).is_file():
            shutil.copy2(generator / file, target / file)
    for folder in COPIED_FOLDERS:
        if (generator / folder).is_dir():
            shutil.copytree(generator / folder, target / folder, ignore=IGNORED, dirs_exist_ok=True)

    sample = _sample_data(generator)
    if sample != generator / SAMPLE_FIXTURE:
        shutil.copytree(sample, target / SAMPLE_FIXTURE, ignore=IGNORED)

    data = target / "data"
    data.mkdir()
    shutil.copytree(sample / FRAMEWORKS_FOLDER, data / FRAMEWORKS_FOLDER, ignore=IGNORED)
    old_names = _sample_names(sample)
    if with_example:
        for path in sorted(sample.glob("*.yaml")):
            text = _rename(path.read_text(encoding="utf-8"), old_names, (name, short))
            if path.name == "authority.yaml":
                text = _example_authority(text)
            (data / path.name).write_text(text, encoding="utf-8")
    else:
        for path in sorted((STARTER / "data").glob("*.yaml")):
            text = path.read_text(encoding="utf-8").replace("__NAME__", name).replace("__SHORT__", short)
            text = text.replace("__TODAY__", today().isoformat())
            (data / path.name).write_text(text, encoding="utf-8")
        # The glossary's abbreviations are the same everywhere: start from the example's.
        glossary = _rename((sample / "glossary.yaml").read_text(encoding="utf-8"), old_names, (name, short))
        glossary = _SEE.sub("", glossary)  # the example's stages and teams, which a new handbook lacks
        (data / "glossary.yaml").write_text(glossary, encoding="utf-8")

    for path in sorted(data.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        if lines and lines[0].startswith("# yaml-language-server:"):
            text = "".join(lines[1:])
        path.write_text(schema_line(path, target, data) + "\n" + text, encoding="utf-8")

    readme = (STARTER / "README.md").read_text(encoding="utf-8")
    (target / "README.md").write_text(readme.replace("__NAME__", name).replace("__SHORT__", short), encoding="utf-8")

    _handbook, problems = check(data, base=target)
    prompts = sum(int(p.title.split()[0]) for p in problems.warnings if "prompt" in p.title)
    return Created(target, len(problems.errors), len(problems.warnings), prompts)
