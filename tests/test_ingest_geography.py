"""Geography ingest: each table builder on tiny inline fixtures, then counts on the real raw files.

The real-data tests skip when ``../shared/data/raw`` is absent.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from pathways.ingest import geography as geo
from pathways.ingest.geography.codes import (
    LAD_CODE_CHANGES,
    canonical_code,
    country_of_code,
    normalise_place_name,
    plain_ruc_class,
)
from pathways.ingest.geography.districts import build_areas, build_lads
from pathways.ingest.geography.neet import build_neet
from pathways.ingest.geography.osgb import osgb36_to_wgs84
from pathways.ingest.geography.places import build_place_names, build_postcode_table, check_place_aliases, read_aliases
from pathways.ingest.geography.smc import SMC_NAME_TO_UTLAS, build_smc_indices
from pathways.ingest.geography.travel import (
    DISTRICTS_2011_MERGED_INTO,
    build_apprenticeship_flows,
    build_commuting_flows,
    build_neighbours,
)
from pathways.schema.geography import SPECS

RAW = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw"


def _df(rows: list[tuple], columns: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns.split(",")).astype("str")


# --------------------------------------------------------------------------- tiny fixtures

# Hartlepool, Redcar and Cleveland, Barnsley (old code in most lookups), Cardiff (Wales).
NAMES = _df(
    [
        ("E06000001", "Hartlepool", " ", "447161", "531473", "-1.27017", "54.67613"),
        ("E06000003", "Redcar and Cleveland", " ", "464330", "519596", "-1.00656", "54.56752"),
        ("E08000016", "Barnsley", " ", "429979", "403327", "-1.54925", "53.52577"),
        ("W06000015", "Cardiff", "Caerdydd", "315272", "178887", "-3.22209", "51.50254"),
    ],
    "LAD24CD,LAD24NM,LAD24NMW,BNG_E,BNG_N,LONG,LAT",
)


def tiny_frames() -> dict[str, pd.DataFrame]:
    """The ONS lookups for three English districts, as the raw files spell them."""
    return {
        "names": NAMES,
        "regions": _df(
            [
                ("Hartlepool", "E06000001", "North East", "E12000001"),
                ("Redcar and Cleveland", "E06000003", "North East", "E12000001"),
                ("Barnsley", "E08000016", "Yorkshire and The Humber", "E12000003"),
            ],
            "ltla24_name,ltla24_code,region24_name,region24_code",
        ),
        "utlas": _df(
            [
                ("E06000001", "Hartlepool", "E06000001", "Hartlepool"),
                ("E06000003", "Redcar and Cleveland", "E06000003", "Redcar and Cleveland"),
                ("E08000016", "Barnsley", "E08000016", "Barnsley"),
            ],
            "ltla23_code,ltla23_name,utla23_code,utla23_name",
        ),
        "lsips": _df(
            [
                ("E06000001", "Hartlepool", "E69000031", " Tees Valley ", "Tees Valley "),
                ("E06000003", "Redcar and Cleveland", "E69000031", " Tees Valley ", "Tees Valley "),
                ("E08000016", "Barnsley", "E69000028", " South Yorkshire ", "South Yorkshire"),
            ],
            "LAD23CD,LAD23NM,LSIP23CD,LSIP23NM,NEW LSIP GEOGRAPHY (4 london areas)",
        ),
        "itl": _df(
            [
                ("TLC", "North East (England)", "TLC3", "Tees Valley", "TLC31", "Hartlepool and Stockton-on-Tees", "E06000001"),
                ("TLC", "North East (England)", "TLC3", "Tees Valley", "TLC32", "South Teesside", "E06000003"),
                ("TLE", "Yorkshire and The Humber", "TLE3", "South Yorkshire", "TLE33", "Barnsley", "E08000016"),
            ],
            "ITL125CD,ITL125NM,ITL225CD,ITL225NM,ITL325CD,ITL325NM,LAD25CD",
        ),
        "cas": _df([("E08000038", "Barnsley", "E47000002", "South Yorkshire")], "LAD25CD,LAD25NM,CAUTH25CD,CAUTH25NM"),
        "ruc": _df(
            [
                ("E06000001", "UUN", "Urban: Majority nearer to a major town or city", "Urban"),
                ("E06000003", "UIN", "Intermediate urban: Majority nearer to a major town or city", "Urban"),
                ("E08000016", "UUN", "Urban: Majority nearer to a major town or city", "Urban"),
            ],
            "ltla24_code,ruc21_code,classification,ruc",
        ),
        # Redcar and Cleveland has no postcode-weighted centroid here: the label point is used.
        "centroids": _df(
            [
                ("E06000001", "3500", "450022.9", "532029.6", "54.7", "-1.2"),
                ("E08000038", "8741", "435371.7", "405644.2", "53.5", "-1.5"),
            ],
            "lad25cd,n_postcodes,pc_weighted_easting,pc_weighted_northing,pc_weighted_lat,pc_weighted_long",
        ),
    }


@pytest.fixture
def lads() -> pd.DataFrame:
    return build_lads(tiny_frames())


# --------------------------------------------------------------------------- small helpers


def test_lad_code_changes_map_barnsley_and_sheffield_to_2025_codes():
    assert LAD_CODE_CHANGES == {"E08000016": "E08000038", "E08000019": "E08000039"}
    codes = pd.Series(["E08000016", "E08000019", "E08000038", "E06000001", "W06000015"])
    assert canonical_code(codes).tolist() == ["E08000038", "E08000039", "E08000038", "E06000001", "W06000015"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Redcar & Cleveland", "redcar and cleveland"),
        ("  King's   Lynn ", "kings lynn"),
        ("King\u2019s Lynn and West Norfolk", "kings lynn and west norfolk"),
        ("Stockton-on-Tees", "stockton on tees"),
        ("St. Helens", "st helens"),
        ("Bristol, City of", "bristol city of"),
        ("Ynys Môn", "ynys mon"),
        ("WESTON-SUPER-MARE", "weston super mare"),
        ("", ""),
    ],
)
def test_normalise_place_name(text, expected):
    assert normalise_place_name(text) == expected


@given(st.text(max_size=40))
def test_normalise_place_name_is_idempotent_and_clean(text):
    once = normalise_place_name(text)
    assert normalise_place_name(once) == once
    assert once == once.strip() and "  " not in once and "&" not in once
    assert all(c.isascii() and (c.isalnum() or c == " ") for c in once)


def test_normalise_place_name_imports_without_reading_files():
    # the resolver imports it: the module must expose it as a plain function with no data loaded
    assert callable(normalise_place_name)
    assert not [v for v in vars(geo).values() if isinstance(v, pd.DataFrame)]


def test_country_of_code():
    assert [country_of_code(c) for c in ("E06000001", "W06000015", "S12000033", "N09000003", "L99999999", "M99999999")] == [
        "England", "Wales", "Scotland", "Northern Ireland", "Other", "Other",
    ]  # fmt: skip


def test_plain_ruc_class():
    assert plain_ruc_class("Urban: Majority nearer to a major town or city") == "Urban: Nearer to a major town or city"
    assert plain_ruc_class("Majority rural: Majority further from a major town or city") == (
        "Majority rural: Further from a major town or city"
    )


def test_osgb36_to_wgs84_matches_ons_label_points():
    # ONS's own lat/long for the label points of three districts (from the names file)
    lat, lon = osgb36_to_wgs84(NAMES["BNG_E"].astype(float)[:3], NAMES["BNG_N"].astype(float)[:3])
    assert np.allclose(lat, NAMES["LAT"].astype(float)[:3], atol=1e-4)
    assert np.allclose(lon, NAMES["LONG"].astype(float)[:3], atol=1e-4)


# --------------------------------------------------------------------------- lads and areas


def test_build_lads_on_tiny_lookups(lads):
    assert lads["lad_code"].tolist() == ["E06000001", "E06000003", "E08000038"]
    barnsley = lads.set_index("lad_code").loc["E08000038"]
    assert barnsley["utla_code"] == "E08000038"  # old code mapped in the UTLA column too
    assert barnsley["lsip_name"] == "South Yorkshire"  # stray spaces stripped
    assert barnsley["ca_name"] == "South Yorkshire"
    assert barnsley["itl3_code"] == "TLE33"
    assert barnsley["ruc_class"] == "Urban: Nearer to a major town or city"
    assert barnsley["centroid_basis"] == "postcode-weighted" and barnsley["n_postcodes"] == 8741
    assert 53.5 < barnsley["lat"] < 53.6 and -1.5 < barnsley["lon"] < -1.4
    redcar = lads.set_index("lad_code").loc["E06000003"]
    assert redcar["centroid_basis"] == "ONS label point" and pd.isna(redcar["n_postcodes"])
    assert redcar["lat"] == pytest.approx(54.56752)
    assert pd.isna(lads.set_index("lad_code").loc["E06000001", "ca_code"])
    assert "W06000015" not in set(lads["lad_code"])
    assert str(lads["n_postcodes"].dtype) == "Int64"


def test_build_lads_reports_districts_a_lookup_misses():
    frames = tiny_frames()
    frames["lsips"] = frames["lsips"].iloc[:2]
    problems: list[str] = []
    build_lads(frames, problems)
    assert problems == ["E08000038: no LSIP area"]


def test_build_areas_has_england_regions_and_former_counties(lads):
    areas = build_areas(lads, {"E10000006": "Cumbria"}).set_index("area_code")
    assert areas.loc["E92000001", "name"] == "England" and areas.loc["E92000001", "area_type"] == "country"
    assert areas.loc["E12000003", "area_type"] == "region"
    assert areas.loc["E69000031", ["area_type", "name"]].tolist() == ["lsip", "Tees Valley"]
    assert areas.loc["E47000002", "area_type"] == "ca"
    assert areas.loc["E08000038", "area_type"] == "utla"
    assert not areas.loc["E10000006", "current"] and areas.loc["E06000001", "current"]
    assert areas.index.is_unique


# --------------------------------------------------------------------------- place names


ALIASES = _df([("Redcar", "E06000003", "TS10", "town"), ("Hartlepool", "E06000001", "TS24", "duplicate of official")],
              "alias,code,outcode,note")  # fmt: skip


def test_build_place_names_official_welsh_and_common():
    places = build_place_names(NAMES, ALIASES)
    by_alias = places.set_index("alias")
    assert by_alias.loc["cardiff", ["code", "country", "kind"]].tolist() == ["W06000015", "Wales", "official"]
    assert by_alias.loc["caerdydd", "kind"] == "welsh"
    assert by_alias.loc["redcar", ["code", "name", "kind"]].tolist() == ["E06000003", "Redcar and Cleveland", "common"]
    assert by_alias.loc["barnsley", "code"] == "E08000038"
    assert by_alias.loc["hartlepool", "kind"] == "official"  # the official row wins over a duplicate alias
    assert not places.duplicated(["alias", "code"]).any()
    assert set(places["kind"]) == {"official", "welsh", "common"}


def test_build_place_names_rejects_alias_codes_that_are_not_districts():
    bad = _df([("Atlantis", "E06999999", "AT1", "")], "alias,code,outcode,note")
    with pytest.raises(ValueError, match="E06999999"):
        build_place_names(NAMES, bad)


def test_check_place_aliases_uses_the_main_district_of_the_outcode():
    outcodes = _df(
        [("TS10", "E06000003", "0.99", "True"), ("TS10", "E06000002", "0.01", "False"), ("TS24", "E06000002", "1", "True")],
        "outcode,lad25cd,share_of_postcodes,is_main_lad",
    )
    assert check_place_aliases(ALIASES, outcodes) == ["Hartlepool: TS24 is mainly in E06000002, not E06000001"]


def test_build_place_names_keeps_one_row_per_place_for_a_shared_name():
    """A name several places share (Kirkby) has a row for each place, with the place's own name."""
    aliases = _df([("Kirkby", "", "E06000003", "TS10", ""), ("Kirkby", "Kirkby-in-Hartlepool", "E06000001", "TS24", ""),
                   ("Kirkby", "Kirkby Stephen", "E06000001", "TS25", ""), ("Kirkby", "Kirkby Lonsdale", "E06000001", "TS26", "")],
                  "alias,place,code,outcode,note")  # fmt: skip
    places = build_place_names(NAMES, aliases)
    kirkby = places[places["alias"].eq("kirkby")]
    assert sorted(kirkby["place"]) == ["Kirkby", "Kirkby Lonsdale", "Kirkby Stephen", "Kirkby-in-Hartlepool"]
    assert places.set_index("alias").loc["redcar and cleveland", "place"] == "Redcar and Cleveland"
    assert not places.duplicated(["alias", "code", "place"]).any()


def test_check_place_aliases_uses_a_sector_where_the_outcode_is_shared():
    outcodes = _df([("NG2", "E06000018", "0.56", "True"), ("NG2", "E07000176", "0.39", "False")],
                   "outcode,lad25cd,share_of_postcodes,is_main_lad")  # fmt: skip
    sectors = _df([("NG2 6", "E07000176", "0.83", "True"), ("NG2 6", "E06000018", "0.17", "False")],
                  "sector,lad25cd,share_of_postcodes,is_main_lad")  # fmt: skip
    good = _df([("West Bridgford", "", "E07000176", "NG2 6", "")], "alias,place,code,outcode,note")
    wrong = _df([("West Bridgford", "", "E07000176", "NG2", ""), ("Nowhere", "", "E07000176", "NG2 9", ""),
                 ("West Bridgford", "", "E07000176", "NG2 6", "")], "alias,place,code,outcode,note")  # fmt: skip
    assert check_place_aliases(good, outcodes, sectors) == []
    assert check_place_aliases(wrong, outcodes, sectors) == [
        "West Bridgford: NG2 is mainly in E06000018, not E07000176",
        "Nowhere: NG2 9 is mainly in None, not E07000176",
        "West Bridgford: the same alias, code and place twice",
    ]


def test_the_real_alias_table_passes_its_check_against_the_postcode_directory():
    """Every hand-written town is checked: its code must be the main district of its town-centre outcode (or
    sector); the build fails otherwise. Skips without the raw folder."""
    if not RAW.exists():
        pytest.skip(f"raw data folder {RAW} not present")
    raw = geo.read_raw(RAW, ["outcodes", "sectors"])
    aliases = read_aliases()
    assert check_place_aliases(aliases, raw["outcodes"], raw["sectors"]) == []
    assert aliases["note"].str.contains("ONS Postcode Directory").all(), "each row records its evidence"
    shared = aliases[aliases.duplicated("alias", keep=False)]
    assert {"Kirkby", "Newcastle", "Gillingham", "Richmond"} <= set(shared["alias"])


# --------------------------------------------------------------------------- postcodes, neighbours, flows


def test_build_postcode_table_keeps_all_countries():
    raw = _df(
        [
            ("S70", "E08000038", "1870", "1.0", "True", "53.54373", "-1.47662"),
            ("CF10", "W06000015", "900", "1.0", "True", "51.47", "-3.17"),
            ("S36", "E08000016", "534", "0.5699", "True", "53.50553", "-1.61608"),
            ("S36", "E08000039", "403", "0.4301", "False", "53.50553", "-1.61608"),
            ("JE2", "L99999999", "10", "1.0", "True", "", ""),
        ],
        "outcode,lad25cd,n_postcodes,share_of_postcodes,is_main_lad,centroid_lat,centroid_long",
    ).replace({"": np.nan})
    out = build_postcode_table(raw, "outcode")
    assert out.columns.tolist() == ["outcode", "lad_code", "country", "share", "is_main", "lat", "lon"]
    s36 = out[out["outcode"] == "S36"]
    assert s36["lad_code"].tolist() == ["E08000038", "E08000039"] and s36["is_main"].tolist() == [True, False]
    assert out.set_index("outcode").loc["CF10", "country"] == "Wales"
    assert out.set_index("outcode").loc["JE2", "country"] == "Other"
    assert out["is_main"].dtype == bool


def test_build_neighbours_england_only_with_canonical_codes():
    raw = _df(
        [
            ("E08000016", "Barnsley", "E08000039", "Sheffield", "33900", "13.6"),
            ("E06000049", "Cheshire East", "W06000006", "Wrexham", "5000", "30.1"),
        ],
        "lad24cd_a,lad24nm_a,lad24cd_b,lad24nm_b,approx_shared_boundary_m,centroid_distance_km",
    )
    out = build_neighbours(raw)
    assert out[["lad_code", "neighbour_code"]].values.tolist() == [["E08000038", "E08000039"]]
    assert out["shared_boundary_m"].tolist() == [33900]


APP_FLOWS = _df(
    [
        ("2022/23", "E06000003", "E06000003", "3"),
        ("2023/24", "E06000003", "E06000003", "4"),  # 3 + 4 = 7 >= 5: kept (staying local)
        ("2024/25", "E06000003", "E06000002", "4"),  # under 5: dropped
        ("2025/26 (Aug to Apr)", "E06000003", "E06000002", "50"),  # partial year: not counted
        ("2024/25", "E08000016", "E08000019", "9"),
        ("2024/25", "E06000003", "nan", "40"),  # outside England / unknown
    ],
    "year,home_lad24cd,delivery_lad24cd,starts",
).replace({"nan": np.nan})


def test_build_apprenticeship_flows_sums_full_years_and_drops_small_flows():
    out = build_apprenticeship_flows(APP_FLOWS)
    assert out.columns.tolist() == ["home_code", "dest_code", "kind", "count", "period"]
    assert out[["home_code", "dest_code", "count"]].values.tolist() == [
        ["E06000003", "E06000003", 7],
        ["E08000038", "E08000039", 9],
    ]
    assert set(out["period"]) == {"2022/23 to 2024/25"} and set(out["kind"]) == {"apprenticeships"}


def test_build_commuting_flows_maps_merged_2011_districts():
    lads = pd.DataFrame({"name": list(DISTRICTS_2011_MERGED_INTO.values()), "lad_code": "E06000064"})
    lads = lads.drop_duplicates("name").assign(lad_code=lambda d: [f"E06{i:06d}" for i in range(len(d))])
    code = dict(zip(lads["name"], lads["lad_code"]))
    raw = pd.DataFrame(
        {
            "residence_district_2011": ["Eden", "South Lakeland", "Hartlepool", "Hartlepool", "Cardiff"],
            "workplace_district_2011": ["Carlisle", "Carlisle", "Mainly work at or from home", "Hartlepool", "Hartlepool"],
            "commuters": [10, 6, 500, 3, 40],
            "residence_lad24cd_if_unchanged": [np.nan, np.nan, "E06000001", "E06000001", "W06000015"],
            "workplace_lad24cd_if_unchanged": [np.nan, np.nan, np.nan, "E06000001", "E06000001"],
        }
    )
    out = build_commuting_flows(raw, lads)
    assert out[["home_code", "dest_code", "count"]].values.tolist() == [[code["Westmorland and Furness"], code["Cumberland"], 16]]
    assert set(out["period"]) == {"Census 2011"}


# --------------------------------------------------------------------------- NEET

NEET_COLUMNS = (
    "geographic_level,region_code,region_name,new_la_code,la_name,Cohort_DJFavg,NEET_percent,Notknown_percent,"
    "NEET_not_known_percent,TOTAL_participating_in_education_and_training_percent,Apprenticeship_percent"
)


def _neet_rows(year: int) -> pd.DataFrame:
    rows = [
        ("National", "nan", "nan", "nan", "nan", "1181088", "2.8", "2.7", "5.5", "93.2", "3.8"),
        ("Regional", "E12000001", "North East", "nan", "nan", "50000", "3.5", "1.0", "4.5", "92", "6"),
        ("Regional", "nan", "Region demo", "nan", "nan", "120000", "1", "1", "2", "90", "2"),
        ("Local authority", "nan", "Region demo", "nan", "LA demo", "6595", "1", "1", "2", "90", "2"),
        (
            "Local authority",
            "E12000003",
            "Yorkshire and The Humber",
            "E08000016",
            "Barnsley",
            "4942.4",
            "1.9",
            "3.9",
            "5.8",
            "c",
            "c",
        ),
        ("Local authority", "E12000009", "South West", "E10000027", "Somerset", "11391", "3.4", "3.5", "6.9", "91.4", "5.6"),
        ("Local authority", "E12000002", "North West", "E10000006", "Cumbria", "10133", "3.3", "1.5", "4.8", "92.1", "9.4"),
        ("Local authority", "E12000002", "North West", "E06000999", "Atlantis", "10", "1", "1", "2", "90", "1"),
    ]
    return _df(rows, NEET_COLUMNS).replace({"nan": np.nan})


def _utla_lads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lad_code": ["E08000038", "E07000187", "E06000063"],
            "utla_code": ["E08000038", "E06000066", "E06000063"],
            "utla_name": ["Barnsley", "Somerset", "Cumberland"],
        }
    )


def test_build_neet_maps_codes_names_and_keeps_suppression_as_missing():
    out, unmatched, former = build_neet({2021: _neet_rows(2021)}, _utla_lads())
    assert unmatched == ["E06000999 Atlantis (2021)"]
    assert former == {"E10000006": "Cumbria"}
    by_code = out.set_index("area_code")
    assert set(by_code.index) == {"E92000001", "E12000001", "E08000038", "E06000066", "E10000006"}
    barnsley = by_code.loc["E08000038"]
    assert barnsley["status"] == "suppressed" and pd.isna(barnsley["participating_percent"])
    assert barnsley["neet_percent"] == 1.9 and barnsley["cohort"] == 4942
    assert by_code.loc["E06000066", "area_name"] == "Somerset"  # old county code mapped by name
    assert by_code.loc["E92000001", ["area_type", "area_name"]].tolist() == ["country", "England"]
    assert by_code.loc["E12000001", "area_type"] == "region"
    assert by_code.loc["E12000001", "period"] == "December 2020 to February 2021"
    assert out["year"].tolist() == [2021] * 5 and str(out["cohort"].dtype) == "Int64"


# --------------------------------------------------------------------------- SMC


def _smc(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure_code": "ci1",
            "measure_title": "Conditions of Childhood",
            "area_name": names,
            "time_period": "2018 to 2024",
            "value": [0.5] * len(names),
            "secondary_split_value": "Most Favourable",
            "group_number": 7,
        }
    )


def test_build_smc_indices_expands_shared_areas_and_skips_non_english():
    out, skipped = build_smc_indices(
        [_smc(["Barnsley", "Cumbria", "Cardiff", "Northern Ireland", "Atlantis"])],
        pd.DataFrame(
            {
                "utla_code": ["E08000038", "E06000063", "E06000064"],
                "utla_name": ["Barnsley", "Cumberland", "Westmorland and Furness"],
            }
        ),  # fmt: skip
        {"Cardiff": "Wales"},
    )
    assert out[["area_code", "area_name"]].values.tolist() == [
        ["E06000063", "Cumbria"], ["E06000064", "Cumbria"], ["E08000038", "Barnsley"],
    ]  # fmt: skip
    assert set(out["index_code"]) == {"CI1"} and set(out["category"]) == {"Most favourable"}
    assert out["category_rank"].tolist() == [7, 7, 7]
    assert skipped == [
        "Atlantis: UNMATCHED, no English upper-tier LA of that name",
        "Cardiff: Wales, not England",
        "Northern Ireland: Northern Ireland, not England",
    ]


def test_smc_mapping_targets_are_distinct_upper_tier_names():
    targets = [n for names in SMC_NAME_TO_UTLAS.values() for n in names]
    assert len(targets) == len(set(targets))


# --------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def real():
    if not RAW.exists():
        pytest.skip(f"raw data folder {RAW} not present")
    checks: dict[str, object] = {}
    return geo.build(RAW, {}, checks), checks


@pytest.mark.raw
def test_real_lads_are_the_296_english_districts(real):
    tables, checks = real
    lads = tables["lads"]
    assert len(lads) == 296 and lads["lad_code"].is_unique
    for col in ("region_code", "utla_code", "lsip_code", "itl3_code", "ruc_class", "lat", "lon"):
        assert lads[col].notna().all(), col
    assert not set(LAD_CODE_CHANGES) & set(lads["lad_code"]) and set(LAD_CODE_CHANGES.values()) <= set(lads["lad_code"])
    assert lads["region_code"].nunique() == 9 and lads["lsip_code"].nunique() == 38
    assert checks["unmatched_lads"] == []
    assert not lads["lsip_name"].str.contains(r"^\s|\s$").any()


@pytest.mark.raw
def test_real_no_unmatched_upper_tier_authorities(real):
    tables, checks = real
    assert checks["unmatched_utlas_neet"] == []
    assert checks["unmatched_utlas_smc"] == []
    assert checks["smc_english_names_unmatched"] == []
    utlas = set(tables["lads"]["utla_code"])
    latest = tables["neet"].query("year == 2025 and area_type == 'utla'")
    # DfE does not publish the Isles of Scilly and the City of London separately
    assert utlas - set(latest["area_code"]) == {"E06000053", "E09000001"}
    assert utlas <= set(tables["smc_indices"]["area_code"])


@pytest.mark.raw
def test_real_tables_pass_their_schemas(real):
    tables, _ = real
    for spec in SPECS:
        df = spec.schema.validate(tables[spec.name], lazy=True)
        assert not df.duplicated(list(spec.keys)).any(), spec.name


@pytest.mark.raw
def test_real_place_names_resolve_the_personas_towns(real):
    tables, _ = real
    places = tables["place_names"]
    lookup = {a: c for a, c in zip(places["alias"], places["code"])}
    assert lookup["redcar"] == "E06000003" and lookup["blackpool"] == "E06000009"
    assert lookup["sunderland"] == "E08000024" and lookup["cornwall"] == "E06000052"
    assert lookup["newquay"] == "E06000052" and lookup["hull"] == "E06000010"
    assert places.set_index("alias").loc["cardiff", "country"] == "Wales"
    assert places["code"].nunique() == 361
    aliases = read_aliases()
    assert 400 <= len(aliases) <= 1200
    assert not aliases.duplicated(["alias", "code", "place"]).any()


@pytest.mark.raw
def test_real_postcodes_cover_the_uk(real):
    tables, _ = real
    out = tables["postcode_outcodes"].set_index("outcode")
    assert out.loc["TS10", "lad_code"] == "E06000003"
    assert out.loc["EH1", "country"] == "Scotland"
    main = tables["postcode_sectors"].query("is_main")
    assert main["sector"].is_unique
