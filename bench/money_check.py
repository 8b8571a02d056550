"""The money check: every route in the realism benchmark's persona panel, checked by
:func:`pathways.money_check.check_money`; then, for a few learners, the top route's three pay figures and
earnings to 30 against a degree.

    python bench/money_check.py [--show "FY1 1AA,18,level3" ...]

Exits 1 when any check fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pathways.money import degree_for  # noqa: E402
from pathways.pay import route_pay  # noqa: E402
from pathways.context import load_context  # noqa: E402
from pathways.money import earnings_by_year, total_to_30  # noqa: E402
from pathways.money_check import money_panel  # noqa: E402
from pathways.profile import Profile  # noqa: E402

#: the learners checked: (where, age, qualification, English and maths, interest)
SHOW = [("FY1 1AA", 18, "level3", False, ""), ("TS10 1AA", 16, "level2", True, "Engineering and manufacturing")]


def show(ctx, where: str, age: int, qualification: str, em: bool, interest: str) -> None:
    profile = Profile(
        where=where, age=age, qualification=qualification, english_maths=em, interests=(interest,) if interest else ()
    )
    place, travel, routes = ctx.routes_for(profile, limit=1)
    print(f"\n{place.name}, {age}, {qualification}{' with English and maths' if em else ''}{', ' + interest if interest else ''}")
    if not routes:
        print("   no routes")
        return
    r = routes[0]
    print(f"   top route: {' -> '.join(s.title for s in r.steps)} -> {r.destination.title} ({r.destination.soc})")
    pay = route_pay(ctx.market, travel, r)
    first = pay.first_paid
    for f in ((first.figure,) if first else ()) + (pay.newly_qualified, pay.experienced):
        print(f"   {f.label}: {f.display()}")
    years = earnings_by_year(r, profile, ctx.market.signals(travel, r.destination.soc), ctx.pay)
    deg = degree_for(ctx.market, profile, r, travel)
    total = total_to_30(years)
    print(
        "   earnings to 30, route:  "
        + ", ".join(f"{y.age}: {'no figure' if y.earnings_gbp is None else f'{y.earnings_gbp:,.0f}'}" for y in years)
    )
    print("   earnings to 30, degree: " + ", ".join(f"{y.age}: {y.earnings_gbp or 0:,.0f}" for y in deg.years))
    print(
        f"   total to 30: route {'no figure' if total is None else f'£{total:,.0f}'}; degree "
        f"£{deg.total_to_30_gbp or 0:,.0f} after £{deg.repaid_by_30_gbp:,.0f} loan repaid "
        f"(£{deg.owed_at_30_gbp or 0:,.0f} still owed at 30); degree job: {deg.occupation}"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="append", default=[], help='"WHERE,AGE,QUALIFICATION" (extra learners to show)')
    args = ap.parse_args()
    ctx = load_context()
    results = money_panel(ctx)
    bad = {k: v for k, v in results.items() if v}
    for k, v in results.items():
        print(f"{'PASS' if not v else 'FAIL'} {k}" + "".join(f"\n   ! {p}" for p in v[:5]))
    print(
        f"\nmoney checks: {len(results) - len(bad)} of {len(results)} personas pass "
        f"({sum(len(v) for v in results.values())} problems)"
    )
    for item in SHOW + [tuple(s.split(",")) + (False, "") for s in args.show]:
        where, age, q, em, interest = item[:5]
        show(ctx, where, int(age), q, bool(em), interest)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
