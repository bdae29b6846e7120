"""HTML "where to watch" offers: tables, lists and cards of streaming services.

``html_offers(page_or_selector)`` returns raw offer dicts
``{"provider", "offer_type", "price", "currency", "quality", "region", "url"}``
(strings or ``None``; :mod:`filmcrawl.normalize` maps "Included with Prime" to
"subscription", "$3.99" to (3.99, "USD") ...).

How a page is read:

1. *zones*: elements whose class/id says where-to-watch/streaming/providers/offers,
   and the content after a heading (or label) saying "Where to watch", "Stream",
   "Available on", "Rent or buy", "Watch options", "Providers"... Related-film blocks
   are already gone from ``page.content``.
2. *units*: inside a zone, each table data row, each element holding one provider
   (a logo ``<img alt>``, a link ``title``/``aria-label``, a ``data-provider``
   attribute, a provider-name element) widened up to the largest ancestor that holds
   no other provider, and plain-text list items.
3. each unit is read as a token stream of options (Stream, Rent, Buy, Free with ads...),
   qualities (SD/HD/4K...) and prices: every price makes one offer with the option and
   quality last seen ("SD $2.99 HD $3.99" -> two offers); a unit without prices makes
   one offer per option. An option implied only by a group heading ("Rent" above a row
   of logos) or a table column header is passed as that heading word.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from urllib.parse import urljoin

from lxml import etree
from parsel import Selector
from w3lib.url import safe_url_string

from filmcrawl.normalize import PROVIDER_ALIASES, canonical_provider

from .base import FamilyPage, main_content, xpath_all
from .labelled import TEXT_NODES, clean, element_order

# patterns of the re.* calls below, compiled once
_TRAILING_LOGO_WORD = re.compile(r"\s*[-–|:]?\s*\b(?:logo|icon|button|badge|image|img)\b\.?\s*$", re.I)
_LOGO_PREFIX = re.compile(r"^(?:logo|icon)\s*(?:of|:|-)?\s*", re.I)
_FOR_PRICE_TAIL = re.compile(r"\s+(?:for|from)\s+\S*\d.*$", re.I)
_ON_PROVIDER_TAIL = re.compile(r"\b(?:on|at|via|with|in)\s+(.+)$", re.I)
_ACTION_VERB_PREFIX = re.compile(r"^(?:go\s+to|open\s+in|open|visit|watch|stream|rent|buy)\s+", re.I)
_NOW_OR_APP_SUFFIX = re.compile(r"\s+(?:now|app)$", re.I)
_PRICE_PREPOSITION_PREFIX = re.compile(r"(?i)^(?:from|for|at|in)\s+")
_NON_ALNUM = re.compile(r"[^0-9a-z]")
_ADS_KIND = re.compile(r"free\s+w|with\s+ads|ad|avod|fast")
_CALL_TO_ACTION_START = re.compile(r"^(?:watch|stream|rent|buy|available|now|free|open|view|play|get|go|see|sign|subscribe|included"

        r"|it'?s|also)\b", re.I)
_NUMERIC_ONLY = re.compile(r"[\d\s.,%/]+")
_FILLER_WORD_OR_PUNCT = re.compile(r"(?i)\b(?:only|with|and|or|from|for|in|at)\b|[\s&/+()]")
# h1 noise: a "Where to watch" prefix, a trailing "(2001)", or a dash/colon tail
_H1_TITLE_NOISE = re.compile(r"(?i)^where\s+to\s+(?:watch|stream)\s+|\s*\((?:19|20)\d\d\)\s*$|\s*[-–|:].*$")
_ALNUM_CHAR = re.compile(r"[^\W_]")
_FREE_TRIAL = re.compile(r"(?i)\bfree\s+trial\b|\btry\s+(?:it\s+)?free\b|\b\d+[- ]days?\s+free\b|\bfree\s+for\s+\d+\s+\w+")
# splits the text left after prices/options/qualities were replaced by \x00
_PIECE_SEP = re.compile(r"[\x00—–|·•:()/,]|\s-\s")
_PROVIDER_HEADER = re.compile(r"provider|service|platform|where|site|store|network|channel|streamer", re.I)
_OPTION_ATTR = re.compile(r"monetization|offer[-_]?type|^type$|option|^kind$|availability[-_]?type")
_SIGNUP = re.compile(r"sign\s*up|signup|register", re.I)
_EDGE_PREPOSITION = re.compile(r"^(?:from|for|on|at|with|in|or|and)\s+|\s+(?:from|for|on|at|with|in|or|and)$", re.I)
_DIGITS_DASHES_ONLY = re.compile(r"[\d\s-]+")
_UNAVAILABLE_MARK = re.compile(r"[-–—x✗✘]|n/?a|none|not available", re.I)
_ON_TAIL = re.compile(r"(?i)\bon\s+.*$")
_QUALITY_ATTR = re.compile(r"quality|presentation|resolution|definition")
# a capitalised word right before a provider mention ("Mad Max")
_CAPITALISED_WORD_BEFORE = re.compile(r"[A-Z][\w'’]*\s+$")
_PRICE_ATTR = re.compile(r"^price$|price[-_]?(?:value|amount)?$|amount")

# --------------------------------------------------------------------------
# vocabulary
# --------------------------------------------------------------------------
class _Guarded:
    """A compiled regex that is not run on a text ``can_match`` rules out (a cheap
    necessary condition for a match): same answers, less time on the many texts that
    cannot match."""

    __slots__ = ("rx", "can_match", "pattern", "flags", "groups", "groupindex")

    def __init__(self, rx, can_match):
        self.rx, self.can_match = rx, can_match
        self.pattern, self.flags, self.groups, self.groupindex = rx.pattern, rx.flags, rx.groups, rx.groupindex

    def search(self, text, *args):
        return self.rx.search(text, *args) if self.can_match(text) else None

    def match(self, text, *args):
        return self.rx.match(text, *args) if self.can_match(text) else None

    def fullmatch(self, text, *args):
        return self.rx.fullmatch(text, *args) if self.can_match(text) else None

    def finditer(self, text, *args):
        return self.rx.finditer(text, *args) if self.can_match(text) else iter(())

    def findall(self, text, *args):
        return self.rx.findall(text, *args) if self.can_match(text) else []

    def sub(self, repl, text, count=0):
        return self.rx.sub(repl, text, count) if self.can_match(text) else text


_ANY_DIGIT = re.compile(r"\d")


def _has_digit(text) -> bool:
    return not isinstance(text, str) or _ANY_DIGIT.search(text) is not None


def _holds_any(*words: str):
    """``can_match`` for a case-insensitive regex every match of which holds one of
    ``words`` (lower case): only ASCII texts are ruled out (re.I folds a few non-ASCII
    letters onto ASCII ones)."""

    def can_match(text) -> bool:
        if not isinstance(text, str) or not text.isascii():
            return True
        low = text.lower()
        for w in words:
            if w in low:
                return True
        return False

    return can_match


OPTION_RE = re.compile(
    r"(?<![\w-])("
    r"free\s+with\s+ads?|free\s+w/\s*ads|with\s+ads|ad[-\s]supported|ads?\s+supported|avod|fast"
    r"|included\s+with\s+[A-Za-z0-9+][\w+&' .-]{0,30}?(?=$|[,;|·•()\n]|\s+(?:from|for|in|at)\b|\s*[$€£])"
    r"|included|with\s+(?:a\s+)?subscription|subscription|subscribe|svod|flatrate"
    r"|stream(?:ing)?|free"
    r"|rent(?:al)?|tvod|buy|purchase|est|own(?:\s+it)?|subs?"
    r")(?![\w-])",
    re.I,
)
QUALITY_RE = re.compile(
    r"(?<![\w-])(4k\s*uhd|4k|uhd|ultra\s*-?\s*hd|full\s*-?\s*hd|fhd|hdx|hd|sd|2160p|1080p|1080i|720p|480p)(?![\w-])",
    re.I,
)
PRICE_RE = _Guarded(re.compile(
    r"(?:(?P<pre>US\$|CA\$|AU\$|A\$|C\$|NZ\$|R\$|MX\$|HK\$|S\$|[$€£¥₹₩]|\b(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|INR|JPY|BRL|MXN|PLN)\b)"
    r"\s?(?P<a1>\d{1,5}(?:[.,]\d{3})*(?:[.,]\d{1,2})?)"
    r"|(?P<a2>\d{1,5}(?:[.,]\d{3})*(?:[.,]\d{1,2})?)\s?(?P<post>[€£$¥₹]|\b(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|kr|zł|PLN)\b))",
), _has_digit)  # an amount is always there
# text that kills a whole unit: no offer here
SKIP_UNIT_RE = re.compile(
    r"\bnot\s+available\b|\bunavailable\b|\bnot\s+(?:currently\s+)?streaming\b|\bsign\s*up\b"
    r"|\bsponsored\b|\badvertisement\b|\bpromoted\b|\bcoming\s+soon\b|\bno\s+offers?\b"
    r"|\bnot\s+on\b|\bleaving\s+soon\b(?!.*\d)",
    re.I,
)
SKIP_UNIT_RE = _Guarded(SKIP_UNIT_RE, _holds_any("no", "unavailable", "sign", "sponsored", "advertisement", "promoted",
                                                 "coming", "leaving"))  # ("no": not available, not on, no offers...)
# words that are never a provider name
NOISE_RE = re.compile(
    r"^(?:watch(?:\s+(?:now|it|online|here|free|movie|film))?|now|play|go|open|view|details|more|options?|available"
    r"|available\s+(?:on|to\s+stream|for)|see\s+(?:all|more|options|offers?)|get\s+it|price|prices|from|for|on|at|in"
    r"|with|per\s+month|/\s*mo(?:nth)?|mo|month|monthly|year|trial|free\s+trial|try\s+(?:it\s+)?free|or|and|&|-|"
    r"provider|providers|service|services|platform|type|quality|format|link|offer|offers|cost|option|"
    r"where\s+to\s+watch|watch\s+options|visit|visit\s+site|more\s+info|info|logo|icon|image|poster|"
    r"trailer|watch\s+trailer|play\s+trailer|ad|n/?a|none|—|–|tv|movie|film|deal|best\s+price|new|"
    r"subtitles?|cc|audio\s+description|\d+\s*(?:days?|months?)|english|español|français|deutsch)$",
    re.I,
)
TRAILER_RE = _Guarded(re.compile(r"\btrailers?\b|\bteaser\b|\bclip\b|\bpreview\b", re.I),
                      _holds_any("trailer", "teaser", "clip", "preview"))
_SIGNUP = _Guarded(_SIGNUP, _holds_any("sign", "register"))
# both guards above at once
_TRAILER_OR_SIGNUP_WORD = _holds_any("trailer", "teaser", "clip", "preview", "sign", "register")
ZONE_CLASS_RE = _Guarded(re.compile(
    r"where[-_]?to[-_]?watch|watch[-_]?(?:options?|now|providers?|offers?|links?|buttons?)|streaming|stream"
    r"|providers?|offers?|availability|buy[-_]?rent|rent[-_]?buy|\bvod\b|services?[-_]?list|watchlinks|"
    r"justwatch|platforms?",
    re.I,
), _holds_any("where", "watch", "stream", "provider", "offer", "availability", "buy", "rent", "vod", "service", "platform"))
ZONE_TEXT_RE = re.compile(
    r"where\s+(?:to|can\s+(?:i|you))\s+(?:watch|stream)|watch\s+now|watch\s+(?:it\s+)?online|how\s+to\s+watch"
    r"|\bstream(?:ing)?\b|available\s+(?:on|to\s+(?:stream|rent|buy)|for)|rent\s+or\s+buy|buy\s+or\s+rent"
    r"|watch\s+options|ways\s+to\s+watch|\bproviders?\b|watch\s+(?:it\s+)?on\b|on\s+demand|\brent\b|\bbuy\b"
    r"|\bfree\b|\bsubscription\b",
    re.I,
)
ZONE_TEXT_RE = _Guarded(ZONE_TEXT_RE, _holds_any("watch", "stream", "available", "rent", "buy", "provider", "demand",
                                                 "free", "subscription"))  # ("where to ..." ends in watch/stream)
# "Watch Parasite online", "Watch Blade Runner", "All offers": a short label naming the film
WATCH_LABEL_RE = re.compile(
    r"^(?:watch|stream)\s+(?!(?:the\s+)?(?:trailers?|teaser|clip|next|later|list|more|also|party|history)\b)"
    r"[^.!?]{1,60}$|^(?:all\s+|streaming\s+|watch\s+)?offers$",
    re.I,
)
WATCH_LABEL_RE = _Guarded(WATCH_LABEL_RE, _holds_any("watch", "stream", "offers"))
_ZONE_LABEL_WORD = _holds_any("watch", "stream", "offers", "available", "rent", "buy", "provider", "demand", "free",
                              "subscription")  # (the words of both guards above)
# table header cells: a provider column and an offer detail column make an offers table
HEAD_PROVIDER_RE = re.compile(r"^(?:provider|service|platform|streamer|store|network|channel|where)s?\b", re.I)
HEAD_DETAIL_RE = re.compile(
    r"^(?:type|option|options|how|price|prices|cost|quality|format|formats|offer|availability|plan)s?\b", re.I
)
STRONG_ZONE_RE = re.compile(
    r"where\s+(?:to|can\s+(?:i|you))\s+(?:watch|stream)|watch\s+now|watch\s+(?:it\s+)?online|how\s+to\s+watch"
    r"|\bstream(?:ing)?\b|available\s+(?:on|to\s+(?:stream|rent|buy))|rent\s+or\s+buy|buy\s+or\s+rent"
    r"|watch\s+options|ways\s+to\s+watch|\bproviders\b|watch\s+(?:it\s+)?on\b",
    re.I,
)
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HEADING_NAMES = tuple(sorted(HEADING_TAGS))
LABELISH_TAGS = HEADING_TAGS | {"dt", "th", "caption", "legend", "strong", "b", "p", "span", "div",
                                "label", "li", "header", "summary", "button"}
# zones: tags never read (the page's frame; links, buttons and pictures label nothing),
# inline tags (read as labels, never as zones by their class), tags read as labels
_NO_ZONE_TAGS = frozenset({"html", "body", "head", "main", "title", "meta", "a", "button", "img"})
_INLINE_TAGS = frozenset({"img", "a", "span", "b", "strong", "i", "em", "small", "button"})
_LABEL_TAGS = frozenset(LABELISH_TAGS - {"h1", "button", "th"})  # (a th has no _label_text)
# _label_text: labels read whole up to 90 characters, short labels (40), and the
# phrasing children a short label may hold (other children: its own text only)
_HEADING_LABEL_TAGS = frozenset(HEADING_TAGS | {"dt", "caption", "legend", "summary"})
_SHORT_LABEL_TAGS = frozenset(LABELISH_TAGS - _HEADING_LABEL_TAGS - {"th"})
_PHRASE_TAGS = frozenset({"strong", "b", "em", "i", "span", "small", "br"})
PROVIDER_ATTRS = ("data-provider", "data-provider-name", "data-service", "data-service-name",
                  "data-platform", "data-platform-name", "data-network", "data-brand", "data-channel",
                  "data-store", "data-name")
CLASS_PROVIDER_RE = re.compile(
    r"provider[-_]?(?:name|title|label)|service[-_]?(?:name|title)|platform[-_]?(?:name|title)|"
    r"(?:^|[\s_-])(?:provider|service|platform|network|brand|store|channel)(?:$|[\s_-])|name|title",
    re.I,
)
BAD_ALT_RE = re.compile(r"poster|backdrop|still|cover|avatar|profile|trailer|banner|thumbnail|play\s*button|"
                        r"\bad\b|arrow|chevron|close|menu|search|\bstars?\b|rating|flag|spinner|loading", re.I)
REGION_DATA = ("data-region", "data-country", "data-locale", "data-market", "data-geo")
KNOWN_REGIONS = {
    "us": "US", "usa": "US", "united states": "US", "uk": "UK", "united kingdom": "UK", "gb": "GB",
    "great britain": "GB", "canada": "CA", "australia": "AU", "ireland": "IE", "germany": "DE",
    "france": "FR", "spain": "ES", "italy": "IT", "netherlands": "NL", "india": "IN", "brazil": "BR",
    "mexico": "MX", "new zealand": "NZ", "japan": "JP", "sweden": "SE", "norway": "NO", "denmark": "DK",
}
_REGION_TEXT_RE = re.compile(
    r"\bin\s+(?:the\s+)?(" + "|".join(sorted((re.escape(k) for k in KNOWN_REGIONS), key=len, reverse=True))
    + r")\b",
    re.I,
)


def _text(el) -> str:
    if el is None:
        return ""
    if isinstance(el.tag, str):
        kids = len(el)
        if not kids:
            return clean(el.text)  # (a leaf element: its text is all itertext() gives)
        if kids == 1 and not el.text and _bare_leaf(el[0]):
            return ""  # (<a><img></a>: no text node, TEXT_NODES gives [], clean("") is "")
        return clean(" ".join(TEXT_NODES(el)))
    return clean(" ".join(el.itertext()))


def _bare_leaf(node) -> bool:
    """A child without children, text or tail: no text node in it or after it (a
    comment, processing instruction or entity has its content as ``.text``; an
    empty one holds no text node either)."""
    return not (node.text or node.tail or len(node))


def _classes(el) -> str:
    get = el.get
    return f"{get('class') or ''} {get('id') or ''} {get('data-testid') or ''} {get('role') or ''}".strip()


@lru_cache(maxsize=4096)
def _zone_class(cls: str) -> bool:
    """``ZONE_CLASS_RE`` found in a class string (class strings repeat page after page)."""
    return ZONE_CLASS_RE.search(cls) is not None


def _min_clean_len(lead: str) -> int:
    """A lower bound of ``len(clean(lead + rest))`` whatever the rest: ``clean`` keeps
    every character that is not white space, but zero-width spaces and citation
    marks (which start with "[")."""
    if "[" in lead:
        return 0
    return sum(map(len, lead.split())) - lead.count("\u200b")


@lru_cache(maxsize=4096)
def _bad_alt(text: str) -> bool:
    """``BAD_ALT_RE`` found in an alt/label (they repeat page after page)."""
    return BAD_ALT_RE.search(text) is not None


@lru_cache(maxsize=4096)
def _class_provider(cls: str) -> bool:
    """``CLASS_PROVIDER_RE`` found in a class string (class strings repeat page after page)."""
    return CLASS_PROVIDER_RE.search(cls) is not None


@lru_cache(maxsize=4096)
def _option_or_quality(word: str) -> bool:
    """A label that is nothing but an option or a quality ("Rent", "4K UHD"); labels
    repeat page after page."""
    return bool(QUALITY_RE.fullmatch(word) or OPTION_RE.fullmatch(word))


def _unavailable_mark(text: str) -> bool:
    """A table cell saying "not here" ("-", "x", "N/A", "none"): ``_UNAVAILABLE_MARK``
    matches no text longer than 13 characters ("not available")."""
    return len(text) <= 13 and _unavailable_mark_cached(text)


@lru_cache(maxsize=1024)
def _unavailable_mark_cached(text: str) -> bool:
    return _UNAVAILABLE_MARK.fullmatch(text) is not None


@lru_cache(maxsize=1024)
def _provider_head(head: str) -> bool:
    """A column header naming the provider column."""
    return _PROVIDER_HEADER.search(head) is not None


def _inside(unit, kept: set, roots: set) -> bool:
    """``any(a in kept for a in unit.iterancestors())`` for a unit of a zone: each unit
    lies in one root of the zone and the roots hold none of each other, so a kept unit
    holding ``unit`` is met climbing from it no higher than its root."""
    node = unit
    while node not in roots:
        node = node.getparent()
        if node is None:
            return False
        if node in kept:
            return True
    return False


def _has_block_kid(el) -> bool:
    """``any(isinstance(c.tag, str) and c.tag not in ("br", "span", "b", "strong", "em") for c in el)``."""
    for c in el:
        tag = c.tag
        if tag not in _NAME_KID_TAGS and isinstance(tag, str):
            return True
    return False


_NAME_KID_TAGS = frozenset({"br", "span", "b", "strong", "em"})


def _is_below(el, ancestor) -> bool:
    """``any(a is ancestor for a in el.iterancestors())``."""
    node = el.getparent()
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _has_td(tr) -> bool:
    """``any(c.tag == "td" for c in tr)``."""
    for c in tr:
        if c.tag == "td":
            return True
    return False


def _has_data_attr(attrib) -> bool:
    for k in attrib.keys():
        if k.startswith("data-"):
            return True
    return False


def _may_have_data_attr(keys) -> bool:
    """False when none of the attribute names ``keys`` starts with "data-" (a cheaper
    guard than ``_has_data_attr``: true may be wrong, then the data-* attributes read
    after it are missing, as if it had said false)."""
    return "data-" in "".join(keys)


# an absolute http(s) URL that joining and making safe leave as it is: a lower-case
# host of letter/digit labels (the last starting with a letter: no IPv4 number, no
# "xn--"), no port, user, query or fragment, and a path of plain segments (no "."
# or ".." segment, nothing to escape)
_PLAIN_ABSOLUTE_URL = re.compile(
    r"https?://(?:[a-z0-9]{1,20}(?:-[a-z0-9]{1,20}){0,3}\.){1,5}[a-z][a-z0-9]{0,20}"
    r"(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,100}){1,12}/?"
)

_LINK_DATA = ("data-href", "data-url", "data-link", "data-deeplink", "data-target-url")
_ELEMENT = etree.Element  # iter(_ELEMENT): elements only (no comments or processing instructions)


def _is_el(node) -> bool:
    return isinstance(getattr(node, "tag", None), str)


def clean_provider(text: str | None) -> str | None:
    """``_clean_provider`` memoized (the same labels come back page after page)."""
    if text is None or isinstance(text, str):
        return _clean_provider_cached(text)
    return _clean_provider(text)


def _clean_provider(text: str | None) -> str | None:
    """A provider name from an alt/title/aria-label/text: wrappers like "Watch on",
    "logo", "for $3.99" removed; ``None`` when nothing name-like is left."""
    t = clean(text)
    if not t:
        return None
    t = _strip_descriptors(t)
    t = _TRAILING_LOGO_WORD.sub("", t)
    t = _LOGO_PREFIX.sub("", t)
    t = _FOR_PRICE_TAIL.sub("", t)
    m = _ON_PROVIDER_TAIL.search(t)
    if m and _CALL_TO_ACTION_START.match(t):
        t = m.group(1)
    t = _ACTION_VERB_PREFIX.sub("", t)
    t = _NOW_OR_APP_SUFFIX.sub("", t)
    t = t.strip(" -–—|:·•,;()[]\"'")
    if not t or len(t) > 45 or not _ALNUM_CHAR.search(t):
        return None
    if NOISE_RE.match(t) or TRAILER_RE.search(t) or PRICE_RE.fullmatch(t):
        return None
    if OPTION_RE.fullmatch(t) or QUALITY_RE.fullmatch(t) or _NUMERIC_ONLY.fullmatch(t):
        return None
    if SKIP_UNIT_RE.search(t):
        return None
    return t


_clean_provider_cached = lru_cache(maxsize=2048)(_clean_provider)


_SEGMENT_SPLIT = re.compile(r"\s*[·•;|]\s*")
_DESCRIPTOR_SPLIT = re.compile(r"\s*[,;|·•]\s*|\s+[-–—]\s+")


def _is_descriptor(part: str) -> bool:
    """An option, quality or price ("rent", "HD", "$3.99", "from $3.99", "4K UHD")."""
    rest = _PRICE_PREPOSITION_PREFIX.sub("", part.strip())
    if not rest:
        return True
    rest = PRICE_RE.sub(" ", rest)
    rest = OPTION_RE.sub(" ", rest)
    rest = QUALITY_RE.sub(" ", rest)
    return not _FILLER_WORD_OR_PUNCT.sub("", rest)


def _strip_descriptors(t: str) -> str:
    """"Amazon, rent, HD, $3.99" (an accessible label describing the whole offer) ->
    "Amazon": the first part, when every later part is an option, quality or price."""
    parts = _DESCRIPTOR_SPLIT.split(t)
    if len(parts) > 1 and parts[0] and not _is_descriptor(parts[0]) and all(_is_descriptor(p) for p in parts[1:]):
        return parts[0]
    return t


@lru_cache(maxsize=4096)
def _pkey(name: str) -> str:
    key = name.lower().replace("+", "plus")
    key = _NON_ALNUM.sub("", key)
    return key


# --------------------------------------------------------------------------
# the reader
# --------------------------------------------------------------------------
# the region of a zone found by its element's class or header row: that element's
# region (data-region/-country... on it or an ancestor), read only for zones kept
_OWN_REGION = object()
_UNREAD = object()  # not in a memo yet


class _Reader:
    def __init__(self, content: Selector, url: str, title: str | None, texts: dict | None = None,
                 order: dict | None = None):
        # per-element memos (the content tree is not changed while it is read); the
        # texts may be shared with the labelled family (same copy, same text function)
        self._texts: dict = {} if texts is None else texts
        self._classes_of: dict = {}
        self._anchor_names: dict = {}
        self._absolute: dict = {}
        self._regions: dict = {}
        self._headers: dict = {}
        self._table_heads: dict = {}
        self._row_columns: dict = {}
        self.root = content.root
        self.url = url or ""
        self.title_key = _pkey(title) if title else ""
        self.order = {el: i for i, el in enumerate(self.root.iter(_ELEMENT))} if order is None else order
        # (the first h1 with a text: ``self.root.iter("h1")`` read from the keys of
        # self.order, the page's elements in page order, faster than lxml's tag walk)
        self.h1 = next((h for h in self.order if h.tag == "h1" and self._t(h)), None)
        self.weak: set = set()  # zone roots found by a weak label only

    def _t(self, el) -> str:
        """``_text(el)``, once per element."""
        try:
            return self._texts[el]
        except KeyError:
            text = self._texts[el] = _text(el)
            return text
        except TypeError:  # None
            return _text(el)

    def _cls(self, el) -> str:
        """``_classes(el)``, once per element."""
        try:
            return self._classes_of[el]
        except KeyError:
            # (an element without attributes has no classes: not memoized)
            if not el.attrib:
                return ""
            cls = self._classes_of[el] = _classes(el)
            return cls

    # -- zones ------------------------------------------------------------
    def zones(self) -> list[tuple[list, str | None, str | None]]:
        """[(root elements, implied option, region)] in document order."""
        found: list[tuple[list, str | None, str | None]] = []
        classes_of = self._classes_of
        label_text = self._label_text
        texts = self._texts
        # (the keys of self.order are the page's elements in page order, made by
        # ``self.root.iter(_ELEMENT)`` on the unchanged tree: the same walk, read faster)
        for el in self.order:
            tag = el.tag
            if tag in _NO_ZONE_TAGS:
                continue
            if tag not in _INLINE_TAGS:  # (an inline element is no zone by its class)
                cls = classes_of.get(el)
                if cls is None and el.attrib:
                    cls = classes_of[el] = _classes(el)  # (= self._cls(el))
                if cls and _zone_class(cls) and not self._holds_h1(el):
                    found.append(([el], None, _OWN_REGION))
                    continue
                if tag == "option":
                    continue
                if tag == "table" and self._offers_table(el):
                    found.append(([el], None, _OWN_REGION))
                    continue
            if tag not in _LABEL_TAGS:
                # (an h1 is the page's own title, "Where to Watch Heat (1995)": it labels
                # the whole page, not a block; other tags label nothing)
                continue
            if tag in _SHORT_LABEL_TAGS and not len(el) and el in texts:
                # (what _label_text gives a leaf short label whose text is known)
                own = texts[el]
                if not own or len(own) > 40:
                    continue
            else:
                own = label_text(el)
                if own is None:
                    continue
            verdict = _zone_label(own)
            if verdict is None:
                continue
            if any(a.tag in ("a", "button") for a in el.iterancestors()):
                continue  # text inside a link (a site's tagline in its logo) labels no block
            weak, strong, implied, region = verdict
            if tag not in HEADING_TAGS and tag not in ("dt", "caption", "legend") and not strong:
                continue
            if any(isinstance(c.tag, str) for c in el) and (el.text or "").strip() and ZONE_TEXT_RE.search(el.text):
                # "Available on: <a><img alt=Netflix></a> ..." - the label and its logos in one element
                if not self._holds_h1(el):
                    found.append(([el], implied, region))
                    if weak:
                        self.weak.add(el)
                continue
            roots = self._after(el)
            # a "zone" holding the film's own heading is the page (a site tagline such as
            # "reviews & where to stream them" above everything), not a where-to-watch block
            if roots and not any(r is self.h1 or self._holds_h1(r) for r in roots):
                found.append((roots, implied, region))
                if weak:
                    self.weak.update(roots)
        # a weak zone around a strong one ("Watch Heat" above a "Where to watch" table) is vouched for
        if self.weak:
            strong_firsts = [z[0][0] for z in found if not all(r in self.weak for r in z[0])]
            for z in found:
                if all(r in self.weak for r in z[0]) and any(
                    any(a is r for a in f.iterancestors()) for f in strong_firsts for r in z[0]
                ):
                    self.weak.difference_update(z[0])
        # keep the outermost zones only
        out = []
        covered: set = set()
        for roots, implied, region in sorted(found, key=lambda z: self.order.get(z[0][0], 0)):
            if any(r in covered for r in roots):
                continue
            fresh = [r for r in roots if r not in covered]
            for r in fresh:
                covered.update(r.iter(_ELEMENT))
            if region is _OWN_REGION:
                region = self._region(roots[0])
            out.append((fresh, implied, region))
        return out

    def _holds_h1(self, el) -> bool:
        return el in self._h1_ancestors

    @cached_property
    def _h1_ancestors(self) -> set:
        return set(self.h1.iterancestors()) if self.h1 is not None else set()

    def _offers_table(self, table) -> bool:
        """A table whose header row names a provider column and an offer detail column
        (type, price, quality...): an offers table whatever its label or class."""
        first = next((r for r in table.iter("tr")), None)
        if first is None:
            return False
        heads = self.table_headers(first)
        return any(HEAD_PROVIDER_RE.match(h) for h in heads) and any(HEAD_DETAIL_RE.match(h) for h in heads)

    def _label_text(self, el) -> str | None:
        """The text of a heading-like element (a heading, or a short leaf-ish label)."""
        tag = el.tag
        if tag in _HEADING_LABEL_TAGS:
            text = self._t(el)
            return text if text and len(text) <= 90 else None
        if tag not in _SHORT_LABEL_TAGS:
            return None
        if len(el):
            for c in el:
                kid = c.tag
                if kid not in _PHRASE_TAGS and isinstance(kid, str):
                    # "Available on: <a><img alt=Netflix></a>" keeps its own label text
                    lead = clean(el.text)
                    return lead if lead and len(lead) <= 40 else None
        text = self._texts.get(el)
        if text is None:
            lead = el.text
            if lead and len(lead) > 40 and _min_clean_len(lead) > 40:
                return None  # (a paragraph: longer than a label, known without its whole text)
            text = self._t(el)
        return text if text and len(text) <= 40 else None

    def _after(self, el) -> list:
        """Siblings after a heading up to the next heading of the same kind (climbing
        out of a wrapper that holds only the heading)."""
        node = el
        for _ in range(3):
            roots = []
            closed = False  # the section ended at a heading: an empty section stays empty
            for sib in node.itersiblings():
                if not isinstance(sib.tag, str):
                    continue
                if sib.tag == node.tag and (node.tag in HEADING_TAGS or node.tag == "dt"):
                    closed = True
                    break
                if sib.tag in HEADING_TAGS and node.tag in HEADING_TAGS and sib.tag <= node.tag:
                    closed = True
                    break
                if node.tag in HEADING_TAGS and sib.tag not in HEADING_TAGS and any(
                    h.tag <= node.tag for h in sib.iterdescendants(*_HEADING_NAMES)  # (headings only, in C)
                    if self._t(h) and not ZONE_TEXT_RE.search(self._t(h))
                ):
                    closed = True
                    break
                roots.append(sib)
                if len(roots) >= 12:
                    break
            if roots:
                return roots
            if closed:
                return []
            parent = node.getparent()
            if parent is None or parent.tag in ("body", "html", "main"):
                return []
            node = parent
        return []

    def _region(self, el) -> str | None:
        """The region a data-region/-country/... attribute of ``el`` or of its nearest
        ancestor with one names; memoized for every element climbed through."""
        regions = self._regions
        chain = []
        node = el
        region = None
        while node is not None:
            if node in regions:
                region = regions[node]
                break
            chain.append(node)
            own = _own_region(node)
            if own is not None:
                region = own
                break
            node = node.getparent()
        for n in chain:
            regions[n] = region
        return region

    def table_headers(self, tr) -> list[str]:
        """``_table_headers(tr)``, once per row (a list the callers only read)."""
        heads = self._headers.get(tr)
        if heads is None:
            heads = self._headers[tr] = self._table_headers(tr)
        return heads

    # -- units --------------------------------------------------------------
    def anchors(self, roots) -> list[tuple[object, str]]:
        """[(element, anchor_name(element))] of the elements naming a provider, in page order."""
        out = []
        memo = self._anchor_names
        for r in roots:
            for el in r.iter(_ELEMENT):  # (elements only)
                name = memo.get(el, _UNREAD)
                if name is _UNREAD:
                    # (an element without attributes names nothing: _anchor_name not called)
                    name = memo[el] = self._anchor_name(el) if el.attrib else None
                if name:
                    out.append((el, name))
        return out

    def anchor_name(self, el) -> str | None:
        name = self._anchor_names.get(el, _UNREAD)
        if name is _UNREAD:
            name = self._anchor_names[el] = self._anchor_name(el)
        return name

    def _anchor_name(self, el) -> str | None:
        keys = el.keys()
        if not keys:
            return None  # every test below reads an attribute (a class for the last one)
        if _may_have_data_attr(keys):
            provider_attrs = PROVIDER_ATTRS
        else:
            provider_attrs = ()
        for attr in provider_attrs:
            v = el.get(attr)
            if v and not _DIGITS_DASHES_ONLY.fullmatch(v):
                name = clean_provider(v.replace("-", " ").replace("_", " ") if " " not in v and v.islower() else v)
                if name:
                    return name
        tag = el.tag
        if tag == "img":
            # alt="Logo" title="MUBI": the first attribute that names something
            for attr in ("alt", "title", "aria-label"):
                alt = el.get(attr) or ""
                if alt and not _bad_alt(alt):
                    name = clean_provider(alt)
                    if name and not self._is_title(name):
                        return name
            return None
        if tag in ("a", "button", "div", "span", "li"):
            label = el.get("aria-label") or el.get("title")
            if label:
                name = clean_provider(label)
                if name and not self._is_title(name) and not _bad_alt(name):
                    return name
        elif tag in ("svg", "use") and el.get("aria-label"):
            return clean_provider(el.get("aria-label"))
        cls = self._cls(el)
        if cls and _class_provider(cls) and not _has_block_kid(el):
            text = self._t(el)
            if text and len(text) <= 45 and not PRICE_RE.search(text):
                name = clean_provider(text)
                if name and not self._is_title(name) and not OPTION_RE.search(name) and not QUALITY_RE.fullmatch(name):
                    return name
        return None

    def _is_title(self, name: str) -> bool:
        key = _pkey(name)
        return bool(self.title_key) and len(key) >= 4 and (key in self.title_key)

    def units(self, roots) -> list:
        anchors = [(el, _pkey(name)) for el, name in self.anchors(roots)]
        root_set = set(roots)
        keys_under: dict = {}
        for el, k in anchors:
            node = el
            while node is not None:
                ks = keys_under.get(node)
                if ks is None:
                    keys_under[node] = {k}
                elif k in ks:
                    break  # an anchor of the same provider climbed from here already
                else:
                    ks.add(k)
                if node in root_set:
                    break
                node = node.getparent()
        units = []
        # table data rows
        for r in roots:
            for tr in r.iter("tr"):
                if _has_td(tr) and len(keys_under.get(tr, ())) <= 1:
                    if self._t(tr) or keys_under.get(tr):
                        units.append(tr)
        # provider anchors widened to the largest ancestor with no other provider
        for el, k in anchors:
            node = el
            while node not in root_set:
                parent = node.getparent()
                if parent is None:
                    break
                ptag = parent.tag
                if ptag in ("table", "tbody", "thead"):
                    break
                ks = keys_under.get(parent)
                if ks and (len(ks) > 1 or k not in ks):
                    break  # the parent holds another provider
                if ptag in ("ul", "ol", "dl") and len([c for c in parent if isinstance(c.tag, str)]) > 1:
                    break
                node = parent
            units.append(node)
        # plain-text list items
        for r in roots:
            for li in [r] if r.tag == "li" else r.iter("li"):
                if not keys_under.get(li) and not any(True for _ in li.iterdescendants("li")):
                    units.append(li)
        # drop duplicates and units inside other units, keep page order
        order = self.order
        units = sorted(set(units), key=lambda u: order.get(u, 0))
        kept = []
        kept_set: set = set()
        for u in units:
            if kept_set and _inside(u, kept_set, root_set):
                continue
            kept.append(u)
            kept_set.add(u)
        # a unit holding several providers is not a unit (a row of logos under "Stream")
        return [u for u in kept if len(keys_under.get(u, ())) <= 1]

    # -- reading one unit --------------------------------------------------
    def read_zone(self, roots, implied, region) -> list[dict]:
        unit_set = set(self.units(roots))
        offers = []
        cur_opt = implied
        # the elements of the roots in page order (``r.iter(_ELEMENT)``), the inside of
        # a unit skipped: a unit is read whole, the elements in it are nothing more
        # (units hold none of each other)
        stack = list(reversed(roots))
        while stack:
            el = stack.pop()
            if el in unit_set:
                offers.extend(self.read_unit(el, cur_opt, region))
                continue
            if len(el):
                stack.extend([c for c in reversed(el) if isinstance(c.tag, str)])
            if el.tag == "th":
                txt = self._t(el)
                if txt and len(txt) <= 30:
                    o = _implied_option(txt)
                    if o or _is_option_word(txt):
                        cur_opt = o or cur_opt
                continue
            txt = self._label_text(el)
            if txt:
                o = _implied_option(txt)
                if o:
                    cur_opt = o
                elif el.tag in HEADING_TAGS or el.tag in ("dt", "caption", "legend"):
                    cur_opt = implied
        return offers

    def read_unit(self, unit, implied, region) -> list[dict]:
        text = self._t(unit)
        if SKIP_UNIT_RE.search(text) and not PRICE_RE.search(text):
            return []
        if unit.tag in ("a",) and TRAILER_RE.search(text + " " + (unit.get("href") or "")):
            return []
        if unit.tag != "tr" and not self.anchors([unit]):
            split = self.read_segments(unit, text, implied, region)
            if split is not None:
                return split
        provider = self.unit_provider(unit)
        if not provider:
            return []
        region = region or self._region(unit)
        col_hints = self.column_hints(unit)
        tokens = self.tokens(unit, col_hints)
        data = self.data_defaults(unit)
        unit_url = self.unit_url(unit)
        offers = []
        cur_opt, cur_q = None, None
        cur_opt_url = None
        opts_seen: list[tuple[str, str | None, str | None]] = []
        quals_seen: list[str] = []
        for i, (kind, value, href) in enumerate(tokens):
            if kind == "O":
                cur_opt, cur_opt_url = value, href
                opts_seen.append((value, href, cur_q))
            elif kind == "Q":
                quals_seen.append(value)
                prev = offers[-1] if offers else None
                if (
                    prev is not None and i > 0 and tokens[i - 1][0] == "P" and prev["quality"] is None
                    and not (i + 1 < len(tokens) and tokens[i + 1][0] == "P")
                ):
                    prev["quality"] = value
                else:
                    cur_q = value
            elif kind == "P":
                price, currency = value
                offers.append(
                    self.offer(provider, cur_opt or data.get("option") or implied, price, currency,
                               cur_q or data.get("quality"), region, href or cur_opt_url or unit_url)
                )
        if not offers:
            price, currency = data.get("price") or (None, None)
            quality = quals_seen[0] if quals_seen else data.get("quality")
            if len(opts_seen) > 1:
                kinds_seen: set = set()
                for opt, href, q in opts_seen:
                    if _kind(opt) in kinds_seen:
                        continue  # "Stream ... Included": one subscription offer
                    kinds_seen.add(_kind(opt))
                    offers.append(self.offer(provider, opt, price, currency, q or quality, region, href or unit_url))
            else:
                opt = opts_seen[0][0] if opts_seen else (data.get("option") or implied)
                href = opts_seen[0][1] if opts_seen else None
                offers.append(self.offer(provider, opt, price, currency, quality, region, href or unit_url))
        data_opt = data.get("option")
        if data_opt and _kind(data_opt) == "ads":
            # "Free" shown, data-monetization="ads" said: free with ads
            for o in offers:
                if o["offer_type"] and _kind(o["offer_type"]) == "free":
                    o["offer_type"] = data_opt
        return offers

    def read_segments(self, unit, text, implied, region) -> list[dict] | None:
        """A plain-text line holding several priced offers ("Rent: Apple TV, $3.99 (4K)
        · Amazon, $3.99 (HD)"): each separated part read on its own, the option of
        one part carried to the next. ``None`` when the line is one offer."""
        segments = [seg for seg in _SEGMENT_SPLIT.split(text) if seg.strip()]
        if len(segments) < 2 or sum(1 for seg in segments if PRICE_RE.search(seg)) < 2:
            return None
        if any(len(PRICE_RE.findall(seg)) > 1 for seg in segments):
            return None
        out: list[dict] = []
        opt = implied
        url = self.unit_url(unit)
        for seg in segments:
            piece = etree.Element("li")
            piece.text = seg
            found = self.read_unit(piece, opt, region or self._region(unit))
            for o in found:
                o["url"] = o["url"] or url
                opt = o["offer_type"] or opt
            out.extend(found)
        return out

    def offer(self, provider, opt, price, currency, quality, region, url) -> dict:
        return {
            "provider": provider,
            "offer_type": opt,
            "price": price,
            "currency": currency,
            "quality": quality,
            "region": region,
            "url": url,
        }

    def unit_provider(self, unit) -> str | None:
        names = self.anchors((unit,))
        # a provider column in a table row wins
        col = self.provider_column(unit)
        if col is not None:
            txt = clean_provider(self._t(col))
            if txt:  # (clean_provider gives no bare option word: no OPTION_RE.fullmatch)
                return txt
            for el, name in names:
                if el is col or _is_below(el, col):
                    return name
        # a name from a provider attribute first
        for el, name in names:
            if _may_have_data_attr(el.keys()) and any(el.get(a) for a in PROVIDER_ATTRS):
                return name
        for el, name in names:
            if el.tag == "img":
                return name
        if names:
            return names[0][1]
        # plain text: what is left once options, prices, qualities and actions are gone
        for piece in self.leftovers(unit):
            name = clean_provider(piece)
            if name and not self._is_title(name):
                return name
        return None

    def provider_column(self, unit):
        if unit.tag != "tr":
            return None
        for cell, head in self.row_columns(unit):
            if head and _provider_head(head):
                return cell
        return None

    def row_columns(self, tr) -> list:
        """[(cell, its column's header text)] of a table row, once per row."""
        pairs = self._row_columns.get(tr)
        if pairs is None:
            headers = self.table_headers(tr)
            cells = [c for c in tr if c.tag in ("td", "th")] if headers else ()
            pairs = self._row_columns[tr] = list(zip(cells, headers))
        return pairs

    def _table_headers(self, tr) -> list[str]:
        """The texts of the table's first header row (one per column) when that row
        is ``tr`` or comes before it, else []."""
        table = next(tr.iterancestors("table"), None)
        if table is None:
            return []
        try:
            first, heads, index = self._table_heads[table]
        except KeyError:
            first, heads, index = self._table_heads[table] = self._header_row(table)
        return heads if first is not None and first <= index[tr] else []

    def _header_row(self, table) -> tuple:
        """(position of the first header row or ``None``, its column texts, {row:
        position}) over ``table.iter("tr")``, found once per table."""
        index: dict = {}
        first, heads = None, []
        for i, row in enumerate(table.iter("tr")):
            index[row] = i
            if first is not None:
                continue
            cells = [c for c in row if c.tag in ("td", "th")]
            if cells and (all(c.tag == "th" for c in cells) or (i == 0 and _header_cells(cells))):
                first = i
                for c in cells:
                    try:
                        span = int(c.get("colspan") or 1)
                    except ValueError:
                        span = 1
                    heads.extend([self._t(c)] * max(1, min(span, 10)))
        return first, heads, index

    def column_hints(self, unit) -> dict:
        """{cell: ("O"|"Q", header text)} for table cells under an option/quality header."""
        if unit.tag != "tr":
            return {}
        hints = {}
        for cell, head in self.row_columns(unit):
            if head:
                hint = _column_hint(head)
                if hint is not None:
                    hints[cell] = hint
        return hints

    def tokens(self, unit, col_hints) -> list[tuple[str, object, str | None]]:
        """Options, qualities and prices of a unit in page order, with the link each sits in."""
        out: list = []
        absolute = self.absolute

        def add_text(text, href):
            if not text or text.isspace():  # (= not text.strip())
                return
            for kind, value in _text_tokens(text) if len(text) <= 512 else _text_tokens_of(text):
                out.append((kind, value, href))

        def walk(el, href):
            # ``href``: the link a token of ``el`` sits in, the URL of the nearest link
            # (an ``a`` with an href) holding it in the unit; passed down the walk
            tag = el.tag
            if tag == "script" or tag == "style":
                return
            if tag == "a":
                link = el.get("href")
                if link:
                    href = absolute(link)
            if col_hints:
                hint = col_hints.get(el)
                if hint:
                    cell_text = self._t(el)
                    if cell_text and not _unavailable_mark(cell_text):
                        out.append((hint[0], hint[1], href))
            if tag == "img":
                alt = el.get("alt") or el.get("title") or ""
                if alt and _option_or_quality(alt.strip()):
                    add_text(alt, href)
            elif (tag == "a" or tag == "button") and el.get("aria-label") and not self._t(el):
                label = el.get("aria-label")
                add_text(_ON_TAIL.sub("", label), href)
            text = el.text
            if text:
                add_text(text, href)
            if len(el):
                for ch in el:
                    if isinstance(ch.tag, str):
                        walk(ch, href)
                    tail = ch.tail
                    if tail:
                        add_text(tail, href)

        walk(unit, None)
        return out

    def data_defaults(self, unit) -> dict:
        out: dict = {}
        for el in unit.iter(_ELEMENT):  # (elements only)
            for attr in el.keys():
                if attr.startswith("data-"):
                    break
            else:
                continue  # (no data-* attribute: nothing read below)
            for attr, value in el.items():
                if not attr.startswith("data-") or not value or not value.strip():
                    continue
                name = attr[5:]
                v = clean(value)
                if _OPTION_ATTR.search(name):
                    if OPTION_RE.search(v) or v.lower() in ("flatrate", "ads", "rent", "buy", "free"):
                        out.setdefault("option", v)
                elif _QUALITY_ATTR.search(name):
                    if QUALITY_RE.search(v.replace("_", "")):
                        out.setdefault("quality", v.strip("_"))
                elif _PRICE_ATTR.search(name):
                    cur = el.get("data-currency") or el.get("data-price-currency")
                    out.setdefault("price", (v if not cur or PRICE_RE.search(v) else f"{v} {cur}", cur or _currency_of(v)))
        return out

    def unit_url(self, unit) -> str | None:
        node = unit
        while node is not None and node.tag not in ("body", "html"):
            if node.tag == "a" and node.get("href"):
                return self.absolute(node.get("href"))
            node = node.getparent()
            if node is not None and node.tag not in ("a",):
                break
        # the first link (then data-* link attribute) that makes a URL: links are
        # read one by one, and the attributes only when no link makes one
        for a in unit.iter("a"):
            href = a.get("href")
            if not href:
                continue
            label = " ".join([self._t(a), a.get("title") or "", a.get("aria-label") or "", href])
            if _TRAILER_OR_SIGNUP_WORD(label) and (TRAILER_RE.search(label) or _SIGNUP.search(label)):
                continue
            url = self.absolute(href)
            if url:
                return url
        links = []
        # attribute by attribute, each in page order (found in one walk)
        by_attr: list[list] = [[], [], [], [], []]
        for el in unit.iter(_ELEMENT):
            if el.attrib:
                for found, attr in zip(by_attr, _LINK_DATA):
                    v = el.get(attr)
                    if v:
                        found.append(v)
        for found in by_attr:
            links.extend(found)
        for href in links:
            url = self.absolute(href)
            if url:
                return url
        return None

    def absolute(self, href: str | None) -> str | None:
        try:
            url = self._absolute.get(href, _UNREAD)
        except TypeError:
            return self._make_absolute(href)
        if url is _UNREAD:
            url = self._absolute[href] = self._make_absolute(href)
        return url

    def _make_absolute(self, href: str | None) -> str | None:
        if not href:
            return None
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            return None
        if _PLAIN_ABSOLUTE_URL.fullmatch(href):
            return href  # (what urljoin and safe_url_string make of it, known without them)
        try:
            return safe_url_string(urljoin(self.url, href)) if self.url else safe_url_string(href)
        except Exception:  # noqa: BLE001
            return href

    def leftovers(self, unit) -> list[str]:
        pieces = []
        for t in unit.itertext():
            t = clean(t)
            if not t:
                continue
            t = PRICE_RE.sub("\x00", t)
            t = OPTION_RE.sub("\x00", t)
            t = QUALITY_RE.sub("\x00", t)
            for part in _PIECE_SEP.split(t):
                part = clean(part)
                part = _EDGE_PREPOSITION.sub("", part)
                if part:
                    pieces.append(part)
        return pieces


def _own_region(node) -> str | None:
    """The region ``node``'s own first non-empty region attribute names (maybe "")."""
    if not _has_data_attr(node.attrib):
        return None  # (every region attribute is a data-* one)
    for attr in REGION_DATA:
        v = node.get(attr)
        if v:
            return clean(v)
    return None


def _header_cells(cells) -> bool:
    """A first row of ``td`` cells that reads as column headers ("Provider | Type | Price")."""
    texts = [_text(c) for c in cells]
    if len(cells) < 2 or any(len(t) > 25 or PRICE_RE.search(t) for t in texts):
        return False
    return any(HEAD_PROVIDER_RE.match(t) for t in texts) and any(HEAD_DETAIL_RE.match(t) for t in texts)


_CANONICAL_PROVIDERS = frozenset(PROVIDER_ALIASES.values())


def _known_provider(name: str | None) -> bool:
    return canonical_provider(name) in _CANONICAL_PROVIDERS


def _currency_of(v: str) -> str | None:
    m = PRICE_RE.search(v)
    return (m.group("pre") or m.group("post")) if m else None


@lru_cache(maxsize=1024)  # (table headers repeat page after page)
def _is_option_word(text: str) -> bool:
    return bool(OPTION_RE.fullmatch(clean(text)))


def _implied_option(text: str) -> str | None:
    """``_implied_option_of`` memoized (headings and cells repeat page after page)."""
    if isinstance(text, str) and len(text) <= 512:
        return _implied_option_cached(text)
    return _implied_option_of(text)


def _implied_option_of(text: str) -> str | None:
    """The option a group heading stands for ("Stream", "Rent", "Free with ads"), or
    ``None`` when it names none or several ("Rent or buy")."""
    t = clean(text).rstrip(":").strip()
    if not t or len(t) > 60:
        return None
    found = [m.group(1) for m in OPTION_RE.finditer(t)]
    if not found:
        return None
    kinds = {_kind(f) for f in found}
    if len(kinds) != 1:
        return None
    # "Stream", "Streaming on", "Rent it", "Where to stream X" -> the option word
    return clean(found[0])


_implied_option_cached = lru_cache(maxsize=4096)(_implied_option_of)


@lru_cache(maxsize=1024)  # (option words repeat page after page)
def _kind(word: str) -> str:
    w = word.lower()
    if _ADS_KIND.match(w):
        return "ads"
    if w.startswith("free"):
        return "free"
    if w.startswith(("rent", "tvod")):
        return "rent"
    if w.startswith(("buy", "purchase", "est")):
        return "buy"
    return "subscription"


@lru_cache(maxsize=4096)
def _zone_label(own: str) -> tuple | None:
    """What a label text says of the block it labels: ``None`` for no where-to-watch
    label, else (weak, strong, implied option, region). Weak labels ("Watch Heat",
    "All offers") make zones whose offers count only for known providers; a label
    that is not strong makes a zone only as a heading (or dt, caption, legend)."""
    if not _ZONE_LABEL_WORD(own):
        return None  # (neither regex below can match: both guards at once)
    watch_label = bool(WATCH_LABEL_RE.match(own)) and len(own.split()) <= 8 and not TRAILER_RE.search(own)
    zone_text = ZONE_TEXT_RE.search(own) is not None
    if not watch_label and not zone_text:
        return None
    strong = bool(watch_label or STRONG_ZONE_RE.search(own) or (_implied_option(own) and len(own.split()) <= 3))
    return (not zone_text, strong, _implied_option(own), _region_text(own))


@lru_cache(maxsize=1024)
def _column_hint(head: str) -> tuple | None:
    """("Q", quality) or ("O", option) for a column header naming one, else ``None``."""
    if QUALITY_RE.fullmatch(head.strip()):
        return ("Q", head.strip())
    o = _implied_option(head)
    return ("O", o) if o else None


def _text_tokens_of(text: str) -> tuple:
    """((kind, value), ...): the prices ("P", (price, currency)), options ("O", word)
    and qualities ("Q", word) of one text, in text order (a match overlapping an
    earlier-found one skipped; prices first, then options, then qualities)."""
    text = _FREE_TRIAL.sub(" ", text)
    spans = []
    for rx, kind in ((PRICE_RE, "P"), (OPTION_RE, "O"), (QUALITY_RE, "Q")):
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _, _ in spans):
                continue
            spans.append((m.start(), m.end(), kind, m))
    out = []
    for s, e, kind, m in sorted(spans, key=lambda x: x[0]):
        if kind == "P":
            out.append(("P", (clean(m.group(0)), m.group("pre") or m.group("post"))))
        else:
            out.append((kind, clean(m.group(0))))
    return tuple(out)


_text_tokens = lru_cache(maxsize=4096)(_text_tokens_of)


def _region_text(text: str) -> str | None:
    m = _REGION_TEXT_RE.search(text or "")
    return KNOWN_REGIONS.get(m.group(1).lower()) if m else None


def _dedupe(offers: list[dict]) -> list[dict]:
    out, seen = [], set()
    for o in offers:
        key = (
            (o["provider"] or "").lower(),
            (o["offer_type"] or "").lower(),
            (o["quality"] or "").lower(),
            (o["price"] or "").replace(" ", ""),
        )
        if key in seen:
            continue
        seen.add(key)
        out.append(o)
    return out


def _first_h1(content, order: dict):
    """``xpath_all(content, "//h1")[0]``, or ``None`` without one. On a whole page (an
    html root element without parent) that is the first h1 of ``root.iter("h1")``:
    read from the keys of ``order`` (the page's elements in page order), faster."""
    root = content.root
    if content.type == "html" and isinstance(getattr(root, "tag", None), str) and root.getparent() is None:
        return next((el for el in order if el.tag == "h1"), None)
    found = xpath_all(content, "//h1")
    return found[0] if found else None


def html_offers(sel_or_page, url: str = "") -> list[dict]:
    """Offers listed in the page's HTML (not JSON), in page order, deduplicated.

    Accepts a :class:`FamilyPage` (its ``content`` and ``url`` are used) or a parsel
    ``Selector`` (cleaned with :func:`main_content` first; pass ``url`` to make links
    absolute)."""
    texts = order = None
    if isinstance(sel_or_page, FamilyPage):
        content, url = sel_or_page.content, sel_or_page.url or url
        texts = sel_or_page.shared.setdefault("el_text", {})
        order = element_order(sel_or_page.shared, content.root)
    else:
        content = main_content(sel_or_page, keep_sidebars=True)
    if texts is None:
        texts = {}
    if order is None:
        order = {el: i for i, el in enumerate(content.root.iter(_ELEMENT))}
    title = None
    first = _first_h1(content, order)
    if first is not None:
        # clean(" ".join(texts_of(first))): the h1's _text (TEXT_NODES is texts_of's
        # XPath), kept in the per-element memo the reader reads it from again
        title = texts.get(first)
        if title is None:
            title = texts[first] = _text(first)
        title = _H1_TITLE_NOISE.sub("", title)
    reader = _Reader(content, url, title, texts, order)
    offers: list[dict] = []
    zones = reader.zones()
    for roots, implied, region in zones:
        found = reader.read_zone(roots, implied, region)
        if all(r in reader.weak for r in roots):
            found = [o for o in found if _known_provider(o["provider"])]
        offers.extend(found)
    if not offers:
        # no list, table or cards: "Get Out is streaming on Netflix in HD. You can also
        # rent it on Amazon Video for $3.99."
        offers = prose_offers(content, title, zones)
    return _dedupe(offers)


# --------------------------------------------------------------------------
# offers written as sentences
# --------------------------------------------------------------------------
_KNOWN_PROVIDERS = sorted(
    {k for k in PROVIDER_ALIASES if k not in ("prime", "hbo")} | set(PROVIDER_ALIASES.values()),
    key=len, reverse=True,
)
_PROVIDER_IN_TEXT = re.compile(
    r"(?<![\w+&'’-])(" + "|".join(re.escape(p) for p in _KNOWN_PROVIDERS) + r")(?![\w+'’-])", re.I
)
_SENT_OPTION = re.compile(
    r"(?P<ads>free\s+with\s+ads|with\s+ads|ad[-\s]supported)"
    r"|(?P<free>\bfree\b(?!\s+trial))"
    r"|(?P<rent>\brent(?:s|ed|ing|al)?\b)"
    r"|(?P<buy>\b(?:buy(?:s|ing)?|sells?|selling|purchase[sd]?|own)\b)"
    r"|(?P<subscription>\b(?:stream(?:s|ing)?|subscription|subscribers?|included\s+with|lives\s+on"
    r"|available\s+on)\b)",
    re.I,
)
_VERB_AFTER = re.compile(r"^\s*(?:\S+\s+){0,1}?(?:rents?|sells?|streams?|offers?|has|carries)\b", re.I)
_NEGATION = re.compile(
    r"\b(?:not|no\s+longer|never|unavailable|leaving|left|nor)\b|n['’]t\b|\bno\s+(?:longer|offers?)\b", re.I
)
_CONDITION = re.compile(r"\b(?:if|unless|whether|in\s+case)\b.*$", re.I)
_COORDINATED = re.compile(r"^[\s,]*(?:and|or|&|as\s+well\s+as)?[\s,]*$", re.I)
_CLAUSE_SPLIT = re.compile(r"\s*[;,:]\s+|\s+[–—]\s+")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def _sent_option(m) -> str:
    return next(k for k, v in m.groupdict().items() if v)


def prose_offers(content, title: str | None = None, zones=()) -> list[dict]:
    """Offers stated in sentences of the article's paragraphs: a known provider named
    with an option ("streaming on", "rent it on", "X sells the 4K version") and
    perhaps a quality and price; negated clauses ("It is not on Netflix") skipped.
    A paragraph under a where-to-watch heading takes that heading's option when the
    sentence names none."""
    implied_of: dict = {}
    for roots, implied, _region in zones:
        for r in roots:
            for p in ([r] if r.tag == "p" else r.iter("p")):
                implied_of[p] = implied
    offers: list[dict] = []
    title_re = re.compile(re.escape(title), re.I) if title and len(title) >= 3 else None
    for p in content.root.iter("p"):
        text = clean(" ".join(p.itertext()))
        if not text or not _PROVIDER_IN_TEXT.search(text):
            continue
        if title_re is not None:
            text = title_re.sub("the film", text)
        implied = implied_of.get(p)
        for sentence in _SENTENCE_SPLIT.split(text):
            offers.extend(_sentence_offers(sentence, implied))
    return offers


def _sentence_offers(sentence: str, implied: str | None) -> list[dict]:
    out: list[dict] = []
    carried = None  # "To own it, Apple TV sells ...": an option in a clause naming no provider
    for clause in _CLAUSE_SPLIT.split(sentence):
        # "free with ads on X if you don't mind a few breaks": a negated condition
        # does not negate the offer
        if _NEGATION.search(_CONDITION.sub("", clause)):
            carried = None
            continue
        mentions = [m for m in _PROVIDER_IN_TEXT.finditer(clause) if any(c.isupper() for c in m.group())]
        # "Mad Max" is no provider: a capitalised word right before the name
        mentions = [m for m in mentions if not _CAPITALISED_WORD_BEFORE.search(clause[:m.start()])]
        options = list(_SENT_OPTION.finditer(clause))
        if not mentions:
            if options:
                carried = _sent_option(options[-1])
            continue
        spans = []
        for i, m in enumerate(mentions):
            end = mentions[i + 1].start() if i + 1 < len(mentions) else len(clause)
            start = mentions[i - 1].end() if i else 0
            spans.append((start, m.start(), m.end(), end))
        details = []
        for start, ms, me, end in spans:
            own = clause[me:end]
            before = clause[start:ms]
            opt = None
            verb = _VERB_AFTER.match(own)
            after_opts = [o for o in options if me <= o.start() < end]
            before_opts = [o for o in options if o.start() < ms]
            if verb and after_opts:
                opt = _sent_option(after_opts[0])
            elif before_opts:
                opt = _sent_option(before_opts[-1])
            elif after_opts:
                opt = _sent_option(after_opts[0])
            prices = [m.group(0) for m in PRICE_RE.finditer(own)]
            quals = [m.group(0) for m in QUALITY_RE.finditer(own)]
            if not quals and start == 0:
                # "buy it in 4K from the Apple TV store": the quality before the only
                # (or first) provider of the clause
                quals = [m.group(0) for m in QUALITY_RE.finditer(before)]
            details.append([opt, prices, quals, own])
        # "on Amazon Video or Fandango at Home for $3.99 in HD": coordinated names share
        for i in range(len(details) - 2, -1, -1):
            opt, prices, quals, own = details[i]
            if _COORDINATED.match(own):
                nxt = details[i + 1]
                details[i] = [opt or nxt[0], prices or nxt[1], quals or nxt[2], own]
        for m, (opt, prices, quals, _own) in zip(mentions, details):
            opt = opt or carried or (_kind(implied) if implied else None)
            if opt is None:
                continue
            price = prices[0] if prices else None
            cur = _currency_of(price) if price else None
            out.append({
                "provider": m.group(0), "offer_type": opt, "price": price, "currency": cur,
                "quality": quals[-1] if quals else None, "region": None, "url": None,
            })
        carried = None
    return out


class OffersPage(FamilyPage):
    """The HTML offers as a family: applies when the page lists at least one offer."""

    family = "offers"

    def _offers(self) -> list[dict]:
        return self.once("html_offers", lambda: html_offers(self))

    def applies(self) -> bool:
        return bool(self._offers())

    def offers(self):
        return [dict(o) for o in self._offers()]
