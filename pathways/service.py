"""Answers assembled for the command line (and reused by pages): plain dicts ready for JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pathways.context import Context
from pathways.errors import UnknownOccupation, UnknownProgramme, UnknownRoute
from pathways.graph import status_words
from pathways.labour_market import PAY_PERIOD, area_context
from pathways.schema.programmes import LINK_BASIS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["area_summary", "local_summary", "providers_summary", "delivery_for", "route_pay", "compare_routes",
           "compare_summary", "routes_summary", "way_label", "area_map"]


def area_summary(ctx: Context, where: str, travel: str = "neighbours") -> dict:
    """``python -m pathways area``: the district, region, upper-tier authority, travel area and context."""
    place = ctx.resolve(where)
    area = ctx.travel(place, travel)
    out = place.to_dict()
    out["travel_area"] = area.to_dict()
    out["context"] = area_context(ctx.market, place).to_dict()
    out["apprentices_train_in"] = [
        {"code": c, "name": n, "starts": v} for c, n, v in ctx.areas.top_destinations(place.lad_code, "apprenticeships")
    ]
    return out


def local_summary(ctx: Context, where: str, soc: str, travel: str = "neighbours") -> dict:
    """``python -m pathways local``: every local figure for one occupation, with provenance."""
    soc = str(soc).strip()
    if soc not in ctx.market._occ.index:
        raise UnknownOccupation(f"We do not know the job code '{soc[:20]}'. Use a 4-digit SOC 2020 code such as 5241.")
    place = ctx.resolve(where)
    area = ctx.travel(place, travel)
    from pathways.labour_market import occupation_outcomes

    out = ctx.market.occupation_local(area, soc).to_dict()
    out["training_and_outcomes"] = {k: f.to_dict() for k, f in occupation_outcomes(ctx.market, area, soc).items()}
    out["area"] = place.to_dict()
    out["travel_area"] = area.to_dict()
    return out


def delivery_for(ctx: Context, travel, programme_id: str):
    """Who trains for a programme near a travel area (:class:`pathways.delivery.Delivery`).

    Raises :class:`UnknownProgramme` for a reference that is not in the bundle.
    """
    ref = str(programme_id).strip()[:40]
    if ref.upper() in ctx.delivery.titles:  # an apprenticeship standard: no table lookup on the route cards' path
        return ctx.delivery.delivery(travel, ref.upper())
    other = ctx.bundle.programmes
    row = other[other.programme_id == ref]
    if len(row):
        p = row.iloc[0]
        return ctx.delivery.delivery(travel, ref, kind=str(p.kind), title=str(p.title), level=int(p.level))
    raise UnknownProgramme(f"We do not know the programme '{ref}'. Apprenticeship references look like ST0005.")


def providers_summary(ctx: Context, where: str, programme_id: str, travel: str = "neighbours") -> dict:
    """``python -m pathways providers``: who trains for a programme near a place, with the local estimate."""
    place = ctx.resolve(where)
    area = ctx.travel(place, travel)
    d = delivery_for(ctx, area, programme_id)
    out = {"area": place.to_dict(), "travel_area": area.to_dict()}
    out.update(d.to_dict())
    return out


KIND_LABELS = {
    "apprenticeship": "Apprenticeship", "foundation_apprenticeship": "Foundation apprenticeship", "t_level": "T Level",
    "htq": "Higher Technical Qualification", "bootcamp": "Skills Bootcamp", "fe_course": "College course",
    "supported_internship": "Supported internship", "job": "Job",
}


def kind_label(kind: str) -> str:
    """Plain words for a step's kind."""
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def routes_for(ctx: Context, profile, limit: int = 20):
    """(place, travel area, ranked routes) for a profile; raises PathwaysError for a bad place."""
    from pathways.routes import find_routes

    place = ctx.resolve(profile.where)
    travel = ctx.travel(place, profile.travel)
    return place, travel, find_routes(ctx.bundle, profile, ctx.local_provider(travel), limit=limit)


def direct_entry_jobs(ctx: Context, travel, limit: int = 8, age: int = 16) -> list[dict]:
    """Jobs open straight from school with no qualifications, with the training that grows from them.

    ``pay_to_start`` is the job's pay at the learner's age (16 at the youngest): what they would start on
    (see :mod:`pathways.pay`); None when ONS published no pay for the job.

    One job per group of jobs (SOC sub-major group), groups with most local adverts first; within a
    group, the job whose in-work apprenticeships most people start (DfE starts in England in the latest full year, ``Bundle.starts_years``).
    """
    from pathways.graph import is_direct_entry

    b = ctx.bundle
    occ = b.occupations
    occ = occ[[is_direct_entry(r.soc, bool(r.no_formal_requirements), str(r.entry_routes), str(r.title))
               for r in occ.itertuples(index=False)]]
    prog = b.progressions
    training = prog[(prog.from_kind == "occupation") & (prog.to_kind == "programme")]
    std = b.standards.set_index("programme_id")
    titles = {**dict(zip(b.programmes.programme_id, b.programmes.title)), **std.title.to_dict()}
    starts = {k: (0 if str(v) == "<NA>" else int(v)) for k, v in std.starts_latest.items()}
    rows = []
    for r in occ.itertuples(index=False):
        s = ctx.market.signals(travel, r.soc)
        grows = training[training.from_id == r.soc]
        ids = sorted(grows.to_id, key=lambda t: (-starts.get(t, 0), t))
        rows.append({
            "soc": r.soc, "title": r.title, "group": r.soc[:2], "adverts": s.adverts, "adverts_ratio": s.adverts_ratio,
            "pay_to_start": None if s.pay_experienced is None
            else round(ctx.pay.scaled(r.soc, max(age, 16), s.pay_experienced), -2),
            "pay_reliable": s.pay_reliable, "pay_period": PAY_PERIOD, "training_starts": sum(starts.get(t, 0) for t in ids),
            "training": [{"id": t, "title": titles.get(t, t), "level": std.level.get(t)} for t in ids[:3]],
        })
    best: dict[str, dict] = {}
    for row in sorted(rows, key=lambda d: (-d["training_starts"], d["soc"])):
        best.setdefault(row["group"], row)
    ordered = sorted(best.values(), key=lambda d: (-(d["adverts"] or 0), d["soc"]))
    return ordered[:limit]


def route_key(route) -> str:
    """A short, stable, URL-safe id of a route (its step ids and destination)."""
    return route.route_id


def job_detail(ctx: Context, soc: str) -> dict:
    """What a job is, its ways in by level, where it leads, and related jobs."""
    b = ctx.bundle
    occ = b.occupations.set_index("soc")
    if soc not in occ.index:
        raise UnknownOccupation("We do not know that job.")
    o = occ.loc[soc]
    links = b.programme_occupations[b.programme_occupations.soc == soc]
    std = b.standards.set_index("programme_id")
    other = b.programmes.set_index("programme_id")
    ways = []
    for r in links.sort_values(["confidence", "programme_id"], ascending=[False, True]).itertuples(index=False):
        if r.programme_id in std.index:
            s = std.loc[r.programme_id]
            kind = "foundation_apprenticeship" if s.is_foundation else "apprenticeship"
            ways.append({"id": r.programme_id, "title": s.title, "level": int(s.level), "kind": kind,
                         "months": None if s.duration_months is None or str(s.duration_months) == "<NA>" else int(s.duration_months),
                         "status": s.status, "status_text": status_words(s.status), "confidence": float(r.confidence),
                         "method": r.method, "basis": LINK_BASIS.get(r.method, r.method),
                         "starts": None if str(s.starts_latest) == "<NA>" else int(s.starts_latest)})
        elif r.programme_id in other.index:
            s = other.loc[r.programme_id]
            ways.append({"id": r.programme_id, "title": s.title, "level": int(s.level), "kind": s.kind,
                         "months": int(s.duration_months), "status": "", "status_text": "", "confidence": float(r.confidence),
                         "method": r.method, "basis": LINK_BASIS.get(r.method, r.method), "starts": None})
    # open ones first within a level: a paused standard is still listed, and says so
    ways.sort(key=lambda w: (w["level"], bool(w["status_text"]), -w["confidence"], w["title"]))
    prog = b.progressions
    way_ids = {w["id"] for w in ways}
    nxt = prog[(prog.from_kind == "programme") & prog.from_id.isin(way_ids) & (prog.to_kind == "programme")]
    leads = []
    seen = set()
    for r in nxt.sort_values(["strength", "to_id"], ascending=[False, True]).itertuples(index=False):
        if r.to_id in seen or r.to_id in way_ids:
            continue
        seen.add(r.to_id)
        title = std.title.get(r.to_id) or other.title.get(r.to_id) or r.to_id
        level = std.level.get(r.to_id) if r.to_id in std.index else other.level.get(r.to_id)
        dest = b.programme_occupations[b.programme_occupations.programme_id == r.to_id]
        dest_titles = [occ.title.get(s) for s in dest.sort_values("rank").soc.head(1)]
        status = std.status.get(r.to_id, "") if r.to_id in std.index else ""
        leads.append({"id": r.to_id, "title": title, "level": None if level is None else int(level), "rule": r.rule,
                      "status_text": status_words(status), "leads_to": dest_titles[0] if dest_titles else ""})
    related = occ[(occ.minor_group == o.minor_group) & (occ.index != soc)]
    return {
        "soc": soc, "title": o.title, "description": o.description, "tasks": [t for t in str(o.tasks).split("\n") if t.strip()],
        "entry_routes": o.entry_routes, "no_formal_requirements": bool(o.no_formal_requirements),
        "related_job_titles": o.related_job_titles,
        "pay": {k: (None if str(o[k]) in ("nan", "<NA>", "None") else float(o[k]))
                for k in ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90")},
        "pay_note": o.pay_note, "ways_in": ways, "starts_year": b.starts_years[0], "leads_to": leads[:10],
        "related": [{"soc": s, "title": t} for s, t in related.title.items()],
    }


def way_label(way: dict) -> str:
    """A way in's title, with "paused for new starts" (or retired) when it takes no new starts."""
    return f"{way['title']} ({way['status_text']})" if way.get("status_text") else str(way["title"])


def area_tables(ctx: Context, place) -> dict:
    """Tables for the area page: starts per 1,000 over time, top job groups by people and adverts,
    projected openings, and the points of a dot map. Each comes with its source line."""
    import pandas as pd

    b, m = ctx.bundle, ctx.market
    titles = dict(zip(b.soc_groups.code, b.soc_groups.title))
    pop = b.population
    pop = pop[pop.period_end_year == pop.period_end_year.max()].set_index("area_code").value
    ap = b.apprenticeships_area
    ap = ap[(ap.basis == "home") & ~ap.partial_year]
    here = ap[ap.lad_code == place.lad_code].groupby("year").starts.sum()
    england = ap.groupby("year").starts.sum()
    starts = pd.DataFrame({
        "Year": list(here.index) * 2,
        "Area": [place.name] * len(here) + ["England"] * len(here),
        "Starts per 1,000 people": [round(v / pop.get(place.lad_code, float("nan")) * 1000, 1) for v in here.values]
        + [round(england.get(y, 0) / pop.get(ENGLAND_CODE, float("nan")) * 1000, 1) for y in here.index],
    })
    em = b.employment
    em = em[(em.area_code == place.lad_code) & (em.period_end_year == em.period_end_year.max()) & (em.sub_major_group != "total")]
    people = em.dropna(subset=["value"]).nlargest(8, "value")
    people = pd.DataFrame({"Kind of work": [titles.get(g, g).capitalize() for g in people.sub_major_group],
                           "People": people.value.round(-2).astype(int)})
    ja = b.job_adverts
    ja = ja[(ja.area_code == place.lad_code) & (ja.soc_group.str.len() == 2)]
    wider = False
    if ja.value.notna().sum() == 0:
        ja = b.job_adverts[(b.job_adverts.area_code == place.lsip_code) & (b.job_adverts.soc_group.str.len() == 2)]
        wider = True
    ads = ja.dropna(subset=["value"]).nlargest(8, "value")
    adverts = pd.DataFrame({"Kind of work": [titles.get(g, g).capitalize() for g in ads.soc_group],
                            "Adverts": ads.value.astype(int)})
    pj = b.projections
    pj = pj[(pj.area_code == place.lsip_code)].dropna(subset=["total_requirement_2020_2035"])
    pj = pj.nlargest(8, "total_requirement_2020_2035")
    openings = pd.DataFrame({"Kind of work": [titles.get(str(g), str(g)).capitalize() for g in pj.sub_major_group],
                             "Jobs to fill 2020-2035": pj.total_requirement_2020_2035.astype(int)})
    return {"starts": starts, "people": people, "adverts": adverts, "adverts_wider": wider, "openings": openings,
            "people_period": str(em.period.iloc[0]) if len(em) else "", "adverts_period": m.adverts_period}


ENGLAND_CODE = "E92000001"


#: shown on the map and in its table, in drawing order (last on top)
MAP_GROUPS = ("Other areas", "Areas you can reach", "Where you live")


def area_map(ctx: Context, home: str, codes, margin: float = 0.12, min_span: float = 0.25) -> dict:
    """The Area page's map: the ``home`` district, the travel area (``codes``, district codes as in
    :attr:`pathways.areas.TravelArea.codes`) and the districts around them.

    Returns ``shapes`` (one row per district in view: ``lad_code``, ``Area``, ``Shown as`` (one of
    :data:`MAP_GROUPS`), GeoJSON ``geometry`` text, ``label_lon``/``label_lat``), ``box`` (west,
    south, east, north: the travel area plus ``margin`` of its size on each side, at least
    ``min_span`` degrees of latitude high) and ``table`` (the home district and the travel area, for
    the table beside the map). Only districts whose bounding box meets the box are included, so the
    page sends a few dozen outlines, not all of England. England only: the bundle has no outlines
    for Wales or Scotland.
    """
    import math

    import pandas as pd

    b = ctx.bundle.boundaries
    names = dict(zip(ctx.bundle.lads.lad_code, ctx.bundle.lads.name))
    inside = [c for c in dict.fromkeys((home, *codes)) if c in names]
    mine = b[b.lad_code.isin(inside)]
    west, east = float(mine.min_lon.min()), float(mine.max_lon.max())
    south, north = float(mine.min_lat.min()), float(mine.max_lat.max())
    k = math.cos(math.radians((south + north) / 2))  # a degree of longitude is shorter than one of latitude
    pad = max(north - south, (east - west) * k, min_span) * margin
    mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
    half_h = max(north - south, min_span) / 2 + pad
    half_w = max((east - west) * k, min_span) / 2 / k + pad / k
    box = (round(mid_lon - half_w, 4), round(mid_lat - half_h, 4), round(mid_lon + half_w, 4), round(mid_lat + half_h, 4))
    near = b[(b.max_lon >= box[0]) & (b.min_lon <= box[2]) & (b.max_lat >= box[1]) & (b.min_lat <= box[3])]
    near = near[near.lad_code.isin(names)]
    group = {c: MAP_GROUPS[1] for c in inside} | {home: MAP_GROUPS[2]}
    shapes = pd.DataFrame({
        "lad_code": near.lad_code.to_numpy(),
        "Area": [names[c] for c in near.lad_code],
        "Shown as": [group.get(c, MAP_GROUPS[0]) for c in near.lad_code],
        "geometry": near.geometry.to_numpy(),
        "label_lon": near.label_lon.to_numpy(), "label_lat": near.label_lat.to_numpy(),
    })
    shapes["_order"] = shapes["Shown as"].map(MAP_GROUPS.index)
    shapes = shapes.sort_values(["_order", "Area"]).drop(columns="_order").reset_index(drop=True)
    table = pd.DataFrame({"Area": [names[c] for c in inside],
                          "On the map": [group[c] for c in inside]})
    return {"shapes": shapes, "box": box, "table": table}


def route_pay(ctx: Context, travel, route):
    """The three pay figures of a route for its learner (:class:`pathways.pay.RoutePay`)."""
    from pathways.pay import route_pay as _route_pay

    local, _ = ctx.market.pay(travel.home, route.destination.soc)
    return _route_pay(ctx.pay, route, local)


def degree_for(ctx: Context, profile, route, travel):
    """The degree comparison for a learner, on the same age and place terms as ``route``."""
    from pathways.money import degree_comparison

    sig = ctx.market.signals(travel, route.destination.soc)
    factor, _ = ctx.market.pay_factor(travel.home, "2")
    return degree_comparison(route, profile, sig, ctx.bundle.occupations, ctx.pay, factor, ctx.bundle.facts)


def compare_routes(ctx: Context, profile, routes: list, travel) -> tuple[list[dict], "pd.DataFrame", list[str]]:
    """Side-by-side facts, cumulative earnings to 30 (with a degree line) and the notes behind them.

    A route with a year of work whose pay ONS did not publish has no total (``total`` is None) and is
    left out of the chart, with a note: no amount is made up for it."""
    import pandas as pd

    from pathways.money import earnings_by_year, total_to_30

    rows, series, notes = [], [], []
    for i, r in enumerate(routes, 1):
        sig = ctx.market.signals(travel, r.destination.soc)
        years = earnings_by_year(r, profile, sig, ctx.pay)
        total = total_to_30(years)
        rows.append({"name": f"Route {i}: {r.destination.title}", "route": r, "years": years, "total": total,
                     "pay": route_pay(ctx, travel, r), "local": ctx.market.occupation_local(travel, r.destination.soc),
                     "months": r.total_months, "months_to_paid": r.months_to_paid})
        if total is None:
            notes.append(f"Route {i}: ONS did not publish pay for {r.destination.title.lower()}, so we cannot add up "
                         "its earnings and it is not in the chart.")
            continue
        running = 0.0
        for y in years:
            running += (y.earnings_gbp or 0.0) - y.loan_repayment_gbp
            series.append({"Age": y.age + 1, "Route": f"Route {i}", "Earnings so far (£)": round(running, -2)})
        notes.extend(sorted({y.basis for y in years}))
    if routes:
        deg = degree_for(ctx, profile, routes[0], travel)
        if deg.total_to_30_gbp is not None:
            running = 0.0
            for y in deg.years:
                running += (y.earnings_gbp or 0.0) - y.loan_repayment_gbp
                series.append({"Age": y.age + 1, "Route": "University degree", "Earnings so far (£)": round(running, -2)})
        notes.append(f"Degree: {deg.pay_basis}. Loan about £{(deg.tuition_loan_gbp or 0):,.0f}; repaid by 30 about "
                     f"£{deg.repaid_by_30_gbp:,.0f}; still owed at 30 about £{(deg.owed_at_30_gbp or 0):,.0f}.")
        notes.extend(deg.notes)
    return rows, pd.DataFrame(series, columns=["Age", "Route", "Earnings so far (£)"]), list(dict.fromkeys(notes))


def compare_summary(ctx: Context, params: dict, route_ids: list[str]) -> dict:
    """``python -m pathways compare``: earnings to 30 for chosen routes and for a degree, as JSON.

    Route ids are those printed by ``python -m pathways routes`` for the same learner; an unknown one
    raises :class:`UnknownRoute` with a plain message."""
    from pathways.money import earnings_by_year, total_to_30
    from pathways.profile import Profile

    profile, _ = Profile.from_params(params)
    place, travel, routes = routes_for(ctx, profile, limit=50)
    by_id = {r.route_id: r for r in routes}
    unknown = [r for r in route_ids if r not in by_id]
    if unknown:
        raise UnknownRoute(f"We do not know the route '{unknown[0][:80]}' for this learner. Use a route_id printed by "
                           "'python -m pathways routes' with the same place, age and qualifications.")
    out = []
    for rid in route_ids:
        r = by_id[rid]
        years = earnings_by_year(r, profile, ctx.market.signals(travel, r.destination.soc), ctx.pay)
        out.append({"route_id": rid, "destination": r.destination.title, "earnings": [y.to_json() for y in years],
                    "total_to_30": total_to_30(years)})
    deg = degree_for(ctx, profile, by_id[route_ids[0]], travel) if route_ids else None
    degree = None if deg is None else {
        "earnings": [{**y.to_json(), "loan_repayment": y.loan_repayment_gbp} for y in deg.years],
        "loan_repaid_to_30": deg.repaid_by_30_gbp, "loan_owed_at_30": deg.owed_at_30_gbp,
        "total_to_30": deg.total_to_30_gbp, "occupation": deg.occupation, "basis": deg.pay_basis,
        "facts": [f.to_dict() for f in deg.facts], "notes": list(deg.notes)}
    return {"area": place.to_dict(), "profile": profile.to_dict(), "routes": out, "degree": degree}


#: providers named per route on the plan
PLAN_PROVIDERS = 5


def plan_items(ctx: Context, keys: list[str], routes: list, travel, age: int = 16) -> tuple[list, list[str], list[str]]:
    """Plan items for the shortlist keys, next steps written for the person, and keys not found."""
    from pathways import next_steps
    from pathways.plan import PlanItem
    from pathways.words import plain_title

    occ = ctx.bundle.occupations.set_index("soc")
    by_id = {r.route_id: r for r in routes}
    items: list[PlanItem] = []
    steps: list[str] = []
    missing: list[str] = []
    place = travel.home
    for key in keys:
        if key.startswith("job:") and key[4:] in occ.index:
            soc = key[4:]
            local = ctx.market.occupation_local(travel, soc)
            first = str(occ.loc[soc, "description"]).split(". ")[0]
            start = ctx.pay.newly_qualified(soc, max(age, 18), local.pay_experienced)  # as on the job page
            items.append(PlanItem("job", key, str(occ.loc[soc, "title"]), first,
                                  (start, local.pay_experienced, local.pay_experienced_national, local.adverts,
                                   local.openings_2035)))
            steps.extend(_plain(st) for st in next_steps.job_search(plain_title(str(occ.loc[soc, "title"])), place.name))
        elif key in by_id:
            r = by_id[key]
            local = ctx.market.occupation_local(travel, r.destination.soc)
            summary = " then ".join(f"{s.title} ({kind_label(s.kind).lower()})" for s in r.steps)
            figures = (*route_pay(ctx, travel, r).figures(), local.pay_experienced_national, local.adverts,
                       local.openings_2035)
            providers: tuple[str, ...] = ()
            appr = next((s for s in r.steps if s.kind in ("apprenticeship", "foundation_apprenticeship")), None)
            if appr is not None:
                from dataclasses import replace

                d = delivery_for(ctx, travel, appr.id)
                figures += (replace(d.local_starts_estimate,
                                    label=f"People from your area who started {appr.title} (estimate)"),)
                providers = (f"Who trains for {appr.title} near you: {d.headline()}",
                             *(p.describe() for p in d.providers[:PLAN_PROVIDERS]))
            items.append(PlanItem("route", key, f"Route to {r.destination.title}", summary, figures, providers))
            if r.steps:
                steps.extend(_plain(st) for st in next_steps.apply_step(r.steps[0], place.name,
                                                                        d.search_url if appr is r.steps[0] else ""))
        else:
            missing.append(key)
    if items:
        steps.append("Questions to ask an employer or college: What will I learn? How much will I be paid while I train? "
                     "How many hours a week? What do people do after it?")
        steps.append(f"Talk to a careers adviser: the National Careers Service is free on {next_steps.NCS_PHONE}, "
                     f"or use their web chat: {next_steps.SERVICES['ncs_contact'][0]}")
        if 18 <= age <= 24:
            steps.append("If you are 18 to 24 and not in work or education, your local Jobcentre Plus has support for "
                         f"young people: {next_steps.SERVICES['jobcentre'][0]}")
    return items, list(dict.fromkeys(steps)), missing


def _plain(step) -> str:
    """A next step as plain text with its address (the plan's PDF cannot hold links)."""
    return f"{step.text} {step.url}".strip()


def routes_summary(ctx: Context, params: dict, limit: int = 10) -> dict:
    """``python -m pathways routes``: the area and ranked routes with local figures and earnings."""
    from pathways.money import earnings_by_year
    from pathways.profile import Profile
    from pathways.routes import learner_notices

    profile, notices = Profile.from_params(params)
    place, travel, routes = routes_for(ctx, profile, limit=limit)
    notices = notices + learner_notices(ctx.bundle, profile)
    out_routes = []
    for r in routes:
        d = r.to_dict()
        local = ctx.market.occupation_local(travel, r.destination.soc)
        d["local"] = local.to_dict()["figures"]
        pay = route_pay(ctx, travel, r)
        for step, sp in zip(d["steps"], pay.while_training):
            if sp.figure.value is not None:  # paid steps only: unpaid study has no pay figure
                step["pay_while_training"] = sp.figure.to_dict()
        d["destination"]["pay_newly_qualified"] = pay.newly_qualified.to_dict()
        d["destination"]["pay_experienced"] = pay.experienced.to_dict()
        sig = ctx.market.signals(travel, r.destination.soc)
        d["earnings"] = [y.to_json() for y in earnings_by_year(r, profile, sig, ctx.pay)]
        out_routes.append(d)
    return {"area": place.to_dict(), "travel_area": travel.to_dict(), "profile": profile.to_dict(), "notices": notices,
            "routes": out_routes}


def programme_summary(ctx: Context, refs: list[str]) -> list[dict]:
    """``python -m pathways programme``: one object per reference; unknown ones get an ``error``."""
    b = ctx.bundle
    std = b.standards.set_index("programme_id")
    other = b.programmes.set_index("programme_id")
    occ_titles = dict(zip(b.occupations.soc, b.occupations.title))
    titles = {**dict(zip(b.standards.programme_id, b.standards.title)), **dict(zip(b.programmes.programme_id, b.programmes.title))}
    levels = {**dict(zip(b.standards.programme_id, b.standards.level)), **dict(zip(b.programmes.programme_id, b.programmes.level))}
    statuses = dict(zip(b.standards.programme_id, b.standards.status))
    latest, previous = b.starts_years
    rules = b.entry_rules
    out = []
    for raw in refs[:100]:
        ref = str(raw).strip().upper()[:40]
        if ref in std.index:
            s = std.loc[ref]
            kind = "foundation_apprenticeship" if s.is_foundation else "apprenticeship"
            item = {"id": ref, "title": s.title, "level": int(s.level), "kind": kind, "status": s.status,
                    "status_text": status_words(s.status) or "open to new starts",
                    "status_source": getattr(s, "status_source", None), "status_date": getattr(s, "status_date", None),
                    "route": s.route,
                    "months": None if str(s.duration_months) == "<NA>" else int(s.duration_months),
                    "funding_cap_gbp": None if str(s.funding_cap_gbp) == "<NA>" else int(s.funding_cap_gbp),
                    "is_degree": bool(s.is_degree), "link": s.link,
                    "not_in_our_sources": [name for name, v in (("months", s.duration_months), ("funding_cap_gbp", s.funding_cap_gbp))
                                           if str(v) == "<NA>"],
                    "starts": {latest: None if str(s.starts_latest) == "<NA>" else int(s.starts_latest),
                               previous: None if str(s.starts_previous) == "<NA>" else int(s.starts_previous),
                               "source": "DfE apprenticeships statistics, England"}}
        elif ref in other.index or raw in other.index:
            key = ref if ref in other.index else raw
            s = other.loc[key]
            kind = s.kind
            item = {"id": key, "title": s.title, "level": int(s.level), "kind": kind, "status": "available",
                    "status_text": "open to new starts", "status_source": s.source, "status_date": s.source_date,
                    "route": s.route,
                    "months": int(s.duration_months), "summary": s.summary, "source": s.source, "starts": None}
            ref = key
        else:
            out.append({"id": ref, "error": f"We do not know the programme '{ref}'. Apprenticeship references look like ST0005."})
            continue
        links = b.programme_occupations[b.programme_occupations.programme_id == ref].sort_values(["rank", "soc"])
        item["occupations"] = [{"soc": r.soc, "title": occ_titles.get(r.soc, r.soc), "confidence": float(r.confidence),
                                "method": r.method, "basis": LINK_BASIS.get(r.method, r.method)}
                               for r in links.itertuples(index=False)]
        prog = b.progressions
        nxt = prog[(prog.from_kind == "programme") & (prog.from_id == ref) & (prog.to_kind == "programme")]
        item["progresses_to"] = [{"id": r.to_id, "title": titles.get(r.to_id, r.to_id), "level": levels.get(r.to_id),
                                  "rule": r.rule, "status_text": status_words(statuses.get(r.to_id, ""))} for r in nxt.sort_values(["strength", "to_id"], ascending=[False, True]).itertuples(index=False)]
        lvl = item["level"]
        mine = rules[(rules.programme_kind == kind) & (rules.level.isna() | (rules.level == lvl))]
        if "programme_id" in rules.columns:
            own = rules[rules.programme_id == ref]
            mine = own if len(own) else mine[mine.programme_id.isna()]
        item["entry"] = [{"rule": r.rule_id, "text": r.text, "min_age": int(r.min_age),
                          "max_age": None if str(r.max_age) == "<NA>" else int(r.max_age),
                          "needs_english_maths": bool(r.needs_english_maths), "source": r.source_url}
                         for r in mine.itertuples(index=False)]
        out.append(item)
    return out
