# Stenogram: everyday commands. `make install` creates .venv in the project root.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: install run test chat eval eval-real corpus container-test bench clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock requirements-dev.lock requirements-bench.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

run: install
	$(BIN)/stenogram run

chat: install
	$(BIN)/stenogram chat

test: install
	$(BIN)/python -m pytest

eval: install
	$(BIN)/stenogram eval ../shared/eval/dev.jsonl

# Each folder of ../shared/corpora/real loaded as its own corpus: counts and scores, pooled line last.
eval-real: install
	$(BIN)/python scripts/eval_real.py

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
