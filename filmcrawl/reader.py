"""Reading pages (parsing, extraction, normalization, links) in worker processes.

Scrapy's fetch loop runs on one thread. Parsing a 50 KB page and running the family
parsers over it costs several times what fetching it does, so done inline it would
cap the crawl at the extraction rate of one core. :class:`PageReader` hands that work
to ``FILMCRAWL_EXTRACT_PROCESSES`` worker processes (default: one per CPU core; ``0``
reads pages in the crawl process itself): the crawl process sends the body, the worker
parses it once, extracts and normalizes the film, lists the page's links, and sends
back a small :class:`Reading`. The crawl process never parses HTML; it fetches,
schedules, filters links and stores, and keeps fetching while workers read.

A worker that dies (killed, out of memory) costs only the pages it held: they become
``extract_error`` rejects and a new pool takes the next pages. Workers exit on their
own when the crawl process is gone (killed with SIGKILL, say), so a scheduled crawl
never leaves orphans behind.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import re
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from scrapy.utils.response import get_base_url

from filmcrawl.items import FilmItem
from filmcrawl.links import canonical


@dataclass
class Reading:
    """What a worker read from one page."""

    kind: str | None = None  # film | series | listing | other; None if not extracted
    film: FilmItem | None = None
    reason: str | None = None  # why a film-like page gave no film
    error: str | None = None  # the exception that broke extraction (the page is rejected)
    normalized: dict[str, int] | None = None  # what normalizing the film changed
    normalize_error: str | None = None  # the exception that broke normalizing it
    links: list[str] = field(default_factory=list)  # canonical URLs of its links (on the crawl's hosts)


def read_response(response, url: str, extract_film: bool = True, hosts=None) -> Reading:
    """Extract the film (when asked) and list the canonical links of a text response.

    ``url`` is the page's canonical URL (what the film is stored under); links are
    joined against the response's own URL and ``<base href>``, as a browser does, and
    canonicalized here, in the worker, so the crawl process only looks them up. With
    ``hosts``, links to other hosts (shops, streaming services) are dropped here too.
    """
    from filmcrawl.extract import extract  # the workers need it; the crawl process, not
    from filmcrawl.pipelines import normalize_film

    reading = Reading()
    try:
        selector = response.selector
        if extract_film:
            result = extract(selector, url)
            reading.kind, reading.film, reading.reason = result.kind, result.film, result.reason
    except Exception as exc:  # noqa: BLE001 - a page that breaks the parser is a reject
        reading.error = repr(exc)[:2000]
        return reading
    if reading.film is not None:  # normalized here too: the crawl process only stores
        try:
            reading.normalized = normalize_film(reading.film)
        except Exception as exc:  # noqa: BLE001 - the page becomes a normalize_error reject
            reading.normalize_error = repr(exc)[:2000]
    try:  # lxml directly: plain strings, no Selector object per link
        hrefs = selector.root.xpath("//a/@href", smart_strings=False)
        reading.links = page_links(get_base_url(response), hrefs, hosts)
    except Exception:  # noqa: BLE001 - links that cannot be read are not followed; the film stays
        reading.links = []
    return reading


# hrefs whose joined URL does not depend on the base's path: "/path", "//host/...",
# "scheme://host/..." (not "//" alone, nor "http:page.html", which are relative)
_BASE_FREE = re.compile(r"/(?!/)|(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#]")
_REMOVED = re.compile(r"[\t\r\n]")  # urlsplit drops them, which can change the href's form
# "scheme://host" or "//host" with a plain ASCII host name (no user info, no escapes), then
# the end, a port, a path, a query or a fragment: the host is what canonical() keeps
_PLAIN_HOST = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//([A-Za-z0-9.-]+)(?=$|[:/?#])")


def page_links(base: str, hrefs, hosts=None) -> list[str]:
    """The canonical URLs of ``hrefs`` (as ``response.urljoin`` joins them against the
    page's base URL), each once, in page order, on ``hosts`` only when given.

    Most links of a site repeat on every page (navigation, footers, provider links):
    a link that does not depend on the page's path (``/path``, ``//host/path``,
    ``https://...``) is joined against the site's origin instead, which gives the same
    URL, so what it comes to is cached after the first page."""
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}/"
    hosts = frozenset(hosts) if hosts is not None else None
    out = {}
    for href in hrefs:
        canon = _origin_link(origin, href, hosts)
        if canon is _RELATIVE:
            canon, host = _canonical_link(base, href)
            if hosts is not None and host not in hosts:
                continue
        if canon is not None:
            out[canon] = None
    return list(out)


_RELATIVE = object()  # an href whose joined URL depends on the page's path


@lru_cache(maxsize=16384)
def _origin_link(origin: str, href: str, hosts: frozenset | None):
    """What ``href`` comes to when its joined URL does not depend on the page's path:
    its canonical URL, or None (not a page URL, or not on ``hosts``); else _RELATIVE."""
    if not _BASE_FREE.match(href) or _REMOVED.search(href):
        return _RELATIVE
    if hosts is not None:
        plain = _PLAIN_HOST.match(href)
        if plain and plain.group(1).lower() not in hosts:
            return None  # a plain host name not ours: canonical() would give the same host
    canon, host = _canonical_link(origin, href)
    return canon if hosts is None or host in hosts else None


@lru_cache(maxsize=16384)
def _canonical_link(base: str, href: str) -> tuple[str | None, str | None]:
    canon = canonical(urljoin(base, href))
    return canon, (urlsplit(canon).hostname if canon else None)


def _read_body(response_class, response_url: str, content_type, body: bytes, url: str,
               extract_film: bool, hosts) -> Reading:
    """Worker side: rebuild the response (same class, URL, Content-Type and body, so the
    same encoding is detected) and read it."""
    headers = {b"Content-Type": content_type} if content_type else None
    return read_response(response_class(response_url, headers=headers, body=body), url, extract_film, hosts)


def _warm() -> None:
    """Import what reading needs, so the first pages do not wait for it."""
    import filmcrawl.extract  # noqa: F401
    import scrapy.http  # noqa: F401


def _init_worker(parent: int) -> None:
    """Worker initializer: exit when the crawl process is gone."""

    def watch():
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="filmcrawl-parent-watch", daemon=True).start()


def default_processes() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def processes_setting(value) -> int | None:
    """FILMCRAWL_EXTRACT_PROCESSES: "auto" (or unset) for one per core, else a count >= 0."""
    if value is None or str(value).strip().lower() in ("", "auto"):
        return None
    try:
        count = int(str(value).strip())
    except ValueError:
        count = -1
    if count < 0:
        raise ValueError(f"FILMCRAWL_EXTRACT_PROCESSES: expected 'auto' or a number >= 0, got {value!r}")
    return count


class PageReader:
    """Reads responses inline (``processes=0``) or in a pool of worker processes.

    On a first crawl every page is read: :meth:`warm_up` starts all the workers at once.
    On a later crawl most pages answer 304 or come back unchanged and only listings and
    changed pages are read: :meth:`start_small` has the pool start with one worker, and
    it grows to ``processes`` workers once reads wait (a page waited ``grow_after``
    seconds for a worker), so a quiet nightly run does not start workers it does not need.
    """

    def __init__(self, processes: int | None = None, grow_after: float = 0.5):
        self.processes = default_processes() if processes is None else max(0, processes)
        self.size = self.processes  # the workers of the pool (made or to be made)
        self.grow_after = grow_after
        self._pool: ProcessPoolExecutor | None = None
        self._ready = False  # the pool has read a page (its start-up is behind it)
        self.pools_started = 0

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn: a forked copy of a running reactor (threads, sockets, the db) is unsafe
            self._pool = ProcessPoolExecutor(
                self.size, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker, initargs=(os.getpid(),),
            )
            self._ready = False
            self.pools_started += 1
        return self._pool

    def warm_up(self) -> None:
        """Start the workers now (each imports the parsers, ~0.5 s) instead of at the first page."""
        if self.processes:
            pool = self._executor()
            for _ in range(self.size):
                pool.submit(_warm)

    def start_small(self) -> None:
        """Start with one worker; grow to ``processes`` when pages wait for one."""
        if self._pool is None and self.processes > 1:
            self.size = 1

    def _grow(self) -> None:
        old, self._pool = self._pool, None
        self.size = self.processes
        if old is not None:
            old.shutdown(wait=False)  # the pages it holds are still read

    async def read(self, response, url: str, extract_film: bool = True, hosts=None) -> Reading:
        """The page's film (when ``extract_film``) and its links on ``hosts`` (all if None)."""
        if not self.processes:
            return read_response(response, url, extract_film, hosts)
        content_type = response.headers.get(b"Content-Type")
        args = (type(response), response.url, content_type, response.body, url, extract_film, hosts)
        pool = self._executor()
        timed, started = self._ready, time.monotonic()
        try:
            reading = await asyncio.wrap_future(pool.submit(_read_body, *args))
        except BrokenProcessPool as exc:
            # A worker died with pages in hand: those pages are lost to this run (they
            # become rejects); the next pages go to a fresh pool.
            if self._pool is pool:
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
            return Reading(error=f"BrokenProcessPool: {exc}"[:2000])
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back
            return Reading(error=repr(exc)[:2000])
        if self._pool is pool:
            self._ready = True
            if timed and self.size < self.processes and time.monotonic() - started > self.grow_after:
                self._grow()
        return reading

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
