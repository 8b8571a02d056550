"""What the route finder answers: :class:`Route`, its :class:`Step`\ s and :class:`Destination`, and the
protocol of the local figures it reads (:class:`LocalSignalsProvider`, or the least of it, :class:`AreaSignals`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Protocol, runtime_checkable

from pathways.delivery_answers import DeliverySummary
from pathways.routes.settings import FIRST_PROGRAMME_AGE, WEIGHTS
from pathways.signals import Signals

__all__ = ["AreaSignals", "LocalSignalsProvider", "SignalsOnly", "as_provider", "Evidence", "Step", "Destination", "Route"]


# ============================================================================ local signals
class AreaSignals(Protocol):
    """The least the route finder needs of an area: the local figures of one job (a test's made-up area gives only
    this; :func:`as_provider` makes a :class:`LocalSignalsProvider` of it)."""

    def signals(self, soc: str) -> Signals:  # pragma: no cover - protocol
        ...


@runtime_checkable
class LocalSignalsProvider(AreaSignals, Protocol):
    """Local figures for one area (the app's is made by :meth:`pathways.context.Context.local_provider`, from
    :mod:`pathways.labour_market` and :mod:`pathways.delivery`)."""

    def signals_many(self, socs: list[str]) -> dict[str, Signals]:  # pragma: no cover - protocol
        """The local figures of several jobs at once (asked once for every destination instead of one by one)."""
        ...

    def delivery_many(self, age: int | None = None) -> dict[str, DeliverySummary] | None:  # pragma: no cover - protocol
        """Who trains for each apprenticeship standard near the area, for a learner starting at ``age`` (None: people
        of every age); None when the provider has no such figures: then every first step counts as neutral for
        "trained near you" and none is marked thinly delivered."""
        ...


@dataclass(frozen=True)
class SignalsOnly:
    """A :class:`LocalSignalsProvider` made from an area that gives only ``signals``: several jobs are asked one by
    one, and there are no delivery figures."""

    area: AreaSignals

    def signals(self, soc: str) -> Signals:
        """The area's own figures for one job."""
        return self.area.signals(soc)

    def signals_many(self, socs: list[str]) -> dict[str, Signals]:
        """Each job's figures, asked one by one."""
        return {soc: self.area.signals(soc) for soc in socs}

    def delivery_many(self, age: int | None = None) -> dict[str, DeliverySummary] | None:
        """None: such an area has no delivery figures."""
        return None


def as_provider(local: AreaSignals) -> LocalSignalsProvider:
    """``local`` itself when it is a full :class:`LocalSignalsProvider`, else :class:`SignalsOnly` around it.

    >>> isinstance(as_provider(provider), SignalsOnly), as_provider(SignalsOnly(provider)).delivery_many() is None
    (True, True)
    """
    return local if isinstance(local, LocalSignalsProvider) else SignalsOnly(local)


# ============================================================================ results
@dataclass(frozen=True)
class Evidence:
    """Why a step follows the one before: the kind of evidence (a key of :data:`pathways.graph_progressions.EVIDENCE`), that
    kind in words, its source, and whether it is our own derived link (at most one per route)."""

    kind: str = ""
    label: str = ""
    source: str = ""
    derived: bool = False


@dataclass(frozen=True)
class Step:
    """One step of a route: a programme, or a job (``kind ==`` :data:`~pathways.routes.settings.JOB`)."""

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
    #: for an apprenticeship: providers near and the local starts estimate
    delivery: DeliverySummary | None = None
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
    """The job a route ends in, with its pay and why the last step leads to it."""

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
    #: :data:`pathways.routes.settings.HOME_GROUP_MIN`): a job close to those interests even when its own training sits elsewhere
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
            "local": self.local.to_dict(),
            "thin_delivery": self.thin_delivery,
            "notices": list(self.notices),
            "group": self.group,
        }
