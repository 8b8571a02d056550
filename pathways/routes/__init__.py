"""From where a learner is now to realistic, ranked and explained routes in their area.

The package, by job: :mod:`~pathways.routes.settings` (weights, limits and thresholds, one place),
:mod:`~pathways.routes.model` (what it answers, and what it reads of an area), :mod:`~pathways.routes.candidates`
(every path the entry rules allow), :mod:`~pathways.routes.candidate_arrays` (those paths as arrays),
:mod:`~pathways.routes.scoring` (the parts of the score), :mod:`~pathways.routes.ranking` (scores and a varied
list), :mod:`~pathways.routes.assemble` (a chosen path made into the finished route), :mod:`~pathways.routes.reasons`
(the sentences), :mod:`~pathways.routes.checks` (every rule, checked again on a finished route) and
:mod:`~pathways.routes.explain` (the About page's account of the ranking).

A route is at most :data:`MAX_STEPS` steps (programmes, or a job with no formal entry
requirements) from the learner's start node to an occupation. Every step respects the entry
rule stored on the graph edge that leads to it, checked at the learner's age when that step
starts (age advances by each step's duration). University degrees are never routes: they are
only a comparison (see :mod:`pathways.money`).

The ranking is a weighted sum of the components in :data:`WEIGHTS`, each between 0 and 1, then a
varied list is picked from the best, in the groups an adviser uses (:func:`pathways.routes.ranking.find_route_groups`).
Local figures come from a :class:`LocalSignalsProvider` (one area, any occupation). Candidate paths depend only on
the start node, age and EHC plan / care leaver flags, so they are built once per such key and cached; a call then
only filters and scores.

Examples
--------
On the tiny test bundle (see the repository's ``conftest.py``), for a 16-year-old with Level 2 who likes
engineering, in an area with as many adverts as England:

>>> routes = find_routes(bundle, profile, provider, limit=5)
>>> [(r.steps[0].title, r.destination.title) for r in routes[:2]]
[('Engineering technician', 'Engineering technicians'), ('Engineering operative', 'Process operatives')]
>>> routes[0].steps[0].evidence.kind, routes[0].destination.main_link
('entry_rule', True)
"""

from __future__ import annotations

from pathways.routes.candidates import RouteContext, get_context
from pathways.routes.checks import check_route
from pathways.routes.model import AreaSignals, Destination, Evidence, LocalSignalsProvider, Route, Step
from pathways.routes.ranking import find_routes
from pathways.routes.reasons import demand_sentence, fact_text, learner_notices, reasons_for
from pathways.routes.scoring import stage_fit
from pathways.routes.settings import COMPONENT_LABELS, FIRST_PROGRAMME_AGE, MAX_STEPS, MIN_LOCAL_STARTS, STAGE_FIT, WEIGHTS
from pathways.signals import Signals

__all__ = [
    "WEIGHTS",
    "MAX_STEPS",
    "STAGE_FIT",
    "COMPONENT_LABELS",
    "MIN_LOCAL_STARTS",
    "FIRST_PROGRAMME_AGE",
    "Signals",
    "AreaSignals",
    "LocalSignalsProvider",
    "Step",
    "Evidence",
    "Destination",
    "Route",
    "RouteContext",
    "get_context",
    "find_routes",
    "check_route",
    "reasons_for",
    "learner_notices",
    "fact_text",
    "demand_sentence",
    "stage_fit",
]
