"""The shortcuts of the offers reader and the labelled family give what the plain
computations they stand for give: leaf texts, the paragraph-length bound, per-table
header rows, badge hints, guarded trailer/sign-up regexes, line-label pre-checks."""

from __future__ import annotations

import glob
import os
import random

import pytest
from parsel import Selector

from filmcrawl.extract import labelled as L
from filmcrawl.extract import offers as O
from filmcrawl.extract.base import FamilyPage

from .conftest import FIXTURES

PAGES = sorted(glob.glob(os.path.join(FIXTURES, "**", "*.html"), recursive=True))
SOME = PAGES[:: max(1, len(PAGES) // 30)]


def _sel(path) -> Selector:
    with open(path, "rb") as fh:
        return Selector(text=fh.read().decode("utf-8", "replace"), type="html")


def _elements(sel):
    return [el for el in sel.root.iter() if isinstance(el.tag, str)]


@pytest.mark.parametrize("path", SOME, ids=os.path.basename)
def test_element_texts_match_the_joined_itertext(path):
    for el in _elements(_sel(path)):
        plain = L.clean(" ".join(el.itertext()))
        assert L.el_text(el) == plain
        assert O._text(el) == plain


def test_min_clean_len_is_a_lower_bound():
    pool = list("ab Z9 \t\n.,:;()[]") + ["\xa0", "\u200b", "\u2028", "\u3000", "[1]", "[a]", "( ", " ,"]
    rng = random.Random(7)
    for _ in range(5000):
        lead = "".join(rng.choice(pool) for _ in range(rng.randint(0, 60)))
        rest = "".join(rng.choice(pool) for _ in range(rng.randint(0, 10)))
        assert len(L.clean(" ".join([lead, rest]))) >= O._min_clean_len(lead)
        assert len(L.clean(lead)) >= O._min_clean_len(lead)


def _plain_table_headers(reader, tr):
    """The row-by-row scan the per-table memo stands for."""
    table = next(tr.iterancestors("table"), None)
    if table is None:
        return []
    for i, row in enumerate(table.iter("tr")):
        cells = [c for c in row if c.tag in ("td", "th")]
        if cells and (all(c.tag == "th" for c in cells) or (i == 0 and O._header_cells(cells))):
            heads = []
            for c in cells:
                try:
                    span = int(c.get("colspan") or 1)
                except ValueError:
                    span = 1
                heads.extend([reader._t(c)] * max(1, min(span, 10)))
            return heads
        if row is tr:
            break
    return []


@pytest.mark.parametrize("path", PAGES, ids=os.path.basename)
def test_table_headers_match_the_row_scan(path):
    sel = _sel(path)
    reader = O._Reader(sel, "http://x.test/", None)
    for tr in sel.root.iter("tr"):
        assert reader._table_headers(tr) == _plain_table_headers(reader, tr)


def test_table_headers_after_the_row_and_nested_tables():
    html = """<table><tr><td>Netflix</td><td>$3</td></tr><tr><th>Provider</th><th>Price</th></tr>
      <tr><td>Hulu<table><tr><td>Service</td><td>Type</td></tr><tr><td>Max</td><td>Rent</td></tr></table></td>
      <td>Rent</td></tr></table>"""
    sel = Selector(text=html, type="html")
    reader = O._Reader(sel, "", None)
    for tr in sel.root.iter("tr"):
        assert reader._table_headers(tr) == _plain_table_headers(reader, tr)


@pytest.mark.parametrize("path", SOME, ids=os.path.basename)
def test_badge_hint_finds_what_the_full_hint_finds(path):
    for el in _elements(_sel(path)):
        full = " ".join(
            L.el_classes(d) + " " + (d.get("alt") or "") + " " + (d.get("title") or "") + " " + (d.get("src") or "")
            for d in el.iter() if isinstance(d.tag, str)
        ).lower()
        short = L._badge_hint(el)
        assert ("imdb" in short) == ("imdb" in full)
        assert (L._CONTENT_RATING_HINT.search(short) is None) == (L._CONTENT_RATING_HINT.search(full) is None)


def test_guarded_trailer_and_signup_regexes():
    pieces = ["trailer", "Trailers", "TEASER", "clip", "preview", "sign", " ", "up", "SignUp", "register",
              "ſ", "K", "İ", "é", "x", "-", "/", "watch", "ſign up", "traİler"]
    rng = random.Random(11)
    for guarded in (O.TRAILER_RE, O._SIGNUP):
        rx = guarded.rx
        for _ in range(3000):
            t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
            assert (guarded.search(t) is None) == (rx.search(t) is None), t


@pytest.mark.parametrize("path", SOME, ids=os.path.basename)
def test_line_label_precheck_skips_only_label_free_elements(path):
    sel = _sel(path)
    page = L.LabelledPage(sel, "http://x.test/", {})
    for el in page._root.iter():
        if not isinstance(el.tag, str) or el.tag not in page._LINE_TAGS:
            continue
        if not page._may_hold_label(el):
            assert list(page._segments(el)) == []


@pytest.mark.parametrize("path", SOME, ids=os.path.basename)
def test_shared_element_order_is_document_order(path):
    sel = _sel(path)
    shared: dict = {}
    page = FamilyPage(sel, "http://x.test/", shared)
    root = page.content.root
    order = L.element_order(shared, root)
    els = [el for el in root.iter() if isinstance(el.tag, str)]
    assert sorted(els, key=order.get) == els
    assert L.element_order(shared, root) is order

