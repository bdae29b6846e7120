"""The third round of labelled-family shortcuts gives what the plain computations give:
a leaf's label read from its raw text (memoized, no per-page memo), leaf badge
containers without a bullet skipped before their items are built, element texts made
from the ``.//text()`` XPath instead of ``itertext()``, and a table row's cells sorted
in one pass."""

from __future__ import annotations

import glob
import os
import random
from functools import cached_property
from itertools import islice

import pytest
from lxml import etree
from parsel import Selector

from filmcrawl.extract import labelled as L

from .conftest import FIXTURES

TESTS = os.path.dirname(FIXTURES)
PAGES = sorted(
    p for d in ("fixtures", "holdout", "holdout2")
    for p in glob.glob(os.path.join(TESTS, d, "**", "*.html"), recursive=True)
)


def _sel(path) -> Selector:
    with open(path, "rb") as fh:
        return Selector(text=fh.read().decode("utf-8", "replace"), type="html")


# -- the plain computations ---------------------------------------------------
class _Plain(L.LabelledPage):
    """The label element, badge container and table row readings as they were before."""

    def _el_text(self, el) -> str:
        if not L.is_el(el):
            return L.el_text(el)
        return L.clean(el.text) if not len(el) else L.clean(" ".join(el.itertext()))

    def _is_label_el(self, el):
        tag = el.tag
        if tag in ("br", "a"):
            return None
        if tag == "img":
            alt = L.clean(el.get("alt") or el.get("title") or "")
            return alt if alt and "imdb" in alt.lower() else None
        if len(el) and tag not in ("dt", "th") and L.has_block(el):
            return None
        text = self._el_text(el)
        if not text or len(text) > 40:
            return None
        return L._label_of(text)

    def _may_hold_label(self, el) -> bool:
        text = el.text
        if text and (":" in text or "：" in text):
            return True
        for ch in el:
            tail = ch.tail
            if tail and (":" in tail or "：" in tail):
                return True
        for ch in el:
            if isinstance(ch.tag, str) and self._is_label_el(ch) is not None:
                return True
        return False

    @cached_property
    def badges(self) -> dict:
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
        cands.append(h1)
        best: dict = {}
        seen = set()
        for cand in cands:
            containers = [cand, *islice(cand.iterdescendants("ul", "ol", "div", "p", "span", "dl"), 30)]
            for c in containers:
                if id(c) in seen:
                    continue
                seen.add(id(c))
                items = self._badge_items(c)
                if len(items) < 2 and c is not h1:
                    continue
                found = self._read_badges(c, items)
                if found.get("_count", 0) >= 2 or (c is h1 and found.get("_count", 0) >= 1):
                    for k, v in found.items():
                        best.setdefault(k, v)
        best.pop("_count", None)
        if len(best.get("genres") or []) >= L._MENU_GENRES:
            del best["genres"]
        return best

    def _table_pairs(self):
        for table in self._root.iter("table"):
            rows = self._own_rows(table)
            carry_label, carry_left = None, 0
            for tr in rows:
                cells = [c for c in tr if c.tag in ("th", "td")]
                if not cells:
                    continue
                ths = [c for c in cells if c.tag == "th"]
                tds = [c for c in cells if c.tag == "td"]
                label_cell, values = None, []
                if ths and tds and cells[0].tag == "th":
                    label_cell, values = cells[0], cells[1:]
                elif not ths and len(tds) >= 2:
                    first = self._label_text(tds[0])
                    if first and len(first) <= 40 and (
                        first.rstrip().endswith((":", "：")) or L.label_field(first)
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


def _pair_view(page, pairs) -> list:
    """The pairs, their value elements by path (each page reads its own cleaned copy)."""
    path = page._root.getroottree().getpath
    return [(p.label, p.field, [n if isinstance(n, str) else path(n) for n in p.nodes], p.pos, p.cast_rows)
            for p in pairs]


def _check_page(sel) -> None:
    page = L.LabelledPage(sel, "http://x.test/", {})
    plain = _Plain(sel, "http://x.test/", {})
    root = page._root
    for el, pel in zip(root.iter(), plain._root.iter()):
        if not isinstance(el.tag, str):
            continue
        assert page._el_text(el) == plain._el_text(pel)
        assert page._is_label_el(el) == plain._is_label_el(pel)
        assert page._may_hold_label(el) == plain._may_hold_label(pel)
        if not len(el) and el.tag != "h1":
            text = el.text
            if not text or ("·" not in text and "•" not in text and "|" not in text):
                assert len(page._badge_items(el)) < 2  # (what the container skip says)
    assert page.badges == plain.badges
    assert _pair_view(page, page._table_pairs()) == _pair_view(plain, plain._table_pairs())
    assert _pair_view(page, page._line_pairs()) == _pair_view(plain, plain._line_pairs())
    assert page._facts == plain._facts


# -- the tests ----------------------------------------------------------------
@pytest.mark.parametrize("path", PAGES, ids=os.path.basename)
def test_shortcuts_match_the_plain_reading_on_the_corpus(path):
    _check_page(_sel(path))


_TAGS = ["span", "b", "strong", "a", "br", "img", "em", "li", "p", "div", "h1", "h2", "td", "th", "tr",
         "table", "ul", "dt", "dd"]
_TEXTS = ["Director:", "Cast", "Cast:", " Genre ", "Runtime：", "Tom Hanks", " as ", "2001", "PG-13",
          " · ", "|", "•", "Drama", "\xa0Rated\xa0", "Writer(s):", "[1]", "Year [2]:", "\u200b", "", " ",
          "Directed by", "IMDb 8.1", "x" * 45 + ":", "Some long label text here:", "Notes:",
          "2001 | PG-13", "Drama · 2 hr 5 min", "R • 1999", "TV Series|2004"]


def _random_page(rng: random.Random) -> str:
    def tree(depth):
        tag = rng.choice(_TAGS) if depth else "div"
        el = etree.Element(tag)
        if rng.random() < 0.8:
            el.text = rng.choice(_TEXTS) or None
        if rng.random() < 0.3:
            el.set("class", rng.choice(["meta", "rating", "actor", "role", "cast-list", "imdb"]))
        if tag == "img":
            el.set("alt", rng.choice(["IMDb", "logo", ""]))
        elif tag != "br":
            for _ in range(rng.randint(0, 4) if depth < 4 else 0):
                child = tree(depth + 1)
                child.tail = rng.choice(_TEXTS) or None
                el.append(child)
        return el

    body = etree.Element("body")
    for _ in range(rng.randint(1, 3)):
        body.append(tree(0))
    if rng.random() < 0.4:
        table = etree.SubElement(body, "table")
        for _ in range(rng.randint(1, 4)):
            tr = etree.SubElement(table, "tr")
            for _ in range(rng.randint(0, 3)):
                cell = etree.SubElement(tr, rng.choice(["th", "td", "td"]))
                cell.text = rng.choice(_TEXTS) or None
                if rng.random() < 0.2:
                    cell.set("rowspan", rng.choice(["2", "x"]))
    h1 = etree.Element("h1")
    h1.text = "A Film"
    body.insert(rng.randint(0, len(body)), h1)
    return "<html>" + etree.tostring(body, encoding=str, method="html") + "</html>"


def test_shortcuts_match_the_plain_reading_on_generated_pages():
    rng = random.Random(5)
    for _ in range(400):
        _check_page(Selector(text=_random_page(rng), type="html"))


def test_leaf_label_is_the_label_of_the_cleaned_text():
    rng = random.Random(3)
    pool = _TEXTS + ["\n", "\t", ":", "：", "s", "(s)", "  "]
    for _ in range(5000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 4)))
        clean = L.clean(text)
        want = L._label_of(clean) if clean and len(clean) <= 40 else None
        assert L._leaf_label(text) == want
