"""``projections``: Skills Imperative 2035 employment and replacement demand by area and sub-major group."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pathways.ingest.local.areas import SOURCE_AREA_TYPES, AreaMatcher
from pathways.ingest.local.values import finish, soc_code, to_number
from pathways.schema.local import PROJECTION_VALUES
from pathways.text import fold

__all__ = ["PROJECTION_DISTRICTS", "PROJECTION_SKIPPED", "round_thousands", "projections_from"]

#: Skills Imperative workbooks whose areas are given by their districts (2025 LAD codes), not
#: by name, following DfE's Local Skills dashboard (importSkillsImp.R): the Dorset LSIP workbook
#: has the wrong districts, so the Dorset LEP one is used; the North East LEP is today's North
#: East combined authority; the 2023 North East and North of Tyne CAs are two LSIP areas.
PROJECTION_DISTRICTS: dict[tuple[str, str], frozenset[str]] = {
    ("LEP", "dorset"): frozenset({"E06000058", "E06000059"}),
    ("LEP", "north east"): frozenset({"E06000047", "E08000037", "E08000023", "E08000024", "E06000057", "E08000021", "E08000022"}),
    ("MCA", "north east"): frozenset({"E06000047", "E08000037", "E08000023", "E08000024"}),
    ("MCA", "north of tyne"): frozenset({"E06000057", "E08000021", "E08000022"}),
}
#: Workbooks not used (reason).
PROJECTION_SKIPPED: dict[tuple[str, str], str] = {
    ("LSIP", "dorset"): "DfE: wrong districts; the Dorset LEP workbook is used instead"
}
#: the value columns written (named in the schema, without years)
_PROJ_VALUES = list(PROJECTION_VALUES)


def round_thousands(thousands: pd.Series) -> pd.Series:
    """Values in thousands -> persons rounded to the nearest 1,000 (Int64); magnitudes below
    1,000 persons are withheld (missing), as the producers advise.

    Examples
    --------
    >>> round_thousands(pd.Series([12.49, 12.51, 0.4, -3.6, None])).tolist()
    [12000, 13000, <NA>, -4000, <NA>]
    """
    values = pd.to_numeric(thousands, errors="coerce").astype(float)
    rounded = np.round(values) * 1000
    rounded = rounded.where(values.abs() >= 1)
    return rounded.astype("Int64")


def _occ_changes(occ: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Net change and replacement demand (thousands), repairing the one-column shift if present."""
    emp20 = to_number(occ["emp_2020_000s"])
    emp35 = to_number(occ["emp_2035_000s"])
    net_col = to_number(occ["net_change_2020_2035_000s"])
    repl_col = to_number(occ["replacement_demand_2020_2035_000s"])
    total_col = to_number(occ["total_requirement_2020_2035_000s"])
    if net_col.isna().all() and np.allclose(repl_col, emp35 - emp20, atol=1e-6):
        layout = "shifted: replacement_demand column holds net change; total_requirement column holds replacement demand"
        net, repl = repl_col, total_col
    elif np.allclose(net_col, emp35 - emp20, atol=1e-3):
        layout = "as labelled"
        net, repl = net_col, repl_col
    else:
        raise ValueError("Skills Imperative occupation table: cannot tell which column is the net change")
    out = pd.DataFrame({"emp_2025": to_number(occ["emp_2025_000s"]), "emp_2035": emp35, "net": net, "repl": repl})
    out["total"] = out["net"] + out["repl"]
    return out, layout


def projections_from(occ: pd.DataFrame, emp_proj: pd.DataFrame, matcher: AreaMatcher) -> tuple[pd.DataFrame, str]:
    """Skills Imperative 2035 by area and sub-major group, persons rounded to 1,000.

    Returns the table and a note on the layout of the occupation file.
    """
    occ = occ.assign(area_name=occ["area_name"].str.strip())
    values, layout = _occ_changes(occ)
    occ = pd.concat([occ.reset_index(drop=True), values.reset_index(drop=True)], axis=1)
    occ["sub_major_group"] = occ["soc2020_submajor"].map(soc_code)
    district_sets = _district_sets(matcher.lads)

    pieces = []
    for (src_type, src_name), rows in occ.groupby(["area_type", "area_name"], sort=True):
        key = (src_type, fold(src_name))
        if key in PROJECTION_SKIPPED:
            matcher.dropped.setdefault("projections", {})[f"{src_name} {src_type}"] = PROJECTION_SKIPPED[key]
            continue
        targets = _projection_targets(key, src_type, src_name, matcher, district_sets)
        if not targets:
            if src_type == "LEP":
                matcher.dropped.setdefault("projections", {})[f"{src_name} LEP"] = "LEP workbook not needed"
            else:
                matcher.record("projections", SOURCE_AREA_TYPES.get(src_type, src_type), src_name)
            continue
        for kind, code in targets:
            pieces.append(rows.assign(area_type=kind, area_code=code, source_area=f"{src_name} {src_type}", status="modelled"))
    df = pd.concat(pieces, ignore_index=True)
    df = _fill_same_districts(df, district_sets)
    df = pd.concat([df, _employment_only(emp_proj, df, matcher, district_sets)], ignore_index=True)

    df["area_name"] = [matcher.names[k].get(c, c) for k, c in zip(df["area_type"], df["area_code"])]
    for col, src in zip(_PROJ_VALUES, ["emp_2025", "emp_2035", "net", "repl", "total"]):
        df[col] = round_thousands(df[src])
    withheld = df[_PROJ_VALUES].isna() & df[["emp_2025", "emp_2035", "net", "repl", "total"]].notna().to_numpy()
    df.loc[withheld.any(axis=1) & (df["status"] == "modelled"), "status"] = "partly suppressed"
    df["reliable"] = (df["emp_2025"] >= 10).astype(bool)
    cols = ["area_type", "area_code", "area_name", "sub_major_group", *_PROJ_VALUES, "reliable", "status", "source_area"]
    return finish(df.astype({"status": str}), cols, ["area_type", "area_code", "sub_major_group"]), layout


def _district_sets(lads: pd.DataFrame) -> dict[str, dict[str, frozenset[str]]]:
    out = {}
    for kind, col in (("lsip", "lsip_code"), ("ca", "ca_code")):
        sub = lads.dropna(subset=[col]) if col in lads else lads.iloc[0:0]
        out[kind] = {code: frozenset(g["lad_code"]) for code, g in sub.groupby(col)}
    return out


def _projection_targets(key, src_type, src_name, matcher, district_sets) -> list[tuple[str, str]]:
    if key in PROJECTION_DISTRICTS:
        wanted = PROJECTION_DISTRICTS[key]
        return [(k, c) for k in ("lsip", "ca") for c, s in district_sets[k].items() if s == wanted]
    kind = {"LSIP": "lsip", "MCA": "ca", "Country": "country"}.get(src_type)
    code = matcher.code(kind, src_name) if kind else None
    return [(kind, code)] if kind and code else []


def _fill_same_districts(df: pd.DataFrame, district_sets) -> pd.DataFrame:
    """Give an LSIP area or combined authority without figures those of an area with exactly
    the same districts."""
    have = set(zip(df["area_type"], df["area_code"]))
    extra = []
    for kind, other in (("ca", "lsip"), ("lsip", "ca")):
        for code, lads in district_sets[kind].items():
            if (kind, code) in have:
                continue
            twins = [c for c, s in district_sets[other].items() if s == lads and (other, c) in have]
            if twins:
                src = df[(df["area_type"] == other) & (df["area_code"] == twins[0])]
                extra.append(src.assign(area_type=kind, area_code=code))
    return pd.concat([df, *extra], ignore_index=True) if extra else df


def _employment_only(emp_proj: pd.DataFrame, done: pd.DataFrame, matcher: AreaMatcher, district_sets) -> pd.DataFrame:
    """Employment 2020/2025/2035 (thousands) for LSIP areas with no occupation workbook."""
    have = set(done.loc[done["area_type"] == "lsip", "area_code"])
    missing = set(district_sets["lsip"]) - have
    sub = emp_proj[
        (emp_proj["area_type"] == "LSIP") & emp_proj["breakdown"].isin(["Occupation (SOC2020 Sub-Major Group)", "Total"])
    ]
    sub = sub[sub["period"].isin(["2020", "2025", "2035"])].copy()
    sub["code"] = [matcher.code("lsip", n) for n in sub["area_name"]]
    sub = sub[sub["code"].isin(missing)]
    if sub.empty:
        for code in sorted(missing):
            matcher.unmatched.setdefault("projections", []).append(f"lsip without projections: {code}")
        return sub.iloc[0:0]
    sub["value"] = to_number(sub["value"]) / 1000
    wide = sub.pivot_table(
        index=["code", "area_name", "subgroup"], columns="period", values="value", aggfunc="first"
    ).reset_index()
    out = pd.DataFrame(
        {
            "area_type": "lsip",
            "area_code": wide["code"],
            "sub_major_group": wide["subgroup"].map(soc_code),
            "emp_2025": wide["2025"],
            "emp_2035": wide["2035"],
            "net": wide["2035"] - wide["2020"],
            "repl": np.nan,
            "total": np.nan,
            "source_area": wide["area_name"] + " LSIP (employment projections)",
            "status": "employment only",
        }
    )
    for code in sorted(missing - set(out["area_code"])):
        matcher.unmatched.setdefault("projections", []).append(f"lsip without projections: {code}")
    return out
