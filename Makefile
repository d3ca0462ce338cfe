# jiedao — the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PY := .venv/bin/python
VENV := .venv/.installed
NODE := node_modules/.installed
HOST ?= 127.0.0.1
# `make run PORT=8080` serves on another port (HOST and WORKERS likewise).
PORT ?= 8000
WORKERS ?= 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-sqlite test-postgres check bench env assets browser serve clean messages keys

env: $(VENV) $(NODE)

$(VENV): requirements.lock pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium and CJK fonts for browser tests and screenshots; LibreOffice for documents.
browser:
	@if ! command -v chromium >/dev/null || ! command -v msgfmt >/dev/null || ! command -v soffice >/dev/null \
	    || ! command -v pdftoppm >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium fonts-noto-cjk gettext libreoffice-writer-nogui poppler-utils >/dev/null; \
	fi

messages: $(VENV) browser
	cd jiedao && ../$(PY) ../manage.py compilemessages -v 0

# This machine's own keys, once (var/keys.env): a start with the development keys is refused.
keys: env
	$(PY) -m jiedao.core.keys

assets: env messages keys
	$(PY) manage.py collectstatic --noinput -v 0

run: assets
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py demo --if-empty
	$(PY) manage.py demo_logins
	@echo "Serving on http://$(HOST):$(PORT)/ (gunicorn, $(WORKERS) workers) with the task worker; Ctrl-C stops both"
	@$(PY) -m jiedao.ops.serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

# The suite on SQLite, then on PostgreSQL (DATABASE_URL or the local server started on this machine kind).
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
test: env messages browser
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

# Two test processes (pytest-xdist), one per core of the machines we run on.
PYTEST_ARGS ?= -n 2
test-sqlite:
	JIEDAO_TESTING=1 DATABASE_URL= $(PY) -m pytest $(PYTEST_ARGS)

test-postgres:
	JIEDAO_TESTING=1 DATABASE_URL=$(PG_URL) $(PY) -m pytest $(PYTEST_ARGS)

check: env
	.venv/bin/ruff check jiedao tests bench
	.venv/bin/ruff format --check jiedao tests bench
	.venv/bin/mypy jiedao
	JIEDAO_TESTING=1 $(PY) manage.py makemigrations --check --dry-run -v 1

bench: assets
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf .venv node_modules staticfiles var
