"""What each page is given to show: frozen dataclasses, one per page's question, built by
:mod:`pathways.service`.

Figures are :class:`pathways.figures.Figure` (a value with its source, period, place and basis);
tables for charts are DataFrames with the column names the chart shows. Nothing here reads the
bundle: these are shapes only, so a page (or a test) can import them without loading anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pathways.figures import Figure
from pathways.vocab import APPRENTICESHIP_KINDS

if TYPE_CHECKING:
    import pandas as pd

    from pathways.areas import Place, TravelArea
    from pathways.delivery import Delivery, DeliverySummary
    from pathways.labour_market import OccupationLocal
    from pathways.money import YearEarnings
    from pathways.next_steps import NextStep
    from pathways.pay import RoutePay
    from pathways.plan import PlanItem
    from pathways.routes import Route, Step
    from pathways.routes.ranking import RouteGroups

__all__ = [
    "JobWay", "JobLead", "RelatedJob", "JobAnswer", "JobNearYou",
    "FigurePair", "SocialMobility", "AreaPicture", "AreaTables", "AreaMap", "MAP_GROUPS", "EmployerNear", "EmployersNear",
    "RoutesAnswer", "RouteCard", "TrainingLink", "DirectEntryJob",
    "CompareColumn", "CompareAnswer", "PlanAnswer", "SourceRow", "Method", "AboutAnswer",
]


# -- a job ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class JobWay:
    """One way into a job: an apprenticeship or course linked to it."""

    id: str
    title: str
    level: int
    kind: str
    #: plain words for ``kind`` ("Apprenticeship", "T Level", ...)
    kind_label: str
    months: int | None
    status: str
    #: "paused for new starts" or "retired" when it takes no new starts, else ""
    status_text: str
    confidence: float
    method: str
    #: why we list it (the link's basis in words)
    basis: str
    #: starts in England in the bundle's latest full year (apprenticeships only)
    starts: int | None

    @property
    def label(self) -> str:
        """The title, with "(paused for new starts)" (or retired) when it takes no new starts."""
        return f"{self.title} ({self.status_text})" if self.status_text else self.title

    @property
    def level_words(self) -> str:
        return "Entry level" if self.level == 0 else f"Level {self.level}"

    @property
    def is_apprenticeship(self) -> bool:
        return self.kind in APPRENTICESHIP_KINDS


@dataclass(frozen=True)
class JobLead:
    """A programme a job's ways in lead on to."""

    id: str
    title: str
    level: int | None
    rule: str
    status_text: str
    #: the job it mainly trains for ("" when none is linked)
    leads_to: str
    #: why an adviser would name it, in words ("the next level for the same job")
    why: str = ""


@dataclass(frozen=True)
class RelatedJob:
    soc: str
    title: str


@dataclass(frozen=True)
class JobAnswer:
    """What a job is (the Job page, for any learner): description, UK pay, ways in, where it leads."""

    soc: str
    title: str
    description: str
    tasks: tuple[str, ...]
    entry_routes: str
    no_formal_requirements: bool
    related_job_titles: str
    #: UK full-time pay, lowest 10% to top 10% (only the published ones), labelled as on the chart
    pay_uk: tuple[Figure, ...]
    #: the UK middle (median) pay (value None when not published)
    pay_median: Figure
    #: why there is no pay figure, when there is none
    pay_note: str
    ways_in: tuple[JobWay, ...]
    #: the academic year of :attr:`JobWay.starts`
    starts_year: str
    leads_to: tuple[JobLead, ...]
    related: tuple[RelatedJob, ...]

    #: the way in the next steps name when it is an open apprenticeship (the one most people near the learner
    #: start: see :meth:`preferring`); "" for the first by level
    first_choice: str = ""

    @property
    def first_open_apprenticeship(self) -> JobWay | None:
        """The apprenticeship way in the next steps name: :attr:`first_choice` when it takes new starts, else the
        first (by level) that does."""
        open_ = [w for w in self.ways_in if w.is_apprenticeship and not w.status_text]
        return next((w for w in open_ if w.id == self.first_choice), open_[0] if open_ else None)

    def preferring(self, way_id: str) -> JobAnswer:
        """This answer with ``way_id`` as :attr:`first_choice` (the page knows which way in people near the
        learner start)."""
        from dataclasses import replace

        return replace(self, first_choice=way_id)


@dataclass(frozen=True)
class JobNearYou:
    """A job's figures near one learner: local pay and demand, training outcomes, who trains nearby."""

    local: OccupationLocal
    #: pay when newly qualified, at the learner's age (18 at the youngest)
    newly_qualified: Figure
    #: training and outcomes figures about this job's ways in (:func:`pathways.labour_market.occupation_outcomes`,
    #: those for its levels only), in the order of :attr:`outcome_lines`
    outcomes: tuple[Figure, ...]
    #: for each apprenticeship way in delivered near the learner: providers near and the local estimate
    near: dict[str, DeliverySummary]
    #: the year the local starts estimates are for
    delivery_year: str
    #: each of :attr:`outcomes` as a plain sentence (markdown) with its year, place and what it counts in words
    outcome_lines: tuple[str, ...] = ()

    def summary(self, way_id: str) -> DeliverySummary | None:
        return self.near.get(way_id)

    def ways_near(self, ways: tuple[JobWay, ...], first: str = "", limit: int = 3) -> tuple[JobWay, ...]:
        """The ways in that people from the learner's area start (at least about one a year), ``first`` (the
        route's apprenticeship) first, then by level (the way in with the fewest entry needs first) and most starts
        near them; at most ``limit``."""
        def starts(w: JobWay) -> float:
            s = self.near.get(w.id)
            return (s.local_starts_estimate or 0.0) if s is not None else 0.0

        near = [w for w in ways if w.id == first or starts(w) >= 0.5]
        return tuple(sorted(near, key=lambda w: (w.id != first, w.level, -starts(w), w.title))[:limit])


# -- an area --------------------------------------------------------------------------------------
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
    """The Area page's map: see :func:`pathways.service.area_map`."""

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


# -- routes ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RoutesAnswer:
    """A learner's place, travel area and ranked routes, with notices about them."""

    place: Place
    travel: TravelArea
    routes: tuple[Route, ...]
    #: plain notices for this learner (e.g. the rules for under-18s)
    notices: tuple[str, ...] = ()
    #: the same routes in the groups an adviser uses, with why a group shows nothing
    groups: RouteGroups | None = None

    def by_id(self) -> dict[str, Route]:
        return {r.route_id: r for r in self.routes}


@dataclass(frozen=True)
class RouteCard:
    """What a route card shows beyond the route: its pay, who trains for it nearby and how to start."""

    route: Route
    pay: RoutePay
    #: pay while training (the first paid step, else the first step), newly qualified, with experience
    pay_figures: tuple[Figure, Figure, Figure]
    #: the figures whose sources the card lists
    sourced_figures: tuple[Figure, ...]
    #: the route's first apprenticeship step delivered near the learner, and who trains for it
    training_step: Step | None
    delivery: Delivery | None
    next_steps: tuple[NextStep, ...]
    #: for each step, why it follows the one before (the evidence's label; "" for the first step or none)
    why_next: tuple[str, ...] = ()
    #: for a route that starts at college: the colleges that serve the learner's area, most people first, and what
    #: that rests on ("" when the first step is not at a college)
    colleges: tuple[str, ...] = ()
    colleges_basis: str = ""


@dataclass(frozen=True)
class TrainingLink:
    """An apprenticeship that grows from a job."""

    id: str
    title: str
    level: int | None


@dataclass(frozen=True)
class DirectEntryJob:
    """A job open with no qualifications, with the training that grows from it."""

    soc: str
    #: the ONS title made plain ("n.e.c." removed)
    title: str
    #: the job's SOC sub-major group
    group: str
    #: pay to start at the learner's age (value None when ONS published no pay)
    pay_to_start: Figure
    pay_reliable: bool
    #: online job adverts for its kind of work in the travel area (value None when not published)
    adverts: Figure
    adverts_ratio: float | None
    #: starts in England on the apprenticeships that grow from it
    training_starts: int
    training: tuple[TrainingLink, ...]


# -- compare and plan -----------------------------------------------------------------------------
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


@dataclass(frozen=True)
class PlanAnswer:
    """The plan's items (routes and jobs on the shortlist), next steps, and shortlist keys not found."""

    items: tuple[PlanItem, ...]
    next_steps: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """Every figure's source and period, once each, sorted (for the plan's records)."""
        return tuple(sorted({f"{f.source}, {f.period}" for item in self.items for f in item.figures}))


# -- about the data -------------------------------------------------------------------------------
@dataclass(frozen=True)
class SourceRow:
    data: str
    publisher: str
    source: str
    period: str
    licence: str
    rows: int


@dataclass(frozen=True)
class Method:
    """The numbers and phrases the About page's "how we work it out" text quotes, from the modules that use them."""

    #: how local pay is estimated (:data:`pathways.labour_market.PAY_METHOD`)
    pay_method: str
    #: how the local starts estimate is made (:data:`pathways.delivery.ESTIMATE_METHOD`)
    estimate_method: str
    #: the names of the three pay figures: while training, newly qualified, with experience
    pay_labels: tuple[str, str, str]
    #: a change from the earlier pay survey beyond which a figure is "less reliable" (a share, 0.25 = 25%)
    reliable_change: float
    #: fewer local starts a year than this and an apprenticeship first step is marked thin
    min_local_starts: float
    #: (part of the score in words, its share of the score)
    score_weights: tuple[tuple[str, float], ...]
    #: the ages (or age bands) :attr:`stage_fit` is given for
    stage_ages: tuple[str, ...]
    #: (kind of first step in words, how usual it is at each of :attr:`stage_ages`)
    stage_fit: tuple[tuple[str, tuple[float, ...]], ...]
    #: how usual a first step is, times this, when it needs something the start form does not ask about
    #: (:data:`pathways.routes.settings.UNASKED_NEED_FIT`)
    unasked_need_fit: float = 1.0
    #: fewer starts than this in all England since the last full year, with none in it, count as none near anyone
    few_part_year_starts: int = 0
    #: how routes are grouped, scored and chosen, and how "who trains near you" is worked out, in sentences written
    #: from the settings that do it (:mod:`pathways.routes.explain`)
    ranking: tuple[str, ...] = ()
    delivery: tuple[str, ...] = ()


@dataclass(frozen=True)
class AboutAnswer:
    """The About page's figures: the bundle's sources and the numbers its method text quotes."""

    built: str
    sources: tuple[SourceRow, ...]
    #: (what the table is, its limits)
    caveats: tuple[tuple[str, str], ...]
    less_reliable_pay: int
    published_pay: int
    apprentice_hours: float
    #: the two full years the "near you" rule counts
    delivery_window: tuple[str, ...]
    method: Method
