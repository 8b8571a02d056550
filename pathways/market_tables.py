"""The labour market's tables over a bundle and the plain numbers worked out from them.

Job adverts, people in work and projections by group of jobs, and apprenticeship starts and population by
area, held as look-up tables; sums of them over a travel area's districts; and the signals route ranking
uses (each a plain number). :class:`pathways.labour_market.LabourMarket` builds on :class:`MarketTables`
and turns the numbers into figures with their sources.
"""

from __future__ import annotations

import pandas as pd

from pathways.areas import TravelArea
from pathways.bundle import Bundle
from pathways.errors import UnknownOccupation
from pathways.figures import as_number
from pathways.local_pay import LocalPay
from pathways.signals import Signals
from pathways.vocab import ENGLAND
from pathways.words import plain_title

__all__ = ["MarketTables", "cell"]


def _wide(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """A long table as one row per area and one column per group of jobs, missing where the figure is not
    published. Not ``pivot_table(aggfunc="sum")``: that adds up no values to 0, which made the 2,971 suppressed
    APS cells of the latest year (2,920 of them districts) "0 people, measured".

    >>> t = pd.DataFrame({"area_code": ["A", "A", "B"], "g": ["11", "total", "11"], "value": [5.0, 9.0, float("nan")]})
    >>> _wide(t, "g").loc["B"].tolist()
    [nan, nan]
    """
    return table.pivot(index="area_code", columns=column, values="value")


def cell(table: pd.DataFrame, col: str, code: str) -> float | None:
    """One area's figure in one column of a wide table (None when not published)."""
    return as_number(table[col].get(code)) if col in table.columns else None


class MarketTables(LocalPay):
    """The look-up tables of a bundle's labour market figures; each query touches only a learner's slice."""

    def __init__(self, bundle: Bundle) -> None:
        super().__init__(bundle)
        self.bundle = bundle
        self._column_cache: dict[int, dict[str, dict[str, float]]] = {}
        groups = bundle.soc_groups
        self._group_title = dict(zip(groups.code, groups.title))
        self._socs = frozenset(bundle.occupations.soc)
        self._load_adverts_and_employment(bundle)
        self._load_starts_and_population(bundle)

    def _load_adverts_and_employment(self, bundle: Bundle) -> None:
        """Adverts and employment as wide tables (rows = area code, columns = group of jobs), and projections."""
        ja = bundle.job_adverts
        self._adverts = _wide(ja, "soc_group")
        self.adverts_period = str(ja.period.iloc[0]) if len(ja) else ""
        em = bundle.employment
        self.emp_periods = sorted(em.period_end_year.unique())
        latest, earlier = self.emp_periods[-1], self.emp_periods[0]
        self._emp_period_text = dict(zip(em.period_end_year, em.period))
        self._emp = {y: _wide(em[em.period_end_year == y], "sub_major_group") for y in (latest, earlier)}
        self._emp_latest, self._emp_earlier = latest, earlier
        pj = bundle.projections
        self._proj = {(r.area_code, str(r.sub_major_group)): r for r in pj.itertuples(index=False)}

    def _load_starts_and_population(self, bundle: Bundle) -> None:
        """Apprenticeship starts by home district (latest full year) and people aged 16 and over, here and in England."""
        ap = bundle.apprenticeships_area
        full = ap[~ap.partial_year]
        self.apps_latest_year = str(sorted(full.year.unique())[-1]) if len(full) else ""
        latest_home = full[(full.basis == "home") & (full.year == self.apps_latest_year)]
        self._starts_home = {r.lad_code: as_number(r.starts) for r in latest_home.itertuples(index=False)}
        pop = bundle.population
        pop = pop[pop.period_end_year == pop.period_end_year.max()]
        self._pop = {r.area_code: as_number(r.value) for r in pop.itertuples(index=False)}
        self._pop_period = f"APS, {pop.period.iloc[0]}" if len(pop) else ""
        eng_pop = self._pop.get(ENGLAND.code)
        self._england_starts_per_1000 = float(latest_home.starts.sum()) / eng_pop * 1000 if eng_pop else None

    # -- helpers ---------------------------------------------------------------------------
    def _group(self, soc: str) -> str:
        return soc[:2]

    def group_title(self, soc: str) -> str:
        return str(self._group_title.get(self._group(soc), "")).capitalize()

    def _sum(self, table: pd.DataFrame, codes: tuple[str, ...], col: str) -> tuple[float | None, int]:
        """Sum a column over districts; returns (total or None, how many districts had no value)."""
        lookup = self._columns(table).get(col)
        if lookup is None:
            return None, len(codes)
        values = [lookup.get(c) for c in codes]
        present = [v for v in values if v is not None]
        if not present:
            return None, len(codes)
        return float(sum(present)), len(codes) - len(present)

    def _matched(self, table: pd.DataFrame, codes: tuple[str, ...], col: str) -> tuple[float, float] | None:
        """(``col``, ``total``) summed over the districts where both are published, or None: a share of
        people or adverts from like with like, never with a suppressed cell counted as 0."""
        cols = self._columns(table)
        part, whole = cols.get(col, {}), cols.get("total", {})
        both = self._published(table, codes, col)
        if not both:
            return None
        return float(sum(part[c] for c in both)), float(sum(whole[c] for c in both))

    def _columns(self, table: pd.DataFrame) -> dict[str, dict[str, float]]:
        """A wide table as {column: {area: value}} without missing values (built once per table)."""
        key = id(table)
        cached = self._column_cache.get(key)
        if cached is None:
            cached = {str(col): {a: float(v) for a, v in table[col].dropna().items()} for col in table.columns}
            self._column_cache[key] = cached
        return cached

    def _published(self, table: pd.DataFrame, codes: tuple[str, ...], col: str) -> list[str]:
        """The areas of ``codes`` with both ``col`` and ``total`` published."""
        cols = self._columns(table)
        part, whole = cols.get(col, {}), cols.get("total", {})
        return [c for c in codes if c in part and c in whole]

    # -- ranking signals ---------------------------------------------------------------------
    def signals(self, travel: TravelArea, soc: str) -> Signals:
        """The numbers route ranking uses, cheap enough to call for every candidate route."""
        place, group = travel.home, self._group(str(soc))
        factor, _ = self.pay_factor(place, soc)
        med, _, _ = self.local_pay(str(soc), factor)
        adv_local, _ = self._sum(self._adverts, travel.codes, group)
        tot_local, _ = self._sum(self._adverts, travel.codes, "total")
        if adv_local is None:  # e.g. London boroughs: only the wider LSIP area is published
            adv_local, _ = self._sum(self._adverts, (place.lsip_code,), group)
            tot_local, _ = self._sum(self._adverts, (place.lsip_code,), "total")
        ratio = None
        eng_g, eng_t = cell(self._adverts, group, ENGLAND.code), cell(self._adverts, "total", ENGLAND.code)
        if adv_local and tot_local and eng_g and eng_t:
            ratio = (adv_local / tot_local) / (eng_g / eng_t)
        e_ratio = self._employment_ratio(travel.codes, group)
        return Signals(
            pay_experienced=med,
            pay_reliable=self.reliable(str(soc)),
            adverts=adv_local,
            adverts_ratio=ratio,
            employment_ratio=e_ratio,
            apprenticeship_starts_per_1000=self.starts_per_1000(travel),
            area_label=travel.label,
            period=self.adverts_period,
            england_apprenticeship_starts_per_1000=self._england_starts_per_1000,
            group_label=self.group_title(soc),
        )

    def _employment_ratio(self, codes: tuple[str, ...], group: str) -> float | None:
        """The group's share of people in work in the travel area against England's; None (ranking then counts
        demand as average) unless every district's figures are published.

        A suppressed figure is not 0: counting it so made the share too low (care work around Hastings at 0.37
        of England's share). Leaving the district out is no better: ONS suppresses the small figures, so the
        districts left would make the share too high (farm work around Barnet at 6.5 times England's, from the
        one London borough that publishes it); and the wider LSIP area's share brings in its other places (the
        farms of West Sussex for Hastings)."""
        emp = self._emp[self._emp_latest]
        here = self._matched(emp, codes, group) if len(self._published(emp, codes, group)) == len(codes) else None
        england = self._matched(emp, (ENGLAND.code,), group)
        if here is None or england is None or not (here[0] and here[1] and england[0] and england[1]):
            return None
        return (here[0] / here[1]) / (england[0] / england[1])

    def signals_many(self, travel: TravelArea, socs: list[str]) -> dict[str, Signals]:
        """:meth:`signals` for many occupations at once: area sums are done once per job group."""
        by_group: dict[str, Signals] = {}
        factors: dict[str, float] = {}
        starts = self.starts_per_1000(travel)
        out: dict[str, Signals] = {}
        for soc in socs:
            soc = str(soc)
            group, major = self._group(soc), soc[0]
            if group not in by_group:
                by_group[group] = self.signals(travel, soc)
            if major not in factors:
                factors[major] = self.pay_factor(travel.home, soc)[0]
            one = by_group[group]
            out[soc] = Signals(
                pay_experienced=self.estimate(soc, factors[major]),
                pay_reliable=self.reliable(soc),
                adverts=one.adverts,
                adverts_ratio=one.adverts_ratio,
                employment_ratio=one.employment_ratio,
                apprenticeship_starts_per_1000=starts,
                area_label=travel.label,
                period=self.adverts_period,
                england_apprenticeship_starts_per_1000=self._england_starts_per_1000,
                group_label=one.group_label,
            )
        return out

    def starts_per_1000(self, travel: TravelArea) -> float | None:
        """Apprenticeship starts per 1,000 people aged 16 and over living in the travel area (None unless every
        district has both figures)."""
        pairs = [(self._starts_home.get(c), self._pop.get(c)) for c in travel.codes]
        known = [(s, p) for s, p in pairs if s is not None and p is not None]
        if len(known) < len(pairs):
            return None
        return sum(s for s, _ in known) / sum(p for _, p in known) * 1000

    # -- jobs ------------------------------------------------------------------------------------
    def job_titles(self) -> list[tuple[str, str]]:
        """Every job in the bundle as (SOC code, title in plain words: "(other)", not "n.e.c.")."""
        occ = self.bundle.occupations
        return [(str(s), plain_title(str(t))) for s, t in zip(occ.soc, occ.title)]

    def check_soc(self, soc: object) -> str:
        """``soc`` as one of the bundle's job codes (spaces trimmed); raises :class:`UnknownOccupation` with a plain
        message for anything else."""
        code = str(soc).strip()
        if code not in self._socs:
            raise UnknownOccupation(f"We do not know the job code '{code[:20]}'. Use a 4-digit SOC 2020 code such as 5241.")
        return code
