"""Downloader middlewares: politeness under faults.

* :class:`RetryAfterMiddleware` honours ``Retry-After`` on 429 and 503 answers: the
  retry waits as long as the server asked (up to ``FILMCRAWL_MAX_RETRY_AFTER``
  seconds); a server that asks for longer is not retried at all in this run.
* :class:`ContactUserAgentMiddleware` puts ``FILMCRAWL_CONTACT`` into the
  User-Agent, so a site owner can reach whoever runs the crawl.
* :class:`PoliteDownloader` (the ``DOWNLOADER`` setting) makes Scrapy 2.19 keep to
  ``CONCURRENT_REQUESTS_PER_DOMAIN``.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections import deque

from scrapy.core.downloader import Downloader
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware
from scrapy.utils.reactor import is_asyncio_reactor_installed

logger = logging.getLogger(__name__)

DEFAULT_AGENT = "filmcrawl/0.1"


def parse_retry_after(value, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or an HTTP date),
    or None when it is missing or unreadable. Never negative."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(int(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


async def _sleep(seconds: float) -> None:
    if is_asyncio_reactor_installed():
        await asyncio.sleep(seconds)
        return
    from twisted.internet import reactor
    from twisted.internet.task import deferLater

    from scrapy.utils.defer import maybe_deferred_to_future

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class RetryAfterMiddleware:
    """On a 429 or 503 carrying ``Retry-After``: wait that long, then retry.

    Placed after Scrapy's RetryMiddleware in ``DOWNLOADER_MIDDLEWARES`` order
    (a larger number), so it sees the response first and the stock middleware only
    handles the answers without ``Retry-After``. Retries count against
    ``RETRY_TIMES`` as usual. A ``Retry-After`` above ``FILMCRAWL_MAX_RETRY_AFTER``
    means "not today": the page is given up (and recorded as a fetch failure).
    Only the one request waits; other requests go on.
    """

    STATUSES = (429, 503)

    def __init__(self, crawler):
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("FILMCRAWL_MAX_RETRY_AFTER", 60)
        self.enabled = crawler.settings.getbool("RETRY_ENABLED", True)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_response(self, request, response, spider=None):
        if not self.enabled or response.status not in self.STATUSES or request.meta.get("dont_retry"):
            return response
        wait = parse_retry_after(response.headers.get(b"Retry-After"))
        if wait is None:
            return response  # the stock RetryMiddleware decides
        stats = self.crawler.stats
        if wait > self.max_wait:
            logger.info(
                "Giving up %s: Retry-After %.0fs is over FILMCRAWL_MAX_RETRY_AFTER (%.0fs)",
                request, wait, self.max_wait,
            )
            stats.inc_value("filmcrawl/retry_after/too_long")
            request.meta["dont_retry"] = True
            return response
        retry = get_retry_request(
            request, spider=self.crawler.spider, reason=f"{response.status} Retry-After {wait:.0f}s"
        )
        if retry is None:
            return response
        stats.inc_value("filmcrawl/retry_after/waits")
        stats.inc_value("filmcrawl/retry_after/seconds", int(round(wait)))
        await _sleep(wait)
        return retry


def agent_with_contact(agent: str | None, contact: str | None) -> str:
    """``filmcrawl/0.1 (+CONTACT)``: the contact replaces the default project URL;
    a User-Agent of the user's own gets the contact appended."""
    agent = (agent or DEFAULT_AGENT).strip()
    contact = (contact or "").strip()
    if not contact or contact in agent:
        return agent
    if agent.startswith(DEFAULT_AGENT):
        return f"{DEFAULT_AGENT} (+{contact})"
    return f"{agent} (+{contact})"


class ContactUserAgentMiddleware(UserAgentMiddleware):
    """Scrapy's UserAgentMiddleware, with ``FILMCRAWL_CONTACT`` in the agent string."""

    @classmethod
    def from_crawler(cls, crawler):
        mw = super().from_crawler(crawler)
        mw.user_agent = agent_with_contact(
            crawler.settings.get("USER_AGENT"), crawler.settings.get("FILMCRAWL_CONTACT")
        )
        return mw

    def spider_opened(self, spider):
        pass  # the spider does not override the agent


# -- per-host concurrency ----------------------------------------------------------


class _ReservingQueue(deque):
    """A slot's queue whose ``popleft`` counts the request as transferring at once."""

    def __init__(self, slot, items=()):
        super().__init__(items)
        self.slot = slot

    def popleft(self):
        item = super().popleft()
        self.slot.transferring.add(item[0])
        return item


class PoliteDownloader(Downloader):
    """Scrapy's Downloader with ``CONCURRENT_REQUESTS_PER_DOMAIN`` enforced.

    Scrapy 2.19 under the asyncio reactor hands each queued request to a new task,
    and the request joins ``slot.transferring`` only when that task first runs;
    meanwhile ``_process_queue`` keeps popping, so a burst of requests for one host
    all start together whatever the per-host limit (seen in tests/test_faults.py:
    8 requests in flight with a limit of 3; with AutoThrottle's delay the burst is
    one request, which hides it). Here a request counts as transferring the moment
    it leaves the queue; Scrapy's own ``_download`` removes it when it is done.
    """

    def _process_queue(self, slot):
        if not isinstance(slot.queue, _ReservingQueue):
            slot.queue = _ReservingQueue(slot, slot.queue)
        super()._process_queue(slot)
