"""Ranking: score every candidate for this learner and area, then pick a varied list (:func:`find_routes`)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from pathways.delivery_answers import DeliverySummary
from pathways.profile import Profile
from pathways.routes.assemble import make_route
from pathways.routes.candidate_arrays import Candidates, route_bits
from pathways.routes.candidates import RouteContext, get_context
from pathways.routes.model import AreaSignals, LocalSignalsProvider, Route, as_provider
from pathways.routes.scoring import (
    deliveries_at,
    delivery_component,
    demand_component,
    first_step_delivery,
    interest_component,
    is_thin,
    pay_component,
    stage_component,
)
from pathways.routes.settings import (
    DESTINATION_HORIZON_MONTHS,
    DIVERSIFY_POOL,
    EDUCATION_OR_TRAINING_UNTIL,
    FIRST_PROGRAMME_AGE,
    FORCES_INTEREST,
    FULL_SCORE,
    GROUP_ORDER_DECIMALS,
    INTEREST_SHARE,
    KIND_OF_WORK_DIGITS,
    MAX_PULL_GAP,
    MIN_PROVIDERS_IN_ENGLAND,
    MIN_SHOWN_SCORE,
    NEUTRAL_PART,
    PER_DESTINATION,
    PER_FIRST_STEP,
    SAME_WORK_MIN,
    SAME_WORK_SHARE,
    SCORE_DECIMALS,
    THIN_PENALTY,
    TIME_HORIZON_MONTHS,
    ROUTES_PER_GROUP,
    TOP_FIVE,
    USUAL_STAGE,
    WEIGHTS,
    YOUNG_UNTIL,
)
from pathways.signals import Signals
from pathways.vocab import EARN, GROUPS, JOB, STUDY, SUPPORT, group_of

__all__ = ["RouteGroups", "find_route_groups", "find_routes", "worth_showing"]

#: what a group with nothing fitting says it lacks
_GROUP_WHAT = {
    EARN: "apprenticeship or job",
    STUDY: "college course, T Level, Higher Technical Qualification or Skills Bootcamp",
    SUPPORT: "supported route",
}


# ============================================================================ search
@dataclass(frozen=True)
class RouteGroups:
    """Routes in the groups an adviser uses (:data:`pathways.vocab.GROUPS`), each group ranked on its own merit.

    ``routes``: group key -> routes, best first (``Route.rank`` is the place within the group); every group the
    learner is offered has a key, and an empty group has a reason in ``empty`` (why nothing is shown).
    """

    routes: dict[str, tuple[Route, ...]] = field(default_factory=dict)
    empty: dict[str, str] = field(default_factory=dict)

    def best_first(self) -> list[Route]:
        """Every route of every group, best score first (ties by route id)."""
        return sorted((r for rs in self.routes.values() for r in rs), key=lambda r: (-r.score, r.route_id))


@dataclass
class _Scored:
    """Every candidate worth choosing from, scored: (-score, id rank, candidate) best first, and what built it."""

    c: Candidates
    scored: list[tuple[float, int, int]]
    thin: np.ndarray
    comps: dict[str, np.ndarray]
    sigs: dict[int, Signals]
    local_c: dict[int, tuple[float | None, float]]
    deliveries: dict[str, DeliverySummary] | None


def _score(ctx: RouteContext, profile: Profile, local: LocalSignalsProvider) -> _Scored | None:
    c = ctx.candidates(profile)
    if len(c.ids) == 0:
        return None
    keep = _wanted(c, profile)
    comps = _base_components(c, profile)
    deliveries = deliveries_at(local, profile.age)
    thin = np.zeros(len(c.ids), dtype=bool)
    if deliveries is not None:
        thin = _apply_delivery(
            c, deliveries, comps, keep, FORCES_INTEREST in profile.interests, max(profile.age, FIRST_PROGRAMME_AGE) < YOUNG_UNTIL
        )
    if not keep.any():
        return None
    #: a thinly delivered first step loses THIN_PENALTY (15 points of 100)
    base_sort = sum(WEIGHTS[k] * comps[k] for k in comps) - THIN_PENALTY * thin
    picks = _best_per_group(c, base_sort, keep)
    sigs, local_c = _local_parts(ctx, c, local, list(dict.fromkeys(c.dest_index[picks[0]].tolist())))
    js = np.concatenate(picks)
    dj = c.dest_index[js]
    pay_of, demand_of = np.zeros(len(c.socs)), np.zeros(len(c.socs))
    for d, (pay_c, demand_c) in local_c.items():
        pay_of[d], demand_of[d] = pay_c or 0.0, demand_c
    sc = np.round(
        (base_sort[js] + WEIGHTS["pay"] * pay_of[dj] + WEIGHTS["demand"] * demand_of[dj]) / sum(WEIGHTS.values()) * FULL_SCORE,
        SCORE_DECIMALS,
    )
    order = np.lexsort((c.id_rank[js], -sc))
    scored = [(-float(sc[k]), int(c.id_rank[js[k]]), int(js[k])) for k in order]
    return _Scored(c, scored, thin, comps, sigs, local_c, deliveries)


def find_route_groups(
    bundle_or_context: Any, profile: Profile, local: AreaSignals, per_group: int = ROUTES_PER_GROUP, varied: bool = True
) -> RouteGroups:
    """The best routes for a learner in one area, in the groups an adviser uses, each ranked on its own merit.

    Within a group the variety rules (:func:`_diversify`) apply, but no kind of step is given places: a route is
    never put above one of its group scoring more than :data:`MAX_PULL_GAP` points higher. A route is shown only
    when it is worth showing (:func:`worth_showing`); a group with none says why (``RouteGroups.empty``). ``local``
    is a :class:`LocalSignalsProvider`, or an area that gives only ``signals`` (:func:`pathways.routes.model.as_provider`).
    """
    ctx = get_context(bundle_or_context)
    provider = as_provider(local)
    wanted = [g for g in GROUPS.values() if profile.ehcp or not g.for_ehcp_only]
    s = _score(ctx, profile, provider) if per_group > 0 else None
    out = RouteGroups({g.key: () for g in wanted}, {})
    for g in wanted:
        pool = (
            [t for t in (s.scored if s is not None else []) if group_of(str(s.c.first_kind[t[2]])) == g.key]
            if s is not None
            else []
        )
        chosen = (
            _diversify(
                s.c, pool[:DIVERSIFY_POOL], s.thin, s.comps["stage"], per_group, [route_bits((i,)) for i in profile.interests]
            )
            if varied and s is not None
            else [(neg, j) for neg, _, j in pool[:per_group]]
        )
        routes = (
            [_route(ctx, s, j, n, -neg, profile, provider, g.key) for n, (neg, j) in enumerate(chosen, 1)]
            if s is not None
            else []
        )
        # (unvaried, for tests and analysis, every scored route is kept)
        shown = [r for r in routes if worth_showing(r) or not varied]
        out.routes[g.key] = tuple(replace(r, rank=n) for n, r in enumerate(shown, 1))
        if not shown:
            out.empty[g.key] = _why_empty(g.key, profile, bool(pool))
    return out


def find_routes(
    bundle_or_context: Any, profile: Profile, local: AreaSignals, limit: int = 20, varied: bool = True
) -> list[Route]:
    """The best routes of every group together, best score first (``rank`` is the place in this list), for the
    command line's flat list, tests and analysis; the pages use :func:`find_route_groups`.

    Parameters
    ----------
    bundle_or_context : a :class:`~pathways.bundle.Bundle` or a :class:`RouteContext`
    profile : the learner
    local : gives the local :class:`Signals` for an occupation in the learner's travel area (a
        :class:`LocalSignalsProvider`, or an area that gives only ``signals``)
    limit : how many routes at most
    varied : apply the variety rules (:func:`_diversify`) within each group and show only routes worth showing;
        ``False`` gives every scored route best first (at most :data:`PER_DESTINATION` per destination and kind
        of first step)

    Returns
    -------
    list[Route]
        in score order; ties broken by route id, so the order is always the same.
    """
    if limit <= 0:
        return []
    groups = find_route_groups(bundle_or_context, profile, local, per_group=limit, varied=varied)
    return [replace(r, rank=n) for n, r in enumerate(groups.best_first()[:limit], 1)]


def worth_showing(route: Route) -> bool:
    """A route an adviser would show: it scores at least :data:`MIN_SHOWN_SCORE`, or it is the supported route of a
    learner with an EHC plan (there is no local figure to rank those on)."""
    return route.score >= MIN_SHOWN_SCORE or route.group == SUPPORT


def _why_empty(group: str, profile: Profile, had_candidates: bool) -> str:
    """Why a group shows nothing, in plain words."""
    if group == STUDY and profile.earn_while_learning:
        return "You asked for routes that pay while you learn, so we leave out routes that start with study."
    if had_candidates:
        return (
            "The routes of this kind that fit you score low here (few people near you start them, or they fit "
            "your interests poorly), so we do not show them."
        )
    what = _GROUP_WHAT.get(group, "route")
    return f"No {what} fits your age, qualifications and choices here."


def _route(
    ctx: RouteContext, s: _Scored, j: int, rank: int, score: float, profile: Profile, local: LocalSignalsProvider, group: str
) -> Route:
    """The finished route for candidate ``j`` with its parts of the score."""
    d = int(s.c.dest_index[j])
    parts: dict[str, float | None] = {k: round(float(v[j]), 4) for k, v in s.comps.items()}
    pay_c = s.local_c[d][0]
    parts.update(pay=None if pay_c is None else round(pay_c, 4), demand=round(s.local_c[d][1], 4))
    parts = {k: parts[k] for k in WEIGHTS}
    at = None if s.deliveries is None else (lambda age: deliveries_at(local, age))
    return replace(make_route(ctx, s.c, j, rank, score, parts, s.sigs[d], profile, at, bool(s.thin[j])), group=group)


def _wanted(c: Candidates, profile: Profile) -> np.ndarray:
    """Which candidates fit the learner's own limits (paid from the start, years of training, no loan) and the law:
    under :data:`EDUCATION_OR_TRAINING_UNTIL` a job is a route only with the training that starts with it (a job
    alone is left out: you must stay in education or training until 18)."""
    keep = np.ones(len(c.ids), dtype=bool)
    if max(profile.age, FIRST_PROGRAMME_AGE) < EDUCATION_OR_TRAINING_UNTIL:
        keep &= ~((c.first_kind == JOB) & (c.n_steps == 1))
    if profile.earn_while_learning:
        keep &= (c.paid_months == c.training_months) & (c.months_to_paid == 0)
    if profile.max_training_years is not None:
        keep &= c.training_months <= profile.max_training_years * 12
    if profile.avoid_debt:
        keep &= ~c.needs_loan
    return keep


def _base_components(c: Candidates, profile: Profile) -> dict[str, np.ndarray]:
    """The parts of the score that do not depend on the destination's local figures ("trained near you" is
    neutral until :func:`_apply_delivery` sets it)."""
    return {
        "time_to_paid": 1.0 - np.minimum(c.months_to_paid, TIME_HORIZON_MONTHS) / TIME_HORIZON_MONTHS,
        "paid_training": np.where(c.training_months > 0, c.paid_months / np.maximum(c.training_months, 1), 1.0),
        "interests": interest_component(c, profile),
        "time_to_destination": 1.0 - np.minimum(c.training_months, DESTINATION_HORIZON_MONTHS) / DESTINATION_HORIZON_MONTHS,
        "evidence": c.evidence,
        "training": np.full(len(c.ids), NEUTRAL_PART),
        "stage": stage_component(c, profile),
    }


def _apply_delivery(
    c: Candidates,
    deliveries: dict[str, DeliverySummary],
    comps: dict[str, np.ndarray],
    keep: np.ndarray,
    forces_wanted: bool = False,
    deliveries_young: bool = False,
) -> np.ndarray:
    """Delivered near them: sets "trained near you" from the first apprenticeship's local starts estimate,
    drops (in ``keep``) routes with an apprenticeship step delivered by fewer than :data:`MIN_PROVIDERS_IN_ENGLAND`
    providers in England, and returns which routes are thin: an apprenticeship step, first or later, that
    :func:`~pathways.routes.scoring.is_thin` (few people of the
    learner's age from the area start it, a rare new programme, or one almost only older people start). A first
    step mostly trained in the armed forces has few local civilian starts, so it is thin, unless the learner chose
    :data:`FORCES_INTEREST` (``forces_wanted``): the forces recruit from everywhere, and its card says it is a
    forces route."""
    est, n_england, ratio, thin_first = first_step_delivery(c, deliveries)
    if forces_wanted:
        forces = np.array([bool(pid) and _forces_route(deliveries.get(pid)) for pid in c.first_ids])
        thin_first &= ~forces[c.first_code]
    is_appr = c.first_appr != ""
    # too few providers in England (for a new programme, in the part year so far): never a route
    keep &= ~(is_appr & (n_england < MIN_PROVIDERS_IN_ENGLAND) & (~np.isnan(est) | thin_first))
    comps["training"] = np.where(is_appr & ~np.isnan(est), delivery_component(est, ratio), NEUTRAL_PART)
    thin = is_appr & thin_first
    if len(c.later_ids):
        got = [deliveries.get(pid) for pid in c.later_ids]
        l_est = np.array([np.nan if g is None or g.local_starts_estimate is None else g.local_starts_estimate for g in got])
        l_n = np.array([0 if g is None else g.providers_in_england for g in got])
        none_l = (~np.isnan(l_est) | np.array([g is not None and g.rare_new for g in got])) & (l_n < MIN_PROVIDERS_IN_ENGLAND)
        # a later step started under 19 is judged on the figures for under-19s (as a first step is), one started
        # older on the figures for every age (in ``deliveries``, the learner's own group, when they are under 19)
        thin_all = np.array([is_thin(g, later=True) for g in got])
        thin_young = np.array([is_thin(g) for g in got])
        young = (c.later_months < YOUNG_UNTIL * 12) & bool(deliveries_young)
        thin_pair = np.where(young, thin_young[c.later_code], thin_all[c.later_code])
        bad, few = np.zeros(len(c.ids), dtype=bool), np.zeros(len(c.ids), dtype=bool)
        np.logical_or.at(bad, c.later_cand, none_l[c.later_code])
        np.logical_or.at(few, c.later_cand, thin_pair)
        keep &= ~bad
        thin |= few
    return thin


def _forces_route(got: DeliverySummary | None) -> bool:
    """Whether an apprenticeship is mostly trained in the armed forces (its delivery figures name the service)."""
    return got is not None and got.forces is not None


def _best_per_group(c: Candidates, base_sort: np.ndarray, keep: np.ndarray) -> list[np.ndarray]:
    """The best :data:`PER_DESTINATION` candidates of each (destination, kind of first step) group, ties to
    the lowest id, as one array per round. Local figures are the same for every route to one destination,
    so they cannot change the order within a group."""
    bs = np.where(keep, np.round(base_sort, GROUP_ORDER_DECIMALS), -np.inf)[c.grp_order]
    picks: list[np.ndarray] = []
    for _ in range(PER_DESTINATION):
        gmax = np.maximum.reduceat(bs, c.grp_starts)
        pos = np.flatnonzero(bs == np.repeat(gmax, c.grp_sizes))
        g = c.grp_of_pos[pos]
        pos = pos[np.r_[True, g[1:] != g[:-1]]]
        pos = pos[np.isfinite(bs[pos])]
        if not len(pos):
            break
        picks.append(c.grp_order[pos])
        bs[pos] = -np.inf
    return picks


def _local_parts(
    ctx: RouteContext, c: Candidates, local: LocalSignalsProvider, queue: list[int]
) -> tuple[dict[int, Signals], dict[int, tuple[float | None, float]]]:
    """Local figures for each destination in ``queue`` (one call for all), and its (pay, demand) parts. A job whose
    pay is not published gets no points for pay: no figure is guessed."""
    got = local.signals_many([c.socs[d].removeprefix("occ:") for d in queue])
    sigs = {d: got[c.socs[d].removeprefix("occ:")] for d in queue}
    parts: dict[int, tuple[float | None, float]] = {}
    for d in queue:
        parts[d] = (pay_component(ctx, c.socs[d], sigs[d]), demand_component(sigs[d]))
    return sigs, parts


def _group_cap(position: int) -> int:
    """How many of the first ``position`` routes may go to the same kind of work (SOC sub-major group) when the
    learner chose no interest, while another kind of work scores nearly as well.

    >>> [_group_cap(i) for i in (1, 3, 5, 10, 20)]
    [2, 2, 3, 6, 12]
    """
    return max(SAME_WORK_MIN, math.ceil(SAME_WORK_SHARE * position - 1e-9))


def _interest_quota(position: int, interests: int) -> int:
    """How many of the first ``position`` routes each of several chosen interests should have.

    >>> [_interest_quota(p, 2) for p in (1, 3, 4, 7, 10)], _interest_quota(10, 3), _interest_quota(10, 1)
    ([0, 0, 1, 2, 3], 2, 0)
    """
    return math.floor(INTEREST_SHARE * position / interests + 1e-9) if interests > 1 else 0


def _diversify(
    c: Candidates,
    scored: list[tuple[float, int, int]],
    thin: np.ndarray,
    stage: np.ndarray,
    limit: int,
    interest_bits: list[int] | None = None,
) -> list[tuple[float, int]]:
    """Pick routes of one group best first, so that it is varied without filling places: at most
    :data:`PER_DESTINATION` to the same job and :data:`PER_FIRST_STEP` with the same first step; when the learner
    chose several interests, at least :func:`_interest_quota` routes in each of them; when they chose none, at
    most :func:`_group_cap` to jobs of the same kind of work. A route is moved up by these rules only when it
    scores within :data:`MAX_PULL_GAP` points of the best route it passes, is a usual first step at the learner's
    stage (stage fit at least :data:`USUAL_STAGE`) and is not thinly delivered: no kind of step is given places."""
    interest_bits = interest_bits if interest_bits is not None else []
    by_group = interest_bits == []  # no interest chosen
    per_interest = [0] * len(interest_bits)
    pending = [(neg, j) for neg, _, j in scored]
    per_dest: dict[int, int] = defaultdict(int)
    per_first: dict[str, int] = defaultdict(int)
    per_group: dict[str, int] = defaultdict(int)
    used = [False] * len(pending)
    out: list[tuple[float, int]] = []
    while len(out) < limit:
        cap = _group_cap(len(out) + 1)
        open_ = [
            k
            for k, (_, j) in enumerate(pending)
            if not used[k] and per_first[c.first_step[j]] < PER_FIRST_STEP and per_dest[int(c.dest_index[j])] < PER_DESTINATION
        ]
        if not open_:
            break
        best = -pending[open_[0]][0]

        def may_move_up(k: int) -> bool:
            j = pending[k][1]
            return best + pending[k][0] <= MAX_PULL_GAP and stage[j] >= USUAL_STAGE and not thin[j]

        short = [b for b, n in zip(interest_bits, per_interest) if n < _interest_quota(len(out) + 1, len(interest_bits))]
        if short:
            open_ = [k for k in open_ if _candidate_route_bits(c, pending[k][1]) & short[0] and may_move_up(k)] or open_
        if len(out) < TOP_FIVE:  # a thinly delivered route is never among a group's first five while another fits
            open_ = [k for k in open_ if not thin[pending[k][1]]] or open_
        pick = next(
            (
                k
                for n, k in enumerate(open_)
                if (not by_group or per_group[_job_group(c, pending[k][1])] < cap) and (n == 0 or may_move_up(k))
            ),
            open_[0],
        )
        used[pick] = True
        neg, j = pending[pick]
        for i, b in enumerate(interest_bits):
            per_interest[i] += bool(_candidate_route_bits(c, j) & b)
        per_dest[int(c.dest_index[j])] += 1
        per_first[c.first_step[j]] += 1
        per_group[_job_group(c, j)] += 1
        out.append((neg, j))
    return out


def _job_group(c: Candidates, j: int) -> str:
    """The SOC sub-major group (a kind of work) of a candidate's destination job."""
    return str(c.socs[int(c.dest_index[j])]).removeprefix("occ:")[:KIND_OF_WORK_DIGITS]


def _candidate_route_bits(c: Candidates, j: int) -> int:
    """The subject routes (as bits) of a candidate's first step and destination."""
    return int(c.first_route_bits[j]) | int(c.dest_route_bits[j])
