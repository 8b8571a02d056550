"""Every candidate path of one learner key as parallel NumPy arrays (:class:`Candidates`), built from the paths the
search found (:func:`build_candidates`), so that ranking scores thousands of routes at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from pathways.graph_progressions import EVIDENCE
from pathways.profile import ROUTES
from pathways.routes.settings import HOME_GROUP_DIGITS, UNASKED_NEEDS
from pathways.vocab import APPRENTICESHIP_KINDS, JOB, LOAN_KINDS

if TYPE_CHECKING:  # the context builds these arrays: importing it at run time would be a cycle
    from pathways.routes.candidates import RouteContext

__all__ = ["Candidates", "build_candidates", "route_bits"]


@dataclass
class Candidates:
    """Every path for one (start, age, flags) key, as parallel arrays.

    ``paths`` and ``ids`` are NumPy object arrays, not lists: the garbage collector does not walk
    into arrays, while a full collection walks every element of every cached list (70 ms once 48
    keys were cached, against 2 ms with arrays; Streamlit by default collects after every run).
    """

    paths: Any  # of ((node, age_months, why, evidence kind, evidence source), ...), dest node, dest why:
    ids: Any  # of str; both given as lists and kept as object arrays (see above)
    dest_index: np.ndarray  # index into socs
    socs: list[str]
    id_rank: np.ndarray
    months_to_paid: np.ndarray
    training_months: np.ndarray
    paid_months: np.ndarray
    has_apprenticeship: np.ndarray
    needs_loan: np.ndarray
    step_route_bits: np.ndarray
    dest_route_bits: np.ndarray
    first_appr: np.ndarray  # programme id of the first step when it is an apprenticeship, else ""
    first_kind: np.ndarray  # kind of the first step (:data:`~pathways.routes.settings.JOB` for a job)
    first_step: np.ndarray  # node id of the first step
    #: the first step needs something the start form does not ask about (:data:`UNASKED_NEEDS`)
    first_unasked: np.ndarray
    #: apprenticeship steps after the first, as (candidate index, index into ``later_ids``) pairs
    later_cand: np.ndarray
    later_code: np.ndarray
    later_ids: list[str]
    later_months: np.ndarray  # the age in months at which each of those steps starts
    evidence: np.ndarray  # weakest evidence strength over the route's steps (0-1)
    first_route_bits: np.ndarray
    #: the subject routes the destination job is close to (:attr:`RouteContext.home_routes`)
    close_route_bits: np.ndarray
    # worked out in __post_init__
    first_code: np.ndarray = field(init=False)  # index of first_appr in first_ids
    first_ids: list[str] = field(init=False)
    first_kind_code: np.ndarray = field(init=False)  # index of first_kind in first_kinds
    first_kinds: list[str] = field(init=False)
    grp_order: np.ndarray = field(init=False)  # candidates sorted by (destination, kind of first step, id)
    grp_starts: np.ndarray = field(init=False)  # where each (destination, kind) group's run starts in grp_order
    grp_sizes: np.ndarray = field(init=False)
    grp_of_pos: np.ndarray = field(init=False)  # (destination, first kind) group of each position in grp_order
    n_steps: np.ndarray = field(init=False)  # how many steps each route has

    def __post_init__(self) -> None:
        self.paths, self.ids = _object_array(self.paths), _object_array(self.ids)
        self.n_steps = np.array([len(p[0]) for p in self.paths], dtype=np.int64)
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


def build_candidates(rc: RouteContext, found: dict[str, tuple]) -> Candidates:
    """The arrays for the paths the search found (route id -> (steps, destination node, why)), in route id order."""
    ids = sorted(found)
    paths = [found[i] for i in ids]
    socs = sorted({p[1] for p in paths})
    soc_pos = {s: i for i, s in enumerate(socs)}
    return Candidates(
        paths=paths,
        ids=ids,
        dest_index=np.array([soc_pos[p[1]] for p in paths], dtype=np.int64),
        socs=socs,
        id_rank=np.arange(len(paths)),
        **_first_steps(rc, paths),
        **_steps(rc, paths),
        **_destinations(rc, paths),
    )


def _first_steps(rc: RouteContext, paths: list[tuple]) -> dict[str, Any]:
    """What ranking needs to know of each path's first step: its node, kind, subject route, whether it needs something
    the start form does not ask about, and its programme id when it is an apprenticeship."""
    n = len(paths)
    first_step, first_kind, first_appr = (np.full(n, "", dtype=object) for _ in range(3))
    unasked = np.zeros(n, dtype=bool)
    bits = np.zeros(n, dtype=np.int64)
    for i, (steps, _, _) in enumerate(paths):
        a0 = rc.nodes[steps[0][0]]
        first_step[i] = steps[0][0]
        unasked[i] = bool(a0["needs"] & UNASKED_NEEDS)
        first_kind[i] = JOB if a0["kind"] == "occupation" else a0["programme_kind"]
        bits[i] = route_bits((a0.get("route"),))
        if a0["kind"] == "programme" and a0["programme_kind"] in APPRENTICESHIP_KINDS:
            first_appr[i] = a0["id"]
    return {
        "first_step": first_step,
        "first_kind": first_kind,
        "first_appr": first_appr,
        "first_unasked": unasked,
        "first_route_bits": bits,
    }


def _steps(rc: RouteContext, paths: list[tuple]) -> dict[str, Any]:
    """Along each path: months to the first paid step, months of training and of paid training, apprenticeship and
    loan steps, the subject routes of its steps, its weakest evidence and its later apprenticeship steps."""
    n = len(paths)
    cols = {
        "months_to_paid": np.zeros(n),
        "training_months": np.zeros(n),
        "paid_months": np.zeros(n),
        "has_apprenticeship": np.zeros(n, dtype=bool),
        "needs_loan": np.zeros(n, dtype=bool),
        "step_route_bits": np.zeros(n, dtype=np.int64),
        "evidence": np.ones(n),
    }
    later: list[tuple[int, str, int]] = []
    for i, (steps, dest, _) in enumerate(paths):
        if steps[-1][0] in rc.placeholder_end and dest == rc.main_occ.get(steps[-1][0]):
            # the route ends at a job its last programme is linked to only by a placeholder
            cols["evidence"][i] = EVIDENCE["placeholder_job_link"].strength
        later += [(i, pid, at) for pid, at in _walk(rc, steps, i, cols)]
    return {**cols, **_later_pairs(later)}


def _walk(rc: RouteContext, steps: tuple, i: int, cols: dict[str, np.ndarray]) -> list[tuple[str, int]]:
    """Fill row ``i`` of ``cols`` from one path's steps; the later apprenticeship steps as (programme id, age in
    months at its start)."""
    later: list[tuple[str, int]] = []
    elapsed, first_paid = 0, None
    for node, at_months, _, ev, _ in steps:
        cols["evidence"][i] = min(cols["evidence"][i], EVIDENCE[ev].strength)
        a = rc.nodes[node]
        if a["kind"] == "occupation":
            first_paid = elapsed if first_paid is None else first_paid
            cols["step_route_bits"][i] |= route_bits((a.get("route"),))
            continue
        if a["paid"] and first_paid is None:
            first_paid = elapsed
        cols["training_months"][i] += a["months"]
        cols["paid_months"][i] += a["months"] if a["paid"] else 0
        is_appr = a["programme_kind"] in APPRENTICESHIP_KINDS
        cols["has_apprenticeship"][i] |= is_appr
        if is_appr and node != steps[0][0]:
            later.append((a["id"], at_months))
        cols["needs_loan"][i] |= a["programme_kind"] in LOAN_KINDS
        cols["step_route_bits"][i] |= route_bits((a["route"],))
        elapsed += a["months"]
    cols["months_to_paid"][i] = elapsed if first_paid is None else first_paid
    return later


def _destinations(rc: RouteContext, paths: list[tuple]) -> dict[str, Any]:
    """Each path's destination routes: the last programme's subject route (else the job's own), and the subject
    routes the job is close to (:attr:`RouteContext.home_routes`)."""
    dest_bits = np.zeros(len(paths), dtype=np.int64)
    close_bits = np.zeros(len(paths), dtype=np.int64)
    for i, (steps, dest, _) in enumerate(paths):
        last = rc.nodes[steps[-1][0]]
        dest_bits[i] = route_bits((last["route"] if last["kind"] == "programme" else rc.nodes[dest].get("route"),))
        close_bits[i] = route_bits(rc.home_routes.get(dest.removeprefix("occ:")[:HOME_GROUP_DIGITS], ()))
    return {"dest_route_bits": dest_bits, "close_route_bits": close_bits}


def _later_pairs(later: list[tuple[int, str, int]]) -> dict[str, Any]:
    """The later apprenticeship steps as parallel arrays (see :attr:`Candidates.later_cand`), with the age (in
    months) at which each starts."""
    ids = sorted({pid for _, pid, _ in later})
    pos = {pid: k for k, pid in enumerate(ids)}
    return {
        "later_cand": np.array([i for i, _, _ in later], dtype=np.int64),
        "later_code": np.array([pos[pid] for _, pid, _ in later], dtype=np.int64),
        "later_ids": ids,
        "later_months": np.array([m for _, _, m in later], dtype=np.int64),
    }


_ROUTE_BIT = {r: 1 << i for i, r in enumerate(ROUTES)}


def route_bits(routes: Any) -> int:
    """The subject routes (names of :data:`pathways.profile.ROUTES`) as one integer with a bit for each; an unknown
    name or None adds nothing.

    >>> route_bits(()), route_bits((None, "not a route")), route_bits(ROUTES[:2]) == 0b11
    (0, 0, True)
    """
    b = 0
    for r in routes:
        b |= _ROUTE_BIT.get(r, 0)
    return b


def _object_array(items: Any) -> np.ndarray:
    """A 1-d object array holding ``items`` as they are (tuples stay tuples)."""
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out
