# Two commands for a newcomer (see README.md):
#   make app    install the app's packages and run it on the bundled data
#   make test   install everything the tests need (incl. Debian's chromium and nginx) and run every test
#   make serve N=2   N app processes behind nginx with sticky sessions on http://127.0.0.1:8080 (deploy/serve_lb.py)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
N ?= 2
LB_PORT ?= 8080

.PHONY: app test test-fast install install-dev browser nginx serve data

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt

install-dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt

browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-dejavu-core; fi; }

# Debian's nginx, for `make serve` and tests/test_lb.py (the same way as chromium: apt-get when missing).
nginx:
	@test -x /usr/sbin/nginx || command -v nginx >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nginx; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq nginx; fi; }

app: install
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

# the tests run on every core (pytest-xdist; a test file stays on one worker, so its fixtures are built once), then
# the tests marked `alone` (many sessions through nginx) on their own, as they load the machine on purpose
test: install-dev browser nginx
	$(BIN)/python .ci/audit.py
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not alone" --durations=25
	$(BIN)/python -m pytest -m alone --durations=5

# the quick loop while you work: lint, types and every test not marked slow or browser (no chromium, no nginx)
test-fast: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not slow and not browser" --durations=10

serve: install nginx
	$(BIN)/python deploy/serve_lb.py --processes $(N) --port $(LB_PORT)

data: install
	$(BIN)/python -m pathways.ingest --raw ../shared/data/raw --out data
