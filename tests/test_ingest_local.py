"""Tests of the "local" ingest step on tiny hand-written fixtures, plus real-data checks that
skip when ../shared/data/raw is absent."""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import pandas as pd
import pandera.errors as pa_errors
import pytest

from pathways.ingest import geography, local
from pathways.ingest.local.areas import AreaMatcher
from pathways.ingest.local.pay import pay_age_from, pay_lad_from
from pathways.ingest.local.projections import _occ_changes, round_thousands
from pathways.ingest.local.values import to_number
from pathways.schema.local import SPECS
from pathways.text import fold

RAW = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "raw"
SPEC = {s.name: s for s in SPECS}

# --------------------------------------------------------------------------- fixtures
LADS = pd.DataFrame(
    {
        "lad_code": ["E08000038", "E08000039", "E06000001", "E06000023"],
        "name": ["Barnsley", "Sheffield", "Hartlepool", "Bristol, City of"],
        "region_code": ["E12000003", "E12000003", "E12000001", "E12000009"],
        "region_name": ["Yorkshire and The Humber", "Yorkshire and The Humber", "North East", "South West"],
        "lsip_code": ["E69000028", "E69000028", "E69000031", "E69000036"],
        "lsip_name": ["South Yorkshire", "South Yorkshire", "Tees Valley", "West of England and North Somerset"],
        "ca_code": ["E47000002", "E47000002", "E47000006", None],
        "ca_name": ["South Yorkshire", "South Yorkshire", "Tees Valley", None],
    }
)
AREAS = pd.DataFrame(
    [
        ("E92000001", "country", "England"),
        ("E12000001", "region", "North East"),
        ("E12000003", "region", "Yorkshire and The Humber"),
        ("E12000009", "region", "South West"),
        ("E69000028", "lsip", "South Yorkshire"),
        ("E69000031", "lsip", "Tees Valley"),
        ("E69000036", "lsip", "West of England and North Somerset"),
        ("E47000002", "ca", "South Yorkshire"),
        ("E47000006", "ca", "Tees Valley"),
    ],
    columns=["area_code", "area_type", "name"],
)

_PAY_COLS = "median,mean,p10,p20,p25,p30,p40,p60,p70,p75,p80,p90"
_ASHE8_COLS = (
    "geography_level,description,code,number_of_jobs_thousand,median,median_annual_pct_change,mean,mean_annual_pct_change,"
    "p10,p20,p25,p30,p40,p60,p70,p75,p80,p90"
)
_SI_OCC_COLS = (
    "area_file_code,area_name,area_type,soc2020_submajor,emp_2015_000s,emp_2019_000s,emp_2020_000s,emp_2025_000s,"
    "emp_2035_000s,net_change_2020_2035_000s,replacement_demand_2020_2035_000s,total_requirement_2020_2035_000s"
)
_FEO_COLS = (
    "time_period,provider_ukprn,provider_name,provider_type,provision,level_of_learning_group,level_of_learning,"
    "number_of_learners,spd_percent,emp_percent,learn_percent,app_percent"
)
#: the files' text; a backslash at the end of a line joins it to the next (one CSV row on two lines)
FIXTURE_FILES: dict[str, str] = {
    "ashe3": f"""measure,population,region_code,region_name,soc2020_major_group,soc2020_major_group_title,{_PAY_COLS}
annual_gross_pay_gbp,full_time,K02000001,United Kingdom,1,Managers,\
50000,60000,20000,25000,30000,32000,40000,55000,60000,70000,75000,90000
annual_gross_pay_gbp,full_time,E12000001,North East,1,Managers,45000,50000,19000,22000,,30000,35000,50000,55000,60000,65000,
hourly_gross_pay_gbp,all_employee_jobs,E12000001,North East,5,Skilled trades,15.5,16,11,12,13,13.5,14,16,17,18,19,22
annual_gross_pay_gbp,full_time,W92000004,Wales,1,Managers,40000,45000,18000,20000,25000,27000,30000,42000,45000,50000,55000,70000
weekly_gross_pay_gbp,full_time,E12000001,North East,1,Managers,800,900,400,450,500,550,600,850,900,1000,1100,1500
""",
    "ashe_region": f"""measure,population,region_code,region_name,{_PAY_COLS}
annual_gross_pay_gbp,full_time,E12000001,North East,34403,38000,23284,26000,27082,28000,31000,38000,42000,46220,50000,61420
annual_gross_pay_gbp,full_time,N92000002,Northern Ireland,\
33000,37000,22000,25000,26000,27000,30000,36000,40000,44000,48000,60000
""",
    "ashe20": f"""measure,population,age_band,soc2020_major_group,soc2020_major_group_title,{_PAY_COLS}
annual_gross_pay_gbp,full_time,18-21,5,Skilled trades occupations,23104,23500,16048,,18704,,,,,27203,,33087
annual_gross_pay_gbp,full_time,22-29,5,Skilled trades occupations,33075,34000,24000,,27759,,,,,40964,,49550
annual_gross_pay_gbp,all_employee_jobs,18-21,5,Skilled trades occupations,20000,21000,,,,,,,,,,
""",
    "ashe8": f"""{_ASHE8_COLS}
UK,United Kingdom,K02000001,24897,32890,4.1,40269,5.5,11425,18560,22060,24532,28591,38000,44500,48283,52809,69381
country,England,E92000001,20000,33000,4,41000,5,11500,18600,22100,24600,28600,38100,44600,48400,53500,70900
region,North East,E12000001,1000,30000,3,34000,4,10700,17000,20000,22000,26000,33000,38000,41000,45000,57000
local_authority,Hartlepool UA,E06000001,30,28830,1,30000,1,9413,15000,17571,19000,24000,31000,35000,37736,40000,x
local_authority,Barnsley,E08000016,100,29000,1,31000,1,x,16000,18000,20000,25000,32000,36000,40000,43000,x
local_authority,Sheffield,E08000039,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x
local_authority,"Bristol, City of",E06000023,200,33000,1,38000,1,12000,19000,22000,25000,29000,37000,42000,..,50000,x
local_authority,Cardiff,W06000015,150,31000,1,35000,1,11000,18000,21000,23000,27000,35000,40000,43000,47000,60000
""",
    "aps": """area_type,area_name,breakdown,subgroup,period,value
LAD,Barnsley,Occupation (SOC2020 Sub-Major Group),11 - Corporate managers and directors,Apr 2024-Mar 2025,4200
LAD,Sheffield,Occupation (SOC2020 Sub-Major Group),11 - Corporate managers and directors,Apr 2024-Mar 2025,
LAD,Bristol,Occupation (SOC2020 Sub-Major Group),11 - Corporate managers and directors,Apr 2023-Mar 2024,9000
LAD,Hartlepool,Total,Total,Apr 2024-Mar 2025,1e+05
LAD,Cardiff,Total,Total,Apr 2024-Mar 2025,170000
LAD,Atlantis,Total,Total,Apr 2024-Mar 2025,5
LSIP,South Yorkshire,Total,Total,Apr 2024-Mar 2025,650000
MCA,Greater London Authority,Total,Total,Apr 2024-Mar 2025,4800000
Country,England,Total,Total,Apr 2024-Mar 2025,27984600
""",
    "adverts": """area_type,area_name,breakdown,subgroup,period,value
LAD,Hartlepool,Occupation (SOC2020 Major Group),"1 - Managers, directors and senior officials",Jul-25,10
LAD,Hartlepool,Occupation (SOC2020 Major Group),2 - Professional occupations,Jul-25,5
LAD,Hartlepool,Occupation (SOC2020 Major Group),Unknown,Jul-25,1
LAD,Hartlepool,Occupation (SOC2020 Sub-Major Group),11 - Corporate managers and directors,Jul-25,6
LAD,Hartlepool,Occupation (SOC2020 Sub-Major Group),12 - Other managers and proprietors,Jul-25,4
LAD,Hartlepool,Occupation (SOC2020 Sub-Major Group),Unknown,Jul-25,1
Country,England,Occupation (SOC2020 Major Group),"1 - Managers, directors and senior officials",Jul-25,105466
Country,England,Occupation (SOC2020 Major Group),Unknown,Jul-25,1270
Country,England,Occupation (SOC2020 Sub-Major Group),Unknown,Jul-25,1270
""",
    # the one-column shift of the real file: "replacement_demand" holds the net change,
    # "total_requirement" holds the replacement demand
    "si_occ": f"""{_SI_OCC_COLS}
EN,England,Country,11 Corporate managers and directors,90,95,100,102.4,110.6,,10.6,40.2
EN,England,Country,All occupations,900,950,1000,1010,1100,,100,480
SY_LSIP,South Yorkshire,LSIP,11 Corporate managers and directors,4,4.5,5.0,5.2,5.3,,0.3,2.4
DO_LSIP,Dorset,LSIP,11 Corporate managers and directors,60,65,70,68,72,,2,30
XX_LEP,Nowhere,LEP,11 Corporate managers and directors,1,1,1,1,1,,0,1
""",
    "si_emp": """area_type,area_name,breakdown,subgroup,period,value
LSIP,Tees Valley,Occupation (SOC2020 Sub-Major Group),11 - Corporate managers and directors,2020,8000
LSIP,Tees Valley,Occupation (SOC2020 Sub-Major Group),11 - Corporate managers and directors,2025,9000
LSIP,Tees Valley,Occupation (SOC2020 Sub-Major Group),11 - Corporate managers and directors,2035,12400
LSIP,Tees Valley,Occupation (SOC2020 Sub-Major Group),11 - Corporate managers and directors,2030,10000
""",
    "fe": """measure,area_type,area_name,breakdown,subgroup,period,value
FE participation volume,LAD,Hartlepool,Total,Total,AY23/24,100
FE achievements volume,LAD,Hartlepool,Total,Total,AY23/24,low
"FE participation rate per 100,000 population",LAD,Hartlepool,Total,Total,AY23/24,1234.5678
"FE achievement rate per 100,000 population",LAD,Hartlepool,Total,Total,AY23/24,low
FE participation volume,LAD,Hartlepool,Age,Unknown,AY23/24,low
FE achievements volume,LAD,Hartlepool,Age,Unknown,AY23/24,low
"FE participation rate per 100,000 population",LAD,Hartlepool,Age,Unknown,AY23/24,Inf
FE enrolment aims volume,LAD,Hartlepool,SSA,"Construction, Planning and the Built Environment",AY23/24,40
FE achievement aims volume,LAD,Hartlepool,SSA,"Construction, Planning and the Built Environment",AY23/24,30
FE participation volume,LAD,Hartlepool,Total,Total,AY19/20,90
FE participation volume,Country,England,Total,Total,AY22/23,1500000
FE achievements volume,Country,England,Total,Total,AY22/23,900000
FE participation volume,LAD,NA,Total,Total,AY22/23,10
FE participation volume,LSIP,Tees Valley,Total,Total,AY22/23,5000
""",
    "datahub": """area_type,area_name,metric_code,measure,breakdown,subgroup,period,value
LAD,Hartlepool,all,Population volume,Total,Total,Apr 2024-Mar 2025,74400
LAD,Sheffield,all,Population volume,Total,Total,Apr 2024-Mar 2025,
LAD,Hartlepool,inemployment,Employment volume,Total,Total,Apr 2024-Mar 2025,37800
""",
    "apps_home": """year,learner_home_lad,lad24cd,starts,enrolments,achievements
2022/23,Barnsley,E08000016,1669,4013,865
2025/26 (Aug to Apr),Sheffield,E08000019,10,20,0
2022/23,Outside of England and unknown,,5,6,7
""",
    "apps_delivery": """year,delivery_lad,lad24cd,starts,enrolments,achievements
2022/23,Barnsley,E08000016,1122,2695,590
""",
    "apps_region": """year,learner_home_region,delivery_region,apps_Level,age_group,starts,enrolments,achievements
2022/23,North East,North East,Intermediate Apprenticeship,Under 19,10,20,3
2022/23,North East,Yorkshire and The Humber,Intermediate Apprenticeship,Under 19,1,2,0
2022/23,North East,North East,Advanced Apprenticeship,19-24,5,9,2
2022/23,Outside of England and unknown,North East,Higher Apprenticeship,25+,1,1,1
""",
    "cp_level": """Region,Sector,Level_order,median_income,perc_hq,number_students_hq
England,Construction,Level 2,24100,0.4,1820
North East,Construction,Level 3,u,c,low
""",
    "cp_sector": """Region,Sector,median_income_sector,perc_students_sector
England,Construction,27900,0.043
""",
    "feo": f"""{_FEO_COLS}
2022/23,1,A,Total,Apprenticeship,Total,Total,100,0.9,0.8,0.2,10
2022/23,2,B,Total,Apprenticeship,Total,Total,300,0.7,0.6,0.3,c
2022/23,3,C,Total,Apprenticeship,Total,Total,c,c,c,c,c
2022/23,3,C,Total,Traineeship,Total,Total,c,c,c,c,c
""",
    "post16": """measure,population,breakdown,breakdown_value,non_grad_status,years_after_ks4,activity,value
main_activity_pct,graduates,All,All,,4,Higher education,91.0
main_activity_pct,graduates,All,All,,4,Higher education,6.9
main_activity_pct,all,All,All,,4,Higher education,35.3
main_activity_pct,non_graduates,All,All,Achieving level 2 or below,4,Higher education,0.8
main_activity_pct,all,Gender,Female,,4,Higher education,38.0
average_earnings_gbp,all,Region of school,North East,,15,,21000.4
""",
    "lad_names": """LAD24CD,LAD24NM,LAD24NMW,BNG_E,BNG_N,LONG,LAT
E06000001,Hartlepool, ,447161,531473,-1.27017,54.67613
W06000015,Cardiff,Caerdydd,318000,178000,-3.2,51.5
""",
}


def _write_raw(root: Path) -> Path:
    """Write the fixture files where the step expects the raw files (gzipped where they are)."""
    for key, text in FIXTURE_FILES.items():
        path = root / local.FILES[key]
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".gz":
            path.write_bytes(gzip.compress(text.encode()))
        else:
            path.write_text(text)
    return root


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    raw = _write_raw(tmp_path_factory.mktemp("raw"))
    checks: dict[str, object] = {}
    tables = local.build(raw, {"lads": LADS, "areas": AREAS}, checks)
    return tables, checks["local"]


def _matcher() -> AreaMatcher:
    return AreaMatcher(LADS, AREAS, frozenset({"cardiff"}))


# --------------------------------------------------------------------------- units
def test_area_names_match_whatever_their_punctuation_ampersands_or_apostrophes():
    assert fold("Essex, Southend-on-Sea and Thurrock") == fold("Essex Southend-on-Sea & Thurrock")
    matcher = AreaMatcher(LADS.assign(name=["Barnsley", "Sheffield", "King’s Lynn", "Bristol, City of"]), AREAS)
    assert matcher.code("lad", "Kings Lynn") == matcher.code("lad", "King's Lynn") == "E06000001"


@pytest.mark.parametrize("marker", ["x", "..", "c", "u", "low", "z", "", ":", "NaN", "Inf"])
def test_suppression_markers_become_missing_not_zero(marker):
    value = to_number(pd.Series([marker])).iloc[0]
    assert math.isnan(value)


def test_numbers_parse_with_separators_and_exponents():
    assert to_number(pd.Series(["1,200", "1e+05", " 7 "])).tolist() == [1200.0, 100000.0, 7.0]


def test_round_thousands_rounds_and_withholds_small_cells():
    out = round_thousands(pd.Series([12.49, 12.51, 0.4, -0.99, -3.6, None]))
    assert out.dtype == "Int64"
    assert out.tolist()[:2] == [12000, 13000]
    assert out.isna().tolist() == [False, False, True, True, False, True]
    assert out.iloc[4] == -4000


def test_name_matching_gives_2025_codes_for_barnsley_and_sheffield():
    m = _matcher()
    assert m.code("lad", "Barnsley") == "E08000038"
    assert m.code("lad", "SHEFFIELD") == "E08000039"


def test_name_matching_uses_reviewed_aliases_only_for_known_codes():
    m = _matcher()
    assert m.code("lad", "Bristol") == "E06000023"
    assert m.code("lad", "Herefordshire") is None  # alias code not in this lads table


def test_attach_drops_welsh_and_records_unknown_names():
    m = _matcher()
    df = pd.DataFrame(
        {"area_type": ["LAD", "LAD", "LAD", "MCA"], "area_name": ["Barnsley", "Cardiff", "Atlantis", "Greater London Authority"]}
    )
    out = m.attach(df, "t")
    assert out["area_code"].tolist() == ["E08000038"]
    assert out["area_type"].tolist() == ["lad"]
    assert m.unmatched == {"t": ["lad: Atlantis"]}
    assert set(m.dropped["t"]) == {"Cardiff", "Greater London Authority"}


def test_pay_lad_maps_old_code_and_keeps_suppressed_missing():
    df = pay_lad_from(pd.read_csv(pd.io.common.StringIO(FIXTURE_FILES["ashe8"]), dtype=str, keep_default_na=False))
    by = df.set_index("area_code")
    assert "E08000038" in by.index and "E08000016" not in by.index
    assert "W06000015" not in by.index and "K02000001" not in by.index
    assert by.loc["E08000039", "status"] == "suppressed" and math.isnan(by.loc["E08000039", "median"])
    assert by.loc["E06000023", "status"] == "partly suppressed" and math.isnan(by.loc["E06000023", "p75"])
    assert by.loc["E06000001", "status"] == "measured" and math.isnan(by.loc["E06000001", "p90"])
    assert by.loc["E92000001", "area_type"] == "country"


def test_projections_accepts_a_correctly_labelled_file():
    occ = pd.read_csv(pd.io.common.StringIO(FIXTURE_FILES["si_occ"]), dtype=str, keep_default_na=False)
    fixed = occ.assign(
        net_change_2020_2035_000s=occ["replacement_demand_2020_2035_000s"],
        replacement_demand_2020_2035_000s=occ["total_requirement_2020_2035_000s"],
        total_requirement_2020_2035_000s="",
    )
    values, layout = _occ_changes(fixed)
    assert layout == "as labelled"
    assert values["repl"].iloc[0] == pytest.approx(40.2)


def test_projections_refuse_a_file_they_cannot_read():
    occ = pd.read_csv(pd.io.common.StringIO(FIXTURE_FILES["si_occ"]), dtype=str, keep_default_na=False)
    with pytest.raises(ValueError):
        _occ_changes(occ.assign(replacement_demand_2020_2035_000s="1"))


# --------------------------------------------------------------------------- the whole step on fixtures
def test_every_table_matches_its_schema(fixture_build):
    tables, _ = fixture_build
    assert set(tables) == set(SPEC)
    for name, spec in SPEC.items():
        df = spec.schema.validate(tables[name], lazy=True)
        assert not df.duplicated(list(spec.keys)).any(), name


def test_checks_list_unmatched_and_dropped_names(fixture_build):
    _, report = fixture_build
    assert report["unmatched"]["employment"] == ["lad: Atlantis"]
    assert "Cardiff" in report["dropped"]["employment"]
    assert report["unmatched"]["projections"] == ["lsip without projections: E69000036"]
    assert "Dorset LSIP" in report["dropped"]["projections"]
    assert report["projections_occ_layout"].startswith("shifted")


def test_pay_region_keeps_uk_and_english_regions(fixture_build):
    pay = fixture_build[0]["pay_region"].set_index(["region_code", "major_group", "population", "measure"])
    assert set(pay.index.get_level_values(0)) == {"K02000001", "E12000001"}
    assert pay.loc[("E12000001", "1", "full_time", "annual"), "status"] == "partly suppressed"
    assert pay.loc[("E12000001", "all", "full_time", "annual"), "median"] == 34403
    assert pay.loc[("E12000001", "5", "all_employee_jobs", "hourly"), "median"] == 15.5


def test_employment_suppressed_is_missing_and_periods_are_plain(fixture_build):
    emp = fixture_build[0]["employment"].set_index(["area_code", "sub_major_group"])
    assert emp.loc[("E08000039", "11"), "status"] == "suppressed"
    assert math.isnan(emp.loc[("E08000039", "11"), "value"])
    assert emp.loc[("E06000001", "total"), "value"] == 100000
    assert emp.loc[("E06000001", "total"), "period"] == "Apr 2024 to Mar 2025"
    assert emp.loc[("E06000001", "total"), "period_end_year"] == 2025
    assert emp.loc[("E06000023", "11"), "value"] == 9000  # "Bristol" via the reviewed alias
    assert emp.loc[("E69000028", "total"), "area_type"] == "lsip"


def test_employment_not_published_is_never_zero_and_is_counted(fixture_build):
    """A blank APS cell (Sheffield, group 11) stays missing with status "suppressed"
    (shown as "not published"); the schema refuses it as 0, or a missing value called "measured"; the
    manifest checks count the district cells not published."""
    tables, report = fixture_build
    emp = tables["employment"]
    schema = SPEC["employment"].schema
    schema.validate(emp)
    sheffield = (emp["area_code"] == "E08000039") & (emp["sub_major_group"] == "11")
    with pytest.raises(pa_errors.SchemaError):
        schema.validate(emp.assign(value=emp["value"].mask(sheffield, 0.0)))
    with pytest.raises(pa_errors.SchemaError):
        schema.validate(emp.assign(status=emp["status"].mask(sheffield, "measured")))
    assert report["employment_lad_not_published"] == {"Apr 2024 to Mar 2025": 1}


def test_job_adverts_total_is_majors_plus_unknown(fixture_build):
    ads = fixture_build[0]["job_adverts"].set_index(["area_code", "soc_group"])["value"]
    assert ads[("E06000001", "total")] == 16
    assert ads[("E06000001", "unknown")] == 1
    assert ads[("E06000001", "11")] == 6
    assert ads[("E92000001", "total")] == 105466 + 1270


def test_projections_rounded_to_thousands_with_derived_total(fixture_build):
    p = fixture_build[0]["projections"].set_index(["area_type", "area_code", "sub_major_group"])
    eng = p.loc[("country", "E92000001", "11")]
    assert (eng["employment_current"], eng["employment_projected"]) == (102000, 111000)
    assert (eng["net_change"], eng["replacement_demand"], eng["total_requirement"]) == (11000, 40000, 51000)
    assert eng["status"] == "modelled" and bool(eng["reliable"])
    sy = p.loc[("lsip", "E69000028", "11")]
    assert pd.isna(sy["net_change"]) and sy["status"] == "partly suppressed"
    assert sy["total_requirement"] == 3000 and not bool(sy["reliable"])
    # the combined authority with the same two districts reuses the LSIP's figures
    assert p.loc[("ca", "E47000002", "11"), "source_area"] == "South Yorkshire LSIP"
    tv = p.loc[("lsip", "E69000031", "11")]
    assert tv["status"] == "employment only"
    assert (tv["employment_current"], tv["employment_projected"], tv["net_change"]) == (9000, 12000, 4000)
    assert pd.isna(tv["replacement_demand"])
    values = fixture_build[0]["projections"][["employment_current", "total_requirement"]].stack()
    assert (values % 1000 == 0).all()


def test_projection_source_licence_is_not_ogl():
    licences = {s.licence for s in SPEC["projections"].sources}
    assert all("not Open Government Licence" in lic for lic in licences)


def test_apprenticeships_use_2025_codes_and_flag_partial_year(fixture_build):
    apps = fixture_build[0]["apprenticeships_area"].set_index(["lad_code", "basis", "year"])
    assert apps.loc[("E08000038", "home", "2022/23"), "starts"] == 1669
    assert apps.loc[("E08000038", "delivery", "2022/23"), "achievements"] == 590
    row = apps.loc[("E08000039", "home", "2025/26")]
    assert bool(row["partial_year"]) and row["achievements"] == 0
    assert not apps.index.get_level_values(0).isin(["E08000016", "E08000019"]).any()


def test_apprenticeships_region_totals(fixture_build):
    reg = fixture_build[0]["apprenticeships_region"].set_index(["region_code", "year", "level", "age_group"])["starts"]
    assert reg[("E12000001", "2022/23", "Intermediate", "Under 19")] == 11
    assert reg[("E12000001", "2022/23", "All", "All")] == 16
    assert reg[("E92000001", "2022/23", "All", "All")] == 17  # includes home outside England
    assert reg[("E92000001", "2022/23", "Higher", "All")] == 1


def test_fe_participation_low_counts_are_missing_with_status(fixture_build):
    fe = fixture_build[0]["fe_participation"].set_index(["area_code", "year", "breakdown", "subgroup"])
    tot = fe.loc[("E06000001", "2023/24", "Total", "Total")]
    assert tot["participation"] == 100 and pd.isna(tot["achievements"])
    assert tot["status"] == "partly suppressed" and tot["per_100k"] == 1234.6
    unknown = fe.loc[("E06000001", "2023/24", "Age", "Unknown")]
    assert unknown["status"] == "suppressed" and pd.isna(unknown["per_100k"])
    ssa = fe.loc[("E06000001", "2023/24", "SSA", "Construction, Planning and the Built Environment")]
    assert ssa["count_unit"] == "aims" and ssa["participation"] == 40 and ssa["achievements"] == 30
    assert ("E06000001", "2019/20", "Total", "Total") not in fe.index
    assert fe.loc[("E92000001", "2022/23", "Total", "Total"), "participation"] == 1500000


def test_population_16_plus(fixture_build):
    pop = fixture_build[0]["population"].set_index("area_code")
    assert pop.loc["E06000001", "value"] == 74400 and pop.loc["E06000001", "age_band"] == "16+"
    assert pop.loc["E08000039", "status"] == "suppressed" and pd.isna(pop.loc["E08000039", "value"])


def test_outcomes_earnings_suppression(fixture_build):
    e = fixture_build[0]["outcomes_earnings"].set_index(["region_code", "sector", "highest_level"])
    ne = e.loc[("E12000001", "Construction", "Level 3")]
    assert ne["status"] == "suppressed" and pd.isna(ne["median_earnings"]) and pd.isna(ne["employees"])
    eng = e.loc[("E92000001", "Construction", "Level 2")]
    assert eng["median_earnings"] == 24100 and eng["level_order"] == 1 and eng["status"] == "measured"
    assert pd.isna(e.loc[("E92000001", "Construction", "All levels"), "level_order"])


def test_outcomes_fe_is_learner_weighted_and_skips_suppressed(fixture_build):
    fe = fixture_build[0]["outcomes_fe"].set_index(["year", "provision", "level_group", "level"])
    row = fe.loc[("2022/23", "Apprenticeship", "Total", "Total")]
    assert row["learners"] == 400 and row["providers"] == 2
    assert row["sustained_positive_pct"] == pytest.approx(75.0)
    assert row["employment_pct"] == pytest.approx(65.0)
    assert row["learning_pct"] == pytest.approx(27.5)
    assert row["apprenticeship_pct"] == pytest.approx(10.0)
    assert ("2022/23", "Traineeship", "Total", "Total") not in fe.index  # only suppressed providers


def test_outcomes_post16_relabels_the_second_graduate_block(fixture_build):
    p = fixture_build[0]["outcomes_post16"]
    he = p[(p["breakdown"] == "All") & (p["activity"] == "Higher education")].set_index(["population", "non_grad_status"])[
        "value"
    ]
    assert he[("graduates", "all")] == 91.0
    assert he[("non_graduates", "all")] == 6.9
    assert set(p["breakdown"]) == {"All", "Region of school"}
    assert p.loc[p["measure"] == "average_earnings_gbp", "activity"].tolist() == ["all"]


# --------------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def real_build():
    if not RAW.exists():
        pytest.skip("../shared/data/raw is not available")
    geo = geography.build(RAW, {}, {})
    checks: dict[str, object] = {}
    tables = local.build(RAW, {"lads": geo["lads"], "areas": geo["areas"]}, checks)
    return tables, checks["local"], geo["lads"]


def test_real_tables_validate(real_build):
    tables, _, _ = real_build
    for name, spec in SPEC.items():
        df = spec.schema.validate(tables[name], lazy=True)
        assert not df.duplicated(list(spec.keys)).any(), name


def test_real_no_english_district_is_unmatched(real_build):
    _, report, _ = real_build
    lad_unmatched = [n for names in report["unmatched"].values() for n in names if n.startswith("lad:")]
    assert lad_unmatched == []


def test_real_every_english_district_has_pay_and_employment(real_build):
    tables, _, lads = real_build
    codes = set(lads["lad_code"])
    assert len(codes) == 296
    assert codes <= set(tables["pay_lad"]["area_code"])
    emp = tables["employment"].query("area_type == 'lad' and sub_major_group == 'total'")
    assert emp.groupby("area_code").size().reindex(sorted(codes)).eq(5).all()
    assert codes <= set(tables["apprenticeships_area"]["lad_code"])
    assert codes <= set(tables["fe_participation"]["area_code"])
    assert codes <= set(tables["population"]["area_code"])
    assert {"E08000038", "E08000039"} <= set(tables["pay_lad"]["area_code"])


def test_real_suppressed_values_are_never_zero(real_build):
    tables, _, _ = real_build
    for name, col in (("employment", "value"), ("job_adverts", "value"), ("population", "value"), ("pay_lad", "median")):
        df = tables[name]
        assert df.loc[df["status"] == "suppressed", col].isna().all(), name


def test_real_projections_england_total(real_build):
    p = real_build[0]["projections"]
    eng = p[(p["area_code"] == "E92000001") & (p["sub_major_group"] == "total")].iloc[0]
    assert 30_000_000 < eng["employment_current"] < 32_000_000
    assert (
        eng["total_requirement"] == eng["net_change"] + eng["replacement_demand"]
        or abs(eng["total_requirement"] - eng["net_change"] - eng["replacement_demand"]) <= 1000
    )


def test_pay_age_keeps_full_time_annual_rows_only():
    df = pay_age_from(pd.read_csv(pd.io.common.StringIO(FIXTURE_FILES["ashe20"]), dtype=str, keep_default_na=False))
    assert list(df.age_band) == ["18-21", "22-29"] and df["median"].tolist() == [23104.0, 33075.0]
    assert df.loc[0, "p90"] == 33087.0 and pd.isna(df.loc[1, "p10"]) is False
