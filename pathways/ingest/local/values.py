"""Reading published values: numbers with suppression markers, SOC group labels, periods, row status."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["to_number", "soc_code", "aps_period", "academic_year", "finish", "value_status"]


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


def soc_code(label: str) -> str:
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


def aps_period(period: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``"Apr 2024-Mar 2025"`` -> (``"Apr 2024 to Mar 2025"``, 2025)."""
    plain = period.str.replace(r"\s*-\s*", " to ", regex=True)
    end = plain.str.extract(r"(\d{4})$")[0].astype("int64")
    return plain, end


def academic_year(period: pd.Series) -> pd.Series:
    """``"AY23/24"`` -> ``"2023/24"``."""
    return "20" + period.str.replace("AY", "", regex=False)


def finish(df: pd.DataFrame, columns: list[str], keys: list[str]) -> pd.DataFrame:
    """Fixed column order, rows sorted by key, fresh index."""
    return df[columns].sort_values(keys, kind="mergesort").reset_index(drop=True)


def value_status(median_missing: pd.Series, part_missing: pd.Series) -> pd.Series:
    return pd.Series(
        np.where(median_missing, "suppressed", np.where(part_missing, "partly suppressed", "measured")),
        index=median_missing.index,
        dtype=str,
    )
