"""The fetch ceiling: a Scrapy spider that crawls what ``watchpages`` crawls (robots.txt,
the sitemap it names, and every in-site ``<a href>``) and extracts nothing.

Same project settings as ``watchpages`` (run it with ``SCRAPY_SETTINGS_MODULE=
filmcrawl.settings``); no item pipelines. A plain set of absolute URLs stands in for
the link filter, so each link costs a ``urljoin`` and one set lookup."""

from urllib.parse import urlsplit

import scrapy
from scrapy.http import TextResponse
from scrapy.spiders import SitemapSpider


class BareSpider(SitemapSpider):
    name = "bare"
    custom_settings = {"ITEM_PIPELINES": {}}
    sitemap_rules = [("", "parse")]

    def __init__(self, start_url=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parts = urlsplit(start_url)
        self.start_urls = [start_url]
        self.host = parts.hostname
        self.allowed_domains = [parts.hostname]
        self.sitemap_urls = [f"{parts.scheme}://{parts.netloc}/robots.txt"]
        self.seen = {start_url}

    async def start(self):
        async for request in super().start():  # robots.txt and its sitemap
            yield request
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse)

    def _parse_sitemap(self, response):
        for request in super()._parse_sitemap(response):
            if request.callback == self.parse:
                if request.url in self.seen:
                    continue
                self.seen.add(request.url)
            yield request

    def parse(self, response):
        if not isinstance(response, TextResponse) or response.status != 200:
            return
        seen, host = self.seen, self.host
        for href in response.xpath("//a/@href").getall():
            url = response.urljoin(href).split("#", 1)[0]
            if url in seen:
                continue
            seen.add(url)
            if urlsplit(url).hostname == host:
                yield scrapy.Request(url, callback=self.parse)
