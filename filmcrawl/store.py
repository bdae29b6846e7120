"""The SQLite store: schema, migrations, and the writes of a crawl.

``ensure_schema(db)`` is safe to run any number of times: it creates what is missing
and adds new columns to old databases (never drops). ``save_page(db, page, run_id)``
stores one fetched page (its film, credits, genres, offers and the history of what
changed) and is meant to be called inside ``db.atomic()`` for a batch of pages.
Page content only ever reaches SQLite as bound parameters.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from datetime import datetime, timezone

import sqlite_utils

from filmcrawl.items import FilmItem, PageItem

SCHEMA_VERSION = 1

TABLES = {
    "films": {
        "columns": {
            "id": int,
            "title": str,
            "year": int,
            "runtime_minutes": int,
            "imdb_rating": float,
            "imdb_votes": int,
            "content_rating": str,
            "synopsis": str,
            "first_seen": str,
            "last_seen": str,
            "title_key": str,
            "title_raw": str,
            "year_raw": str,
            "runtime_raw": str,
            "imdb_rating_raw": str,
            "sources": str,
            "first_run_id": int,
            "last_run_id": int,
        },
        "pk": "id",
        "not_null": {"title"},
    },
    "people": {"columns": {"id": int, "name": str}, "pk": "id"},
    "credits": {
        "columns": {
            "film_id": int,
            "person_id": int,
            "role": str,
            "character": str,
            "position": int,
            "source": str,
        },
        "pk": ("film_id", "person_id", "role"),
    },
    "genres": {"columns": {"id": int, "name": str}, "pk": "id"},
    "film_genres": {"columns": {"film_id": int, "genre_id": int}, "pk": ("film_id", "genre_id")},
    "offers": {
        "columns": {
            "id": int,
            "film_id": int,
            "provider": str,
            "offer_type": str,
            "price": float,
            "currency": str,
            "quality": str,
            "region": str,
            "url": str,
            "first_seen": str,
            "last_seen": str,
            "page_url": str,
            "offer_key": str,
            "active": int,
            "price_raw": str,
            "provider_raw": str,
            "source": str,
            "first_run_id": int,
            "last_run_id": int,
        },
        "pk": "id",
    },
    "pages": {
        "columns": {
            "url": str,
            "film_id": int,
            "kind": str,
            "http_status": int,
            "fetched_at": str,
            "content_hash": str,
            "run_id": int,
            "etag": str,
            "last_modified": str,
            "first_seen": str,
            "last_seen": str,
            "last_changed": str,
            "extractor": str,
        },
        "pk": "url",
    },
    "crawl_runs": {
        "columns": {
            "id": int,
            "spider": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "pages_crawled": int,
            "items_stored": int,
            "errors": int,
            "stats": str,
            "pages_unchanged": int,
            "rejects": int,
            "pid": int,
            "start_urls": str,
        },
        "pk": "id",
    },
    "rejects": {
        "columns": {
            "id": int,
            "url": str,
            "run_id": int,
            "reason": str,
            "detail": str,
            "seen_at": str,
        },
        "pk": "id",
    },
    "changes": {
        "columns": {
            "id": int,
            "run_id": int,
            "film_id": int,
            "change": str,
            "field": str,
            "old_value": str,
            "new_value": str,
            "provider": str,
            "offer_type": str,
            "page_url": str,
            "at": str,
        },
        "pk": "id",
    },
}

INDEXES = [
    ("films", ["title_key", "year"], False),
    ("people", ["name"], True),
    ("genres", ["name"], True),
    ("credits", ["person_id"], False),
    ("film_genres", ["genre_id"], False),
    ("offers", ["offer_key"], True),
    ("offers", ["film_id"], False),
    ("offers", ["provider"], False),
    ("pages", ["film_id"], False),
    ("rejects", ["run_id"], False),
    ("changes", ["run_id"], False),
    ("changes", ["film_id"], False),
]

VIEWS = {
    "film_overview": """
SELECT f.id, f.title, f.year, f.runtime_minutes, f.imdb_rating, f.imdb_votes,
       f.content_rating,
       (SELECT group_concat(name, ', ') FROM (SELECT g.name FROM film_genres fg
         JOIN genres g ON g.id = fg.genre_id WHERE fg.film_id = f.id ORDER BY g.name)) AS genres,
       (SELECT json_group_array(name) FROM (SELECT g.name FROM film_genres fg
         JOIN genres g ON g.id = fg.genre_id WHERE fg.film_id = f.id ORDER BY g.name)) AS genre_list,
       (SELECT group_concat(p.name, ', ') FROM credits c JOIN people p ON p.id = c.person_id
         WHERE c.film_id = f.id AND c.role = 'director') AS directors,
       (SELECT group_concat(p.name, ', ') FROM credits c JOIN people p ON p.id = c.person_id
         WHERE c.film_id = f.id AND c.role = 'writer') AS writers,
       (SELECT group_concat(name, ', ') FROM (SELECT p.name FROM credits c
         JOIN people p ON p.id = c.person_id WHERE c.film_id = f.id AND c.role = 'cast'
         ORDER BY c.position LIMIT 5)) AS top_cast,
       (SELECT group_concat(provider, ', ') FROM (SELECT DISTINCT o.provider FROM offers_current o
         WHERE o.film_id = f.id ORDER BY o.provider COLLATE NOCASE)) AS providers,
       f.first_seen, f.last_seen
FROM films f
""",
    # An offer is current when its page's latest sighting also saw the offer.
    "offers_current": """
SELECT o.id AS offer_id, o.film_id, f.title, f.year, o.provider, o.offer_type, o.price, o.currency,
       o.quality, o.region, o.url, o.page_url, o.first_seen, o.last_seen
FROM offers o
JOIN films f ON f.id = o.film_id
LEFT JOIN pages p ON p.url = o.page_url
WHERE o.active = 1 AND (p.url IS NULL OR p.http_status IS NULL OR p.http_status < 400)
""",
}


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def open_db(path: str) -> sqlite_utils.Database:
    """Open (creating if needed) a database in WAL mode, schema ensured."""
    conn = sqlite3.connect(path, timeout=30)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=OFF")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create every table, index, view and the search index; add missing columns."""
    with db.atomic():
        for name, spec in TABLES.items():
            table = db[name]
            if not table.exists():
                table.create(spec["columns"], pk=spec["pk"], not_null=spec.get("not_null"))
            else:
                have = {c.name for c in table.columns}
                for col, typ in spec["columns"].items():
                    if col not in have:
                        table.add_column(col, typ)
        for table, cols, unique in INDEXES:
            db[table].create_index(cols, unique=unique, if_not_exists=True)
        if "film_search" not in db.table_names():
            db.execute(
                "CREATE VIRTUAL TABLE film_search USING fts5("
                "title, synopsis, people, film_id UNINDEXED, tokenize='unicode61 remove_diacritics 2')"
            )
        elif db.execute("SELECT 1 FROM film_search WHERE rowid IS NOT film_id LIMIT 1").fetchone():
            # Indexes written before rows were keyed by film id: rebuild them so.
            ids = [r[0] for r in db.execute("SELECT id FROM films")]
            db.execute("DELETE FROM film_search")
            for film_id in ids:
                _index_film(db, film_id)
        for view, sql in VIEWS.items():
            db.execute(f"DROP VIEW IF EXISTS {view}")
            db.execute(f"CREATE VIEW {view} AS {sql}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


# -- identity ----------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w]+")


def title_key(title: str) -> str:
    """The key that makes two pages' titles the same film: case, accents,
    punctuation and a leading article do not matter."""
    text = unicodedata.normalize("NFKD", title).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("&", " and ")
    words = _NON_WORD.sub(" ", text).split()
    if len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def find_film(db, key: str, year: int | None) -> dict | None:
    cur = db.execute(
        "SELECT * FROM films WHERE title_key = ? AND (year IS ? OR year IS NULL OR ? IS NULL) "
        "ORDER BY (year IS ?) DESC, id LIMIT 1",
        [key, year, year, year],
    )
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row))


# -- runs --------------------------------------------------------------------


def start_run(db, spider: str, start_urls=(), pid: int | None = None) -> int:
    """Open a crawl_runs row; runs left 'running' by a killed process become 'aborted'.

    Call with the run lock held (see :mod:`filmcrawl.runlock`): then no other run is
    alive, and any 'running' row belongs to a process that died.
    """
    now = utcnow()
    with db.atomic():
        db.execute(
            "UPDATE crawl_runs SET status = 'aborted', finished_at = COALESCE(finished_at, ?) "
            "WHERE status = 'running'",
            [now],
        )
        cur = db.execute(
            "INSERT INTO crawl_runs (spider, started_at, status, pid, start_urls, pages_crawled, "
            "items_stored, errors, pages_unchanged, rejects) VALUES (?, ?, 'running', ?, ?, 0, 0, 0, 0, 0)",
            [spider, now, pid, json.dumps(list(start_urls))],
        )
    return cur.lastrowid


def update_run_counts(db, run_id: int, pages=0, stored=0, unchanged=0, rejects=0) -> None:
    db.execute(
        "UPDATE crawl_runs SET pages_crawled = pages_crawled + ?, items_stored = items_stored + ?, "
        "pages_unchanged = pages_unchanged + ?, rejects = rejects + ? WHERE id = ?",
        [pages, stored, unchanged, rejects, run_id],
    )


def finish_run(db, run_id: int, status: str, stats: dict | None = None, errors: int = 0) -> None:
    with db.atomic():
        db.execute(
            "UPDATE crawl_runs SET status = ?, finished_at = ?, stats = ?, errors = ? WHERE id = ?",
            [status, utcnow(), json.dumps(stats or {}, default=str, sort_keys=True), errors, run_id],
        )


# -- pages -------------------------------------------------------------------


def save_reject(db, url: str, run_id: int | None, reason: str, detail: str | None = None) -> None:
    db.execute(
        "INSERT INTO rejects (url, run_id, reason, detail, seen_at) VALUES (?, ?, ?, ?, ?)",
        [url, run_id, reason, detail, utcnow()],
    )


def save_page(db, page: PageItem, run_id: int | None) -> int | None:
    """Store one fetched page and what it says. Returns the film id, if any.

    Call inside ``db.atomic()``: the page row and its film are one unit.
    """
    now = page.fetched_at or utcnow()
    if page.unchanged:
        return _touch_unchanged(db, page, run_id, now)
    film_id = None
    if page.film is not None and page.reject_reason is None:
        film_id = save_film(db, page.film, run_id, now)
    elif page.http_status in GONE:
        film_id = _page_gone(db, page.url, run_id, now)
    if page.reject_reason:
        save_reject(db, page.url, run_id, page.reject_reason, page.reject_detail)
    db.execute(
        """INSERT INTO pages (url, film_id, kind, http_status, fetched_at, content_hash, run_id,
                              etag, last_modified, first_seen, last_seen, last_changed, extractor)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(url) DO UPDATE SET
             film_id = excluded.film_id, kind = excluded.kind, http_status = excluded.http_status,
             fetched_at = excluded.fetched_at,
             last_changed = CASE WHEN pages.content_hash IS excluded.content_hash
                                 THEN pages.last_changed ELSE excluded.last_changed END,
             content_hash = excluded.content_hash, run_id = excluded.run_id,
             etag = excluded.etag, last_modified = excluded.last_modified,
             last_seen = excluded.last_seen, extractor = excluded.extractor""",
        [
            page.url, film_id, page.kind, page.http_status, now, page.content_hash, run_id,
            page.etag, page.last_modified, now, now, now, page.extractor,
        ],
    )
    return film_id


GONE = (404, 410)


def _page_gone(db, url: str, run_id, now) -> int | None:
    """A film page that now answers 404/410: the film stays, the page's offers close."""
    row = db.execute("SELECT film_id, http_status FROM pages WHERE url = ?", [url]).fetchone()
    if not row or row[0] is None:
        return None
    film_id = row[0]
    if row[1] not in GONE:
        _change(db, run_id, film_id, "page_gone", now, page_url=url)
    _close_offers(db, film_id, url, set(), run_id, now)
    return film_id


def _touch_unchanged(db, page: PageItem, run_id, now) -> int | None:
    row = db.execute("SELECT film_id FROM pages WHERE url = ?", [page.url]).fetchone()
    film_id = row[0] if row else None
    db.execute(
        "UPDATE pages SET last_seen = ?, fetched_at = ?, run_id = ?, http_status = ?, "
        "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) WHERE url = ?",
        [now, now, run_id, page.http_status, page.etag, page.last_modified, page.url],
    )
    if film_id is not None:
        db.execute(
            "UPDATE films SET last_seen = ?, last_run_id = ? WHERE id = ?", [now, run_id, film_id]
        )
        db.execute(
            "UPDATE offers SET last_seen = ?, last_run_id = ? WHERE film_id = ? AND page_url = ? "
            "AND active = 1",
            [now, run_id, film_id, page.url],
        )
    return film_id


# -- films -------------------------------------------------------------------

TRACKED = ("title", "year", "runtime_minutes", "imdb_rating", "imdb_votes", "content_rating")
CHANGE_NAMES = {
    "title": "title_changed",
    "year": "year_changed",
    "runtime_minutes": "runtime_changed",
    "imdb_rating": "rating_changed",
    "imdb_votes": "votes_changed",
    "content_rating": "content_rating_changed",
}
FILM_COLUMNS = TRACKED + ("synopsis", "title_raw", "year_raw", "runtime_raw", "imdb_rating_raw")


def _change(db, run_id, film_id, change, now, field=None, old=None, new=None, offer=None, page_url=None):
    db.execute(
        "INSERT INTO changes (run_id, film_id, change, field, old_value, new_value, provider, "
        "offer_type, page_url, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            run_id, film_id, change, field,
            None if old is None else str(old), None if new is None else str(new),
            offer.get("provider") if offer else None, offer.get("offer_type") if offer else None,
            page_url, now,
        ],
    )


def save_film(db, film: FilmItem, run_id: int | None, now: str | None = None) -> int:
    """Insert or merge one film (same title key and year = same film) with its
    people, credits, genres and offers; record what changed. Returns the film id."""
    now = now or utcnow()
    key = title_key(film.title)
    existing = find_film(db, key, film.year)
    values = {col: getattr(film, col) for col in FILM_COLUMNS}
    sources = dict(film.sources)
    if existing is None:
        cur = db.execute(
            f"INSERT INTO films ({', '.join(FILM_COLUMNS)}, title_key, sources, first_seen, last_seen, "
            f"first_run_id, last_run_id) VALUES ({', '.join('?' * len(FILM_COLUMNS))}, ?, ?, ?, ?, ?, ?)",
            [values[c] for c in FILM_COLUMNS] + [key, json.dumps(sources), now, now, run_id, run_id],
        )
        film_id = cur.lastrowid
        _change(db, run_id, film_id, "film_added", now, new=film.title, page_url=film.url)
    else:
        film_id = existing["id"]
        updates = {}
        for col in FILM_COLUMNS:
            new = values[col]
            if new is None or new == existing[col]:
                continue
            updates[col] = new
            if col in TRACKED and existing[col] is not None:
                _change(db, run_id, film_id, CHANGE_NAMES[col], now, col, existing[col], new,
                        page_url=film.url)
        merged_sources = json.loads(existing["sources"] or "{}")
        merged_sources.update({k: v for k, v in sources.items() if k in updates or k not in merged_sources})
        updates.update(sources=json.dumps(merged_sources), last_seen=now, last_run_id=run_id)
        if "title" in updates:
            updates["title_key"] = title_key(updates["title"])
        assignments = ", ".join(f"{col} = ?" for col in updates)
        db.execute(f"UPDATE films SET {assignments} WHERE id = ?", [*updates.values(), film_id])
    _save_genres(db, film_id, film.genres)
    _save_credits(db, film_id, film.credits)
    _save_offers(db, film_id, film, run_id, now)
    _index_film(db, film_id)
    return film_id


def _id_for(db, table: str, name: str) -> int:
    row = db.execute(f"SELECT id FROM {table} WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    return db.execute(f"INSERT INTO {table} (name) VALUES (?)", [name]).lastrowid


def _save_genres(db, film_id: int, genres) -> None:
    for name in genres:
        db.execute(
            "INSERT OR IGNORE INTO film_genres (film_id, genre_id) VALUES (?, ?)",
            [film_id, _id_for(db, "genres", name)],
        )


def _save_credits(db, film_id: int, credits) -> None:
    for credit in credits:
        db.execute(
            """INSERT INTO credits (film_id, person_id, role, character, position, source)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(film_id, person_id, role) DO UPDATE SET
                 character = COALESCE(credits.character, excluded.character),
                 position = MIN(COALESCE(credits.position, excluded.position), excluded.position)""",
            [film_id, _id_for(db, "people", credit.name), credit.role, credit.character,
             credit.position, credit.source],
        )


def offer_key(film_id: int, page_url: str, offer) -> str:
    return "|".join(
        str(part or "")
        for part in (film_id, page_url, offer.provider, offer.offer_type, offer.quality, offer.region)
    )


def _save_offers(db, film_id: int, film: FilmItem, run_id, now) -> None:
    seen = set()
    for offer in film.offers:
        key = offer_key(film_id, film.url, offer)
        if key in seen:
            continue
        seen.add(key)
        row = db.execute(
            "SELECT id, price, currency, active FROM offers WHERE offer_key = ?", [key]
        ).fetchone()
        as_dict = {"provider": offer.provider, "offer_type": offer.offer_type}
        if row is None:
            db.execute(
                """INSERT INTO offers (film_id, provider, offer_type, price, currency, quality, region,
                     url, first_seen, last_seen, page_url, offer_key, active, price_raw, provider_raw,
                     source, first_run_id, last_run_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""",
                [film_id, offer.provider, offer.offer_type, offer.price, offer.currency, offer.quality,
                 offer.region, offer.url, now, now, film.url, key, offer.price_raw, offer.provider_raw,
                 offer.source, run_id, run_id],
            )
            _change(db, run_id, film_id, "offer_added", now, "price", None, offer.price,
                    offer=as_dict, page_url=film.url)
            continue
        offer_id, old_price, old_currency, active = row
        if not active:
            _change(db, run_id, film_id, "offer_added", now, "price", None, offer.price,
                    offer=as_dict, page_url=film.url)
        elif old_price != offer.price:
            _change(db, run_id, film_id, "offer_changed", now, "price", old_price, offer.price,
                    offer=as_dict, page_url=film.url)
        db.execute(
            "UPDATE offers SET price = ?, currency = ?, url = COALESCE(?, url), last_seen = ?, "
            "last_run_id = ?, active = 1, price_raw = ? WHERE id = ?",
            [offer.price, offer.currency, offer.url, now, run_id, offer.price_raw, offer_id],
        )
    _close_offers(db, film_id, film.url, seen, run_id, now)


def _close_offers(db, film_id: int, page_url: str, keep: set, run_id, now) -> None:
    """Offers a page no longer shows are closed (``active = 0``), never deleted:
    ``last_seen`` stays at the run that last saw them."""
    for offer_id, key, provider, otype, price in db.execute(
        "SELECT id, offer_key, provider, offer_type, price FROM offers "
        "WHERE film_id = ? AND page_url = ? AND active = 1",
        [film_id, page_url],
    ).fetchall():
        if key in keep:
            continue
        db.execute("UPDATE offers SET active = 0 WHERE id = ?", [offer_id])
        _change(db, run_id, film_id, "offer_removed", now, "price", price, None,
                offer={"provider": provider, "offer_type": otype}, page_url=page_url)


def _index_film(db, film_id: int) -> None:
    """Keep the full-text index row of a film in step with its tables."""
    # The index row's rowid is the film id: deleting by rowid is a lookup, where
    # deleting by the UNINDEXED film_id column would scan the whole index per film.
    db.execute("DELETE FROM film_search WHERE rowid = ?", [film_id])
    db.execute(
        """INSERT INTO film_search (rowid, title, synopsis, people, film_id)
           SELECT f.id, f.title, f.synopsis,
                  (SELECT group_concat(p.name, ' ') FROM credits c JOIN people p ON p.id = c.person_id
                    WHERE c.film_id = f.id),
                  f.id
           FROM films f WHERE f.id = ?""",
        [film_id],
    )
