"""The shortcuts of the labelled family's pair collection and of the cleaned copies
give what the plain computations they stand for give: whitespace collapsing, the
line-tag walk, the per-element text memo, the "IMDb" text pre-check, the heading walk
of the related-section drop and the element order map."""

from __future__ import annotations

import glob
import os
import random
import re
import sys

import pytest
from parsel import Selector

from filmcrawl.extract import base as B
from filmcrawl.extract import labelled as L
from filmcrawl.extract.base import FamilyPage

from .conftest import FIXTURES

PAGES = sorted(glob.glob(os.path.join(FIXTURES, "**", "*.html"), recursive=True))
SOME = PAGES[:: max(1, len(PAGES) // 30)]
_WS = re.compile(r"\s+")


def _sel(path) -> Selector:
    with open(path, "rb") as fh:
        return Selector(text=fh.read().decode("utf-8", "replace"), type="html")


def test_split_join_collapses_what_the_whitespace_regex_collapses():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert spaces == [chr(c) for c in range(sys.maxunicode + 1) if _WS.fullmatch(chr(c))]
    pool = spaces + list("ab.,:;()[]") + ["\u200b", "[1]", "note 2", "( ", " ,"]
    rng = random.Random(5)
    for _ in range(20000):
        t = "".join(rng.choice(pool) for _ in range(rng.randint(0, 25)))
        assert " ".join(t.split()) == _WS.sub(" ", t).strip(), repr(t)
        assert L._norm_label(t) == _WS.sub(" ", L.clean(t).lower().strip(" :：-–—•·*")
                                           .replace("(s)", "").replace("’", "'")).strip()


def _plain_line_pairs(page):
    """LabelledPage._line_pairs as a walk over every node, every child looked up."""
    for el in page._root.iter():
        if not isinstance(el.tag, str) or el.tag not in page._LINE_TAGS:
            continue
        if not len(el) and not (el.text and ":" in el.text or el.text and "：" in el.text):
            continue
        text = el.text
        may = bool(text and (":" in text or "：" in text))
        may = may or any(ch.tail and (":" in ch.tail or "：" in ch.tail) for ch in el)
        may = may or any(isinstance(ch.tag, str) and page._is_label_el(ch) is not None for ch in el)
        if may:
            yield from page._segments(el)


def _pair_view(pairs):
    return [(p.label, p.field, p.pos, [n if isinstance(n, str) else id(n) for n in p.nodes]) for p in pairs]


@pytest.mark.parametrize("path", SOME, ids=os.path.basename)
def test_line_pairs_match_the_plain_walk(path):
    page = L.LabelledPage(_sel(path), "http://x.test/", {})
    assert _pair_view(page._line_pairs()) == _pair_view(_plain_line_pairs(page))


@pytest.mark.parametrize("path", SOME, ids=os.path.basename)
def test_element_text_memo_matches_el_text(path):
    page = L.LabelledPage(_sel(path), "http://x.test/", {})
    els = [el for el in page._root.iter() if isinstance(el.tag, str)]
    for _ in range(2):  # (a miss, then a hit)
        for el in els:
            assert page._el_text(el) == L.el_text(el)
    assert page._el_text("  a\xa0 b ") == L.el_text("  a\xa0 b ") == "a b"


@pytest.mark.parametrize("path", PAGES, ids=os.path.basename)
def test_imdb_text_precheck_only_skips_pages_without_imdb_text(path):
    sel = _sel(path)
    page = FamilyPage(sel, "http://x.test/", {})
    for root in (sel.root, page.content.root):
        if not L._may_have_imdb_text(root):
            assert L._IMDB_TEXTS(root) == []


def test_imdb_text_precheck_on_split_and_tail_texts():
    for html, found in (
        ("<div><span>x</span>IMDb 7.1</div>", True),
        ("<div><b>IM</b>Db 7.1</div>", False),
        ("<div><!-- IMDb 7.1 --><p>7.1</p></div>", False),
        ("<div><p>IMDB: 8</p></div>", True),
    ):
        root = Selector(text=html, type="html").root
        assert bool(L._IMDB_TEXTS(root)) == found
        if found:
            assert L._may_have_imdb_text(root)


@pytest.mark.parametrize("path", SOME, ids=os.path.basename)
def test_heading_walk_matches_the_heading_xpath(path):
    sel = _sel(path)
    page = FamilyPage(sel, "http://x.test/", {})
    for root in (sel.root, page.content.root, page.main.root):
        assert B._headings(root) == B._HEADINGS(root)
    for h in sel.root.iter("section", "div"):
        assert B._headings(h) == B._HEADINGS(h)  # (not a whole tree: the XPath itself)


@pytest.mark.parametrize("path", SOME, ids=os.path.basename)
def test_element_order_is_the_enumeration(path):
    sel = _sel(path)
    shared: dict = {}
    root = FamilyPage(sel, "http://x.test/", shared).content.root
    order = L.element_order(shared, root)
    assert order == {el: i for i, el in enumerate(root.iter(L.etree.Element))}


def test_char_hint_is_any_hint_word():
    words = list(L._CAST_CHAR_HINT) + ["cha", "rol", "e", "r", " ", "actor", "CHAR", "name"]
    rng = random.Random(3)
    for _ in range(5000):
        cls = "".join(rng.choice(words) for _ in range(rng.randint(0, 5)))
        assert L._char_hint(cls) == any(h in cls for h in L._CAST_CHAR_HINT), cls


def test_note_paren_needs_an_opening_paren():
    assert "(" in L._NOTE_PAREN.pattern and "\\(" in L._NOTE_PAREN.pattern
    for name in ("Tom Hanks", "Tom Hanks (voice)", "A (uncredited) B", "(cameo)", "", "x ( voice)"):
        if "(" not in name:
            assert L._NOTE_PAREN.sub(" ", name) == name
