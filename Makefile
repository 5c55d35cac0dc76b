# Stenogram: everyday commands. `make install` creates .venv in the project root.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: install run test fuzz chat eval corpus container-test bench clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock requirements-dev.lock requirements-bench.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

run: install
	$(BIN)/stenogram run

# 10,000 random and hostile updates through the bot and the fake Bot API (`make test` runs 2,000);
# FUZZ_SEED picks another sequence.
FUZZ_SEED ?= 1234
fuzz: install
	STENOGRAM_FUZZ_UPDATES=10000 STENOGRAM_FUZZ_SEED=$(FUZZ_SEED) $(BIN)/python -m pytest -q tests/test_fuzz_bot.py

chat: install
	$(BIN)/stenogram chat

test: install
	$(BIN)/python -m pytest

eval: install
	$(BIN)/stenogram eval ../shared/eval/dev.jsonl

corpus: install
	$(BIN)/stenogram corpus

# Builds the image with podman and runs it (see container/); .ci/run runs it after `make test`.
# container/setup.sh installs podman, runc and debootstrap with apt (root) on first use.
container-test: install
	container/setup.sh
	STENOGRAM_CONTAINER_TESTS=1 $(BIN)/python -m pytest -m container tests/test_container.py

# Benchmark against the peers (bench/README.md): `make bench SIZES="10000 100000 1000000"`.
SIZES ?= 10000 100000
bench: install
	$(BIN)/python -m bench.run --sizes $(SIZES)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
