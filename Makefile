# Expertfolio — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PORT ?= 8000
# Test processes in parallel (pytest-xdist); each gets its own test database. A process that
# runs out of tests takes some of another's, so the long browser journeys do not end the run
# on one process alone (about a tenth off the suite's time on two CPUs).
TEST_WORKERS ?= auto
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install install-test run test lint format demo bench backup restore clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# A stamp per requirements set, so `make install` only reinstalls when a pin changed.
$(VENV)/.installed-base: $(PY) requirements/build.txt requirements/base.txt
	$(PIP) install -q -r requirements/build.txt
	$(PIP) install -q --no-build-isolation -r requirements/base.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-base requirements/test.txt
	$(PIP) install -q --no-build-isolation -r requirements/test.txt
	touch $@

# Checks that run under Node.js (Ajv on the published schema) and Java (the Nu Html
# Checker): pinned in package-lock.json. Without npm those tests are skipped, except in CI.
$(VENV)/.installed-node: package.json package-lock.json | $(PY)
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --silent --no-audit --no-fund && touch $@; \
	else \
		echo "npm not found: the schema and HTML checks that need Node.js will be skipped"; \
	fi

install: $(VENV)/.installed-base

install-test: $(VENV)/.installed-test $(VENV)/.installed-node

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo

# Links in emails name the address the server runs at, unless EXPERTFOLIO_SITE_URL says another.
run: demo
	PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# PostgreSQL only (BENCH_POSTGRES, default the local server); see bench/README.md.
bench: install
	$(PY) bench/validate_profile.py
	$(PY) bench/run.py $(BENCH_ARGS)

# PostgreSQL only: `make backup` writes var/backups/; `make restore FILE=var/backups/<file>.dump`.
backup:
	bin/backup $(BACKUP_DIR)

restore:
	bin/restore $(FILE)

clean:
	rm -rf $(VENV) var/static node_modules
