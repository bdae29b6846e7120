# filmcrawl: `make demo` and `make test` are all a fresh machine needs (Python 3.11).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The optional extras the tests exercise too: Redis mode and Datasette.
TEST_STAMP := $(VENV)/.installed-extras

.PHONY: demo test bench clean venv redis

$(STAMP): requirements.txt
	@test -n "$(PYTHON)" || { echo "need Python 3.11 (python3.11 or python3 on PATH, or PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

$(TEST_STAMP): $(STAMP) requirements-redis.txt requirements-datasette.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-redis.txt -r requirements-datasette.txt
	touch $(TEST_STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) -m filmcrawl demo

# redis-server for the distributed-mode tests (skipped where it cannot be installed)
redis:
	-@command -v redis-server >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null || echo "redis-server unavailable: distributed tests will be skipped"; }

test: $(TEST_STAMP) redis
	$(PY) -m pytest

# The benchmark (bench/bench.py): a synthetic site served on 127.0.0.1, five measurements
# per size. Bigger: make bench BENCH_SIZES=1000,2000,5000,20000 BENCH_REPEAT=2
BENCH_SIZES ?= 1000,5000
BENCH_REPEAT ?= 1
bench: $(STAMP)
	$(PY) bench/bench.py --sizes $(BENCH_SIZES) --repeat $(BENCH_REPEAT)

clean:
	rm -rf $(VENV) output/*.db output/*.db-* output/*.lock .pytest_cache
