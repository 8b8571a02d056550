"""Automatic adviser checks: would an adviser say these routes to this learner, here?

Each check is a plain function ``check(routes, learner, facts) -> list[Failure]`` over a **list of routes**
(the top five today; one group of routes, such as "Earn while you learn", once the route finder returns
groups: see :func:`run_checks`). Each computes its evidence from the bundle's own tables
(:class:`~pathways.realism_facts.BundleFacts`: provider_home, provider_standards, provider_years, provider_ages,
progressions, occupations, wage_rates), not from the route finder's estimates, summaries or rules, so that the route
finder cannot pass them by agreeing with itself. What a check reads from a route is only what the learner
is shown: the steps (kind, id, level, age at start, evidence label and source), the destination and its
pay, the score and the order.

The rules come from the advisers' review of fresh learners (``DESIGN.md``, "What advisers caught that
the project's own checks missed") and from the eligibility facts listed there. A check that cannot judge a
route (no figures at all) passes it: the other checks say when there are no figures.

>>> f = Failure("level_timing", 1, "r1", "Data technician -> Business analyst", "Level 7 started at 20.5")
>>> f.check, f.rank
('level_timing', 1)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from pathways.profile import Profile
from pathways.realism_facts import BundleFacts
from pathways.routes.model import Route, Step
from pathways.vocab import (
    APPRENTICESHIP,
    BOOTCAMP,
    FE_COURSE,
    FOUNDATION_APPRENTICESHIP,
    JOB,
    KINDS,
    SUPPORTED_INTERNSHIP,
    T_LEVEL,
)

__all__ = [
    "FORCES_UKPRNS",
    "FORCES_SHARE",
    "UNDER_19_MIN_SHARE",
    "RARE_PART_YEAR_STARTS",
    "QUOTA_GAP",
    "LEVEL_MIN_AGE",
    "BOOTCAMP_PAY_MARGIN",
    "Learner",
    "Failure",
    "route_group",
    "route_text",
    "forces",
    "older_learners",
    "rare_new",
    "quota_fill",
    "level_timing",
    "bootcamp_pay",
    "evidence_labels",
    "supported_route",
    "study_programme",
    "job_without_training",
    "course_below_level",
    "CHECKS",
    "LEARNER_CHECKS",
    "run_checks",
]

#: the armed forces as DfE apprenticeship providers (UKPRN: name); their apprentices' home district is the base
FORCES_UKPRNS: dict[str, str] = {"10033440": "British Army", "10033438": "Royal Navy", "10033441": "Royal Air Force"}
#: a first apprenticeship with at least this share of the area's estimated starts from the forces is a forces route
FORCES_SHARE = 0.5
#: for a learner under 19, the local providers' share of under-19 starts below which a first apprenticeship is
#: one for adults already in work
UNDER_19_MIN_SHARE = 0.10
#: a first apprenticeship with no full-year starts and fewer than this in England in the part year is not available
RARE_PART_YEAR_STARTS = 100
#: a route placed above one of its group with a score higher by more than this (points of 100) was placed by a quota
QUOTA_GAP = 10.0
#: the youngest age at which a step of this level is realistic to start: master's level at about 21 (DESIGN.md,
#: "Timing"); bachelor's level at 18, the official entry of degree apprenticeships after Level 3 (GOV.UK: Degree apprenticeships)
LEVEL_MIN_AGE: dict[int, float] = {7: 21.0, 6: 18.0}
#: a job reached straight after a Skills Bootcamp paid more than the adult legal minimum by this share is paid as
#: a qualified job
BOOTCAMP_PAY_MARGIN = 0.10
#: SOC 2020 major groups of qualified jobs (ONS skill levels 3 and 4: managers, professionals, associate
#: professionals, skilled trades); the others (caring, sales, operatives such as lorry drivers, elementary) are jobs a
#: bootcamp can lead to straight away, at their usual pay (a bootcamp can give the licence such a job needs)
QUALIFIED_MAJOR_GROUPS = ("1", "2", "3", "5")

_APPRENTICESHIPS = (APPRENTICESHIP, FOUNDATION_APPRENTICESHIP)
_STUDY_PROGRAMMES = (FE_COURSE, T_LEVEL)
_FORCES_WORDS = re.compile(r"\b(armed forces|british army|the army|royal navy|royal air force|raf|forces route)\b", re.I)
_CLAIMS_OFFICIAL = re.compile(r"\bofficial\b|\bmaps?\b", re.I)
_SAYS_DERIVED = re.compile(r"\bderived\b|\binferred\b|\bour own\b|\bguess", re.I)


# ============================================================================ what the checks read
@dataclass(frozen=True)
class Learner:
    """A learner as the checks see them: who (the profile) and where (the travel area's districts)."""

    id: str
    code: str
    name: str
    profile: Profile
    travel_codes: tuple[str, ...]

    def describe(self) -> str:
        p = self.profile
        bits = [f"{p.age}", p.qualification + ("+EM" if p.english_maths and p.level >= 2 else "")]
        bits += ["EHC plan"] * p.ehcp + ["care leaver"] * p.care_leaver
        bits.append("interests: " + (", ".join(p.interests) if p.interests else "none"))
        return f"{self.id} {self.name} ({self.code}, travel {p.travel}): " + "; ".join(bits)


@dataclass(frozen=True)
class Failure:
    """One check failed: for a route (``rank``, ``route_id``, its ``group``), or for the learner's list (``rank``
    None)."""

    check: str
    rank: int | None
    route_id: str
    route: str
    evidence: str
    group: str = ""
    #: what fails, to count alike failures by (a programme, a kind of evidence, a bootcamp and its job)
    subject: str = ""


def route_text(route: Route) -> str:
    """A route in one line: each step's title, kind and level, then the job."""
    steps = [f"{s.title} ({s.kind.replace('_', ' ')}{'' if s.level is None else f' L{s.level}'})" for s in route.steps]
    return " -> ".join(steps + [f"{route.destination.title} ({route.destination.soc})"])


def route_group(route: Route) -> str:
    """The group an adviser would put a route in: the route's own ``group`` when it has one, else its first step's
    kind's group in the vocabulary (:data:`pathways.vocab.KINDS`)."""
    own = getattr(route, "group", None)
    if own:
        return str(own)
    return KINDS[route.steps[0].kind].group if route.steps and route.steps[0].kind in KINDS else "other"


def _fail(check: str, route: Route | None, evidence: str, subject: str = "") -> Failure:
    if route is None:
        return Failure(check, None, "", "(the routes shown)", evidence, "", subject)
    return Failure(check, route.rank, route.route_id, route_text(route), evidence, route_group(route), subject)


# ============================================================================ the checks, route by route
def _first(route: Route) -> Step | None:
    return route.steps[0] if route.steps else None


def _labelled_forces(route: Route) -> bool:
    """True when the route says plainly that it is a forces route: a ``forces`` field on the route, on its first
    step or on that step's delivery summary, or its titles, notices or reasons name the forces."""
    st = route.steps[0]
    if any(getattr(x, "forces", None) for x in (route, st, st.delivery)):
        return True
    texts = [s.title for s in route.steps] + list(route.notices) + list(route.reasons)
    return any(_FORCES_WORDS.search(t) for t in texts)


def forces(routes: Sequence[Route], learner: Learner, facts: BundleFacts) -> list[Failure]:
    """A first-step apprenticeship of which at least half the area's estimated starts come from the armed forces
    (the British Army, Royal Navy and RAF are DfE providers whose apprentices' home district is the base), unless
    the route plainly says it is a forces route. Source: DESIGN.md "Forces are not local civilian training";
    evidence: provider_home x each provider's share of starts on the standard (provider_standards, provider_years),
    the last two full years, for the learner's travel area."""
    out = []
    for r in routes:
        st = _first(r)
        if st is None or st.kind not in _APPRENTICESHIPS:
            continue
        est = facts.provider_estimates(learner.travel_codes, st.id)
        total = float(est.sum())
        mil = {FORCES_UKPRNS[u]: float(v) for u, v in est.items() if u in FORCES_UKPRNS}
        if total > 0 and sum(mil.values()) / total >= FORCES_SHARE and not _labelled_forces(r):
            who = ", ".join(f"{k} ~{v:.0f}" for k, v in sorted(mil.items(), key=lambda kv: -kv[1]))
            out.append(
                _fail(
                    "forces",
                    r,
                    f"{st.id} {st.title}: {sum(mil.values()) / total:.0%} of ~{total:.0f} estimated "
                    f"starts from the area ({'+'.join(facts.window)}) are with the forces ({who}); "
                    "the route does not say it is a forces route",
                    f"{st.id} {st.title}",
                )
            )
    return out


def _young_share(facts: BundleFacts, learner: Learner, pid: str) -> tuple[float | None, str]:
    """The under-19 share of starts of the providers of ``pid``, weighted by their estimated starts from the area
    (by their starts in England when none is estimated from the area)."""
    weights, basis = facts.provider_estimates(learner.travel_codes, pid), "estimated starts from the area"
    if float(weights.sum()) <= 0:
        weights, basis = facts.national_weights(pid)
    known = {u: w for u, w in weights.items() if u in facts.under_19_share}
    total = sum(known.values())
    if total <= 0:
        return None, basis
    return sum(w * facts.under_19_share[u] for u, w in known.items()) / total, f"{len(known)} providers weighted by {basis}"


def older_learners(routes: Sequence[Route], learner: Learner, facts: BundleFacts) -> list[Failure]:
    """For a learner under 19, a first-step apprenticeship whose providers near them (weighted by their
    estimated starts from the area on it) took on under 10% of their apprentices aged under 19 (provider_ages,
    latest full year): a programme for adults already in work. Source: DESIGN.md "Age matters to who trains you"."""
    if learner.profile.age >= 19:
        return []
    out = []
    for r in routes:
        st = _first(r)
        if st is None or st.kind not in _APPRENTICESHIPS:
            continue
        share, basis = _young_share(facts, learner, st.id)
        if share is not None and share < UNDER_19_MIN_SHARE:
            out.append(
                _fail(
                    "older_learners",
                    r,
                    f"{st.id} {st.title}: {share:.1%} of its providers' starts in {facts.ages_year} were under 19 ({basis})",
                    f"{st.id} {st.title}",
                )
            )
    return out


def rare_new(routes: Sequence[Route], learner: Learner, facts: BundleFacts) -> list[Failure]:
    """A first step whose apprenticeship had no starts in any full year of the DfE figures and fewer than 100 in
    all England in the part year (2025/26, August to April): new is not the same as available. Source: DESIGN.md
    "New is not the same as available"; evidence: provider_standards summed over England."""
    out = []
    for r in routes:
        st = _first(r)
        if st is None or st.kind not in _APPRENTICESHIPS:
            continue
        full, part = facts.full_year_starts.get(st.id, 0), facts.part_year_starts.get(st.id, 0)
        if full == 0 and part < RARE_PART_YEAR_STARTS:
            out.append(
                _fail(
                    "rare_new",
                    r,
                    f"{st.id} {st.title}: no starts in {', '.join(facts.full_years)}; {part} in "
                    f"all England in {facts.part_year} (part year)",
                    f"{st.id} {st.title}",
                )
            )
    return out


def quota_fill(routes: Sequence[Route], learner: Learner, facts: BundleFacts) -> list[Failure]:
    """A route placed above a route of the same group whose score is higher by more than 10 points: a slot filled
    to make the list varied, not a route on its own merit. Source: DESIGN.md "each group on its own merit, never a
    slot filled to make the list varied"; evidence: the order shown and the scores shown."""
    out = []
    for i, r in enumerate(routes):
        better = [b for b in routes[i + 1 :] if route_group(b) == route_group(r) and b.score - r.score > QUOTA_GAP]
        if better:
            b = max(better, key=lambda x: x.score)
            out.append(
                _fail(
                    "quota_fill",
                    r,
                    f"#{r.rank} scores {r.score:.1f} but is above #{b.rank} ({route_text(b)}), "
                    f"which scores {b.score:.1f}, in the same group ({route_group(r)})",
                    r.steps[0].kind if r.steps else "",
                )
            )
    return out


def level_timing(routes: Sequence[Route], learner: Learner, facts: BundleFacts) -> list[Failure]:
    """A Level 7 (master's-level) step started before age 21, or a Level 6 (bachelor's-level) step before 18.
    Source: DESIGN.md "Timing: a master's-level standard at 19-21"; evidence: each step's level and age at start."""
    out = []
    for r in routes:
        for st in r.steps:
            floor = LEVEL_MIN_AGE.get(st.level or 0)
            if floor is not None and st.age_at_start < floor:
                out.append(
                    _fail(
                        "level_timing",
                        r,
                        f"{st.id} {st.title} (Level {st.level}) started at {st.age_at_start:.1f}, under {floor:.0f}",
                        f"{st.id} {st.title}",
                    )
                )
                break
    return out


def bootcamp_pay(routes: Sequence[Route], learner: Learner, facts: BundleFacts) -> list[Failure]:
    """A route whose step right after a Skills Bootcamp is the destination job, a qualified job (SOC major groups 1, 2, 3 and 5)
    paid as such (pay when newly qualified more than 10% above the adult legal minimum for the job's full-time hours): a
    bootcamp leads to an interview or a trainee job. Source: DESIGN.md "a bootcamp straight to a qualified job's pay" and
    GOV.UK Skills Bootcamps (up to 16 weeks, a guaranteed interview); evidence: wage_rates and ONS full-time hours."""
    out = []
    for r in routes:
        if not r.steps or r.steps[-1].kind != BOOTCAMP:
            continue
        pay, floor = r.destination.pay_newly_qualified, facts.adult_minimum_year(r.destination.soc)
        qualified = str(r.destination.soc)[:1] in QUALIFIED_MAJOR_GROUPS
        if qualified and pay is not None and pay > floor * (1 + BOOTCAMP_PAY_MARGIN):
            out.append(
                _fail(
                    "bootcamp_pay",
                    r,
                    f"{r.steps[-1].title} ({r.steps[-1].months} months) then "
                    f"{r.destination.title} at £{pay:,.0f} newly qualified, {pay / floor - 1:.0%} "
                    f"above the adult legal minimum for its hours (£{floor:,.0f})",
                    f"{r.steps[-1].id} -> {r.destination.soc} {r.destination.title}",
                )
            )
    return out


def _link_source(facts: BundleFacts, prev: Step, st: Step) -> str:
    """Where the link into ``st`` comes from: the progressions table's sources for it, else the step's own."""
    rows = facts.progressions.get((prev.id, st.id), [])
    official = [src for _, src in rows if not _SAYS_DERIVED.search(src)]
    if rows:
        return official[0] if official else rows[0][1]
    return st.evidence.source


def evidence_labels(routes: Sequence[Route], learner: Learner, facts: BundleFacts) -> list[Failure]:
    """A step labelled as an official or map link (evidence not marked derived, its words say "official" or
    "map") whose source, in the progressions table (or on the step when the table has no row), says the link is
    derived or inferred: an inferred step labelled as official is a false claim. Source: DESIGN.md "Say how a link
    was made"; evidence: progressions.source for the step's link."""
    out = []
    for r in routes:
        for prev, st in zip(r.steps, r.steps[1:]):
            if st.evidence.derived or not _CLAIMS_OFFICIAL.search(st.evidence.label):
                continue
            src = _link_source(facts, prev, st)
            if _SAYS_DERIVED.search(src):
                out.append(
                    _fail(
                        "evidence_labels",
                        r,
                        f"{prev.id} -> {st.id} is labelled '{st.evidence.label}' "
                        f"({st.evidence.kind}) but its source says '{src}'",
                        st.evidence.kind,
                    )
                )
                break
    return out


def job_without_training(routes: Sequence[Route], learner: Learner, facts: BundleFacts) -> list[Failure]:
    """A route whose first step is a job with no training starting with it, at an age under 18: from 16 to 18 a
    young person in full-time work must also be in part-time education or training. Source: DESIGN.md "a
    full-time job at 16 without training" and GOV.UK "Know when you can leave school"."""
    out = []
    for r in routes:
        st = _first(r)
        if st is None or st.kind != JOB or st.age_at_start >= 18:
            continue
        nxt = r.steps[1] if len(r.steps) > 1 else None
        if nxt is None or nxt.kind == JOB or nxt.age_at_start - st.age_at_start > 0.1:
            out.append(
                _fail(
                    "job_without_training",
                    r,
                    f"{st.title} at {st.age_at_start:.1f} with "
                    f"{'no training' if nxt is None else 'training only from ' + str(nxt.age_at_start)}",
                    f"{st.id} {st.title}",
                )
            )
    return out


def course_below_level(routes: Sequence[Route], learner: Learner, facts: BundleFacts) -> list[Failure]:
    """A route whose first step is a college course at or below the level the learner already has, or an English
    and maths top-up below it (Level 2 at most): an adviser names a study programme at their next level (an
    18-year-old with GCSEs was offered a Level 1 engineering course; a 17-year-old with GCSEs at grade 3 in English
    and maths, Entry level Functional Skills). Source: the advisers' review of fresh learners ("a full-time study
    programme at the learner's next level") and GOV.UK "What qualification levels mean"."""
    out = []
    for r in routes:
        st = _first(r)
        if st is None or st.kind != FE_COURSE or st.level is None:
            continue
        top_up = "functional skills" in st.title.lower()  # starts at the learner's own level, Level 2 at most
        if (st.level < min(learner.profile.level, 2)) if top_up else (st.level <= learner.profile.level):
            out.append(
                _fail(
                    "course_below_level",
                    r,
                    f"{st.title} (Level {st.level}) for someone with {learner.profile.qualification}",
                    f"{st.id} {st.title}",
                )
            )
    return out


# ============================================================================ the checks on the list shown
def supported_route(routes: Sequence[Route], learner: Learner, facts: BundleFacts) -> list[Failure]:
    """A learner aged 16-24 with an EHC plan, and no supported internship (or other supported route) among the
    routes shown. Source: DESIGN.md "with an EHC plan, with support (supported internships)" and GOV.UK
    Supported internships (ages 16-24 with an EHC plan)."""
    p = learner.profile
    if not p.ehcp or not 16 <= p.age <= 24:
        return []
    if any(s.kind == SUPPORTED_INTERNSHIP or "supported" in s.title.lower() for r in routes for s in r.steps):
        return []
    return [
        _fail(
            "supported_route",
            None,
            f"EHC plan at {p.age}: no supported internship in the {len(routes)} routes "
            f"shown (first steps: {', '.join(sorted({r.steps[0].kind for r in routes if r.steps})) or 'none'})",
        )
    ]


def study_programme(routes: Sequence[Route], learner: Learner, facts: BundleFacts) -> list[Failure]:
    """A learner aged 15 or 16 without Level 2 (GCSEs at grade 4), and no college study programme (a college
    course or T Level as the first step) among the routes shown: most such learners stay in full-time education.
    Source: DESIGN.md ("study first: study programmes") and GOV.UK "Know when you can leave school" (education or
    training until 18)."""
    p = learner.profile
    if p.age > 16 or p.level >= 2:
        return []
    if any(r.steps and r.steps[0].kind in _STUDY_PROGRAMMES for r in routes):
        return []
    return [
        _fail(
            "study_programme",
            None,
            f"{p.age}, {p.qualification}: no college course or T Level as a first step "
            f"in the {len(routes)} routes shown (first steps: "
            f"{', '.join(sorted({r.steps[0].kind for r in routes if r.steps})) or 'none'})",
        )
    ]


Check = Callable[[Sequence[Route], Learner, BundleFacts], list[Failure]]
#: every check, by name, in the order they are reported
CHECKS: dict[str, Check] = {
    "forces": forces,
    "older_learners": older_learners,
    "rare_new": rare_new,
    "quota_fill": quota_fill,
    "level_timing": level_timing,
    "bootcamp_pay": bootcamp_pay,
    "evidence_labels": evidence_labels,
    "supported_route": supported_route,
    "study_programme": study_programme,
    "job_without_training": job_without_training,
    "course_below_level": course_below_level,
}
#: the checks on everything the learner is shown (all groups together); the others judge a list route by route
LEARNER_CHECKS: frozenset[str] = frozenset({"supported_route", "study_programme"})


def run_checks(
    shown: Sequence[Route] | Mapping[str, Sequence[Route]],
    learner: Learner,
    facts: BundleFacts,
    names: Sequence[str] | None = None,
) -> list[Failure]:
    """Every check (or ``names``) on what a learner is shown: a list of routes, or groups of routes (group name ->
    routes). With groups, the route checks run on each group and the learner checks on all groups together."""
    groups = dict(shown) if isinstance(shown, Mapping) else {"": list(shown)}
    everything = [r for rs in groups.values() for r in rs]
    out: list[Failure] = []
    for name in names or CHECKS:
        check = CHECKS[name]
        if name in LEARNER_CHECKS:
            out += check(everything, learner, facts)
        else:
            for rs in groups.values():
                out += check(list(rs), learner, facts)
    return out
