"""The command line's answers (``python -m pathways``): plain dicts ready for JSON, built from the
same functions the pages use (:mod:`pathways.answers`)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pathways.context import Context
from pathways.errors import UnknownRoute
from pathways.figures import as_int
from pathways.graph_nodes import status_words, successor_words
from pathways.district_figures import area_context
from pathways.job_outcomes import occupation_outcomes
from pathways.money import degree_for, earnings_by_year, total_to_30
from pathways.pay import route_pay
from pathways.profile import Profile
from pathways.routes import learner_notices
from pathways.schema.geography import APPRENTICE_FLOWS
from pathways.schema.programmes import LINK_BASIS
from pathways.vocab import DEFAULT_TRAVEL, GROUPS, apprenticeship_kind

__all__ = ["area_summary", "local_summary", "providers_summary", "routes_summary", "compare_summary", "programme_summary"]


def area_summary(ctx: Context, where: str, travel: str = DEFAULT_TRAVEL) -> dict:
    """``python -m pathways area``: the district, region, upper-tier authority, travel area and context."""
    place = ctx.resolve(where)
    area = ctx.travel(place, travel)
    out = place.to_dict()
    out["travel_area"] = area.to_dict()
    out["context"] = area_context(ctx.market, place).to_dict()
    out["apprentices_train_in"] = [
        {"code": c, "name": n, "starts": v} for c, n, v in ctx.areas.top_destinations(place.lad_code, APPRENTICE_FLOWS)
    ]
    return out


def local_summary(ctx: Context, where: str, soc: str, travel: str = DEFAULT_TRAVEL) -> dict:
    """``python -m pathways local``: every local figure for one occupation, with provenance."""
    soc = ctx.market.check_soc(soc)
    place = ctx.resolve(where)
    area = ctx.travel(place, travel)
    out = ctx.market.occupation_local(area, soc).to_dict()
    out["training_and_outcomes"] = {k: f.to_dict() for k, f in occupation_outcomes(ctx.market, area, soc).items()}
    out["area"] = place.to_dict()
    out["travel_area"] = area.to_dict()
    return out


def providers_summary(ctx: Context, where: str, programme_id: str, travel: str = DEFAULT_TRAVEL) -> dict:
    """``python -m pathways providers``: who trains for a programme near a place, with the local estimate."""
    place = ctx.resolve(where)
    area = ctx.travel(place, travel)
    d = ctx.delivery.delivery_for(area, programme_id)
    out = {"area": place.to_dict(), "travel_area": area.to_dict()}
    out.update(d.to_dict())
    return out


def routes_summary(ctx: Context, params: dict, limit: int = 10) -> dict:
    """``python -m pathways routes``: the area and ranked routes with local figures and earnings."""
    profile, notices = Profile.from_params(params)
    place, travel, groups = ctx.route_groups_for(profile, limit=limit)
    routes = [r for rs in groups.routes.values() for r in rs]
    notices = notices + learner_notices(ctx.bundle, profile)
    out_routes = []
    for r in routes:
        d = r.to_dict()
        d["local"] = ctx.market.occupation_local(travel, r.destination.soc).to_dict()["figures"]
        pay = route_pay(ctx.market, travel, r)
        for step, sp in zip(d["steps"], pay.while_training):
            if sp.figure.value is not None:  # paid steps only: unpaid study has no pay figure
                step["pay_while_training"] = sp.figure.to_dict()
        d["destination"]["pay_newly_qualified"] = pay.newly_qualified.to_dict()
        d["destination"]["pay_experienced"] = pay.experienced.to_dict()
        sig = ctx.market.signals(travel, r.destination.soc)
        d["earnings"] = [y.to_json() for y in earnings_by_year(r, profile, sig, ctx.pay)]
        out_routes.append(d)
    out_groups = [
        {
            "key": k,
            "title": GROUPS[k].title,
            "intro": GROUPS[k].intro,
            "route_ids": [r.route_id for r in rs],
            "empty_reason": groups.empty.get(k, ""),
        }
        for k, rs in groups.routes.items()
    ]
    return {
        "area": place.to_dict(),
        "travel_area": travel.to_dict(),
        "profile": profile.to_dict(),
        "notices": notices,
        "groups": out_groups,
        "routes": out_routes,
    }


def compare_summary(ctx: Context, params: dict, route_ids: list[str]) -> dict:
    """``python -m pathways compare``: earnings to 30 for chosen routes and for a degree, as JSON.

    Route ids are those printed by ``python -m pathways routes`` for the same learner; an unknown one
    raises :class:`UnknownRoute` with a plain message."""
    profile, _ = Profile.from_params(params)
    place, travel, routes = ctx.routes_for(profile, limit=50)
    by_id = {r.route_id: r for r in routes}
    unknown = [r for r in route_ids if r not in by_id]
    if unknown:
        raise UnknownRoute(
            f"We do not know the route '{unknown[0][:80]}' for this learner. Use a route_id printed by "
            "'python -m pathways routes' with the same place, age and qualifications."
        )
    out = []
    for rid in route_ids:
        r = by_id[rid]
        years = earnings_by_year(r, profile, ctx.market.signals(travel, r.destination.soc), ctx.pay)
        out.append(
            {
                "route_id": rid,
                "destination": r.destination.title,
                "earnings": [y.to_json() for y in years],
                "total_to_30": total_to_30(years),
            }
        )
    deg = degree_for(ctx.market, profile, by_id[route_ids[0]], travel) if route_ids else None
    degree = (
        None
        if deg is None
        else {
            "earnings": [{**y.to_json(), "loan_repayment": y.loan_repayment_gbp} for y in deg.years],
            "loan_repaid_to_30": deg.repaid_by_30_gbp,
            "loan_owed_at_30": deg.owed_at_30_gbp,
            "total_to_30": deg.total_to_30_gbp,
            "occupation": deg.occupation,
            "basis": deg.pay_basis,
            "facts": [f.to_dict() for f in deg.facts],
            "notes": list(deg.notes),
        }
    )
    return {"area": place.to_dict(), "profile": profile.to_dict(), "routes": out, "degree": degree}


# -- python -m pathways programme -------------------------------------------------------------
def _standard(b: Any, ref: str, s: Any) -> dict[str, Any]:
    """An apprenticeship standard's facts (``s``: its row of ``standards``)."""
    latest, previous = b.starts_years
    return {
        "id": ref,
        "title": s.title,
        "level": int(s.level),
        "kind": apprenticeship_kind(s.is_foundation),
        "status": s.status,
        "replaced_by": getattr(s, "replaced_by", None) or None,
        "status_text": status_words(
            s.status, successor_words(getattr(s, "replaced_by", None), dict(zip(b.standards.programme_id, b.standards.title)))
        )
        or "open to new starts",
        "status_source": getattr(s, "status_source", None),
        "status_date": getattr(s, "status_date", None),
        "route": s.route,
        "months": as_int(s.duration_months),
        "funding_cap_gbp": as_int(s.funding_cap_gbp),
        "is_degree": bool(s.is_degree),
        "link": s.link,
        "not_in_our_sources": [
            name for name, v in (("months", s.duration_months), ("funding_cap_gbp", s.funding_cap_gbp)) if as_int(v) is None
        ],
        "starts": {
            latest: as_int(s.starts_latest),
            previous: as_int(s.starts_previous),
            "source": "DfE apprenticeships statistics, England",
        },
    }


def _programme(key: str, s: Any) -> dict[str, Any]:
    """Any other programme's facts (``s``: its row of ``programmes``)."""
    return {
        "id": key,
        "title": s.title,
        "level": int(s.level),
        "kind": s.kind,
        "status": "available",
        "status_text": "open to new starts",
        "status_source": s.source,
        "status_date": s.source_date,
        "route": s.route,
        "months": int(s.duration_months),
        "summary": s.summary,
        "source": s.source,
        "starts": None,
    }


def _links(b: Any, ref: str, item: dict[str, Any]) -> None:
    """Add the jobs a programme leads to, the programmes it progresses to, and its entry rules."""
    occ_titles = dict(zip(b.occupations.soc, b.occupations.title))
    titles = {
        **dict(zip(b.standards.programme_id, b.standards.title)),
        **dict(zip(b.programmes.programme_id, b.programmes.title)),
    }
    levels = {
        **dict(zip(b.standards.programme_id, b.standards.level)),
        **dict(zip(b.programmes.programme_id, b.programmes.level)),
    }
    statuses = dict(zip(b.standards.programme_id, b.standards.status))
    links = b.programme_occupations[b.programme_occupations.programme_id == ref].sort_values(["rank", "soc"])
    item["occupations"] = [
        {
            "soc": r.soc,
            "title": occ_titles.get(r.soc, r.soc),
            "confidence": float(r.confidence),
            "method": r.method,
            "basis": LINK_BASIS.get(r.method, r.method),
        }
        for r in links.itertuples(index=False)
    ]
    prog = b.progressions
    nxt = prog[(prog.from_kind == "programme") & (prog.from_id == ref) & (prog.to_kind == "programme")]
    item["progresses_to"] = [
        {
            "id": r.to_id,
            "title": titles.get(r.to_id, r.to_id),
            "level": levels.get(r.to_id),
            "rule": r.rule,
            "status_text": status_words(statuses.get(r.to_id, "")),
        }
        for r in nxt.sort_values(["strength", "to_id"], ascending=[False, True]).itertuples(index=False)
    ]
    item["entry"] = [
        {
            "rule": r.rule_id,
            "text": r.text,
            "min_age": int(r.min_age),
            "max_age": as_int(r.max_age),
            "needs_english_maths": bool(r.needs_english_maths),
            "source": r.source_url,
        }
        for r in _entry_rules(b.entry_rules, ref, item["kind"], item["level"]).itertuples(index=False)
    ]


def _entry_rules(rules: pd.DataFrame, ref: str, kind: str, level: int) -> pd.DataFrame:
    """A programme's own entry rules, else its kind's at its level."""
    mine = rules[(rules.programme_kind == kind) & (rules.level.isna() | (rules.level == level))]
    if "programme_id" in rules.columns:
        own = rules[rules.programme_id == ref]
        mine = own if len(own) else mine[mine.programme_id.isna()]
    return mine


def programme_summary(ctx: Context, refs: list[str]) -> list[dict]:
    """``python -m pathways programme``: one object per reference; unknown ones get an ``error``."""
    b = ctx.bundle
    std = b.standards.set_index("programme_id")
    other = b.programmes.set_index("programme_id")
    out: list[dict] = []
    for raw in refs[:100]:
        ref = str(raw).strip().upper()[:40]
        if ref in std.index:
            item = _standard(b, ref, std.loc[ref])
        elif ref in other.index or raw in other.index:
            ref = ref if ref in other.index else raw
            item = _programme(ref, other.loc[ref])
        else:
            out.append({"id": ref, "error": f"We do not know the programme '{ref}'. Apprenticeship references look like ST0005."})
            continue
        _links(b, ref, item)
        out.append(item)
    return out
