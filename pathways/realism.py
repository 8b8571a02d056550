"""The realism benchmark: would an adviser show these routes to this person, here?

Three parts, run by ``python bench/realism.py`` and guarded by ``tests/test_realism.py``:

- a **draw of fresh learners** (:func:`draw_learners`, :func:`run_draw`): learners nobody tuned to, drawn evenly
  over every English district, of every age 15-24 and start level, whose top routes go through the automatic
  adviser checks of :mod:`pathways.realism_checks` (evidence read from the bundle's tables, not the route
  finder's own estimates); the headline is the share of learners whose routes pass every check
  (bar: :data:`DRAW_BAR`);
- a **persona panel** (``bench/realism_personas.json``): learners across England, each with the jobs
  an adviser would expect near the top and the jobs and programmes that must not appear, each
  judgement with its source; :func:`panel` says pass or fail for each;
- **guards** over every English district and several profiles (:data:`GUARD_PROFILES`), counted by
  :func:`guards` and judged against :data:`BARS`. The panel and guards check the product against its own rules
  and estimates: they are a regression list, not the measure of realism.

Run over the whole committed bundle (it needs every district, so it is not a doctest here)::

    result = guards(ctx, ctx.areas.codes[:5])
    result.counts["breaches"]   # 0
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pathways.profile import QUALIFICATIONS, ROUTES, Profile
from pathways.realism_checks import CHECKS, Failure, Learner, run_checks
from pathways.realism_facts import BundleFacts
from pathways.routes import MIN_LOCAL_STARTS, WEIGHTS, check_route, find_routes, get_context
from pathways.routes.ranking import find_route_groups
from pathways.vocab import T_LEVEL, TRAVEL

__all__ = [
    "GUARD_PROFILES",
    "BARS",
    "PERSONAS_FILE",
    "Guards",
    "PersonaResult",
    "guards",
    "panel",
    "load_personas",
    "pay_sensitivity",
    "TLEVEL_INTERESTS",
    "DRAW_BAR",
    "DRAW_TOP",
    "draw_learners",
    "DrawResult",
    "run_draw",
]

PERSONAS_FILE = Path(__file__).resolve().parent.parent / "bench" / "realism_personas.json"

#: the profiles every district is tried with (ages 15-24, every start level, EHC plan, care leaver)
GUARD_PROFILES: dict[str, Profile] = {
    "16 L2+EM engineering": Profile(
        age=16, qualification="level2", english_maths=True, interests=("Engineering and manufacturing",)
    ),
    "17 L2 care": Profile(age=17, qualification="level2", interests=("Care services",)),
    "19 no qualifications": Profile(age=19, qualification="none"),
    "19 L1": Profile(age=19, qualification="level1"),
    "22 L3+EM digital": Profile(age=22, qualification="level3", english_maths=True, interests=("Digital",)),
    "24 none EHC plan": Profile(age=24, qualification="none", ehcp=True),
    "15 entry": Profile(age=15, qualification="entry"),
    "18 L3 construction": Profile(age=18, qualification="level3", interests=("Construction and the built environment",)),
    "21 L1 care leaver": Profile(age=21, qualification="level1", care_leaver=True),
    "16 L1": Profile(age=16, qualification="level1"),
}
#: interests with a T Level, for the T Level guard (16, Level 2 with English and maths)
TLEVEL_INTERESTS = (
    "Digital",
    "Health and science",
    "Education and early years",
    "Engineering and manufacturing",
    "Construction and the built environment",
)
#: the bars, by guard: ("max" or "min", value)
BARS: dict[str, tuple[str, float]] = {
    "breaches": ("max", 0),
    "below_level2_in_major_groups_1_2_share": ("max", 0.05),
    "first_apprenticeship_delivered_share": ("min", 0.90),
    "more_than_one_derived": ("max", 0),
    # with no interest chosen (the "same few routes everywhere" defect: rail jobs #1 in 61-68% of districts). 0.25,
    # not 0.15: once suppressed survey cells stopped counting as 0 people (they had pushed districts' local demand
    # apart), Carpentry and joinery is the honest #1 at 15-16 without interests in 20% of districts; 0.25 still
    # catches the old defect
    "same_number_one_share": ("max", 0.25),
    # with one narrow interest the realistic first routes are few (care: adult care worker, lead adult care
    # worker, a T Level, a college course), and the same best route in most districts is the true answer;
    # the guard is then that place still changes the #1: at least two different #1 routes over the districts
    "one_interest_distinct_number_ones": ("min", 2),
    "tlevel_in_top10_share": ("min", 0.80),
}
TOP = 5


@dataclass
class Guards:
    """Counts over districts x profiles, and whether each meets its bar."""

    counts: dict[str, float] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)

    def passed(self) -> dict[str, bool]:
        out = {}
        for name, (how, bar) in BARS.items():
            v = self.counts.get(name)
            out[name] = v is not None and (v <= bar if how == "max" else v >= bar)
        return out


@dataclass
class PersonaResult:
    id: str
    passed: bool
    problems: list[str]
    top: list[Any]


def _routes(ctx: Any, profile: Profile, code: str, limit: int) -> list:
    """What the Routes page shows: the best ``limit`` of each group, group after group (earn first)."""
    return _page_routes(ctx, profile, ctx.areas.district(code), limit)


def _page_routes(ctx: Any, profile: Profile, place: Any, per_group: int) -> list:
    travel = ctx.travel(place, profile.travel)
    found = find_route_groups(ctx.bundle, profile, ctx.local_provider(travel), per_group=per_group)
    return [r for rs in found.routes.values() for r in rs]


def guards(ctx: Any, codes: tuple[str, ...] | list[str] | None = None, profiles: dict[str, Profile] | None = None) -> Guards:
    """Count the realism guards over ``codes`` (default: every English district) x ``profiles``."""
    codes = list(codes if codes is not None else ctx.areas.codes)
    profiles = profiles or GUARD_PROFILES
    rctx = get_context(ctx)
    out = Guards()
    breaches: list[str] = []
    low_total = low_bad = appr_total = appr_ok = derived_bad = no_figures = 0
    number_ones: dict[str, Counter] = defaultdict(Counter)
    for label, profile in profiles.items():
        for code in codes:
            routes = _routes(ctx, profile, code, TOP)
            if routes:
                number_ones[label][routes[0].route_id] += 1
            for r in routes:
                for p in check_route(rctx, r, profile):
                    breaches.append(f"{label} {code} {r.route_id}: {p}")
                if sum(s.evidence.derived for s in r.steps) > 1:
                    derived_bad += 1
                if profile.level < 2:
                    low_total += 1
                    low_bad += r.destination.soc[:1] in ("1", "2")
                first = r.steps[0]
                if first.delivery is not None and first.delivery.local_starts_estimate is None:
                    no_figures += 1  # no full year of figures yet (e.g. foundation apprenticeships): not judged
                elif first.delivery is not None:
                    appr_total += 1
                    appr_ok += first.delivery.local_starts_estimate >= MIN_LOCAL_STARTS
    out.counts["breaches"] = len(breaches)
    out.counts["below_level2_in_major_groups_1_2_share"] = round(low_bad / max(low_total, 1), 4)
    out.counts["first_apprenticeship_delivered_share"] = round(appr_ok / max(appr_total, 1), 4)
    out.counts["more_than_one_derived"] = derived_bad
    shares = {lab: (c.most_common(1)[0][1] / len(codes) if c else 0.0) for lab, c in number_ones.items()}
    one = {lab for lab, p in profiles.items() if len(p.interests) == 1}
    out.counts["same_number_one_share"] = round(max((v for k, v in shares.items() if k not in one), default=0.0), 4)
    out.counts["one_interest_distinct_number_ones"] = min((len(number_ones[k]) for k in one), default=0)
    out.detail["breaches"] = breaches[:20]
    out.detail["first_apprenticeships_without_figures"] = no_figures
    out.detail["same_number_one_share_by_profile"] = {k: round(v, 3) for k, v in shares.items()}
    out.detail["distinct_number_ones_by_profile"] = {lab: len(c) for lab, c in number_ones.items()}
    out.detail["most_common_number_one"] = {lab: c.most_common(1)[0][0] for lab, c in number_ones.items() if c}
    hit, total = _tlevel_guard(ctx, codes)
    out.counts["tlevel_in_top10_share"] = round(hit / max(total, 1), 4)
    out.detail["tlevel_districts_checked"] = total
    return out


def _tlevel_guard(ctx: Any, codes: list[str]) -> tuple[int, int]:
    """Districts x interests where a matching T Level is open to a 16-year-old with Level 2 and English and
    maths, and how many of them have a T Level in the top 10."""
    rctx = get_context(ctx)
    routes_with_tlevel = {
        a["route"]
        for a in rctx.nodes.values()
        if a["kind"] == "programme" and a.get("programme_kind") == T_LEVEL and a.get("open")
    }
    hit = total = 0
    for interest in TLEVEL_INTERESTS:
        if interest not in routes_with_tlevel:
            continue
        profile = Profile(age=16, qualification="level2", english_maths=True, interests=(interest,))
        for code in codes:
            total += 1
            routes = _routes(ctx, profile, code, 10)
            hit += any(s.kind == T_LEVEL for r in routes for s in r.steps[:1])
    return hit, total


def pay_sensitivity(ctx: Any, codes: list[str], profiles: dict[str, Profile] | None = None) -> float:
    """The share of top-five routes that change when pay's weight is set to 0 (bar: about half at most)."""
    profiles = profiles or GUARD_PROFILES
    before = {(lab, c): [r.route_id for r in _routes(ctx, p, c, TOP)] for lab, p in profiles.items() for c in codes}
    saved = WEIGHTS["pay"]
    try:
        WEIGHTS["pay"] = 0.0
        after = {(lab, c): [r.route_id for r in _routes(ctx, p, c, TOP)] for lab, p in profiles.items() for c in codes}
    finally:
        WEIGHTS["pay"] = saved
    changed = sum(len(set(before[k]) - set(after[k])) for k in before)
    return round(changed / max(sum(len(v) for v in before.values()), 1), 4)


def load_personas(path: Path = PERSONAS_FILE) -> list[dict]:
    return json.loads(Path(path).read_text())["personas"]


def panel(ctx: Any, personas: list[dict] | None = None, limit: int = 10) -> list[PersonaResult]:
    """Each persona's routes as the page shows them (the top ``limit // 2`` of each group) judged against the
    adviser's expectations."""
    out = []
    for p in personas if personas is not None else load_personas():
        profile = Profile(
            age=int(p["age"]),
            qualification=p["qualification"],
            english_maths=bool(p["english_maths"]),
            ehcp=bool(p["ehcp"]),
            care_leaver=bool(p["care_leaver"]),
            interests=tuple(p["interests"]),
            where=p["where"],
        )
        routes = _page_routes(ctx, profile, ctx.resolve(p["where"]), max(limit // 2, 1))
        problems = []
        dests = [r.destination.soc for r in routes]
        if p.get("expect_any_soc") and not set(dests) & set(p["expect_any_soc"]):
            problems.append(f"none of the expected jobs {p['expect_any_soc']} in the top {limit}")
        bad = set(p.get("forbid_soc", ()))
        groups = tuple(p.get("forbid_major_groups", ()))
        for r in routes:
            if r.destination.soc in bad or (groups and r.destination.soc.startswith(groups)):
                problems.append(f"forbidden job {r.destination.soc} {r.destination.title}")
            for s in r.steps:
                if s.id in set(p.get("forbid_programmes", ())):
                    problems.append(f"forbidden programme {s.id} {s.title}")
                if s.kind in set(p.get("forbid_kinds", ())):
                    problems.append(f"forbidden kind {s.kind} ({s.title})")
        firsts = {r.steps[0].kind for r in routes if r.steps}
        if p.get("expect_kinds") and not firsts & set(p["expect_kinds"]):
            problems.append(f"none of the expected kinds {p['expect_kinds']} as a first step (got {sorted(firsts)})")
        out.append(PersonaResult(p["id"], not problems, list(dict.fromkeys(problems)), routes))
    return out


# ============================================================================ a draw of fresh learners
#: the share of drawn learners whose top routes must pass every adviser check
DRAW_BAR = 0.95
#: how many routes of each learner are checked (the top five)
DRAW_TOP = 5
#: the shares of drawn learners with an EHC plan, who left care, and (from Level 2) with English and maths at grade 4
EHCP_SHARE, CARE_LEAVER_SHARE, ENGLISH_MATHS_SHARE = 0.15, 0.10, 0.7


def _highest_qualification(age: int) -> str:
    """The highest start level drawn at an age: GCSEs are taken at 16, A levels at 18, Level 4-5 after that.

    >>> [_highest_qualification(a) for a in (15, 16, 17, 18, 19)]
    ['level1', 'level2', 'level2', 'level3', 'level4']
    """
    return "level1" if age < 16 else "level2" if age < 18 else "level3" if age < 19 else "level4"


def draw_learners(codes: tuple[str, ...] | list[str], n: int, seed: int) -> list[tuple[str, Profile]]:
    """``n`` learners (district code, profile), the same for the same seed: districts in turns of a shuffled list of
    ``codes`` (so every district is drawn once before any twice), age 15-24, any start level open at that age, no,
    one or two interests of the 15 routes, an EHC plan or care experience in some, and any travel choice.

    >>> people = draw_learners(["E06000001", "E06000002", "E06000003"], 6, seed=1)
    >>> sorted(code for code, _ in people[:3]), people == draw_learners(["E06000001", "E06000002", "E06000003"], 6, 1)
    (['E06000001', 'E06000002', 'E06000003'], True)
    """
    rng = random.Random(seed)
    order: list[str] = []
    while len(order) < n:
        turn = sorted(codes)
        rng.shuffle(turn)
        order += turn
    out = []
    for code in order[:n]:
        age = rng.randint(15, 24)
        top = QUALIFICATIONS.index(_highest_qualification(age))
        q = QUALIFICATIONS[rng.randint(0, top)]
        em = QUALIFICATIONS.index(q) >= QUALIFICATIONS.index("level2") and rng.random() < ENGLISH_MATHS_SHARE
        interests = tuple(sorted(rng.sample(ROUTES, rng.randint(0, 2)), key=ROUTES.index))
        out.append(
            (
                code,
                Profile(
                    age=age,
                    qualification=q,
                    english_maths=em,
                    ehcp=rng.random() < EHCP_SHARE,
                    care_leaver=rng.random() < CARE_LEAVER_SHARE,
                    travel=rng.choice(TRAVEL),
                    interests=interests,
                ),
            )
        )
    return out


@dataclass
class DrawResult:
    """What a draw found: each learner, their routes' failures, and the headline against :data:`DRAW_BAR`."""

    seed: int
    top: int
    #: what each learner was shown and judged on ("top 5 routes", or "top 5 routes of each group")
    shown: str = ""
    learners: list[Learner] = field(default_factory=list)
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    routes_checked: int = 0
    seconds: float = 0.0

    @property
    def passed(self) -> int:
        return sum(not self.failures.get(lr.id) for lr in self.learners)

    @property
    def share(self) -> float:
        return round(self.passed / max(len(self.learners), 1), 4)

    def by_check(self) -> dict[str, dict[str, Any]]:
        """For each check: how many learners and routes fail it, (learner, failure) pairs as examples, and what fails
        most (a Counter of :attr:`Failure.subject`)."""
        out: dict[str, dict[str, Any]] = {
            name: {"learners": 0, "routes": 0, "examples": [], "most_common": Counter()} for name in CHECKS
        }
        who = {lr.id: lr for lr in self.learners}
        for lid, fails in self.failures.items():
            for name in dict.fromkeys(f.check for f in fails):
                out[name]["learners"] += 1
            for f in fails:
                out[f.check]["routes"] += f.rank is not None
                out[f.check]["examples"].append((who[lid], f))
                out[f.check]["most_common"][f.subject] += bool(f.subject)
        return out

    def to_json(self, examples: int = 3) -> dict[str, Any]:
        checks = {
            name: {
                "learners": c["learners"],
                "routes": c["routes"],
                "most_common": [[k, v] for k, v in c["most_common"].most_common(5) if v],
                "examples": [
                    {"learner": lr.describe(), "group": f.group, "rank": f.rank, "route": f.route, "evidence": f.evidence}
                    for lr, f in _spread(c["examples"], examples)
                ],
            }
            for name, c in self.by_check().items()
        }
        return {
            "seed": self.seed,
            "learners": len(self.learners),
            "shown": self.shown,
            "routes_checked": self.routes_checked,
            "passed_every_check": self.passed,
            "share": self.share,
            "bar": DRAW_BAR,
            "met": self.share >= DRAW_BAR,
            "seconds": round(self.seconds, 1),
            "checks": checks,
        }


def _spread(examples: list[tuple[Learner, Failure]], n: int) -> list[tuple[Learner, Failure]]:
    """``n`` examples from different learners and different routes where there are enough."""
    seen: set[str] = set()
    out: list[tuple[Learner, Failure]] = []
    for lr, f in examples:
        key = f.route_id or lr.id
        if lr.id in seen or key in {g.route_id or m.id for m, g in out}:
            continue
        seen.add(lr.id)
        out.append((lr, f))
        if len(out) == n:
            break
    return out or examples[:n]


def _shown(ctx: Any, profile: Profile, code: str, top: int, groups: bool) -> tuple[Any, Any, list | dict]:
    """(place, travel area, what the learner is shown): the top ``top`` of :func:`find_routes`, or with ``groups``
    the top ``top`` of each group of :func:`~pathways.routes.ranking.find_route_groups` (as the Routes page)."""
    place = ctx.areas.district(code)
    travel = ctx.travel(place, profile.travel)
    local = ctx.local_provider(travel)
    if not groups:
        return place, travel, find_routes(ctx.bundle, profile, local, limit=top)
    found = find_route_groups(ctx.bundle, profile, local, per_group=top)
    return place, travel, {key: list(rs) for key, rs in found.routes.items()}


def run_draw(
    ctx: Any,
    n: int,
    seed: int,
    top: int = DRAW_TOP,
    facts: BundleFacts | None = None,
    codes: tuple[str, ...] | list[str] | None = None,
    groups: bool = False,
) -> DrawResult:
    """Draw ``n`` learners (:func:`draw_learners`) over ``codes`` (default: every English district), find what each
    is shown (the top ``top`` routes as the command line gives them; with ``groups``, the top ``top`` of each group
    as the Routes page shows them) and run every adviser check on it (with groups: the route checks group by group,
    the learner checks on all groups together)."""
    facts = facts or BundleFacts(ctx.bundle)
    result = DrawResult(seed, top, shown=f"top {top} routes of each group" if groups else f"top {top} routes")
    t = time.perf_counter()
    for i, (code, profile) in enumerate(draw_learners(list(codes or ctx.areas.codes), n, seed), 1):
        place, travel, shown = _shown(ctx, profile, code, top, groups)
        learner = Learner(f"L{i:03d}", code, place.name, profile, tuple(travel.codes))
        result.learners.append(learner)
        result.routes_checked += sum(len(v) for v in shown.values()) if isinstance(shown, dict) else len(shown)
        fails = run_checks(shown, learner, facts)
        if fails:
            result.failures[learner.id] = fails
    result.seconds = time.perf_counter() - t
    return result
