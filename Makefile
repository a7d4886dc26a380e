# Prongsai: `make demo` to try it, `make test` to check it. Both set everything up themselves.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test lint types unit browser bench venv sysdeps sysdeps-runtime sysdeps-bench run migrate messages clean

# --- set-up -------------------------------------------------------------------------------
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

# System packages, installed with apt when missing (needs root or sudo):
#   runtime (demo): Pango for WeasyPrint's PDFs, gettext for the translation catalogues;
#   tests: + Chromium (browser tests) and poppler-utils (PDF checks); bench: + wrk (load generator).
APT_RUNTIME := libpango-1.0-0 libpangoft2-1.0-0 gettext
APT_TEST := $(APT_RUNTIME) chromium poppler-utils
APT_BENCH := $(APT_TEST) wrk
define apt_install
	@missing=""; for c in $(1); do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then missing="$$missing pango"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages (missing:$$missing)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(2) >/dev/null; \
	fi
endef
sysdeps-runtime:
	$(call apt_install,msgfmt,$(APT_RUNTIME))
sysdeps:
	$(call apt_install,msgfmt chromium pdftotext pdffonts pdftoppm,$(APT_TEST))
sysdeps-bench:
	$(call apt_install,msgfmt chromium pdftotext wrk,$(APT_BENCH))

# Rebuild translation catalogues after changing UI strings (then translate the new entries).
messages: $(STAMP)
	DEBUG=1 $(PY) manage.py makemessages -l th -l en --ignore '.venv/*' --ignore 'build/*'

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

# --- the two commands ----------------------------------------------------------------------
demo: $(STAMP) sysdeps-runtime
	DEBUG=1 $(PY) manage.py compilemessages -v 0 --ignore=.venv
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py demo_load  # links it mints (published evidence) use the served address
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	DEBUG=1 PRECHECK_FETCH_OPTIONS=prongsai.demo.prechecks.demo_options $(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: $(STAMP) sysdeps lint types unit

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(STAMP)
	PRONGSAI_TESTING=1 $(VENV)/bin/mypy .

# The whole pytest suite, browser tests included. Output (screenshots, files) goes to test-output/.
unit: $(STAMP) sysdeps
	PRONGSAI_TESTING=1 $(PY) manage.py compilemessages -v 0 --ignore=.venv
	PRONGSAI_TESTING=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

browser: $(STAMP) sysdeps
	PRONGSAI_TESTING=1 $(VENV)/bin/pytest -m browser $(PYTEST_ARGS)

# Every benchmark, or some: make bench BENCH=surveys [BENCH_ARGS=--quick] (README, Benchmarks).
bench: $(STAMP) sysdeps-bench
	$(PY) bench/run.py $(BENCH) $(if $(BENCH_ARGS),-- $(BENCH_ARGS))

run: $(STAMP)
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

clean:
	rm -rf $(VENV) var staticfiles test-output .mypy_cache .ruff_cache .pytest_cache
