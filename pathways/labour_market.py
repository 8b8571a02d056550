"""Local labour market figures for an occupation in a learner's travel area.

Every figure is a :class:`pathways.figures.Figure` carrying its source, period, geography
level and basis, so the pages can always say where a number comes from. Figures measured for
a wider area than the learner's are marked ``"wider area"``; suppressed figures stay missing
with a reason and are never shown as zero.

Pay is *modelled*: ONS publishes pay by detailed occupation only for the UK, so a local figure
is the UK figure for the occupation, scaled by how pay for the occupation's major group in the
learner's region compares with the UK, and (damped, within +/-10%) by how pay of residents of
the district compares with the region.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from pathways.areas import AreaIndex, Place, TravelArea
from pathways.bundle import Bundle
from pathways.citations import Citations, month_year
from pathways.figures import Figure
from pathways.pay import ADULT_AGE, PAY_EXPERIENCED, PayScale, round_pay
from pathways.schema.geography import APPRENTICE_FLOWS
from pathways.schema.local import PROJECTION_TOTAL
from pathways.schema.programmes import PAY_EARLIER
from pathways.signals import Signals
from pathways.vocab import ENGLAND, UK

__all__ = ["LabourMarket", "OccupationLocal", "AreaContext", "Signals", "PAY_METHOD"]

APS = "ONS Annual Population Survey (via DfE Local Skills data)"
ADVERTS = "ONS online job advert estimates (Textkernel data)"
APPS = "DfE apprenticeships statistics (ILR)"
PAY_METHOD = (
    "Modelled: the UK median for this job (ASHE Table 14, full-time), scaled by how full-time pay for this "
    "group of jobs in your region compares with the UK (ASHE Table 3), and never below the legal minimum "
    "in force now for full-time hours in this job."
)


@dataclass(frozen=True)
class OccupationLocal:
    """Every local figure for one occupation in one travel area (each :class:`Figure` field is one figure;
    :meth:`figures` and :meth:`to_dict` list them from the fields, so a new figure is added here only)."""

    soc: str
    title: str
    pay_experienced: Figure
    pay_experienced_national: Figure
    employment: Figure
    employment_change: Figure
    adverts: Figure
    adverts_england: Figure
    openings: Figure  # jobs to fill over the projection's years (the Figure's period)
    apprenticeship_starts: Figure
    group: str = ""  # the SOC sub-major group the area figures are for, in words

    @classmethod
    def figure_fields(cls) -> tuple[str, ...]:
        """The names of the Figure fields, in order."""
        return tuple(f.name for f in fields(cls) if f.type in (Figure, "Figure"))

    def figures(self) -> list[Figure]:
        return [getattr(self, k) for k in self.figure_fields()]

    def to_dict(self) -> dict:
        figs = {k: getattr(self, k).to_dict() for k in self.figure_fields()}
        return {"soc": self.soc, "title": self.title, "group": self.group, "figures": figs}


@dataclass(frozen=True)
class AreaContext:
    """The opportunity picture of a district."""

    place: Place
    rural_urban: str
    figures: dict[str, Figure] = field(default_factory=dict)
    smc: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"rural_urban": self.rural_urban, "figures": {k: f.to_dict() for k, f in self.figures.items()},
                "social_mobility_indices": self.smc}


def _period_date(period: str) -> str | None:
    """A "Month YYYY" period as a date (``YYYY-MM-28``), so local pay is held to the legal minimum in force
    when ONS measured it; None when it is not a month.

    >>> _period_date("April 2025"), _period_date("")
    ('2025-04-28', None)
    """
    from pathways.citations import _MONTHS

    text = month_year(period)
    if not text:
        return None
    month, year = text.split()
    return f"{year}-{_MONTHS.index(month) + 1:02d}-28"


def _wide(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """A long table as one row per area and one column per group of jobs, missing where the figure is not
    published. Not ``pivot_table(aggfunc="sum")``: that adds up no values to 0, which made the 2,971 suppressed
    APS cells of the latest year (2,920 of them districts) "0 people, measured".

    >>> t = pd.DataFrame({"area_code": ["A", "A", "B"], "g": ["11", "total", "11"], "value": [5.0, 9.0, float("nan")]})
    >>> _wide(t, "g").loc["B"].tolist()
    [nan, nan]
    """
    return table.pivot(index="area_code", columns=column, values="value")


def _left_out(missing: int, areas: int, why: str = "too few people in the survey") -> str:
    """The note on a total over areas that leaves out those whose figures are not published ("" when none).

    >>> _left_out(2, 5)
    ' This total leaves out 2 of the 5 areas, whose figures are not published (too few people in the survey), so the true number is higher.'
    """
    if not missing:
        return ""
    return (f" This total leaves out {missing} of the {areas} areas, whose figures are not published ({why}), "
            "so the true number is higher.")


def _f(x: object) -> float | None:
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if np.isnan(v) else v


class LabourMarket:
    """Per-server look-up tables over the bundle; each query touches only a learner's slice."""

    def __init__(self, bundle: Bundle, areas: AreaIndex) -> None:
        self.bundle = bundle
        self.areas = areas
        self.pay_scale = PayScale(bundle)
        #: the dated source names and periods this module cites, from the bundle's manifest
        self.cite = Citations.from_bundle(bundle)
        #: when ONS measured the job pay figures ("April 2025")
        self.pay_period = self.cite.pay_period
        #: when ASHE measured pay, as a date (the money checks' older floor); local pay estimates are held to the
        #: legal minimum in force now, the one floor every page uses (issue 27 item 7)
        self._pay_date = _period_date(self.cite.pay_period)
        self._column_cache: dict[int, dict[str, dict[str, float]]] = {}
        occ = bundle.occupations.set_index("soc")
        self._occ = occ
        groups = bundle.soc_groups
        self._group_title = dict(zip(groups.code, groups.title))
        lads = bundle.lads.set_index("lad_code")
        self._lads = lads
        # pay: region x major group (full-time, annual) and UK
        pr = bundle.pay_region
        pr = pr[(pr.population == "full_time") & (pr.measure == "annual")]
        self._region_pay = {(r.region_code, str(r.major_group)): _f(r.median) for r in pr.itertuples(index=False)}
        uk = pr[pr.region_code == UK.code]
        self._uk_pay = {str(r.major_group): _f(r.median) for r in uk.itertuples(index=False)}
        pl = bundle.pay_lad
        self._lad_pay = {r.area_code: _f(r.median) for r in pl.itertuples(index=False)}
        # adverts and employment: wide arrays, rows = area code, columns = group
        ja = bundle.job_adverts
        self._adverts = _wide(ja, "soc_group")
        self._adverts_status = {(r.area_code, r.soc_group): r.status for r in ja.itertuples(index=False)}
        self.adverts_period = str(ja.period.iloc[0]) if len(ja) else ""
        em = bundle.employment
        self.emp_periods = sorted(em.period_end_year.unique())
        latest, earlier = self.emp_periods[-1], self.emp_periods[0]
        self._emp_period_text = dict(zip(em.period_end_year, em.period))
        self._emp = {y: _wide(em[em.period_end_year == y], "sub_major_group") for y in (latest, earlier)}
        self._emp_latest, self._emp_earlier = latest, earlier
        pj = bundle.projections
        self._proj = {(r.area_code, str(r.sub_major_group)): r for r in pj.itertuples(index=False)}
        ap = bundle.apprenticeships_area
        self._apps = ap
        full = ap[~ap.partial_year]
        self.apps_latest_year = str(sorted(full.year.unique())[-1]) if len(full) else ""
        latest_home = full[(full.basis == "home") & (full.year == self.apps_latest_year)]
        self._starts_home = {r.lad_code: _f(r.starts) for r in latest_home.itertuples(index=False)}
        pop = bundle.population
        pop = pop[pop.period_end_year == pop.period_end_year.max()]
        self._pop = {r.area_code: _f(r.value) for r in pop.itertuples(index=False)}
        self._pop_period = f"APS, {pop.period.iloc[0]}" if len(pop) else ""
        eng_pop = self._pop.get(ENGLAND.code)
        eng_starts = full[(full.basis == "home") & (full.year == self.apps_latest_year)].starts.sum()
        self._england_starts_per_1000 = float(eng_starts) / eng_pop * 1000 if eng_pop else None

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

    # -- pay -------------------------------------------------------------------------------
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
        national = _f(o.annual_median)
        if national is None:
            return None, None, None
        floor = self.pay_scale.full_time_minimum(soc, ADULT_AGE)
        value = max(national * factor, floor)
        low = high = None
        before = _f(getattr(o, PAY_EARLIER, None))
        if str(getattr(o, "pay_reliability", "")) == "less reliable" and before is not None:
            low, high = (max(min(national, before) * factor, floor), max(max(national, before) * factor, floor))
        return value, low, high

    def pay(self, place: Place, soc: str) -> tuple[Figure, Figure]:
        """(local, UK) median annual full-time pay: :data:`pathways.pay.PAY_EXPERIENCED`."""
        o = self._occ.loc[soc]
        factor, extra = self.pay_factor(place, soc)
        national = _f(o.annual_median)
        reliability = str(getattr(o, "pay_reliability", "reliable"))
        caveat = str(getattr(o, "pay_reliability_note", "") or "")
        caveat = f" Less reliable: {caveat}" if reliability == "less reliable" else ""
        nat_fig = Figure(PAY_EXPERIENCED + ", UK", national, "£ a year", self.pay_period, UK.name, UK.level, self.cite.ashe,
                         "measured" if national is not None else "suppressed",
                         ("The middle (median) pay of full-time workers of all ages." + caveat) if national is not None
                         else str(o.pay_note or "ONS did not publish this figure"))
        if national is None:
            local = Figure(PAY_EXPERIENCED, None, "£ a year", self.pay_period, place.name, "district", self.cite.ashe, "not available",
                           "No figure: ONS did not publish UK pay for this job, so we cannot estimate it here.")
            return local, nat_fig
        value, low, high = self.local_pay(soc, factor)
        floor = self.pay_scale.full_time_minimum(soc, ADULT_AGE)
        note = "The middle (median) pay of full-time workers of all ages. " + PAY_METHOD
        if value is not None and value > national * factor:
            note += (f" The survey's figure was below the legal minimum for full-time hours from {self.pay_scale.rates_from}, "
                     "so we show that minimum.")
        note += (f" Note: {extra}." if extra else "") + caveat
        local = Figure(PAY_EXPERIENCED, round_pay(value or 0, floor),
                       "£ a year", self.pay_period, place.region_name, "region", self.cite.ashe,
                       "modelled", note, None if low is None else round_pay(low, floor), None if high is None else round_pay(high, floor))
        return local, nat_fig

    # -- one occupation in a travel area ------------------------------------------------------
    def occupation_local(self, travel: TravelArea, soc: str) -> OccupationLocal:
        """All local figures for an occupation (SOC 2020 unit group) in a travel area."""
        place = travel.home
        soc = str(soc)
        group = self._group(soc)
        gtitle = self.group_title(soc)
        pay_e, nat_e = self.pay(place, soc)
        where = travel.label or place.name
        level = "district" if len(travel.codes) == 1 else "travel area"

        # employment (APS), group level
        emp_now, miss_now = self._sum(self._emp[self._emp_latest], travel.codes, group)
        emp_then, miss_then = self._sum(self._emp[self._emp_earlier], travel.codes, group)
        p_now = self._emp_period_text.get(self._emp_latest, "")
        if emp_now is None:
            employment = self._wider_employment(place, group, gtitle, p_now)
        else:
            note = f"People living here who work in: {gtitle.lower()}." + _left_out(miss_now, len(travel.codes))
            employment = Figure("People in this kind of work", round(emp_now, -2), "people", p_now, where, level, APS, "measured",
                                note + " Survey estimate: small areas are uncertain.")
        if emp_now and emp_then and not miss_now and not miss_then:
            change = 100 * (emp_now - emp_then) / emp_then
            emp_change = Figure("Change in people in this kind of work", round(change, 1), "%",
                                f"{self._emp_period_text.get(self._emp_earlier, '')} to {p_now}", where, level, APS, "measured",
                                "Survey estimate: changes in small areas are uncertain.")
        else:
            emp_change = Figure("Change in people in this kind of work", None, "%", p_now, where, level, APS, "not available",
                                "Not enough survey data for this area to show a trend.")

        adv, miss = self._sum(self._adverts, travel.codes, group)
        wider = self._columns(self._adverts).get(group, {}).get(place.lsip_code)
        if adv is None and wider is not None:
            adverts = Figure(f"Job adverts for {gtitle.lower()}", wider, "adverts", self.adverts_period, place.lsip_name, "LSIP area", ADVERTS,
                             "wider area", f"Not published for {place.name}; this is for the wider {place.lsip_name} area, "
                             f"online adverts for {gtitle.lower()} in one month.")
        elif adv is None:
            adverts = Figure(f"Job adverts for {gtitle.lower()}", None, "adverts", self.adverts_period, where, level, ADVERTS, "suppressed",
                             "Too few adverts to publish for this area.")
        else:
            note = f"Online adverts for {gtitle.lower()} in one month." + _left_out(miss, len(travel.codes), "too few adverts")
            adverts = Figure(f"Job adverts for {gtitle.lower()}", adv, "adverts", self.adverts_period, where, level, ADVERTS, "measured", note)
        eng = self._columns(self._adverts).get(group, {}).get(ENGLAND.code)
        adverts_eng = Figure(f"Job adverts, {ENGLAND.name}", eng, "adverts", self.adverts_period, ENGLAND.name, ENGLAND.level, ADVERTS,
                             "measured" if eng is not None else "not available")

        openings = self._openings(place, group, gtitle)
        starts = self.apprenticeship_starts(travel)
        return OccupationLocal(soc, str(self._occ.loc[soc, "title"]), pay_e, nat_e, employment, emp_change,
                               adverts, adverts_eng, openings, starts, gtitle)

    def _wider_employment(self, place: Place, group: str, gtitle: str, period: str) -> Figure:
        t = self._emp[self._emp_latest]
        v = _f(t[group].get(place.lsip_code)) if group in t.columns else None
        if v is None:
            return Figure("People in this kind of work", None, "people", period, place.name, "district", APS, "suppressed",
                          "Not published: too few people in the survey here.")
        return Figure("People in this kind of work", round(v, -2), "people", period, place.lsip_name, "LSIP area", APS, "wider area",
                      f"Not published for {place.name}; this is for the wider {place.lsip_name} area.")

    def _openings(self, place: Place, group: str, gtitle: str) -> Figure:
        r = self._proj.get((place.lsip_code, group))
        c = self.cite
        label = f"Jobs to fill, {c.projections_period}" if c.projections_period else "Jobs to fill"
        total = None if r is None else _f(getattr(r, PROJECTION_TOTAL))
        if total is None:
            return Figure(label, None, "jobs", c.projections_period, place.lsip_name, "LSIP area", c.projections,
                          "not available", "No projection for this area.")
        return Figure(label, total, "jobs", c.projections_period, place.lsip_name,
                      "LSIP area", c.projections, "wider area",
                      f"Projected openings (new jobs plus people leaving) for {gtitle.lower()} across {place.lsip_name}. "
                      + c.projections_note)

    def apprenticeship_starts(self, travel: TravelArea) -> Figure:
        """Apprenticeship starts by people living in the travel area, latest full year."""
        values = [self._starts_home.get(c) for c in travel.codes]
        level = "district" if len(travel.codes) == 1 else "travel area"
        if all(v is None for v in values):
            return Figure("Apprenticeship starts", None, "starts", self.apps_latest_year, travel.label, level, APPS, "not available",
                          "No published figure.")
        return Figure("Apprenticeship starts", float(sum(v for v in values if v is not None)), "starts", self.apps_latest_year,
                      travel.label, level, APPS, "measured",
                      "Apprenticeships started by people living here, all subjects and levels.")

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
        if adv_local and tot_local and group in self._adverts.columns and "total" in self._adverts.columns:
            eng_g, eng_t = _f(self._adverts[group].get(ENGLAND.code)), _f(self._adverts["total"].get(ENGLAND.code))
            if eng_g and eng_t:
                ratio = (adv_local / tot_local) / (eng_g / eng_t)
        e_ratio = self._employment_ratio(travel.codes, group)
        return Signals(
            pay_experienced=med, pay_reliable=self._reliable(str(soc)),
            adverts=adv_local, adverts_ratio=ratio, employment_ratio=e_ratio,
            apprenticeship_starts_per_1000=self.starts_per_1000(travel),
            area_label=travel.label, period=self.adverts_period,
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

    def _published(self, table: pd.DataFrame, codes: tuple[str, ...], col: str) -> list[str]:
        """The areas of ``codes`` with both ``col`` and ``total`` published."""
        cols = self._columns(table)
        part, whole = cols.get(col, {}), cols.get("total", {})
        return [c for c in codes if c in part and c in whole]

    def signals_many(self, travel: TravelArea, socs: list[str]) -> dict[str, Signals]:
        """:meth:`signals` for many occupations at once: area sums are done once per job group."""
        by_group: dict[str, tuple] = {}
        factors: dict[str, float] = {}
        starts = self.starts_per_1000(travel)
        out: dict[str, Signals] = {}
        pay = self._pay_arrays()
        for soc in socs:
            soc = str(soc)
            group, major = self._group(soc), soc[0]
            if group not in by_group:
                one = self.signals(travel, soc)
                by_group[group] = (one.adverts, one.adverts_ratio, one.employment_ratio, one.group_label)
            if major not in factors:
                factors[major] = self.pay_factor(travel.home, soc)[0]
            med = pay.get((soc, factors[major]))
            if med is None:
                med = pay[(soc, factors[major])] = self.local_pay(soc, factors[major])[0]
            adverts, a_ratio, e_ratio, group_label = by_group[group]
            out[soc] = Signals(
                pay_experienced=med, pay_reliable=self._reliable(soc),
                adverts=adverts, adverts_ratio=a_ratio, employment_ratio=e_ratio,
                apprenticeship_starts_per_1000=starts, area_label=travel.label, period=self.adverts_period,
                england_apprenticeship_starts_per_1000=self._england_starts_per_1000, group_label=group_label,
            )
        return out

    def _pay_arrays(self) -> dict[tuple[str, float], float | None]:
        """Local pay estimates by (job, factor), filled as they are asked for (a few regions x 412 jobs)."""
        if not hasattr(self, "_pay_cache"):
            self._pay_cache: dict[tuple[str, float], float | None] = {}
        return self._pay_cache

    def _reliable(self, soc: str) -> bool:
        """False when ONS's pay figure for the job is less reliable (kept out of ranking)."""
        if not hasattr(self, "_reliability"):
            col = self._occ["pay_reliability"] if "pay_reliability" in self._occ else None
            self._reliability = {} if col is None else {str(k): str(v) == "reliable" for k, v in col.items()}
        return self._reliability.get(soc, True)

    def starts_per_1000(self, travel: TravelArea) -> float | None:
        starts = [self._starts_home.get(c) for c in travel.codes]
        pop = [self._pop.get(c) for c in travel.codes]
        if any(v is None for v in starts) or any(p is None for p in pop):
            return None
        return sum(starts) / sum(pop) * 1000  # type: ignore[arg-type]


# -- area context ------------------------------------------------------------------------------
NEET_SRC = "DfE NEET and participation: local authority figures (NCCIS)"


def area_context(market: LabourMarket, place: Place) -> AreaContext:
    """The opportunity picture of a district: SMC indices, NEET, pay and training against England."""
    b = market.bundle
    lad = market._lads.loc[place.lad_code]
    figs = {**_neet_figures(market, place), **_resident_pay(market, place), **_per_1000(market, place)}
    smc = b.smc_indices[b.smc_indices.area_code == place.utla_code]
    smc_rows = [
        {"index": r.index_title, "period": r.period, "value": round(float(r.value), 2), "category": r.category,
         "area": r.area_name, "source": market.cite.smc}
        for r in smc.sort_values(["index_code", "period"]).itertuples(index=False)
    ]
    return AreaContext(place, str(lad.ruc_class), figs, smc_rows)


_NEET_MEASURES = (("neet_or_not_known_percent", "16-17 year olds not in education, work or training (or not known)"),
                  ("participating_percent", "16-17 year olds in education or training"),
                  ("apprenticeship_percent", "16-17 year olds on an apprenticeship"))


def _neet_figures(market: LabourMarket, place: Place) -> dict[str, Figure]:
    """NEET and participation (upper-tier authority), latest year, against England."""
    figs: dict[str, Figure] = {}
    neet = market.bundle.neet
    latest = int(neet.year.max())
    for code, key, geo, level in ((place.utla_code, "", place.utla_name, "upper-tier authority"),
                                  (ENGLAND.code, "_england", ENGLAND.name, ENGLAND.level)):
        row = neet[(neet.area_code == code) & (neet.year == latest)]
        r = row.iloc[0] if len(row) else None
        period = str(r.period) if r is not None else str(latest)
        for col, label in _NEET_MEASURES:
            v = _f(r[col]) if r is not None else None
            figs[col + key] = Figure(label, v, "%", period, geo, level, NEET_SRC,
                                     "measured" if v is not None else "suppressed",
                                     "" if v is not None else "Not published for this area.")
    return figs


def _resident_pay(market: LabourMarket, place: Place) -> dict[str, Figure]:
    """Pay of the people living in the district, against its region and England."""
    figs: dict[str, Figure] = {}
    for code, key, geo, level in ((place.lad_code, "", place.name, "district"), (place.region_code, "_region", place.region_name, "region"),
                                  (ENGLAND.code, "_england", ENGLAND.name, ENGLAND.level)):
        v = market._lad_pay.get(code)
        figs["pay" + key] = Figure("Typical yearly pay of people living here (all jobs)", v, "£ a year", market.cite.residents_pay_period, geo, level,
                                   market.cite.ashe_residents,
                                   "measured" if v is not None else "suppressed",
                                   "" if v is not None else "ONS did not publish this figure (too few people in the survey).")
    return figs


def _per_1000(market: LabourMarket, place: Place) -> dict[str, Figure]:
    """Apprenticeship starts and online job adverts per 1,000 people aged 16 and over, here and in England."""
    figs: dict[str, Figure] = {}
    travel_home = TravelArea(place, "home", (place.lad_code,), (place.name,), "", place.name)
    per = market.starts_per_1000(travel_home)
    figs["starts_per_1000"] = Figure("Apprenticeship starts per 1,000 people aged 16 and over", None if per is None else round(per, 1),
                                     "per 1,000", market.apps_latest_year, place.name, "district", APPS,
                                     "measured" if per is not None else "not available",
                                     f"Starts by people living here, divided by population ({market._pop_period})."
                                     if per is not None else "No population figure for this area.")
    eng_starts = market.bundle.apprenticeships_area
    eng_rows = eng_starts[(eng_starts.basis == "home") & (eng_starts.year == market.apps_latest_year)]
    eng_pop = market._pop.get(ENGLAND.code)
    if eng_pop:
        v = float(eng_rows.starts.sum()) / eng_pop * 1000
        figs["starts_per_1000_england"] = Figure("Apprenticeship starts per 1,000 people aged 16 and over", round(v, 1), "per 1,000",
                                                 market.apps_latest_year, ENGLAND.name, ENGLAND.level, APPS, "measured")
    total_adverts = _f(market._adverts["total"].get(place.lad_code)) if "total" in market._adverts.columns else None
    pop = market._pop.get(place.lad_code)
    if total_adverts is not None and pop:
        figs["adverts_per_1000"] = Figure("Online job adverts per 1,000 people aged 16 and over", round(total_adverts / pop * 1000, 1),
                                          "per 1,000", market.adverts_period, place.name, "district", ADVERTS, "measured")
    eng_ad = _f(market._adverts["total"].get(ENGLAND.code)) if "total" in market._adverts.columns else None
    if eng_ad and eng_pop:
        figs["adverts_per_1000_england"] = Figure("Online job adverts per 1,000 people aged 16 and over", round(eng_ad / eng_pop * 1000, 1),
                                                  "per 1,000", market.adverts_period, ENGLAND.name, ENGLAND.level, ADVERTS, "measured")
    return figs


# -- outcomes and training for an occupation ------------------------------------------------------
FEO_SRC = "DfE Further education outcomes (sustained destinations), learner-weighted from provider figures"
FE_SRC = "DfE Further education and skills statistics"
#: Ofqual/ESFA sector subject area (tier 1) numbers and names
SSA_TIER1 = {
    "1": "Health, Public Services and Care", "2": "Science and Mathematics", "3": "Agriculture, Horticulture and Animal Care",
    "4": "Engineering and Manufacturing Technologies", "5": "Construction, Planning and the Built Environment",
    "6": "Information and Communication Technology", "7": "Retail and Commercial Enterprise",
    "8": "Leisure, Travel and Tourism", "9": "Arts, Media and Publishing", "10": "History, Philosophy and Theology",
    "11": "Social Sciences", "12": "Languages, Literature and Culture", "13": "Education and Training",
    "14": "Preparation for Life and Work", "15": "Business, Administration and Law",
}
#: our mapping from a job's SSA (tier 1) to the industry sector of DfE Career pathways (a judgement, stated as such)
SSA_TO_SECTOR = {
    "1": "Health & social work", "2": "Professional services", "3": "Agriculture", "4": "Engineering",
    "5": "Construction", "6": "IT", "7": "Whole & retail trade", "8": "Accommodation & food", "9": "Media",
    "10": "Other services", "11": "Public admin & defence", "12": "Other services", "13": "Education",
    "14": "Other services", "15": "Finance & insurance",
}


def occupation_ssa(market: LabourMarket, soc: str) -> str | None:
    """The sector subject area (tier 1 number) most of the job's linked apprenticeships are in."""
    b = market.bundle
    links = b.programme_occupations[b.programme_occupations.soc == soc]
    ssa = b.standards[b.standards.programme_id.isin(links.programme_id)].ssa.dropna()
    tiers = ssa.astype(str).str.extract(r"^(\d+)\.")[0].dropna()
    return None if tiers.empty else str(tiers.value_counts().sort_index().idxmax())


def occupation_outcomes(market: LabourMarket, travel: TravelArea, soc: str) -> dict[str, Figure]:
    """Training where the learner lives and what people who took this kind of route went on to do.

    These describe people who started years ago; each figure says its cohort and period.
    """
    place, tier = travel.home, occupation_ssa(market, soc)
    return {**_training_here(market, place, tier), **_career_pathways(market, place, tier), **_fe_outcomes(market),
            **_leo_post16(market, place)}


def _training_here(market: LabourMarket, place: Place, tier: str | None) -> dict[str, Figure]:
    """FE participation in the job's subject area (home district, latest year), and where apprentices from here train."""
    figs: dict[str, Figure] = {}
    fe = market.bundle.fe_participation
    if tier:
        subject = SSA_TIER1.get(tier, "")
        rows = fe[(fe.area_code == place.lad_code) & (fe.breakdown == "SSA") & (fe.subgroup == subject)]
        if len(rows):
            r = rows.sort_values("year").iloc[-1]
            v = _f(r.participation)
            figs["fe_subject"] = Figure(f"College and training courses in {subject.lower()}", v, str(r.count_unit), str(r.year),
                                        place.name, "district", FE_SRC, "measured" if v is not None else "suppressed",
                                        "Course enrolments (aims) by people living here, all ages." if v is not None
                                        else "Too few to publish.")
    dest = market.areas.top_destinations(place.lad_code, APPRENTICE_FLOWS, 3)
    if dest:
        figs["apprentices_train_in"] = Figure(
            "Where apprentices from here train (other than at home)", float(dest[0][2]), "starts", market.cite.flows_period,
            place.name, "district", APPS, "measured",
            "Most starts away from home: " + "; ".join(f"{n} ({v:,.0f})" for _, n, v in dest) + ".")
    return figs


def _career_pathways(market: LabourMarket, place: Place, tier: str | None) -> dict[str, Figure]:
    """DfE Career pathways: median earnings at 25-30 by highest level, in the region and the job's industry."""
    figs: dict[str, Figure] = {}
    cite = market.cite
    sector = SSA_TO_SECTOR.get(tier or "", "")
    if not sector:
        return figs
    cp = market.bundle.outcomes_earnings
    rows = cp[(cp.region_code == place.region_code) & (cp.sector == sector)]
    for level in ("Level 2", "Level 3", "Level 4/5", "Level 6"):
        r = rows[rows.highest_level == level]
        v = _f(r.median_earnings.iloc[0]) if len(r) else None
        figs[f"earnings_25_30_{level}"] = Figure(
            f"Earnings at 25-30 with {level} as highest qualification ({sector.lower()})", v, "£ a year",
            cite.career_pathways_period, place.region_name, "region", cite.career_pathways, "wider area" if v is not None else "suppressed",
            f"People {cite.career_pathways_cohort or 'of one age group'} working in this industry in your region; "
            "median yearly pay from PAYE records (full-time and part-time). The industry is matched to this job by us."
            if v is not None else "Too few people to publish.")
    return figs


def _fe_outcomes(market: LabourMarket) -> dict[str, Figure]:
    """FE outcomes: sustained destinations after apprenticeships, England, latest year."""
    figs: dict[str, Figure] = {}
    feo = market.bundle.outcomes_fe
    feo = feo[(feo.provision == "Apprenticeship") & (feo.level != "Total")]
    if len(feo):
        year = sorted(feo.year.unique())[-1]
        for r in feo[feo.year == year].sort_values("level").itertuples(index=False):
            figs[f"feo_{r.level}"] = Figure(f"In work or learning the year after: {r.level.lower()}", _f(r.sustained_positive_pct), "%",
                                            str(year), ENGLAND.name, ENGLAND.level, FEO_SRC, "wider area",
                                            f"{int(r.learners):,} apprentices who finished in {year}; sustained job, learning or apprenticeship.")
    return figs


def _leo_post16(market: LabourMarket, place: Place) -> dict[str, Figure]:
    """LEO post-16: earnings of non-graduates from the learner's region, 10 years after GCSEs."""
    figs: dict[str, Figure] = {}
    leo = market.bundle.outcomes_post16
    rows = leo[(leo.population == "non_graduates") & (leo.breakdown == "Region of school") & (leo.breakdown_value == place.region_name)
               & (leo.years_after_ks4 == 10) & (leo.measure == "average_earnings_gbp")]
    for r in rows.itertuples(index=False):
        if r.non_grad_status == "all":
            continue
        figs[f"leo_{r.non_grad_status}"] = Figure(
            f"Average earnings 10 years after GCSEs, non-graduates {r.non_grad_status.lower()}", _f(r.value), "£ a year",
            f"cohorts who took GCSEs in {market.cite.gcse_years}", place.region_name, "region", market.cite.leo_post16,
            "wider area",
            "People who went to school in your region and did not get a degree, in work; earnings in the tax year 10 years on.")
    return figs
