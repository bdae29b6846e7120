# filmcrawl: `make demo` and `make test` are all a fresh machine needs (Python 3.11).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean venv redis

$(STAMP): requirements.txt requirements-redis.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-redis.txt
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) -m filmcrawl demo

# redis-server for the distributed-mode tests (skipped where it cannot be installed)
redis:
	-@command -v redis-server >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null || echo "redis-server unavailable: distributed tests will be skipped"; }

test: $(STAMP) redis
	$(PY) -m pytest

# The benchmark (bench/bench.py): a synthetic site served on 127.0.0.1, five measurements
# per size. Bigger: make bench BENCH_SIZES=1000,2000,5000,20000 BENCH_REPEAT=2
BENCH_SIZES ?= 1000,5000
BENCH_REPEAT ?= 1
bench: $(STAMP)
	$(PY) bench/bench.py --sizes $(BENCH_SIZES) --repeat $(BENCH_REPEAT)

clean:
	rm -rf $(VENV) output/*.db output/*.db-* output/*.lock .pytest_cache
