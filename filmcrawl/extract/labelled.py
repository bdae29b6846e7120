"""The "labelled" page family: film facts given as label -> value pairs.

Pairs are collected, in document order, from every common markup form:

* ``<dl>``: a ``<dt>`` and the ``<dd>`` siblings that follow it up to the next ``<dt>``;
* tables: ``<tr>`` with ``<th>`` + ``<td>`` (infoboxes), or ``<td>``/``<td>`` rows whose
  first cell ends with ":" or is a known label;
* "Label: value" lines: an element (``li``, ``p``, ``div``, ``span`` ...) whose content
  starts with a label and ":" (the label may sit in its own ``<strong>``/``<b>``/
  ``<span class=label>``); one element may hold several lines (``<br>`` or one label
  element per line);
* headings naming a label ("Cast", "Synopsis") followed by a list/table/paragraph;
* a badge list near the ``<h1>`` ("PG", "2001", "2 hr 5 min", "IMDb 8.6 (900,000)"),
  read by the shape of each badge.

Values are split into items by child elements first (``<a>Tom Hanks</a><a>Meg Ryan</a>``
is two names with no comma between them) and by separators in loose text
(commas, " and ", "·", "|", "/", newlines). Every field returns a raw value;
:mod:`filmcrawl.normalize` turns "2 hr 5 min" into minutes and so on.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from itertools import count, islice

from lxml import etree

from .base import FamilyPage, xpath_all

# patterns of the re.* calls below, compiled once
_SPACE_BEFORE_CLOSING_PUNCT = re.compile(r"\s+([,;:)\]])")
_DATE_CHUNK_SEP = re.compile(r"[\n;|·•]")
_NAME_AS_ROLE = re.compile(r"^(.+?)\s+(?:as|…|\.\.\.+|–|—|-)\s+(.+)$")
_NAME_PAREN_ROLE = re.compile(r"^(.+?)\s*\(([^()]+)\)\s*$")
_NAME_COLON_ROLE = re.compile(r"^([^:]{2,50}?)\s*:\s+([^:]{1,60})$")
_SPACE_AFTER_OPENING_BRACKET = re.compile(r"([(\[])\s+")
_COMMA = re.compile(r",")
_PAREN_GROUP = re.compile(r"\([^()]*\)")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")
_NAME_SUFFIX = re.compile(r"(?:jr|sr|ii|iii|iv)\.?", re.I)
_DIGIT = re.compile(r"\d")
_COMMA_OR_SLASH_SEP = re.compile(r"\s*[,/]\s*")
_AS_OR_VOICE_OF_PREFIX = re.compile(r"^(?:as|voice of)\s+", re.I)
_AMPERSAND_SEP = re.compile(r"\s+&\s+")
_READ_MORE_TAIL = re.compile(r"\s*(?:…|\.\.\.)?\s*(?:read more|see full (?:summary|synopsis)|show more|more)\W*$", re.I)
_TRAILING_PAREN_YEAR = re.compile(r"\(((?:18|19|20)\d{2})\)\s*$")
# a month and day just before a comma, as in "December 7, 2001"
_MONTH_DAY_END = re.compile(r"[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*$")
_LEADING_YEAR = re.compile(r"\s*\d{4}")
_AS_PREFIX = re.compile(r"^as\s+")
_DASH_OR_COLON_PREFIX = re.compile(r"^\s*[:：\-–—]\s*")
_VOTE_COUNT = re.compile(r"\d[\d.,]*\s*[KkMm]?")
_RELEASE_LABEL = re.compile(r"releas|date|premiere|year")
# a cast-card cell holding only a separator ("...", "–", "as", "|"), any case
_CARD_SEPARATOR_CELL = re.compile(r"\.{2,}|…|-|–|—|as|\|", re.I)
_WRITER_CREDIT_PREFIX = re.compile(r"^(?:screenplay|story|teleplay|written|script)(?: by)?\s*:?\s+", re.I)
_TRAILING_PAREN_NOTE = re.compile(r"\s*\([^)]*\)\s*$")
# a cast value holding only a separator ("...", "–", "as"), case-sensitive, no "|"
_VALUE_SEPARATOR_CELL = re.compile(r"\.{2,}|…|-|–|—|as")
_BULLET_OR_WIDE_GAP_SEP = re.compile(r"\s*[·•|]\s*|\s{2,}")
_LIST_SEPARATOR = re.compile(r"[,;|·•]|\sand\s")
_BULLET_OR_PIPE = re.compile(r"[·•|]")
# a label/class hint naming a content rating (MPAA, certificate, FSK, age...)
_CONTENT_RATING_HINT = re.compile(r"mpaa|\bmpa\b|certif|content-?rating|(?<![a-z])age(?![a-z])|\bcert\b|\bfsk\b|classification")

# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------
_WS = re.compile(r"\s+")
_CITATION = re.compile(r"\[(?:\d{1,3}|[a-z]|note \d+|nb \d+|citation needed)\]", re.I)


def clean(text: str | None) -> str:
    """Collapse whitespace, drop wiki-style citation marks, tidy space before punctuation."""
    if not text:
        return ""
    if len(text) <= 512:
        return _clean_cached(text)
    return _clean(text)


@lru_cache(maxsize=8192)  # bounded: the workers read pages all night
def _clean_cached(text: str) -> str:
    return _clean(text)


def _clean(text: str) -> str:
    text = text.replace("\xa0", " ").replace("\u200b", "")
    if "[" in text:
        text = _CITATION.sub("", text)
    text = " ".join(text.split())  # (= _WS.sub(" ", text).strip(): the same whitespace, faster)
    # whitespace is now single spaces: the two tidy-ups below are skipped when their
    # pattern cannot match
    if "( " in text or "[ " in text:
        text = _SPACE_AFTER_OPENING_BRACKET.sub(r"\1", text)
    if " ," in text or " ;" in text or " :" in text or " )" in text or " ]" in text:
        text = _SPACE_BEFORE_CLOSING_PUNCT.sub(r"\1", text)
    return text


_IMDB_TEXTS = etree.XPath("//text()[contains(., 'IMDb') or contains(., 'IMDB')]")
_WITH_CLASS = etree.XPath("//*[@class=$c]")


def _may_have_imdb_text(root) -> bool:
    """False when no text node under ``root`` holds "IMDb"/"IMDB" (what _IMDB_TEXTS
    looks for): every text node is a part of the tree's text serialization."""
    try:
        text = etree.tostring(root, method="text", encoding=str)
    except Exception:  # noqa: BLE001 - then the XPath decides
        return True
    return "IMDb" in text or "IMDB" in text


def is_el(node) -> bool:
    return not isinstance(node, str) and isinstance(getattr(node, "tag", None), str)


def seq(el) -> list:
    """The child sequence of ``el``: its text, then each child element and its tail."""
    out = []
    if el.text:
        out.append(el.text)
    for ch in el:
        if isinstance(ch.tag, str):
            out.append(ch)
        if ch.tail:
            out.append(ch.tail)
    return out


# the text nodes under an element, in page order: what ``el.itertext()`` gives (the
# text and tails below ``el``, comments' tails but not their text; adjacent text nodes,
# which itertext would give as one string, are never made by the HTML parser nor by
# the page cleaning), found in C rather than by itertext's Python-level event walk
TEXT_NODES = etree.XPath(".//text()", smart_strings=False)


def el_text(el) -> str:
    if not is_el(el):
        return clean(el)
    if not len(el):
        return clean(el.text)  # (a leaf: its text is all itertext() gives)
    return clean(" ".join(TEXT_NODES(el)))


def joined_text(el, sep: str = " ") -> str:
    """``sep.join(el.itertext())``: for an element without children, its text (all
    that itertext() gives; the iterator costs more than the text)."""
    if isinstance(el.tag, str):
        if not len(el):
            return el.text or ""
        return sep.join(TEXT_NODES(el))  # (= itertext(), see TEXT_NODES)
    return sep.join(el.itertext())


def nodes_text(nodes) -> str:
    return clean("".join([n if isinstance(n, str) else " " + joined_text(n) + " " for n in nodes]))


def element_order(shared: dict, root) -> dict:
    """{element: position in document order} over ``root``, made once per page and
    shared (in ``shared``) by the families reading the same copy."""
    got = shared.get("el_order")
    if got is not None and got[0] is root:
        return got[1]
    order = dict(zip(root.iter(etree.Element), count()))  # (elements only; = {el: i for i, el in enumerate(...)})
    shared["el_order"] = (root, order)
    return order


def el_classes(el) -> str:
    get = el.get
    return f"{get('class') or ''} {get('id') or ''} {get('itemprop') or ''} {get('data-testid') or ''}".lower()


BLOCK_TAGS = {
    "li", "tr", "p", "div", "dd", "dt", "ul", "ol", "table", "tbody", "thead", "tfoot",
    "section", "article", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "figure", "figcaption", "dl", "aside", "main",
}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def has_block(el) -> bool:
    if not len(el):
        return False  # (no descendants)
    for d in el.iterdescendants():
        tag = d.tag  # (a comment's or entity's tag is a function: in no set of names)
        if tag in BLOCK_TAGS or tag == "br":
            return True
    return False


def _raw_blocks(nodes) -> list[list]:
    """The blocks of :func:`blocks_of`, some maybe empty of text."""
    blocks: list[list] = [[]]

    def new():
        if blocks[-1]:
            blocks.append([])

    def walk(items):
        for n in items:
            if isinstance(n, str):
                blocks[-1].append(n)
                continue
            tag = n.tag
            if tag == "br":
                new()
            elif tag in ("img", "input", "button", "select", "hr"):
                continue
            elif tag in BLOCK_TAGS or has_block(n):
                new()
                walk(seq(n))
                new()
            else:
                blocks[-1].append(n)

    walk(nodes)
    return blocks


def blocks_of(nodes) -> list[list]:
    """Split a value (strings and elements) into blocks at block elements and ``<br>``."""
    return [b for b in _raw_blocks(nodes) if has_text(b)]


def has_text(nodes) -> bool:
    """``bool(nodes_text(nodes))``, without cleaning the text when it has no "[": with no
    citation mark to drop, cleaning leaves something iff a character is neither
    whitespace nor a zero-width space (the rest of clean() only drops spaces)."""
    text = "".join([n if isinstance(n, str) else " " + joined_text(n) + " " for n in nodes])
    if "[" in text:
        return bool(clean(text))
    return bool(text.replace("\u200b", "").split())


def blocks_and_texts(nodes) -> tuple[list[list], list[str]]:
    """``blocks_of(nodes)`` and the ``nodes_text`` of each block."""
    blocks, texts = [], []
    for b in _raw_blocks(nodes):
        text = nodes_text(b)
        if text:
            blocks.append(b)
            texts.append(text)
    return blocks, texts


_FLAT_SKIP = frozenset(("img", "button", "input", "hr"))


def _flat(tokens, cls="") -> list[tuple[str, str, str]]:
    """Flatten a block into ("t", text) and ("a", text, classes) atoms."""
    out: list[tuple[str, str, str]] = []
    _flat_into(tokens, cls, out)
    return out


def _flat_into(tokens, cls: str, out: list) -> None:
    for t in tokens:
        if isinstance(t, str):
            out.append(("t", t, cls))
            continue
        tag = getattr(t, "tag", None)
        if isinstance(tag, str):  # (is_el)
            if tag in _FLAT_SKIP:
                continue
            # (an element without attributes adds no class: el_classes gives spaces)
            ccls = (cls + " " + (el_classes(t) if t.attrib else "")).strip()
            if len(t) and any(isinstance(c.tag, str) for c in t):
                out.append(("b", "", ccls))  # a boundary-less marker (keeps class context)
                _flat_into(seq(t), ccls, out)
            else:
                out.append(("a", joined_text(t, ""), ccls))


_ITEM_SEP = re.compile(r"\s*(?:[,;|·•/\n]|\s+and\s+)\s*")
_NOISE_ITEM = re.compile(
    r"^(?:more|\.\.\.|…|see (?:all|more|full)\b.*|view (?:all|more)\b.*|show (?:all|more)\b.*"
    r"|full cast\b.*|\+\s*\d+\s*more|\d+\s*more|edit|read more|and more|etc\.?|n/?a|-+|—|–)$",
    re.I,
)


def inline_items(block, seps=_ITEM_SEP) -> list[tuple[str, str]]:
    """Items of one block as (text, classes): split at separators in loose text and
    between adjacent elements that have only whitespace between them."""
    items: list[tuple[str, str]] = []
    cur = ""
    cur_cls = ""
    last_atom = False
    split = seps.split
    char_hint = _CHAR_HINT_RE.search
    # ("flush" below: the item so far is kept if it is not blank, and a new one starts)
    for kind, text, cls in _flat(block):
        if kind == "t":
            parts = split(text)
            cur += parts[0]
            if len(parts) > 1:
                for part in parts[1:]:
                    if cur.strip():  # flush
                        items.append((cur, cur_cls))
                    cur, cur_cls = part, ""
            if text.strip():
                last_atom = False
        elif kind == "a":
            is_char = char_hint(cls) is not None if cls else False  # (_char_hint)
            if (last_atom or is_char) and cur.strip():
                # adjacent elements, or "Tom Hardy <span class=role>Max</span>": two items
                items.append((cur, cur_cls))  # flush
                cur, cur_cls = "", ""
            # a character element is one item: "Fauno / Pale Man"
            if is_char:
                cur += text
                cur_cls = (cur_cls + " " + cls).strip()
            else:
                parts = split(text)
                cur += parts[0]
                cur_cls = (cur_cls + " " + cls).strip()
                for part in parts[1:]:
                    if cur.strip():  # flush
                        items.append((cur, cur_cls))
                    cur, cur_cls = part, cls
            last_atom = True
        # ("b" atoms only mark where an element's children start)
    if cur.strip():  # flush
        items.append((cur, cur_cls))
    out = []
    for text, cls in items:
        kept = _kept_item(text) if len(text) <= 512 else _kept_item.__wrapped__(text)
        if kept is None:
            continue
        text, suffix = kept
        if suffix and out:
            out[-1] = (out[-1][0] + ", " + text, out[-1][1])
            continue
        out.append((text, cls))
    return out


@lru_cache(maxsize=8192)  # (bounded, like clean's memo; names and roles come back)
def _kept_item(text: str) -> tuple[str, bool] | None:
    """An item of :func:`inline_items` as it is kept: its cleaned text and whether it is
    a name suffix ("Jr.", joined to the item before it); None for no item ("more")."""
    text = clean(text).strip(" :-–—•·,;")
    if not text or _NOISE_ITEM.match(text):
        return None
    return text, _NAME_SUFFIX.fullmatch(text) is not None


# --------------------------------------------------------------------------
# labels
# --------------------------------------------------------------------------
_LABEL_WORDS = {
    "directors": [
        "directed by", "director", "direction", "directed", "film director", "regie",
        "réalisation", "réalisateur",
    ],
    "writers": [
        "written by", "writer", "screenplay", "screenplay by", "screenwriter", "story by",
        "teleplay by", "teleplay", "writing credits", "writing", "script", "script by",
        "scriptwriter", "screen story by", "written", "scenario",
    ],
    "cast": [
        "starring", "cast", "stars", "actor", "main cast", "cast member", "featuring",
        "top cast", "lead cast", "principal cast", "voice cast", "voices", "lead actor",
        "leading actor", "with",
    ],
    "runtime": ["running time", "runtime", "run time", "duration", "length", "film length"],
    "year": [
        "release date", "released", "release year", "year", "premiere", "premiered",
        "initial release", "original release", "theatrical release", "release",
        "year of release", "original release date", "theatrical release date",
        "first released", "date of release", "release info",
    ],
    "genres": ["genre", "film genre", "filed under", "tagged"],
    "content_rating": [
        "rated", "rating", "mpaa rating", "mpa rating", "mpaa", "content rating",
        "certificate", "certification", "age rating", "maturity rating", "parental rating",
        "classification", "film rating", "tv rating", "parental guidance", "age restriction",
        "tv parental guideline",
    ],
    "imdb": ["imdb", "imdb rating", "imdb score", "imdb user rating", "rating on imdb"],
    "imdb_votes": ["imdb votes", "imdb vote count"],
    "title": ["title", "original title", "film title", "movie title", "film", "movie"],
    "synopsis": [
        "synopsis", "plot", "overview", "storyline", "summary", "plot summary",
        "description", "plot outline", "the story",
    ],
    "series": [
        "season", "episode", "number of seasons", "number of episodes", "no. of seasons",
        "no. of episodes", "created by", "network", "original network", "original channel",
        "first aired", "last aired", "episode count", "season count", "creator",
    ],
    "score": [
        "user score", "critics", "critic score", "our rating", "score", "user rating",
        "audience score", "metascore", "tomatometer", "ratings", "reviews",
    ],
    "ignore": [
        "produced by", "producer", "executive producer", "music by", "music", "composer",
        "original music", "cinematography", "cinematographer", "director of photography",
        "edited by", "editor", "editing", "film editing", "production company", "studio",
        "production", "distributed by", "distributor", "distribution", "budget",
        "box office", "gross", "country", "country of origin", "language", "based on",
        "novel by", "source material", "original story", "awards", "also known as", "aka",
        "filming location", "sound mix", "color", "aspect ratio", "costume design",
        "production design", "casting", "casting by", "narrated by", "tagline", "keyword",
        "website", "official site", "dvd release", "blu-ray release", "streaming release",
        "digital release", "re-release", "home video", "subtitles", "audio", "format",
        "price", "quality", "availability", "available on", "watch on", "where to watch",
    ],
}
LABEL_FIELD: dict[str, str] = {}
for _field, _words in _LABEL_WORDS.items():
    for _w in _words:
        LABEL_FIELD.setdefault(_w, _field)
_ALL_LABELS = sorted(LABEL_FIELD, key=len, reverse=True)
_LABEL_ALT = "|".join(re.escape(w) for w in _ALL_LABELS)
# "Directed by:", "Writers:", "Director(s):" at the start of a line
LABEL_START = re.compile(rf"^\s*((?:{_LABEL_ALT})(?:\(s\)|s|es)?)\s*[:：]\s*", re.I)
_LAST_PART = re.compile(r"\s[·•|]\s+([^·•|]+)$")
# an element whose whole text is a label
LABEL_FULL = re.compile(rf"^\s*((?:{_LABEL_ALT})(?:\(s\)|s|es)?)\s*[:：]?\s*$", re.I)
UNKNOWN_LABEL = re.compile(r"^\s*([A-Za-z][\w .'&()/-]{0,30}?)\s*[:：]\s*$")


@lru_cache(maxsize=4096)
def _label_of(text: str) -> str | None:
    """The label a short element text is (a known label, or "Anything:"), else None."""
    m = LABEL_FULL.match(text)
    if m:
        return m.group(1)
    if UNKNOWN_LABEL.match(text):
        return text
    return None


@lru_cache(maxsize=8192)  # (names, "Cast", "Director:" come back page after page)
def _leaf_label(text: str) -> str | None:
    """What ``_is_label_el`` says of an element without children whose text is
    ``text``: the label its cleaned text is, if that text has at most 40 characters."""
    text = clean(text)
    if not text or len(text) > 40:
        return None
    return _label_of(text)


_DATE_IGNORE = re.compile(
    r"dvd|blu-?ray|re-?releas|re-?issue|restor|remaster|stream|digital|\bvod\b|home (?:video|media|release)"
    r"|\b4k\b|\buhd\b|anniversary|director'?s cut|\bvhs\b|laserdisc|television|\btv\b|netflix|\bhbo\b|disney\+"
    r"|re-?run|extended|special edition|rerelease",
    re.I,
)


def norm_label(text: str) -> str:
    if isinstance(text, str):
        return _norm_label_cached(text)
    return _norm_label(text)


def _norm_label(text: str) -> str:
    text = clean(text).lower().strip(" :：-–—•·*")
    text = text.replace("(s)", "").replace("’", "'")
    return " ".join(text.split())  # (= _WS.sub(" ", text).strip())


# "Written & Directed by", "Writer/Director", "Directed and written by": both credits
_BOTH_CREDITS = re.compile(
    r"^(?:writ(?:ten|er)\s*(?:&|and|/|-|,)\s*direct(?:ed|or)|direct(?:ed|or)\s*(?:&|and|/|-|,)\s*writ(?:ten|er))"
    r"(?:\s+by)?$"
)
BOTH = "directors+writers"


_QUALIFIED_YEAR = re.compile(r"^(?:[\w.'-]+\s+){0,3}(?:release|premiere)(?:\s+date)?$|(?:^|[\s/,&])year(?:$|\s+of\s+production)|^production\s+year$")
_NOT_FILM_YEAR = re.compile(r"\b(?:active|born|birth|died|death|founded|age|press|news|notes?|version|model|season)\b")


def label_field(text: str) -> str | None:
    """``_label_field`` memoized (labels repeat page after page)."""
    if isinstance(text, str):
        return _label_field_cached(text)
    return _label_field(text)


def _label_field(text: str) -> str | None:
    """Which field a label names (``None`` for unknown labels); :data:`BOTH` for a
    label naming the director and the writer at once."""
    key = norm_label(text)
    if not key or len(key) > 40:
        return None
    if _BOTH_CREDITS.match(key):
        return BOTH
    if key in LABEL_FIELD:
        field = LABEL_FIELD[key]
    elif key.endswith("es") and key[:-2] in LABEL_FIELD:
        field = LABEL_FIELD[key[:-2]]
    elif key.endswith("s") and key[:-1] in LABEL_FIELD:
        field = LABEL_FIELD[key[:-1]]
    else:
        if _DATE_IGNORE.search(key) and _RELEASE_LABEL.search(key):
            return "ignore"
        if _QUALIFIED_YEAR.search(key) and not _NOT_FILM_YEAR.search(key):
            # "Korean release", "German cinema release", "Year of production",
            # "Country / year": one more release date; the earliest one wins
            return "year"
        if "imdb" in key and ("vote" in key or "count" in key):
            return "imdb_votes"
        if "imdb" in key:
            return "imdb"
        return None
    if field == "year" and _DATE_IGNORE.search(key):
        return "ignore"
    return field


_norm_label_cached = lru_cache(maxsize=4096)(_norm_label)
_label_field_cached = lru_cache(maxsize=4096)(_label_field)


# --------------------------------------------------------------------------
# value shapes
# --------------------------------------------------------------------------
_CR_STRICT = [
    "TV-Y7-FV", "TV-Y7", "TV-Y", "TV-G", "TV-PG", "TV-14", "TV-MA", "NC-17", "PG-13",
    "Not Rated", "Unrated", "NR", "PG", "G", "R", "Approved",
]
_CR_BROAD = _CR_STRICT + [
    "MA15+", "R18+", "R18", "R15+", "12A", "15A", "16+", "18+", "13+", "7+", "PG-12",
    "FSK 18", "FSK 16", "FSK 12", "FSK 6", "FSK 0", "U/A", "UA", "12", "15", "16", "18",
    "U", "M", "X", "GP", "A", "Passed", "Not Yet Rated", "Unrated",
]


def _cr_regex(tokens, anchored=True):
    alt = "|".join(re.escape(t) for t in sorted(set(tokens), key=len, reverse=True))
    return re.compile(
        rf"^(?:rated\s+|mpaa\s+|mpa\s+)?({alt})(?![\w+\-/.%,:])" + ("" if anchored else ""),
        re.I,
    )


CR_BADGE = re.compile(
    r"^(?:rated\s+)?("
    + "|".join(re.escape(t) for t in sorted(_CR_STRICT, key=len, reverse=True))
    + r")$",
)
CR_BADGE_I = re.compile(
    r"^(?:rated\s+)?(tv-y7-fv|tv-y7|tv-y|tv-g|tv-pg|tv-14|tv-ma|nc-17|pg-13|not rated|unrated)$",
    re.I,
)
CR_VALUE = _cr_regex(_CR_BROAD)

YEAR_RE = re.compile(r"(?<!\d)(1[89]\d{2}|20[0-3]\d)(?!\d)")
YEAR_BADGE = re.compile(r"^\(?((?:18|19|20)\d{2})(?:\s*[–—-]\s*(?:(?:18|19|20)\d{2})?)?\)?$")
DURATION_BADGE = re.compile(
    r"^(?:\d{1,2}\s*(?:h|hr|hrs|hour|hours)\.?(?:\s*\d{1,2}\s*(?:m|min|mins|minutes?)\.?)?"
    r"|\d{1,3}\s*(?:m|min|mins|minutes?)\.?|\d{1,2}:\d{2}(?::\d{2})?)$",
    re.I,
)
RATING_NUM = re.compile(r"(?<![\d.,])(10(?:[.,]0)?|\d(?:[.,]\d{1,2})?)(?:\s*/\s*10)?(?![\d%])")
VOTES_RE = re.compile(
    r"\(\s*([\d][\d.,\s]*\d?\s*[KkMm]?)\s*(?:votes?|voted|ratings?|users?|reviews?)?\s*\)"
    r"|([\d][\d.,]*\s*[KkMm]?)\s*(?:user\s+)?(?:votes?|voted|ratings?|users?)\b",
)
SERIES_BADGE = re.compile(
    r"^(?:tv[ -]?(?:mini[ -]?)?series|mini[ -]?series|tv show|series|limited series|tv mini-series)$",
    re.I,
)
KNOWN_GENRES = {
    "action", "adventure", "animation", "animated", "biography", "biopic", "comedy", "crime",
    "documentary", "drama", "family", "fantasy", "film-noir", "film noir", "noir", "history",
    "historical", "horror", "music", "musical", "mystery", "romance", "sci-fi",
    "science fiction", "sport", "sports", "thriller", "war", "western", "kids", "anime",
    "action & adventure", "sci-fi & fantasy", "romantic comedy", "suspense", "superhero",
    "teen", "disaster", "martial arts", "psychological thriller", "period drama",
}
_CAST_CHAR_HINT = ("char", "role")
# one search for "any hint word in the classes" (cheaper than any() over the words)
_CHAR_HINT_RE = re.compile("|".join(re.escape(h) for h in _CAST_CHAR_HINT))


def _char_hint(cls: str) -> bool:
    """``any(h in cls for h in _CAST_CHAR_HINT)``."""
    return _CHAR_HINT_RE.search(cls) is not None
_CAST_NAME_HINT = ("actor", "name", "person", "star", "talent", "performer")
_NOTE_PAREN = re.compile(
    r"\s*\((?:voice|uncredited|credit only|archive footage|as himself|as herself|cameo)\)\s*", re.I
)
_SOURCE_NOTE = re.compile(
    r"\((?:[^)]*\b(?:novel|book|based on|source|play|short story|comic|memoir|article|characters?|"
    r"original material|graphic novel)\b[^)]*)\)",
    re.I,
)


def parse_imdb(text: str) -> tuple[str | None, str | None]:
    """("8.6", "900,000") from "IMDb 8.6 (900,000)" / "8.6/10 from 1.2M votes"."""
    low = text.lower()
    start = low.find("imdb")
    rest = text[start + 4:] if start >= 0 else text
    m = RATING_NUM.search(rest)
    if not m:
        return None, None
    rating = m.group(1)
    try:
        if float(rating.replace(",", ".")) > 10:
            return None, None
    except ValueError:
        return None, None
    after = rest[m.end():]
    votes = None
    v = VOTES_RE.search(after)
    if v:
        votes = clean(v.group(1) or v.group(2))
        if not _DIGIT.search(votes or ""):
            votes = None
    return rating, votes


def content_rating_token(text: str, strict: bool = False) -> str | None:
    text = clean(text)
    if not text:
        return None
    if strict:
        m = CR_BADGE.match(text) or CR_BADGE_I.match(text)
        return m.group(1) if m else None
    m = CR_VALUE.match(text)
    return m.group(1) if m else None


def split_date_chunks(text: str) -> list[str]:
    """Split a release-date value into one chunk per date (commas inside dates kept)."""
    chunks = []
    for part in _DATE_CHUNK_SEP.split(text):
        start = 0
        for m in _COMMA.finditer(part):
            before, after = part[:m.start()], part[m.end():]
            if _MONTH_DAY_END.search(before) and _LEADING_YEAR.match(after):
                continue  # "December 7, 2001"
            chunks.append(part[start:m.start()])
            start = m.end()
        chunks.append(part[start:])
    return [c.strip() for c in chunks if c.strip()]


def earliest_year(text: str) -> str | None:
    years = []
    for chunk in split_date_chunks(text):
        # "1999 (digital release 2012)": drop the note, keep the date
        chunk = _PAREN_GROUP.sub(lambda m: " " if _DATE_IGNORE.search(m.group(0)) and YEAR_RE.search(
            chunk.replace(m.group(0), "")) else m.group(0), chunk)
        if _DATE_IGNORE.search(chunk):
            continue
        years.extend(int(y) for y in YEAR_RE.findall(chunk))
    return str(min(years)) if years else None


def split_cast_item(text: str) -> tuple[str, str | None]:
    text = _NOTE_PAREN.sub(" ", text).strip()
    m = _NAME_AS_ROLE.match(text)
    if m and _ASCII_LETTER.search(m.group(2)):
        return clean(m.group(1)), clean(m.group(2))
    m = _NAME_PAREN_ROLE.match(text)
    if m:
        return clean(m.group(1)), clean(_AS_PREFIX.sub("", m.group(2)))
    # "Choi Min-sik: Oh Dae-su": the person, a colon, the role
    m = _NAME_COLON_ROLE.match(text)
    if m and _plausible_name(clean(m.group(1))) and _LETTER.search(m.group(2)):
        return clean(m.group(1)), clean(m.group(2))
    return clean(text), None


_MENU_GENRES = 8  # a film has a few genres; a site's genre menu lists the whole taxonomy


def _genre_list(text: str) -> list[str]:
    """The parts of "Crime, Drama, Suspense" when every part is a genre word."""
    parts = [p.strip() for p in _COMMA_OR_SLASH_SEP.split(text) if p.strip()]
    if len(parts) >= 2 and all(p.lower() in KNOWN_GENRES for p in parts):
        return parts
    return []


def _genre_menu(nodes) -> bool:
    """A genre value that is the site's genre navigation: the value's container
    links to many genres (more than a film ever has)."""
    for n in nodes:
        if not is_el(n):
            continue
        scope = n.getparent() if n.getparent() is not None else n
        count = 0
        for a in scope.iter("a"):
            if el_text(a).lower() in KNOWN_GENRES:
                count += 1
                if count >= _MENU_GENRES:
                    return True
        return False
    return False


_CAST_CLASS = re.compile(r"(?<![a-z])cast(?:[-_]?(?:list|members|grid|table))?(?![a-z])")
_CARD_TAGS = {"li", "div", "article", "tr", "section", "figure", "p"}


def _cast_cards(nodes) -> list | None:
    """The person cards of a cast value: a list (``ul``, grid ``div``, table) whose
    block children each hold one person, with nothing but whitespace between them."""
    # a trailing "Full cast & crew" link is no card list
    els = [n for n in nodes if is_el(n) and n.tag not in ("a", "span", "small", "em", "strong", "b", "i", "button")]
    if len(els) != 1 or any(isinstance(n, str) and n.strip() for n in nodes):
        return None
    box = els[0]
    for _ in range(3):  # through wrappers holding a single element
        kids = [k for k in box if isinstance(k.tag, str)]
        if len(kids) == 1 and kids[0].tag not in ("li", "tr"):
            box = kids[0]
            continue
        break
    if box.tag in ("table", "tbody"):
        kids = [r for r in box.iter("tr")]
    else:
        kids = [k for k in box if isinstance(k.tag, str) and k.tag not in ("br", "script")]
    if len(kids) < 2 or (box.text and box.text.strip(" \n\t,;|·•")):
        return None
    if any(k.tag not in _CARD_TAGS for k in kids) or any(
        k.tail and k.tail.strip(" \n\t,;|·•") for k in kids
    ):
        return None
    # cards hold block parts (name / role); plain one-line items are read as before
    if not any(has_block(k) for k in kids):
        return None
    return kids


def _hinted_rows(items) -> list[tuple[str, str | None]]:
    """Explicit actor / character markup: each character paired with the name before it."""
    rows: list[tuple[str, str | None]] = []
    name = None
    for text, cls in items:
        if _char_hint(cls):
            if name is not None:
                rows.append((name, _AS_PREFIX.sub("", text)))
                name = None
        else:
            if name is not None:
                rows.append(split_cast_item(name))
            name = text
    if name is not None:
        rows.append(split_cast_item(name))
    return rows


def _dl_cast_rows(nodes) -> list[tuple[str, str | None]]:
    """A cast value that is a ``dl`` of person/role pairs ("<dt>Kurt Russell</dt>
    <dd>R.J. MacReady</dd>"): the term is the person unless only the description
    links to a person page (then the term is the role)."""
    for node in nodes:
        if getattr(node, "tag", None) != "dl":
            continue
        rows = []
        for dt in node.iter("dt"):
            dd = next((s for s in dt.itersiblings() if isinstance(s.tag, str)), None)
            if dd is None or dd.tag != "dd":
                return []
            a, b = el_text(dt), el_text(dd)
            if not a or not b or len(a) > 60 or len(b) > 60:
                return []
            if next(dd.iterdescendants("a"), None) is not None and next(dt.iterdescendants("a"), None) is None:
                a, b = b, a
            rows.append((a, b))
        if len(rows) >= 2:
            return rows
    return []


def _card_rows(card) -> list[tuple[str, str | None]]:
    """One cast card: "<div>Name</div><div>Role</div>", "<td>Name</td><td>as Role</td>"."""
    if card.tag == "tr":
        parts = [el_text(c) for c in card if isinstance(c.tag, str) and c.tag in ("td", "th")]
    else:
        parts = [nodes_text(b) for b in blocks_of(seq(card))]
    parts = [t for t in parts if t and not _CARD_SEPARATOR_CELL.fullmatch(t)]
    if not parts:
        return []
    items = [it for b in blocks_of(seq(card)) for it in inline_items(b)]
    if any(_char_hint(c) for _, c in items):
        return _hinted_rows(items)
    if len(parts) == 1:
        return [split_cast_item(parts[0])]
    if " as " in parts[0]:
        return [split_cast_item(parts[0])]
    return [(parts[0], _AS_OR_VOICE_OF_PREFIX.sub("", parts[-1]))]


_IMDB_BADGE = re.compile(r"^IMDb\s*(?:rating)?\s*:?\s*(10(?:\.0)?|\d(?:\.\d{1,2})?)(?:\s*/\s*10)?$", re.I)
_VOTES_BESIDE = re.compile(
    r"^\(?\s*(\d[\d.,]*\s*[KkMm]?)\s*(?:user\s+)?(?:votes?|voted|ratings?)?\s*\)?$", re.I
)


def _split_ampersand(item: str) -> list[str]:
    parts = [p.strip() for p in _AMPERSAND_SEP.split(item)]
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [item]


def _plausible_name(text: str) -> bool:
    return bool(_LETTER.search(text)) and 1 < len(text) <= 60 and "★" not in text


def _badge_hint(item) -> str:
    """The classes, alt, title and src of ``item`` and its descendants, lower case.
    Elements without attributes are left out: they add only spaces, and the hint is
    only searched for words."""
    parts = []
    for d in item.iter():
        if isinstance(d.tag, str) and d.attrib:
            parts.append(el_classes(d) + " " + (d.get("alt") or "") + " " + (d.get("title") or "")
                         + " " + (d.get("src") or ""))
    return " ".join(parts).lower()


def _series_badges() -> set[str]:
    """Every text SERIES_BADGE matches, in lower case."""
    out = {"tv show", "series", "limited series", "tv mini-series"}
    for sep in ("", " ", "-"):
        out |= {"mini" + sep + "series", "tv" + sep + "series"}
        out |= {"tv" + sep + "mini" + sep2 + "series" for sep2 in ("", " ", "-")}
    return out


# Every text that can be a badge without a digit, a "," or a "/" (a genre word, a
# rating token, "rated PG", a series word), in lower case, and the longest of them.
_WORD_BADGES = frozenset(
    set(KNOWN_GENRES) | {t.lower() for t in _CR_BROAD} | {"rated " + t.lower() for t in _CR_STRICT}
    | _series_badges()
)
_WORD_BADGE_MAX = max(map(len, _WORD_BADGES))


def _never_a_badge(text: str) -> bool:
    """True when ``_badge_fact(text, hint)`` is None whatever the hint (the hint is then
    not built): a text without what most badges need (a digit: years, runtimes, IMDb
    ratings; a "," or "/": genre lists) that is none of the word badges. Only for a text
    with single spaces (no pattern then matches more than one character per character
    of its words), and, below the longest word badge, in ASCII (whose case is lower())."""
    if "," in text or "/" in text or _DIGIT.search(text) or " ".join(text.split()) != text:
        return False
    return len(text) > _WORD_BADGE_MAX or (text.isascii() and text.lower() not in _WORD_BADGES)


@lru_cache(maxsize=4096)
def _badge_fact(text: str, hint: str) -> tuple | None:
    """What one badge says, by its shape: ((op, key, value), ...) with op "setdefault",
    "set" or "extend", or ``None`` when it says nothing (memoized: badges repeat)."""
    if "imdb" in text.lower() or "imdb" in hint:
        rating, votes = parse_imdb(text)
        if not rating:
            return None
        if votes:
            return (("setdefault", "imdb_rating", rating), ("setdefault", "imdb_votes", votes))
        return (("setdefault", "imdb_rating", rating),)
    if YEAR_BADGE.match(text):
        return (("setdefault", "year", YEAR_BADGE.match(text).group(1)),)
    if DURATION_BADGE.match(text):
        return (("setdefault", "runtime", text),)
    if content_rating_token(text, strict=True):
        return (("setdefault", "content_rating", content_rating_token(text, strict=True)),)
    if _CONTENT_RATING_HINT.search(hint) and (
        content_rating_token(text) and content_rating_token(text).lower() == text.lower()
    ):
        return (("setdefault", "content_rating", content_rating_token(text)),)
    if SERIES_BADGE.match(text):
        return (("set", "series", True),)
    if text.lower() in KNOWN_GENRES:
        return (("extend", "genres", (text,)),)
    if _genre_list(text):
        # "Crime, Drama, Suspense" / "Comedy / Drama / Romance" in one badge
        return (("extend", "genres", tuple(_genre_list(text))),)
    return None


# --------------------------------------------------------------------------
# the page family
# --------------------------------------------------------------------------
class _Pair:
    """A label and its value nodes (strings and elements)."""

    def __init__(self, label: str, nodes: list, pos: int, cast_rows=None):
        self.label = clean(label)
        self.field = label_field(label)
        self.nodes = nodes
        self.pos = pos
        self.cast_rows = cast_rows  # [(name, character)] from multi-cell rows
        self._blocks = None
        self._text = None
        self._imdb_logo = None
        self.same = None  # an earlier pair of the page with the very same value nodes

    @property
    def key(self) -> tuple:
        """The value (nodes, by identity for elements, and cast rows): two pairs with
        one key read alike."""
        return (tuple(self.nodes), tuple(self.cast_rows) if self.cast_rows else None)

    @property
    def blocks(self):
        if self._blocks is None:
            if self.same is not None:
                self._blocks = self.same.blocks
            else:
                self._blocks = blocks_of(self.nodes)  # (the text, if ever read, is made from them)
        return self._blocks

    @property
    def text(self) -> str:
        if self._text is None:
            if self.same is not None:
                self._text = self.same.text
            elif self._blocks is None:
                self._read_blocks()
            else:
                self._text = "\n".join(nodes_text(b) for b in self._blocks)
        return self._text

    def _read_blocks(self):
        """The blocks and the text, in one walk (for a text read before the blocks)."""
        self._blocks, texts = blocks_and_texts(self.nodes)
        self._text = "\n".join(texts)

    def items(self) -> list[str]:
        out = []
        for b in self.blocks:
            out.extend(t for t, _ in inline_items(b))
        return out

    def has_imdb_logo(self) -> bool:
        if self._imdb_logo is None:
            self._imdb_logo = self._has_imdb_logo()
        return self._imdb_logo

    def _has_imdb_logo(self) -> bool:
        for n in self.nodes:
            if is_el(n):
                for d in n.iter():
                    if isinstance(d.tag, str) and "imdb" in (
                        el_classes(d) + " " + (d.get("alt") or "") + " " + (d.get("title") or "")
                        + " " + (d.get("src") or "") + " " + (d.get("href") or "")
                    ).lower():
                        return True
        return False

    def __repr__(self):
        return f"Pair({self.label!r}->{self.field}: {self.text[:40]!r})"


_UNSEEN = object()


class LabelledPage(FamilyPage):
    family = "labelled"

    # -- collection ---------------------------------------------------------
    @cached_property
    def _texts(self) -> dict:
        # element -> el_text(element) for the page's cleaned copy, shared with the
        # offers reader (the copy is not changed once made)
        return self.shared.setdefault("el_text", {})

    def _el_text(self, el) -> str:
        """``el_text(el)``, once per element of the page."""
        texts = self._texts
        try:
            text = texts.get(el)  # (the keys are elements: a string is never found)
        except TypeError:
            text = None
        if text is not None:
            return text  # (a lookup that misses raises nothing: most elements are new)
        if not is_el(el):
            return el_text(el)
        text = texts[el] = clean(el.text) if not len(el) else clean(" ".join(TEXT_NODES(el)))  # (el_text)
        return text

    @cached_property
    def _root(self):
        return self.content.root

    @cached_property
    def _order(self) -> dict:
        return element_order(self.shared, self._root)

    @cached_property
    def pairs(self) -> list[_Pair]:
        out: list[_Pair] = []
        out.extend(self._dl_pairs())
        out.extend(self._table_pairs())
        out.extend(self._line_pairs())
        out.extend(self._heading_pairs())
        out.extend(self._class_pairs())
        out.sort(key=lambda p: p.pos)
        # one value is often found several ways (a "Cast" heading, the list's class, a
        # label line): those pairs share their blocks and text
        first: dict = {}
        for p in out:
            key = tuple(p.nodes)
            if key in first:
                p.same = first[key]
            else:
                first[key] = p
        return out

    def _pos(self, el) -> int:
        return self._order.get(el, 0)

    def _label_text(self, el) -> str:
        text = self._el_text(el)
        if not text:
            for img in el.iter("img"):
                alt = img.get("alt") or img.get("title") or ""
                if alt.strip():
                    return clean(alt)
        return text

    def _dl_pairs(self):
        for dt in self._root.iter("dt"):
            label = self._label_text(dt)
            if not label or len(label) > 50:
                continue
            nodes = []
            for sib in dt.itersiblings():
                if not isinstance(sib.tag, str):
                    continue
                if sib.tag == "dt":
                    break
                if sib.tag == "dd":
                    nodes.append(sib)
            if nodes:
                yield _Pair(label, nodes, self._pos(dt))

    def _table_pairs(self):
        for table in self._root.iter("table"):
            rows = self._own_rows(table)
            carry_label, carry_left = None, 0
            for tr in rows:
                cells, ths, tds = [], [], []  # (one pass; a comment's tag is no string)
                for c in tr:
                    tag = c.tag
                    if tag == "td":
                        cells.append(c)
                        tds.append(c)
                    elif tag == "th":
                        cells.append(c)
                        ths.append(c)
                if not cells:
                    continue
                label_cell, values = None, []
                if ths and tds and cells[0] is ths[0]:  # (the first cell is a th)
                    label_cell, values = cells[0], cells[1:]
                elif not ths and len(tds) >= 2:
                    first = self._label_text(tds[0])
                    if first and len(first) <= 40 and (
                        first.rstrip().endswith((":", "：")) or label_field(first)
                    ):
                        label_cell, values = tds[0], tds[1:]
                if label_cell is None:
                    if carry_label is not None and carry_left > 0 and tds:
                        carry_left -= 1
                        yield self._row_pair(carry_label, tds, tr)
                    continue
                label = self._label_text(label_cell)
                if not label or len(label) > 50:
                    continue
                try:
                    span = int(label_cell.get("rowspan") or 1)
                except ValueError:
                    span = 1
                carry_label, carry_left = (label, span - 1) if span > 1 else (None, 0)
                yield self._row_pair(label, values, tr)

    def _own_rows(self, table) -> list:
        """The rows of ``table`` that are no rows of a table inside it."""
        if next(table.iterdescendants("table"), None) is None:
            return list(table.iter("tr"))  # (no table inside: every row is its own)
        return [r for r in table.iter("tr") if self._own_table(r, table)]

    @staticmethod
    def _own_table(tr, table) -> bool:
        for anc in tr.iterancestors("table"):
            return anc is table
        return False

    def _row_pair(self, label, values, tr):
        values = [v for v in values if self._el_text(v) or next(v.iterdescendants("img"), None) is not None]
        cast_rows = None
        if label_field(label) == "cast" and len(values) >= 2:
            texts = [self._el_text(v) for v in values]
            texts = [t for t in texts if t and not _VALUE_SEPARATOR_CELL.fullmatch(t)]
            if len(texts) >= 2 and not any(has_block(v) for v in values):
                cast_rows = [(texts[0], texts[-1])]
        return _Pair(label, values, self._pos(tr), cast_rows)

    _LINE_TAGS = {
        "li", "p", "div", "span", "td", "dd", "section", "article", "header", "small",
        "h2", "h3", "h4", "h5", "h6", "em", "label", "font", "center", "blockquote", "figcaption",
    }

    def _is_label_el(self, el) -> str | None:
        """The label text when ``el`` is an element holding just a label."""
        tag = el.tag
        if tag in ("br", "a"):
            # links are values ("<a>Drama</a>"), never labels
            return None
        if tag == "img":
            alt = clean(el.get("alt") or el.get("title") or "")
            return alt if alt and "imdb" in alt.lower() else None
        if not len(el):
            text = el.text  # (a leaf: its el_text is its cleaned text)
            if not text:
                return None
            return _leaf_label(text) if len(text) <= 512 else _leaf_label.__wrapped__(text)
        if tag not in ("dt", "th") and has_block(el):
            return None  # (whatever its text: checked first, a container's text is long to build)
        text = self._el_text(el)
        if not text or len(text) > 40:
            return None
        return _label_of(text)

    def _line_pairs(self):
        for el in self._root.iter(*self._LINE_TAGS):  # (lxml picks the tags, in document order)
            if not len(el):
                text = el.text  # (read once: each read makes a new string)
                if not text or (":" not in text and "：" not in text):
                    continue
            if self._may_hold_label(el):
                yield from self._segments(el)

    def _may_hold_label(self, el) -> bool:
        """Whether a line of ``el`` can start with a label (else :meth:`_segments` finds
        nothing): a text holding a colon, or a child that is a label element."""
        text = el.text
        if text and (":" in text or "：" in text):
            return True
        # (one pass over the children: a tail with a colon or a label child, whichever
        # comes first, says True)
        for ch in el:
            tail = ch.tail
            if tail and (":" in tail or "：" in tail):
                return True
            tag = ch.tag
            # (a <br> or <a> is never a label element: not looked up)
            if isinstance(tag, str) and tag != "br" and tag != "a":
                if not len(ch) and tag != "img":
                    text = ch.text  # (what _is_label_el says of a leaf, without the memo)
                    if text and (
                        _leaf_label(text) if len(text) <= 512 else _leaf_label.__wrapped__(text)
                    ) is not None:
                        return True
                elif self._label_el(ch) is not None:
                    return True
        return False

    def _label_el(self, el) -> str | None:
        """``_is_label_el(el)``, once per element."""
        label = self._label_els.get(el, _UNSEEN)  # (most elements are new: no KeyError raised)
        if label is _UNSEEN:
            label = self._label_els[el] = self._is_label_el(el)
        return label

    @cached_property
    def _label_els(self) -> dict:
        return {}

    def _segments(self, el):
        toks = seq(el)
        segments: list[tuple[str | None, list, object]] = []  # (label, nodes, pos-element)
        cur_label, cur_nodes, cur_pos = None, [], el
        started = False

        def close():
            if cur_label is not None and nodes_text(cur_nodes):
                segments.append((cur_label, list(cur_nodes), cur_pos))

        pending_text_start = True  # a text token at the start of a line may hold a label
        multiline = False
        for tok in toks:
            if isinstance(tok, str):
                if pending_text_start and tok.strip():
                    pending_text_start = False
                    m = LABEL_START.match(tok)
                    if not m and ":" in tok:
                        # "12 May 2023 · filed under: ...": a label after a separator
                        sep = _LAST_PART.search(tok)
                        if sep:
                            m2 = LABEL_START.match(sep.group(1))
                            if m2:
                                close()
                                cur_label, cur_nodes, cur_pos = m2.group(1), [sep.group(1)[m2.end():]], el
                                started, multiline = True, False
                                continue
                    if m:
                        close()
                        cur_label, cur_nodes, cur_pos = m.group(1), [tok[m.end():]], el
                        started, multiline = True, False
                        continue
                if started:
                    cur_nodes.append(tok)
                continue
            if tok.tag == "br":
                if started and not nodes_text(cur_nodes):
                    # "<b>Starring:</b><br>A – X<br>B – Y": the value is the lines below
                    multiline = True
                    pending_text_start = True
                    continue
                if multiline:
                    cur_nodes.append(tok)
                    pending_text_start = True
                    continue
                close()
                cur_label, cur_nodes, started = None, [], False
                pending_text_start = True
                continue
            label = self._label_el(tok)
            if label is not None:
                close()
                cur_label, cur_nodes, cur_pos = label, [], tok
                started, multiline = True, False
                pending_text_start = False
                continue
            if tok.tag in HEADING_TAGS:
                # another section ("<h2>Cast</h2>...<h2>Crew</h2>"): the value ends here
                close()
                cur_label, cur_nodes, started, multiline = None, [], False, False
                pending_text_start = False
                continue
            pending_text_start = False
            if started:
                cur_nodes.append(tok)
        close()
        for label, nodes, pos_el in segments:
            # a leading ":" left behind by "<b>Director</b>: X"; the text is looked at
            # again only then (close() kept only segments with a text)
            if nodes and isinstance(nodes[0], str):
                first = _DASH_OR_COLON_PREFIX.sub(" ", nodes[0])
                if first != nodes[0]:
                    nodes[0] = first
                    if not nodes_text(nodes):
                        continue
            yield _Pair(label, nodes, self._pos(pos_el) + 0)

    def _class_pairs(self):
        """Cast lists known by their class ("cast-list", "credits__cast") under a heading
        that is no label ("Cast & crew", "Who's in it")."""
        used: list = []
        for el in self._root.iter("ul", "ol", "table", "div", "section"):
            if not _CAST_CLASS.search(el_classes(el)):
                continue
            if any(u is el or u in el.iterancestors() for u in used):
                continue
            if el.tag in ("div", "section") and any(
                d.tag in ("ul", "ol", "table") for d in el.iterdescendants() if isinstance(d.tag, str)
            ):
                continue  # the list inside is the value (read when met, if its class says so)
            items = [k for k in el if isinstance(k.tag, str) and k.tag in _CARD_TAGS]
            if len(items) < 2:
                continue  # "<div class=cast>A, B</div>" of a film card, not a cast list
            used.append(el)
            yield _Pair("Cast", [el], self._pos(el))

    def _heading_pairs(self):
        for el in self._root.iter("h2", "h3", "h4", "h5", "h6"):
            text = self._el_text(el)
            if not text or len(text) > 30 or not LABEL_FULL.match(text):
                continue
            nodes = []
            for sib in el.itersiblings():
                if not isinstance(sib.tag, str):
                    continue
                if sib.tag in HEADING_TAGS or len(nodes) >= 3:
                    break
                if any(isinstance(d.tag, str) and d.tag in HEADING_TAGS for d in sib.iterdescendants()):
                    break
                nodes.append(sib)
                if sib.tag in ("ul", "ol", "table", "dl"):
                    break  # the list/table under the heading is the value
            if nodes:
                yield _Pair(text, nodes, self._pos(el))

    # -- badges near the h1 -------------------------------------------------
    @cached_property
    def _h1(self):
        for h in self._root.iter("h1"):
            if self._el_text(h):
                return h
        return None

    @cached_property
    def badges(self) -> dict:
        """Facts read from a list of short badges near the h1, by their shape."""
        h1 = self._h1
        if h1 is None:
            return {}
        cands = []
        for i, sib in enumerate(x for x in h1.itersiblings() if isinstance(x.tag, str)):
            if i >= 4:
                break
            cands.append(sib)
        for sib in h1.itersiblings(preceding=True):
            if isinstance(sib.tag, str):
                cands.append(sib)
                break
        parent = h1.getparent()
        for _ in range(2):
            if parent is None or parent.tag in ("body", "html", "main"):
                break
            n = 0
            for sib in parent.itersiblings():
                if isinstance(sib.tag, str):
                    cands.append(sib)
                    n += 1
                    if n >= 3:
                        break
            for sib in parent.itersiblings(preceding=True):
                if isinstance(sib.tag, str):
                    cands.append(sib)
                    break
            parent = parent.getparent()
        # the h1 itself may hold badges ("Title <span>2001</span> <span>PG</span>")
        cands.append(h1)
        best: dict = {}
        seen = set()
        for cand in cands:
            containers = [cand, *islice(cand.iterdescendants("ul", "ol", "div", "p", "span", "dl"), 30)]
            for c in containers:
                if not len(c) and c is not h1:
                    text = c.text
                    if not text or ("·" not in text and "•" not in text and "|" not in text):
                        # (fewer than two badges: a leaf's one badge item is its text,
                        # split only at a bullet, which cleaning neither adds nor drops)
                        continue
                if id(c) in seen:
                    continue
                seen.add(id(c))
                items = self._badge_items(c)
                if len(items) < 2 and c is not h1:
                    continue  # (fewer than two badges: nothing this container says is kept)
                found = self._read_badges(c, items)
                if found.get("_count", 0) >= 2 or (c is h1 and found.get("_count", 0) >= 1):
                    for k, v in found.items():
                        best.setdefault(k, v)
        best.pop("_count", None)
        if len(best.get("genres") or []) >= _MENU_GENRES:
            del best["genres"]  # a genre menu near the title, not the film's genres
        return best

    def _badge_items(self, c) -> list:
        kids = [k for k in c if isinstance(k.tag, str) and k.tag not in ("script", "br")]
        items = []
        if c.tag != "h1" and len(kids) >= 2:
            items = [k for k in kids]
            if c.text and c.text.strip():
                items = [c.text] + items
            for k in kids:
                if k.tail and k.tail.strip():
                    items.extend(p for p in _BULLET_OR_PIPE.split(k.tail) if p.strip())
        elif c.tag == "h1":
            items = [k for k in kids]
        else:
            text = self._el_text(c)
            if text and len(text) <= 120:
                if "·" in text or "•" in text or "|" in text:
                    items = [p for p in _BULLET_OR_WIDE_GAP_SEP.split(text) if p.strip()]
                else:
                    # (_el_text gives clean() texts: no run of spaces, none at the ends;
                    # without a bullet the split gives the text itself)
                    items = [text]
        return items

    def _read_badges(self, c, items=None) -> dict:
        out: dict = {"_count": 0}
        for item in self._badge_items(c) if items is None else items:
            if is_el(item):
                tag = item.tag
                if tag in ("h1", "h2", "h3") or (tag != "li" and has_block(item)):
                    continue  # nested lists are read as their own containers
                text = self._el_text(item)
                if not text or len(text) > 60 or _never_a_badge(text):
                    continue  # (checked before the hint is built)
                hint = _badge_hint(item)
            else:
                text, hint = clean(item), ""
            if not text or len(text) > 60:
                continue
            fact = _badge_fact(text, hint)
            if fact is None:
                continue
            for op, key, value in fact:
                if op == "setdefault":
                    out.setdefault(key, value)
                elif op == "set":
                    out[key] = value
                else:  # "extend": genres
                    out.setdefault(key, []).extend(value)
            out["_count"] += 1
        return out

    # -- field lookup -----------------------------------------------------
    def _imdb_badge(self) -> dict:
        """A lone "IMDb 8.3" badge anywhere in the article, and a vote count beside it
        ("720K votes", <span class=votes>850K</span>). Badges repeated with the same
        class across the page belong to film cards, not to this film."""
        classes: dict = {}
        if not _may_have_imdb_text(self._root):
            return {}  # (no text node can hold "IMDb": the XPath below finds none)
        for node in _IMDB_TEXTS(self._root):
            el = node.getparent()
            if el is None or el.tag in ("script", "style", "title", "a"):
                continue
            text = self._el_text(el)
            m = _IMDB_BADGE.match(text)
            if not m:
                continue
            cls = el.get("class")
            if cls:
                if cls not in classes:
                    classes[cls] = len(_WITH_CLASS(self._root, c=cls))
                if classes[cls] > 1:
                    continue
            out = {"imdb_rating": m.group(1)}
            for sib in list(el.itersiblings())[:2]:
                if not isinstance(sib.tag, str):
                    continue
                stext = self._el_text(sib)
                vm = _VOTES_BESIDE.match(stext)
                if vm and ("vote" in el_classes(sib) or _ASCII_LETTER.search(stext)):
                    out["imdb_votes"] = clean(vm.group(1))
                    break
            return out
        return {}

    @cached_property
    def _pairs_by_field(self) -> dict:
        index: dict = {}
        for p in self.pairs:
            index.setdefault(p.field, []).append(p)
            if p.field == BOTH:
                index.setdefault("directors", []).append(p)
                index.setdefault("writers", []).append(p)
        return index

    def _by_field(self, field: str) -> list[_Pair]:
        return list(self._pairs_by_field.get(field, ()))

    @cached_property
    def _facts(self) -> dict:
        """Every field value found, computed once."""
        f: dict = {}
        # year: earliest across every release-ish pair
        years = [earliest_year(p.text) for p in self._by_field("year") if p.text]
        years = [y for y in years if y]
        if years:
            f["year"] = min(years)
        for p in self._by_field("runtime"):
            lines = [ln for ln in p.text.split("\n") if _DIGIT.search(ln)]
            if lines:
                f["runtime"] = clean(lines[0])
                break
        # ratings: content rating tokens and IMDb
        for p in self.pairs:
            if p.field == "cast" and "imdb" not in p.label.lower():
                continue  # (a cast list is read for a rating only under an IMDb label)
            if p.field in ("content_rating", "score", "imdb", None, "cast") and (
                "imdb" in p.text.lower() or p.field == "imdb" or p.has_imdb_logo()
            ):
                if p.field is None and "imdb" not in p.label.lower() and not p.has_imdb_logo():
                    continue
                rating, votes = parse_imdb(p.text)
                if rating and "imdb_rating" not in f:
                    f["imdb_rating"] = rating
                    if votes:
                        f["imdb_votes"] = votes
            if p.field == "imdb_votes" and "imdb_votes" not in f:
                m = _VOTE_COUNT.search(p.text)
                if m:
                    f["imdb_votes"] = clean(m.group(0))
        for p in self._by_field("content_rating"):
            tok = content_rating_token(p.text.split("\n")[0])
            if tok:
                f["content_rating"] = tok
                break
        for p in self._by_field("synopsis"):
            text = clean(p.text.replace("\n", " "))
            text = _READ_MORE_TAIL.sub("", text)
            if len(text) >= 15:
                f["synopsis"] = text
                break
        for p in self._by_field("title"):
            if p.text:
                f["title_label"] = clean(p.text.split("\n")[0])
                f["title_original"] = "original" in p.label.lower()
                break
        # list fields
        f["genres"] = self._names("genres", genre=True)
        f["directors"] = self._names("directors")
        f["writers"] = self._names("writers", writers=True)
        f["cast"] = self._cast()
        if "imdb_rating" not in f:
            f.update(self._imdb_badge())
        # badges fill what labels did not give
        for key, value in self.badges.items():
            if key == "genres":
                if not f["genres"]:
                    f["genres"] = list(dict.fromkeys(value))
            elif key != "series" and key not in f:
                f[key] = value
        return f

    def _names(self, field, genre=False, writers=False) -> list[str]:
        out: list[str] = []
        seen = set()
        read: set = set()
        for p in self._by_field(field):
            if p.key in read:
                continue  # the same value again (under another label): adds no name
            read.add(p.key)
            if genre and _genre_menu(p.nodes):
                continue  # the site's genre menu ("Genres: Action | Adventure | ..."), not this film's
            items = p.items()
            if not genre:
                # "Stanley Kubrick & Diane Johnson" is two people; "Joel & Ethan Coen" is kept whole
                items = [part for item in items for part in _split_ampersand(item)]
            for item in items:
                if writers:
                    if _SOURCE_NOTE.search(item):
                        continue
                    item = _WRITER_CREDIT_PREFIX.sub("", item)
                item = clean(_TRAILING_PAREN_NOTE.sub("", item)) if not genre else item
                if not _plausible_name(item) or (genre and (len(item) > 40 or _DIGIT.search(item))):
                    continue  # "6 min read" after a tag line is no genre
                if label_field(item) is not None and norm_label(item) in LABEL_FIELD and not (
                    genre and item.lower() in KNOWN_GENRES
                ):
                    continue  # a stray label, not a value
                key = item.lower()
                if key not in seen:
                    seen.add(key)
                    out.append(item)
        return out

    def _cast(self) -> list[dict]:
        rows: list[tuple[str, str | None]] = []
        read: set = set()
        for p in self._by_field("cast"):
            if p.key in read:
                continue  # the same value again: its rows change nothing below
            read.add(p.key)
            if p.cast_rows:
                rows.extend(p.cast_rows)
                continue
            dl_rows = _dl_cast_rows(p.nodes)
            if dl_rows:
                rows.extend(dl_rows)
                continue
            cards = _cast_cards(p.nodes)
            if cards:
                # one card per person: a name block and a character block
                for card in cards:
                    rows.extend(_card_rows(card))
                continue
            blocks = p.blocks
            multi = len(blocks) > 1
            for b in blocks:
                items = inline_items(b)
                if not items:
                    continue
                chars = [i for i, (_, c) in enumerate(items) if _char_hint(c)]
                if chars:
                    rows.extend(_hinted_rows(items))
                elif (
                    multi and len(items) == 2 and not any(" as " in t for t, _ in items)
                    and not _LIST_SEPARATOR.search(nodes_text(b))
                ):
                    rows.append((items[0][0], items[-1][0]))
                else:
                    rows.extend(split_cast_item(t) for t, _ in items)
        out: list[dict] = []
        index: dict[str, dict] = {}
        for name, char in rows:
            name = name or ""
            if "(" in name:  # (_NOTE_PAREN matches only at a "(")
                name = _NOTE_PAREN.sub(" ", name)
            name = clean(name)
            char = clean(char) if char else None
            if not _plausible_name(name) or (label_field(name) and norm_label(name) in LABEL_FIELD):
                continue
            if char and (not _LETTER.search(char) or char.lower() == name.lower()):
                char = None
            key = name.lower()
            if key in index:
                if char and not index[key]["character"]:
                    index[key]["character"] = char
                continue
            entry = {"name": name, "character": char}
            index[key] = entry
            out.append(entry)
        return out

    @cached_property
    def _film_facts(self) -> set[str]:
        f = self._facts
        keys = {"directors", "writers", "cast", "runtime", "year", "genres", "content_rating",
                "imdb_rating", "synopsis"}
        found = {k for k in keys if f.get(k)}
        if any(p.field == "series" and p.text for p in self.pairs):
            found.add("series")
        return found

    @cached_property
    def _two_part_rows(self) -> list[tuple[str, str]]:
        """Rows of two short texts that are no label/value pair ("Keanu Reeves | Neo",
        "M. Gustave | Ralph Fiennes"): which cell is the actor is known only once the
        cast names are (see :meth:`fields`)."""
        out = []
        for tr in self._root.iter("tr"):
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if len(cells) != 2 or any(has_block(c) for c in cells):
                continue
            a, b = self._el_text(cells[0]), self._el_text(cells[1])
            if not (a and b) or len(a) > 60 or len(b) > 60 or label_field(a) or label_field(b):
                continue
            if _DIGIT.search(a) or _DIGIT.search(b):
                continue  # "Gravity (2013) | Sandra Bullock": a film and a year, no character
            if a.rstrip().endswith((":", "：")):
                continue
            out.append((a, b))
        return out

    def fields(self) -> dict:
        out = super().fields()
        if self._two_part_rows:
            out["character_hints"] = list(self._two_part_rows)
        return out

    # -- FamilyPage API -------------------------------------------------------
    def applies(self) -> bool:
        return len(self._film_facts) >= 2

    def kind(self) -> str | None:
        if any(p.field == "series" and p.text for p in self.pairs) or self.badges.get("series"):
            return "series"
        film = {"directors", "runtime", "cast", "year", "genres"} & self._film_facts
        return "film" if len(film) >= 2 else None

    def title(self):
        if self._h1 is not None:
            h1 = self._el_text(self._h1) or None
            label = self._facts.get("title_label")
            if (
                h1 and label and not self._facts.get("title_original")
                and len(label) < len(h1) and re.search(r"(?<!\w)" + re.escape(label) + r"(?!\w)", h1, re.I)
            ):
                return label  # a headline about the film ("X, on a rainy night") beside "Title: X"
            return h1
        if self._facts.get("title_label"):
            return self._facts["title_label"]
        t = next(iter(self.once("title_texts", lambda: xpath_all(self.sel, "//title//text()"))), None)
        return clean(t) or None

    def year(self):
        if self._facts.get("year"):
            return self._facts["year"]
        if self._h1 is not None:
            m = _TRAILING_PAREN_YEAR.search(self._el_text(self._h1))
            if m:
                return m.group(1)
        return None

    def runtime(self):
        return self._facts.get("runtime")

    def imdb_rating(self):
        return self._facts.get("imdb_rating")

    def imdb_votes(self):
        return self._facts.get("imdb_votes")

    def content_rating(self):
        return self._facts.get("content_rating")

    def synopsis(self):
        return self._facts.get("synopsis")

    def genres(self):
        return list(self._facts.get("genres") or [])

    def directors(self):
        return list(self._facts.get("directors") or [])

    def writers(self):
        return list(self._facts.get("writers") or [])

    def cast(self):
        return [dict(c) for c in self._facts.get("cast") or []]
