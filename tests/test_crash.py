"""Crash safety: SIGKILL the crawler at random moments; the database stays sound, the
next run marks the killed ones 'aborted', and a final run ends with exactly what an
uninterrupted crawl stores. Bounded: about 200 pages, 5 kills, well under a minute."""

from __future__ import annotations

import os
import random

from . import crashkit as C

FILMS = 200
KILLS = 5


def test_random_sigkills_leave_a_sound_database_and_the_same_result(tmp_path):
    seed = int(os.environ.get("FILMCRAWL_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    server = C.serve_film_site(FILMS)
    log = str(tmp_path / "crawl.log")
    try:
        url = server.base_url + "/"
        db_a, db_b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
        took = C.run_to_end(url, db_a, timeout=120, log_path=log)
        reference = C.snapshot(db_a)
        assert len(reference["films"]) == FILMS, f"reference crawl stored {len(reference['films'])} films"

        report = C.kill_repeatedly(url, db_b, KILLS, rng, max_delay=max(1.0, 0.8 * took), log_path=log, deadline=60)
        assert report.checks == KILLS
        assert report.kills >= 1, f"seed {seed}: every run ended before its kill ({report})"

        C.run_to_end(url, db_b, timeout=120, log_path=log)
    finally:
        server.stop()
    assert C.check_db(db_b) == []
    counts = C.compare(reference, C.snapshot(db_b))
    assert counts["films"] == (FILMS, FILMS)
    statuses = [status for _, status, _ in C.runs(db_b)]
    assert "running" not in statuses, statuses
    assert statuses[-1] == "finished"
    assert set(statuses) <= {"aborted", "finished"}
    # a kill during start-up may come before the run row exists
    assert statuses.count("aborted") == report.started, (statuses, report)
    assert report.mid_crawl >= 1, f"seed {seed}: no kill landed among the writes ({report})"
