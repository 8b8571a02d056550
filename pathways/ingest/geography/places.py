"""Place names and postcodes: ``place_names`` (official, Welsh and common names of places), the check of the
hand-written aliases against the ONS Postcode Directory, and ``postcode_outcodes`` / ``postcode_sectors``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pathways.ingest.geography.codes import canonical_code, country_of_code, is_true, normalise_place_name, strip
from pathways.ingest.readers import HANDWRITTEN
from pathways.schema import source_files

__all__ = ["ALIASES_CSV", "build_place_names", "check_place_aliases", "read_aliases", "build_postcode_table"]

ALIASES_CSV = HANDWRITTEN / source_files.PLACE_ALIASES


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
    codes = canonical_code(strip(names["LAD24CD"]))
    official_name = dict(zip(codes, strip(names["LAD24NM"])))
    rows = [
        pd.DataFrame(
            {"alias": strip(names["LAD24NM"]), "code": codes, "kind": "official", "place": strip(names["LAD24NM"]), "outcode": ""}
        )
    ]
    welsh = strip(names["LAD24NMW"].fillna(""))
    has_welsh = welsh.ne("") & welsh.ne("nan")
    rows.append(
        pd.DataFrame(
            {"alias": welsh[has_welsh], "code": codes[has_welsh], "kind": "welsh", "place": welsh[has_welsh], "outcode": ""}
        )
    )
    alias_codes = canonical_code(strip(aliases["code"]))
    unknown = sorted(set(alias_codes) - set(official_name))
    if unknown:
        raise ValueError(f"{source_files.PLACE_ALIASES}: codes that are not districts: {unknown}")
    alias_text = strip(aliases["alias"])
    place = strip(aliases["place"]) if "place" in aliases else alias_text
    place = place.where(place.ne("") & place.ne("nan"), alias_text)
    outcode = strip(aliases["outcode"]).replace("nan", "") if "outcode" in aliases else ""
    rows.append(pd.DataFrame({"alias": alias_text, "code": alias_codes, "kind": "common", "place": place, "outcode": outcode}))
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
    main = table[is_true(table["is_main_lad"])]
    shares = pd.to_numeric(main["share_of_postcodes"], errors="coerce").fillna(0.0)
    return dict(zip(strip(main[key]), zip(canonical_code(strip(main["lad25cd"])), shares)))


def check_place_aliases(aliases: pd.DataFrame, outcodes: pd.DataFrame, sectors: pd.DataFrame | None = None) -> list[str]:
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
    for alias, where, code, pc in zip(aliases["alias"], place, canonical_code(strip(aliases["code"])), strip(aliases["outcode"])):
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


def read_aliases(path: Path = ALIASES_CSV) -> pd.DataFrame:
    """The hand-written place aliases (alias, place, code, outcode, note)."""
    return pd.read_csv(path, dtype="str", keep_default_na=False, comment="#")


def build_postcode_table(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Outcode or sector -> district shares from the ONSPD-derived file (all UK rows kept).

    ``key`` is ``"outcode"`` or ``"sector"`` (the raw column of the same name).
    """
    out = pd.DataFrame({
        key: strip(df[key]).str.upper(),
        "lad_code": canonical_code(strip(df["lad25cd"])),
    })  # fmt: skip
    out["country"] = out["lad_code"].map(country_of_code)
    out["share"] = pd.to_numeric(df["share_of_postcodes"]).astype(float).round(4)
    out["is_main"] = is_true(df["is_main_lad"])
    out["lat"] = pd.to_numeric(df["centroid_lat"]).astype(float).round(4)
    out["lon"] = pd.to_numeric(df["centroid_long"]).astype(float).round(4)
    return out.sort_values([key, "share", "lad_code"], ascending=[True, False, True]).reset_index(drop=True)
