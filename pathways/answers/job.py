"""The Job page's answers: what a job is (description, UK pay, its ways in by level, where it leads, related
jobs), its figures near one learner (local pay and demand, training outcomes, who trains nearby), and what to do
next about it. A job's ways in and where they lead are the graph's (:mod:`pathways.graph_progressions`: ``JobWay``,
``JobLead``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pathways.areas import Place, TravelArea
from pathways.context import Context
from pathways.delivery_answers import DeliverySummary, age_group
from pathways.figures import Figure, as_number
from pathways.graph_progressions import JobLead, JobWay, leads_to, ways_in
from pathways.job_outcomes import occupation_outcomes
from pathways.labour_market import OccupationLocal
from pathways.next_steps import NextStep, for_job
from pathways.profile import Profile
from pathways.routes import Route
from pathways.routes.settings import FIRST_PROGRAMME_AGE
from pathways.vocab import APPRENTICESHIP_KINDS, UK
from pathways.words import plain_description, plain_title, region_words

__all__ = ["RelatedJob", "JobAnswer", "JobNearYou", "job_answer", "job_near"]


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
        return replace(self, first_choice=way_id)

    def next_steps(self, place: Place, profile: Profile, route: Route | None = None) -> tuple[NextStep, ...]:
        """What to do next about this job: the apprenticeship of the route it was opened from, else its first open
        apprenticeship (when it has one) or the job search near ``place``, then free advice for the learner."""
        appr = next((s.title for s in route.steps if s.kind in APPRENTICESHIP_KINDS), "") if route is not None else ""
        first = self.first_open_apprenticeship
        return tuple(for_job(self.title, place.name, profile, appr or (first.title if first is not None else "")))


@dataclass(frozen=True)
class JobNearYou:
    """A job's figures near one learner: local pay and demand, training outcomes, who trains nearby."""

    local: OccupationLocal
    #: pay when newly qualified, at the learner's age (18 at the youngest)
    newly_qualified: Figure
    #: training and outcomes figures about this job's ways in (:func:`pathways.job_outcomes.occupation_outcomes`,
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


# -- the job, and the job near the learner ------------------------------------------------------------
#: the UK pay percentiles shown on the Job page, with their labels on the chart
_PAY_PERCENTILES = (
    ("annual_p10", "Lowest 10%"),
    ("annual_p25", "Lower quarter"),
    ("annual_median", "Middle"),
    ("annual_p75", "Upper quarter"),
    ("annual_p90", "Top 10%"),
)


def job_answer(ctx: Context, soc: str) -> JobAnswer:
    """What a job is, its UK pay, its ways in by level, where it leads, and related jobs.

    Raises :class:`pathways.errors.UnknownOccupation` for a code that is not a job in the bundle."""
    soc = ctx.market.check_soc(soc)
    b = ctx.bundle
    occ = b.occupations.set_index("soc")
    o = occ.loc[soc]
    pay = {k: as_number(o[k]) for k, _ in _PAY_PERCENTILES}
    uk = {
        k: Figure(
            label,
            pay[k],
            "£ a year",
            ctx.market.pay_period,
            UK.name,
            UK.level,
            ctx.market.cite.ashe,
            "measured" if pay[k] is not None else "suppressed",
            "" if pay[k] is not None else str(o.pay_note or "ONS did not publish pay for this job."),
        )
        for k, label in _PAY_PERCENTILES
    }
    ways = ways_in(b, soc)
    related = occ[(occ.minor_group == o.minor_group) & (occ.index != soc)]
    return JobAnswer(
        soc=soc,
        title=plain_title(str(o.title)),
        description=plain_description(str(o.description)),
        tasks=tuple(t for t in str(o.tasks).split("\n") if t.strip()),
        entry_routes=str(o.entry_routes),
        no_formal_requirements=bool(o.no_formal_requirements),
        related_job_titles=str(o.related_job_titles),
        pay_uk=tuple(f for f in uk.values() if f.value is not None),
        pay_median=uk["annual_median"],
        pay_note=str(o.pay_note or ""),
        ways_in=tuple(ways),
        starts_year=str(b.starts_years[0]),
        leads_to=tuple(leads_to(b, soc, ways)),
        related=tuple(RelatedJob(str(s), plain_title(str(t))) for s, t in related.title.items()),
    )


def job_near(ctx: Context, soc: str, travel: TravelArea, age: int = 16, qualify_age: float | None = None) -> JobNearYou:
    """A job's figures near the learner: local pay and demand, pay when newly qualified (at ``qualify_age``, the age a
    route reaches the job, when the page was opened from one; else at their age, 18 at the youngest: few people
    qualify for a job before then), training outcomes, and who trains nearby for their age."""
    soc = ctx.market.check_soc(soc)
    local = ctx.market.occupation_local(travel, soc)
    links = ctx.bundle.programme_occupations
    ids = set(links[links.soc == soc].programme_id)
    near = {k: v for k, v in ctx.delivery.summaries(travel.codes, age_group(max(age, FIRST_PROGRAMME_AGE))).items() if k in ids}
    at = qualify_age if qualify_age is not None else max(age, 18)
    levels = {w.level for w in ways_in(ctx.bundle, soc)}
    figures, lines = _outcomes_for(occupation_outcomes(ctx.market, travel, soc), levels)
    return JobNearYou(
        local, ctx.pay.newly_qualified(soc, at, local.pay_experienced), figures, near, ctx.delivery.years_words, lines
    )


#: the apprenticeship outcome levels (DfE FE outcomes) and the level each is
_FEO_LEVEL = {
    "intermediate apprenticeship": 2,
    "advanced apprenticeship": 3,
    "higher (level 4) apprenticeship": 4,
    "higher (level 5) apprenticeship": 5,
    "higher (level 6) apprenticeship": 6,
    "higher (level 7+) apprenticeship": 7,
}
_FEO_WORDS = {2: "an intermediate (Level 2) apprenticeship", 3: "an advanced (Level 3) apprenticeship"}
#: the highest-qualification levels of DfE Career pathways, and the levels of ways in each speaks for
_EARNINGS_LEVELS = {"Level 2": {0, 1, 2}, "Level 3": {3}, "Level 4/5": {4, 5}, "Level 6": {6}}


def _outcomes_for(figures: dict[str, Figure], levels: set[int]) -> tuple[tuple[Figure, ...], tuple[str, ...]]:
    """The outcome figures a job page shows, each as a plain sentence: college courses in the job's subject near the
    learner; then, for the levels of the job's own ways in only, people in work or learning the year after an
    apprenticeship and (old figures, said so with their year and what they count) pay at 25 to 30 in the region.

    Left out: where apprentices from the area train (not about this job), and earnings 10 years after GCSEs
    (everyone from the region who took GCSEs 15 to 20 years ago, not about this job)."""
    out: list[tuple[Figure, str]] = []
    fe = figures.get("fe_subject")
    if fe is not None and fe.value is not None:
        subject = fe.label.removeprefix("College and training courses in ")
        out.append(
            (
                fe,
                f"In {fe.period}, people living in {fe.geography} took **{fe.display()}** college and training "
                f"courses in {subject}.",
            )
        )
    feo = sorted(
        ((_FEO_LEVEL.get(k.removeprefix("feo_").lower(), -1), f) for k, f in figures.items() if k.startswith("feo_")),
        key=lambda t: t[0],
    )
    for number, f in feo:
        if number in levels and f.value is not None:
            what = _FEO_WORDS.get(number, f"a Level {number} apprenticeship")
            out.append(
                (
                    f,
                    f"**{f.display()}** of people in {f.geography} who finished {what} in {f.period} were in "
                    "work or learning the year after.",
                )
            )
    for name, ways in _EARNINGS_LEVELS.items():
        pay = figures.get(f"earnings_25_30_{name}")
        if pay is None or pay.value is None or not ways & levels:
            continue
        sector = pay.label.rsplit("(", 1)[-1].rstrip(")").replace(" & ", " and ")
        out.append(
            (
                pay,
                f"Pay at 25 to 30 in the tax year {pay.period.removeprefix('tax year ')}, an old figure: people in "
                f"{region_words(pay.geography)} working in {sector}, whose highest qualification was "
                f"{name.replace('/', ' or ')}, earned **{pay.display()}** a year (the middle figure). It counts "
                "part-time work too, so it is less than full-time pay.",
            )
        )
    return tuple(f for f, _ in out), tuple(line for _, line in out)
