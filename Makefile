# The two commands a newcomer needs: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=true
HOST ?= 127.0.0.1
PORT ?= 8000
# A secret key made once per checkout for local serving (never committed: it lives in .venv).
LOCAL_SECRET := $(VENV)/local-secret-key
# Production settings, minus what needs TLS: plain http on 127.0.0.1 has no HTTPS to
# redirect to, so no redirect, no secure-only cookies and no HSTS. Uploads served by Django.
SITE_URL ?= http://$(HOST):$(PORT)
LOCAL := DEBUG=false SECRET_KEY="$$(cat $(LOCAL_SECRET))" ALLOWED_HOSTS=127.0.0.1,localhost \
	SITE_URL=$(SITE_URL) \
	SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0 SERVE_MEDIA=true

EDGE_PORT ?= 8080
APP_PORT ?= 8000

.PHONY: run dev test lint format bench serve edge backup restore clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

$(LOCAL_SECRET): | $(VENV)/bin/python
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

## run: set up the virtualenv, migrate, load the seed content into an empty database, and
## serve on :8000 with gunicorn, as production would (custom error pages, hashed static files)
run: $(VENV)/.runtime $(LOCAL_SECRET)
	$(LOCAL) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py load_seed --if-empty
	$(LOCAL) $(PY) manage.py build_downloads --verbosity 0
	$(LOCAL) BIND=$(HOST):$(PORT) $(VENV)/bin/gunicorn --config gunicorn.conf.py

## dev: like run, but with DEBUG on (tracebacks, static files straight from static/)
dev: $(VENV)/.runtime
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_seed --if-empty
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

## test: set up the dev virtualenv and run the whole suite (browser tests included when Chromium is there)
test: $(VENV)/.dev
	$(PY) -m pytest

## lint: ruff, mypy on the typed modules (listed in pyproject.toml), Django's system checks
## and a check for missing migrations
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV) $(VENV)/bin/mypy
	$(DEV) $(PY) manage.py check
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

# backup/restore use the environment as it is (server env file or .env); with no SECRET_KEY
# set they run like `make dev`, with DEBUG=true.
DATA_ENV = $(if $(SECRET_KEY),,$(DEV))

## serve: the same as run (the name the deploy guide and `make edge` use)
serve: run

## edge: the production stack on one machine: Debian's nginx with deploy/nginx-site.conf
## (static files, microcache, 503 page) on :$(EDGE_PORT), in front of `make serve` on :$(APP_PORT)
edge: $(VENV)/.runtime $(LOCAL_SECRET)
	EDGE_PORT=$(EDGE_PORT) APP_PORT=$(APP_PORT) $(PY) deploy/edge.py

## backup: write backups/kayano-<UTC date-time>.tar.gz: every row and every uploaded file
backup: $(VENV)/.runtime
	$(DATA_ENV) $(PY) manage.py backup

## restore: load a backup: make restore FILE=backups/kayano-....tar.gz [REPLACE=1] [USERS=1]
restore: $(VENV)/.runtime
	@test -n "$(FILE)" || { echo "usage: make restore FILE=path/to/backup.tar.gz [REPLACE=1] [USERS=1]" >&2; exit 2; }
	$(DATA_ENV) $(PY) manage.py restore $(if $(REPLACE),--replace) $(if $(USERS),--include-users) "$(FILE)"

## bench: load-test the public pages under gunicorn with 1,000 and 10,000 shoes (needs wrk)
bench: $(VENV)/.runtime
	$(PY) benchmarks/bench.py

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
