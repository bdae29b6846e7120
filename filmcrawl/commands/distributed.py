"""``enqueue``, ``worker``, ``ingest``: the distributed mode (Redis; see filmcrawl.distributed).

redis and scrapy-redis are optional (``pip install -r requirements-redis.txt``): they are
imported only when one of these commands runs.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from filmcrawl.cli import DEFAULT_DB, UserError, add_db_argument

DEFAULT_REDIS = os.environ.get("FILMCRAWL_REDIS_URL") or "redis://127.0.0.1:6379/0"


def _distributed():
    try:
        from filmcrawl import distributed
    except ImportError as exc:
        raise UserError(f"distributed mode needs redis and scrapy-redis "
                        f"(pip install -r requirements-redis.txt): {exc}") from None
    return distributed


def _server(d, url: str):
    import redis

    server = d.connect(url)
    try:
        server.ping()
    except redis.RedisError as exc:
        raise UserError(f"cannot reach redis at {url}: {exc}", code=69) from None
    return server


def _enqueue(args) -> int:
    d = _distributed()
    from filmcrawl.links import canonical

    for url in list(args.urls) + list(args.sitemap or ()):
        if canonical(url) is None:
            raise UserError(f"not an http(s) URL: {url!r}")
    server = _server(d, args.redis)
    revisit = []
    if args.revisit_db:
        revisit = d.known_pages_to_revisit(args.revisit_db, [canonical(u) for u in args.urls])
    n = d.enqueue(server, args.urls, args.sitemap or (), revisit)
    print(f"enqueued {len(args.urls)} start URLs and {len(revisit)} known pages to revisit "
          f"({n} seeds) on {args.redis}")
    return 0


def _ingest(args) -> int:
    d = _distributed()
    from filmcrawl.runlock import RunLocked

    _server(d, args.redis)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    try:
        run_id, status, counts = d.ingest(args.db, args.redis, args.batch, args.idle)
    except RunLocked as exc:
        raise UserError(str(exc), code=RunLocked.exit_code) from None
    print(f"run {run_id} {status}: {counts['pages']} pages, {counts['films']} films stored, "
          f"{counts['unchanged']} unchanged, {counts['rejects']} rejects -> {args.db}")
    return 0 if status == "finished" else 1


def worker_command(redis_url: str, db: str, settings=None, log_level="INFO") -> list[str]:
    """The argv of one worker: the ordinary ``scrapy crawl watchpages`` with the switch on."""
    argv = [sys.executable, "-m", "scrapy", "crawl", "watchpages"]
    for name, value in {"FILMCRAWL_REDIS_URL": redis_url, "FILMCRAWL_DB": db,
                        "LOG_LEVEL": log_level, **(settings or {})}.items():
        argv += ["-s", f"{name}={value}"]
    return argv


def _worker(args) -> int:
    _distributed()
    from filmcrawl.commands.crawl import crawl_env

    settings = dict(s.split("=", 1) for s in args.set or [])
    if args.idle is not None:
        settings["FILMCRAWL_REDIS_IDLE"] = str(args.idle)
    return subprocess.run(worker_command(args.redis, args.db, settings, args.log_level), env=crawl_env()).returncode


def register(subparsers):
    redis_help = "the Redis server (default: $FILMCRAWL_REDIS_URL or redis://127.0.0.1:6379/0)"

    p = subparsers.add_parser("enqueue", help="distributed mode: push start URLs to the shared frontier")
    p.add_argument("urls", nargs="+", metavar="URL", help="start URLs; their hosts are the crawl's scope")
    p.add_argument("--sitemap", action="append", metavar="URL", help="a sitemap to read as well")
    p.add_argument("--redis", default=DEFAULT_REDIS, metavar="URL", help=redis_help)
    p.add_argument("--revisit-db", metavar="PATH",
                   help="also push the film and series pages this database knows for these hosts")
    p.set_defaults(func=_enqueue)

    p = subparsers.add_parser("worker", help="distributed mode: run one crawler process (scrapy crawl "
                                             "watchpages -s FILMCRAWL_REDIS_URL=...)")
    p.add_argument("--redis", default=DEFAULT_REDIS, metavar="URL", help=redis_help)
    p.add_argument("--idle", type=float, metavar="SECONDS",
                   help="close after the frontier stayed empty this long (FILMCRAWL_REDIS_IDLE, default 30)")
    p.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="a Scrapy setting")
    p.add_argument("--log-level", default="INFO")
    add_db_argument(p, DEFAULT_DB)
    p.set_defaults(func=_worker)

    p = subparsers.add_parser("ingest", help="distributed mode: the one writer; drains the workers' "
                                             "items into the database")
    add_db_argument(p)
    p.add_argument("--redis", default=DEFAULT_REDIS, metavar="URL", help=redis_help)
    p.add_argument("--batch", type=int, default=200, help="pages per transaction (default 200)")
    p.add_argument("--idle", type=float, default=30.0, metavar="SECONDS",
                   help="stop after no worker was alive this long with nothing to store (default 30)")
    p.add_argument("--log-level", default="INFO")
    p.set_defaults(func=_ingest)
