# Two commands on a fresh machine with Python 3.11: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export TIC_DATABASE_URL ?= sqlite:///./tic.db

.PHONY: run serve serve-prod install install-dev migrate seed lint test test-sqlite test-postgres browser bench bench-quick demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The same command line as the README's and the container's (`tic-registry --help`).
migrate: install
	$(BIN)/tic-registry migrate

seed: migrate
	$(BIN)/tic-registry seed

run: seed
	$(BIN)/tic-registry serve --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/tic-registry serve --host $(HOST) --port $(PORT)

# Production: several worker processes (one per CPU by default) on PostgreSQL, e.g.
#   make serve-prod TIC_DATABASE_URL=postgresql+psycopg://user@host/tic WORKERS=4
# Each worker keeps its own caches (representations, the TF-IDF index), so memory grows with
# WORKERS; bench.scale measures the speed-up against one worker.
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
serve-prod: install
	@case "$$TIC_DATABASE_URL" in postgresql*) ;; \
	  *) echo "serve-prod: set TIC_DATABASE_URL to a PostgreSQL URL (SQLite has one writer)"; exit 2;; esac
	$(BIN)/tic-registry migrate
	$(BIN)/tic-registry serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy api seed tests bench
	$(BIN)/lint-imports

# Debian's Chromium and ChromeDriver for the browser test of the pages (installed if missing).
browser:
	bash .ci/chromium.sh

test-sqlite: install-dev browser
	TIC_TEST_BACKEND=sqlite $(BIN)/coverage run -p -m pytest -q

# Starts a throwaway PostgreSQL (installing Debian's package if missing), runs the same suite.
test-postgres: install-dev browser
	source .ci/postgres.sh && pg_start && trap pg_stop EXIT && \
	TIC_TEST_BACKEND=postgres $(BIN)/coverage run -p -m pytest -q

test: lint test-sqlite test-postgres
	$(BIN)/coverage combine -q && $(BIN)/coverage report

# The dev tools plus the bench-only extra (Datasette); bench/reads.py installs Debian's wrk.
$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $@ $(VENV)/.installed-dev $(VENV)/.installed

# Every benchmark (under 15 minutes on 2 CPUs; PostgreSQL from .ci/postgres.sh), or the everyday
# subset (under 3 minutes): the analyser's timing and the scale table at 1,000 definitions.
bench: $(VENV)/.installed-bench
	$(BIN)/python -m bench

bench-quick: $(VENV)/.installed-bench
	$(BIN)/python -m bench --quick

# Registers fictional CSC teams through the API of a server already running (`make run` in
# another shell) at BASE_URL; its keys are made in the same TIC_DATABASE_URL, so run it there.
BASE_URL ?= http://127.0.0.1:8000
demo: install
	$(BIN)/python -m seed.demo --base-url $(BASE_URL)

clean:
	rm -rf $(VENV) .coverage .coverage.* .mypy_cache .ruff_cache .pytest_cache tic.db*
