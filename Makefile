# Two commands from a fresh clone: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)

.PHONY: run test install migrate demo static serve test-browser lint format lock clean

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
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

test: install
	bash scripts/ensure-chromium
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock:
	$(BIN)/pip-compile --quiet --extra dev --strip-extras -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
