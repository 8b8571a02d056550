"""The Area page's answers: the opportunity picture of a district against England, the tables behind its charts,
its map, and the employers near the learner that train their own apprentices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from pathways.areas import Place, TravelArea
from pathways.context import Context
from pathways.district_distances import map_box
from pathways.figures import Figure
from pathways.district_figures import area_context, starts_per_1000_by_year
from pathways.schema.local import PROJECTION_TOTAL
from pathways.words import place_name

__all__ = [
    "FigurePair",
    "SocialMobility",
    "AreaPicture",
    "AreaTables",
    "AreaMap",
    "MAP_GROUPS",
    "EmployerNear",
    "EmployersNear",
    "EMPLOYERS_BASIS",
    "employers_near",
    "area_picture",
    "area_tables",
    "area_map",
]


@dataclass(frozen=True)
class EmployerNear:
    """An employer near the learner that trains its own apprentices (not a training company or college)."""

    name: str
    #: people a year from the travel area it took on as apprentices (all apprenticeships, two-year average, measured)
    people_a_year: float
    #: where it trained them (district names), most first
    trains_in: tuple[str, ...]
    #: the apprenticeships it trains at least about one person from the area on in two years (estimate)
    apprenticeships: tuple[str, ...]


@dataclass(frozen=True)
class EmployersNear:
    """The Area page's "Employers near you that train their own apprentices", with what it rests on."""

    employers: tuple[EmployerNear, ...]
    years: str
    #: how employers are told apart from training companies, and what the files do not allow
    basis: str


@dataclass(frozen=True)
class FigurePair:
    """A local figure and the same figure for England (None when there is none to compare with)."""

    figure: Figure
    england: Figure | None = None


@dataclass(frozen=True)
class SocialMobility:
    """The Social Mobility Commission's latest scores for the learner's upper-tier authority."""

    area: str
    #: ``index``, ``period``, ``value``, ``category``: one row per index, its latest period
    scores: pd.DataFrame
    #: who publishes the indices and their name, from the bundle's manifest (:attr:`pathways.citations.Citations.smc`)
    source: str = ""


@dataclass(frozen=True)
class AreaPicture:
    """The opportunity picture of a district against England (the Area page's figures)."""

    place: Place
    rural_urban: str
    neet: FigurePair
    participating: FigurePair
    apprenticeship: FigurePair
    pay: FigurePair
    #: None when ONS does not publish adverts for the district alone
    adverts_per_1000: FigurePair | None
    starts_per_1000: FigurePair
    social_mobility: SocialMobility | None

    @property
    def young_people(self) -> tuple[FigurePair, ...]:
        return (self.neet, self.participating, self.apprenticeship)

    @property
    def headline(self) -> tuple[Figure, ...]:
        """The figures compared with a nearby area: pay, young people not in education or work, starts."""
        return (self.pay.figure, self.neet.figure, self.starts_per_1000.figure)


@dataclass(frozen=True)
class AreaTables:
    """Tables for the Area page's charts, with the periods their captions name."""

    #: ``Year``, ``Area``, ``Starts per 1,000 people``: the district and England
    starts: pd.DataFrame
    #: ``Kind of work``, ``People``
    people: pd.DataFrame
    #: ``Kind of work``, ``Adverts``
    adverts: pd.DataFrame
    #: True when the district has no advert figures and ``adverts`` is for its LSIP area
    adverts_wider: bool
    #: ``Kind of work`` and :attr:`openings_column` (LSIP area)
    openings: pd.DataFrame
    people_period: str
    adverts_period: str
    #: the years the projected openings cover ("2020 to 2035"), their source and its note on rounding and licence,
    #: from the projections' Source in the bundle's manifest (:attr:`pathways.citations.Citations.projections_period`)
    openings_period: str = ""
    openings_source: str = ""
    openings_note: str = ""
    #: what ``people`` leaves out: "Leaves out 9 kinds of work whose figures are not published (too few people in
    #: the survey)."; "" when every kind of work is published. Suppressed figures are missing, never 0.
    people_note: str = ""
    #: jobs to fill in all kinds of work together (LSIP area, :attr:`openings_period`; None when not published): said
    #: in words, not drawn as a bar beside the kinds of work
    openings_total: int | None = None

    @property
    def openings_column(self) -> str:
        """The name of :attr:`openings`' value column ("Jobs to fill, 2020 to 2035")."""
        return str(self.openings.columns[-1]) if len(self.openings.columns) > 1 else "Jobs to fill"

    @property
    def openings_until(self) -> str:
        """The last year of :attr:`openings_period` ("2035"; "" when there is no period)."""
        return self.openings_period.split(" to ")[-1].strip() if self.openings_period else ""


#: how the map shows each district, in drawing order (last on top)
MAP_GROUPS = ("Other areas", "Areas you can reach", "Where you live")


@dataclass(frozen=True)
class AreaMap:
    """The Area page's map: see :func:`area_map`."""

    shapes: pd.DataFrame
    #: west, south, east, north
    box: tuple[float, float, float, float]
    #: ``Area``, ``On the map``: the home district first, then the travel area
    table: pd.DataFrame

    @property
    def order(self) -> list[str]:
        """:data:`MAP_GROUPS`, for the chart's colours and legend."""
        return list(MAP_GROUPS)

    @property
    def reachable(self) -> list[str]:
        """The names of the districts in the travel area other than home."""
        return list(self.table["Area"][1:])


# -- employers that train their own apprentices ------------------------------------------------------
EMPLOYERS_BASIS = (
    "Employers that train their own staff, not training companies or colleges: NHS trusts, councils, police and "
    "fire services by DfE's provider type, and companies from a hand-checked list of the largest providers (see "
    "About the data). People a year are the apprentices from your area they took on (all apprenticeships, "
    "measured, average of two years); the apprenticeships are those they trained at least about one person from "
    "your area on in two years (an estimate: no file gives an employer's apprenticeships by place, so an employer "
    "that trains at several sites has its starts shared over all it trains for)."
)


def employers_near(ctx: Context, travel: TravelArea, limit: int = 12) -> EmployersNear:
    """Employers near the learner that train their own apprentices (:meth:`pathways.delivery.DeliveryIndex.employers_near`)."""
    rows = ctx.delivery.employers_near(travel.codes)[:limit]
    return EmployersNear(tuple(EmployerNear(n, p, w, a) for n, p, w, a in rows), ctx.delivery.years_words, EMPLOYERS_BASIS)


# -- the district against England, its tables and its map ---------------------------------------------
def area_picture(ctx: Context, place: Place) -> AreaPicture:
    """The opportunity picture of a district against England (see :func:`pathways.district_figures.area_context`)."""
    c = area_context(ctx.market, place)
    smc = None
    if c.smc:
        rows = pd.DataFrame(c.smc)
        latest = rows.sort_values("period").groupby("index").tail(1)
        smc = SocialMobility(
            place_name(str(latest.area.iloc[0])),
            latest[["index", "period", "value", "category"]].reset_index(drop=True),
            ctx.market.cite.smc,
        )
    adverts = None if c.adverts_per_1000 is None else FigurePair(c.adverts_per_1000, c.adverts_per_1000_england)
    return AreaPicture(
        place,
        c.rural_urban,
        FigurePair(c.neet_or_not_known_percent, c.neet_or_not_known_percent_england),
        FigurePair(c.participating_percent, c.participating_percent_england),
        FigurePair(c.apprenticeship_percent, c.apprenticeship_percent_england),
        FigurePair(c.pay, c.pay_england),
        adverts,
        FigurePair(c.starts_per_1000, c.starts_per_1000_england),
        smc,
    )


def _top_groups(titles: dict[str, str], groups: Any, values: Any, column: str) -> pd.DataFrame:
    return pd.DataFrame({"Kind of work": [titles.get(str(g), str(g)).capitalize() for g in groups], column: values})


def area_tables(ctx: Context, place: Place) -> AreaTables:
    """Tables for the Area page: starts per 1,000 over time, top kinds of work by people and by adverts,
    and projected openings."""
    b = ctx.bundle
    titles = dict(zip(b.soc_groups.code, b.soc_groups.title))
    em = b.employment
    em = em[(em.area_code == place.lad_code) & (em.period_end_year == em.period_end_year.max()) & (em.sub_major_group != "total")]
    people = em.dropna(subset=["value"]).nlargest(8, "value")
    hidden = int(em.value.isna().sum())  # suppressed: not published, never 0
    people_note = (
        (
            f"Leaves out {hidden} kind{'s' if hidden > 1 else ''} of work whose figure{'s are' if hidden > 1 else ' is'} "
            "not published (too few people in the survey)."
        )
        if hidden
        else ""
    )
    ja = b.job_adverts
    ja = ja[(ja.area_code == place.lad_code) & (ja.soc_group.str.len() == 2)]
    wider = bool(ja.value.notna().sum() == 0)
    if wider:
        ja = b.job_adverts[(b.job_adverts.area_code == place.lsip_code) & (b.job_adverts.soc_group.str.len() == 2)]
    ads = ja.dropna(subset=["value"]).nlargest(8, "value")
    pj = b.projections
    pj = pj[(pj.area_code == place.lsip_code)].dropna(subset=[PROJECTION_TOTAL])
    # the all-jobs total is said in words, not drawn as if it were a kind of work beside the others
    total = pj[pj.sub_major_group == "total"][PROJECTION_TOTAL]
    pj = pj[pj.sub_major_group != "total"].nlargest(8, PROJECTION_TOTAL)
    cite = ctx.market.cite
    return AreaTables(
        starts=starts_per_1000_by_year(ctx.bundle, place),
        people=_top_groups(titles, people.sub_major_group, people.value.round(-2).astype(int), "People"),
        adverts=_top_groups(titles, ads.soc_group, ads.value.astype(int), "Adverts"),
        adverts_wider=wider,
        openings=_top_groups(
            titles,
            pj.sub_major_group,
            pj[PROJECTION_TOTAL].astype(int),
            f"Jobs to fill, {cite.projections_period}" if cite.projections_period else "Jobs to fill",
        ),
        people_period=str(em.period.iloc[0]) if len(em) else "",
        adverts_period=ctx.market.adverts_period,
        openings_period=cite.projections_period,
        openings_source=cite.projections,
        openings_note=cite.projections_note,
        people_note=people_note,
        openings_total=int(total.iloc[0]) if len(total) else None,
    )


def area_map(ctx: Context, home: str, codes: Any, margin: float = 0.12, min_span: float = 0.25) -> AreaMap:
    """The Area page's map: the ``home`` district, the travel area (``codes``, district codes as in
    :attr:`pathways.areas.TravelArea.codes`) and the districts around them.

    ``shapes`` has one row per district in view: ``lad_code``, ``Area``, ``Shown as`` (one of
    :data:`MAP_GROUPS`), GeoJSON ``geometry`` text, ``label_lon``/``label_lat``; ``box`` is the travel
    area plus ``margin`` of its size on each side, at least ``min_span`` degrees of latitude high;
    ``table`` is the home district and the travel area, for the table beside the map. Only districts
    whose bounding box meets the box are included, so the page sends a few dozen outlines, not all of
    England. England only: the bundle has no outlines for Wales or Scotland.
    """
    b = ctx.bundle.boundaries
    names = dict(zip(ctx.bundle.lads.lad_code, ctx.bundle.lads.name))
    inside = [c for c in dict.fromkeys((home, *codes)) if c in names]
    box = map_box(b[b.lad_code.isin(inside)], margin, min_span)
    near = b[(b.max_lon >= box[0]) & (b.min_lon <= box[2]) & (b.max_lat >= box[1]) & (b.min_lat <= box[3])]
    group = {c: MAP_GROUPS[1] for c in inside} | {home: MAP_GROUPS[2]}
    shapes = pd.DataFrame(
        {
            "lad_code": near.lad_code.to_numpy(),
            "Area": [names[c] for c in near.lad_code],
            "Shown as": [group.get(c, MAP_GROUPS[0]) for c in near.lad_code],
            "geometry": near.geometry.to_numpy(),
            "label_lon": near.label_lon.to_numpy(),
            "label_lat": near.label_lat.to_numpy(),
        }
    )
    shapes["_order"] = shapes["Shown as"].map(MAP_GROUPS.index)
    shapes = shapes.sort_values(["_order", "Area"]).drop(columns="_order").reset_index(drop=True)
    table = pd.DataFrame({"Area": [names[c] for c in inside], "On the map": [group[c] for c in inside]})
    return AreaMap(shapes, box, table)
