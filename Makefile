# Two commands do all set-up on a fresh machine with Python 3.11+:
#   make demo         creates .venv, installs cxcore, runs the `cxcore demo` walkthrough
#   make test         creates .venv from the committed lock (uv.lock), runs lint, type check,
#                     tests, docs build
#   make bench        runs every benchmark against its peer library at full size
#   make test-latest  the full suite on the newest release of every dependency, and on the lowest
#                     supported Babel and pydantic: run it before each release and each lock bump
#   make lock         re-resolve uv.lock after a change to pyproject.toml
#
# Installs go through uv, pinned with hashes in requirements/uv.txt and kept in .tools/, so the
# only thing the machine needs is Python. `uv sync --locked` refuses a lock that no longer matches
# pyproject.toml, and installs exactly the locked versions: every machine tests what CI tested.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
TOOLS  := .tools
UV     := $(TOOLS)/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
SYNC   := $(UV) sync --locked --python $(PYTHON)
# Everything the tests, docs and benchmarks need: every extra of the project.
EXTRAS := --all-extras
DEPS   := pyproject.toml uv.lock
# The same extras by name, for the unlocked environments of test-latest.
ALL    := $(shell $(PYTHON) -c "import tomllib; print(','.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']))")
# The runtime dependencies that test-lowest installs at the lowest release pyproject.toml admits.
RUNTIME := babel pydantic python-dateutil tzdata pyicumessageformat markupsafe
VERSIONS := from importlib.metadata import version as v; print(', '.join(f'{n} {v(n)}' for n in '$(RUNTIME)'.split()))

.PHONY: demo test lint typecheck unit docs bench library lock test-latest test-newest test-lowest clean

$(UV): requirements/uv.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "cxcore needs Python 3.11+"'
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install -q --disable-pip-version-check --require-hashes \
		-r requirements/uv.txt
	touch $@

# --inexact: the demo's runtime install keeps the dev extras of an earlier `make test`.
$(VENV)/.installed: $(DEPS) | $(UV)
	$(SYNC) --quiet --inexact
	touch $@

$(VENV)/.installed-dev: $(DEPS) | $(UV)
	$(SYNC) --quiet $(EXTRAS)
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/cxcore demo

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy src

unit: $(VENV)/.installed-dev
	$(BIN)/pytest -q

# Strict and not quiet: any warning fails the build.
docs: $(VENV)/.installed-dev
	$(BIN)/mkdocs build --strict --site-dir site

test: lint typecheck unit docs

bench: $(VENV)/.installed-dev
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done
	$(BIN)/pytest -q -m slow tests

# The built-in catalog's precompiled form: run after editing src/cxcore/responses/library/*/;
# tests/responses/test_library_compiled.py fails while the committed artefact is stale.
library: $(VENV)/.installed-dev
	$(BIN)/python -c "from cxcore.responses._library import write_compiled; write_compiled()"

lock: | $(UV)
	$(UV) lock

# The newest release of every dependency, ignoring the lock.
test-newest: | $(UV)
	rm -rf $(VENV)-latest
	$(UV) venv --quiet --python $(PYTHON) $(VENV)-latest
	$(UV) pip install --quiet --python $(VENV)-latest --refresh --upgrade -e '.[$(ALL)]'
	$(VENV)-latest/bin/python -c "$(VERSIONS)"
	$(VENV)-latest/bin/pytest -q -p no:randomly

# The lowest release of each runtime dependency that pyproject.toml admits (the dev tools
# resolved to fit them).
test-lowest: | $(UV)
	rm -rf $(VENV)-lowest
	$(UV) venv --quiet --python $(PYTHON) $(VENV)-lowest
	$(UV) pip install --quiet --python $(VENV)-lowest -e '.[$(ALL)]' \
		$$($(PYTHON) .ci/lowest_pins.py pyproject.toml $(RUNTIME))
	$(VENV)-lowest/bin/python -c "$(VERSIONS)"
	$(VENV)-lowest/bin/pytest -q -p no:randomly

test-latest: test-newest test-lowest

clean:
	rm -rf $(VENV) $(VENV)-latest $(VENV)-lowest $(TOOLS) site build dist .mypy_cache \
		.ruff_cache .hypothesis .benchmarks
