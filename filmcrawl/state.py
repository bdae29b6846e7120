"""What earlier runs saw: the basis of incremental crawling.

Loaded once at the start of a run from the ``pages`` table (read-only), it gives the
conditional-request headers for known pages, says whether a fetched body is the one
already stored, and lists the known film pages to revisit.
"""

from __future__ import annotations

import os
import sqlite3
from urllib.parse import urlsplit

from filmcrawl import EXTRACTOR_VERSION

REVISIT_KINDS = ("film", "series")


def _pooled(pool: dict, value):
    """One shared object per distinct value (kinds, statuses, extractor versions, and
    Last-Modified dates, which static servers share across files)."""
    if type(value) is str or type(value) is int:  # exact types: 1 == 1.0 == True must not merge
        return pool.setdefault(value, value)
    return value


def _compact_hash(value):
    """A hex SHA-1 as its 20 bytes (53 bytes of memory instead of 89); other values as they are."""
    if type(value) is str and len(value) == 40:
        try:
            return bytes.fromhex(value)
        except ValueError:
            return value
    return value


class KnownPages:
    def __init__(self, rows: dict[str, tuple]):
        # url -> (kind, etag, last_modified, content_hash, http_status, extractor);
        # content_hash may be held as bytes (see _compact_hash): compare with same_hash().
        self.rows = rows

    @classmethod
    def empty(cls) -> "KnownPages":
        return cls({})

    @classmethod
    def load(cls, db_path: str | None, sites) -> "KnownPages":
        """The pages stored for ``sites`` (``host`` or ``host:port``, as in the start
        URLs: a site on another port of the same host is another site)."""
        if not db_path or not os.path.exists(db_path):
            return cls.empty()
        sites = {s.lower() for s in sites}
        rows: dict[str, tuple] = {}
        pool: dict = {}
        try:
            conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
            try:
                # row by row: no list of every row beside the map
                for url, kind, etag, modified, content_hash, status, extractor in conn.execute(
                    "SELECT url, kind, etag, last_modified, content_hash, http_status, extractor "
                    "FROM pages"
                ):
                    if urlsplit(url).netloc.lower() not in sites:
                        continue
                    rows[url] = (
                        _pooled(pool, kind), etag, _pooled(pool, modified), _compact_hash(content_hash),
                        _pooled(pool, status), _pooled(pool, extractor),
                    )
            finally:
                conn.close()
        except sqlite3.Error:
            return cls.empty()
        return cls(rows)

    def kind(self, url: str) -> str | None:
        row = self.rows.get(url)
        return row[0] if row else None

    def conditional_headers(self, url: str) -> dict[str, str]:
        row = self.rows.get(url)
        if not row or row[0] not in REVISIT_KINDS or row[4] not in (200, 304):
            return {}
        if row[5] != EXTRACTOR_VERSION:
            return {}  # read by an older extractor: fetch it whole and read it again
        headers = {}
        if row[1]:
            headers["If-None-Match"] = row[1]
        if row[2]:
            headers["If-Modified-Since"] = row[2]
        return headers

    def unchanged(self, url: str, content_hash: str) -> bool:
        row = self.rows.get(url)
        return bool(
            row and row[3] and _same_hash(row[3], content_hash) and row[0] and row[5] == EXTRACTOR_VERSION
        )

    def revisit(self):
        return [url for url, row in self.rows.items() if row[0] in REVISIT_KINDS]


def _same_hash(stored, content_hash) -> bool:
    if type(stored) is bytes and type(content_hash) is str:
        return stored == _compact_hash(content_hash)
    return stored == content_hash
