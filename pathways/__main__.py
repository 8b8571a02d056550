"""Command line over the same functions the pages use (answers built in :mod:`pathways.cli`); prints JSON.

    python -m pathways area "TS10 1AA" [--travel neighbours]
    python -m pathways local --area E06000003 --soc 5241 [--travel neighbours]
    python -m pathways routes --where "TS10 1AA" --age 16 --qualification level2 --english-maths \\
        --interest "Engineering and manufacturing" [--travel neighbours] [--limit 10]
    python -m pathways programme ST0005 [ST0006 ...]
    python -m pathways providers --where "FY1 1AA" --programme ST0005 [--travel neighbours]
    python -m pathways compare --where "FY1 1AA" --age 18 --qualification level3 --route ROUTE_ID [--route ROUTE_ID ...]

Unknown input exits with status 2 and a plain message on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys

from pathways import cli
from pathways.context import load_context
from pathways.errors import PathwaysError
from pathways.profile import QUALIFICATIONS
from pathways.vocab import DEFAULT_TRAVEL, TRAVEL

__all__ = ["main"]


def _learner(r: argparse.ArgumentParser) -> None:
    """The learner's details, shared by ``routes`` and ``compare``."""
    r.add_argument("--where", required=True)
    r.add_argument("--age", type=int, default=16)
    r.add_argument("--qualification", default="none", choices=QUALIFICATIONS)
    r.add_argument("--english-maths", action="store_true")
    r.add_argument("--ehcp", action="store_true")
    r.add_argument("--care-leaver", action="store_true")
    r.add_argument("--interest", action="append", default=[])
    r.add_argument("--travel", default=DEFAULT_TRAVEL, choices=TRAVEL)
    r.add_argument("--earn-while-learning", action="store_true")


def _params(args: argparse.Namespace) -> dict:
    return {
        "where": args.where,
        "age": str(args.age),
        "q": args.qualification,
        "em": str(args.english_maths),
        "ehcp": str(args.ehcp),
        "cl": str(args.care_leaver),
        "i": args.interest,
        "t": args.travel,
        "earn": str(args.earn_while_learning),
    }


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pathways", description="Pathway explorer, as JSON.")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("area", help="resolve a postcode or place and describe the area")
    a.add_argument("where")
    a.add_argument("--travel", default=DEFAULT_TRAVEL, choices=TRAVEL)
    lo = sub.add_parser("local", help="local figures for an occupation (SOC 2020 unit group)")
    lo.add_argument("--area", required=True, help="district code, postcode or place")
    lo.add_argument("--soc", required=True)
    lo.add_argument("--travel", default=DEFAULT_TRAVEL, choices=TRAVEL)
    r = sub.add_parser("routes", help="ranked routes for a learner")
    _learner(r)
    r.add_argument("--limit", type=int, default=10)
    c = sub.add_parser("compare", help="earnings to 30 for routes (ids from 'routes') and for a degree")
    _learner(c)
    c.add_argument("--route", action="append", required=True, help="a route_id printed by 'routes' for the same learner")
    pr = sub.add_parser("programme", help="describe programmes by reference")
    pr.add_argument("refs", nargs="+")
    pv = sub.add_parser("providers", help="who trains for a programme near a place (apprenticeships)")
    pv.add_argument("--where", required=True)
    pv.add_argument("--programme", required=True, help="a reference such as ST0005")
    pv.add_argument("--travel", default=DEFAULT_TRAVEL, choices=TRAVEL)
    return p


def run(args: argparse.Namespace) -> object:
    """Do one command and return JSON-ready data (raises PathwaysError on bad input)."""
    ctx = load_context()
    if args.command == "area":
        return cli.area_summary(ctx, args.where, args.travel)
    if args.command == "local":
        return cli.local_summary(ctx, args.area, args.soc, args.travel)
    if args.command == "routes":
        return cli.routes_summary(ctx, _params(args), limit=max(1, min(args.limit, 50)))
    if args.command == "compare":
        return cli.compare_summary(ctx, _params(args), args.route[:10])
    if args.command == "providers":
        return cli.providers_summary(ctx, args.where, args.programme, args.travel)
    return cli.programme_summary(ctx, args.refs)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        out = run(args)
    except PathwaysError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
