"""Ingest step "local": local labour-market figures and education outcomes.

Runs after the geography step and uses its ``lads`` and ``areas`` tables to put GSS codes on
sources that only name their areas. Every table is described in :mod:`pathways.schema.local`.

Names that cannot be matched are recorded in ``checks["local"]["unmatched"]`` (the bar is none
for English districts); areas left out on purpose (Wales, Scotland, "Outside England") are in
``checks["local"]["dropped"]`` with the reason.

One module per job: :mod:`.areas` (names to codes), :mod:`.values` (reading published values), :mod:`.pay`,
:mod:`.employment` (employment, adverts, population), :mod:`.projections`, :mod:`.training` (apprenticeship
starts, FE participation) and :mod:`.outcomes`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from pathways.ingest.local.areas import ENGLAND, AreaMatcher
from pathways.ingest.local.employment import employment_from, job_adverts_from, population_from
from pathways.ingest.local.outcomes import outcomes_earnings_from, outcomes_fe_from, outcomes_post16_from
from pathways.ingest.local.pay import pay_age_from, pay_lad_from, pay_region_from
from pathways.ingest.local.projections import projections_from
from pathways.ingest.local.training import apprenticeships_area_from, apprenticeships_region_from, fe_participation_from
from pathways.text import fold

__all__ = ["FILES", "build"]

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


def _read(raw: Path, key: str) -> pd.DataFrame:
    return pd.read_csv(raw / FILES[key], dtype=str, keep_default_na=False)


def _non_english_names(raw: Path) -> frozenset[str]:
    path = raw / FILES["lad_names"]
    if not path.exists():
        return frozenset()
    names = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frozenset(fold(n) for n, c in zip(names["LAD24NM"], names["LAD24CD"]) if not c.startswith("E"))


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
        "employment_lad_not_published": _not_published(tables["employment"]),
    }


def _not_published(employment: pd.DataFrame) -> dict[str, int]:
    """District cells of APS employment ONS does not publish, by period: missing with status "suppressed", never 0."""
    lad = employment[(employment["area_type"] == "lad") & (employment["status"] == "suppressed")]
    return {str(k): int(v) for k, v in lad.groupby("period").size().sort_index().items()}


def _print_report(report: dict[str, Any]) -> None:
    for table, names in report["unmatched"].items():
        print(f"  local: {table}: {len(names)} unmatched: {names}")
    if not report["unmatched"]:
        print("  local: every named area matched (or was dropped on purpose)")
    cells = report["employment_lad_not_published"]
    if cells:
        latest = max(cells)
        print(f"  local: employment: {cells[latest]} district cells not published in {latest} (missing, never 0)")
    for table, missing in report["lads_without_rows"].items():
        if missing:
            print(f"  local: {table}: English districts without rows: {missing if isinstance(missing, str) else len(missing)}")
