# dragoman: `make demo` and `make test` work on a fresh machine that has only Python 3.11.
# The interpreter the virtual environment is made from: python3.11 where it exists.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= demo.db

.PHONY: install demo demo-reset test browser serve bench bench-web lint clean screenshot screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres,dask]'
	touch $(STAMP)

install: $(STAMP)

# Ingest is idempotent: a second `make demo` adds nothing and keeps the reviews made on
# demo.db; `make demo-reset` starts it again from the examples.
demo: $(STAMP)
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

demo-reset:
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(MAKE) demo

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

# The README's screenshots: the browser tests write them to build/screenshots/ (not
# tracked), then they are copied to docs/. `make test` writes them to a temporary folder
# and leaves docs/ untouched.
SHOTS := build/screenshots
screenshots: $(STAMP) browser
	rm -rf $(SHOTS)
	DRAGOMAN_SCREENSHOT=1 DRAGOMAN_SCREENSHOT_DIR=$(CURDIR)/$(SHOTS) $(BIN)/python -m pytest \
		tests/web/test_web_browser.py tests/web/test_web_browser_review.py
	cp $(SHOTS)/overview.png $(SHOTS)/review-queue.png $(SHOTS)/chart.png \
		$(SHOTS)/changes.png docs/

screenshot: screenshots
