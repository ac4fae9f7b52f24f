# Every target runs tools from the project's own virtual environment; nothing
# relies on an activated shell.  The venv is (re)installed only when
# pyproject.toml is newer than the stamp file.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install-stamp
EXAMPLE := examples/qinghe-2018.txt

FUZZ_SECONDS ?= 60
FUZZ_WORKERS ?= 2
FUZZ_SEED ?=

.PHONY: install demo lint typecheck pytest docs test test-thorough bench fuzz clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -e '.[dev]'
	touch $(STAMP)

demo: install
	$(BIN)/govinfo parse $(EXAMPLE)
	$(BIN)/govinfo parse $(EXAMPLE) --json

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy src tests bench fuzz docs/conf.py

pytest: install
	$(BIN)/pytest

docs: install
	$(BIN)/sphinx-build -n -W --keep-going -b html docs docs/_build/html
	$(BIN)/sphinx-build -n -W --keep-going -b doctest docs docs/_build/doctest

test: lint typecheck pytest docs

test-thorough: install
	HYPOTHESIS_PROFILE=thorough $(BIN)/pytest

bench: install
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/run.py
	$(BIN)/python bench/scaling.py

# A bounded mutation campaign (docs/robustness.rst): make fuzz FUZZ_SECONDS=1200
fuzz: install
	$(BIN)/python -m fuzz --seconds $(FUZZ_SECONDS) --workers $(FUZZ_WORKERS) \
		$(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

clean:
	rm -rf $(VENV) build dist docs/_build .mypy_cache .ruff_cache .pytest_cache .hypothesis fuzz/found
	rm -rf src/*.egg-info *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
