"""Checks on the money figures of a learner's routes, the same for the benchmark script and the tests.

For each route (and the degree beside it) :func:`check_money` returns plain problems, empty when all is well:

- no year of paid work or training is £0 (a year with no published pay has *no figure*, not £0);
- pay while training labelled as the legal minimum is never above it (worked out again here from the rates);
- no rise of more than :data:`MAX_YEARLY_RISE` from one whole year of work to the next, unless the law moved
  the minimum (a birthday into a higher band), which the later year then sits on;
- the local estimate (pay with experience) is never below the legal minimum for full-time hours in the job,
  and pay when newly qualified never below the legal minimum at that age;
- the degree side is treated as the route side: when both end in the same graduate job, a whole year of
  work at the same age has the same pay on both sides.

Examples
--------
With the app's context (tests/test_pay.py runs it for every persona)::

    check_money(ctx, profile, travel, routes)   # []
"""

from __future__ import annotations

from typing import Any

from pathways.money import degree_for, earnings_by_year
from pathways.pay import ADULT_AGE, route_pay
from pathways.profile import Profile
from pathways.realism import load_personas
from pathways.routes import find_routes
from pathways.vocab import APPRENTICESHIP, APPRENTICESHIP_KINDS, JOB

__all__ = ["check_money", "money_panel", "MAX_YEARLY_RISE"]

#: the largest rise from one whole year of work to the next that is not a change of step or of the law
MAX_YEARLY_RISE = 0.15


def check_money(ctx: Any, profile: Any, travel: Any, routes: list) -> list[str]:
    """Problems with the money figures of ``routes`` for ``profile`` in ``travel`` (see the module)."""
    problems: list[str] = []
    for r in routes:
        name = f"{r.destination.title} ({r.route_id})"
        years = earnings_by_year(r, profile, ctx.market.signals(travel, str(r.destination.soc)), ctx.pay)
        pay = route_pay(ctx.market, travel, r)
        problems += [f"{name}: {p}" for p in _year_problems(ctx.pay, str(r.destination.soc), years)]
        problems += [f"{name}: {p}" for p in _pay_problems(ctx.pay, r, pay, ctx.market._pay_date)]
        if str(r.destination.soc).startswith("2"):
            problems += [f"{name}: {p}" for p in _degree_problems(degree_for(ctx.market, profile, r, travel), years)]
    return problems


def _year_problems(scale: Any, soc: str, years: list) -> list[str]:
    """Year by year: no £0 in a paid year, apprentice pay at most the legal minimum it is labelled as, and
    no jump in pay from one year of work to the next beyond :data:`MAX_YEARLY_RISE` (unless to the legal minimum)."""
    out = []
    for y in years:
        if y.kind in (APPRENTICESHIP, JOB, "work") and y.earnings_gbp == 0:
            out.append(f"£0 at {y.age} for {y.what}")
        if y.kind == APPRENTICESHIP and not y.mixed and y.earnings_gbp is not None:
            most = max(scale.minimum_hourly(y.age, n) for n in (1, 2, 3, 4, 5)) * scale.apprentice_hours * 52
            if y.earnings_gbp > most + 10:
                out.append(f"£{y.earnings_gbp:,.0f} at {y.age} is above the legal minimum it is labelled as")
    for a, b in zip(years, years[1:]):
        if a.kind == b.kind == "work" and not a.mixed and not b.mixed and a.earnings_gbp and b.earnings_gbp:
            floor = scale.full_time_minimum(soc, b.age)
            if b.earnings_gbp > a.earnings_gbp * (1 + MAX_YEARLY_RISE) and abs(b.earnings_gbp - floor) > 10:
                out.append(f"pay rises {b.earnings_gbp / a.earnings_gbp - 1:.0%} from {a.age} to {b.age}")
    return out


def _pay_problems(scale: Any, r: Any, pay: Any, measured_on: str | None) -> list[str]:
    """The route card's pay: while training at most the legal minimum, and pay with experience and when
    newly qualified not below the legal minimum for full-time hours (pay with experience: the one in force when
    ONS measured it, ``measured_on``)."""
    out = []
    soc = str(r.destination.soc)
    for sp in pay.while_training:
        f = sp.figure
        step = next(s for s in r.steps if s.id == sp.step_id)
        if f.value is not None and step.kind in APPRENTICESHIP_KINDS:
            legal = scale.minimum_hourly(int(step.age_at_start), 1) * scale.apprentice_hours * 52
            if f.value > round(legal, -1) + 1:
                out.append(f"pay while training £{f.value:,.0f} is above the legal minimum £{legal:,.0f}")
    exp, nq = pay.experienced, pay.newly_qualified
    if exp.value is not None and exp.value < scale.full_time_minimum(soc, ADULT_AGE, measured_on) - 50:
        out.append(f"pay with experience £{exp.value:,.0f} is below the legal minimum for full-time hours")
    reached = int(r.starts_at_age + r.total_months / 12)
    if nq.value is not None and nq.value < scale.full_time_minimum(soc, reached) - 50:
        out.append(f"pay when newly qualified £{nq.value:,.0f} is below the legal minimum at {reached}")
    return out


def _degree_problems(deg: Any, years: list) -> list[str]:
    """In years both sides are in work on the same job, the degree side and the route pay the same."""
    route_by_age = {y.age: y for y in years}
    for y in deg.years:
        other = route_by_age.get(y.age)
        if (
            y.kind == "work"
            and other is not None
            and other.kind == "work"
            and not other.mixed
            and y.earnings_gbp != other.earnings_gbp
        ):
            return [f"the degree side pays £{y.earnings_gbp} at {y.age} and the route £{other.earnings_gbp}"]
    return []


def money_panel(ctx: Any, limit: int = 10) -> dict[str, list[str]]:
    """:func:`check_money` over the top ``limit`` routes of every persona in the realism benchmark."""
    out: dict[str, list[str]] = {}
    for p in load_personas():
        profile = Profile(
            age=int(p["age"]),
            qualification=p["qualification"],
            english_maths=bool(p["english_maths"]),
            ehcp=bool(p["ehcp"]),
            care_leaver=bool(p["care_leaver"]),
            interests=tuple(p["interests"]),
            where=p["where"],
        )
        travel = ctx.travel(ctx.resolve(p["where"]), profile.travel)
        routes = find_routes(ctx.bundle, profile, ctx.local_provider(travel), limit=limit)
        out[p["id"]] = check_money(ctx, profile, travel, routes)
    return out
