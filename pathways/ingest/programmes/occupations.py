"""The ``occupations`` table (SOC 2020 unit groups with ONS text and ASHE pay) and ``soc_groups``."""

from __future__ import annotations

import re

import pandas as pd

from pathways.pay import RELIABLE_CHANGE
from pathways.schema.programmes import PAY_EARLIER

__all__ = ["no_formal_requirements", "pay_reliability", "build_occupations", "build_soc_groups"]

_NO_FORMAL = re.compile(
    r"no formal (academic |educational |entry )?(qualifications|requirements|entry requirements)"
    r"|no formal academic|no formal educational|no formal entry"
    r"|no (minimum )?academic (entry )?(qualifications|requirements)"
    r"|academic qualifications (may not be|are not) required",
    re.I,
)
_NO_FORMAL_BUT = re.compile(r"degree|usually require|postgraduate|professional qualification|proprietors", re.I)


def _blank(value: object) -> str:
    """ONS writes ``<blank>`` for empty cells."""
    if not isinstance(value, str) or value.strip() in ("<blank>", ""):
        return ""
    return value.strip()


def _tilde_list(value: object) -> list[str]:
    """ONS lists: items start with ``~`` and are separated by blank lines."""
    text = _blank(value)
    items = [re.sub(r"\s+", " ", x.strip().lstrip("~").strip()) for x in re.split(r"\n+", text)]
    return [x for x in items if x]


def no_formal_requirements(entry_routes: str) -> bool:
    """True when ONS says a unit group has no formal entry requirements.

    The rule: some sentence says "no formal (academic/educational/entry) requirements or
    qualifications", "no (minimum) academic requirements/qualifications" or "academic
    qualifications may not be / are not required", and that sentence does not go on to say a
    degree or professional qualification is usually expected (nor speaks only of proprietors).

    >>> no_formal_requirements("There are no formal academic entry requirements.")
    True
    >>> no_formal_requirements("There are no formal academic requirements although most entrants possess a degree.")
    False
    >>> no_formal_requirements("Entrants usually possess a degree.")
    False
    """
    for sentence in re.split(r"(?<=\.)\s+", entry_routes or ""):
        if _NO_FORMAL.search(sentence):
            return not _NO_FORMAL_BUT.search(sentence)
    return False


_PAY_COLS = {
    ("annual_gross_pay_gbp", "p10"): "annual_p10",
    ("annual_gross_pay_gbp", "p25"): "annual_p25",
    ("annual_gross_pay_gbp", "median"): "annual_median",
    ("annual_gross_pay_gbp", "p75"): "annual_p75",
    ("annual_gross_pay_gbp", "p90"): "annual_p90",
    ("hourly_gross_pay_gbp", "median"): "hourly_median",
    ("hourly_gross_pay_gbp", "p25"): "hourly_p25",
}
_PAY_WORDS = {
    "annual_p10": "lowest-paid tenth",
    "annual_p25": "lower quarter",
    "annual_median": "middle (median) yearly pay",
    "annual_p75": "upper quarter",
    "annual_p90": "highest-paid tenth",
    "hourly_median": "median hourly pay",
    "hourly_p25": "lower-quarter hourly pay",
}
_NOT_PUBLISHED = "ONS did not publish this figure: too few people in the survey or the estimate was unreliable"


def _pay(ashe: pd.DataFrame) -> pd.DataFrame:
    """Full-time pay per unit group; figures ONS did not publish stay missing (never 0)."""
    ft = ashe[ashe["population"] == "full_time"].copy()
    ft["soc"] = ft["soc2020_unit_group"].astype(str).str.zfill(4)
    out = pd.DataFrame(index=sorted(set(ft["soc"])))
    for (measure, stat), col in _PAY_COLS.items():
        part = ft[ft["measure"] == measure].set_index("soc")[stat]
        values = pd.to_numeric(part, errors="coerce")
        values = values.where(values > 0)
        out[col] = values.round(0 if measure.startswith("annual") else 2)
    return out


def _table14_column(table: pd.DataFrame | None, column: str) -> pd.Series:
    """One column of an ONS ASHE Table 14 file per unit group; ONS's markers (``x`` unreliable, ``..``
    disclosive) and zeros stay missing."""
    if table is None:
        return pd.Series(dtype=float)
    codes = table["Code"].astype(str).str.strip()
    unit = table[codes.str.fullmatch(r"\d{4}")]
    values = pd.to_numeric(unit[column], errors="coerce")
    return pd.Series(values.where(values > 0).to_numpy(), index=codes[unit.index].to_numpy())


def _pay_2023(ashe_2023: pd.DataFrame | None) -> pd.Series:
    """ONS's 2023 full-time median pay per unit group."""
    return _table14_column(ashe_2023, "Median")


def _jobs(ashe_2023_all: pd.DataFrame | None) -> pd.Series:
    """ONS's estimate of employee jobs (thousands, full- and part-time, UK) per unit group."""
    return _table14_column(ashe_2023_all, "No_jobs")


def pay_reliability(median_2025: float | None, median_2023: float | None) -> tuple[str, str]:
    """("reliable" or "less reliable", why) for a 2025 median against ONS's 2023 one.

    The 2025 file has no quality markers; the 2023 one has them (a withheld figure is one ONS judged
    unreliable). A 2025 figure with no 2023 counterpart, or more than :data:`RELIABLE_CHANGE` away
    from it, is less reliable: it is shown with a range and kept out of ranking.

    >>> status, why = pay_reliability(45240, 36080)
    >>> status
    'less reliable'
    >>> why
    'ONS put this at £36,080 in 2023 and £45,240 in 2025 (25% apart): a small survey sample, so the true figure is uncertain.'
    >>> pay_reliability(30000, 29000)[0], pay_reliability(30000, None)[0], pay_reliability(None, 29000)[0]
    ('reliable', 'less reliable', 'not published')
    """
    if median_2025 is None or pd.isna(median_2025):
        return "not published", ""
    if median_2023 is None or pd.isna(median_2023):
        return "less reliable", (
            "ONS did not publish a reliable 2023 figure for this job, so this 2025 figure "
            "comes from a small survey sample and is uncertain."
        )
    change = abs(median_2025 - median_2023) / median_2023
    if change > RELIABLE_CHANGE:
        return "less reliable", (
            f"ONS put this at £{median_2023:,.0f} in 2023 and £{median_2025:,.0f} in 2025 "
            f"({change:.0%} apart): a small survey sample, so the true figure is uncertain."
        )
    return "reliable", ""


def _hours(ashe: pd.DataFrame) -> pd.Series:
    """Median paid hours a week of full-time workers per unit group (ASHE 2025 Table 14)."""
    rows = ashe[(ashe["population"] == "full_time") & (ashe["measure"] == "paid_hours_worked_total_per_week")]
    values = pd.to_numeric(rows["median"], errors="coerce")
    return pd.Series(values.where(values > 0).to_numpy(), index=rows["soc2020_unit_group"].astype(str).str.zfill(4).to_numpy())


def _pay_status(row: pd.Series) -> tuple[str, str]:
    missing = [c for c in _PAY_WORDS if pd.isna(row[c])]
    if len(missing) == len(_PAY_WORDS):
        return "not published", _NOT_PUBLISHED
    if not missing:
        return "published", ""
    headline = {"annual_p25", "annual_median", "annual_p75", "hourly_median"}
    status = "partly published" if headline & set(missing) else "published"
    words = ", ".join(_PAY_WORDS[c] for c in missing)
    return status, f"ONS did not publish some figures ({words}): too few people in the survey or the estimate was unreliable"


def build_occupations(
    soc: pd.DataFrame,
    ashe: pd.DataFrame | None = None,
    ashe_2023: pd.DataFrame | None = None,
    ashe_2023_all: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``occupations`` table: SOC 2020 unit groups with ONS text and ASHE 2025 pay, the 2023 median
    to judge it by (:func:`pay_reliability`), full-time workers' median paid hours a week and ASHE
    2023's count of employee jobs (how many people do the job, for the links report)."""
    unit = soc[soc["SOC 2020 Unit Group"].map(_blank).str.fullmatch(r"\d{4}")].copy()
    code = unit["SOC 2020 Unit Group"].str.strip()
    entry = unit["Typical Entry Routes And Associated Qualifications"].map(_blank)
    out = pd.DataFrame(
        {
            "soc": code,
            "title": unit["SOC 2020 Group Title"].map(_blank),
            "major_group": code.str[:1],
            "sub_major_group": code.str[:2],
            "minor_group": code.str[:3],
            "description": unit["Group Description"].map(_blank),
            "tasks": unit["Tasks"].map(lambda v: "\n".join(_tilde_list(v))),
            "entry_routes": entry,
            "related_job_titles": unit["Related Job Titles"].map(lambda v: "; ".join(_tilde_list(v))),
            "no_formal_requirements": entry.map(no_formal_requirements).astype(bool),
        }
    ).set_index("soc", drop=False)
    pay = _pay(ashe) if ashe is not None else pd.DataFrame(index=out.index, columns=list(_PAY_WORDS), dtype=float)
    for col in _PAY_WORDS:
        out[col] = out["soc"].map(pay[col]).astype(float)
    status = out.apply(_pay_status, axis=1, result_type="expand")
    out["pay_status"] = status[0].astype(str)
    out["pay_note"] = status[1].astype(str)
    out[PAY_EARLIER] = out["soc"].map(_pay_2023(ashe_2023)).astype(float)
    out["hours_full_time"] = out["soc"].map(_hours(ashe)).astype(float) if ashe is not None else float("nan")
    judged = [pay_reliability(m, m23) for m, m23 in zip(out["annual_median"], out[PAY_EARLIER])]
    out["pay_reliability"] = [r for r, _ in judged]
    out["pay_reliability_note"] = [n for _, n in judged]
    out["employee_jobs_thousand"] = out["soc"].map(_jobs(ashe_2023_all)).astype(float)
    return out.reset_index(drop=True).sort_values("soc").reset_index(drop=True)


def build_soc_groups(soc: pd.DataFrame) -> pd.DataFrame:
    """Titles of SOC 2020 major, sub-major and minor groups."""
    rows = []
    for col, level in (
        ("SOC 2020 Major Group", "major"),
        ("SOC 2020 Sub-Major Group", "sub_major"),
        ("SOC 2020 Minor Group", "minor"),
    ):
        part = soc[soc[col].map(_blank) != ""]
        for code, title in zip(part[col], part["SOC 2020 Group Title"]):
            rows.append({"code": _blank(code), "group_level": level, "title": _blank(title)})
    return pd.DataFrame(rows).sort_values("code").reset_index(drop=True)
