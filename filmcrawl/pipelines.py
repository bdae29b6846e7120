"""Item pipelines: normalize, validate, store.

Every page arrives as one :class:`~filmcrawl.items.PageItem`. Normalizing and
validating only touch its film; a film that fails validation is not stored: the page
keeps a ``reject_reason`` and the store writes a ``rejects`` row for it.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
from dataclasses import asdict
from datetime import datetime, timezone

from itemadapter import ItemAdapter
from scrapy import signals

from filmcrawl import normalize as N
from filmcrawl import store
from filmcrawl.items import FilmItem, Offer, PageItem
from filmcrawl.runlock import RunLock

logger = logging.getLogger(__name__)

MAX_YEAR_AHEAD = 5


BARE_NUMBER = re.compile(r"\s*(\d{1,4}(?:\.\d+)?)\s*$")
ISO_DATE = re.compile(r"\s*(\d{1,4})-\d\d(?:-\d\d)?(?:T[\d:.+Z-]*)?\s*$")


def bare_number(raw, kind=float):
    """A raw value that is a bare number ("1700", 11.5) is kept as it is, so that
    validation, not normalization, decides whether it is in range."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return kind(raw) if math.isfinite(raw) else None
    text = "" if raw is None else str(raw)
    match = BARE_NUMBER.match(text) or (ISO_DATE.match(text) if kind is int else None)
    return kind(float(match.group(1))) if match else None


def normalize_film(film: FilmItem) -> dict[str, int]:
    """Fill the normalized fields of ``film`` from its raw ones, in place.

    Returns ``{field: 1}`` for every field whose stored value differs from its raw
    value (what the pipeline counts in Scrapy's stats).
    """
    changed: dict[str, int] = {}

    def put(field, value, raw):
        setattr(film, field, value)
        if value is not None and str(value) != str(raw):
            changed[field] = changed.get(field, 0) + 1

    put("title", N.clean_title(film.title_raw or film.title), film.title_raw)
    year_raw = film.year_raw if film.year_raw is not None else film.year
    year = N.parse_year(year_raw)
    put("year", year if year is not None else bare_number(year_raw, int), year_raw)
    runtime_raw = film.runtime_raw if film.runtime_raw is not None else film.runtime_minutes
    put("runtime_minutes", N.parse_runtime(runtime_raw), runtime_raw)
    rating_raw = film.imdb_rating_raw if film.imdb_rating_raw is not None else film.imdb_rating
    rating = N.parse_rating(rating_raw)
    if rating is None:  # 0 or "N/A" mean no rating; 11.5 is kept for validation to reject
        rating = bare_number(rating_raw)
        rating = rating if rating is not None and rating > 10 else None
    put("imdb_rating", rating, rating_raw)
    votes_raw = film.imdb_votes_raw if film.imdb_votes_raw is not None else film.imdb_votes
    put("imdb_votes", N.parse_votes(votes_raw), votes_raw)
    put("content_rating", N.clean_content_rating(film.content_rating), film.content_rating)
    put("synopsis", N.clean_synopsis(film.synopsis), film.synopsis)
    genres_raw = film.genres_raw or film.genres
    film.genres_raw = list(genres_raw)
    film.genres = N.canonical_genres(genres_raw)
    if film.genres != list(genres_raw):
        changed["genres"] = 1
    film.credits = _normalize_credits(film.credits, changed)
    film.offers = _normalize_offers(film.offers, changed)
    return changed


def _normalize_credits(credits, changed):
    out, seen, positions = [], set(), {}
    for credit in credits:
        name = N.clean_name(credit.name)
        if name is None or (name, credit.role) in seen:
            continue
        if name != credit.name:
            changed["names"] = changed.get("names", 0) + 1
        seen.add((name, credit.role))
        credit.name = name
        credit.character = N.clean_character(credit.character) if credit.role == "cast" else None
        credit.position = positions.get(credit.role, 0)
        positions[credit.role] = credit.position + 1
        out.append(credit)
    return out


def _normalize_offers(offers: list[Offer], changed):
    out, seen = [], set()
    for offer in offers:
        provider = N.canonical_provider(offer.provider)
        if provider is None:
            continue
        offer.provider_raw = offer.provider_raw or offer.provider
        offer.offer_type_raw = offer.offer_type_raw or offer.offer_type
        offer.provider = provider
        offer.offer_type = N.offer_type(offer.offer_type)
        if offer.price is not None and not isinstance(offer.price, (int, float)):
            offer.price_raw = str(offer.price)
            amount, currency = N.parse_price(offer.price_raw, default_currency=offer.currency)
            offer.price = amount
            if offer.currency and len(offer.currency) == 3:
                # A code stated beside the price (JSON-LD priceCurrency) wins; one that is
                # no ISO 4217 code gives no currency.
                currency = N.parse_price("1 " + offer.currency)[1]
            offer.currency = currency
        if offer.price == 0 and offer.offer_type in ("subscription", "free", "ads"):
            offer.price = None  # "included" is no price
        if offer.price is None:
            offer.currency = None
        elif offer.currency:
            offer.currency = offer.currency.upper()
        offer.quality = N.parse_quality(offer.quality)
        offer.region = N.parse_region(offer.region)
        key = (offer.provider, offer.offer_type, offer.quality, offer.region)
        if key in seen:
            continue
        seen.add(key)
        changed["offers"] = changed.get("offers", 0) + 1
        out.append(offer)
    return out


def validate_film(film: FilmItem) -> tuple[str, str] | None:
    """(reason, detail) when the film must not be stored, else None."""
    if not film.title:
        return "missing_title", f"no title in {film.title_raw!r}"
    max_year = datetime.now(timezone.utc).year + MAX_YEAR_AHEAD
    if film.year is not None and not 1870 <= film.year <= max_year:
        return "year_out_of_range", f"year {film.year} not in 1870..{max_year}"
    if film.imdb_rating is not None and not 0 <= film.imdb_rating <= 10:
        return "rating_out_of_range", f"IMDb rating {film.imdb_rating} not in 0..10"
    if film.runtime_minutes is not None and not 1 <= film.runtime_minutes <= 1000:
        return "runtime_out_of_range", f"runtime {film.runtime_minutes} not in 1..1000"
    return None


class _PagePipeline:
    """A pipeline step over PageItems that counts what it does in Scrapy's stats."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)


class NormalizePipeline(_PagePipeline):
    """Normalizes each film's fields; counts what changed in ``filmcrawl/normalized/*``."""

    def process_item(self, item):
        page = ItemAdapter(item).item
        if isinstance(page, PageItem) and page.film is not None:
            if page.normalized is None:  # else a reading worker did it (filmcrawl/reader.py)
                try:
                    page.normalized = normalize_film(page.film)
                except Exception as exc:  # noqa: BLE001 - else Scrapy drops the page without a trace
                    logger.exception("normalizing the film of %s failed", page.url)
                    page.reject_reason = page.reject_reason or "normalize_error"
                    page.reject_detail = repr(exc)[:2000]
                    return item
            for field, count in page.normalized.items():
                self.stats.inc_value(f"filmcrawl/normalized/{field}", count)
        return item


class ValidatePipeline(_PagePipeline):
    """Turns a film that must not be stored into a reject (the crawl goes on)."""

    def process_item(self, item):
        page = ItemAdapter(item).item
        if isinstance(page, PageItem) and page.film is not None and page.reject_reason is None:
            problem = validate_film(page.film)
            if problem:
                page.reject_reason, page.reject_detail = problem
        if isinstance(page, PageItem) and page.reject_reason:
            self.stats.inc_value(f"filmcrawl/rejects/{page.reject_reason}")
            if page.film is not None and page.reject_detail:
                page.reject_detail = json.dumps(
                    {"detail": page.reject_detail, "film": asdict(page.film)}, default=str
                )[:20000]
        return item


class StorePipeline:
    """Writes pages into SQLite in batched transactions; one crawl_runs row per run.

    The database path is the ``FILMCRAWL_DB`` setting. Holding the run lock for the
    database, it marks runs that a killed process left 'running' as 'aborted'.
    """

    def __init__(self, crawler, path: str, batch_size: int):
        self.crawler = crawler
        self.stats = crawler.stats
        self.path = path
        self.batch_size = batch_size
        self.buffer: list[PageItem] = []
        self.db = None
        self.run_id = None
        self.lock = RunLock(path)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        pipe = cls(crawler, settings.get("FILMCRAWL_DB"), settings.getint("FILMCRAWL_BATCH_SIZE", 200))
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        return pipe

    def open_spider(self):
        self.lock.acquire()  # raises RunLocked with a clear message
        folder = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(folder, exist_ok=True)
        self.db = store.open_db(self.path)
        spider = self.crawler.spider
        self.run_id = store.start_run(
            self.db, spider.name, getattr(spider, "start_urls", ()), pid=os.getpid()
        )
        self.stats.set_value("filmcrawl/run_id", self.run_id)
        spider.run_id = self.run_id

    def process_item(self, item):
        page = ItemAdapter(item).item
        if isinstance(page, PageItem):
            self.buffer.append(page)
            if len(self.buffer) >= self.batch_size:
                self.flush()
        return item

    def flush(self):
        if not self.buffer or self.db is None:
            return
        pages, self.buffer = self.buffer, []
        try:
            with self.db.atomic():
                self._write(pages)
        except Exception:  # noqa: BLE001 - one bad page must not cost the batch
            logger.exception("filmcrawl: a batch of %d pages failed; writing them one by one", len(pages))
            for page in pages:
                try:
                    with self.db.atomic():
                        self._write([page])
                except Exception as exc:  # noqa: BLE001
                    page.reject_reason, page.reject_detail = "store_error", repr(exc)[:2000]
                    page.film = None
                    with self.db.atomic():
                        self._write([page])

    def _write(self, pages) -> None:
        stored = unchanged = rejects = 0
        for page in pages:
            film_id = store.save_page(self.db, page, self.run_id)
            stored += film_id is not None and not page.unchanged
            unchanged += page.unchanged
            rejects += page.reject_reason is not None
        store.update_run_counts(self.db, self.run_id, len(pages), stored, unchanged, rejects)
        self.stats.inc_value("filmcrawl/pages_stored", len(pages))
        self.stats.inc_value("filmcrawl/films_stored", stored)
        self.stats.inc_value("filmcrawl/pages_unchanged", unchanged)

    def close_spider(self):
        self.flush()

    def spider_closed(self, spider, reason):
        if self.db is None:
            return
        stats = self.crawler.stats.get_stats()
        ignored = "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest"  # robots.txt
        errors = (
            int(stats.get("log_count/ERROR", 0))
            + int(stats.get("downloader/exception_count", 0))
            - int(stats.get(ignored, 0))
        )
        status = "finished" if reason == "finished" else ("failed" if reason != "shutdown" else "aborted")
        store.finish_run(self.db, self.run_id, status, stats, errors)
        row = self.db.execute(
            "SELECT pages_crawled, items_stored, pages_unchanged, rejects FROM crawl_runs WHERE id = ?",
            [self.run_id],
        ).fetchone()
        logger.info(
            "filmcrawl run %s %s: %s pages, %s films stored, %s unchanged, %s rejects -> %s",
            self.run_id, status, *row, self.path,
        )
        self.db.close()
        self.db = None
        self.lock.release()
