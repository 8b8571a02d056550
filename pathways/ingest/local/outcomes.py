"""Education outcomes (LEO): ``outcomes_earnings`` (career pathways), ``outcomes_fe`` (FE destinations) and
``outcomes_post16`` (post-16 trajectories)."""

from __future__ import annotations

import pandas as pd

from pathways.ingest.local.areas import AreaMatcher
from pathways.ingest.local.values import finish, to_number, value_status

__all__ = ["LEVEL_ORDER", "POST16_BREAKDOWNS", "outcomes_earnings_from", "outcomes_fe_from", "outcomes_post16_from"]

#: Career pathways highest-level labels in order (the file's own ``new_level`` 0-5).
LEVEL_ORDER = {"Below level 2": 0, "Level 2": 1, "Level 3": 2, "Level 4/5": 3, "Level 6": 4, "Level 7+": 5}


def outcomes_earnings_from(by_level: pd.DataFrame, by_sector: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """LEO earnings at 25-30 by region, sector and highest level (plus "All levels" per sector)."""
    levels = by_level.rename(
        columns={"Level_order": "highest_level", "median_income": "median", "perc_hq": "share", "number_students_hq": "employees"}
    )
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
    df["status"] = value_status(df["median_earnings"].isna(), part)
    cols = [
        "region_code",
        "region_name",
        "sector",
        "highest_level",
        "level_order",
        "median_earnings",
        "share",
        "employees",
        "status",
    ]
    df = df.rename(columns={"Sector": "sector"}).astype({"region_code": str})
    return finish(df, cols, ["region_code", "sector", "highest_level"])


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
    return finish(sums, [*keys, "providers", "learners", *_FEO_MEASURES], keys)


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
    return finish(df, cols, _POST16_KEYS)


def _check_graduate_block(df: pd.DataFrame) -> None:
    he = df[(df["breakdown"] == "All") & (df["activity"] == "Higher education") & (df["years_after_ks4"] == 4)]
    grad = he.loc[he["population"] == "graduates", "value"]
    nongrad = he.loc[(he["population"] == "non_graduates") & (he["non_grad_status"] == "all"), "value"]
    if len(grad) and len(nongrad) and not grad.iloc[0] > nongrad.iloc[0]:
        raise ValueError("LEO post-16: the relabelled non-graduate block does not look like non-graduates")
