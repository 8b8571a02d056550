"""Local figures: every figure carries provenance; suppressed is never zero; pay is sane."""

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pathways.answers.area import area_tables
from pathways.figures import BASES, LEVELS
from pathways.district_figures import area_context
from pathways.labour_market import LabourMarket, _left_out
from pathways.market_tables import _wide


def _all_places(ctx):
    return [ctx.areas.district(c) for c in ctx.areas.codes]


@pytest.mark.parametrize(
    "where, soc",
    [
        ("TS10 1AA", "5241"),
        ("Blackpool", "6135"),
        ("Cornwall", "6136"),
        ("Westminster", "2136"),
        ("Isles of Scilly", "9229"),
        ("Sunderland", "3133"),
    ],
)
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
    """6.4% of district x job estimates were below the National Living Wage (care workers in
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
        for f in c.figures():
            assert f.value is not None or f.note
        assert c.smc, f"no social mobility indices for {place.name}"


# -- suppressed APS employment: "not published", never 0 ------------------------------
def _employment(rows: list[tuple[str, str, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area_code", "sub_major_group", "value"]).assign(value=lambda d: d["value"].astype(float))


def _market(rows: list[tuple[str, str, float | None]]) -> LabourMarket:
    """A LabourMarket holding only the latest year of a small employment table (enough for the area sums)."""
    market = object.__new__(LabourMarket)
    market._column_cache = {}
    market._emp_latest = 2025
    market._emp = {2025: _wide(_employment(rows), "sub_major_group")}
    return market


# two districts (A, B) and England (E92000001); B's group 51 is not published
_ROWS = [
    ("A", "51", 300.0),
    ("A", "total", 10_000.0),
    ("B", "51", None),
    ("B", "total", 40_000.0),
    ("E92000001", "51", 1_000.0),
    ("E92000001", "total", 100_000.0),
]


def test_a_suppressed_cell_stays_missing_not_zero():
    wide = _wide(_employment(_ROWS), "sub_major_group")
    assert math.isnan(wide.at["B", "51"])  # pivot_table(aggfunc="sum") made this 0.0
    total, missing = _market(_ROWS)._sum(wide, ("A", "B"), "51")
    assert (total, missing) == (300.0, 1)
    assert _market(_ROWS)._sum(wide, ("B",), "51") == (None, 1)


def test_a_total_that_leaves_out_suppressed_areas_says_so():
    assert _left_out(0, 3) == ""
    note = _left_out(1, 2)
    assert "leaves out 1 of the 2 areas" in note and "not published" in note and "higher" in note


def test_ranking_share_does_not_count_a_suppressed_cell_as_zero():
    """The share of people in farm work around A and B is unknown: not 300 / 50,000 (B's cell as 0: 0.6 times
    England's), nor 300 / 10,000 (B left out: 3 times), nor the wider area's; ranking then counts it as average."""
    market = _market(_ROWS)
    assert market._employment_ratio(("A", "B"), "51") is None
    assert market._employment_ratio(("A",), "51") == pytest.approx(3.0)  # every district published: its own share
    assert market._employment_ratio(("B",), "51") is None


def test_no_employment_figure_is_zero_people(ctx):
    """Every district and every kind of work: a suppressed group is 'not published' (or the wider area's figure),
    never 0 people measured (before the fix 2,919 of these figures were 0); a travel area's total that leaves
    a district out says so."""
    groups = {soc[:2]: soc for soc in ctx.bundle.occupations.soc}
    not_here, left_out = 0, 0
    for code in ctx.areas.codes:
        for mode in ("home", "neighbours"):
            travel = ctx.travel(ctx.areas.district(code), mode)
            for soc in groups.values():
                f = ctx.market.occupation_local(travel, soc).employment
                assert f.value != 0, (code, mode, soc)
                if f.value is None:
                    assert f.basis == "suppressed" and f.note.startswith("Not published")
                elif f.basis == "wider area":
                    assert f.level == "LSIP area" and "Not published for" in f.note
                not_here += f.value is None or f.basis == "wider area"
                left_out += "whose figures are not published" in f.note
    assert not_here > 1000 and left_out > 100


def test_area_table_of_people_says_what_it_leaves_out(ctx):
    em = ctx.bundle.employment
    latest = em[(em.period_end_year == em.period_end_year.max()) & (em.area_type == "lad") & (em.sub_major_group != "total")]
    hidden = latest[latest.value.isna()].groupby("area_code").size()
    code = hidden.idxmax()
    t = area_tables(ctx, ctx.areas.district(code))
    assert f"Leaves out {hidden[code]} kinds of work whose figures are not published" in t.people_note
    assert set(hidden.index) == set(latest.area_code)  # every district has a kind of work not published
    one = hidden[hidden == 1].index[0]
    assert area_tables(ctx, ctx.areas.district(one)).people_note.startswith(
        "Leaves out 1 kind of work whose figure is not published"
    )
