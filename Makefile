# dragoman: `make demo` and `make test` work on a fresh machine that has only Python 3.11.
# The interpreter the virtual environment is made from: python3.11 where it exists.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= demo.db

.PHONY: install demo test browser serve bench bench-web lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/dragoman ingest examples --db $(DB)
	$(BIN)/dragoman positions --db $(DB)
	$(BIN)/dragoman summary --db $(DB)

# The browser tests drive Debian's chromium (never a browser Playwright downloads). As
# root (CI on a fresh machine), install it; elsewhere those tests skip with the reason.
browser:
	@command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
		echo "chromium could not be installed: the browser tests will skip"

test: $(STAMP) browser
	$(BIN)/python -m pytest

serve: demo
	$(BIN)/dragoman serve --db $(DB)

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

bench-web: $(STAMP)
	$(BIN)/python bench/web_latency.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm build src/*.egg-info

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet ruff mypy types-PyYAML
	$(BIN)/python -m ruff check src tests
	$(BIN)/python -m mypy src
