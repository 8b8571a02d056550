"""Apprenticeship starts and FE participation: ``apprenticeships_area`` (by home and delivery district),
``apprenticeships_region`` (by region, level and age) and ``fe_participation``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pathways.ingest.local.areas import ENGLAND, OLD_TO_NEW_LAD, AreaMatcher
from pathways.ingest.local.values import academic_year, finish, to_number, value_status

__all__ = ["FE_YEARS", "apprenticeships_area_from", "apprenticeships_region_from", "fe_participation_from"]


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
    return finish(df.astype({"partial_year": bool}), cols, ["lad_code", "basis", "year"])


_APP_LEVELS = {
    "Intermediate Apprenticeship": "Intermediate",
    "Advanced Apprenticeship": "Advanced",
    "Higher Apprenticeship": "Higher",
}


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
    return finish(out.astype({"partial_year": bool, "region_name": str}), cols, keys)


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
    wide = wide[
        wide[["participation", "achievements"]].notna().any(axis=1)
        | low[["participation", "achievements"]].any(axis=1).to_numpy()
    ]
    low = low.loc[wide.index]
    wide["status"] = value_status(low["participation"] & low["achievements"], low["participation"] | low["achievements"])
    wide["year"] = academic_year(wide["period"])
    for col in ("per_100k", "achievements_per_100k"):
        wide[col] = wide[col].round(1)
    cols = [
        "area_type",
        "area_code",
        "year",
        "breakdown",
        "subgroup",
        "count_unit",
        "participation",
        "achievements",
        "per_100k",
        "achievements_per_100k",
        "status",
    ]
    return finish(wide, cols, ["area_code", "year", "breakdown", "subgroup"])
