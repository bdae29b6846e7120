#!/usr/bin/env python
"""Crash soak: SIGKILL the watchpages crawler N times at random moments while it
crawls a generated site of FILMS film pages on 127.0.0.1, check the database after
every kill, let a last run finish, and compare the result with an uninterrupted
crawl. The longer form of tests/test_crash.py.

    python scripts/crash_soak.py --kills 20 --films 500 [--seed 1234]

Prints the figures (kills survived, integrity checks, rows compared) and exits
non-zero on the first problem.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests import crashkit as C  # noqa: E402


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--films", type=int, default=500)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--keep", metavar="DIR", help="keep the databases and the crawl log in DIR")
    args = p.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = args.keep or tempfile.mkdtemp(prefix="filmcrawl-soak-")
    os.makedirs(work, exist_ok=True)
    db_a, db_b, log = (os.path.join(work, n) for n in ("a.db", "b.db", "crawl.log"))
    for path in (db_a, db_b):
        for suffix in ("", "-wal", "-shm", ".lock"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)

    began = time.monotonic()
    server = C.serve_film_site(args.films)
    try:
        url = server.base_url + "/"
        took = C.run_to_end(url, db_a, timeout=1800, log_path=log)
        reference = C.snapshot(db_a)
        print(f"seed {seed}; site: {args.films} film pages; reference crawl {took:.1f}s, "
              f"{len(reference['films'])} films")
        if len(reference["films"]) != args.films:
            print("FAIL: the reference crawl did not store every film", file=sys.stderr)
            return 1
        report = C.kill_repeatedly(url, db_b, args.kills, rng, max_delay=max(1.0, 0.8 * took), log_path=log,
                                   deadline=60 + args.kills * (took + 10))
        final = C.run_to_end(url, db_b, timeout=1800, log_path=log)
    except (AssertionError, RuntimeError) as exc:
        print(f"FAIL (seed {seed}): {exc}", file=sys.stderr)
        return 1
    finally:
        server.stop()

    problems = C.check_db(db_b)
    try:
        counts = C.compare(reference, C.snapshot(db_b))
    except AssertionError as exc:
        problems.append(str(exc))
    statuses = [s for _, s, _ in C.runs(db_b)]
    if "running" in statuses or statuses[-1] != "finished":
        problems.append(f"run statuses: {statuses}")
    if statuses.count("aborted") != report.started:
        problems.append(f"{statuses.count('aborted')} runs aborted, {report.started} killed after starting")
    if problems:
        print(f"FAIL (seed {seed}): {problems}", file=sys.stderr)
        return 1
    rows = sum(a for a, _ in counts.values())
    print(f"kills: {report.kills} SIGKILLs sent ({report.started} after the run opened, "
          f"{report.mid_crawl} with pages already written), {report.finished_first} runs finished first")
    print(f"integrity checks after a kill: {report.checks} ok")
    print(f"final run {final:.1f}s; runs: {statuses.count('aborted')} aborted, {statuses.count('finished')} finished, 0 running")
    print("rows compared with the uninterrupted crawl (natural keys), all equal:")
    for name, (a, _) in counts.items():
        print(f"  {name:8} {a}")
    print(f"  total    {rows}")
    print(f"elapsed {time.monotonic() - began:.0f}s; work dir {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
