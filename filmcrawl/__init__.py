"""filmcrawl: crawl "where to watch" film pages into one SQLite database."""

__version__ = "0.1.0"

# Bumped whenever extraction changes what it reads from a page: an unchanged page
# stored by an older extractor is read again on the next run instead of skipped.
EXTRACTOR_VERSION = "1"
