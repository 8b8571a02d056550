"""Every route a learner could take from where they are now: the graph read into adjacency tables once
per bundle (:class:`RouteContext`), entry rules checked at each step's age (:class:`_Search`), and candidate paths
built once per (start, age, flags) key and kept as parallel arrays (:mod:`pathways.routes.candidate_arrays`)."""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any

import networkx as nx
import numpy as np

from pathways.figures import as_number
from pathways.graph import (
    AFTER_BOOTCAMP_MAJOR_GROUPS,
    CLOSED_NEEDS,
    FOR_WITHOUT_ENGLISH_MATHS,
    PLACEHOLDER_LINK_METHODS,
    build_graph,
    gained_qualification,
    job_min_age,
)
from pathways.graph_progressions import EVIDENCE
from pathways.pay import PayScale
from pathways.profile import QUALIFICATIONS, Profile, start_node
from pathways.routes.candidate_arrays import Candidates, build_candidates
from pathways.routes.settings import (
    AFTER_SUPPORTED_INTERNSHIP_LEVEL,
    APPRENTICESHIP_ENGLISH_MATHS_LEVEL,
    CANDIDATE_CACHE_KEYS,
    DEGREE_LEVEL,
    ENGLISH_MATHS_FUNDED_UNTIL,
    ENGLISH_MATHS_LEVEL,
    FIRST_PROGRAMME_AGE,
    FOUNDATION_ENDS_BELOW,
    HOME_GROUP_DIGITS,
    HOME_GROUP_MIN,
    JOB_LEVEL,
    KIND_OF_WORK_DIGITS,
    LICENCES,
    MAX_DERIVED,
    MAX_STEPS,
    PAY_PERCENTILES,
    PAY_RANGE_WITHOUT_DATA,
    START_LEVEL,
    TOP_UP_KINDS,
    TOP_UP_LEVELS,
    WORK_EXPERIENCE_MONTHS,
)
from pathways.vocab import (
    APPRENTICESHIP_KINDS,
    BOOTCAMP,
    DEGREE,
    FE_COURSE,
    FOUNDATION_APPRENTICESHIP,
    NO_QUALIFICATION_KINDS,
    SUPPORTED_INTERNSHIP,
    WORK_EXPERIENCE,
)

__all__ = ["RouteContext", "get_context"]


# ============================================================================ context
class RouteContext:
    """The graph plus precomputed adjacency, national pay and the candidate cache, for one bundle."""

    def __init__(self, bundle: Any, graph: nx.MultiDiGraph | None = None) -> None:
        self.bundle = bundle
        self.graph = graph if graph is not None else build_graph(bundle)
        g = self.graph
        self.nodes = dict(g.nodes(data=True))
        self.entry: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        self.direct: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        self.prog_next: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)  # (to, why, evidence, source)
        self.occ_next: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for u, v, e in sorted(g.edges(data=True), key=lambda t: (t[0], t[1], t[2].get("rule_id", ""))):
            k = e["kind"]
            if k == "entry":
                self.entry[u][v].append(e)
            elif k == "direct_entry":
                self.direct[u].append((v, e))
            elif k == "progresses_to":
                (self.prog_next if self.nodes[v]["kind"] == "programme" else self.occ_next)[u].append(
                    (v, e["why"], e.get("evidence", "derived_same_route"), e.get("evidence_source", ""))
                )
        progs = [n for n, a in self.nodes.items() if a["kind"] == "programme"]
        #: each programme's main job (its official first link) and the other jobs it also leads to
        self.main_occ: dict[str, str] = {}
        self.main_why: dict[str, str] = {}
        self.also: dict[str, tuple[str, ...]] = {}
        #: programmes whose main job is a placeholder link (:data:`PLACEHOLDER_LINK_METHODS`): a route that ends straight
        #: after one rests on our own guess of the job, and scores as derived evidence
        self.placeholder_end: set[str] = set()
        for p in progs:
            links = sorted(
                (e.get("rank", 1), -e["confidence"], v, e["why"], e.get("method", ""))
                for _, v, e in g.out_edges(p, data=True)
                if e["kind"] == "trains_for"
            )
            if links:
                self.main_occ[p], self.main_why[p] = links[0][2], links[0][3]
                self.also[p] = tuple(v for _, _, v, _, _ in links[1:])
                if links[0][4] in PLACEHOLDER_LINK_METHODS:
                    self.placeholder_end.add(p)
        #: programmes whose every entry rule asks for English and maths at grade 4
        self._needs_em = {
            v
            for v in {v for by in self.entry.values() for v in by}
            if all(e["needs_english_maths"] for by in self.entry.values() for e in by.get(v, ()))
        }
        self.level_up = self._level_up_table()
        #: SOC minor group -> the subject routes it is a home group of (see :meth:`_home_routes`)
        self.home_routes = self._home_routes()
        self.national_pay = self._national_pay()
        self.pay_scale = PayScale(bundle)
        medians = [p[0] for p in self.national_pay.values() if p[0] is not None]
        self.pay_lo, self.pay_hi = (
            (float(np.percentile(medians, PAY_PERCENTILES[0])), float(np.percentile(medians, PAY_PERCENTILES[1])))
            if len(medians) >= 2
            else PAY_RANGE_WITHOUT_DATA
        )
        self.owner: Any = bundle
        self._cache: dict[tuple, Candidates] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ static tables
    def _level_up_table(self) -> dict[str, list[tuple[str, str]]]:
        """For each programme, the higher programmes a learner may move on to after it, with the evidence kind.

        Only for programmes with no explicit ``progresses_to`` edge that are not apprenticeships
        (apprenticeships progress along the ``progressions`` table). Same route and a higher level,
        and both programmes' main jobs in the same SOC sub-major group (engineering leads on to
        engineering, not to any engineering-route job): a derived link. A course with no job of its
        own (e.g. Functional Skills) leads to any programme at most one level above what it gives.
        """
        progs = [n for n, a in self.nodes.items() if a["kind"] == "programme" and a["open"]]
        explicit = {u for u, targets in self.prog_next.items() if targets}
        group = {p: self.main_occ[p].removeprefix("occ:")[:KIND_OF_WORK_DIGITS] for p in progs if p in self.main_occ}
        by_route: dict[str | None, list[str]] = defaultdict(list)
        for p in progs:
            by_route[self.nodes[p]["route"]].append(p)
        out: dict[str, list[tuple[str, str]]] = {}
        for p in progs:
            a = self.nodes[p]
            gained = gained_qualification(a["level"], a["programme_kind"], a["id"])
            if a["level"] >= DEGREE_LEVEL or p in explicit or a["programme_kind"] in APPRENTICESHIP_KINDS:
                continue
            # one above the level gained (QUALIFICATIONS is offset by one by "none")
            top = QUALIFICATIONS.index(gained) if gained is not None else a["level"] + 1
            if a["programme_kind"] == SUPPORTED_INTERNSHIP:
                # its purpose is work: an apprenticeship or foundation apprenticeship up to Level 2 comes next
                pool = [
                    (q, "after_supported_internship")
                    for q in progs
                    if self.nodes[q]["level"] <= AFTER_SUPPORTED_INTERNSHIP_LEVEL
                    and self.nodes[q]["programme_kind"] in APPRENTICESHIP_KINDS
                ]
            elif a["id"] in FOR_WITHOUT_ENGLISH_MATHS:
                # English and maths open what asks for them (T Levels, some apprenticeships), at the same level
                pool = [
                    (q, "general_course_next_level")
                    for q in progs
                    if q != p and q in self._needs_em and self.nodes[q]["level"] <= top
                ]
            elif a["route"] is None:
                pool = [(q, "general_course_next_level") for q in progs if q != p and a["level"] < self.nodes[q]["level"] <= top]
            else:
                pool = [
                    (q, "derived_same_route")
                    for q in by_route[a["route"]]
                    if self.nodes[q]["level"] > a["level"] and (p not in group or q not in group or group[q] == group[p])
                ]
            out[p] = sorted(pool)
        return out

    def _home_routes(self) -> dict[str, tuple[str, ...]]:
        """Each SOC minor group where at least :data:`HOME_GROUP_MIN` open standards of a subject route have
        their main job: a healthcare support worker (6131) is close to "Care services", whose adult care
        standards lead to jobs in the same minor group (613), though its own standard sits in "Health and science"."""
        count: dict[tuple[str, str], int] = defaultdict(int)
        for p, occ in self.main_occ.items():
            a = self.nodes[p]
            if a.get("open") is not False and a["programme_kind"] in APPRENTICESHIP_KINDS and a.get("route"):
                count[(occ.removeprefix("occ:")[:HOME_GROUP_DIGITS], a["route"])] += 1
        out: dict[str, list[str]] = defaultdict(list)
        for (minor, route), n in sorted(count.items()):
            if n >= HOME_GROUP_MIN:
                out[minor].append(route)
        return {k: tuple(v) for k, v in out.items()}

    def _national_pay(self) -> dict[str, tuple[float | None, bool]]:
        """Each job's UK median full-time pay and whether ONS's figure is reliable (:mod:`pathways.pay`)."""
        occ = self.bundle.occupations
        reliable = occ["pay_reliability"] if "pay_reliability" in occ else ["reliable"] * len(occ)
        return {str(s): (as_number(m), str(r) == "reliable") for s, m, r in zip(occ["soc"], occ["annual_median"], reliable)}

    # ------------------------------------------------------------------ rules
    def rule_for(self, start: str, prog: str, age_years: int, profile: Profile, worked_months: int = 0) -> dict | None:
        """The first entry rule on an edge ``start -> prog`` that this learner meets at this age.

        Also checks the programme's own restrictions: its legal minimum age; closed to anyone
        without a degree or a professional registration; and, for programmes that need work
        experience (manager and leader standards), at least :data:`WORK_EXPERIENCE_MONTHS` of paid
        steps before it in the route.
        """
        a = self.nodes[prog]
        if a["needs"] & CLOSED_NEEDS or age_years < (a.get("legal_min_age") or 0):
            return None
        if WORK_EXPERIENCE in a["needs"] and worked_months < WORK_EXPERIENCE_MONTHS:
            return None
        for e in self.entry.get(start, {}).get(prog, ()):
            if _age_ok(e, age_years, profile.ehcp, profile.care_leaver):
                return e
        return None

    def gives_english_maths(self, prog: str, age_years: int) -> bool:
        """Apprentices who start a Level 3+ apprenticeship under 19 work to Level 2 English and maths, and
        Functional Skills English and maths at Level 2 give them."""
        a = self.nodes[prog]
        if a["id"] in FOR_WITHOUT_ENGLISH_MATHS:
            return a["level"] >= ENGLISH_MATHS_LEVEL
        return (
            a["programme_kind"] in APPRENTICESHIP_KINDS
            and a["level"] >= APPRENTICESHIP_ENGLISH_MATHS_LEVEL
            and age_years < ENGLISH_MATHS_FUNDED_UNTIL
        )

    def can_end_at(self, occ: str, steps: tuple, end_age_months: int, start_level: int = 0) -> bool:
        """Whether a route may end at job ``occ``: old enough to do it when the route ends; a degree-level
        step in the route when the job needs a degree; for managers and directors (SOC major group 1),
        a learner who already has Level 3; for professionals (major group 2), a learner with Level 2; and
        a route that reaches the level the job's group needs (:data:`JOB_LEVEL`), or adds a Skills
        Bootcamp or HTQ to the learner's own level just below it. A manager's or professional's job is
        too many steps away to show someone with less, and a 16-week bootcamp does not make someone
        with no qualifications a technician. A foundation apprenticeship is a first step into a trade, not the
        training for it: a route ending in a job of SOC major groups 1-5 (skilled trades and above) does not
        end straight after one (:data:`FOUNDATION_ENDS_BELOW`); it goes on to the full apprenticeship. A Skills Bootcamp
        ends with a job interview, not a qualification: straight after one a route ends only at a job open without a
        qualification (:data:`~pathways.graph.AFTER_BOOTCAMP_MAJOR_GROUPS`), never at a skilled, technical or
        professional job's pay; those come after the apprenticeship it leads on to."""
        a = self.nodes[occ]
        if end_age_months // 12 < job_min_age(a):
            return False
        progs = [self.nodes[s[0]] for s in steps if self.nodes[s[0]]["kind"] == "programme"]
        last = self.nodes[steps[-1][0]] if steps else {}
        if last.get("programme_kind") == FOUNDATION_APPRENTICESHIP and a["major_group"] < FOUNDATION_ENDS_BELOW:
            return False
        if last.get("programme_kind") == BOOTCAMP and a["major_group"] not in AFTER_BOOTCAMP_MAJOR_GROUPS:
            return False
        if DEGREE in a["needs"] and not any(p["level"] >= DEGREE_LEVEL for p in progs):
            return False
        if a["major_group"] in START_LEVEL and start_level < START_LEVEL[a["major_group"]]:
            return False
        need = JOB_LEVEL.get(a["major_group"])
        if need is not None:
            reached = max([start_level] + [p["level"] for p in progs if p["programme_kind"] not in NO_QUALIFICATION_KINDS])
            top_up = start_level >= need - TOP_UP_LEVELS and any(p["programme_kind"] in TOP_UP_KINDS for p in progs)
            return reached >= need or top_up
        return True

    def _compatible(self, u: str, v: str, evidence: str) -> bool:
        """A derived link must join compatible jobs and never lead into Level 6-7.

        The main jobs of both ends share a SOC sub-major group (for "same route, next level" this is
        checked when the level-up table is built, and a bootcamp's next apprenticeships are chosen by the
        job it teaches skills for), and the later job needs no licence the earlier one
        does not: titles mislead ("bus driver" -> "train driver" share a sub-major group but are
        different licensed jobs).
        """
        if not EVIDENCE[evidence].derived:
            return True
        if self.nodes[v]["kind"] == "programme" and self.nodes[v]["level"] >= DEGREE_LEVEL:
            return False
        if evidence in ("derived_same_route", "general_course_next_level", "after_bootcamp", "after_college_course"):
            return True
        mu = u if self.nodes[u]["kind"] == "occupation" else self.main_occ.get(u)
        mv = v if self.nodes[v]["kind"] == "occupation" else self.main_occ.get(v)
        if not (mu and mv and _kind_of_work(mu) == _kind_of_work(mv)):
            return False
        return not (self.nodes[mv]["needs"] & LICENCES) - self.nodes[mu]["needs"]

    # ------------------------------------------------------------------ candidates
    def candidates(self, profile: Profile) -> Candidates:
        """Every route from the learner's start (see :class:`_Search`), as arrays; built once per (start, age, flags)
        key and cached."""
        # english_maths too: below Level 2 the start node drops it, but Functional Skills are then not offered
        key = (profile.start, max(profile.age, FIRST_PROGRAMME_AGE), profile.ehcp, profile.care_leaver, profile.english_maths)
        cached = self._cache.get(key)
        if cached is None:
            with self._lock:
                cached = self._cache.get(key)
                if cached is None:
                    cached = build_candidates(self, _Search(self, profile, key[1]).run())
                    if len(self._cache) > CANDIDATE_CACHE_KEYS:
                        self._cache.clear()
                    self._cache[key] = cached
        return cached


def _kind_of_work(occ: str) -> str:
    """The SOC sub-major group (:data:`~pathways.routes.settings.KIND_OF_WORK_DIGITS`) of a job node."""
    return occ.removeprefix("occ:")[:KIND_OF_WORK_DIGITS]


def _age_ok(rule: dict, age: int, ehcp: bool, care_leaver: bool) -> bool:
    """Whether ``age`` (whole years, at the start of the step) meets an edge's age rule."""
    if rule.get("requires_ehcp") and not ehcp:
        return False
    if age < rule["min_age"]:
        return False
    top = rule.get("max_age")
    if top is None or age <= top:
        return True
    exc = rule.get("exception_max_age")
    return exc is not None and (ehcp or care_leaver) and age <= exc


class _Search:
    """A depth-first walk of every route from one learner's start.

    Steps are (node, age in months at its start, why, evidence kind, evidence source). A programme is
    entered only when the learner meets one of its entry rules at the age that step starts; at most
    :data:`MAX_DERIVED` derived links in a route; a route ends at a job only when
    :meth:`RouteContext.can_end_at` allows it.
    """

    def __init__(self, rc: RouteContext, profile: Profile, age: int) -> None:
        self.rc, self.profile = rc, profile
        self.start = profile.start
        self.age0 = age * 12
        self.level0 = profile.level
        self.has_em = profile.english_maths  # English and maths at grade 4 already: no Functional Skills top-up
        self.em0 = self.has_em and self.level0 >= ENGLISH_MATHS_LEVEL
        self.found: dict[str, tuple] = {}

    def run(self) -> dict[str, tuple]:
        rc, age = self.rc, self.age0 // 12
        for prog in sorted(rc.entry.get(self.start, {})):
            if self._top_up_not_needed(prog) or self._course_below_level(prog):
                continue
            rule = rc.rule_for(self.start, prog, age, self.profile)
            if rule is not None:
                self._after_programme(
                    ((prog, self.age0, rule["why"], "entry_rule", rule.get("evidence_source", "")),), 0, self.level0, self.em0, 0
                )
        for occ, e in rc.direct.get(self.start, ()):
            if _age_ok(e, age, self.profile.ehcp, self.profile.care_leaver):
                self._from_job(occ, e)
        return self.found

    def _top_up_not_needed(self, node: str) -> bool:
        return self.has_em and self.rc.nodes[node].get("id") in FOR_WITHOUT_ENGLISH_MATHS

    def _course_below_level(self, node: str) -> bool:
        """A college course (study programme) at or below the level the learner already has: an adviser names one at
        their next level. An English and maths top-up is for what the learner lacks: it starts at their own level
        (Level 2 at most), not below (someone with GCSEs at grade 3 takes Level 2, not Entry level and Level 1)."""
        a = self.rc.nodes[node]
        if a.get("programme_kind") != FE_COURSE:
            return False
        if a["id"] in FOR_WITHOUT_ENGLISH_MATHS:
            return bool(a["level"] < min(self.level0, ENGLISH_MATHS_LEVEL))
        return bool(a["level"] <= self.level0)

    def _emit(self, steps: tuple, dest: str, why: str, end_months: int) -> None:
        if not self.rc.can_end_at(dest, steps, end_months, self.level0):
            return
        rid = "|".join([self.start] + [s[0] for s in steps] + [dest])
        if rid not in self.found:
            self.found[rid] = (steps, dest, why)

    def _from_job(self, occ: str, e: dict) -> None:
        """A job with no formal entry requirements, alone or followed by the training it leads to."""
        rc, age = self.rc, self.age0 // 12
        job = ((occ, self.age0, e["why"], "no_formal_requirements", e.get("evidence_source", "")),)
        self._emit(job, occ, e["why"], self.age0)
        for q, why, ev, src in rc.prog_next.get(occ, ()):
            if self._top_up_not_needed(q) or EVIDENCE[ev].derived and not rc._compatible(occ, q, ev):
                continue
            rule = rc.rule_for(self.start, q, age, self.profile)
            if rule is not None:
                self._after_programme(job + ((q, self.age0, f"{why} {rule['why']}", ev, src),), 0, self.level0, self.em0, 0)

    def _after_programme(self, steps: tuple, elapsed: int, level: int, em: bool, worked: int) -> None:
        """The route so far ends at its last programme's main job; then each programme it may lead on to."""
        rc, p = self.rc, steps[-1][0]
        a = rc.nodes[p]
        age_start = (self.age0 + elapsed) // 12
        elapsed += a["months"]
        worked += a["months"] if a["paid"] else 0
        gained = gained_qualification(a["level"], a["programme_kind"], a["id"])
        if gained is not None:
            level = max(level, QUALIFICATIONS.index(gained) - 1)
        em = (em or self.has_em or rc.gives_english_maths(p, age_start)) and level >= ENGLISH_MATHS_LEVEL
        if p in rc.main_occ:
            self._emit(steps, rc.main_occ[p], rc.main_why[p], self.age0 + elapsed)
        if len(steps) >= MAX_STEPS:
            return
        state = start_node(QUALIFICATIONS[level + 1], em)
        for q, ev, src, rule in self._next_programmes(steps, state, self.age0 + elapsed, worked):
            self._after_programme(
                steps + ((q, self.age0 + elapsed, rule["why"], ev, src or rule.get("evidence_source", "")),),
                elapsed,
                level,
                em,
                worked,
            )

    def _next_programmes(self, steps: tuple, state: str, at_months: int, worked: int) -> list[tuple[str, str, str, dict]]:
        """(programme, evidence kind, source, entry rule) for each programme the last step may lead on to
        that this learner can enter then: not already in the route, not a top-up they do not need, and
        not a second derived link or a derived link between jobs that do not fit together."""
        rc, p = self.rc, steps[-1][0]
        seen = {s[0] for s in steps}
        used = sum(EVIDENCE[s[3]].derived for s in steps)
        nexts = [(q, ev, src) for q, _, ev, src in rc.prog_next.get(p, ())] + [(q, ev, "") for q, ev in rc.level_up.get(p, [])]
        out: list[tuple[str, str, str, dict]] = []
        done: set[str] = set()
        for q, ev, src in nexts:
            if q in seen or q in done or self._top_up_not_needed(q):
                continue
            if EVIDENCE[ev].derived and (used >= MAX_DERIVED or not rc._compatible(p, q, ev)):
                continue
            rule = rc.rule_for(state, q, at_months // 12, self.profile, worked)
            if rule is not None:
                done.add(q)
                out.append((q, ev, src, rule))
        return out


_CONTEXTS: dict[int, RouteContext] = {}
_CONTEXTS_LOCK = threading.Lock()


def get_context(bundle_or_context: Any) -> RouteContext:
    """The (cached) :class:`RouteContext` for a bundle, or for an app context.

    Accepts a :class:`RouteContext`, a bundle, or any object with ``bundle`` and ``graph``
    attributes (the app's :class:`pathways.context.Context`), whose graph is then reused.
    """
    if isinstance(bundle_or_context, RouteContext):
        return bundle_or_context
    with _CONTEXTS_LOCK:
        ctx = _CONTEXTS.get(id(bundle_or_context))
        if ctx is None or ctx.owner is not bundle_or_context:
            if hasattr(bundle_or_context, "bundle") and hasattr(bundle_or_context, "graph"):
                ctx = RouteContext(bundle_or_context.bundle, bundle_or_context.graph)
            else:
                ctx = RouteContext(bundle_or_context)
            ctx.owner = bundle_or_context
            _CONTEXTS[id(bundle_or_context)] = ctx
    return ctx
