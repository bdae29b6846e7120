"""Pure normalisation helpers for scraped "where to watch" film facts.

Every public function here is a pure function: no I/O, no Scrapy imports, no
global state beyond constant lookup tables.  Every function accepts ``None``
or garbage (any type) and returns ``None`` (``[]`` for list results, and
``(None, None)`` for :func:`parse_price`) instead of raising.

String -> string functions are idempotent: ``f(f(x)) == f(x)``.
"""

from __future__ import annotations

import functools
import html
import math
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

import ftfy
from price_parser import Price

__all__ = [
    "clean_text",
    "clean_title",
    "title_year",
    "parse_year",
    "parse_runtime",
    "parse_seconds_runtime",
    "parse_rating",
    "parse_votes",
    "CANONICAL_GENRES",
    "GENRE_ALIASES",
    "canonical_genre",
    "canonical_genres",
    "clean_name",
    "clean_character",
    "CONTENT_RATINGS",
    "clean_content_rating",
    "clean_synopsis",
    "SYNOPSIS_MAX_CHARS",
    "PROVIDER_ALIASES",
    "canonical_provider",
    "OFFER_TYPES",
    "offer_type",
    "parse_price",
    "QUALITIES",
    "parse_quality",
    "ISO_COUNTRIES",
    "parse_region",
]

YEAR_MIN = 1870
YEAR_MAX = 2100
RUNTIME_MIN = 1
RUNTIME_MAX = 1000
SYNOPSIS_MAX_CHARS = 20000
_MAX_FIXPOINT = 8


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _as_text(value: Any) -> str | None:
    """Return ``value`` as ``str`` if it is text-like, else ``None``."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _finite(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError, OverflowError, InvalidOperation):
        return None
    return f if math.isfinite(f) else None


def _round_half_up(value: float) -> int:
    return int(math.floor(value + 0.5))


def _fixpoint(func, value: str) -> str | None:
    """Apply ``func`` until the result stops changing (bounded)."""
    current: str | None = value
    for _ in range(_MAX_FIXPOINT):
        if current is None:
            return None
        nxt = func(current)
        if nxt == current:
            return nxt
        current = nxt
    return current


# ---------------------------------------------------------------------------
# clean_text
# ---------------------------------------------------------------------------

# Invisible characters that are simply removed.  ZWJ/ZWNJ (U+200C/U+200D) are
# meaningful inside Persian/Indic words and emoji, so they are only dropped
# next to whitespace or at the ends of the string.
_INVISIBLE_RE = re.compile("[\u200b\u2060\ufeff\u00ad\u180e]")
_JOINER_EDGE_RE = re.compile(r"(?:^|(?<=\s))[\u200c\u200d]+|[\u200c\u200d]+(?=\s|$)")
_WS_RE = re.compile(r"\s+")


# ASCII text that ftfy, html.unescape, NFC and the invisible-character rules all leave
# alone: printable characters but "&" (entities), plus tab and newline (no other control
# character, no "\r"). ftfy's mojibake repair, quote and width fixes only ever touch
# non-ASCII characters. Most of what pages say (names, providers, plot text in English)
# is such text, and ftfy costs a few microseconds per word on it.
_PLAIN_ASCII = re.compile(r"[\t\n\x20-\x25\x27-\x7e]*")


def _plain_ascii(s: str) -> bool:
    return s.isascii() and _PLAIN_ASCII.fullmatch(s) is not None


def _fix_text(s: str) -> str:
    """``ftfy.fix_text(s)``, skipped where it would return ``s`` unchanged."""
    return s if _plain_ascii(s) else ftfy.fix_text(s)


def _clean_text_once(s: str) -> str:
    if _plain_ascii(s):
        return " ".join(s.split())  # only whitespace to collapse (tab, newline, space)
    return _clean_text_full(s)


def _clean_text_full(s: str) -> str:
    s = ftfy.fix_text(s)
    s = html.unescape(s)
    s = _INVISIBLE_RE.sub("", s)
    s = unicodedata.normalize("NFC", s)
    s = _JOINER_EDGE_RE.sub("", s)
    s = _WS_RE.sub(" ", s)
    return s.strip()


def clean_text(s: Any) -> str | None:
    """Fix mojibake (ftfy), unescape HTML entities, NFC-normalise, collapse all
    whitespace (including NBSP and zero-width characters) and strip.

    ftfy runs with its defaults, so curly quotes become straight quotes and
    full-width Latin becomes half-width.  Empty results become ``None``.
    """
    text = _as_text(s)
    if text is None:
        return None
    if len(text) <= _CACHED_TEXT_MAX:
        return _clean_text_cached(text)
    return _fixpoint(_clean_text_once, text) or None


# Pages repeat the same short strings (names, provider labels, genres) many times over:
# clean_text is pure, so short inputs are cleaned once per process.
_CACHED_TEXT_MAX = 512


@functools.lru_cache(maxsize=4096)
def _clean_text_cached(text: str) -> str | None:
    return _fixpoint(_clean_text_once, text) or None


# ---------------------------------------------------------------------------
# titles
# ---------------------------------------------------------------------------

_YEAR_RE_SRC = r"(?:18[7-9]\d|19\d\d|20\d\d|2100)"

_TITLE_YEAR_RE = re.compile(r"[(\[]\s*(" + _YEAR_RE_SRC + r")(?:\s+(?:film|movie))?\s*[)\]]", re.I)

# "(1999)", "[1999]", "(1999 film)", optionally followed by wrapper words.
_TRAILING_YEAR_RE = re.compile(
    r"\s*[(\[]\s*" + _YEAR_RE_SRC + r"(?:\s+(?:film|movie))?\s*[)\]]"
    r"(?:\s+(?:full\s+)?(?:movie|film))?(?:\s+(?:online|streaming))?\s*$",
    re.I,
)

_STRONG_TAIL_RE = re.compile(
    r"\s+(?:"
    r"full\s+(?:movie|film)(?:\s+(?:online|streaming))?(?:\s+free)?"
    r"|(?:watch|stream)\s+online(?:\s+free)?"
    r"|online\s+free"
    r"|(?:movie|film)\s+(?:online|streaming)(?:\s+free)?"
    r"|streaming\s+online"
    r"|online\s+streaming"
    r")\s*$",
    re.I,
)

# Only stripped once we already know the string is a wrapped page title.
_WEAK_TAIL_RE = re.compile(r"\s+(?:online|streaming)\s*$", re.I)

_WHERE_TO_WATCH_LEAD_RE = re.compile(r"^where\s+to\s+(?:watch|stream)\s*:?\s+(?=\S)", re.I)
_WATCH_LEAD_RE = re.compile(r"^(?:watch|stream)(?:\s+now)?\s*:?\s+(?=(\S+))", re.I)
# "Watch Out", "Stream of Love", "Watch It" ... are titles, not wrappers.
_WATCH_LEAD_STOPWORDS = frozenset(
    "of out over on off me us it him her them you and or & your my his their "
    "this that these those for with to in from what who how when where why "
    "is are was".split()
)

_PIPE_TAIL_RE = re.compile(r"^(?P<head>.*\S)\s*[|\uff5c\u2016]\s*(?P<tail>[^|\uff5c\u2016]*)$")
_DASH_TAIL_RE = re.compile(
    r"^(?P<head>.*\S)(?:\s+-+\s+|\s*[\u2013\u2014\u2015]\s*|\s+[\u2022\u00b7]\s+)(?P<tail>[^\u2013\u2014\u2015]*?)$"
)
_COLON_TAIL_RE = re.compile(r"^(?P<head>.*\S)\s*:\s+(?P<tail>[^:]*?)$")

_WRAPPER_TAIL_START_RE = re.compile(
    r"^(?:where\s+to\s+(?:watch|stream)|watch|stream|streaming|online|full\s+(?:movie|film)|free|movie|film)\b",
    re.I,
)

_EDGE_SEP_LEAD_RE = re.compile(r"^[\s|:\u2013\u2014\u2022\u00b7-]+(?=\w)")
_EDGE_SEP_TAIL_RE = re.compile(r"(?<=[\w)\]!?.'\"])[\s|:\u2013\u2014\u2022\u00b7-]*[\s|:\u2013\u2014\u2022\u00b7]$")

_ARTICLE_SUFFIX_RE = re.compile(r"^(?P<rest>.*\S)\s*,\s*(?P<art>the|a|an)$", re.I)

_QUOTE_PAIRS = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", "\u201e": "\u201c"}

# Sites that publish "<title> | Site" page titles (besides streaming providers).
_TITLE_SITES = frozenset(
    "justwatch reelgood imdb rottentomatoes tmdb themoviedatabase themoviedb letterboxd "
    "metacritic fandango moviefone decider tvguide trakt wikipedia simkl plex".split()
)


def _strip_quotes(t: str) -> str:
    if len(t) >= 3:
        close = _QUOTE_PAIRS.get(t[0])
        if close and t[-1] == close:
            inner = t[1:-1]
            if inner.strip() and t[0] not in inner and close not in inner:
                return inner.strip()
    return t


def _is_site_tail(tail: str) -> bool:
    key = _provider_key(tail)
    return bool(key) and (key in _TITLE_SITES or key in _PROVIDER_LOOKUP)


def _title_step(t: str, state: dict) -> str:
    """Apply the first matching title rule; return ``t`` unchanged if none."""
    # Trailing " | Site" segment: always a page-title suffix.
    m = _PIPE_TAIL_RE.match(t)
    if m and m.group("tail").strip():
        state["wrapped"] = True
        return m.group("head")
    # Trailing "- Where to Watch" / "– Netflix" segment.
    m = _DASH_TAIL_RE.match(t)
    if m:
        tail = m.group("tail").strip()
        if tail and (_WRAPPER_TAIL_START_RE.match(tail) or _is_site_tail(tail)):
            state["wrapped"] = True
            return m.group("head")
    # Trailing ": Where to Watch & Stream Online" (never a bare site name:
    # "Mad Max: Fury Road" must survive).
    m = _COLON_TAIL_RE.match(t)
    if m:
        tail = m.group("tail").strip()
        if tail and _WRAPPER_TAIL_START_RE.match(tail):
            state["wrapped"] = True
            return m.group("head")
    # "(2002)" / "[2002]" / "(2002) Movie Online".
    new = _TRAILING_YEAR_RE.sub("", t)
    if new != t and new.strip():
        state["wrapped"] = True
        return new
    new = _STRONG_TAIL_RE.sub("", t)
    if new != t and new.strip():
        state["wrapped"] = True
        return new
    new = _WHERE_TO_WATCH_LEAD_RE.sub("", t)
    if new != t and new.strip():
        state["wrapped"] = True
        return new
    m = _WATCH_LEAD_RE.match(t)
    if m and m.group(1).lower() not in _WATCH_LEAD_STOPWORDS:
        state["wrapped"] = True
        return t[m.end():]
    if state["wrapped"]:
        new = _WEAK_TAIL_RE.sub("", t)
        if new != t and new.strip():
            return new
    new = _strip_quotes(t)
    if new != t:
        return new
    new = _EDGE_SEP_TAIL_RE.sub("", t)
    if new != t and new.strip():
        return new
    new = _EDGE_SEP_LEAD_RE.sub("", t)
    if new != t and new.strip():
        return new
    m = _ARTICLE_SUFFIX_RE.match(t)
    if m:
        art = m.group("art").lower().capitalize()
        return f"{art} {m.group('rest')}"
    return t


def clean_title(s: Any) -> str | None:
    """Clean a film title and strip page-title wrappers.

    Strips leading "Where to Watch"/"Watch"/"Stream" (whole word, only when
    followed by more text and not by a function word: "Watch Out", "Stream of
    Love" and "Watchmen" survive), trailing "(2002)"/"[2002]", " | Site",
    " - Where to Watch", ": Where to Watch & Stream Online", "Full Movie",
    "Stream Online" ...  A trailing bare "Online"/"Streaming" is only stripped
    when another wrapper was found; a trailing bare "Movie" is never stripped
    ("Bee Movie").  "Matrix, The" -> "The Matrix".  Surrounding quotes removed.
    """
    text = clean_text(s)
    if text is None:
        return None
    state = {"wrapped": False}
    t = text
    for _ in range(64):
        nxt = clean_text(_title_step(t, state))
        if nxt is None or nxt == t:
            break
        t = nxt
    if t and _WRAPPER_ONLY_RE.match(t):
        return None  # nothing but a where-to-watch phrase: no title at all
    return t or None


_WRAPPER_ONLY_RE = re.compile(
    r"^(?:where to (?:watch|stream)(?: online)?|watch (?:online|now)|stream(?:ing)? online"
    r"|full movie)$",
    re.I,
)


def title_year(s: Any) -> int | None:
    """Year written as "(1984)" / "[1984]" / "(1984 film)" inside a title."""
    text = clean_text(s)
    if text is None:
        return None
    years = [int(y) for y in _TITLE_YEAR_RE.findall(text)]
    years = [y for y in years if YEAR_MIN <= y <= YEAR_MAX]
    return years[-1] if years else None


# ---------------------------------------------------------------------------
# years, runtimes
# ---------------------------------------------------------------------------

_ANY_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def parse_year(s: Any) -> int | None:
    """Release year from "2002", "2002-05-03", "May 3, 2002", "03/05/2002",
    "2002 (USA)", "(2002)", an int, or a date.  Range 1870..2100."""
    if isinstance(s, (date, datetime)):
        year = s.year
    elif _is_number(s):
        f = _finite(s)
        if f is None or f != int(f):
            return None
        year = int(f)
    else:
        text = clean_text(s)
        if text is None:
            return None
        for m in _ANY_YEAR_RE.finditer(text):
            y = int(m.group(1))
            if YEAR_MIN <= y <= YEAR_MAX:
                return y
        return None
    return year if YEAR_MIN <= year <= YEAR_MAX else None


_NUM = r"\d{1,7}(?:[.,]\d{1,6})?"
_ISO_DURATION_RE = re.compile(
    r"^P(?:(?P<d>" + _NUM + r")D)?"
    r"(?:T(?:(?P<h>" + _NUM + r")H)?(?:(?P<m>" + _NUM + r")M)?(?:(?P<s>" + _NUM + r")S)?)?$",
    re.I,
)
_CLOCK_RE = re.compile(
    r"^(?P<h>\d{1,2})\s*h?\s*:\s*(?P<m>\d{1,2})\s*m?(?:\s*:\s*(?P<s>\d{1,2})\s*s?)?$", re.I
)
_UNIT_RE = re.compile(
    r"(?P<n>" + _NUM + r")\s*(?P<u>hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])\.?",
    re.I,
)
_BARE_NUMBER_RE = re.compile(r"^" + _NUM + r"$")


def _num(text: str | None) -> float:
    return float(text.replace(",", ".")) if text else 0.0


def _minutes_in_range(minutes: float | None) -> int | None:
    if minutes is None or not math.isfinite(minutes):
        return None
    value = _round_half_up(minutes)
    return value if RUNTIME_MIN <= value <= RUNTIME_MAX else None


def parse_runtime(s: Any) -> int | None:
    """Runtime in whole minutes (rounded half up), range 1..1000.

    Accepts "89 min(s)/minutes/m", "1 hr 29 min", "1h 29m", "1 hour 29 minutes",
    "2 hours", "01h:28m:56s", "1:29:00", "1:29" (h:mm), ISO 8601 durations
    ("PT1H29M", "PT89M", "PT5340S", "P0DT1H29M"), a bare "89", or a number.
    """
    if _is_number(s):
        return _minutes_in_range(_finite(s))
    text = clean_text(s)
    if text is None:
        return None
    compact = text.replace(" ", "")
    m = _ISO_DURATION_RE.match(compact)
    if m and any(m.group(k) for k in "dhms"):
        seconds = _num(m["d"]) * 86400 + _num(m["h"]) * 3600 + _num(m["m"]) * 60 + _num(m["s"])
        return _minutes_in_range(seconds / 60)
    m = _CLOCK_RE.match(text)
    if m:
        h, mi, sec = int(m["h"]), int(m["m"]), int(m["s"] or 0)
        if mi >= 60 or sec >= 60:
            return None
        return _minutes_in_range(h * 60 + mi + sec / 60)
    if _BARE_NUMBER_RE.match(text):
        return _minutes_in_range(_num(text))
    total = 0.0
    found = False
    for um in _UNIT_RE.finditer(text):
        n, unit = _num(um["n"]), um["u"].lower()
        if unit.startswith("h"):
            total += n * 60
        elif unit.startswith("m"):
            total += n
        else:
            total += n / 60
        found = True
    return _minutes_in_range(total) if found else None


def parse_seconds_runtime(s: Any) -> int | None:
    """Runtime in minutes from a duration in seconds ("5340" -> 89)."""
    if _is_number(s):
        seconds = _finite(s)
    else:
        text = clean_text(s)
        if text is None or not _BARE_NUMBER_RE.match(text):
            return None
        seconds = _num(text)
    if seconds is None:
        return None
    return _minutes_in_range(seconds / 60)


# ---------------------------------------------------------------------------
# ratings, votes
# ---------------------------------------------------------------------------

_RATING_RE = re.compile(r"(?<![\d.,])(\d{1,4}(?:[.,]\d+)?)(?:\s*(?:/|out\s+of)\s*(\d{1,4}(?:[.,]\d+)?))?", re.I)


def parse_rating(s: Any, scale: int | float = 10) -> float | None:
    """Rating on the given ``scale`` (default 10), rounded to one decimal.

    "6.2", "6.2/10", "7,5", "8.7 (2,100,000 votes)" -> 8.7.  Zero, "N/A" and
    values outside (0, scale] -> None.  An explicit denominator must equal
    ``scale``: "4.5/5" -> None with the default scale.  No rescaling is done.
    """
    if not _is_number(scale) or isinstance(scale, bool):
        return None
    limit = _finite(scale)
    if limit is None or limit <= 0:
        return None
    if _is_number(s):
        value = _finite(s)
    else:
        text = clean_text(s)
        if text is None:
            return None
        m = _RATING_RE.search(text)
        if not m:
            return None
        value = _num(m.group(1))
        if m.group(2) is not None and _num(m.group(2)) != limit:
            return None
    if value is None:
        return None
    value = round(value, 1)
    if not 0 < value <= limit:
        return None
    return value


_VOTES_RE = re.compile(
    r"(?<![\d.,/])(?P<n>\d{1,3}(?:(?P<sep>[,.'\u00a0\u202f\u2009 ])\d{3})(?:(?P=sep)\d{3})*(?![\d])"
    r"|\d{1,13}(?:[.,]\d{1,3})?)"
    r"\s*(?P<suf>k|m|b|thousand|million|billion)?(?![a-z])",
    re.I,
)
_VOTES_MAX = 10**12


def parse_votes(s: Any) -> int | None:
    """Vote count: "2,100,000", "930K", "1.2M", "(18,057 voted)", "18.057"
    (dot thousands), "12 345", an int.  Decimal numbers without a K/M suffix
    are skipped ("8.7 (2,100,000 votes)" -> 2100000).  Negative or garbage
    -> None."""
    if _is_number(s):
        f = _finite(s)
        if f is None or f < 0 or f != int(f) or f > _VOTES_MAX:
            return None
        return int(f)
    text = clean_text(s)
    if text is None:
        return None
    for m in _VOTES_RE.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1] in "-\u2212":
            return None
        number, suffix = m.group("n"), (m.group("suf") or "").lower()
        if suffix:
            mult = {"k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6, "b": 10**9, "billion": 10**9}[suffix]
            if m.group("sep"):
                # "1,234K": separator was a thousands separator.
                value = float(re.sub(r"\D", "", number)) * mult
            else:
                value = _num(number) * mult
        elif m.group("sep"):
            value = float(re.sub(r"\D", "", number))
        elif re.search(r"[.,]", number):
            continue  # "8.7" is a rating, not a vote count: keep looking
        else:
            value = float(number)
        result = _round_half_up(value)
        return result if 0 <= result <= _VOTES_MAX else None
    return None


# ---------------------------------------------------------------------------
# genres
# ---------------------------------------------------------------------------

CANONICAL_GENRES: tuple[str, ...] = (
    "Action",
    "Adventure",
    "Animation",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Family",
    "Fantasy",
    "History",
    "Horror",
    "Music",
    "Mystery",
    "Romance",
    "Science Fiction",
    "Thriller",
    "War",
    "Western",
)

# Keys are compared after _genre_key() (lower-case, "&" -> "and", only a-z0-9).
GENRE_ALIASES: dict[str, tuple[str, ...]] = {
    "scifi": ("Science Fiction",),
    "sf": ("Science Fiction",),
    "sciencefiction": ("Science Fiction",),
    "scififantasy": ("Science Fiction", "Fantasy"),
    "sciencefictionandfantasy": ("Science Fiction", "Fantasy"),
    "scifiandfantasy": ("Science Fiction", "Fantasy"),
    "loveandromance": ("Romance",),
    "romantic": ("Romance",),
    "romances": ("Romance",),
    "suspense": ("Thriller",),
    "thrillers": ("Thriller",),
    "animated": ("Animation",),
    "anime": ("Animation",),
    "cartoon": ("Animation",),
    "cartoons": ("Animation",),
    "historical": ("History",),
    "musical": ("Music",),
    "musicals": ("Music",),
    "documentaries": ("Documentary",),
    "docs": ("Documentary",),
    "doc": ("Documentary",),
    "docu": ("Documentary",),
    "kidsandfamily": ("Family",),
    "familyandkids": ("Family",),
    "kids": ("Family",),
    "children": ("Family",),
    "childrens": ("Family",),
    "childrenandfamily": ("Family",),
    "actionandadventure": ("Action", "Adventure"),
    "actionadventure": ("Action", "Adventure"),
    "warandpolitics": ("War",),
    "warandmilitary": ("War",),
    "military": ("War",),
    "mysteryandthriller": ("Mystery", "Thriller"),
    "mysteryandsuspense": ("Mystery", "Thriller"),
    "mysteries": ("Mystery",),
    "comedies": ("Comedy",),
    "dramas": ("Drama",),
    "westerns": ("Western",),
    "crimes": ("Crime",),
    "fantasies": ("Fantasy",),
}
for _g in CANONICAL_GENRES:
    GENRE_ALIASES.setdefault(re.sub(r"[^a-z0-9]", "", _g.lower()), (_g,))

_GENRE_JUNK = frozenset("movies movie films film genre genres all other others tv".split())
_GENRE_SUFFIX_RE = re.compile(r"(?:movies|movie|films|film)$")
_GENRE_SPLIT_RE = re.compile(r"\s*(?:[,/|;\u2022\u00b7]|\s+and\s+)\s*", re.I)
_GENRE_AMP_RE = re.compile(r"\s*(?:&|\band\b|\+)\s*", re.I)
_GENRE_MAX_LEN = 40


def _genre_key(label: str) -> str:
    return re.sub(r"[^a-z0-9]", "", label.lower().replace("&", "and"))


def _genre_lookup(label: str) -> tuple[str, ...] | None:
    key = _genre_key(label)
    if key in GENRE_ALIASES:
        return GENRE_ALIASES[key]
    stripped = _GENRE_SUFFIX_RE.sub("", key)
    if stripped and stripped != key and stripped in GENRE_ALIASES:
        return GENRE_ALIASES[stripped]
    return None


def _display_genre(label: str) -> str:
    letters = [c for c in label if c.isalpha()]
    if not letters:
        return label
    if label.islower() or (label.isupper() and not (" " not in label and len(letters) <= 5)):
        return " ".join(w[:1].upper() + w[1:].lower() for w in label.split(" "))
    return label


def _genre_resolve(label: Any) -> list[str]:
    """All canonical genres for one label (no comma/slash splitting)."""
    text = clean_text(label)
    if text is None or len(text) > _GENRE_MAX_LEN:
        return []
    found = _genre_lookup(text)
    if found:
        return list(found)
    key = _genre_key(text)
    if not key or key in _GENRE_JUNK or not any(c.isalpha() for c in text):
        return []
    # "Comedy & Horror": split on "&" only if every part is a known genre.
    parts = [p for p in _GENRE_AMP_RE.split(text) if p.strip()]
    if len(parts) > 1:
        resolved = [_genre_lookup(p) for p in parts]
        if all(resolved):
            return [g for r in resolved for g in r]  # type: ignore[union-attr]
    # Title-casing can expose new mojibake to ftfy; iterate to a fixed point so
    # that the display form resolves to itself (idempotence).
    out = _fixpoint(lambda x: clean_text(_display_genre(x)) or x, text) or text
    if len(out) > _GENRE_MAX_LEN or _genre_lookup(out) or _genre_key(out) in _GENRE_JUNK or not _genre_key(out):
        return []
    return [out]


def canonical_genre(s: Any) -> str | None:
    """Canonical genre name for one label ("Sci-Fi" -> "Science Fiction").

    Equal to ``canonical_genres(s)[0]``: a label mapping to several genres
    ("Action & Adventure", "Drama, Comedy") returns the first one; use
    :func:`canonical_genres` to get all.  Unknown labels are kept as
    their cleaned name (title-cased if all lower, or all upper unless it looks
    like a short acronym such as "LGBTQ+").  Junk ("Movies") -> None.
    """
    if not isinstance(s, (str, bytes, bytearray)):
        return None
    found = canonical_genres(s)
    return found[0] if found else None


def _iter_genre_labels(value: Any) -> Iterable[Any]:
    if isinstance(value, (str, bytes, bytearray)):
        yield value
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value if not isinstance(value, (set, frozenset)) else sorted(value, key=repr):
            if isinstance(item, (str, bytes, bytearray)):
                yield item


def canonical_genres(value: Any) -> list[str]:
    """Canonical genres from a list or a ","/"/"/"|"/" and "-separated string,
    de-duplicated in order, empties and junk dropped."""
    out: list[str] = []
    for raw in _iter_genre_labels(value):
        text = clean_text(raw)
        if text is None:
            continue
        whole = _genre_lookup(text)
        pieces = [text] if whole else _GENRE_SPLIT_RE.split(text)
        for piece in pieces:
            for genre in _genre_resolve(piece):
                if genre not in out:
                    out.append(genre)
    return out


# ---------------------------------------------------------------------------
# people
# ---------------------------------------------------------------------------

_NAME_JUNK = frozenset(
    {
        "na", "n/a", "n.a.", "n.a", "none", "null", "nil", "unknown", "various", "various artists",
        "more", "more...", "more\u2026", "see all", "see more", "show all", "show more", "view all",
        "view more", "all", "tba", "tbd", "tbc", "cast", "crew", "full cast", "full cast & crew",
        "cast & crew", "director", "directors", "writer", "writers", "producer", "producers",
        "creator", "creators", "star", "stars", "and more", "others", "et al.", "et al",
    }
)
_NAME_LEAD_RE = re.compile(r"^(?:(?:directed|written|produced|created)\s+by|by|dir\.|director:|dir:)\s*:?\s*(?=\S)", re.I)
_ROLE_WORDS = (
    r"dir\.?|director|co-director|writer|screenwriter|screenplay|story|producer|"
    r"executive\s+producer|creator|voice|actor|actress|cast|uncredited|novel|characters"
)
_NAME_ROLE_PAREN_RE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_NAME_ROLE_TAIL_RE = re.compile(r"(?:\s*[,;:\-\u2013\u2014]\s*|\s+)(?:" + _ROLE_WORDS + r")\.?$", re.I)
_NAME_TRAIL_PUNCT_RE = re.compile(r"[\s,;:/|\u2022\u00b7*\-\u2013\u2014]+$")
_NAME_LEAD_PUNCT_RE = re.compile(r"^[\s,;:./|\u2022\u00b7*\-\u2013\u2014]+")
_NAME_TRAIL_DOT_RE = re.compile(r"(?<=\w{4})\.+$")
_NAME_MAX_LEN = 80
_NAME_MAX_WORDS = 6


def _clean_name_step(t: str) -> str:
    for pattern in (_NAME_LEAD_RE, _NAME_ROLE_PAREN_RE, _NAME_ROLE_TAIL_RE, _NAME_TRAIL_PUNCT_RE,
                    _NAME_LEAD_PUNCT_RE, _NAME_TRAIL_DOT_RE):
        new = pattern.sub("", t)
        if new != t and new.strip():
            return clean_text(new) or t
    return t


def clean_name(s: Any) -> str | None:
    """Person name as written (diacritics kept).

    Strips leading "by "/"Directed by ", trailing role notes ("(director)",
    ", Dir.", any trailing parenthetical such as IMDb's "(I)") and trailing
    punctuation (a trailing "." only after a word of 4+ characters, so "Jr."
    and initials survive).  Rejects placeholders ("N/A", "Unknown", "See
    all" ...), strings without letters, > 80 chars or > 6 words.
    """
    text = clean_text(s)
    if text is None:
        return None
    t = _fixpoint(_clean_name_step, text)
    if not t:
        return None
    if t.lower() in _NAME_JUNK or not any(c.isalpha() for c in t):
        return None
    if len(t) > _NAME_MAX_LEN or len(t.split()) > _NAME_MAX_WORDS:
        return None
    return t


_CHAR_NOTE_WORDS = (
    r"voice|voices|uncredited|credit\s+only|archive\s+footage|archival\s+footage|"
    r"as\s+[^()\[\]]*|segment\s+[^()\[\]]*|scenes?\s+deleted|cameo|singing\s+voice|speaking\s+voice|"
    r"english\s+version|english\s+dub|\d+\s+episodes?[^()\[\]]*"
)
_CHAR_NOTE_RE = re.compile(r"\s*[(\[]\s*(?:" + _CHAR_NOTE_WORDS + r")\s*[)\]]", re.I)
_CHAR_LEAD_AS_RE = re.compile(r"^(?:as|(?:the\s+)?voice\s+of)\s+(?=\S)", re.I)
_CHAR_BARE_NOTE_RE = re.compile(r"^(?:\(?\s*(?:voice|uncredited|credit only)\s*\)?)$", re.I)
_CHAR_TRAIL_UNCREDITED_RE = re.compile(r"\s*[,\-\u2013\u2014]?\s*\buncredited\s*$", re.I)
_CHAR_JUNK = frozenset({"na", "n/a", "n.a.", "-", "?", "none", "null", "tba", "tbd"})
_CHAR_MAX_LEN = 200


def _clean_character_step(t: str) -> str:
    for pattern in (_CHAR_NOTE_RE, _CHAR_LEAD_AS_RE, _CHAR_TRAIL_UNCREDITED_RE, _NAME_TRAIL_PUNCT_RE):
        new = pattern.sub("", t)
        if new != t and new.strip():
            return clean_text(new) or t
    return t


def clean_character(s: Any) -> str | None:
    """Character name: "as David" -> "David", "Voice of Hogarth" -> "Hogarth"; "(voice)", "(uncredited)",
    "(as Bob)", "(archive footage)" notes dropped; "Self"/"Himself"/"Herself"
    kept as is.  A bare note ("uncredited", "(voice)") -> None."""
    text = clean_text(s)
    if text is None:
        return None
    t = _fixpoint(_clean_character_step, text)
    if not t or _CHAR_BARE_NOTE_RE.match(t) or t.lower() in _CHAR_JUNK:
        return None
    if not any(c.isalnum() for c in t) or len(t) > _CHAR_MAX_LEN:
        return None
    return t


# ---------------------------------------------------------------------------
# content ratings
# ---------------------------------------------------------------------------

CONTENT_RATINGS: frozenset[str] = frozenset(
    {"G", "PG", "PG-13", "R", "NC-17", "NR", "TV-Y", "TV-Y7", "TV-Y7-FV", "TV-G", "TV-PG", "TV-14", "TV-MA"}
)
_CONTENT_RATING_KEYS = {re.sub(r"[^A-Z0-9]", "", r): r for r in CONTENT_RATINGS}
_CONTENT_RATING_KEYS.update(
    {"NOTRATED": "NR", "UNRATED": "NR", "UR": "NR", "NONRATED": "NR", "NOTYETRATED": "NR", "TVY7FV": "TV-Y7-FV"}
)
_CONTENT_RATING_PREFIX_RE = re.compile(
    r"^(?:(?:mpaa|mpa|us|usa)\s*:?\s*)?(?:(?:content\s+)?rating\s*:?\s*)?(?:rated\s*:?\s*)?", re.I
)
_CONTENT_RATING_SUFFIX_RE = re.compile(r"\s+for\s+.*$|\s*[(\[].*$", re.I)


def clean_content_rating(s: Any) -> str | None:
    """US certification: "Rated PG-13" / "pg13" -> "PG-13", "TV-MA", "NC-17",
    "R", "G", "PG", "Not Rated"/"NR"/"Unrated" -> "NR".  "Rated R for violence" -> "R".
    Recognised non-US certifications are kept as shown: "FSK 16" (also "FSK16"),
    "15", "12A", "16+", "MA15+".  Anything else -> None."""
    text = clean_text(s)
    if text is None:
        return None
    text = _CONTENT_RATING_SUFFIX_RE.sub("", text)
    text = _CONTENT_RATING_PREFIX_RE.sub("", text)
    key = re.sub(r"[^A-Z0-9]", "", text.upper())
    if key in _CONTENT_RATING_KEYS:
        return _CONTENT_RATING_KEYS[key]
    return _foreign_rating(text)


# Recognised non-US certifications, kept as shown (tidied): German FSK/USK, British
# BBFC, age thresholds ("16+"), Australian and Japanese classes.
_FOREIGN_RATING_RE = re.compile(
    r"^(?:(?P<org>FSK|USK|FSK\s*ab|ab)\s*(?P<age>0|6|12|16|18)"
    r"|(?P<bbfc>U|12A|12|15|18|R18|PG-?12|R15\+|R18\+|MA15\+|M)"
    r"|(?P<plus>(?:0|3|6|7|9|10|12|13|14|15|16|18)\+))$",
    re.I,
)


FOREIGN_CONTENT_RATINGS: frozenset[str] = frozenset(
    [f"{org} {age}" for org in ("FSK", "USK") for age in (0, 6, 12, 16, 18)]
    + ["U", "12A", "12", "15", "18", "R18", "PG-12", "PG12", "R15+", "R18+", "MA15+", "M"]
    + [f"{age}+" for age in (0, 3, 6, 7, 9, 10, 12, 13, 14, 15, 16, 18)]
)


def _foreign_rating(text: str) -> str | None:
    m = _FOREIGN_RATING_RE.match(text.strip())
    if not m:
        return None
    if m.group("age"):
        org = m.group("org").upper()
        return f"{'FSK' if org.startswith(('FSK', 'AB')) else org} {m.group('age')}"
    out = (m.group("bbfc") or m.group("plus")).upper()
    return out if out in FOREIGN_CONTENT_RATINGS else None


# ---------------------------------------------------------------------------
# synopsis
# ---------------------------------------------------------------------------

_PARA_TAG_RE = re.compile(r"<\s*/?\s*p\b[^>]*>|<\s*br\s*/?\s*>\s*<\s*br\s*/?\s*>", re.I)
_BR_TAG_RE = re.compile(r"<\s*br\s*/?\s*>", re.I)
_INLINE_TAG_RE = re.compile(r"<\s*/?\s*(?:i|em|b|strong|span|u|small|a)\b[^<>]*>", re.I)
_PARA_SPLIT_RE = re.compile(r"\n[^\S\n]*\n\s*")


def _clean_synopsis_once(s: str) -> str:
    s = _fix_text(s)
    s = html.unescape(s)
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n").replace("\u2028", "\n")
    s = _PARA_TAG_RE.sub("\n\n", s)
    s = _BR_TAG_RE.sub("\n", s)
    s = _INLINE_TAG_RE.sub("", s)
    # a synopsis is new text: its paragraphs skip clean_text's cache, which is for the short
    # strings pages repeat (names, providers, genres) and would fill up with them
    paragraphs = [_fixpoint(_clean_text_once, p) or None for p in _PARA_SPLIT_RE.split(s)]
    out = "\n\n".join(p for p in paragraphs if p)
    if len(out) > SYNOPSIS_MAX_CHARS:
        cut = out[:SYNOPSIS_MAX_CHARS]
        space = cut.rfind(" ")
        if space > SYNOPSIS_MAX_CHARS // 2:
            cut = cut[:space]
        out = cut.rstrip()
    return out


def clean_synopsis(s: Any) -> str | None:
    """Like :func:`clean_text` but paragraph breaks (blank lines, ``<p>``,
    ``<br><br>``) survive as "\\n\\n"; single line breaks become spaces; simple
    inline tags (<i>, <b>, <em> ...) are removed.  Truncated to 20000 chars at
    a word boundary."""
    text = _as_text(s)
    if text is None:
        return None
    return _clean_synopsis_text(text)


@functools.lru_cache(maxsize=256)
def _clean_synopsis_text(text: str) -> str | None:
    # memoized: the dispatcher checks the raw synopsis, normalize_film then cleans it again
    out = _fixpoint(_clean_synopsis_once, text)
    return out or None


# ---------------------------------------------------------------------------
# offers: providers
# ---------------------------------------------------------------------------

# The single alias table: alias (lower case) -> canonical provider name.
# Lookups ignore case, spaces and punctuation ("+" counts as "plus").
PROVIDER_ALIASES: dict[str, str] = {
    "netflix": "Netflix",
    "prime video": "Prime Video",
    "amazon prime video": "Prime Video",
    "amazon prime": "Prime Video",
    "prime": "Prime Video",
    "amazon video": "Amazon Video",
    "amazon": "Amazon Video",
    "amazon instant video": "Amazon Video",
    "max": "Max",
    "hbo max": "Max",
    "hbo": "Max",
    "apple tv+": "Apple TV+",
    "apple tv plus": "Apple TV+",
    "appletv+": "Apple TV+",
    "apple tv": "Apple TV",
    "itunes": "Apple TV",
    "apple itunes": "Apple TV",
    "apple tv store": "Apple TV",
    "disney+": "Disney+",
    "disney plus": "Disney+",
    "hulu": "Hulu",
    "peacock": "Peacock",
    "peacock premium": "Peacock",
    "peacock tv": "Peacock",
    "paramount+": "Paramount+",
    "paramount plus": "Paramount+",
    "tubi": "Tubi",
    "tubi tv": "Tubi",
    "pluto tv": "Pluto TV",
    "the roku channel": "The Roku Channel",
    "roku channel": "The Roku Channel",
    "kanopy": "Kanopy",
    "hoopla": "Hoopla",
    "criterion channel": "Criterion Channel",
    "the criterion channel": "Criterion Channel",
    "mubi": "MUBI",
    "youtube": "YouTube",
    "youtube movies": "YouTube",
    "google play movies": "Google Play Movies",
    "google play": "Google Play Movies",
    "google play movies & tv": "Google Play Movies",
    "fandango at home": "Fandango at Home",
    "vudu": "Fandango at Home",
    "fandango at home (vudu)": "Fandango at Home",
    "starz": "Starz",
    "crunchyroll": "Crunchyroll",
    "plex": "Plex",
    "showtime": "Showtime",
    "amc+": "AMC+",
    "shudder": "Shudder",
    "britbox": "BritBox",
    "freevee": "Freevee",
    "amazon freevee": "Freevee",
}

_PROVIDER_LEAD_RE = re.compile(
    r"^(?:(?:watch|stream|rent|buy)(?:\s+now)?|available|now\s+streaming)\s+(?:on|at|with|from)\s+(?=\S)", re.I
)
_PROVIDER_TAIL_RE = re.compile(r"\s*[-\u2013|:]?\s*\b(?:logo|icon)\s*$", re.I)
_PROVIDER_MAX_LEN = 100


def _provider_key(name: str) -> str:
    key = name.lower().replace("+", " plus ").replace("&", " and ")
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKD", key))


_PROVIDER_LOOKUP: dict[str, str] = {}
for _alias, _canon in PROVIDER_ALIASES.items():
    _PROVIDER_LOOKUP[_provider_key(_alias)] = _canon
for _canon in set(PROVIDER_ALIASES.values()):
    _PROVIDER_LOOKUP.setdefault(_provider_key(_canon), _canon)


def _provider_step(t: str) -> str:
    for pattern in (_PROVIDER_LEAD_RE, _PROVIDER_TAIL_RE):
        new = pattern.sub("", t)
        if new != t and new.strip():
            return clean_text(new) or t
    return t


def canonical_provider(s: Any) -> str | None:
    """Canonical streaming provider via :data:`PROVIDER_ALIASES`.

    Ignores case, spaces, punctuation, a trailing "logo" and a leading
    "Watch on "/"Stream on ".  Unknown providers are returned as their cleaned
    name (with those wrappers removed).  No letters/digits or > 100 chars ->
    None."""
    text = clean_text(s)
    if text is None:
        return None
    t = _fixpoint(_provider_step, text)
    if not t:
        return None
    key = _provider_key(t)
    if key in _PROVIDER_LOOKUP:
        return _PROVIDER_LOOKUP[key]
    if not any(c.isalnum() for c in t) or len(t) > _PROVIDER_MAX_LEN:
        return None
    return t


# ---------------------------------------------------------------------------
# offers: type, price, quality, region
# ---------------------------------------------------------------------------

OFFER_TYPES: frozenset[str] = frozenset({"subscription", "free", "ads", "rent", "buy"})
_OFFER_EXACT = {
    "stream": "subscription",
    "streaming": "subscription",
    "subscription": "subscription",
    "subs": "subscription",
    "sub": "subscription",
    "svod": "subscription",
    "flatrate": "subscription",
    "included": "subscription",
    "included with": "subscription",
    "with subscription": "subscription",
    "free": "free",
    "free with ads": "ads",
    "with ads": "ads",
    "ads": "ads",
    "avod": "ads",
    "fast": "ads",
    "rent": "rent",
    "rental": "rent",
    "tvod": "rent",
    "buy": "buy",
    "purchase": "buy",
    "own": "buy",
    "est": "buy",
}
_OFFER_PREFIXES = (
    (re.compile(r"^(?:free\s+with\s+ads|free\s+w\s+ads|free\s+ads|with\s+ads|ads|avod|ad\s+supported"
                r"|ads\s+supported|advertising\s+supported|free\s+ad\s+supported)\b"), "ads"),
    (re.compile(r"^free\b(?!\s+trial)"), "free"),
    (re.compile(r"^(?:rent|rental|rentals)\b"), "rent"),
    (re.compile(r"^(?:buy|purchase|own|est)\b"), "buy"),
    (re.compile(r"^(?:stream|streaming|subscription|subs|sub|svod|flatrate|included)\b"), "subscription"),
    (re.compile(r"^with\s+(?:a\s+)?subscription\b"), "subscription"),
)


def offer_type(s: Any) -> str | None:
    """Offer type: one of "subscription", "free", "ads", "rent", "buy".

    Exact labels ("flatrate", "AVOD", "EST" ...) or a leading keyword
    ("Rent from $3.99", "Included with Prime", "Free with ads")."""
    text = clean_text(s)
    if text is None:
        return None
    key = " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())
    if key in _OFFER_EXACT:
        return _OFFER_EXACT[key]
    for pattern, kind in _OFFER_PREFIXES:
        if pattern.match(key):
            return kind
    return None


_CURRENCY_SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "USD$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "円": "JPY",
    "CA$": "CAD",
    "C$": "CAD",
    "CAD$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD$": "AUD",
    "NZ$": "NZD",
    "R$": "BRL",
    "₹": "INR",
    "RS": "INR",
    "RS.": "INR",
    "MX$": "MXN",
    "HK$": "HKD",
    "S$": "SGD",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "ZŁ": "PLN",
    "₪": "ILS",
    "₱": "PHP",
}
# Common ISO 4217 codes recognised when written in lower case ("usd 3.99"),
# which price_parser does not pick up by itself.
_ISO_CURRENCY_RE = re.compile(
    r"(?<![a-z])(usd|eur|gbp|jpy|cad|aud|nzd|brl|inr|mxn|chf|sek|nok|dkk|pln|krw|cny|hkd|sgd|zar|try|rub|ils|php)(?![a-z])",
    re.I,
)
_KRONA_RE = re.compile(r"(?<![^\W\d_])kr\.?(?![^\W\d_])", re.I)
_KRONA_CURRENCIES = frozenset({"SEK", "NOK", "DKK", "ISK"})
_DOLLAR_CURRENCIES = frozenset({"USD", "CAD", "AUD", "NZD", "MXN", "HKD", "SGD"})


def _currency_code(symbol: str | None, default: str | None) -> str | None:
    if not symbol:
        return default
    sym = symbol.strip().upper()
    if sym == "$" and default in _DOLLAR_CURRENCIES:
        return default
    if sym in ("KR", "KR.", ":-"):
        return default if default in _KRONA_CURRENCIES else "SEK"  # a krona, Swedish unless said
    if sym in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[sym]
    if re.fullmatch(r"[A-Z]{3}", sym):
        return sym
    return default


def parse_price(s: Any, default_currency: str | None = None) -> tuple[float | None, str | None]:
    """``(amount, ISO 4217 currency)`` via price_parser.

    "$3.99" -> (3.99, "USD"), "3,99 €" -> (3.99, "EUR"), "CA$5.99" -> (5.99,
    "CAD").  "Free" (no digits) -> (None, None); "$0.00" -> (0.0, "USD").
    ``default_currency`` (3 letters) is used when no currency is written, and
    for a bare "$" when it is itself a dollar currency (CAD, AUD ...).
    Amounts are rounded to 2 decimals."""
    default = None
    dc = _as_text(default_currency)
    if dc and re.fullmatch(r"[A-Za-z]{3}", dc.strip()):
        default = dc.strip().upper()
    elif dc and dc.strip().upper() in _CURRENCY_SYMBOLS and dc.strip() != "$":
        default = _CURRENCY_SYMBOLS[dc.strip().upper()]  # a symbol given as the currency ("A$")
    if _is_number(s):
        value = _finite(s)
        if value is None or value < 0:
            return (None, None)
        return (round(value, 2), default)
    text = clean_text(s)
    if text is None:
        return (None, None)
    if not any(c.isdigit() for c in text):
        return (None, None)
    try:
        price = Price.fromstring(text)
    except (ValueError, ArithmeticError, IndexError):
        return (None, None)
    if price.amount is None:
        return (None, None)
    value = _finite(price.amount)
    if value is None or value < 0:
        return (None, None)
    symbol = price.currency
    if symbol is None:
        m = _ISO_CURRENCY_RE.search(text)
        symbol = m.group(1) if m else None
    if symbol is None and _KRONA_RE.search(text):
        # "49 kr", "kr 49": a krona; Swedish unless the page says which
        return (round(value, 2), default if default in _KRONA_CURRENCIES else "SEK")
    return (round(value, 2), _currency_code(symbol, default))


QUALITIES: frozenset[str] = frozenset({"SD", "HD", "4K"})
_QUALITY_PATTERNS = (
    (re.compile(r"\b(?:4k|uhd|ultra\s*-?\s*hd|2160p|4k\s*uhd)\b", re.I), "4K"),
    (re.compile(r"\b(?:hd|hdx|full\s*-?\s*hd|fhd|1080[pi]|720p)\b", re.I), "HD"),
    (re.compile(r"\b(?:sd|dvd|480[pi]|576[pi]|360p)\b", re.I), "SD"),
)


def parse_quality(s: Any) -> str | None:
    """Video quality "SD" / "HD" / "4K" ("UHD", "Ultra HD", "2160p" -> "4K";
    "1080p", "720p", "Full HD" -> "HD"; "480p", "DVD" -> "SD").  When several
    are mentioned the best one wins."""
    text = clean_text(s)
    if text is None:
        return None
    for pattern, quality in _QUALITY_PATTERNS:
        if pattern.search(text):
            return quality
    return None


ISO_COUNTRIES: frozenset[str] = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
    BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
    EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
    HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
    LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
    """.split()
)
_REGION_ALIASES = {"UK": "GB"}


def _region_code(part: str) -> str | None:
    code = part.upper()
    code = _REGION_ALIASES.get(code, code)
    return code if code in ISO_COUNTRIES else None


def parse_region(s: Any) -> str | None:
    """ISO 3166-1 alpha-2 country code (upper case) from "us", "US", "en-US",
    "en_GB", "zh-Hant-TW"; "UK" -> "GB".  Language-only tags and garbage ->
    None."""
    text = clean_text(s)
    if text is None:
        return None
    text = text.strip(" /.")
    if not re.fullmatch(r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*", text):
        return None
    parts = re.split(r"[-_]", text)
    if len(parts) == 1:
        return _region_code(parts[0]) if len(parts[0]) == 2 and parts[0].isascii() and parts[0].isalpha() else None
    for part in parts[1:]:
        if len(part) == 2 and part.isascii() and part.isalpha():
            return _region_code(part)
    return None
