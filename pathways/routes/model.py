"""What the route finder answers: :class:`Route`, its :class:`Step`\ s and :class:`Destination`, and the
protocol of the local figures it reads (:class:`LocalSignalsProvider`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, runtime_checkable

from pathways.routes.settings import FIRST_PROGRAMME_AGE, WEIGHTS
from pathways.signals import Signals


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
class Evidence:
    """Why a step follows the one before: the kind of evidence (a key of :data:`pathways.graph.EVIDENCE`), that
    kind in words, its source, and whether it is our own derived link (at most one per route)."""

    kind: str = ""
    label: str = ""
    source: str = ""
    derived: bool = False


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
    #: why this step follows the last (for the first step: why the learner can start it)
    evidence: Evidence = field(default_factory=Evidence)
    #: the youngest age at which this step can be started or this job done
    min_age: int = FIRST_PROGRAMME_AGE
    #: False when no source gives the programme's length (new standards): ``months`` is then our stand-in for
    #: working out ages and is never shown as its length
    months_known: bool = True
    #: what the law or the job asks before or while you start (age, licence, card, checks); "" when the
    #: restrictions table says nothing about this step
    before_you_start: str = ""
    #: where that comes from: (source, url, date checked)
    before_source: tuple[str, str, str] = ("", "", "")

    def to_dict(self) -> dict:
        d = asdict(self)
        if self.delivery is None:
            d.pop("delivery")
        else:
            d["delivery"] = self.delivery.to_dict()
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
    #: what the job itself asks for (a licence, checks), from the restrictions table; "" when it says nothing (or the
    #: route's own job step already says it)
    job_needs: str = ""
    #: where that comes from: (source, url, date checked)
    job_needs_source: tuple[str, str, str] = ("", "", "")

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
    #: an apprenticeship step (first or later) few people near the learner start (lower in the list, and says so)
    thin_delivery: bool = False
    #: plain notices about this route (e.g. working at 16-17 needs part-time education or training)
    notices: tuple[str, ...] = ()
    #: the group it is shown in (a key of :data:`pathways.vocab.GROUPS`: earn, study, support)
    group: str = ""

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
            "group": self.group,
        }
