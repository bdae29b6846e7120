"""The offers reader's shortcuts (second round) give what the plain code they stand
for gives: regexes not run on texts that cannot match, memoized checks, the zone walk
that does not look at what cannot be a zone, the label shortcuts, the anchor memo,
the units' bounded containment climb, the link passed down the token walk, the
data-attribute pre-checks, the per-row columns and element texts read in C.

``_PlainReader`` below is the reader as it was before these shortcuts (the methods
they changed, verbatim but for names); every shortcut is compared with it on every
fixture page and on generated offer blocks, element by element and as a whole.
"""

from __future__ import annotations

import glob
import os
import random

import pytest
from lxml import etree
from parsel import Selector

from filmcrawl.extract import offers as O
from filmcrawl.extract.base import main_content, texts_of, xpath_all
from filmcrawl.extract.labelled import clean

from .conftest import FIXTURES

PAGES = sorted(glob.glob(os.path.join(FIXTURES, "**", "*.html"), recursive=True))
_E = etree.Element


# --------------------------------------------------------------------------
# the plain reader
# --------------------------------------------------------------------------
def _plain_text(el) -> str:
    if el is None:
        return ""
    if not len(el) and isinstance(el.tag, str):
        return clean(el.text)
    return clean(" ".join(el.itertext()))


def _plain_own_region(node):
    for attr in O.REGION_DATA:
        v = node.get(attr)
        if v:
            return clean(v)
    return None


def _plain_zone_label(own: str):
    watch_label = bool(O.WATCH_LABEL_RE.rx.match(own)) and len(own.split()) <= 8 and not O.TRAILER_RE.rx.search(own)
    zone_text = O.ZONE_TEXT_RE.rx.search(own) is not None
    if not watch_label and not zone_text:
        return None
    strong = bool(watch_label or O.STRONG_ZONE_RE.search(own) or (O._implied_option(own) and len(own.split()) <= 3))
    return (not zone_text, strong, O._implied_option(own), O._region_text(own))


class _PlainReader(O._Reader):
    def _t(self, el) -> str:
        try:
            return self._texts[el]
        except KeyError:
            text = self._texts[el] = _plain_text(el)
            return text
        except TypeError:
            return _plain_text(el)

    def zones(self):
        found = []
        for el in self.root.iter(_E):
            tag = el.tag
            if tag in ("html", "body", "head", "main", "title", "meta"):
                continue
            cls = self._cls(el) if el.attrib else ""
            if cls and O._zone_class(cls) and not self._holds_h1(el) and tag not in (
                "img", "a", "span", "b", "strong", "i", "em", "small", "button"
            ):
                found.append(([el], None, O._OWN_REGION))
                continue
            if tag in ("a", "button", "img", "option"):
                continue
            if tag == "table" and self._offers_table(el):
                found.append(([el], None, O._OWN_REGION))
                continue
            if tag == "h1" or tag not in O.LABELISH_TAGS:
                continue
            own = self._label_text(el)
            if own is None:
                continue
            verdict = _plain_zone_label(own)
            if verdict is None:
                continue
            if any(a.tag in ("a", "button") for a in el.iterancestors()):
                continue
            weak, strong, implied, region = verdict
            if tag not in O.HEADING_TAGS and tag not in ("dt", "caption", "legend") and not strong:
                continue
            if any(isinstance(c.tag, str) for c in el) and (el.text or "").strip() and O.ZONE_TEXT_RE.rx.search(el.text):
                if not self._holds_h1(el):
                    found.append(([el], implied, region))
                    if weak:
                        self.weak.add(el)
                continue
            roots = self._after(el)
            if roots and not any(r is self.h1 or self._holds_h1(r) for r in roots):
                found.append((roots, implied, region))
                if weak:
                    self.weak.update(roots)
        if self.weak:
            strong_firsts = [z[0][0] for z in found if not all(r in self.weak for r in z[0])]
            for z in found:
                if all(r in self.weak for r in z[0]) and any(
                    any(a is r for a in f.iterancestors()) for f in strong_firsts for r in z[0]
                ):
                    self.weak.difference_update(z[0])
        out = []
        covered: set = set()
        for roots, implied, region in sorted(found, key=lambda z: self.order.get(z[0][0], 0)):
            if any(r in covered for r in roots):
                continue
            fresh = [r for r in roots if r not in covered]
            for r in fresh:
                covered.update(r.iter(_E))
            if region is O._OWN_REGION:
                region = self._region(roots[0])
            out.append((fresh, implied, region))
        return out

    def _after(self, el):
        node = el
        for _ in range(3):
            roots = []
            closed = False
            for sib in node.itersiblings():
                if not isinstance(sib.tag, str):
                    continue
                if sib.tag == node.tag and (node.tag in O.HEADING_TAGS or node.tag == "dt"):
                    closed = True
                    break
                if sib.tag in O.HEADING_TAGS and node.tag in O.HEADING_TAGS and sib.tag <= node.tag:
                    closed = True
                    break
                if node.tag in O.HEADING_TAGS and sib.tag not in O.HEADING_TAGS and any(
                    h.tag in O.HEADING_TAGS and h.tag <= node.tag for h in sib.iterdescendants()
                    if h.tag in O.HEADING_TAGS and self._t(h) and not O.ZONE_TEXT_RE.rx.search(self._t(h))
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

    def _label_text(self, el):
        tag = el.tag
        if tag not in O.LABELISH_TAGS:
            return None
        if tag in O.HEADING_TAGS or tag in ("dt", "caption", "legend", "summary"):
            text = self._t(el)
            return text if text and len(text) <= 90 else None
        if tag == "th":
            return None
        kids = [c for c in el if isinstance(c.tag, str)] if len(el) else ()
        if kids and not all(c.tag in ("strong", "b", "em", "i", "span", "small", "br") for c in kids):
            lead = clean(el.text)
            return lead if lead and len(lead) <= 40 else None
        lead = el.text
        if lead and len(lead) > 40 and O._min_clean_len(lead) > 40:
            return None
        text = self._t(el)
        if not text or len(text) > 40:
            return None
        return text

    def anchors(self, roots):
        out = []
        for r in roots:
            for el in r.iter(_E):
                name = self.anchor_name(el)
                if name:
                    out.append((el, name))
        return out

    def anchor_name(self, el):
        try:
            return self._anchor_names[el]
        except KeyError:
            name = self._anchor_names[el] = self._anchor_name(el)
            return name

    def _anchor_name(self, el):
        attrib = el.attrib
        if not attrib:
            return None
        provider_attrs = O.PROVIDER_ATTRS if O._has_data_attr(attrib) else ()
        for attr in provider_attrs:
            v = el.get(attr)
            if v and not O._DIGITS_DASHES_ONLY.fullmatch(v):
                name = O.clean_provider(v.replace("-", " ").replace("_", " ") if " " not in v and v.islower() else v)
                if name:
                    return name
        if el.tag == "img":
            for attr in ("alt", "title", "aria-label"):
                alt = el.get(attr) or ""
                if alt and not O._bad_alt(alt):
                    name = O.clean_provider(alt)
                    if name and not self._is_title(name):
                        return name
            return None
        if el.tag in ("a", "button", "div", "span", "li") and (el.get("aria-label") or el.get("title")):
            name = O.clean_provider(el.get("aria-label") or el.get("title"))
            if name and not self._is_title(name) and not O._bad_alt(name):
                return name
        if el.tag in ("svg", "use") and el.get("aria-label"):
            return O.clean_provider(el.get("aria-label"))
        cls = self._cls(el)
        if cls and O.CLASS_PROVIDER_RE.search(cls) and not any(
            isinstance(c.tag, str) and c.tag not in ("br", "span", "b", "strong", "em") for c in el
        ):
            text = self._t(el)
            if text and len(text) <= 45 and not O.PRICE_RE.search(text):
                name = O.clean_provider(text)
                if name and not self._is_title(name) and not O.OPTION_RE.search(name) and not O.QUALITY_RE.fullmatch(name):
                    return name
        return None

    def units(self, roots):
        anchors = [(el, O._pkey(name)) for el, name in self.anchors(roots)]
        root_set = set(roots)
        keys_under: dict = {}
        for el, k in anchors:
            node = el
            while node is not None:
                ks = keys_under.get(node)
                if ks is None:
                    keys_under[node] = {k}
                elif k in ks:
                    break
                else:
                    ks.add(k)
                if node in root_set:
                    break
                node = node.getparent()
        units = []
        for r in roots:
            for tr in r.iter("tr"):
                if any(c.tag == "td" for c in tr) and len(keys_under.get(tr, ())) <= 1:
                    if self._t(tr) or keys_under.get(tr):
                        units.append(tr)
        for el, k in anchors:
            node = el
            while node not in root_set:
                parent = node.getparent()
                if parent is None or parent.tag in ("table", "tbody", "thead"):
                    break
                ks = keys_under.get(parent)
                if ks and (len(ks) > 1 or k not in ks):
                    break
                if parent.tag in ("ul", "ol", "dl") and len([c for c in parent if isinstance(c.tag, str)]) > 1:
                    break
                node = parent
            units.append(node)
        for r in roots:
            for li in [r] if r.tag == "li" else r.iter("li"):
                if not keys_under.get(li) and not any(True for _ in li.iterdescendants("li")):
                    units.append(li)
        units = sorted(set(units), key=lambda u: self.order.get(u, 0))
        kept = []
        kept_set: set = set()
        for u in units:
            if any(a in kept_set for a in u.iterancestors()):
                continue
            kept.append(u)
            kept_set.add(u)
        return [u for u in kept if len(keys_under.get(u, ())) <= 1]

    def read_unit(self, unit, implied, region):
        text = self._t(unit)
        if O.SKIP_UNIT_RE.rx.search(text) and not O.PRICE_RE.search(text):
            return []
        return super().read_unit(unit, implied, region)

    def unit_provider(self, unit):
        names = []
        for el in unit.iter(_E):
            name = self.anchor_name(el)
            if name:
                names.append((el, name))
        col = self.provider_column(unit)
        if col is not None:
            txt = O.clean_provider(self._t(col))
            if txt and not O.OPTION_RE.fullmatch(txt):
                return txt
            for el, name in names:
                if el is col or any(a is col for a in el.iterancestors()):
                    return name
        for el, name in names:
            if O._has_data_attr(el.attrib) and any(el.get(a) for a in O.PROVIDER_ATTRS):
                return name
        for el, name in names:
            if el.tag == "img":
                return name
        if names:
            return names[0][1]
        for piece in self.leftovers(unit):
            name = O.clean_provider(piece)
            if name and not self._is_title(name):
                return name
        return None

    def provider_column(self, unit):
        if unit.tag != "tr":
            return None
        headers = self.table_headers(unit)
        cells = [c for c in unit if c.tag in ("td", "th")]
        for cell, head in zip(cells, headers):
            if head and O._provider_head(head):
                return cell
        return None

    def column_hints(self, unit):
        if unit.tag != "tr":
            return {}
        headers = self.table_headers(unit)
        cells = [c for c in unit if c.tag in ("td", "th")]
        hints = {}
        for cell, head in zip(cells, headers):
            if head:
                hint = O._column_hint(head)
                if hint is not None:
                    hints[cell] = hint
        return hints

    def tokens(self, unit, col_hints):
        out: list = []

        def href_of(el):
            node = el
            while node is not None:
                if node.tag == "a" and node.get("href"):
                    return self.absolute(node.get("href"))
                if node is unit:
                    break
                node = node.getparent()
            return None

        def add_text(text, el):
            if not text or not text.strip():
                return
            found = O._text_tokens_of(text)
            if found:
                href = href_of(el)
                out.extend((kind, value, href) for kind, value in found)

        def walk(el):
            tag = el.tag
            if tag in ("script", "style"):
                return
            hint = col_hints.get(el) if col_hints else None
            if hint:
                cell_text = self._t(el)
                if cell_text and not O._UNAVAILABLE_MARK.fullmatch(cell_text):
                    out.append((hint[0], hint[1], href_of(el)))
            if tag == "img":
                alt = el.get("alt") or el.get("title") or ""
                if alt and (O.QUALITY_RE.fullmatch(alt.strip()) or O.OPTION_RE.fullmatch(alt.strip())):
                    add_text(alt, el)
            elif tag in ("a", "button") and el.get("aria-label") and not self._t(el):
                label = el.get("aria-label")
                add_text(O._ON_TAIL.sub("", label), el)
            if el.text:
                add_text(el.text, el)
            for ch in el:
                if isinstance(ch.tag, str):
                    walk(ch)
                if ch.tail:
                    add_text(ch.tail, el)

        walk(unit)
        return out

    def data_defaults(self, unit):
        out: dict = {}
        for el in [unit, *unit.iterdescendants(_E)]:
            for attr, value in el.attrib.items():
                if not attr.startswith("data-") or not value or not value.strip():
                    continue
                name = attr[5:]
                v = clean(value)
                if O._OPTION_ATTR.search(name):
                    if O.OPTION_RE.search(v) or v.lower() in ("flatrate", "ads", "rent", "buy", "free"):
                        out.setdefault("option", v)
                elif O._QUALITY_ATTR.search(name):
                    if O.QUALITY_RE.search(v.replace("_", "")):
                        out.setdefault("quality", v.strip("_"))
                elif O._PRICE_ATTR.search(name):
                    cur = el.get("data-currency") or el.get("data-price-currency")
                    out.setdefault("price", (v if not cur or O.PRICE_RE.search(v) else f"{v} {cur}", cur or O._currency_of(v)))
        return out

    def unit_url(self, unit):
        node = unit
        while node is not None and node.tag not in ("body", "html"):
            if node.tag == "a" and node.get("href"):
                return self.absolute(node.get("href"))
            node = node.getparent()
            if node is not None and node.tag not in ("a",):
                break
        for a in unit.iter("a"):
            href = a.get("href")
            if not href:
                continue
            label = " ".join([self._t(a), a.get("title") or "", a.get("aria-label") or "", href])
            if O.TRAILER_RE.rx.search(label) or O._SIGNUP.rx.search(label):
                continue
            url = self.absolute(href)
            if url:
                return url
        links = []
        by_attr: list[list] = [[], [], [], [], []]
        for el in unit.iter(_E):
            if el.attrib:
                for found, attr in zip(by_attr, O._LINK_DATA):
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


def _read(sel: Selector, url: str, reader_class) -> list[dict]:
    """``html_offers(sel, url)`` with the given reader."""
    content = main_content(sel, keep_sidebars=True)
    title = None
    h1 = xpath_all(content, "//h1")
    if h1:
        title = O._H1_TITLE_NOISE.sub("", clean(" ".join(texts_of(h1[0]))))
    reader = reader_class(content, url, title)
    offers: list[dict] = []
    zones = reader.zones()
    for roots, implied, region in zones:
        found = reader.read_zone(roots, implied, region)
        if all(r in reader.weak for r in roots):
            found = [o for o in found if O._known_provider(o["provider"])]
        offers.extend(found)
    if not offers:
        offers = O.prose_offers(content, title, zones)
    return O._dedupe(offers)


# --------------------------------------------------------------------------
# generated offer blocks
# --------------------------------------------------------------------------
_PROVIDERS = ["Netflix", "Prime Video", "Apple TV", "Disney+", "Max", "Hulu", "Tubi", "MUBI", "Kanopy",
              "Google Play", "Vudu", "Pluto TV", "Peacock", "Paramount+", "YouTube", "Crunchyroll"]
_OPTIONS = ["Stream", "Rent", "Buy", "Free with ads", "Included with Prime", "Subscription", "Free", "ads",
            "flatrate", "rent", "Purchase", "Own it", "Streaming"]
_QUALITIES = ["SD", "HD", "4K", "4K UHD", "1080p", "hd"]
_PRICES = ["$3.99", "$9.99", "€4,99", "£2.49", "3.99 USD", "from $5.99", "Included", "-", "N/A", "x", "none",
           "not available", "12 kr"]
_LABELS = ["Where to watch", "Where to watch Heat", "Stream", "Rent or buy", "Watch options", "Providers",
           "Available on", "Watch Heat online", "Cast", "Reviews", "Rent", "Buy", "Streaming in the UK",
           "All offers", "Watch the trailer", "Free with ads", "Also on", "ſtream", "Where can I stream it?",
           "Available to rent", "Watch now", "Details", "Coming soon", "Not available", "Sign up"]
_CLASSES = ["where-to-watch", "providers", "offers", "stream-list", "watch-options", "provider-name", "provider",
            "service-name", "card", "row", "title", "name", "availability", "justwatch", "platforms", "", "x y",
            "services-list", "related"]
_HEADS = ["Provider", "Service", "Type", "Option", "Price", "Quality", "Stream", "Rent", "Buy", "4K", "HD",
          "Where", "Cost", "Format", "Plan", "Free with ads", "Notes", ""]
_WORDS = ["the", "film", "trailer", "Sign up", "now", "on", "in", "with", "\xa0", "\u200b", "ſ", "K", "İ", "é",
          "[1]", " ", "\n  ", "Heat", "watch", "no offers", "unavailable", "sponsored", "leaving soon", "preview"]


def _txt(rng) -> str:
    pool = rng.choice([_PROVIDERS, _OPTIONS, _QUALITIES, _PRICES, _LABELS, _WORDS])
    return " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))


# (odds, attribute, values) of the attributes a generated element may carry
_ATTR_ODDS = [
    (0.4, "class", _CLASSES),
    (0.1, "id", _CLASSES),
    (0.15, "data-provider", _PROVIDERS + ["netflix", "prime-video", "123", ""]),
    (0.1, "data-monetization", _OPTIONS),
    (0.08, "data-quality", _QUALITIES + ["_4K_"]),
    (0.08, "data-price", ["3.99", "$4.99", "5"]),
    (0.06, "data-region", ["US", "uk", "", "DE"]),
    (0.05, "data-href", ["/w/1", "https://x.test/a", "#", ""]),
    (0.1, "aria-label", _PROVIDERS + _LABELS + ["Watch on Netflix", "Rent on Vudu for $3.99"]),
    (0.1, "title", _PROVIDERS + _LABELS),
    (0.05, "role", ["list", "region", "streaming"]),
]


def _attrs(rng) -> str:
    out = []
    for odds, name, values in _ATTR_ODDS:
        if rng.random() < odds:
            out.append(f'{name}="{rng.choice(values)}"')
            if name == "data-price" and rng.random() < 0.5:
                out.append('data-currency="EUR"')
    return (" " + " ".join(out)) if out else ""


def _link(rng) -> str:
    href = rng.choice(["https://www.netflix.com/title/1", "/watch/x", "https://a.example.com/trailer", "#",
                       "javascript:void(0)", "http://Example.COM:80/a b", "", "/signup", "mailto:x@y"])
    inner = rng.choice([f'<img src="/l.png" alt="{rng.choice(_PROVIDERS + _QUALITIES + _OPTIONS + ["logo", ""])}"'
                        f'{_attrs(rng)}>', _txt(rng), f"<span{_attrs(rng)}>{_txt(rng)}</span>", ""])
    return f'<a href="{href}"{_attrs(rng)}>{inner}</a>'


def _inline(rng, depth) -> str:
    r = rng.random()
    if r < 0.3:
        return _txt(rng)
    if r < 0.55:
        return _link(rng)
    if r < 0.65:
        return f"<!-- {_txt(rng)} -->{_txt(rng)}"
    if r < 0.7:
        return f"<script>var a = '{_txt(rng)}';</script>{_txt(rng)}"
    if r < 0.8:
        return f'<img src="/p.png" alt="{rng.choice(_PROVIDERS + _QUALITIES + _OPTIONS + ["poster"])}"{_attrs(rng)}>'
    tag = rng.choice(["span", "b", "strong", "em", "small", "button", "i", "br"])
    if tag == "br":
        return "<br>" + _txt(rng)
    return f"<{tag}{_attrs(rng)}>{_inline(rng, depth + 1) if depth < 3 else _txt(rng)}</{tag}>"


def _table(rng) -> str:
    cols = rng.randint(1, 4)
    rows = []
    if rng.random() < 0.8:
        cell = rng.choice(["th", "th", "td"])
        heads = "".join(
            f"<{cell}{' colspan=%s' % rng.choice(['2', 'x', '0']) if rng.random() < 0.1 else ''}>"
            f"{rng.choice(_HEADS)}</{cell}>" for _ in range(cols)
        )
        rows.append(f"<tr>{heads}</tr>")
    for _ in range(rng.randint(0, 5)):
        cells = "".join(f"<td{_attrs(rng)}>{_inline(rng, 1)}</td>" for _ in range(cols))
        rows.append(f"<tr{_attrs(rng)}>{cells}</tr>")
    body = "".join(rows)
    if rng.random() < 0.5:
        body = f"<tbody>{body}</tbody>"
    caption = f"<caption>{rng.choice(_LABELS)}</caption>" if rng.random() < 0.2 else ""
    return f"<table{_attrs(rng)}>{caption}{body}</table>"


def _list(rng, depth) -> str:
    items = []
    for _ in range(rng.randint(1, 5)):
        inner = "".join(_inline(rng, 1) for _ in range(rng.randint(1, 3)))
        if depth < 2 and rng.random() < 0.15:
            inner += _list(rng, depth + 1)
        items.append(f"<li{_attrs(rng)}>{inner}</li>")
    tag = rng.choice(["ul", "ol"])
    return f"<{tag}{_attrs(rng)}>{''.join(items)}</{tag}>"


def _block(rng, depth=0) -> str:
    r = rng.random()
    if r < 0.2:
        level = rng.randint(2, 4)
        inner = rng.choice(_LABELS) + (_inline(rng, 2) if rng.random() < 0.2 else "")
        return f"<h{level}{_attrs(rng)}>{inner}</h{level}>"
    if r < 0.35:
        return _table(rng)
    if r < 0.5:
        return _list(rng, 0)
    if r < 0.6:
        return f"<p{_attrs(rng)}>{rng.choice(_LABELS + [''])}: {''.join(_inline(rng, 1) for _ in range(rng.randint(1, 4)))}</p>"
    if r < 0.66:
        return (f"<dl><dt>{rng.choice(_LABELS)}</dt><dd>{_inline(rng, 1)}</dd>"
                f"<dt>{rng.choice(_LABELS)}</dt><dd>{_inline(rng, 1)}</dd></dl>")
    if r < 0.7:
        return f"<p>{rng.choice(_PROVIDERS)} is streaming it in HD. Rent it on {rng.choice(_PROVIDERS)} for $3.99.</p>"
    tag = rng.choice(["div", "section", "aside", "div", "header", "label", "span", "summary"])
    inner = "".join(_block(rng, depth + 1) if depth < 3 and rng.random() < 0.5 else _inline(rng, 1)
                    for _ in range(rng.randint(1, 4)))
    return f"<{tag}{_attrs(rng)}>{inner}</{tag}>"


def _page(seed: int) -> str:
    rng = random.Random(seed)
    title = rng.choice(["Heat (1995)", "Where to watch Heat (1995)", "Netflix", "Heat - Review", ""])
    h1 = f"<h1>{title}</h1>" if rng.random() < 0.9 else ""
    blocks = "".join(_block(rng) for _ in range(rng.randint(2, 7)))
    return f"<html><head><title>x</title></head><body><main>{h1}{blocks}</main></body></html>"


GENERATED = [_page(i) for i in range(400)]


def _selectors():
    for path in PAGES:
        with open(path, "rb") as fh:
            yield os.path.basename(path), Selector(text=fh.read().decode("utf-8", "replace"), type="html")
    for i, html in enumerate(GENERATED):
        yield f"generated-{i}", Selector(text=html, type="html")


# --------------------------------------------------------------------------
# the tests
# --------------------------------------------------------------------------
def test_html_offers_match_the_plain_reader():
    differ = []
    nonempty = 0
    for name, sel in _selectors():
        for url in ("http://x.test/film/1", ""):
            got = _read(sel, url, O._Reader)
            assert got == O.html_offers(sel, url)
            if got != _read(sel, url, _PlainReader):
                differ.append(name)
            nonempty += bool(got)
    assert not differ
    assert nonempty > 200  # the generated blocks hold offers


def test_reader_steps_match_the_plain_reader_element_by_element():
    for name, sel in _selectors():
        content = main_content(sel, keep_sidebars=True)
        new, plain = O._Reader(content, "http://x.test/", "Heat"), _PlainReader(content, "http://x.test/", "Heat")
        assert new.zones() == plain.zones(), name
        assert new.weak == plain.weak, name
        els = list(content.root.iter(_E))
        for el in els:
            assert new._label_text(el) == plain._label_text(el), name
            assert new._after(el) == plain._after(el), name
            assert new.anchors([el]) == plain.anchors([el]), name
            assert new.data_defaults(el) == plain.data_defaults(el), name
            assert new.tokens(el, {}) == plain.tokens(el, {}), name
            assert new.unit_url(el) == plain.unit_url(el), name
            assert O._own_region(el) == _plain_own_region(el), name
            assert O._has_block_kid(el) == any(
                isinstance(c.tag, str) and c.tag not in ("br", "span", "b", "strong", "em") for c in el
            ), name
            if el.tag == "tr":
                assert O._has_td(el) == any(c.tag == "td" for c in el), name
                assert new.provider_column(el) is plain.provider_column(el), name
                assert new.column_hints(el) == plain.column_hints(el), name
                assert new.tokens(el, new.column_hints(el)) == plain.tokens(el, plain.column_hints(el)), name
                assert new.unit_provider(el) == plain.unit_provider(el), name
        for roots, _implied, _region in plain.zones():
            assert new.units(roots) == plain.units(roots), name


def test_element_texts_read_in_c_match_the_joined_itertext():
    for name, sel in _selectors():
        for root in (sel.root, main_content(sel, keep_sidebars=True).root, main_content(sel).root):
            for el in root.iter(_E):
                assert O._text(el) == _plain_text(el), name


def _random_texts(seed: int, n: int):
    pieces = (_WORDS + _LABELS + _OPTIONS + _PRICES + _QUALITIES + _PROVIDERS
              + ["not", "no", " ", "-", "/", "available", "streaming", "currently", "soon", "coming", "up", "on",
                 "demand", "subscription", "buy", "rent", "offers", "where", "to", "can", "i", "you", "watch",
                 "promoted", "advertisement", "register", "teaser", "clip", "NOT", "Ｓ", "ß", "ﬁ", "ı", "Ǳ"])
    rng = random.Random(seed)
    for _ in range(n):
        sep = rng.choice([" ", "", "  ", "\n"])
        yield sep.join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))


def _corpus_texts():
    for _name, sel in _selectors():
        for el in sel.root.iter(_E):
            yield _plain_text(el)[:300]
            for value in el.values():
                yield value


def test_guarded_regexes_answer_like_the_regexes():
    texts = list(_random_texts(5, 20000)) + list(_corpus_texts())
    for t in texts:
        for guarded in (O.SKIP_UNIT_RE, O.ZONE_TEXT_RE, O.WATCH_LABEL_RE):
            assert (guarded.search(t) is None) == (guarded.rx.search(t) is None), (guarded.pattern[:30], t)
            assert (guarded.match(t) is None) == (guarded.rx.match(t) is None), (guarded.pattern[:30], t)
        if O.TRAILER_RE.rx.search(t) or O._SIGNUP.rx.search(t):
            assert O._TRAILER_OR_SIGNUP_WORD(t), t
        assert O._zone_label.__wrapped__(t) == _plain_zone_label(t), t


def test_memoized_checks_answer_like_the_plain_checks():
    rng = random.Random(3)
    marks = ["-", "–", "—", "x", "X", "✗", "✘", "n/a", "N/A", "na", "none", "None", "not available", "Not Available",
             " ", "a", "K", "ſ"]
    for _ in range(5000):
        t = "".join(rng.choice(marks) for _ in range(rng.randint(1, 4)))
        assert O._unavailable_mark(t) == (O._UNAVAILABLE_MARK.fullmatch(t) is not None), t
    for t in list(_random_texts(9, 5000)) + list(_corpus_texts()):
        if t:
            assert O._unavailable_mark(t) == (O._UNAVAILABLE_MARK.fullmatch(t) is not None), t
            w = t.strip()
            assert O._option_or_quality(w) == bool(O.QUALITY_RE.fullmatch(w) or O.OPTION_RE.fullmatch(w)), t
            assert O._class_provider(t) == (O.CLASS_PROVIDER_RE.search(t) is not None), t
        # unit_provider takes a provider column's clean_provider() as it is: never a bare option word
        name = O.clean_provider(t)
        assert not (name and O.OPTION_RE.fullmatch(name)), t


@pytest.mark.parametrize("html", [
    "<div><script>" + "var a = 1; " * 20000 + "</script>tail <b>x</b></div>",
    "<div>" + "word &amp; other &nbsp; x " * 20000 + "<i>y</i></div>",
    "<div><style>" + ".a{b:c} " * 20000 + "</style><textarea>" + "x < y &amp; " * 5000 + "</textarea></div>",
    "<div>a&amp;b&lt;c&#169;d&copy;e&nbsp;f&bogus;g<br>h</div>",
    "<div>a<!-- c -->b<?pi x?>c<![CDATA[ x ]]>d<span>e</span>\x01f\x0c</div>",
    "<p>Rent<a href='/x'><img alt='HD'></a> tail <!--c--> after</p><p>" + "long " * 3000 + "<b>b</b></p>",
], ids=["long-script", "long-text", "style-textarea", "entities", "comments-cdata-controls", "mixed"])
def test_element_texts_read_in_c_on_odd_markup(html):
    sel = Selector(text=html, type="html")
    for root in (sel.root, main_content(sel, keep_sidebars=True).root):
        for el in root.iter(_E):
            assert O._text(el) == _plain_text(el)
