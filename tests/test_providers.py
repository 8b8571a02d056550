"""Who trains near you: the provider ingest and the delivery index, on a small made-up fixture,
plus the command line and a few checks on the real bundle.

The fixture has five providers and three districts (A, B, C); figures are the same in both full years unless said:

- P1 (a college, named in capitals in one file and mixed case in another) trains on ST0001 (10) and ST0002 (30),
  took 10 apprentices a year from A, 80% of them under 19;
- P2 trains on ST0001 (50) and took 40 from B, and 1 from A in 2023/24 only (under the "near" threshold);
- P3 (a university) took 5 from A, trains on ST0002 (20) and ST0004 (15), all its apprentices 25 or over;
- P4 (the British Army) trains on ST0001 (100) and took 50 from A, its base;
- P5 (a company on the hand-checked list of employers that train their own staff) took 6 from A, all on ST0002;
- FA0005 is new: 8 starts with P1 in the 2025/26 part year, none in the full years.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from pathways.delivery import DeliveryIndex
from pathways.delivery_answers import ESTIMATE_METHOD, NEAR_MIN
from pathways.figures import Figure
from pathways.ingest import providers as ingest
from pathways.ingest.build import write_table
from pathways.schema.providers import SPECS

ROOT = Path(__file__).resolve().parents[1]
A, B, C = "E06000001", "E06000002", "E06000003"
YEARS = ("2023/24", "2024/25", "2025/26 (Aug to Apr)")
P1, P2, P3 = "Hartlepool College Of Widgets (10000001)", "Far Away Training Ltd (10000002)", "University Of Somewhere (10000003)"
P4, P5 = "British Army (10033440)", "ACME ENGINEERING PLC (10000005)"


def _std_rows() -> list[dict]:
    rows = []

    def add(year, name, provider, ptype, measure, value, flag="Standard", level="Advanced Apprenticeship"):
        rows.append(
            {
                "year": year,
                "apps_Level": level,
                "std_fwk_name": name,
                "ssa_t1_desc": "x",
                "ssa_t2_desc": "y",
                "std_fwk_flag": flag,
                "provider_type": ptype,
                "provider_name": provider,
                "measure": measure,
                "values": value,
            }
        )

    for y in YEARS:
        add(y, "Widget Maker", P1, "General FE College incl Tertiary", "Starts", 10)
        add(y, "Widget Maker", P1, "General FE College incl Tertiary", "Achievements", 4)
        add(y, "Gadget Fitter", P1, "General FE College incl Tertiary", "Starts", 30)
        add(y, "Widget Maker", P2, "Private Sector Public Funded", "Starts", 50)
        add(y, "Gadget Fitter", P3, "Other", "Starts", 20)
        add(y, "Team Steerer", P3, "Other", "Starts", 15)
        add(y, "Old Framework", P3, "Other", "Starts", 5, flag="Framework")
        add(y, "Widget Maker", P4, "Other", "Starts", 100)
        add(y, "Gadget Fitter", P5, "Private Sector Public Funded", "Starts", 6)
        add(y, "A Name Nobody Knows", P2, "Private Sector Public Funded", "Starts", 2)
    add(
        YEARS[-1],
        "Brand New Foundation",
        P1,
        "General FE College incl Tertiary",
        "Starts",
        8,
        level="Intermediate Apprenticeship",
    )
    return rows


def _home_rows() -> list[dict]:
    rows = []

    def add(y, provider, home, delivery, starts):
        rows.append(
            {
                "year": y,
                "provider_name": provider.upper(),
                "learner_home_lad": home,
                "delivery_lad": delivery,
                "starts": starts,
                "enrolments": starts,
                "achievements": 0,
            }
        )

    for y in YEARS:
        big = 1000 if y.startswith("2025") else 1  # the part year is much bigger, so mixing it in would show
        add(y, P1, "Hartlepool", "Hartlepool", 8 * big)
        add(y, P1, "Hartlepool", "Middlesbrough", 2)
        add(y, P2, "Middlesbrough", "Middlesbrough", 40)
        add(y, P3, "Hartlepool", "Redcar and Cleveland", 5)
        add(y, P3, "Outside of England and unknown", "Redcar and Cleveland", 3)
        add(y, P4, "Hartlepool", "Hartlepool", 50)
        add(y, P5, "Hartlepool", "Hartlepool", 6)
    add(YEARS[0], P2, "Hartlepool", "Middlesbrough", 1)
    return rows


def _age_rows() -> list[dict]:
    rows = []
    mixes = {
        P1: ("General FE College incl Tertiary", (8, 2, 0)),
        P2: ("Private Sector Public Funded", (6, 3, 1)),
        P3: ("Other", (0, 0, 10)),
        P4: ("Other", (6, 3, 1)),
        P5: ("Private Sector Public Funded", (3, 3, 0)),
    }
    for y in YEARS:
        for u, (ptype, ns) in mixes.items():
            for age, n in zip(("Under 19", "19-24", "25+"), ns):
                rows.append(
                    {
                        "year": y,
                        "provider_name": u.upper(),
                        "provider_type": ptype,
                        "apps_Level": "Advanced Apprenticeship",
                        "age_group": age,
                        "delivery_region": "North East",
                        "learner_home_region": "North East",
                        "starts": n,
                        "enrolments": n,
                        "achievements": 0,
                    }
                )
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, pd.DataFrame]:
    raw = tmp_path_factory.mktemp("raw")
    (raw / "dfe_apprenticeships" / "providers").mkdir(parents=True)
    (raw / "ifate_standards").mkdir()
    pd.DataFrame(_std_rows()).to_parquet(raw / ingest.F_PROV_STD)
    pd.DataFrame(_home_rows()).to_parquet(raw / ingest.F_PROV_HOME)
    pd.DataFrame(_age_rows()).to_parquet(raw / ingest.F_PROV_AGE)
    refs = {"ST0001": "Widget maker", "ST0002": "Gadget fitter", "ST0004": "Team steerer", "FA0005": "Brand new foundation"}
    pd.DataFrame({"Reference": list(refs), "Name": list(refs.values()), "Level": ["3", "3", "3", "2"]}).to_csv(
        raw / ingest.F_IFATE, index=False
    )
    forces = raw / "forces.csv"
    forces.write_text(
        "ukprn,name,service,minimum_age,how_to_apply_url,source_url,date_checked,note\n"
        "10033440,British Army,British Army,16,https://jobs.army.mod.uk/,https://jobs.army.mod.uk/age,"
        "2026-12-06,\n"
    )
    employers = raw / "employers.csv"
    employers.write_text(
        "ukprn,name,trains_own_staff,evidence,source_url,date_checked\n"
        "10000005,Acme Engineering plc,yes,Its careers site describes its own apprentice academy,"
        "https://acme.example/careers,2026-12-06\n"
        "10000002,Far Away Training Ltd,no,A training company,https://faraway.example,2026-12-06\n"
    )
    lads = pd.DataFrame({"lad_code": [A, B, C], "name": ["Hartlepool", "Middlesbrough", "Redcar and Cleveland"]})
    standards = pd.DataFrame(
        {
            "programme_id": list(refs),
            "title": list(refs.values()),
            "level": [3, 3, 3, 2],
            "lars_code": pd.array([101, pd.NA, pd.NA, pd.NA], dtype="Int64"),
            "is_foundation": [False, False, False, True],
        }
    )
    checks: dict = {}
    tables = ingest.build(raw, {"lads": lads, "standards": standards}, checks, forces, employers)
    tables["lads"], tables["standards"], tables["checks"] = lads, standards, checks
    return tables


@pytest.fixture(scope="module")
def index(built) -> DeliveryIndex:
    tables = {k: v for k, v in built.items() if k != "checks"}
    return DeliveryIndex(SimpleNamespace(**tables, manifest={"sources": {}, "tables": {}}))


def _area(*codes: str) -> SimpleNamespace:
    return SimpleNamespace(codes=codes, label="Test area", home=SimpleNamespace(name="Hartlepool"))


def test_every_provider_table_matches_its_schema(built):
    for spec in SPECS:
        spec.schema.validate(built[spec.name])


def test_providers_are_joined_on_the_ukprn_across_name_cases(built):
    p = built["providers"].set_index("ukprn")
    assert list(p.index) == ["10000001", "10000002", "10000003", "10000005", "10033440"]  # one row each
    assert p.loc["10000001", "name"] == "Hartlepool College of Widgets"  # the mixed-case spelling, small words small
    assert p.loc["10000001", "kind"] == "College"
    assert p.loc["10000003", "kind"] == "University"
    home = built["provider_home"]
    assert set(home["ukprn"]) == {"10000001", "10000002", "10000003", "10000005", "10033440"}


def test_the_forces_and_employers_that_train_their_own_staff_are_told_apart(built):
    p = built["providers"].set_index("ukprn")
    assert p.loc["10033440", "kind"] == "Armed forces" and not p.loc["10033440", "trains_own_staff"]
    assert p.loc["10000005", "kind"] == "Employer that trains its own staff" and p.loc["10000005", "trains_own_staff"]
    assert "acme.example/careers" in p.loc["10000005", "own_staff_basis"]
    assert p.loc["10000002", "kind"] == "Training company" and not p.loc["10000002", "trains_own_staff"]
    assert built["armed_forces"].set_index("ukprn").loc["10033440", "minimum_age"] == 16
    assert built["checks"]["providers"]["employer_list_checked"] == 2


def test_unmatched_standard_names_and_frameworks_are_left_out_and_reported(built):
    assert built["checks"]["providers"]["standard_names_unmatched"] == ["A Name Nobody Knows"]
    assert set(built["provider_standards"]["programme_id"]) == {"ST0001", "ST0002", "ST0004", "FA0005"}
    # the framework still counts in the provider's total starts (the share's denominator)
    years = built["provider_years"].set_index(["ukprn", "year"])
    assert years.loc[("10000003", "2024/25"), "starts"] == 40


def test_the_forces_never_count_as_local_civilian_training(index):
    d = index.delivery(_area(A), "ST0001")
    assert "10033440" not in [p.ukprn for p in d.providers]
    s = index.summaries((A,))["ST0001"]
    # civilian: P1 10 x 10/40 = 2.5, and P2 1 x 50/52 in one year of two = 0.48; the Army's 50 a year apart
    assert s.local_starts_estimate == pytest.approx(2.5 + 0.5 * 50 / 52, abs=0.05)
    assert s.forces is not None and s.forces.service == "British Army" and s.forces.estimate == pytest.approx(50)
    assert s.forces.share == pytest.approx(50 / (50 + 2.98), abs=0.01) and s.forces.minimum_age == 16
    assert "Mostly trained in the armed forces" in s.sentence() and "British Army" in s.sentence()
    # where the forces train nobody, nothing is said about them
    assert index.summaries((A,))["ST0002"].forces is None


def test_near_means_at_least_about_one_person_in_two_years_on_this_apprenticeship(index):
    d = index.delivery(_area(A), "ST0001")
    # P2 trained about 0.48 a year from A on it (1 person in one of two years): not near; P3 does not train on it
    assert [p.ukprn for p in d.providers] == ["10000001"] and NEAR_MIN == 0.5
    assert index.summaries((A,))["ST0001"].providers_near == 1
    assert {p.ukprn for p in index.delivery(_area(A), "ST0002").providers} == {"10000001", "10000003", "10000005"}
    assert {p.ukprn for p in index.delivery(_area(A, B), "ST0001").providers} == {"10000001", "10000002"}
    p1 = index.delivery(_area(A), "ST0001").providers[0]
    # where it trained them, and how many of its apprentices from the area it trained in the area itself
    assert p1.delivery_districts == ("Hartlepool", "Middlesbrough") and p1.trained_in_area == 16
    assert "16 of 20 in your area itself" in p1.describe()


def test_the_estimate_is_for_the_learners_age(index):
    all_ages = index.summaries((A,))["ST0002"]
    young = index.summaries((A,), "Under 19")["ST0002"]
    # ST0002 from A: P1 7.5 (80% under 19), P3 5 x 20/40 = 2.5 (none under 19), P5 6 (half under 19)
    assert all_ages.local_starts_estimate == pytest.approx(16.0)
    assert young.local_starts_estimate == pytest.approx(7.5 * 0.8 + 6 * 0.5)
    assert young.young_share == pytest.approx(9 / 16, abs=0.001) and not young.older_only
    assert "aged 16 to 18" in young.sentence()
    # ST0004 is trained near A only by P3, whose apprentices are all 25 or over
    older = index.summaries((A,), "Under 19")["ST0004"]
    assert older.local_starts_estimate == pytest.approx(0.0) and older.older_only
    assert "Mostly for people already working in the job" in older.sentence()
    assert not index.summaries((A,), "19-24")["ST0004"].older_only  # said only for under-19s
    assert index.delivery(_area(A), "ST0002", age=17).local_starts_estimate.value == pytest.approx(9.0)


def test_employers_that_train_their_own_apprentices_are_named(index):
    s = index.summaries((A,))["ST0002"]
    assert s.employers == ("Acme Engineering plc",)
    assert "Employers near you that train their own apprentices for it: Acme Engineering plc" in s.sentence()
    near = index.employers_near((A,))
    assert near == [("Acme Engineering plc", 6.0, ("Hartlepool",), ("Gadget fitter",))]


def test_the_part_year_is_never_added_to_full_years(index):
    assert index.window == ("2023/24", "2024/25") and index.part_year == "2025/26"
    d = index.delivery(_area(A), "ST0001")
    assert set(d.local_starts_by_year) == {"2023/24", "2024/25"}
    assert set(d.providers[0].starts_from_area) == {"2023/24", "2024/25"}
    assert d.providers[0].starts_from_area["2024/25"] == 10  # not 8,000 + 2 from the part year
    # national starts keep the part year, labelled as such
    assert "2025/26 (part year)" in d.national_starts
    assert d.national_starts["2024/25"] == 160


def test_a_new_programme_is_judged_on_its_part_year_labelled_as_such(index):
    s = index.summaries((A,), "Under 19")["FA0005"]
    assert s.local_starts_estimate is None and s.part_year_england == 8 and s.rare_new
    assert s.part_year_label == "2025/26 (part year)"  # the fixture's manifest gives no months
    assert s.sentence().startswith("New: 8 people in England started this in 2025/26 (part year)")


def test_figures_carry_their_provenance(index):
    f = index.delivery(_area(A), "ST0001").local_starts_estimate
    assert isinstance(f, Figure)
    assert f.basis == "modelled" and f.level == "travel area" and f.period == "2023/24 and 2024/25"
    assert "DfE" in f.source and ESTIMATE_METHOD in f.note
    assert f.geography == "Test area"


def test_a_programme_without_provider_data_says_so_and_lists_nobody(index):
    d = index.delivery(_area(A), "TL-1", kind="t_level", title="A T Level", level=3)
    assert not d.has_provider_data and d.providers == () and d.local_starts_estimate is None
    assert "T Level" in d.note and d.search_url.startswith("https://")


def test_headline_says_almost_nobody_when_nobody_near(index):
    d = index.delivery(_area(C), "ST0001")
    assert d.providers == ()
    assert d.headline().startswith("Almost no people from your area")
    assert d.headline() == d.summary.sentence()  # the job page says what the route card says


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
    assert d["providers"] and {
        "ukprn",
        "name",
        "kind",
        "starts_programme_england",
        "starts_from_area",
        "delivery_districts",
        "period",
        "source",
    } <= set(d["providers"][0])
    est = d["local_starts_estimate"]
    assert est["value"] > 10 and est["basis"] == "modelled" and est["source"]
    assert d["national_starts"]["2024/25"] > 1000


@pytest.mark.parametrize(
    "args, words",
    [
        (("--where", "FY1 1AA", "--programme", "ST9999"), "do not know the programme"),
        (("--where", "Atlantis", "--programme", "ST0005"), ""),
    ],
)
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
    p = _cli(
        "routes",
        "--where",
        "TS10 1AA",
        "--age",
        "16",
        "--qualification",
        "level2",
        "--english-maths",
        "--interest",
        "Engineering and manufacturing",
        "--limit",
        "5",
    )
    assert p.returncode == 0, p.stderr
    steps = [s for r in json.loads(p.stdout)["routes"] for s in r["steps"]]
    appr = [s for s in steps if s["kind"] in ("apprenticeship", "foundation_apprenticeship")]
    assert appr and all({"providers_near", "local_starts_estimate", "basis"} <= set(s["delivery"]) for s in appr)
    assert all("delivery" not in s for s in steps if s not in appr)


def test_real_bundle_known_figures(ctx):
    """Knowsley, own district only, all ages, a year over 2023/24 and 2024/25: adult care worker about 32 (26 in
    2024/25 alone, measured by hand), from 17 providers that trained at least 0.5 a year from
    Knowsley on it (70 had taken anyone from Knowsley on anything)."""
    place = ctx.resolve("Knowsley")
    area = ctx.travel(place, "home")
    care = ctx.delivery.delivery(area, "ST0005")
    assert care.local_starts_estimate.value == pytest.approx(32, abs=2) and len(care.providers) == 17
    assert care.local_starts_by_year["2024/25"] == pytest.approx(26, abs=2)
    assert ctx.delivery.delivery(area, "ST0152").local_starts_estimate.value == pytest.approx(36, abs=2)
    assert ctx.delivery.delivery(area, "ST0039").local_starts_estimate.value < 0.5


def test_real_bundle_forces_and_ages(ctx):
    """Route cards once wrong: Telford's aircraft maintenance is an RAF route, not 300 a year of local civilian
    training; Redcar's radio network technician is an Army route."""
    from pathways.delivery_answers import age_group

    telford = ctx.travel(ctx.resolve("TF3 4AA"), "neighbours")
    aircraft = next(p for p, t in ctx.delivery.titles.items() if t.startswith("Aircraft maintenance"))
    s = ctx.delivery.summary(telford.codes, aircraft, age_group(16))
    assert s.forces is not None and s.forces.service == "Royal Air Force" and s.forces.share > 0.9
    assert s.local_starts_estimate < 10 and "Mostly trained in the armed forces" in s.sentence()
    redcar = ctx.travel(ctx.resolve("TS10 1AA"), "neighbours")
    radio = next(p for p, t in ctx.delivery.titles.items() if t.startswith("Radio network technician"))
    r = ctx.delivery.summary(redcar.codes, radio, age_group(16))
    assert r.forces is not None and "Army" in r.forces.service and r.local_starts_estimate < 1


def test_a_standard_with_no_full_year_of_figures_is_judged_on_its_part_year(ctx):
    """Foundation apprenticeships (new from August 2025) have no full year of figures: each is judged on the
    2025/26 part year, labelled, and one with very few starts in England so far is thin and says how many
    (catering and hospitality: 0; health and social care: 8)."""
    from pathways.profile import Profile
    from pathways.routes import find_routes

    area = ctx.travel(ctx.resolve("FY1 1AA"), "neighbours")
    got = ctx.delivery.summaries(area.codes, "Under 19")
    care = got["FA0007"]
    assert care.local_starts_estimate is None and care.part_year_england == 8 and care.rare_new
    assert care.sentence().startswith("New: 8 people in England started this between August 2025 and April 2026")
    d = ctx.delivery.delivery(area, "FA0007", age=16)
    assert d.local_starts_estimate.value is None and d.local_starts_estimate.basis == "not available"
    assert "2025/26 (August to April)" in d.national_starts
    routes = find_routes(ctx.bundle, Profile(age=16), ctx.local_provider(area), limit=20)
    for r in routes:
        first = r.steps[0].delivery
        if first is not None and first.rare_new:
            assert r.thin_delivery and r.rank > 5


def test_a_standard_open_for_years_that_nobody_started_is_known_to_have_none(ctx):
    """Bespoke saddler (approved 2018) has no starts in England in any year of the DfE files: that is a
    figure (0), not "no full year of figures yet", and such a standard is never a first step."""
    from pathways.delivery_answers import NONE_STARTED
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
    from pathways.delivery_answers import ESTIMATE_BASIS

    area = ctx.travel(ctx.resolve("TN34 1AA"), "neighbours")
    got = ctx.delivery.summaries(area.codes)
    assert got["ST0981"].local_starts_estimate == 0.0 and got["ST0981"].basis == ESTIMATE_BASIS
    assert got["ST1358"].local_starts_estimate is None and "no full year" in got["ST1358"].basis
