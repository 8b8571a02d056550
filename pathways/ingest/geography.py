"""Geography step of the ingest: districts, areas above them, place names, postcodes, travel, NEET, SMC.

Builds the tables described in :mod:`pathways.schema.geography` from the official files in the
raw folder. Canonical district codes are the 2025 GSS codes: where a source still uses an older
code (Barnsley and Sheffield changed in 2024) it is mapped with :data:`LAD_CODE_CHANGES`.

Importing this module reads no file and builds nothing; :func:`normalise_place_name` is plain
Python so the area resolver can use it cheaply.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from pathways.text import fold

__all__ = [
    "LAD_CODE_CHANGES",
    "COUNTRY_BY_PREFIX",
    "FILES",
    "NEET_YEARS",
    "APPRENTICESHIP_YEARS",
    "SMC_NAME_TO_UTLAS",
    "SMC_NON_ENGLISH",
    "DISTRICTS_2011_MERGED_INTO",
    "normalise_place_name",
    "canonical_code",
    "country_of_code",
    "osgb36_to_wgs84",
    "plain_ruc_class",
    "build_lads",
    "build_areas",
    "build_place_names",
    "build_postcode_table",
    "build_neighbours",
    "build_apprenticeship_flows",
    "build_commuting_flows",
    "build_neet",
    "build_smc_indices",
    "check_place_aliases",
    "read_raw",
    "build",
]

#: Old GSS district codes still used by some sources -> the 2025 codes used in the bundle.
LAD_CODE_CHANGES: dict[str, str] = {"E08000016": "E08000038", "E08000019": "E08000039"}

#: First letter of a GSS code -> country (L/M pseudo-codes: Channel Islands / Isle of Man).
COUNTRY_BY_PREFIX: dict[str, str] = {"E": "England", "W": "Wales", "S": "Scotland", "N": "Northern Ireland"}

ENGLAND_CODE = "E92000001"
_LAD_PREFIXES = ("E06", "E07", "E08", "E09")

#: Raw files read by this step, relative to the raw folder.
FILES: dict[str, str] = {
    "names": "ons_geography/lad24_names_codes_centroid_latlong_may2024.csv",
    "regions": "ons_geography/lad24_to_region24_england.csv",
    "utlas": "ons_geography/lad23_to_utla23.csv",
    "lsips": "ons_geography/lad23_to_lsip_area.csv",
    "itl": "ons_geography/lad25_lau125_itl3_itl2_itl1_lookup_jan2025.csv",
    "cas": "ons_geography/lad25_to_combined_authority_may2025.csv",
    "ruc": "ons_geography/lad24_rural_urban_classification_2021.csv",
    "centroids": "ons_geography/lad25_postcode_weighted_centroids_onspd_nov2025.csv",
    "neighbours": "ons_geography/lad24_neighbours_derived_from_buc_boundaries.csv",
    "outcodes": "ons_geography/postcode_district_to_lad25_onspd_nov2025.csv",
    "sectors": "ons_geography/postcode_sector_to_lad25_onspd_nov2025.csv",
    "apprenticeship_flows": "dfe_apprenticeships/apprenticeships_home_lad_to_delivery_lad_flows_2022-23_to_2025-26.csv.gz",
    "commuting": "census_commuting/census2011_wu03uk_district_to_district_commuting_flows.csv.gz",
    "neet_2021": "dfe_neet/neet_participation_16_17_by_la_2021.csv",
    "neet_2022": "dfe_neet/neet_participation_16_17_by_la_2022.csv",
    "neet_2023": "dfe_neet/neet_participation_16_17_by_la_2023.csv",
    "neet_2024": "dfe_neet/neet_participation_16_17_by_la_2024.csv",
    "neet_2025": "dfe_neet/neet_participation_16_17_by_la_2025.csv",
    "smc_ci1": "smc_state_of_nation/CI1-2.0-conditions-of-childhood--full-dataset.csv",
    "smc_ci2": "smc_state_of_nation/CI2-2.0-labour-market-opportunities-for-young-people--full-dataset.csv",
    "smc_ci3": "smc_state_of_nation/CI3-2.0-innovation-and-growth--full-dataset.csv",
    "smc_ci4": "smc_state_of_nation/CI4-3.0-promising-prospects--full-dataset.csv",
}

ALIASES_CSV = Path(__file__).resolve().parent / "handwritten" / "place_aliases.csv"

NEET_YEARS: tuple[int, ...] = (2021, 2022, 2023, 2024, 2025)
APPRENTICESHIP_YEARS: tuple[str, ...] = ("2022/23", "2023/24", "2024/25")
APPRENTICESHIP_PERIOD = "2022/23 to 2024/25"
COMMUTING_PERIOD = "Census 2011"
MIN_FLOW = 5

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

#: Census 2011 districts abolished since, each wholly inside one current district (ONS boundary
#: changes 2018-2023: Shepway renamed; Dorset, Bucks, Suffolk, Northants, Cumbria, N Yorks and
#: Somerset reorganisations). "Westminster+City of London" cannot be split and is left out.
DISTRICTS_2011_MERGED_INTO: dict[str, str] = {
    "Allerdale": "Cumberland",
    "Carlisle": "Cumberland",
    "Copeland": "Cumberland",
    "Barrow-in-Furness": "Westmorland and Furness",
    "Eden": "Westmorland and Furness",
    "South Lakeland": "Westmorland and Furness",
    "Craven": "North Yorkshire",
    "Hambleton": "North Yorkshire",
    "Harrogate": "North Yorkshire",
    "Richmondshire": "North Yorkshire",
    "Ryedale": "North Yorkshire",
    "Scarborough": "North Yorkshire",
    "Selby": "North Yorkshire",
    "Corby": "North Northamptonshire",
    "East Northamptonshire": "North Northamptonshire",
    "Kettering": "North Northamptonshire",
    "Wellingborough": "North Northamptonshire",
    "Daventry": "West Northamptonshire",
    "Northampton": "West Northamptonshire",
    "South Northamptonshire": "West Northamptonshire",
    "Forest Heath": "West Suffolk",
    "St Edmundsbury": "West Suffolk",
    "Suffolk Coastal": "East Suffolk",
    "Waveney": "East Suffolk",
    "Aylesbury Vale": "Buckinghamshire",
    "Chiltern": "Buckinghamshire",
    "South Bucks": "Buckinghamshire",
    "Wycombe": "Buckinghamshire",
    "Shepway": "Folkestone and Hythe",
    "Bournemouth": "Bournemouth, Christchurch and Poole",
    "Poole": "Bournemouth, Christchurch and Poole",
    "Christchurch": "Bournemouth, Christchurch and Poole",
    "East Dorset": "Dorset",
    "North Dorset": "Dorset",
    "Purbeck": "Dorset",
    "West Dorset": "Dorset",
    "Weymouth and Portland": "Dorset",
    "Mendip": "Somerset",
    "Sedgemoor": "Somerset",
    "South Somerset": "Somerset",
    "Taunton Deane": "Somerset",
    "West Somerset": "Somerset",
}

LAD_COLUMNS = [
    "lad_code", "name", "region_code", "region_name", "utla_code", "utla_name", "lsip_code", "lsip_name",
    "ca_code", "ca_name", "itl1_code", "itl1_name", "itl2_code", "itl2_name", "itl3_code", "itl3_name",
    "ruc_code", "ruc_class", "lat", "lon", "centroid_basis", "n_postcodes",
]  # fmt: skip
NEET_VALUE_COLUMNS: dict[str, str] = {
    "NEET_percent": "neet_percent",
    "Notknown_percent": "not_known_percent",
    "NEET_not_known_percent": "neet_or_not_known_percent",
    "TOTAL_participating_in_education_and_training_percent": "participating_percent",
    "Apprenticeship_percent": "apprenticeship_percent",
}

# --------------------------------------------------------------------------- small helpers



def normalise_place_name(text: str) -> str:
    """Normalise a typed place name for lookup.

    Lower case, accents folded, ``&`` -> ``and``, apostrophes dropped, other punctuation
    replaced by a space, single spaces: :func:`pathways.text.fold`, the same as at run time.

    Examples
    --------
    >>> normalise_place_name("  King's Lynn & West  Norfolk ")
    'kings lynn and west norfolk'
    >>> normalise_place_name("Stockton-on-Tees")
    'stockton on tees'
    >>> normalise_place_name("Ynys Môn")
    'ynys mon'
    >>> normalise_place_name("Bristol, City of")
    'bristol city of'
    """
    return fold(text)


def canonical_code(codes: pd.Series) -> pd.Series:
    """Map old GSS district codes to the 2025 codes (other codes unchanged).

    >>> canonical_code(pd.Series(["E08000016", "E06000001"])).tolist()
    ['E08000038', 'E06000001']
    """
    return codes.replace(LAD_CODE_CHANGES)


def country_of_code(code: str) -> str:
    """Country of a GSS code from its first letter; ``"Other"`` for L/M pseudo-codes.

    >>> country_of_code("W06000015"), country_of_code("L99999999")
    ('Wales', 'Other')
    """
    return COUNTRY_BY_PREFIX.get(str(code)[:1], "Other")


def plain_ruc_class(classification: str) -> str:
    """ONS 2021 rural-urban class in plain words.

    >>> plain_ruc_class("Urban: Majority nearer to a major town or city")
    'Urban: Nearer to a major town or city'
    """
    return re.sub(r": Majority (\w)", lambda m: ": " + m.group(1).upper(), str(classification).strip())


def _sentence_case(text: str) -> str:
    text = str(text).strip()
    return text[:1].upper() + text[1:].lower()


def osgb36_to_wgs84(easting: Iterable[float], northing: Iterable[float]) -> tuple[np.ndarray, np.ndarray]:
    """Convert British National Grid coordinates to WGS84 latitude and longitude (degrees).

    Inverse transverse Mercator on the Airy 1830 ellipsoid, then the standard OSGB36 -> WGS84
    Helmert transformation (accurate to a few metres, ample for area centroids).
    """
    e = np.asarray(easting, dtype=float)
    n = np.asarray(northing, dtype=float)
    a, b = 6377563.396, 6356256.909  # Airy 1830
    f0, lat0, lon0 = 0.9996012717, math.radians(49.0), math.radians(-2.0)
    n0, e0 = -100000.0, 400000.0
    e2 = 1 - (b * b) / (a * a)
    nn = (a - b) / (a + b)

    def meridional(lat: np.ndarray) -> np.ndarray:
        d, s = lat - lat0, lat + lat0
        return b * f0 * (
            (1 + nn + 1.25 * nn**2 + 1.25 * nn**3) * d
            - (3 * nn + 3 * nn**2 + 21 / 8 * nn**3) * np.sin(d) * np.cos(s)
            + (15 / 8 * nn**2 + 15 / 8 * nn**3) * np.sin(2 * d) * np.cos(2 * s)
            - 35 / 24 * nn**3 * np.sin(3 * d) * np.cos(3 * s)
        )

    lat = (n - n0) / (a * f0) + lat0
    for _ in range(20):
        lat = lat + (n - n0 - meridional(lat)) / (a * f0)
    sin, cos, tan = np.sin(lat), np.cos(lat), np.tan(lat)
    nu = a * f0 / np.sqrt(1 - e2 * sin**2)
    rho = a * f0 * (1 - e2) / (1 - e2 * sin**2) ** 1.5
    eta2 = nu / rho - 1
    sec = 1 / cos
    de = e - e0
    vii = tan / (2 * rho * nu)
    viii = tan / (24 * rho * nu**3) * (5 + 3 * tan**2 + eta2 - 9 * tan**2 * eta2)
    ix = tan / (720 * rho * nu**5) * (61 + 90 * tan**2 + 45 * tan**4)
    x = sec / nu
    xi = sec / (6 * nu**3) * (nu / rho + 2 * tan**2)
    xii = sec / (120 * nu**5) * (5 + 28 * tan**2 + 24 * tan**4)
    xiia = sec / (5040 * nu**7) * (61 + 662 * tan**2 + 1320 * tan**4 + 720 * tan**6)
    phi = lat - vii * de**2 + viii * de**4 - ix * de**6
    lam = lon0 + x * de - xi * de**3 + xii * de**5 - xiia * de**7

    # to cartesian (Airy), Helmert to WGS84, back to geodetic (GRS80/WGS84)
    nu1 = a / np.sqrt(1 - e2 * np.sin(phi) ** 2)
    x1 = nu1 * np.cos(phi) * np.cos(lam)
    y1 = nu1 * np.cos(phi) * np.sin(lam)
    z1 = nu1 * (1 - e2) * np.sin(phi)
    tx, ty, tz, s = 446.448, -125.157, 542.060, -20.4894e-6
    rx, ry, rz = (math.radians(v / 3600) for v in (0.1502, 0.2470, 0.8421))
    x2 = tx + (1 + s) * x1 - rz * y1 + ry * z1
    y2 = ty + rz * x1 + (1 + s) * y1 - rx * z1
    z2 = tz - ry * x1 + rx * y1 + (1 + s) * z1
    a2, b2 = 6378137.000, 6356752.3141
    e22 = 1 - (b2 * b2) / (a2 * a2)
    p = np.sqrt(x2**2 + y2**2)
    phi2 = np.arctan2(z2, p * (1 - e22))
    for _ in range(10):
        nu2 = a2 / np.sqrt(1 - e22 * np.sin(phi2) ** 2)
        phi2 = np.arctan2(z2 + e22 * nu2 * np.sin(phi2), p)
    return np.degrees(phi2), np.degrees(np.arctan2(y2, x2))


def _strip(series: pd.Series) -> pd.Series:
    return series.astype("str").str.strip()


def _is_true(series: pd.Series) -> pd.Series:
    """A True/False column read as text (or bool) as booleans."""
    return series.astype("str").str.strip().str.lower().eq("true")


def _attach(
    base: pd.DataFrame, lookup: pd.DataFrame, what: str, problems: list[str] | None
) -> pd.DataFrame:
    """Left-join ``lookup`` (keyed by ``lad_code``) to ``base``; note districts it misses."""
    lookup = lookup.drop_duplicates("lad_code")
    missing = sorted(set(base["lad_code"]) - set(lookup["lad_code"]))
    if problems is not None:
        problems.extend(f"{code}: no {what}" for code in missing)
    return base.merge(lookup, on="lad_code", how="left")


# --------------------------------------------------------------------------- lads and areas


def build_lads(frames: Mapping[str, pd.DataFrame], problems: list[str] | None = None) -> pd.DataFrame:
    """The English districts with every area above them, rural-urban class and a centroid.

    ``frames`` holds the raw ONS lookups keyed as in :data:`FILES` (names, regions, utlas,
    lsips, itl, cas, ruc, centroids). Districts a lookup misses are appended to ``problems``.
    """
    names = frames["names"]
    base = pd.DataFrame({"lad_code": canonical_code(_strip(names["LAD24CD"])), "name": _strip(names["LAD24NM"])})
    base = base[base["lad_code"].str[:3].isin(_LAD_PREFIXES)].reset_index(drop=True)

    r = frames["regions"]
    regions = pd.DataFrame({
        "lad_code": canonical_code(_strip(r["ltla24_code"])),
        "region_code": _strip(r["region24_code"]),
        "region_name": _strip(r["region24_name"]),
    })  # fmt: skip
    u = frames["utlas"]
    utlas = pd.DataFrame({
        "lad_code": canonical_code(_strip(u["ltla23_code"])),
        "utla_code": canonical_code(_strip(u["utla23_code"])),
        "utla_name": _strip(u["utla23_name"]),
    })  # fmt: skip
    ls = frames["lsips"]
    lsips = pd.DataFrame({
        "lad_code": canonical_code(_strip(ls["LAD23CD"])),
        "lsip_code": _strip(ls["LSIP23CD"]),
        "lsip_name": _strip(ls["LSIP23NM"]),
    })  # fmt: skip
    it = frames["itl"]
    itl = pd.DataFrame({"lad_code": canonical_code(_strip(it["LAD25CD"]))})
    for level in (1, 2, 3):
        itl[f"itl{level}_code"] = _strip(it[f"ITL{level}25CD"])
        itl[f"itl{level}_name"] = _strip(it[f"ITL{level}25NM"])
    c = frames["cas"]
    cas = pd.DataFrame({
        "lad_code": canonical_code(_strip(c["LAD25CD"])),
        "ca_code": _strip(c["CAUTH25CD"]),
        "ca_name": _strip(c["CAUTH25NM"]),
    })  # fmt: skip
    ru = frames["ruc"]
    ruc = pd.DataFrame({
        "lad_code": canonical_code(_strip(ru["ltla24_code"])),
        "ruc_code": _strip(ru["ruc21_code"]),
        "ruc_class": _strip(ru["classification"]).map(plain_ruc_class),
    })  # fmt: skip

    out = base
    for lookup, what in ((regions, "region"), (utlas, "upper-tier LA"), (lsips, "LSIP area"), (itl, "ITL areas"), (ruc, "rural-urban class")):
        out = _attach(out, lookup, what, problems)
    out = _attach(out, cas, "combined authority", None)  # most districts have none

    out = out.merge(_centroids(frames), on="lad_code", how="left")
    return out[LAD_COLUMNS].sort_values("lad_code").reset_index(drop=True)


def _centroids(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Postcode-weighted centroid per district, ONS label point where there is none."""
    ce = frames["centroids"]
    lat, lon = osgb36_to_wgs84(ce["pc_weighted_easting"], ce["pc_weighted_northing"])
    weighted = pd.DataFrame({
        "lad_code": canonical_code(_strip(ce["lad25cd"])),
        "lat": lat, "lon": lon,
        "n_postcodes": pd.array(pd.to_numeric(ce["n_postcodes"]), dtype="Int64"),
    }).dropna(subset=["lat", "lon"])  # fmt: skip
    weighted["centroid_basis"] = "postcode-weighted"
    names = frames["names"]
    label = pd.DataFrame({
        "lad_code": canonical_code(_strip(names["LAD24CD"])),
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


# --------------------------------------------------------------------------- place names


def build_place_names(names: pd.DataFrame, aliases: pd.DataFrame) -> pd.DataFrame:
    """Every UK district's official and Welsh names plus hand-written common names of towns.

    Parameters
    ----------
    names
        ONS district names (``LAD24CD, LAD24NM, LAD24NMW``), all four countries.
    aliases
        The hand-written CSV (``alias, place, code, outcode, note``; ``place`` may be missing or blank, when it
        is the alias itself); every code must be a district in ``names``. The same alias may stand on several
        rows (a name shared by several places, such as Kirkby or Newcastle): one row per place.

    Returns
    -------
    One row per (alias, code, place): ``alias`` normalised for look-up, ``place`` the place's name as written
    (the district's own name for official and Welsh rows), ``outcode`` the town centre's postcode district
    (blank for district names), so distances can be measured from the town rather than the district's middle.
    """
    codes = canonical_code(_strip(names["LAD24CD"]))
    official_name = dict(zip(codes, _strip(names["LAD24NM"])))
    rows = [pd.DataFrame({"alias": _strip(names["LAD24NM"]), "code": codes, "kind": "official",
                          "place": _strip(names["LAD24NM"]), "outcode": ""})]
    welsh = _strip(names["LAD24NMW"].fillna(""))
    has_welsh = welsh.ne("") & welsh.ne("nan")
    rows.append(pd.DataFrame({"alias": welsh[has_welsh], "code": codes[has_welsh], "kind": "welsh",
                              "place": welsh[has_welsh], "outcode": ""}))
    alias_codes = canonical_code(_strip(aliases["code"]))
    unknown = sorted(set(alias_codes) - set(official_name))
    if unknown:
        raise ValueError(f"place_aliases.csv: codes that are not districts: {unknown}")
    alias_text = _strip(aliases["alias"])
    place = _strip(aliases["place"]) if "place" in aliases else alias_text
    place = place.where(place.ne("") & place.ne("nan"), alias_text)
    outcode = _strip(aliases["outcode"]).replace("nan", "") if "outcode" in aliases else ""
    rows.append(pd.DataFrame({"alias": alias_text, "code": alias_codes, "kind": "common", "place": place,
                              "outcode": outcode}))
    out = pd.concat(rows, ignore_index=True)
    out["alias"] = out["alias"].map(normalise_place_name)
    out["name"] = out["code"].map(official_name)
    out["country"] = out["code"].map(country_of_code)
    # one row per alias, district and place; a common name that is already a district's own name is dropped
    # (official before welsh before common)
    out["_place_key"] = out["place"].map(normalise_place_name)
    out = out.drop_duplicates(["alias", "code", "_place_key"], keep="first")
    own = set(zip(out.loc[out["kind"].ne("common"), "alias"], out.loc[out["kind"].ne("common"), "code"]))
    out = out[out["kind"].ne("common") | ~pd.Series([(a, c) in own for a, c in zip(out["alias"], out["code"])], index=out.index)]
    out = out[["alias", "code", "name", "country", "kind", "place", "outcode"]].astype("str")
    return out.sort_values(["alias", "code", "place"]).reset_index(drop=True)


def _main_lads(table: pd.DataFrame, key: str) -> dict[str, tuple[str, float]]:
    main = table[_is_true(table["is_main_lad"])]
    shares = pd.to_numeric(main["share_of_postcodes"], errors="coerce").fillna(0.0)
    return dict(zip(_strip(main[key]), zip(canonical_code(_strip(main["lad25cd"])), shares)))


def check_place_aliases(
    aliases: pd.DataFrame, outcodes: pd.DataFrame, sectors: pd.DataFrame | None = None
) -> list[str]:
    """Hand-written aliases that fail their check; an empty list when every row passes.

    Each row names the postcode district (outcode, e.g. ``L36``) of its town centre, or, where that district
    is shared between councils, the postcode sector (e.g. ``NG2 6``); the row's code must be the main district
    of that outcode or sector in the ONS Postcode Directory. A row with no alias, or the same alias, code and
    place twice, is also reported.
    """
    by_outcode = _main_lads(outcodes, "outcode")
    by_sector = _main_lads(sectors, "sector") if sectors is not None else {}
    place = aliases["place"] if "place" in aliases else pd.Series([""] * len(aliases), index=aliases.index)
    bad, seen = [], set()
    for alias, where, code, pc in zip(
        aliases["alias"], place, canonical_code(_strip(aliases["code"])), _strip(aliases["outcode"])
    ):
        alias, where = str(alias).strip(), str(where).strip()
        key = (normalise_place_name(alias), code, normalise_place_name(where or alias))
        if not key[0]:
            bad.append(f"a row with no alias (code {code})")
            continue
        if key in seen:
            bad.append(f"{alias}: the same alias, code and place twice")
        seen.add(key)
        main = (by_sector if " " in pc else by_outcode).get(pc, (None, 0.0))[0]
        if main != code:
            bad.append(f"{alias}: {pc} is mainly in {main}, not {code}")
    return bad


# --------------------------------------------------------------------------- postcodes, neighbours, flows


def build_postcode_table(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Outcode or sector -> district shares from the ONSPD-derived file (all UK rows kept).

    ``key`` is ``"outcode"`` or ``"sector"`` (the raw column of the same name).
    """
    out = pd.DataFrame({
        key: _strip(df[key]).str.upper(),
        "lad_code": canonical_code(_strip(df["lad25cd"])),
    })  # fmt: skip
    out["country"] = out["lad_code"].map(country_of_code)
    out["share"] = pd.to_numeric(df["share_of_postcodes"]).astype(float).round(4)
    out["is_main"] = _is_true(df["is_main_lad"])
    out["lat"] = pd.to_numeric(df["centroid_lat"]).astype(float).round(4)
    out["lon"] = pd.to_numeric(df["centroid_long"]).astype(float).round(4)
    return out.sort_values([key, "share", "lad_code"], ascending=[True, False, True]).reset_index(drop=True)


def build_neighbours(df: pd.DataFrame) -> pd.DataFrame:
    """Pairs of English districts that share a boundary (both directions)."""
    out = pd.DataFrame({
        "lad_code": canonical_code(_strip(df["lad24cd_a"])),
        "neighbour_code": canonical_code(_strip(df["lad24cd_b"])),
        "shared_boundary_m": pd.array(pd.to_numeric(df["approx_shared_boundary_m"]).round(), dtype="Int64"),
        "distance_km": pd.to_numeric(df["centroid_distance_km"]).astype(float).round(2),
    })  # fmt: skip
    english = out["lad_code"].str.startswith("E") & out["neighbour_code"].str.startswith("E")
    return out[english].sort_values(["lad_code", "neighbour_code"]).reset_index(drop=True)


def _finish_flows(home: pd.Series, dest: pd.Series, count: pd.Series, kind: str, period: str) -> pd.DataFrame:
    df = pd.DataFrame({"home_code": home.values, "dest_code": dest.values, "count": pd.to_numeric(count).values})
    df = df.dropna(subset=["home_code", "dest_code"])
    df = df[df["home_code"].str.startswith("E") & df["dest_code"].str.startswith("E")]
    df = df.groupby(["home_code", "dest_code"], as_index=False)["count"].sum()
    df = df[df["count"] >= MIN_FLOW]
    df["count"] = df["count"].round().astype("Int64")
    df["kind"] = kind
    df["period"] = period
    return df[["home_code", "dest_code", "kind", "count", "period"]]


def build_apprenticeship_flows(df: pd.DataFrame) -> pd.DataFrame:
    """Apprenticeship starts from learner home district to delivery district, three full years summed."""
    df = df[_strip(df["year"]).isin(APPRENTICESHIP_YEARS)]
    return _finish_flows(
        canonical_code(df["home_lad24cd"]), canonical_code(df["delivery_lad24cd"]), df["starts"],
        "apprenticeships", APPRENTICESHIP_PERIOD,
    )  # fmt: skip


def build_commuting_flows(df: pd.DataFrame, lads: pd.DataFrame) -> pd.DataFrame:
    """Census 2011 residence -> workplace district flows, districts merged since mapped forward."""
    code_of = dict(zip(lads["name"], lads["lad_code"]))
    merged = {old: code_of[new] for old, new in DISTRICTS_2011_MERGED_INTO.items()}

    def resolve(names: pd.Series, codes: pd.Series) -> pd.Series:
        return canonical_code(codes.fillna(names.map(merged)))

    home = resolve(df["residence_district_2011"], df["residence_lad24cd_if_unchanged"])
    dest = resolve(df["workplace_district_2011"], df["workplace_lad24cd_if_unchanged"])
    return _finish_flows(home, dest, df["commuters"], "commuting_2011", COMMUTING_PERIOD)


# --------------------------------------------------------------------------- NEET


def neet_period(year: int) -> str:
    """Plain-text period of a NEET year: the December to February average ending in ``year``."""
    return f"December {year - 1} to February {year}"


def build_neet(
    frames_by_year: Mapping[int, pd.DataFrame], lads: pd.DataFrame
) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """NEET and participation of 16-17 year olds by upper-tier LA, region and England.

    Returns the table, the raw LA rows that could not be matched (``"code name (year)"``), and
    the former upper-tier areas kept under their own code (code -> name), e.g. Cumbria before
    its 2023 split.
    """
    utla_names = lads[["utla_code", "utla_name"]].drop_duplicates()
    utla_code_set = set(utla_names["utla_code"])
    utla_by_name = {normalise_place_name(n): c for c, n in zip(utla_names["utla_code"], utla_names["utla_name"])}
    name_of = dict(zip(utla_names["utla_code"], utla_names["utla_name"]))
    unmatched: list[str] = []
    former: dict[str, str] = {}
    parts = []
    for year, raw in sorted(frames_by_year.items()):
        level = _strip(raw["geographic_level"])
        code = canonical_code(raw["new_la_code"].astype("str").str.strip())
        la_name = raw["la_name"].astype("str").str.strip()
        rows = pd.DataFrame(index=raw.index)
        rows["area_type"] = level.map({"National": "country", "Regional": "region", "Local authority": "utla"})
        rows["area_code"] = np.where(level.eq("National"), ENGLAND_CODE, np.where(level.eq("Regional"), raw["region_code"], code))
        rows["area_name"] = np.where(level.eq("National"), "England", np.where(level.eq("Regional"), raw["region_name"], la_name))
        rows = rows[~raw["region_name"].astype("str").str.contains("demo", case=False)]  # template rows
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
        values = raw.loc[rows.index]
        suppressed = np.zeros(len(rows), dtype=bool)
        for src, dst in NEET_VALUE_COLUMNS.items():
            text = values[src].astype("str").str.strip()
            suppressed |= text.isin(["c", "z", "x"]).to_numpy()
            rows[dst] = pd.to_numeric(text, errors="coerce").astype(float).round(1)
        cohort = pd.to_numeric(values["Cohort_DJFavg"].astype("str").str.strip(), errors="coerce")
        rows["cohort"] = pd.array(cohort.round(), dtype="Int64")
        rows["year"] = int(year)
        rows["period"] = neet_period(int(year))
        rows["status"] = np.where(suppressed, "suppressed", "measured")
        parts.append(rows)
    out = pd.concat(parts, ignore_index=True)
    cols = ["area_code", "area_name", "area_type", "year", "period", "cohort", *NEET_VALUE_COLUMNS.values(), "status"]
    out = out[cols].astype({"area_code": "str", "area_name": "str", "area_type": "str", "period": "str", "status": "str", "year": "int64"})
    return out.sort_values(["area_code", "year"]).reset_index(drop=True), unmatched, former


# --------------------------------------------------------------------------- SMC


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
    for smc_name in sorted(_strip(long["area_name"]).unique()):
        if smc_name in SMC_NAME_TO_UTLAS:
            mapping[smc_name] = tuple(code_by_name[n] for n in SMC_NAME_TO_UTLAS[smc_name])
        elif smc_name in code_by_name:
            mapping[smc_name] = (code_by_name[smc_name],)
        elif smc_name in SMC_NON_ENGLISH or smc_name in other_names:
            country = SMC_NON_ENGLISH.get(smc_name) or other_names[smc_name]
            skipped.append(f"{smc_name}: {country}, not England")
        else:
            skipped.append(f"{smc_name}: UNMATCHED, no English upper-tier LA of that name")
    long = long.assign(area_name=_strip(long["area_name"]))
    long = long[long["area_name"].isin(mapping)]
    long = long.assign(area_code=long["area_name"].map(mapping)).explode("area_code")
    out = pd.DataFrame({
        "area_code": long["area_code"].astype("str"),
        "area_name": long["area_name"].astype("str"),
        "index_code": _strip(long["measure_code"]).str.upper(),
        "index_title": _strip(long["measure_title"]),
        "period": _strip(long["time_period"]),
        "value": pd.to_numeric(long["value"]).astype(float).round(3),
        "category": _strip(long["secondary_split_value"]).map(_sentence_case),
        "category_rank": pd.array(pd.to_numeric(long["group_number"]), dtype="Int64"),
    })  # fmt: skip
    return out.sort_values(["area_code", "index_code", "period"]).reset_index(drop=True), skipped


# --------------------------------------------------------------------------- driver


def read_raw(raw: Path, keys: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Read the raw files of this step (all of :data:`FILES`, or just ``keys``) as text-typed frames."""
    keys = list(FILES) if keys is None else list(keys)
    out = {}
    for key in keys:
        path = Path(raw) / FILES[key]
        if not path.is_file():
            raise FileNotFoundError(f"geography step: raw file missing: {path}")
        out[key] = pd.read_csv(path, dtype="str", keep_default_na=False, na_values=[""])
    return out


def read_aliases(path: Path = ALIASES_CSV) -> pd.DataFrame:
    """The hand-written place aliases (alias, place, code, outcode, note)."""
    return pd.read_csv(path, dtype="str", keep_default_na=False, comment="#")


def build(raw: Path, built: dict[str, pd.DataFrame], checks: dict[str, object]) -> dict[str, pd.DataFrame]:
    """Build every geography table from the raw folder; record unmatched names in ``checks``."""
    f = read_raw(raw)
    problems: list[str] = []
    lads = build_lads(f, problems)
    checks["unmatched_lads"] = problems

    aliases = read_aliases()
    bad_aliases = check_place_aliases(aliases, f["outcodes"], f["sectors"])
    if bad_aliases:
        raise ValueError("place_aliases.csv entries that disagree with ONSPD:\n" + "\n".join(bad_aliases))
    place_names = build_place_names(f["names"], aliases)
    shared = place_names[place_names.duplicated("alias", keep=False)]
    checks["place_aliases"] = {
        "rows": len(aliases), "checked_against_onspd": len(aliases) - len(bad_aliases),
        "names_shared_by_several_places": sorted(set(shared["alias"])),
    }

    neet, neet_unmatched, former = build_neet({y: f[f"neet_{y}"] for y in NEET_YEARS}, lads)
    checks["unmatched_utlas_neet"] = neet_unmatched
    latest = neet[neet["year"].eq(max(NEET_YEARS)) & neet["area_type"].eq("utla")]
    checks["utlas_without_neet_latest_year"] = [
        f"{c} {n}: not published separately by DfE (use the region)"
        for c, n in lads[["utla_code", "utla_name"]].drop_duplicates().itertuples(index=False)
        if c not in set(latest["area_code"])
    ]
    checks["neet_former_areas_kept"] = [f"{c} {n}" for c, n in sorted(former.items())]

    names = f["names"]
    other = {n.strip(): country_of_code(c) for c, n in zip(names["LAD24CD"], names["LAD24NM"]) if not c.startswith("E")}
    smc, smc_skipped = build_smc_indices([f[f"smc_ci{i}"] for i in (1, 2, 3, 4)], lads, other)
    checks["unmatched_utlas_smc"] = sorted(set(lads["utla_code"]) - set(smc["area_code"]))
    checks["smc_names_unmatched"] = smc_skipped
    checks["smc_english_names_unmatched"] = [s for s in smc_skipped if "UNMATCHED" in s]

    flows = pd.concat(
        [build_apprenticeship_flows(f["apprenticeship_flows"]), build_commuting_flows(f["commuting"], lads)],
        ignore_index=True,
    ).sort_values(["kind", "home_code", "dest_code"]).reset_index(drop=True)
    checks["travel_flow_codes_not_in_lads"] = sorted(
        (set(flows["home_code"]) | set(flows["dest_code"])) - set(lads["lad_code"])
    )

    for name, value in checks.items():
        if name.startswith(("unmatched_", "smc_", "utlas_without", "neet_former", "travel_flow")) and value \
                and isinstance(value, (list, tuple)):
            print(f"geography check {name}: {len(value)}: {value[:10]}")
    return {
        "lads": lads,
        "areas": build_areas(lads, former),
        "place_names": place_names,
        "postcode_outcodes": build_postcode_table(f["outcodes"], "outcode"),
        "postcode_sectors": build_postcode_table(f["sectors"], "sector"),
        "lad_neighbours": build_neighbours(f["neighbours"]),
        "travel_flows": flows,
        "neet": neet,
        "smc_indices": smc,
    }
