"""Schemas of the local labour-market and outcomes tables: pay by region and district, employment and job adverts
by occupation, projections, apprenticeship and FE volumes, population, and LEO / FE outcomes, with the words their
columns may hold; each table's spec names its sources (:mod:`pathways.schema.local_sources`).

The tables are built by :mod:`pathways.ingest.local`.
"""

from __future__ import annotations

import pandera.pandas as pa

from pathways.schema.spec import TableSpec
from pathways.schema.local_sources import (
    APPS_LAD,
    APPS_REGION,
    APS_EMPLOYMENT,
    APS_POPULATION,
    ASHE_TABLE3,
    ASHE_TABLE8,
    ASHE_TABLE20,
    CAREER_PATHWAYS,
    FE_SRC,
    FEO,
    JOB_ADVERTS_SRC,
    LEO_POST16,
    SKILLS_IMPERATIVE,
)
from pathways.vocab import ENGLAND, MONTHS, UK

__all__ = [
    "SPECS",
    "PROJECTION_VALUES",
    "PROJECTION_TOTAL",
    "STATUSES",
    "SUPPRESSED_IS_MISSING",
    "AREA_TYPES",
    "SUB_MAJOR_GROUPS",
    "PAY_REGION",
    "PAY_AGE",
    "PAY_LAD",
    "EMPLOYMENT",
    "JOB_ADVERTS",
    "PROJECTIONS",
    "APPRENTICESHIPS_AREA",
    "APPRENTICESHIPS_REGION",
    "FE_PARTICIPATION",
    "POPULATION",
    "OUTCOMES_EARNINGS",
    "OUTCOMES_FE",
    "OUTCOMES_POST16",
]

#: How a published figure reached the table. Suppressed figures are missing, never 0.
STATUSES: tuple[str, ...] = ("measured", "partly suppressed", "suppressed")
#: Area levels used by the area-keyed tables (``lad`` = local authority district).
AREA_TYPES: tuple[str, ...] = ("lad", "lsip", "ca", "region", "country")
#: The 25 SOC 2020 sub-major groups (2-digit) used by APS, adverts and projections.
SUB_MAJOR_GROUPS: tuple[str, ...] = (
    "11", "12", "21", "22", "23", "24", "31", "32", "33", "34", "35", "41", "42",
    "51", "52", "53", "54", "61", "62", "63", "71", "72", "81", "82", "91", "92",
)  # fmt: skip
_MAJOR_GROUPS = tuple(str(i) for i in range(1, 10))
PROJECTION_STATUSES: tuple[str, ...] = ("modelled", "partly suppressed", "employment only")

_GSS = r"^[EKWSN]\d{8}$"
_LAD = r"^E0[6789]\d{6}$"
_AY = r"^\d{4}/\d{2}$"


#: a one-month period such as "July 2025"
MONTH_YEAR = "^(" + "|".join(MONTHS) + r") \d{4}$"


def _str(nullable: bool = False, **kw) -> pa.Column:
    return pa.Column(str, nullable=nullable, **kw)


def _isin(values, nullable: bool = False) -> pa.Column:
    return pa.Column(str, pa.Check.isin(list(values)), nullable=nullable)


def _float(*checks: pa.Check, nullable: bool = True) -> pa.Column:
    return pa.Column(float, list(checks), nullable=nullable)


def _int64(*checks: pa.Check, nullable: bool = True) -> pa.Column:
    # coerce: Parquet written without pandas metadata reads nullable ints back as float64/int64
    return pa.Column("Int64", list(checks), nullable=nullable, coerce=True)


def _pct() -> pa.Column:
    return _float(pa.Check.in_range(0, 100))


def _schema(columns: dict[str, pa.Column], checks: list[pa.Check] | None = None) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, checks=checks, strict=True, ordered=True, coerce=False)


#: a figure the source does not publish is missing with status "suppressed" (shown as "not published"), never 0;
#: and a missing figure is always "suppressed"
SUPPRESSED_IS_MISSING = pa.Check(
    lambda df: df["value"].isna() == (df["status"] == "suppressed"),
    error="value is missing exactly when status is 'suppressed' (never 0)",
)


# --------------------------------------------------------------------------- schemas
_PAY = {c: _float(pa.Check.gt(0)) for c in ("p10", "p25", "median", "p75", "p90")}

PAY_REGION = _schema(
    {
        "region_code": _str(checks=pa.Check.str_matches(rf"^(E12\d{{6}}|{ENGLAND.code}|{UK.code})$")),
        "region_name": _str(),
        "major_group": _isin(_MAJOR_GROUPS + ("all",)),
        "population": _isin(("full_time", "all_employee_jobs")),
        "measure": _isin(("annual", "hourly")),
        **_PAY,
        "status": _isin(STATUSES),
    }
)
PAY_AGE = _schema(
    {
        "age_band": _isin(("18-21", "22-29", "30-39", "40-49", "50-59", "60+")),
        "major_group": _isin(_MAJOR_GROUPS),
        **_PAY,
        "status": _isin(STATUSES),
    }
)
PAY_LAD = _schema(
    {
        "area_code": _str(checks=pa.Check.str_matches(rf"^(E0[6789]\d{{6}}|E12\d{{6}}|{ENGLAND.code})$")),
        "area_type": _isin(("lad", "region", "country")),
        "area_name": _str(),
        "median": _float(pa.Check.gt(0)),
        "p25": _float(pa.Check.gt(0)),
        "p75": _float(pa.Check.gt(0)),
        "p10": _float(pa.Check.gt(0)),
        "p90": _float(pa.Check.gt(0)),
        "jobs_thousand": _float(pa.Check.ge(0)),
        "status": _isin(STATUSES),
    }
)
_AREA = {"area_type": _isin(("lad", "lsip", "ca", "country")), "area_code": _str(checks=pa.Check.str_matches(_GSS))}
EMPLOYMENT = _schema(
    {
        **_AREA,
        "sub_major_group": _isin(SUB_MAJOR_GROUPS + ("total",)),
        "period": _str(checks=pa.Check.str_matches(r"^Apr \d{4} to Mar \d{4}$")),
        "period_end_year": pa.Column("int64", pa.Check.in_range(2000, 2100)),
        "value": _float(pa.Check.ge(0)),
        "status": _isin(("measured", "suppressed")),
    },
    [SUPPRESSED_IS_MISSING],
)
JOB_ADVERTS = _schema(
    {
        **_AREA,
        "soc_group": _isin(_MAJOR_GROUPS + SUB_MAJOR_GROUPS + ("total", "unknown")),
        "period": _str(checks=pa.Check.str_matches(MONTH_YEAR)),  # the month is the Source's period, not typed here
        "value": _float(pa.Check.ge(0)),
        "status": _isin(("measured", "suppressed")),
    },
    [SUPPRESSED_IS_MISSING],
)
#: the projections' value columns, named in this one place and without years (the years are the Source's period,
#: "2020 to 2035", and the table's description): employment now (the projections' 2025) and at the end of the
#: projection (2035); net change, replacement demand and total requirement over the projection's years
#: (2020 to 2035). Readers use these names, not literals.
PROJECTION_VALUES: tuple[str, ...] = (
    "employment_current",
    "employment_projected",
    "net_change",
    "replacement_demand",
    "total_requirement",
)
#: jobs to fill over the projection's years (new jobs plus people leaving)
PROJECTION_TOTAL = PROJECTION_VALUES[-1]
_PERSONS = _int64(pa.Check(lambda s: (s % 1000) == 0, element_wise=False, error="rounded to 1,000"))
PROJECTIONS = _schema(
    {
        "area_type": _isin(("country", "lsip", "ca")),
        "area_code": _str(checks=pa.Check.str_matches(_GSS)),
        "area_name": _str(),
        "sub_major_group": _isin(SUB_MAJOR_GROUPS + ("total",)),
        **{col: _PERSONS for col in PROJECTION_VALUES},
        "reliable": pa.Column(bool),
        "status": _isin(PROJECTION_STATUSES),
        "source_area": _str(),
    }
)
_COUNTS = {c: _int64(pa.Check.ge(0)) for c in ("starts", "enrolments", "achievements")}
APPRENTICESHIPS_AREA = _schema(
    {
        "lad_code": _str(checks=pa.Check.str_matches(_LAD)),
        "basis": _isin(("home", "delivery")),
        "year": _str(checks=pa.Check.str_matches(_AY)),
        "partial_year": pa.Column(bool),
        **_COUNTS,
    }
)
APPRENTICESHIPS_REGION = _schema(
    {
        "region_code": _str(checks=pa.Check.str_matches(rf"^(E12\d{{6}}|{ENGLAND.code})$")),
        "region_name": _str(),
        "year": _str(checks=pa.Check.str_matches(_AY)),
        "partial_year": pa.Column(bool),
        "level": _isin(("Intermediate", "Advanced", "Higher", "All")),
        "age_group": _isin(("Under 19", "19-24", "25+", "All")),
        **_COUNTS,
    }
)
FE_PARTICIPATION = _schema(
    {
        "area_type": _isin(("lad", "country")),
        "area_code": _str(checks=pa.Check.str_matches(rf"^(E0[6789]\d{{6}}|{ENGLAND.code})$")),
        "year": _str(checks=pa.Check.str_matches(_AY)),
        "breakdown": _isin(("Total", "Age", "Level", "Provision", "SSA")),
        "subgroup": _str(),
        "count_unit": _isin(("learners", "aims")),
        "participation": _float(pa.Check.ge(0)),
        "achievements": _float(pa.Check.ge(0)),
        "per_100k": _float(pa.Check.ge(0)),
        "achievements_per_100k": _float(pa.Check.ge(0)),
        "status": _isin(STATUSES),
    }
)
POPULATION = _schema(
    {
        **_AREA,
        "period": _str(checks=pa.Check.str_matches(r"^Apr \d{4} to Mar \d{4}$")),
        "period_end_year": pa.Column("int64", pa.Check.in_range(2000, 2100)),
        "age_band": _isin(("16+",)),
        "value": _float(pa.Check.ge(0)),
        "status": _isin(("measured", "suppressed")),
    },
    [SUPPRESSED_IS_MISSING],
)
OUTCOMES_EARNINGS = _schema(
    {
        "region_code": _str(checks=pa.Check.str_matches(rf"^(E12\d{{6}}|{ENGLAND.code})$")),
        "region_name": _str(),
        "sector": _str(),
        "highest_level": _isin(("Below level 2", "Level 2", "Level 3", "Level 4/5", "Level 6", "Level 7+", "All levels")),
        "level_order": _int64(pa.Check.in_range(0, 5)),
        "median_earnings": _float(pa.Check.gt(0)),
        "share": _float(pa.Check.in_range(0, 1)),
        "employees": _int64(pa.Check.ge(0)),
        "status": _isin(STATUSES),
    }
)
OUTCOMES_FE = _schema(
    {
        "year": _str(checks=pa.Check.str_matches(_AY)),
        "provision": _isin(("Total", "Apprenticeship", "Education & Training", "Traineeship")),
        "level_group": _str(),
        "level": _str(),
        "providers": _int64(pa.Check.ge(0), nullable=False),
        "learners": _int64(pa.Check.ge(0), nullable=False),
        "sustained_positive_pct": _pct(),
        "employment_pct": _pct(),
        "learning_pct": _pct(),
        "apprenticeship_pct": _pct(),
    }
)
OUTCOMES_POST16 = _schema(
    {
        "population": _isin(("non_graduates", "all", "graduates")),
        "breakdown": _isin(("All", "Region of school", "KS4 attainment")),
        "breakdown_value": _str(),
        "non_grad_status": _str(),
        "years_after_ks4": pa.Column("int64", pa.Check.in_range(1, 15)),
        "activity": _str(),
        "measure": _isin(("main_activity_pct", "average_earnings_gbp")),
        "value": _float(pa.Check.ge(0)),
    }
)

_ROUNDING = "Figures are as published (ONS/DfE rounding); nothing is rounded further unless stated."

SPECS: list[TableSpec] = [
    TableSpec(
        name="pay_region",
        description="Gross pay percentiles (10th, 25th, median, 75th, 90th) by workplace region and "
        "SOC 2020 major group (and all occupations), for full-time and all employee jobs, annual and "
        "hourly. UK and the nine English regions.",
        schema=PAY_REGION,
        sources=(ASHE_TABLE3,),
        basis="measured (ONS sample survey estimates, workplace-based)",
        caveats="2025 figures are provisional. England as a whole is not in these files and cannot be "
        "derived from regional percentiles, so the UK row (K02000001) is the national comparator. "
        "Figures ONS did not publish (unreliable or disclosive) are missing; the upstream file does not "
        "record which reason applies. Annual pay covers employees in the same job for at least a year. " + _ROUNDING,
        keys=("region_code", "major_group", "population", "measure"),
    ),
    TableSpec(
        name="pay_age",
        description="Full-time annual gross pay percentiles by age band (18-21, 22-29, ...) and SOC 2020 "
        "major group, UK. Used to scale a job's pay for young workers.",
        schema=PAY_AGE,
        sources=(ASHE_TABLE20,),
        basis="measured (ONS sample survey estimates)",
        caveats="UK only, major groups only. 2025 figures are provisional; unpublished figures are missing. " + _ROUNDING,
        keys=("age_band", "major_group"),
    ),
    TableSpec(
        name="pay_lad",
        description="Annual gross pay of all employee jobs by place of residence, for the 296 English "
        "local authority districts, the nine regions and England: median, 25th/75th and 10th/90th "
        "percentiles and number of jobs.",
        schema=PAY_LAD,
        sources=(ASHE_TABLE8,),
        basis="measured (ONS sample survey estimates, residence-based)",
        caveats="All employee jobs, full- and part-time, so medians are well below full-time pay. "
        "ONS marks estimates 'x' (unreliable) or '..' (disclosive); these are missing, never 0. "
        "status: 'measured' = median, 25th and 75th percentiles all published; 'partly suppressed' = "
        "median published but a quartile is not; 'suppressed' = no median. The 10th and 90th "
        "percentiles are often unpublished for districts and do not change the status. "
        "LAD codes are 2025 codes (Barnsley E08000038, Sheffield E08000039).",
        keys=("area_code",),
    ),
    TableSpec(
        name="employment",
        description="Residents in employment by SOC 2020 sub-major group (and in total) for English "
        "districts, LSIP areas, combined authorities and England, five rolling years.",
        schema=EMPLOYMENT,
        sources=(APS_EMPLOYMENT,),
        basis="measured (ONS Annual Population Survey estimates, residence-based)",
        caveats="APS estimates for small districts and small occupation groups are based on few "
        "survey responses and are noisy; estimates ONS does not publish (blank in the source; the "
        "manifest checks count them by year) are missing with status 'suppressed', shown as 'not "
        "published' and never as 0; a total over areas or kinds of work that leaves them out says how "
        "many it leaves out. Areas are named, not coded, in the source and were matched by name (see the "
        "manifest checks). Welsh and Scottish areas are dropped; the Greater London Authority row is "
        "dropped (it is not a combined authority in the ONS lookup and covers the same area as the "
        "Greater London LSIP).",
        keys=("area_code", "sub_major_group", "period"),
    ),
    TableSpec(
        name="job_adverts",
        description="Online job adverts by SOC 2020 major (1-digit) and sub-major (2-digit) group for "
        "English districts, LSIP areas, combined authorities and England, July 2025.",
        schema=JOB_ADVERTS,
        sources=(JOB_ADVERTS_SRC,),
        basis="measured (experimental ONS estimates from advert data); 'total' is derived",
        caveats="Official statistics in development, from adverts collected online by Textkernel: not "
        "all vacancies are advertised online and one advert can be for several jobs. A single month. "
        "The 33 London boroughs have no district figures in the source (London is covered by the "
        "Greater London LSIP row). soc_group 'unknown' = adverts whose occupation could not be coded; "
        "'total' is derived as the sum of the nine major groups and 'unknown'.",
        keys=("area_code", "soc_group"),
    ),
    TableSpec(
        name="projections",
        description="Projected employment by SOC 2020 sub-major group in 2025 (employment_current) and 2035 "
        "(employment_projected), net change, replacement demand and total requirement (job openings) over "
        "2020-2035, for England, LSIP areas and combined authorities. Persons, rounded to the nearest 1,000.",
        schema=PROJECTIONS,
        sources=(SKILLS_IMPERATIVE,),
        basis="modelled (Skills Imperative 2035 baseline projections)",
        caveats="Projections, not forecasts; made before 2023 on pre-2023 data. Not Open Government "
        "Licence: the producers ask that figures be shown rounded and attributed, and that cells "
        "below 10,000 be treated with caution (reliable=False) and below 1,000 not be shown (missing, "
        "status 'partly suppressed'). The occupation table extracted from the 'Occ T2' sheets had its "
        "change columns shifted by one place: the file's 'replacement_demand' column is the net "
        "change (it equals employment 2035 minus 2020 in every row) and its 'total_requirement' "
        "column is the replacement demand (in 4 rows it is smaller than a positive net change, so it "
        "cannot be a total). Total requirement is therefore derived here as net change + replacement "
        "demand, the Working Futures definition. Following DfE's Local Skills dashboard: Dorset LSIP "
        "uses the Dorset LEP workbook; the North East combined authority uses the North East LEP "
        "workbook (same seven districts); the 2023 North East and North of Tyne combined authority "
        "workbooks give the North East and North of Tyne LSIP areas (same districts); a combined "
        "authority with exactly the same districts as an LSIP area reuses that LSIP's figures "
        "(source_area names the workbook). LSIP areas with no occupation workbook have employment "
        "only (status 'employment only') from the employment projections file.",
        keys=("area_type", "area_code", "sub_major_group"),
    ),
    TableSpec(
        name="apprenticeships_area",
        description="Apprenticeship starts, enrolments (learners on programme) and achievements by "
        "English district, by where the apprentice lives (basis 'home') and where the training is "
        "delivered (basis 'delivery'), 2022/23 to 2025/26.",
        schema=APPRENTICESHIPS_AREA,
        sources=(APPS_LAD,),
        basis="measured (DfE Individualised Learner Record counts)",
        caveats="2025/26 covers August to April only (partial_year) and must not be compared with full "
        "years. Learners living outside England or with an unknown district are excluded. Codes are "
        "2025 LAD codes (Barnsley and Sheffield recoded from E08000016/E08000019). " + _ROUNDING,
        keys=("lad_code", "basis", "year"),
    ),
    TableSpec(
        name="apprenticeships_region",
        description="Apprenticeship starts, enrolments and achievements by learner home region (and "
        "England), level (Intermediate = level 2, Advanced = level 3, Higher = levels 4-7) and age "
        "group, with 'All' totals, 2022/23 to 2025/26.",
        schema=APPRENTICESHIPS_REGION,
        sources=(APPS_REGION,),
        basis="measured (DfE ILR counts); 'All' rows and England are sums of the published rows",
        caveats="2025/26 covers August to April only. England totals include apprentices whose home is "
        "outside England or unknown (all apprenticeships funded in England); regional rows do not.",
        keys=("region_code", "year", "level", "age_group"),
    ),
    TableSpec(
        name="fe_participation",
        description="Further education and skills participation and achievements (adults 19+, incl. "
        "apprenticeships) by English district and England, by age, level, type of provision and "
        "sector subject area, academic years 2021/22 to 2023/24, with rates per 100,000 population.",
        schema=FE_PARTICIPATION,
        sources=(FE_SRC,),
        basis="measured (DfE ILR counts, rounded by DfE to the nearest 10)",
        caveats="Counts of learners for Total/Age/Level/Provision; the SSA breakdown counts enrolment "
        "and achievement aims (count_unit 'aims') and is only published for 2023/24. Counts DfE marks "
        "'low' are missing with status 'suppressed' or 'partly suppressed'. Rates per 100,000 are "
        "DfE's (participation rate in per_100k); they are missing where DfE gives none (e.g. unknown age).",
        keys=("area_code", "year", "breakdown", "subgroup"),
    ),
    TableSpec(
        name="population",
        description="Residents aged 16 and over (APS) for English districts, LSIP areas, combined "
        "authorities and England, five rolling years: the denominator for 'per head' figures.",
        schema=POPULATION,
        sources=(APS_POPULATION,),
        basis="measured (ONS Annual Population Survey estimates)",
        caveats="The APS population aged 16+ is a survey estimate, not the mid-year population "
        "estimate; it matches the base of the APS employment figures in table 'employment'. Suppressed "
        "estimates are missing.",
        keys=("area_code", "period"),
    ),
    TableSpec(
        name="outcomes_earnings",
        description="Median annual PAYE earnings in 2018-19 of employees aged 25-30 by home region, "
        "industry sector and highest post-16 qualification level, with the share of the sector's "
        "employees at each level; 'All levels' rows give the sector median and the sector's share of "
        "all employees in the region.",
        schema=OUTCOMES_EARNINGS,
        sources=(CAREER_PATHWAYS,),
        basis="measured (DfE Longitudinal Education Outcomes administrative data)",
        caveats="Employees born Sep 1988 to Aug 1993, schooled in England, in sustained PAYE employment "
        "and not in higher education; no full-time/part-time split; self-employment excluded. "
        "Earnings rounded to £100 and counts to 10 by DfE. 'u' (fewer than 10 employees), 'c' and "
        "'low' are missing with status 'suppressed' (earnings) or 'partly suppressed' (share/count). "
        "Pre-pandemic (2018-19) pay.",
        keys=("region_code", "sector", "highest_level"),
    ),
    TableSpec(
        name="outcomes_fe",
        description="Sustained destinations in the year after further education or an apprenticeship, "
        "England, by year of learning, provision and level of learning: sustained positive "
        "destination, employment, learning and apprenticeship percentages.",
        schema=OUTCOMES_FE,
        sources=(FEO,),
        basis="derived: learner-weighted mean of published provider figures; suppressed providers excluded",
        caveats="DfE publishes these figures by provider only; England figures here are the mean of "
        "each provider's published percentage weighted by its number of learners. Providers whose "
        "figure is suppressed ('c', small cohorts) are left out of that figure's mean, so the result "
        "is close to but not the same as a national statistic. learners = learners of providers "
        "with a published sustained-positive-destination figure; providers = their number. "
        "Age/sex/LLDD totals only.",
        keys=("year", "provision", "level_group", "level"),
    ),
    TableSpec(
        name="outcomes_post16",
        description="Main activity (% of the cohort) and average earnings of those employed, 1 to 15 "
        "years after GCSEs, for the KS4 cohorts of 2002-2007 in England: all, graduates and "
        "non-graduates (by level 3 or above / level 2 or below), by region of school and GCSE attainment.",
        schema=OUTCOMES_POST16,
        sources=(LEO_POST16,),
        basis="measured (DfE Longitudinal Education Outcomes administrative data)",
        caveats="Historic cohorts (GCSEs 2002-2007), so the later years describe the 2010s labour "
        "market. 'Adult FE' includes apprenticeships. Average earnings are means (not medians) of "
        "those in sustained employment, cash terms. Only the All, Region of school and KS4 attainment "
        "breakdowns are kept. activity is 'all' for earnings rows; non_grad_status is 'all' unless "
        "the row splits non-graduates.",
        keys=("population", "breakdown", "breakdown_value", "non_grad_status", "years_after_ks4", "activity", "measure"),
    ),
]
