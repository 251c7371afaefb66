# Chasqui: `make demo` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the demo's printed login and its emails link to: the one it is served on, unless BASE_URL is set.
SERVE_BASE_URL = $(or $(BASE_URL),http://$(HOST):$(PORT))

.DEFAULT_GOAL := help
.PHONY: help venv install demo serve test lint format check messages bench bench-import bench-bulletin bench-membership bench-load clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Chasqui needs Python 3.12 or newer; found " + sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@# Development and CI install the test and lint tools too; production installs requirements.txt only.
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed ## Create .venv and install the pinned development requirements

install: venv ## Install, then migrate the database
	$(MANAGE) migrate --no-input

demo: install ## Load the demo content, print the admin login and serve on http://127.0.0.1:8000
	@# Loading runs its background work (search and reference indexes) at once, so the demo is complete when it returns.
	BASE_URL=$(SERVE_BASE_URL) TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend $(MANAGE) load_demo
	@# The task worker sends emails and bulletins in the background; it stops with the server.
	export BASE_URL=$(SERVE_BASE_URL); $(MANAGE) db_worker --no-reload & trap "kill $$! 2>/dev/null" EXIT; $(MANAGE) runserver $(HOST):$(PORT)

serve: venv ## Serve (and run the task worker) without loading anything
	export BASE_URL=$(SERVE_BASE_URL); $(MANAGE) db_worker --no-reload & trap "kill $$! 2>/dev/null" EXIT; $(MANAGE) runserver $(HOST):$(PORT)

lint: venv ## ruff check and format check; template indentation check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@# HTML templates only: djhtml would re-indent the whitespace of plain-text and MJML emails.
	$(VENV)/bin/djhtml --check $$(find chasqui -path '*/templates/*' -name '*.html' | sort)

format: venv ## Format the code with ruff and the HTML templates with djhtml
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml $$(find chasqui -path '*/templates/*' -name '*.html' | sort)

check: venv ## Django system checks and missing-migration check
	DJANGO_SETTINGS_MODULE=chasqui.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=chasqui.settings.test $(MANAGE) makemigrations --check --dry-run

test: lint check ## The whole suite (browser tests too when Chromium is installed)
	$(VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS)
	$(VENV)/bin/pytest tests/browser $(PYTEST_ARGS)

messages: venv ## Update and compile the Spanish translations
	cd chasqui && ../$(PY) ../manage.py makemessages -l es --extension html,txt,py,mjml --ignore 'settings/*' --ignore 'news/locale' --ignore 'news/*.py'
	cd chasqui/news && ../../$(PY) ../../manage.py makemessages -l es
	cd chasqui && ../$(PY) ../manage.py compilemessages

bench: venv ## Run the page benchmark (see bench/README.md)
	bench/pages

bench-import: venv ## Import a 10,000-post WordPress export
	bench/import

bench-bulletin: venv ## Send one bulletin to 10,000 subscribers over loopback SMTP
	bench/bulletin

bench-membership: venv ## Import 10,000 members; the daily run over 50,000
	bench/membership

bench-load: venv ## 100 clients for 60 s on home, a news item, search and the join form; fails on any 5xx
	bench/load

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
