"""Local labour market figures for an occupation in a learner's travel area.

Every figure is a :class:`pathways.figures.Figure` carrying its source, period, geography
level and basis, so the pages can always say where a number comes from. Figures measured for
a wider area than the learner's are marked ``"wider area"``; suppressed figures stay missing
with a reason and are never shown as zero.

Pay is *modelled* (:mod:`pathways.local_pay`): ONS publishes pay by detailed occupation only for the
UK, so a local figure is the UK figure for the occupation, scaled by how pay for the occupation's
major group in the learner's region compares with the UK. The tables the figures are worked out from
are held in :mod:`pathways.market_tables`. The picture of a district against England is put together in
:mod:`pathways.district_figures`, and the training and outcomes around a job's ways in in
:mod:`pathways.job_outcomes`, from the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from pathways.areas import AreaIndex, Place, TravelArea
from pathways.bundle import Bundle
from pathways.citations import Citations
from pathways.figures import Figure, as_number
from pathways.local_pay import period_date
from pathways.market_tables import MarketTables, cell
from pathways.pay import ADULT_AGE, PAY_EXPERIENCED, round_pay
from pathways.schema.local import PROJECTION_TOTAL
from pathways.vocab import ENGLAND, UK

__all__ = ["LabourMarket", "OccupationLocal", "PAY_METHOD", "ADVERTS", "APPS"]

APS = "ONS Annual Population Survey (via DfE Local Skills data)"
ADVERTS = "ONS online job advert estimates (Textkernel data)"
APPS = "DfE apprenticeships statistics (ILR)"
PAY_METHOD = (
    "Modelled: the UK median for this job (ASHE Table 14, full-time), scaled by how full-time pay for this "
    "group of jobs in your region compares with the UK (ASHE Table 3), and never below the legal minimum "
    "in force now for full-time hours in this job."
)
_EMPLOYMENT = "People in this kind of work"


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


def _left_out(missing: int, areas: int, why: str = "too few people in the survey") -> str:
    """The note on a total over areas that leaves out those whose figures are not published ("" when none).

    >>> _left_out(2, 5)  # doctest: +NORMALIZE_WHITESPACE
    ' This total leaves out 2 of the 5 areas, whose figures are not published (too few people in the survey),
    so the true number is higher.'
    """
    if not missing:
        return ""
    return (
        f" This total leaves out {missing} of the {areas} areas, whose figures are not published ({why}), "
        "so the true number is higher."
    )


def _level(travel: TravelArea) -> str:
    """The geography level of a figure summed over a travel area."""
    return "district" if len(travel.codes) == 1 else "travel area"


class LabourMarket(MarketTables):
    """Local figures for a job or a district, each with its source, worked out from the market's tables
    (:class:`~pathways.market_tables.MarketTables`); built once per server."""

    def __init__(self, bundle: Bundle, areas: AreaIndex) -> None:
        super().__init__(bundle)
        self.areas = areas
        #: the dated source names and periods this module cites, from the bundle's manifest
        self.cite = Citations.from_bundle(bundle)
        #: when ONS measured the job pay figures ("April 2025")
        self.pay_period = self.cite.pay_period
        #: when ASHE measured pay, as a date (the money checks' older floor); local pay estimates are held to the
        #: legal minimum in force now, the one floor every page uses
        self._pay_date = period_date(self.cite.pay_period)
        #: each district's rural-urban class, in words
        self.rural_urban = dict(zip(bundle.lads.lad_code, bundle.lads.ruc_class))
        #: the pay of the people living in each district, region and England (median, all jobs; None if not published)
        self.lad_pay = {r.area_code: as_number(r.median) for r in bundle.pay_lad.itertuples(index=False)}

    # -- pay -------------------------------------------------------------------------------
    def pay(self, place: Place, soc: str) -> tuple[Figure, Figure]:
        """(local, UK) median annual full-time pay: :data:`pathways.pay.PAY_EXPERIENCED`."""
        o = self._occ.loc[soc]
        factor, extra = self.pay_factor(place, soc)
        national = as_number(o.annual_median)
        reliability = str(getattr(o, "pay_reliability", "reliable"))
        caveat = str(getattr(o, "pay_reliability_note", "") or "")
        caveat = f" Less reliable: {caveat}" if reliability == "less reliable" else ""
        nat_fig = Figure(
            PAY_EXPERIENCED + ", UK",
            national,
            "£ a year",
            self.pay_period,
            UK.name,
            UK.level,
            self.cite.ashe,
            "measured" if national is not None else "suppressed",
            ("The middle (median) pay of full-time workers of all ages." + caveat)
            if national is not None
            else str(o.pay_note or "ONS did not publish this figure"),
        )
        if national is None:
            local = Figure(
                PAY_EXPERIENCED,
                None,
                "£ a year",
                self.pay_period,
                place.name,
                "district",
                self.cite.ashe,
                "not available",
                "No figure: ONS did not publish UK pay for this job, so we cannot estimate it here.",
            )
            return local, nat_fig
        value, low, high = self.local_pay(soc, factor)
        floor = self.pay_scale.full_time_minimum(soc, ADULT_AGE)
        note = "The middle (median) pay of full-time workers of all ages. " + PAY_METHOD
        if value is not None and value > national * factor:
            note += (
                f" The survey's figure was below the legal minimum for full-time hours from {self.pay_scale.rates_from}, "
                "so we show that minimum."
            )
        note += (f" Note: {extra}." if extra else "") + caveat
        local = Figure(
            PAY_EXPERIENCED,
            round_pay(value or 0, floor),
            "£ a year",
            self.pay_period,
            place.region_name,
            "region",
            self.cite.ashe,
            "modelled",
            note,
            None if low is None else round_pay(low, floor),
            None if high is None else round_pay(high, floor),
        )
        return local, nat_fig

    # -- one occupation in a travel area ------------------------------------------------------
    def occupation_local(self, travel: TravelArea, soc: str) -> OccupationLocal:
        """All local figures for an occupation (SOC 2020 unit group) in a travel area."""
        place, soc = travel.home, str(soc)
        group, gtitle = self._group(soc), self.group_title(soc)
        pay_e, nat_e = self.pay(place, soc)
        employment, emp_change = self._employment(travel, group, gtitle)
        adverts, adverts_eng = self._adverts_here(travel, group, gtitle)
        return OccupationLocal(
            soc,
            str(self._occ.loc[soc, "title"]),
            pay_e,
            nat_e,
            employment,
            emp_change,
            adverts,
            adverts_eng,
            self._openings(place, group, gtitle),
            self.apprenticeship_starts(travel),
            gtitle,
        )

    def _employment(self, travel: TravelArea, group: str, gtitle: str) -> tuple[Figure, Figure]:
        """People in the group of jobs (APS) in the travel area, and the change since the earliest period."""
        where, level = travel.label or travel.home.name, _level(travel)
        emp_now, miss_now = self._sum(self._emp[self._emp_latest], travel.codes, group)
        emp_then, miss_then = self._sum(self._emp[self._emp_earlier], travel.codes, group)
        p_now = self._emp_period_text.get(self._emp_latest, "")
        if emp_now is None:
            employment = self._wider_employment(travel.home, group, p_now)
        else:
            note = f"People living here who work in: {gtitle.lower()}." + _left_out(miss_now, len(travel.codes))
            employment = Figure(
                _EMPLOYMENT,
                round(emp_now, -2),
                "people",
                p_now,
                where,
                level,
                APS,
                "measured",
                note + " Survey estimate: small areas are uncertain.",
            )
        if emp_now and emp_then and not miss_now and not miss_then:
            change = 100 * (emp_now - emp_then) / emp_then
            emp_change = Figure(
                "Change in people in this kind of work",
                round(change, 1),
                "%",
                f"{self._emp_period_text.get(self._emp_earlier, '')} to {p_now}",
                where,
                level,
                APS,
                "measured",
                "Survey estimate: changes in small areas are uncertain.",
            )
        else:
            emp_change = Figure(
                "Change in people in this kind of work",
                None,
                "%",
                p_now,
                where,
                level,
                APS,
                "not available",
                "Not enough survey data for this area to show a trend.",
            )
        return employment, emp_change

    def _wider_employment(self, place: Place, group: str, period: str) -> Figure:
        v = cell(self._emp[self._emp_latest], group, place.lsip_code)
        if v is None:
            return Figure(
                _EMPLOYMENT,
                None,
                "people",
                period,
                place.name,
                "district",
                APS,
                "suppressed",
                "Not published: too few people in the survey here.",
            )
        return Figure(
            _EMPLOYMENT,
            round(v, -2),
            "people",
            period,
            place.lsip_name,
            "LSIP area",
            APS,
            "wider area",
            f"Not published for {place.name}; this is for the wider {place.lsip_name} area.",
        )

    def _adverts_here(self, travel: TravelArea, group: str, gtitle: str) -> tuple[Figure, Figure]:
        """Online adverts for the group of jobs in the travel area (the wider LSIP area's when the districts' are not
        published), and in England."""
        place, where, level = travel.home, travel.label or travel.home.name, _level(travel)
        label = f"Job adverts for {gtitle.lower()}"
        adv, miss = self._sum(self._adverts, travel.codes, group)
        by_area = self._columns(self._adverts).get(group, {})
        wider = by_area.get(place.lsip_code)
        if adv is None and wider is not None:
            adverts = Figure(
                label,
                wider,
                "adverts",
                self.adverts_period,
                place.lsip_name,
                "LSIP area",
                ADVERTS,
                "wider area",
                f"Not published for {place.name}; this is for the wider {place.lsip_name} area, "
                f"online adverts for {gtitle.lower()} in one month.",
            )
        elif adv is None:
            adverts = Figure(
                label,
                None,
                "adverts",
                self.adverts_period,
                where,
                level,
                ADVERTS,
                "suppressed",
                "Too few adverts to publish for this area.",
            )
        else:
            note = f"Online adverts for {gtitle.lower()} in one month." + _left_out(miss, len(travel.codes), "too few adverts")
            adverts = Figure(label, adv, "adverts", self.adverts_period, where, level, ADVERTS, "measured", note)
        eng = by_area.get(ENGLAND.code)
        adverts_eng = Figure(
            f"Job adverts, {ENGLAND.name}",
            eng,
            "adverts",
            self.adverts_period,
            ENGLAND.name,
            ENGLAND.level,
            ADVERTS,
            "measured" if eng is not None else "not available",
        )
        return adverts, adverts_eng

    def _openings(self, place: Place, group: str, gtitle: str) -> Figure:
        r = self._proj.get((place.lsip_code, group))
        c = self.cite
        label = f"Jobs to fill, {c.projections_period}" if c.projections_period else "Jobs to fill"
        total = None if r is None else as_number(getattr(r, PROJECTION_TOTAL))
        if total is None:
            return Figure(
                label,
                None,
                "jobs",
                c.projections_period,
                place.lsip_name,
                "LSIP area",
                c.projections,
                "not available",
                "No projection for this area.",
            )
        return Figure(
            label,
            total,
            "jobs",
            c.projections_period,
            place.lsip_name,
            "LSIP area",
            c.projections,
            "wider area",
            f"Projected openings (new jobs plus people leaving) for {gtitle.lower()} across {place.lsip_name}. "
            + c.projections_note,
        )

    def apprenticeship_starts(self, travel: TravelArea) -> Figure:
        """Apprenticeship starts by people living in the travel area, latest full year."""
        values = [self._starts_home.get(c) for c in travel.codes]
        level = _level(travel)
        if all(v is None for v in values):
            return Figure(
                "Apprenticeship starts",
                None,
                "starts",
                self.apps_latest_year,
                travel.label,
                level,
                APPS,
                "not available",
                "No published figure.",
            )
        return Figure(
            "Apprenticeship starts",
            float(sum(v for v in values if v is not None)),
            "starts",
            self.apps_latest_year,
            travel.label,
            level,
            APPS,
            "measured",
            "Apprenticeships started by people living here, all subjects and levels.",
        )

    def per_1000(self, place: Place) -> dict[str, Figure]:
        """Apprenticeship starts and online job adverts per 1,000 people aged 16 and over in a district and in England
        (for :func:`pathways.district_figures.area_context`); a figure that cannot be worked out is left out."""
        label_starts = "Apprenticeship starts per 1,000 people aged 16 and over"
        label_adverts = "Online job adverts per 1,000 people aged 16 and over"
        figs: dict[str, Figure] = {}
        per = self.starts_per_1000(TravelArea(place, "home", (place.lad_code,), (place.name,), "", place.name))
        figs["starts_per_1000"] = Figure(
            label_starts,
            None if per is None else round(per, 1),
            "per 1,000",
            self.apps_latest_year,
            place.name,
            "district",
            APPS,
            "measured" if per is not None else "not available",
            f"Starts by people living here, divided by population ({self._pop_period})."
            if per is not None
            else "No population figure for this area.",
        )
        eng_pop = self._pop.get(ENGLAND.code)
        if self._england_starts_per_1000 is not None:
            figs["starts_per_1000_england"] = Figure(
                label_starts,
                round(self._england_starts_per_1000, 1),
                "per 1,000",
                self.apps_latest_year,
                ENGLAND.name,
                ENGLAND.level,
                APPS,
                "measured",
            )
        total_adverts = cell(self._adverts, "total", place.lad_code)
        pop = self._pop.get(place.lad_code)
        if total_adverts is not None and pop:
            figs["adverts_per_1000"] = Figure(
                label_adverts,
                round(total_adverts / pop * 1000, 1),
                "per 1,000",
                self.adverts_period,
                place.name,
                "district",
                ADVERTS,
                "measured",
            )
        eng_ad = cell(self._adverts, "total", ENGLAND.code)
        if eng_ad and eng_pop:
            figs["adverts_per_1000_england"] = Figure(
                label_adverts,
                round(eng_ad / eng_pop * 1000, 1),
                "per 1,000",
                self.adverts_period,
                ENGLAND.name,
                ENGLAND.level,
                ADVERTS,
                "measured",
            )
        return figs
