"""Which links a crawl follows, and under what URL.

Pure functions and one small stateful filter, so the crawl scope can be tested
without a crawl: canonical URLs (no fragments, no tracking or session parameters,
sorted query), http(s) only, no binary files, the crawl's hosts only, and bounds
against link traps (long URLs, repeating path segments, endless query variants).
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, safe_url_string

TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_[ce]id|yclid|igshid|_hs\w+|ref|ref_src|"
    r"sessionid|session_id|sid|phpsessid|jsessionid|aspsessionid\w*|cfid|cftoken|"
    r"s_kwcid|trk|tracking|source|share|spm)$",
    re.I,
)
SESSION_IN_PATH = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.I)
SKIP_EXTENSIONS = frozenset(
    "jpg jpeg png gif webp svg ico bmp tif tiff avif mp4 m4v mkv webm avi mov wmv flv mp3 "
    "wav ogg m4a flac pdf zip gz tgz rar 7z tar exe dmg apk msi iso css js json woff woff2 "
    "ttf eot otf doc docx xls xlsx ppt pptx rss atom".split()
)
# Calendar-like paths: /2024/05/ or ?date=2024-05-01 or ?month=...&year=...
CALENDAR = re.compile(r"(^|[/=&])(19|20)\d\d[-/](0?[1-9]|1[0-2])([-/]\d\d?)?([/&]|$)")


def canonical(url: str) -> str | None:
    """The URL a page is known by, or None when it is not an http(s) page URL."""
    try:
        url = safe_url_string(url.strip())
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    path = SESSION_IN_PATH.sub("", parts.path) or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)]
    netloc = parts.netloc.lower()
    if netloc.endswith(":80") and parts.scheme == "http":
        netloc = netloc[:-3]
    elif netloc.endswith(":443") and parts.scheme == "https":
        netloc = netloc[:-4]
    rebuilt = urlunsplit((parts.scheme, netloc, path, urlencode(query), ""))
    return canonicalize_url(rebuilt)


def is_page_url(url: str) -> bool:
    path = urlsplit(url).path.lower()
    ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    return ext not in SKIP_EXTENSIONS


def looks_like_trap(url: str, max_length: int = 400) -> bool:
    """URL shapes that grow without end: too long, a path segment repeated three
    times, very deep paths, calendar pages, or many query parameters."""
    if len(url) > max_length:
        return True
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) > 12:
        return True
    counts = defaultdict(int)
    for seg in segments:
        counts[seg] += 1
        if counts[seg] >= 3:
            return True
    if CALENDAR.search(parts.path) or CALENDAR.search(parts.query):
        return True
    return len(parse_qsl(parts.query)) > 3


class LinkFilter:
    """Decides, link by link, what the crawl requests. Remembers what it has passed,
    so a link seen on many pages costs one set lookup instead of a Request."""

    def __init__(self, hosts, max_query_variants: int = 20, max_url_length: int = 400,
                 raw_cache_size: int = 8192):
        self.hosts = {h.lower() for h in hosts if h}
        self.max_query_variants = max_query_variants
        self.max_url_length = max_url_length
        # The canonical URLs passed or over the query-variant bound: in-scope page URLs
        # only (a link out of scope or to a trap is refused again by the same pure
        # checks), so it grows with the site, not with every link on every page.
        self.seen: set[str] = set()
        self.raw_seen = RecentSet(raw_cache_size)
        self.query_variants: dict[str, int] = defaultdict(int)

    def in_scope(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return host in self.hosts

    def admit(self, url: str) -> str | None:
        """The canonical URL to request, or None (out of scope, seen, or a trap)."""
        # A raw URL met before gets None again (its canonical form is already in
        # ``seen``, or it has none): skip canonical() for the links every page repeats.
        # Only the recent raw URLs are remembered (the site navigation every page repeats
        # stays in): one that dropped out costs a canonical() again, with the same answer.
        if url in self.raw_seen:
            return None
        self.raw_seen.add(url)
        canon = canonical(url)
        if canon is None or canon in self.seen:
            return None
        if not self.in_scope(canon) or not is_page_url(canon):
            return None
        if looks_like_trap(canon, self.max_url_length):
            return None
        self.seen.add(canon)
        parts = urlsplit(canon)
        if parts.query:
            base = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
            self.query_variants[base] += 1
            if self.query_variants[base] > self.max_query_variants:
                return None
        return canon


class RecentSet:
    """A set that remembers at most about ``2 * size`` recent members: two generations,
    the older one dropped when the newer fills up. A member found in the older one is
    moved to the newer, so what keeps being looked up stays."""

    def __init__(self, size: int = 8192):
        self.size = max(1, size)
        self.new: set[str] = set()
        self.old: set[str] = set()

    def __contains__(self, item) -> bool:
        if item in self.new:
            return True
        if item in self.old:
            self.add(item)
            return True
        return False

    def add(self, item) -> None:
        self.new.add(item)
        if len(self.new) >= self.size:
            self.old, self.new = self.new, set()

    def __len__(self) -> int:
        return len(self.new | self.old)
