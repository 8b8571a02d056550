# Two commands for a newcomer (see README.md):
#   make app    install the app's packages and run it on the bundled data
#   make test   install everything the tests need (incl. Debian's chromium) and run every test
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: app test install install-dev browser data bench

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

app: install
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

test: install-dev browser
	$(BIN)/python .ci/audit.py
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

data: install
	$(BIN)/python -m pathways.ingest --raw ../shared/data/raw --out data
