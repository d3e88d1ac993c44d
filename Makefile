# Two commands for a fresh machine:  make serve  (build the sample catalogue and preview it)
#                                    make test   (the whole test suite, browser tests included)
VENV   ?= .venv
PY     := $(VENV)/bin/python
OCOP   := $(VENV)/bin/ocop
PYTHON ?= python3
TODAY  ?=
today_flag := $(if $(TODAY),--today $(TODAY),)

.PHONY: serve build validate schema test bench clean

# The exact, hashed versions of requirements.lock (what CI and the publish workflow install too),
# then the project itself; pyproject.toml only says which versions the code accepts.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

serve: $(VENV)/.installed
	$(OCOP) serve $(today_flag)

build: $(VENV)/.installed
	$(OCOP) build $(today_flag)

validate: $(VENV)/.installed
	$(OCOP) validate $(today_flag)

schema: $(VENV)/.installed
	$(OCOP) schema

test: $(VENV)/.installed
	scripts/install-test-tools
	$(PY) -m pytest -n 2 --dist loadgroup

bench: $(VENV)/.installed
	$(PY) bench/run.py

clean:
	rm -rf site .cache build bench/out
