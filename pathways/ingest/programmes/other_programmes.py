"""The ``programmes`` table: T Levels (those still open to new starts), HTQs and the hand-written families."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from pathways.ingest.programmes.names import norm_name
from pathways.ingest.readers import int_or_na
from pathways.profile import ROUTES

__all__ = ["TLEVEL_SUCCESSORS", "superseded_tlevels", "current_tlevels", "build_programmes"]

#: T Level route names (DfE) -> IfATE route names.
_TLEVEL_ROUTES = {
    "Construction": "Construction and the built environment",
    "Education and Childcare": "Education and early years",
    "Digital": "Digital",
    "Health and Science": "Health and science",
    "Legal, Finance and Accounting": "Legal, finance and accounting",
    "Engineering and Manufacturing": "Engineering and manufacturing",
    "Business and Administration": "Business and administration",
    "Agriculture, Environment and Animal Care": "Agriculture, environmental and animal care",
    "Creative and Design": "Creative and design",
    "Sales, Marketing and Procurement": "Sales, marketing and procurement",
}
#: 2020-21 digital T Levels with no product in the Skills England map -> their 2025 successor's ref.
TLEVEL_SUCCESSORS = {
    "Digital Production, Design and Development": "TL0006",
    "Digital Support Services": "TL0007",
    "Digital Business Services": "TL0005",
}


def _htq_level(level: object, title: str) -> int | None:
    lv = int_or_na(level)
    if isinstance(lv, int) and lv in (4, 5):
        return lv
    t = title.lower()
    if "level 5" in t or "hnd" in t or "higher national diploma" in t or "foundation degree" in t or t.startswith("fd"):
        return 5
    if "level 4" in t or "hnc" in t or "higher national certificate" in t:
        return 4
    return None


def _htqs(se: pd.DataFrame) -> pd.DataFrame:
    """One row per HTQ product in the Skills England map (level 4 or 5)."""
    part = se[se["product_type"] == "HTQ"]
    rows = []
    for pid, grp in part.groupby("product_id", sort=True):
        title = str(grp["product_title"].iloc[0]).replace("\u200b", "").strip()
        level = _htq_level(grp["product_level"].iloc[0], title)
        if level is None:
            continue
        route = Counter(grp["route_name"]).most_common(1)[0][0]
        years = "1 year" if level == 4 else "2 years"
        rows.append(
            {
                "programme_id": pid,
                "kind": "htq",
                "title": title,
                "level": level,
                "route": route if route in ROUTES else None,
                "duration_months": 12 if level == 4 else 24,
                "paid": False,
                "summary": (
                    f"A level {level} technical course at college or university, about {years} full-time. "
                    "It is approved by employers."
                ),
                "min_age": 18,
                "max_age": pd.NA,
                "source": "Skills England occupational maps (HTQ products)",
                "source_url": f"https://occupational-maps.skillsengland.education.gov.uk/maps/occupation/{sorted(grp['occupation_id'])[0]}",
                "source_date": "2026-09-11",
            }
        )
    return pd.DataFrame(rows)


def superseded_tlevels(tl: pd.DataFrame, se: pd.DataFrame | None) -> dict[str, str]:
    """T Levels replaced by a newer one (no new starts): pathway id -> the pathway id that replaced it.

    Replaced means: a later version with the same title (e.g. Education and Early Years, first
    taught 2020 and 2025), or a 2020-21 digital T Level the Skills England map has only as its
    2025 successor (:data:`TLEVEL_SUCCESSORS`).
    """
    out: dict[str, str] = {}
    latest = tl.sort_values(["first_teaching_year", "pathway_id"]).groupby("tlevel_title")["pathway_id"].last()
    for pid, title in zip(tl["pathway_id"], tl["tlevel_title"]):
        if latest[title] != pid:
            out[str(pid)] = str(latest[title])
    if se is not None:
        part = se[se["product_type"] == "TLevel"]
        base_of = {norm_name(str(t).split(" - ")[0]): str(b)[:6] for t, b in zip(part["product_title"], part["product_id"])}
        pid_of_base = {
            base_of.get(norm_name(str(t).replace("T Level in ", ""))): str(p)
            for p, t in zip(tl["pathway_id"], tl["tlevel_title"])
        }
        for pid, pathway in zip(tl["pathway_id"], tl["pathway_name"]):
            succ = pid_of_base.get(TLEVEL_SUCCESSORS[pathway]) if pathway in TLEVEL_SUCCESSORS else None
            if succ is not None and succ != str(pid):
                out[str(pid)] = succ
    return out


def current_tlevels(tl: pd.DataFrame | None, se: pd.DataFrame | None, checks: dict) -> pd.DataFrame | None:
    """The T Levels open to new starts: superseded ones are dropped (and listed in the checks)."""
    if tl is None:
        return None
    gone = superseded_tlevels(tl, se)
    title = dict(
        zip(tl["pathway_id"].astype(str), tl["tlevel_title"] + " (first taught " + tl["first_teaching_year"].astype(str) + ")")
    )
    checks["tlevels_superseded_dropped"] = [f"TL-{p} {title[p]}: replaced by TL-{n} {title[n]}" for p, n in sorted(gone.items())]
    print(f"T Levels replaced by a newer one (dropped): {len(gone)}")
    for line in checks["tlevels_superseded_dropped"]:
        print("  dropped:", line)
    return tl[~tl["pathway_id"].astype(str).isin(set(gone))].reset_index(drop=True)


def _tlevels(tl: pd.DataFrame) -> pd.DataFrame:
    """All T Level pathways; a title taught in two versions gets its first teaching year."""
    dup = tl["tlevel_title"].duplicated(keep=False)
    titles = [f"{t} (first taught {y})" if d else t for t, y, d in zip(tl["tlevel_title"], tl["first_teaching_year"], dup)]
    return pd.DataFrame(
        {
            "programme_id": "TL-" + tl["pathway_id"].astype(str),
            "kind": "t_level",
            "title": titles,
            "level": 3,
            "route": tl["route_name"].map(_TLEVEL_ROUTES),
            "duration_months": 24,
            "paid": False,
            "summary": (
                "A 2-year course for 16 to 19 year olds, equal to 3 A levels. "
                "You spend at least 45 days on placement with an employer."
            ),
            "min_age": 16,
            "max_age": 19,
            "source": "DfE T Level reference data (ESFA results and certification service)",
            "source_url": "https://www.gov.uk/government/publications/introduction-of-t-levels/introduction-of-t-levels",
            "source_date": "2026-06",
        }
    )


def build_programmes(tlevels: pd.DataFrame | None, se: pd.DataFrame | None, hand: pd.DataFrame) -> pd.DataFrame:
    """The ``programmes`` table: T Levels, HTQs and the hand-written families."""
    hand = hand.copy()
    hand["level"] = hand["level"].astype(int)
    hand["duration_months"] = hand["duration_months"].astype(int)
    hand["paid"] = hand["paid"].str.lower().eq("true")
    hand["route"] = hand["route"].replace("", None)
    parts = [hand.drop(columns=["progresses_to"])]
    if tlevels is not None:
        parts.append(_tlevels(tlevels))
    if se is not None:
        parts.append(_htqs(se))
    out = pd.concat(parts, ignore_index=True)
    for col in ("min_age", "max_age"):
        out[col] = pd.array(
            [int_or_na(v) if str(v).strip() not in ("", "nan", "<NA>") else pd.NA for v in out[col]], dtype="Int64"
        )
    out["route"] = out["route"].astype("str").where(out["route"].notna(), None)
    out["level"] = out["level"].astype(int)
    out["duration_months"] = out["duration_months"].astype(int)
    out["paid"] = out["paid"].astype(bool)
    cols = [
        "programme_id",
        "kind",
        "title",
        "level",
        "route",
        "duration_months",
        "paid",
        "summary",
        "min_age",
        "max_age",
        "source",
        "source_url",
        "source_date",
    ]
    return out[cols].sort_values("programme_id").reset_index(drop=True)
