"""Tables kept by hand or copied as published: ``entry_rules``, ``restrictions``, ``wage_rates``, ``facts``."""

from __future__ import annotations

import pandas as pd

from pathways.schema import source_files
from pathways.schema.programmes import RESTRICTIONS

__all__ = ["build_entry_rules", "build_restrictions", "build_wage_rates", "build_facts"]


def build_entry_rules(hand: pd.DataFrame) -> pd.DataFrame:
    """The ``entry_rules`` table from ``handwritten/entry_rules.csv``."""
    out = hand.copy()
    for col in ("level", "max_age", "exception_max_age"):
        out[col] = pd.array([int(v) if str(v).strip() else pd.NA for v in out[col]], dtype="Int64")
    for col in ("min_prior_level", "min_age"):
        out[col] = out[col].astype(int)
    for col in ("needs_english_maths", "requires_ehcp"):
        out[col] = out[col].str.lower().eq("true")
    out["programme_id"] = out["programme_id"].replace("", None)
    cols = [
        "rule_id",
        "programme_kind",
        "programme_id",
        "level",
        "min_prior_level",
        "needs_english_maths",
        "min_age",
        "max_age",
        "exception_max_age",
        "exception_text",
        "requires_ehcp",
        "text",
        "source",
        "source_url",
        "source_date",
    ]
    return out[cols].sort_values("rule_id").reset_index(drop=True)


def build_restrictions(
    hand: pd.DataFrame,
    occupations: pd.DataFrame,
    standards: pd.DataFrame,
    programmes: pd.DataFrame,
    ncs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``restrictions`` table from ``handwritten/restrictions.csv``, and from the National Careers
    Service's profiles (``ncs``, :func:`pathways.ingest.ncs.ncs_restrictions`) for jobs the hand-written
    table does not cover; every subject must exist."""
    out = hand.copy()
    out["min_age"] = pd.array([int(v) if str(v).strip() else pd.NA for v in out["min_age"]], dtype="Int64")
    out["adult_setting"] = out["adult_setting"].str.lower().eq("true")
    out["needs"] = out["needs"].str.replace(" ", "", regex=False).replace("", "none")
    known = {"occupation": set(occupations["soc"]), "programme": set(standards["programme_id"]) | set(programmes["programme_id"])}
    unknown = [f"{k} {i}" for k, i in zip(out["subject_kind"], out["subject_id"]) if i not in known.get(k, set())]
    if unknown:
        raise ValueError(f"{source_files.RESTRICTIONS} names unknown jobs or programmes: {unknown}")
    cols = list(RESTRICTIONS.columns)
    if ncs is not None and len(ncs):
        covered = set(zip(out["subject_kind"], out["subject_id"]))
        extra = ncs[[(k, i) not in covered for k, i in zip(ncs["subject_kind"], ncs["subject_id"])]]
        out = pd.concat([out[cols], extra[cols]], ignore_index=True)
    return out[cols].sort_values(["subject_kind", "subject_id"]).reset_index(drop=True)


def build_wage_rates(wages: pd.DataFrame) -> pd.DataFrame:
    """Hourly minimum wage rates; rows without an hourly rate (and the daily accommodation offset) dropped."""
    w = wages[wages["band"] != "accommodation_offset_per_day"].copy()
    w["hourly_rate_gbp"] = pd.to_numeric(w["hourly_rate_gbp"], errors="coerce")
    w = w[w["hourly_rate_gbp"] > 0]
    out = pd.DataFrame(
        {
            "start_date": w["start_date"].astype(str),
            "end_date": w["end_date"].where(w["end_date"].notna() & (w["end_date"].astype(str) != ""), None).astype("str"),
            "band": w["band"].astype(str),
            "min_age": pd.array(pd.to_numeric(w["min_age"], errors="coerce"), dtype="Int64"),
            "max_age": pd.array(pd.to_numeric(w["max_age"], errors="coerce"), dtype="Int64"),
            "hourly_rate_gbp": w["hourly_rate_gbp"].astype(float).round(2),
        }
    )
    out["end_date"] = out["end_date"].where(w["end_date"].notna().to_numpy(), None)
    return out.sort_values(["start_date", "band"]).reset_index(drop=True)


def build_facts(hand: pd.DataFrame) -> pd.DataFrame:
    """The ``facts`` table from ``handwritten/facts.csv``."""
    cols = ["key", "value", "unit", "description", "source", "url", "as_of"]
    return hand[cols].sort_values("key").reset_index(drop=True)
