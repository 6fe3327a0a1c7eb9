"""Run one engine's build of a handbook, counting how often the adapter loads the data.

Run by engines/compare.py with the Python of the engine's own virtual environment (the project's
.venv for MkDocs, .venv-properdocs, .venv-zensical), so it uses the standard library only:

    python engines/launch.py ENGINE PROJECT SITE_DIR LOAD_LOG

ENGINE is `mkdocs` (the default: `handbook build`, which checks the data and then runs
`mkdocs build --strict` in this process), `properdocs` (`properdocs build --strict`) or `zensical`
(`zensical build --strict`; Zensical has no --site-dir, so its site/ is moved to SITE_DIR; if the
project has a macros/zensical_adapter.py, its prepare() and finish() run before and after).
The current folder must be PROJECT and PYTHONPATH must hold PROJECT/macros: compare.py sets both.

Before the engine starts, the function `define_env` loads and validates the data with (see PROBES)
is wrapped so that every call appends a line to LOAD_LOG. Nothing else is changed: a build
that loads the data once per build writes one line, one that runs `define_env` per page writes one
per page. If the library no longer has that function, LOAD_LOG gets the line `probe: unavailable`.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ENGINES = ("mkdocs", "properdocs", "zensical")
PROBE_UNAVAILABLE = "probe: unavailable"


# Where the adapter's loading of the data goes through, newest first: `Build.load` and the older
# `site.load` both call the `load_handbook` that handbook.site imported. The data check that
# `handbook build` makes before the build (handbook.validate.check) is not counted.
PROBES = (("handbook.site", "load_handbook"), ("handbook.site", "load"))


def install_probe(log: Path) -> str | None:
    """Wrap the first of PROBES that exists so each call appends a line to `log`; its name, or None."""
    log.write_text("", encoding="utf-8")
    import importlib

    for module_name, function_name in PROBES:
        try:
            module = importlib.import_module(module_name)  # from PYTHONPATH: the project's own macros/
        except ImportError:
            continue
        original = getattr(module, function_name, None)
        if callable(original):
            module.__dict__[function_name] = _counted(original, log)
            return f"{module_name}.{function_name}"
    log.write_text(PROBE_UNAVAILABLE + "\n", encoding="utf-8")
    return None


def _counted(original: Any, log: Path) -> Any:
    def counted(*args: Any, **kwargs: Any) -> Any:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"load pid={os.getpid()} t={time.monotonic():.3f}\n")
        return original(*args, **kwargs)

    return counted


def run_engine(engine: str, project: Path, site_dir: Path) -> int:
    config = str(project / "mkdocs.yml")
    if engine == "mkdocs":
        sys.argv[0] = "handbook"
        from handbook.cli import main

        return main(["--project", str(project), "build", "--site-dir", str(site_dir)])
    if engine == "properdocs":
        sys.argv[0] = "properdocs"
        from properdocs.__main__ import cli  # type: ignore[import-not-found]  # also makes every `mkdocs.*` import load properdocs.*

        return _click(cli, ["build", "--strict", "--config-file", config, "--site-dir", str(site_dir)])
    if engine == "zensical":
        sys.argv[0] = "zensical"
        from zensical.main import cli as zensical_cli  # type: ignore[import-not-found]

        adapter = _zensical_adapter(project)
        if adapter is not None:  # an adapter that does before and after the build what the hooks do
            config = str(adapter.prepare(project))
        status = _click(zensical_cli, ["build", "--strict", "--config-file", config])
        built = project / "site"
        if status == 0 and adapter is not None and built.is_dir():
            adapter.finish(project, built)
        if built.is_dir() and built.resolve() != site_dir.resolve():
            if site_dir.exists():
                shutil.rmtree(site_dir)
            shutil.move(str(built), str(site_dir))
        return status
    print(f"launch.py: unknown engine {engine!r}; use one of {', '.join(ENGINES)}", file=sys.stderr)
    return 2


def _zensical_adapter(project: Path) -> Any:
    """The project's Zensical adapter (macros/zensical_adapter.py), if it has one: `prepare(project)`
    returns the configuration file to build, `finish(project, site_dir)` completes the built site.
    The project has none today; engines/README.md describes the one tried in a copy."""
    if not (project / "macros" / "zensical_adapter.py").is_file():
        return None
    import importlib

    return importlib.import_module("zensical_adapter")


def _click(command: Any, args: list[str]) -> int:
    try:
        command.main(args, prog_name=sys.argv[0], standalone_mode=False)
    except SystemExit as error:
        return error.code if isinstance(error.code, int) else 1
    except Exception as error:  # whatever an engine raises, the report shows why it failed
        exit_code = getattr(error, "exit_code", None)
        show = getattr(error, "show", None)
        if callable(show):  # click's own errors (MkDocs' Abort in strict mode)
            show()
        elif type(error).__name__ == "Exit":  # click.exceptions.Exit: a normal exit with a status
            return exit_code if isinstance(exit_code, int) else 0
        else:
            import traceback

            traceback.print_exc()
        return exit_code if isinstance(exit_code, int) and exit_code else 1
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    engine, project, site_dir, log = argv[0], Path(argv[1]), Path(argv[2]), Path(argv[3])
    install_probe(log)
    return run_engine(engine, project, site_dir)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
