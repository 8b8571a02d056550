"""Who is in work and what is advertised: ``employment`` (APS by sub-major group), ``job_adverts`` (online
adverts by SOC group) and ``population`` (APS residents aged 16+)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pathways.ingest.local.areas import AreaMatcher
from pathways.ingest.local.values import aps_period, finish, soc_code, to_number

__all__ = ["employment_from", "job_adverts_from", "population_from"]


def employment_from(aps: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """APS residents in employment by sub-major group, coded areas, all periods."""
    df = matcher.attach(aps, "employment")
    df["sub_major_group"] = df["subgroup"].map(soc_code)
    df["period"], df["period_end_year"] = aps_period(df["period"])
    df["value"] = to_number(df["value"])
    df["status"] = np.where(df["value"].isna(), "suppressed", "measured").astype(str)
    cols = ["area_type", "area_code", "sub_major_group", "period", "period_end_year", "value", "status"]
    return finish(df, cols, ["area_code", "sub_major_group", "period"])


def job_adverts_from(adverts: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """Online job adverts by major and sub-major group, plus "unknown" and a derived "total"."""
    df = matcher.attach(adverts, "job_adverts")
    df["soc_group"] = df["subgroup"].map(soc_code)
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
    return finish(df, cols, ["area_code", "soc_group"])


def population_from(datahub: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """APS residents aged 16+ ("Population volume") by area and period."""
    df = datahub[(datahub["metric_code"] == "all") & (datahub["subgroup"] == "Total")]
    df = matcher.attach(df, "population")
    df["period"], df["period_end_year"] = aps_period(df["period"])
    df["age_band"] = "16+"
    df["value"] = to_number(df["value"])
    df["status"] = np.where(df["value"].isna(), "suppressed", "measured").astype(str)
    cols = ["area_type", "area_code", "period", "period_end_year", "age_band", "value", "status"]
    return finish(df, cols, ["area_code", "period"])
