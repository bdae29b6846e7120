"""``python -m filmcrawl``: the project's own command line.

Each command lives in a module of :mod:`filmcrawl.commands` that has
``register(subparsers)``; the function it sets as ``func`` gets the parsed arguments
and returns the exit code. Errors a user can cause end as one line on stderr and a
non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys

COMMANDS = [
    "filmcrawl.commands.crawl",
    "filmcrawl.commands.demo",
    "filmcrawl.commands.distributed",
    "filmcrawl.commands.evaluation",
    "filmcrawl.commands.history",
    "filmcrawl.commands.parse",
    "filmcrawl.commands.query",
]

DEFAULT_DB = "output/films.db"


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code ``code``."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m filmcrawl",
        description="filmcrawl: crawl 'where to watch' film sites into one SQLite database, and query it.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def add_db_argument(parser, default: str = DEFAULT_DB) -> None:
    parser.add_argument("--db", default=default, help=f"the SQLite file (default: {default})")


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"filmcrawl: {exc}", file=sys.stderr)
        return exc.code
    except sqlite3.Error as exc:
        print(f"filmcrawl: database error: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
