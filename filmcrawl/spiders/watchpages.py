"""The generic spider: crawls the sites of its start URLs and stores every film page.

It only routes: fetch, hand the page to :func:`filmcrawl.extract.extract`, yield one
:class:`~filmcrawl.items.PageItem` per page, follow in-scope links. Sitemaps named in
robots.txt and in ``sitemap_urls`` are read through Scrapy's SitemapSpider.
"""

from __future__ import annotations

import gc
import hashlib
from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import HtmlResponse, TextResponse
from scrapy.spiders import SitemapSpider

from filmcrawl import EXTRACTOR_VERSION
from filmcrawl.items import PageItem
from filmcrawl.links import LinkFilter, canonical
from filmcrawl.reader import PageReader, processes_setting
from filmcrawl.state import KnownPages


def _split(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if v]
    return [v.strip() for v in str(value).split(",") if v.strip()]


# The statuses a page request hands to the spider; one shared list, not one per request
# (the frontier can hold every URL of a site at once).
PAGE_STATUSES = [304, 404, 410, 301, 302, 303, 307, 308]  # handle_httpstatus_list + redirects


class WatchPagesSpider(SitemapSpider):
    name = "watchpages"
    handle_httpstatus_list = [304, 404, 410]
    # Page redirects come to the spider, which records them and follows the target
    # through the link filter (same hosts, no traps, each URL once). Redirects of
    # robots.txt and sitemaps are left to Scrapy's RedirectMiddleware.
    redirect_statuses = [301, 302, 303, 307, 308]
    sitemap_rules = [("", "parse")]
    worker = None  # distributed mode (FILMCRAWL_REDIS_URL): see filmcrawl/distributed.py

    def __init__(self, start_urls=None, sitemap_urls=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_urls = [u for u in (canonical(x) for x in _split(start_urls)) if u]
        if not self.start_urls and not getattr(self, "distributed", False):
            raise ValueError("watchpages needs -a start_urls=URL[,URL...] (http or https URLs)")
        self.hosts = {urlsplit(u).hostname for u in self.start_urls}
        self.allowed_domains = sorted(self.hosts)
        roots = {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in self.start_urls}
        self.sitemap_urls = [f"{root}/robots.txt" for root in sorted(roots)] + _split(sitemap_urls)
        self.known = KnownPages.empty()
        self.links: LinkFilter | None = None
        self.reader = PageReader(0)
        self.depth_limit = 0

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        if settings.get("FILMCRAWL_REDIS_URL"):  # Redis frontier and filter, items to Redis
            from filmcrawl.distributed import apply_settings

            apply_settings(settings)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        distributed = bool(crawler.settings.get("FILMCRAWL_REDIS_URL"))
        if distributed:
            kwargs["distributed"] = True  # start URLs may come from Redis instead
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        extra = _split(settings.get("FILMCRAWL_FOLLOW_HOSTS"))
        spider.hosts |= set(extra)
        spider.allowed_domains = sorted(spider.hosts)
        spider.links = LinkFilter(
            spider.hosts,
            settings.getint("FILMCRAWL_MAX_QUERY_VARIANTS", 20),
            settings.getint("FILMCRAWL_MAX_URL_LENGTH", 400),
        )
        spider.depth_limit = settings.getint("DEPTH_LIMIT", 0)
        spider.reader = PageReader(processes_setting(settings.get("FILMCRAWL_EXTRACT_PROCESSES")))
        crawler.signals.connect(spider.reader.close, signal=signals.spider_closed)
        if settings.getbool("FILMCRAWL_INCREMENTAL", True):
            sites = {urlsplit(u).netloc for u in spider.start_urls}
            spider.known = KnownPages.load(settings.get("FILMCRAWL_DB"), sites)
        if distributed:
            from filmcrawl.distributed import setup_worker

            setup_worker(spider, crawler)
        return spider

    async def start(self):
        # Everything alive now (Scrapy, Twisted, settings, the known-pages map) lives as
        # long as the crawl: keep it out of the garbage collector's full passes.
        gc.freeze()
        if not self.known.rows:  # a first crawl reads every page: start the workers now,
            self.reader.warm_up()  # they import the parsers while robots.txt is fetched
        else:  # a later one reads listings and changed pages: one worker, more when pages wait
            self.reader.start_small()
        if self.worker is not None:  # distributed: start URLs go to Redis, requests come from it
            async for request in self.worker.start():
                yield request
            return
        async for request in super().start():  # robots.txt and sitemaps
            yield request
        for url in self.start_urls:
            self.links.seen.add(url)
            yield self.page_request(url)
        # Pages stored by earlier runs are revisited even when nothing links to them
        # any more; unchanged ones cost a conditional request and no extraction.
        for url in self.known.revisit():
            if self.links.admit(url):
                yield self.page_request(url)

    # -- requests ---------------------------------------------------------------
    def page_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse, errback=self.failed, headers=self.known.conditional_headers(url),
            meta={"handle_httpstatus_list": PAGE_STATUSES},
        )

    def _parse_sitemap(self, response):
        for request in super()._parse_sitemap(response):
            if request.callback == self.parse:
                url = self.links.admit(request.url)
                if url:
                    yield self.page_request(url)
            else:
                yield request

    # -- responses ----------------------------------------------------------------
    async def parse(self, response):
        page, extract_film = self.page_item(response)
        # Links of a page at DEPTH_LIMIT would be dropped by DepthMiddleware: they are not
        # admitted at all, so the link filter does not take them as seen and a shallower
        # page linking to them later (another worker, a retried list) still gets them in.
        deep = self.depth_limit and response.meta.get("depth", 0) >= self.depth_limit
        if response.status in self.redirect_statuses:
            yield page
            location = None if deep else response.headers.get(b"Location")
            url = self.links.admit(response.urljoin(location.decode("latin-1"))) if location else None
            if url:
                yield self.page_request(url)
            return
        follow = not deep and isinstance(response, TextResponse) and response.status == 200 and (
            not page.unchanged or page.kind not in ("film", "series"))
        links = ()
        if extract_film or follow:
            # parsing, extraction and link discovery happen in a worker process
            reading = await self.reader.read(response, page.url, extract_film, self.links.hosts)
            if extract_film:
                self.apply(page, reading)
            links = reading.links if follow else ()
        yield page
        admit, seen = self.links.admit, self.links.seen
        for url in links:  # canonical already: most are known, one set lookup each
            if url not in seen:
                url = admit(url)
                if url:
                    yield self.page_request(url)

    def apply(self, page: PageItem, reading) -> None:
        if reading.error:
            page.reject_reason, page.reject_detail = "extract_error", reading.error
            return
        page.kind = reading.kind
        page.extractor = EXTRACTOR_VERSION
        page.film = reading.film
        page.normalized = reading.normalized
        if reading.reason:
            page.reject_reason = reading.reason
        if reading.normalize_error:
            self.logger.error("normalizing the film of %s failed: %s", page.url, reading.normalize_error)
            page.reject_reason = page.reject_reason or "normalize_error"
            page.reject_detail = reading.normalize_error

    def page_item(self, response) -> tuple[PageItem, bool]:
        """The page as fetched, and whether it must be read (a new or changed HTML page)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        url = canonical(response.url) or response.url
        headers = response.headers
        page = PageItem(
            url=url,
            kind="other",
            http_status=response.status,
            fetched_at=now,
            etag=_header(headers, b"ETag"),
            last_modified=_header(headers, b"Last-Modified"),
        )
        if response.status == 304:
            page.unchanged = True
            page.kind = self.known.kind(url) or "other"
            return page, False
        if response.status != 200:
            page.kind = self.known.kind(url) or "other"
            return page, False
        page.content_hash = hashlib.sha1(response.body).hexdigest()
        if not _is_html(response):
            page.reject_reason, page.reject_detail = "not_html", _header(headers, b"Content-Type")
            return page, False
        if self.known.unchanged(url, page.content_hash):
            page.unchanged = True
            page.kind = self.known.kind(url)
            return page, False
        return page, True

    def closed(self, reason):
        self.crawler.stats.set_value("filmcrawl/reading_pools_started", self.reader.pools_started)
        self.crawler.stats.set_value("filmcrawl/reading_processes", self.reader.size if self.reader.pools_started else 0)

    def failed(self, failure):
        """A page that could not be fetched is still recorded, with the reason."""
        request = failure.request
        reason = type(failure.value).__name__
        message = failure.getErrorMessage()
        if reason == "IgnoreRequest" and ("robots.txt" in message or "offsite" in message):
            return  # robots.txt or offsite: never fetched, nothing to record
        yield PageItem(
            url=canonical(request.url) or request.url,
            kind="other",
            http_status=getattr(getattr(failure.value, "response", None), "status", None),
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            reject_reason="fetch_failed",
            reject_detail=f"{reason}: {message}"[:2000],
        )


def _is_html(response) -> bool:
    """HTML by class (Scrapy sniffs untyped bodies) or by declared type: Scrapy makes
    a TextResponse of some binary types (application/pdf), which are not pages."""
    if isinstance(response, HtmlResponse):
        return True
    ctype = (_header(response.headers, b"Content-Type") or "").split(";")[0].strip().lower()
    return isinstance(response, TextResponse) and ctype in ("text/html", "application/xhtml+xml")


def _header(headers, name: bytes) -> str | None:
    value = headers.get(name)
    return value.decode("latin-1") if value else None
