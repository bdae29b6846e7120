"""``eval``: extraction precision and recall per field against a corpus with truth files."""

from __future__ import annotations

import json
import os

from filmcrawl.cli import UserError
from filmcrawl.evaluate import evaluate

DEFAULT_CORPUS = "tests/fixtures"


def _eval(args) -> int:
    if not os.path.isdir(args.corpus):
        raise UserError(f"no corpus folder at {args.corpus}")
    report = evaluate(args.corpus)
    if report.pages == 0:
        raise UserError(f"no pages with truth files under {args.corpus}")
    if args.json:
        print(json.dumps({
            "pages": report.pages,
            "false_films": report.false_films,
            "fields": {f: {"precision": s.precision, "recall": s.recall, "predicted": s.predicted,
                           "true": s.true} for f, s in report.scores.items()},
            "overall": {"precision": report.overall().precision, "recall": report.overall().recall},
        }, indent=2))
    else:
        print(report.table())
        if args.misses:
            print("\nmisses (page, field, got, expected):")
            for miss in report.misses:
                print("  " + " | ".join(str(x) for x in miss))
    overall = report.overall()
    ok = overall.precision >= args.min_precision and overall.recall >= args.min_recall
    return 0 if ok and not report.false_films else 1


def register(subparsers):
    p = subparsers.add_parser("eval", help="measure extraction accuracy on a corpus of saved pages")
    p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, help=f"default: {DEFAULT_CORPUS}")
    p.add_argument("--misses", action="store_true", help="list every wrong or missing value")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--min-precision", type=float, default=0.97)
    p.add_argument("--min-recall", type=float, default=0.95)
    p.set_defaults(func=_eval)
