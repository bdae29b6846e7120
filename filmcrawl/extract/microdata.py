"""Microdata (schema.org ``itemscope``/``itemprop``) film pages.

Items are parsed (hand-rolled on lxml, following the HTML microdata algorithm: a
property belongs to the nearest enclosing ``itemscope``; ``itemref`` is honoured) into
the same dict shape as JSON-LD - ``{"@type": [...], "@id": ..., prop: [values]}`` with
nested items as dicts - and the field logic of :class:`SchemaMoviePage` is reused.

Public API: :func:`microdata_items` (top-level items as dicts, cached per Selector) and
:class:`MicrodataPage`.
"""

from __future__ import annotations

import re
import weakref
from functools import cached_property

from lxml import etree
from parsel import Selector

from .jsonld import SchemaMoviePage

_TOP_XPATH = "//*[@itemscope][not(@itemprop) or not(ancestor::*[@itemscope])]"
_TOP = etree.XPath(_TOP_XPATH)  # compiled once
_SRC_TAGS = {"audio", "embed", "iframe", "img", "source", "track", "video"}
_HREF_TAGS = {"a", "area", "link"}
_URL_PROPS = {
    "url", "sameas", "image", "thumbnailurl", "embedurl", "contenturl", "trailer",
    "availability", "itemcondition", "businessfunction", "logo", "@id", "mainentityofpage",
}
_WS = re.compile(r"\s+")
_CACHE: "weakref.WeakKeyDictionary[Selector, list[dict]]" = weakref.WeakKeyDictionary()


def _clean(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _prop_name(name: str) -> str:
    # "http://schema.org/name" -> "name"
    return re.split(r"[/#]", name.rstrip("/"))[-1] if "/" in name or "#" in name else name


def _value(el, names: list[str], root, depth: int):
    if el.get("itemscope") is not None:
        return parse_item(el, root, depth + 1)
    content = el.get("content")
    if content is not None:
        return _clean(content)
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    lower = {n.lower() for n in names}
    if tag == "meta":
        return ""
    if tag in _SRC_TAGS and el.get("src"):
        return el.get("src").strip()
    if tag in _HREF_TAGS and el.get("href") is not None:
        txt = _clean("".join(el.itertext()))
        if lower & _URL_PROPS or not txt:
            return el.get("href").strip()
        return txt
    if tag == "object" and el.get("data"):
        return el.get("data").strip()
    if tag in ("data", "meter") and el.get("value") is not None:
        return el.get("value").strip()
    if tag == "time" and el.get("datetime"):
        return el.get("datetime").strip()
    if el.get("datetime"):
        return el.get("datetime").strip()
    return _clean("".join(el.itertext()))


def parse_item(el, root=None, depth: int = 0) -> dict:
    """One microdata item as a JSON-LD-like dict (property values are lists)."""
    item: dict = {"@type": (el.get("itemtype") or "").split()}
    if el.get("itemid"):
        item["@id"] = el.get("itemid").strip()
    if depth > 12:
        return item
    roots = [el]
    refs = (el.get("itemref") or "").split()
    if refs and root is not None:
        for ref in refs:
            found = root.xpath("//*[@id=$i]", i=ref)
            if found and found[0] is not el:
                roots.append(found[0])
    stack = []
    for r in reversed(roots):
        if r is el:
            stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))
        else:
            stack.append(r)
    seen = set()
    while stack:
        node = stack.pop()
        if node in seen:  # (itemref may point into the item itself)
            continue
        seen.add(node)
        prop = node.get("itemprop")
        if prop:
            names = prop.split()
            value = _value(node, names, root, depth)
            for name in names:
                item.setdefault(_prop_name(name), []).append(value)
        if node.get("itemscope") is None:
            stack.extend(reversed([c for c in node if isinstance(c.tag, str)]))
    return item


def microdata_items(sel: Selector) -> list[dict]:
    """Every top-level microdata item on the page, in document order."""
    try:
        return _CACHE[sel]
    except (KeyError, TypeError):
        pass
    root = sel.root
    items = []
    if hasattr(root, "xpath"):
        tree_root = root.getroottree().getroot()
        for el in _TOP(root):
            try:
                items.append(parse_item(el, tree_root))
            except Exception:  # noqa: BLE001
                continue
    try:
        _CACHE[sel] = items
    except TypeError:
        pass
    return items


class MicrodataPage(SchemaMoviePage):
    family = "microdata"

    @cached_property
    def objects(self) -> list[dict]:
        return self.once("microdata_items", lambda: microdata_items(self.sel))
