"""Local figures: every figure carries provenance; suppressed is never zero; pay is sane."""

import math

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pathways.figures import BASES, LEVELS
from pathways.labour_market import area_context


def _all_places(ctx):
    return [ctx.areas.district(c) for c in ctx.areas.codes]


@pytest.mark.parametrize("where, soc", [("TS10 1AA", "5241"), ("Blackpool", "6135"), ("Cornwall", "6136"),
                                        ("Westminster", "2136"), ("Isles of Scilly", "9229"), ("Sunderland", "3133")])
def test_every_figure_has_provenance(ctx, where, soc):
    place = ctx.resolve(where)
    local = ctx.market.occupation_local(ctx.travel(place, "neighbours"), soc)
    for f in local.figures():
        assert f.source and f.period and f.geography and f.basis in BASES and f.level in LEVELS
        if f.value is None:
            assert f.note, f"{f.label} is missing without a reason"
        else:
            assert math.isfinite(f.value)


def test_pay_is_labelled_modelled_with_the_uk_figure_beside_it(ctx):
    local = ctx.market.occupation_local(ctx.travel(ctx.resolve("TS10 1AA"), "home"), "5241")
    assert local.pay_experienced.basis == "modelled" and "Modelled" in local.pay_experienced.note
    assert local.pay_experienced.label == "Pay with experience" and local.pay_experienced.level == "region"
    assert local.pay_experienced_national.level == "UK" and local.pay_experienced_national.basis == "measured"


def test_suppressed_national_pay_is_missing_not_zero(ctx, bundle):
    occ = bundle.occupations
    soc = occ[occ.annual_median.isna()].soc.iloc[0]
    local = ctx.market.occupation_local(ctx.travel(ctx.resolve("Leeds"), "home"), soc)
    assert local.pay_experienced.value is None and local.pay_experienced.note
    assert local.pay_experienced_national.value is None and local.pay_experienced_national.basis == "suppressed"


def test_london_adverts_fall_back_to_the_wider_area_and_say_so(ctx):
    local = ctx.market.occupation_local(ctx.travel(ctx.areas.district("E09000033"), "home"), "2136")
    assert local.adverts.basis == "wider area" and local.adverts.level == "LSIP area"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_local_pay_never_below_the_legal_minimum_for_full_time_hours(ctx, bundle, data):
    """Issue 15: 6.4% of district x job estimates were below the National Living Wage (care workers in
    Blackpool at about £11.31 an hour)."""
    occ = bundle.occupations
    occ = occ[occ.annual_median.notna()]
    soc = occ.soc.iloc[data.draw(st.integers(0, len(occ) - 1))]
    code = ctx.areas.codes[data.draw(st.integers(0, len(ctx.areas.codes) - 1))]
    med, _ = ctx.market.pay(ctx.areas.district(code), soc)
    hours = ctx.pay.hours(soc)
    assert med.value >= round(ctx.pay.minimum_hourly(21, None, "2025-04-28") * hours * 52, -2) - 50


def test_blackpool_care_workers_at_least_the_national_living_wage(ctx):
    med, _ = ctx.market.pay(ctx.resolve("FY1 1AA"), "6135")
    assert med.value / (ctx.pay.hours("6135") * 52) >= 12.21  # the National Living Wage from April 2025


def test_less_reliable_pay_is_a_range_and_says_so(ctx, bundle):
    """Rail travel assistants: £36,080 in 2023, £45,240 in 2025 (25% apart)."""
    med, nat = ctx.market.pay(ctx.resolve("TS10 1AA"), "6214")
    assert med.low is not None and med.high is not None and med.low < med.high
    assert "to" in med.display() and "Less reliable" in med.note and "Less reliable" in nat.note
    assert not ctx.market.signals(ctx.travel(ctx.resolve("TS10 1AA"), "home"), "6214").pay_reliable


def test_local_figures_differ_between_areas(ctx):
    a = ctx.market.occupation_local(ctx.travel(ctx.resolve("TS10 1AA"), "home"), "5241")
    b = ctx.market.occupation_local(ctx.travel(ctx.resolve("Westminster"), "home"), "5241")
    assert a.pay_experienced.value != b.pay_experienced.value  # North East against London


def test_area_context_for_every_district(ctx):
    for place in _all_places(ctx):
        c = area_context(ctx.market, place)
        assert c.rural_urban
        for f in c.figures.values():
            assert f.value is not None or f.note
        assert c.smc, f"no social mobility indices for {place.name}"
