"""The Plan page's answer: the shortlisted routes and jobs as plan items (their figures, who trains for them near
the learner), next steps written for the person, and the shortlist keys no longer found.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pathways import next_steps
from pathways.areas import TravelArea
from pathways.context import Context
from pathways.figures import Figure
from pathways.pay import route_pay
from pathways.plan import PlanItem
from pathways.routes import Route
from pathways.vocab import APPRENTICESHIP_KINDS, kind_label
from pathways.words import after_title, plain_description, plain_title

__all__ = ["PlanAnswer", "PLAN_PROVIDERS", "plan_answer"]

#: providers named per route on the plan
PLAN_PROVIDERS = 5


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


def _plain(step: Any) -> str:
    """A next step as plain text with its address (the plan's PDF cannot hold links)."""
    return f"{step.text} {step.url}".strip()


def _job_item(ctx: Context, soc: str, travel: TravelArea, age: int) -> tuple[PlanItem, list[str]]:
    occ = ctx.bundle.occupations.set_index("soc")
    local = ctx.market.occupation_local(travel, soc)
    title = str(occ.loc[soc, "title"])
    first = after_title(plain_description(str(occ.loc[soc, "description"])), title).split(". ")[0]
    start = ctx.pay.newly_qualified(soc, max(age, 18), local.pay_experienced)  # as on the job page
    item = PlanItem(
        "job",
        f"job:{soc}",
        plain_title(title),
        first,
        (start, local.pay_experienced, local.pay_experienced_national, local.adverts, local.openings),
    )
    return item, [_plain(st) for st in next_steps.job_search(plain_title(title), travel.home.name)]


def _route_item(ctx: Context, r: Route, travel: TravelArea) -> tuple[PlanItem, list[str]]:
    local = ctx.market.occupation_local(travel, r.destination.soc)
    summary = " then ".join(f"{s.title} ({kind_label(s.kind).lower()})" for s in r.steps)
    figures: tuple[Figure, ...] = (
        *route_pay(ctx.market, travel, r).figures(),
        local.pay_experienced_national,
        local.adverts,
        local.openings,
    )
    providers: tuple[str, ...] = ()
    link = ""
    appr = next((s for s in r.steps if s.kind in APPRENTICESHIP_KINDS), None)
    if appr is not None:
        d = ctx.delivery.delivery_for(travel, appr.id, int(appr.age_at_start))
        if d.local_starts_estimate is not None:
            figures += (
                replace(
                    d.local_starts_estimate,
                    label=f"{d.local_starts_estimate.label.removesuffix(' (estimate)')}: {appr.title} (estimate)",
                ),
            )
        providers = (
            f"Who trains for {appr.title} near you: {d.headline()}",
            *(p.describe() for p in d.providers[:PLAN_PROVIDERS]),
        )
        link = d.search_url if r.steps and appr is r.steps[0] else ""
    item = PlanItem("route", r.route_id, f"Route to {r.destination.title}", summary, figures, providers)
    steps = [_plain(st) for st in next_steps.apply_step(r.steps[0], travel.home.name, link)] if r.steps else []
    return item, steps


def plan_answer(
    ctx: Context, keys: list[str], routes: list[Route] | tuple[Route, ...], travel: TravelArea, age: int = 16
) -> PlanAnswer:
    """Plan items for the shortlist keys (route ids and ``job:SOC``), next steps written for the person,
    and the keys not found among the learner's routes and jobs."""
    socs = set(ctx.bundle.occupations.soc)
    by_id = {r.route_id: r for r in routes}
    items: list[PlanItem] = []
    steps: list[str] = []
    missing: list[str] = []
    for key in keys:
        if key.startswith("job:") and key[4:] in socs:
            item, more = _job_item(ctx, key[4:], travel, age)
        elif key in by_id:
            item, more = _route_item(ctx, by_id[key], travel)
        else:
            missing.append(key)
            continue
        items.append(item)
        steps.extend(more)
    if items:
        steps.extend(next_steps.plan_closing(age))
    return PlanAnswer(tuple(items), tuple(dict.fromkeys(steps)), tuple(missing))
