"""The realism benchmark's guards and persona panel (see pathways/realism.py and bench/realism.py).

The guards run here over one district in five (59 districts, every region), so the suite stays quick;
``python bench/realism.py`` runs them over all 296. The persona panel runs whole: two personas are
known to fail today and are marked so (strict), so a change that fixes or breaks one is noticed.
"""

from __future__ import annotations

import pytest

from pathways.realism import BARS, Guards, guards, load_personas, panel

#: personas an adviser's expectations are not yet met for (see the closing note of issue 14)
KNOWN_FAILURES: dict[str, str] = {}


@pytest.fixture(scope="module")
def result(ctx) -> Guards:
    return guards(ctx, ctx.areas.codes[::5])


@pytest.mark.parametrize("name", ["breaches", "below_level2_in_major_groups_1_2_share",
                                  "first_apprenticeship_delivered_share", "more_than_one_derived",
                                  "tlevel_in_top10_share"])
def test_guard_meets_its_bar(result, name):
    how, bar = BARS[name]
    assert result.passed()[name], f"{name} = {result.counts[name]} (bar: {how} {bar}); {result.detail.get('breaches')}"


def test_same_number_one_guard_meets_its_bar(result):
    """With no interest chosen, no route is #1 in more than 15% of districts; with one interest, place
    still changes the #1 (the share is reported: the realistic first routes for one interest are few)."""
    assert result.passed()["same_number_one_share"], result.detail["same_number_one_share_by_profile"]
    assert result.passed()["one_interest_distinct_number_ones"], result.detail["distinct_number_ones_by_profile"]


def test_no_route_breaks_an_entry_age_or_licence_rule(result):
    assert result.counts["breaches"] == 0 and result.detail["breaches"] == []


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


@pytest.mark.parametrize("persona", [
    pytest.param(p["id"], marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[p["id"]]))
    if p["id"] in KNOWN_FAILURES else p["id"] for p in load_personas()])
def test_persona(panel_results, persona):
    r = panel_results[persona]
    assert r.passed, r.problems


def test_pay_changes_at_most_half_of_the_top_five(ctx):
    """Issue 14: "with the default weights, setting pay's weight to 0 changes at most about half of the top
    five" (measured over one district in ten: 39% with pay at 0.05; it was 64% at 0.10)."""
    from pathways.realism import pay_sensitivity

    assert pay_sensitivity(ctx, list(ctx.areas.codes[::10])) <= 0.5
