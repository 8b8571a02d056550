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
from pathways.schema import source_files
from pathways.text import fold

__all__ = ["FILES", "build"]

#: Raw files read by this step (paths relative to the raw folder, from :mod:`pathways.schema.source_files`), by a
#: short name.
FILES: dict[str, str] = {
    "ashe3": source_files.ASHE_TABLE3,
    "ashe_region": source_files.ASHE_REGION_TOTALS,
    "ashe8": source_files.ASHE_TABLE8,
    "ashe20": source_files.ASHE_TABLE20,
    "aps": source_files.APS_EMPLOYMENT,
    "adverts": source_files.JOB_ADVERTS,
    "si_occ": source_files.PROJECTED_OPENINGS,
    "si_emp": source_files.PROJECTED_EMPLOYMENT,
    "fe": source_files.FE_PARTICIPATION,
    "datahub": source_files.LOCAL_SKILLS_DATAHUB,
    "apps_home": source_files.STARTS_BY_HOME_DISTRICT,
    "apps_delivery": source_files.STARTS_BY_DELIVERY_DISTRICT,
    "apps_region": source_files.STARTS_BY_REGION,
    "cp_level": source_files.CAREER_PATHWAYS_BY_LEVEL,
    "cp_sector": source_files.CAREER_PATHWAYS_BY_SECTOR,
    "feo": source_files.FE_DESTINATIONS,
    "post16": source_files.POST16_OUTCOMES,
    "lad_names": source_files.DISTRICT_NAMES,
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
