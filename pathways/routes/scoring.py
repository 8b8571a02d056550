"""The parts of a route's score, each between 0 and 1 (weighted by :data:`pathways.routes.settings.WEIGHTS`)."""

from __future__ import annotations

import math

import numpy as np

from pathways.delivery_answers import DeliverySummary
from pathways.figures import as_number
from pathways.profile import Profile
from pathways.routes.candidate_arrays import Candidates, route_bits
from pathways.routes.candidates import RouteContext
from pathways.routes.model import LocalSignalsProvider
from pathways.vocab import FOUNDATION_APPRENTICESHIP
from pathways.routes.settings import (
    EHCP_FIT,
    EHCP_KINDS,
    FIRST_PROGRAMME_AGE,
    FOUNDATION_LESS_USUAL_FROM_LEVEL,
    FOUNDATION_WITH_LEVEL2,
    INTEREST_FIRST_STEP_SHARE,
    INTEREST_MIDDLE_STEP,
    LOCAL_STARTS_FULL,
    MIN_ADVERTS_FOR_RATIO,
    MIN_LOCAL_STARTS,
    NATIONAL_PAY_BASIS,
    NEUTRAL_PART,
    RATIO_STEP,
    RATIO_TRUST_STARTS,
    STAGE_BANDS,
    STAGE_FIT,
    TRAINING_SIZE_SHARE,
    UNASKED_NEED_FIT,
)
from pathways.signals import Signals

__all__ = [
    "deliveries_at",
    "is_thin",
    "first_step_delivery",
    "delivery_component",
    "destination_pay",
    "pay_component",
    "demand_component",
    "interest_component",
    "stage_fit",
    "stage_component",
]


def deliveries_at(local: LocalSignalsProvider, age: int | None) -> dict[str, DeliverySummary] | None:
    """The provider's delivery figures for every apprenticeship standard, for a learner starting at ``age`` (16 at
    the youngest; None: people of every age), or None when it has none."""
    return local.delivery_many(None if age is None else max(age, FIRST_PROGRAMME_AGE))


def is_thin(got: DeliverySummary | None, later: bool = False) -> bool:
    """A step few people near the learner start: under :data:`MIN_LOCAL_STARTS` a year of their age; a rare new
    programme; or, for a learner under 19, one almost everyone near them starts older (mostly already in the job).
    A ``later`` step starts when the learner is older, so there only its numbers at all ages and its newness count."""
    if got is None:
        return False
    est = got.all_ages_estimate if later and got.all_ages_estimate is not None else got.local_starts_estimate
    return bool((est is not None and est < MIN_LOCAL_STARTS) or got.rare_new or (not later and got.older_only))


def first_step_delivery(
    c: Candidates, deliveries: dict[str, DeliverySummary]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(local starts estimate, providers in England, local share ratio, thin) of each candidate's first
    apprenticeship (NaN, 0, NaN, False when there is none; see :func:`is_thin`)."""
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
            thin[k] = is_thin(got)
    return est[c.first_code], n[c.first_code], ratio[c.first_code], thin[c.first_code]


def delivery_component(est: np.ndarray, ratio: np.ndarray) -> np.ndarray:
    """Part (:data:`TRAINING_SIZE_SHARE`) for how many people from the area start it (log scale, 1 at
    :data:`LOCAL_STARTS_FULL` a year), the rest for how much more (or less) it is started here than the area's share
    of England's starts would give (:func:`_ratio_part`). Small numbers say little, so that second part is pulled
    towards neutral by ``est / (est + RATIO_TRUST_STARTS)``: a ratio from 8 starts counts for less than one from 240."""
    e = np.nan_to_num(est)
    size = np.minimum(np.log1p(e) / math.log1p(LOCAL_STARTS_FULL), 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.clip(NEUTRAL_PART + RATIO_STEP * np.log2(np.where(ratio > 0, ratio, np.nan)), 0.0, 1.0)
    rel = NEUTRAL_PART + (np.nan_to_num(rel, nan=NEUTRAL_PART) - NEUTRAL_PART) * e / (e + RATIO_TRUST_STARTS)
    return TRAINING_SIZE_SHARE * size + (1.0 - TRAINING_SIZE_SHARE) * rel


def destination_pay(ctx: RouteContext, soc_node: str, sig: Signals) -> tuple[float | None, bool, str]:
    """(median full-time pay with experience, whether ONS's figure is reliable, basis): local when the
    provider has it, else national."""
    exp = as_number(sig.pay_experienced)
    if exp is not None:
        return exp, bool(sig.pay_reliable), sig.pay_basis or Signals.pay_basis
    med, reliable = ctx.national_pay.get(soc_node.removeprefix("occ:"), (None, True))
    return med, reliable, NATIONAL_PAY_BASIS


def pay_component(ctx: RouteContext, soc_node: str, sig: Signals) -> float | None:
    """Pay on a diminishing scale: 0 at the low percentile of job medians, 1 at the high one
    (:data:`~pathways.routes.settings.PAY_PERCENTILES`), by the logarithm of pay (each extra pound counts for less);
    ``None`` (no points) when no pay is published or ONS's figure is less reliable."""
    pay, reliable, _ = destination_pay(ctx, soc_node, sig)
    if pay is None or pay <= 0 or not reliable:
        return None
    lo, hi = ctx.pay_lo, max(ctx.pay_hi, ctx.pay_lo + 1.0)
    return float(min(max(math.log(pay / lo) / math.log(hi / lo), 0.0), 1.0))


def _ratio_part(value: float | None, base: float | None = 1.0) -> float:
    """:data:`NEUTRAL_PART` at the England average, :data:`RATIO_STEP` more at twice it, as much less at half;
    neutral when unknown.

    >>> _ratio_part(2.0), _ratio_part(0.5), _ratio_part(None)
    (0.75, 0.25, 0.5)
    """
    if value is None or base is None or value <= 0 or base <= 0:
        return NEUTRAL_PART
    return float(min(max(NEUTRAL_PART + RATIO_STEP * math.log2(value / base), 0.0), 1.0))


def demand_component(sig: Signals) -> float:
    """Local share of adverts and of people in work for the job's group against England (geometric mean);
    the adverts ratio only counts from :data:`MIN_ADVERTS_FOR_RATIO` adverts. Neutral when unknown."""
    adverts = as_number(sig.adverts)
    a_ratio = as_number(sig.adverts_ratio) if adverts is not None and adverts >= MIN_ADVERTS_FOR_RATIO else None
    ratios = [r for r in (a_ratio, as_number(sig.employment_ratio)) if r is not None and r > 0]
    if not ratios:
        return NEUTRAL_PART
    return _ratio_part(math.exp(sum(math.log(r) for r in ratios) / len(ratios)))


def interest_component(c: Candidates, profile: Profile) -> np.ndarray:
    """Part (:data:`INTEREST_FIRST_STEP_SHARE`) for a first step in the learner's interests, the rest for a
    destination in them or close to them (its SOC minor group is a home group of that interest's apprenticeships,
    :attr:`RouteContext.home_routes`); :data:`INTEREST_MIDDLE_STEP` when only a middle step is; neutral for everyone
    when no interest was chosen."""
    if not profile.interests:
        return np.full(len(c.ids), NEUTRAL_PART)
    want = route_bits(profile.interests)
    first = (c.first_route_bits & want) != 0
    dest = ((c.dest_route_bits & want) != 0) | ((c.close_route_bits & want) != 0)
    return np.where(
        first | dest,
        INTEREST_FIRST_STEP_SHARE * first + (1.0 - INTEREST_FIRST_STEP_SHARE) * dest,
        np.where((c.step_route_bits & want) != 0, INTEREST_MIDDLE_STEP, 0.0),
    )


def stage_fit(kind: str, profile: Profile) -> float:
    """How usual a first step of this kind is for someone at the learner's age and stage (0-1), from :data:`STAGE_FIT`.

    >>> stage_fit("job", Profile(age=16)), stage_fit("t_level", Profile(age=16, qualification="level2"))
    (0.2, 1.0)
    """
    age = max(profile.age, FIRST_PROGRAMME_AGE)
    stage = next(band for band, top in STAGE_BANDS.items() if top is None or age <= top)
    if profile.ehcp and kind in EHCP_KINDS:
        return EHCP_FIT
    if kind == FOUNDATION_APPRENTICESHIP and profile.level >= FOUNDATION_LESS_USUAL_FROM_LEVEL:
        return FOUNDATION_WITH_LEVEL2
    return STAGE_FIT[stage].get(kind, NEUTRAL_PART)


def stage_component(c: Candidates, profile: Profile) -> np.ndarray:
    """:func:`stage_fit` of each candidate's first step, times :data:`UNASKED_NEED_FIT` when that step needs
    something the start form does not ask about (a full car driving licence)."""
    fit = np.array([stage_fit(k, profile) for k in c.first_kinds], dtype=float)[c.first_kind_code]
    return np.where(c.first_unasked, fit * UNASKED_NEED_FIT, fit)
