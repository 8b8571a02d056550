"""The realism benchmark (see pathways/realism.py, pathways/realism_checks.py and bench/realism.py): the automatic
adviser checks, each on small hand-made routes where it must fail and where it must pass; the draw of fresh
learners; and the guards and persona panel, kept as a regression list.

The guards run here over one district in five (59 districts, every region), so the suite stays quick;
``python bench/realism.py`` runs them over all 296. The persona panel runs whole: two personas are
known to fail today and are marked so (strict), so a change that fixes or breaks one is noticed.
"""

from __future__ import annotations

import pytest

from pathways.realism import BARS, Guards, guards, load_personas, panel

#: personas whose expectation later rules contradict (English and maths, the ages at which a job may be done,
#: suppressed survey cells left missing, forces routes), each with why; strict, so a persona that passes again must
#: be taken off this list
KNOWN_FAILURES: dict[str, str] = {
    "kingslynn20_l2_open": "Forbids train driver for want of GCSE English and maths; the route now takes Functional "
    "Skills Level 2 first, which apprenticeships accept instead (competitive, but a real route)",
    "hastings15_none": "Forbids care work at 15; the route is a Level 1 college course at 16 and the adult care "
    "apprenticeship at 17, reaching the job at 18 (ONS: care workers are typically 18)",
    "newham24_none_careleaver": "Expects care, security, retail or warehouse work in the top ten; with suppressed survey "
    "cells no longer counted as 0 people, Newham's demand ranks accounts, bus driving, chef "
    "and rail work first (care work is 8th of the earn group, 0.6 points behind)",
    "plymouth18_l2em_protective": "Expects forces or protective jobs; honest demand (suppressed cells not 0) puts "
    "engineering technicians first, and no forces route from Plymouth is in the top five",
}


@pytest.fixture(scope="module")
def result(ctx) -> Guards:  # (the guards and the panel over many districts: marked slow where used)
    return guards(ctx, ctx.areas.codes[::5])


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "breaches",
        "below_level2_in_major_groups_1_2_share",
        "first_apprenticeship_delivered_share",
        "more_than_one_derived",
        "tlevel_in_top10_share",
    ],
)
def test_guard_meets_its_bar(result, name):
    how, bar = BARS[name]
    assert result.passed()[name], f"{name} = {result.counts[name]} (bar: {how} {bar}); {result.detail.get('breaches')}"


@pytest.mark.slow
def test_same_number_one_guard_meets_its_bar(result):
    """With no interest chosen, no route is #1 in more than 25% of districts; with one interest, place
    still changes the #1 (the share is reported: the realistic first routes for one interest are few)."""
    assert result.passed()["same_number_one_share"], result.detail["same_number_one_share_by_profile"]
    assert result.passed()["one_interest_distinct_number_ones"], result.detail["distinct_number_ones_by_profile"]


@pytest.mark.slow
def test_no_route_breaks_an_entry_age_or_licence_rule(result):
    assert result.counts["breaches"] == 0 and result.detail["breaches"] == []


@pytest.mark.slow
def test_same_number_one_is_measured_for_every_profile(result):
    shares = result.detail["same_number_one_share_by_profile"]
    assert len(shares) >= 8 and all(0 < v <= 1 for v in shares.values())


def test_the_panel_covers_england():
    personas = load_personas()
    assert len(personas) >= 30
    assert len({p["region"] for p in personas}) == 9
    assert {p["qualification"] for p in personas} >= {"none", "entry", "level1", "level2", "level3", "level4"}
    assert min(p["age"] for p in personas) <= 15 and max(p["age"] for p in personas) >= 24
    assert sum(p["ehcp"] for p in personas) >= 3 and sum(p["care_leaver"] for p in personas) >= 2
    assert all(p["expect_sources"] and p["expect_any_soc"] for p in personas)


@pytest.fixture(scope="module")
def panel_results(ctx):
    return {r.id: r for r in panel(ctx)}


@pytest.mark.slow
@pytest.mark.parametrize(
    "persona",
    [
        pytest.param(p["id"], marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[p["id"]]))
        if p["id"] in KNOWN_FAILURES
        else p["id"]
        for p in load_personas()
    ],
)
def test_persona(panel_results, persona):
    r = panel_results[persona]
    assert r.passed, r.problems


@pytest.mark.slow
def test_pay_changes_at_most_half_of_the_top_five(ctx):
    """With the default weights, setting pay's weight to 0 changes at most about half of the top five (pay is one
    modest input among several; measured over one district in ten: 39% with pay at 0.05; it was 64% at 0.10)."""
    from pathways.realism import pay_sensitivity

    assert pay_sensitivity(ctx, list(ctx.areas.codes[::10])) <= 0.5


# ============================================================================ the automatic adviser checks
# Each check is tried on small hand-made routes and a hand-made bundle of a few rows, once where it must fail
# and once where it must pass (a check that cannot fail proves nothing).
from types import SimpleNamespace  # noqa: E402

import pandas as pd  # noqa: E402

from pathways.profile import Profile  # noqa: E402
from pathways.realism import DRAW_BAR, draw_learners, run_draw  # noqa: E402
from pathways.realism_checks import (  # noqa: E402
    CHECKS,
    Learner,
    bootcamp_pay,
    course_below_level,
    evidence_labels,
    forces,
    job_without_training,
    level_timing,
    older_learners,
    quota_fill,
    rare_new,
    route_group,
    run_checks,
    study_programme,
    supported_route,
)
from pathways.realism_facts import BundleFacts  # noqa: E402
from pathways.routes.model import Destination, Evidence, Route, Step  # noqa: E402

ARMY, CIVIL, ADULTS, YOUNG = "10033440", "10000001", "10000002", "10000003"
HOME = "E06000001"
FULL, PART = ("2023/24", "2024/25"), "2025/26"
OFFICIAL_SAME_JOB = Evidence(
    "same_job_next_level",
    "the next level for the same job (Skills England maps link both to it)",
    "derived: same route (Digital), next level up",
    False,
)
OFFICIAL_MAP = Evidence(
    "official_progression",
    "the official progression map shows this next step (Skills England occupational maps)",
    "Skills England occupational maps: progression map of OCC0117",
    False,
)
ENTRY = Evidence("entry_rule", "its entry rules let you start it", "GOV.UK: Become an apprentice", False)


def _rows(*rows: tuple) -> list[dict]:
    return [dict(zip(("ukprn", "programme_id", "year", "partial_year", "starts"), r)) for r in rows]


def _tiny_bundle() -> SimpleNamespace:
    """ST0001: mostly the Army from HOME; ST0002: a civilian provider; ST0003: a provider of adults in work; ST0004: a
    provider of young people; ST0005: new, 20 starts in the part year; ST0006: new, 150 in the part year."""
    standards = []
    for y in FULL:
        standards += _rows(
            (ARMY, "ST0001", y, False, 100),
            (CIVIL, "ST0001", y, False, 10),
            (CIVIL, "ST0002", y, False, 50),
            (ADULTS, "ST0003", y, False, 40),
            (YOUNG, "ST0004", y, False, 40),
        )
    standards += _rows((CIVIL, "ST0005", PART, True, 20), (CIVIL, "ST0006", PART, True, 150))
    years = [
        {"ukprn": u, "year": y, "partial_year": False, "starts": n}
        for y in FULL
        for u, n in ((ARMY, 200), (CIVIL, 100), (ADULTS, 80), (YOUNG, 80))
    ]
    home = [
        {"ukprn": u, "lad_code": HOME, "year": y, "partial_year": False, "starts": n}
        for y in FULL
        for u, n in ((ARMY, 50), (CIVIL, 20), (ADULTS, 30), (YOUNG, 30))
    ]
    ages = [
        {"ukprn": u, "year": "2024/25", "partial_year": False, "age_group": g, "starts": n}
        for u, young in ((ADULTS, 4), (YOUNG, 40), (CIVIL, 30), (ARMY, 100))
        for g, n in (("Under 19", young), ("25+", 76))
    ]
    return SimpleNamespace(
        provider_standards=pd.DataFrame(standards),
        provider_years=pd.DataFrame(years),
        provider_home=pd.DataFrame(home),
        provider_ages=pd.DataFrame(ages),
        wage_rates=pd.DataFrame(
            {
                "start_date": ["2026-04-01"] * 3,
                "band": ["under_18", "age_18_to_20", "age_21_to_22"],
                "min_age": pd.array([0, 18, 21], dtype="Int64"),
                "max_age": pd.array([17, 20, 22], dtype="Int64"),
                "hourly_rate_gbp": [8.0, 10.85, 12.71],
            }
        ),
        occupations=pd.DataFrame({"soc": ["2134", "9233"], "hours_full_time": [37.5, 40.0]}),
        progressions=pd.DataFrame(
            {
                "from_kind": ["programme"] * 2,
                "from_id": ["ST0795", "ST0117"],
                "to_kind": ["programme"] * 2,
                "to_id": ["ST0117", "ST0482"],
                "rule": ["same_occupation_next_level", "skills_england_progression_map"],
                "source": [
                    "derived: same route (Digital), next level up",
                    "Skills England occupational maps: progression map of OCC0117",
                ],
            }
        ),
    )


@pytest.fixture(scope="module")
def facts() -> BundleFacts:
    return BundleFacts(_tiny_bundle())


def _step(
    kind: str = "apprenticeship",
    ident: str = "ST0002",
    level: int | None = 2,
    age: float = 16.0,
    evidence: Evidence = ENTRY,
    title: str = "",
    months: int = 12,
) -> Step:
    return Step(
        kind,
        ident,
        title or f"{kind} {ident}",
        level,
        months,
        kind in ("apprenticeship", "job"),
        None,
        age,
        "",
        evidence=evidence,
    )


def _route(
    *steps: Step,
    rank: int = 1,
    score: float = 70.0,
    soc: str = "9233",
    pay: float | None = 22000.0,
    notices: tuple[str, ...] = (),
) -> Route:
    dest = Destination(soc, f"job {soc}", None, pay, pay, "", "")
    return Route(rank, score, {}, tuple(steps), dest, (), f"r{rank}-{steps[0].id}", 16, 12, 0, notices=notices)


def _learner(age: int = 17, qualification: str = "level2", **kw) -> Learner:
    return Learner("L001", HOME, "Hometown", Profile(age=age, qualification=qualification, **kw), (HOME,))


def test_facts_estimate_providers_from_the_tables(facts):
    """Army: 50 from HOME x 100/200 on ST0001, two years; the civilian provider: 20 x 10/100, two years."""
    est = facts.provider_estimates((HOME,), "ST0001")
    assert est.round(6).to_dict() == {ARMY: 50.0, CIVIL: 4.0}
    assert facts.full_year_starts["ST0002"] == 100 and facts.part_year_starts["ST0005"] == 20
    assert facts.under_19_share[ADULTS] == 0.05 and facts.adult_minimum_year("2134") == pytest.approx(12.71 * 37.5 * 52)


def test_forces_fails_an_unlabelled_forces_route_and_passes_others(facts):
    army = _route(_step(ident="ST0001"))
    assert [f.check for f in forces([army], _learner(), facts)] == ["forces"]
    assert "British Army" in forces([army], _learner(), facts)[0].evidence
    labelled = _route(_step(ident="ST0001"), notices=("Mostly trained in the armed forces: the British Army.",))
    assert forces([labelled, _route(_step(ident="ST0002"))], _learner(), facts) == []


def test_older_learners_fails_adult_programmes_for_under_19s_only(facts):
    adults, young = _route(_step(ident="ST0003")), _route(_step(ident="ST0004"), rank=2)
    assert [f.route_id for f in older_learners([adults, young], _learner(17), facts)] == [adults.route_id]
    assert older_learners([adults], _learner(19), facts) == []


def test_rare_new_fails_a_programme_few_have_started(facts):
    assert len(rare_new([_route(_step(ident="ST0005"))], _learner(), facts)) == 1
    assert len(rare_new([_route(_step(ident="ST9999"))], _learner(), facts)) == 1  # nobody at all
    assert rare_new([_route(_step(ident="ST0006")), _route(_step(ident="ST0002"), rank=2)], _learner(), facts) == []


def test_quota_fill_fails_a_route_above_a_clearly_better_one_of_its_group(facts):
    filled = [
        _route(_step(ident="ST0002"), rank=1, score=80),
        _route(_step(ident="FA0001"), rank=2, score=55),
        _route(_step(ident="ST0004"), rank=3, score=70),
    ]
    assert [f.rank for f in quota_fill(filled, _learner(), facts)] == [2]
    fair = [filled[0], _route(_step("fe_course", "FE-x"), rank=2, score=55), filled[2]]  # another group
    assert quota_fill(fair, _learner(), facts) == []
    assert quota_fill([filled[0], filled[2], filled[1]], _learner(), facts) == []  # in score order


def test_level_timing_fails_master_level_before_21_and_degree_level_before_18(facts):
    assert len(level_timing([_route(_step(ident="ST0482", level=7, age=20.5))], _learner(), facts)) == 1
    assert len(level_timing([_route(_step(ident="ST0481", level=6, age=17.5))], _learner(), facts)) == 1
    # a degree apprenticeship at 18 after Level 3 is its official entry
    assert (
        level_timing(
            [_route(_step(ident="ST0482", level=7, age=21.0)), _route(_step(ident="ST0481", level=6, age=18.0))],
            _learner(),
            facts,
        )
        == []
    )


def test_bootcamp_pay_fails_a_bootcamp_straight_to_qualified_pay(facts):
    floor = 12.71 * 37.5 * 52
    to_qualified = _route(_step("bootcamp", "SB-digital", 3, 20), soc="2134", pay=round(floor * 1.2))
    assert len(bootcamp_pay([to_qualified], _learner(20), facts)) == 1
    trainee = _route(_step("bootcamp", "SB-digital", 3, 20), soc="2134", pay=round(floor * 1.05))
    appr_first = _route(_step(ident="ST0002"), soc="2134", pay=round(floor * 1.5))
    # a lorry driver (SOC major group 8) straight after the HGV bootcamp, which gives the licence the job needs
    licence = _route(_step("bootcamp", "SB-hgv", 3, 20), soc="8211", pay=round(floor * 1.3))
    assert bootcamp_pay([trainee, appr_first, licence], _learner(20), facts) == []


def test_evidence_labels_fail_an_inferred_link_labelled_official(facts):
    inferred = _route(_step(ident="ST0795", level=3), _step(ident="ST0117", level=4, age=18, evidence=OFFICIAL_SAME_JOB))
    fails = evidence_labels([inferred], _learner(), facts)
    assert len(fails) == 1 and "derived: same route" in fails[0].evidence and fails[0].subject == "same_job_next_level"
    # the table's source is read even when the step's own source says nothing of it
    quiet = _route(
        _step(ident="ST0795", level=3),
        _step(ident="ST0117", level=4, age=18, evidence=Evidence(OFFICIAL_SAME_JOB.kind, OFFICIAL_SAME_JOB.label, "", False)),
    )
    assert len(evidence_labels([quiet], _learner(), facts)) == 1
    mapped = _route(_step(ident="ST0117", level=4), _step(ident="ST0482", level=7, age=21, evidence=OFFICIAL_MAP))
    said = _route(
        _step(ident="ST0795", level=3),
        _step(
            ident="ST0117",
            level=4,
            age=18,
            evidence=Evidence("derived_same_route", "our own link: same subject (weaker evidence)", "derived: same route", True),
        ),
    )
    assert evidence_labels([mapped, said], _learner(), facts) == []


def test_supported_route_fails_an_ehc_plan_without_a_supported_internship(facts):
    routes = [_route(_step(ident="ST0002"))]
    assert len(supported_route(routes, _learner(19, "entry", ehcp=True), facts)) == 1
    with_si = routes + [_route(_step("supported_internship", "SI-supported-internship", 1, 19), rank=2)]
    assert supported_route(with_si, _learner(19, "entry", ehcp=True), facts) == []
    assert supported_route(routes, _learner(19, "entry"), facts) == []


def test_study_programme_fails_a_16_year_old_below_level_2_with_no_college_course(facts):
    routes = [_route(_step(ident="ST0002"))]
    assert len(study_programme(routes, _learner(16, "level1"), facts)) == 1
    assert len(study_programme(routes, _learner(15, "none"), facts)) == 1
    with_college = routes + [_route(_step("fe_course", "FE-x-l1", 1), rank=2)]
    assert study_programme(with_college, _learner(16, "level1"), facts) == []
    assert study_programme(routes, _learner(16, "level2"), facts) == []


def test_job_without_training_fails_a_job_alone_under_18(facts):
    job = _route(_step("job", "9233", None, 16.0))
    assert len(job_without_training([job], _learner(16, "none"), facts)) == 1
    with_training = _route(_step("job", "9233", None, 16.0), _step(ident="ST0002", age=16.0))
    at_18 = _route(_step("job", "9233", None, 18.0))
    assert job_without_training([with_training, at_18], _learner(16, "none"), facts) == []


def test_course_below_level_fails_a_course_a_learner_has_already_passed(facts):
    course = _route(_step("fe_course", "FE-engineering-l1", 1, 18.0, title="College course: engineering (Level 1)"))
    assert len(course_below_level([course], _learner(18, "level2"), facts)) == 1
    next_level = _route(_step("fe_course", "FE-engineering-l3", 3, 18.0, title="College course: engineering (Level 3)"))
    top_up = _route(_step("fe_course", "FE-functional-skills-l2", 2, 18.0, title="Functional Skills English and maths: Level 2"))
    assert course_below_level([next_level, top_up], _learner(18, "level2"), facts) == []
    assert course_below_level([course], _learner(16, "none"), facts) == []
    entry_top_up = _route(
        _step("fe_course", "FE-functional-skills-entry", 0, 17.0, title="Functional Skills English and maths: Entry level")
    )
    assert len(course_below_level([entry_top_up], _learner(17, "level2"), facts)) == 1


def test_every_check_is_tested_and_documented():
    tested = {
        "forces",
        "older_learners",
        "rare_new",
        "quota_fill",
        "level_timing",
        "bootcamp_pay",
        "evidence_labels",
        "supported_route",
        "study_programme",
        "job_without_training",
        "course_below_level",
    }
    assert set(CHECKS) == tested
    assert all("Source" in (fn.__doc__ or "") for fn in CHECKS.values())


def test_run_checks_takes_groups(facts):
    """Route checks run within each group (no quota across groups); learner checks on all groups together."""
    earn = [_route(_step(ident="ST0002"), rank=1, score=50)]
    study = [_route(_step("fe_course", "FE-x-l2", 2), rank=1, score=90)]
    learner = _learner(16, "level1")
    assert run_checks({"Earn while you learn": earn, "Study first": study}, learner, facts) == []
    assert [f.check for f in run_checks(earn, learner, facts)] == ["study_programme"]
    assert route_group(study[0]) == "study" and route_group(earn[0]) == "earn"


def test_the_draw_is_even_over_districts_and_covers_every_kind_of_learner():
    codes = [f"E0700{i:04d}" for i in range(50)]
    people = draw_learners(codes, 500, seed=7)
    assert people == draw_learners(codes, 500, seed=7) and people != draw_learners(codes, 500, seed=8)
    counts = pd.Series([c for c, _ in people]).value_counts()
    assert counts.min() == counts.max() == 10
    profiles = [p for _, p in people]
    assert {p.age for p in profiles} == set(range(15, 25))
    assert {p.qualification for p in profiles} == {"none", "entry", "level1", "level2", "level3", "level4"}
    assert {len(p.interests) for p in profiles} == {0, 1, 2}
    assert {p.travel for p in profiles} == {"home", "neighbours", "25km", "50km"}
    assert 0.05 < sum(p.ehcp for p in profiles) / 500 < 0.3 and 0.03 < sum(p.care_leaver for p in profiles) / 500 < 0.2
    assert all(p.level <= 1 for p in profiles if p.age == 15)


def test_a_draw_runs_on_the_bundle(ctx):
    """A few learners through the route finder and every check (the headline itself is bench/realism.py's)."""
    result = run_draw(ctx, 6, seed=1)
    summary = result.to_json()
    assert summary["learners"] == 6 and summary["seed"] == 1 and summary["bar"] == DRAW_BAR
    assert set(summary["checks"]) == set(CHECKS) and 0 < summary["routes_checked"] <= 30
    assert summary["passed_every_check"] == 6 - len(result.failures)
    grouped = run_draw(ctx, 6, seed=1, groups=True)
    assert grouped.shown == "top 5 routes of each group" and grouped.routes_checked >= summary["routes_checked"]
    assert [lr.profile for lr in grouped.learners] == [lr.profile for lr in result.learners]
