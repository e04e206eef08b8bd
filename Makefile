# Two commands are the contract (see README): `make build` and `make test`.
# Both set up what is missing on a Debian machine, idempotently, then run their job.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# System packages: fonts for every script, PDF tools for tests, gettext for msgfmt --check,
# LibreOffice Impress to open decks, Chromium for the site's browser test.
APT_PACKAGES := fonts-noto-core libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 \
	poppler-utils gettext libreoffice-impress chromium chromium-driver
STAMP := $(VENV)/.installed

.PHONY: build test setup system-packages venv check lint clean

build: setup
	$(BIN)/cara build

test: setup
	$(BIN)/python -m pytest -n 2 -q

check: setup
	$(BIN)/cara check

lint: setup
	$(BIN)/ruff check src tests

setup: system-packages venv

# Installs only what is missing; without root it prints the apt line to run.
system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages: $$missing"; \
		if [ "$$(id -u)" != 0 ]; then \
			echo "Not root. Run: sudo apt-get install -y --no-install-recommends $$missing" >&2; exit 1; \
		fi; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

clean:
	rm -rf build
