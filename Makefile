# Two commands from a fresh clone: `make run` and `make test`. See README.md.
SHELL := /bin/bash

# Python 3.11, 3.12 or 3.13: the newest one that really starts (a pyenv shim for a version that
# is not selected exists but fails), unless PYTHON names one (`make run PYTHON=python3.12`).
SUPPORTED_PYTHONS := python3.13 python3.12 python3.11 python3
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in $(SUPPORTED_PYTHONS); do \
	$$p -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' \
	>/dev/null 2>&1 && { echo $$p; break; }; done)
endif
PY_VERSION := $(if $(PYTHON),$(shell $(PYTHON) -c \
	'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null))
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
# The stamp names the Python version and the lock: a change of either rebuilds the venv.
STAMP := $(VENV)/.installed-py$(PY_VERSION)-$(shell sha1sum requirements.lock | cut -c1-12)
# worksteal: no worker idles while the other finishes a long tail. A transactional test empties
# the tables; tests/migration_rows.py writes the migrations' rows back for the tests after it.
PYTEST := DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest -n auto --dist worksteal

.PHONY: run test test-fast test-browser install migrate demo static serve check lint types contracts size format lock clean

$(STAMP): requirements.lock
	@case "$(PY_VERSION)" in 3.11|3.12|3.13) ;; \
	  "") echo "No working Python 3.11, 3.12 or 3.13 found (tried: $(or $(PYTHON),$(SUPPORTED_PYTHONS)))." \
	       "Install one, or name it: make PYTHON=/path/to/python3.12 ..." >&2; exit 1 ;; \
	  *) echo "$(PYTHON) is Python $(PY_VERSION); this project runs on 3.11, 3.12 or 3.13." >&2; \
	     exit 1 ;; esac
	@venv_version=$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' \
	    2>/dev/null || true); \
	  if [ -d $(VENV) ] && [ "$$venv_version" != "$(PY_VERSION)" ]; then \
	    echo "$(VENV) holds Python $${venv_version:-(broken)}: recreating it with $(PYTHON) ($(PY_VERSION))"; \
	    rm -rf $(VENV); fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Could not create $(VENV) with $(PYTHON). On Debian or Ubuntu: apt-get install python3-venv" \
	       "(or python$(PY_VERSION)-venv)." >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	$(BIN)/python -m pip check --quiet
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

static: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: demo static
	@echo "Serving the practice at http://127.0.0.1:$(PORT)/  (admin at http://127.0.0.1:$(PORT)/admin/)"
	@echo "E-mail is sent by a worker beside the web server (printed to this console in dev)."
	DJANGO_SETTINGS_MODULE=config.settings.dev BIN=$(BIN) bash scripts/serve

# The whole suite; test-fast leaves out the browser tests, test-browser runs only them.
test: install
	bash scripts/ensure-chromium
	$(PYTEST) $(PYTEST_ARGS)

test-fast: install
	$(PYTEST) -m "not browser" $(PYTEST_ARGS)

test-browser: install
	bash scripts/ensure-chromium
	$(PYTEST) -m browser $(PYTEST_ARGS)

# Every static check: lint, types (mypy with django-stubs), the import contracts (import-linter)
# and the size limits (400 lines a file, 60 a function). `make -k check` reports them all.
check: lint types contracts size

types: install
	$(BIN)/mypy

contracts: install
	PYTHONPATH=site:. $(BIN)/lint-imports

size:
	$(or $(PYTHON),python3) scripts/check-size

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Compile the lock on the oldest supported Python (3.11) so that dependencies only older
# Pythons need stay in it; CI installs the same lock on 3.13 as well.
lock: install
	@[ "$(PY_VERSION)" = 3.11 ] || echo "Note: compiling the lock on Python $(PY_VERSION), not 3.11." >&2
	$(BIN)/pip-compile --quiet --extra dev --strip-extras -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) .venv-3.* staticfiles .pytest_cache
