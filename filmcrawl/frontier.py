"""A compact in-memory frontier: Scrapy's FIFO memory queue, at ~10% of the memory.

A pending :class:`scrapy.Request` costs 2-3 KB of objects (the request, its
``Headers`` dict with a list per value, its meta dict, the trackref weak entry, ...).
A sitemap hands the scheduler every page URL of a site at once and an incremental
run revisits every known page from ``start()``, so the pending queue holds one
request per page of the site and grew with the crawl. :class:`CompactFifoMemoryQueue`
keeps each queued request as one ``marshal`` blob of its plain fields (~150-300 bytes)
and rebuilds an equal ``Request`` when it is popped::

    SCHEDULER_MEMORY_QUEUE = "filmcrawl.frontier.CompactFifoMemoryQueue"
    SCHEDULER_START_MEMORY_QUEUE = "filmcrawl.frontier.CompactFifoMemoryQueue"

Only requests that round-trip exactly are packed: class exactly ``Request``, callback
and errback ``None`` or methods of the spider (stored by name, as Scrapy's disk
queues do), and meta, cb_kwargs, cookies and flags of plain data (None, bool, int,
float, str, bytes and lists, tuples and dicts of them). Any other request is queued
as it is. As with Scrapy's own disk queues (``JOBDIR``), a popped request is a new
object: lists and dicts in its meta are equal copies, not the very objects queued.
"""

from __future__ import annotations

import marshal
from collections import deque

from scrapy import Request
from scrapy.http.headers import Headers

_PLAIN = frozenset((type(None), bool, int, float, str, bytes))
_VERSION = 4  # marshal format (no code objects are ever written)


def _plain(value, depth: int = 0) -> bool:
    """True for data that marshal writes and reads back unchanged in type and value."""
    kind = type(value)
    if kind in _PLAIN:
        return True
    if depth > 8:
        return False
    if kind is list or kind is tuple:
        return all(_plain(v, depth + 1) for v in value)
    if kind is dict:
        return all(type(k) in _PLAIN and _plain(v, depth + 1) for k, v in value.items())
    return False


def _method_name(spider, func) -> str | None | bool:
    """``None`` for no callable, the spider method's name, or False (not packable)."""
    if func is None:
        return None
    owner = getattr(func, "__self__", None)
    target = getattr(func, "__func__", None)
    if owner is None or owner is not spider or target is None:
        return False
    name = target.__name__
    bound = getattr(spider, name, None)
    if getattr(bound, "__func__", None) is not target:
        return False
    return name


class CompactFifoMemoryQueue:
    """FIFO queue of requests, each kept as bytes while it waits (see module doc).

    API of :class:`queuelib.queue.FifoMemoryQueue` (``push``, ``pop``, ``peek``,
    ``close``, ``__len__``), built by Scrapy's ``ScrapyPriorityQueue`` through
    ``from_crawler(crawler, key)``.
    """

    def __init__(self, crawler=None, key: str = ""):
        self.spider = getattr(crawler, "spider", None) if crawler is not None else None
        self.q: deque = deque()

    @classmethod
    def from_crawler(cls, crawler, key: str = "", *args, **kwargs):
        return cls(crawler, key)

    # -- queue API ------------------------------------------------------------
    def push(self, request) -> None:
        self.q.append(self.pack(request))

    def pop(self):
        return self.unpack(self.q.popleft()) if self.q else None

    def peek(self):
        return self.unpack(self.q[0]) if self.q else None

    def clear(self) -> None:
        self.q.clear()

    def close(self) -> None:
        pass

    def __len__(self) -> int:
        return len(self.q)

    # -- packing ----------------------------------------------------------------
    def pack(self, request):
        """bytes for a request that round-trips exactly, else the request itself."""
        if type(request) is not Request:
            return request
        callback = _method_name(self.spider, request.callback)
        errback = _method_name(self.spider, request.errback)
        if callback is False or errback is False:
            return request
        headers = request._headers
        if headers is not None:
            if type(headers) is not Headers or vars(headers).keys() != {"encoding"}:
                return request
            items = tuple((k, tuple(v)) for k, v in dict.items(headers))
            if not all(type(k) is bytes and type(v) is list and _plain(v) for k, v in dict.items(headers)):
                return request
            if type(headers.encoding) is not str:
                return request
            headers = (headers.encoding, items)
        meta, cookies, cb_kwargs, flags = request._meta, request._cookies, request._cb_kwargs, request._flags
        if not (_plain(meta) and _plain(cookies) and _plain(cb_kwargs) and _plain(flags)):
            return request
        state = (
            request._url, request.method, request._body, request._encoding, request.priority,
            request.dont_filter, callback, errback, headers, meta, cookies, cb_kwargs, flags,
        )
        if not all(type(x) in _PLAIN for x in state[:8]):
            return request
        try:
            return marshal.dumps(state, _VERSION)
        except ValueError:
            return request

    def unpack(self, packed):
        if type(packed) is not bytes:
            return packed
        (url, method, body, encoding, priority, dont_filter, callback, errback,
         headers, meta, cookies, cb_kwargs, flags) = marshal.loads(packed)
        request = Request.__new__(Request)  # object_ref.__new__: trackref as usual
        request._encoding = encoding
        request.method = method
        request._meta = meta
        request._url = url
        request._body = body
        request.priority = priority
        request.callback = getattr(self.spider, callback) if callback is not None else None
        request.errback = getattr(self.spider, errback) if errback is not None else None
        request._cookies = cookies
        if headers is not None:
            h_encoding, items = headers
            h = Headers(encoding=h_encoding)
            for key, values in items:
                dict.__setitem__(h, key, list(values))  # keys and values already normalized
            headers = h
        request._headers = headers
        request.dont_filter = dont_filter
        request._cb_kwargs = cb_kwargs
        request._flags = flags
        return request
