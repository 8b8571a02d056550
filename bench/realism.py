"""The realism benchmark: the persona panel's top five with pass or fail, and the guards over every
English district, against their bars (see :mod:`pathways.realism`).

    python bench/realism.py [--districts N] [--no-panel] [--no-guards] [--pay]

``--districts N`` checks the first N districts only (quicker); ``--pay`` also measures how many
top-five routes change when pay's weight is 0. A whole run (every district, panel and guards) writes its
figures to the "Realism" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pathways.context import load_context  # noqa: E402
from pathways.realism import BARS, GUARD_PROFILES, guards, panel, pay_sensitivity  # noqa: E402


def _step(s) -> str:
    bits = [s.kind.replace("_", " ")]
    if s.level is not None:
        bits.append(f"L{s.level}")
    if s.delivery is not None and s.delivery.local_starts_estimate is not None:
        bits.append(f"~{s.delivery.local_starts_estimate:.0f} local starts/yr")
    ev = s.evidence.kind
    return f"{s.title} ({', '.join(bits)}; {ev})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--districts", type=int, default=0)
    ap.add_argument("--no-panel", action="store_true")
    ap.add_argument("--no-guards", action="store_true")
    ap.add_argument("--pay", action="store_true")
    args = ap.parse_args()
    ctx = load_context()
    ok = True
    report: list[str] = []
    if not args.no_panel:
        results = panel(ctx)
        for r in results:
            print(f"\n{'PASS' if r.passed else 'FAIL'} {r.id}")
            for p in r.problems:
                print(f"   ! {p}")
            for i, route in enumerate(r.top[:5], 1):
                print(f"   #{i} {route.destination.title} ({route.destination.soc}) <- "
                      + " -> ".join(_step(s) for s in route.steps))
        n = sum(r.passed for r in results)
        print(f"\npersona panel: {n} of {len(results)} pass")
        report.append(f"Persona panel (bench/realism_personas.json): **{n} of {len(results)} pass**"
                      + "".join(f"; fails: {r.id}" for r in results if not r.passed) + ".")
        ok &= n == len(results)
    if not args.no_guards:
        codes = ctx.areas.codes[: args.districts] if args.districts else ctx.areas.codes
        t = time.perf_counter()
        g = guards(ctx, codes)
        print(f"\nguards over {len(codes)} districts x {len(GUARD_PROFILES)} profiles ({time.perf_counter() - t:.0f} s):")
        report += [f"\nGuards over {len(codes)} districts x {len(GUARD_PROFILES)} profiles:\n",
                   "| guard | count | bar | |", "|---|---|---|---|"]
        for name, passed in g.passed().items():
            how, bar = BARS[name]
            print(f"  {'PASS' if passed else 'FAIL'} {name}: {g.counts[name]} (bar: {how} {bar})")
            report.append(f"| {name} | {g.counts[name]} | {how} {bar} | {'met' if passed else '**not met**'} |")
        for k, v in g.detail.items():
            print(f"  {k}: {v}")
        report.append("\n" + "\n".join(f"- {k}: {v}" for k, v in g.detail.items() if k.endswith("by_profile")))
        ok &= all(g.passed().values())
        if args.pay:
            share = pay_sensitivity(ctx, codes)
            print(f"  top-five routes that change when pay's weight is 0: {share:.0%} (bar: about half)")
            report.append(f"- top-five routes that change when pay's weight is 0: {share:.0%} (bar: about half)")
    if not args.districts and not args.no_panel and not args.no_guards:  # a whole run: keep its figures
        from bench.harness import write_section

        write_section("realism", "Realism (bench/realism.py)", "\n".join(report))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
