# Two commands: `make demo` runs the main job on the bundled data, `make test` runs every check.
# Each creates its own virtual environment in .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo data test lint chromium clean bench

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@echo "compiling the regionalizer's inner loops (numba, once; cached in regionkit/__pycache__)"
	$(BIN)/python -c "from regionkit._maxp import warm_up; warm_up()"
	touch $@

# The main job on the bundled data: schools -> proposal -> findings -> money -> map -> reports.
demo: $(BIN)/.installed
	$(BIN)/regionkit schools
	$(BIN)/regionkit run --out $(OUT)/

# Rebuild the bundled schools tables from the raw DUO files (byte-identical to data/schools*.csv).
data: $(BIN)/.installed
	$(BIN)/regionkit ingest data/raw --out data/schools.csv
	$(BIN)/regionkit ingest data/raw --year 2017 --out data/schools_2017.csv

# Debian's chromium for the browser tests of the maps (never a downloaded browser build).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: run 'sudo apt-get install chromium'" >&2; exit 1; fi; }

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/biome ci --colors=off regionkit/assets

test: $(BIN)/.installed chromium lint
	$(BIN)/pytest -n 2 --doctest-modules regionkit tests --nbmake notebooks

bench: $(BIN)/.installed chromium
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
