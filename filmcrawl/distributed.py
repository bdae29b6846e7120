"""Distributed mode: many ``watchpages`` workers, one Redis frontier, one SQLite writer.

Switched on by the ``FILMCRAWL_REDIS_URL`` setting; nothing here is imported otherwise
(the spider imports this module only in that mode, so ``redis`` and ``scrapy_redis``
stay optional). The pieces:

* **Frontier and seen-URL filter**: scrapy-redis's Scheduler (priority queue in a
  sorted set) and RFPDupeFilter, selected through the usual settings
  (:func:`apply_settings`). :class:`RedisScheduler` is a thin subclass, the Scrapy 2.19
  shim: it never blocks the reactor, stops passing ``spider=`` to the stats collector,
  and records every popped request in the worker's in-flight hash.
* **Seeds**: ``python -m filmcrawl enqueue URL...`` pushes JSON seeds to
  ``watchpages:start_urls`` (scrapy-redis's ``redis_key``) and the seed sites to
  ``watchpages:sites``; an idle worker pops seeds and turns them into the same requests
  the single-process spider starts with (robots.txt sitemaps, the start page).
* **Workers** (:class:`Worker`): a heartbeat key with a TTL, their stats, and an
  in-flight hash of the requests they popped and have not finished. A worker whose
  heartbeat expired is dead: whoever notices (another worker or the writer) moves its
  in-flight requests back to the frontier (:func:`recover_dead_workers`, one Lua script,
  atomic). A worker closes when the frontier, the seeds and every in-flight hash stayed
  empty for ``FILMCRAWL_REDIS_IDLE`` seconds.
* **Items**: :class:`RedisPushPipeline` replaces the store pipeline and pushes each
  finished, normalized PageItem as JSON to ``watchpages:items``.
* **Writer** (:class:`Writer`, ``python -m filmcrawl ingest``): the only process that
  writes SQLite. It holds the run lock, owns the ``crawl_runs`` row, moves items into a
  processing list (LMOVE), stores them with :func:`filmcrawl.store.save_page` inside
  ``db.atomic()`` and removes them (LREM) only after the commit. On start it first
  re-ingests whatever a killed writer left in the processing list.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import socket
import sqlite3
import time
import uuid
from dataclasses import asdict, fields
from datetime import datetime, timezone
from urllib.parse import urlsplit

import redis
import scrapy
from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.scheduler import Scheduler as ScrapyRedisScheduler

from filmcrawl import store
from filmcrawl.items import Credit, FilmItem, Offer, PageItem
from filmcrawl.links import canonical
from filmcrawl.runlock import RunLock
from filmcrawl.state import KnownPages

logger = logging.getLogger(__name__)

SPIDER = "watchpages"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
DEFAULT_IDLE = 30.0  # seconds of empty frontier before a worker (or the writer) stops
DEFAULT_TTL = 15  # seconds a worker's heartbeat lives without renewal
RECOVERED_SCORE = 0  # requeued requests go first (deeper pages have positive scores)


class Keys:
    """Every Redis key of one spider's distributed crawl."""

    def __init__(self, spider: str = SPIDER):
        self.spider = spider
        # scrapy-redis's own defaults, set explicitly by apply_settings()
        self.frontier = f"{spider}:requests"  # SCHEDULER_QUEUE_KEY (sorted set)
        self.dupefilter = f"{spider}:dupefilter"  # SCHEDULER_DUPEFILTER_KEY (set)
        self.seeds = f"{spider}:start_urls"  # REDIS_START_URLS_KEY (list of JSON seeds)
        self.items = f"{spider}:items"  # REDIS_ITEMS_KEY (list of JSON PageItems)
        # filmcrawl's own
        self.processing = f"{spider}:items:processing"
        self.sites = f"{spider}:sites"  # host or host:port of every start URL: the scope
        self.workers = f"{spider}:workers"
        self.stats = f"{spider}:stats"  # hash: worker id -> JSON stats
        self.run = f"{spider}:run"  # hash: id, db, started_at of the writer's run
        self.run_start_urls = f"{spider}:run:start_urls"
        self.recovered = f"{spider}:run:recovered"

    def heartbeat(self, worker_id: str) -> str:
        return f"{self.spider}:worker:{worker_id}"

    def inflight(self, worker_id: str) -> str:
        return f"{self.spider}:inflight:{worker_id}"


def apply_settings(settings) -> None:
    """Select the distributed components (called from the spider's update_settings when
    FILMCRAWL_REDIS_URL is set). Priority 'spider': ``-s`` on the command line wins."""
    keys = Keys(SPIDER)
    prio = "spider"
    settings.set("REDIS_URL", settings.get("FILMCRAWL_REDIS_URL"), priority=prio)
    settings.set("SCHEDULER", "filmcrawl.distributed.RedisScheduler", priority=prio)
    settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority=prio)
    settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", priority=prio)
    # Persist: a worker that closes must not flush the frontier and filter it shares
    # with the others; the writer clears them when the whole run is over.
    settings.set("SCHEDULER_PERSIST", True, priority=prio)
    settings.set("SCHEDULER_FLUSH_ON_START", False, priority=prio)
    settings.set("SCHEDULER_IDLE_BEFORE_CLOSE", 0, priority=prio)  # never block the reactor
    settings.set("SCHEDULER_QUEUE_KEY", keys.frontier, priority=prio)
    settings.set("SCHEDULER_DUPEFILTER_KEY", keys.dupefilter, priority=prio)
    settings.set("REDIS_START_URLS_KEY", keys.seeds, priority=prio)
    settings.set("REDIS_ITEMS_KEY", keys.items, priority=prio)
    pipelines = dict(settings.getdict("ITEM_PIPELINES"))
    order = pipelines.pop("filmcrawl.pipelines.StorePipeline", 300) or 300
    pipelines["filmcrawl.pipelines.StorePipeline"] = None
    pipelines["filmcrawl.distributed.RedisPushPipeline"] = order
    settings.set("ITEM_PIPELINES", pipelines, priority=prio)


def connect(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- PageItems as JSON ----------------------------------------------------------------


def page_to_json(page: PageItem) -> str:
    return json.dumps(asdict(page), ensure_ascii=False, default=str)


def _build(cls, data: dict):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def page_from_json(data: bytes | str) -> PageItem:
    """The PageItem a worker pushed (unknown keys from a newer worker are ignored)."""
    raw = json.loads(data)
    film = raw.get("film")
    if film is not None:
        film = dict(film)
        film["credits"] = [_build(Credit, c) for c in film.get("credits") or []]
        film["offers"] = [_build(Offer, o) for o in film.get("offers") or []]
        raw["film"] = _build(FilmItem, film)
    return _build(PageItem, raw)


# -- seeds ------------------------------------------------------------------------------


def enqueue(server, urls, sitemap_urls=(), revisit=(), keys: Keys | None = None,
            worker_id: str | None = None) -> int:
    """Push start URLs (and known pages to revisit) to the shared seed list.

    Every URL's site joins the crawl's scope (``sites``) before its seed is visible,
    so a worker never sees a request for a host it cannot know. A filter left behind
    by a run that no writer finished would make every start URL a duplicate: when no
    crawl is going on at all, it is cleared first.
    """
    keys = keys or Keys()
    urls = [u for u in (canonical(x) for x in urls) if u]
    sitemaps = [u for u in (canonical(x) for x in sitemap_urls) if u]
    if not crawl_in_progress(server, keys, exclude=worker_id):
        server.delete(keys.dupefilter)
    sites = {urlsplit(u).netloc.lower() for u in [*urls, *revisit]}
    pipe = server.pipeline()
    if sites:
        pipe.sadd(keys.sites, *sorted(sites))
    for url in urls:
        pipe.rpush(keys.seeds, json.dumps({"url": url, "sitemap_urls": sitemaps}))
        pipe.sadd(keys.run_start_urls, url)
    for url in revisit:
        pipe.rpush(keys.seeds, json.dumps({"url": url, "revisit": True}))
    pipe.execute()
    return len(urls) + len(revisit)


def known_pages_to_revisit(db_path: str, urls) -> list[str]:
    """Film and series pages an earlier run stored for the sites of these URLs (the
    single-process spider revisits them at start; ``enqueue --revisit-db`` seeds them)."""
    sites = {urlsplit(u).netloc.lower() for u in urls}
    return sorted(KnownPages.load(db_path, sites).revisit())


# -- workers ----------------------------------------------------------------------------

_RECOVER = """
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local vals = redis.call('HVALS', KEYS[2])
for i, v in ipairs(vals) do redis.call('ZADD', KEYS[3], ARGV[1], v) end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[4], ARGV[2])
if #vals > 0 then redis.call('INCRBY', KEYS[5], #vals) end
return #vals
"""


def recover_dead_workers(server, keys: Keys, exclude: str | None = None) -> int:
    """Move the in-flight requests of every worker whose heartbeat expired back to the
    frontier. Atomic per worker (a Lua script), so two recoverers never double it."""
    script = server.register_script(_RECOVER)
    moved = 0
    for raw in server.smembers(keys.workers):
        wid = raw.decode() if isinstance(raw, bytes) else raw
        if wid == exclude:
            continue
        n = script(
            keys=[keys.heartbeat(wid), keys.inflight(wid), keys.frontier, keys.workers, keys.recovered],
            args=[RECOVERED_SCORE, wid],
        )
        if n and n > 0:
            logger.warning("worker %s is gone: %d in-flight requests back in the frontier", wid, n)
            moved += n
    return moved


def live_workers(server, keys: Keys) -> list[str]:
    wids = [w.decode() if isinstance(w, bytes) else w for w in server.smembers(keys.workers)]
    if not wids:
        return []
    pipe = server.pipeline()
    for wid in wids:
        pipe.exists(keys.heartbeat(wid))
    return [w for w, alive in zip(wids, pipe.execute()) if alive]


def inflight_count(server, keys: Keys, exclude: str | None = None) -> int:
    wids = [w.decode() if isinstance(w, bytes) else w for w in server.smembers(keys.workers)]
    wids = [w for w in wids if w != exclude]
    if not wids:
        return 0
    pipe = server.pipeline()
    for wid in wids:
        pipe.hlen(keys.inflight(wid))
    return sum(pipe.execute())


def pending_work(server, keys: Keys, exclude: str | None = None) -> int:
    """Requests in the frontier, seeds not taken, and requests some worker holds."""
    return server.zcard(keys.frontier) + server.llen(keys.seeds) + inflight_count(server, keys, exclude)


def crawl_in_progress(server, keys: Keys, exclude: str | None = None) -> bool:
    return bool(set(live_workers(server, keys)) - {exclude}) or pending_work(server, keys) > 0


class Worker:
    """One ``watchpages`` process of a distributed crawl (``spider.worker``)."""

    def __init__(self, spider, crawler):
        self.spider = spider
        self.crawler = crawler
        settings = crawler.settings
        self.server = get_redis_from_settings(settings)
        self.keys = Keys(spider.name)
        self.id = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.max_idle = settings.getfloat("FILMCRAWL_REDIS_IDLE", DEFAULT_IDLE)
        self.ttl = max(2, settings.getint("FILMCRAWL_REDIS_WORKER_TTL", DEFAULT_TTL))
        self.batch = settings.getint("CONCURRENT_REQUESTS", 16)
        self.idle_since: float | None = None
        self.inflight: dict[str, scrapy.Request] = {}  # sha1 of the queue entry -> request
        self.buffer: list[str] = []  # items not pushed yet (see flush)
        self.item_batch = 50
        self.scheduler: RedisScheduler | None = None
        self.sites: set[str] = set()
        self.db_path = settings.get("FILMCRAWL_DB")
        self.incremental = settings.getbool("FILMCRAWL_INCREMENTAL", True)
        self.loop = None
        self.closed = False
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    # -- life -------------------------------------------------------------------
    def spider_opened(self, spider):
        from twisted.internet import task

        # connected here so that it runs after CoreStats has finished the stats
        self.crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        self.refresh_hosts()
        self.loop = task.LoopingCall(self.beat)
        self.loop.start(1.0, now=True)
        logger.info("worker %s: frontier %s, seeds %s, idle close after %ss",
                    self.id, self.keys.frontier, self.keys.seeds, self.max_idle)

    async def start(self):
        """The spider's start(): start URLs given with ``-a`` are enqueued for all
        workers; the requests themselves come from Redis (see :meth:`spider_idle`)."""
        if self.spider.start_urls:
            extra = [u for u in self.spider.sitemap_urls if not u.endswith("/robots.txt")]
            enqueue(self.server, self.spider.start_urls, extra, keys=self.keys, worker_id=self.id)
        return
        yield  # an async generator that yields nothing

    def spider_closed(self, spider, reason):
        self.closed = True
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if reason == "finished":
            self.flush(all_done=True)
        else:  # stopped early: what it had not finished goes back to the others
            self.flush()
            self.requeue_mine()
        stats = dict(self.crawler.stats.get_stats())
        stats["finish_reason"] = reason
        pipe = self.server.pipeline()
        pipe.hset(self.keys.stats, self.id, json.dumps(stats, default=str))
        pipe.delete(self.keys.heartbeat(self.id), self.keys.inflight(self.id))
        pipe.srem(self.keys.workers, self.id)
        pipe.execute()
        logger.info("worker %s closed (%s)", self.id, reason)

    def beat(self):
        """Every second: heartbeat, stats, finished requests out of the in-flight hash,
        dead workers' requests back in the frontier, and a nudge to the engine."""
        if self.closed:
            return
        try:
            stats = self.crawler.stats.get_stats()
            pipe = self.server.pipeline()
            pipe.set(self.keys.heartbeat(self.id), now_iso(), ex=self.ttl)
            pipe.sadd(self.keys.workers, self.id)
            pipe.hset(self.keys.stats, self.id, json.dumps(stats, default=str))
            pipe.execute()
            self.flush()
            recover_dead_workers(self.server, self.keys, exclude=self.id)
        except redis.RedisError as exc:
            logger.warning("worker %s: redis: %s", self.id, exc)
        # Scrapy polls an idle scheduler every 5 s; requests other workers push (and
        # the idle check) should not wait that long.
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    # -- in-flight requests ----------------------------------------------------------
    def popped(self, field: str, request) -> None:
        """The scheduler moved ``request`` from the frontier to this worker's in-flight
        hash (one Lua script: a crash never finds it in neither)."""
        self.inflight[field] = request
        host = urlsplit(request.url).hostname
        if host and host not in self.spider.hosts:
            self.refresh_hosts()

    def _in_progress(self):
        slot = getattr(self.crawler.engine, "_slot", None)
        return getattr(slot, "inprogress", None)

    def push_item(self, data: str) -> None:
        self.buffer.append(data)
        if len(self.buffer) >= self.item_batch:
            self.flush()

    def flush(self, all_done: bool = False) -> None:
        """Push the buffered items and forget the requests the engine has finished
        with, in one MULTI/EXEC. A request leaves the engine's in-progress set only after
        its response went through the callback, its items through the pipelines (into
        the buffer) and its links into the frontier: so a request leaves the in-flight
        hash exactly when everything it produced is in Redis."""
        if all_done:
            done = list(self.inflight)
            self.inflight.clear()
        else:
            done = self._finished()
        if not done and not self.buffer:
            return
        pipe = self.server.pipeline(transaction=True)
        if self.buffer:
            pipe.rpush(self.keys.items, *self.buffer)
        if done:
            pipe.hdel(self.keys.inflight(self.id), *done)
        pipe.execute()
        self.buffer.clear()

    def _finished(self) -> list[str]:
        """Drop (and return) the requests the engine no longer holds; none when the
        engine's in-progress set cannot be read (then only idleness clears them)."""
        live = self._in_progress()
        if live is None:
            return []
        done = [fp for fp, req in self.inflight.items() if req not in live]
        for fp in done:
            del self.inflight[fp]
        return done

    def requeue_mine(self) -> None:
        key = self.keys.inflight(self.id)
        data = self.server.hvals(key)
        if data:
            self.server.zadd(self.keys.frontier, {d: RECOVERED_SCORE for d in data})
            logger.info("worker %s: %d unfinished requests back in the frontier", self.id, len(data))
        self.server.delete(key)
        self.inflight.clear()

    # -- scope -------------------------------------------------------------------
    def refresh_hosts(self) -> None:
        """The crawl's sites, as ``enqueue`` registered them, join this worker's scope
        (link filter, OffsiteMiddleware through allowed_domains, known pages)."""
        sites = {s.decode() if isinstance(s, bytes) else s for s in self.server.smembers(self.keys.sites)}
        new = sites - self.sites
        if not new:
            return
        self.sites |= new
        hosts = {urlsplit("//" + site).hostname for site in new} - {None}
        self.spider.hosts |= hosts
        self.spider.links.hosts |= {h.lower() for h in hosts}
        self.spider.allowed_domains = sorted(self.spider.hosts)  # OffsiteMiddleware re-reads it
        if self.incremental:
            # Beside the writer's database a worker sends conditional requests and skips
            # unchanged pages as a single-process crawl does; elsewhere it fetches all.
            self.spider.known = KnownPages.load(self.db_path, self.sites)

    # -- seeds and idling ------------------------------------------------------------
    def seed_requests(self, seed: dict):
        spider = self.spider
        url = canonical(seed.get("url") or "")
        if not url:
            logger.warning("ignoring seed without an http(s) url: %r", seed)
            return
        self.refresh_hosts()
        if seed.get("revisit"):
            url = spider.links.admit(url)
            if url:
                yield spider.page_request(url)
            return
        parts = urlsplit(url)
        for sitemap in [f"{parts.scheme}://{parts.netloc}/robots.txt", *seed.get("sitemap_urls", ())]:
            yield scrapy.Request(sitemap, callback=spider._parse_sitemap)
        spider.links.seen.add(url)
        yield spider.page_request(url)

    def schedule_seeds(self) -> int:
        found = 0
        for raw in self.server.lpop(self.keys.seeds, self.batch) or ():
            text = raw.decode() if isinstance(raw, bytes) else raw
            try:
                seed = json.loads(text)
            except ValueError:
                seed = {"url": text.strip()}  # a bare URL, as scrapy-redis users push them
            if not isinstance(seed, dict):
                seed = {"url": str(seed)}
            for request in self.seed_requests(seed):
                self.crawler.engine.crawl(request)
                found += 1
        return found

    def spider_idle(self, spider):
        """RedisSpider's idle wait, reworked: scrapy-redis measures idleness from a
        class attribute set at import time, so a worker that was busy longer than
        MAX_IDLE_TIME_BEFORE_CLOSE would close at its first idle moment."""
        self.flush(all_done=True)  # the engine is idle: nothing of ours is in progress
        recover_dead_workers(self.server, self.keys, exclude=self.id)
        busy = self.schedule_seeds() or pending_work(self.server, self.keys, exclude=self.id)
        if busy:
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.max_idle:
            raise DontCloseSpider
        logger.info("worker %s: no work for %.0f s, closing", self.id, now - self.idle_since)


def setup_worker(spider, crawler) -> Worker:
    """Called by the spider's from_crawler in distributed mode."""
    worker = Worker(spider, crawler)
    spider.worker = worker
    return worker


_POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0)
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
redis.call('HSET', KEYS[2], redis.sha1hex(top[1]), top[1])
return top[1]
"""


# ARGV: fingerprint ("" = never filtered), score, request data; 1 if queued, 0 if seen
_PUSH = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""


class RedisScheduler(ScrapyRedisScheduler):
    """scrapy-redis's Scheduler with the Scrapy 2.19 shim.

    * ``next_request`` never blocks (scrapy-redis would BRPOP for
      SCHEDULER_IDLE_BEFORE_CLOSE seconds inside the reactor);
    * stats calls without the ``spider=`` argument Scrapy 2.19 deprecates;
    * the pop moves the lowest-score entry of the frontier (what scrapy-redis's
      PriorityQueue.pop takes) into the worker's in-flight hash in one Lua script, where
      it stays until the worker has finished with it;
    * the push adds the fingerprint to the seen set and the request to the frontier in
      one Lua script (so a killed worker never leaves a URL seen but unqueued).

    The queue, its serialization (``Request.to_dict``/``request_from_dict``, callbacks by
    spider method name) and the RFPDupeFilter are scrapy-redis's, unchanged.
    """

    worker: Worker | None = None
    _pop = None
    _push = None

    def open(self, spider):
        super().open(spider)
        self.worker = getattr(spider, "worker", None)
        if self.worker is not None:
            self.worker.scheduler = self

    def enqueue_request(self, request):
        # The fingerprint joins the seen set and the request the frontier in one Lua
        # script: a worker killed between the two (scrapy-redis does them apart) would
        # leave a URL every worker takes as seen and none will ever fetch.
        if self._push is None:
            self._push = self.server.register_script(_PUSH)
        fp = "" if request.dont_filter else self.df.request_fingerprint(request)
        data = self.queue._encode_request(request)
        if not self._push(keys=[self.df.key, self.queue.key], args=[fp, -request.priority, data]):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self):
        if self.worker is None:
            request = self.queue.pop(0)
        else:
            if self._pop is None:
                self._pop = self.server.register_script(_POP)
            data = self._pop(keys=[self.queue.key, self.worker.keys.inflight(self.worker.id)])
            request = self.queue._decode_request(data) if data else None
            if request is not None:
                self.worker.popped(hashlib.sha1(data).hexdigest(), request)
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request


class RedisPushPipeline:
    """Replaces StorePipeline in distributed mode: each finished PageItem goes to the
    writer's list as JSON (``dataclasses.asdict``)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.server = get_redis_from_settings(crawler.settings)
        self.key = crawler.settings.get("REDIS_ITEMS_KEY", Keys().items)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        page = ItemAdapter(item).item
        if isinstance(page, PageItem):
            data = page_to_json(page)
            worker = getattr(self.crawler.spider, "worker", None)
            if worker is not None:
                # buffered: the worker pushes it together with the removal of its
                # request from the in-flight hash (Worker.flush)
                worker.push_item(data)
            else:
                self.server.rpush(self.key, data)
            self.stats.inc_value("filmcrawl/pages_pushed")
        return item


# -- the writer ---------------------------------------------------------------------------

SUMMED_NOT = ("elapsed_time_seconds", "memusage/max", "memusage/startup", "filmcrawl/run_id")


def merge_worker_stats(raw: dict) -> tuple[dict, int]:
    """One stats dict from every worker's (numbers summed, times spanned) and the
    run's error count."""
    merged: dict = {}
    workers = {}
    errors = 0
    for wid, text in sorted(raw.items()):
        wid = wid.decode() if isinstance(wid, bytes) else wid
        try:
            stats = json.loads(text)
        except ValueError:
            continue
        errors += (  # as StorePipeline counts them: robots.txt refusals are no errors
            int(stats.get("log_count/ERROR", 0))
            + int(stats.get("downloader/exception_count", 0))
            - int(stats.get("downloader/exception_type_count/scrapy.exceptions.IgnoreRequest", 0))
        )
        workers[wid] = {
            k: stats.get(k)
            for k in ("finish_reason", "response_received_count", "item_scraped_count",
                      "filmcrawl/pages_pushed", "elapsed_time_seconds", "start_time", "finish_time")
            if stats.get(k) is not None
        }
        for key, value in stats.items():
            if key in ("start_time",):
                merged[key] = min(merged.get(key, value), value)
            elif key in ("finish_time",):
                merged[key] = max(merged.get(key, value), value)
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            elif key in SUMMED_NOT:
                merged[key] = max(merged.get(key, value), value)
            else:
                merged[key] = merged.get(key, 0) + value
    merged["filmcrawl/distributed/workers"] = len(workers)
    merged["workers"] = workers
    return merged, errors


class Writer:
    """Drains the item list into SQLite; owns the run row. See the module docstring."""

    def __init__(self, db_path: str, server, batch_size: int = 200, idle: float = DEFAULT_IDLE,
                 keys: Keys | None = None, poll: int = 1):
        self.path = db_path
        self.server = server
        self.keys = keys or Keys()
        self.batch_size = max(1, batch_size)
        self.idle = idle
        self.poll = poll
        self.lock = RunLock(db_path)
        self.db = None
        self.run_id = None
        self.stopping = False
        self.counts = {"pages": 0, "films": 0, "unchanged": 0, "rejects": 0, "batches": 0,
                       "replayed": 0, "bad_items": 0}

    # -- run row ------------------------------------------------------------------
    def open(self) -> int:
        self.lock.acquire()  # RunLocked: another writer (or a single-process crawl) holds it
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        self.db = store.open_db(self.path)
        run = {k.decode(): v.decode() for k, v in self.server.hgetall(self.keys.run).items()}
        here = os.path.abspath(self.path)
        row = None
        if run.get("id") and run.get("db") == here:
            row = self.db.execute("SELECT status FROM crawl_runs WHERE id = ?", [int(run["id"])]).fetchone()
        if row and row[0] in ("running", "aborted"):
            # A writer of this run was stopped or killed: carry on with its row.
            self.run_id = int(run["id"])
            with self.db.atomic():
                self.db.execute(
                    "UPDATE crawl_runs SET status = 'aborted', finished_at = COALESCE(finished_at, ?) "
                    "WHERE status = 'running' AND id != ?", [store.utcnow(), self.run_id])
                self.db.execute(
                    "UPDATE crawl_runs SET status = 'running', finished_at = NULL, pid = ? WHERE id = ?",
                    [os.getpid(), self.run_id])
            logger.info("resuming run %s", self.run_id)
        else:
            urls = sorted(u.decode() for u in self.server.smembers(self.keys.run_start_urls))
            self.run_id = store.start_run(self.db, SPIDER, urls, pid=os.getpid())
            self.server.delete(self.keys.run)
            self.server.hset(self.keys.run, mapping={"id": self.run_id, "db": here, "started_at": store.utcnow()})
        return self.run_id

    # -- items --------------------------------------------------------------------
    def save_batch(self, datas: list[bytes]) -> None:
        """Save one batch in one transaction, then drop it from the processing list."""
        pages = []
        for data in datas:
            try:
                pages.append((data, page_from_json(data)))
            except (ValueError, TypeError) as exc:
                self.counts["bad_items"] += 1
                with self.db.atomic():
                    store.save_reject(self.db, "(unreadable item)", self.run_id, "bad_item",
                                      f"{exc!r}: {data[:500]!r}")
        try:
            self._save(pages)
        except sqlite3.Error:  # find the item that breaks the batch; store the others
            for one in pages:
                self.store_pages([one])
        pipe = self.server.pipeline()
        for data in datas:
            pipe.lrem(self.keys.processing, 1, data)
        pipe.execute()

    def store_pages(self, pages) -> None:
        try:
            self._save(pages)
        except sqlite3.Error:
            data, page = pages[0]
            logger.exception("cannot store %s", page.url)
            with self.db.atomic():
                store.save_reject(self.db, page.url, self.run_id, "store_error", repr(data[:2000]))

    def _save(self, pages) -> None:
        if not pages:
            return
        stored = unchanged = rejects = 0
        with self.db.atomic():
            for _, page in pages:
                film_id = store.save_page(self.db, page, self.run_id)
                stored += film_id is not None and not page.unchanged
                unchanged += page.unchanged
                rejects += page.reject_reason is not None
            store.update_run_counts(self.db, self.run_id, len(pages), stored, unchanged, rejects)
        self.counts["pages"] += len(pages)
        self.counts["films"] += stored
        self.counts["unchanged"] += unchanged
        self.counts["rejects"] += rejects
        self.counts["batches"] += 1

    def replay_processing(self) -> int:
        """What a killed writer had taken but not committed (saving twice is harmless:
        the store upserts)."""
        left = self.server.lrange(self.keys.processing, 0, -1)
        for start in range(0, len(left), self.batch_size):
            self.save_batch(left[start:start + self.batch_size])
        self.counts["replayed"] += len(left)
        if left:
            logger.info("re-ingested %d items a stopped writer had taken", len(left))
        return len(left)

    def take(self) -> list[bytes]:
        first = self.server.blmove(self.keys.items, self.keys.processing, self.poll, "LEFT", "RIGHT")
        if first is None:
            return []
        pipe = self.server.pipeline()
        for _ in range(self.batch_size - 1):
            pipe.lmove(self.keys.items, self.keys.processing, "LEFT", "RIGHT")
        return [first] + [d for d in pipe.execute() if d is not None]

    # -- the loop -----------------------------------------------------------------
    def run(self) -> str:
        """Ingest until the items are drained and no worker is alive; returns the status."""
        self.replay_processing()
        started = last_alive = time.monotonic()
        seen_worker = False
        while not self.stopping:
            batch = self.take()
            if batch:
                self.save_batch(batch)
                continue
            now = time.monotonic()
            if live_workers(self.server, self.keys):
                seen_worker, last_alive = True, now
                continue
            recover_dead_workers(self.server, self.keys)
            if self.server.llen(self.keys.items):
                continue
            pending = pending_work(self.server, self.keys)
            if seen_worker and not pending:
                return "finished"  # every worker came and went, and left nothing to do
            if now - max(last_alive, started) >= self.idle:
                if pending:
                    logger.warning("no worker for %.0f s and %d requests left: run stays open "
                                   "for the next workers", now - last_alive, pending)
                    return "aborted"
                return "finished"
        return "aborted"

    def finish(self, status: str) -> dict:
        raw = self.server.hgetall(self.keys.stats)
        stats, errors = merge_worker_stats(raw)
        stats.update({
            "filmcrawl/run_id": self.run_id,
            "filmcrawl/pages_stored": self.counts["pages"],
            "filmcrawl/films_stored": self.counts["films"],
            "filmcrawl/pages_unchanged": self.counts["unchanged"],
            "filmcrawl/distributed/batches": self.counts["batches"],
            "filmcrawl/distributed/replayed_items": self.counts["replayed"],
            "filmcrawl/distributed/bad_items": self.counts["bad_items"],
            "filmcrawl/distributed/recovered_requests": int(self.server.get(self.keys.recovered) or 0),
            "filmcrawl/distributed/writer_pid": os.getpid(),
        })
        store.finish_run(self.db, self.run_id, status, stats, errors)
        urls = sorted(u.decode() for u in self.server.smembers(self.keys.run_start_urls))
        if urls:
            with self.db.atomic():
                self.db.execute("UPDATE crawl_runs SET start_urls = ? WHERE id = ?", [json.dumps(urls), self.run_id])
        if status == "finished":
            # The run is over: the next enqueue starts a fresh crawl.
            self.server.delete(self.keys.dupefilter, self.keys.sites, self.keys.stats, self.keys.run,
                               self.keys.run_start_urls, self.keys.recovered)
        return stats

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        self.lock.release()


def ingest(db_path: str, redis_url: str, batch_size: int = 200, idle: float = DEFAULT_IDLE) -> tuple[int, str, dict]:
    """The writer process: returns (run id, status, counts)."""
    server = connect(redis_url)
    server.ping()
    writer = Writer(db_path, server, batch_size, idle)

    def stop(signum, frame):
        writer.stopping = True

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        writer.open()
        status = writer.run()
        writer.finish(status)
        return writer.run_id, status, dict(writer.counts)
    finally:
        writer.close()
        for s, handler in previous.items():
            signal.signal(s, handler)
