"""``demo``: serve the bundled demo site on loopback, crawl it, summarize the result."""

from __future__ import annotations

import os
import sqlite3
import time

from filmcrawl.cli import UserError, add_db_argument
from filmcrawl.commands.crawl import run_crawl
from filmcrawl.demo.server import SITE, serve


def summary(db_path: str) -> str:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        count = lambda table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
        lines = [
            f"films {count('films')}, people {count('people')}, credits {count('credits')}, "
            f"genres {count('genres')}, offers {count('offers')}, pages {count('pages')}, "
            f"rejects {count('rejects')}, runs {count('crawl_runs')}",
            "",
            f"{'title':32} {'year':>4} {'min':>4} {'imdb':>4}  directors",
        ]
        rows = conn.execute(
            "SELECT title, year, runtime_minutes, imdb_rating, directors FROM film_overview "
            "ORDER BY imdb_rating DESC NULLS LAST, title LIMIT 8"
        )
        for title, year, runtime, rating, directors in rows:
            lines.append(
                f"{title[:32]:32} {year or '':>4} {runtime or '':>4} {rating or '':>4}  {directors or ''}"
            )
        return "\n".join(lines)
    finally:
        conn.close()


DEMO_PORT = 8737  # fixed, so that a second `make demo` is an incremental run of the same site


def _serve(site: str, port: int):
    try:
        return serve(site, port)
    except OSError:  # the port is taken: any free one will do
        return serve(site, 0)


def _demo(args) -> int:
    server = _serve(args.site, args.port)
    try:
        started = time.perf_counter()
        done = run_crawl([server.base_url + "/"], args.db, log_level=args.log_level)
        elapsed = time.perf_counter() - started
    finally:
        server.stop()
    if done.returncode != 0:
        raise UserError(f"the demo crawl failed (exit {done.returncode})", done.returncode)
    pages = sum(server.hits.values())
    print(f"crawled {server.base_url} ({pages} requests) in {elapsed:.1f} s into {args.db}\n")
    print(summary(args.db))
    return 0


def register(subparsers):
    p = subparsers.add_parser("demo", help="crawl the bundled demo site into the database")
    p.add_argument("--site", default=SITE, help=argparse_default(SITE))
    p.add_argument("--port", type=int, default=DEMO_PORT, help=f"port on 127.0.0.1 (default {DEMO_PORT})")
    p.add_argument("--log-level", default="WARNING")
    add_db_argument(p)
    p.set_defaults(func=_demo)


def argparse_default(path: str) -> str:
    return f"the site folder to serve (default: the bundled demo, {os.path.relpath(path)})"
