"""Money: apprentice minimum pay by age and year, earnings to 30, the degree comparison."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "routes"))
from tiny_bundle import tiny_bundle  # noqa: E402

from pathways.money import degree_comparison, earnings_by_year, minimum_hourly_rate  # noqa: E402
from pathways.profile import Profile  # noqa: E402
from pathways.routes import RouteContext, Signals, find_routes  # noqa: E402

B = tiny_bundle()
CTX = RouteContext(B)
LOCAL = Signals(pay_start=24000.0, pay_experienced=32000.0, adverts=100, adverts_ratio=1.0, area_label="Redcar")


class Area:
    def signals(self, soc: str) -> Signals:
        return LOCAL


def route_with(profile: Profile, ids: tuple[str, ...]):
    for r in find_routes(CTX, profile, Area(), limit=500, varied=False):
        if tuple(s.id for s in r.steps) == ids:
            return r
    raise AssertionError(f"no route {ids}")


@pytest.mark.parametrize("age, year, expected", [
    (16, 1, 8.00), (18, 2, 8.00),            # under 19: apprentice rate in any year
    (19, 1, 8.00), (25, 1, 8.00),            # first year: apprentice rate at any age
    (19, 2, 10.85), (22, 2, 12.71), (30, 3, 12.71),  # 19+ after the first year: the age rate
    (17, None, 8.00), (20, None, 10.85), (23, None, 12.71),
])
def test_minimum_hourly_rate(age, year, expected):
    assert minimum_hourly_rate(B.wage_rates, age, year) == expected


def test_apprenticeship_then_local_pay():
    p = Profile(age=18, qualification="level2", english_maths=True)
    r = route_with(p, ("ST0457",))  # 42 months
    years = earnings_by_year(r, p, LOCAL, B.wage_rates, B.facts)
    assert [y.age for y in years] == list(range(18, 31))
    assert years[0].earnings_gbp == pytest.approx(8.00 * 30 * 52, abs=10)           # 18, year 1
    assert years[1].earnings_gbp == pytest.approx(10.85 * 30 * 52, abs=10)          # 19, year 2: age rate
    assert years[2].earnings_gbp == pytest.approx(10.85 * 30 * 52, abs=10)          # 20
    assert years[3].kind == "apprenticeship"                                        # 6 months left, then work
    assert years[4].earnings_gbp > years[3].earnings_gbp
    assert years[-1].earnings_gbp == pytest.approx(32000, abs=10)                   # experienced
    assert all(y.is_estimate and y.basis.startswith("Estimate") for y in years)
    assert "modelled local pay for Redcar" in years[-1].basis
    json.dumps([y.to_dict() for y in years])


def test_unpaid_study_earns_nothing_and_school_before_16():
    p = Profile(age=15, qualification="none")
    r = route_with(p, ("FE0001", "FE0002"))
    years = earnings_by_year(r, p, LOCAL, B.wage_rates, B.facts)
    assert years[0].kind == "school" and years[0].earnings_gbp == 0
    assert years[1].earnings_gbp == 0 and years[2].earnings_gbp == 0 and years[1].kind == "study"
    assert years[3].earnings_gbp == pytest.approx(24000, abs=10)


class Nowhere:
    def signals(self, soc: str) -> Signals:
        return Signals()


def test_national_pay_when_no_local_figure():
    p = Profile(age=20)
    r = next(r for r in find_routes(CTX, p, Nowhere(), limit=500) if [s.id for s in r.steps] == ["7111"])
    years = earnings_by_year(r, p, Signals(), B.wage_rates, B.facts)
    assert years[0].earnings_gbp == pytest.approx(19000, abs=10)
    assert "national" in years[0].basis


def test_degree_comparison():
    p = Profile(age=18, qualification="level3")
    r = route_with(p, ("ST0326",))
    d = degree_comparison(r, p, LOCAL, B.occupations, B.facts)
    assert [y.earnings_gbp for y in d.years[:3]] == [0, 0, 0]
    assert d.tuition_loan_gbp == pytest.approx(3 * 9535)
    assert "SOC major group 2" in d.pay_basis  # Sales supervisors are not a graduate occupation
    first_repaying = d.years[4]
    assert first_repaying.loan_repayment_gbp == pytest.approx((first_repaying.earnings_gbp - 25000) * 0.09, abs=10)
    assert d.years[3].loan_repayment_gbp == 0  # repayments start the April after leaving
    assert any("Interest" in n for n in d.notes) and any("9%" in n for n in d.notes)
    json.dumps(d.to_dict())


def test_degree_comparison_uses_graduate_destination_and_level3_first():
    p = Profile(age=16, qualification="level2", english_maths=True)
    r = route_with(p, ("ST0457", "ST0025"))  # to Mechanical engineers (SOC 2122, graduate level)
    d = degree_comparison(r, p, LOCAL, B.occupations, B.facts)
    assert d.occupation == "Mechanical engineers"
    assert [y.kind for y in d.years[:5]] == ["school", "school", "degree", "degree", "degree"]
