# Two commands on a fresh machine:  make demo  |  make test
# Each creates the virtual environment it needs (.venv) and installs what is missing.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# extra pip arguments for torch, e.g. TORCH_PIP_ARGS="--index-url https://download.pytorch.org/whl/cpu"
TORCH_PIP_ARGS ?=

.PHONY: demo test test-fast lint bench system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first, the CPU build: anything else pulls a multi-GB CUDA build
	$(PY) -m pip install --quiet torch==2.13.0 $(TORCH_PIP_ARGS)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# make demo SPEED=60 replays faster; Ctrl-C (exit 130) is how a demo ends, not a make error
SPEED ?= 20
demo: $(STAMP)
	@$(VENV)/bin/radar demo --speed $(SPEED) || [ $$? -eq 130 ]

system-deps:
	@bash scripts/system-deps.sh

test: $(STAMP) system-deps
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "unit"

lint: $(STAMP)
	$(VENV)/bin/ruff check radar clustering web tests bench eval
	$(VENV)/bin/ruff format --check radar clustering web tests bench eval

clean:
	rm -rf $(VENV) artifacts .pytest_cache
