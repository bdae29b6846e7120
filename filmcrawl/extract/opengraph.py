"""Open Graph (``og:*`` / ``video:*`` meta tags) film pages.

Applies when ``og:type`` is ``video.movie`` (kind "film") or ``video.tv_show`` /
``video.episode`` (kind "series"). Raw values only: ``og:title`` as is (the normalizer
strips "(1984)" and "- Where to Watch"), runtime as ``"PT{seconds}S"``.
"""

from __future__ import annotations

import re
from functools import cached_property
from urllib.parse import unquote, urlsplit

from .base import FamilyPage
from .jsonld import NA_NAMES

_META_XPATH = "//meta[@property or @name]"
_FILM_TYPES = {"video.movie", "movie", "video.film"}
_SERIES_TYPES = {"video.tv_show", "video.episode", "video.tv_series", "tv_show"}
_PERSON_DIRS = {
    "person", "people", "persons", "actor", "actors", "actress", "director", "directors",
    "writer", "writers", "cast", "crew", "name", "names", "talent", "star", "stars",
    "celebrity", "celebrities", "celebs", "profile", "artist", "artists",
}
_SLUG_NAME = re.compile(r"^[^\W\d_]+(?:[-_][^\W\d_]+){1,3}$")
_YEAR_IN_TITLE = re.compile(r"\((\d{4})\)")
_WS = re.compile(r"\s+")


def name_from_ref(value: str) -> str | None:
    """A person's name from a ``video:director``/``video:actor`` content: the content
    itself when it is a name; for a URL only a clearly-a-name slug under a person-like
    directory (``/person/brad-fraser`` or ``/person/123-brad-fraser`` -> "Brad Fraser")."""
    value = _WS.sub(" ", value or "").strip()
    if not value or value.lower() in NA_NAMES:
        return None
    if not re.match(r"^(?:https?:)?//|^/|^www\.", value, re.I):
        return value
    try:
        path = urlsplit(value if "//" in value else "//" + value).path
    except ValueError:
        return None
    segments = [unquote(s) for s in path.split("/") if s]
    if len(segments) < 2 or segments[-2].lower() not in _PERSON_DIRS:
        return None
    slug = re.sub(r"\.(?:html?|php|aspx?)$", "", segments[-1], flags=re.I)
    slug = re.sub(r"^\d+[-_]", "", slug)
    if not _SLUG_NAME.match(slug):
        return None
    return " ".join(p[:1].upper() + p[1:] for p in re.split(r"[-_]", slug))


class OpenGraphPage(FamilyPage):
    family = "opengraph"

    @cached_property
    def meta(self) -> list[tuple[str, str]]:
        """(property, content) for every og:/video: meta tag, in document order."""
        out = []
        root = self.sel.root
        if hasattr(root, "iter") and isinstance(getattr(root, "tag", None), str) and root.getparent() is None:
            # the whole page: _META_XPATH's elements, found by lxml's tag walk (faster)
            found = [el for el in root.iter("meta") if el.get("property") is not None or el.get("name") is not None]
        else:
            found = root.xpath(_META_XPATH) if hasattr(root, "xpath") else []
        for el in found:
            prop = (el.get("property") or el.get("name") or "").strip().lower()
            if prop.startswith(("og:", "video:")):
                out.append((prop, (el.get("content") or "").strip()))
        return out

    def _first(self, prop: str) -> str | None:
        for p, c in self.meta:
            if p == prop and c:
                return c
        return None

    def _all(self, prop: str) -> list[str]:
        return [c for p, c in self.meta if p == prop and c]

    @cached_property
    def og_type(self) -> str:
        return (self._first("og:type") or "").strip().lower()

    def applies(self) -> bool:
        return self.kind() in ("film", "series")

    def kind(self) -> str | None:
        if self.og_type in _FILM_TYPES:
            return "film"
        if self.og_type in _SERIES_TYPES:
            return "series"
        return None

    def _ok(self) -> bool:
        return self.applies()

    def title(self):
        return self._first("og:title") if self._ok() else None

    def year(self):
        if not self._ok():
            return None
        date = self._first("video:release_date")
        if date:
            return date
        m = _YEAR_IN_TITLE.search(self._first("og:title") or "")
        return m.group(1) if m else None

    def runtime(self):
        if not self._ok():
            return None
        d = self._first("video:duration")
        if not d:
            return None
        m = re.fullmatch(r"(\d+)(?:\.\d+)?", d.strip())
        if m:
            return f"PT{int(m.group(1))}S"
        return d if d.upper().startswith("P") else None

    def synopsis(self):
        if not self._ok():
            return None
        d = self._first("og:description")
        return d if d and len(d) > 80 else None

    def _names(self, prop: str) -> list[str]:
        if not self._ok():
            return []
        out, seen = [], set()
        for c in self._all(prop):
            n = name_from_ref(c)
            if n and n.casefold() not in seen:
                seen.add(n.casefold())
                out.append(n)
        return out

    def directors(self):
        return self._names("video:director")

    def writers(self):
        return self._names("video:writer")

    def cast(self):
        if not self._ok():
            return []
        out: list[dict] = []
        index: dict[str, dict] = {}
        current: dict | None = None  # the entry the next video:actor:role belongs to
        for prop, content in self.meta:
            if prop == "video:actor":
                name = name_from_ref(content)
                if not name:
                    current = None
                    continue
                key = name.casefold()
                if key in index:
                    current = index[key]
                else:
                    current = index[key] = {"name": name, "character": None}
                    out.append(current)
            elif prop == "video:actor:role":
                if current is not None and current["character"] is None and content:
                    current["character"] = _WS.sub(" ", content).strip()
                current = None
        return out
