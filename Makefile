# Summit KB — the two commands: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install demo test test-extraction lint format bench-extract bench-ingest bench-api bench-growth bench-pages drill eval

install: $(STAMP)

# Rebuilt only when pyproject.toml changes: `make install` does nothing when up to date.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_setup
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python scripts/test_stack.py -- $(PYTEST_ARGS)

# The pure extraction tests alone: no database, no services.
test-extraction: install
	$(BIN)/python -m pytest tests/extraction -p no:django -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench-extract: install
	$(BIN)/python -m extraction.bench

bench-ingest: install
	$(BIN)/python scripts/bench_ingest.py

# The timeline API over real HTTP beside a raw psycopg+json handler, on a synthetic
# PostgreSQL database shaped like the pipeline's (not a timed test).
bench-api: install
	$(BIN)/python scripts/bench_api.py

# Per-article processing cost on synthetic databases of 100, 10,000 and 100,000 articles
# (about 15 minutes; GROWTH_SIZES="100 10000" for a quicker run).
GROWTH_SIZES ?= 100 10000 100000
bench-growth: install
	$(BIN)/python scripts/bench_growth.py --sizes $(GROWTH_SIZES)

# The article page and the list pages for an article of 5,000 quotes (not a timed test).
bench-pages: install
	$(BIN)/python scripts/bench_pages.py

# A fault drill against the real stack (gunicorn, a Celery worker with beat, PostgreSQL,
# Redis): worker kills, Redis and PostgreSQL outages, races, bad input, Schemathesis, XSS
# in Chromium. One line a probe; a few minutes, so not part of `make test`.
drill: install
	$(BIN)/python scripts/drill.py

# The extraction scored per article (the dev set's own score.py, misses listed), then the
# timeline a knowledge base built from the same articles shows, on a throwaway SQLite database.
eval: install
	-PATH="$(CURDIR)/$(BIN):$$PATH" python3 ../shared/devset/score.py . --set all -v
	@d=$$(mktemp -d) && export DATABASE_URL="sqlite:///$$d/eval.sqlite3" \
	  && $(BIN)/python manage.py migrate --noinput -v 0 \
	  && $(BIN)/python manage.py evaluate -v 2 --orders 3; s=$$?; rm -rf "$$d"; exit $$s
