# Sozialraum: the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed

# Local serving of the demo: production code paths, plain HTTP on 127.0.0.1.
LOCAL_ENV = HTTPS=false ALLOWED_HOSTS=127.0.0.1,localhost EMAIL_BACKEND=file \
	TASKS_BACKEND=immediate SITE_URL=http://127.0.0.1:$(PORT) SECRET_KEY="$$(cat var/secret_key)"

.PHONY: run dev test test-fast browser lint format messages bench clean venv

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Sozialraum needs Python 3.11 or newer.")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

# Readable by its owner only (umask before the file exists, chmod for older copies).
var/secret_key:
	mkdir -p var
	umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))' > var/secret_key
	chmod 600 var/secret_key

run: $(STAMP) var/secret_key
	$(LOCAL_ENV) $(BIN)/sozialraum migrate --noinput -v0
	$(LOCAL_ENV) $(BIN)/sozialraum demo --if-empty
	$(LOCAL_ENV) $(BIN)/sozialraum collectstatic --noinput -v0
	@echo "Sozialraum läuft auf http://127.0.0.1:$(PORT)/  (Beenden mit Strg+C)"
	$(LOCAL_ENV) $(BIN)/gunicorn sozialraum.wsgi --config gunicorn.conf.py \
		--bind 127.0.0.1:$(PORT) --workers 2

dev: $(STAMP)
	DEBUG=true $(BIN)/sozialraum migrate --noinput -v0
	DEBUG=true $(BIN)/sozialraum demo --if-empty
	DEBUG=true $(BIN)/sozialraum runserver 127.0.0.1:$(PORT)

browser: $(STAMP)
	@$(BIN)/python scripts/ensure_browser.py

test: $(STAMP) browser
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	SOZIALRAUM_TESTING=1 $(BIN)/mypy src  # settings load without a SECRET_KEY (django-stubs)

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench scripts
	$(BIN)/ruff format src tests bench scripts

# makemessages runs inside src/sozialraum (so it does not scan .venv) and needs loaded settings to
# find LOCALE_PATHS: SOZIALRAUM_TESTING=1 loads them without a SECRET_KEY, keeping var/ here.
I18N_ENV = SOZIALRAUM_TESTING=1 SOZIALRAUM_HOME=$(CURDIR)

messages: $(STAMP)
	cd src/sozialraum && $(I18N_ENV) ../../$(BIN)/sozialraum makemessages -l en --no-obsolete --no-location -v0
	$(BIN)/python scripts/check_messages.py
	cd src/sozialraum && $(I18N_ENV) ../../$(BIN)/sozialraum compilemessages -v0

# The load comes from wrk (Debian's package; installed here when running as root), else from
# several Python client processes (bench/load.py), which limit what can be measured.
bench: $(STAMP) var/secret_key
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& { apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }; } \
		|| echo "wrk is not installed: the bench falls back to Python client processes."; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/import_time.py
	$(BIN)/python bench/invitations_time.py
	$(BIN)/python bench/search_quality.py  # recall/MRR of the offer search, index rebuild of 100,000 offers
	$(BIN)/python bench/concurrency.py  # 20 simultaneous allocations at one budget over HTTP
	$(BIN)/python bench/guard.py  # recall/false positives of the identifier guard, time for 5,000 characters

clean:
	rm -rf $(VENV) var build *.egg-info
