"""Querying the database: ``search``, ``film``, ``films``, ``person``, ``stats`` and ``query``.

Every command opens the database read-only (:func:`filmcrawl.output.open_readonly`),
prints an aligned table by default and ``--json`` / ``--csv`` for programs. Lookups
that find nothing end with one line on stderr (with close matches when there are
any) and exit code 1; listings that find nothing exit 0.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import json
import re
import sqlite3
import sys
import textwrap

from filmcrawl.cli import UserError, add_db_argument
from filmcrawl.output import add_format_arguments, open_readonly, print_rows
from filmcrawl.store import TABLES, title_key

OFFER_TYPES = ["subscription", "free", "ads", "rent", "buy"]
SORTS = {
    "rating": "f.imdb_rating IS NULL, f.imdb_rating DESC, f.imdb_votes IS NULL, f.imdb_votes DESC, "
              "f.title_key, f.year",
    "year": "f.year IS NULL, f.year DESC, f.title_key",
    "title": "f.title_key, f.year",
}
RATING_BUCKETS = [("0-5", 0, 5), ("5-6", 5, 6), ("6-7", 6, 7), ("7-8", 7, 8), ("8-9", 8, 9), ("9-10", 9, 10.0001)]
ROLE_ORDER = "CASE c.role WHEN 'director' THEN 0 WHEN 'writer' THEN 1 ELSE 2 END"
WRAP = 78

# Genres and current providers of film ``f``, in alphabetical order.
GENRES_SQL = ("(SELECT group_concat(name, ', ') FROM (SELECT g.name FROM film_genres fg "
              "JOIN genres g ON g.id = fg.genre_id WHERE fg.film_id = f.id ORDER BY g.name))")
PROVIDERS_SQL = ("(SELECT group_concat(provider, ', ') FROM (SELECT DISTINCT oc.provider FROM offers_current oc "
                 "WHERE oc.film_id = f.id ORDER BY oc.provider COLLATE NOCASE))")

# An offer is current when offers_current lists it; this is the same test, per offer row.
# "Current" is what the store's offers_current view says it is (one definition).
OFFER_IS_CURRENT = "(o.id IN (SELECT offer_id FROM offers_current))"


# -- helpers -------------------------------------------------------------------


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _rating(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"an IMDb rating is 0 to 10, not {text}")
    return value


def _open(args) -> sqlite3.Connection:
    return open_readonly(args.db)


def _film_count(conn) -> int:
    return conn.execute("SELECT count(*) FROM films").fetchone()[0]


def _nothing(args, columns: list[str], message: str) -> int:
    """A listing that found nothing: a line for people, an empty result for programs. Exit 0."""
    if args.fmt == "table":
        print(message)
    else:
        print_rows([], columns, args.fmt)
        print(f"filmcrawl: {message}", file=sys.stderr)
    return 0


def _label(title, year) -> str:
    return f"{title} ({year})" if year else str(title)


def _suggest(wanted: str, candidates: dict[str, list[str]], n: int = 3) -> list[str]:
    """Labels of the candidates whose key is close to ``wanted``'s key: words contained
    first (a surname finds the person), then difflib's close matches."""
    key = title_key(wanted)
    if not key:
        return []
    found: list[str] = []
    padded = f" {key} "
    for cand in candidates:
        if padded in f" {cand} " and cand != key:
            found.append(cand)
    for cand in difflib.get_close_matches(key, list(candidates), n=n, cutoff=0.6):
        if cand not in found:
            found.append(cand)
    labels: list[str] = []
    for cand in found:
        for label in candidates[cand]:
            if label not in labels:
                labels.append(label)
    return labels[:n]


def _did_you_mean(labels: list[str]) -> str:
    return f"; did you mean: {', '.join(labels)}?" if labels else ""


def _people_keys(conn) -> dict[str, list[tuple[int, str]]]:
    keys: dict[str, list[tuple[int, str]]] = {}
    for pid, name in conn.execute("SELECT id, name FROM people ORDER BY name"):
        if name:
            keys.setdefault(title_key(name), []).append((pid, name))
    return keys


# -- search --------------------------------------------------------------------

_TERM_RE = re.compile(r'"([^"]*)"|(\S+)')
_WORD_RE = re.compile(r"\w", re.UNICODE)


def fts_query(text: str) -> str | None:
    """User text as a safe FTS5 MATCH expression: every term (or "quoted phrase") becomes a
    quoted FTS5 string, so operators and punctuation are plain text; terms are ANDed;
    the last bare word matches as a prefix too. None when nothing searchable is left."""
    terms: list[tuple[str, bool]] = []
    for phrase, word in _TERM_RE.findall(text):
        term = phrase if phrase else word
        term = term.replace('"', " ").strip()
        if term and _WORD_RE.search(term):
            terms.append((term, bool(word)))
    if not terms:
        return None
    parts = ['"' + term + '"' for term, _ in terms]
    last, bare = terms[-1]
    if bare and len(last) >= 2 and _WORD_RE.search(last[-1]):
        parts[-1] += " *"
    return " ".join(parts)


SEARCH_COLUMNS = ["title", "year", "imdb_rating", "genres"]


def _search(args) -> int:
    conn = _open(args)
    match = fts_query(args.text)
    if match is None:
        raise UserError(f"nothing to search for in {args.text!r}: give a word of a title, synopsis or name")
    if not _film_count(conn):
        return _nothing(args, SEARCH_COLUMNS, f"no films yet in {args.db} (crawl first)")
    try:
        rows = conn.execute(
            f"""SELECT f.title, f.year, f.imdb_rating, {GENRES_SQL} AS genres
               FROM film_search s JOIN films f ON f.id = s.film_id
               WHERE film_search MATCH ?
               ORDER BY bm25(film_search, 10.0, 1.0, 4.0), f.imdb_votes DESC, f.title_key
               LIMIT ?""",
            [match, args.limit],
        ).fetchall()
    except sqlite3.OperationalError as exc:  # should not happen: every term is quoted
        raise UserError(f"cannot search for {args.text!r}: {exc}") from None
    if not rows:
        return _nothing(args, SEARCH_COLUMNS, f"no films match {args.text!r}")
    print_rows(rows, SEARCH_COLUMNS, args.fmt)
    return 0


# -- film ----------------------------------------------------------------------


def _find_film(conn, title: str, year: int | None, db: str) -> sqlite3.Row:
    if not _film_count(conn):
        raise UserError(f"no films yet in {db} (crawl first)", code=1)
    key = title_key(title)
    rows = conn.execute(
        "SELECT * FROM films WHERE title_key = ? ORDER BY year IS NULL, year, id", [key]
    ).fetchall()
    if not rows:
        candidates: dict[str, list[str]] = {}
        for t, y, k in conn.execute("SELECT title, year, title_key FROM films ORDER BY year, id"):
            candidates.setdefault(k or title_key(t), []).append(_label(t, y))
        raise UserError(f"no film titled {title!r}{_did_you_mean(_suggest(title, candidates))}", code=1)
    if year is not None:
        matching = [r for r in rows if r["year"] == year]
        if not matching:
            others = ", ".join(_label(r["title"], r["year"]) for r in rows)
            raise UserError(f"no film titled {title!r} from {year}; there is: {others}", code=1)
        rows = matching
    if len(rows) > 1:
        listed = ", ".join(_label(r["title"], r["year"]) for r in rows)
        raise UserError(f"{len(rows)} films titled {title!r}: {listed}; pass --year to choose", code=1)
    return rows[0]


def film_record(conn, film: sqlite3.Row) -> dict:
    """One film with everything the database knows about it, as plain data."""
    fid = film["id"]

    def names(role):
        return [r[0] for r in conn.execute(
            "SELECT p.name FROM credits c JOIN people p ON p.id = c.person_id "
            "WHERE c.film_id = ? AND c.role = ? ORDER BY c.position IS NULL, c.position, p.name",
            [fid, role])]

    record = {k: film[k] for k in ("id", "title", "year", "runtime_minutes", "imdb_rating", "imdb_votes",
                                    "content_rating", "synopsis", "first_seen", "last_seen")}
    record["genres"] = [r[0] for r in conn.execute(
        "SELECT g.name FROM film_genres fg JOIN genres g ON g.id = fg.genre_id WHERE fg.film_id = ? "
        "ORDER BY g.name", [fid])]
    record["directors"] = names("director")
    record["writers"] = names("writer")
    record["cast"] = [dict(r) for r in conn.execute(
        "SELECT c.position, p.name, c.character FROM credits c JOIN people p ON p.id = c.person_id "
        "WHERE c.film_id = ? AND c.role = 'cast' ORDER BY c.position IS NULL, c.position, p.name", [fid])]
    record["offers"] = [
        dict(r, current=bool(r["current"])) for r in conn.execute(
            f"""SELECT o.provider, o.offer_type, o.price, o.currency, o.quality, o.region,
                       CASE WHEN {OFFER_IS_CURRENT} THEN 'current'
                            WHEN o.active = 1 THEN 'closed (page ' || p.http_status || ')'
                            ELSE 'closed' END AS status,
                       {OFFER_IS_CURRENT} AS current,
                       o.first_seen, o.last_seen, o.url, o.page_url, o.source
                FROM offers o LEFT JOIN pages p ON p.url = o.page_url
                WHERE o.film_id = ?
                ORDER BY o.provider COLLATE NOCASE, NOT {OFFER_IS_CURRENT},
                         CASE o.offer_type WHEN 'free' THEN 0 WHEN 'ads' THEN 1 WHEN 'subscription' THEN 2
                                           WHEN 'rent' THEN 3 WHEN 'buy' THEN 4 ELSE 5 END,
                         o.price, o.quality""",
            [fid])
    ]
    record["pages"] = [dict(r) for r in conn.execute(
        "SELECT url, kind, http_status, first_seen, last_seen, fetched_at, last_changed, run_id "
        "FROM pages WHERE film_id = ? ORDER BY first_seen, url", [fid])]
    try:
        sources = json.loads(film["sources"] or "{}")
    except (TypeError, ValueError):
        sources = {}
    record["sources"] = sources if isinstance(sources, dict) else {}
    return record


LISTED_FACTS = [("content rating", "content_rating"), ("genres", "genres"), ("directors", "directors"), ("writers", "writers"),
              ("first seen", "first_seen"), ("last seen", "last_seen")]


def _print_film(rec: dict, out=None) -> None:
    out = out or sys.stdout
    w = out.write
    w(f"{_label(rec['title'], rec['year'])}\n")
    facts = []
    if rec["runtime_minutes"]:
        facts.append(("runtime", f"{rec['runtime_minutes']} min"))
    if rec["imdb_rating"] is not None:
        votes = f" ({rec['imdb_votes']:,} votes)" if rec["imdb_votes"] else ""
        facts.append(("IMDb rating", f"{rec['imdb_rating']:g}{votes}"))
    for label, key in LISTED_FACTS:
        value = rec[key]
        if isinstance(value, list):
            value = ", ".join(value)
        if value:
            facts.append((label, str(value)))
    width = max(len(label) for label, _ in facts) if facts else 0
    for label, value in facts:
        w(f"  {label.ljust(width)}  {value}\n")
    if rec["synopsis"]:
        w("\nSynopsis\n")
        for para in str(rec["synopsis"]).split("\n"):
            if para.strip():
                w(textwrap.fill(para.strip(), WRAP, initial_indent="  ", subsequent_indent="  ") + "\n")
    sections = [
        ("Cast", rec["cast"], ["position", "name", "character"]),
        ("Offers", rec["offers"], ["provider", "offer_type", "price", "currency", "quality", "region",
                                   "status", "first_seen", "last_seen"]),
        ("Pages", rec["pages"], ["url", "kind", "http_status", "first_seen", "last_seen", "fetched_at"]),
        ("Sources", [{"field": k, "source": v} for k, v in sorted(rec["sources"].items())], ["field", "source"]),
    ]
    for heading, rows, columns in sections:
        w(f"\n{heading}\n")
        if not rows:
            w("  (none)\n")
            continue
        buf = io.StringIO()
        print_rows(rows, columns, "table", out=buf, max_width=60)
        w("".join("  " + line + "\n" for line in buf.getvalue().splitlines()))


FILM_CSV_COLUMNS = ["id", "title", "year", "runtime_minutes", "imdb_rating", "imdb_votes", "content_rating",
                    "genres", "directors", "writers", "cast", "providers", "synopsis", "first_seen", "last_seen"]


def _film(args) -> int:
    conn = _open(args)
    rec = film_record(conn, _find_film(conn, args.title, args.year, args.db))
    if args.fmt == "json":
        json.dump(rec, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.fmt == "csv":
        flat = dict(rec)
        for key in ("genres", "directors", "writers"):
            flat[key] = "; ".join(rec[key])
        flat["cast"] = "; ".join(
            c["name"] + (f" as {c['character']}" if c["character"] else "") for c in rec["cast"])
        flat["providers"] = "; ".join(sorted({
            f"{o['provider']} ({o['offer_type']})" for o in rec["offers"] if o["current"]}))
        writer = csv.DictWriter(sys.stdout, FILM_CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerow(flat)
    else:
        _print_film(rec)
    return 0


# -- films ---------------------------------------------------------------------

FILMS_COLUMNS = ["title", "year", "imdb_rating", "runtime_minutes", "genres", "providers"]


def _genre_filter(conn, text: str) -> str:
    from filmcrawl.normalize import CANONICAL_GENRES, canonical_genre

    name = canonical_genre(text) or text.strip()
    known = [r[0] for r in conn.execute("SELECT name FROM genres ORDER BY name")]
    for have in known:
        if have.casefold() == name.casefold():
            return have
    if name in CANONICAL_GENRES:
        return name
    listed = ", ".join(known) if known else "none yet"
    raise UserError(f"unknown genre {text!r} (genres in the database: {listed})")


def _provider_filter(conn, text: str) -> str:
    from filmcrawl.normalize import canonical_provider

    name = canonical_provider(text) or text.strip()
    known = [r[0] for r in conn.execute("SELECT DISTINCT provider FROM offers WHERE provider IS NOT NULL "
                                        "ORDER BY provider COLLATE NOCASE")]
    for have in known:
        if have.casefold() == name.casefold():
            return have
    key = title_key(name)
    within = [k for k in known if key and f" {key} " in f" {title_key(k)} "]
    if len(within) == 1:  # "pluto" is Pluto TV
        return within[0]
    if within:
        raise UserError(f"provider {text!r} could be: {', '.join(within)}")
    candidates = {title_key(k): [k] for k in known}
    hint = _did_you_mean(_suggest(name, candidates)) or f" (providers: {', '.join(known) or 'none yet'})"
    raise UserError(f"no offers from provider {text!r}{hint}")


def _person_ids(conn, name: str) -> list[int]:
    """People named ``name`` (case and accents aside); failing that, whose name contains
    it as whole words ("Pacino"). A one-line error with suggestions when nobody matches."""
    keys = _people_keys(conn)
    key = title_key(name)
    if key in keys:
        return [pid for pid, _ in keys[key]]
    padded = f" {key} "
    ids = [pid for k, people in keys.items() if key and padded in f" {k} " for pid, _ in people]
    if ids:
        return ids
    candidates = {k: [n for _, n in people] for k, people in keys.items()}
    raise UserError(f"no person named {name!r}{_did_you_mean(_suggest(name, candidates))}", code=1)


def _films(args) -> int:
    if args.year_from is not None and args.year_to is not None and args.year_from > args.year_to:
        raise UserError(f"--year-from {args.year_from} is after --year-to {args.year_to}")
    conn = _open(args)
    if not _film_count(conn):
        return _nothing(args, FILMS_COLUMNS, f"no films yet in {args.db} (crawl first)")
    where, params = [], []
    if args.genre:
        where.append("f.id IN (SELECT fg.film_id FROM film_genres fg JOIN genres g ON g.id = fg.genre_id "
                     "WHERE g.name = ? COLLATE NOCASE)")
        params.append(_genre_filter(conn, args.genre))
    if args.provider or args.offer_type:
        cond, sub = [], []
        if args.provider:
            cond.append("oc.provider = ? COLLATE NOCASE")
            sub.append(_provider_filter(conn, args.provider))
        if args.offer_type:
            cond.append("oc.offer_type = ?")
            sub.append(args.offer_type)
        where.append(f"f.id IN (SELECT oc.film_id FROM offers_current oc WHERE {' AND '.join(cond)})")
        params += sub
    if args.year_from is not None:
        where.append("f.year >= ?")
        params.append(args.year_from)
    if args.year_to is not None:
        where.append("f.year <= ?")
        params.append(args.year_to)
    if args.min_rating is not None:
        where.append("f.imdb_rating >= ?")
        params.append(args.min_rating)
    if args.person:
        ids = _person_ids(conn, args.person)
        where.append(f"f.id IN (SELECT film_id FROM credits WHERE person_id IN ({', '.join('?' * len(ids))}))")
        params += ids
    rows = conn.execute(
        f"""SELECT f.title, f.year, f.imdb_rating, f.runtime_minutes, {GENRES_SQL} AS genres,
                   {PROVIDERS_SQL} AS providers
            FROM films f
            WHERE {' AND '.join(where) or '1 = 1'}
            ORDER BY {SORTS[args.sort]} LIMIT ?""",
        [*params, args.limit],
    ).fetchall()
    if not rows:
        return _nothing(args, FILMS_COLUMNS, "no films match these filters")
    print_rows(rows, FILMS_COLUMNS, args.fmt)
    return 0


# -- person --------------------------------------------------------------------

PERSON_COLUMNS = ["year", "title", "role", "character", "imdb_rating"]


def _person(args) -> int:
    conn = _open(args)
    keys = _people_keys(conn)
    if not keys:
        raise UserError(f"no people yet in {args.db} (crawl first)", code=1)
    key = title_key(args.name)
    if key not in keys:
        candidates = {k: [n for _, n in people] for k, people in keys.items()}
        raise UserError(f"no person named {args.name!r}{_did_you_mean(_suggest(args.name, candidates))}", code=1)
    people = keys[key]
    rows = conn.execute(
        f"""SELECT p.name AS person, f.year, f.title, c.role, c.character, f.imdb_rating
            FROM credits c JOIN people p ON p.id = c.person_id JOIN films f ON f.id = c.film_id
            WHERE c.person_id IN ({', '.join('?' * len(people))})
            ORDER BY f.year IS NULL, f.year DESC, f.title_key, f.id, {ROLE_ORDER}""",
        [pid for pid, _ in people],
    ).fetchall()
    if args.fmt != "table":
        print_rows(rows, ["person", *PERSON_COLUMNS], args.fmt)
        return 0
    names = " / ".join(name for _, name in people)
    films = len({(r["title"], r["year"]) for r in rows})
    print(f"{names}: {len(rows)} credit{'s' * (len(rows) != 1)} in {films} film{'s' * (films != 1)}")
    if rows:
        print_rows(rows, PERSON_COLUMNS, "table")
    return 0


# -- stats ---------------------------------------------------------------------


def stats(conn) -> dict:
    counts = {}
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    for table in TABLES:
        if table in have:
            counts[table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    if "offers_current" in have:
        counts["offers_current"] = conn.execute("SELECT count(*) FROM offers_current").fetchone()[0]
    genres = [dict(r) for r in conn.execute(
        "SELECT g.name AS genre, count(DISTINCT fg.film_id) AS films FROM genres g "
        "JOIN film_genres fg ON fg.genre_id = g.id GROUP BY g.id ORDER BY films DESC, g.name")]
    providers = [dict(r) for r in conn.execute(
        "SELECT provider, count(DISTINCT film_id) AS films, count(*) AS offers FROM offers_current "
        "GROUP BY provider ORDER BY films DESC, provider COLLATE NOCASE")]
    decades = [dict(r) for r in conn.execute(
        "SELECT CASE WHEN year IS NULL THEN 'unknown' ELSE (year / 10 * 10) || 's' END AS decade, "
        "count(*) AS films FROM films GROUP BY 1 ORDER BY year IS NULL, 1")]
    ratings = []
    for label, low, high in RATING_BUCKETS:
        n = conn.execute("SELECT count(*) FROM films WHERE imdb_rating >= ? AND imdb_rating < ?",
                         [low, high]).fetchone()[0]
        ratings.append({"rating": label, "films": n})
    ratings.append({"rating": "none", "films": conn.execute(
        "SELECT count(*) FROM films WHERE imdb_rating IS NULL").fetchone()[0]})
    runs = [dict(r) for r in conn.execute(
        "SELECT id, spider, status, started_at, finished_at, pages_crawled, items_stored, errors "
        "FROM crawl_runs ORDER BY id DESC LIMIT 5")]
    return {"counts": counts, "genres": genres, "providers": providers, "decades": decades,
            "ratings": ratings, "runs": runs}


def _stats(args) -> int:
    conn = _open(args)
    data = stats(conn)
    if args.fmt == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if args.fmt == "csv":  # one long table; runs are in `runs --csv`
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["section", "name", "count"])
        for table, n in data["counts"].items():
            writer.writerow(["table", table, n])
        for section, key in (("genre", "genre"), ("provider", "provider"), ("decade", "decade"),
                             ("rating", "rating")):
            for row in data[section + "s"]:
                writer.writerow([section, row[key], row["films"]])
        return 0
    if not data["counts"].get("films"):
        print(f"no films yet in {args.db} (crawl first)\n")
    sections = [
        ("Rows per table", [{"table": k, "rows": v} for k, v in data["counts"].items()], ["table", "rows"]),
        ("Films per genre", data["genres"], ["genre", "films"]),
        ("Films per provider (current offers)", data["providers"], ["provider", "films", "offers"]),
        ("Films per decade", data["decades"], ["decade", "films"]),
        ("IMDb ratings", data["ratings"], ["rating", "films"]),
        ("Last runs", data["runs"], ["id", "spider", "status", "started_at", "finished_at", "pages_crawled",
                                     "items_stored", "errors"]),
    ]
    for i, (heading, rows, columns) in enumerate(sections):
        print(("\n" if i else "") + heading)
        print_rows(rows, columns, "table")
    return 0


# -- query ---------------------------------------------------------------------


def _deny_attach(action, *_):
    return sqlite3.SQLITE_DENY if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH) else sqlite3.SQLITE_OK


def _plain(value):
    return value.hex() if isinstance(value, (bytes, bytearray, memoryview)) else value


def _query(args) -> int:
    params = {}
    for item in args.param or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UserError(f"--param takes NAME=VALUE, not {item!r}")
        params[name] = value
    if not args.sql.strip():
        raise UserError("query failed: no SQL given")
    conn = _open(args)
    conn.execute("PRAGMA query_only = ON")
    conn.set_authorizer(_deny_attach)
    try:
        cur = conn.execute(args.sql, params)
        rows = cur.fetchall()
    except sqlite3.Error as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "readonly" in message or "read-only" in message or "query_only" in message:
            raise UserError(f"query refused: {message}", code=3) from None
        if "not authorized" in message:
            raise UserError(f"query refused: {message} (ATTACH is not allowed)", code=3) from None
        raise UserError(f"query failed: {message}", code=2) from None
    columns = [d[0] for d in cur.description or []]
    print_rows([{c: _plain(v) for c, v in zip(columns, r)} for r in rows], columns, args.fmt)
    return 0


# -- registration --------------------------------------------------------------


def register(subparsers):
    p = subparsers.add_parser("search", help="full-text search over titles, synopses and people",
                              description="Full-text search (SQLite FTS5) over titles, synopses and "
                              "people, best matches first; titles count most. Words are matched "
                              "whole, the last one also as a prefix; \"quoted words\" as a phrase.")
    p.add_argument("text", help="words to look for, e.g. 'heist pacino'")
    p.add_argument("--limit", type=_positive_int, default=20, help="at most N films (default 20)")
    add_db_argument(p)
    add_format_arguments(p)
    p.set_defaults(func=_search)

    p = subparsers.add_parser("film", help="everything known about one film",
                              description="One film's whole record: facts, genres, people, offers "
                              "(current and closed), the pages it came from and which page family "
                              "gave each field. Titles match ignoring case, accents and a leading article.")
    p.add_argument("title")
    p.add_argument("--year", type=int, help="choose among films of the same title")
    add_db_argument(p)
    add_format_arguments(p)
    p.set_defaults(func=_film)

    p = subparsers.add_parser("films", help="list films by genre, provider, year, rating, person",
                              description="List films. Filters combine (AND); genre and provider "
                              "names accept aliases ('sci-fi', 'prime'); provider and offer type "
                              "look at current offers only.")
    p.add_argument("--genre", metavar="G", help="a genre or alias, e.g. 'Sci-Fi'")
    p.add_argument("--provider", metavar="P", help="a provider or alias, e.g. 'Prime Video'")
    p.add_argument("--offer-type", choices=OFFER_TYPES, help="only films with an offer of this type")
    p.add_argument("--year-from", type=int, metavar="Y")
    p.add_argument("--year-to", type=int, metavar="Y")
    p.add_argument("--min-rating", type=_rating, metavar="R", help="IMDb rating at least R (0-10)")
    p.add_argument("--person", metavar="NAME", help="with this person in the credits (a surname will do)")
    p.add_argument("--sort", choices=sorted(SORTS), default="rating", help="order (default: rating)")
    p.add_argument("--limit", type=_positive_int, default=100, help="at most N films (default 100)")
    add_db_argument(p)
    add_format_arguments(p)
    p.set_defaults(func=_films)

    p = subparsers.add_parser("person", help="one person's films and roles, newest first")
    p.add_argument("name")
    add_db_argument(p)
    add_format_arguments(p)
    p.set_defaults(func=_person)

    p = subparsers.add_parser("stats", help="what the database holds: counts, genres, providers, decades, "
                              "ratings, recent runs")
    add_db_argument(p)
    add_format_arguments(p)
    p.set_defaults(func=_stats)

    p = subparsers.add_parser("query", help="run one read-only SQL statement",
                              description="Run one SQL statement on the database opened read-only "
                              "(writes are refused). Tables: films, people, credits, genres, "
                              "film_genres, offers, pages, crawl_runs, rejects, changes; views: "
                              "film_overview, offers_current; full-text: film_search.")
    p.add_argument("sql", help="e.g. \"SELECT title, year FROM films ORDER BY imdb_rating DESC LIMIT 5\"")
    p.add_argument("--param", action="append", metavar="NAME=VALUE", help="bind :NAME (repeatable)")
    add_db_argument(p)
    add_format_arguments(p)
    p.set_defaults(func=_query)
