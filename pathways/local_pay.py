"""Local pay for a job: the UK figure scaled to the learner's region, never below the legal minimum.

ONS publishes pay by detailed occupation only for the UK, so a local figure is the UK median full-time pay
for the job (ASHE Table 14), times how full-time pay for the job's major group in the learner's region
compares with the UK (ASHE Table 3), and never below the legal minimum in force now for full-time hours in
the job. :class:`LocalPay` holds those tables; :class:`pathways.market_tables.MarketTables` builds on it with
the market's other tables, and :class:`pathways.labour_market.LabourMarket` turns the numbers into figures with
their sources.
"""

from __future__ import annotations


from pathways.areas import Place
from pathways.bundle import Bundle
from pathways.citations import month_year
from pathways.figures import as_number
from pathways.pay import ADULT_AGE, PayScale
from pathways.schema.programmes import PAY_EARLIER
from pathways.vocab import MONTHS, UK

__all__ = ["LocalPay", "period_date"]


def period_date(period: str) -> str | None:
    """A "Month YYYY" period as a date (``YYYY-MM-28``), so that pay can be held to the legal minimum in force
    when ONS measured it; None when it is not a month.

    >>> period_date("April 2025 (provisional)"), period_date("")
    ('2025-04-28', None)
    """
    text = month_year(period)
    if not text:
        return None
    month, year = text.split()
    return f"{year}-{MONTHS.index(month) + 1:02d}-28"


class LocalPay:
    """The pay tables of a bundle and the local estimate worked out from them (each a plain number)."""

    def __init__(self, bundle: Bundle) -> None:
        self.pay_scale = PayScale(bundle)
        self._occ = bundle.occupations.set_index("soc")
        pr = bundle.pay_region
        pr = pr[(pr.population == "full_time") & (pr.measure == "annual")]
        self._region_pay = {(r.region_code, str(r.major_group)): as_number(r.median) for r in pr.itertuples(index=False)}
        uk = pr[pr.region_code == UK.code]
        self._uk_pay = {str(r.major_group): as_number(r.median) for r in uk.itertuples(index=False)}
        col = self._occ["pay_reliability"] if "pay_reliability" in self._occ else None
        self._reliable = {} if col is None else {str(k): str(v) == "reliable" for k, v in col.items()}
        #: local estimates by (job, factor), filled as they are asked for (a few regions x 412 jobs)
        self._estimates: dict[tuple[str, float], float | None] = {}

    def pay_factor(self, place: Place, soc: str) -> tuple[float, str]:
        """The multiplier from UK to local pay for an occupation (its major group's pay in the region
        against the UK), and a plain note on it.

        There is no district step: ONS publishes no full-time pay by job for districts, and residents'
        pay in all jobs (ASHE Table 8) mixes part-time work and the area's mix of jobs, so it says more
        about which jobs people do there than about what one job pays."""
        major = soc[0]
        reg, uk = self._region_pay.get((place.region_code, major)), self._uk_pay.get(major)
        if reg and uk:
            return reg / uk, ""
        return 1.0, "regional pay for this group of jobs is not published, so the UK figure is used"

    def local_pay(self, soc: str, factor: float) -> tuple[float | None, float | None, float | None]:
        """(estimate, low, high) of local full-time median pay: the UK median times ``factor``, never below
        the legal minimum for full-time hours in the job; a range (the 2023 and 2025 UK figures, scaled
        alike) when ONS's figure is less reliable."""
        o = self._occ.loc[soc]
        national = as_number(o.annual_median)
        if national is None:
            return None, None, None
        floor = self.pay_scale.full_time_minimum(soc, ADULT_AGE)
        value = max(national * factor, floor)
        low = high = None
        before = as_number(getattr(o, PAY_EARLIER, None))
        if str(getattr(o, "pay_reliability", "")) == "less reliable" and before is not None:
            low, high = (max(min(national, before) * factor, floor), max(max(national, before) * factor, floor))
        return value, low, high

    def estimate(self, soc: str, factor: float) -> float | None:
        """:meth:`local_pay`'s estimate alone, kept once worked out (ranking asks for every job in a region)."""
        key = (soc, factor)
        if key not in self._estimates:
            self._estimates[key] = self.local_pay(soc, factor)[0]
        return self._estimates[key]

    def reliable(self, soc: str) -> bool:
        """False when ONS's pay figure for the job is less reliable (kept out of ranking)."""
        return self._reliable.get(soc, True)
