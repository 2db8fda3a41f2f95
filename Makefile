# Two commands do everything: `make run` and `make test`.
# Only Python 3.11+ and make are needed; everything else comes from the
# hashed lock files in requirements/.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint typecheck pytest bench lock clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "testimony-intake needs Python 3.11 or newer" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-main: requirements/main.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/main.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt $(VENV)/.installed-main
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/dev.txt
	touch $@

run: $(VENV)/.installed-main
	$(BIN)/testimony interview --demo

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy
	# Each benchmark alone: bench/store.py and bench/anonymise.py share names with packages.
	for f in bench/*.py; do $(BIN)/mypy --strict $$f || exit 1; done

pytest: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n 2

test: lint typecheck pytest

bench: $(VENV)/.installed-dev
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

# Maintainers only: re-pin the lock files (needs the dev environment).
lock: $(VENV)/.installed-dev
	$(BIN)/uv pip compile requirements/main.in --python-version 3.11 --generate-hashes \
	  --no-header --no-emit-index-url --no-emit-find-links -o requirements/main.txt
	$(BIN)/uv pip compile requirements/dev.in --python-version 3.11 --generate-hashes \
	  --no-header --no-emit-index-url --no-emit-find-links -o requirements/dev.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
