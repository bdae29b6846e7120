"""The shortcuts of the prose family and of the dispatcher's listing test give what
the plain computations they stand for give: the listing walk (text flags without the
joined texts, only the elements that link somewhere), the title as a whole word found
without a compiled regex, the "also" words looked for in the found sentences only,
the page's <title> read only when the headings need it, and the "season N" regex
written with a literal first."""

from __future__ import annotations

import glob
import os
import random
import re
import sys
from functools import cached_property

import pytest
from lxml import etree
from parsel import Selector

import filmcrawl.extract as X
from filmcrawl.extract import base as B
from filmcrawl.extract import prose as P
from filmcrawl.extract.base import xpath_all

from .conftest import FIXTURES

TESTS = os.path.dirname(os.path.abspath(__file__))
PAGES = sorted(
    p
    for corpus in (FIXTURES, os.path.join(TESTS, "holdout"), os.path.join(TESTS, "holdout2"))
    for p in glob.glob(os.path.join(corpus, "**", "*.html"), recursive=True)
)


def _sel(path) -> Selector:
    with open(path, "rb") as fh:
        return Selector(text=fh.read().decode("utf-8", "replace"), type="html")


def _main(sel: Selector) -> Selector:
    shared: dict = {}
    B._both_contents(sel, shared)
    return shared["main"]


# ---------------------------------------------------------------------------
# looks_like_listing
# ---------------------------------------------------------------------------


def _plain_looks_like_listing(main: Selector) -> bool:
    """looks_like_listing as it was: every element, every child's joined text."""
    headings = xpath_all(main, "//h2//text() | //h3//text()")
    if sum(1 for h in headings if X._YEAR_IN_LINK.search(h)) >= 3:
        return True
    spread: dict = {}
    for parent in main.root.iter():
        if not isinstance(parent.tag, str):
            continue
        groups: dict = {}
        parent_sig = (parent.tag, X._first_class(parent))
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            link = child if child.tag == "a" else next(child.iterdescendants("a"), None)
            if link is None:
                continue
            text = " ".join(child.itertext())
            if X._YEAR_IN_LINK.search(text) and X._LETTERS.search(text):
                sig = (child.tag, child.get("class"))
                groups[sig] = groups.get(sig, 0) + 1
                if groups[sig] >= 5:
                    return True
                if parent_sig[1] and child.tag != "a":
                    hrefs = spread.setdefault((parent_sig, child.tag, X._first_class(child)), set())
                    hrefs.add(link.get("href") or text)
                    if len(hrefs) >= 5:
                        return True
    return False


def _plain_flags(el) -> int:
    text = " ".join(el.itertext())
    return (1 if X._YEAR_IN_LINK.search(text) else 0) | (2 if X._LETTERS.search(text) else 0)


@pytest.mark.parametrize("path", PAGES, ids=os.path.basename)
def test_listing_walk_matches_the_plain_walk(path):
    main = _main(_sel(path))
    assert X.looks_like_listing(main) == _plain_looks_like_listing(main)
    memo: dict = {}
    for el in main.root.iter():
        if isinstance(el.tag, str):
            assert X._text_flags(el, memo) == _plain_flags(el)


_PIECES = ["Heat", "1995", "(1995)", "19", "95", "1990s", "2001,5", "1999.", ".2004", "ab", "c", "é",
           "&amp;", "&foo;", " ", "\n", "2010-11", "x2012", "2020s", "_2003", "٣٣٣٣", "Ünï", "2001.5"]
_TAGS = ["div", "li", "a", "span", "p", "ul", "h3", "article"]


def _random_tree(rng: random.Random, depth: int) -> str:
    out = []
    for _ in range(rng.randint(1 if depth == 0 else 0, 6)):
        r = rng.random()
        if r < 0.35:
            out.append(rng.choice(_PIECES))
        elif r < 0.42:
            out.append("<!--" + rng.choice(_PIECES) + "-->")
        elif r < 0.45:
            out.append("<?pi " + rng.choice(_PIECES) + "?>")
        elif depth < 5:
            tag = rng.choice(_TAGS)
            cls = rng.choice(["", ' class="card"', ' class="card big"', ' class="row"'])
            href = rng.choice(["", ' href="/f/1"', ' href="/f/2"', ' href="/f/3"', ' href=""']) if tag == "a" else ""
            out.append(f"<{tag}{cls}{href}>{_random_tree(rng, depth + 1)}</{tag}>")
    return "".join(out)


def test_listing_walk_on_generated_pages():
    rng = random.Random(11)
    seen = set()
    for _ in range(1500):
        html = f"<html><body><main class='list'>{_random_tree(rng, 0)}</main></body></html>"
        main = _main(Selector(text=html, type="html"))
        want = _plain_looks_like_listing(main)
        seen.add(want)
        assert X.looks_like_listing(main) == want, html
        memo: dict = {}
        for el in main.root.iter():
            if isinstance(el.tag, str):
                assert X._text_flags(el, memo) == _plain_flags(el), html
    assert seen == {True, False}


def test_listing_cards_and_entities():
    cards = "".join(f'<li class="card"><a href="/f/{i}">Film {i}</a> (199{i})</li>' for i in range(5))
    main = _main(Selector(text=f"<html><body><ul class='grid'>{cards}</ul></body></html>", type="html"))
    assert X.looks_like_listing(main) and _plain_looks_like_listing(main)
    # an entity's name is part of itertext (and so of the flags)
    root = etree.fromstring("<div><a href='x'>1995</a></div>")
    ent = etree.Entity("foo")
    ent.tail = " "
    root.insert(0, ent)
    assert X._text_flags(root, {}) == _plain_flags(root) == 3


def test_listing_walk_on_a_very_deep_tree():
    html = "<html><body>" + "<div>" * 3000 + "<a href='/x'>Heat 1995</a>" + "</div>" * 3000 + "</body></html>"
    main = Selector(text=html, type="html")
    assert X.looks_like_listing(main) == _plain_looks_like_listing(main)
    memo: dict = {}
    for el in list(main.root.iter())[::50]:
        assert X._text_flags(el, memo) == _plain_flags(el)


# ---------------------------------------------------------------------------
# the title as a whole word
# ---------------------------------------------------------------------------


def test_odd_case_chars_are_the_non_ascii_chars_re_i_matches_with_ascii():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    odd = set()
    for c in map(chr, range(128)):
        odd |= {x for x in re.findall(re.escape(c), every, re.I) if not x.isascii()}
    odd |= {x for x in every if not x.isascii() and (len(x.lower()) != 1 or x.lower().isascii())}
    assert odd == set(P.ODD_CASE)


_TEXT_POOL = ["heat", "Heat", "HEAT", "the", "The Thing", "thing", "x", "_", "1", "-", "'", " ", " ", ".", ",",
              "é", "É", "ß", "Σ", "ς", "·", "—", "\n", "Heat2", "2Heat", "ﬁ", "ǅ", "K", "k", "s"]


def _spans(it):
    return [(m.start(), m.end(), m.group()) for m in it]


@pytest.mark.parametrize("seed", range(4))
def test_phrase_answers_like_the_compiled_pattern(seed):
    rng = random.Random(seed)
    for _ in range(4000):
        text = "".join(rng.choice(_TEXT_POOL) for _ in range(rng.randint(0, 14)))
        phrase = rng.choice(["heat", "Heat", "the thing", "The Thing", "x", "k", "1", "s", "a-b", "Heat "])
        assert not any(c in text for c in P.ODD_CASE)
        fast, rx = P._Phrase(phrase), re.compile(P._word_pattern(phrase), re.I)
        hit, want = fast.search(text), rx.search(text)
        assert (hit and (hit.start(), hit.end(), hit.group())) == (want and (want.start(), want.end(), want.group()))
        assert _spans(fast.finditer(text)) == _spans(rx.finditer(text))
        pos = rng.randint(0, len(text) + 2)
        end = rng.randint(0, len(text) + 3)
        assert _spans(fast.finditer(text, pos, end)) == _spans(rx.finditer(text, pos, end)), (text, pos, end)
        for args in ((text, pos), (text, pos, end)):
            m, w = fast.match(*args), rx.match(*args)
            assert (m and (m.start(), m.end())) == (w and (w.start(), w.end())), args
        assert P._has_word(phrase, text) == bool(re.search(P._word_pattern(phrase), text))


def test_word_re_falls_back_to_the_regex_where_the_phrase_would_differ():
    page = P.ProsePage(Selector(text="<html><body><p>x</p></body></html>", type="html"))
    page.__dict__["_text"] = "Heat is a film"
    assert isinstance(page._word_re("Heat"), P._Phrase)
    assert not isinstance(page._word_re("Amélie"), P._Phrase)
    assert not isinstance(page._word_re(""), P._Phrase)
    for odd in P.ODD_CASE:
        page = P.ProsePage(Selector(text="<html><body><p>x</p></body></html>", type="html"))
        page.__dict__["_text"] = f"Hea{odd} is a film"
        assert not isinstance(page._word_re("Heat"), P._Phrase)


# ---------------------------------------------------------------------------
# the prose page: shortcuts against the plain computations
# ---------------------------------------------------------------------------


class _PlainProse(P.ProsePage):
    """ProsePage as it was: compiled title patterns, "also" words looked for in the
    whole text, the <title> always read, every abbreviation asked of the regex, the
    film words always counted."""

    def _word_re(self, phrase):
        return re.compile(P._word_pattern(phrase), re.I)

    @cached_property
    def _headings(self):
        sel = self.main
        out = [P.WS.sub(" ", " ".join(B.texts_of(h))).strip() for h in xpath_all(sel, "//h1")]
        out += [P.WS.sub(" ", " ".join(B.texts_of(h))).strip() for h in xpath_all(sel, "//h2")[:3]]
        out += [P.WS.sub(" ", t).strip() for t in self._title_texts[:1]]
        return [P._norm(h) for h in out if h]

    def _first_headings(self, n):
        return self._headings[:n]

    def _iter_headings(self):
        return iter(self._headings)

    @cached_property
    def _emphasized_title(self):
        heads = xpath_all(self.main, "//h1//text()")
        heads += self._title_texts[:1]
        head = P._norm(P.WS.sub(" ", " ".join(heads))).lower()
        if not head:
            return None
        best = None
        for el in self.main.root.iter("em", "i", "cite"):
            t = P._norm(P.WS.sub(" ", " ".join(el.itertext()))).strip(" ,.;:!?\"'“”‘’")
            if not t or len(t) > 80 or not t[0].isupper() or len(t.split()) > 10:
                continue
            if re.search(r"(?<![\w])" + re.escape(t.lower()) + r"(?![\w])", head) and (
                best is None or len(t) > len(best)
            ):
                best = t
        return best

    @cached_property
    def _sent_starts(self):
        text, n = self._text, len(self._text)
        breaks = set()
        for mark in P.SENT_BREAKS:
            i = text.find(mark)
            while i != -1:
                end = i + len(mark)
                if mark == "\n" or (
                    end < n
                    and (text[end].isupper() or text[end].isdigit() or text[end] in "\"'(")
                    and not (mark[0] == "." and P.NO_SPLIT_BEFORE.search(text, max(0, i - 8), i))
                ):
                    while end < n and text[end] in " \n":
                        end += 1
                    breaks.add(end)
                i = text.find(mark, i + 1)
        return [0] + sorted(breaks - {0})

    def kind(self):
        if not self._paragraphs or self._listing:
            return None
        low = self._low + " " + " ".join(self._headings[:1]).lower()
        series = sum(low.count(w) for w in P.SERIES_WORDS) + len(re.findall(r"\bseason \d", low))
        created, directed = "created by" in low, "directed by" in low
        if created and not directed:
            series += 2
        film = min(sum(low.count(w) for w in P.FILM_WORDS), 12) + (2 if directed else 0)
        if series >= 2 and series > film:
            return "series"
        if self._heading_title[1] or self._crew[0] or self._cast or self._runtime or self._genres:
            return "film"
        return None

    def _sents_with(self, words, also=None):
        cache = self.__dict__.setdefault("_kw_cache", {})
        key = (words, also)
        if key not in cache:
            low, starts, found = self._low, self._sent_starts, set()
            for w in words:
                i = low.find(w)
                while i != -1:
                    k = P.bisect.bisect_right(starts, i) - 1
                    found.add(k)
                    i = low.find(w, starts[k + 1] if k + 1 < len(starts) else len(low))
            if also:
                found &= set(self._sents_with(also))
            cache[key] = sorted(found)
        return cache[key]


def _everything(page) -> tuple:
    return (page.kind(), page.applies(), page.fields(), page._title, page._headings, page._emphasized_title)


@pytest.mark.parametrize("path", PAGES, ids=os.path.basename)
def test_prose_page_matches_the_plain_page(path):
    sel = _sel(path)
    assert _everything(P.ProsePage(sel, "http://x.test/")) == _everything(_PlainProse(sel, "http://x.test/"))


def test_headings_shortcuts_and_emphasized_title():
    html = """<html><head><title>Where to watch Heat | Site</title></head><body><main>
      <h1>{h1}</h1><p>I rewatched <em>Heat</em> (1995) and <i>Ronin</i> last night, and
      Heat is a 1995 crime thriller directed by Michael Mann. It runs 170 minutes.</p>
      <p>Robert De Niro plays Neil McCauley. The season 2 of nothing.</p></main></body></html>"""
    for h1 in ("", "Heat", "Heat is still the best heist film", "Watch Heat online (1995)", "Ronin"):
        sel = Selector(text=html.format(h1=h1), type="html")
        new, plain = P.ProsePage(sel), _PlainProse(sel)
        assert _everything(new) == _everything(plain)
        for n in range(4):
            assert new._first_headings(n) == plain._headings[:n]
        assert list(new._iter_headings()) == plain._headings


def test_also_words_found_in_the_sentences_only():
    words = ["the", "as ", " as", "'s ", "film", "x", ". ", "e. T", "s\n", "\n", "(19", "1h", "0h", "'", "19"]
    pool = ["The film", "Heat's ", "a", "as", " ", ". ", "! ", "\n", "\n\n", "E.T. ", "Mr. X", "(", "s", "x",
            "(1995)", "1h 52m", "10h", "2019", "'"]
    rng = random.Random(2)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 20)))
        new, plain = P.ProsePage(Selector(text="<p>x</p>", type="html")), _PlainProse(Selector(text="<p>x</p>", type="html"))
        for page in (new, plain):
            page.__dict__["_text"] = text
        a = tuple(rng.sample(words, rng.randint(1, 3)))
        b = tuple(rng.sample(words, rng.randint(1, 3)))
        assert new._sents_with(a, b) == plain._sents_with(a, b), (text, a, b)
        assert new._sents_with(b) == plain._sents_with(b), (text, b)


def test_season_regex_finds_what_the_plain_regex_finds():
    plain = re.compile(r"\bseason \d")
    pool = ["season ", "season", "Season ", "1", "٣", "a", "_", " ", "-", "xseason ", "seasons ", "\n"]
    rng = random.Random(4)
    for _ in range(20000):
        t = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        assert P.SEASON_N.findall(t) == plain.findall(t), t


# ---------------------------------------------------------------------------
# regexes with a lookahead that states what their match opens with
# ---------------------------------------------------------------------------

_LOOKAHEADS = [
    (P.ACTOR_FIRST, ("(?=[,\\s])", "(?=[aipscwtvlegdrj])")),
    (P.GENRE_CAPLIST, ("(?=[A-Z])",)),
    (P.GENRE_EXPLICIT[0], ("(?=[iwat])",)),
    (P.GENRE_WEAK[0], ("(?=[ati])",)),
    (P.GENRE_WEAK[1], ("(?=[iw])",)),
]


def _without(rx, lookaheads):
    src = rx.pattern
    for look in lookaheads:
        assert src.count(look) == 1
        src = src.replace(look, "")
    return re.compile(src)


def _found(rx, text, pos=0, end=None):
    end = len(text) if end is None else end
    return [(m.span(), m.groupdict()) for m in rx.finditer(text, pos, end)]


_REGEX_POOL = ["a", "an", "the", "this", "its", "is", "was", "as", "It", "THE", "İs", "ıs", "ſ", "K", "ſci-fi",
               "comedy", "Comedy", "drama", "Drama", "romantic", "Romantic Comedy", "sci-fi", "Sci-Fi", "film",
               "movie", "1995", ",", ", ", " ", "  ", "\n", ".", "-", "/", " and ", "who", "also", "plays", "played",
               "stars as", "in and as", "voices", "delivers a great performance as", "Neo", "Keanu Reeves",
               "thriller", "Thriller", "dark", "bleak", "crime", "Crime", "noir", "film noir", "westerns"]


@pytest.mark.parametrize("which", range(len(_LOOKAHEADS)))
def test_lookaheads_change_no_match(which):
    rx, looks = _LOOKAHEADS[which]
    plain = _without(rx, looks)
    assert plain.flags == rx.flags
    rng = random.Random(which)
    for _ in range(6000):
        text = "".join(rng.choice(_REGEX_POOL) + rng.choice(["", " ", " ", ", "]) for _ in range(rng.randint(0, 12)))
        assert _found(rx, text) == _found(plain, text), text
        pos, end = rng.randint(0, len(text)), rng.randint(0, len(text))
        assert _found(rx, text, pos, end) == _found(plain, text, pos, end), (text, pos, end)
    for path in PAGES[:: max(1, len(PAGES) // 40)]:
        text = P.ProsePage(_sel(path))._text
        assert _found(rx, text) == _found(plain, text)


def test_no_split_last_chars_are_all_the_regex_can_end_with():
    pool = ["Mr", "Mrs", "Dr", "St", "No", "vs", "etc", "approx", "Vol", "A", "Z", "a", "x", " ", "\n", ".", "(",
            "é", "É", "1", "_", "Prof", "Capt", "Col", "Gen", "Ft", "Mt", "Jr", "Sr", "Lt", "Sgt", "Det", "Ms"]
    rng = random.Random(8)
    for _ in range(30000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 6))) + ". X"
        i = text.rfind(". ")
        if P.NO_SPLIT_BEFORE.search(text, max(0, i - 8), i):
            assert i and text[i - 1] in P.NO_SPLIT_LAST, text
    for word in ("Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Lt", "Sgt", "Capt", "Det", "Prof", "Gen", "Col",
                 "vs", "No", "Mt", "Ft", "etc", "approx", "Vol", "Q"):
        assert word[-1] in P.NO_SPLIT_LAST and P.NO_SPLIT_BEFORE.search(" " + word)
        assert P.NO_SPLIT_BEFORE.search(" " + word + "\n")


@pytest.mark.parametrize("body", [
    "Severance is a TV series created by Dan Erickson. Season 2 is out; the series finale and each episode are great.",
    "Heat is a film directed by Michael Mann. The movie runs 170 minutes; the TV series of it has seasons.",
    "The show has three seasons. Season 1 and season 2 are on Netflix, every episode of the miniseries too.",
    "Mr. Robot is a TV show. Season 4 ends it. Dr. No is a film. It was directed by Terence Young.",
])
def test_kind_matches_the_plain_kind(body):
    html = f"<html><head><title>Watch it</title></head><body><h1>Where to watch it</h1><p>{body}</p><p>{body}</p></body></html>"
    sel = Selector(text=html, type="html")
    assert _everything(P.ProsePage(sel)) == _everything(_PlainProse(sel))
