"""The Routes page's answers: a learner's routes in their groups (the route finder for one learner is
:meth:`pathways.context.Context.route_groups_for`), each route card (pay, who trains nearby, next steps), and the
jobs open with no qualifications.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from pathways import next_steps
from pathways.areas import Place, TravelArea
from pathways.context import Context
from pathways.delivery_answers import Delivery
from pathways.figures import Figure, as_int
from pathways.graph import is_direct_entry
from pathways.labour_market import ADVERTS
from pathways.next_steps import NextStep
from pathways.pay import RoutePay, route_pay
from pathways.profile import Profile
from pathways.routes import Route, Step, learner_notices
from pathways.routes.ranking import RouteGroups
from pathways.vocab import FE_COURSE, T_LEVEL
from pathways.words import plain_title

__all__ = [
    "RoutesAnswer",
    "RouteCard",
    "TrainingLink",
    "DirectEntryJob",
    "COLLEGE_FIRST_KINDS",
    "routes_answer",
    "headline_pay",
    "route_card",
    "direct_entry_jobs",
]


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


# -- a learner's routes -------------------------------------------------------------------------------
def routes_answer(ctx: Context, profile: Profile, limit: int = 20) -> RoutesAnswer:
    """The learner's place, travel area, routes in their groups and notices (the Routes, Compare and Plan pages)."""
    place, travel, groups = ctx.route_groups_for(profile, limit=limit)
    notices = learner_notices(ctx.bundle, profile) + ([travel.large_home_note()] if travel.large_home else [])
    routes = tuple(r for rs in groups.routes.values() for r in rs)
    return RoutesAnswer(place, travel, routes, tuple(notices), groups)


# -- a route card -------------------------------------------------------------------------------------
#: first steps taken at a college (a study programme or a T Level): their cards name the colleges that serve the area
COLLEGE_FIRST_KINDS = (FE_COURSE, T_LEVEL)


def headline_pay(pay: RoutePay) -> tuple[Figure, Figure, Figure]:
    """Pay while training on the first paid step (else the first step), newly qualified, with experience."""
    first = pay.first_paid
    training = first.figure if first is not None else pay.while_training[0].figure
    return training, pay.newly_qualified, pay.experienced


def route_card(ctx: Context, travel: TravelArea, route: Route, profile: Profile) -> RouteCard:
    """A route card's pay, who trains for its first apprenticeship nearby, and its next steps."""
    pay = route_pay(ctx.market, travel, route)
    first = pay.first_paid
    step = next((s for s in route.steps if s.delivery is not None), None)
    delivery = ctx.delivery.delivery_for(travel, step.id, int(step.age_at_start)) if step is not None else None
    steps = next_steps.for_route(route, travel.home.name, profile, delivery.search_url if delivery is not None else "")
    sourced = (pay.newly_qualified, pay.experienced) + ((first.figure,) if first is not None else ())
    why = tuple(s.evidence.label if i else "" for i, s in enumerate(route.steps))
    colleges: tuple[str, ...] = ()
    basis = ""
    if route.steps and route.steps[0].kind in COLLEGE_FIRST_KINDS:
        colleges = tuple(name for name, _ in ctx.delivery.colleges_near(travel.codes))
        basis = (
            f"Colleges that took on apprentices from your area in {ctx.delivery.years_words} (DfE apprenticeships "
            "provider data: the only DfE figures that name colleges by area). Ask them about their full-time courses."
        )
    return RouteCard(route, pay, headline_pay(pay), sourced, step, delivery, tuple(steps), why, colleges, basis)


# -- jobs with no qualifications ------------------------------------------------------------------------
def direct_entry_jobs(ctx: Context, travel: TravelArea, limit: int = 8, age: int = 16) -> tuple[DirectEntryJob, ...]:
    """Jobs open straight from school with no qualifications, with the training that grows from them.

    ``pay_to_start`` is the job's pay at the learner's age (16 at the youngest): what they would start on
    (see :mod:`pathways.pay`); its value is None when ONS published no pay for the job.

    One job per group of jobs (SOC sub-major group), groups with most local adverts first; within a
    group, the job whose in-work apprenticeships most people start (DfE starts in England in the latest
    full year, ``Bundle.starts_years``).
    """
    b = ctx.bundle
    prog = b.progressions
    training = prog[(prog.from_kind == "occupation") & (prog.to_kind == "programme")]
    std = b.standards.set_index("programme_id")
    titles = {**dict(zip(b.programmes.programme_id, b.programmes.title)), **std.title.to_dict()}
    starts = {k: as_int(v) or 0 for k, v in std.starts_latest.items()}
    jobs = []
    for r in _open_with_no_qualifications(b.occupations).itertuples(index=False):
        ids = sorted(training[training.from_id == r.soc].to_id, key=lambda t: (-starts.get(t, 0), t))
        links = tuple(
            TrainingLink(t, str(titles.get(t, t)), None if std.level.get(t) is None else int(std.level.get(t))) for t in ids[:3]
        )
        jobs.append(_direct_entry_job(ctx, travel, r, max(age, 16), links, sum(starts.get(t, 0) for t in ids)))
    return _one_per_group(jobs, limit)


def _open_with_no_qualifications(occ: pd.DataFrame) -> pd.DataFrame:
    """The jobs (rows of the occupations table) open straight from school with no qualifications."""
    return occ[
        [
            is_direct_entry(r.soc, bool(r.no_formal_requirements), str(r.entry_routes), str(r.title))
            for r in occ.itertuples(index=False)
        ]
    ]


def _direct_entry_job(
    ctx: Context, travel: TravelArea, r: Any, start_age: int, training: tuple[TrainingLink, ...], training_starts: int
) -> DirectEntryJob:
    """One job open with no qualifications (``r``, its row of the occupations table): its pay to start at
    ``start_age`` and its adverts in the travel area, with the training that grows from it."""
    s = ctx.market.signals(travel, r.soc)
    pay = None if s.pay_experienced is None else round(ctx.pay.scaled(r.soc, start_age, s.pay_experienced), -2)
    return DirectEntryJob(
        soc=r.soc,
        title=plain_title(str(r.title)),
        group=r.soc[:2],
        pay_to_start=Figure(
            f"Pay to start at {start_age}",
            pay,
            "£ a year",
            ctx.market.pay_period,
            travel.home.region_name,
            "region",
            ctx.market.cite.ashe,
            "modelled" if pay is not None else "suppressed",
            "" if s.pay_reliable else "Less reliable: see About the data.",
        ),
        pay_reliable=s.pay_reliable,
        adverts=Figure(
            "Adverts for this kind of work near you",
            s.adverts,
            "adverts",
            ctx.market.adverts_period,
            travel.label or travel.home.name,
            "travel area",
            ADVERTS,
            "measured" if s.adverts is not None else "not available",
        ),
        adverts_ratio=s.adverts_ratio,
        training_starts=training_starts,
        training=training,
    )


def _one_per_group(jobs: list[DirectEntryJob], limit: int) -> tuple[DirectEntryJob, ...]:
    """One job per group of jobs, the one whose training most people start; groups with most local adverts
    first, at most ``limit``."""
    best: dict[str, DirectEntryJob] = {}
    for job in sorted(jobs, key=lambda j: (-j.training_starts, j.soc)):
        best.setdefault(job.group, job)
    return tuple(sorted(best.values(), key=lambda j: (-(j.adverts.value or 0), j.soc))[:limit])
