"""``smc_indices``: the Social Mobility Commission's State of the Nation composite indices by upper-tier LA."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from pathways.ingest.geography.codes import sentence_case, strip

__all__ = ["SMC_NAME_TO_UTLAS", "SMC_NON_ENGLISH", "build_smc_indices"]

#: SMC State of the Nation area names that are not exactly an upper-tier LA name -> the current
#: upper-tier LA name(s) the area covers. Reviewed by hand against ONS LAD->UTLA (2023).
SMC_NAME_TO_UTLAS: dict[str, tuple[str, ...]] = {
    "Cambridgeshire CC": ("Cambridgeshire",),
    "Camden and City of London": ("Camden", "City of London"),
    "Cornwall and Isles of Scilly": ("Cornwall", "Isles of Scilly"),
    "Cumbria": ("Cumberland", "Westmorland and Furness"),  # county split in April 2023
    "Devon CC": ("Devon",),
    "Durham": ("County Durham",),
    "East Sussex CC": ("East Sussex",),
    "Gloucestershire CC": ("Gloucestershire",),
    "Hertfordshire CC": ("Hertfordshire",),
    "Leicestershire CC": ("Leicestershire",),
    "Lincolnshire CC": ("Lincolnshire",),
    "North Yorkshire CC": ("North Yorkshire",),
    "Norwich and Norfolk": ("Norfolk",),
    "Oxfordshire CC": ("Oxfordshire",),
    "Somerset CC": ("Somerset",),
    "St Helens": ("St. Helens",),
    "Staffordshire CC": ("Staffordshire",),
    "Suffolk CC": ("Suffolk",),
    "Warwickshire CC": ("Warwickshire",),
    "Worcestershire CC": ("Worcestershire",),
}
#: SMC areas outside England whose names are not council names in the ONS lookups.
SMC_NON_ENGLISH: dict[str, str] = {
    "Argyll and Bute Islands": "Scotland",
    "North Ayrshire mainland": "Scotland",
    "Northern Ireland": "Northern Ireland",
}


def build_smc_indices(
    frames: Iterable[pd.DataFrame], lads: pd.DataFrame, other_names: Mapping[str, str]
) -> tuple[pd.DataFrame, list[str]]:
    """SMC State of the Nation composite indices, one row per English upper-tier LA.

    Parameters
    ----------
    frames
        The long ``--full-dataset.csv`` files.
    lads
        The ``lads`` table (for upper-tier codes and names).
    other_names
        Names of councils outside England -> country (from the ONS lookups), to tell a
        non-English SMC area from an English one that failed to match.

    Returns
    -------
    The table and the SMC area names not used, each with a reason.
    """
    utla_names = lads[["utla_code", "utla_name"]].drop_duplicates()
    code_by_name = dict(zip(utla_names["utla_name"], utla_names["utla_code"]))
    long = pd.concat(list(frames), ignore_index=True)
    skipped: list[str] = []
    mapping: dict[str, tuple[str, ...]] = {}
    for smc_name in sorted(strip(long["area_name"]).unique()):
        if smc_name in SMC_NAME_TO_UTLAS:
            mapping[smc_name] = tuple(code_by_name[n] for n in SMC_NAME_TO_UTLAS[smc_name])
        elif smc_name in code_by_name:
            mapping[smc_name] = (code_by_name[smc_name],)
        elif smc_name in SMC_NON_ENGLISH or smc_name in other_names:
            country = SMC_NON_ENGLISH.get(smc_name) or other_names[smc_name]
            skipped.append(f"{smc_name}: {country}, not England")
        else:
            skipped.append(f"{smc_name}: UNMATCHED, no English upper-tier LA of that name")
    long = long.assign(area_name=strip(long["area_name"]))
    long = long[long["area_name"].isin(mapping)]
    long = long.assign(area_code=long["area_name"].map(mapping)).explode("area_code")
    out = pd.DataFrame({
        "area_code": long["area_code"].astype("str"),
        "area_name": long["area_name"].astype("str"),
        "index_code": strip(long["measure_code"]).str.upper(),
        "index_title": strip(long["measure_title"]),
        "period": strip(long["time_period"]),
        "value": pd.to_numeric(long["value"]).astype(float).round(3),
        "category": strip(long["secondary_split_value"]).map(sentence_case),
        "category_rank": pd.array(pd.to_numeric(long["group_number"]), dtype="Int64"),
    })  # fmt: skip
    return out.sort_values(["area_code", "index_code", "period"]).reset_index(drop=True), skipped
