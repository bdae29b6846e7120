"""Crash-safety harness shared by tests/test_crash.py and scripts/crash_soak.py.

Crawl a generated site into a reference database A; crawl it into database B while
SIGKILLing the crawler at random moments, checking B after every kill; finally let a
crawl of B run to its end and compare B with A as sets of natural keys.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field

from filmcrawl.commands.crawl import crawl_command, crawl_env

from . import faultserver as F

SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "FILMCRAWL_BATCH_SIZE": "10",  # many small transactions: many moments to be killed in
    "LOG_LEVEL": "WARNING",
    "DOWNLOAD_TIMEOUT": "10",
    "CLOSESPIDER_TIMEOUT": "300",
}

# Natural keys: what must be the same in A and B whatever the ids.
KEYS = {
    "films": "SELECT title, year FROM films",
    "people": "SELECT name FROM people",
    "credits": "SELECT f.title, p.name, c.role, c.character FROM credits c "
               "JOIN films f ON f.id = c.film_id JOIN people p ON p.id = c.person_id",
    "genres": "SELECT f.title, g.name FROM film_genres fg JOIN films f ON f.id = fg.film_id "
              "JOIN genres g ON g.id = fg.genre_id",
    "offers": "SELECT f.title, o.provider, o.offer_type, o.price FROM offers o JOIN films f ON f.id = o.film_id",
    "pages": "SELECT url, kind, http_status FROM pages",
}

# Rows that point at nothing: none may exist, killed or not.
ORPHANS = {
    "pages without their film": "SELECT count(*) FROM pages WHERE film_id IS NOT NULL AND film_id NOT IN (SELECT id FROM films)",
    "credits without film": "SELECT count(*) FROM credits WHERE film_id NOT IN (SELECT id FROM films)",
    "credits without person": "SELECT count(*) FROM credits WHERE person_id NOT IN (SELECT id FROM people)",
    "genres without film": "SELECT count(*) FROM film_genres WHERE film_id NOT IN (SELECT id FROM films)",
    "offers without film": "SELECT count(*) FROM offers WHERE film_id NOT IN (SELECT id FROM films)",
}


def snapshot(db: str, queries: dict[str, str] = KEYS) -> dict[str, set]:
    """Each query's rows as a set: two databases are equal when their snapshots are."""
    conn = sqlite3.connect(db)
    try:
        return {name: set(conn.execute(sql).fetchall()) for name, sql in queries.items()}
    finally:
        conn.close()


def check_db(db: str) -> list[str]:
    """Problems found in ``db`` (empty when it is sound): integrity and orphans."""
    if not os.path.exists(db):
        return []
    conn = sqlite3.connect(db, timeout=30)
    try:
        problems = []
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            problems.append(f"integrity_check: {result[:5]}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "films" in tables:
            for what, sql in ORPHANS.items():
                n = conn.execute(sql).fetchone()[0]
                if n:
                    problems.append(f"{n} {what}")
        return problems
    finally:
        conn.close()


def runs(db: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT id, status, pages_crawled FROM crawl_runs ORDER BY id").fetchall()
    finally:
        conn.close()


def start(url: str, db: str, log_path: str | None = None, **settings) -> subprocess.Popen:
    argv = crawl_command([url], db, (), {**SETTINGS, **settings}, log_level=SETTINGS["LOG_LEVEL"])
    out = open(log_path, "ab") if log_path else subprocess.DEVNULL
    try:
        return subprocess.Popen(argv, env=crawl_env(), stdout=out, stderr=out)
    finally:
        if log_path:
            out.close()


def run_to_end(url: str, db: str, timeout: float = 240, log_path: str | None = None, **settings) -> float:
    began = time.monotonic()
    proc = start(url, db, log_path, **settings)
    try:
        code = proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
    if code != 0:
        raise RuntimeError(f"crawl of {db} exited {code}" + (f"; log: {log_path}" if log_path else ""))
    return time.monotonic() - began


def _last_run(db: str) -> tuple[int, str, int]:
    """(id, status, pages_crawled) of the newest run in db; (0, '', 0) when none."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            row = conn.execute(
                "SELECT id, status, pages_crawled FROM crawl_runs ORDER BY id DESC LIMIT 1"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return 0, "", 0
    return row or (0, "", 0)


@dataclass
class KillReport:
    kills: int = 0  # SIGKILLs sent
    started: int = 0  # ... that came after the run had opened its crawl_runs row
    mid_crawl: int = 0  # ... that left a run 'running' with pages stored (killed mid-write)
    finished_first: int = 0  # runs that ended before their kill came
    checks: int = 0  # integrity checks passed after a kill
    delays: list[float] = field(default_factory=list)


def kill_repeatedly(url: str, db: str, kills: int, rng: random.Random, max_delay: float,
                    log_path: str | None = None, deadline: float = 120) -> KillReport:
    """Start a crawl of ``url`` into ``db`` and SIGKILL it, ``kills`` times. Every other
    kill comes at a random moment after the process starts (startup included); the
    rest come a random time after the run has stored its first batch, so that they
    land among the writes. After each kill the database must be sound."""
    report = KillReport()
    end = time.monotonic() + deadline
    for k in range(kills):
        before = _last_run(db)[0]
        proc = start(url, db, log_path)
        delay = rng.uniform(0.2, max_delay)
        if k % 2 == 1:  # wait for the first stored batch, then a random time
            while proc.poll() is None and time.monotonic() < end:
                run_id, status, pages = _last_run(db)
                if run_id > before and pages > 0:
                    break
                time.sleep(0.05)
            delay = rng.uniform(0.0, max_delay / 2)
        report.delays.append(round(delay, 2))
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            report.kills += 1
            run_id, status, pages = _last_run(db)
            if run_id > before and status == "running":
                report.started += 1
                report.mid_crawl += pages > 0
        else:
            report.finished_first += 1
        problems = check_db(db)
        if problems:
            raise AssertionError(f"after kill {k + 1} (delay {delay:.2f}s): {problems}")
        report.checks += 1
    return report


def compare(a: dict[str, set], b: dict[str, set]) -> dict[str, tuple[int, int]]:
    """{table: (rows in A, rows in B)} after asserting the two are equal."""
    for name in KEYS:
        missing, extra = a[name] - b[name], b[name] - a[name]
        assert not missing and not extra, f"{name}: missing in B {sorted(missing)[:5]}, extra {sorted(extra)[:5]}"
    return {name: (len(a[name]), len(b[name])) for name in KEYS}


def serve_film_site(n: int) -> F.FaultServer:
    return F.serve(F.film_site(n))
