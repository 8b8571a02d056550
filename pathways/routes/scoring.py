"""The parts of a route's score, each between 0 and 1 (weighted by :data:`pathways.routes.settings.WEIGHTS`)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from pathways.profile import Profile
from pathways.routes.candidates import RouteContext, _bits, _Candidates, _num
from pathways.routes.settings import (
    FIRST_PROGRAMME_AGE,
    FOUNDATION_WITH_LEVEL2,
    LOCAL_STARTS_FULL,
    MIN_ADVERTS_FOR_RATIO,
    MIN_LOCAL_STARTS,
    NATIONAL_PAY_BASIS,
    STAGE_FIT,
    UNASKED_NEED_FIT,
)


def _deliveries(local: Any, age: int | None) -> dict | None:
    """The provider's delivery figures for every apprenticeship standard, for a learner starting at ``age`` (16 at
    the youngest; None: people of every age), or None when it has none."""
    many = getattr(local, "delivery_many", None)
    if not callable(many):
        return None
    return many(None if age is None else max(age, FIRST_PROGRAMME_AGE))


def _is_thin(got: Any, later: bool = False) -> bool:
    """A step few people near the learner start: under :data:`MIN_LOCAL_STARTS` a year of their age; a rare new
    programme; or, for a learner under 19, one almost everyone near them starts older (mostly already in the job).
    A ``later`` step starts when the learner is older, so there only its numbers at all ages and its newness count."""
    if got is None:
        return False
    est = got.all_ages_estimate if later and got.all_ages_estimate is not None else got.local_starts_estimate
    return bool((est is not None and est < MIN_LOCAL_STARTS) or got.rare_new or (not later and got.older_only))


def _first_step_delivery(c: _Candidates, deliveries: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(local starts estimate, providers in England, local share ratio, thin) of each candidate's first
    apprenticeship (NaN, 0, NaN, False when there is none; see :func:`_is_thin`)."""
    est = np.full(len(c.first_ids), np.nan)
    n = np.zeros(len(c.first_ids))
    ratio = np.full(len(c.first_ids), np.nan)
    thin = np.zeros(len(c.first_ids), dtype=bool)
    for k, pid in enumerate(c.first_ids):
        got = deliveries.get(pid) if pid else None
        if got is not None:
            est[k] = np.nan if got.local_starts_estimate is None else got.local_starts_estimate
            n[k] = got.providers_in_england
            ratio[k] = np.nan if got.local_share_ratio is None else got.local_share_ratio
            thin[k] = _is_thin(got)
    return est[c.first_code], n[c.first_code], ratio[c.first_code], thin[c.first_code]


def _delivery_component(est: np.ndarray, ratio: np.ndarray) -> np.ndarray:
    """Half for how many people from the area start it (log scale, 1 at :data:`LOCAL_STARTS_FULL` a year),
    half for how much more (or less) it is started here than the area's share of England's starts would
    give (0.5 as in England, 0.75 at twice, 0.25 at half). Small numbers say little, so that second half
    is pulled towards 0.5 by ``est / (est + 10)``: a ratio from 8 starts counts for less than one from 240."""
    e = np.nan_to_num(est)
    size = np.minimum(np.log1p(e) / math.log1p(LOCAL_STARTS_FULL), 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.clip(0.5 + 0.25 * np.log2(np.where(ratio > 0, ratio, np.nan)), 0.0, 1.0)
    rel = 0.5 + (np.nan_to_num(rel, nan=0.5) - 0.5) * e / (e + 10.0)
    return 0.5 * size + 0.5 * rel


def _get(sig: Any, name: str) -> float | None:
    return _num(getattr(sig, name, None))


def _pay(ctx: RouteContext, soc_node: str, sig: Any) -> tuple[float | None, bool, str]:
    """(median full-time pay with experience, whether ONS's figure is reliable, basis): local when the
    provider has it, else national."""
    exp = _get(sig, "pay_experienced")
    if exp is not None:
        return exp, bool(getattr(sig, "pay_reliable", True)), getattr(sig, "pay_basis", "") or "modelled local estimate"
    med, reliable = ctx.national_pay.get(soc_node.removeprefix("occ:"), (None, True))
    return med, reliable, NATIONAL_PAY_BASIS


def _pay_component(ctx: RouteContext, soc_node: str, sig: Any) -> float | None:
    """Pay on a diminishing scale: 0 at the 10th percentile of job medians, 1 at the 90th, by the
    logarithm of pay (each extra pound counts for less); ``None`` (no points) when no pay is published
    or ONS's figure is less reliable."""
    pay, reliable, _ = _pay(ctx, soc_node, sig)
    if pay is None or pay <= 0 or not reliable:
        return None
    lo, hi = ctx.pay_lo, max(ctx.pay_hi, ctx.pay_lo + 1.0)
    return float(min(max(math.log(pay / lo) / math.log(hi / lo), 0.0), 1.0))


def _ratio_component(value: float | None, base: float | None = 1.0) -> float:
    """0.5 at the England average, 0.75 at twice it, 0.25 at half; 0.5 when unknown."""
    if value is None or base is None or value <= 0 or base <= 0:
        return 0.5
    return float(min(max(0.5 + 0.25 * math.log2(value / base), 0.0), 1.0))


def _demand_component(sig: Any) -> float:
    """Local share of adverts and of people in work for the job's group against England (geometric mean);
    the adverts ratio only counts from :data:`MIN_ADVERTS_FOR_RATIO` adverts. 0.5 when unknown."""
    adverts = _get(sig, "adverts")
    a_ratio = _get(sig, "adverts_ratio") if adverts is not None and adverts >= MIN_ADVERTS_FOR_RATIO else None
    ratios = [r for r in (a_ratio, _get(sig, "employment_ratio")) if r is not None and r > 0]
    if not ratios:
        return 0.5
    return _ratio_component(math.exp(sum(math.log(r) for r in ratios) / len(ratios)))


def _interest_component(c: _Candidates, profile: Profile) -> np.ndarray:
    """Half for a first step in the learner's interests, half for a destination in them or close to them
    (its SOC minor group is a home group of that interest's apprenticeships, :meth:`RouteContext._home_routes`);
    a quarter when only a middle step is; 0.5 for everyone when no interest was chosen."""
    if not profile.interests:
        return np.full(len(c.ids), 0.5)
    want = _bits(profile.interests)
    first = (c.first_route_bits & want) != 0
    dest = ((c.dest_route_bits & want) != 0) | ((c.close_route_bits & want) != 0)
    return np.where(first | dest, 0.5 * first + 0.5 * dest, np.where((c.step_route_bits & want) != 0, 0.25, 0.0))


def stage_fit(kind: str, profile: Profile) -> float:
    """How usual a first step of this kind is for someone at the learner's age and stage (0-1), from :data:`STAGE_FIT`.

    >>> stage_fit("job", Profile(age=16)), stage_fit("t_level", Profile(age=16, qualification="level2"))
    (0.2, 1.0)
    """
    age = max(profile.age, FIRST_PROGRAMME_AGE)
    stage = "16-17" if age < 18 else "18" if age == 18 else "19+"
    if profile.ehcp and kind in ("supported_internship", "foundation_apprenticeship"):
        return 1.0
    if kind == "foundation_apprenticeship" and profile.level >= 2:
        return FOUNDATION_WITH_LEVEL2
    return STAGE_FIT[stage].get(kind, 0.5)


def _stage_component(c: _Candidates, profile: Profile) -> np.ndarray:
    """:func:`stage_fit` of each candidate's first step, times :data:`UNASKED_NEED_FIT` when that step needs
    something the start form does not ask about (a full car driving licence)."""
    fit = np.array([stage_fit(k, profile) for k in c.first_kinds], dtype=float)[c.first_kind_code]
    return np.where(c.first_unasked, fit * UNASKED_NEED_FIT, fit)
