"""The fast paths of the extractors give what the plain ones give.

Each shortcut taken for speed (one copy of the page for both cleaned trees, regexes
not run on texts that cannot match, the synopsis check without ftfy) is compared
here with the plain computation it stands for.
"""

from __future__ import annotations

import glob
import os
import random

import pytest
from lxml import etree
from parsel import Selector

from filmcrawl import normalize as N
from filmcrawl.extract import _counts_uncached, _plain_text
from filmcrawl.extract import base as B
from filmcrawl.extract import offers as O

from .conftest import FIXTURES

PAGES = sorted(glob.glob(os.path.join(FIXTURES, "**", "*.html"), recursive=True))


def _tree(sel: Selector) -> bytes:
    return etree.tostring(sel.root, encoding="utf-8")


@pytest.mark.parametrize("path", PAGES[:: max(1, len(PAGES) // 25)], ids=os.path.basename)
def test_both_contents_match_the_xpath_path(path):
    with open(path, "rb") as fh:
        sel = Selector(text=fh.read().decode("utf-8", "replace"), type="html")
    shared: dict = {}
    B._both_contents(sel, shared)
    assert _tree(shared["content"]) == _tree(B._main_content_xpath(sel, keep_sidebars=True))
    assert _tree(shared["main"]) == _tree(B._main_content_xpath(sel))


def test_both_contents_with_sidebars_nested_noise_and_related_headings():
    html = """<html><body>
      <nav>menu <span class="sidebar">x</span></nav>
      <main><h1>Heat (1995)</h1>
        <aside class="infobox">Director: Michael Mann <script>1</script> tail</aside>
        <div class="Sidebar-right"><p>Runtime: 170 min</p><div class="comments">c</div></div>
        <p>Plot text</p><!-- a comment -->
        <div class="related-films"><h2>Related</h2><p>Other (1999)</p></div>
        <h2>Where to watch</h2><table class="related"><tr><td>Netflix</td></tr></table>
        <section><h3>You may also like</h3><p>Ronin</p></section>
        <div><span class="block-title">Similar movies</span><p>Collateral</p></div>
      </main><footer>f</footer></body></html>"""
    sel = Selector(text=html, type="html")
    shared: dict = {}
    B._both_contents(sel, shared)
    assert _tree(shared["content"]) == _tree(B._main_content_xpath(sel, keep_sidebars=True))
    assert _tree(shared["main"]) == _tree(B._main_content_xpath(sel))


def test_guarded_regexes_answer_like_the_regexes():
    pieces = ["where", "To", "WATCH", "stream", "Provider", "offer", "rent", "vod", "name", "TITLE",
              "4K", "uhd", "HD", "sd", "1080i", "$", "3.99", "€", "USD", "٣", " ", "-", "ſ", "K", "İ", "é",
              "free", "with", "ads", "-supported", "trial", "30", " days", "buy", "own", "subs", "Netflix"]
    rng = random.Random(3)
    for guarded in (O.PRICE_RE, O.ZONE_CLASS_RE):
        rx = guarded.rx
        for _ in range(3000):
            t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
            assert [m.span() for m in guarded.finditer(t)] == [m.span() for m in rx.finditer(t)]
            assert (guarded.search(t) is None) == (rx.search(t) is None)
            assert guarded.sub("#", t) == rx.sub("#", t)
            assert guarded.findall(t) == rx.findall(t)


def test_plain_synopsis_always_cleans_to_something():
    pool = list("aZ09 \t\n.,'\"") + ["\u00c3", "\u00a9", "\u20ac", "\u00a0", "\u200b", "\u200d", "\ufeff",
                                    "\x00", "\x7f", "\x85", "\uff21", "\ufb01", "\u2028", "\u0301"]
    rng = random.Random(5)
    for _ in range(3000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 10)))
        if _plain_text(s):
            assert N.clean_synopsis(s) is not None
            assert _counts_uncached("synopsis", s)
