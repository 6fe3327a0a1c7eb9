# Two commands set up and run everything: `make build` (or `make serve`) and `make test`.
# Each creates .venv and installs the pinned dependencies the first time; after that the
# install step is skipped until pyproject.toml or requirements.lock changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

NODE_STAMP := node_modules/.installed

.PHONY: build serve check schema lint test test-fast bench install clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	@# pip compiles the installed packages but not ours (installed as a link to macros/); compiled
	@# now, every build is spared compiling them again where PYTHONDONTWRITEBYTECODE is set (CI images)
	$(BIN)/python -m compileall -q macros
	@touch $(STAMP)

install: $(STAMP)

## build: check the data, then build the site into site/ (only replaced when the build succeeds)
build: $(STAMP)
	$(BIN)/handbook build

## serve: check the data, then preview at http://127.0.0.1:8000, rebuilding when data/, docs/ or macros/ change
serve: $(STAMP)
	$(BIN)/handbook check
	$(BIN)/mkdocs serve

## check: list every problem in the data, with file and line
check: $(STAMP)
	$(BIN)/handbook check

## schema: regenerate the JSON Schemas editors use (schema/) after changing the models or frameworks
schema: $(STAMP)
	$(BIN)/handbook schema

# axe-core for the accessibility tests, pinned in package-lock.json (not part of the site).
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: the accessibility tests will be skipped (install Node.js to run them)"; fi

## lint: ruff (the rules in pyproject.toml) and mypy (strict on the library); both must report nothing
lint: $(STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/mypy macros/handbook macros/main.py macros/hooks.py

## test: the lint, then the whole test suite (unit, broken-input fixtures, site builds, browser, accessibility)
test: lint $(NODE_STAMP)
	$(BIN)/python -m pytest -n auto

## test-fast: the tests that need no site build, browser or make run (unit tests, broken inputs)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto -m "not slow"

## bench: what the generator costs at 1x, 10x and 50x the sample (writes benchmarks/results.json)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf site site.previous .site-build-* .site.lock

# --- Other engines (engines/README.md): each in its own venv, so .venv is never touched. --------
# The venv gets the pinned engine (engines/<engine>.txt) and a .pth line making the generator in
# macros/ importable, as the editable install does in .venv; installed once, again when the pins change.
# The comparison uses .venv as it is (created by `make install` if missing, never upgraded here).
.PHONY: engines-properdocs engines-zensical engines-clean

.venv-%/.installed: engines/%.txt
	@test -x .venv-$*/bin/python || $(PYTHON) -m venv .venv-$*
	.venv-$*/bin/python -m pip install --quiet --disable-pip-version-check -r engines/$*.txt
	@echo "$(CURDIR)/macros" > "$$(.venv-$*/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/practice-handbook-macros.pth"
	@touch $@

## engines-properdocs: build with MkDocs and with ProperDocs and compare the sites; fails if they differ
engines-properdocs: .venv-properdocs/.installed
	@test -f $(STAMP) || $(MAKE) --no-print-directory install
	$(BIN)/python engines/compare.py properdocs

## engines-zensical: build with MkDocs and with Zensical and report the differences (optional: exits 0)
engines-zensical: .venv-zensical/.installed
	@test -f $(STAMP) || $(MAKE) --no-print-directory install
	$(BIN)/python engines/compare.py zensical

engines-clean:
	rm -rf .venv-properdocs .venv-zensical
