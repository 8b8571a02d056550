"""The names and periods of the sources a page or a reason cites, read from the bundle's manifest.

The manifest's sources are the schema's :class:`pathways.schema.Source` records as the ingest wrote
them, so a yearly data refresh changes the periods here without a change to the code: nothing in the
app types "April 2025" or "2022/23 to 2024/25". Short names without a year ("DfE apprenticeships
statistics (ILR)") stay in the modules that use them; anything with a date comes from here.

>>> month_year("April 2025 (provisional); annual pay for the tax year to 5 April 2025")
'April 2025'
>>> academic_years("2022/23 to 2024/25 academic years")
'2022/23 to 2024/25'
>>> gcse_years("KS4 cohorts 2001/02 to 2006/07, followed 1 to 15 tax years after KS4")
'2002 to 2007'
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pathways.vocab import MONTHS

__all__ = ["Citations", "source", "period", "month_year", "academic_years", "gcse_years", "first_clause", "part_year_months"]

_MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{4})\b")
_ACADEMIC = re.compile(r"\b(\d{4})/(\d{2})\b(?: to (\d{4})/(\d{2})\b)?")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def source(bundle: Any, table: str, title_has: str = "") -> Mapping[str, Any]:
    """The manifest's source of ``table`` whose title contains ``title_has`` (any case); of several,
    the one with the latest year in its period. An empty mapping when there is none.

    >>> class B:
    ...     def source_of(self, table):
    ...         return [{"title": "ASHE Table 14", "period": "April 2023"}, {"title": "ASHE Table 14", "period": "April 2025"}]
    >>> source(B(), "occupations", "table 14")["period"]
    'April 2025'
    """
    try:
        found = [s for s in bundle.source_of(table) if title_has.lower() in str(s.get("title", "")).lower()]
    except (KeyError, AttributeError, TypeError):
        return {}
    if not found:
        return {}
    return max(found, key=lambda s: max((int(m.group(0)) for m in _YEAR.finditer(str(s.get("period", "")))), default=0))


def period(bundle: Any, table: str, title_has: str = "") -> str:
    """The period of :func:`source` ("" when there is no such source)."""
    return str(source(bundle, table, title_has).get("period", ""))


def first_clause(text: str) -> str:
    """The part of a period before its first ";" (the rest is detail).

    >>> first_clause("tax year 2018-19; employees born Sep 1988 to Aug 1993 (aged 25-30)")
    'tax year 2018-19'
    """
    return str(text).split(";")[0].strip()


def month_year(text: str) -> str:
    """The first "Month YYYY" in a period ("" when there is none)."""
    m = _MONTH_YEAR.search(str(text))
    return f"{m.group(1)} {m.group(2)}" if m else ""


def academic_years(text: str) -> str:
    """The academic year, or span of academic years, in a period ("" when there is none)."""
    m = _ACADEMIC.search(str(text))
    if not m:
        return ""
    return m.group(0)


def gcse_years(text: str) -> str:
    """The summers in which KS4 cohorts ("2001/02 to 2006/07") took their GCSEs: the end of each academic year.

    >>> gcse_years("KS4 cohort 2010/11"), gcse_years("no years")
    ('2011', '')
    """
    m = _ACADEMIC.search(str(text))
    if not m:
        return ""
    first = int(m.group(1)) + 1
    if not m.group(3):
        return str(first)
    return f"{first} to {int(m.group(3)) + 1}"


def part_year_months(text: str) -> str:
    """The months a part year covers, from a period that says so ("" when it does not).

    >>> part_year_months("2022/23 to 2025/26 (2025/26 is August to April)")
    'August to April'
    """
    m = re.search(r"\bis (" + "|".join(MONTHS) + r") to (" + "|".join(MONTHS) + r")\b", str(text))
    return f"{m.group(1)} to {m.group(2)}" if m else ""


def _born(text: str) -> str:
    """ "employees born Sep 1988 to Aug 1993 (aged 25-30)" -> "born Sep 1988 to Aug 1993"."""
    m = re.search(r"\bborn [^;()]+", str(text))
    return m.group(0).strip() if m else ""


class _Manifest:
    """The ``source_of`` of a bare manifest's tables."""

    def __init__(self, tables: Mapping[str, Any]) -> None:
        self.tables = tables

    def source_of(self, table: str) -> list[dict]:
        return list(self.tables[table]["sources"])


def _provisional(text: str) -> str:
    return " (provisional)" if "provisional" in str(text) else ""


@dataclass(frozen=True)
class Citations:
    """Every dated source name and period the labour market figures cite, from one bundle's manifest.

    Build it once per bundle (:attr:`pathways.labour_market.LabourMarket.cite` does).
    """

    #: when ONS measured job pay (ASHE Table 14), e.g. "April 2025"
    pay_period: str
    #: ONS pay by job (Table 14), e.g. "ONS Annual Survey of Hours and Earnings (provisional)"
    ashe: str
    #: pay of the people living in a district (ASHE Table 8) and when it was measured
    ashe_residents: str
    residents_pay_period: str
    #: the Skills Imperative projections: name, the years they cover ("2020 to 2035"), and the note on their licence
    projections: str
    projections_period: str
    projections_note: str
    #: the Social Mobility Commission's local indices
    smc: str
    #: DfE Career pathways (LEO): source, tax year, and who the figures describe ("born Sep 1988 to Aug 1993")
    career_pathways: str
    career_pathways_period: str
    career_pathways_cohort: str
    #: DfE post-16 outcomes (LEO): source, and the summers its cohorts took GCSEs ("2002 to 2007")
    leo_post16: str
    gcse_years: str
    #: the academic years of the apprenticeship home -> training district flows ("2022/23 to 2024/25")
    flows_period: str
    #: the month the online job advert counts are for ("July 2025")
    adverts_period: str = ""

    @classmethod
    def from_manifest(cls, path: Any) -> "Citations":
        """From a ``manifest.json`` file alone (no tables loaded); every field "" when it cannot be read."""
        try:
            tables = json.loads(Path(path).read_text())["tables"]
        except (OSError, ValueError, KeyError, TypeError):
            tables = {}
        return cls.from_bundle(_Manifest(tables))

    @classmethod
    def from_bundle(cls, bundle: Any) -> "Citations":
        """From anything with the bundle's ``source_of(table)`` (a :class:`pathways.bundle.Bundle`)."""
        ashe = period(bundle, "occupations", "Table 14")
        residents = period(bundle, "pay_lad")
        proj = source(bundle, "projections")
        proj_title = str(proj.get("title", "")).split(":")[0].strip() or "Skills Imperative"
        proj_licence = first_clause(str(proj.get("licence", "")))
        smc = source(bundle, "smc_indices")
        cp = source(bundle, "outcomes_earnings")
        leo = source(bundle, "outcomes_post16")
        cp_period = first_clause(str(cp.get("period", "")))
        return cls(
            pay_period=month_year(ashe),
            ashe="ONS Annual Survey of Hours and Earnings" + _provisional(ashe),
            ashe_residents="ONS Annual Survey of Hours and Earnings"
            + _provisional(residents)
            + ", Table 8, by where people live",
            residents_pay_period=month_year(residents),
            projections=f"{proj_title} (Warwick IER / Cambridge Econometrics, for DfE)",
            projections_period=str(proj.get("period", "")).split(" (")[0].strip(),
            projections_note="Projection, rounded to the nearest 1,000."
            + (f" Not Open Government Licence: {proj_licence}." if proj_licence else ""),
            smc=f"{smc.get('publisher', 'Social Mobility Commission')}, "
            f"{str(smc.get('title', 'State of the Nation')).split(':')[0].strip()} local indices",
            career_pathways=f"DfE {cp.get('title', 'Career pathways (LEO)')}" + (f", {cp_period}" if cp_period else ""),
            career_pathways_period=cp_period,
            career_pathways_cohort=_born(str(cp.get("period", ""))),
            leo_post16="DfE post-16 education and labour market outcomes (LEO)"
            + (f", {str(leo.get('period', '')).split(',')[0]}" if leo.get("period") else ""),
            gcse_years=gcse_years(str(leo.get("period", ""))),
            flows_period=academic_years(period(bundle, "travel_flows", "apprenticeships")),
            adverts_period=period(bundle, "job_adverts"),
        )
