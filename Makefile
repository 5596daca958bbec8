# Two entry points, both from a fresh Debian machine as root:
#   make demo   set up everything, ingest raw/ into processed/, print a summary
#   make test   set up everything, run the test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the pipeline needs at run time.
APT_PACKAGES := python3 python3-venv python3-pip libreoffice-writer-nogui tesseract-ocr tesseract-ocr-vie tesseract-ocr-script-viet
# Debian packages only the tests need (a real browser opens the HTML reports; R's read.csv opens a
# CSV export); `make test` adds them (r-base-core: about 27 MB to download, ~5 s to unpack).
TEST_APT_PACKAGES := chromium r-base-core
TEST_PACKAGES = $(if $(filter test,$(MAKECMDGOALS)),$(TEST_APT_PACKAGES))
# apt-get flags: never upgrade a package already installed (--no-upgrade), and for the test-only
# browser and R installs only what they need (--no-install-recommends), so `make test` changes nothing else.
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade
STAMP := $(VENV)/.installed

.PHONY: demo test setup system venv lock clean

demo: setup
	$(BIN)/pipeline ingest raw/ --out processed/

test: setup
	$(BIN)/python -m pytest

setup: system $(STAMP)

# Install missing Debian packages only (needs root; skipped when all present).
system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	tests=""; for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || tests="$$tests $$p"; done; \
	if [ -n "$$missing$$tests" ]; then apt-get update -qq; fi; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; $(APT_INSTALL) $$missing; fi; \
	if [ -n "$$tests" ]; then echo "installing Debian packages for the tests:$$tests"; $(APT_INSTALL) --no-install-recommends $$tests; fi

# Exact versions from requirements.lock, then the project itself without resolving again.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || { echo "python3 with venv is required"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

# Regenerate the lock file from pyproject's ranges (maintainers only).
lock:
	rm -rf /tmp/lock-venv && $(PYTHON) -m venv /tmp/lock-venv
	/tmp/lock-venv/bin/pip install -q --upgrade pip
	/tmp/lock-venv/bin/pip install -q -e '.[test,notebooks]'
	/tmp/lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) processed/*/ .pytest_cache
