# Iron Funnel: the two commands a newcomer needs are `make run` and `make test`.
# Both create .venv and install what they need from pyproject.toml.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# pytest-xdist workers for the SQLite suite (whole test files per worker: a module's
# fixtures, such as one Chromium or one bot, are set up once). 0 runs it in one process.
PYTEST_WORKERS ?= 2

.PHONY: run test test-sqlite migrate lint format check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Iron Funnel needs Python 3.11 or newer; found " + sys.version.split()[0])'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.installed-run

## Set everything up, apply migrations and start the bot (long polling).
run: $(VENV)/.installed-run
	$(BIN)/python -m bot run

## Set everything up and run the whole test suite (lint first): everything on SQLite
## (PYTEST_WORKERS processes: the end-to-end tests mostly wait on bot processes and
## timers, and the other worker computes meanwhile), and at the same time the storage,
## import/export, report, digest and feed suites on a throw-away PostgreSQL server
## (tests/run_postgres.sh).
## The browser tests need Debian's Chromium: installed first, before the PostgreSQL
## script may run apt-get too (tests/e2e/install_chromium.sh; quiet when it is there).
## pytest exits 5 when it collected no test: that is a failure here.
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	@bash tests/e2e/install_chromium.sh
	@log=$$(mktemp); bash tests/run_postgres.sh >"$$log" 2>&1 & pg=$$!; \
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest ran no tests: treating as a failure"; rc=1; fi; \
	wait $$pg; pgrc=$$?; echo; echo "=== on PostgreSQL ==="; cat "$$log"; rm -f "$$log"; \
	if [ $$rc -ne 0 ]; then exit $$rc; fi; exit $$pgrc

## Only the whole suite on SQLite (quicker while developing).
test-sqlite: $(VENV)/.installed-test
	@bash tests/e2e/install_chromium.sh
	@$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest ran no tests: treating as a failure"; exit 1; fi; \
	exit $$rc

migrate: $(VENV)/.installed-run
	$(BIN)/python -m bot migrate

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
