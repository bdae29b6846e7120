"""The benchmark script runs end to end at a tiny size and prints its table (format only,
never timings); the fast cleaned-page copy equals the XPath one on every fixture."""

from __future__ import annotations

import glob
import os
import subprocess
import sys

from parsel import Selector

from filmcrawl.extract import base

from .conftest import FIXTURES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLUMNS = ["N", "a bare p/s", "b full p/s", "b/a", "c incr p/s", "c/b", "d extract p/s/core",
           "e store films/s", "RSS a MiB", "RSS b MiB", "RSS c MiB", "RSS b+workers MiB", "server CPU% (b)"]


def test_bench_script_prints_the_table(tmp_path):
    done = subprocess.run(
        [sys.executable, os.path.join(ROOT, "bench", "bench.py"), "--sizes", "30",
         "--workdir", str(tmp_path), "--extract-pages", "10", "--store-films", "30"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("| N |"))
    names = [c.strip() for c in header.strip("|").split("|")]
    for column in COLUMNS:
        assert column in names, column
    row = lines[lines.index(header) + 2]
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert len(cells) == len(names)
    assert cells[0] == "30"
    for name in ("a bare p/s", "b full p/s", "c incr p/s", "RSS b MiB", "RSS b+workers MiB"):
        assert float(cells[names.index(name)]) > 0, name
    assert float(cells[names.index("RSS b+workers MiB")]) >= float(cells[names.index("RSS b MiB")])
    assert "where the time goes" in done.stdout
    assert "cProfile of reading" in done.stdout and "extract() (dispatcher + families)" in done.stdout
    assert "CPU per page: bare spider" in done.stdout and "reading workers" in done.stdout
    assert "CPU bound: b spends" in done.stdout and "b/a 0.8 at this cost needs" in done.stdout
    assert "top 15 functions by own time" in done.stdout


def test_fast_main_content_equals_the_xpath_one():
    assert base._FAST_PATH, "NOISE_XPATH/SIDEBAR_XPATH changed: update _noise() and _MIRRORED"
    files = sorted(glob.glob(os.path.join(FIXTURES, "*", "*.html")))
    assert files
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as fh:
            sel = Selector(text=fh.read())
        for keep in (True, False):
            fast = base.main_content(sel, keep_sidebars=keep).get()
            slow = base._main_content_xpath(sel, keep_sidebars=keep).get()
            assert fast == slow, (path, keep)


def test_cpu_bound_line():
    from bench.bench import cpu_bound

    b = {"pages": 1000, "cpu_s": 7.5, "server_cpu_s": 0.5, "main_cpu_s": 2.0}
    line = cpu_bound({"pages_per_s": 400.0}, b, 2)
    assert "8.00 ms CPU per page" in line and "2 cores give at most 250 p/s" in line
    assert "the crawl process alone 500 p/s (1.25 of a)" in line and "needs 2.6 cores" in line
    slow = cpu_bound({"pages_per_s": 400.0}, dict(b, main_cpu_s=4.0), 2)
    assert "the crawl process alone is slower" in slow
