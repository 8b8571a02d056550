"""Money: what a route might pay year by year to age 30, against a full-time degree.

Every figure here is an **estimate** and says its basis:

- apprentice pay is the legal minimum in force (the apprentice rate while under 19 or in the
  first year of an apprenticeship, otherwise the age rate) for the apprentice hours in ``facts``,
  52 weeks a year, at today's rates (not uprated for future years); many employers pay more;
- unpaid study earns nothing;
- after training, the destination's modelled local pay (or the national figure when there is
  no local one) rises evenly from starting pay to experienced pay over :data:`YEARS_TO_EXPERIENCED`
  years (our assumption);
- the degree comparison is three years of full-time study with no earnings, then graduate pay,
  with a tuition fee loan repaid under Plan 5 terms from ``facts``.

Examples
--------
>>> years = earnings_by_year(route, profile, signals, bundle.wage_rates, bundle.facts)  # doctest: +SKIP
>>> years[0].to_dict()["earnings_gbp"]                                                 # doctest: +SKIP
12480.0
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from pathways.profile import MAX_AGE, QUALIFICATION_LEVEL, Profile

__all__ = [
    "age_factor",
    "YearEarnings",
    "MoneyFact",
    "DegreeComparison",
    "earnings_by_year",
    "degree_comparison",
    "minimum_hourly_rate",
    "YEARS_TO_EXPERIENCED",
    "DEGREE_YEARS",
]

#: years in work after which we use the "experienced" pay figure (rising evenly until then)
YEARS_TO_EXPERIENCED = 4
DEGREE_YEARS = 3
#: years of Level 3 study assumed before a degree for someone below Level 3 (A levels / T Level)
LEVEL3_YEARS = 2
_APPRENTICESHIP = ("apprenticeship", "foundation_apprenticeship")
ESTIMATE = "Estimate"


@dataclass(frozen=True)
class YearEarnings:
    """Earnings in one year of age (``age`` to ``age + 1``), before tax."""

    age: int
    earnings_gbp: float
    activity: str
    kind: str  # "school", "study", "apprenticeship", "job", "work", "degree"
    basis: str
    loan_repayment_gbp: float = 0.0
    is_estimate: bool = True

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class MoneyFact:
    """A dated fact used in the sums, with where it comes from."""

    key: str
    value: float
    unit: str
    source: str
    url: str
    as_of: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class DegreeComparison:
    """A full-time degree instead of the route, to age 30."""

    years: tuple[YearEarnings, ...]
    occupation: str
    pay_basis: str
    tuition_loan_gbp: float | None
    repaid_by_30_gbp: float
    owed_at_30_gbp: float | None
    facts: tuple[MoneyFact, ...]
    notes: tuple[str, ...]
    total_to_30_gbp: float = field(default=0.0)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["years"] = [y.to_dict() for y in self.years]
        d["facts"] = [f.to_dict() for f in self.facts]
        d["notes"] = list(self.notes)
        return d


# ============================================================================ facts and rates
def _num(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _fact(facts: pd.DataFrame | None, *words: str) -> MoneyFact | None:
    """The last fact (by key, so the latest of dated keys) whose key contains every word."""
    if facts is None or len(facts) == 0:
        return None
    for r in facts.sort_values("key", ascending=False).itertuples(index=False):
        key = str(r.key).lower()
        if all(w in key for w in words) and _num(r.value) is not None:
            return MoneyFact(str(r.key), float(r.value), str(r.unit), str(r.source), str(r.url), str(r.as_of))
    return None


def _rates_in_force(wage_rates: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The latest set of rates (the rows with the latest start date)."""
    latest = wage_rates["start_date"].astype(str).max()
    rows = wage_rates[wage_rates["start_date"].astype(str) == latest]
    return rows, latest


def minimum_hourly_rate(wage_rates: pd.DataFrame, age: int, apprentice_year: int | None = None) -> float:
    """The legal minimum hourly pay at the latest rates.

    ``apprentice_year`` is 1, 2, ... for an apprentice, None otherwise. Apprentices under 19 or
    in their first year get the apprentice rate; everyone else the rate for their age.

    >>> import pandas as pd
    >>> r = pd.DataFrame({"start_date": ["2026-04-01"] * 3, "band": ["apprentice", "age_18_to_20", "age_21_plus"],
    ...                   "min_age": [None, 18, 21], "max_age": [None, 20, None], "hourly_rate_gbp": [8.0, 10.85, 12.71]})
    >>> minimum_hourly_rate(r, 18, 1), minimum_hourly_rate(r, 20, 2), minimum_hourly_rate(r, 25)
    (8.0, 10.85, 12.71)
    """
    rows, _ = _rates_in_force(wage_rates)
    if apprentice_year is not None and (age < 19 or apprentice_year <= 1):
        appr = rows[rows["band"] == "apprentice"]["hourly_rate_gbp"]
        if len(appr) and _num(appr.iloc[0]) is not None:
            return float(appr.iloc[0])
    best = None
    for r in rows.itertuples(index=False):
        if r.band in ("apprentice",) or "offset" in str(r.band):
            continue
        lo, hi = _num(r.min_age), _num(r.max_age)
        if lo is None:
            continue
        if lo <= age and (hi is None or age <= hi):
            best = float(r.hourly_rate_gbp)
    if best is None:
        raise ValueError(f"no minimum wage band for age {age}")
    return best


# ============================================================================ the route
def _hours(facts: pd.DataFrame | None) -> tuple[float, str]:
    f = _fact(facts, "apprentice", "hours")
    if f is None:
        # Apprentices must be employed for at least 30 hours a week (gov.uk/become-apprentice/pay-and-conditions,
        # checked 2026-11): used only when the bundle's facts do not carry it.
        return 30.0, "30 hours a week (gov.uk/become-apprentice/pay-and-conditions)"
    return f.value, f"{f.value:g} hours a week ({f.source}, {f.as_of})"


def _pay_ramp(start: float | None, exp: float | None, years_in: int) -> float | None:
    if start is None and exp is None:
        return None
    start = start if start is not None else exp
    exp = exp if exp is not None else start
    share = min(years_in, YEARS_TO_EXPERIENCED) / YEARS_TO_EXPERIENCED
    return start + (exp - start) * share


def _dest_pay(route: Any, signals: Any) -> tuple[float | None, float | None, str]:
    start, exp = _num(getattr(signals, "pay_start", None)), _num(getattr(signals, "pay_experienced", None))
    area = getattr(signals, "area_label", "") or ""
    if start is not None or exp is not None:
        return start, exp, f"modelled local pay{' for ' + area if area else ''}"
    d = route.destination
    return _num(d.pay_start), _num(d.pay_experienced), d.pay_basis


AGE_BANDS = ((21, "18-21"), (29, "22-29"), (39, "30-39"))


_AGE_FACTORS: dict[tuple[int, int], dict[tuple[str, str], float]] = {}


def _age_factors(pay_age: pd.DataFrame, pay_region: pd.DataFrame) -> dict[tuple[str, str], float]:
    key = (id(pay_age), id(pay_region))
    if key not in _AGE_FACTORS:
        uk = pay_region[(pay_region["region_code"] == "K02000001") & (pay_region["population"] == "full_time")
                        & (pay_region["measure"] == "annual")]
        everyone = {str(g): _num(v) for g, v in zip(uk["major_group"], uk["median"])}
        _AGE_FACTORS[key] = {
            (str(b), str(g)): min(1.0, young / everyone[str(g)])
            for b, g, young in zip(pay_age["age_band"], pay_age["major_group"], (_num(v) for v in pay_age["median"]))
            if young and everyone.get(str(g))
        }
    return _AGE_FACTORS[key]


def age_factor(pay_age: pd.DataFrame | None, pay_region: pd.DataFrame | None, major_group: str, age: int) -> float:
    """How full-time pay at this age compares with all ages, for a SOC major group (ASHE 2025, UK).

    Under-18s take the 18-21 figure; the factor is capped at 1 (young workers are not assumed to
    out-earn the all-ages figure) and is 1 when a figure is missing or the age is 30 or more.
    """
    if pay_age is None or pay_region is None or age >= 30:
        return 1.0
    band = next(b for limit, b in AGE_BANDS if age <= limit)
    return _age_factors(pay_age, pay_region).get((band, str(major_group)), 1.0)


def earnings_by_year(route: Any, profile: Profile, signals: Any, wage_rates: pd.DataFrame,
                     facts: pd.DataFrame | None = None, pay_age: pd.DataFrame | None = None,
                     pay_region: pd.DataFrame | None = None) -> list[YearEarnings]:
    """Estimated earnings for each year of age from the learner's age to 30, for one route.

    Parameters
    ----------
    route : a :class:`pathways.routes.Route`
    profile : the learner
    signals : local figures for the destination (``pay_start``, ``pay_experienced``; may be None)
    wage_rates, facts : the bundle tables of the same names
    """
    hours, hours_basis = _hours(facts)
    _, rates_from = _rates_in_force(wage_rates)
    start_pay, exp_pay, pay_basis = _dest_pay(route, signals)
    months = _month_plan(route, profile)
    years: list[YearEarnings] = []
    for y, age in enumerate(range(profile.age, MAX_AGE + 1)):
        chunk = months[y * 12:(y + 1) * 12]
        total = 0.0
        kinds: dict[str, int] = {}
        bases: list[str] = []
        for m, (kind, activity, apprentice_month, work_month) in enumerate(chunk):
            age_now = age
            if kind in ("apprenticeship",):
                rate = minimum_hourly_rate(wage_rates, age_now, apprentice_month // 12 + 1)
                total += rate * hours * 52 / 12
                basis = (f"legal minimum for apprentices at the rates from {rates_from}, {hours_basis}, "
                         "52 weeks; many employers pay more")
            elif kind == "paid":
                rate = minimum_hourly_rate(wage_rates, age_now)
                total += rate * hours * 52 / 12
                basis = f"legal minimum for age {age_now} at the rates from {rates_from}, {hours_basis}"
            elif kind == "work":
                pay = _pay_ramp(start_pay, exp_pay, work_month // 12)
                factor = age_factor(pay_age, pay_region, route.destination.soc[:1], age_now)
                if pay is not None:
                    floor = minimum_hourly_rate(wage_rates, age_now) * hours * 52
                    pay = max(pay * factor, floor)
                total += (pay or 0.0) / 12
                basis = (f"{pay_basis}, starting pay rising evenly to experienced pay over "
                         f"{YEARS_TO_EXPERIENCED} years (our assumption)") if pay is not None else "no pay figure"
                if pay is not None and factor < 1.0:
                    basis += ("; scaled for age by how full-time pay at this age compares with all ages "
                              "(ONS ASHE 2025 Table 20), never below the legal minimum")
            else:
                basis = "no earnings while studying" if kind == "study" else "at school (no earnings)"
            kinds[(kind, activity)] = kinds.get((kind, activity), 0) + 1
            if basis not in bases:
                bases.append(basis)
        (kind, activity), _ = max(kinds.items(), key=lambda kv: kv[1])
        years.append(YearEarnings(age, round(total, -1), activity, _KIND_NAME.get(kind, kind),
                                  f"{ESTIMATE}: " + "; ".join(bases)))
    return years


_KIND_NAME = {"paid": "job", "work": "work", "apprenticeship": "apprenticeship", "study": "study", "school": "school"}


def _month_plan(route: Any, profile: Profile) -> list[tuple[str, str, int, int]]:
    """For every month from now to 31: (kind, activity, month of apprenticeship, month in work)."""
    total = (MAX_AGE + 1 - profile.age) * 12
    plan: list[tuple[str, str, int, int]] = []
    school = max(0, (route.starts_at_age - profile.age) * 12)
    plan += [("school", "At school", 0, 0)] * school
    for st in route.steps:
        if st.kind == "job":
            continue
        if st.kind in _APPRENTICESHIP:
            plan += [("apprenticeship", f"Apprenticeship: {st.title}", m, 0) for m in range(st.months)]
        elif st.paid:
            plan += [("paid", st.title, 0, 0)] * st.months
        else:
            plan += [("study", f"Study: {st.title}", 0, 0)] * st.months
    dest = f"Working as: {route.destination.title}"
    plan += [("work", dest, 0, m) for m in range(max(0, total - len(plan)))]
    return plan[:total]


# ============================================================================ degree comparison
def _graduate_pay(route: Any, signals: Any, occupations: pd.DataFrame) -> tuple[float | None, float | None, str, str]:
    soc = str(route.destination.soc)
    if soc.startswith("2"):
        start, exp, basis = _dest_pay(route, signals)
        return start, exp, route.destination.title, f"{basis} (a graduate-level occupation)"
    prof = occupations[occupations["soc"].astype(str).str.startswith("2")]
    p25 = pd.to_numeric(prof["annual_p25"], errors="coerce").dropna()
    med = pd.to_numeric(prof["annual_median"], errors="coerce").dropna()
    return (float(p25.median()) if len(p25) else None, float(med.median()) if len(med) else None,
            "Professional occupations (SOC major group 2)",
            "national figure: the median across professional occupations (SOC major group 2) of their "
            "lower-quartile pay to start and median pay with experience, from the ONS pay survey")


def degree_comparison(route: Any, profile: Profile, signals: Any, occupations: pd.DataFrame,
                      facts: pd.DataFrame | None = None) -> DegreeComparison:
    """Three years of full-time study with no earnings, then graduate pay, and the tuition fee loan.

    The learner first finishes school or Level 3 study (A levels or a T Level: two years from 16
    when they are below Level 3), starts university at 18 at the earliest, then works in a
    comparable graduate occupation: the route's destination when it is graduate-level (SOC major
    group 2), otherwise the median of professional occupations nationally.
    """
    notes: list[str] = []
    uni_age = max(profile.age, 18)
    if QUALIFICATION_LEVEL[profile.qualification] < 3:
        uni_age = max(uni_age, max(profile.age, 16) + LEVEL3_YEARS)
        notes.append(f"Assumes {LEVEL3_YEARS} years of Level 3 study (A levels or a T Level) before university.")
    start, exp, occupation, pay_basis = _graduate_pay(route, signals, occupations)
    fee = _fact(facts, "tuition")
    threshold = _fact(facts, "plan", "5", "threshold") or _fact(facts, "plan5", "threshold")
    rate = _fact(facts, "plan", "5", "rate") or _fact(facts, "plan5", "rate")
    interest = _fact(facts, "plan", "5", "interest") or _fact(facts, "plan5", "interest")
    used = tuple(f for f in (fee, threshold, rate, interest) if f is not None)
    loan = fee.value * DEGREE_YEARS if fee else None
    if fee is None:
        notes.append("The tuition fee is not in the data, so the loan is not shown.")
    else:
        notes.append(f"Loan: tuition fees only (£{fee.value:,.0f} a year, {fee.as_of}); maintenance loans not included.")
    if interest is None:
        notes.append("Interest on the loan is not included, so the amount owed is an underestimate.")
    rate_share = (rate.value / 100 if rate and rate.value > 1 else rate.value) if rate else None
    balance = loan
    repaid = 0.0
    years: list[YearEarnings] = []
    grad_age = uni_age + DEGREE_YEARS
    for age in range(profile.age, MAX_AGE + 1):
        if age < uni_age:
            years.append(YearEarnings(age, 0.0, "At school or college", "school", f"{ESTIMATE}: no earnings"))
            continue
        if age < grad_age:
            years.append(YearEarnings(age, 0.0, "University degree (full-time)", "degree",
                                      f"{ESTIMATE}: no earnings while studying (part-time work not counted)"))
            continue
        pay = _pay_ramp(start, exp, age - grad_age) or 0.0
        repay = 0.0
        if balance is not None and threshold is not None and rate_share is not None and age > grad_age:
            # Plan 5 repayments start in the April after leaving the course
            repay = min(max(pay - threshold.value, 0.0) * rate_share, balance)
            balance -= repay
            repaid += repay
        if balance is not None and interest is not None:
            balance *= 1 + (interest.value / 100 if interest.value > 1 else interest.value)
        years.append(YearEarnings(age, round(pay, -1), f"Working as: {occupation}", "work",
                                  f"{ESTIMATE}: {pay_basis}; rising evenly to experienced pay over "
                                  f"{YEARS_TO_EXPERIENCED} years (our assumption)", round(repay, -1)))
    if threshold and rate:
        notes.append(f"Plan 5: {rate_share * 100:g}% of income above "
                     f"£{threshold.value:,.0f} a year ({threshold.source}, {threshold.as_of}).")
    return DegreeComparison(
        years=tuple(years), occupation=occupation, pay_basis=pay_basis, tuition_loan_gbp=loan,
        repaid_by_30_gbp=round(repaid, -1), owed_at_30_gbp=None if balance is None else round(balance, -1),
        facts=used, notes=tuple(notes), total_to_30_gbp=round(sum(y.earnings_gbp - y.loan_repayment_gbp for y in years), -1),
    )
