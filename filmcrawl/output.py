"""Printing rows for people (aligned tables) and for programs (--json, --csv)."""

from __future__ import annotations

import csv
import json
import sqlite3
import sys

from filmcrawl.cli import UserError


def add_format_arguments(parser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--json", dest="fmt", action="store_const", const="json", help="print JSON")
    group.add_argument("--csv", dest="fmt", action="store_const", const="csv", help="print CSV")
    parser.set_defaults(fmt="table")


def open_readonly(path: str) -> sqlite3.Connection:
    """The database opened read-only: a query can never change it."""
    import os

    if not os.path.isfile(path):
        raise UserError(f"no database at {path} (crawl first, or pass --db PATH)")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("SELECT count(*) FROM films").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise UserError(f"{path} is not a filmcrawl database ({exc})") from None
    return conn


def _cell(value, width=None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value).replace("\n", " ")
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def print_rows(rows, columns=None, fmt="table", out=None, max_width=48) -> None:
    out = out or sys.stdout
    rows = [dict(r) for r in rows]
    if columns is None:
        columns = list(rows[0].keys()) if rows else []
    if fmt == "json":
        json.dump([{c: r.get(c) for c in columns} for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    if not rows:
        out.write("(no rows)\n")
        return
    cells = [[_cell(r.get(c), max_width) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    numeric = [all(isinstance(r.get(c), (int, float)) or r.get(c) is None for r in rows) for c in columns]

    def line(values):
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)]
        return "  ".join(parts).rstrip() + "\n"

    out.write(line(columns))
    out.write(line(["-" * w for w in widths]))
    for row in cells:
        out.write(line(row))
