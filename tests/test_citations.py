"""Sources and periods come from the bundle's manifest: a data refresh changes what the figures say
without a change to the code, and no module the labour market figures come from types a date."""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import asdict
from pathlib import Path
from types import MappingProxyType

import pytest

import pathways.labour_market as lm
from pathways.bundle import Bundle
from pathways.citations import Citations, period
from pathways.district_figures import area_context
from pathways.job_outcomes import occupation_outcomes
from pathways.labour_market import LabourMarket

ROOT = Path(__file__).resolve().parent.parent
#: a data period: a month and year, an academic year, a tax year, a dated edition ("State of the Nation 2025")
DATED = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d\b"
    r"|\b20\d\d/\d\d\b|tax year 20\d\d|State of the Nation 20\d\d|ASHE 20\d\d|Survey of Hours and Earnings 20"
)
#: dates that are not data periods: when a person checked a linked page, and the example in a message on dates
NOT_PERIODS = re.compile(r"checked 20\d\d-\d\d|or September 2026")


def _refreshed(bundle: Bundle) -> Bundle:
    """The same tables with every period in the manifest moved on a year (as a yearly refresh would)."""
    manifest = copy.deepcopy(dict(bundle.manifest))

    def later(text: str) -> str:
        text = re.sub(r"\b(20\d\d)/(\d\d)\b", lambda m: f"{int(m.group(1)) + 1}/{int(m.group(2)) + 1:02d}", text)
        text = re.sub(r"\b(20\d\d)-(\d\d)\b", lambda m: f"{int(m.group(1)) + 1}-{int(m.group(2)) + 1:02d}", text)
        return re.sub(r"\b(?<![/-])(20\d\d)\b(?![/-])", lambda m: str(int(m.group(1)) + 1), text)

    for table in manifest["tables"].values():
        for src in table["sources"]:
            src["period"] = later(str(src.get("period", "")))
    return Bundle(bundle.tables, MappingProxyType(manifest), bundle.path)


def test_citations_read_the_manifest(bundle):
    c = Citations.from_bundle(bundle)
    assert all(asdict(c).values()), c
    assert re.fullmatch(r"[A-Z][a-z]+ 20\d\d", c.pay_period)
    assert re.fullmatch(r"20\d\d/\d\d to 20\d\d/\d\d", c.flows_period)
    assert c.pay_period in str(bundle.source_of("occupations"))


def test_citations_follow_a_refresh(bundle):
    old, new = Citations.from_bundle(bundle), Citations.from_bundle(_refreshed(bundle))
    y = int(old.pay_period[-4:])
    assert new.pay_period == old.pay_period.replace(str(y), str(y + 1))
    assert new.flows_period != old.flows_period and new.gcse_years != old.gcse_years
    assert new.career_pathways_period != old.career_pathways_period


def test_citations_without_a_manifest_are_empty_not_made_up(tmp_path):
    c = Citations.from_manifest(tmp_path / "missing.json")
    assert c.pay_period == "" and c.flows_period == "" and "20" not in c.ashe


def test_labour_market_figures_follow_a_refresh(bundle, ctx):
    """The periods on the figures come from the manifest: a refreshed manifest changes them."""
    market = LabourMarket(_refreshed(bundle), ctx.areas)
    place = ctx.resolve("Blackpool")
    travel = ctx.travel(place, "home")
    local = market.occupation_local(travel, "5241")
    old = ctx.market.cite
    assert local.pay_experienced.period == market.pay_period != old.pay_period
    assert local.openings.period == market.cite.projections_period != old.projections_period
    assert area_context(market, place).pay.period == market.cite.residents_pay_period
    outcomes = occupation_outcomes(market, travel, "5241")
    dated = [f for f in outcomes.values() if f.source in (market.cite.career_pathways, market.cite.leo_post16)]
    assert dated and all(old.career_pathways_period not in f.period for f in dated)


def test_the_pay_period_and_source_are_the_markets_only(bundle, ctx):
    """Readers take the pay period and source from the market (``ctx.market.pay_period``, ``ctx.market.cite``):
    the module-level names once kept for older importers are gone."""
    assert ctx.market.pay_period == Citations.from_bundle(bundle).pay_period
    assert ctx.market.cite.ashe == Citations.from_bundle(bundle).ashe
    for old in ("PAY_PERIOD", "ASHE", "pay_period"):
        with pytest.raises(AttributeError):
            getattr(lm, old)


#: every run-time module (the ingest and the schema name their sources' periods: that is where periods are written)
RUN_TIME_MODULES = sorted(
    p for p in (ROOT / "pathways").rglob("*.py") if not {"ingest", "schema"} & set(p.relative_to(ROOT / "pathways").parts)
)


@pytest.mark.parametrize("path", RUN_TIME_MODULES, ids=lambda p: str(p.relative_to(ROOT / "pathways")))
def test_no_dates_typed_into_code(path):
    """String literals outside docstrings name no month-and-year, academic year or dated edition."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    found = [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and id(n) not in docstrings
        and DATED.search(NOT_PERIODS.sub("", n.value))
    ]
    assert not found, found


def test_table_periods_are_their_sources_periods(bundle):
    """The period stored on each row is the period of the Source the ingest read (so the schema need not name it)."""
    assert set(bundle.job_adverts.period) == {period(bundle, "job_adverts")}
    flows = bundle.travel_flows
    assert set(flows[flows.kind == "apprenticeships"].period) == {Citations.from_bundle(bundle).flows_period}
