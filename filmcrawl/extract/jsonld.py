"""JSON-LD (schema.org) film pages.

Public API:

* :func:`loads_lenient` - ``json.loads`` that repairs real-world dirt (comments, CDATA
  and HTML-comment wrappers, raw control characters in strings, trailing commas,
  ``;``, BOM, single quotes, unquoted keys, concatenated objects) and returns
  ``None`` instead of raising.
* :func:`repair_json` - the tokenizer-aware text repair used by :func:`loads_lenient`.
* :func:`jsonld_objects` - every JSON-LD object on a page (top-level lists and
  ``@graph`` flattened, HTML entities in string values unescaped), cached per Selector.
* :class:`SchemaMoviePage` - the schema.org field logic shared with microdata: it works
  on plain dicts (``@type`` + properties), whatever syntax they came from.
* :class:`JsonLdPage` - the ``jsonld`` family.
"""

from __future__ import annotations

import html
import json
import re
import weakref
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from filmcrawl.normalize import PROVIDER_ALIASES, canonical_provider

from .base import FamilyPage
from .base import _lower as _ascii_lower

_KNOWN_PROVIDERS = frozenset(PROVIDER_ALIASES.values())

# --------------------------------------------------------------------------------------
# JSON repair
# --------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<sstr>'(?:[^'\\]|\\.)*')
  | (?P<lc>//[^\n]*)
  | (?P<bc>/\*.*?(?:\*/|\Z))
  | (?P<junk><!\[CDATA\[|\]\]>|<!--|-->|\ufeff|;)
  | (?P<comma>,)
  | (?P<close>[}\]])
  | (?P<ws>\s+)
  | (?P<key>[A-Za-z_$@][\w$@\-]*)(?=\s*:)
  | (?P<ident>[A-Za-z_$][\w$]*)
  | (?P<other>[^"'/,;}\]<\s\-A-Za-z_$]+|.)
    """,
    re.S | re.X,
)
_STR_FIX = re.compile(r'\\(u[0-9a-fA-F]{4}|["\\/bfnrt])|\\(.?)|([\x00-\x1f])', re.S)
_CTRL = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IDENTS = {
    "true": "true",
    "false": "false",
    "null": "null",
    "True": "true",
    "False": "false",
    "None": "null",
    "undefined": "null",
    "NaN": "NaN",
    "Infinity": "Infinity",
}


def _ctrl(ch: str) -> str:
    return _CTRL.get(ch) or "\\u%04x" % ord(ch)


def _fix_escape(m: re.Match) -> str:
    if m.group(1) is not None:  # a valid escape
        return m.group(0)
    if m.group(3) is not None:  # a raw control character
        return _ctrl(m.group(3))
    ch = m.group(2)
    if ch == "'":
        return "'"
    if ch in ("\n", ""):  # JS line continuation / stray backslash
        return ""
    if ch < " ":
        return "\\\\" + _ctrl(ch)
    return "\\\\" + ch


def _fix_string(body: str) -> str:
    """``body`` is a string's content without its quotes; returns valid JSON content."""
    if "\\" in body or any(c < " " for c in body):
        body = _STR_FIX.sub(_fix_escape, body)
    return body


def repair_json(text: str) -> str:
    """Make JSON-ish ``text`` parseable: drop comments outside strings, CDATA and
    HTML-comment wrappers, ``;``, a BOM and trailing/duplicate commas; escape raw
    control characters and bad escapes inside strings; turn single-quoted strings and
    unquoted keys into JSON strings. String contents are never touched otherwise (a
    ``//`` inside a URL stays). Never raises."""
    out: list[str] = []
    last = ""  # last significant character emitted
    pending_comma = False
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        tok = m.group()
        if kind in ("lc", "bc", "junk"):
            continue
        if kind == "ws":
            out.append(" ")
            continue
        if kind == "comma":
            if last not in ("", "{", "[", ",", ":"):
                pending_comma = True
            continue
        if pending_comma:
            pending_comma = False
            if kind != "close":
                out.append(",")
        if kind == "str":
            tok = '"' + _fix_string(tok[1:-1]) + '"'
        elif kind == "sstr":
            body = re.sub(r"\\'", "'", tok[1:-1])
            body = re.sub(r'(?<!\\)((?:\\\\)*)"', r'\1\\"', body)
            tok = '"' + _fix_string(body) + '"'
        elif kind == "key":
            tok = json.dumps(tok)
        elif kind == "ident":
            tok = _IDENTS.get(tok, tok)
        out.append(tok)
        last = tok[-1]
    return "".join(out)


_MISSING = object()
_LEAD_JUNK = re.compile(r"^(?:\s|\ufeff|/\*.*?\*/|//[^\n]*\n|<!--|<!\[CDATA\[)+", re.S)
_TRAIL_JUNK = re.compile(r"(?:\s|;|/\*[^*]*\*/|//\s*(?:\]\]>|-->)|-->|\]\]>)+$")


def _decode_all(text: str) -> Any:
    """Parse one JSON value, or several concatenated ones (returned as a list)."""
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    dec = json.JSONDecoder(strict=False)
    values, pos, n = [], 0, len(text)
    while True:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            break
        value, pos = dec.raw_decode(text, pos)  # raises on garbage
        values.append(value)
    if not values:
        raise ValueError("empty")
    return values[0] if len(values) == 1 else values


def loads_lenient(text: str, default: Any = None) -> Any:
    """``json.loads(text)`` for valid JSON; otherwise the value of the repaired text;
    ``default`` when even that fails. Never raises."""
    try:
        return json.loads(text)
    except Exception:  # noqa: BLE001
        pass
    try:  # fast path: only wrappers around the value and raw control characters
        stripped = _LEAD_JUNK.sub("", _TRAIL_JUNK.sub("", text))
        if stripped != text or any(c < " " for c in text):
            return json.loads(stripped, strict=False)
    except Exception:  # noqa: BLE001
        pass
    try:
        return _decode_all(repair_json(text))
    except Exception:  # noqa: BLE001
        pass
    if "&quot;" in text or "&#34;" in text or "&#x22;" in text:
        try:  # the whole block was HTML-escaped
            return _decode_all(repair_json(html.unescape(text)))
        except Exception:  # noqa: BLE001
            pass
    return default


def _unescape(value: Any) -> Any:
    """HTML-unescape every string value (not keys), recursively."""
    if isinstance(value, str):
        return html.unescape(value) if "&" in value else value
    if isinstance(value, list):
        return [_unescape(v) for v in value]
    if isinstance(value, dict):
        return {k: _unescape(v) for k, v in value.items()}
    return value


def _flatten(value: Any, out: list[dict], depth: int = 0) -> None:
    if depth > 20:
        return
    if isinstance(value, list):
        for v in value:
            _flatten(v, out, depth + 1)
    elif isinstance(value, dict):
        graph = value.get("@graph")
        if isinstance(graph, (list, dict)):
            rest = {k: v for k, v in value.items() if k not in ("@graph", "@context")}
            if rest.get("@type"):
                out.append(rest)
            _flatten(graph, out, depth + 1)
        else:
            out.append(value)


_JSONLD_XPATH = (
    "//script[contains(translate(@type, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    "'abcdefghijklmnopqrstuvwxyz'), 'ld+json')]"
)
_CACHE: "weakref.WeakKeyDictionary[Selector, list[dict]]" = weakref.WeakKeyDictionary()


def parse_jsonld_block(text: str) -> list[dict]:
    """The objects in one ``<script type="application/ld+json">`` body ([] if broken)."""
    value = loads_lenient(text.strip().lstrip("\ufeff"), _MISSING)
    if value is _MISSING:
        return []
    try:
        value = _unescape(value)
        out: list[dict] = []
        _flatten(value, out)
        return out
    except Exception:  # noqa: BLE001 - absurdly nested input
        return []


def jsonld_objects(sel: Selector) -> list[dict]:
    """Every JSON-LD object on the page, in document order. Each script is parsed once
    per Selector; unrepairable blocks are skipped."""
    try:
        return _CACHE[sel]
    except (KeyError, TypeError):
        pass
    objs: list[dict] = []
    root = getattr(sel, "root", None)
    if hasattr(root, "iter") and isinstance(getattr(root, "tag", None), str) and root.getparent() is None:
        # the whole page: the XPath's scripts, found by lxml's tag walk (faster)
        scripts = ["".join(s.itertext()) for s in root.iter("script") if "ld+json" in _ascii_lower(s.get("type") or "")]
    elif hasattr(root, "xpath"):
        scripts = ["".join(s.itertext()) for s in root.xpath(_JSONLD_XPATH)]
    else:  # not an lxml-backed selector
        scripts = ["".join(s.xpath("text()").getall()) for s in sel.xpath(_JSONLD_XPATH)]
    for text in scripts:
        objs.extend(parse_jsonld_block(text))
    try:
        _CACHE[sel] = objs
    except TypeError:
        pass
    return objs


# --------------------------------------------------------------------------------------
# schema.org helpers (shared with microdata)
# --------------------------------------------------------------------------------------

MOVIE_TYPES = frozenset({"movie", "film"})
SERIES_TYPES = frozenset({"tvseries", "tvseason", "tvepisode", "tvshow", "episode"})
WORK_TYPES = MOVIE_TYPES | SERIES_TYPES
LIST_TYPES = frozenset({"itemlist", "collectionpage", "searchresultspage", "offercatalog"})
NA_NAMES = frozenset({"", "na", "n/a", "n.a.", "none", "null", "unknown", "-", "--", "?"})
_WS = re.compile(r"\s+")


def type_names(obj: Any) -> set[str]:
    """Lower-case local type names: "http://schema.org/Movie", "schema:Movie",
    ["Movie"] -> {"movie"}."""
    if not isinstance(obj, dict):
        return set()
    t = obj.get("@type")
    if t is None:
        t = obj.get("type")
    out = set()
    for v in t if isinstance(t, list) else [t]:
        if isinstance(v, str):
            for part in v.split():
                part = part.rstrip("/")
                part = re.split(r"[/#:]", part)[-1]
                if part:
                    out.add(part.lower())
    return out


def as_list(x: Any) -> list:
    if x is None:
        return []
    if isinstance(x, list):
        out = []
        for v in x:
            out.extend(as_list(v) if isinstance(v, list) else [v])
        return out
    return [x]


def text(x: Any) -> str | None:
    """A scalar as a stripped string: strings, numbers, {"name"}/{"@value"}, lists
    (first non-empty)."""
    if x is None or isinstance(x, bool):
        return None
    if isinstance(x, str):
        s = _WS.sub(" ", x).strip()
        return s or None
    if isinstance(x, (int, float)):
        return str(x)
    if isinstance(x, dict):
        for key in ("@value", "name", "value"):
            if key in x:
                return text(x[key])
        return None
    if isinstance(x, list):
        for v in x:
            s = text(v)
            if s:
                return s
    return None


def person_name(x: Any) -> str | None:
    """A person's name from a string or a Person object; NA-like names -> None."""
    if isinstance(x, list):
        x = x[0] if x else None
    if isinstance(x, dict):
        name = text(x.get("name"))
        if name is None and (x.get("givenName") or x.get("familyName")):
            name = " ".join(filter(None, (text(x.get("givenName")), text(x.get("familyName")))))
    else:
        name = text(x)
    if name is None or name.strip().lower() in NA_NAMES:
        return None
    return name


def _dedupe(names: list[str]) -> list[str]:
    seen, out = set(), []
    for n in names:
        key = n.casefold()
        if key not in seen:
            seen.add(key)
            out.append(n)
    return out


def _num(x: Any) -> float | None:
    s = text(x)
    if not s:
        return None
    m = re.search(r"\d+(?:[.,]\d+)?", s)
    if not m:
        return None
    try:
        return float(m.group().replace(",", "."))
    except ValueError:
        return None


def _norm_url(u: str, base: str = "") -> str:
    try:
        parts = urlsplit(urljoin(base, u.strip()))
    except ValueError:
        return ""
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    return host + parts.path.rstrip("/")


_OFFER_HINTS = (
    ("rent", re.compile(r"\brent|leaseout|\blease\b|\bhire\b", re.I)),
    ("buy", re.compile(r"\bbuy|purchase|\bsell\b|ownership|\bown\b", re.I)),
    ("subscription", re.compile(r"subscri|flatrate|flat-rate|\bsvod\b|\bincluded\b|provideservice", re.I)),
    ("ads", re.compile(r"\bavod\b|with ads|ad-supported|ads-supported", re.I)),
    ("free", re.compile(r"\bfree\b(?!\s+trial)|nologinrequired", re.I)),
)
_QUALITY = re.compile(r"\b(4k|uhd|hdr|hd|sd|1080p|720p|2160p)\b", re.I)
_OFFER_TYPE_ONLY = re.compile(
    r"^(?:\s|[-/|&()+,:]|rent(?:al)?|buy|purchase|subscription|subscribe|free|stream(?:ing)?|"
    r"watch|now|on|in|with|ads|4k|uhd|hdr|hd|sd|from|\$?\d+(?:[.,]\d+)?)*$",
    re.I,
)


def offer_type_hint(*values: Any) -> str | None:
    """"rent"/"buy"/"subscription"/"free" from the first value carrying a hint."""
    for v in values:
        for s in as_list(v):
            s = text(s)
            if not s:
                continue
            for label, rx in _OFFER_HINTS:
                if rx.search(s):
                    return label
    return None


def _org_name(x: Any) -> str | None:
    for v in as_list(x):
        name = text(v.get("name")) if isinstance(v, dict) else text(v)
        if name:
            return name
    return None


def _regions(*values: Any) -> list[str]:
    out: list[str] = []
    for v in values:
        for r in as_list(v):
            if isinstance(r, dict):
                name = text(r.get("identifier")) or text(r.get("name")) or text(r.get("@id"))
            else:
                name = text(r)
            if name and name not in out:
                out.append(name)
        if out:
            return out
    return out


def visible_text(sel: Selector) -> str:
    body = sel.xpath("//body")
    node = body[0] if body else sel
    return _WS.sub(" ", " ".join(node.xpath(".//text()").getall()))


def raw_visible_text(sel: Selector) -> str:
    """Text nodes outside script/style, without the cleaning of :func:`visible_text`."""
    nodes = sel.xpath(
        "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]"
    )
    if not nodes:
        nodes = sel.xpath("//text()[not(ancestor::script) and not(ancestor::style)]")
    return _WS.sub(" ", " ".join(nodes.getall()))


_NEAR_NUMBER = re.compile(r"(?<![\d.,])\d{1,2}(?:[.,]\d{1,2})?(?!\d)")


def _imdb_near(t: str, value: float) -> bool:
    """"IMDb" within ~25 chars before / ~35 after a number equal to ``value``."""
    for m in re.finditer(r"imdb", t, re.I):
        window = t[max(0, m.start() - 25): m.end() + 35]
        for n in _NEAR_NUMBER.finditer(window):
            try:
                if abs(float(n.group().replace(",", ".")) - value) < 1e-6:
                    return True
            except ValueError:
                continue
    return False


class SchemaMoviePage(FamilyPage):
    """Field logic for a schema.org Movie given as a dict (``self.movie``).

    Subclasses provide :attr:`objects` (top-level schema.org objects as dicts)."""

    @cached_property
    def objects(self) -> list[dict]:
        return []

    # -- which object is the page's ------------------------------------------
    @cached_property
    def _analysis(self) -> tuple[dict | None, str | None]:
        return analyze(self.objects, self.url)

    @property
    def movie(self) -> dict | None:
        """The page's main work (Movie, or TVSeries & co. on series pages)."""
        return self._analysis[0]

    def kind(self) -> str | None:
        return self._analysis[1]

    def applies(self) -> bool:
        return self.kind() in ("film", "series")

    def _get(self, *keys: str) -> Any:
        m = self.movie
        if not m:
            return None
        for k in keys:
            v = m.get(k)
            if v not in (None, "", []):
                return v
        return None

    # -- scalar fields -------------------------------------------------------
    def title(self):
        return text(self._get("name"))

    def year(self):
        m = self.movie
        if not m:
            return None
        v = text(m.get("datePublished"))
        if v:
            return v
        for key in ("releasedEvent", "releaseEvent"):
            for ev in as_list(m.get(key)):
                v = text(ev.get("startDate")) if isinstance(ev, dict) else text(ev)
                if v:
                    return v
        for key in ("dateCreated", "copyrightYear", "startDate"):
            v = text(m.get(key))
            if v:
                return v
        return None

    def runtime(self):
        return text(self._get("duration"))

    def content_rating(self):
        return text(self._get("contentRating"))

    def synopsis(self):
        return text(self._get("description"))

    # -- IMDb rating -----------------------------------------------------------
    @property
    def page_text(self) -> str:
        """Visible text of the page (scripts, navigation, related blocks removed),
        computed once per page (shared by every family)."""
        return self.once("visible_text", lambda: visible_text(self.content))

    def _page_mentions_imdb(self, value: float) -> bool:
        """Visible text says "IMDb" within a few words of ``value``. A cheap scan of
        the raw page's text nodes rules most pages out before the (shared, costlier)
        cleaned copy of the page is made to confirm a hit."""
        if "content" not in self.shared:
            raw = self.once("raw_visible_text", lambda: raw_visible_text(self.sel))
            if not _imdb_near(raw, value):
                return False
        return _imdb_near(self.page_text, value)


    @cached_property
    def _imdb(self) -> dict | None:
        """The aggregateRating that is IMDb's, if any."""
        for ar in as_list(self._get("aggregateRating")):
            if not isinstance(ar, dict):
                continue
            raw = text(ar.get("ratingValue"))
            value = _num(raw)
            if not raw or value is None or value <= 0:
                continue
            best = ar.get("bestRating")
            if text(best) is not None:
                if _num(best) != 10:
                    continue
            elif value > 10:
                continue
            attribution = " ".join(
                filter(
                    None,
                    [
                        _org_name(ar.get("author")),
                        _org_name(ar.get("publisher")),
                        text(ar.get("name")),
                        text(ar.get("description")),
                        text(ar.get("url")),
                    ],
                )
            )
            if "imdb" in attribution.lower() or self._page_mentions_imdb(value):
                return ar
        return None

    def imdb_rating(self):
        return text(self._imdb["ratingValue"]) if self._imdb else None

    def imdb_votes(self):
        return text(self._imdb.get("ratingCount")) if self._imdb else None

    # -- list fields -------------------------------------------------------------
    def genres(self):
        out = []
        for g in as_list(self._get("genre")):
            s = text(g)
            if s:
                out.extend(p.strip() for p in s.split(",") if p.strip())
        return _dedupe(out)

    def directors(self):
        m = self.movie or {}
        names = [person_name(p) for p in as_list(m.get("director")) + as_list(m.get("directors"))]
        return _dedupe([n for n in names if n])

    def writers(self):
        m = self.movie or {}
        names = []
        for p in as_list(m.get("author")) + as_list(m.get("creator")):
            if isinstance(p, dict):
                types = type_names(p)
                if types and "person" not in types:
                    continue  # Organization, Corporation, ...
            names.append(person_name(p))
        return _dedupe([n for n in names if n])

    def cast(self):
        m = self.movie or {}
        out: list[dict] = []
        index: dict[str, dict] = {}

        def add(person: Any, character: Any) -> None:
            name = person_name(person)
            if not name:
                return
            if isinstance(person, dict) and character is None:
                character = person.get("characterName")
            chars = [c for c in (text(v) for v in as_list(character)) if c]
            char = " / ".join(dict.fromkeys(chars)) or None
            key = name.casefold()
            if key in index:
                if index[key]["character"] is None:
                    index[key]["character"] = char
                return
            index[key] = {"name": name, "character": char}
            out.append(index[key])

        for entry in as_list(m.get("actor")) + as_list(m.get("actors")):
            if isinstance(entry, dict) and (
                "performancerole" in type_names(entry) or "role" in type_names(entry)
                or (entry.get("actor") is not None and entry.get("name") is None)
            ):
                role_char = entry.get("characterName") or entry.get("roleName")
                for person in as_list(entry.get("actor")):
                    own = person.get("characterName") if isinstance(person, dict) else None
                    add(person, own or role_char)
            else:
                add(entry, None)
        return out

    # -- offers --------------------------------------------------------------
    def offers(self):
        m = self.movie or {}
        out: list[dict] = []
        for o in as_list(m.get("offers")):
            if isinstance(o, dict):
                out.extend(_offer_rows(o, {}))
        for action in as_list(m.get("potentialAction")):
            if isinstance(action, dict) and "watchaction" in type_names(action):
                out.extend(_watch_action_rows(action))
        seen, unique = set(), []
        for row in out:
            key = tuple(row.values())
            if key not in seen:
                seen.add(key)
                unique.append(row)
        return unique


def _offer_rows(o: dict, parent: dict, depth: int = 0) -> list[dict]:
    """Rows for an Offer / AggregateOffer (sub-offers inherit missing fields)."""
    name = text(o.get("name"))
    provider = (
        _org_name(o.get("seller"))
        or _org_name(o.get("offeredBy"))
        or _org_name(o.get("provider"))
        or (name if name and not _OFFER_TYPE_ONLY.match(name) else None)
        or parent.get("provider")
    )
    spec = o.get("priceSpecification")
    spec = spec[0] if isinstance(spec, list) and spec else spec
    spec = spec if isinstance(spec, dict) else {}
    quality = text(o.get("videoQuality")) or text(o.get("videoFormat"))
    if not quality and name:
        q = _QUALITY.search(name)
        quality = q.group() if q else None
    row = {
        "provider": provider,
        "offer_type": offer_type_hint(
            o.get("category"), o.get("businessFunction"), name, o.get("availability")
        )
        or text(o.get("category"))
        or parent.get("offer_type"),
        "price": text(o.get("price")) or text(spec.get("price")) or text(o.get("lowPrice"))
        or parent.get("price"),
        "currency": text(o.get("priceCurrency")) or text(spec.get("priceCurrency"))
        or parent.get("currency"),
        "quality": quality or parent.get("quality"),
        "region": None,
        "url": text(o.get("url")) or parent.get("url"),
    }
    regions = _regions(o.get("eligibleRegion"), o.get("areaServed")) or (
        [parent["region"]] if parent.get("region") else [None]
    )
    subs = [s for s in as_list(o.get("offers")) if isinstance(s, dict)]
    if subs and depth < 5:
        inherit = dict(row, price=None, region=regions[0])
        rows = []
        for s in subs:
            rows.extend(_offer_rows(s, inherit, depth + 1))
        return rows
    return [dict(row, region=r) for r in regions]


_HOST_PROVIDERS = {
    "tv.apple.com": "Apple TV",
    "itunes.apple.com": "Apple TV",
    "play.google.com": "Google Play Movies",
    "therokuchannel.roku.com": "The Roku Channel",
    "watch.amazon.com": "Prime Video",
    "app.primevideo.com": "Prime Video",
}
_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "ne", "or"}


def provider_from_url(url: str | None) -> str | None:
    """A provider name from a link's host: "https://www.netflix.com/title/1" ->
    "netflix", "https://tv.apple.com/..." -> "Apple TV" (the normalizer canonicalizes)."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).netloc.lower()
    except ValueError:
        return None
    host = host.split("@")[-1].split(":")[0].strip(".")
    if not host or "." not in host:
        return None
    if host.startswith("www."):
        host = host[4:]
    if host in _HOST_PROVIDERS:
        return _HOST_PROVIDERS[host]
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        labels = labels[:-1]  # netflix.co.uk
    return labels[-2] if len(labels) >= 2 else None


def _known_host_provider(url: str | None) -> str | None:
    """The provider a bare link names, only when its host is a known streaming service:
    a WatchAction pointing at the site's own "#where-to-watch" names no provider."""
    name = provider_from_url(url)
    return name if name and canonical_provider(name) in _KNOWN_PROVIDERS else None


def _watch_action_rows(action: dict) -> list[dict]:
    targets = as_list(action.get("target")) or [None]
    target = targets[0]
    if isinstance(target, dict):
        url = text(target.get("urlTemplate")) or text(target.get("url"))
        target_name = text(target.get("name"))
    else:
        url, target_name = text(target), None
    action_offers = as_list(action.get("expectsAcceptanceOf"))
    reqs = as_list(action.get("actionAccessibilityRequirement")) or [{}]
    rows: list[dict] = []
    for req in reqs:
        if not isinstance(req, dict):
            req = {"category": req}
        category = req.get("category")
        req_type = offer_type_hint(category, req.get("name")) or text(category)
        offers = as_list(req.get("expectsAcceptanceOf")) + action_offers or [None]
        for o in offers:
            o = o if isinstance(o, dict) else {}
            provider = (
                _org_name(o.get("seller"))
                or _org_name(o.get("offeredBy"))
                or _org_name(action.get("provider"))
                or _org_name(action.get("agent"))
                or target_name
                or _known_host_provider(url)
            )
            row = {
                "provider": provider,
                "offer_type": offer_type_hint(o.get("category"), o.get("businessFunction"))
                or req_type
                or offer_type_hint(o.get("name")),
                "price": text(o.get("price")) or text(o.get("lowPrice")),
                "currency": text(o.get("priceCurrency")),
                "quality": text(o.get("videoQuality")),
                "region": None,
                "url": text(o.get("url")) or url,
            }
            regions = _regions(
                o.get("eligibleRegion"), req.get("eligibleRegion"), action.get("eligibleRegion")
            ) or [None]
            rows.extend(dict(row, region=r) for r in regions)
    return rows


# --------------------------------------------------------------------------------------
# main-entity analysis
# --------------------------------------------------------------------------------------


def _work_kind(obj: dict) -> str | None:
    types = type_names(obj)
    if types & MOVIE_TYPES:
        return "film"
    if types & SERIES_TYPES:
        return "series"
    return None


_NOT_LIST_KEYS = frozenset(
    {"publisher", "author", "creator", "breadcrumb", "isPartOf", "potentialAction", "provider"}
)


_DETAIL_PROPS = (
    "director", "directors", "actor", "actors", "author", "creator", "duration",
    "offers", "potentialAction", "aggregateRating", "contentRating",
)


def _detail_score(obj: dict) -> int:
    """How much of a film page (vs a film card) an object carries."""
    return sum(1 for k in _DETAIL_PROPS if obj.get(k) not in (None, "", []))


def analyze(objects: list[dict], url: str = "") -> tuple[dict | None, str | None]:
    """(main work object, kind) for a page's top-level schema.org objects.

    The main work is the page's ``mainEntity``, else the one whose url/@id/
    mainEntityOfPage is the page URL, else the richest standalone one (first on ties).
    kind: "film" / "series" for the main work, "listing" for lists of works
    (ItemList/CollectionPage with >= 2 works and no anchored main work nor exactly one
    standalone work with full film details (>= 3 of director/actor/duration/...), or >= 3
    standalone works none of which is anchored or clearly richer than the rest - a film
    page whose related-film cards are marked up as Movies stays a film), None when
    there is no work at all."""
    by_id: dict[str, dict] = {}
    for o in objects:
        i = o.get("@id")
        if isinstance(i, str) and len(o) > 1:
            by_id.setdefault(i, o)

    def resolve(x: Any) -> Any:
        if isinstance(x, dict) and isinstance(x.get("@id"), str) and len(x) <= 2 and not type_names(x):
            return by_id.get(x["@id"], x)
        if isinstance(x, str) and x in by_id:
            return by_id[x]
        return x

    listed: list[int] = []  # ids of work dicts inside lists
    listed_kind: dict[int, str | None] = {}

    def collect_listed(x: Any, depth: int = 0) -> None:
        if depth > 8:
            return
        if isinstance(x, list):
            for v in x:
                collect_listed(v, depth + 1)
        elif isinstance(x, dict):
            x = resolve(x)
            if not isinstance(x, dict):
                return
            if _work_kind(x):
                listed.append(id(x))
                listed_kind[id(x)] = _work_kind(x)
                return
            for k, v in x.items():
                if isinstance(v, (list, dict)) and k not in _NOT_LIST_KEYS:
                    collect_listed(v, depth + 1)

    explicit: list[dict] = []
    for o in objects:
        types = type_names(o)
        if types & LIST_TYPES:
            collect_listed(o)
        mains = [resolve(v) for v in as_list(o.get("mainEntity"))]
        works = [v for v in mains if isinstance(v, dict) and _work_kind(v)]
        if len(works) == 1 and not types & {"itemlist"}:
            explicit.append(works[0])
        elif len(works) > 1:
            listed.extend(id(w) for w in works)
            listed_kind.update((id(w), _work_kind(w)) for w in works)

    listed_set = set(listed)
    n_listed = len(listed_set)
    listed_kinds = {k for k in listed_kind.values()}
    candidates = [o for o in objects if _work_kind(o) and id(o) not in listed_set]

    page = _norm_url(url) if url else ""
    if page:
        for o in candidates:
            refs = [o.get("url"), o.get("@id")]
            mep = o.get("mainEntityOfPage")
            refs += [r.get("@id") or r.get("url") if isinstance(r, dict) else r for r in as_list(mep)]
            for r in refs:
                for rr in as_list(r):
                    if isinstance(rr, str) and rr.strip() and _norm_url(rr, url) == page:
                        explicit.append(o)
                        break
                else:
                    continue
                break

    if explicit:
        return explicit[0], _work_kind(explicit[0])
    scores = [_detail_score(o) for o in candidates]
    rich = [o for o, sc in zip(candidates, scores) if sc >= 3]
    series = [o for o in candidates if _work_kind(o) == "series"]
    if n_listed >= 2:
        if len(rich) == 1:  # a full film next to a list of related films
            return rich[0], _work_kind(rich[0])
        if series and listed_kinds == {"series"}:  # a show and its seasons/episodes
            return series[0], "series"
        return None, "listing"
    if candidates:
        best = max(scores)
        main = candidates[scores.index(best)]  # the richest; the first on ties
        if len(candidates) >= 3 and not (best >= 3 and sorted(scores)[-2] <= 1):
            if len(series) == len(candidates):  # a show, its seasons and episodes
                return series[0], "series"
            return None, "listing"  # many film cards, none standing out
        return main, _work_kind(main)
    # Fallback: a work reviewed or described by a top-level object (Review pages).
    for o in objects:
        for key in ("itemReviewed", "about"):
            for v in as_list(o.get(key)):
                v = resolve(v)
                if isinstance(v, dict) and _work_kind(v) and id(v) not in listed_set:
                    return v, _work_kind(v)
    return None, None


# --------------------------------------------------------------------------------------
# the family
# --------------------------------------------------------------------------------------


class JsonLdPage(SchemaMoviePage):
    family = "jsonld"

    @cached_property
    def objects(self) -> list[dict]:
        return self.once("jsonld_objects", lambda: jsonld_objects(self.sel))
