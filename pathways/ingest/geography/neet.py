"""``neet``: NEET and participation of 16-17 year olds by upper-tier LA, region and England (DfE)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from pathways.ingest.geography.codes import ENGLAND_CODE, canonical_code, normalise_place_name, strip
from pathways.schema.source_files import NEET_BY_YEAR

__all__ = ["NEET_YEARS", "NEET_VALUE_COLUMNS", "neet_period", "build_neet"]

#: the years of NEET figures read, one file each (:data:`pathways.schema.source_files.NEET_BY_YEAR`)
NEET_YEARS: tuple[int, ...] = tuple(NEET_BY_YEAR)
NEET_VALUE_COLUMNS: dict[str, str] = {
    "NEET_percent": "neet_percent",
    "Notknown_percent": "not_known_percent",
    "NEET_not_known_percent": "neet_or_not_known_percent",
    "TOTAL_participating_in_education_and_training_percent": "participating_percent",
    "Apprenticeship_percent": "apprenticeship_percent",
}


def neet_period(year: int) -> str:
    """Plain-text period of a NEET year: the December to February average ending in ``year``."""
    return f"December {year - 1} to February {year}"


def build_neet(frames_by_year: Mapping[int, pd.DataFrame], lads: pd.DataFrame) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """NEET and participation of 16-17 year olds by upper-tier LA, region and England.

    Returns the table, the raw LA rows that could not be matched (``"code name (year)"``), and
    the former upper-tier areas kept under their own code (code -> name), e.g. Cumbria before
    its 2023 split.
    """
    utlas = _utla_lookups(lads)
    unmatched: list[str] = []
    former: dict[str, str] = {}
    parts = []
    for year, raw in sorted(frames_by_year.items()):
        rows = _match_utlas(_neet_areas(raw), int(year), utlas, unmatched, former)
        parts.append(_neet_values(rows, raw.loc[rows.index], int(year)))
    out = pd.concat(parts, ignore_index=True)
    cols = ["area_code", "area_name", "area_type", "year", "period", "cohort", *NEET_VALUE_COLUMNS.values(), "status"]
    out = out[cols].astype(
        {"area_code": "str", "area_name": "str", "area_type": "str", "period": "str", "status": "str", "year": "int64"}
    )
    return out.sort_values(["area_code", "year"]).reset_index(drop=True), unmatched, former


def _utla_lookups(lads: pd.DataFrame) -> tuple[set[str], dict[str, str], dict[str, str]]:
    """Upper-tier LA codes, code by folded name, and name by code, from the ``lads`` table."""
    utla_names = lads[["utla_code", "utla_name"]].drop_duplicates()
    utla_by_name = {normalise_place_name(n): c for c, n in zip(utla_names["utla_code"], utla_names["utla_name"])}
    return set(utla_names["utla_code"]), utla_by_name, dict(zip(utla_names["utla_code"], utla_names["utla_name"]))


def _neet_areas(raw: pd.DataFrame) -> pd.DataFrame:
    """Area type, code and name of each row of one year's file (template "demo" rows left out)."""
    level = strip(raw["geographic_level"])
    code = canonical_code(raw["new_la_code"].astype("str").str.strip())
    la_name = raw["la_name"].astype("str").str.strip()
    rows = pd.DataFrame(index=raw.index)
    rows["area_type"] = level.map({"National": "country", "Regional": "region", "Local authority": "utla"})
    rows["area_code"] = np.where(level.eq("National"), ENGLAND_CODE, np.where(level.eq("Regional"), raw["region_code"], code))
    rows["area_name"] = np.where(level.eq("National"), "England", np.where(level.eq("Regional"), raw["region_name"], la_name))
    return rows[~raw["region_name"].astype("str").str.contains("demo", case=False)]  # template rows


def _match_utlas(
    rows: pd.DataFrame,
    year: int,
    utlas: tuple[set[str], dict[str, str], dict[str, str]],
    unmatched: list[str],
    former: dict[str, str],
) -> pd.DataFrame:
    """Put today's code and name on each LA row: by code, else by name (the code changed), else keep a
    former county under its own code (in ``former``); rows matching nothing are dropped (in ``unmatched``)."""
    utla_code_set, utla_by_name, name_of = utlas
    for i in rows.index[rows["area_type"].eq("utla")]:
        c, n = rows.at[i, "area_code"], rows.at[i, "area_name"]
        if c in utla_code_set:
            rows.at[i, "area_name"] = name_of[c]
        elif normalise_place_name(n) in utla_by_name:  # same area, code changed (e.g. Somerset 2023)
            rows.at[i, "area_code"] = utla_by_name[normalise_place_name(n)]
            rows.at[i, "area_name"] = name_of[rows.at[i, "area_code"]]
        elif isinstance(c, str) and c.startswith("E10"):  # county since split (Cumbria, Northamptonshire)
            former[c] = n
        else:
            unmatched.append(f"{c} {n} ({year})")
            rows = rows.drop(index=i)
    return rows


def _neet_values(rows: pd.DataFrame, values: pd.DataFrame, year: int) -> pd.DataFrame:
    """The percentages, cohort, year, period and status of each row (``values``: its raw row)."""
    suppressed = np.zeros(len(rows), dtype=bool)
    for src, dst in NEET_VALUE_COLUMNS.items():
        text = values[src].astype("str").str.strip()
        suppressed |= text.isin(["c", "z", "x"]).to_numpy()
        rows[dst] = pd.to_numeric(text, errors="coerce").astype(float).round(1)
    cohort = pd.to_numeric(values["Cohort_DJFavg"].astype("str").str.strip(), errors="coerce")
    rows["cohort"] = pd.array(cohort.round(), dtype="Int64")
    rows["year"] = year
    rows["period"] = neet_period(year)
    rows["status"] = np.where(suppressed, "suppressed", "measured")
    return rows
