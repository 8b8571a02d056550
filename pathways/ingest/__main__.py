"""Command line: ``python -m pathways.ingest --raw ../shared/data/raw --out data``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pathways.ingest.build import build_bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pathways.ingest", description=__doc__)
    parser.add_argument("--raw", type=Path, default=Path("../shared/data/raw"), help="folder of official source files")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[2] / "data", help="bundle folder to (re)write"
    )
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)
    if not args.raw.is_dir():
        print(f"No raw data folder at {args.raw}", file=sys.stderr)
        return 2
    log = (lambda _msg: None) if args.quiet else print
    manifest = build_bundle(args.raw, args.out, log=log)
    print(f"Wrote {len(manifest['tables'])} tables to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
