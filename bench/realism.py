"""The realism benchmark: fresh learners drawn from all England through the automatic adviser checks, then the
persona panel and the guards as a regression list (see :mod:`pathways.realism` and
:mod:`pathways.realism_checks`).

    python bench/realism.py --draw 500 --seed 20261206        # the headline: learners nobody tuned to
    python bench/realism.py --draw 500 --seed 20261206 --flat              # the flat best-score list instead
    python bench/realism.py --draw 500 --seed 20261206 --json out.json --examples 5
    python bench/realism.py                                   # the regression list: persona panel and guards
    python bench/realism.py --draw 500 --seed 20261206 --guards --pay --record

``--draw N --seed S`` draws N learners evenly over the 296 English districts (ages 15-24, every start level,
0-2 interests, EHC plans, care leavers, every travel choice; the same learners for the same seed), finds
each one's top five routes of each group, as the Routes page shows them (``--top``; with ``--flat``, the top five
of ``pathways.routes.find_routes``, every group together, best score first) and runs every adviser check on them
(group by group for the route checks). It prints the share of learners
whose routes pass every check against the bar (95%), a table of failures per check with examples (learner,
route, evidence), and a JSON summary with the seed (also written to ``--json PATH``). With ``--draw`` the
persona panel still runs (``--no-panel`` to skip it); the guards, which take some minutes, run only with
``--guards``. Without ``--draw`` the panel and guards run as before (``--districts N`` checks the first N
districts only; ``--pay`` also measures how many top-five routes change when pay's weight is 0).
``--record`` writes what ran to the "Realism" section of bench/RESULTS.md.

Exit status: 0 when every part that ran met its bar, else 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pathways.context import load_context  # noqa: E402
from pathways.realism import BARS, DRAW_BAR, GUARD_PROFILES, DrawResult, guards, panel, pay_sensitivity, run_draw  # noqa: E402
from pathways.realism_checks import CHECKS  # noqa: E402


def _step(s) -> str:
    bits = [s.kind.replace("_", " ")]
    if s.level is not None:
        bits.append(f"L{s.level}")
    if s.delivery is not None and s.delivery.local_starts_estimate is not None:
        bits.append(f"~{s.delivery.local_starts_estimate:.0f} local starts/yr")
    ev = s.evidence.kind
    return f"{s.title} ({', '.join(bits)}; {ev})"


def _rule(name: str) -> str:
    """The first sentence of a check's docstring: its rule."""
    doc = " ".join((CHECKS[name].__doc__ or "").split())
    return doc.split(". ")[0].rstrip(".") + "."


def draw_report(result: DrawResult, examples: int) -> tuple[list[str], dict]:
    """Lines to print (and to record) and the JSON summary of a draw."""
    summary = result.to_json(examples)
    n = summary["learners"]
    lines = [
        f"Draw of {n} learners (seed {result.seed}; judged on each one's {result.shown}, "
        f"{summary['routes_checked']} routes in all; {summary['seconds']:.0f} s): "
        f"**{summary['passed_every_check']} of {n} ({summary['share']:.0%}) pass every "
        f"adviser check** (bar: {DRAW_BAR:.0%}; {'met' if summary['met'] else 'not met'}).",
        "",
        "| check | learners failing | routes failing | rule |",
        "|---|---|---|---|",
    ]
    for name, c in summary["checks"].items():
        lines.append(f"| {name} | {c['learners']} ({c['learners'] / max(n, 1):.0%}) | {c['routes']} | {_rule(name)} |")
    lines.append("")
    for name, c in summary["checks"].items():
        if not c["examples"]:
            continue
        common = "; ".join(f"{k} ({v})" for k, v in c["most_common"])
        lines.append(f"{name}:" + (f" most often {common}" if common else ""))
        for e in c["examples"]:
            where = "" if e["rank"] is None else f" {e['group'] + ' ' if e['group'] else ''}#{e['rank']} {e['route']}."
            lines.append(f"- {e['learner']}.{where} Evidence: {e['evidence']}")
        lines.append("")
    return lines, summary


def run_panel(ctx) -> tuple[bool, list[str]]:
    results = panel(ctx)
    for r in results:
        print(f"\n{'PASS' if r.passed else 'FAIL'} {r.id}")
        for p in r.problems:
            print(f"   ! {p}")
        for i, route in enumerate(r.top[:5], 1):
            print(f"   #{i} {route.destination.title} ({route.destination.soc}) <- " + " -> ".join(_step(s) for s in route.steps))
    n = sum(r.passed for r in results)
    print(f"\npersona panel: {n} of {len(results)} pass")
    return n == len(results), [
        f"Persona panel (bench/realism_personas.json; a regression list): **{n} of {len(results)} pass**"
        + (f"; fails: {', '.join(r.id for r in results if not r.passed)}" if n < len(results) else "")
        + "."
    ]


def run_guards(ctx, codes, pay: bool) -> tuple[bool, list[str]]:
    t = time.perf_counter()
    g = guards(ctx, codes)
    print(f"\nguards over {len(codes)} districts x {len(GUARD_PROFILES)} profiles ({time.perf_counter() - t:.0f} s):")
    report = [
        f"\nGuards over {len(codes)} districts x {len(GUARD_PROFILES)} profiles (the product against its own rules "
        "and estimates; a regression list):\n",
        "| guard | count | bar | |",
        "|---|---|---|---|",
    ]
    for name, passed in g.passed().items():
        how, bar = BARS[name]
        print(f"  {'PASS' if passed else 'FAIL'} {name}: {g.counts[name]} (bar: {how} {bar})")
        report.append(f"| {name} | {g.counts[name]} | {how} {bar} | {'met' if passed else '**not met**'} |")
    for k, v in g.detail.items():
        print(f"  {k}: {v}")
    report.append("\n" + "\n".join(f"- {k}: {v}" for k, v in g.detail.items() if k.endswith("by_profile")))
    if pay:
        share = pay_sensitivity(ctx, codes)
        print(f"  top-five routes that change when pay's weight is 0: {share:.0%} (bar: about half)")
        report.append(f"- top-five routes that change when pay's weight is 0: {share:.0%} (bar: about half)")
    return all(g.passed().values()), report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--draw", type=int, default=0, help="draw this many learners from all England")
    ap.add_argument("--seed", type=int, default=20261206, help="the draw's seed (the same learners for the same seed)")
    ap.add_argument("--top", type=int, default=5, help="how many routes of each learner (of each group) to check")
    ap.add_argument("--flat", action="store_true", help="judge the flat best-score list, not each group's top routes")
    ap.add_argument("--examples", type=int, default=3, help="examples printed per check")
    ap.add_argument("--json", type=Path, help="also write the draw's JSON summary here")
    ap.add_argument("--districts", type=int, default=0, help="guards: the first N districts only")
    ap.add_argument("--no-panel", action="store_true")
    ap.add_argument("--no-guards", action="store_true")
    ap.add_argument("--guards", action="store_true", help="with --draw: run the guards too")
    ap.add_argument("--pay", action="store_true")
    ap.add_argument("--record", action="store_true", help="write what ran to bench/RESULTS.md (Realism section)")
    args = ap.parse_args()
    ctx = load_context()
    ok = True
    report: list[str] = []
    if args.draw:
        result = run_draw(ctx, args.draw, args.seed, args.top, groups=not args.flat)
        lines, summary = draw_report(result, args.examples)
        print("\n".join(lines))
        print(json.dumps(summary, indent=1, ensure_ascii=False))
        if args.json:
            args.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
        report += lines
        ok &= bool(summary["met"])
    if not args.no_panel:
        passed, lines = run_panel(ctx)
        report += lines
        ok &= passed
    if (args.guards or not args.draw) and not args.no_guards:
        passed, lines = run_guards(ctx, ctx.areas.codes[: args.districts] if args.districts else ctx.areas.codes, args.pay)
        report += lines
        ok &= passed
    if args.record:
        from bench.harness import write_section

        write_section("realism", "Realism (bench/realism.py)", "\n".join(report))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
