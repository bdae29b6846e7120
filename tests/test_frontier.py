"""The compact frontier queue: requests come back equal, in order; odd ones untouched."""

from __future__ import annotations

import scrapy
from scrapy.http import FormRequest

from filmcrawl.frontier import CompactFifoMemoryQueue

STATUSES = [304, 404, 410, 301]


class Spider(scrapy.Spider):
    name = "t"

    def parse(self, response):
        pass

    def failed(self, failure):
        pass


class Crawler:
    def __init__(self, spider):
        self.spider = spider


def fields(r: scrapy.Request) -> dict:
    d = {a: getattr(r, a) for a in ("url", "method", "body", "encoding", "priority", "dont_filter",
                                    "meta", "cookies", "cb_kwargs", "flags")}
    d["headers"] = (r.headers.encoding, dict(dict.items(r.headers)))
    d["callback"] = r.callback
    d["errback"] = r.errback
    d["type"] = type(r)
    return d


def queue():
    spider = Spider()
    return spider, CompactFifoMemoryQueue.from_crawler(Crawler(spider), "key")


def test_page_requests_round_trip_in_order():
    spider, q = queue()
    reqs = [
        scrapy.Request("http://site.test/film/a.html", callback=spider.parse, errback=spider.failed,
                       headers={"If-None-Match": '"x1"', "If-Modified-Since": "Wed, 01 Jan 2025 00:00:00 GMT"},
                       meta={"handle_httpstatus_list": STATUSES, "depth": 2}, priority=-2),
        scrapy.Request("http://site.test/film/b.html?q=é", callback=spider.parse, meta={"depth": 1}),
        scrapy.Request("http://site.test/robots.txt", dont_filter=True, flags=["x"],
                       cb_kwargs={"k": (1, 2.5, None, b"z")}, cookies={"a": "b"}),
        scrapy.Request("http://site.test/post", method="POST", body=b"a=1", encoding="latin-1"),
    ]
    expected = [fields(r) for r in reqs]
    for r in reqs:
        q.push(r)
    assert len(q) == 4
    assert all(type(x) is bytes for x in q.q)
    assert fields(q.peek()) == expected[0]
    out = [q.pop() for _ in range(4)]
    assert q.pop() is None and len(q) == 0 and q.peek() is None
    assert [fields(r) for r in out] == expected
    assert out[0].callback == spider.parse and out[0].errback == spider.failed
    assert out[0].headers.get("If-None-Match") == b'"x1"'
    assert out[1].callback == spider.parse and out[1].errback is None
    assert out[2].callback is None
    # a popped request works as a request
    assert out[0].replace(url="http://site.test/c").meta["depth"] == 2


def test_unpackable_requests_are_queued_as_they_are():
    spider, q = queue()
    other = Spider()
    odd = [
        FormRequest("http://site.test/f", formdata={"a": "1"}),  # a Request subclass
        scrapy.Request("http://site.test/1", callback=other.parse),  # another spider's method
        scrapy.Request("http://site.test/2", callback=lambda r: None),  # not a method
        scrapy.Request("http://site.test/3", meta={"obj": object()}),  # meta not plain data
        scrapy.Request("http://site.test/4", meta={"buf": bytearray(b"x")}),  # marshal would make bytes
        scrapy.Request("http://site.test/5", cb_kwargs={"s": {1, 2}}),
    ]
    for r in odd:
        q.push(r)
    assert all(isinstance(x, scrapy.Request) for x in q.q)
    assert [q.pop() for _ in odd] == odd  # the very same objects


def test_mixed_queue_keeps_fifo_order():
    spider, q = queue()
    urls = [f"http://site.test/{i}" for i in range(50)]
    for i, u in enumerate(urls):
        q.push(scrapy.Request(u, callback=spider.parse, meta={"obj": object()} if i % 7 == 0 else {"depth": i}))
    assert [q.pop().url for _ in urls] == urls


def test_scrapy_priority_queue_builds_it():
    from scrapy.pqueues import ScrapyPriorityQueue
    from scrapy.utils.test import get_crawler

    crawler = get_crawler(Spider, {"SCHEDULER_MEMORY_QUEUE": "filmcrawl.frontier.CompactFifoMemoryQueue"})
    crawler.spider = spider = Spider()
    pq = ScrapyPriorityQueue.from_crawler(crawler, CompactFifoMemoryQueue, "",
                                          start_queue_cls=CompactFifoMemoryQueue)
    pq.push(scrapy.Request("http://site.test/low", callback=spider.parse, priority=-1))
    pq.push(scrapy.Request("http://site.test/start", callback=spider.parse, meta={"is_start_request": True}))
    pq.push(scrapy.Request("http://site.test/high", callback=spider.parse))
    assert [pq.pop().url for _ in range(3)] == [
        "http://site.test/high", "http://site.test/start", "http://site.test/low"]
    assert pq.pop() is None


# -- the link filter remembers in-scope pages only, and recent raw links --------------

from collections import defaultdict  # noqa: E402
from urllib.parse import urlsplit, urlunsplit  # noqa: E402

from filmcrawl.links import LinkFilter, RecentSet, canonical, is_page_url, looks_like_trap  # noqa: E402


def reference_admit(state, hosts, url, max_variants=3):
    """LinkFilter.admit as it was: every raw and canonical URL remembered forever."""
    seen, raw, variants = state
    if url in raw:
        return None
    raw.add(url)
    canon = canonical(url)
    if canon is None or canon in seen:
        return None
    seen.add(canon)
    if (urlsplit(canon).hostname or "").lower() not in hosts or not is_page_url(canon):
        return None
    if looks_like_trap(canon):
        return None
    parts = urlsplit(canon)
    if parts.query:
        base = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        variants[base] += 1
        if variants[base] > max_variants:
            return None
    return canon


def test_link_filter_answers_as_before_with_less_memory():
    import random

    rnd = random.Random(7)
    pool = (
        [f"http://site.test/film/{i}.html" for i in range(40)]
        + [f"http://site.test/film/{i}.html#x" for i in range(10)]
        + [f"https://out{i}.test/watch/{i}" for i in range(40)]
        + [f"http://site.test/search?q={i}" for i in range(10)]
        + [f"http://site.test/img/{i}.jpg" for i in range(10)]
        + ["http://site.test/2024/05/01/", "mailto:a@b.c", "http://site.test/?utm_source=x", "http://site.test/"]
    )
    urls = [rnd.choice(pool) for _ in range(3000)]
    f = LinkFilter({"site.test"}, max_query_variants=3, raw_cache_size=8)
    state = (set(), set(), defaultdict(int))
    assert [f.admit(u) for u in urls] == [reference_admit(state, {"site.test"}, u) for u in urls]
    assert all(urlsplit(u).hostname == "site.test" for u in f.seen)  # no out-of-scope URLs kept
    assert len(f.raw_seen) <= 16


def test_recent_set_is_bounded_and_keeps_what_is_used():
    s = RecentSet(4)
    for i in range(100):
        s.add(i)
        assert "hot" in s or i == 0
        if i == 0:
            s.add("hot")
    assert len(s) <= 8
    assert "hot" in s and 0 not in s


# -- the known pages, held compactly --------------------------------------------------

import sqlite3  # noqa: E402

from filmcrawl import EXTRACTOR_VERSION  # noqa: E402
from filmcrawl.state import KnownPages  # noqa: E402


def make_pages_db(path, rows):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE pages (url TEXT PRIMARY KEY, kind TEXT, etag TEXT, last_modified TEXT, "
                 "content_hash TEXT, http_status INTEGER, extractor TEXT)")
    conn.executemany("INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()


def test_known_pages_compact_and_same_answers(tmp_path):
    h1, h2 = "a" * 40, "0123456789abcdef0123456789abcdef01234567"
    lm = "Wed, 25 Nov 2026 15:23:35 GMT"
    db = str(tmp_path / "k.db")
    make_pages_db(db, [
        ("http://site.test/film/1.html", "film", '"e1"', lm, h1, 200, EXTRACTOR_VERSION),
        ("http://site.test/film/2.html", "film", None, lm, h2, 304, EXTRACTOR_VERSION),
        ("http://site.test/film/3.html", "series", None, None, "not-a-sha1", 200, "0"),
        ("http://site.test/list.html", "listing", None, lm, h1, 200, EXTRACTOR_VERSION),
        ("http://other.test/film/9.html", "film", None, lm, h1, 200, EXTRACTOR_VERSION),
    ])
    known = KnownPages.load(db, {"site.test"})
    assert sorted(known.revisit()) == ["http://site.test/film/1.html", "http://site.test/film/2.html",
                                       "http://site.test/film/3.html"]
    assert known.kind("http://site.test/list.html") == "listing"
    assert known.kind("http://other.test/film/9.html") is None
    assert known.conditional_headers("http://site.test/film/1.html") == {
        "If-None-Match": '"e1"', "If-Modified-Since": lm}
    assert known.conditional_headers("http://site.test/film/2.html") == {"If-Modified-Since": lm}
    assert known.conditional_headers("http://site.test/film/3.html") == {}  # older extractor
    assert known.conditional_headers("http://site.test/list.html") == {}
    assert known.unchanged("http://site.test/film/1.html", h1)
    assert not known.unchanged("http://site.test/film/1.html", h2)
    assert known.unchanged("http://site.test/film/2.html", h2)
    assert not known.unchanged("http://site.test/film/3.html", "not-a-sha1")  # older extractor
    assert not known.unchanged("http://site.test/nope.html", h1)
    rows = list(known.rows.values())
    assert all(r[2] is rows[0][2] for r in rows if r[2])  # one Last-Modified object
    assert type(known.rows["http://site.test/film/1.html"][3]) is bytes


def test_known_pages_without_a_database(tmp_path):
    assert KnownPages.load(None, {"site.test"}).revisit() == []
    assert KnownPages.load(str(tmp_path / "none.db"), {"site.test"}).rows == {}
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite")
    assert KnownPages.load(str(bad), {"site.test"}).rows == {}
