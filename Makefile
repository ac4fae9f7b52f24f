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

.PHONY: install demo lint typecheck pytest browser screenshot site-check docs test test-thorough bench fidelity fuzz clean

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

# Headless Chromium and a CJK font, for the browser tests and the docs' screenshot
# of an HTML report: installed with apt-get (as root) only when missing.
browser:
	@if command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium fonts-wqy-microhei >/dev/null; \
	else \
	  echo "make browser: needs chromium and a CJK font (Debian, as root:" \
	    "apt-get install chromium fonts-wqy-microhei)" >&2; \
	  exit 1; \
	fi

# The HTML report of the example and its screenshot, shown in docs/checking.rst.
screenshot: install browser
	$(BIN)/python docs/screenshot.py

# The built site as a reader sees it (docs/site_check.py): Sphinx's search, run in
# headless Chromium, must find catalogue labels such as 部分公开; screenshots of the front
# page, a catalogue page, the rules and an API page go to docs/_build/screenshots.
site-check: install browser
	$(BIN)/python docs/site_check.py

docs: install screenshot
	$(BIN)/sphinx-build -n -W --keep-going -b html docs docs/_build/html
	$(BIN)/python docs/site_check.py
	$(BIN)/sphinx-build -n -W --keep-going -b doctest docs docs/_build/doctest

test: lint typecheck browser pytest docs

test-thorough: install
	HYPOTHESIS_PROFILE=thorough $(BIN)/pytest

bench: install
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/run.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/scaling.py
	$(BIN)/python bench/solver.py

fidelity: install
	$(BIN)/python bench/fidelity.py

# A bounded mutation campaign (docs/robustness.rst): make fuzz FUZZ_SECONDS=1200
fuzz: install
	$(BIN)/python -m fuzz --seconds $(FUZZ_SECONDS) --workers $(FUZZ_WORKERS) \
		$(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

clean:
	rm -rf $(VENV) build dist docs/_build .mypy_cache .ruff_cache .pytest_cache .hypothesis fuzz/found
	rm -rf src/*.egg-info *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
