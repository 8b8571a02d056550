"""Everything the app needs per server, built once: the bundle, the area index, the labour
market tables, who trains near each place and the frozen pathway graph; and a learner's routes from them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import networkx as nx

from pathways.areas import AreaIndex, Place, TravelArea
from pathways.bundle import DATA_DIR, Bundle, load_bundle
from pathways.delivery import DeliveryIndex
from pathways.delivery_answers import DeliverySummary, age_group
from pathways.graph import build_graph
from pathways.labour_market import LabourMarket
from pathways.pay import PayScale
from pathways.profile import Profile
from pathways.routes import Route
from pathways.routes.ranking import RouteGroups, find_route_groups
from pathways.signals import Signals

__all__ = ["Context", "load_context"]


@dataclass(frozen=True)
class _TravelSignals:
    """Adapter: the route finder asks ``signals(soc)`` for one travel area."""

    market: LabourMarket
    travel: TravelArea
    delivery: DeliveryIndex

    def signals(self, soc: str) -> Signals:
        return self.market.signals(self.travel, soc)

    def signals_many(self, socs: list[str]) -> dict[str, Signals]:
        return self.market.signals_many(self.travel, socs)

    def delivery_many(self, age: int | None = None) -> dict[str, DeliverySummary]:
        """Providers near and the local starts estimate (for a learner of ``age``) for every apprenticeship standard
        in this area."""
        return self.delivery.summaries(self.travel.codes, age_group(age))


class Context:
    """The shared, read-only state of one server (or one command-line run)."""

    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self.areas = AreaIndex(bundle)
        self.market = LabourMarket(bundle, self.areas)

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        return build_graph(self.bundle)

    @cached_property
    def delivery(self) -> DeliveryIndex:
        """Who trains for each apprenticeship near a travel area (:class:`pathways.delivery.DeliveryIndex`)."""
        return DeliveryIndex(self.bundle)

    @property
    def pay(self) -> PayScale:
        """The legal minimum and age scaling of pay (:class:`pathways.pay.PayScale`)."""
        return self.market.pay_scale

    def resolve(self, where: str) -> Place:
        return self.areas.resolve(where)

    def travel(self, place: Place, mode: str) -> TravelArea:
        return self.areas.travel_area(place, mode)

    def local_provider(self, travel: TravelArea) -> _TravelSignals:
        return _TravelSignals(self.market, travel, self.delivery)

    def route_groups_for(self, profile: Profile, limit: int = 20) -> tuple[Place, TravelArea, RouteGroups]:
        """(place, travel area, routes in their groups, at most ``limit`` a group) for a profile: the route finder
        with this server's local figures; raises PathwaysError for a place we cannot find."""
        place = self.resolve(profile.where)
        travel = self.travel(place, profile.travel)
        return place, travel, find_route_groups(self.bundle, profile, self.local_provider(travel), per_group=limit)

    def routes_for(self, profile: Profile, limit: int = 20) -> tuple[Place, TravelArea, list[Route]]:
        """(place, travel area, routes) for a profile: each group's routes in turn (earn, study, support), at most
        ``limit`` a group, ranked within their group."""
        place, travel, groups = self.route_groups_for(profile, limit)
        return place, travel, [r for rs in groups.routes.values() for r in rs]


def load_context(path: Path | str | None = None, validate: bool = True) -> Context:
    """Load the bundle (``$PATHWAYS_DATA`` or ``data/``) and build the shared look-ups."""
    return Context(load_bundle(path or os.environ.get("PATHWAYS_DATA") or DATA_DIR, validate=validate))
