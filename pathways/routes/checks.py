"""Checks of a finished route against every rule (used by the tests and the realism benchmark)."""

from __future__ import annotations

from pathways.graph import BLOCKING_NEEDS, FOR_WITHOUT_ENGLISH_MATHS, gained_qualification, job_min_age
from pathways.profile import QUALIFICATIONS, Profile, start_node
from pathways.routes.candidates import RouteContext
from pathways.routes.model import Route
from pathways.routes.settings import FIRST_PROGRAMME_AGE, MAX_DERIVED, MAX_STEPS


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
