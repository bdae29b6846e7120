"""``scrapy crawl`` as Scrapy has it, plus a check before a watchpages crawl starts:
bad arguments and a database that another run is writing end as one line on stderr
and a non-zero exit code, with nothing fetched and nothing written."""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl

from filmcrawl.links import canonical
from filmcrawl.reader import processes_setting
from filmcrawl.runlock import RunLock, RunLocked


class Command(ScrapyCrawl):
    def run(self, args, opts):
        if args and args[0] == "watchpages":
            distributed = bool(self.settings.get("FILMCRAWL_REDIS_URL"))
            problem = self.check_watchpages(opts.spargs, distributed) or self.check_settings(self.settings)
            if problem:
                message, self.exitcode = problem
                print(f"filmcrawl: {message}", file=sys.stderr)
                return
            if distributed:  # a worker never writes the database: the ingest writer holds the lock
                return super().run(args, opts)
            lock = RunLock(self.settings.get("FILMCRAWL_DB"))
            try:
                lock.acquire()  # held for the whole crawl; the store pipeline reuses it
            except RunLocked as exc:
                print(f"filmcrawl: {exc}", file=sys.stderr)
                self.exitcode = RunLocked.exit_code
                return
            try:
                return super().run(args, opts)
            finally:
                lock.release()
        return super().run(args, opts)

    @staticmethod
    def check_settings(settings) -> tuple[str, int] | None:
        try:
            processes_setting(settings.get("FILMCRAWL_EXTRACT_PROCESSES"))
        except ValueError as exc:
            return str(exc), 2
        return None

    @staticmethod
    def check_watchpages(spargs, distributed=False) -> tuple[str, int] | None:
        urls = [u.strip() for u in (spargs.get("start_urls") or "").split(",") if u.strip()]
        if not urls and not distributed:
            return "watchpages needs -a start_urls=URL[,URL...]", 2
        for name in ("start_urls", "sitemap_urls"):
            for url in (spargs.get(name) or "").split(","):
                if url.strip() and canonical(url) is None:
                    return f"{name}: not an http(s) URL: {url.strip()!r}", 2
        return None
