"""The raw files the ``programmes`` step reads, the hand-written folder, and small readers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["HANDWRITTEN", "F_IFATE", "F_DFE", "F_SOC", "F_ASHE", "F_ASHE_2023", "F_ASHE_2023_ALL", "F_SE_LINKS",
           "F_SE_JSON", "F_SE_PROG", "F_CURATED", "F_TLEVELS", "F_WAGES", "int_or_na", "read_hand", "read_optional"]

HANDWRITTEN = Path(__file__).resolve().parent.parent / "handwritten"

F_IFATE = "ifate_standards/ifate_apprenticeships_all_versions_2025-05.csv"
F_DFE = "dfe_apprenticeships/apprenticeships_by_standard_level_ssa_2022-23_to_2025-26.csv"
F_SOC = "ons_soc/soc2020_unit_group_descriptions.csv"
F_ASHE = "ons_ashe_2025/ashe2025p_table14_soc2020_unit_group_uk.csv"
F_ASHE_2023 = "ons_ashe_table14/ashe_table14_2023p_annual_FT.csv"
F_ASHE_2023_ALL = "ons_ashe_table14/ashe_table14_2023p_annual_FTPT.csv"
F_SE_LINKS = "skills_england_occupational_maps/occupations_soc_links.csv"
F_SE_JSON = "skills_england_occupational_maps/skills-england-reference.json"
F_SE_PROG = "skills_england_occupational_maps/occupation_progressions.csv"
F_CURATED = "occupation_soc_standard_links/curated_apprenticeship_standard_to_soc2020.csv"
F_TLEVELS = "dfe_tlevels/tlevels_pathways.csv"
F_WAGES = "uk_minimum_wage/uk_national_minimum_wage_rates_2006-2026.csv"


def int_or_na(value: object) -> object:
    """A positive whole number from a published cell (``"1,500"``, ``"£27,000"``), else ``pd.NA``."""
    try:
        n = int(float(str(value).replace(",", "").replace("£", "")))
    except ValueError:
        return pd.NA
    return n if n > 0 else pd.NA


def read_hand(name: str) -> pd.DataFrame:
    """One hand-written CSV of :data:`HANDWRITTEN`, every cell as text (blank, never NaN)."""
    return pd.read_csv(HANDWRITTEN / name, dtype=str, keep_default_na=False)


def read_optional(raw: Path, rel: str, **kw) -> pd.DataFrame | None:
    """A raw file (``rel`` under ``raw``) if it is there, else None."""
    path = raw / rel
    return pd.read_csv(path, **kw) if path.exists() else None
