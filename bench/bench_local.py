"""Time to compute every local figure for one occupation across all English districts (bar: < 0.5 s),
and the bundle's size on disk and load time with validation (bars: <= 25 MB, <= 1.5 s).

    python bench/bench_local.py [--soc 5241]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pathways.bundle import DATA_DIR, load_bundle  # noqa: E402
from pathways.context import Context  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--soc", default="5241")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    size = sum(p.stat().st_size for p in DATA_DIR.iterdir() if p.is_file())
    loads = []
    for _ in range(args.repeats):
        t = time.perf_counter()
        b = load_bundle()
        loads.append(time.perf_counter() - t)
    print(f"bundle size on disk: {size / 1e6:.2f} MB (bar 25 MB)")
    print(
        f"bundle load with validation: median {statistics.median(loads):.3f} s, max {max(loads):.3f} s "
        "(bar 1.5 s; first load includes imports)"
    )
    t = time.perf_counter()
    ctx = Context(b)
    print(f"area index + labour market tables: {time.perf_counter() - t:.3f} s (once per server)")
    for mode in ("home", "neighbours"):
        runs = []
        for _ in range(args.repeats):
            t = time.perf_counter()
            for code in ctx.areas.codes:
                place = ctx.areas.district(code)
                ctx.market.occupation_local(ctx.travel(place, mode), args.soc)
            runs.append(time.perf_counter() - t)
        print(
            f"all local figures for SOC {args.soc} across {len(ctx.areas.codes)} districts, travel={mode}: "
            f"median {statistics.median(runs):.3f} s (bar 0.5 s)"
        )
    print(f"1,000 mixed place look-ups: {_look_ups(ctx):.3f} s (bar 0.5 s; was a timed unit test)")


def _look_ups(ctx: Context) -> float:
    """Seconds for 1,000 mixed look-ups (postcodes, towns, shared names, misspellings), as every page resolves one."""
    from pathways.errors import PathwaysError

    texts = ["TS10 1AA", "Blackpool", "Huyton", "FY1 4", "Kirkby", "Blackpol", "Camborne", "xqzzy", "Sunderland", "SR1"]
    t = time.perf_counter()
    for i in range(1000):
        try:
            ctx.resolve(texts[i % len(texts)])
        except PathwaysError:
            pass
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
