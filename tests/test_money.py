"""Money: apprentice minimum pay by age and year, earnings to 30, the degree comparison (tiny bundle:
no age bands, so pay is not scaled for age here; see tests/test_pay.py for that on the real bundle)."""

from __future__ import annotations

import json

import pytest

from tests.fixtures.routes.tiny_bundle import tiny_bundle

from pathways.money import degree_comparison, earnings_by_year, total_to_30  # noqa: E402
from pathways.pay import PayScale  # noqa: E402
from pathways.profile import Profile  # noqa: E402
from pathways.routes import RouteContext, Signals, find_routes  # noqa: E402

B = tiny_bundle()
CTX = RouteContext(B)
SCALE = PayScale(B)
LOCAL = Signals(pay_experienced=32000.0, adverts=100, adverts_ratio=1.0, area_label="Redcar")


class Area:
    def signals(self, soc: str) -> Signals:
        return LOCAL


def route_with(profile: Profile, ids: tuple[str, ...]):
    for r in find_routes(CTX, profile, Area(), limit=500, varied=False):
        if tuple(s.id for s in r.steps) == ids:
            return r
    raise AssertionError(f"no route {ids}")


@pytest.mark.parametrize(
    "age, year, expected",
    [
        (16, 1, 8.00),
        (18, 2, 8.00),  # under 19: apprentice rate in any year
        (19, 1, 8.00),
        (25, 1, 8.00),  # first year: apprentice rate at any age
        (19, 2, 10.85),
        (22, 2, 12.71),
        (30, 3, 12.71),  # 19+ after the first year: the age rate
        (17, None, 8.00),
        (20, None, 10.85),
        (23, None, 12.71),
    ],
)
def test_minimum_hourly_rate(age, year, expected):
    assert SCALE.minimum_hourly(age, year) == expected


def test_rates_in_force_on_a_date():
    assert SCALE.minimum_hourly(25, None, "2025-04-28") == 12.21 and SCALE.minimum_hourly(25) == 12.71


def test_apprenticeship_then_local_pay():
    p = Profile(age=18, qualification="level2", english_maths=True)
    r = route_with(p, ("ST0457",))  # 42 months
    years = earnings_by_year(r, p, LOCAL, SCALE)
    assert [y.age for y in years] == list(range(18, 31))
    assert years[0].earnings_gbp == pytest.approx(8.00 * 30 * 52, abs=10)  # 18, year 1
    assert years[1].earnings_gbp == pytest.approx(10.85 * 30 * 52, abs=10)  # 19, year 2: age rate
    assert years[2].earnings_gbp == pytest.approx(10.85 * 30 * 52, abs=10)  # 20
    assert years[3].kind == "apprenticeship"  # 6 months left, then work
    assert years[4].earnings_gbp > years[3].earnings_gbp
    assert years[-1].earnings_gbp == pytest.approx(32000, abs=10)  # experienced (no age bands here)
    assert all(y.is_estimate and y.basis.startswith("Estimate") for y in years)
    assert "modelled pay for Redcar" in years[-1].basis
    assert years[0].what == "pay while training (legal minimum)" and years[-1].what == "pay in work (estimate)"
    json.dumps([y.to_dict() for y in years])


def test_unpaid_study_earns_nothing_and_school_before_16():
    p = Profile(age=15, qualification="none")
    r = route_with(p, ("FE0001", "FE0002"))
    years = earnings_by_year(r, p, LOCAL, SCALE)
    assert years[0].kind == "school" and years[0].earnings_gbp == 0
    assert years[1].earnings_gbp == 0 and years[2].earnings_gbp == 0 and years[1].kind == "study"
    assert years[1].what == "no earnings: study"
    assert years[3].earnings_gbp == pytest.approx(32000, abs=10)


class Nowhere:
    def signals(self, soc: str) -> Signals:
        return Signals()


def test_national_pay_when_no_local_figure():
    p = Profile(age=20)
    r = next(r for r in find_routes(CTX, p, Nowhere(), limit=500) if [s.id for s in r.steps] == ["7111"])
    years = earnings_by_year(r, p, Signals(), SCALE)
    # the national median (£21,000), raised to the legal minimum at 20 for full-time hours (£10.85 x 37.5 x 52)
    assert years[0].earnings_gbp == pytest.approx(10.85 * 37.5 * 52, abs=10)
    assert "national" in years[0].basis


def test_unpublished_pay_is_no_figure_never_zero():
    """29 jobs with unpublished pay once showed £0 every year to 30."""
    p = Profile(age=20)
    r = next(r for r in find_routes(CTX, p, Nowhere(), limit=500) if [s.id for s in r.steps] == ["7111"])
    no_pay = type(r.destination)(**{**r.destination.__dict__, "pay_experienced": None})
    r = type(r)(**{**r.__dict__, "destination": no_pay})
    years = earnings_by_year(r, p, Signals(), SCALE)
    assert all(y.earnings_gbp is None for y in years) and total_to_30(years) is None
    assert "no figure" in years[0].basis


def test_degree_comparison():
    p = Profile(age=18, qualification="level3")
    r = route_with(p, ("ST0326",))
    d = degree_comparison(r, p, LOCAL, B.occupations, SCALE, 1.1, B.facts)
    assert [y.earnings_gbp for y in d.years[:3]] == [0, 0, 0]
    assert d.tuition_loan_gbp == pytest.approx(3 * 9535)  # no maintenance loan in this bundle's facts
    assert "Professional occupations" in d.occupation and "region" in d.pay_basis  # Sales supervisors are not graduate jobs
    first_repaying = d.years[4]
    assert first_repaying.loan_repayment_gbp == pytest.approx((first_repaying.earnings_gbp - 25000) * 0.09, abs=10)
    assert d.years[3].loan_repayment_gbp == 0  # repayments start the April after leaving
    assert any("Interest" in n for n in d.notes) and any("9%" in n for n in d.notes)
    assert any("leaves out" in n for n in d.notes)
    assert d.total_to_30_gbp == total_to_30(d.years)
    json.dumps(d.to_dict())


def test_degree_comparison_uses_graduate_destination_and_level3_first():
    p = Profile(age=16, qualification="level2", english_maths=True)
    r = route_with(p, ("ST0457", "ST0025"))  # to Mechanical engineers (SOC 2122, graduate level)
    d = degree_comparison(r, p, LOCAL, B.occupations, SCALE, 1.0, B.facts)
    assert d.occupation == "Mechanical engineers"
    assert [y.kind for y in d.years[:5]] == ["school", "school", "degree", "degree", "degree"]


def test_degree_and_route_use_the_same_pay_for_the_same_job_and_age():
    """The degree side was once national and not scaled for age while the route side was."""
    p = Profile(age=16, qualification="level2", english_maths=True)
    r = route_with(p, ("ST0457", "ST0025"))
    route_years = {y.age: y for y in earnings_by_year(r, p, LOCAL, SCALE)}
    d = degree_comparison(r, p, LOCAL, B.occupations, SCALE, 1.0, B.facts)
    both = [y for y in d.years if y.kind == "work" and route_years[y.age].kind == "work"]
    assert both and all(y.earnings_gbp == route_years[y.age].earnings_gbp for y in both)
