"""The pages' one door into the domain: each function answers one page's question with a frozen
dataclass from :mod:`pathways.answers` (figures as :class:`pathways.figures.Figure`).

Pages (``views/``) call these through the Streamlit caches in ``views/answers.py`` and never reach
into the :class:`pathways.context.Context` themselves. The command line's JSON summaries are built
beside it, in :mod:`pathways.cli`, from the same functions.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pathways.answers import (MAP_GROUPS, AboutAnswer, AreaMap, AreaPicture, AreaTables, CompareAnswer, CompareColumn,
                              DirectEntryJob, EmployerNear, EmployersNear, FigurePair, JobAnswer, JobLead, JobNearYou, JobWay,
                              Method, PlanAnswer,
                              RelatedJob, RouteCard, RoutesAnswer, SocialMobility, SourceRow, TrainingLink)
from pathways.context import Context
from pathways.delivery_answers import age_group
from pathways.errors import UnknownOccupation, UnknownProgramme
from pathways.figures import Figure
from pathways.graph import status_words, successor_words
from pathways.labour_market import ADVERTS
from pathways.schema.local import PROJECTION_TOTAL
from pathways.schema.programmes import LINK_BASIS
from pathways.routes.ranking import RouteGroups, find_route_groups
from pathways.routes.settings import FIRST_PROGRAMME_AGE
from pathways.vocab import APPRENTICESHIP_KINDS, ENGLAND, UK, apprenticeship_kind, kind_label

if TYPE_CHECKING:
    import pandas as pd

    from pathways.areas import Place, TravelArea
    from pathways.courses import CourseLookups
    from pathways.delivery import Delivery
    from pathways.money import DegreeComparison
    from pathways.next_steps import NextStep
    from pathways.pay import RoutePay
    from pathways.plan import PlanItem
    from pathways.profile import Profile
    from pathways.routes import Route

__all__ = [
    # where the learner is
    "resolve", "travel_area", "district", "districts", "nearby_districts",
    # routes
    "employers_near", "routes_for", "routes_answer", "route_pay", "route_card", "degree_for", "delivery_for", "direct_entry_jobs",
    # a job
    "job_titles", "job_answer", "job_near", "job_next_steps",
    # an area
    "area_picture", "area_tables", "area_map",
    # compare and plan
    "compare_answer", "plan_answer", "plan_items", "PLAN_PROVIDERS",
    # about, words and a college's courses
    "about_answer", "glossary", "adverts_period", "course_lookups",
]

# -- where the learner is ---------------------------------------------------------------------
def resolve(ctx: Context, where: str) -> Place:
    """The district for a postcode, town or council name; raises a :class:`pathways.errors.PathwaysError`
    (with a plain message, or :class:`pathways.errors.PlaceChoices` to choose from) when we cannot tell."""
    return ctx.resolve(where)


def travel_area(ctx: Context, place: Place, mode: str) -> TravelArea:
    """The districts a learner can reach from ``place`` (``mode``: see :data:`pathways.vocab.TRAVEL_MODES`)."""
    return ctx.travel(place, mode)


def district(ctx: Context, lad_code: str) -> Place:
    """The district with GSS code ``lad_code``, as a place measured from its middle."""
    return ctx.areas.district(lad_code)


def districts(ctx: Context) -> list[tuple[str, str]]:
    """Every district in England as (code, name), by name."""
    return ctx.areas.all_districts()


def nearby_districts(ctx: Context, travel: TravelArea) -> list[tuple[str, str]]:
    """Districts to compare home with: the rest of the travel area, else every other district."""
    names = dict(ctx.areas.all_districts())
    near = [(c, names.get(c, n)) for c, n in zip(travel.codes[1:], travel.names[1:])]
    return near or [(c, n) for c, n in names.items() if c != travel.home.lad_code]


# -- routes -------------------------------------------------------------------------------------
#: first steps taken at a college (a study programme or a T Level): their cards name the colleges that serve the area
COLLEGE_FIRST_KINDS = ("fe_course", "t_level")


def route_groups_for(ctx: Context, profile: Profile, limit: int = 20) -> tuple[Place, TravelArea, RouteGroups]:
    """(place, travel area, routes in their groups, at most ``limit`` a group) for a profile; raises
    PathwaysError for a bad place."""
    place = ctx.resolve(profile.where)
    travel = ctx.travel(place, profile.travel)
    return place, travel, find_route_groups(ctx.bundle, profile, ctx.local_provider(travel), per_group=limit)


def routes_for(ctx: Context, profile: Profile, limit: int = 20) -> tuple[Place, TravelArea, list[Route]]:
    """(place, travel area, routes) for a profile: each group's routes in turn (earn, study, support), at most
    ``limit`` a group, ranked within their group."""
    place, travel, groups = route_groups_for(ctx, profile, limit)
    return place, travel, [r for rs in groups.routes.values() for r in rs]


def routes_answer(ctx: Context, profile: Profile, limit: int = 20) -> RoutesAnswer:
    """The learner's place, travel area, routes in their groups and notices (the Routes, Compare and Plan pages)."""
    from pathways.routes import learner_notices

    place, travel, groups = route_groups_for(ctx, profile, limit=limit)
    notices = learner_notices(ctx.bundle, profile) + ([travel.large_home_note()] if travel.large_home else [])
    routes = tuple(r for rs in groups.routes.values() for r in rs)
    return RoutesAnswer(place, travel, routes, tuple(notices), groups)


def route_pay(ctx: Context, travel: TravelArea, route: Route) -> RoutePay:
    """The three pay figures of a route for its learner (:class:`pathways.pay.RoutePay`)."""
    from pathways.pay import route_pay as _route_pay

    local, _ = ctx.market.pay(travel.home, route.destination.soc)
    return _route_pay(ctx.pay, route, local)


def _headline_pay(pay: RoutePay) -> tuple[Figure, Figure, Figure]:
    """Pay while training on the first paid step (else the first step), newly qualified, with experience."""
    first = pay.first_paid
    training = first.figure if first is not None else pay.while_training[0].figure
    return training, pay.newly_qualified, pay.experienced


def route_card(ctx: Context, travel: TravelArea, route: Route, profile: Profile) -> RouteCard:
    """A route card's pay, who trains for its first apprenticeship nearby, and its next steps."""
    from pathways import next_steps

    pay = route_pay(ctx, travel, route)
    first = pay.first_paid
    step = next((s for s in route.steps if s.delivery is not None), None)
    delivery = delivery_for(ctx, travel, step.id, int(step.age_at_start)) if step is not None else None
    steps = next_steps.for_route(route, travel.home.name, profile, delivery.search_url if delivery is not None else "")
    sourced = (pay.newly_qualified, pay.experienced) + ((first.figure,) if first is not None else ())
    why = tuple(s.evidence.label if i else "" for i, s in enumerate(route.steps))
    colleges: tuple[str, ...] = ()
    basis = ""
    if route.steps and route.steps[0].kind in COLLEGE_FIRST_KINDS:
        colleges = tuple(name for name, _ in ctx.delivery.colleges_near(travel.codes))
        basis = (f"Colleges that took on apprentices from your area in {ctx.delivery.years_words} (DfE apprenticeships "
                 "provider data: the only DfE figures that name colleges by area). Ask them about their full-time courses.")
    return RouteCard(route, pay, _headline_pay(pay), sourced, step, delivery, tuple(steps), why, colleges, basis)


def degree_for(ctx: Context, profile: Profile, route: Route, travel: TravelArea) -> DegreeComparison:
    """The degree comparison for a learner, on the same age and place terms as ``route``."""
    from pathways.money import degree_comparison

    sig = ctx.market.signals(travel, route.destination.soc)
    factor, _ = ctx.market.pay_factor(travel.home, "2")
    return degree_comparison(route, profile, sig, ctx.bundle.occupations, ctx.pay, factor, ctx.bundle.facts)


def delivery_for(ctx: Context, travel: TravelArea, programme_id: str, age: int | None = None) -> Delivery:
    """Who trains for a programme near a travel area (:class:`pathways.delivery.Delivery`), with the local figures
    for a learner starting it at ``age`` (None: all ages).

    Raises :class:`UnknownProgramme` for a reference that is not in the bundle.
    """
    ref = str(programme_id).strip()[:40]
    if ref.upper() in ctx.delivery.titles:  # an apprenticeship standard: no table lookup on the route cards' path
        return ctx.delivery.delivery(travel, ref.upper(), age=age)
    other = ctx.bundle.programmes
    row = other[other.programme_id == ref]
    if len(row):
        p = row.iloc[0]
        return ctx.delivery.delivery(travel, ref, kind=str(p.kind), title=str(p.title), level=int(p.level))
    raise UnknownProgramme(f"We do not know the programme '{ref}'. Apprenticeship references look like ST0005.")


def _starts(value: object) -> int:
    return 0 if str(value) == "<NA>" else int(value)  # type: ignore[call-overload]


def direct_entry_jobs(ctx: Context, travel: TravelArea, limit: int = 8, age: int = 16) -> tuple[DirectEntryJob, ...]:
    """Jobs open straight from school with no qualifications, with the training that grows from them.

    ``pay_to_start`` is the job's pay at the learner's age (16 at the youngest): what they would start on
    (see :mod:`pathways.pay`); its value is None when ONS published no pay for the job.

    One job per group of jobs (SOC sub-major group), groups with most local adverts first; within a
    group, the job whose in-work apprenticeships most people start (DfE starts in England in the latest
    full year, ``Bundle.starts_years``).
    """
    from pathways.graph import is_direct_entry
    from pathways.words import plain_title

    b = ctx.bundle
    occ = b.occupations
    occ = occ[[is_direct_entry(r.soc, bool(r.no_formal_requirements), str(r.entry_routes), str(r.title))
               for r in occ.itertuples(index=False)]]
    prog = b.progressions
    training = prog[(prog.from_kind == "occupation") & (prog.to_kind == "programme")]
    std = b.standards.set_index("programme_id")
    titles = {**dict(zip(b.programmes.programme_id, b.programmes.title)), **std.title.to_dict()}
    starts = {k: _starts(v) for k, v in std.starts_latest.items()}
    start_age = max(age, 16)
    period = ctx.market.adverts_period
    jobs = []
    for r in occ.itertuples(index=False):
        s = ctx.market.signals(travel, r.soc)
        ids = sorted(training[training.from_id == r.soc].to_id, key=lambda t: (-starts.get(t, 0), t))
        pay = None if s.pay_experienced is None else round(ctx.pay.scaled(r.soc, start_age, s.pay_experienced), -2)
        jobs.append(DirectEntryJob(
            soc=r.soc, title=plain_title(str(r.title)), group=r.soc[:2],
            pay_to_start=Figure(f"Pay to start at {start_age}", pay, "£ a year", ctx.market.pay_period, travel.home.region_name,
                                "region", ctx.market.cite.ashe, "modelled" if pay is not None else "suppressed",
                                "" if s.pay_reliable else "Less reliable: see About the data."),
            pay_reliable=s.pay_reliable,
            adverts=Figure("Adverts for this kind of work near you", s.adverts, "adverts", period,
                           travel.label or travel.home.name, "travel area", ADVERTS,
                           "measured" if s.adverts is not None else "not available"),
            adverts_ratio=s.adverts_ratio, training_starts=sum(starts.get(t, 0) for t in ids),
            training=tuple(TrainingLink(t, str(titles.get(t, t)), None if std.level.get(t) is None else int(std.level.get(t)))
                           for t in ids[:3]),
        ))
    best: dict[str, DirectEntryJob] = {}
    for job in sorted(jobs, key=lambda j: (-j.training_starts, j.soc)):
        best.setdefault(job.group, job)
    return tuple(sorted(best.values(), key=lambda j: (-(j.adverts.value or 0), j.soc))[:limit])


# -- a job --------------------------------------------------------------------------------------
#: the UK pay percentiles shown on the Job page, with their labels on the chart
_PAY_PERCENTILES = (("annual_p10", "Lowest 10%"), ("annual_p25", "Lower quarter"), ("annual_median", "Middle"),
                   ("annual_p75", "Upper quarter"), ("annual_p90", "Top 10%"))


def _number(value: object) -> float | None:
    return None if str(value) in ("nan", "<NA>", "None") else float(value)  # type: ignore[arg-type]


def _months(value: object) -> int | None:
    return None if value is None or str(value) == "<NA>" else int(value)  # type: ignore[call-overload]


def job_titles(ctx: Context) -> list[tuple[str, str]]:
    """Every job in the bundle as (SOC code, title in plain words: "(other)", not "n.e.c.")."""
    from pathways.words import plain_title

    occ = ctx.bundle.occupations
    return [(str(s), plain_title(str(t))) for s, t in zip(occ.soc, occ.title)]


def _check_soc(ctx: Context, soc: str) -> str:
    soc = str(soc).strip()
    if soc not in set(ctx.bundle.occupations.soc):
        raise UnknownOccupation("We do not know that job.")
    return soc


def _ways_in(ctx: Context, soc: str) -> list[JobWay]:
    """Apprenticeships and courses linked to a job, by level, open ones first within a level."""
    b = ctx.bundle
    links = b.programme_occupations[b.programme_occupations.soc == soc]
    std = b.standards.set_index("programme_id")
    other = b.programmes.set_index("programme_id")
    ways = []
    for r in links.sort_values(["confidence", "programme_id"], ascending=[False, True]).itertuples(index=False):
        link = {"confidence": float(r.confidence), "method": r.method, "basis": LINK_BASIS.get(r.method, r.method)}
        if r.programme_id in std.index:
            s = std.loc[r.programme_id]
            kind = apprenticeship_kind(s.is_foundation)
            ways.append(JobWay(r.programme_id, str(s.title), int(s.level), kind, kind_label(kind), _months(s.duration_months),
                               str(s.status), status_words(s.status, successor_words(s.get("replaced_by"), std["title"])),
                               starts=_months(s.starts_latest), **link))
        elif r.programme_id in other.index:
            s = other.loc[r.programme_id]
            ways.append(JobWay(r.programme_id, str(s.title), int(s.level), str(s.kind), kind_label(str(s.kind)),
                               int(s.duration_months), "", "", starts=None, **link))
    # open ones first within a level: a paused standard is still listed, and says so
    ways.sort(key=lambda w: (w.level, bool(w.status_text), -w.confidence, w.title))
    return ways


#: "Where it can lead" names only the steps an adviser would: from a programme that mainly trains for the job (its
#: first or second job on the official map, at this confidence or more) ...
LEAD_FROM_CONFIDENCE = 0.9
LEAD_FROM_RANK = 2
#: ... one level up at most, and no higher than this (Level 6-7 are degree-level: not the next step from a job)
LEAD_MAX_LEVEL = 5
#: why a step is named, best first (the rule behind each, in words)
LEAD_WHY = {
    "same job": "the next level for the same job",
    "close job": "the next level, for a job close to this one",
    "progression map": "the next step on Skills England's map for this work",
}


def _lead_why(soc: str, dests: list[str], rule: str) -> str:
    """Which of :data:`LEAD_WHY` a step one level up is named for ("" when none: a step to other work, such as an HNC
    in quantity surveying from an electrician's T Level, is not named)."""
    if soc in dests[:2]:
        return "same job"
    if rule == "skills_england_progression_map":
        return "progression map"
    if any(d[:3] == soc[:3] for d in dests[:2]):  # the same SOC minor group: senior care workers from care workers
        return "close job"
    return ""


def _leads_to(ctx: Context, soc: str, ways: list[JobWay], limit: int = 6) -> list[JobLead]:
    """The steps an adviser would name after this job's main ways in: one level up (at most Level
    :data:`LEAD_MAX_LEVEL`), for the same job, on Skills England's progression map, or for a job in the same
    close family of jobs (SOC minor group); the same job first, then by level and strength."""
    from pathways.words import plain_title

    b = ctx.bundle
    std = b.standards.set_index("programme_id")
    other = b.programmes.set_index("programme_id")
    occ_titles = dict(zip(b.occupations.soc, b.occupations.title))
    links = b.programme_occupations
    main_ids = set(links[(links.soc == soc) & (links["rank"] <= LEAD_FROM_RANK)
                         & (links.confidence >= LEAD_FROM_CONFIDENCE)].programme_id)
    levels = {w.id: w.level for w in ways if w.id in main_ids}
    way_ids = {w.id for w in ways}
    prog = b.progressions
    nxt = prog[(prog.from_kind == "programme") & prog.from_id.isin(set(levels)) & (prog.to_kind == "programme")]
    found: dict[str, tuple[int, int, float, JobLead]] = {}
    order = list(LEAD_WHY)
    for r in nxt.itertuples(index=False):
        if r.to_id in way_ids:
            continue
        level = std.level.get(r.to_id) if r.to_id in std.index else other.level.get(r.to_id)
        if level is None or int(level) > min(levels[r.from_id] + 1, LEAD_MAX_LEVEL):
            continue
        dests = [str(d) for d in links[links.programme_id == r.to_id].sort_values("rank").soc]
        why = _lead_why(soc, dests, str(r.rule))
        if not why:
            continue
        key = (order.index(why), int(level), -float(r.strength))
        if r.to_id in found and found[r.to_id][:3] <= key:
            continue
        title = std.title.get(r.to_id) or other.title.get(r.to_id) or r.to_id
        status = std.status.get(r.to_id, "") if r.to_id in std.index else ""
        words = status_words(status, successor_words(std["replaced_by"].get(r.to_id), std["title"])
                             if "replaced_by" in std else "")
        dest = plain_title(str(occ_titles.get(dests[0], ""))) if dests else ""
        found[r.to_id] = (*key, JobLead(r.to_id, str(title), int(level), str(r.rule), words, dest, LEAD_WHY[why]))
    best = sorted(found.values(), key=lambda t: (t[0], t[1], t[2], t[3].title))
    return [t[3] for t in best[:limit]]


def job_answer(ctx: Context, soc: str) -> JobAnswer:
    """What a job is, its UK pay, its ways in by level, where it leads, and related jobs.

    Raises :class:`UnknownOccupation` for a code that is not a job in the bundle."""
    from pathways.words import plain_description, plain_title

    soc = _check_soc(ctx, soc)
    b = ctx.bundle
    occ = b.occupations.set_index("soc")
    o = occ.loc[soc]
    pay = {k: _number(o[k]) for k, _ in _PAY_PERCENTILES}
    uk = {k: Figure(label, pay[k], "£ a year", ctx.market.pay_period, UK.name, UK.level, ctx.market.cite.ashe,
                    "measured" if pay[k] is not None else "suppressed",
                    "" if pay[k] is not None else str(o.pay_note or "ONS did not publish pay for this job."))
          for k, label in _PAY_PERCENTILES}
    ways = _ways_in(ctx, soc)
    related = occ[(occ.minor_group == o.minor_group) & (occ.index != soc)]
    return JobAnswer(
        soc=soc, title=plain_title(str(o.title)), description=plain_description(str(o.description)),
        tasks=tuple(t for t in str(o.tasks).split("\n") if t.strip()), entry_routes=str(o.entry_routes),
        no_formal_requirements=bool(o.no_formal_requirements), related_job_titles=str(o.related_job_titles),
        pay_uk=tuple(f for f in uk.values() if f.value is not None), pay_median=uk["annual_median"],
        pay_note=str(o.pay_note or ""), ways_in=tuple(ways), starts_year=str(b.starts_years[0]),
        leads_to=tuple(_leads_to(ctx, soc, ways)),
        related=tuple(RelatedJob(str(s), plain_title(str(t))) for s, t in related.title.items()),
    )


def job_next_steps(job: JobAnswer, place: Place, profile: Profile, route: Route | None = None) -> tuple[NextStep, ...]:
    """What to do next about a job: the apprenticeship of the route it was opened from, else its first open
    apprenticeship (when it has one) or the job search near ``place``, then free advice for the learner."""
    from pathways import next_steps

    appr = next((s.title for s in route.steps if s.kind in APPRENTICESHIP_KINDS), "") if route is not None else ""
    first = job.first_open_apprenticeship
    return tuple(next_steps.for_job(job.title, place.name, profile, appr or (first.title if first is not None else "")))


def job_near(ctx: Context, soc: str, travel: TravelArea, age: int = 16, qualify_age: float | None = None) -> JobNearYou:
    """A job's figures near the learner: local pay and demand, pay when newly qualified (at ``qualify_age``, the age a
    route reaches the job, when the page was opened from one; else at their age, 18 at the youngest: few people
    qualify for a job before then), training outcomes, and who trains nearby for their age."""
    from pathways.labour_market import occupation_outcomes

    soc = _check_soc(ctx, soc)
    local = ctx.market.occupation_local(travel, soc)
    links = ctx.bundle.programme_occupations
    ids = set(links[links.soc == soc].programme_id)
    near = {k: v for k, v in ctx.delivery.summaries(travel.codes, age_group(max(age, FIRST_PROGRAMME_AGE))).items()
            if k in ids}
    at = qualify_age if qualify_age is not None else max(age, 18)
    levels = {w.level for w in _ways_in(ctx, soc)}
    figures, lines = _outcomes_for(occupation_outcomes(ctx.market, travel, soc), levels)
    return JobNearYou(local, ctx.pay.newly_qualified(soc, at, local.pay_experienced), figures, near,
                      ctx.delivery.years_words, lines)


#: the apprenticeship outcome levels (DfE FE outcomes) and the level each is
_FEO_LEVEL = {"intermediate apprenticeship": 2, "advanced apprenticeship": 3, "higher (level 4) apprenticeship": 4,
              "higher (level 5) apprenticeship": 5, "higher (level 6) apprenticeship": 6,
              "higher (level 7+) apprenticeship": 7}
_FEO_WORDS = {2: "an intermediate (Level 2) apprenticeship", 3: "an advanced (Level 3) apprenticeship"}
#: the highest-qualification levels of DfE Career pathways, and the levels of ways in each speaks for
_EARNINGS_LEVELS = {"Level 2": {0, 1, 2}, "Level 3": {3}, "Level 4/5": {4, 5}, "Level 6": {6}}


def _outcomes_for(figures: dict[str, Figure], levels: set[int]) -> tuple[tuple[Figure, ...], tuple[str, ...]]:
    """The outcome figures a job page shows, each as a plain sentence: college courses in the job's subject near the
    learner; then, for the levels of the job's own ways in only, people in work or learning the year after an
    apprenticeship and (old figures, said so with their year and what they count) pay at 25 to 30 in the region.

    Left out: where apprentices from the area train (not about this job), and earnings 10 years after GCSEs
    (everyone from the region who took GCSEs 15 to 20 years ago, not about this job)."""
    from pathways.words import region_words

    out: list[tuple[Figure, str]] = []
    fe = figures.get("fe_subject")
    if fe is not None and fe.value is not None:
        subject = fe.label.removeprefix("College and training courses in ")
        out.append((fe, f"In {fe.period}, people living in {fe.geography} took **{fe.display()}** college and training "
                        f"courses in {subject}."))
    feo = sorted(((_FEO_LEVEL.get(k.removeprefix("feo_").lower(), -1), f) for k, f in figures.items()
                  if k.startswith("feo_")), key=lambda t: t[0])
    for number, f in feo:
        if number in levels and f.value is not None:
            what = _FEO_WORDS.get(number, f"a Level {number} apprenticeship")
            out.append((f, f"**{f.display()}** of people in {f.geography} who finished {what} in {f.period} were in "
                            "work or learning the year after."))
    for name, ways in _EARNINGS_LEVELS.items():
        pay = figures.get(f"earnings_25_30_{name}")
        if pay is None or pay.value is None or not ways & levels:
            continue
        sector = pay.label.rsplit("(", 1)[-1].rstrip(")").replace(" & ", " and ")
        out.append((pay, f"Pay at 25 to 30 in the tax year {pay.period.removeprefix('tax year ')}, an old figure: people in "
                         f"{region_words(pay.geography)} working in {sector}, whose highest qualification was "
                         f"{name.replace('/', ' or ')}, earned **{pay.display()}** a year (the middle figure). It counts "
                         "part-time work too, so it is less than full-time pay."))
    return tuple(f for f, _ in out), tuple(line for _, line in out)


# -- employers that train their own apprentices ------------------------------------------------------
EMPLOYERS_BASIS = (
    "Employers that train their own staff, not training companies or colleges: NHS trusts, councils, police and "
    "fire services by DfE's provider type, and companies from a hand-checked list of the largest providers (see "
    "About the data). People a year are the apprentices from your area they took on (all apprenticeships, "
    "measured, average of two years); the apprenticeships are those they trained at least about one person from "
    "your area on in two years (an estimate: no file gives an employer's apprenticeships by place, so an employer "
    "that trains at several sites has its starts shared over all it trains for).")


def employers_near(ctx: Context, travel: TravelArea, limit: int = 12) -> EmployersNear:
    """Employers near the learner that train their own apprentices (:meth:`pathways.delivery.DeliveryIndex.employers_near`)."""
    rows = ctx.delivery.employers_near(travel.codes)[:limit]
    return EmployersNear(tuple(EmployerNear(n, p, w, a) for n, p, w, a in rows), ctx.delivery.years_words, EMPLOYERS_BASIS)


# -- an area ------------------------------------------------------------------------------------
def area_picture(ctx: Context, place: Place) -> AreaPicture:
    """The opportunity picture of a district against England (see :func:`pathways.labour_market.area_context`)."""
    import pandas as pd

    from pathways.labour_market import area_context
    from pathways.words import place_name

    c = area_context(ctx.market, place)
    f = c.figures

    def pair(key: str) -> FigurePair:
        return FigurePair(f[key], f.get(key + "_england"))

    smc = None
    if c.smc:
        rows = pd.DataFrame(c.smc)
        latest = rows.sort_values("period").groupby("index").tail(1)
        smc = SocialMobility(place_name(str(latest.area.iloc[0])),
                             latest[["index", "period", "value", "category"]].reset_index(drop=True), ctx.market.cite.smc)
    return AreaPicture(place, str(c.rural_urban), pair("neet_or_not_known_percent"), pair("participating_percent"),
                       pair("apprenticeship_percent"), pair("pay"),
                       pair("adverts_per_1000") if "adverts_per_1000" in f else None, pair("starts_per_1000"), smc)


def _top_groups(titles: dict[str, str], groups: Any, values: Any, column: str) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({"Kind of work": [titles.get(str(g), str(g)).capitalize() for g in groups], column: values})


def _starts_per_1000(ctx: Context, place: Place) -> pd.DataFrame:
    """Apprenticeship starts per 1,000 people by year: the district and England."""
    import pandas as pd

    b = ctx.bundle
    pop = b.population
    pop = pop[pop.period_end_year == pop.period_end_year.max()].set_index("area_code").value
    ap = b.apprenticeships_area
    ap = ap[(ap.basis == "home") & ~ap.partial_year]
    here = ap[ap.lad_code == place.lad_code].groupby("year").starts.sum()
    england = ap.groupby("year").starts.sum()
    return pd.DataFrame({
        "Year": list(here.index) * 2,
        "Area": [place.name] * len(here) + [ENGLAND.name] * len(here),
        "Starts per 1,000 people": [round(v / pop.get(place.lad_code, float("nan")) * 1000, 1) for v in here.values]
        + [round(england.get(y, 0) / pop.get(ENGLAND.code, float("nan")) * 1000, 1) for y in here.index],
    })


def area_tables(ctx: Context, place: Place) -> AreaTables:
    """Tables for the Area page: starts per 1,000 over time, top kinds of work by people and by adverts,
    and projected openings."""
    b = ctx.bundle
    titles = dict(zip(b.soc_groups.code, b.soc_groups.title))
    em = b.employment
    em = em[(em.area_code == place.lad_code) & (em.period_end_year == em.period_end_year.max()) & (em.sub_major_group != "total")]
    people = em.dropna(subset=["value"]).nlargest(8, "value")
    hidden = int(em.value.isna().sum())  # suppressed: not published, never 0
    people_note = (f"Leaves out {hidden} kind{'s' if hidden > 1 else ''} of work whose figure{'s are' if hidden > 1 else ' is'} "
                   "not published (too few people in the survey).") if hidden else ""
    ja = b.job_adverts
    ja = ja[(ja.area_code == place.lad_code) & (ja.soc_group.str.len() == 2)]
    wider = bool(ja.value.notna().sum() == 0)
    if wider:
        ja = b.job_adverts[(b.job_adverts.area_code == place.lsip_code) & (b.job_adverts.soc_group.str.len() == 2)]
    ads = ja.dropna(subset=["value"]).nlargest(8, "value")
    pj = b.projections
    pj = pj[(pj.area_code == place.lsip_code)].dropna(subset=[PROJECTION_TOTAL])
    # the all-jobs total is said in words, not drawn as if it were a kind of work beside the others
    total = pj[pj.sub_major_group == "total"][PROJECTION_TOTAL]
    pj = pj[pj.sub_major_group != "total"].nlargest(8, PROJECTION_TOTAL)
    cite = ctx.market.cite
    return AreaTables(
        starts=_starts_per_1000(ctx, place),
        people=_top_groups(titles, people.sub_major_group, people.value.round(-2).astype(int), "People"),
        adverts=_top_groups(titles, ads.soc_group, ads.value.astype(int), "Adverts"), adverts_wider=wider,
        openings=_top_groups(titles, pj.sub_major_group, pj[PROJECTION_TOTAL].astype(int),
                             f"Jobs to fill, {cite.projections_period}" if cite.projections_period else "Jobs to fill"),
        people_period=str(em.period.iloc[0]) if len(em) else "", adverts_period=ctx.market.adverts_period,
        openings_period=cite.projections_period, openings_source=cite.projections, openings_note=cite.projections_note,
        people_note=people_note, openings_total=int(total.iloc[0]) if len(total) else None,
    )


def _map_box(mine: pd.DataFrame, margin: float, min_span: float) -> tuple[float, float, float, float]:
    """West, south, east, north: the outlines ``mine`` plus ``margin`` of their size on each side, at least
    ``min_span`` degrees of latitude high (and as wide, on the ground)."""
    import math

    west, east = float(mine.min_lon.min()), float(mine.max_lon.max())
    south, north = float(mine.min_lat.min()), float(mine.max_lat.max())
    k = math.cos(math.radians((south + north) / 2))  # a degree of longitude is shorter than one of latitude
    pad = max(north - south, (east - west) * k, min_span) * margin
    mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
    half_h = max(north - south, min_span) / 2 + pad
    half_w = max((east - west) * k, min_span) / 2 / k + pad / k
    return (round(mid_lon - half_w, 4), round(mid_lat - half_h, 4), round(mid_lon + half_w, 4), round(mid_lat + half_h, 4))


def area_map(ctx: Context, home: str, codes: Any, margin: float = 0.12, min_span: float = 0.25) -> AreaMap:
    """The Area page's map: the ``home`` district, the travel area (``codes``, district codes as in
    :attr:`pathways.areas.TravelArea.codes`) and the districts around them.

    ``shapes`` has one row per district in view: ``lad_code``, ``Area``, ``Shown as`` (one of
    :data:`MAP_GROUPS`), GeoJSON ``geometry`` text, ``label_lon``/``label_lat``; ``box`` is the travel
    area plus ``margin`` of its size on each side, at least ``min_span`` degrees of latitude high;
    ``table`` is the home district and the travel area, for the table beside the map. Only districts
    whose bounding box meets the box are included, so the page sends a few dozen outlines, not all of
    England. England only: the bundle has no outlines for Wales or Scotland.
    """
    import pandas as pd

    b = ctx.bundle.boundaries
    names = dict(zip(ctx.bundle.lads.lad_code, ctx.bundle.lads.name))
    inside = [c for c in dict.fromkeys((home, *codes)) if c in names]
    box = _map_box(b[b.lad_code.isin(inside)], margin, min_span)
    near = b[(b.max_lon >= box[0]) & (b.min_lon <= box[2]) & (b.max_lat >= box[1]) & (b.min_lat <= box[3])]
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
    table = pd.DataFrame({"Area": [names[c] for c in inside], "On the map": [group[c] for c in inside]})
    return AreaMap(shapes, box, table)


# -- compare and plan ---------------------------------------------------------------------------
def _running(years: Any, name: str) -> list[dict[str, Any]]:
    """Money earned so far (less loan repayments) at the end of each year, for the chart."""
    out, running = [], 0.0
    for y in years:
        running += (y.earnings_gbp or 0.0) - y.loan_repayment_gbp
        out.append({"Age": y.age + 1, "Route": name, "Earnings so far (£)": round(running, -2)})
    return out


def compare_answer(ctx: Context, profile: Profile, routes: list[Route] | tuple[Route, ...],
                   travel: TravelArea) -> CompareAnswer:
    """Side-by-side facts, cumulative earnings to 30 (with a degree line) and the notes behind them.

    A route with a year of work whose pay ONS did not publish has no total (``total`` is None) and is
    left out of the chart, with a note: no amount is made up for it."""
    import pandas as pd

    from pathways.money import earnings_by_year, total_to_30

    columns, series, notes = [], [], []
    for i, r in enumerate(routes, 1):
        years = tuple(earnings_by_year(r, profile, ctx.market.signals(travel, r.destination.soc), ctx.pay))
        total = total_to_30(years)
        pay = route_pay(ctx, travel, r)
        columns.append(CompareColumn(f"Route {i}: {r.destination.title}", r, years, total, pay, _headline_pay(pay),
                                     ctx.market.occupation_local(travel, r.destination.soc).adverts,
                                     r.total_months, r.months_to_paid))
        if total is None:
            notes.append(f"Route {i}: ONS did not publish pay for {r.destination.title.lower()}, so we cannot add up "
                         "its earnings and it is not in the chart.")
            continue
        series += _running(years, f"Route {i}")
        notes.extend(sorted({y.basis for y in years}))
    if routes:
        deg = degree_for(ctx, profile, routes[0], travel)
        if deg.total_to_30_gbp is not None:
            series += _running(deg.years, "University degree")
        notes.append(f"Degree: {deg.pay_basis}. Loan about £{(deg.tuition_loan_gbp or 0):,.0f}; repaid by 30 about "
                     f"£{deg.repaid_by_30_gbp:,.0f}; still owed at 30 about £{(deg.owed_at_30_gbp or 0):,.0f}.")
        notes.extend(deg.notes)
    return CompareAnswer(tuple(columns), pd.DataFrame(series, columns=["Age", "Route", "Earnings so far (£)"]),
                         tuple(dict.fromkeys(notes)))


#: providers named per route on the plan
PLAN_PROVIDERS = 5


def _plain(step: Any) -> str:
    """A next step as plain text with its address (the plan's PDF cannot hold links)."""
    return f"{step.text} {step.url}".strip()


def _job_item(ctx: Context, soc: str, travel: TravelArea, age: int) -> tuple[PlanItem, list[str]]:
    from pathways import next_steps
    from pathways.plan import PlanItem
    from pathways.words import after_title, plain_description, plain_title

    occ = ctx.bundle.occupations.set_index("soc")
    local = ctx.market.occupation_local(travel, soc)
    title = str(occ.loc[soc, "title"])
    first = after_title(plain_description(str(occ.loc[soc, "description"])), title).split(". ")[0]
    start = ctx.pay.newly_qualified(soc, max(age, 18), local.pay_experienced)  # as on the job page
    item = PlanItem("job", f"job:{soc}", plain_title(str(occ.loc[soc, "title"])), first,
                    (start, local.pay_experienced, local.pay_experienced_national, local.adverts, local.openings))
    return item, [_plain(st) for st in next_steps.job_search(plain_title(str(occ.loc[soc, "title"])), travel.home.name)]


def _route_item(ctx: Context, r: Route, travel: TravelArea) -> tuple[PlanItem, list[str]]:
    from pathways import next_steps
    from pathways.plan import PlanItem

    local = ctx.market.occupation_local(travel, r.destination.soc)
    summary = " then ".join(f"{s.title} ({kind_label(s.kind).lower()})" for s in r.steps)
    figures: tuple[Figure, ...] = (*route_pay(ctx, travel, r).figures(), local.pay_experienced_national, local.adverts,
                                   local.openings)
    providers: tuple[str, ...] = ()
    link = ""
    appr = next((s for s in r.steps if s.kind in APPRENTICESHIP_KINDS), None)
    if appr is not None:
        d = delivery_for(ctx, travel, appr.id, int(appr.age_at_start))
        if d.local_starts_estimate is not None:
            figures += (replace(d.local_starts_estimate, label=f"{d.local_starts_estimate.label.removesuffix(' (estimate)')}: "
                                f"{appr.title} (estimate)"),)
        providers = (f"Who trains for {appr.title} near you: {d.headline()}",
                     *(p.describe() for p in d.providers[:PLAN_PROVIDERS]))
        link = d.search_url if r.steps and appr is r.steps[0] else ""
    item = PlanItem("route", r.route_id, f"Route to {r.destination.title}", summary, figures, providers)
    steps = [_plain(st) for st in next_steps.apply_step(r.steps[0], travel.home.name, link)] if r.steps else []
    return item, steps


def plan_answer(ctx: Context, keys: list[str], routes: list[Route] | tuple[Route, ...], travel: TravelArea,
                age: int = 16) -> PlanAnswer:
    """Plan items for the shortlist keys (route ids and ``job:SOC``), next steps written for the person,
    and the keys not found among the learner's routes and jobs."""
    from pathways import next_steps

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


def plan_items(ctx: Context, keys: list[str], routes: list[Route] | tuple[Route, ...], travel: TravelArea,
               age: int = 16) -> tuple[list[PlanItem], list[str], list[str]]:
    """:func:`plan_answer` as (items, next steps, keys not found) lists."""
    a = plan_answer(ctx, keys, routes, travel, age)
    return list(a.items), list(a.next_steps), list(a.missing)


# -- about, words and a college's courses -------------------------------------------------------
def about_answer(ctx: Context) -> AboutAnswer:
    """The bundle's sources (one row per table and source, duplicates once) and the figures the About
    page's method text quotes."""
    manifest = ctx.bundle.manifest
    rows: dict[SourceRow, None] = {}
    caveats = []
    for t in manifest["tables"].values():
        what = t["description"].split(".")[0]
        for s in t["sources"]:
            rows[SourceRow(what, s["publisher"], s["title"], s["period"], s["licence"], int(t["rows"]))] = None
        if t.get("caveats"):
            caveats.append((what, str(t["caveats"])))
    reliability = ctx.bundle.occupations["pay_reliability"]
    return AboutAnswer(str(manifest.get("built", "an unknown date")), tuple(rows), tuple(caveats),
                       int((reliability == "less reliable").sum()), int((reliability != "not published").sum()),
                       float(ctx.pay.apprentice_hours), tuple(ctx.delivery.window), _method(tuple(ctx.delivery.window)))


def _method(window: tuple[str, ...] = ()) -> Method:
    """What the About page says about how figures are worked out and routes ranked, from the code that does it."""
    from pathways.delivery import ESTIMATE_METHOD, FEW_PART_YEAR_STARTS
    from pathways.labour_market import PAY_METHOD
    from pathways.pay import PAY_EXPERIENCED, PAY_NEWLY_QUALIFIED, PAY_WHILE_TRAINING, RELIABLE_CHANGE
    from pathways.routes import COMPONENT_LABELS, MIN_LOCAL_STARTS, STAGE_FIT, WEIGHTS
    from pathways.routes.explain import delivery_sentences, ranking_sentences
    from pathways.routes.settings import UNASKED_NEED_FIT

    total = sum(WEIGHTS.values())
    kinds = sorted({k for row in STAGE_FIT.values() for k in row})
    return Method(
        PAY_METHOD, ESTIMATE_METHOD, (PAY_WHILE_TRAINING, PAY_NEWLY_QUALIFIED, PAY_EXPERIENCED), float(RELIABLE_CHANGE),
        float(MIN_LOCAL_STARTS), tuple((COMPONENT_LABELS[k], w / total) for k, w in WEIGHTS.items()),
        tuple(STAGE_FIT), tuple((kind_label(k), tuple(float(row.get(k, 0.5)) for row in STAGE_FIT.values())) for k in kinds),
        float(UNASKED_NEED_FIT), int(FEW_PART_YEAR_STARTS), ranking_sentences(),
        delivery_sentences(tuple(window), int(FEW_PART_YEAR_STARTS)),
    )


def glossary(ctx: Context) -> list[tuple[str, str]]:
    """Every term the explorer uses, with its meaning (the numbers from the bundle's facts)."""
    from pathways.words import glossary as terms

    return terms(ctx.bundle.facts)


def adverts_period(ctx: Context) -> str:
    """The month the job advert counts are for, from the bundle's manifest (its source's period)."""
    sources = ctx.bundle.source_of("job_adverts")
    return str(sources[0].get("period", "")) if sources else ""


def course_lookups(ctx: Context) -> CourseLookups:
    """What a college's course list is checked against (:class:`pathways.courses.CourseLookups`)."""
    from pathways.courses import CourseLookups

    return CourseLookups.from_bundle(ctx.bundle)
