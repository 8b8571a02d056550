"""Who trains near you: the provider ingest and the delivery index, on a small made-up fixture,
plus the command line and a few checks on the real bundle.

The fixture has three providers and three districts (A, B, C):

- P1 (a college, named in capitals in one file and mixed case in another) trains on ST0001 and
  took apprentices from A;
- P2 trains on ST0001 but took nobody from A (only from B);
- P3 took apprentices from A but trains only on ST0002.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from pathways.delivery import ESTIMATE_METHOD, DeliveryIndex
from pathways.figures import Figure
from pathways.ingest import providers as ingest
from pathways.ingest.build import write_table
from pathways.schema.providers import SPECS

ROOT = Path(__file__).resolve().parents[1]
A, B, C = "E06000001", "E06000002", "E06000003"
YEARS = ("2023/24", "2024/25", "2025/26 (Aug to Apr)")


def _std_rows() -> list[dict]:
    rows = []

    def add(year, name, provider, ptype, measure, value, flag="Standard", level="Advanced Apprenticeship"):
        rows.append({"year": year, "apps_Level": level, "std_fwk_name": name, "ssa_t1_desc": "x", "ssa_t2_desc": "y",
                     "std_fwk_flag": flag, "provider_type": ptype, "provider_name": provider, "measure": measure,
                     "values": value})

    for y in YEARS:
        add(y, "Widget Maker", "Hartlepool College Of Widgets (10000001)", "General FE College incl Tertiary", "Starts", 10)
        add(y, "Widget Maker", "Hartlepool College Of Widgets (10000001)", "General FE College incl Tertiary", "Achievements", 4)
        add(y, "Gadget Fitter", "Hartlepool College Of Widgets (10000001)", "General FE College incl Tertiary", "Starts", 30)
        add(y, "Widget Maker", "Far Away Training Ltd (10000002)", "Private Sector Public Funded", "Starts", 50)
        add(y, "Gadget Fitter", "University Of Somewhere (10000003)", "Other", "Starts", 20)
        add(y, "Old Framework", "University Of Somewhere (10000003)", "Other", "Starts", 5, flag="Framework")
        add(y, "A Name Nobody Knows", "Far Away Training Ltd (10000002)", "Private Sector Public Funded", "Starts", 2)
    # the part year is much bigger, so mixing it in would show
    rows[-1]["values"] = 2
    return rows


def _home_rows() -> list[dict]:
    rows = []
    for y in YEARS:
        big = 1000 if y.startswith("2025") else 1
        rows += [
            {"year": y, "provider_name": "HARTLEPOOL COLLEGE OF WIDGETS (10000001)", "learner_home_lad": "Hartlepool",
             "delivery_lad": "Hartlepool", "starts": 8 * big, "enrolments": 20, "achievements": 3},
            {"year": y, "provider_name": "HARTLEPOOL COLLEGE OF WIDGETS (10000001)", "learner_home_lad": "Hartlepool",
             "delivery_lad": "Middlesbrough", "starts": 2, "enrolments": 2, "achievements": 0},
            {"year": y, "provider_name": "FAR AWAY TRAINING LTD (10000002)", "learner_home_lad": "Middlesbrough",
             "delivery_lad": "Middlesbrough", "starts": 40, "enrolments": 80, "achievements": 10},
            {"year": y, "provider_name": "UNIVERSITY OF SOMEWHERE (10000003)", "learner_home_lad": "Hartlepool",
             "delivery_lad": "Redcar and Cleveland", "starts": 5, "enrolments": 9, "achievements": 1},
            {"year": y, "provider_name": "UNIVERSITY OF SOMEWHERE (10000003)", "learner_home_lad": "Outside of England and unknown",
             "delivery_lad": "Redcar and Cleveland", "starts": 3, "enrolments": 3, "achievements": 0},
        ]
    return rows


def _age_rows() -> list[dict]:
    rows = []
    for y in YEARS:
        for u, ptype in (("HARTLEPOOL COLLEGE OF WIDGETS (10000001)", "General FE College incl Tertiary"),
                         ("FAR AWAY TRAINING LTD (10000002)", "Private Sector Public Funded"),
                         ("UNIVERSITY OF SOMEWHERE (10000003)", "Other")):
            for age, n in (("Under 19", 6), ("19-24", 3), ("25+", 1)):
                rows.append({"year": y, "provider_name": u, "provider_type": ptype, "apps_Level": "Advanced Apprenticeship",
                             "age_group": age, "delivery_region": "North East", "learner_home_region": "North East",
                             "starts": n, "enrolments": n, "achievements": 0})
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, pd.DataFrame]:
    raw = tmp_path_factory.mktemp("raw")
    (raw / "dfe_apprenticeships" / "providers").mkdir(parents=True)
    (raw / "ifate_standards").mkdir()
    pd.DataFrame(_std_rows()).to_parquet(raw / ingest.F_PROV_STD)
    pd.DataFrame(_home_rows()).to_parquet(raw / ingest.F_PROV_HOME)
    pd.DataFrame(_age_rows()).to_parquet(raw / ingest.F_PROV_AGE)
    pd.DataFrame({"Reference": ["ST0001", "ST0002"], "Name": ["Widget maker", "Gadget fitter"], "Level": ["3", "3"]}) \
        .to_csv(raw / ingest.F_IFATE, index=False)
    lads = pd.DataFrame({"lad_code": [A, B, C], "name": ["Hartlepool", "Middlesbrough", "Redcar and Cleveland"]})
    standards = pd.DataFrame({"programme_id": ["ST0001", "ST0002"], "title": ["Widget maker", "Gadget fitter"],
                              "level": [3, 3], "lars_code": pd.array([101, pd.NA], dtype="Int64"),
                              "is_foundation": [False, False]})
    checks: dict = {}
    tables = ingest.build(raw, {"lads": lads, "standards": standards}, checks)
    tables["lads"], tables["standards"], tables["checks"] = lads, standards, checks
    return tables


@pytest.fixture(scope="module")
def index(built) -> DeliveryIndex:
    from dataclasses import asdict

    from pathways.schema.providers import PROVIDERS_SOURCE

    tables = {k: v for k, v in built.items() if k != "checks"}
    return DeliveryIndex(SimpleNamespace(**tables, source_of=lambda _table: [asdict(PROVIDERS_SOURCE)]))


def _area(*codes: str) -> SimpleNamespace:
    return SimpleNamespace(codes=codes, label="Test area", home=SimpleNamespace(name="Hartlepool"))


def test_every_provider_table_matches_its_schema(built):
    for spec in SPECS:
        spec.schema.validate(built[spec.name])


def test_providers_are_joined_on_the_ukprn_across_name_cases(built):
    p = built["providers"].set_index("ukprn")
    assert list(p.index) == ["10000001", "10000002", "10000003"]  # one row each, though names differ in case
    assert p.loc["10000001", "name"] == "Hartlepool College Of Widgets"  # the mixed-case spelling is kept
    assert p.loc["10000001", "kind"] == "College"
    assert p.loc["10000003", "kind"] == "University"
    home = built["provider_home"]
    assert set(home["ukprn"]) == {"10000001", "10000002", "10000003"}


def test_unmatched_standard_names_and_frameworks_are_left_out_and_reported(built):
    assert built["checks"]["providers"]["standard_names_unmatched"] == ["A Name Nobody Knows"]
    assert set(built["provider_standards"]["programme_id"]) == {"ST0001", "ST0002"}
    # the framework still counts in the provider's total starts (the share's denominator)
    years = built["provider_years"].set_index(["ukprn", "year"])
    assert years.loc[("10000003", "2024/25"), "starts"] == 25


def test_only_providers_that_deliver_the_standard_and_took_people_from_the_area_are_near(index):
    d = index.delivery(_area(A), "ST0001")
    # P2 delivers ST0001 but took nobody from A; P3 took people from A but does not deliver ST0001
    assert [p.ukprn for p in d.providers] == ["10000001"]
    d2 = index.delivery(_area(A), "ST0002")
    assert {p.ukprn for p in d2.providers} == {"10000001", "10000003"}
    d3 = index.delivery(_area(A, B), "ST0001")
    assert {p.ukprn for p in d3.providers} == {"10000001", "10000002"}


def test_the_local_estimate_is_area_starts_times_share_in_the_latest_full_year(index):
    d = index.delivery(_area(A), "ST0001")
    # P1: 10 starts from A (8 + 2 by delivery district), 10 of its 40 starts are on ST0001 -> 2.5
    assert d.local_starts_estimate.value == pytest.approx(2.5)
    assert d.providers[0].estimate_from_area == pytest.approx(2.5)
    assert d.providers[0].delivery_districts == ("Hartlepool", "Middlesbrough")
    # a summary for every standard, in one go, agrees
    assert index.summaries((A,))["ST0001"].local_starts_estimate == pytest.approx(2.5)
    assert index.summaries((A,))["ST0001"].providers_near == 1


def test_the_part_year_is_not_mixed_with_full_years(index):
    assert index.window == ("2023/24", "2024/25")
    d = index.delivery(_area(A), "ST0001")
    assert set(d.local_starts_by_year) == {"2023/24", "2024/25"}
    assert set(d.providers[0].starts_from_area) == {"2023/24", "2024/25"}
    assert d.providers[0].starts_from_area["2024/25"] == 10  # not 8,000 + 2 from the part year
    # national starts keep the part year, labelled as such
    assert "2025/26 (August to April)" in d.national_starts
    assert d.national_starts["2024/25"] == 60


def test_figures_carry_their_provenance(index):
    f = index.delivery(_area(A), "ST0001").local_starts_estimate
    assert isinstance(f, Figure)
    assert f.basis == "modelled" and f.level == "travel area" and f.period == "2024/25"
    assert "DfE" in f.source and ESTIMATE_METHOD in f.note
    assert f.geography == "Test area"


def test_a_programme_without_provider_data_says_so_and_lists_nobody(index):
    d = index.delivery(_area(A), "TL-1", kind="t_level", title="A T Level", level=3)
    assert not d.has_provider_data and d.providers == () and d.local_starts_estimate is None
    assert "T Level" in d.note and d.search_url.startswith("https://")


def test_headline_says_almost_nobody_when_nobody_near(index):
    d = index.delivery(_area(C), "ST0001")
    assert d.providers == ()
    assert d.headline().startswith("Almost nobody from your area")


def test_training_search_link_uses_the_lars_code(index):
    assert index.delivery(_area(A), "ST0001").search_url.endswith("/courses/101/providers")
    assert "keyword=Gadget+fitter" in index.delivery(_area(A), "ST0002").search_url


def test_tables_round_trip_through_parquet(built, tmp_path):
    for spec in SPECS:
        path = tmp_path / f"{spec.name}.parquet"
        write_table(built[spec.name], path)
        spec.schema.validate(pd.read_parquet(path))


# ------------------------------------------------------------------ the real bundle and the command line
def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pathways", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_cli_providers_gives_providers_and_the_estimate():
    p = _cli("providers", "--where", "FY1 1AA", "--programme", "st0005")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["programme"] == {"id": "ST0005", "title": "Adult care worker", "level": 2, "kind": "apprenticeship"}
    assert d["providers"] and {"ukprn", "name", "kind", "starts_programme_england", "starts_from_area",
                               "delivery_districts"} <= set(d["providers"][0])
    est = d["local_starts_estimate"]
    assert est["value"] > 10 and est["basis"] == "modelled" and est["source"]
    assert d["national_starts"]["2024/25"] > 1000


@pytest.mark.parametrize("args, words", [
    (("--where", "FY1 1AA", "--programme", "ST9999"), "do not know the programme"),
    (("--where", "Atlantis", "--programme", "ST0005"), ""),
])
def test_cli_providers_bad_input_exits_2_with_a_plain_message(args, words):
    p = _cli("providers", *args)
    assert p.returncode == 2 and "Traceback" not in p.stderr and p.stderr.strip()
    assert words in p.stderr


def test_cli_providers_for_a_t_level_is_an_empty_list_with_a_note():
    p = _cli("providers", "--where", "FY1 1AA", "--programme", "TL-8")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["providers"] == [] and d["has_provider_data"] is False and "T Level" in d["note"]


def test_cli_routes_apprenticeship_steps_carry_delivery():
    p = _cli("routes", "--where", "TS10 1AA", "--age", "16", "--qualification", "level2", "--english-maths",
             "--interest", "Engineering and manufacturing", "--limit", "5")
    assert p.returncode == 0, p.stderr
    steps = [s for r in json.loads(p.stdout)["routes"] for s in r["steps"]]
    appr = [s for s in steps if s["kind"] in ("apprenticeship", "foundation_apprenticeship")]
    assert appr and all({"providers_near", "local_starts_estimate", "basis"} <= set(s["delivery"]) for s in appr)
    assert all("delivery" not in s for s in steps if s not in appr)


def test_real_bundle_known_figures(ctx):
    """The figures the issue measured by hand: Knowsley, own district only, 2024/25."""
    place = ctx.resolve("Knowsley")
    area = ctx.travel(place, "home")
    care = ctx.delivery.delivery(area, "ST0005")
    assert care.local_starts_estimate.value == pytest.approx(26, abs=2) and len(care.providers) == 70
    assert ctx.delivery.delivery(area, "ST0152").local_starts_estimate.value == pytest.approx(37, abs=2)
    assert ctx.delivery.delivery(area, "ST0039").local_starts_estimate.value < 0.5


def test_a_standard_with_no_full_year_of_figures_is_not_judged(ctx):
    """Regression: foundation apprenticeships (new from August 2025) have no starts in the full years, and were
    treated as 'delivered by a single provider' and never offered as a first step."""
    from pathways.profile import Profile
    from pathways.routes import find_routes

    area = ctx.travel(ctx.resolve("FY1 1AA"), "neighbours")
    fa = next(p for p in ctx.bundle.standards.programme_id if p.startswith("FA"))
    summary = ctx.delivery.summaries(area.codes)[fa]
    assert summary.local_starts_estimate is None and "no full year" in summary.basis
    assert summary.sentence().startswith("We cannot yet say")
    d = ctx.delivery.delivery(area, fa)
    assert d.local_starts_estimate.value is None and d.local_starts_estimate.basis == "not available"
    routes = find_routes(ctx.bundle, Profile(age=19), ctx.local_provider(area), limit=20)
    firsts = [r.steps[0] for r in routes if r.steps[0].kind == "foundation_apprenticeship"]
    assert firsts and not any(r.thin_delivery for r in routes if r.steps[0].kind == "foundation_apprenticeship")


def test_a_standard_open_for_years_that_nobody_started_is_known_to_have_none(ctx):
    """Bespoke saddler (approved 2018) has no starts in England in any year of the DfE files: that is a
    figure (0), not "no full year of figures yet", and such a standard is never a first step."""
    from pathways.delivery import NONE_STARTED
    from pathways.profile import Profile
    from pathways.routes import find_routes

    area = ctx.travel(ctx.resolve("FY1 1AA"), "neighbours")
    saddler = ctx.delivery.summaries(area.codes)["ST0328"]
    assert saddler.local_starts_estimate == 0.0 and saddler.basis == NONE_STARTED
    assert saddler.sentence().startswith("Nobody in England started this")
    assert ctx.delivery.delivery(area, "ST0328").local_starts_estimate.value == 0.0
    # a DfE name the ingest could not match to one standard ("Dental technician") is not claimed as none
    assert ctx.delivery.summaries(area.codes)["ST1432"].local_starts_estimate is None
    for profile in (Profile(age=19), Profile(age=16, qualification="level2", english_maths=True)):
        routes = find_routes(ctx.bundle, profile, ctx.local_provider(area), limit=50)
        assert all(not (r.steps[0].delivery and r.steps[0].delivery.basis == NONE_STARTED) for r in routes)


def test_a_standard_open_through_the_latest_year_with_no_starts_has_an_estimate_of_0(ctx):
    """Mattress manufacturing operative (approved October 2024): no starts in 2024/25 and 2 in England since;
    its local estimate for 2024/25 is 0. Craft painter and decorator (approved July 2024, none in 2024/25 but
    32 since) is being taken up now, so it keeps "no full year of figures yet"."""
    from pathways.delivery import ESTIMATE_BASIS

    area = ctx.travel(ctx.resolve("TN34 1AA"), "neighbours")
    got = ctx.delivery.summaries(area.codes)
    assert got["ST0981"].local_starts_estimate == 0.0 and got["ST0981"].basis == ESTIMATE_BASIS
    assert got["ST1358"].local_starts_estimate is None and "no full year" in got["ST1358"].basis
