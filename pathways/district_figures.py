"""The opportunity picture of a district against England: young people in education or training (NEET and
participation), pay of the people who live there, the social mobility indices of its county, and apprenticeship
starts per 1,000 people over the years.

:func:`area_context` puts these together with the apprenticeship and job advert figures per 1,000 people (from the
labour market's tables, :meth:`pathways.labour_market.LabourMarket.per_1000`) in an :class:`AreaContext`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

import pandas as pd

from pathways.areas import Place
from pathways.bundle import Bundle
from pathways.citations import Citations
from pathways.figures import Figure, as_number
from pathways.labour_market import LabourMarket
from pathways.vocab import ENGLAND

__all__ = [
    "AreaContext",
    "NEET_SRC",
    "area_context",
    "participation",
    "residents_pay",
    "social_mobility",
    "starts_per_1000_by_year",
]

NEET_SRC = "DfE NEET and participation: local authority figures (NCCIS)"
_NEET_MEASURES = (
    ("neet_or_not_known_percent", "16-17 year olds not in education, work or training (or not known)"),
    ("participating_percent", "16-17 year olds in education or training"),
    ("apprenticeship_percent", "16-17 year olds on an apprenticeship"),
)


@dataclass(frozen=True)
class AreaContext:
    """The opportunity picture of a district against England. Each :class:`Figure` field is one figure, the
    district's (or its county's, or its region's) and England's side by side; :meth:`figure_fields`,
    :meth:`figures` and :meth:`to_dict` list them from the fields, so a new figure is added here only. A figure
    that cannot be worked out (adverts not published for the district, no population for England) is None, and
    left out of :meth:`figures` and :meth:`to_dict`."""

    place: Place
    rural_urban: str
    neet_or_not_known_percent: Figure
    participating_percent: Figure
    apprenticeship_percent: Figure
    neet_or_not_known_percent_england: Figure
    participating_percent_england: Figure
    apprenticeship_percent_england: Figure
    pay: Figure  # pay of the people living in the district (all jobs)
    pay_region: Figure
    pay_england: Figure
    starts_per_1000: Figure
    starts_per_1000_england: Figure | None = None
    adverts_per_1000: Figure | None = None
    adverts_per_1000_england: Figure | None = None
    #: the social mobility indices of the district's county, each period (:func:`social_mobility`)
    smc: list[dict] = field(default_factory=list)

    @classmethod
    def figure_fields(cls) -> tuple[str, ...]:
        """The names of the Figure fields, in order."""
        return tuple(f.name for f in fields(cls) if str(f.type).startswith("Figure"))

    def figures(self) -> list[Figure]:
        """Every figure there is, in field order."""
        return [f for f in (getattr(self, k) for k in self.figure_fields()) if f is not None]

    def to_dict(self) -> dict:
        figs = {k: f.to_dict() for k in self.figure_fields() if (f := getattr(self, k)) is not None}
        return {"rural_urban": self.rural_urban, "figures": figs, "social_mobility_indices": self.smc}


def participation(neet: pd.DataFrame, place: Place) -> dict[str, Figure]:
    """NEET and participation of 16-17 year olds (upper-tier authority), latest year, against England."""
    figs: dict[str, Figure] = {}
    latest = int(neet.year.max())
    for code, key, geo, level in (
        (place.utla_code, "", place.utla_name, "upper-tier authority"),
        (ENGLAND.code, "_england", ENGLAND.name, ENGLAND.level),
    ):
        row = neet[(neet.area_code == code) & (neet.year == latest)]
        r = row.iloc[0] if len(row) else None
        period = str(r.period) if r is not None else str(latest)
        for col, label in _NEET_MEASURES:
            v = as_number(r[col]) if r is not None else None
            figs[col + key] = Figure(
                label,
                v,
                "%",
                period,
                geo,
                level,
                NEET_SRC,
                "measured" if v is not None else "suppressed",
                "" if v is not None else "Not published for this area.",
            )
    return figs


def residents_pay(lad_pay: Mapping[str, float | None], place: Place, cite: Citations) -> dict[str, Figure]:
    """Pay of the people living in the district, against its region and England."""
    figs: dict[str, Figure] = {}
    for code, key, geo, level in (
        (place.lad_code, "", place.name, "district"),
        (place.region_code, "_region", place.region_name, "region"),
        (ENGLAND.code, "_england", ENGLAND.name, ENGLAND.level),
    ):
        v = lad_pay.get(code)
        figs["pay" + key] = Figure(
            "Typical yearly pay of people living here (all jobs)",
            v,
            "£ a year",
            cite.residents_pay_period,
            geo,
            level,
            cite.ashe_residents,
            "measured" if v is not None else "suppressed",
            "" if v is not None else "ONS did not publish this figure (too few people in the survey).",
        )
    return figs


def social_mobility(indices: pd.DataFrame, place: Place, source: str) -> list[dict]:
    """The social mobility indices of the district's county (upper-tier authority), each period."""
    rows = indices[indices.area_code == place.utla_code]
    return [
        {
            "index": r.index_title,
            "period": r.period,
            "value": round(float(r.value), 2),
            "category": r.category,
            "area": r.area_name,
            "source": source,
        }
        for r in rows.sort_values(["index_code", "period"]).itertuples(index=False)
    ]


def area_context(market: LabourMarket, place: Place) -> AreaContext:
    """The opportunity picture of a district: SMC indices, NEET, pay and training against England."""
    figs = {
        **participation(market.bundle.neet, place),
        **residents_pay(market.lad_pay, place, market.cite),
        **market.per_1000(place),
    }
    smc = social_mobility(market.bundle.smc_indices, place, market.cite.smc)
    return AreaContext(place, str(market.rural_urban[place.lad_code]), **figs, smc=smc)


def starts_per_1000_by_year(bundle: Bundle, place: Place) -> pd.DataFrame:
    """Apprenticeship starts per 1,000 people by year (full years, by where apprentices live), the district and
    England: ``Year``, ``Area``, ``Starts per 1,000 people`` (the Area page's chart)."""
    pop = bundle.population
    pop = pop[pop.period_end_year == pop.period_end_year.max()].set_index("area_code").value
    ap = bundle.apprenticeships_area
    ap = ap[(ap.basis == "home") & ~ap.partial_year]
    here = ap[ap.lad_code == place.lad_code].groupby("year").starts.sum()
    england = ap.groupby("year").starts.sum()
    return pd.DataFrame(
        {
            "Year": list(here.index) * 2,
            "Area": [place.name] * len(here) + [ENGLAND.name] * len(here),
            "Starts per 1,000 people": [round(v / pop.get(place.lad_code, float("nan")) * 1000, 1) for v in here.values]
            + [round(england.get(y, 0) / pop.get(ENGLAND.code, float("nan")) * 1000, 1) for y in here.index],
        }
    )
