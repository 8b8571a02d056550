"""From where a learner is now to realistic, ranked and explained routes in their area.

A route is at most :data:`MAX_STEPS` steps (programmes, or a job with no formal entry
requirements) from the learner's start node to an occupation. Every step respects the entry
rule stored on the graph edge that leads to it, checked at the learner's age when that step
starts (age advances by each step's duration). University degrees are never routes: they are
only a comparison (see :mod:`pathways.money`).

The ranking is a weighted sum of six components, each between 0 and 1, with the weights in
:data:`WEIGHTS`. Local figures come from a :class:`LocalSignalsProvider` (one area, any
occupation). Candidate paths depend only on the start node, age and EHC plan / care leaver
flags, so they are built once per such key and cached; a call then only filters and scores.

Examples
--------
>>> routes = find_routes(bundle, profile, provider, limit=5)   # doctest: +SKIP
>>> routes[0].to_dict()["steps"][0]["title"]                     # doctest: +SKIP
'Engineering technician'
"""

from __future__ import annotations

import heapq
import math
import threading
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, runtime_checkable

import networkx as nx
import numpy as np

from pathways.graph import build_graph, gained_qualification
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
]

#: how much each component counts; they need not sum to 1 (the score is normalised to 0-100)
WEIGHTS: dict[str, float] = {
    "pay": 0.15,            # destination pay, local modelled if available (else national)
    "demand": 0.20,         # local adverts / employment for the occupation relative to England
    "training": 0.10,       # delivered near them: people from the travel area starting the first apprenticeship
    "time_to_paid": 0.10,   # months until the first paid step
    "paid_training": 0.10,  # share of training time that is paid
    "interests": 0.25,      # fit to the learner's chosen routes (neutral when none chosen)
    "time_to_destination": 0.10,  # months of training before the destination job (shorter is surer)
}
COMPONENT_LABELS = {
    "pay": "Pay at the destination",
    "demand": "Local demand",
    "training": "Trained near you",
    "time_to_paid": "Time to a paid job",
    "paid_training": "Pay while training",
    "interests": "Fit to interests",
    "time_to_destination": "Time to the destination job",
}
MAX_STEPS = 4
#: at most this many routes to the same destination in one answer (variety)
PER_DESTINATION = 2
#: time to a paid step at which that component reaches 0
TIME_HORIZON_MONTHS = 48
#: training time before the destination job at which that component reaches 0
DESTINATION_HORIZON_MONTHS = 96
#: programmes start from 16: a younger learner's routes start at 16 (after Year 11)
FIRST_PROGRAMME_AGE = 16
#: a first-step apprenticeship with fewer estimated starts a year from the travel area than this is
#: ranked after every route that starts with something delivered near the learner (and says so)
MIN_LOCAL_STARTS = 1.0
#: estimated local starts a year at which the "trained near you" component reaches 1 (log scale)
LOCAL_STARTS_FULL = 100.0
NATIONAL_PAY_BASIS = "national figure from the ONS pay survey: lower quartile to start, median with experience"
_APPRENTICESHIP = ("apprenticeship", "foundation_apprenticeship")
_LOAN_KINDS = ("htq",)  # usually paid for with a tuition fee loan (Student Finance England)


# ============================================================================ local signals
@dataclass(frozen=True)
class Signals:
    """Local figures for one occupation in one travel area (``None`` = not available).

    pay_start, pay_experienced : modelled local annual full-time pay, £
    adverts : online job adverts in the travel area in ``period``
    adverts_ratio, employment_ratio : local share of the occupation group / England share (1.0 = average)
    apprenticeship_starts_per_1000 : apprenticeship starts per 1,000 people in the area
    england_apprenticeship_starts_per_1000 : the same for England, to compare against
    """

    pay_start: float | None = None
    pay_experienced: float | None = None
    adverts: float | None = None
    adverts_ratio: float | None = None
    employment_ratio: float | None = None
    apprenticeship_starts_per_1000: float | None = None
    area_label: str = ""
    period: str = ""
    england_apprenticeship_starts_per_1000: float | None = None
    pay_basis: str = "modelled local estimate"

    def to_dict(self) -> dict:
        return asdict(self)


@runtime_checkable
class LocalSignalsProvider(Protocol):
    """Local figures for one area; implemented by :mod:`pathways.labour_market`."""

    def signals(self, soc: str) -> Signals:  # pragma: no cover - protocol
        ...

    # Optional, not part of the protocol check: ``signals_many(socs: list[str]) -> dict[str, Signals]``.
    # When a provider has it, :func:`find_routes` asks once for every destination instead of
    # one by one (one call per destination otherwise, stopping early when the rest cannot rank).


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
    pay_start: float | None
    pay_experienced: float | None
    pay_basis: str
    why: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Route:
    """A ranked route with the figures and reasons behind its place."""

    rank: int
    score: float
    components: dict[str, float]
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
        }


# ============================================================================ context
@dataclass
class _Candidates:
    """Every path for one (start, age, flags) key, as parallel arrays.

    ``paths`` and ``ids`` are NumPy object arrays, not lists: the garbage collector does not walk
    into arrays, while a full collection walks every element of every cached list (70 ms once 48
    keys were cached, against 2 ms with arrays; Streamlit by default collects after every run).
    """

    paths: np.ndarray           # of ((node, age_months, edge_why), ...), dest node, dest why
    ids: np.ndarray             # of str
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
    first_appr: np.ndarray = None    # programme id of the first step when it is an apprenticeship, else ""
    first_code: np.ndarray = None    # index of first_appr in first_ids
    first_ids: list = None
    grp_order: np.ndarray = None     # candidates sorted by (destination, id)
    grp_starts: np.ndarray = None    # where each destination's run starts in grp_order
    grp_sizes: np.ndarray = None
    grp_of_pos: np.ndarray = None    # destination group of each position in grp_order

    def __post_init__(self) -> None:
        self.paths, self.ids = _object_array(self.paths), _object_array(self.ids)
        if self.first_appr is None:
            self.first_appr = np.full(len(self.ids), "", dtype=object)
        self.grp_order = np.lexsort((self.id_rank, self.dest_index))
        d = self.dest_index[self.grp_order]
        self.grp_starts = np.flatnonzero(np.r_[True, d[1:] != d[:-1]]) if len(d) else np.zeros(0, dtype=np.int64)
        self.grp_sizes = np.diff(np.r_[self.grp_starts, len(d)])
        self.grp_of_pos = np.repeat(np.arange(len(self.grp_starts)), self.grp_sizes)
        firsts, self.first_code = np.unique(self.first_appr.astype(str), return_inverse=True)
        self.first_ids: list[str] = firsts.tolist()


class RouteContext:
    """The graph plus precomputed adjacency, national pay and the candidate cache, for one bundle."""

    def __init__(self, bundle: Any, graph: nx.MultiDiGraph | None = None) -> None:
        self.bundle = bundle
        self.graph = graph if graph is not None else build_graph(bundle)
        g = self.graph
        self.nodes = dict(g.nodes(data=True))
        self.entry: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        self.direct: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        self.trains: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.prog_next: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.occ_next: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for u, v, e in sorted(g.edges(data=True), key=lambda t: (t[0], t[1], t[2].get("rule_id", ""))):
            k = e["kind"]
            if k == "entry":
                self.entry[u][v].append(e)
            elif k == "direct_entry":
                self.direct[u].append((v, e))
            elif k == "trains_for":
                self.trains[u].append((v, e["why"]))
            elif k == "progresses_to":
                (self.prog_next if self.nodes[v]["kind"] == "programme" else self.occ_next)[u].append((v, e["why"]))
        self.level_up = self._level_up_table()
        self.national_pay = self._national_pay()
        medians = [p[1] for p in self.national_pay.values() if p[1] is not None]
        self.pay_lo, self.pay_hi = (float(np.percentile(medians, 10)), float(np.percentile(medians, 90))) \
            if len(medians) >= 2 else (20000.0, 45000.0)
        self.owner: Any = bundle
        self._cache: dict[tuple, _Candidates] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ static tables
    def _level_up_table(self) -> dict[str, list[str]]:
        """For each programme, the higher programmes a learner may move on to after it.

        Only for programmes with no explicit ``progresses_to`` edge that are not apprenticeships
        (apprenticeships progress along the ``progressions`` table). Same route and a higher level; when both train for occupations, they must share a SOC
        sub-major group (so engineering leads on to engineering, not to any engineering-route
        job). A programme with no route (e.g. Functional Skills) leads to any programme at most
        one level above what it gives.
        """
        progs = [n for n, a in self.nodes.items() if a["kind"] == "programme" and a["open"]]
        explicit = {u for u, targets in self.prog_next.items() if targets}
        groups = {p: {v.removeprefix("occ:")[:2] for v, _ in self.trains.get(p, [])} for p in progs}
        by_route: dict[str | None, list[str]] = defaultdict(list)
        for p in progs:
            by_route[self.nodes[p]["route"]].append(p)
        out: dict[str, list[str]] = {}
        for p in progs:
            a = self.nodes[p]
            gained = gained_qualification(a["level"], a["programme_kind"])
            if a["level"] >= 6 or p in explicit or a["programme_kind"] in _APPRENTICESHIP:
                continue
            # one above the level gained (QUALIFICATIONS is offset by one by "none")
            top = QUALIFICATIONS.index(gained) if gained is not None else a["level"] + 1
            if a["route"] is None:
                pool = [q for q in progs if q != p and a["level"] <= self.nodes[q]["level"] <= top]
            else:
                pool = [q for q in by_route[a["route"]] if self.nodes[q]["level"] > a["level"]
                        and (not groups[p] or not groups[q] or groups[p] & groups[q])]
            out[p] = sorted(pool)
        return out

    def _national_pay(self) -> dict[str, tuple[float | None, float | None]]:
        occ = self.bundle.occupations
        out = {}
        for r in occ.itertuples(index=False):
            p25, med = _num(r.annual_p25), _num(r.annual_median)
            out[str(r.soc)] = (p25, med)
        return out

    # ------------------------------------------------------------------ rules
    def rule_for(self, start: str, prog: str, age_years: int, profile: Profile) -> dict | None:
        """The first entry rule on an edge ``start -> prog`` that this learner meets at this age."""
        for e in self.entry.get(start, {}).get(prog, ()):
            if _age_ok(e, age_years, profile.ehcp, profile.care_leaver):
                return e
        return None

    def gives_english_maths(self, prog: str, age_years: int) -> bool:
        """Apprentices who start a Level 3+ apprenticeship under 19 work to Level 2 English and maths."""
        a = self.nodes[prog]
        return a["programme_kind"] in _APPRENTICESHIP and a["level"] >= 3 and age_years < 19

    # ------------------------------------------------------------------ candidates
    def candidates(self, profile: Profile) -> _Candidates:
        key = (profile.start, max(profile.age, FIRST_PROGRAMME_AGE), profile.ehcp, profile.care_leaver)
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
        found: dict[str, tuple] = {}
        start = profile.start
        age0 = age * 12
        level0 = profile.level
        em0 = profile.english_maths and level0 >= 2

        def emit(steps: tuple, dest: str, why: str) -> None:
            rid = "|".join([start] + [s[0] for s in steps] + [dest])
            if rid not in found:
                found[rid] = (steps, dest, why)

        def after_programme(steps: tuple, elapsed: int, level: int, em: bool) -> None:
            p = steps[-1][0]
            a = self.nodes[p]
            age_start = (age0 + elapsed) // 12
            elapsed += a["months"]
            gained = gained_qualification(a["level"], a["programme_kind"])
            if gained is not None:
                level = max(level, QUALIFICATIONS.index(gained) - 1)
            em = (em or self.gives_english_maths(p, age_start)) and level >= 2
            for occ, why in self.trains.get(p, ()):
                emit(steps, occ, why)
            for occ, why in self.occ_next.get(p, ()):
                emit(steps, occ, why)
            if len(steps) >= MAX_STEPS:
                return
            state = start_node(QUALIFICATIONS[level + 1], em)
            seen = {s[0] for s in steps}
            nexts = [q for q, _ in self.prog_next.get(p, ())] + self.level_up.get(p, [])
            for q in dict.fromkeys(nexts):
                if q in seen:
                    continue
                rule = self.rule_for(state, q, (age0 + elapsed) // 12, profile)
                if rule is not None:
                    after_programme(steps + ((q, age0 + elapsed, rule["why"]),), elapsed, level, em)

        state0 = start
        for prog in sorted(self.entry.get(state0, {})):
            rule = self.rule_for(state0, prog, age, profile)
            if rule is not None:
                after_programme(((prog, age0, rule["why"]),), 0, level0, em0)
        for occ, e in self.direct.get(state0, ()):
            if not _age_ok(e, age, profile.ehcp, profile.care_leaver):
                continue
            job = ((occ, age0, e["why"]),)
            emit(job, occ, e["why"])
            for o2, why in self.occ_next.get(occ, ()):
                emit(job, o2, why)
            for q, why in self.prog_next.get(occ, ()):
                rule = self.rule_for(state0, q, age, profile)
                if rule is not None:
                    after_programme(job + ((q, age0, f"{why} {rule['why']}"),), 0, level0, em0)
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
        for i, (steps, dest, _) in enumerate(paths):
            a0 = self.nodes[steps[0][0]]
            if a0["kind"] == "programme" and a0["programme_kind"] in _APPRENTICESHIP:
                first[i] = a0["id"]
            elapsed, first_paid = 0, None
            for node, _, _ in steps:
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
        return _Candidates(
            paths=paths, ids=ids, dest_index=np.array([soc_pos[p[1]] for p in paths], dtype=np.int64),
            socs=socs, id_rank=np.arange(n), months_to_paid=mtp, training_months=train, paid_months=paid,
            has_apprenticeship=appr, needs_loan=loan, step_route_bits=sbits, dest_route_bits=dbits, first_appr=first,
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


def _num(value: Any) -> float | None:
    """A float, or None for missing (None, NaN, pd.NA)."""
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


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
                limit: int = 20) -> list[Route]:
    """The best routes for a learner in one area, ranked, each with its reasons.

    Parameters
    ----------
    bundle_or_context : a :class:`~pathways.bundle.Bundle` or a :class:`RouteContext`
    profile : the learner
    local : gives the local :class:`Signals` for an occupation in the learner's travel area
    limit : how many routes at most

    Returns
    -------
    list[Route]
        best first; ties broken by route id, so the order is always the same.
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

    # 1. the components that do not depend on the area (the area-wide training figure comes later)
    comps = {
        "time_to_paid": 1.0 - np.minimum(c.months_to_paid, TIME_HORIZON_MONTHS) / TIME_HORIZON_MONTHS,
        "paid_training": np.where(c.training_months > 0, c.paid_months / np.maximum(c.training_months, 1), 1.0),
        "interests": _interest_component(c, profile),
        "time_to_destination": 1.0 - np.minimum(c.training_months, DESTINATION_HORIZON_MONTHS)
        / DESTINATION_HORIZON_MONTHS,
    }
    # 1b. delivered near them: the first apprenticeship's local starts estimate (same for every destination)
    deliveries = _deliveries(local)
    thin = np.zeros(len(c.ids), dtype=bool)
    if deliveries is not None:
        est, n_england = _first_step_delivery(c, deliveries)
        is_appr = c.first_appr != ""
        keep &= ~(is_appr & (n_england <= 1))   # delivered by a single provider in England: never a first step
        thin = is_appr & ~(est >= MIN_LOCAL_STARTS)
        comps["training"] = np.where(is_appr, np.minimum(np.log1p(np.nan_to_num(est)) / math.log1p(LOCAL_STARTS_FULL), 1.0),
                                     0.5)
        if not keep.any():
            return []
    total_w = sum(WEIGHTS.values())
    base = sum(WEIGHTS[k] * comps[k] for k in comps)
    #: ordering key: a thinly delivered first step sorts after every other route, whatever its score
    base_sort = base - _THIN_PENALTY * thin
    # 2. the best PER_DESTINATION routes of each destination (ties: lowest id): local figures are
    #    the same for every route to one destination, so they cannot change the order within it
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
    heads = heads[np.lexsort((c.dest_index[heads], -np.round(base_sort[heads], 9)))]
    members: dict[int, list[int]] = defaultdict(list)
    for arr in picks:
        for j, d in zip(arr.tolist(), c.dest_index[arr].tolist()):
            members[d].append(j)
    # 3. fetch local figures destination by destination, best possible score first, and stop
    #    when no remaining destination could enter the top ``limit`` (local parts are at most 1)
    queue = c.dest_index[heads].tolist()
    best_base = dict(zip(queue, base_sort[heads].tolist()))
    sigs: dict[int, Any] = {}
    many = getattr(local, "signals_many", None)
    if callable(many):  # a provider that can answer for many occupations at once (faster)
        got = many([c.socs[d].removeprefix("occ:") for d in queue])
        sigs = {d: got[c.socs[d].removeprefix("occ:")] for d in queue}
    first_sig = sigs.get(queue[0]) or local.signals(c.socs[queue[0]].removeprefix("occ:"))
    sigs[queue[0]] = first_sig
    if "training" in comps:  # already in the base score
        train_c = np.zeros(len(c.ids))
        headroom = WEIGHTS["pay"] + WEIGHTS["demand"]
    else:  # no delivery figures (a provider without them): the area's apprenticeship starts per 1,000
        train_area = _ratio_component(_get(first_sig, "apprenticeship_starts_per_1000"),
                                      _get(first_sig, "england_apprenticeship_starts_per_1000"))
        train_c = np.where(c.has_apprenticeship, train_area, 0.5)
        comps["training"] = train_c
        headroom = WEIGHTS["pay"] + WEIGHTS["demand"] + WEIGHTS["training"] * max(train_area, 0.5)
    by_dest = members
    id_rank = c.id_rank
    scored: list[tuple[float, int, int]] = []  # (-score, id_rank, j)
    local_c: dict[int, tuple[float, float]] = {}
    top: list[float] = []  # min-heap of the best ``limit`` scores so far
    for d in queue:
        if len(top) >= limit and (best_base[d] + headroom) / total_w * 100.0 < top[0] - 1e-6:
            break
        sig = sigs.get(d) or local.signals(c.socs[d].removeprefix("occ:"))
        sigs[d] = sig
        local_c[d] = (_pay_component(ctx, c.socs[d], sig), _demand_component(sig))
        for j in by_dest[d]:
            sc = round((base_sort[j] + WEIGHTS["training"] * train_c[j] + WEIGHTS["pay"] * local_c[d][0]
                        + WEIGHTS["demand"] * local_c[d][1]) / total_w * 100.0, 6)
            scored.append((-sc, int(id_rank[j]), j))
            heapq.heappush(top, sc)
            if len(top) > limit:
                heapq.heappop(top)
    scored.sort()
    out = []
    for rank, (neg, _, j) in enumerate(scored[:limit], 1):
        d = int(c.dest_index[j])
        parts = {k: round(float(v[j]), 4) for k, v in comps.items()}
        parts.update(pay=round(local_c[d][0], 4), demand=round(local_c[d][1], 4))
        parts = {k: parts[k] for k in WEIGHTS}
        score = -neg + (_THIN_PENALTY / total_w * 100.0 if thin[j] else 0.0)
        out.append(_make_route(ctx, c, j, rank, score, parts, sigs[d], profile, deliveries, bool(thin[j])))
    return out


#: subtracted from the ordering key of thinly delivered routes (the base score is at most the sum of weights)
_THIN_PENALTY = 10.0


def _deliveries(local: Any) -> dict | None:
    """The provider's delivery figures for every apprenticeship standard, or None when it has none."""
    many = getattr(local, "delivery_many", None)
    return many() if callable(many) else None


def _first_step_delivery(c: _Candidates, deliveries: dict) -> tuple[np.ndarray, np.ndarray]:
    """(local starts estimate, providers in England) of each candidate's first apprenticeship (NaN, 0 if none)."""
    est = np.full(len(c.first_ids), np.nan)
    n = np.zeros(len(c.first_ids))
    for k, pid in enumerate(c.first_ids):
        got = deliveries.get(pid) if pid else None
        if got is not None:
            est[k] = np.nan if got.local_starts_estimate is None else got.local_starts_estimate
            n[k] = got.providers_in_england
    return est[c.first_code], n[c.first_code]


def _get(sig: Any, name: str) -> float | None:
    return _num(getattr(sig, name, None))


def _pay(ctx: RouteContext, soc_node: str, sig: Any) -> tuple[float | None, float | None, str]:
    start, exp = _get(sig, "pay_start"), _get(sig, "pay_experienced")
    if start is not None or exp is not None:
        return start, exp, getattr(sig, "pay_basis", "modelled local estimate") or "modelled local estimate"
    p25, med = ctx.national_pay.get(soc_node.removeprefix("occ:"), (None, None))
    return p25, med, NATIONAL_PAY_BASIS


def _pay_component(ctx: RouteContext, soc_node: str, sig: Any) -> float:
    start, exp, _ = _pay(ctx, soc_node, sig)
    pay = exp if exp is not None else start
    if pay is None:
        return 0.5
    return float(min(max((pay - ctx.pay_lo) / max(ctx.pay_hi - ctx.pay_lo, 1.0), 0.0), 1.0))


def _ratio_component(value: float | None, base: float | None = 1.0) -> float:
    """0.5 at the England average, 0.75 at twice it, 0.25 at half; 0.5 when unknown."""
    if value is None or base is None or value <= 0 or base <= 0:
        return 0.5
    return float(min(max(0.5 + 0.25 * math.log2(value / base), 0.0), 1.0))


def _demand_component(sig: Any) -> float:
    ratios = [r for r in (_get(sig, "adverts_ratio"), _get(sig, "employment_ratio")) if r is not None and r > 0]
    if not ratios:
        return 0.5
    return _ratio_component(math.exp(sum(math.log(r) for r in ratios) / len(ratios)))


def _interest_component(c: _Candidates, profile: Profile) -> np.ndarray:
    if not profile.interests:
        return np.full(len(c.ids), 0.5)
    want = _bits(profile.interests)
    return np.where((c.dest_route_bits & want) != 0, 1.0, np.where((c.step_route_bits & want) != 0, 0.5, 0.0))


# ============================================================================ building results
def _make_route(ctx: RouteContext, c: _Candidates, i: int, rank: int, score: float, comps: dict[str, float],
                sig: Any, profile: Profile, deliveries: dict | None = None, thin: bool = False) -> Route:
    steps_raw, dest, dest_why = c.paths[i]
    steps = []
    for node, age_months, why in steps_raw:
        a = ctx.nodes[node]
        if a["kind"] == "occupation":
            steps.append(Step("job", a["soc"], a["title"], None, 0, True, a.get("route"), round(age_months / 12, 2), why))
        else:
            delivery = deliveries.get(a["id"]) if deliveries is not None and a["programme_kind"] in _APPRENTICESHIP else None
            steps.append(Step(a["programme_kind"], a["id"], a["title"], a["level"], a["months"], a["paid"],
                              a["route"], round(age_months / 12, 2), why, a["programme_kind"] in _LOAN_KINDS, delivery))
    d = ctx.nodes[dest]
    start, exp, basis = _pay(ctx, dest, sig)
    destination = Destination(d["soc"], d["title"], d.get("route"), start, exp, basis, dest_why)
    route = Route(
        rank=rank, score=round(score, 2), components=comps, steps=tuple(steps), destination=destination,
        reasons=(), route_id=c.ids[i], starts_at_age=max(profile.age, FIRST_PROGRAMME_AGE), thin_delivery=thin,
        total_months=int(c.training_months[i]), months_to_paid=int(c.months_to_paid[i]),
        local=sig if isinstance(sig, Signals) else Signals(**{k: getattr(sig, k, None) for k in (
            "pay_start", "pay_experienced", "adverts", "adverts_ratio", "employment_ratio",
            "apprenticeship_starts_per_1000")}, area_label=str(getattr(sig, "area_label", "")),
            period=str(getattr(sig, "period", ""))),
    )
    return _with_reasons(route, profile)


def _with_reasons(route: Route, profile: Profile) -> Route:
    from dataclasses import replace
    return replace(route, reasons=tuple(reasons_for(route, profile)))


def reasons_for(route: Route, profile: Profile) -> list[str]:
    """Two or three plain sentences, from the figures, for the strongest parts of the score."""
    s, d, comps = route.local, route.destination, route.components
    area = s.area_label or "your area"
    period = f" in {s.period}" if s.period else ""
    options: list[tuple[float, int, str]] = []  # (weighted strength, order, sentence)

    ratio = _get(s, "adverts_ratio")
    ratio = ratio if ratio is not None else _get(s, "employment_ratio")
    adverts = _get(s, "adverts")
    if adverts is not None or ratio is not None:
        count = f"{adverts:,.0f} adverts{period} in {area}" if adverts is not None else f"in {area}"
        if ratio is not None and ratio >= 1.15:
            text = f"Lots of local demand: {count}, about {ratio:.1f} times the England share for this kind of job."
        elif ratio is not None and ratio <= 0.85:
            text = f"Less local demand than in most of England: {count} ({ratio:.1f} times the England share)."
        else:
            text = f"Local demand is about the England average: {count}."
        notable = ratio is not None and (ratio >= 1.15 or ratio <= 0.85)
        # local demand is the point of the explorer: a clearly high or low figure is always said
        options.append((1.0 if notable else WEIGHTS["demand"] * 0.25, 0, text))
    pay = d.pay_experienced if d.pay_experienced is not None else d.pay_start
    if pay is not None:
        where = "locally" if "local" in d.pay_basis else "in England"
        start = f"around £{round(d.pay_start, -2):,.0f} a year to start, " if d.pay_start is not None and d.pay_experienced is not None else ""
        options.append((comps["pay"] * WEIGHTS["pay"], 1,
                        f"{d.title}: {start}about £{round(pay, -2):,.0f} a year with experience {where} "
                        f"(an estimate)."))
    if route.months_to_paid == 0:
        options.append((WEIGHTS["time_to_paid"], 2,
                        "You are paid from the start: " + ("every step is paid work or an apprenticeship."
                                                           if comps["paid_training"] >= 1 else "the first step is paid.")))
    else:
        options.append((comps["time_to_paid"] * WEIGHTS["time_to_paid"], 2,
                        f"Your first paid step starts after about {route.months_to_paid} months of unpaid study."))
    chosen_routes = [r for r in profile.interests if r in {d.route, *(st.route for st in route.steps)}]
    if chosen_routes:
        options.append((comps["interests"] * WEIGHTS["interests"], 3, f"Matches your interest in {chosen_routes[0]}."))
    first = route.steps[0] if route.steps else None
    dl = getattr(first, "delivery", None)
    if dl is not None:
        est = dl.local_starts_estimate
        if route.thin_delivery:
            options.append((2.0, -1, f"Few people near you start {first.title}: an estimated "
                                     f"{0 if est is None else est:.1f} a year from {area}. It is shown because few other "
                                     "routes fit you. Ask local employers and colleges before you plan on it."))
        else:
            options.append((comps["training"] * WEIGHTS["training"], 4, f"{first.title}: {dl.sentence()}"))
    starts = _get(s, "apprenticeship_starts_per_1000")
    if dl is None and starts is not None and any(st.kind in _APPRENTICESHIP for st in route.steps):
        base = _get(s, "england_apprenticeship_starts_per_1000")
        cmp = f" (England: {base:.1f})" if base is not None else ""
        options.append((abs(comps["training"] - 0.5) * WEIGHTS["training"] * 2, 4,
                        f"{area} has {starts:.1f} apprenticeship starts per 1,000 people{cmp}."))
    options.sort(key=lambda t: (-t[0], t[1]))
    return [t[2] for t in options[:3]]


# ============================================================================ validation
def check_route(ctx: RouteContext, route: Route, profile: Profile) -> list[str]:
    """Problems with a route for this learner (empty = every rule is met). Used by the tests."""
    problems: list[str] = []
    if not 1 <= len(route.steps) <= MAX_STEPS:
        problems.append(f"{len(route.steps)} steps")
    level, em = profile.level, profile.english_maths and profile.level >= 2
    months = max(profile.age, FIRST_PROGRAMME_AGE) * 12
    for n, st in enumerate(route.steps):
        age = months // 12
        if st.kind == "job":
            if n != 0:
                problems.append("a job that is not the first step")
            if age < 16:
                problems.append("a job before 16")
            continue
        node = f"prog:{st.id}"
        state = start_node(QUALIFICATIONS[level + 1], em)
        if ctx.rule_for(state, node, age, profile) is None:
            problems.append(f"{st.id} ({st.kind} L{st.level}) not open from {state} at {age}")
        g = gained_qualification(st.level, st.kind)
        em = (em or ctx.gives_english_maths(node, age))
        if g is not None:
            level = max(level, QUALIFICATIONS.index(g) - 1)
        em = em and level >= 2
        months += st.months
    return problems
