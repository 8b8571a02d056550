"""ASHE pay tables: ``pay_region`` (region x major group), ``pay_age`` (age band x major group) and
``pay_lad`` (pay by district of residence)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pathways.ingest.local.areas import ENGLAND, OLD_TO_NEW_LAD, UK
from pathways.ingest.local.values import finish, to_number, value_status

__all__ = ["pay_region_from", "pay_age_from", "pay_lad_from"]

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
    df["status"] = value_status(df["median"].isna(), df[["p25", "p75"]].isna().any(axis=1))
    cols = ["region_code", "region_name", "major_group", "population", "measure", *_PCTS, "status"]
    return finish(df, cols, ["region_code", "major_group", "population", "measure"])


def pay_age_from(table20: pd.DataFrame) -> pd.DataFrame:
    """ASHE Table 20: full-time annual pay by age band and SOC 2020 major group, UK."""
    df = table20[(table20["measure"] == "annual_gross_pay_gbp") & (table20["population"] == "full_time")].copy()
    df["major_group"] = df["soc2020_major_group"].astype(str)
    for col in _PCTS:
        df[col] = to_number(df[col])
    df["status"] = value_status(df["median"].isna(), df[["p25", "p75"]].isna().any(axis=1))
    cols = ["age_band", "major_group", *_PCTS, "status"]
    return finish(df.astype({"age_band": str}), cols, ["age_band", "major_group"])


def pay_lad_from(table8: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """ASHE Table 8.7a annual pay by residence: English districts, regions and England.

    ``names`` (code -> name) replaces the ONS descriptions (e.g. "Rutland UA") where given.
    """
    df = table8.assign(code=table8["code"].replace(OLD_TO_NEW_LAD))
    df = df[df["code"].str.match(rf"^(E0[6789]\d{{6}}|E12\d{{6}}|{ENGLAND})$")].copy()
    df["area_type"] = np.where(df["code"].str.startswith("E12"), "region", np.where(df["code"] == ENGLAND, "country", "lad"))
    df = df.rename(columns={"code": "area_code", "description": "area_name", "number_of_jobs_thousand": "jobs_thousand"})
    names = names or {}
    df["area_name"] = [names.get(c, n) for c, n in zip(df["area_code"], df["area_name"])]
    for col in [*_PCTS, "jobs_thousand"]:
        df[col] = to_number(df[col])
    df["status"] = value_status(df["median"].isna(), df[["p25", "p75"]].isna().any(axis=1))
    cols = ["area_code", "area_type", "area_name", "median", "p25", "p75", "p10", "p90", "jobs_thousand", "status"]
    return finish(df.astype({"area_type": str}), cols, ["area_code"])
