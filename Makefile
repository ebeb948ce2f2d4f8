# Portal Humas. `make run` serves the portal with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTHON ?= python3
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: run test install services lint format bench load lock messages check-deploy clean

$(STAMP): pyproject.toml constraints.txt .ci/system-deps
	.ci/system-deps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

install: $(STAMP)

services: install
	$(PY) .ci/services.py

run: services
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py seed_demo
	@echo
	@echo "  Portal Humas:  http://127.0.0.1:$(PORT)/"
	@echo "  Staff login:   http://127.0.0.1:$(PORT)/masuk/   (demo logins above)"
	@echo "  Health:        http://127.0.0.1:$(PORT)/sehat/"
	@echo "  Stop with Ctrl+C."
	@echo
	PORT=$(PORT) $(VENV)/bin/honcho start -f Procfile

test: services
	$(PY) manage.py makemigrations --check --dry-run > /dev/null || (echo "Missing migrations: run manage.py makemigrations" && exit 1)
	$(PY) -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy humas releases media_relations ppid visits
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/bandit -q --severity-level high -c pyproject.toml -r humas releases media_relations ppid visits

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat --quiet || true

bench: services
	@for script in bench/bench_*.py; do [ -e "$$script" ] || continue; echo "== $$script"; $(PY) "$$script" || exit 1; done

# Load and soak against a production-mode portal on its own database (about 15 minutes).
load: services
	$(PY) bench/loadtest.py $(LOAD_ARGS)

messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var --ignore=static/vendor --ignore=tests
	$(PY) manage.py compilemessages -l en --ignore=.venv

check-deploy: install
	HUMAS_ENV=production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
		ALLOWED_HOSTS=humas.example.go.id $(PY) manage.py check --deploy --fail-level WARNING

lock:
	$(PY) -m pip freeze --exclude-editable | grep -v '^portal-humas' > constraints.txt.new
	(echo '# Pinned versions for reproducible installs: `make` installs with `pip install -c constraints.txt`.'; \
	 echo '# Refresh with `make lock` after changing pyproject.toml.'; cat constraints.txt.new) > constraints.txt
	rm constraints.txt.new

clean:
	rm -rf $(VENV) var/staticfiles var/test-media
