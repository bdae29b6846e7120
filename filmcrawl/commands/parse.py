"""``parse``: run the extraction on one saved page and print what it finds."""

from __future__ import annotations

import json
import os
from dataclasses import asdict

from scrapy.http import HtmlResponse

from filmcrawl.cli import UserError
from filmcrawl.extract import extract
from filmcrawl.pipelines import normalize_film, validate_film


def parse_file(path: str, url: str | None = None) -> dict:
    """Extract and normalize a saved page exactly as a crawl would."""
    with open(path, "rb") as fh:
        body = fh.read()
    url = url or "http://fixture.test/" + os.path.basename(path)
    response = HtmlResponse(url=url, body=body)
    result = extract(response.selector, url)
    out = {"kind": result.kind, "families": list(result.families), "film": None}
    if result.film is not None:
        normalize_film(result.film)
        out["film"] = asdict(result.film)
        problem = result.reason or (validate_film(result.film) or (None,))[0]
        if problem:
            out["reject"] = problem
    return out


def _parse(args) -> int:
    if not os.path.isfile(args.file):
        raise UserError(f"no such file: {args.file}")
    print(json.dumps(parse_file(args.file, args.url), indent=2, ensure_ascii=False, default=str))
    return 0


def register(subparsers):
    p = subparsers.add_parser("parse", help="extract one saved HTML page and print the result as JSON")
    p.add_argument("file", help="a saved page, e.g. tests/fixtures/prose/leaving-metropolis.html")
    p.add_argument("--url", help="the URL the page was served at (default: a made-up one)")
    p.set_defaults(func=_parse)
