"""``lads`` (English districts with every area above them, rural-urban class, centroid) and ``areas`` (the
names of the areas above a district)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pathways.ingest.geography.codes import ENGLAND_CODE, LAD_PREFIXES, canonical_code, plain_ruc_class, strip
from pathways.ingest.geography.osgb import osgb36_to_wgs84

__all__ = ["LAD_COLUMNS", "build_lads", "build_areas"]

LAD_COLUMNS = [
    "lad_code", "name", "region_code", "region_name", "utla_code", "utla_name", "lsip_code", "lsip_name",
    "ca_code", "ca_name", "itl1_code", "itl1_name", "itl2_code", "itl2_name", "itl3_code", "itl3_name",
    "ruc_code", "ruc_class", "lat", "lon", "centroid_basis", "n_postcodes",
]  # fmt: skip


def build_lads(frames: Mapping[str, pd.DataFrame], problems: list[str] | None = None) -> pd.DataFrame:
    """The English districts with every area above them, rural-urban class and a centroid.

    ``frames`` holds the raw ONS lookups keyed as in :data:`pathways.ingest.geography.FILES` (names, regions, utlas,
    lsips, itl, cas, ruc, centroids). Districts a lookup misses are appended to ``problems``.
    """
    names = frames["names"]
    base = pd.DataFrame({"lad_code": canonical_code(strip(names["LAD24CD"])), "name": strip(names["LAD24NM"])})
    base = base[base["lad_code"].str[:3].isin(LAD_PREFIXES)].reset_index(drop=True)

    lookups = _lookups(frames)
    out = base
    for what in ("region", "upper-tier LA", "LSIP area", "ITL areas", "rural-urban class"):
        out = _attach(out, lookups[what], what, problems)
    out = _attach(out, lookups["combined authority"], "combined authority", None)  # most districts have none

    out = out.merge(_centroids(frames), on="lad_code", how="left")
    return out[LAD_COLUMNS].sort_values("lad_code").reset_index(drop=True)


def _lookups(frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Each ONS lookup as ``lad_code`` plus the codes and names it gives, keyed by what it gives."""
    r = frames["regions"]
    regions = pd.DataFrame({
        "lad_code": canonical_code(strip(r["ltla24_code"])),
        "region_code": strip(r["region24_code"]),
        "region_name": strip(r["region24_name"]),
    })  # fmt: skip
    u = frames["utlas"]
    utlas = pd.DataFrame({
        "lad_code": canonical_code(strip(u["ltla23_code"])),
        "utla_code": canonical_code(strip(u["utla23_code"])),
        "utla_name": strip(u["utla23_name"]),
    })  # fmt: skip
    ls = frames["lsips"]
    lsips = pd.DataFrame({
        "lad_code": canonical_code(strip(ls["LAD23CD"])),
        "lsip_code": strip(ls["LSIP23CD"]),
        "lsip_name": strip(ls["LSIP23NM"]),
    })  # fmt: skip
    it = frames["itl"]
    itl = pd.DataFrame({"lad_code": canonical_code(strip(it["LAD25CD"]))})
    for level in (1, 2, 3):
        itl[f"itl{level}_code"] = strip(it[f"ITL{level}25CD"])
        itl[f"itl{level}_name"] = strip(it[f"ITL{level}25NM"])
    c = frames["cas"]
    cas = pd.DataFrame({
        "lad_code": canonical_code(strip(c["LAD25CD"])),
        "ca_code": strip(c["CAUTH25CD"]),
        "ca_name": strip(c["CAUTH25NM"]),
    })  # fmt: skip
    ru = frames["ruc"]
    ruc = pd.DataFrame({
        "lad_code": canonical_code(strip(ru["ltla24_code"])),
        "ruc_code": strip(ru["ruc21_code"]),
        "ruc_class": strip(ru["classification"]).map(plain_ruc_class),
    })  # fmt: skip
    return {
        "region": regions,
        "upper-tier LA": utlas,
        "LSIP area": lsips,
        "ITL areas": itl,
        "rural-urban class": ruc,
        "combined authority": cas,
    }


def _attach(base: pd.DataFrame, lookup: pd.DataFrame, what: str, problems: list[str] | None) -> pd.DataFrame:
    """Left-join ``lookup`` (keyed by ``lad_code``) to ``base``; note districts it misses."""
    lookup = lookup.drop_duplicates("lad_code")
    missing = sorted(set(base["lad_code"]) - set(lookup["lad_code"]))
    if problems is not None:
        problems.extend(f"{code}: no {what}" for code in missing)
    return base.merge(lookup, on="lad_code", how="left")


def _centroids(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Postcode-weighted centroid per district, ONS label point where there is none."""
    ce = frames["centroids"]
    lat, lon = osgb36_to_wgs84(ce["pc_weighted_easting"], ce["pc_weighted_northing"])
    weighted = pd.DataFrame({
        "lad_code": canonical_code(strip(ce["lad25cd"])),
        "lat": lat, "lon": lon,
        "n_postcodes": pd.array(pd.to_numeric(ce["n_postcodes"]), dtype="Int64"),
    }).dropna(subset=["lat", "lon"])  # fmt: skip
    weighted["centroid_basis"] = "postcode-weighted"
    names = frames["names"]
    label = pd.DataFrame({
        "lad_code": canonical_code(strip(names["LAD24CD"])),
        "lat": pd.to_numeric(names["LAT"]), "lon": pd.to_numeric(names["LONG"]),
    })  # fmt: skip
    label = label[~label["lad_code"].isin(weighted["lad_code"])].copy()
    label["n_postcodes"] = pd.array([pd.NA] * len(label), dtype="Int64")
    label["centroid_basis"] = "ONS label point"
    both = pd.concat([weighted, label], ignore_index=True)
    both["lat"] = both["lat"].round(5)
    both["lon"] = both["lon"].round(5)
    return both


def build_areas(lads: pd.DataFrame, former_utlas: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Names of every area above a district: England, regions, upper-tier LAs, LSIPs, CAs.

    ``former_utlas`` (code -> name) adds upper-tier areas abolished since 2023 that other tables
    still report on; they get ``current = False``.
    """
    parts = [pd.DataFrame({"area_code": [ENGLAND_CODE], "area_type": ["country"], "name": ["England"]})]
    for kind in ("region", "utla", "lsip", "ca"):
        sub = lads[[f"{kind}_code", f"{kind}_name"]].dropna().drop_duplicates()
        parts.append(pd.DataFrame({"area_code": sub[f"{kind}_code"], "area_type": kind, "name": sub[f"{kind}_name"]}))
    out = pd.concat(parts, ignore_index=True).assign(current=True)
    if former_utlas:
        former = pd.DataFrame({"area_code": list(former_utlas), "area_type": "utla", "name": list(former_utlas.values())})
        out = pd.concat([out, former.assign(current=False)], ignore_index=True)
    out = out.astype({"area_code": "str", "area_type": "str", "name": "str", "current": "bool"})
    return out.drop_duplicates("area_code").sort_values(["area_type", "area_code"]).reset_index(drop=True)
