"""The three pay figures, named for what they are and worked out the same way everywhere.

- **Pay while training**: the legal minimum for the learner's age and year of apprenticeship, at
  the fewest hours an apprenticeship can have (the ``apprentice_min_hours_per_week`` fact); many
  employers pay more. Unpaid study has no pay figure (it is not £0 "pay", it is not paid).
- **Pay when newly qualified**: the job's pay with experience, scaled to the learner's age when they
  qualify by how full-time pay at that age compares with all ages for the job's group (ONS ASHE
  Table 20 age bands), and never below the legal minimum for that age at the job's full-time hours.
- **Pay with experience**: the job's median full-time pay (all ages), as estimated for the area.

The age scaling is pinned to the middle of each ASHE age band (:data:`BAND_MIDDLE`) and runs in a
straight line between them, so pay does not jump when a birthday crosses a band edge (it used to
jump by 9-28% at 30). The same :class:`PayScale` serves route cards, the job page, Compare, the
plan and the degree comparison, so the route side and the degree side are treated alike.

Examples
--------
On the tiny test bundle (see the repository's ``conftest.py``), which has no pay-by-age table, so pay
at 19 is pay with experience, above the legal minimum:

>>> from pathways.figures import Figure
>>> scale = PayScale(bundle)
>>> experienced = Figure(PAY_EXPERIENCED, 23000.0, "£ a year", "April 2025", "England", "England", "ONS", "measured")
>>> scale.newly_qualified("6135", 19, experienced).display()
'£23,000'
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pathways.figures import Figure, as_number as _num
from pathways.vocab import APPRENTICESHIP_KINDS, ENGLAND, JOB

if TYPE_CHECKING:  # types only: the labour market is built on this module's PayScale (importing it would be a cycle)
    from pathways.areas import TravelArea
    from pathways.labour_market import LabourMarket

__all__ = [
    "PayScale",
    "PAY_WHILE_TRAINING",
    "PAY_NEWLY_QUALIFIED",
    "ADULT_AGE",
    "PAY_EXPERIENCED",
    "RELIABLE_CHANGE",
    "BAND_MIDDLE",
    "source_line",
    "StepPay",
    "RoutePay",
    "route_pay",
    "round_pay",
]

PAY_WHILE_TRAINING = "Pay while training"
PAY_NEWLY_QUALIFIED = "Pay when newly qualified"
#: the age at which the legal minimum is the adult rate (the National Living Wage from 21 since April 2024)
ADULT_AGE = 21
PAY_EXPERIENCED = "Pay with experience"
#: the youngest age the pay survey's age bands cover (ASHE Table 20: 18-21)
YOUNGEST_BAND_AGE = 18
#: the age each ASHE Table 20 band's median is pinned to (its middle; 60+ is not used before 30)
BAND_MIDDLE = {"18-21": 19.5, "22-29": 25.5, "30-39": 34.5, "40-49": 44.5, "50-59": 54.5}
WEEKS = 52
#: a job's 2025 median more than this share away from its 2023 one is "less reliable" (shown as a range and
#: kept out of ranking): ONS's 2025 file lost its quality markers, and a big move in two years usually means a
#: small sample
RELIABLE_CHANGE = 0.25


def round_pay(value: float, floor: float | None = None) -> float:
    """A yearly pay figure to the nearest £100, but never below ``floor`` (the legal minimum it was held to):
    rounding £24,917 down to £24,900 would show less than an employer must pay, so it goes up to £25,000.

    >>> round_pay(24_917.0), round_pay(24_917.0, 24_917.0), round_pay(31_260.0, 24_917.0)
    (24900.0, 25000.0, 31300.0)
    """
    shown = float(round(value, -2))
    if floor is not None and shown < floor - 0.005:
        shown = float(math.ceil(floor / 100) * 100)
    return shown


def _when(date: str) -> str:
    """``2026-04-01`` as ``1 April 2026`` (as it is said on GOV.UK)."""
    try:
        d = pd.Timestamp(date)
    except (TypeError, ValueError):
        return date
    return f"{d.day} {d.strftime('%B %Y')}"


def _table(bundle: Any, name: str) -> pd.DataFrame | None:
    """A bundle table, or None when this bundle has none (small test bundles)."""
    try:
        return getattr(bundle, name)
    except (AttributeError, KeyError):
        return None


def source_line(bundle: Any, table: str) -> tuple[str, str]:
    """(publisher and title, period) of a table's first source, from the bundle's manifest."""
    try:
        src = bundle.source_of(table)[0]
    except (AttributeError, IndexError, KeyError):
        return table, ""
    return f"{src.get('publisher', '')}: {src.get('title', '')}".strip(": "), str(src.get("period", ""))


class PayScale:
    """Legal minimum pay and the age scaling of pay, from the bundle (built once per server)."""

    def __init__(self, bundle: Any) -> None:
        self.bundle = bundle
        rates = bundle.wage_rates.copy()
        rates["start_date"] = rates["start_date"].astype(str)
        self._rates = rates
        self._latest = str(rates["start_date"].max())
        #: when the rates in force started, in words ("1 April 2026")
        self.rates_from = _when(self._latest)
        occ = bundle.occupations
        hours = pd.to_numeric(occ["hours_full_time"], errors="coerce") if "hours_full_time" in occ else pd.Series(dtype=float)
        self._hours = {str(s): float(h) for s, h in zip(occ["soc"], hours) if not pd.isna(h)}
        #: when ONS did not publish a job's hours: the median over all jobs
        self.default_hours = float(np.median(list(self._hours.values()))) if self._hours else 37.5
        facts = _table(bundle, "facts")
        row = facts[facts["key"] == "apprentice_min_hours_per_week"] if facts is not None else None
        self.apprentice_hours = float(row["value"].iloc[0]) if row is not None and len(row) else 30.0
        self.apprentice_hours_source = (
            f"{row['source'].iloc[0]}, {row['as_of'].iloc[0]}" if row is not None and len(row) else "GOV.UK: Become an apprentice"
        )
        pay_age, pay_region = _table(bundle, "pay_age"), _table(bundle, "pay_region")
        self._curve = self._age_curve(pay_age, pay_region) if pay_age is not None and pay_region is not None else {}
        self.wage_source, self.wage_period = source_line(bundle, "wage_rates")
        self.age_source, self.age_period = source_line(bundle, "pay_age")

    # ------------------------------------------------------------------ legal minimum
    def _rows(self, on: str | None) -> pd.DataFrame:
        r = self._rates
        when = on or self._latest
        start = r.loc[r["start_date"] <= when, "start_date"].max()
        return r[r["start_date"] == start]

    def minimum_hourly(self, age: int, apprentice_year: int | None = None, on: str | None = None) -> float:
        """The legal minimum an hour at ``age`` (an apprentice in ``apprentice_year``), at the rates in force
        ``on`` a date (``YYYY-MM-DD``; the latest rates when None). Apprentices under 19 or in their first
        year get the apprentice rate; everyone else the rate for their age."""
        key = (int(age), None if apprentice_year is None else min(int(apprentice_year), 2), on)
        cache = self.__dict__.setdefault("_minimum_cache", {})
        if key not in cache:
            cache[key] = self._minimum_hourly(*key)
        return cache[key]

    def _minimum_hourly(self, age: int, apprentice_year: int | None, on: str | None) -> float:
        rows = self._rows(on)
        if apprentice_year is not None and (age < 19 or apprentice_year <= 1):
            appr = rows.loc[rows["band"] == "apprentice", "hourly_rate_gbp"]
            if len(appr) and _num(appr.iloc[0]) is not None:
                return float(appr.iloc[0])
        best = None
        for r in rows.itertuples(index=False):
            lo, hi = _num(r.min_age), _num(r.max_age)
            if r.band == "apprentice" or "offset" in str(r.band) or lo is None:
                continue
            if lo <= age and (hi is None or age <= hi):
                best = float(r.hourly_rate_gbp)
        if best is None:
            raise ValueError(f"no minimum wage band for age {age}")
        return best

    def hours(self, soc: str) -> float:
        """Median paid hours a week of full-time workers in the job (ASHE Table 14), else of all jobs."""
        return self._hours.get(str(soc), self.default_hours)

    def full_time_minimum(self, soc: str, age: int, on: str | None = None) -> float:
        """The legal minimum for a year of full-time work in this job at ``age`` (its usual hours, 52 weeks)."""
        return self.minimum_hourly(age, None, on) * self.hours(soc) * WEEKS

    # ------------------------------------------------------------------ age scaling
    @staticmethod
    def _age_curve(pay_age: pd.DataFrame, pay_region: pd.DataFrame) -> dict[str, list[tuple[float, float]]]:
        uk = pay_region[
            pay_region["region_code"].astype(str).str.startswith("K02")
            & (pay_region["population"] == "full_time")
            & (pay_region["measure"] == "annual")
        ]
        everyone = {str(g): _num(v) for g, v in zip(uk["major_group"], uk["median"])}
        curve: dict[str, list[tuple[float, float]]] = {}
        for band, group, median in zip(pay_age["age_band"], pay_age["major_group"], pay_age["median"]):
            mid, m, all_ages = BAND_MIDDLE.get(str(band)), _num(median), everyone.get(str(group))
            if mid is not None and m and all_ages:
                curve.setdefault(str(group), []).append((mid, m / all_ages))
        return {g: sorted(points) for g, points in curve.items()}

    def age_factor(self, major_group: str, age: float) -> float:
        """How full-time pay at ``age`` compares with all ages in a SOC major group (ASHE Table 20, UK):
        a straight line between the middles of the age bands, flat before the first and after the last;
        1 when ONS published nothing for the group.

        >>> s = PayScale.__new__(PayScale); s._curve = {"6": [(19.5, 0.8), (25.5, 0.95), (34.5, 1.02)]}
        >>> [round(s.age_factor("6", a), 3) for a in (16, 19.5, 22.5, 30, 40)], s.age_factor("9", 20)
        ([0.8, 0.8, 0.875, 0.985, 1.02], 1.0)
        """
        points = self._curve.get(str(major_group))
        if not points:
            return 1.0
        xs, ys = zip(*points)
        return float(np.interp(age, xs, ys))

    # ------------------------------------------------------------------ the three figures
    def while_training(self, kind: str, paid: bool, age: int, apprentice_year: int = 1, soc: str | None = None) -> Figure:
        """Pay while training on one step, as a figure: the legal minimum for apprentices and paid jobs;
        no figure for unpaid study."""
        if kind in APPRENTICESHIP_KINDS:  # paid the apprentice minimum wage
            rate = self.minimum_hourly(age, apprentice_year)
            hours = self.apprentice_hours
            who = "the apprentice rate" if age < 19 or apprentice_year <= 1 else f"the rate for age {age}"
            note = (
                f"The legal minimum ({who}, £{rate:.2f} an hour from {self.rates_from}) for {hours:g} hours a week, "
                f"the fewest an apprenticeship can have ({self.apprentice_hours_source}), 52 weeks. "
                "Many employers pay more."
            )
            return Figure(
                PAY_WHILE_TRAINING,
                round(rate * hours * WEEKS, -1),
                "£ a year",
                f"rates from {self.rates_from}",
                ENGLAND.name,
                ENGLAND.level,
                self.wage_source,
                "measured",
                note,
            )
        if paid and kind == JOB:
            value = self.full_time_minimum(soc or "", age)
            return Figure(
                PAY_WHILE_TRAINING,
                round(value, -1),
                "£ a year",
                f"rates from {self.rates_from}",
                ENGLAND.name,
                ENGLAND.level,
                self.wage_source,
                "measured",
                f"The legal minimum for age {age} for full-time hours in this job ({self.hours(soc or ''):g} a week). "
                "Many employers pay more.",
            )
        return Figure(
            PAY_WHILE_TRAINING,
            None,
            "£ a year",
            "",
            ENGLAND.name,
            ENGLAND.level,
            "",
            "not available",
            "Not paid: this is study. Some learners can get a bursary or help with travel.",
        )

    def newly_qualified(self, soc: str, age: float, experienced: Figure) -> Figure:
        """Pay in the job at the age the learner qualifies: ``experienced`` scaled for age, never below
        the legal minimum for that age at the job's full-time hours."""
        whole_age = int(age)
        if experienced.value is None:
            return replace(experienced, label=f"{PAY_NEWLY_QUALIFIED} (at {whole_age})")
        factor = self.age_factor(str(soc)[:1], age)
        floor = self.full_time_minimum(soc, whole_age)
        value = self.scaled(soc, age, experienced.value)
        note = (
            f"{PAY_EXPERIENCED} (£{experienced.value:,.0f}) times {factor:.2f}: how full-time pay at age {whole_age} "
            f"compares with all ages in this group of jobs ({self.age_source}, {self.age_period})."
        )
        if value == floor:
            note += f" Raised to the legal minimum for age {whole_age} at {self.hours(soc):g} hours a week."
        ceiling = self.experienced_now(soc, experienced).value
        if ceiling is not None and value > ceiling:
            # people in their thirties earn more than all ages together, but someone new to a job does not earn
            # more than those with experience in it
            value = ceiling
            note += f" Held to {PAY_EXPERIENCED.lower()} (£{ceiling:,.0f}): someone new to a job is not paid more."
        label = f"{PAY_NEWLY_QUALIFIED} (at {whole_age})"
        if whole_age < YOUNGEST_BAND_AGE:
            # the pay survey has no band under 18: say whose figure it is, with the legal minimum for their age beside it
            label = f"{PAY_NEWLY_QUALIFIED} (the figure for 18 to 21-year-olds)"
            note = (
                f"The pay survey gives no figure for people under {YOUNGEST_BAND_AGE}: this is the figure for "
                f"18 to 21-year-olds. The legal minimum at {whole_age} is £{floor:,.0f} a year full-time. " + note
            )
        low = high = None
        if experienced.low is not None and experienced.high is not None:
            low, high = max(experienced.low * factor, floor), max(experienced.high * factor, floor)
            if ceiling is not None:
                low, high = min(low, ceiling), min(high, max(ceiling, experienced.high))
        return replace(
            experienced,
            label=label,
            value=round_pay(value, floor),
            basis="modelled",
            note=note + (" " + experienced.note if experienced.note else ""),
            low=None if low is None else round_pay(low, floor),
            high=None if high is None else round_pay(high, floor),
        )

    def experienced_now(self, soc: str, experienced: Figure) -> Figure:
        """Pay with experience, never below today's legal minimum for an adult at the job's full-time hours.

        The pay survey's median is from before the latest rise in the legal minimum, so in the lowest-paid
        jobs it can be below what an employer must pay now; it is then raised to that minimum and says so
        (otherwise pay when newly qualified, which is never below the legal minimum, would look higher).
        """
        if experienced.value is None:
            return experienced
        floor = self.full_time_minimum(soc, ADULT_AGE)
        if experienced.value >= floor:
            return experienced
        note = (
            f"The survey's median ({experienced.period}) was £{experienced.value:,.0f}, below the legal minimum for "
            f"an adult at {self.hours(soc):g} hours a week from {self.rates_from}, so we show that minimum."
        )
        return replace(
            experienced,
            value=round_pay(floor, floor),
            basis="modelled",
            low=None,
            high=None,
            note=note + (" " + experienced.note if experienced.note else ""),
        )

    def scaled(self, soc: str, age: float, experienced: float) -> float:
        """Pay with experience scaled to ``age`` (years, may be fractional), never below the legal minimum
        for that age at the job's full-time hours: the one sum behind every age-scaled pay figure."""
        return max(experienced * self.age_factor(str(soc)[:1], age), self.full_time_minimum(soc, int(age)))

    def at_age(self, soc: str, age: int, experienced: float | None) -> float | None:
        """Pay for the year of work from ``age`` to ``age + 1`` (for earnings to 30), taken at its middle;
        None when no pay is published."""
        return None if experienced is None else self.scaled(soc, age + 0.5, experienced)


@dataclass(frozen=True)
class StepPay:
    """Pay while training on one step of a route."""

    step_id: str
    title: str
    figure: Figure


@dataclass(frozen=True)
class RoutePay:
    """The three pay figures of one route for one learner (the same on every page, plan and command line)."""

    while_training: tuple[StepPay, ...]
    newly_qualified: Figure
    experienced: Figure

    @property
    def first_paid(self) -> StepPay | None:
        """The first step with pay while training (an apprenticeship or a paid job), if any."""
        return next((s for s in self.while_training if s.figure.value is not None), None)

    def figures(self) -> tuple[Figure, ...]:
        """The figures to list on a plan: pay while training on the first paid step, then the two job figures."""
        first = self.first_paid
        head = (replace(first.figure, label=f"{PAY_WHILE_TRAINING}: {first.title}"),) if first is not None else ()
        return (*head, self.newly_qualified, self.experienced)


def route_pay(market: LabourMarket, travel: TravelArea, route: Any) -> RoutePay:
    """The three pay figures of a route for its learner, from its destination's :data:`PAY_EXPERIENCED` figure where
    they live (:meth:`pathways.labour_market.LabourMarket.pay`) and the market's :class:`PayScale`.

    Pay while training is worked out at the age each step starts (its first year); pay when newly
    qualified at the age the route reaches its destination."""
    experienced, _ = market.pay(travel.home, route.destination.soc)
    scale = market.pay_scale
    steps = tuple(
        StepPay(s.id, s.title, scale.while_training(s.kind, bool(s.paid), int(s.age_at_start), 1, s.id)) for s in route.steps
    )
    reached = route.starts_at_age + route.total_months / 12
    return RoutePay(
        steps,
        scale.newly_qualified(route.destination.soc, reached, experienced),
        scale.experienced_now(route.destination.soc, experienced),
    )
