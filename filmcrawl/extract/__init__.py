"""The dispatcher: which families a page has, what kind of page it is, and the film
it describes, combined per field.

``extract(sel, url)`` is a pure function of the page: no network, no database. It
returns an :class:`Extraction` with the page kind and, for film pages, a
:class:`~filmcrawl.items.FilmItem` holding raw values and the family each came from;
:func:`filmcrawl.pipelines.normalize_film` turns raw values into normalized ones.

Per field, families are read in :data:`PRIORITY` order (structured data first, then
labelled fields, then prose) and the first value that normalizes wins; prose, the
costliest family to read, is read only when it can still change the film. People lists
are taken whole from the first family that has them, so prose (which may invent
names) never adds a person that structured data contradicts; prose only fills
characters for people another family already named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml.etree import Entity as _Entity
from parsel import Selector

from filmcrawl import normalize as N
from filmcrawl.extract.base import FamilyPage, xpath_all
from filmcrawl.extract.jsonld import JsonLdPage, type_names
from filmcrawl.extract.labelled import LabelledPage
from filmcrawl.extract.microdata import MicrodataPage
from filmcrawl.extract.offers import html_offers
from filmcrawl.extract.opengraph import OpenGraphPage
from filmcrawl.extract.prose import ProsePage
from filmcrawl.items import Credit, FilmItem, Offer
from filmcrawl.pipelines import bare_number

PRIORITY: tuple[type[FamilyPage], ...] = (
    JsonLdPage,
    MicrodataPage,
    OpenGraphPage,
    LabelledPage,
    ProsePage,
)
STRUCTURED = {"jsonld", "microdata", "opengraph"}

# A raw scalar counts only when its normalizer makes something of it.
SCALARS = {
    "title": N.clean_title,
    "year": N.parse_year,
    "runtime": N.parse_runtime,
    "imdb_rating": N.parse_rating,
    "imdb_votes": N.parse_votes,
    "content_rating": N.clean_content_rating,
    "synopsis": N.clean_synopsis,
}
# A bare number out of range is kept, so that validation rejects the film with a
# reason instead of storing it without the value.
RANGE_CHECKED = {"year": int, "imdb_rating": float}
RAW_ATTR = {
    "title": "title_raw",
    "year": "year_raw",
    "runtime": "runtime_raw",
    "imdb_rating": "imdb_rating_raw",
    "imdb_votes": "imdb_votes_raw",
    "content_rating": "content_rating",
    "synopsis": "synopsis",
}
ROLES = {"directors": "director", "writers": "writer", "cast": "cast"}

_YEAR_IN_LINK = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d|\d|s\b)")
_LETTERS = re.compile(r"[^\W\d_]{3}")


@dataclass
class Extraction:
    kind: str  # film | series | listing | other
    film: FilmItem | None = None
    families: tuple[str, ...] = ()  # the families that apply (prose: only if it was read)
    reason: str | None = None  # why a film-like page gave no film


def extract(sel: Selector, url: str = "") -> Extraction:
    shared: dict = {}
    pages = [cls(sel, url, shared) for cls in PRIORITY]
    prose = pages[-1]
    applying = [p for p in pages if p is not prose and _safe(p.applies, False)]
    # A family that does not apply may still say "series" or "listing" (a TVSeries
    # or ItemList block is no film); only applying families may say "film".
    said = {p.family: _safe(p.kind, None) for p in pages}
    kinds = {f: k for f, k in said.items() if k != "film" or f in {p.family for p in applying}}
    if kinds.get("jsonld") is None and _safe(lambda: _about_a_person(pages[0]), False):
        kinds["jsonld"] = "other"
    # Prose is the costliest family to read and comes last: whether it applies is asked
    # only when its "film" can change the page's kind, or when the families before it
    # leave the film something prose could give.
    prose_read = said[prose.family] == "film" and _weak_film_decides(kinds)
    if prose_read and _safe(prose.applies, False):
        applying.append(prose)
        kinds[prose.family] = "film"
    kind = classify(pages[0].main, kinds)
    if kind != "film":
        return Extraction(kind=kind, families=tuple(p.family for p in applying))
    found = [(p.family, p.fields()) for p in applying if p is not prose]
    film = combine(url, found)
    decided = _decided(found)
    if prose in applying or (not prose_read and _prose_adds(film, found, decided) and _safe(prose.applies, False)):
        # the fields combine already takes from an earlier family are not read
        # (prose's genres and crew are costly to read)
        found.append((prose.family, prose.fields(skip=decided) if found else prose.fields()))
        if prose not in applying:
            applying.append(prose)
        film = combine(url, found)
    families = tuple(p.family for p in applying)
    if film.sources.get("genres") in (None, "prose"):
        # explicit genre labels ("Genre: Drama", "filed under: comedy") on a page whose
        # labels are too few for the labelled family to apply beat genres guessed from prose
        labelled = next((p for p in pages if isinstance(p, LabelledPage) and p not in applying), None)
        genres = _safe(labelled.genres, None) if labelled is not None else None
        have = {str(g).lower() for g in film.genres_raw or []}
        if genres and not {str(g).lower() for g in genres} <= have:  # prose that says as much is kept
            film.genres_raw = [str(g) for g in genres]
            film.sources["genres"] = labelled.family
    film.offers.extend(_html_offers(sel, url, shared))
    film.offers = merge_offers(film.offers)
    if not film.synopsis:
        lead = _safe(lambda: lead_paragraph(pages[0].main), None)
        if lead:
            film.synopsis = lead
            film.sources["synopsis"] = "lead"
    if not film.title_raw:
        return Extraction(kind="film", film=film, families=families, reason="missing_title")
    return Extraction(kind="film", film=film, families=families)


def _weak_film_decides(kinds: dict[str, str | None]) -> bool:
    """Whether prose saying "film" can change what :func:`classify` makes of ``kinds``:
    only when no structured family says anything and labels say neither film nor series."""
    return not any(kinds.get(f) for f in STRUCTURED) and kinds.get("labelled") not in ("film", "series")


def _prose_adds(film: FilmItem, found: list[tuple[str, dict]], decided: frozenset) -> bool:
    """Whether the prose family could change ``film``, combined from ``found`` (the
    families before it, which decide the fields ``decided``, see :func:`_decided`): no
    family before it, a field none of them decides, no cast, or a cast member without a
    character (prose may name it: "Keanu Reeves as Neo"). Any other value of prose loses
    to an earlier family in :func:`combine`, and its kind matters only where
    :func:`_weak_film_decides`."""
    if not found or not _ALL_DECIDED <= decided:
        return True
    cast = [c for c in film.credits if c.role == "cast"]
    return not cast or not all(c.character for c in cast)


_ALL_DECIDED = frozenset(SCALARS) | {"genres", "directors", "writers"}


def _safe(method, default):
    try:
        return method()
    except Exception:  # noqa: BLE001 - one family's failure never sinks the page
        return default


def classify(main: Selector, kinds: dict[str, str | None]) -> str:
    """film | series | listing | other, from what the families say of the page.

    ``main`` is the page without navigation and related-film blocks. Structured data
    is believed first; labels and prose only when the page does not look like a
    listing (many film cards each with their own year and runtime look like labels).
    """
    said = [kinds.get(f) for f in ("jsonld", "microdata", "opengraph")]
    if "series" in said:
        return "series"
    if "film" in said:
        return "film"
    if "listing" in said:
        return "listing"
    if "other" in said:
        return "other"  # structured data about a person or organisation, no work
    weak = [kinds.get(f) for f in ("labelled", "prose")]
    if "series" in weak:
        return "series"
    if looks_like_listing(main):
        return "listing"
    if "film" in weak:
        return "film"
    return "other"


_PAGE_CHROME_TYPES = {"organization", "website", "breadcrumblist", "searchaction", "imageobject", "place"}


def _about_a_person(page) -> bool:
    """The page's JSON-LD is about a person (an actor's page with a filmography): a
    ProfilePage, or a Person with nothing beside it but site chrome (an article or
    review whose author is a Person is not about that person)."""
    types: set = set()
    for o in getattr(page, "objects", []) or []:
        types |= type_names(o)
    if "profilepage" in types:
        return True
    return "person" in types and not (types - {"person"} - _PAGE_CHROME_TYPES)


def looks_like_listing(main: Selector) -> bool:
    """Many film items: headings with years (a list article), or a run of at least
    five alike siblings (cards, rows, list items) that each link somewhere and carry
    a year of their own (a genre page, search results, a ranking table)."""
    headings = xpath_all(main, "//h2//text() | //h3//text()")
    if sum(1 for h in headings if _YEAR_IN_LINK.search(h)) >= 3:
        return True
    root = main.root
    # the elements that link somewhere: each <a> and its ancestors (an element with
    # none holds no item, and neither do its children)
    linked = set()
    for a in root.iter("a"):
        while a is not None and a not in linked:
            linked.add(a)
            a = a.getparent()
    flags: dict = {}
    # the same kind of item in alike lists (a listing split by day or letter into
    # several short lists), counted across the lists
    spread: dict[tuple, set] = {}
    for parent in root.iter():
        if parent not in linked:
            continue
        groups: dict[tuple, int] = {}
        parent_sig = None
        for child in parent:
            # a year, and a title beside it (not a bare year link)
            if child not in linked or _text_flags(child, flags) != 3:
                continue
            sig = (child.tag, child.get("class"))
            groups[sig] = groups.get(sig, 0) + 1
            if groups[sig] >= 5:
                return True
            if parent_sig is None:
                parent_sig = (parent.tag, _first_class(parent))
            if parent_sig[1] and child.tag != "a":
                link = next(child.iterdescendants("a"))
                hrefs = spread.setdefault((parent_sig, child.tag, _first_class(child)), set())
                hrefs.add(link.get("href") or " ".join(child.itertext()))
                if len(hrefs) >= 5:
                    return True
    return False


def _piece_flags(piece: str | None) -> int:
    if not piece:
        return 0
    return (1 if _YEAR_IN_LINK.search(piece) else 0) | (2 if _LETTERS.search(piece) else 0)


def _text_flags(el, memo: dict) -> int:
    """1 if ``_YEAR_IN_LINK`` finds a year in ``" ".join(el.itertext())``, plus 2 if
    ``_LETTERS`` finds a word there, without building the text (a big block's text is
    long to build, and built again for each block around it). Neither regex can match
    across the joining space (a year needs four digits in a row, a word three letters;
    the space before or after a piece reads like the string's edge to the lookarounds),
    so the text holds a match when one of its pieces does: the element's text, and
    for each child node its text (an element's whole text, an entity's name, nothing
    for a comment or processing instruction, as ``itertext`` does) and its tail.
    Memoized per element in ``memo``; a child's text is read only while the answer is
    not yet 3."""
    f = memo.get(el)
    if f is not None:
        return f
    f = _piece_flags(el.text)
    if f != 3:
        for c in el:
            tag = c.tag
            if isinstance(tag, str):
                try:
                    f |= _text_flags(c, memo)
                except RecursionError:  # a very deep tree: build its text
                    f |= _piece_flags(" ".join(c.itertext()))
            elif tag is _Entity:
                f |= _piece_flags(c.text)
            if f == 3:
                break
            f |= _piece_flags(c.tail)
            if f == 3:
                break
    memo[el] = f
    return f


def _first_class(el) -> str:
    parts = (el.get("class") or "").split()
    return parts[0] if parts else ""


def combine(url: str, found: list[tuple[str, dict]]) -> FilmItem:
    film = FilmItem(url=url)
    for name in SCALARS:
        for family, fields in found:
            raw = fields.get(name)
            if raw is not None and _counts(name, raw):
                setattr(film, RAW_ATTR[name], str(raw))
                film.sources[name] = family
                break
    if not film.year_raw and film.title_raw and N.title_year(film.title_raw):
        film.year_raw = str(N.title_year(film.title_raw))
        film.sources["year"] = film.sources.get("title", "title")
    for family, fields in found:
        if fields.get("genres"):
            film.genres_raw = [str(g) for g in fields["genres"]]
            film.sources["genres"] = family
            break
    for field, role in ROLES.items():
        film.credits.extend(_people(field, role, found, film.sources))
    for family, fields in found:
        for raw in fields.get("offers") or []:
            film.offers.append(_offer(raw, family))
    return film


def _counts(name: str, raw) -> bool:
    """A raw scalar counts when its normalizer makes something of it (or, for a
    range-checked field, when it is a bare number)."""
    if isinstance(raw, str):
        if name == "synopsis" and _plain_text(raw):
            return True
        return _counts_cached(name, raw)
    return _counts_uncached(name, raw)


_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


def _plain_text(raw: str) -> bool:
    """``N.clean_synopsis(raw) is not None``, known without cleaning (ftfy is slow on a
    long text): with no markup ("<"), entity ("&") or terminal escape (ESC) to remove,
    cleaning never removes an ASCII letter or digit, so one of them is enough."""
    return not ("<" in raw or "&" in raw or "\x1b" in raw) and _ASCII_ALNUM.search(raw) is not None


def _counts_uncached(name: str, raw) -> bool:
    return SCALARS[name](raw) is not None or (
        name in RANGE_CHECKED and bare_number(raw, RANGE_CHECKED[name]) is not None
    )


# memoized: _decided and combine test the same raw values of a page
_counts_cached = lru_cache(maxsize=1024)(_counts_uncached)


def _decided(found: list[tuple[str, dict]]) -> frozenset:
    """The fields whose value :func:`combine` takes from one of ``found`` whatever a
    later family says: a scalar that normalizes (as combine tests it), genres,
    directors and writers (the first family that has any). Not the cast: a later
    family may still fill its characters."""
    out = set()
    for name in SCALARS:
        for _family, fields in found:
            raw = fields.get(name)
            if raw is not None and _counts(name, raw):
                out.add(name)
                break
    for name in ("genres", "directors", "writers"):
        if any(fields.get(name) for _family, fields in found):
            out.add(name)
    return frozenset(out)


def _people(field: str, role: str, found, sources: dict) -> list[Credit]:
    chosen = None
    for family, fields in found:
        if fields.get(field):
            chosen = family, fields[field]
            break
    if chosen is None:
        return []
    family, entries = chosen
    sources[field] = family
    if field == "cast":
        entries = _fuller_cast(family, entries, found)
    credits = []
    for entry in entries:
        name, character = (entry.get("name"), entry.get("character")) if isinstance(entry, dict) else (entry, None)
        if name:
            credits.append(Credit(name=str(name), role=role, character=character, source=family))
    if field == "cast":
        _fill_characters(credits, found)
    return credits


def _entry_name(entry):
    return entry.get("name") if isinstance(entry, dict) else entry


_PERSON_NAME = re.compile(r"^[^\W\d_][^\d:;()/|@]{1,50}$")


def _fuller_cast(family: str, entries: list, found) -> list:
    """The chosen cast list with its holes filled: a visible list (never prose, which
    may invent people) that names every person of it in the same order, plus one or
    two people *between* them, fills the gaps (a JSON-LD actor with "name": "NA" that
    the page's cast grid names). Names added only at either end are not trusted."""
    keys = [_name_key(_entry_name(e)) for e in entries]
    if len(keys) < 3:
        return entries
    for other, fields in found:
        if other in (family, "prose"):
            continue
        cast = fields.get("cast") or []
        extra = len(cast) - len(keys)
        if not 1 <= extra <= max(2, len(keys) // 2):
            continue
        other_keys = [_name_key(_entry_name(e)) for e in cast]
        it = iter(other_keys)
        if not all(k in it for k in keys):  # keys must be a subsequence of other_keys
            continue
        first, last = other_keys.index(keys[0]), other_keys.index(keys[-1])
        known = set(keys)
        added = [i for i, k in enumerate(other_keys) if k not in known]
        if not all(_PERSON_NAME.match(other_keys[i] or "") for i in added):
            continue
        # a cast table giving every person a character is a full list in its own right
        with_characters = all(isinstance(e, dict) and e.get("character") for e in cast)
        if with_characters or all(first < i < last for i in added):
            chosen = dict(zip(keys, entries))
            return [chosen.get(k, e) for k, e in zip(other_keys, cast)]
    return entries


def _fill_characters(credits: list[Credit], found) -> None:
    """Characters that the chosen family lacks, from any family naming the same person,
    then from two-cell rows ("Keanu Reeves | Neo", "M. Gustave | Ralph Fiennes") one
    cell of which names the person."""
    missing = {_name_key(c.name): c for c in credits if not c.character}
    if not missing:
        return
    for _family, fields in found:
        for entry in fields.get("cast") or []:
            if isinstance(entry, dict) and entry.get("character"):
                credit = missing.get(_name_key(entry.get("name")))
                if credit is not None and not credit.character:
                    credit.character = entry["character"]
    known = {_name_key(c.name) for c in credits}
    for _family, fields in found:
        for a, b in fields.get("character_hints") or []:
            ka, kb = _name_key(a), _name_key(b)
            if ka in known and kb in known:
                continue  # two people, no character
            for person, character in ((ka, b), (kb, a)):
                credit = missing.get(person)
                if credit is not None and not credit.character:
                    credit.character = character


def _offer(raw: dict, family: str) -> Offer:
    return Offer(
        provider=raw.get("provider"),
        offer_type=raw.get("offer_type"),
        price=raw.get("price"),
        currency=raw.get("currency"),
        quality=raw.get("quality"),
        region=raw.get("region"),
        url=raw.get("url"),
        source=family,
    )


def _html_offers(sel: Selector, url: str, shared: dict) -> list[Offer]:
    try:
        found = html_offers(FamilyPage(sel, url, shared))
    except Exception:  # noqa: BLE001
        return []
    return [_offer(raw, "html") for raw in found]


def _offer_key(o: Offer) -> tuple:
    raw = (o.provider, o.offer_type, o.price, o.currency, o.quality)
    try:
        return _offer_key_cached(*raw)
    except TypeError:  # an unhashable raw value (odd JSON): no memo
        return _offer_key_cached.__wrapped__(*raw)


@lru_cache(maxsize=4096)
def _offer_key_cached(provider, offer_type, price, currency, quality) -> tuple:
    amount = N.parse_price(price, default_currency=currency)[0] if price not in (None, "") else None
    return (N.canonical_provider(provider), N.offer_type(offer_type), amount, N.parse_quality(quality))


@lru_cache(maxsize=8192)
def _name_key_cached(name):
    return N.clean_name(name)


def _name_key(name):
    """``N.clean_name`` memoized (the same names come back page after page)."""
    return _name_key_cached(name) if isinstance(name, str) or name is None else N.clean_name(name)


def _covers(big: tuple, small: tuple) -> bool:
    """``big`` states the offer ``small`` states, with at least as much detail:
    same provider; same type (or ``small`` has none, or says "free" where ``big``
    says "free with ads"); same price and quality where ``small`` has one."""
    if big == small or big[0] is None or big[0] != small[0]:
        return False
    if small[1] is not None and small[1] != big[1] and not (small[1] == "free" and big[1] == "ads"):
        return False
    return all(s is None or s == b for s, b in zip(small[2:], big[2:]))


def merge_offers(offers: list[Offer]) -> list[Offer]:
    """One offer per thing the page offers: an offer that another one of the page
    states with more detail (the JSON-LD "Netflix, subscription" beside the table's
    "Netflix, subscription, HD"; "free" beside "free with ads") is folded into it,
    its URL, region and currency kept where the detailed one has none."""
    if len(offers) < 2:
        return offers
    keys = [_offer_key(o) for o in offers]
    out = []
    for i, (offer, key) in enumerate(zip(offers, keys)):
        into = next((j for j, k in enumerate(keys) if j != i and _covers(k, key)), None)
        if into is None:
            out.append(offer)
            continue
        big = offers[into]
        for attr in ("url", "region", "currency"):
            if getattr(big, attr) in (None, "") and getattr(offer, attr) not in (None, ""):
                setattr(big, attr, getattr(offer, attr))
    return out


_PLOT_CLASS = re.compile(r"plot|synopsis|summary|overview|description|logline|storyline|(?<![a-z])lead(?![a-z])", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?$")
_NOT_PLOT = re.compile(r"\$\d|€|£|\b(?:cookies?|subscribe|newsletter|posted on|sign up|log in|affiliate|commission)\b", re.I)


def lead_paragraph(main: Selector) -> str | None:
    """The film's description when no family gave one: the first element whose class
    says plot/synopsis/summary/lead, else the article's first real paragraph (a few
    sentences of prose, no prices or site notices)."""
    root = main.root
    plain = None
    for el in root.iter("p", "div"):
        if not isinstance(el.tag, str):
            continue
        hinted = bool(_PLOT_CLASS.search(el.get("class") or ""))
        if not hinted and (el.tag != "p" or plain is not None):
            continue
        if el.tag == "div" and any(isinstance(c.tag, str) and c.tag in ("p", "div", "ul", "table") for c in el):
            continue
        text = " ".join(" ".join(el.itertext()).split())
        if len(text) < 60 or len(text.split()) < 10 or not _SENTENCE_END.search(text) or _NOT_PLOT.search(text):
            continue
        if hinted:
            return text
        plain = text
    return plain
