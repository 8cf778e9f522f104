# Single entry point. `make run` sets up and starts the portal with demo data (SQLite);
# `make test` runs the test suite (SQLite, or PostgreSQL when DATABASE_URL is set).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: setup run test lint check e2e bench clean system-deps

$(VENV)/.installed: requirements.lock pyproject.toml
	@py=$$(scripts/find-python.sh) || exit 1; \
	  if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then \
	    rm -rf $(VENV); echo "Creating $(VENV) with $$py"; $$py -m venv $(VENV); fi
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.env:
	@printf 'DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=%s\n' "$$(head -c 32 /dev/urandom | base64 | tr -d '/+=')" > .env
	@echo "Wrote .env (development settings; see .env.example)"

system-deps:
	@scripts/system-deps.sh

setup: system-deps $(VENV)/.installed node_modules/.installed .env
	$(PY) manage.py compilemessages -l vi --ignore=.venv --ignore=node_modules -v0
	$(PY) manage.py collectstatic --noinput -v0

run: setup
	$(PY) manage.py migrate -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The test command of the README and of CI.
test: setup
	$(VENV)/bin/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

# End-to-end tests only (Playwright driving Debian's chromium); screenshots of failures go to
# test-artifacts/e2e/.
e2e: setup
	$(VENV)/bin/pytest -q -p no:cacheprovider -m e2e tests/e2e

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: setup
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

bench: setup
	$(PY) manage.py bench

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
