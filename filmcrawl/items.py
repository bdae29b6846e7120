"""Items: plain dataclasses, read and written through itemadapter by the pipelines.

Every fetched page becomes exactly one :class:`PageItem`. A film page carries its
:class:`FilmItem` in ``film``; a page that is not a film carries none; a page whose
film could not be stored ends with ``reject`` set, so nothing is dropped without a
trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Credit:
    name: str
    role: str  # director | writer | cast
    character: str | None = None
    position: int | None = None
    source: str | None = None  # page family the credit came from


@dataclass
class Offer:
    provider: str | None
    offer_type: str | None = None  # subscription | free | ads | rent | buy
    price: float | None = None
    currency: str | None = None  # ISO 4217
    quality: str | None = None  # SD | HD | 4K
    region: str | None = None  # ISO 3166-1 alpha-2
    url: str | None = None
    provider_raw: str | None = None
    offer_type_raw: str | None = None
    price_raw: str | None = None
    source: str | None = None


@dataclass
class FilmItem:
    url: str
    title: str | None = None
    year: int | None = None
    runtime_minutes: int | None = None
    imdb_rating: float | None = None
    imdb_votes: int | None = None
    content_rating: str | None = None
    synopsis: str | None = None
    genres: list[str] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    # Raw values as the page gave them, kept beside the normalized ones.
    title_raw: str | None = None
    year_raw: str | None = None
    runtime_raw: str | None = None
    imdb_rating_raw: str | None = None
    imdb_votes_raw: str | None = None
    genres_raw: list[str] = field(default_factory=list)
    # Which page family gave each field: {"title": "jsonld", "year": "prose", ...}
    sources: dict[str, str] = field(default_factory=dict)


@dataclass
class PageItem:
    url: str
    kind: str  # film | series | listing | other
    http_status: int | None = None
    fetched_at: str | None = None
    content_hash: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    # True when the page is known and did not change (304 or same content hash):
    # nothing is extracted and only last_seen moves.
    unchanged: bool = False
    extractor: str | None = None  # the extraction version that read the page
    film: FilmItem | None = None
    # What normalizing ``film`` changed ({field: count}) once it is normalized (the
    # reading worker normalizes it beside extraction); None while it is not.
    normalized: dict[str, int] | None = None
    reject_reason: str | None = None
    reject_detail: str | None = None
