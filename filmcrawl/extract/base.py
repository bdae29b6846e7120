"""The page-object base class shared by every page family.

A family parser is a small class: it is built from a parsel ``Selector`` and the page
URL, says whether it ``applies()`` to the page, and has one short method per field.
Each field method returns a *raw* value (a string, or a list for list fields) or
``None``/``[]`` when the family has nothing for that field. Normalizing raw values is
the job of :mod:`filmcrawl.normalize`; combining families is the job of
:mod:`filmcrawl.extract` (the dispatcher).

Raw value shapes:

    title, year, runtime, imdb_rating, imdb_votes, content_rating, synopsis -> str | None
    genres, directors, writers -> list[str]
    cast   -> list[dict(name=str, character=str | None)]  (billing order)
    offers -> list[dict(provider, offer_type, price, currency, quality, region, url)]
    kind   -> "film" | "series" | "listing" | None   (what this family says the page is)
"""

from __future__ import annotations

import hashlib
import re
from copy import deepcopy

from lxml import etree, html
from parsel import Selector

SCALAR_FIELDS = (
    "title",
    "year",
    "runtime",
    "imdb_rating",
    "imdb_votes",
    "content_rating",
    "synopsis",
)
LIST_FIELDS = ("genres", "directors", "writers", "cast", "offers")
FIELDS = SCALAR_FIELDS + LIST_FIELDS

# Blocks that describe other films or the site, never the page's own film.
SIDEBAR_XPATH = (
    "//aside | //*[contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    "'abcdefghijklmnopqrstuvwxyz'), 'sidebar')]"
)
NOISE_XPATH = (
    "//script | //style | //noscript | //template | //nav | //footer"
    " | //form | //select | //iframe | //svg"
    " | //*[@role='navigation' or @role='complementary' or @role='contentinfo']"
    " | //*[(contains(concat(' ', translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    "'abcdefghijklmnopqrstuvwxyz'), ' ', translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    "'abcdefghijklmnopqrstuvwxyz')), 'related')"
    # a site may style every table "related": a block right under a "Where to watch"
    # heading is what its heading says, whatever its class
    " and not(preceding-sibling::*[1][self::h2 or self::h3 or self::h4 or self::h5]"
    "[contains(translate(., 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'where to ')"
    " or contains(translate(., 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'how to watch')"
    " or contains(translate(., 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'watch options')"
    " or contains(translate(., 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'streaming')]))"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'similar')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'recommend')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'more-like')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'breadcrumb')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'comment')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'advert')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'newsletter')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'cookie')]"
)

# Headings that open a block about other films; the heading's section is noise.
RELATED_HEADINGS = (
    "related",
    "you may also like",
    "you might also like",
    "similar",
    "more like this",
    "recommended",
    "people also watched",
    "if you liked",
    "more movies",
    "trending",
    "popular",
    "up next",
)


class FamilyPage:
    """One page family. Subclasses set ``family`` and override field methods."""

    family = "base"

    def __init__(self, sel: Selector, url: str = "", shared: dict | None = None):
        self.sel = sel
        self.url = url
        # Work that several families of one page need (the cleaned copies of the
        # page, parsed JSON-LD...) is done once and kept here by the dispatcher.
        self.shared = {} if shared is None else shared

    # -- what the page is -------------------------------------------------
    def applies(self) -> bool:
        return False

    def kind(self) -> str | None:
        return None

    # -- fields (raw values) ---------------------------------------------
    def title(self):
        return None

    def year(self):
        return None

    def runtime(self):
        return None

    def imdb_rating(self):
        return None

    def imdb_votes(self):
        return None

    def content_rating(self):
        return None

    def synopsis(self):
        return None

    def genres(self):
        return []

    def directors(self):
        return []

    def writers(self):
        return []

    def cast(self):
        return []

    def offers(self):
        return []

    # -- helpers ----------------------------------------------------------
    def once(self, key: str, make):
        """``make()`` computed once per page, shared by every family of the page."""
        if key not in self.shared:
            self.shared[key] = make()
        return self.shared[key]

    @property
    def content(self) -> Selector:
        """The page without scripts, navigation, footers and related-film blocks
        (sidebars kept: infoboxes often live in an ``<aside>``)."""
        if "content" not in self.shared and "main" not in self.shared:
            _both_contents(self.sel, self.shared)
        return self.once("content", lambda: main_content(self.sel, keep_sidebars=True))

    @property
    def main(self) -> Selector:
        """Like :attr:`content`, and without sidebars: the article itself."""
        if "content" not in self.shared and "main" not in self.shared:
            _both_contents(self.sel, self.shared)
        return self.once("main", lambda: main_content(self.sel))

    def fields(self, skip: frozenset = frozenset()) -> dict:
        """Every field this family has a value for, as ``{name: raw}``, but those
        named in ``skip`` (the dispatcher skips what an earlier family already gives
        in full, so that it is not read for nothing).

        A field method that raises is treated as having no value: one broken
        field never costs the page its other fields.
        """
        out = {}
        for name in FIELDS:
            if name in skip:
                continue
            try:
                value = getattr(self, name)()
            except Exception:  # noqa: BLE001 - a field parser must never sink the page
                value = None
            if value not in (None, "", [], {}):
                out[name] = value
        return out


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_NOISE_TAGS = frozenset(
    ("script", "style", "noscript", "template", "nav", "footer", "form", "select", "iframe", "svg")
)
_NOISE_ROLES = frozenset(("navigation", "complementary", "contentinfo"))
_NOISE_CLASS_WORDS = (
    "similar", "recommend", "more-like", "breadcrumb", "comment", "advert", "newsletter", "cookie",
)
# any of the words, in one search (= ``any(w in cls for w in _NOISE_CLASS_WORDS)``)
_NOISE_CLASS_RE = re.compile("|".join(re.escape(w) for w in _NOISE_CLASS_WORDS))
_WATCH_HEADINGS = frozenset(("h2", "h3", "h4", "h5"))
_WATCH_WORDS = ("where to ", "how to watch", "watch options", "streaming")
_TEXT = etree.XPath(".//text()", smart_strings=False)
# The walk below mirrors these exact XPaths; if they change, main_content falls back to
# evaluating them (same result, slower) until the walk is updated to match.
_MIRRORED = "28a34e5c2851e51fa42e1c557adcc52c8bbdacde"
_FAST_PATH = (
    hashlib.sha1((NOISE_XPATH + "\n" + SIDEBAR_XPATH).encode()).hexdigest() == _MIRRORED
)


def _lower(value: str) -> str:
    """XPath ``translate(., 'A..Z', 'a..z')``: ASCII letters only, as the XPaths above do."""
    return value.lower() if value.isascii() else value.translate(_ASCII_LOWER)


def _under_watch_heading(el) -> bool:
    """The element's previous element sibling is an h2-h5 saying "where to watch" & co."""
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    if prev is None or prev.tag not in _WATCH_HEADINGS:
        return False
    text = _lower("".join(_TEXT(prev)))
    return any(word in text for word in _WATCH_WORDS)


def _noise(root, keep_sidebars: bool) -> list:
    """The elements NOISE_XPATH selects (and SIDEBAR_XPATH, unless ``keep_sidebars``),
    in document order, found by tag and attribute string checks in one walk."""
    nodes = list(root.iter())
    content, main = _noise_indexes(nodes)
    return [nodes[i] for i in (content if keep_sidebars else main)]


def _noisy(el, get) -> tuple[bool, str]:
    """Whether an element with attributes (``get`` = its ``attrib.get``) is noise by its
    role, class or id, and its lower-cased class (for the sidebar test that follows)."""
    if get("role") in _NOISE_ROLES:
        return True, ""
    cls = get("class")
    cls = _lower(cls) if cls else ""
    ident = get("id")
    if ("related" in cls or (ident and "related" in _lower(ident))) and not _under_watch_heading(el):
        return True, cls
    if cls and _NOISE_CLASS_RE.search(cls):
        return True, cls
    return False, cls


def _noise_indexes(nodes: list) -> tuple[list[int], list[int]]:
    """Where the noise elements are in ``nodes`` (a tree's ``iter()``, in order): those
    NOISE_XPATH selects, and those it or SIDEBAR_XPATH selects, found in one walk."""
    content: list[int] = []
    main: list[int] = []
    tags = _NOISE_TAGS
    for i, el in enumerate(nodes):
        tag = el.tag
        if tag in tags:
            content.append(i)
            main.append(i)
            continue
        if not isinstance(tag, str):
            continue
        attrib = el.attrib
        if not attrib:
            if tag == "aside":
                main.append(i)
            continue
        noise, cls = _noisy(el, attrib.get)
        if noise:
            content.append(i)
            main.append(i)
        elif tag == "aside" or "sidebar" in cls:
            main.append(i)
    return content, main


_XPATHS: dict = {}
# queries that only select elements by tag, anywhere in the page
_BY_TAGS = {"//h1": ("h1",), "//h2": ("h2",), "//h2 | //h3 | //h4": ("h2", "h3", "h4")}


def xpath_all(sel: Selector, query: str) -> list:
    """``[s.root for s in sel.xpath(query)]`` without a Selector per result: lxml
    elements, or plain strings for text results (what ``.getall()`` gives for text).
    The query is compiled once."""
    root = sel.root
    if sel.type != "html" or not hasattr(root, "xpath"):
        return [s.root for s in sel.xpath(query)]
    fast = _BY_TAGS.get(query)
    if fast is not None and isinstance(root.tag, str) and root.getparent() is None:
        return list(root.iter(*fast))  # the whole page: lxml's tag walk, same nodes and order
    xp = _XPATHS.get(query)
    if xp is None:
        xp = _XPATHS[query] = etree.XPath(query, smart_strings=False)
    return xp(root)


def texts_of(el) -> list[str]:
    """``Selector(el).xpath(".//text()").getall()``."""
    return _TEXT(el)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def drop_tree(el) -> None:
    """``el.drop_tree()``; lxml refuses to re-join text around the dropped element
    when it holds control characters (which its parser let through): those become
    spaces and the drop is done again."""
    try:
        el.drop_tree()
    except ValueError:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = _CONTROL.sub(" ", prev.tail or "") or None
        elif el.getparent() is not None:
            el.getparent().text = _CONTROL.sub(" ", el.getparent().text or "") or None
        el.tail = _CONTROL.sub(" ", el.tail or "") or None
        el.drop_tree()


def _drop_all(selected) -> None:
    """Drop every element of a Selector or SelectorList (safely, see drop_tree)."""
    items = selected if isinstance(selected, list) else [selected]
    for item in items:
        if item.root.getparent() is not None:
            drop_tree(item.root)


def _both_contents(sel: Selector, shared: dict) -> None:
    """``main_content(sel, keep_sidebars=True)`` and ``main_content(sel)`` into
    ``shared["content"]`` and ``shared["main"]``, made together: one walk finds the
    noise of both copies. The nodes of each copy are kept in ``shared`` while the page
    is read (their Python proxies are then made once, not on every walk). A copy whose
    making fails is not stored (the property makes it alone, and fails alike)."""
    root = sel.root
    if not _FAST_PATH or sel.type != "html" or not isinstance(getattr(root, "tag", None), str) or root.getparent() is not None:
        return
    try:
        done = _both_contents_fast(root, shared)
    except Exception:  # noqa: BLE001 - the slow path below shows (or hides) it alike
        done = False
    if done:
        return
    for key in ("content", "main", "content_els", "main_els"):
        shared.pop(key, None)
    _both_contents_slow(root, shared)


# The cleaned copies live in documents of this parser (it never parses): the same
# HtmlElement/HtmlComment classes as lxml.html's, but chosen by lxml's C-level default
# lookup instead of lxml.html's Python one (its per-tag form/input/label/select classes
# add nothing the parsers use), so each element proxy of a copy is several times
# cheaper to make.
_COPY_PARSER = html.HTMLParser()
_COPY_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction,
        entity=html.HtmlEntity,
    )
)


def _copy_page(root):
    """``deepcopy(root)`` (a page's root element) in a document of _COPY_PARSER."""
    attrib = dict(root.attrib)
    try:
        copy_root = _COPY_PARSER.makeelement(root.tag, attrib)
    except (ValueError, TypeError):  # an attribute name lxml refuses to set
        return deepcopy(root)
    if dict(copy_root.attrib) != attrib or copy_root.tag != root.tag:  # read back otherwise
        return deepcopy(root)
    copy_root.text = root.text
    for child in root:
        copy_root.append(deepcopy(child))  # (with its tail)
    return copy_root


def _both_contents_fast(root, shared: dict) -> bool:
    """_both_contents with one copy of the whole page: the main copy is a copy of the
    content copy once its noise is dropped (the noise of "content" is a subset of the
    noise of "main"; dropping a set of subtrees gives the same tree in any order), less
    the sidebars still in it. False (nothing stored) when a step fails or the page root
    is noise: the slow path then does what it always did."""
    copy_root = _copy_page(root)
    found = _noise_walk(copy_root)
    if found is None:
        return False
    noise, sidebars, class_headings, nodes = found
    for el in noise:
        drop_tree(el)
    main_root = deepcopy(copy_root)
    # each sidebar still in the content copy, found in the main copy by its path of
    # child positions from the root (both copies have the same shape)
    paths = []
    for el in sidebars:
        path = []
        node = el
        while node is not copy_root:
            parent = node.getparent()
            if parent is None:
                break  # inside a dropped block: gone with it
            path.append(parent.index(node))
            node = parent
        else:
            paths.append(path)
    targets = []
    for path in paths:
        node = main_root
        for i in reversed(path):
            node = node[i]
        targets.append(node)
    for node in targets:
        drop_tree(node)
    main_nodes = list(main_root.iter())
    for key, tree, els in (("content", copy_root, nodes), ("main", main_root, main_nodes)):
        copy = Selector(root=tree, type="html")
        _drop_related_sections(copy, class_headings)
        shared[key] = copy
        shared[key + "_els"] = els
    return True


def _noise_walk(root):
    """What :func:`_noise_indexes` finds, in one walk of the tree that does not enter
    the blocks NOISE_XPATH selects (whatever is inside them goes with them):
    ``(noise, sidebars, class_headings, kept)`` - the NOISE_XPATH blocks and the
    SIDEBAR_XPATH-only blocks outside them, in document order; whether an element
    outside them may be one of _CLASS_HEADINGS; the nodes walked and kept. ``None``
    when the root itself is noise."""
    noise: list = []
    sidebars: list = []
    kept: list = []
    tags = _NOISE_TAGS
    heading_tags = _CLASS_HEADING_TAGS
    roles = _NOISE_ROLES
    noise_words = _NOISE_CLASS_RE.search
    class_headings = False
    stack = [root]
    pop, push = stack.pop, stack.extend
    add_noise, keep = noise.append, kept.append
    while stack:
        el = pop()
        tag = el.tag
        if tag in tags:
            add_noise(el)
            continue
        if not isinstance(tag, str):
            keep(el)
            continue
        attrib = el.attrib
        if attrib:
            # (_noisy, inline: this loop runs for every element of the page)
            get = attrib.get
            cls = get("class")
            if cls and not class_headings and tag in heading_tags and ("title" in cls or "ttl" in cls or "head" in cls):
                class_headings = True
            if get("role") in roles:
                add_noise(el)
                continue
            cls = _lower(cls) if cls else ""
            ident = get("id")
            if ("related" in cls or (ident and "related" in _lower(ident))) and not _under_watch_heading(el):
                add_noise(el)
                continue
            if cls and noise_words(cls):
                add_noise(el)
                continue
            if tag == "aside" or "sidebar" in cls:
                sidebars.append(el)
        elif tag == "aside":
            sidebars.append(el)
        keep(el)
        if len(el):
            push(el[::-1])  # the children, last first: popped in document order
    if (noise and noise[0] is root) or (sidebars and sidebars[0] is root):
        return None
    return noise, sidebars, class_headings, kept


def _both_contents_slow(root, shared: dict) -> None:
    copies = []
    for _ in range(2):
        copy_root = deepcopy(root)
        copies.append((copy_root, list(copy_root.iter())))
    if len(copies[0][1]) != len(copies[1][1]):
        return
    found = _noise_indexes(copies[0][1])
    for (copy_root, nodes), idx, key in zip(copies, found, ("content", "main")):
        if idx and idx[0] == 0:  # the page root itself is noise
            continue
        try:
            for i in idx:
                drop_tree(nodes[i])
            copy = Selector(root=copy_root, type="html")
            _drop_related_sections(copy)
        except Exception:  # noqa: BLE001 - made again alone, where the error shows
            continue
        shared[key] = copy
        shared[key + "_els"] = nodes


def main_content(sel: Selector, keep_sidebars: bool = False) -> Selector:
    """A copy of ``sel`` without the blocks in NOISE_XPATH and related-film sections.

    For a whole page (the usual case) the copy is made with lxml directly: a deep copy
    of the tree and one walk over it that drops what NOISE_XPATH / SIDEBAR_XPATH select,
    by tag and class string checks (the page is neither re-serialized nor re-parsed, and
    no ``translate()`` runs per element). Anything else takes the original path.
    """
    root = sel.root
    if not _FAST_PATH or sel.type != "html" or not isinstance(getattr(root, "tag", None), str) or root.getparent() is not None:
        return _main_content_xpath(sel, keep_sidebars)
    copy_root = deepcopy(root)
    noise = _noise(copy_root, keep_sidebars)
    if noise and noise[0] is copy_root:  # the page root itself: let the original path fail alike
        return _main_content_xpath(sel, keep_sidebars)
    for el in noise:
        drop_tree(el)
    copy = Selector(root=copy_root, type="html")
    _drop_related_sections(copy)
    return copy


def _main_content_xpath(sel: Selector, keep_sidebars: bool = False) -> Selector:
    copy = Selector(text=sel.get(), type="html")
    _drop_all(copy.xpath(NOISE_XPATH))
    if not keep_sidebars:
        _drop_all(copy.xpath(SIDEBAR_XPATH))
    _drop_related_sections(copy)
    return copy


def _drop_related_sections(copy: Selector, class_headings: bool = True) -> None:
    # lxml directly (no Selector per heading); XPaths compiled once, below.
    # ``class_headings=False``: the tree was seen to hold no _CLASS_HEADINGS candidate
    # (that XPath is slow and most pages have none).
    root = copy.root
    for heading in _headings(root):
        text = " ".join(_TEXT(heading)).strip().lower()
        if text and _RELATED_WORD(text):
            section = _HEADING_SECTION(heading)
            # Drop the heading's own section only when the heading is near its top;
            # otherwise drop the heading and the siblings after it.
            if section and len(_HEADINGS_UNDER(section[-1])) == 1:
                _drop_element(section[-1])
            else:
                for sib in _FOLLOWING(heading):
                    _drop_element(sib)
                _drop_element(heading)
    # headings made of a styled element (<div class="block-title">Similar movies</div>):
    # the heading and what follows it in its block
    for heading in _CLASS_HEADINGS(root) if class_headings else ():
        text = " ".join(_TEXT(heading)).strip().lower()
        if text and len(text) <= 40 and _RELATED_WORD(text):
            for sib in _FOLLOWING(heading):
                _drop_element(sib)
            _drop_element(heading)


# ``any(text.startswith(w) or w in text for w in RELATED_HEADINGS)`` in one search (a
# word the text starts with is in it)
_RELATED_WORD = re.compile("|".join(re.escape(w) for w in RELATED_HEADINGS)).search


def _headings(root) -> list:
    """``_HEADINGS(root)``; for a whole tree, lxml's tag walk (the same elements, in
    the same document order, without an XPath union)."""
    if isinstance(root.tag, str) and root.getparent() is None:
        return list(root.iter("h2", "h3", "h4"))
    return _HEADINGS(root)


def _drop_element(el) -> None:
    """``_drop_all`` of one element."""
    if el.getparent() is not None:
        drop_tree(el)


_CLASS_HEADING_XPATH = (
    "//*[self::div or self::p or self::span or self::strong][not(*)]"
    "[contains(@class, 'title') or contains(@class, 'ttl') or contains(@class, 'head')]"
)
_HEADINGS = etree.XPath("//h2 | //h3 | //h4")
_HEADING_SECTION = etree.XPath("ancestor::section[1] | ancestor::*[self::div or self::ul][1]")
_HEADINGS_UNDER = etree.XPath(".//h2 | .//h3 | .//h4")
_FOLLOWING = etree.XPath("following-sibling::*")
_CLASS_HEADINGS = etree.XPath(_CLASS_HEADING_XPATH)
_CLASS_HEADING_TAGS = frozenset(("div", "p", "span", "strong"))
