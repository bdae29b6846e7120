"""The offers reader's shortcuts (third round) give what the general code they stand
for gives: the page's elements read from the keys of the element order (zone walk,
first h1), the h1 text taken from the per-element memo, the zone walk that does not
enter units, the zone labels read from the text memo, the text of an element holding
one bare leaf, the data-* guard and the ancestor climb.

Each is compared with the code it replaced (verbatim but for names) on every fixture
page, on the generated offer blocks of the second round's tests and on odd markup.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree, html as lxml_html
from parsel import Selector

from filmcrawl.extract import offers as O
from filmcrawl.extract.base import FamilyPage, main_content, texts_of, xpath_all
from filmcrawl.extract.labelled import TEXT_NODES, clean, el_text, element_order

from .test_extract_speed_offers2 import _PlainReader, _read, _selectors

_E = etree.Element


# --------------------------------------------------------------------------
# the code the shortcuts replaced
# --------------------------------------------------------------------------
class _OldReader(O._Reader):
    """The reader with its walks done by lxml and its read_zone as before (and the units
    of the first round, unchanged, to check them zone by zone)."""

    def __init__(self, content, url, title, texts=None, order=None):
        super().__init__(content, url, title, texts, order)
        self.h1 = next((h for h in self.root.iter("h1") if self._t(h)), None)

    def read_zone(self, roots, implied, region):
        units = self.units(roots)
        unit_set = set(units)
        inside: set = set()
        for u in units:
            inside.update(u.iter(_E))
        offers = []
        cur_opt = implied
        for r in roots:
            for el in r.iter(_E):
                if el in unit_set:
                    offers.extend(self.read_unit(el, cur_opt, region))
                    continue
                if el in inside:
                    continue
                if el.tag == "th":
                    txt = self._t(el)
                    if txt and len(txt) <= 30:
                        o = O._implied_option(txt)
                        if o or O._is_option_word(txt):
                            cur_opt = o or cur_opt
                    continue
                txt = self._label_text(el)
                if txt:
                    o = O._implied_option(txt)
                    if o:
                        cur_opt = o
                    elif el.tag in O.HEADING_TAGS or el.tag in ("dt", "caption", "legend"):
                        cur_opt = implied
        return offers

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
                if O._has_td(tr) and len(keys_under.get(tr, ())) <= 1:
                    if self._t(tr) or keys_under.get(tr):
                        units.append(tr)
        for el, k in anchors:
            node = el
            while node not in root_set:
                parent = node.getparent()
                if parent is None:
                    break
                ptag = parent.tag
                if ptag in ("table", "tbody", "thead"):
                    break
                ks = keys_under.get(parent)
                if ks and (len(ks) > 1 or k not in ks):
                    break
                if ptag in ("ul", "ol", "dl") and len([c for c in parent if isinstance(c.tag, str)]) > 1:
                    break
                node = parent
            units.append(node)
        for r in roots:
            for li in [r] if r.tag == "li" else r.iter("li"):
                if not keys_under.get(li) and not any(True for _ in li.iterdescendants("li")):
                    units.append(li)
        order = self.order
        units = sorted(set(units), key=lambda u: order.get(u, 0))
        kept = []
        kept_set: set = set()
        for u in units:
            if kept_set and O._inside(u, kept_set, root_set):
                continue
            kept.append(u)
            kept_set.add(u)
        return [u for u in kept if len(keys_under.get(u, ())) <= 1]


def _old_html_offers(sel: Selector, url: str) -> list[dict]:
    """``html_offers(sel, url)`` as before: the h1 found by xpath_all and read by
    texts_of, the old reader."""
    content = main_content(sel, keep_sidebars=True)
    title = None
    h1 = xpath_all(content, "//h1")
    if h1:
        title = O._H1_TITLE_NOISE.sub("", clean(" ".join(texts_of(h1[0]))))
    reader = _OldReader(content, url, title)
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
# the tests
# --------------------------------------------------------------------------
def test_html_offers_match_the_old_reader():
    nonempty = 0
    for name, sel in _selectors():
        for url in ("http://x.test/film/1", ""):
            got = O.html_offers(sel, url)
            assert got == _old_html_offers(sel, url), name
            assert got == _read(sel, url, _PlainReader), name
            nonempty += bool(got)
    assert nonempty > 200


def test_read_zone_and_units_match_the_old_ones_zone_by_zone():
    for name, sel in _selectors():
        content = main_content(sel, keep_sidebars=True)
        new, old = O._Reader(content, "http://x.test/", "Heat"), _OldReader(content, "http://x.test/", "Heat")
        assert new.h1 is old.h1, name
        zones = old.zones()
        assert new.zones() == zones, name
        for roots, implied, region in zones:
            assert new.units(roots) == old.units(roots), name
            assert new.read_zone(roots, implied, region) == old.read_zone(roots, implied, region), name


def test_the_family_page_reads_like_the_selector():
    """In the pipeline the reader takes the element order and texts other families made
    (the keys of the order are then the elements of the unchanged content tree)."""
    for name, sel in _selectors():
        url = "http://x.test/film/1"
        shared: dict = {}
        page = FamilyPage(sel, url, shared)
        root = page.content.root
        shared["el_text"] = {}
        # what the families before the offers leave in the memos
        for el in root.iter(_E):
            if el.tag in ("td", "th", "span", "li", "p", "h2", "h3"):
                shared["el_text"][el] = el_text(el)
        order = element_order(shared, root)
        assert list(order) == list(root.iter(_E)), name
        got = O.html_offers(page)
        assert list(order) == list(root.iter(_E)), name  # (the tree was not changed)
        assert got == _old_html_offers(sel, url), name
        assert all(shared["el_text"][el] == el_text(el) for el in shared["el_text"]), name


def test_first_h1_is_the_first_of_xpath_all():
    for name, sel in _selectors():
        for content in (main_content(sel, keep_sidebars=True), sel):
            order = {el: i for i, el in enumerate(content.root.iter(_E))}
            h1 = xpath_all(content, "//h1")
            assert O._first_h1(content, order) is (h1[0] if h1 else None), name
    # not a whole page: the XPath of xpath_all
    sel = Selector(text="<html><body><h1>A</h1><div><h1>B</h1></div></body></html>", type="html")
    inner = Selector(root=sel.root.find(".//div"), type="html")
    assert O._first_h1(inner, {}) is xpath_all(inner, "//h1")[0]
    assert clean(" ".join(texts_of(sel.root.find(".//h1")))) == O._text(sel.root.find(".//h1"))


def _plain_join(el) -> str:
    return clean(" ".join(TEXT_NODES(el)))


def test_texts_and_small_checks_on_every_fixture_element():
    for name, sel in _selectors():
        for root in (sel.root, main_content(sel, keep_sidebars=True).root):
            els = list(root.iter(_E))
            for el in els:
                assert O._text(el) == _plain_join(el) == el_text(el), name
                assert O._has_data_attr(el.attrib) <= O._may_have_data_attr(el.keys()), name
                for anc in (root, el.getparent(), els[len(els) // 2]):
                    if anc is not None:
                        assert O._is_below(el, anc) == any(a is anc for a in el.iterancestors()), name


_ODD_CHILDREN = ["<img>", "<img/>x", "<!---->", "<!-- c -->", "<?pi x?>", "<?pi?>", "<b></b>", "<b> </b>",
                 "<br>", "<span>\u200b</span>", "<i><b></b></i>", "<b></b> ", "&amp;", "\xa0", "<script></script>"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["a", "td", "div", "p"]), st.sampled_from(["", " ", "x", "\xa0"]),
       st.lists(st.sampled_from(_ODD_CHILDREN), min_size=1, max_size=3))
def test_element_texts_on_odd_markup(tag, lead, kids):
    doc = lxml_html.fromstring(f"<html><body><{tag}>{lead}{''.join(kids)}</{tag}>tail</body></html>")
    for el in doc.iter(_E):
        assert O._text(el) == _plain_join(el) == el_text(el)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["data-x", "data-", "class", "xdata-", "metadata", "-y", "data", "d", "href",
                                 "ata-", "data-provider", "aria-label"]), max_size=4, unique=True))
def test_data_attribute_guard(keys):
    el = etree.Element("div")
    for k in keys:
        try:
            el.set(k, "v")
        except ValueError:  # (a name lxml refuses)
            continue
    if not O._may_have_data_attr(el.keys()):
        assert not O._has_data_attr(el.attrib)
    # a name starting with "data-" always trips the guard
    assert O._may_have_data_attr(el.keys()) >= O._has_data_attr(el.attrib)
