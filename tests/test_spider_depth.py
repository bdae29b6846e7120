"""The spider at DEPTH_LIMIT: links it cannot follow are not taken as seen, so the same
URL met later on a shallower page is still crawled (a worker killed mid-list, a list
re-fetched after deep film-to-film chains reached its films first)."""

from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from filmcrawl.spiders.watchpages import WatchPagesSpider

BODY = b'<html><body><a href="/film/next.html">next</a></body></html>'


def spider(depth_limit: int) -> WatchPagesSpider:
    crawler = get_crawler(WatchPagesSpider, {"DEPTH_LIMIT": depth_limit, "FILMCRAWL_EXTRACT_PROCESSES": "0",
                                             "FILMCRAWL_INCREMENTAL": False})
    return WatchPagesSpider.from_crawler(crawler, start_urls="http://127.0.0.1/")


def outputs(sp, depth: int) -> list:
    request = Request("http://127.0.0.1/film/here.html", meta={"depth": depth})
    response = HtmlResponse(request.url, body=BODY, request=request,
                            headers={"Content-Type": "text/html; charset=utf-8"})

    async def collect():
        return [x async for x in sp.parse(response)]

    return asyncio.run(collect())


def test_links_of_a_page_at_the_depth_limit_are_left_unseen():
    sp = spider(3)
    out = outputs(sp, depth=3)
    assert [type(x).__name__ for x in out] == ["PageItem"]
    assert "http://127.0.0.1/film/next.html" not in sp.links.seen
    # the same link on a shallower page is followed
    out = outputs(sp, depth=1)
    assert [x.url for x in out if isinstance(x, Request)] == ["http://127.0.0.1/film/next.html"]


def test_below_the_limit_and_without_a_limit_links_are_followed():
    for limit, depth in ((3, 2), (0, 50)):
        out = outputs(spider(limit), depth=depth)
        assert [x.url for x in out if isinstance(x, Request)] == ["http://127.0.0.1/film/next.html"]
