"""Who trains near you: time to build the provider index, and to answer for one programme in one travel area.

    python bench/bench_delivery.py [--programmes 20] [--travel neighbours]

Bar: delivery figures for any programme in any travel area, median < 5 ms. Each travel
area's first answer computes its figures for every standard at once ("cold"); later answers for the
same area use the cached figures ("warm"). Both are reported, over every English district.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pathways.context import load_context  # noqa: E402
from pathways.delivery import DeliveryIndex  # noqa: E402


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--programmes", type=int, default=20, help="how many of the most-started standards to ask for")
    ap.add_argument("--travel", default="neighbours", choices=["home", "neighbours", "25km", "50km"])
    args = ap.parse_args()
    ctx = load_context()
    t = time.perf_counter()
    index = DeliveryIndex(ctx.bundle)
    print(f"provider index built in {time.perf_counter() - t:.3f} s (once per server)")
    std = ctx.bundle.standards.sort_values("starts_latest", ascending=False)
    # the most started, plus a few rarely delivered ones
    progs = list(std.programme_id.head(args.programmes - 3)) + ["ST0039", "ST0267", "ST0645"]
    cold, warm, summaries, providers = [], [], [], []
    for code in ctx.areas.codes:
        travel = ctx.travel(ctx.areas.district(code), args.travel)
        for n, pid in enumerate(progs):
            t = time.perf_counter()
            d = index.delivery(travel, pid)
            (cold if n == 0 else warm).append((time.perf_counter() - t) * 1000)
            providers.append(len(d.providers))
        t = time.perf_counter()
        index.summaries(travel.codes)
        summaries.append((time.perf_counter() - t) * 1000)
    allv = cold + warm
    print(
        f"delivery(travel area, programme): {len(allv)} answers over {len(ctx.areas.codes)} districts x "
        f"{len(progs)} programmes, travel={args.travel}"
    )
    print(f"  all: median {statistics.median(allv):.2f} ms (bar 5), p95 {_pct(allv, 0.95):.2f} ms, max {max(allv):.1f} ms")
    print(
        f"  first answer per area (computes every standard): median {statistics.median(cold):.2f} ms, "
        f"p95 {_pct(cold, 0.95):.2f} ms"
    )
    print(f"  later answers: median {statistics.median(warm):.2f} ms, p95 {_pct(warm, 0.95):.2f} ms")
    print(f"  summaries for every standard (cached area): median {statistics.median(summaries):.3f} ms")
    print(f"  providers listed per answer: median {statistics.median(providers):.0f}, max {max(providers)}")
    print("PASS" if statistics.median(allv) < 5 else "FAIL")


if __name__ == "__main__":
    main()
