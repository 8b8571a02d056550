"""Checks of a finished route against every rule (used by the tests and the realism benchmark)."""

from __future__ import annotations

from pathways.graph import BLOCKING_NEEDS, FOR_WITHOUT_ENGLISH_MATHS, gained_qualification, job_min_age
from pathways.profile import QUALIFICATIONS, Profile, start_node
from pathways.routes.candidates import RouteContext
from pathways.routes.model import Route, Step
from pathways.vocab import JOB
from pathways.routes.settings import DEGREE_LEVEL, ENGLISH_MATHS_LEVEL, FIRST_PROGRAMME_AGE, MAX_DERIVED, MAX_STEPS

__all__ = ["check_route"]


def check_route(ctx: RouteContext, route: Route, profile: Profile) -> list[str]:
    """Problems with a route for this learner (empty = every rule is met). Used by the tests and the
    realism benchmark: entry rules and ages at each step, legal ages and licences, at most
    :data:`MAX_DERIVED` derived links and none into Level 6-7, and a destination the learner may
    legally do when the route ends."""
    problems: list[str] = []
    if not 1 <= len(route.steps) <= MAX_STEPS:
        problems.append(f"{len(route.steps)} steps")
    walk = _Walk(profile)
    for n, st in enumerate(route.steps):
        if st.evidence.derived and st.level is not None and st.level >= DEGREE_LEVEL:
            problems.append(f"a derived link into Level {st.level} ({st.id})")
        problems += _job_problems(ctx, st, n, walk.months // 12) if st.kind == JOB else walk.programme(ctx, st)
    derived = sum(st.evidence.derived for st in route.steps)
    if derived > MAX_DERIVED:
        problems.append(f"{derived} derived links")
    dest = f"occ:{route.destination.soc}"
    raw_steps = tuple((f"occ:{s.id}" if s.kind == JOB else f"prog:{s.id}",) for s in route.steps)
    if not ctx.can_end_at(dest, raw_steps, walk.months, profile.level):
        problems.append(
            f"ends at {route.destination.soc} at {walk.months // 12}: under its minimum age, without the "
            "degree it needs, below the level its job group needs, or straight after a Skills Bootcamp at "
            "a job that needs training"
        )
    return problems


def _job_problems(ctx: RouteContext, st: Step, n: int, age: int) -> list[str]:
    """A job step: only ever first, old enough, and nothing (a licence, a card) needed before starting."""
    a = ctx.nodes[f"occ:{st.id}"]
    out = []
    if n != 0:
        out.append("a job that is not the first step")
    if age < job_min_age(a):
        out.append(f"job {st.id} at {age}, under its minimum age {job_min_age(a)}")
    if a["needs"] & BLOCKING_NEEDS:
        out.append(f"job {st.id} needs {sorted(a['needs'] & BLOCKING_NEEDS)} to start")
    return out


class _Walk:
    """The learner's level, English and maths, age and paid months as a route is followed step by step."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.level, self.em = profile.level, profile.english_maths and profile.level >= ENGLISH_MATHS_LEVEL
        self.months = max(profile.age, FIRST_PROGRAMME_AGE) * 12
        self.worked = 0

    def programme(self, ctx: RouteContext, st: Step) -> list[str]:
        """Problems entering this programme now; then the learner moves on past it."""
        out = []
        age, node = self.months // 12, f"prog:{st.id}"
        state = start_node(QUALIFICATIONS[self.level + 1], self.em)
        if ctx.rule_for(state, node, age, self.profile, self.worked) is None:
            out.append(f"{st.id} ({st.kind} L{st.level}) not open from {state} at {age}")
        if self.profile.english_maths and st.id in FOR_WITHOUT_ENGLISH_MATHS:
            out.append(f"{st.id} is an English and maths top-up for a learner who has them")
        g = gained_qualification(st.level or 0, st.kind, st.id)
        self.em = self.em or self.profile.english_maths or ctx.gives_english_maths(node, age)
        if g is not None:
            self.level = max(self.level, QUALIFICATIONS.index(g) - 1)
        self.em = self.em and self.level >= ENGLISH_MATHS_LEVEL
        self.months += st.months
        self.worked += st.months if st.paid else 0
        return out
