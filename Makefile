# Two set-up commands: `make run` and `make test`. Everything else is built on demand.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.10 (the newest Rasa 3.6 supports): python3.10 on the PATH if it really runs,
# else pyenv's 3.10; override with `make PYTHON=/path/to/python3.10`.
PYTHON ?= $(shell if python3.10 --version >/dev/null 2>&1; then command -v python3.10; \
	elif command -v pyenv >/dev/null 2>&1 && PYENV_VERSION=3.10 pyenv which python >/dev/null 2>&1; then \
	PYENV_VERSION=3.10 pyenv which python; fi)

VENV := .venv
PY := $(VENV)/bin/python
# Rasa's command line with our patches to Rasa installed (bot/rasa_compat).
RASA := $(PY) -m bot.rasa_cli
STAMP := $(VENV)/.installed
# uv installs the same pinned requirements as pip (same resolution, checked by freezing both) in
# about a quarter of the time: parallel downloads and unpacking (fresh venv: pip 245 s, uv 53 s
# wall under load). pip stays the fallback when uv cannot run.
# --compile-bytecode: uv, unlike pip, writes no .pyc files by default; with PYTHONDONTWRITEBYTECODE
# set (as on our CI machines) no process writes them either, so every Rasa server, action server,
# test worker and command line compiled Rasa, TensorFlow and spaCy from source again (importing
# Rasa: 13.7 CPU-s without .pyc files, 4.5 with). Compiled once here, in parallel.
UV_PIN := uv==0.13.9
PIP_INSTALL := UV_LINK_MODE=copy $(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY)
SPACY := var/spacy/en_supportive/meta.json
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false
# Debian packages, installed only when missing. `make test` fetches them while Python installs
# (-j): our apt calls take turns on one lock file, and dpkg's own lock is waited for, not failed.
APT_INSTALL := flock /tmp/supportive-apt.lock sh -c 'apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 "$$@" >/dev/null' apt

.PHONY: help install run shell train model test test-unit check validate generate crisis-tier stories eval bench bench-scale deploy deploy-deps browser-deps widget-deps clean

help:
	@echo "make run    install if needed, train if data changed, start the bot (REST :5005, actions :5055)"
	@echo "make test   validate data, train (cached), run every test"
	@echo "make check  lint, generated files and the fast tests (the inner loop)"
	@echo "make shell  talk to the bot in the terminal"
	@echo "make train  train the model (only when config, domain or data changed)"
	@echo "make eval   intent F1, crisis recall/false alarms, anonymiser, scripted conversations"
	@echo "make bench  latency and throughput, with ratios against a bare rasa init bot"
	@echo "make deploy the production shape here: PostgreSQL, Redis, RabbitMQ, nginx, 2 replicas"
	@echo "make bench-scale  one and two replicas behind nginx, socket.io and REST users"

$(STAMP): requirements.txt requirements-nodeps.txt pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "error: Python 3.10 is needed (Rasa 3.6 supports up to 3.10)." \
		"Install it (e.g. pyenv install 3.10) or run: make PYTHON=/path/to/python3.10 ..." >&2; exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' || \
		{ echo "error: $(PYTHON) is not Python 3.10, which Rasa 3.6 needs" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet $(UV_PIN) wheel
	$(PIP_INSTALL) -r requirements.txt || $(PY) -m pip install --quiet -r requirements.txt
	$(PIP_INSTALL) --no-deps -r requirements-nodeps.txt || \
		$(PY) -m pip install --quiet --no-deps -r requirements-nodeps.txt
	$(PIP_INSTALL) --no-deps --no-build-isolation -e . || \
		$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP) $(SPACY)

$(SPACY): $(STAMP) bot/nlu/spacy_pipeline.py
	$(PY) -m bot.nlu.spacy_pipeline

# The trained model is cached under models/ by a fingerprint of config, domain, data and our
# graph components (bot/training.py); this is a no-op when nothing changed.
train model: install
	$(PY) -m bot.training

# The widget's socket.io client and axe-core, from the npm lock file (reinstalled when it changes).
widget/node_modules/.package-lock.json: widget/package.json widget/package-lock.json
	@command -v npm >/dev/null 2>&1 || $(APT_INSTALL) nodejs npm
	npm ci --prefix widget --no-audit --no-fund

widget-deps: widget/node_modules/.package-lock.json

# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
browser-deps: widget-deps
	@command -v chromium >/dev/null 2>&1 || $(APT_INSTALL) chromium

# The production shape's servers (README, "Production deployment"), from Debian's packages; as
# for Chromium, installed only when missing, and no system service is started: tests and
# `make deploy` run their own in temporary folders. PostgreSQL 15 comes with the machine.
deploy-deps:
	@missing=""; command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	test -x /usr/lib/rabbitmq/bin/rabbitmq-server || missing="$$missing rabbitmq-server"; \
	if [ -n "$$missing" ]; then $(APT_INSTALL) --no-install-recommends $$missing; fi

# The whole production shape on this machine, in var/deploy/; Ctrl-C stops it all.
deploy: model deploy-deps
	$(PY) -m bot.deploy

run: model widget-deps
	$(PY) -m bot.run

shell: model
	$(PY) -m bot.run --shell

# Data checks: Rasa's own validation, and every generated file up to date (`make generate`).
validate: install
	$(RASA) data validate --fail-on-warnings --config config.yml --domain domain.yml --data data
	$(PY) -m bot.generate --check
	$(PY) -m bot.crisis.learned --check

# Every generated file (crisis responses and the widget's resources, the exercise slots and
# forms in domain.yml, the exercise stories, the README's settings table); `make test` fails
# while any is stale.
generate: install
	$(PY) -m bot.generate

# The learned crisis tier's classifier (bot/crisis/data/learned_tier.npz), retrained from
# eval/data/crisis_dev/ (a few minutes); `make validate` fails while it is stale.
crisis-tier: install
	$(PY) -m bot.crisis.learned --train

# Test stories through the real policies (no action server needed: stories list the actions).
stories: model
	$(RASA) test core --stories tests/stories --model "$$($(PY) -m bot.training)" \
		--fail-on-prediction-errors --no-plot --out var/results/core

# The inner loop: lint, generated files, and the tests that start no servers (seconds).
check: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m bot.generate --check
	$(VENV)/bin/pytest -q -n 2 -m "not integration and not browser"

test-unit: check

# Everything, on two workers (a test file stays on one; the files on the shared bot stack stay
# together, slowest first: tests/conftest.py): lint and generated files, Rasa's data validation
# and test stories (tests/project), unit, server, browser and security tests.
# The Python install runs beside the npm and Debian installs (they wait on the network and disk).
# The model is not trained first: the first test that needs it trains it (bot.training, cached
# by fingerprint as for `make train`) while the other worker runs the tests that need no model
# (tests/support/scheduling.py). Training alone left a core mostly idle for about two minutes
# of a fresh clone's run. The 25 slowest tests are listed at the end: where to look first when
# the run grows slower.
test:
	@$(MAKE) --no-print-directory -j4 --output-sync=target install browser-deps deploy-deps
	$(VENV)/bin/pytest -q -n 2 --dist loadgroup --no-loadscope-reorder --durations=25

# MARKS=path: also measure the model on a counsellors' export from the review app (To teach)
eval: model
	$(PY) -m eval $(if $(MARKS),--marks $(MARKS))

bench: model
	$(PY) -m bench

# One and two replicas behind nginx, simulated socket.io and REST users (bench/scale.py).
bench-scale: model deploy-deps
	$(PY) -m bench.scale

clean:
	rm -rf var/results var/test-logs tests/artifacts
