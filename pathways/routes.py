"""From where a learner is now to realistic, ranked and explained routes in their area.

A route is at most :data:`MAX_STEPS` steps (programmes, or a job with no formal entry
requirements) from the learner's start node to an occupation. Every step respects the entry
rule stored on the graph edge that leads to it, checked at the learner's age when that step
starts (age advances by each step's duration). University degrees are never routes: they are
only a comparison (see :mod:`pathways.money`).

The ranking is a weighted sum of the components in :data:`WEIGHTS`, each between 0 and 1, then a
varied list is picked from the best (:func:`_diversify`). Local figures come from a :class:`LocalSignalsProvider` (one area, any
occupation). Candidate paths depend only on the start node, age and EHC plan / care leaver
flags, so they are built once per such key and cached; a call then only filters and scores.

Examples
--------
>>> routes = find_routes(bundle, profile, provider, limit=5)   # doctest: +SKIP
>>> routes[0].to_dict()["steps"][0]["title"]                     # doctest: +SKIP
'Engineering technician'
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, runtime_checkable

import networkx as nx
import numpy as np

from pathways.graph import (BLOCKING_NEEDS, CLOSED_NEEDS, EVIDENCE, FOR_WITHOUT_ENGLISH_MATHS, build_graph,
                            gained_qualification, job_min_age)
from pathways.figures import as_number
from pathways.pay import PayScale
from pathways.signals import Signals
from pathways.words import plain_title
from pathways.profile import QUALIFICATIONS, ROUTES, Profile, start_node

__all__ = [
    "WEIGHTS",
    "MAX_STEPS",
    "Signals",
    "LocalSignalsProvider",
    "Step",
    "Destination",
    "Route",
    "RouteContext",
    "get_context",
    "find_routes",
    "check_route",
    "learner_notices",
    "fact_text",
    "demand_sentence",
    "stage_fit",
    "STAGE_FIT",
    "COMPONENT_LABELS",
]

#: how much each component counts; they need not sum to 1 (the score is normalised to 0-100)
WEIGHTS: dict[str, float] = {
    "interests": 0.25,      # fit to the learner's chosen routes: first step and destination (neutral when none chosen)
    "training": 0.15,       # delivered near them: people from the travel area starting the first apprenticeship
    "demand": 0.15,         # adverts and employment for the job's group in the area, against England
    "stage": 0.10,          # how usual the first step is at the learner's age and stage (STAGE_FIT)
    "evidence": 0.10,       # how strong the evidence is that each step leads to the next
    "time_to_paid": 0.05,   # months until the first paid step
    "paid_training": 0.05,  # share of training time that is paid
    "time_to_destination": 0.05,  # months of training before the destination job (shorter is surer)
    # destination pay, on a diminishing (log) scale; no points when pay is not published or less reliable.
    # 0.05, not 0.10: at 0.10 setting it to 0 still changed 64% of top-five routes (bar: about half); at
    # 0.05, 39%, and the Newham care leaver's list gains the care and security work an adviser expects
    "pay": 0.05,
}
#: foundation apprenticeships are a first step into a sector for those not ready for a full apprenticeship: less
#: usual for someone who already has Level 2 (who can start a Level 3 apprenticeship or a T Level)
FOUNDATION_WITH_LEVEL2 = 0.6
#: how usual each kind of first step is, by age (an adviser's judgement, published on the About page):
#: under 18 everyone must stay in education or training, so a job alone is the least usual first step;
#: T Levels end at 19; Skills Bootcamps and HTQs are adult routes; an EHC plan makes supported
#: internships and foundation apprenticeships as usual as any (see :func:`stage_fit`)
STAGE_FIT: dict[str, dict[str, float]] = {
    "16-17": {"apprenticeship": 1.0, "foundation_apprenticeship": 1.0, "t_level": 1.0, "fe_course": 1.0,
              "supported_internship": 0.8, "job": 0.2},
    "18": {"apprenticeship": 1.0, "foundation_apprenticeship": 1.0, "t_level": 0.8, "fe_course": 0.8,
           "supported_internship": 0.8, "htq": 0.8, "job": 0.6},
    "19+": {"apprenticeship": 1.0, "foundation_apprenticeship": 0.9, "bootcamp": 1.0, "htq": 1.0, "fe_course": 0.7,
            "supported_internship": 0.8, "job": 0.7},
}
COMPONENT_LABELS = {
    "evidence": "Evidence that each step leads to the next",
    "stage": "Usual for your age and stage",
    "pay": "Pay at the destination",
    "demand": "Local demand",
    "training": "Trained near you",
    "time_to_paid": "Time to a paid job",
    "paid_training": "Pay while training",
    "interests": "Fit to interests",
    "time_to_destination": "Time to the destination job",
}
MAX_STEPS = 4
#: licences and cards that make a job a different, regulated job (a derived link may not lead into one)
LICENCES = frozenset({"lgv_licence", "pcv_licence", "train_driving_licence", "sia_licence", "registration"})
#: the qualification level a route must reach to end in a job of each SOC major group (from ONS's
#: skill levels: managers and professionals 4, associate professional and technical jobs 3); other
#: groups have no such rule (skilled trades are reached through Level 2 and 3 apprenticeships)
JOB_LEVEL: dict[str, int] = {"1": 4, "2": 4, "3": 3}
#: at most this many derived links (similar title, same job group) in one route
MAX_DERIVED = 1
#: paid months a route needs before a programme that asks for work experience (manager and leader standards)
WORK_EXPERIENCE_MONTHS = 24
#: at most this many routes with the same first step in one answer (variety)
PER_FIRST_STEP = 3
#: at most this share of the first N routes may start with the same kind of step, while others can fill them
KIND_SHARE = 0.6
#: how many of the best-scored routes the variety rules choose from
DIVERSIFY_POOL = 300
#: open standards of one subject route with their main job in a SOC minor group that make it a home group of the route
HOME_GROUP_MIN = 2
#: the routes most people read: a thinly delivered first step is kept out of them while anything else fits
TOP_FIVE = 5
#: with several interests chosen, this share of a list is shared out evenly between them (see ``_interest_quota``)
INTEREST_SHARE = 0.6
#: fewer adverts than this: no demand ratio is scored or claimed (too few to compare)
MIN_ADVERTS_FOR_RATIO = 20
#: at most this many routes to the same destination in one answer (variety)
PER_DESTINATION = 2
#: time to a paid step at which that component reaches 0
TIME_HORIZON_MONTHS = 48
#: training time before the destination job at which that component reaches 0
DESTINATION_HORIZON_MONTHS = 96
#: programmes start from 16: a younger learner's routes start at 16 (after Year 11)
FIRST_PROGRAMME_AGE = 16
#: a first-step apprenticeship with fewer estimated starts a year from the travel area than this is
#: ranked lower (by :data:`_THIN_PENALTY`), is never pulled forward by the variety rules, and says so
MIN_LOCAL_STARTS = 1.0
#: estimated local starts a year at which the "trained near you" component reaches 1 (log scale)
LOCAL_STARTS_FULL = 100.0
NATIONAL_PAY_BASIS = "national figure from the ONS pay survey (median full-time pay, all ages)"
_APPRENTICESHIP = ("apprenticeship", "foundation_apprenticeship")
_LOAN_KINDS = ("htq",)  # usually paid for with a tuition fee loan (Student Finance England)


# ============================================================================ local signals
@runtime_checkable
class LocalSignalsProvider(Protocol):
    """Local figures for one area; implemented by :mod:`pathways.labour_market`."""

    def signals(self, soc: str) -> Signals:  # pragma: no cover - protocol
        ...

    # Optional, not part of the protocol check: ``signals_many(socs: list[str]) -> dict[str, Signals]``
    # (asked once for every destination instead of one by one), and ``delivery_many() -> dict[str,
    # DeliverySummary]`` (who trains for each apprenticeship near the area; without it every first
    # step counts as neutral for "trained near you" and none is marked thinly delivered).


# ============================================================================ results
@dataclass(frozen=True)
class Step:
    """One step of a route: a programme, or a job (``kind == "job"``)."""

    kind: str
    id: str
    title: str
    level: int | None
    months: int
    paid: bool
    route: str | None
    age_at_start: float
    why: str
    needs_loan: bool = False
    #: for an apprenticeship: providers near and the local starts estimate (:class:`pathways.delivery.DeliverySummary`)
    delivery: Any = None
    #: why this step follows the last: {"kind", "label", "source", "derived"} (see :data:`pathways.graph.EVIDENCE`)
    evidence: dict = field(default_factory=dict)
    #: the youngest age at which this step can be started or this job done
    min_age: int = FIRST_PROGRAMME_AGE
    #: False when no source gives the programme's length (new standards): ``months`` is then our stand-in for
    #: working out ages and is never shown as its length
    months_known: bool = True

    def to_dict(self) -> dict:
        d = asdict(self)
        if self.delivery is None:
            d.pop("delivery")
        return d


@dataclass(frozen=True)
class Destination:
    soc: str
    title: str
    route: str | None
    #: pay at the age the learner reaches this job (see :mod:`pathways.pay`), and the median with experience
    pay_newly_qualified: float | None
    pay_experienced: float | None
    pay_basis: str
    why: str
    #: True when this is the job the last programme mainly trains for (its official first link)
    main_link: bool = True
    #: other jobs the last programme also leads to; they never set the route's pay or rank
    also_leads_to: tuple[str, ...] = ()
    #: False when ONS's pay figure for the job is less reliable (it is then kept out of ranking)
    pay_reliable: bool = True
    #: the age at which the learner reaches this job on this route
    age_reached: float = 0.0
    #: subject routes whose apprenticeships mostly train for jobs in this job's SOC minor group (see
    #: :data:`HOME_GROUP_MIN`): a job close to those interests even when its own training sits elsewhere
    close_to: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Route:
    """A ranked route with the figures and reasons behind its place."""

    rank: int
    score: float
    #: each part of the score (0-1); pay is None when the job's pay gives no points (no figure, or less reliable)
    components: dict[str, float | None]
    steps: tuple[Step, ...]
    destination: Destination
    reasons: tuple[str, ...]
    route_id: str
    starts_at_age: int
    total_months: int
    months_to_paid: int
    local: Signals = field(default_factory=Signals)
    #: the first step is an apprenticeship few people near the learner start (shown only because little else fits)
    thin_delivery: bool = False
    #: plain notices about this route (e.g. working at 16-17 needs part-time education or training)
    notices: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "rank": self.rank,
            "score": self.score,
            "components": dict(self.components),
            "weights": dict(WEIGHTS),
            "steps": [s.to_dict() for s in self.steps],
            "destination": self.destination.to_dict(),
            "reasons": list(self.reasons),
            "route_id": self.route_id,
            "starts_at_age": self.starts_at_age,
            "total_months": self.total_months,
            "months_to_paid": self.months_to_paid,
            "local": self.local.to_dict() if hasattr(self.local, "to_dict") else dict(vars(self.local)),
            "thin_delivery": self.thin_delivery,
            "notices": list(self.notices),
        }


# ============================================================================ context
@dataclass
class _Candidates:
    """Every path for one (start, age, flags) key, as parallel arrays.

    ``paths`` and ``ids`` are NumPy object arrays, not lists: the garbage collector does not walk
    into arrays, while a full collection walks every element of every cached list (70 ms once 48
    keys were cached, against 2 ms with arrays; Streamlit by default collects after every run).
    """

    paths: Any                  # of ((node, age_months, why, evidence kind, evidence source), ...), dest node, dest why:
    ids: Any                    # of str; both given as lists and kept as object arrays (see above)
    dest_index: np.ndarray      # index into socs
    socs: list[str]
    id_rank: np.ndarray
    months_to_paid: np.ndarray
    training_months: np.ndarray
    paid_months: np.ndarray
    has_apprenticeship: np.ndarray
    needs_loan: np.ndarray
    step_route_bits: np.ndarray
    dest_route_bits: np.ndarray
    first_appr: np.ndarray           # programme id of the first step when it is an apprenticeship, else ""
    first_kind: np.ndarray           # kind of the first step ("job" for a job)
    first_step: np.ndarray           # node id of the first step
    evidence: np.ndarray             # weakest evidence strength over the route's steps (0-1)
    first_route_bits: np.ndarray
    #: the subject routes the destination job is close to (:meth:`RouteContext._home_routes`)
    close_route_bits: np.ndarray
    # worked out in __post_init__
    first_code: np.ndarray = field(init=False)        # index of first_appr in first_ids
    first_ids: list[str] = field(init=False)
    first_kind_code: np.ndarray = field(init=False)   # index of first_kind in first_kinds
    first_kinds: list[str] = field(init=False)
    grp_order: np.ndarray = field(init=False)         # candidates sorted by (destination, kind of first step, id)
    grp_starts: np.ndarray = field(init=False)        # where each (destination, kind) group's run starts in grp_order
    grp_sizes: np.ndarray = field(init=False)
    grp_of_pos: np.ndarray = field(init=False)        # (destination, first kind) group of each position in grp_order

    def __post_init__(self) -> None:
        self.paths, self.ids = _object_array(self.paths), _object_array(self.ids)
        firsts, self.first_code = np.unique(self.first_appr.astype(str), return_inverse=True)
        self.first_ids = firsts.tolist()
        kinds, self.first_kind_code = np.unique(self.first_kind.astype(str), return_inverse=True)
        self.first_kinds = kinds.tolist()
        # groups: one per destination and kind of first step, so each kind keeps its best routes to a job
        key = self.dest_index * max(len(self.first_kinds), 1) + self.first_kind_code
        self.grp_order = np.lexsort((self.id_rank, key))
        d = key[self.grp_order]
        self.grp_starts = np.flatnonzero(np.r_[True, d[1:] != d[:-1]]) if len(d) else np.zeros(0, dtype=np.int64)
        self.grp_sizes = np.diff(np.r_[self.grp_starts, len(d)])
        self.grp_of_pos = np.repeat(np.arange(len(self.grp_starts)), self.grp_sizes)


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
                    (v, e["why"], e.get("evidence", "derived_same_route"), e.get("evidence_source", "")))
        progs = [n for n, a in self.nodes.items() if a["kind"] == "programme"]
        #: each programme's main job (its official first link) and the other jobs it also leads to
        self.main_occ: dict[str, str] = {}
        self.main_why: dict[str, str] = {}
        self.also: dict[str, tuple[str, ...]] = {}
        for p in progs:
            links = sorted((e.get("rank", 1), -e["confidence"], v, e["why"]) for _, v, e in g.out_edges(p, data=True)
                           if e["kind"] == "trains_for")
            if links:
                self.main_occ[p], self.main_why[p] = links[0][2], links[0][3]
                self.also[p] = tuple(v for _, _, v, _ in links[1:])
        #: programmes whose every entry rule asks for English and maths at grade 4
        self._needs_em = {v for v in {v for by in self.entry.values() for v in by}
                          if all(e["needs_english_maths"] for by in self.entry.values() for e in by.get(v, ()))}
        self.level_up = self._level_up_table()
        #: SOC minor group -> the subject routes it is a home group of (see :meth:`_home_routes`)
        self.home_routes = self._home_routes()
        self.national_pay = self._national_pay()
        self.pay_scale = PayScale(bundle)
        medians = [p[0] for p in self.national_pay.values() if p[0] is not None]
        self.pay_lo, self.pay_hi = (float(np.percentile(medians, 10)), float(np.percentile(medians, 90))) \
            if len(medians) >= 2 else (20000.0, 45000.0)
        self.owner: Any = bundle
        self._cache: dict[tuple, _Candidates] = {}
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
        group = {p: self.main_occ[p].removeprefix("occ:")[:2] for p in progs if p in self.main_occ}
        by_route: dict[str | None, list[str]] = defaultdict(list)
        for p in progs:
            by_route[self.nodes[p]["route"]].append(p)
        out: dict[str, list[tuple[str, str]]] = {}
        for p in progs:
            a = self.nodes[p]
            gained = gained_qualification(a["level"], a["programme_kind"], a["id"])
            if a["level"] >= 6 or p in explicit or a["programme_kind"] in _APPRENTICESHIP:
                continue
            # one above the level gained (QUALIFICATIONS is offset by one by "none")
            top = QUALIFICATIONS.index(gained) if gained is not None else a["level"] + 1
            if a["programme_kind"] == "supported_internship":
                # its purpose is work: an apprenticeship or foundation apprenticeship up to Level 2 comes next
                pool = [(q, "after_supported_internship") for q in progs if self.nodes[q]["level"] <= 2
                        and self.nodes[q]["programme_kind"] in _APPRENTICESHIP]
            elif a["id"] in FOR_WITHOUT_ENGLISH_MATHS:
                # English and maths open what asks for them (T Levels, some apprenticeships), at the same level
                pool = [(q, "general_course_next_level") for q in progs if q != p and q in self._needs_em
                        and self.nodes[q]["level"] <= top]
            elif a["route"] is None:
                pool = [(q, "general_course_next_level") for q in progs
                        if q != p and a["level"] < self.nodes[q]["level"] <= top]
            else:
                pool = [(q, "derived_same_route") for q in by_route[a["route"]] if self.nodes[q]["level"] > a["level"]
                        and (p not in group or q not in group or group[q] == group[p])]
            out[p] = sorted(pool)
        return out

    def _home_routes(self) -> dict[str, tuple[str, ...]]:
        """Each SOC minor group where at least :data:`HOME_GROUP_MIN` open standards of a subject route have
        their main job: a healthcare support worker (6131) is close to "Care services", whose adult care
        standards lead to jobs in the same minor group (613), though its own standard sits in "Health and science"."""
        count: dict[tuple[str, str], int] = defaultdict(int)
        for p, occ in self.main_occ.items():
            a = self.nodes[p]
            if a.get("open") is not False and a["programme_kind"] in _APPRENTICESHIP and a.get("route"):
                count[(occ.removeprefix("occ:")[:3], a["route"])] += 1
        out: dict[str, list[str]] = defaultdict(list)
        for (minor, route), n in sorted(count.items()):
            if n >= HOME_GROUP_MIN:
                out[minor].append(route)
        return {k: tuple(v) for k, v in out.items()}

    def _national_pay(self) -> dict[str, tuple[float | None, bool]]:
        """Each job's UK median full-time pay and whether ONS's figure is reliable (:mod:`pathways.pay`)."""
        occ = self.bundle.occupations
        reliable = occ["pay_reliability"] if "pay_reliability" in occ else ["reliable"] * len(occ)
        return {str(s): (_num(m), str(r) == "reliable") for s, m, r in zip(occ["soc"], occ["annual_median"], reliable)}

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
        if "work_experience" in a["needs"] and worked_months < WORK_EXPERIENCE_MONTHS:
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
            return a["level"] >= 2
        return a["programme_kind"] in _APPRENTICESHIP and a["level"] >= 3 and age_years < 19

    def can_end_at(self, occ: str, steps: tuple, end_age_months: int, start_level: int = 0) -> bool:
        """Whether a route may end at job ``occ``: old enough to do it when the route ends; a degree-level
        step in the route when the job needs a degree; for managers and directors (SOC major group 1),
        a learner who already has Level 3; for professionals (major group 2), a learner with Level 2; and
        a route that reaches the level the job's group needs (:data:`JOB_LEVEL`), or adds a Skills
        Bootcamp or HTQ to the learner's own level just below it. A manager's or professional's job is
        too many steps away to show someone with less, and a 16-week bootcamp does not make someone
        with no qualifications a technician."""
        a = self.nodes[occ]
        if end_age_months // 12 < job_min_age(a):
            return False
        progs = [self.nodes[s[0]] for s in steps if self.nodes[s[0]]["kind"] == "programme"]
        if "degree" in a["needs"] and not any(p["level"] >= 6 for p in progs):
            return False
        if a["major_group"] == "1" and start_level < 3 or a["major_group"] == "2" and start_level < 2:
            return False
        need = JOB_LEVEL.get(a["major_group"])
        if need is not None:
            reached = max([start_level] + [p["level"] for p in progs if p["programme_kind"] not in ("bootcamp",)])
            top_up = start_level >= need - 1 and any(p["programme_kind"] in ("bootcamp", "htq") for p in progs)
            return reached >= need or top_up
        return True

    def _compatible(self, u: str, v: str, evidence: str) -> bool:
        """A derived link must join compatible jobs and never lead into Level 6-7.

        The main jobs of both ends share a SOC sub-major group (for "same route, next level" this is
        checked when the level-up table is built), and the later job needs no licence the earlier one
        does not: titles mislead ("bus driver" -> "train driver" share a sub-major group but are
        different licensed jobs).
        """
        if not EVIDENCE[evidence][2]:
            return True
        if self.nodes[v]["kind"] == "programme" and self.nodes[v]["level"] >= 6:
            return False
        if evidence in ("derived_same_route", "general_course_next_level"):
            return True
        mu = u if self.nodes[u]["kind"] == "occupation" else self.main_occ.get(u)
        mv = v if self.nodes[v]["kind"] == "occupation" else self.main_occ.get(v)
        if not (mu and mv and mu.removeprefix("occ:")[:2] == mv.removeprefix("occ:")[:2]):
            return False
        return not (self.nodes[mv]["needs"] & LICENCES) - self.nodes[mu]["needs"]

    # ------------------------------------------------------------------ candidates
    def candidates(self, profile: Profile) -> _Candidates:
        # english_maths too: below Level 2 the start node drops it, but Functional Skills are then not offered
        key = (profile.start, max(profile.age, FIRST_PROGRAMME_AGE), profile.ehcp, profile.care_leaver,
               profile.english_maths)
        cached = self._cache.get(key)
        if cached is None:
            with self._lock:
                cached = self._cache.get(key)
                if cached is None:
                    cached = self._build_candidates(profile, key[1])
                    if len(self._cache) > 512:
                        self._cache.clear()
                    self._cache[key] = cached
        return cached

    def _build_candidates(self, profile: Profile, age: int) -> _Candidates:
        """Every route from the learner's start: steps are (node, age in months at its start, why,
        evidence kind, evidence source). At most :data:`MAX_DERIVED` derived links in a route."""
        found: dict[str, tuple] = {}
        start = profile.start
        age0 = age * 12
        level0 = profile.level
        has_em = profile.english_maths  # English and maths at grade 4 already: no Functional Skills top-up
        em0 = has_em and level0 >= 2

        def top_up_not_needed(node: str) -> bool:
            return has_em and self.nodes[node].get("id") in FOR_WITHOUT_ENGLISH_MATHS

        def emit(steps: tuple, dest: str, why: str, end_months: int) -> None:
            if not self.can_end_at(dest, steps, end_months, level0):
                return
            rid = "|".join([start] + [s[0] for s in steps] + [dest])
            if rid not in found:
                found[rid] = (steps, dest, why)

        def derived(steps: tuple) -> int:
            return sum(EVIDENCE[s[3]][2] for s in steps)

        def after_programme(steps: tuple, elapsed: int, level: int, em: bool, worked: int) -> None:
            p = steps[-1][0]
            a = self.nodes[p]
            age_start = (age0 + elapsed) // 12
            elapsed += a["months"]
            worked += a["months"] if a["paid"] else 0
            gained = gained_qualification(a["level"], a["programme_kind"], a["id"])
            if gained is not None:
                level = max(level, QUALIFICATIONS.index(gained) - 1)
            em = (em or has_em or self.gives_english_maths(p, age_start)) and level >= 2
            if p in self.main_occ:
                emit(steps, self.main_occ[p], self.main_why[p], age0 + elapsed)
            if len(steps) >= MAX_STEPS:
                return
            state = start_node(QUALIFICATIONS[level + 1], em)
            seen = {s[0] for s in steps}
            used = derived(steps)
            nexts = [(q, ev, src) for q, _, ev, src in self.prog_next.get(p, ())] + \
                [(q, ev, "") for q, ev in self.level_up.get(p, [])]
            done: set[str] = set()
            for q, ev, src in nexts:
                if q in seen or q in done or top_up_not_needed(q):
                    continue
                if EVIDENCE[ev][2] and (used >= MAX_DERIVED or not self._compatible(p, q, ev)):
                    continue
                rule = self.rule_for(state, q, (age0 + elapsed) // 12, profile, worked)
                if rule is not None:
                    done.add(q)
                    after_programme(steps + ((q, age0 + elapsed, rule["why"], ev, src or rule.get("evidence_source", "")),),
                                    elapsed, level, em, worked)

        state0 = start
        for prog in sorted(self.entry.get(state0, {})):
            if top_up_not_needed(prog):
                continue
            rule = self.rule_for(state0, prog, age, profile)
            if rule is not None:
                after_programme(((prog, age0, rule["why"], "entry_rule", rule.get("evidence_source", "")),),
                                0, level0, em0, 0)
        for occ, e in self.direct.get(state0, ()):
            if not _age_ok(e, age, profile.ehcp, profile.care_leaver):
                continue
            job = ((occ, age0, e["why"], "no_formal_requirements", e.get("evidence_source", "")),)
            emit(job, occ, e["why"], age0)
            for q, why, ev, src in self.prog_next.get(occ, ()):
                if top_up_not_needed(q) or EVIDENCE[ev][2] and not self._compatible(occ, q, ev):
                    continue
                rule = self.rule_for(state0, q, age, profile)
                if rule is not None:
                    after_programme(job + ((q, age0, f"{why} {rule['why']}", ev, src),), 0, level0, em0, 0)
        return self._arrays(found)

    def _arrays(self, found: dict[str, tuple]) -> _Candidates:
        ids = sorted(found)
        paths = [found[i] for i in ids]
        socs = sorted({p[1] for p in paths})
        soc_pos = {s: i for i, s in enumerate(socs)}
        n = len(paths)
        mtp = np.zeros(n)
        train = np.zeros(n)
        paid = np.zeros(n)
        appr = np.zeros(n, dtype=bool)
        loan = np.zeros(n, dtype=bool)
        sbits = np.zeros(n, dtype=np.int64)
        dbits = np.zeros(n, dtype=np.int64)
        first = np.full(n, "", dtype=object)
        first_kind = np.full(n, "", dtype=object)
        fbits = np.zeros(n, dtype=np.int64)
        cbits = np.zeros(n, dtype=np.int64)
        first_step = np.full(n, "", dtype=object)
        evidence = np.ones(n)
        for i, (steps, dest, _) in enumerate(paths):
            a0 = self.nodes[steps[0][0]]
            first_step[i] = steps[0][0]
            first_kind[i] = "job" if a0["kind"] == "occupation" else a0["programme_kind"]
            fbits[i] = _bits((a0.get("route"),))
            if a0["kind"] == "programme" and a0["programme_kind"] in _APPRENTICESHIP:
                first[i] = a0["id"]
            elapsed, first_paid = 0, None
            for node, _, _, ev, _ in steps:
                evidence[i] = min(evidence[i], EVIDENCE[ev][1])
                a = self.nodes[node]
                if a["kind"] == "occupation":
                    first_paid = elapsed if first_paid is None else first_paid
                    sbits[i] |= _bits((a.get("route"),))
                    continue
                if a["paid"] and first_paid is None:
                    first_paid = elapsed
                train[i] += a["months"]
                paid[i] += a["months"] if a["paid"] else 0
                appr[i] |= a["programme_kind"] in _APPRENTICESHIP
                loan[i] |= a["programme_kind"] in _LOAN_KINDS
                sbits[i] |= _bits((a["route"],))
                elapsed += a["months"]
            mtp[i] = elapsed if first_paid is None else first_paid
            last = self.nodes[steps[-1][0]]
            # the route of the last programme, else the destination occupation's main route
            dbits[i] = _bits((last["route"] if last["kind"] == "programme" else self.nodes[dest].get("route"),))
            cbits[i] = _bits(self.home_routes.get(dest.removeprefix("occ:")[:3], ()))
        return _Candidates(
            paths=paths, ids=ids, dest_index=np.array([soc_pos[p[1]] for p in paths], dtype=np.int64),
            socs=socs, id_rank=np.arange(n), months_to_paid=mtp, training_months=train, paid_months=paid,
            has_apprenticeship=appr, needs_loan=loan, step_route_bits=sbits, dest_route_bits=dbits, first_appr=first,
            first_kind=first_kind, first_step=first_step, evidence=evidence, first_route_bits=fbits,
            close_route_bits=cbits,
        )

_ROUTE_BIT = {r: 1 << i for i, r in enumerate(ROUTES)}


def _object_array(items: Any) -> np.ndarray:
    """A 1-d object array holding ``items`` as they are (tuples stay tuples)."""
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out


def _bits(routes: Any) -> int:
    b = 0
    for r in routes:
        b |= _ROUTE_BIT.get(r, 0)
    return b


_num = as_number


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


# ============================================================================ search
def find_routes(bundle_or_context: Any, profile: Profile, local: LocalSignalsProvider,
                limit: int = 20, varied: bool = True) -> list[Route]:
    """The best routes for a learner in one area, ranked, each with its reasons.

    Parameters
    ----------
    bundle_or_context : a :class:`~pathways.bundle.Bundle` or a :class:`RouteContext`
    profile : the learner
    local : gives the local :class:`Signals` for an occupation in the learner's travel area
    limit : how many routes at most
    varied : apply the variety rules (:func:`_diversify`); ``False`` gives every scored route best first
        (at most :data:`PER_DESTINATION` per destination and kind of first step), for tests and analysis

    Returns
    -------
    list[Route]
        in rank order; ties broken by route id, so the order is always the same. Within one kind of
        first step, scores never rise down the list; across kinds they may (the list is varied).
    """
    ctx = get_context(bundle_or_context)
    c = ctx.candidates(profile)
    if len(c.ids) == 0 or limit <= 0:
        return []
    keep = np.ones(len(c.ids), dtype=bool)
    if profile.earn_while_learning:
        keep &= (c.paid_months == c.training_months) & (c.months_to_paid == 0)
    if profile.max_training_years is not None:
        keep &= c.training_months <= profile.max_training_years * 12
    if profile.avoid_debt:
        keep &= ~c.needs_loan
    if not keep.any():
        return []

    # 1. the components that do not depend on the destination's area figures
    comps = {
        "time_to_paid": 1.0 - np.minimum(c.months_to_paid, TIME_HORIZON_MONTHS) / TIME_HORIZON_MONTHS,
        "paid_training": np.where(c.training_months > 0, c.paid_months / np.maximum(c.training_months, 1), 1.0),
        "interests": _interest_component(c, profile),
        "time_to_destination": 1.0 - np.minimum(c.training_months, DESTINATION_HORIZON_MONTHS)
        / DESTINATION_HORIZON_MONTHS,
        "evidence": c.evidence,
        "training": np.full(len(c.ids), 0.5),
        "stage": _stage_component(c, profile),
    }
    # delivered near them: the first apprenticeship's local starts estimate (0.5 when the first step is not one)
    deliveries = _deliveries(local)
    thin = np.zeros(len(c.ids), dtype=bool)
    if deliveries is not None:
        est, n_england, ratio = _first_step_delivery(c, deliveries)
        is_appr = c.first_appr != ""
        keep &= ~(is_appr & (n_england == 1))   # delivered by a single provider in England: never a first step
        # thin: known to be started by fewer than MIN_LOCAL_STARTS a year from the area (NaN = no figures yet)
        thin = is_appr & (np.nan_to_num(est, nan=np.inf) < MIN_LOCAL_STARTS)
        comps["training"] = np.where(is_appr & ~np.isnan(est), _delivery_component(est, ratio), 0.5)
        if not keep.any():
            return []
    total_w = sum(WEIGHTS.values())
    base = sum(WEIGHTS[k] * comps[k] for k in comps)
    #: a thinly delivered first step loses _THIN_PENALTY (15 points of 100)
    base_sort = base - _THIN_PENALTY * thin
    # 2. the best PER_DESTINATION routes of each destination and kind of first step (ties: lowest id):
    #    local figures are the same for every route to one destination, so they cannot change the
    #    order within it
    bs = np.where(keep, np.round(base_sort, 9), -np.inf)[c.grp_order]
    picks: list[np.ndarray] = []
    for _ in range(PER_DESTINATION):
        gmax = np.maximum.reduceat(bs, c.grp_starts)
        pos = np.flatnonzero(bs == np.repeat(gmax, c.grp_sizes))
        g = c.grp_of_pos[pos]
        pos = pos[np.r_[True, g[1:] != g[:-1]]]
        pos = pos[np.isfinite(bs[pos])]
        if not len(pos):
            break
        picks.append(c.grp_order[pos])
        bs[pos] = -np.inf
    heads = picks[0]
    # 3. local figures for every destination (one call for all when the provider can), then scores.
    #    A route whose pay is not published gets no points for pay: no pay figure is guessed for it
    queue = list(dict.fromkeys(c.dest_index[heads].tolist()))
    sigs: dict[int, Any] = {}
    many = getattr(local, "signals_many", None)
    if callable(many):  # a provider that can answer for many occupations at once (faster)
        got = many([c.socs[d].removeprefix("occ:") for d in queue])
        sigs = {d: got[c.socs[d].removeprefix("occ:")] for d in queue}
    local_c: dict[int, tuple[float | None, float]] = {}
    pay_of = np.zeros(len(c.socs))
    demand_of = np.zeros(len(c.socs))
    for d in queue:
        sig = sigs.get(d) or local.signals(c.socs[d].removeprefix("occ:"))
        sigs[d] = sig
        pay_c, demand_c = _pay_component(ctx, c.socs[d], sig), _demand_component(sig)
        local_c[d] = (pay_c, demand_c)
        pay_of[d], demand_of[d] = pay_c or 0.0, demand_c
    js = np.concatenate(picks)
    dj = c.dest_index[js]
    sc = np.round((base_sort[js] + WEIGHTS["pay"] * pay_of[dj] + WEIGHTS["demand"] * demand_of[dj]) / total_w * 100.0, 6)
    order = np.lexsort((c.id_rank[js], -sc))[:max(DIVERSIFY_POOL, limit)]
    scored = [(-float(sc[k]), int(c.id_rank[js[k]]), int(js[k])) for k in order]
    chosen = _diversify(c, scored, thin, comps["stage"], limit, [_bits((i,)) for i in profile.interests]) if varied else [(neg, j) for neg, _, j in scored[:limit]]
    out: list[Route] = []
    for neg, j in chosen:
        d = int(c.dest_index[j])
        parts: dict[str, float | None] = {k: round(float(v[j]), 4) for k, v in comps.items()}
        pay_c = local_c[d][0]
        parts.update(pay=None if pay_c is None else round(pay_c, 4), demand=round(local_c[d][1], 4))
        parts = {k: parts[k] for k in WEIGHTS}
        score = -neg
        out.append(_make_route(ctx, c, j, len(out) + 1, score, parts, sigs[d], profile, deliveries, bool(thin[j])))
    return out


def _kind_cap(position: int) -> int:
    """How many of the first ``position`` routes may start with the same kind of step.

    >>> [_kind_cap(i) for i in (1, 3, 5, 10, 20)]
    [2, 2, 3, 6, 12]
    """
    return max(2, math.ceil(KIND_SHARE * position - 1e-9))


def _interest_quota(position: int, interests: int) -> int:
    """How many of the first ``position`` routes each of several chosen interests should have.

    >>> [_interest_quota(p, 2) for p in (1, 3, 4, 7, 10)], _interest_quota(10, 3), _interest_quota(10, 1)
    ([0, 0, 1, 2, 3], 2, 0)
    """
    return math.floor(INTEREST_SHARE * position / interests + 1e-9) if interests > 1 else 0


def _diversify(c: _Candidates, scored: list[tuple[float, int, int]], thin: np.ndarray, stage: np.ndarray,
               limit: int, interest_bits: list[int] | None = None) -> list[tuple[float, int]]:
    """Pick routes best first, so that a list is varied: at most :data:`PER_DESTINATION` to the same job and
    :data:`PER_FIRST_STEP` with the same first step, at each position at most :func:`_kind_cap` with the
    same kind of first step while another kind can fill it, and, when the learner chose several interests,
    at least :func:`_interest_quota` routes in each of them while one can fill it; when they chose none, at
    most :func:`_kind_cap` to jobs of the same SOC sub-major group (kinds of work), so a list for someone with
    no plan shows more than one kind of work. A thinly delivered route is never pulled forward by these rules
    (its score already carries :data:`_THIN_PENALTY`)."""
    interest_bits = interest_bits if interest_bits is not None else []
    by_group = interest_bits == []  # no interest chosen
    per_interest = [0] * len(interest_bits)
    pending = [(neg, j) for neg, _, j in scored]
    per_dest: dict[int, int] = defaultdict(int)
    per_first: dict[str, int] = defaultdict(int)
    per_kind: dict[str, int] = defaultdict(int)
    per_group: dict[str, int] = defaultdict(int)
    used = [False] * len(pending)
    out: list[tuple[float, int]] = []
    while len(out) < limit:
        cap = _kind_cap(len(out) + 1)
        open_ = [k for k, (_, j) in enumerate(pending) if not used[k] and per_first[c.first_step[j]] < PER_FIRST_STEP
                 and per_dest[int(c.dest_index[j])] < PER_DESTINATION]
        if not open_:
            break
        # an interest short of its quota takes the position, if one of its routes can (a thinly delivered
        # one only below the top five, where it says so)
        short = [b for b, n in zip(interest_bits, per_interest) if n < _interest_quota(len(out) + 1, len(interest_bits))]
        if short:
            open_ = [k for k in open_ if _route_bits(c, pending[k][1]) & short[0]
                     and stage[pending[k][1]] >= 0.8 and (len(out) >= TOP_FIVE or not thin[pending[k][1]])] or open_
        # the best route whose kind is under the cap; one pulled forward past a better route must be a
        # usual first step at the learner's stage (stage >= 0.8: not, say, a job alone at 16), well delivered
        pick = next((k for n, k in enumerate(open_) if per_kind[c.first_kind[pending[k][1]]] < cap
                     and (not by_group or per_group[_job_group(c, pending[k][1])] < cap)
                     and (n == 0 or stage[pending[k][1]] >= 0.8 and not thin[pending[k][1]])), open_[0])
        used[pick] = True
        neg, j = pending[pick]
        for i, b in enumerate(interest_bits):
            per_interest[i] += bool(_route_bits(c, j) & b)
        per_dest[int(c.dest_index[j])] += 1
        per_first[c.first_step[j]] += 1
        per_kind[c.first_kind[j]] += 1
        per_group[_job_group(c, j)] += 1
        out.append((neg, j))
    return out


def _job_group(c: _Candidates, j: int) -> str:
    """The SOC sub-major group (two digits: a kind of work) of a candidate's destination job."""
    return str(c.socs[int(c.dest_index[j])]).removeprefix("occ:")[:2]


def _route_bits(c: _Candidates, j: int) -> int:
    """The subject routes (as bits) of a candidate's first step and destination."""
    return int(c.first_route_bits[j]) | int(c.dest_route_bits[j])


#: taken off the score of a thinly delivered route (15 points of 100, as much as the whole of local demand): it
#: comes above well-delivered routes only when it fits the learner much better, e.g. their chosen interest
_THIN_PENALTY = 0.15


def _deliveries(local: Any) -> dict | None:
    """The provider's delivery figures for every apprenticeship standard, or None when it has none."""
    many = getattr(local, "delivery_many", None)
    return many() if callable(many) else None


def _first_step_delivery(c: _Candidates, deliveries: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(local starts estimate, providers in England, local share ratio) of each candidate's first
    apprenticeship (NaN, 0, NaN when there is none)."""
    est = np.full(len(c.first_ids), np.nan)
    n = np.zeros(len(c.first_ids))
    ratio = np.full(len(c.first_ids), np.nan)
    for k, pid in enumerate(c.first_ids):
        got = deliveries.get(pid) if pid else None
        if got is not None:
            est[k] = np.nan if got.local_starts_estimate is None else got.local_starts_estimate
            n[k] = got.providers_in_england
            ratio[k] = np.nan if got.local_share_ratio is None else got.local_share_ratio
    return est[c.first_code], n[c.first_code], ratio[c.first_code]


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
    return np.array([stage_fit(k, profile) for k in c.first_kinds], dtype=float)[c.first_kind_code]


# ============================================================================ building results
def _attr(obj: Any, name: str) -> Any:
    """``obj.name``, or None when it has none (a provider's signals object may carry fewer fields)."""
    return getattr(obj, name, None)


def _make_route(ctx: RouteContext, c: _Candidates, i: int, rank: int, score: float, comps: dict[str, float | None],
                sig: Any, profile: Profile, deliveries: dict | None = None, thin: bool = False) -> Route:
    steps_raw, dest, dest_why = c.paths[i]
    steps = []
    notices: list[str] = []
    for node, age_months, why, ev, ev_source in steps_raw:
        a = ctx.nodes[node]
        label, _, is_derived = EVIDENCE[ev]
        evidence = {"kind": ev, "label": label, "source": ev_source, "derived": is_derived}
        if a["kind"] == "occupation":
            steps.append(Step("job", a["soc"], plain_title(a["title"]), None, 0, True, a.get("route"), round(age_months / 12, 2), why,
                              evidence=evidence, min_age=job_min_age(a)))
            if age_months < 18 * 12:
                notices.append(f"{a['title']}: you can work full-time at 16 or 17 only if you also do part-time "
                               f"education or training until you are 18. {_fact_source(ctx.bundle, 'school_leaving_rule')}")
        else:
            delivery = deliveries.get(a["id"]) if deliveries is not None and a["programme_kind"] in _APPRENTICESHIP else None
            steps.append(Step(a["programme_kind"], a["id"], a["title"], a["level"], a["months"], a["paid"],
                              a["route"], round(age_months / 12, 2), why, a["programme_kind"] in _LOAN_KINDS, delivery,
                              evidence, _programme_min_age(ctx, node), not a.get("months_estimated", False)))
    d = ctx.nodes[dest]
    exp, reliable, basis = _pay(ctx, dest, sig)
    last = steps_raw[-1][0]
    also = tuple(plain_title(ctx.nodes[o]["title"]) for o in ctx.also.get(last, ())) if ctx.nodes[last]["kind"] == "programme" else ()
    main = ctx.nodes[last]["kind"] == "occupation" or ctx.main_occ.get(last) == dest
    starts_at = max(profile.age, FIRST_PROGRAMME_AGE)
    reached = starts_at + float(c.training_months[i]) / 12
    newly = None if exp is None else round(ctx.pay_scale.scaled(d["soc"], reached, exp), -2)
    destination = Destination(d["soc"], plain_title(d["title"]), d.get("route"), newly, exp, basis, dest_why, main, also,
                              reliable, round(reached, 2), ctx.home_routes.get(str(d["soc"])[:3], ()))
    route = Route(
        rank=rank, score=round(score, 2), components=comps, steps=tuple(steps), destination=destination,
        reasons=(), route_id=c.ids[i], starts_at_age=starts_at, thin_delivery=thin,
        notices=tuple(notices),
        total_months=int(c.training_months[i]), months_to_paid=int(c.months_to_paid[i]),
        local=sig if isinstance(sig, Signals) else Signals(**{k: _attr(sig, k) for k in (
            "pay_experienced", "adverts", "adverts_ratio", "employment_ratio",
            "apprenticeship_starts_per_1000")}, area_label=str(getattr(sig, "area_label", "")),
            period=str(getattr(sig, "period", ""))),
    )
    return _with_reasons(route, profile)


def _programme_min_age(ctx: RouteContext, node: str) -> int:
    """The youngest age a programme can be started: its legal minimum, else the lowest age its entry rules allow."""
    a = ctx.nodes[node]
    rule_ages = [e["min_age"] for by_prog in ctx.entry.values() for e in by_prog.get(node, ())]
    return max(a.get("legal_min_age") or 0, min(rule_ages) if rule_ages else FIRST_PROGRAMME_AGE)


def _fact_source(bundle: Any, key: str) -> str:
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
        out.append(f"You are {profile.age}, so these routes start when you are {FIRST_PROGRAMME_AGE}, after Year 11, and "
                   f"every age in them counts from there. {fact_text(bundle, 'school_leaving_rule')}".strip())
    return out


def fact_text(bundle: Any, key: str) -> str:
    """A dated fact's plain description with its source, or '' when the bundle does not hold it."""
    facts = getattr(bundle, "facts", None)
    if facts is None or key not in set(facts["key"]):
        return ""
    return f"{facts[facts['key'] == key].iloc[0]['description']} {_fact_source(bundle, key)}"


def _with_reasons(route: Route, profile: Profile) -> Route:
    from dataclasses import replace
    return replace(route, reasons=tuple(reasons_for(route, profile)))


def demand_sentence(s: Any) -> tuple[str, bool]:
    """One sentence about demand, named for the group of jobs and the area it is measured for, and
    whether it is notable. No ratio and no "more demand" claim on fewer than
    :data:`MIN_ADVERTS_FOR_RATIO` adverts.

    >>> demand_sentence(Signals(adverts=526, adverts_ratio=1.3, area_label="Blackpool", period="July 2025",
    ...                         group_label="Skilled construction and building trades"))[0]
    "More adverts than in most of England: 526 adverts in Blackpool in July 2025 in the job group 'skilled construction and building trades', about 1.3 times the England share."
    >>> demand_sentence(Signals(adverts=3, adverts_ratio=2.0, area_label="Isles of Scilly", period="July 2025",
    ...                         group_label="Leisure, travel and related personal service occupations"))
    ("Only 3 adverts in Isles of Scilly in July 2025 in the job group 'leisure, travel and related personal service occupations': too few to compare with England.", False)
    """
    area = getattr(s, "area_label", "") or "your area"
    period = f" in {s.period}" if getattr(s, "period", "") else ""
    group = (getattr(s, "group_label", "") or "jobs like this").lower()
    adverts, ratio = _get(s, "adverts"), _get(s, "adverts_ratio")
    if adverts is None:
        return "", False
    what = f"{adverts:,.0f} adverts in {area}{period} in the job group '{group}'"
    if adverts < MIN_ADVERTS_FOR_RATIO or ratio is None:
        return (f"Only {what}: too few to compare with England." if adverts < MIN_ADVERTS_FOR_RATIO
                else f"{what[0].upper()}{what[1:]}."), False
    if ratio >= 1.15:
        return f"More adverts than in most of England: {what}, about {ratio:.1f} times the England share.", True
    if ratio <= 0.85:
        return f"Fewer adverts than in most of England: {what} ({ratio:.1f} times the England share).", True
    return f"About as many adverts as in most of England: {what}.", False


def _part(comps: dict[str, float | None], key: str) -> float:
    """One part of a route's score, 0 when it gives no points (pay with no figure)."""
    return comps.get(key) or 0.0


def reasons_for(route: Route, profile: Profile) -> list[str]:
    """Two or three plain sentences, from the figures, for the strongest parts of the score."""
    s, d, comps = route.local, route.destination, route.components
    area = s.area_label or "your area"
    options: list[tuple[float, int, str]] = []  # (weighted strength, order, sentence)

    text, notable = demand_sentence(s)
    if text:
        # local demand is the point of the explorer: a clearly high or low figure is always said
        options.append((1.0 if notable else WEIGHTS["demand"] * 0.25, 0, text))
    if d.pay_experienced is not None and d.pay_reliable and _part(comps, "pay") >= 0.6:
        # the card lists the three pay figures; here only why pay helped this route's place
        options.append((_part(comps, "pay") * WEIGHTS["pay"], 1,
                        f"{d.title}: pay with experience is higher than in most jobs (an estimate)."))
    if route.months_to_paid == 0:
        options.append((WEIGHTS["time_to_paid"], 2,
                        "You are paid from the start: " + ("every step is paid work or an apprenticeship."
                                                           if _part(comps, "paid_training") >= 1 else "the first step is paid.")))
    else:
        options.append((_part(comps, "time_to_paid") * WEIGHTS["time_to_paid"], 2,
                        f"Your first paid step starts after about {route.months_to_paid} months of unpaid study."))
    chosen_routes = [r for r in profile.interests if r in {d.route, *(st.route for st in route.steps)}]
    close = [r for r in profile.interests if r in d.close_to]
    if chosen_routes:
        options.append((_part(comps, "interests") * WEIGHTS["interests"], 3, f"Matches your interest in {chosen_routes[0]}."))
    elif close:
        options.append((_part(comps, "interests") * WEIGHTS["interests"], 3,
                        f"Close to your interest in {close[0]}: this job is in the group of jobs that "
                        f"{close[0].lower()} apprenticeships lead to."))
    first = route.steps[0] if route.steps else None
    dl = getattr(first, "delivery", None)
    if first is not None and dl is not None:
        est = dl.local_starts_estimate
        if route.thin_delivery:
            options.append((2.0, -1, f"Few people near you start {first.title}: an estimated "
                                     f"{0 if est is None else est:.1f} a year from {area}, so it is lower in the list. "
                                     "Ask local employers and colleges before you plan on it."))
        # otherwise the card already says it under the step (Step.delivery): not repeated here
    options.sort(key=lambda t: (-t[0], t[1]))
    return [t[2] for t in options[:3]]


# ============================================================================ validation
def check_route(ctx: RouteContext, route: Route, profile: Profile) -> list[str]:
    """Problems with a route for this learner (empty = every rule is met). Used by the tests and the
    realism benchmark: entry rules and ages at each step, legal ages and licences, at most
    :data:`MAX_DERIVED` derived links and none into Level 6-7, and a destination the learner may
    legally do when the route ends."""
    problems: list[str] = []
    if not 1 <= len(route.steps) <= MAX_STEPS:
        problems.append(f"{len(route.steps)} steps")
    level, em = profile.level, profile.english_maths and profile.level >= 2
    months = max(profile.age, FIRST_PROGRAMME_AGE) * 12
    worked = 0
    derived = 0
    for n, st in enumerate(route.steps):
        age = months // 12
        if st.evidence.get("derived"):
            derived += 1
            if st.level is not None and st.level >= 6:
                problems.append(f"a derived link into Level {st.level} ({st.id})")
        if st.kind == "job":
            a = ctx.nodes[f"occ:{st.id}"]
            if n != 0:
                problems.append("a job that is not the first step")
            if age < job_min_age(a):
                problems.append(f"job {st.id} at {age}, under its minimum age {job_min_age(a)}")
            if a["needs"] & BLOCKING_NEEDS:
                problems.append(f"job {st.id} needs {sorted(a['needs'] & BLOCKING_NEEDS)} to start")
            continue
        node = f"prog:{st.id}"
        state = start_node(QUALIFICATIONS[level + 1], em)
        if ctx.rule_for(state, node, age, profile, worked) is None:
            problems.append(f"{st.id} ({st.kind} L{st.level}) not open from {state} at {age}")
        g = gained_qualification(st.level or 0, st.kind, st.id)
        if profile.english_maths and st.id in FOR_WITHOUT_ENGLISH_MATHS:
            problems.append(f"{st.id} is an English and maths top-up for a learner who has them")
        em = (em or profile.english_maths or ctx.gives_english_maths(node, age))
        if g is not None:
            level = max(level, QUALIFICATIONS.index(g) - 1)
        em = em and level >= 2
        months += st.months
        worked += st.months if st.paid else 0
    if derived > MAX_DERIVED:
        problems.append(f"{derived} derived links")
    dest = f"occ:{route.destination.soc}"
    raw_steps = tuple((f"occ:{s.id}" if s.kind == "job" else f"prog:{s.id}",) for s in route.steps)
    if not ctx.can_end_at(dest, raw_steps, months, profile.level):
        problems.append(f"ends at {route.destination.soc} at {months // 12}: under its minimum age, without the "
                        "degree it needs, or below the level its job group needs")
    return problems
