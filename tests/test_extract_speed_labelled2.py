"""The shortcuts of the labelled family's value reading and of the cleaned copies' noise
walk give what the plain computations they stand for give: a leaf's text instead of
``itertext()``, ``has_block`` of a leaf, the item split without its closure, the badge
container and item checks, and the noise class words in one regex search."""

from __future__ import annotations

import glob
import os
import random
import re

import pytest
from lxml import etree
from parsel import Selector

from filmcrawl.extract import base as B
from filmcrawl.extract import labelled as L

from .conftest import FIXTURES

PAGES = sorted(glob.glob(os.path.join(FIXTURES, "**", "*.html"), recursive=True))


def _sel(path) -> Selector:
    with open(path, "rb") as fh:
        return Selector(text=fh.read().decode("utf-8", "replace"), type="html")


# -- the plain computations ---------------------------------------------------
def _plain_has_block(el) -> bool:
    for d in el.iterdescendants():
        if isinstance(d.tag, str) and (d.tag in L.BLOCK_TAGS or d.tag == "br"):
            return True
    return False


def _plain_nodes_text(nodes) -> str:
    return L.clean("".join([n if isinstance(n, str) else " " + " ".join(n.itertext()) + " " for n in nodes]))


def _plain_flat_into(tokens, cls, out) -> None:
    for t in tokens:
        if isinstance(t, str):
            out.append(("t", t, cls))
        elif L.is_el(t):
            if t.tag in ("img", "button", "input", "hr"):
                continue
            ccls = (cls + " " + (L.el_classes(t) if t.attrib else "")).strip()
            if len(t) and any(isinstance(c.tag, str) for c in t):
                out.append(("b", "", ccls))
                _plain_flat_into(L.seq(t), ccls, out)
            else:
                out.append(("a", "".join(t.itertext()), ccls))


def _plain_inline_items(block, seps=L._ITEM_SEP):
    items = []
    cur = ""
    cur_cls = ""
    last_atom = False

    def flush():
        nonlocal cur, cur_cls
        if cur.strip():
            items.append((cur, cur_cls))
        cur, cur_cls = "", ""

    flat: list = []
    _plain_flat_into(block, "", flat)
    for kind, text, cls in flat:
        if kind == "b":
            continue
        if kind == "t":
            parts = seps.split(text)
            cur += parts[0]
            for part in parts[1:]:
                flush()
                cur = part
            if text.strip():
                last_atom = False
        else:
            is_char = any(h in cls for h in L._CAST_CHAR_HINT)
            if cur.strip() and (last_atom or is_char):
                flush()
            parts = [text] if is_char else seps.split(text)
            cur += parts[0]
            cur_cls = (cur_cls + " " + cls).strip()
            for part in parts[1:]:
                flush()
                cur, cur_cls = part, cls
            last_atom = True
    flush()
    out = []
    for text, cls in items:
        text = L.clean(text).strip(" :-–—•·,;")
        if not text or L._NOISE_ITEM.match(text):
            continue
        if L._NAME_SUFFIX.fullmatch(text) and out:
            out[-1] = (out[-1][0] + ", " + text, out[-1][1])
            continue
        out.append((text, cls))
    return out


class _PlainBadges(L.LabelledPage):
    """The badge container and item reading as they were written first."""

    def _badge_items(self, c) -> list:
        kids = [k for k in c if isinstance(k.tag, str) and k.tag not in ("script", "br")]
        items = []
        if c.tag != "h1" and len(kids) >= 2:
            items = [k for k in kids]
            if c.text and c.text.strip():
                items = [c.text] + items
            for k in kids:
                if k.tail and k.tail.strip():
                    items.extend(p for p in L._BULLET_OR_PIPE.split(k.tail) if p.strip())
        elif c.tag == "h1":
            items = [k for k in kids]
        else:
            text = self._el_text(c)
            if text and len(text) <= 120:
                items = [p for p in L._BULLET_OR_WIDE_GAP_SEP.split(text) if p.strip()]
        return items

    def _read_badges(self, c, items=None) -> dict:
        out: dict = {"_count": 0}
        for item in self._badge_items(c) if items is None else items:
            if L.is_el(item):
                if item.tag in ("h1", "h2", "h3") or _plain_has_block(item) and item.tag not in ("li",):
                    if item.tag != "li":
                        continue
                text = self._el_text(item)
                if not text or len(text) > 60:
                    continue
                hint = L._badge_hint(item)
            else:
                text, hint = L.clean(item), ""
            if not text or len(text) > 60:
                continue
            fact = L._badge_fact(text, hint)
            if fact is None:
                continue
            for op, key, value in fact:
                if op == "setdefault":
                    out.setdefault(key, value)
                elif op == "set":
                    out[key] = value
                else:
                    out.setdefault(key, []).extend(value)
            out["_count"] += 1
        return out


class _PlainSegments(L.LabelledPage):
    def _segments(self, el):  # (as first written: every segment's text built again)
        toks = L.seq(el)
        segments: list[tuple[str | None, list, object]] = []  # (label, nodes, pos-element)
        cur_label, cur_nodes, cur_pos = None, [], el
        started = False

        def close():
            if cur_label is not None and L.nodes_text(cur_nodes):
                segments.append((cur_label, list(cur_nodes), cur_pos))

        pending_text_start = True  # a text token at the start of a line may hold a label
        multiline = False
        for tok in toks:
            if isinstance(tok, str):
                if pending_text_start and tok.strip():
                    pending_text_start = False
                    m = L.LABEL_START.match(tok)
                    if not m and ":" in tok:
                        # "12 May 2023 · filed under: ...": a label after a separator
                        sep = L._LAST_PART.search(tok)
                        if sep:
                            m2 = L.LABEL_START.match(sep.group(1))
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
                if started and not L.nodes_text(cur_nodes):
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
            if tok.tag in L.HEADING_TAGS:
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
            # a leading ":" left behind by "<b>Director</b>: X"
            if nodes and isinstance(nodes[0], str):
                nodes[0] = L._DASH_OR_COLON_PREFIX.sub(" ", nodes[0])
            if not L.nodes_text(nodes):
                continue
            yield L._Pair(label, nodes, self._pos(pos_el) + 0)


class _PlainTables(L.LabelledPage):
    def _table_pairs(self):  # (as first written: each row's own table looked up)
        for table in self._root.iter("table"):
            rows = [r for r in table.iter("tr") if self._own_table(r, table)]
            carry_label, carry_left = None, 0
            for tr in rows:
                cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("th", "td")]
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


def _plain_noisy(el, get):
    if get("role") in B._NOISE_ROLES:
        return True, ""
    cls = get("class")
    cls = B._lower(cls) if cls else ""
    ident = get("id")
    if ("related" in cls or (ident and "related" in B._lower(ident))) and not B._under_watch_heading(el):
        return True, cls
    if cls:
        for word in B._NOISE_CLASS_WORDS:
            if word in cls:
                return True, cls
    return False, cls


def _plain_noise_walk(root):
    noise, sidebars, kept = [], [], []
    class_headings = False
    stack = [root]
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag in B._NOISE_TAGS:
            noise.append(el)
            continue
        if not isinstance(tag, str):
            kept.append(el)
            continue
        attrib = el.attrib
        if attrib:
            cls = attrib.get("class")
            if cls and not class_headings and tag in B._CLASS_HEADING_TAGS and (
                "title" in cls or "ttl" in cls or "head" in cls
            ):
                class_headings = True
            is_noise, cls = _plain_noisy(el, attrib.get)
            if is_noise:
                noise.append(el)
                continue
            if tag == "aside" or "sidebar" in cls:
                sidebars.append(el)
        elif tag == "aside":
            sidebars.append(el)
        kept.append(el)
        stack.extend(reversed(list(el)))
    if (noise and noise[0] is root) or (sidebars and sidebars[0] is root):
        return None
    return noise, sidebars, class_headings, kept


# -- inputs -------------------------------------------------------------------
def _page_blocks(page) -> list:
    """Blocks of every value the page's pairs hold, and of every element's children."""
    blocks = []
    for p in page.pairs:
        blocks.extend(L.blocks_of(p.nodes))
    for el in page._root.iter(etree.Element):
        blocks.extend(L.blocks_of(L.seq(el)))
    return blocks


_TAGS = ["span", "a", "b", "em", "small", "div", "li", "br", "img", "p", "strong"]
_CLASSES = [None, "actor", "character", "role", "name", "char-name", "Cast", ""]
_TEXTS = ["Tom Hanks", " as ", ", ", " and ", "/", " · ", "\n", "  ", "Jr.", "Max", "…", "more",
          "Fauno / Pale Man", "", " ", "\xa0", "(voice)", "[1]", ":", "Dir", "etc.", "\u200b", "[", "a]",
          "[citation needed]", "\u2003", "[ 2 ]"]


def _random_tree(rng: random.Random, depth: int = 0):
    el = etree.Element(rng.choice(["div", "li", "p", "td", "dd"]) if depth == 0 else rng.choice(_TAGS))
    if depth == 0 or rng.random() < 0.7:
        el.text = rng.choice(_TEXTS) or None
    cls = rng.choice(_CLASSES)
    if cls is not None:
        el.set("class", cls)
    if el.tag in ("br", "img"):
        return el
    for _ in range(rng.randint(0, 4) if depth < 3 else 0):
        child = _random_tree(rng, depth + 1)
        child.tail = rng.choice(_TEXTS) or None
        el.append(child)
    if rng.random() < 0.1:
        el.append(etree.Comment("c"))
    return el


# -- the tests ----------------------------------------------------------------
def _outcome(f, *args):
    """What ``f(*args)`` gives, or the type of what it raises (itertext() refuses some
    comments: the shortcut must refuse them alike)."""
    try:
        return f(*args)
    except Exception as exc:  # noqa: BLE001
        return type(exc)


@pytest.mark.parametrize("path", PAGES, ids=os.path.basename)
def test_leaf_texts_and_blocks_match_the_plain_walks(path):
    page = L.LabelledPage(_sel(path), "http://x.test/", {})
    for node in page._root.iter():
        for sep in ("", " "):
            assert _outcome(L.joined_text, node, sep) == _outcome(lambda n, s: s.join(n.itertext()), node, sep)
        assert L.has_block(node) == _plain_has_block(node)
        assert _outcome(L.el_text, node) == _outcome(lambda n: L.clean(" ".join(n.itertext())), node)
    for p in page.pairs:
        raw = L._raw_blocks(p.nodes)
        assert [L.has_text(b) for b in raw] == [bool(_plain_nodes_text(b)) for b in raw]
        want = [b for b in raw if _plain_nodes_text(b)]
        assert L.blocks_of(p.nodes) == want
        text = "\n".join(_plain_nodes_text(b) for b in want)
        first, then = L._Pair(p.label, p.nodes, p.pos), L._Pair(p.label, p.nodes, p.pos)
        assert (first.blocks, first.text) == (want, text)  # (blocks read first, then the text)
        assert (then.text, then.blocks) == (text, want)  # (the text first: one walk for both)
    for block in _page_blocks(page):
        assert L.nodes_text(block) == _plain_nodes_text(block)
        flat: list = []
        _plain_flat_into(block, "", flat)
        assert L._flat(block) == flat
        assert L.inline_items(block) == _plain_inline_items(block)


def test_item_split_on_generated_blocks():
    rng = random.Random(11)
    for _ in range(3000):
        root = _random_tree(rng)
        for block in L._raw_blocks(L.seq(root)) + [L.seq(root), [root]]:
            assert L.nodes_text(block) == _plain_nodes_text(block)
            assert L.has_text(block) == bool(_plain_nodes_text(block))
            flat: list = []
            _plain_flat_into(block, "", flat)
            assert L._flat(block) == flat
            assert L.inline_items(block) == _plain_inline_items(block)
        for node in root.iter():
            assert L.has_block(node) == _plain_has_block(node)
            assert _outcome(L.joined_text, node) == _outcome(lambda n: " ".join(n.itertext()), node)


@pytest.mark.parametrize("path", PAGES, ids=os.path.basename)
def test_badges_match_the_plain_reading(path):
    sel = _sel(path)
    page = L.LabelledPage(sel, "http://x.test/", {})
    plain = _PlainBadges(sel, "http://x.test/", {})
    assert page.badges == plain.badges
    for c in page._root.iter(etree.Element):
        assert page._badge_items(c) == plain._badge_items(c)
        assert page._read_badges(c) == plain._read_badges(c)


def test_a_cleaned_text_without_bullets_is_one_badge_item():
    pool = [" ", "\t", "\n", "\xa0", "\u2003", "\u200b", "a", "B", "7", "(", ")", "[1]", ",", ":", "·", "•", "|"]
    rng = random.Random(7)
    for _ in range(20000):
        text = L.clean("".join(rng.choice(pool) for _ in range(rng.randint(0, 12))))
        if text and not ("·" in text or "•" in text or "|" in text):
            assert [p for p in L._BULLET_OR_WIDE_GAP_SEP.split(text) if p.strip()] == [text], repr(text)


def test_noise_class_regex_is_any_noise_word():
    words = list(B._NOISE_CLASS_WORDS) + ["simil", "more", "like", "-", " ", "advert", "x", "cook", "ie"]
    rng = random.Random(9)
    for _ in range(20000):
        cls = "".join(rng.choice(words) for _ in range(rng.randint(0, 5)))
        assert bool(B._NOISE_CLASS_RE.search(cls)) == any(w in cls for w in B._NOISE_CLASS_WORDS), cls
    assert all(re.escape(w) in B._NOISE_CLASS_RE.pattern for w in B._NOISE_CLASS_WORDS)


@pytest.mark.parametrize("path", PAGES, ids=os.path.basename)
def test_noise_walk_matches_the_plain_walk(path):
    root = B._copy_page(_sel(path).root)
    got, want = B._noise_walk(root), _plain_noise_walk(root)
    assert (got is None) == (want is None)
    if got is not None:
        assert got[2] == want[2]
        for a, b in zip(got[:2] + got[3:], want[:2] + want[3:]):
            assert len(a) == len(b) and all(x is y for x, y in zip(a, b))


@pytest.mark.parametrize("path", PAGES, ids=os.path.basename)
def test_line_segments_match_the_plain_segments(path):
    sel = _sel(path)
    shared: dict = {}  # (one cleaned copy for both)
    page = L.LabelledPage(sel, "http://x.test/", shared)
    plain = _PlainSegments(sel, "http://x.test/", shared)
    view = lambda pairs: [(p.label, p.field, p.pos, [n if isinstance(n, str) else id(n) for n in p.nodes]) for p in pairs]
    for el in page._root.iter(*page._LINE_TAGS):
        assert view(page._segments(el)) == view(plain._segments(el))


def test_line_segments_with_colons_left_behind():
    for html in (
        "<p><b>Director</b>: Ridley Scott<br><b>Cast</b>: <br><b>Writers</b>:: A, B</p>",
        "<div><strong>Genre:</strong> - <br>Runtime: 117 min<br>Starring:<br>A – X<br>B – Y</div>",
        "<li><span>Director</span>:</li>",
        "<p>Released: <b>Year</b>:<i>1999</i></p>",
    ):
        sel = Selector(text=html, type="html")
        shared: dict = {}
        page = L.LabelledPage(sel, "http://x.test/", shared)
        plain = _PlainSegments(sel, "http://x.test/", shared)
        for el in page._root.iter(*page._LINE_TAGS):
            got = [(p.label, p.nodes) for p in page._segments(el)]
            assert got == [(p.label, p.nodes) for p in plain._segments(el)]


def _no_badge_under_any_hint(text: str) -> bool:
    # the hint counts only through "imdb" in it and _CONTENT_RATING_HINT: these cover both
    return all(L._badge_fact.__wrapped__(text, h) is None for h in ("", "imdb", "mpaa", "imdb cert", "age"))


def test_word_badges_are_every_word_badge():
    words = L._WORD_BADGES
    assert max(map(len, words)) == L._WORD_BADGE_MAX
    for word in words:
        assert not L._never_a_badge(word) and not L._never_a_badge(word.upper())
    # every text the series pattern takes, from its parts
    parts = ["tv", "mini", "series", "show", "limited", " ", "-", ""]
    for a in parts:
        for b in parts:
            for c in parts:
                for d in parts:
                    text = a + b + c + d
                    if L.SERIES_BADGE.match(text):
                        assert text.lower() in words, text


def test_never_a_badge_is_no_badge_under_any_hint():
    pieces = ["a", "B", " ", "  ", "\t", "\n", "as", "Drama", "drama", "PG", "pg-13", "-", "TV", "tv", "series", "Mini",
              "show", "imdb", "IMDb", "rated", "Rated ", "Not", "Yet", "ſ", "K", "é", "İ", ".", "(", ")", "x" * 10,
              "Tom Hanks", " as ", "Forrest", "thriller", "psychological ", "Science", "fiction", "U", "A",
              "Approved", "FSK", "limited", "7", "٣", ",", "/", "&", "Action & Adventure", "ſeries", "Paſſed", "muſical",
              "\u212aids"]
    rng = random.Random(13)
    seen = 0
    for _ in range(40000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        for t in (text, L.clean(text)):
            if t and L._never_a_badge(t):
                seen += 1
                assert _no_badge_under_any_hint(t), repr(t)
    assert seen > 10000
    for word in L._WORD_BADGES:
        for t in (word, word.title(), word.upper(), "rated " + word):
            assert L._never_a_badge(t) is False or _no_badge_under_any_hint(t)


_TABLES = """<table><tr><th>Director</th><td>A</td></tr><!-- c --><tr><td>Cast:</td><td>B</td><td>as X</td></tr>
<tr><td colspan=2><table><tr><th>Writer</th><td>C</td></tr><tr><td>Runtime</td><td>90 min</td></tr></table></td></tr>
<tr><th rowspan=2>Stars</th><td>D</td></tr><tr><td>E</td></tr></table>
<table><tbody><tr><td>Genre:</td><td><table><tr><td>x</td></tr></table>Drama</td></tr></tbody></table>"""


@pytest.mark.parametrize("path", PAGES + [None], ids=lambda p: os.path.basename(p) if p else "nested")
def test_table_pairs_match_the_plain_reading(path):
    sel = _sel(path) if path else Selector(text=_TABLES, type="html")
    shared: dict = {}
    page = L.LabelledPage(sel, "http://x.test/", shared)
    plain = _PlainTables(sel, "http://x.test/", shared)
    view = lambda pairs: [(p.label, p.field, p.pos, p.cast_rows, [n if isinstance(n, str) else id(n) for n in p.nodes])
                          for p in pairs]
    assert view(page._table_pairs()) == view(plain._table_pairs())
    for table in page._root.iter("table"):
        assert page._own_rows(table) == [r for r in table.iter("tr") if page._own_table(r, table)]


def test_related_heading_regex_is_any_related_word():
    words = list(B.RELATED_HEADINGS) + ["relat", "you may", "also", " ", "like", "similar movies", "trend", "x"]
    rng = random.Random(17)
    for _ in range(20000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
        want = any(text.startswith(w) or w in text for w in B.RELATED_HEADINGS)
        assert bool(B._RELATED_WORD(text)) == want, text
