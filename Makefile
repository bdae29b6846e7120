# filmcrawl: `make demo` and `make test` are all a fresh machine needs (Python 3.11).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean venv

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) -m filmcrawl demo

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) output/*.db output/*.db-* output/*.lock .pytest_cache
