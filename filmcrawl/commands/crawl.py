"""``crawl``: run the watchpages spider (the same as ``scrapy crawl watchpages``)."""

from __future__ import annotations

import os
import subprocess
import sys

from filmcrawl.cli import add_db_argument
from filmcrawl.runlock import RunLocked

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def crawl_command(start_urls, db, sitemap_urls=(), settings=None, log_level="INFO"):
    """The argv of a ``scrapy crawl watchpages`` run."""
    argv = [sys.executable, "-m", "scrapy", "crawl", "watchpages", "-a", "start_urls=" + ",".join(start_urls)]
    if sitemap_urls:
        argv += ["-a", "sitemap_urls=" + ",".join(sitemap_urls)]
    for name, value in {"FILMCRAWL_DB": db, "LOG_LEVEL": log_level, **(settings or {})}.items():
        argv += ["-s", f"{name}={value}"]
    return argv


def crawl_env() -> dict:
    env = dict(os.environ)
    env["SCRAPY_SETTINGS_MODULE"] = "filmcrawl.settings"
    env["PYTHONPATH"] = PROJECT_ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_crawl(start_urls, db, sitemap_urls=(), settings=None, log_level="INFO", capture=False, **kw):
    """Run one crawl in a child process (a Twisted reactor runs once per process)."""
    return subprocess.run(
        crawl_command(start_urls, db, sitemap_urls, settings, log_level),
        env=crawl_env(),
        capture_output=capture,
        text=True,
        **kw,
    )


def _crawl(args) -> int:
    settings = dict(s.split("=", 1) for s in args.set or [])
    done = run_crawl(args.urls, args.db, args.sitemap or (), settings, args.log_level)
    return done.returncode


def register(subparsers):
    p = subparsers.add_parser("crawl", help="crawl sites into the database (the watchpages spider)")
    p.add_argument("urls", nargs="+", metavar="URL", help="start URLs; their hosts are the crawl's scope")
    p.add_argument("--sitemap", action="append", metavar="URL", help="a sitemap to read as well")
    p.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="a Scrapy setting")
    p.add_argument("--log-level", default="INFO")
    add_db_argument(p)
    p.set_defaults(func=_crawl)


__all__ = ["run_crawl", "crawl_command", "RunLocked"]
