"""Money: what a route might pay year by year to age 30, against a full-time degree, on equal terms.

Every figure here is an **estimate** and says its basis (see :mod:`pathways.pay` for the three pay figures):

- while training on an apprenticeship: the legal minimum in force for the learner's age and year of
  apprenticeship, at the fewest hours an apprenticeship can have, 52 weeks a year, at today's rates (not
  uprated for future years); many employers pay more;
- unpaid study earns nothing (and is not called pay);
- in work: the job's median full-time pay for the area, scaled for age each year by ONS ASHE Table 20 age
  bands (a straight line between the bands' middles), never below the legal minimum for that age at the
  job's full-time hours; a year with no published pay has **no figure**, never £0;
- the degree: two years of Level 3 first when needed, three years of full-time study with no earnings,
  then graduate pay, **scaled by age and place exactly as the route's** (the same :class:`~pathways.pay.PayScale`
  and the same regional factor), with the tuition fee and maintenance loans repaid under Plan 5 terms
  from dated ``facts``.

Examples
--------
On the tiny test bundle (see the repository's ``conftest.py``): the first year of an apprenticeship at 16
is paid the apprentice legal minimum for 30 hours a week:

>>> from pathways.pay import PayScale
>>> from pathways.routes import find_routes
>>> from pathways.signals import Signals
>>> route = find_routes(bundle, profile, provider, limit=1)[0]
>>> years = earnings_by_year(route, profile, Signals(pay_experienced=36000.0), PayScale(bundle))
>>> years[0].to_dict()["earnings_gbp"]
12480.0
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from pathways.areas import TravelArea
from pathways.figures import as_number as _num
from pathways.labour_market import LabourMarket
from pathways.pay import PayScale
from pathways.profile import MAX_AGE, QUALIFICATION_LEVEL, Profile
from pathways.vocab import APPRENTICESHIP, APPRENTICESHIP_KINDS, JOB, kind as kind_of

__all__ = [
    "YearEarnings",
    "MoneyFact",
    "DegreeComparison",
    "earnings_by_year",
    "degree_comparison",
    "degree_for",
    "graduate_pay",
    "total_to_30",
    "DEGREE_YEARS",
    "LEAVES_OUT",
]

DEGREE_YEARS = 3
#: years of Level 3 study assumed before a degree for someone below Level 3 (A levels / T Level)
LEVEL3_YEARS = 2
ESTIMATE = "Estimate"
#: what the comparison leaves out, said beside it
LEAVES_OUT = (
    "It leaves out tax and National Insurance, part-time work while studying, pay rises above "
    "inflation, bonuses and overtime, and the chance of changing job. Pay is at today's rates. "
    "Both sides use the same pay survey, the same age scaling and the same place adjustment."
)


@dataclass(frozen=True)
class YearEarnings:
    """Earnings in one year of age (``age`` to ``age + 1``), before tax; ``earnings_gbp`` is None when
    no pay figure is published for that year's work."""

    age: int
    earnings_gbp: float | None
    activity: str
    kind: str  # "school", "study", "apprenticeship", "job", "work", "degree"
    basis: str
    loan_repayment_gbp: float = 0.0
    is_estimate: bool = True
    #: what the amount is: "pay while training", "pay in work", "no earnings: study", ...
    what: str = ""
    #: True when the year spans more than one activity (e.g. the end of an apprenticeship and the first job)
    mixed: bool = False

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> dict:
        """The command line's shape: ``{"age", "amount", "what", "basis"}`` (``basis``: how the amount was worked out,
        with its source and period)."""
        return {"age": self.age, "amount": self.earnings_gbp, "what": self.what, "basis": self.basis}


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
    total_to_30_gbp: float | None = field(default=0.0)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["years"] = [y.to_dict() for y in self.years]
        d["facts"] = [f.to_dict() for f in self.facts]
        d["notes"] = list(self.notes)
        return d


# ============================================================================ facts and rates


def _fact(facts: pd.DataFrame | None, *words: str) -> MoneyFact | None:
    """The last fact (by key, so the latest of dated keys) whose key contains every word."""
    if facts is None or len(facts) == 0:
        return None
    for r in facts.sort_values("key", ascending=False).itertuples(index=False):
        key = str(r.key).lower()
        if all(w in key for w in words) and _num(r.value) is not None:
            return MoneyFact(str(r.key), float(r.value), str(r.unit), str(r.source), str(r.url), str(r.as_of))
    return None


def _work_pay(route: Any, signals: Any) -> tuple[float | None, str]:
    """The destination's median full-time pay with experience for the area (national when no local one)."""
    exp = _num(getattr(signals, "pay_experienced", None))
    area = getattr(signals, "area_label", "") or ""
    if exp is not None:
        return exp, f"modelled pay for {area}" if area else "modelled local pay"
    d = route.destination
    return _num(d.pay_experienced), d.pay_basis


def earnings_by_year(route: Any, profile: Profile, signals: Any, scale: PayScale) -> list[YearEarnings]:
    """Estimated earnings for each year of age from the learner's age to 30, for one route.

    Parameters
    ----------
    route : a :class:`pathways.routes.Route`
    profile : the learner
    signals : local figures for the destination (``pay_experienced``; may be None)
    scale : the legal minimum and age scaling (:class:`pathways.pay.PayScale`)
    """
    exp, pay_basis = _work_pay(route, signals)
    soc = str(route.destination.soc)
    months = _month_plan(route, profile)
    appr_basis = (
        f"legal minimum for apprentices at the rates from {scale.rates_from}, {scale.apprentice_hours:g} hours "
        f"a week (the fewest allowed), 52 weeks; many employers pay more"
    )
    years: list[YearEarnings] = []
    for y, age in enumerate(range(profile.age, MAX_AGE + 1)):
        chunk = months[y * 12 : (y + 1) * 12]
        total: float | None = 0.0
        kinds: dict[tuple[str, str], int] = {}
        bases: list[str] = []
        for kind, activity, apprentice_month, _work_month in chunk:
            if kind == APPRENTICESHIP:
                rate = scale.minimum_hourly(age, apprentice_month // 12 + 1)
                total = None if total is None else total + rate * scale.apprentice_hours * 52 / 12
                basis = appr_basis
            elif kind == "paid":
                total = None if total is None else total + scale.full_time_minimum(soc, age) / 12
                basis = f"legal minimum for age {age} at the rates from {scale.rates_from}, full-time hours"
            elif kind == "work":
                pay = scale.at_age(soc, age, exp)
                total = None if total is None or pay is None else total + pay / 12
                basis = (
                    (
                        f"{pay_basis}: median full-time pay scaled for age {age} by how pay at that age compares "
                        f"with all ages ({scale.age_source}), never below the legal minimum"
                    )
                    if pay is not None
                    else "no figure: ONS did not publish pay for this job"
                )
            else:
                basis = "no earnings while studying" if kind == "study" else "at school (no earnings)"
            kinds[(kind, activity)] = kinds.get((kind, activity), 0) + 1
            if basis not in bases:
                bases.append(basis)
        (kind, activity), _ = max(kinds.items(), key=lambda kv: kv[1])
        years.append(
            YearEarnings(
                age,
                None if total is None else round(total, -1),
                activity,
                _KIND_NAME.get(kind, kind),
                f"{ESTIMATE}: " + "; ".join(bases),
                what=_WHAT.get(kind, kind),
                mixed=len(kinds) > 1,
            )
        )
    return years


def total_to_30(years: list[YearEarnings] | tuple[YearEarnings, ...]) -> float | None:
    """Earnings to 30 less loan repayments; None when any year has no figure (no total is made up)."""
    if any(y.earnings_gbp is None for y in years):
        return None
    return round(sum((y.earnings_gbp or 0.0) - y.loan_repayment_gbp for y in years), -1)


_WHAT = {
    APPRENTICESHIP: "pay while training (legal minimum)",
    "paid": "pay in a job (legal minimum)",
    "work": "pay in work (estimate)",
    "study": "no earnings: study",
    "school": "no earnings: at school",
    "degree": "no earnings: university",
}
_KIND_NAME = {"paid": JOB, "work": "work", APPRENTICESHIP: APPRENTICESHIP, "study": "study", "school": "school"}


def _month_plan(route: Any, profile: Profile) -> list[tuple[str, str, int, int]]:
    """For every month from now to 31: (kind, activity, month of apprenticeship, month in work)."""
    total = (MAX_AGE + 1 - profile.age) * 12
    plan: list[tuple[str, str, int, int]] = []
    school = max(0, (route.starts_at_age - profile.age) * 12)
    plan += [("school", "At school", 0, 0)] * school
    for st in route.steps:
        if not kind_of(st.kind).is_programme:  # the destination job: counted as work below
            continue
        if st.kind in APPRENTICESHIP_KINDS:
            plan += [(APPRENTICESHIP, f"Apprenticeship: {st.title}", m, 0) for m in range(st.months)]
        elif st.paid:
            plan += [("paid", st.title, 0, 0)] * st.months
        else:
            plan += [("study", f"Study: {st.title}", 0, 0)] * st.months
    dest = f"Working as: {route.destination.title}"
    plan += [("work", dest, 0, m) for m in range(max(0, total - len(plan)))]
    return plan[:total]


# ============================================================================ degree comparison
def graduate_pay(route: Any, signals: Any, occupations: pd.DataFrame, region_factor: float) -> tuple[float | None, str, str, str]:
    """(median pay with experience, occupation, SOC code or major group, basis) for the degree side.

    The route's destination when it is graduate-level (SOC major group 2), else the median across
    professional occupations of their UK median pay, times ``region_factor`` (the same place adjustment
    as the route side)."""
    soc = str(route.destination.soc)
    if soc.startswith("2"):
        exp, basis = _work_pay(route, signals)
        return exp, route.destination.title, soc, f"{basis} (a graduate-level job)"
    prof = occupations[occupations["soc"].astype(str).str.startswith("2")]
    if "pay_reliability" in prof:
        prof = prof[prof["pay_reliability"] == "reliable"]
    med = pd.to_numeric(prof["annual_median"], errors="coerce").dropna()
    value = float(med.median()) * region_factor if len(med) else None
    return (
        value,
        "Professional occupations (SOC major group 2)",
        "2",
        "the middle of professional jobs' median full-time pay (ONS pay survey), adjusted for your region as the route's pay is",
    )


@dataclass(frozen=True)
class _Loan:
    """The student loan terms found in ``facts`` (each None when not there)."""

    fee: MoneyFact | None
    maintenance: MoneyFact | None
    threshold: MoneyFact | None
    rate: MoneyFact | None
    interest: MoneyFact | None

    @classmethod
    def from_facts(cls, facts: pd.DataFrame | None) -> "_Loan":
        return cls(
            _fact(facts, "tuition"),
            _fact(facts, "maintenance", "loan"),
            _fact(facts, "plan", "5", "threshold") or _fact(facts, "plan5", "threshold"),
            _fact(facts, "plan", "5", "rate") or _fact(facts, "plan5", "rate"),
            _fact(facts, "plan", "5", "interest") or _fact(facts, "plan5", "interest"),
        )

    @property
    def used(self) -> tuple[MoneyFact, ...]:
        return tuple(f for f in (self.fee, self.maintenance, self.threshold, self.rate, self.interest) if f is not None)

    @property
    def amount(self) -> float | None:
        """Tuition and maintenance for the whole degree; None without a tuition fee."""
        if self.fee is None:
            return None
        return (self.fee.value + (self.maintenance.value if self.maintenance else 0.0)) * DEGREE_YEARS

    @property
    def rate_share(self) -> float | None:
        return (self.rate.value / 100 if self.rate.value > 1 else self.rate.value) if self.rate else None

    @property
    def interest_share(self) -> float | None:
        return (self.interest.value / 100 if self.interest.value > 1 else self.interest.value) if self.interest else None

    def notes(self) -> list[str]:
        """What the loan is made of, and what is not in our data."""
        fee, maintenance, interest = self.fee, self.maintenance, self.interest
        if fee is None:
            out = ["The tuition fee is not in our data, so the loan is not shown."]
        else:
            out = [
                f"Loan: tuition fee £{fee.value:,.0f} a year ({fee.source}, {fee.as_of})"
                + (
                    f" and the largest maintenance loan for a student living away from home outside London, "
                    f"£{maintenance.value:,.0f} a year ({maintenance.source}, {maintenance.as_of}); many borrow less"
                    if maintenance
                    else "; maintenance loans are not in our data, so not included"
                )
                + "."
            ]
        if interest is None:
            out.append("Interest on the loan is not in our data, so the amount owed is an underestimate.")
        else:
            out.append(
                f"Plan 5 interest: {interest.value:g}% a year ({interest.source}, {interest.as_of}), not changed in later years."
            )
        return out


def _degree_years(
    profile: Profile, uni_age: int, graduate: tuple[float | None, str, str, str], scale: PayScale, loan: _Loan
) -> tuple[list[YearEarnings], float, float | None]:
    """Each year from the learner's age to 30 on the degree side: (years, repaid by 30, still owed at 30)."""
    exp, occupation, soc, pay_basis = graduate
    balance, repaid, rate_share, interest = loan.amount, 0.0, loan.rate_share, loan.interest_share
    years: list[YearEarnings] = []
    grad_age = uni_age + DEGREE_YEARS
    for age in range(profile.age, MAX_AGE + 1):
        if age < uni_age:
            years.append(
                YearEarnings(
                    age,
                    0.0,
                    "At school or college",
                    "school",
                    f"{ESTIMATE}: no earnings",
                    what="no earnings: at school or college",
                )
            )
            continue
        if age < grad_age:
            years.append(
                YearEarnings(
                    age,
                    0.0,
                    "University degree (full-time)",
                    "degree",
                    f"{ESTIMATE}: no earnings while studying (part-time work not counted)",
                    what="no earnings: university",
                )
            )
            continue
        pay = scale.at_age(soc, age, exp)
        repay = 0.0
        if pay is not None and balance is not None and loan.threshold is not None and rate_share is not None and age > grad_age:
            # Plan 5 repayments start in the April after leaving the course
            repay = min(max(pay - loan.threshold.value, 0.0) * rate_share, balance)
            balance -= repay
            repaid += repay
        if balance is not None and interest is not None:
            balance *= 1 + interest
        years.append(
            YearEarnings(
                age,
                None if pay is None else round(pay, -1),
                f"Working as: {occupation}",
                "work",
                f"{ESTIMATE}: {pay_basis}; scaled for age {age} as the route's pay is "
                f"({scale.age_source}), never below the legal minimum",
                round(repay, -1),
                what="pay in work (estimate)",
            )
        )
    return years, repaid, balance


def degree_comparison(
    route: Any,
    profile: Profile,
    signals: Any,
    occupations: pd.DataFrame,
    scale: PayScale,
    region_factor: float = 1.0,
    facts: pd.DataFrame | None = None,
) -> DegreeComparison:
    """A full-time degree instead of the route, to age 30, on the same terms as the route.

    The learner first finishes Level 3 (two years from 16 when below Level 3), starts university at 18
    at the earliest, studies for :data:`DEGREE_YEARS` years with no earnings, then works in a comparable
    graduate job (:func:`graduate_pay`), with pay scaled for age by the same :class:`~pathways.pay.PayScale`
    as the route. The loan is the tuition fee and the largest maintenance loan outside London (from
    ``facts``), repaid under Plan 5 from the April after the course, with Plan 5 interest when known.
    """
    notes: list[str] = []
    uni_age = max(profile.age, 18)
    if QUALIFICATION_LEVEL[profile.qualification] < 3:
        uni_age = max(uni_age, max(profile.age, 16) + LEVEL3_YEARS)
        notes.append(f"Assumes {LEVEL3_YEARS} years of Level 3 study (A levels or a T Level) before university.")
    graduate = graduate_pay(route, signals, occupations, region_factor)
    loan = _Loan.from_facts(facts)
    notes += loan.notes()
    years, repaid, balance = _degree_years(profile, uni_age, graduate, scale, loan)
    if loan.threshold and loan.rate_share is not None:
        notes.append(
            f"Plan 5: {loan.rate_share * 100:g}% of income above "
            f"£{loan.threshold.value:,.0f} a year ({loan.threshold.source}, {loan.threshold.as_of}), threshold not uprated."
        )
    notes.append(LEAVES_OUT)
    return DegreeComparison(
        years=tuple(years),
        occupation=graduate[1],
        pay_basis=graduate[3],
        tuition_loan_gbp=loan.amount,
        repaid_by_30_gbp=round(repaid, -1),
        owed_at_30_gbp=None if balance is None else round(balance, -1),
        facts=loan.used,
        notes=tuple(notes),
        total_to_30_gbp=total_to_30(years),
    )


def degree_for(market: LabourMarket, profile: Profile, route: Any, travel: TravelArea) -> DegreeComparison:
    """:func:`degree_comparison` for a learner, on the same age and place terms as ``route``: its destination's
    figures in the travel area, and the region's pay factor for professional jobs (SOC major group 2)."""
    sig = market.signals(travel, route.destination.soc)
    factor, _ = market.pay_factor(travel.home, "2")
    return degree_comparison(route, profile, sig, market.bundle.occupations, market.pay_scale, factor, market.bundle.facts)
