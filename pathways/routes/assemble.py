"""A scored candidate path made into the finished :class:`~pathways.routes.model.Route` (:func:`make_route`): its
steps, its destination job with its pay, and the sentences that say why it is in the list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pathways.delivery_answers import DeliverySummary
from pathways.graph import job_min_age
from pathways.graph_progressions import EVIDENCE
from pathways.profile import Profile
from pathways.routes.candidate_arrays import Candidates
from pathways.routes.candidates import RouteContext
from pathways.routes.model import Destination, Evidence, Route, Step
from pathways.routes.reasons import fact_source, with_reasons
from pathways.routes.scoring import destination_pay
from pathways.routes.settings import EDUCATION_OR_TRAINING_UNTIL, FIRST_PROGRAMME_AGE, HOME_GROUP_DIGITS, YOUNG_UNTIL
from pathways.signals import Signals
from pathways.vocab import APPRENTICESHIP_KINDS, JOB, LOAN_KINDS
from pathways.words import plain_title

__all__ = ["DeliveryForAge", "make_route"]

#: the delivery figures (programme id -> summary) for learners of an age, or for every age when given ``None``
DeliveryForAge = Callable[[int | None], dict[str, DeliverySummary] | None]


def make_route(
    ctx: RouteContext,
    c: Candidates,
    i: int,
    rank: int,
    score: float,
    comps: dict[str, float | None],
    sig: Signals,
    profile: Profile,
    delivery_for_age: DeliveryForAge | None = None,
    thin: bool = False,
) -> Route:
    """The finished route for candidate ``i`` of ``c``, with its place, score, parts of the score, local figures
    (``sig``, for its destination) and reasons; ``delivery_for_age`` gives its apprenticeships' delivery figures."""
    steps_raw, dest, dest_why = c.paths[i]
    steps, notices = _steps(ctx, steps_raw, delivery_for_age)
    starts_at = max(profile.age, FIRST_PROGRAMME_AGE)
    reached = starts_at + float(c.training_months[i]) / 12
    route = Route(
        rank=rank,
        score=round(score, 2),
        components=comps,
        steps=tuple(steps),
        destination=_destination(ctx, dest, dest_why, steps_raw[-1][0], sig, reached),
        reasons=(),
        route_id=c.ids[i],
        starts_at_age=starts_at,
        thin_delivery=thin,
        notices=tuple(notices),
        total_months=int(c.training_months[i]),
        months_to_paid=int(c.months_to_paid[i]),
        local=sig,
    )
    return with_reasons(route, profile)


def _steps(ctx: RouteContext, steps_raw: Any, delivery_for_age: DeliveryForAge | None) -> tuple[list[Step], list[str]]:
    """Each step of a candidate path as a :class:`Step`, and the notices its steps need (a full-time job under 18)."""
    steps: list[Step] = []
    notices: list[str] = []
    for n, (node, age_months, why, ev, ev_source) in enumerate(steps_raw):
        a = ctx.nodes[node]
        evidence = Evidence(ev, EVIDENCE[ev].label, ev_source, EVIDENCE[ev].derived)
        if a["kind"] == "occupation":
            steps.append(_job_step(a, age_months, why, evidence))
            if age_months < EDUCATION_OR_TRAINING_UNTIL * 12:
                notices.append(
                    f"{a['title']}: you can work full-time at 16 or 17 only if you also do part-time "
                    f"education or training until you are 18. {fact_source(ctx.bundle, 'school_leaving_rule')}"
                )
        else:
            delivery = _step_delivery(a, n, age_months, delivery_for_age)
            steps.append(_programme_step(ctx, node, age_months, why, evidence, delivery))
    return steps, notices


def _job_step(a: dict[str, Any], age_months: float, why: str, evidence: Evidence) -> Step:
    """A job (an occupation node ``a``) as a step, started at ``age_months``."""
    return Step(
        JOB,
        a["soc"],
        plain_title(a["title"]),
        None,
        0,
        True,
        a.get("route"),
        round(age_months / 12, 2),
        why,
        evidence=evidence,
        min_age=job_min_age(a),
        before_you_start=a.get("restriction_text", ""),
        before_source=a.get("restriction_source", ("", "", "")),
    )


def _step_delivery(
    a: dict[str, Any], n: int, age_months: float, delivery_for_age: DeliveryForAge | None
) -> DeliverySummary | None:
    """The delivery figures of step ``n`` (a programme node ``a``), when it is an apprenticeship. The first step's
    figures are for the learner's age; a later step's for under-19s when it starts before 19, else for people of every
    age (it is judged on those figures: see :func:`pathways.routes.ranking._apply_delivery`)."""
    if delivery_for_age is None:
        return None
    age = int(age_months // 12)
    at = delivery_for_age(age if n == 0 or age < YOUNG_UNTIL else None)
    return at.get(a["id"]) if at is not None and a["programme_kind"] in APPRENTICESHIP_KINDS else None


def _programme_step(
    ctx: RouteContext, node: str, age_months: float, why: str, evidence: Evidence, delivery: DeliverySummary | None
) -> Step:
    """A programme (graph node ``node``) as a step, started at ``age_months``."""
    a = ctx.nodes[node]
    return Step(
        a["programme_kind"],
        a["id"],
        a["title"],
        a["level"],
        a["months"],
        a["paid"],
        a["route"],
        round(age_months / 12, 2),
        why,
        a["programme_kind"] in LOAN_KINDS,
        delivery,
        evidence,
        _programme_min_age(ctx, node),
        not a.get("months_estimated", False),
        a.get("restriction_text", ""),
        a.get("restriction_source", ("", "", "")),
    )


def _programme_min_age(ctx: RouteContext, node: str) -> int:
    """The youngest age a programme can be started: its legal minimum, else the lowest age its entry rules allow."""
    a = ctx.nodes[node]
    rule_ages = [e["min_age"] for by_prog in ctx.entry.values() for e in by_prog.get(node, ())]
    return max(a.get("legal_min_age") or 0, min(rule_ages) if rule_ages else FIRST_PROGRAMME_AGE)


def _destination(ctx: RouteContext, dest: str, dest_why: str, last: str, sig: Signals, reached: float) -> Destination:
    """The destination job ``dest``, reached at age ``reached`` after the path's last step ``last``: its pay (newly
    qualified and with experience), whether it is the main job of that step, and the other jobs that step leads to."""
    d = ctx.nodes[dest]
    exp, reliable, basis = destination_pay(ctx, dest, sig)
    also = (
        tuple(plain_title(ctx.nodes[o]["title"]) for o in ctx.also.get(last, ()))
        if ctx.nodes[last]["kind"] == "programme"
        else ()
    )
    main = ctx.nodes[last]["kind"] == "occupation" or ctx.main_occ.get(last) == dest
    newly = None if exp is None else round(ctx.pay_scale.scaled(d["soc"], reached, exp), -2)
    # the job's own needs (a licence, checks), unless its own step already says them
    needs = "" if ctx.nodes[last]["kind"] == "occupation" else d.get("restriction_text", "")
    return Destination(
        d["soc"],
        plain_title(d["title"]),
        d.get("route"),
        newly,
        exp,
        basis,
        dest_why,
        main,
        also,
        reliable,
        round(reached, 2),
        ctx.home_routes.get(str(d["soc"])[:HOME_GROUP_DIGITS], ()),
        needs,
        d.get("restriction_source", ("", "", "")) if needs else ("", "", ""),
    )
