"""``runs`` and ``changes``: what the scheduled runs did, and what they changed."""

from __future__ import annotations

import re

from filmcrawl.cli import UserError, add_db_argument
from filmcrawl.output import add_format_arguments, open_readonly, print_rows

RUN_COLUMNS = ["id", "status", "started_at", "finished_at", "pages_crawled", "pages_unchanged",
               "items_stored", "rejects", "errors"]
CHANGE_COLUMNS = ["run_id", "at", "change", "title", "year", "provider", "offer_type", "old_value",
                  "new_value"]


def _runs(args) -> int:
    conn = open_readonly(args.db)
    rows = conn.execute(
        f"SELECT {', '.join(RUN_COLUMNS)} FROM crawl_runs ORDER BY id DESC LIMIT ?", [args.limit]
    ).fetchall()
    print_rows(rows, RUN_COLUMNS, args.fmt)
    return 0


def since_clause(conn, since: str | None) -> tuple[str, list]:
    """``--since`` as SQL: a run id means after that run; a date means from that day on."""
    if since is None:
        return "", []
    if since.isdigit():
        if not conn.execute("SELECT 1 FROM crawl_runs WHERE id = ?", [int(since)]).fetchone():
            raise UserError(f"no run {since} (see: python -m filmcrawl runs)")
        return " AND c.run_id > ?", [int(since)]
    if re.fullmatch(r"\d{4}-\d\d-\d\d([T ][\d:]+)?(Z|[+-]\d\d:\d\d)?", since):
        return " AND c.at >= ?", [since]
    raise UserError(f"--since takes a run id or a date (YYYY-MM-DD), not {since!r}")


def _changes(args) -> int:
    conn = open_readonly(args.db)
    where, params = since_clause(conn, args.since)
    if args.provider:
        where += " AND c.provider = ? COLLATE NOCASE"
        params.append(_canonical_provider(args.provider))
    if args.change:
        where += " AND c.change = ?"
        params.append(args.change)
    rows = conn.execute(
        f"""SELECT c.run_id, c.at, c.change, f.title, f.year, c.provider, c.offer_type,
                   c.old_value, c.new_value
            FROM changes c LEFT JOIN films f ON f.id = c.film_id
            WHERE 1 = 1 {where} ORDER BY c.id LIMIT ?""",
        [*params, args.limit],
    ).fetchall()
    print_rows(rows, CHANGE_COLUMNS, args.fmt)
    return 0


def _canonical_provider(name: str) -> str:
    from filmcrawl.normalize import canonical_provider

    return canonical_provider(name) or name


def register(subparsers):
    p = subparsers.add_parser("runs", help="recent crawl runs with their figures")
    p.add_argument("--limit", type=int, default=20)
    add_db_argument(p)
    add_format_arguments(p)
    p.set_defaults(func=_runs)

    p = subparsers.add_parser("changes", help="what runs changed: new films, offers, prices, ratings")
    p.add_argument("--since", metavar="RUN_ID|DATE", help="after this run, or from this date on")
    p.add_argument("--provider", metavar="NAME", help="only offers of this provider (aliases work)")
    p.add_argument("--change", help="only this kind: film_added, offer_added, offer_removed, "
                   "offer_changed, rating_changed, runtime_changed, title_changed")
    p.add_argument("--limit", type=int, default=200)
    add_db_argument(p)
    add_format_arguments(p)
    p.set_defaults(func=_changes)
