"""Scrapy settings for filmcrawl. Every one can be overridden with ``-s NAME=VALUE``."""

BOT_NAME = "filmcrawl"
SPIDER_MODULES = ["filmcrawl.spiders"]
NEWSPIDER_MODULE = "filmcrawl.spiders"
COMMANDS_MODULE = "filmcrawl.scrapy_commands"

# -- filmcrawl's own settings ---------------------------------------------------
FILMCRAWL_DB = "output/films.db"  # the SQLite file (created on first use)
FILMCRAWL_BATCH_SIZE = 200  # pages per write transaction
FILMCRAWL_CONTACT = ""  # a URL or e-mail for site owners, added to the User-Agent
FILMCRAWL_INCREMENTAL = True  # conditional requests and unchanged-page skipping
FILMCRAWL_FOLLOW_HOSTS = ""  # extra hosts the crawl may enter, comma separated
FILMCRAWL_MAX_QUERY_VARIANTS = 20  # distinct query strings followed per path
FILMCRAWL_MAX_URL_LENGTH = 400
# Worker processes that parse and extract pages beside the crawl: "auto" = one per CPU
# core, 0 = in the crawl process (see filmcrawl/reader.py).
FILMCRAWL_EXTRACT_PROCESSES = "auto"

# -- politeness ----------------------------------------------------------------
USER_AGENT = "filmcrawl/0.1 (+https://github.com/filmcrawl/filmcrawl)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4  # per host: the load one crawl puts on a site
# Outputs of one response processed at once. The pipelines are synchronous, so Scrapy's
# default of 100 only costs: 100 asyncio tasks per response (~20% of the fetch loop's CPU).
CONCURRENT_ITEMS = 16
DOWNLOAD_DELAY = 0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
COOKIES_ENABLED = False
FILMCRAWL_MAX_RETRY_AFTER = 60  # longest Retry-After (seconds) waited for; longer gives up

DOWNLOADER_MIDDLEWARES = {
    # Retry-After on 429/503: after RetryMiddleware (550) in number, so it sees responses first.
    "filmcrawl.middlewares.RetryAfterMiddleware": 560,
    # The User-Agent with FILMCRAWL_CONTACT in it.
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "filmcrawl.middlewares.ContactUserAgentMiddleware": 500,
}
SPIDER_MIDDLEWARES: dict[str, int] = {}
# Scrapy's Downloader, keeping to CONCURRENT_REQUESTS_PER_DOMAIN (see filmcrawl.middlewares).
DOWNLOADER = "filmcrawl.middlewares.PoliteDownloader"
TELNETCONSOLE_ENABLED = False

# -- scope and safety ------------------------------------------------------------
DEPTH_LIMIT = 12
DEPTH_PRIORITY = 1  # breadth-first: the pending queue stays small
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
# Pending requests held as compact bytes (filmcrawl/frontier.py): a sitemap queues every
# page of a site at once, and an incremental run queues every known page from start().
SCHEDULER_MEMORY_QUEUE = "filmcrawl.frontier.CompactFifoMemoryQueue"
SCHEDULER_START_MEMORY_QUEUE = "filmcrawl.frontier.CompactFifoMemoryQueue"
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10
METAREFRESH_ENABLED = False

ITEM_PIPELINES = {
    "filmcrawl.pipelines.NormalizePipeline": 100,
    "filmcrawl.pipelines.ValidatePipeline": 200,
    "filmcrawl.pipelines.StorePipeline": 300,
}

LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
