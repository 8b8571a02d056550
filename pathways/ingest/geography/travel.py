"""Getting about: ``lad_neighbours`` (districts sharing a boundary) and ``travel_flows`` (apprenticeship
starts from home to delivery district, and Census 2011 commuting)."""

from __future__ import annotations

import pandas as pd

from pathways.ingest.geography.codes import canonical_code, strip
from pathways.schema.geography import APPRENTICE_FLOWS, COMMUTING_FLOWS

__all__ = [
    "APPRENTICESHIP_YEARS",
    "APPRENTICESHIP_PERIOD",
    "COMMUTING_PERIOD",
    "MIN_FLOW",
    "DISTRICTS_2011_MERGED_INTO",
    "build_neighbours",
    "build_apprenticeship_flows",
    "build_commuting_flows",
]

APPRENTICESHIP_YEARS: tuple[str, ...] = ("2022/23", "2023/24", "2024/25")
APPRENTICESHIP_PERIOD = "2022/23 to 2024/25"
COMMUTING_PERIOD = "Census 2011"
MIN_FLOW = 5
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


def build_neighbours(df: pd.DataFrame) -> pd.DataFrame:
    """Pairs of English districts that share a boundary (both directions)."""
    out = pd.DataFrame({
        "lad_code": canonical_code(strip(df["lad24cd_a"])),
        "neighbour_code": canonical_code(strip(df["lad24cd_b"])),
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
    df = df[strip(df["year"]).isin(APPRENTICESHIP_YEARS)]
    return _finish_flows(
        canonical_code(df["home_lad24cd"]), canonical_code(df["delivery_lad24cd"]), df["starts"],
        APPRENTICE_FLOWS, APPRENTICESHIP_PERIOD,
    )  # fmt: skip


def build_commuting_flows(df: pd.DataFrame, lads: pd.DataFrame) -> pd.DataFrame:
    """Census 2011 residence -> workplace district flows, districts merged since mapped forward."""
    code_of = dict(zip(lads["name"], lads["lad_code"]))
    merged = {old: code_of[new] for old, new in DISTRICTS_2011_MERGED_INTO.items()}

    def resolve(names: pd.Series, codes: pd.Series) -> pd.Series:
        return canonical_code(codes.fillna(names.map(merged)))

    home = resolve(df["residence_district_2011"], df["residence_lad24cd_if_unchanged"])
    dest = resolve(df["workplace_district_2011"], df["workplace_lad24cd_if_unchanged"])
    return _finish_flows(home, dest, df["commuters"], COMMUTING_FLOWS, COMMUTING_PERIOD)
