# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DATA   ?= data
DATASETS ?= ../shared/datasets

.PHONY: run test lint install install-dev bench clean import-data import-benefit-finder import-programs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

run: install
	$(BIN)/streamlit run app.py -- $(DATA)

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install-dev
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/analysis.py
	$(BIN)/python benchmarks/chain.py
	$(BIN)/python benchmarks/equity.py
	$(BIN)/python benchmarks/opportunities.py
	$(BIN)/python benchmarks/app_rerun.py
	$(BIN)/python benchmarks/maps.py
	$(BIN)/python benchmarks/edit.py
	$(BIN)/python benchmarks/store.py

# Regenerate the imported public-data workspaces (see docs/real-data.md).
import-data: import-benefit-finder import-programs

# USAGov Benefit Finder (GSA-TTS/usagov-benefits-eligibility, commit 1b2bc29) -> data-benefit-finder/
import-benefit-finder: install
	rm -rf data-benefit-finder.new
	$(BIN)/ple import benefit-finder $(DATASETS)/usagov-benefit-finder -o data-benefit-finder.new \
	    --commit 1b2bc29
	$(BIN)/ple validate --no-cache data-benefit-finder.new
	rm -rf data-benefit-finder && mv data-benefit-finder.new data-benefit-finder

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info

import-programs: install
	$(BIN)/ple import programs $(DATASETS)/federal-program-inventory/programs.csv \
		--catalog $(DATA) -o catalogs/federal-program-inventory.yaml
