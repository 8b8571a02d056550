"""The Compare page's answer: two or three routes side by side, with money earned to 30 against a university degree
worked out on the same terms, and the notes behind the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from pathways.areas import TravelArea
from pathways.answers.routes import headline_pay
from pathways.context import Context
from pathways.figures import Figure
from pathways.money import YearEarnings, degree_for, earnings_by_year, total_to_30
from pathways.pay import RoutePay, route_pay
from pathways.profile import Profile
from pathways.routes import Route

__all__ = ["CompareColumn", "CompareAnswer", "compare_answer"]


@dataclass(frozen=True)
class CompareColumn:
    """One route on the Compare page."""

    name: str
    route: Route
    years: tuple[YearEarnings, ...]
    #: earnings to 30 less loan repayments; None when a year of work has no published pay
    total: float | None
    pay: RoutePay
    pay_figures: tuple[Figure, Figure, Figure]
    adverts: Figure
    months: int
    months_to_paid: int


@dataclass(frozen=True)
class CompareAnswer:
    """Routes side by side, money earned by 30 (with a degree line) and the notes behind it."""

    columns: tuple[CompareColumn, ...]
    #: ``Age``, ``Route``, ``Earnings so far (£)``
    series: pd.DataFrame
    notes: tuple[str, ...]

    @property
    def totals(self) -> tuple[tuple[str, float], ...]:
        """(line, money earned so far) at the end of each line of the chart: by age 30."""
        end = self.series.sort_values("Age").groupby("Route").tail(1)
        return tuple((str(r), float(v)) for r, v in zip(end["Route"], end["Earnings so far (£)"]))

    @property
    def table(self) -> pd.DataFrame:
        """The chart as a table: one row per age, one column per line."""
        return self.series.pivot_table(index="Age", columns="Route", values="Earnings so far (£)").reset_index()


def _running(years: Any, name: str) -> list[dict[str, Any]]:
    """Money earned so far (less loan repayments) at the end of each year, for the chart."""
    out, running = [], 0.0
    for y in years:
        running += (y.earnings_gbp or 0.0) - y.loan_repayment_gbp
        out.append({"Age": y.age + 1, "Route": name, "Earnings so far (£)": round(running, -2)})
    return out


def compare_answer(ctx: Context, profile: Profile, routes: list[Route] | tuple[Route, ...], travel: TravelArea) -> CompareAnswer:
    """Side-by-side facts, cumulative earnings to 30 (with a degree line) and the notes behind them.

    A route with a year of work whose pay ONS did not publish has no total (``total`` is None) and is
    left out of the chart, with a note: no amount is made up for it."""
    columns, series, notes = [], [], []
    for i, r in enumerate(routes, 1):
        years = tuple(earnings_by_year(r, profile, ctx.market.signals(travel, r.destination.soc), ctx.pay))
        total = total_to_30(years)
        pay = route_pay(ctx.market, travel, r)
        columns.append(
            CompareColumn(
                f"Route {i}: {r.destination.title}",
                r,
                years,
                total,
                pay,
                headline_pay(pay),
                ctx.market.occupation_local(travel, r.destination.soc).adverts,
                r.total_months,
                r.months_to_paid,
            )
        )
        if total is None:
            notes.append(
                f"Route {i}: ONS did not publish pay for {r.destination.title.lower()}, so we cannot add up "
                "its earnings and it is not in the chart."
            )
            continue
        series += _running(years, f"Route {i}")
        notes.extend(sorted({y.basis for y in years}))
    if routes:
        deg = degree_for(ctx.market, profile, routes[0], travel)
        if deg.total_to_30_gbp is not None:
            series += _running(deg.years, "University degree")
        notes.append(
            f"Degree: {deg.pay_basis}. Loan about £{(deg.tuition_loan_gbp or 0):,.0f}; repaid by 30 about "
            f"£{deg.repaid_by_30_gbp:,.0f}; still owed at 30 about £{(deg.owed_at_30_gbp or 0):,.0f}."
        )
        notes.extend(deg.notes)
    return CompareAnswer(
        tuple(columns), pd.DataFrame(series, columns=["Age", "Route", "Earnings so far (£)"]), tuple(dict.fromkeys(notes))
    )
