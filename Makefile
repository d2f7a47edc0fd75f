# Annals: two commands a newcomer needs, `make serve` and `make test`; both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONTENT ?= content
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build properdocs zensical test check lint screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: set up, then preview the site at http://127.0.0.1:8000 (rebuilds the pages each edit changes)
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

## build: set up, then build the site into site/ with strict checks
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## properdocs: set up, then build the site with ProperDocs (the MkDocs 1.x fork) into site/
properdocs: $(STAMP)
	$(BIN)/properdocs build --strict -f mkdocs.yml

## zensical: set up, then build the site with Zensical through the tree route, into build/zensical/site/
ZENSICAL_TREE := build/zensical
zensical: $(STAMP)
	$(BIN)/annals render --config mkdocs.yml --out $(ZENSICAL_TREE)
	$(BIN)/zensical build --clean -f $(ZENSICAL_TREE)/mkdocs.yml
	$(BIN)/annals post-build --config mkdocs.yml --site $(ZENSICAL_TREE)/site

## check: validate content/ and list every problem
check: $(STAMP)
	$(BIN)/annals check $(CONTENT)

## test: set up, then run the whole test suite
test: $(STAMP)
	$(BIN)/annals check $(CONTENT)
	$(BIN)/python -m pytest

## screenshot: refresh the README's screenshots (desktop and phone) from the browser tests
screenshot: $(STAMP)
	ANNALS_UPDATE_SCREENSHOT=1 $(BIN)/python -m pytest tests/browser -k screenshot

## bench: build synthetic sites of 1,000, 10,000 and 50,000 events; results in bench/results.md
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python bench/run.py

## lint: ruff and mypy
lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
