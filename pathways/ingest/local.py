"""Ingest step "local": local labour-market figures and education outcomes.

Runs after the geography step and uses its ``lads`` and ``areas`` tables to put GSS codes on
sources that only name their areas. Every table is described in :mod:`pathways.schema.local`.

Names that cannot be matched are recorded in ``checks["local"]["unmatched"]`` (the bar is none
for English districts); areas left out on purpose (Wales, Scotland, "Outside England") are in
``checks["local"]["dropped"]`` with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "build",
    "norm_name",
    "to_number",
    "AreaMatcher",
    "OLD_TO_NEW_LAD",
    "pay_region_from",
    "pay_age_from",
    "pay_lad_from",
    "employment_from",
    "job_adverts_from",
    "projections_from",
    "round_thousands",
    "apprenticeships_area_from",
    "apprenticeships_region_from",
    "fe_participation_from",
    "population_from",
    "outcomes_earnings_from",
    "outcomes_fe_from",
    "outcomes_post16_from",
]

ENGLAND = "E92000001"
UK = "K02000001"
#: LAD codes that changed on 1 April 2025 (boundary changes), old -> new.
OLD_TO_NEW_LAD = {"E08000016": "E08000038", "E08000019": "E08000039"}  # Barnsley, Sheffield

FILES = {
    "ashe3": "ons_ashe_2025/ashe2025p_table3_workplace_region_x_soc2020_major_group.csv",
    "ashe_region": "ons_ashe_2025/ashe2025p_workplace_region_all_occupations.csv",
    "ashe8": "ons_ashe_2025/ashe2025p_table8_residence_la_annual_gross_pay_all_employees.csv",
    "ashe20": "ons_ashe_2025/ashe2025p_table20_age_band_x_soc2020_major_group_uk.csv",
    "aps": "dfe_local_skills/aps_employment_by_soc2020_submajor_by_area_2021-2025.csv",
    "adverts": "dfe_local_skills/online_job_adverts_by_soc2020_by_area_jul2025.csv",
    "si_occ": "dfe_local_skills/skills_imperative_2035_occupation_replacement_demand_by_lsip_mca.csv",
    "si_emp": "dfe_local_skills/skills_imperative_2035_employment_projections_by_area.csv.gz",
    "fe": "dfe_local_skills/fe_participation_achievements_by_area_ay2021-ay2324.csv.gz",
    "datahub": "dfe_local_skills/local_skills_datahub_2025-09.csv.gz",
    "apps_home": "dfe_apprenticeships/apprenticeships_by_learner_home_lad_2022-23_to_2025-26.csv",
    "apps_delivery": "dfe_apprenticeships/apprenticeships_by_delivery_lad_2022-23_to_2025-26.csv",
    "apps_region": "dfe_apprenticeships/apprenticeships_by_region_level_age_2022-23_to_2025-26.csv",
    "cp_level": "dfe_leo_outcomes/career_pathways_2018-19_region_sector_highest_level_earnings.csv",
    "cp_sector": "dfe_leo_outcomes/career_pathways_2018-19_region_sector_median_earnings.csv",
    "feo": "dfe_leo_outcomes/feo_destinations_by_provider_provision_level_2018-19_to_2022-23.csv.gz",
    "post16": "dfe_leo_outcomes/leo_post16_ks4_cohorts_2002-2007_activity_and_earnings_15yrs.csv.gz",
    "lad_names": "ons_geography/lad24_names_codes_centroid_latlong_may2024.csv",
}

# ----------------------------------------------------------------------------- name matching
#: Reviewed spellings that differ from ONS names, by area type: source name -> GSS code.
#: Used only when the plain (normalised) name does not match and the code exists in ``areas``.
ALIASES: dict[str, dict[str, str]] = {
    "lad": {
        "Bristol": "E06000023",  # ONS: "Bristol, City of"
        "Herefordshire": "E06000019",  # ONS: "Herefordshire, County of"
        "Kingston upon Hull": "E06000010",  # ONS: "Kingston upon Hull, City of"
        "Hull": "E06000010",
    },
    "lsip": {  # LSIP23 names and the later DfE dashboard names
        "Brighton and Hove East Sussex West Sussex": "E69000001",
        "Sussex and Brighton": "E69000001",
        "Derbyshire and Nottinghamshire": "E69000007",
        "East Midlands": "E69000007",
        "Essex Southend-on-Sea and Thurrock": "E69000010",
        "Greater Essex": "E69000010",
        "Gloucestershire": "E69000011",
        "G First (Gloucestershire)": "E69000011",
        "Heart of the South-West": "E69000015",
        "Leicester and Leicestershire": "E69000020",
        "Leicester, Leicestershire and Rutland": "E69000020",
        "Norfolk and Suffolk": "E69000022",
        "New Anglia": "E69000022",
        "South East Midlands": "E69000027",
        "West Midlands and Warwickshire": "E69000034",
    },
    "ca": {
        "Cambridge and Peterborough": "E47000008",
        "Cambridgeshire and Peterborough": "E47000008",
    },
    "region": {"East": "E12000006"},
    "country": {"England": ENGLAND},
}
#: Source areas left out on purpose, with the reason (recorded in the checks, not "unmatched").
DROPPED_AREAS: dict[str, str] = {
    "Greater London Authority": "not a combined authority in the ONS lookup; same area as the Greater London LSIP",
    "NA": "no area name in the source",
    "Outside of an English Devolved Area and unknown": "not an area",
    "Outside of England and unknown": "not an area",
    "Rhondda Cynon Taff": "outside England (ONS spells it Rhondda Cynon Taf)",
}
#: Source area types -> our area types.
SOURCE_AREA_TYPES = {"LAD": "lad", "LSIP": "lsip", "MCA": "ca", "Country": "country"}


def norm_name(name: str) -> str:
    """A name reduced for matching: lower case, ``&`` -> ``and``, punctuation -> spaces.

    Examples
    --------
    >>> norm_name("Essex, Southend-on-Sea and Thurrock")
    'essex southend on sea and thurrock'
    >>> norm_name(" Brighton & Hove ")
    'brighton and hove'
    """
    text = str(name).lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass
class AreaMatcher:
    """Maps area names to GSS codes using the geography step's ``lads`` and ``areas``.

    ``non_english`` holds normalised names of Welsh, Scottish and Northern Irish districts,
    which are dropped rather than reported as unmatched. ``unmatched`` and ``dropped`` collect,
    per table, the names that got no code.
    """

    lads: pd.DataFrame
    areas: pd.DataFrame
    non_english: frozenset[str] = frozenset()
    unmatched: dict[str, list[str]] = field(default_factory=dict)
    dropped: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, dict[str, str]] = {"lad": _name_index(self.lads["name"], self.lads["lad_code"])}
        for kind in ("lsip", "ca", "region", "country"):
            sub = self.areas[self.areas["area_type"] == kind]
            index[kind] = _name_index(sub["name"], sub["area_code"])
        index["country"].setdefault("england", ENGLAND)
        for kind, aliases in ALIASES.items():
            known = set(index[kind].values())
            for name, code in aliases.items():
                if code in known:
                    index[kind].setdefault(norm_name(name), code)
        self.index = index
        self.names = {kind: _code_names(self.areas, kind) for kind in ("lsip", "ca", "region", "country")}
        self.names["lad"] = dict(zip(self.lads["lad_code"], self.lads["name"]))
        self.names["country"].setdefault(ENGLAND, "England")

    def code(self, kind: str, name: str) -> str | None:
        """The code of one named area of a kind (``lad``, ``lsip``, ``ca``, ``region``, ``country``)."""
        return self.index.get(kind, {}).get(norm_name(name))

    def attach(self, df: pd.DataFrame, table: str, kind_col: str = "area_type", name_col: str = "area_name") -> pd.DataFrame:
        """Add ``area_type`` (ours) and ``area_code``; drop and record rows that get no code."""
        kinds = df[kind_col].map(lambda k: SOURCE_AREA_TYPES.get(k, k))
        codes = [self.code(k, n) for k, n in zip(kinds, df[name_col])]
        out = df.assign(area_type=kinds.astype(str), area_code=pd.Series(codes, index=df.index, dtype=object))
        missing = out["area_code"].isna()
        for kind, name in out.loc[missing, ["area_type", name_col]].drop_duplicates().itertuples(index=False):
            self.record(table, kind, name)
        out = out[~missing].copy()
        out["area_code"] = out["area_code"].astype(str)
        return out

    def record(self, table: str, kind: str, name: str) -> None:
        """Record a name without a code: dropped on purpose, or unmatched."""
        if kind == "lad" and norm_name(name) in self.non_english:
            self.dropped.setdefault(table, {})[name] = "outside England"
        elif name in DROPPED_AREAS:
            self.dropped.setdefault(table, {})[name] = DROPPED_AREAS[name]
        else:
            entries = self.unmatched.setdefault(table, [])
            if f"{kind}: {name}" not in entries:
                entries.append(f"{kind}: {name}")


def _name_index(names: Iterable[str], codes: Iterable[str]) -> dict[str, str]:
    return {norm_name(n): str(c) for n, c in zip(names, codes) if isinstance(n, str) and isinstance(c, str)}


def _code_names(areas: pd.DataFrame, kind: str) -> dict[str, str]:
    sub = areas[areas["area_type"] == kind].drop_duplicates("area_code")
    return dict(zip(sub["area_code"], sub["name"]))


# ----------------------------------------------------------------------------- values
def to_number(values: pd.Series) -> pd.Series:
    """Parse published values to float; markers (``x``, ``..``, ``c``, ``u``, ``low``, ``z``, blank,
    ``Inf``) become missing.

    Examples
    --------
    >>> to_number(pd.Series(["1,200", "x", "", "1e+05", "Inf"])).tolist()
    [1200.0, nan, nan, 100000.0, nan]
    """
    text = values.astype(object).where(values.notna(), "").astype(str).str.replace(",", "", regex=False).str.strip()
    numbers = pd.to_numeric(text, errors="coerce").astype(float)
    return numbers.where(np.isfinite(numbers))


def _read(raw: Path, key: str) -> pd.DataFrame:
    return pd.read_csv(raw / FILES[key], dtype=str, keep_default_na=False)


def _soc_code(label: str) -> str:
    """``"11 - Corporate managers"`` / ``"11 Corporate"`` -> ``"11"``; totals -> ``"total"``."""
    match = re.match(r"^\s*(\d{1,2})\b", str(label))
    if match:
        return match.group(1)
    low = str(label).strip().lower()
    if low in ("total", "all occupations"):
        return "total"
    if low == "unknown":
        return "unknown"
    raise ValueError(f"unexpected SOC group label {label!r}")


def _aps_period(period: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``"Apr 2024-Mar 2025"`` -> (``"Apr 2024 to Mar 2025"``, 2025)."""
    plain = period.str.replace(r"\s*-\s*", " to ", regex=True)
    end = plain.str.extract(r"(\d{4})$")[0].astype("int64")
    return plain, end


def _academic_year(period: pd.Series) -> pd.Series:
    """``"AY23/24"`` -> ``"2023/24"``."""
    return "20" + period.str.replace("AY", "", regex=False)


def _finish(df: pd.DataFrame, columns: list[str], keys: list[str]) -> pd.DataFrame:
    """Fixed column order, rows sorted by key, fresh index."""
    return df[columns].sort_values(keys, kind="mergesort").reset_index(drop=True)


def _status(median_missing: pd.Series, part_missing: pd.Series) -> pd.Series:
    return pd.Series(
        np.where(median_missing, "suppressed", np.where(part_missing, "partly suppressed", "measured")),
        index=median_missing.index,
        dtype=str,
    )


# ----------------------------------------------------------------------------- pay
_PCTS = ["p10", "p25", "median", "p75", "p90"]
_MEASURES = {"annual_gross_pay_gbp": "annual", "hourly_gross_pay_gbp": "hourly"}


def pay_region_from(table3: pd.DataFrame, totals: pd.DataFrame, region_names: dict[str, str]) -> pd.DataFrame:
    """ASHE Table 3 by major group plus the all-occupations totals, UK and English regions."""
    t3 = table3.rename(columns={"soc2020_major_group": "major_group"})
    df = pd.concat([t3.assign(major_group=t3["major_group"].astype(str)), totals.assign(major_group="all")])
    df = df[df["measure"].isin(_MEASURES) & df["population"].isin(["full_time", "all_employee_jobs"])]
    df = df[df["region_code"].str.match(r"^E12\d{6}$") | (df["region_code"] == UK)].copy()
    df["measure"] = df["measure"].map(_MEASURES)
    df["region_name"] = [region_names.get(c, n) for c, n in zip(df["region_code"], df["region_name"])]
    df.loc[df["region_code"] == UK, "region_name"] = "United Kingdom"
    for col in _PCTS:
        df[col] = to_number(df[col])
    df["status"] = _status(df["median"].isna(), df[["p25", "p75"]].isna().any(axis=1))
    cols = ["region_code", "region_name", "major_group", "population", "measure", *_PCTS, "status"]
    return _finish(df, cols, ["region_code", "major_group", "population", "measure"])


def pay_age_from(table20: pd.DataFrame) -> pd.DataFrame:
    """ASHE Table 20: full-time annual pay by age band and SOC 2020 major group, UK."""
    df = table20[(table20["measure"] == "annual_gross_pay_gbp") & (table20["population"] == "full_time")].copy()
    df["major_group"] = df["soc2020_major_group"].astype(str)
    for col in _PCTS:
        df[col] = to_number(df[col])
    df["status"] = _status(df["median"].isna(), df[["p25", "p75"]].isna().any(axis=1))
    cols = ["age_band", "major_group", *_PCTS, "status"]
    return _finish(df.astype({"age_band": str}), cols, ["age_band", "major_group"])


def pay_lad_from(table8: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """ASHE Table 8.7a annual pay by residence: English districts, regions and England.

    ``names`` (code -> name) replaces the ONS descriptions (e.g. "Rutland UA") where given.
    """
    df = table8.assign(code=table8["code"].replace(OLD_TO_NEW_LAD))
    df = df[df["code"].str.match(r"^(E0[6789]\d{6}|E12\d{6}|E92000001)$")].copy()
    df["area_type"] = np.where(df["code"].str.startswith("E12"), "region", np.where(df["code"] == ENGLAND, "country", "lad"))
    df = df.rename(columns={"code": "area_code", "description": "area_name", "number_of_jobs_thousand": "jobs_thousand"})
    names = names or {}
    df["area_name"] = [names.get(c, n) for c, n in zip(df["area_code"], df["area_name"])]
    for col in [*_PCTS, "jobs_thousand"]:
        df[col] = to_number(df[col])
    df["status"] = _status(df["median"].isna(), df[["p25", "p75"]].isna().any(axis=1))
    cols = ["area_code", "area_type", "area_name", "median", "p25", "p75", "p10", "p90", "jobs_thousand", "status"]
    return _finish(df.astype({"area_type": str}), cols, ["area_code"])


# ----------------------------------------------------------------------------- APS, adverts
def employment_from(aps: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """APS residents in employment by sub-major group, coded areas, all periods."""
    df = matcher.attach(aps, "employment")
    df["sub_major_group"] = df["subgroup"].map(_soc_code)
    df["period"], df["period_end_year"] = _aps_period(df["period"])
    df["value"] = to_number(df["value"])
    df["status"] = np.where(df["value"].isna(), "suppressed", "measured").astype(str)
    cols = ["area_type", "area_code", "sub_major_group", "period", "period_end_year", "value", "status"]
    return _finish(df, cols, ["area_code", "sub_major_group", "period"])


def job_adverts_from(adverts: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """Online job adverts by major and sub-major group, plus "unknown" and a derived "total"."""
    df = matcher.attach(adverts, "job_adverts")
    df["soc_group"] = df["subgroup"].map(_soc_code)
    major = df["breakdown"].str.contains("Major Group") & ~df["breakdown"].str.contains("Sub-Major")
    # "unknown" is repeated under both breakdowns with the same value: keep one
    df = df[~((df["soc_group"] == "unknown") & ~major)].copy()
    df["value"] = to_number(df["value"])
    in_total = df["soc_group"].str.len().eq(1) | (df["soc_group"] == "unknown")
    total = (
        df[in_total]
        .groupby(["area_type", "area_code"], as_index=False)["value"]
        .agg(lambda s: s.sum() if s.notna().all() else np.nan)
        .assign(soc_group="total")
    )
    df = pd.concat([df, total], ignore_index=True)
    df["period"] = "July 2025"
    df["status"] = np.where(df["value"].isna(), "suppressed", "measured").astype(str)
    cols = ["area_type", "area_code", "soc_group", "period", "value", "status"]
    return _finish(df, cols, ["area_code", "soc_group"])


def population_from(datahub: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """APS residents aged 16+ ("Population volume") by area and period."""
    df = datahub[(datahub["metric_code"] == "all") & (datahub["subgroup"] == "Total")]
    df = matcher.attach(df, "population")
    df["period"], df["period_end_year"] = _aps_period(df["period"])
    df["age_band"] = "16+"
    df["value"] = to_number(df["value"])
    df["status"] = np.where(df["value"].isna(), "suppressed", "measured").astype(str)
    cols = ["area_type", "area_code", "period", "period_end_year", "age_band", "value", "status"]
    return _finish(df, cols, ["area_code", "period"])


# ----------------------------------------------------------------------------- projections
#: Skills Imperative workbooks whose areas are given by their districts (2025 LAD codes), not
#: by name, following DfE's Local Skills dashboard (importSkillsImp.R): the Dorset LSIP workbook
#: has the wrong districts, so the Dorset LEP one is used; the North East LEP is today's North
#: East combined authority; the 2023 North East and North of Tyne CAs are two LSIP areas.
PROJECTION_DISTRICTS: dict[tuple[str, str], frozenset[str]] = {
    ("LEP", "dorset"): frozenset({"E06000058", "E06000059"}),
    ("LEP", "north east"): frozenset(
        {"E06000047", "E08000037", "E08000023", "E08000024", "E06000057", "E08000021", "E08000022"}
    ),
    ("MCA", "north east"): frozenset({"E06000047", "E08000037", "E08000023", "E08000024"}),
    ("MCA", "north of tyne"): frozenset({"E06000057", "E08000021", "E08000022"}),
}
#: Workbooks not used (reason).
PROJECTION_SKIPPED: dict[tuple[str, str], str] = {
    ("LSIP", "dorset"): "DfE: wrong districts; the Dorset LEP workbook is used instead",
}
_PROJ_VALUES = [
    "employment_2025",
    "employment_2035",
    "net_change_2020_2035",
    "replacement_demand_2020_2035",
    "total_requirement_2020_2035",
]


def round_thousands(thousands: pd.Series) -> pd.Series:
    """Values in thousands -> persons rounded to the nearest 1,000 (Int64); magnitudes below
    1,000 persons are withheld (missing), as the producers advise.

    Examples
    --------
    >>> round_thousands(pd.Series([12.49, 12.51, 0.4, -3.6, None])).tolist()
    [12000, 13000, <NA>, -4000, <NA>]
    """
    values = pd.to_numeric(thousands, errors="coerce").astype(float)
    rounded = np.round(values) * 1000
    rounded = rounded.where(values.abs() >= 1)
    return rounded.astype("Int64")


def _occ_changes(occ: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Net change and replacement demand (thousands), repairing the one-column shift if present."""
    emp20 = to_number(occ["emp_2020_000s"])
    emp35 = to_number(occ["emp_2035_000s"])
    net_col = to_number(occ["net_change_2020_2035_000s"])
    repl_col = to_number(occ["replacement_demand_2020_2035_000s"])
    total_col = to_number(occ["total_requirement_2020_2035_000s"])
    if net_col.isna().all() and np.allclose(repl_col, emp35 - emp20, atol=1e-6):
        layout = "shifted: replacement_demand column holds net change; total_requirement column holds replacement demand"
        net, repl = repl_col, total_col
    elif np.allclose(net_col, emp35 - emp20, atol=1e-3):
        layout = "as labelled"
        net, repl = net_col, repl_col
    else:
        raise ValueError("Skills Imperative occupation table: cannot tell which column is the net change")
    out = pd.DataFrame({"emp_2025": to_number(occ["emp_2025_000s"]), "emp_2035": emp35, "net": net, "repl": repl})
    out["total"] = out["net"] + out["repl"]
    return out, layout


def projections_from(occ: pd.DataFrame, emp_proj: pd.DataFrame, matcher: AreaMatcher) -> tuple[pd.DataFrame, str]:
    """Skills Imperative 2035 by area and sub-major group, persons rounded to 1,000.

    Returns the table and a note on the layout of the occupation file.
    """
    occ = occ.assign(area_name=occ["area_name"].str.strip())
    values, layout = _occ_changes(occ)
    occ = pd.concat([occ.reset_index(drop=True), values.reset_index(drop=True)], axis=1)
    occ["sub_major_group"] = occ["soc2020_submajor"].map(_soc_code)
    district_sets = _district_sets(matcher.lads)

    pieces = []
    for (src_type, src_name), rows in occ.groupby(["area_type", "area_name"], sort=True):
        key = (src_type, norm_name(src_name))
        if key in PROJECTION_SKIPPED:
            matcher.dropped.setdefault("projections", {})[f"{src_name} {src_type}"] = PROJECTION_SKIPPED[key]
            continue
        targets = _projection_targets(key, src_type, src_name, matcher, district_sets)
        if not targets:
            if src_type == "LEP":
                matcher.dropped.setdefault("projections", {})[f"{src_name} LEP"] = "LEP workbook not needed"
            else:
                matcher.record("projections", SOURCE_AREA_TYPES.get(src_type, src_type), src_name)
            continue
        for kind, code in targets:
            pieces.append(rows.assign(area_type=kind, area_code=code, source_area=f"{src_name} {src_type}", status="modelled"))
    df = pd.concat(pieces, ignore_index=True)
    df = _fill_same_districts(df, district_sets)
    df = pd.concat([df, _employment_only(emp_proj, df, matcher, district_sets)], ignore_index=True)

    df["area_name"] = [matcher.names[k].get(c, c) for k, c in zip(df["area_type"], df["area_code"])]
    for col, src in zip(_PROJ_VALUES, ["emp_2025", "emp_2035", "net", "repl", "total"]):
        df[col] = round_thousands(df[src])
    withheld = df[_PROJ_VALUES].isna() & df[["emp_2025", "emp_2035", "net", "repl", "total"]].notna().to_numpy()
    df.loc[withheld.any(axis=1) & (df["status"] == "modelled"), "status"] = "partly suppressed"
    df["reliable"] = (df["emp_2025"] >= 10).astype(bool)
    cols = ["area_type", "area_code", "area_name", "sub_major_group", *_PROJ_VALUES, "reliable", "status", "source_area"]
    return _finish(df.astype({"status": str}), cols, ["area_type", "area_code", "sub_major_group"]), layout


def _district_sets(lads: pd.DataFrame) -> dict[str, dict[str, frozenset[str]]]:
    out = {}
    for kind, col in (("lsip", "lsip_code"), ("ca", "ca_code")):
        sub = lads.dropna(subset=[col]) if col in lads else lads.iloc[0:0]
        out[kind] = {code: frozenset(g["lad_code"]) for code, g in sub.groupby(col)}
    return out


def _projection_targets(key, src_type, src_name, matcher, district_sets) -> list[tuple[str, str]]:
    if key in PROJECTION_DISTRICTS:
        wanted = PROJECTION_DISTRICTS[key]
        return [(k, c) for k in ("lsip", "ca") for c, s in district_sets[k].items() if s == wanted]
    kind = {"LSIP": "lsip", "MCA": "ca", "Country": "country"}.get(src_type)
    code = matcher.code(kind, src_name) if kind else None
    return [(kind, code)] if kind and code else []


def _fill_same_districts(df: pd.DataFrame, district_sets) -> pd.DataFrame:
    """Give an LSIP area or combined authority without figures those of an area with exactly
    the same districts."""
    have = set(zip(df["area_type"], df["area_code"]))
    extra = []
    for kind, other in (("ca", "lsip"), ("lsip", "ca")):
        for code, lads in district_sets[kind].items():
            if (kind, code) in have:
                continue
            twins = [c for c, s in district_sets[other].items() if s == lads and (other, c) in have]
            if twins:
                src = df[(df["area_type"] == other) & (df["area_code"] == twins[0])]
                extra.append(src.assign(area_type=kind, area_code=code))
    return pd.concat([df, *extra], ignore_index=True) if extra else df


def _employment_only(emp_proj: pd.DataFrame, done: pd.DataFrame, matcher: AreaMatcher, district_sets) -> pd.DataFrame:
    """Employment 2020/2025/2035 (thousands) for LSIP areas with no occupation workbook."""
    have = set(done.loc[done["area_type"] == "lsip", "area_code"])
    missing = set(district_sets["lsip"]) - have
    sub = emp_proj[(emp_proj["area_type"] == "LSIP") & emp_proj["breakdown"].isin(["Occupation (SOC2020 Sub-Major Group)", "Total"])]
    sub = sub[sub["period"].isin(["2020", "2025", "2035"])].copy()
    sub["code"] = [matcher.code("lsip", n) for n in sub["area_name"]]
    sub = sub[sub["code"].isin(missing)]
    if sub.empty:
        for code in sorted(missing):
            matcher.unmatched.setdefault("projections", []).append(f"lsip without projections: {code}")
        return sub.iloc[0:0]
    sub["value"] = to_number(sub["value"]) / 1000
    wide = sub.pivot_table(index=["code", "area_name", "subgroup"], columns="period", values="value", aggfunc="first").reset_index()
    out = pd.DataFrame(
        {
            "area_type": "lsip",
            "area_code": wide["code"],
            "sub_major_group": wide["subgroup"].map(_soc_code),
            "emp_2025": wide["2025"],
            "emp_2035": wide["2035"],
            "net": wide["2035"] - wide["2020"],
            "repl": np.nan,
            "total": np.nan,
            "source_area": wide["area_name"] + " LSIP (employment projections)",
            "status": "employment only",
        }
    )
    for code in sorted(missing - set(out["area_code"])):
        matcher.unmatched.setdefault("projections", []).append(f"lsip without projections: {code}")
    return out


# ----------------------------------------------------------------------------- apprenticeships
def _year(year: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``"2025/26 (Aug to Apr)"`` -> (``"2025/26"``, True)."""
    return year.str.extract(r"^(\d{4}/\d{2})")[0], year.str.contains("(", regex=False)


def apprenticeships_area_from(home: pd.DataFrame, delivery: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """Starts, enrolments and achievements by home and delivery district (2025 LAD codes)."""
    known = set(matcher.lads["lad_code"])
    pieces = []
    for basis, df, name_col in (("home", home, "learner_home_lad"), ("delivery", delivery, "delivery_lad")):
        df = df.assign(lad_code=df["lad24cd"].replace(OLD_TO_NEW_LAD), basis=basis)
        for name in df.loc[~df["lad_code"].isin(known), name_col].unique():
            matcher.record("apprenticeships_area", "lad", name)
        pieces.append(df[df["lad_code"].isin(known)])
    df = pd.concat(pieces, ignore_index=True)
    df["year"], df["partial_year"] = _year(df["year"])
    for col in ("starts", "enrolments", "achievements"):
        df[col] = to_number(df[col]).round().astype("Int64")
    cols = ["lad_code", "basis", "year", "partial_year", "starts", "enrolments", "achievements"]
    return _finish(df.astype({"partial_year": bool}), cols, ["lad_code", "basis", "year"])


_APP_LEVELS = {"Intermediate Apprenticeship": "Intermediate", "Advanced Apprenticeship": "Advanced", "Higher Apprenticeship": "Higher"}


def apprenticeships_region_from(regional: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """Counts by learner home region (and England), level and age, with "All" totals."""
    df = regional.assign(level=regional["apps_Level"].map(_APP_LEVELS), age_group=regional["age_group"])
    if df["level"].isna().any():
        raise ValueError(f"unexpected apprenticeship levels {sorted(regional['apps_Level'].unique())}")
    for col in ("starts", "enrolments", "achievements"):
        df[col] = to_number(df[col])
    df["region_code"] = [matcher.code("region", n) for n in df["learner_home_region"]]
    for name in df.loc[df["region_code"].isna(), "learner_home_region"].unique():
        matcher.record("apprenticeships_region", "region", name)
    england = df.assign(region_code=ENGLAND)
    df = pd.concat([df.dropna(subset=["region_code"]), england], ignore_index=True)
    keys = ["region_code", "year", "level", "age_group"]
    pieces = []
    for level_all in (False, True):
        for age_all in (False, True):
            part = df.assign(**({"level": "All"} if level_all else {}), **({"age_group": "All"} if age_all else {}))
            pieces.append(part.groupby(keys, as_index=False)[["starts", "enrolments", "achievements"]].sum(min_count=1))
    out = pd.concat(pieces, ignore_index=True)
    out["region_name"] = [matcher.names["region"].get(c) or matcher.names["country"].get(c, c) for c in out["region_code"]]
    out["year"], out["partial_year"] = _year(out["year"])
    for col in ("starts", "enrolments", "achievements"):
        out[col] = out[col].round().astype("Int64")
    cols = ["region_code", "region_name", "year", "partial_year", "level", "age_group", "starts", "enrolments", "achievements"]
    return _finish(out.astype({"partial_year": bool, "region_name": str}), cols, keys)


# ----------------------------------------------------------------------------- FE participation
FE_YEARS = ("AY21/22", "AY22/23", "AY23/24")
_FE_MEASURES = {
    "FE participation volume": "participation",
    "FE achievements volume": "achievements",
    "FE participation rate per 100,000 population": "per_100k",
    "FE achievement rate per 100,000 population": "achievements_per_100k",
    "FE enrolment aims volume": "aims_participation",
    "FE achievement aims volume": "aims_achievements",
}


def fe_participation_from(fe: pd.DataFrame, matcher: AreaMatcher, years: tuple[str, ...] = FE_YEARS) -> pd.DataFrame:
    """FE and skills volumes and rates for districts and England, latest years."""
    df = fe[fe["area_type"].isin(["LAD", "Country"]) & fe["period"].isin(years)]
    df = matcher.attach(df, "fe_participation")
    df["measure"] = df["measure"].map(_FE_MEASURES)
    df["low"] = df["value"].str.strip().str.lower().eq("low")
    df["number"] = to_number(df["value"])
    keys = ["area_type", "area_code", "period", "breakdown", "subgroup"]
    wide = df.pivot_table(index=keys, columns="measure", values="number", aggfunc="first", dropna=False)
    low = df.pivot_table(index=keys, columns="measure", values="low", aggfunc="any")
    wide = wide.reindex(columns=list(_FE_MEASURES.values()))
    low = low.reindex(index=wide.index, columns=list(_FE_MEASURES.values())).fillna(False).astype(bool)
    wide = wide.reset_index()
    low = low.reset_index(drop=True)
    aims = wide["breakdown"].eq("SSA")
    wide["count_unit"] = np.where(aims, "aims", "learners").astype(str)
    for ours, alt in (("participation", "aims_participation"), ("achievements", "aims_achievements")):
        wide[ours] = np.where(aims, wide[alt], wide[ours])
        low[ours] = np.where(aims, low[alt], low[ours])
    wide = wide[wide[["participation", "achievements"]].notna().any(axis=1) | low[["participation", "achievements"]].any(axis=1).to_numpy()]
    low = low.loc[wide.index]
    wide["status"] = _status(low["participation"] & low["achievements"], low["participation"] | low["achievements"])
    wide["year"] = _academic_year(wide["period"])
    for col in ("per_100k", "achievements_per_100k"):
        wide[col] = wide[col].round(1)
    cols = ["area_type", "area_code", "year", "breakdown", "subgroup", "count_unit", "participation", "achievements", "per_100k", "achievements_per_100k", "status"]
    return _finish(wide, cols, ["area_code", "year", "breakdown", "subgroup"])


# ----------------------------------------------------------------------------- outcomes
#: Career pathways highest-level labels in order (the file's own ``new_level`` 0-5).
LEVEL_ORDER = {"Below level 2": 0, "Level 2": 1, "Level 3": 2, "Level 4/5": 3, "Level 6": 4, "Level 7+": 5}


def outcomes_earnings_from(by_level: pd.DataFrame, by_sector: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """LEO earnings at 25-30 by region, sector and highest level (plus "All levels" per sector)."""
    levels = by_level.rename(columns={"Level_order": "highest_level", "median_income": "median", "perc_hq": "share", "number_students_hq": "employees"})
    sectors = by_sector.rename(columns={"median_income_sector": "median", "perc_students_sector": "share"})
    sectors = sectors.assign(highest_level="All levels", employees="")
    df = pd.concat([levels, sectors], ignore_index=True)
    unknown = set(df["highest_level"]) - set(LEVEL_ORDER) - {"All levels"}
    if unknown:
        raise ValueError(f"unexpected qualification levels {sorted(unknown)}")
    df["region_code"] = [matcher.code("region", n) or matcher.code("country", n) for n in df["Region"]]
    for name in df.loc[df["region_code"].isna(), "Region"].unique():
        matcher.record("outcomes_earnings", "region", name)
    df = df.dropna(subset=["region_code"]).copy()
    df["region_name"] = df["Region"]
    df["level_order"] = df["highest_level"].map(LEVEL_ORDER).astype("Int64")
    df["median_earnings"] = to_number(df["median"])
    df["share"] = to_number(df["share"])
    df["employees"] = to_number(df["employees"]).round().astype("Int64")
    part = df["share"].isna() | (df["employees"].isna() & df["highest_level"].ne("All levels"))
    df["status"] = _status(df["median_earnings"].isna(), part)
    cols = ["region_code", "region_name", "sector", "highest_level", "level_order", "median_earnings", "share", "employees", "status"]
    df = df.rename(columns={"Sector": "sector"}).astype({"region_code": str})
    return _finish(df, cols, ["region_code", "sector", "highest_level"])


#: FEO columns published as fractions (0-1) rather than percentages.
_FEO_FRACTIONS = {"spd_percent", "emp_percent", "learn_percent"}
_FEO_MEASURES = {
    "sustained_positive_pct": "spd_percent",
    "employment_pct": "emp_percent",
    "learning_pct": "learn_percent",
    "apprenticeship_pct": "app_percent",
}


def outcomes_fe_from(feo: pd.DataFrame) -> pd.DataFrame:
    """England FE outcomes as the learner-weighted mean of published provider figures."""
    df = feo.rename(columns={"time_period": "year", "level_of_learning_group": "level_group", "level_of_learning": "level"})
    df["learners"] = to_number(df["number_of_learners"])
    keys = ["year", "provision", "level_group", "level"]
    for ours, col in _FEO_MEASURES.items():
        df[ours] = to_number(df[col]) * (100 if col in _FEO_FRACTIONS else 1)
        df[f"w_{ours}"] = (df[ours] * df["learners"]).where(df[ours].notna() & df["learners"].notna())
        df[f"n_{ours}"] = df["learners"].where(df[ours].notna())
    published = df["sustained_positive_pct"].notna() & df["learners"].notna()
    df["provider"] = published.astype(int)
    df["spd_learners"] = df["learners"].where(published)
    sums = df.groupby(keys, as_index=False).agg(
        providers=("provider", "sum"),
        learners=("spd_learners", "sum"),
        **{f"w_{m}": (f"w_{m}", "sum") for m in _FEO_MEASURES},
        **{f"n_{m}": (f"n_{m}", "sum") for m in _FEO_MEASURES},
    )
    for m in _FEO_MEASURES:
        sums[m] = (sums[f"w_{m}"] / sums[f"n_{m}"].where(sums[f"n_{m}"] > 0)).round(1).clip(0, 100)
    sums = sums[sums["providers"] > 0].copy()
    sums["providers"] = sums["providers"].astype("Int64")
    sums["learners"] = sums["learners"].round().astype("Int64")
    return _finish(sums, [*keys, "providers", "learners", *_FEO_MEASURES], keys)


POST16_BREAKDOWNS = ("All", "Region of school", "KS4 attainment")
_POST16_KEYS = ["measure", "population", "breakdown", "breakdown_value", "non_grad_status", "years_after_ks4", "activity"]


def outcomes_post16_from(post16: pd.DataFrame) -> pd.DataFrame:
    """LEO post-16 trajectories, three breakdowns, with the mislabelled non-graduate block fixed.

    In the source, each "graduates" series is followed by a second series with the same labels
    that is in fact all non-graduates (its higher-education share four years after KS4 is a few
    per cent, between the two non-graduate groups). The second occurrence is relabelled
    ``population="non_graduates", non_grad_status="all"``.
    """
    df = post16[post16["breakdown"].isin(POST16_BREAKDOWNS)].copy()
    df["non_grad_status"] = df["non_grad_status"].replace("", "all")
    df["activity"] = df["activity"].replace("", "all")
    second = df.duplicated(_POST16_KEYS, keep="first") & df["population"].eq("graduates")
    df.loc[second, "population"] = "non_graduates"
    if df.duplicated(_POST16_KEYS).any():
        raise ValueError("LEO post-16: duplicate rows remain after relabelling")
    df["years_after_ks4"] = df["years_after_ks4"].astype("int64")
    df["value"] = to_number(df["value"]).round(2)
    _check_graduate_block(df)
    cols = ["population", "breakdown", "breakdown_value", "non_grad_status", "years_after_ks4", "activity", "measure", "value"]
    return _finish(df, cols, _POST16_KEYS)


def _check_graduate_block(df: pd.DataFrame) -> None:
    he = df[(df["breakdown"] == "All") & (df["activity"] == "Higher education") & (df["years_after_ks4"] == 4)]
    grad = he.loc[he["population"] == "graduates", "value"]
    nongrad = he.loc[(he["population"] == "non_graduates") & (he["non_grad_status"] == "all"), "value"]
    if len(grad) and len(nongrad) and not grad.iloc[0] > nongrad.iloc[0]:
        raise ValueError("LEO post-16: the relabelled non-graduate block does not look like non-graduates")


# ----------------------------------------------------------------------------- step
def _non_english_names(raw: Path) -> frozenset[str]:
    path = raw / FILES["lad_names"]
    if not path.exists():
        return frozenset()
    names = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frozenset(norm_name(n) for n, c in zip(names["LAD24NM"], names["LAD24CD"]) if not c.startswith("E"))


def build(raw: Path, built: dict[str, pd.DataFrame], checks: dict[str, object]) -> dict[str, pd.DataFrame]:
    """Build every local table from the raw folder (needs ``lads`` and ``areas`` in ``built``)."""
    raw = Path(raw)
    lads, areas = built["lads"], built["areas"]
    matcher = AreaMatcher(lads, areas, _non_english_names(raw))
    region_names = matcher.names["region"]

    tables: dict[str, pd.DataFrame] = {
        "pay_region": pay_region_from(_read(raw, "ashe3"), _read(raw, "ashe_region"), region_names),
        "pay_age": pay_age_from(_read(raw, "ashe20")),
        "pay_lad": pay_lad_from(_read(raw, "ashe8"), {**matcher.names["lad"], **region_names, ENGLAND: "England"}),
        "employment": employment_from(_read(raw, "aps"), matcher),
        "job_adverts": job_adverts_from(_read(raw, "adverts"), matcher),
    }
    tables["projections"], layout = projections_from(_read(raw, "si_occ"), _read(raw, "si_emp"), matcher)
    tables["apprenticeships_area"] = apprenticeships_area_from(_read(raw, "apps_home"), _read(raw, "apps_delivery"), matcher)
    tables["apprenticeships_region"] = apprenticeships_region_from(_read(raw, "apps_region"), matcher)
    tables["fe_participation"] = fe_participation_from(_read(raw, "fe"), matcher)
    tables["population"] = population_from(_read(raw, "datahub"), matcher)
    tables["outcomes_earnings"] = outcomes_earnings_from(_read(raw, "cp_level"), _read(raw, "cp_sector"), matcher)
    tables["outcomes_fe"] = outcomes_fe_from(_read(raw, "feo"))
    tables["outcomes_post16"] = outcomes_post16_from(_read(raw, "post16"))

    report = _coverage(tables, lads)
    report["unmatched"] = {t: sorted(v) for t, v in sorted(matcher.unmatched.items())}
    report["dropped"] = {t: dict(sorted(v.items())) for t, v in sorted(matcher.dropped.items())}
    report["projections_occ_layout"] = layout
    checks["local"] = report
    _print_report(report)
    return tables


def _coverage(tables: dict[str, pd.DataFrame], lads: pd.DataFrame) -> dict[str, object]:
    """English districts without rows, per district-level table."""
    all_lads = set(lads["lad_code"])
    have = {
        "pay_lad": set(tables["pay_lad"]["area_code"]),
        "employment": set(tables["employment"].query("area_type == 'lad'")["area_code"]),
        "job_adverts": set(tables["job_adverts"].query("area_type == 'lad'")["area_code"]),
        "apprenticeships_area": set(tables["apprenticeships_area"]["lad_code"]),
        "fe_participation": set(tables["fe_participation"].query("area_type == 'lad'")["area_code"]),
        "population": set(tables["population"].query("area_type == 'lad'")["area_code"]),
    }
    missing = {t: sorted(all_lads - codes) for t, codes in have.items()}
    return {
        "lads_without_rows": {t: (v if len(v) <= 40 else f"{len(v)} districts") for t, v in missing.items()},
        "pay_lad_status": tables["pay_lad"].query("area_type == 'lad'")["status"].value_counts().sort_index().to_dict(),
    }


def _print_report(report: dict[str, Any]) -> None:
    for table, names in report["unmatched"].items():
        print(f"  local: {table}: {len(names)} unmatched: {names}")
    if not report["unmatched"]:
        print("  local: every named area matched (or was dropped on purpose)")
    for table, missing in report["lads_without_rows"].items():
        if missing:
            print(f"  local: {table}: English districts without rows: {missing if isinstance(missing, str) else len(missing)}")
