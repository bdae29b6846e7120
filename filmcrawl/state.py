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


class KnownPages:
    def __init__(self, rows: dict[str, tuple]):
        # url -> (kind, etag, last_modified, content_hash, http_status, extractor)
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
        try:
            conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
            try:
                rows = conn.execute(
                    "SELECT url, kind, etag, last_modified, content_hash, http_status, extractor "
                    "FROM pages"
                ).fetchall()
            finally:
                conn.close()
        except sqlite3.Error:
            return cls.empty()
        sites = {s.lower() for s in sites}
        return cls({r[0]: r[1:] for r in rows if urlsplit(r[0]).netloc.lower() in sites})

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
            row and row[3] and row[3] == content_hash and row[0] and row[5] == EXTRACTOR_VERSION
        )

    def revisit(self):
        return [url for url, row in self.rows.items() if row[0] in REVISIT_KINDS]
