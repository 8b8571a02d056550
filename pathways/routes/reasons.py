"""The plain sentences beside a route: why it is in the list (:func:`reasons_for`), demand named for
what it measures (:func:`demand_sentence`), and dated facts with their sources."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pathways.delivery_answers import DeliverySummary
from pathways.figures import as_number
from pathways.profile import Profile
from pathways.routes.model import Route, Step
from pathways.routes.scoring import is_thin
from pathways.routes.settings import (
    BURSARY_16_19_MAX_AGE,
    EDUCATION_OR_TRAINING_UNTIL,
    ENGLISH_MATHS_FUNDED_UNTIL,
    FEWER_ADVERTS_RATIO,
    FIRST_PROGRAMME_AGE,
    MAX_REASONS,
    MIN_ADVERTS_FOR_RATIO,
    MORE_ADVERTS_RATIO,
    NOTABLE_DEMAND_STRENGTH,
    PAY_REASON_FROM,
    PLAIN_DEMAND_SHARE,
    THIN_REASON_STRENGTH,
    WEIGHTS,
    YOUNG_UNTIL,
)
from pathways.signals import Signals

__all__ = ["fact_source", "fact_text", "learner_notices", "with_reasons", "demand_sentence", "reasons_for"]


def fact_source(bundle: Any, key: str) -> str:
    """'(Source: <title>, <url>, <date>.)' for a fact in the bundle's ``facts`` table, or '' when absent."""
    facts = getattr(bundle, "facts", None)
    if facts is None or key not in set(facts["key"]):
        return ""
    r = facts[facts["key"] == key].iloc[0]
    return f"(Source: {r['source']}, {r['url']}, {r['as_of']}.)"


def learner_notices(bundle: Any, profile: Profile) -> list[str]:
    """Plain notices about the whole answer for this learner (e.g. under 16: routes start at 16, and why)."""
    out = []
    if profile.age < FIRST_PROGRAMME_AGE:
        out.append(
            f"You are {profile.age}, so these routes start when you are {FIRST_PROGRAMME_AGE}, after Year 11, and "
            f"every age in them counts from there. {fact_text(bundle, 'school_leaving_rule')}".strip()
        )
    elif profile.age < EDUCATION_OR_TRAINING_UNTIL:
        out.append(f"You are {profile.age}: {fact_text(bundle, 'school_leaving_rule')}".strip())
    if profile.ehcp:
        out.append(
            "You told us you have an EHC plan, so we also show routes with support. "
            + " ".join(fact_text(bundle, k) for k in ("ehcp_education_to_25", "supported_internship_rule")).strip()
        )
    if profile.care_leaver:
        money = [fact_text(bundle, "care_leaver_apprentice_bursary")]
        if profile.age <= BURSARY_16_19_MAX_AGE:
            money.append(fact_text(bundle, "bursary_16_19_vulnerable"))
        out.append("You told us you have been in care. Money you can get: " + " ".join(m for m in money if m))
    if max(profile.age, FIRST_PROGRAMME_AGE) < ENGLISH_MATHS_FUNDED_UNTIL and not profile.english_maths:
        out.append(fact_text(bundle, "english_maths_condition_of_funding"))
    return [o for o in out if o]


def fact_text(bundle: Any, key: str) -> str:
    """A dated fact's plain description with its source, or '' when the bundle does not hold it."""
    facts = getattr(bundle, "facts", None)
    if facts is None or key not in set(facts["key"]):
        return ""
    return f"{facts[facts['key'] == key].iloc[0]['description']} {fact_source(bundle, key)}"


def with_reasons(route: Route, profile: Profile) -> Route:
    """The route with the sentences that say why it is in the list (:func:`reasons_for`)."""
    return replace(route, reasons=tuple(reasons_for(route, profile)))


def demand_sentence(s: Signals) -> tuple[str, bool]:
    """One sentence about demand, named for the group of jobs and the area it is measured for, and
    whether it is notable. No ratio and no "more demand" claim on fewer than
    :data:`MIN_ADVERTS_FOR_RATIO` adverts.

    >>> from pathways.signals import Signals
    >>> demand_sentence(Signals(adverts=526, adverts_ratio=1.3, area_label="Blackpool", period="July 2025",
    ...                         group_label="Skilled construction and building trades"))[0]
    ... # doctest: +NORMALIZE_WHITESPACE
    "More adverts than in most of England: 526 adverts in Blackpool in July 2025 in the job group 'skilled construction
    and building trades', about 1.3 times the England share."
    >>> demand_sentence(Signals(adverts=3, adverts_ratio=2.0, area_label="Isles of Scilly", period="July 2025",
    ...                         group_label="Leisure, travel and related personal service occupations"))
    ... # doctest: +NORMALIZE_WHITESPACE
    ("Only 3 adverts in Isles of Scilly in July 2025 in the job group 'leisure, travel and related personal service
    occupations': too few to compare with England.", False)
    """
    area = s.area_label or "your area"
    period = f" in {s.period}" if s.period else ""
    group = (s.group_label or "jobs like this").lower()
    adverts, ratio = as_number(s.adverts), as_number(s.adverts_ratio)
    if adverts is None:
        return "", False
    what = f"{adverts:,.0f} adverts in {area}{period} in the job group '{group}'"
    if adverts < MIN_ADVERTS_FOR_RATIO or ratio is None:
        return (
            f"Only {what}: too few to compare with England."
            if adverts < MIN_ADVERTS_FOR_RATIO
            else f"{what[0].upper()}{what[1:]}."
        ), False
    if ratio >= MORE_ADVERTS_RATIO:
        return f"More adverts than in most of England: {what}, about {ratio:.1f} times the England share.", True
    if ratio <= FEWER_ADVERTS_RATIO:
        return f"Fewer adverts than in most of England: {what} ({ratio:.1f} times the England share).", True
    return f"About as many adverts as in most of England: {what}.", False


def _part(comps: dict[str, float | None], key: str) -> float:
    """One part of a route's score, 0 when it gives no points (pay with no figure)."""
    return comps.get(key) or 0.0


def _thin_reason(st: Step, d: DeliverySummary, area: str) -> str:
    """Why a step is lower in the list (``d``, its delivery figures): few people start it near the learner, it is new
    and rare, or almost everyone who starts it near them is older."""
    if d.rare_new:
        n = d.part_year_england or 0
        return (
            f"{st.title} is new: {n:,} {'person' if n == 1 else 'people'} in England started it in "
            f"{d.part_year_label}, so it is lower in the list. Ask local employers and colleges if they offer it."
        )
    if d.older_only and d.young_share is not None:
        return (
            f"{st.title} is mostly for people already working in the job: only {d.young_share:.0%} of those "
            "starting it near you were under 19, so it is lower in the list."
        )
    est = d.local_starts_estimate if d.local_starts_estimate is not None else 0.0
    return (
        f"Few people near you start {st.title}: an estimated {est:.1f} a year from {area}, so it is lower in "
        "the list. Ask local employers and colleges before you plan on it."
    )


#: a sentence that may be said beside a route: (weighted strength, order among equals, sentence)
_Option = tuple[float, int, str]


def reasons_for(route: Route, profile: Profile) -> list[str]:
    """Two or three plain sentences, from the figures, for the strongest parts of the score."""
    found = (
        _demand_option(route.local),
        _pay_option(route),
        _paid_option(route),
        _interest_option(route, profile),
        _thin_option(route),
    )
    options = [o for o in found if o is not None]
    options.sort(key=lambda t: (-t[0], t[1]))
    return [t[2] for t in options[:MAX_REASONS]]


def _demand_option(s: Signals) -> _Option | None:
    """Local demand (:func:`demand_sentence`): the point of the explorer, so a clearly high or low figure is always
    said."""
    text, notable = demand_sentence(s)
    if not text:
        return None
    return (NOTABLE_DEMAND_STRENGTH if notable else WEIGHTS["demand"] * PLAIN_DEMAND_SHARE, 0, text)


def _pay_option(route: Route) -> _Option | None:
    """Pay with experience, when a reliable figure helped the route's place (the card lists the three pay figures;
    here only why pay helped)."""
    d, comps = route.destination, route.components
    if d.pay_experienced is not None and d.pay_reliable and _part(comps, "pay") >= PAY_REASON_FROM:
        return (
            _part(comps, "pay") * WEIGHTS["pay"],
            1,
            f"{d.title}: pay with experience is higher than in most jobs (an estimate).",
        )
    return None


def _paid_option(route: Route) -> _Option:
    """When the learner is first paid: from the start, or after how many months of unpaid study."""
    comps = route.components
    if route.months_to_paid == 0:
        every = _part(comps, "paid_training") >= 1
        what = "every step is paid work or an apprenticeship." if every else "the first step is paid."
        return (WEIGHTS["time_to_paid"], 2, "You are paid from the start: " + what)
    return (
        _part(comps, "time_to_paid") * WEIGHTS["time_to_paid"],
        2,
        f"Your first paid step starts after about {route.months_to_paid} months of unpaid study.",
    )


def _interest_option(route: Route, profile: Profile) -> _Option | None:
    """The learner's interest the route matches (its destination or a step is in it), else one its job is close to."""
    d = route.destination
    strength = _part(route.components, "interests") * WEIGHTS["interests"]
    chosen_routes = [r for r in profile.interests if r in {d.route, *(st.route for st in route.steps)}]
    if chosen_routes:
        return (strength, 3, f"Matches your interest in {chosen_routes[0]}.")
    close = [r for r in profile.interests if r in d.close_to]
    if close:
        return (
            strength,
            3,
            f"Close to your interest in {close[0]}: this job is in the group of jobs that "
            f"{close[0].lower()} apprenticeships lead to.",
        )
    return None


def _thin_option(route: Route) -> _Option | None:
    """A thinly delivered step (first or later) is said here; otherwise the card says it under the step."""
    thin = next(
        (
            st
            for n, st in enumerate(route.steps)
            if route.thin_delivery and is_thin(st.delivery, later=n > 0 and st.age_at_start >= YOUNG_UNTIL)
        ),
        None,
    )
    if thin is None or thin.delivery is None:
        return None
    return (THIN_REASON_STRENGTH, -1, _thin_reason(thin, thin.delivery, route.local.area_label or "your area"))
