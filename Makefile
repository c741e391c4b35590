# IUB-registret. Two commands do all set-up on a fresh machine with Python 3.11+:
#   make run   – virtualenv, install, migrate, demo municipality, serve on http://127.0.0.1:8000
#   make test  – install, then lint, types, import contracts, migration check and all tests
#                on a throwaway PostgreSQL 15 cluster (started and stopped by scripts/med-postgres)
#   make snabbtest – lint, types and the tests without browser, fuzzing or attacker (meant to
#                take under 2 minutes on two cores)
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installerad

.PHONY: help install lock run test snabbtest lint audit typecheck importer migrationer pytest systempaket clean

help:
	@echo "make run    – starta demon på http://127.0.0.1:8000 (SQLite)"
	@echo "make test   – alla kontroller och tester mot en tillfällig PostgreSQL"
	@echo "make snabbtest – lint, typer och testerna utom webbläsare, fuzzning och angrepp"

# The locked, hash-checked dependencies (requirements-dev.txt, made by `make lock` from
# pyproject.toml). The project itself is not installed: it runs from the checkout.
$(STAMP): pyproject.toml requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 eller senare krävs.")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

# New lock files after a change of pyproject.toml (needs PyPI).
lock: install
	for f in requirements.txt:'' requirements-dev.txt:--extra=dev; do \
	  $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	    --no-emit-index-url --no-emit-find-links $${f#*:} -o $${f%%:*} pyproject.toml; \
	done

install: $(STAMP)

run: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py demodata
	DEBUG=true $(BIN)/python manage.py publicera
	@echo "Tvåstegsverifieringen är avstängd i demon (KRAV_TVASTEGSVERIFIERING=false)."
	DEBUG=true KRAV_TVASTEGSVERIFIERING=false $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

audit: install
	scripts/granska-beroenden $(BIN)

typecheck: install
	DEBUG=true $(BIN)/mypy

importer: install
	$(BIN)/lint-imports

migrationer: install
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

systempaket:
	@scripts/kontrollera-systempaket

# pytest-xdist: one worker per core, each with its own test database on the same cluster.
# ARBETARE=0 runs everything in one process (a debugger, or -x that stops at once).
# --dist worksteal: a worker that runs out of tests takes some of the other's, instead of
# waiting for it (with the default fixed shares one worker finished ~20 s before the other).
ARBETARE ?= auto
# Bytecode caches (__pycache__/, ignored by git) are written even where the environment says
# not to (PYTHONDONTWRITEBYTECODE=1, as on the machine this project is built on): without them
# every run compiles every module of ours again, and each worker rewrites the asserts of every
# test file again (pytest keeps them there too), ~4 s of each worker's start.
unexport PYTHONDONTWRITEBYTECODE
FORDELNING := --dist worksteal
# The fast tier leaves out the three slow kinds of test (markers in pyproject.toml); make test
# runs them all.
SNABBT := not browser and not fuzz and not angrepp

# The cluster's database is migrated once, and the workers' test databases are copies of it
# (TESTMALL in config/settings.py): each worker running every migration took ~19 s. The apps
# are the tests' (the test sign-on provider's too, pyproject.toml), so nothing is left to run.
# scripts/migrera-mall keeps a dump of the migrated database for the next run on the same code.
MED_MALL := scripts/med-postgres bash -c 'scripts/migrera-mall $(BIN) && TESTMALL=iub "$$@"' --

pytest: install systempaket
	$(MED_MALL) $(BIN)/pytest -n $(ARBETARE) $(FORDELNING) $(PYTEST_ARGS)

test: lint audit typecheck importer migrationer pytest

snabbtest: lint typecheck systempaket
	$(MED_MALL) $(BIN)/pytest -n $(ARBETARE) $(FORDELNING) -m "$(SNABBT)" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
