"""Geography step of the ingest: districts, areas above them, place names, postcodes, travel, NEET, SMC.

Builds the tables described in :mod:`pathways.schema.geography` from the official files in the
raw folder. Canonical district codes are the 2025 GSS codes: where a source still uses an older
code (Barnsley and Sheffield changed in 2024) it is mapped with
:data:`pathways.ingest.geography.codes.LAD_CODE_CHANGES`.

One module per table family: :mod:`.districts` (``lads``, ``areas``), :mod:`.places` (``place_names``,
the postcode tables), :mod:`.travel` (``lad_neighbours``, ``travel_flows``), :mod:`.neet`, :mod:`.smc`;
:mod:`.codes` and :mod:`.osgb` hold what they share. Importing this package reads no file and builds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pathways.ingest.geography.codes import country_of_code, normalise_place_name
from pathways.ingest.geography.districts import build_areas, build_lads
from pathways.ingest.geography.neet import NEET_YEARS, build_neet
from pathways.ingest.geography.places import build_place_names, build_postcode_table, check_place_aliases, read_aliases
from pathways.ingest.geography.smc import build_smc_indices
from pathways.ingest.geography.travel import build_apprenticeship_flows, build_commuting_flows, build_neighbours
from pathways.schema import source_files

# normalise_place_name: re-exported for tests/test_areas.py, which checks the ingest and run-time folding agree
__all__ = ["FILES", "read_raw", "build", "normalise_place_name"]

#: Raw files read by this step (paths relative to the raw folder, from :mod:`pathways.schema.source_files`), by the
#: name the table builders know each one's frame by.
FILES: dict[str, str] = {
    "names": source_files.DISTRICT_NAMES,
    "regions": source_files.DISTRICT_REGIONS,
    "utlas": source_files.DISTRICT_UPPER_TIER,
    "lsips": source_files.DISTRICT_LSIP_AREAS,
    "itl": source_files.DISTRICT_ITL,
    "cas": source_files.DISTRICT_COMBINED_AUTHORITIES,
    "ruc": source_files.DISTRICT_RURAL_URBAN,
    "centroids": source_files.DISTRICT_CENTROIDS,
    "neighbours": source_files.DISTRICT_NEIGHBOURS,
    "outcodes": source_files.POSTCODE_DISTRICTS,
    "sectors": source_files.POSTCODE_SECTORS,
    "apprenticeship_flows": source_files.STARTS_HOME_TO_DELIVERY,
    "commuting": source_files.COMMUTING,
    **{f"neet_{year}": path for year, path in source_files.NEET_BY_YEAR.items()},
    **{f"smc_ci{i}": path for i, path in enumerate(source_files.SMC_INDICES, start=1)},
}


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


def build(raw: Path, built: dict[str, pd.DataFrame], checks: dict[str, object]) -> dict[str, pd.DataFrame]:
    """Build every geography table from the raw folder; record unmatched names in ``checks``."""
    f = read_raw(raw)
    problems: list[str] = []
    lads = build_lads(f, problems)
    checks["unmatched_lads"] = problems
    place_names = _place_names(f, checks)
    neet, former = _neet(f, lads, checks)
    smc = _smc(f, lads, checks)
    flows = _travel_flows(f, lads, checks)
    _print_checks(checks)
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


def _place_names(f: dict[str, pd.DataFrame], checks: dict[str, object]) -> pd.DataFrame:
    """``place_names``, once every hand-written alias has passed its check against ONSPD."""
    aliases = read_aliases()
    bad_aliases = check_place_aliases(aliases, f["outcodes"], f["sectors"])
    if bad_aliases:
        raise ValueError(f"{source_files.PLACE_ALIASES} entries that disagree with ONSPD:\n" + "\n".join(bad_aliases))
    place_names = build_place_names(f["names"], aliases)
    shared = place_names[place_names.duplicated("alias", keep=False)]
    checks["place_aliases"] = {
        "rows": len(aliases),
        "checked_against_onspd": len(aliases) - len(bad_aliases),
        "names_shared_by_several_places": sorted(set(shared["alias"])),
    }
    return place_names


def _neet(f: dict[str, pd.DataFrame], lads: pd.DataFrame, checks: dict[str, object]) -> tuple[pd.DataFrame, dict[str, str]]:
    """``neet`` and the former upper-tier areas it keeps (code -> name); LAs without figures in the checks."""
    neet, neet_unmatched, former = build_neet({y: f[f"neet_{y}"] for y in NEET_YEARS}, lads)
    checks["unmatched_utlas_neet"] = neet_unmatched
    latest = neet[neet["year"].eq(max(NEET_YEARS)) & neet["area_type"].eq("utla")]
    checks["utlas_without_neet_latest_year"] = [
        f"{c} {n}: not published separately by DfE (use the region)"
        for c, n in lads[["utla_code", "utla_name"]].drop_duplicates().itertuples(index=False)
        if c not in set(latest["area_code"])
    ]
    checks["neet_former_areas_kept"] = [f"{c} {n}" for c, n in sorted(former.items())]
    return neet, former


def _smc(f: dict[str, pd.DataFrame], lads: pd.DataFrame, checks: dict[str, object]) -> pd.DataFrame:
    """``smc_indices``; SMC area names not used (and English ones unmatched) in the checks."""
    names = f["names"]
    other = {n.strip(): country_of_code(c) for c, n in zip(names["LAD24CD"], names["LAD24NM"]) if not c.startswith("E")}
    smc, smc_skipped = build_smc_indices([f[f"smc_ci{i}"] for i in (1, 2, 3, 4)], lads, other)
    checks["unmatched_utlas_smc"] = sorted(set(lads["utla_code"]) - set(smc["area_code"]))
    checks["smc_names_unmatched"] = smc_skipped
    checks["smc_english_names_unmatched"] = [s for s in smc_skipped if "UNMATCHED" in s]
    return smc


def _travel_flows(f: dict[str, pd.DataFrame], lads: pd.DataFrame, checks: dict[str, object]) -> pd.DataFrame:
    """``travel_flows``: apprenticeship and commuting flows; codes that are not districts in the checks."""
    flows = (
        pd.concat(
            [build_apprenticeship_flows(f["apprenticeship_flows"]), build_commuting_flows(f["commuting"], lads)],
            ignore_index=True,
        )
        .sort_values(["kind", "home_code", "dest_code"])
        .reset_index(drop=True)
    )
    checks["travel_flow_codes_not_in_lads"] = sorted((set(flows["home_code"]) | set(flows["dest_code"])) - set(lads["lad_code"]))
    return flows


def _print_checks(checks: dict[str, object]) -> None:
    for name, value in checks.items():
        if (
            name.startswith(("unmatched_", "smc_", "utlas_without", "neet_former", "travel_flow"))
            and value
            and isinstance(value, (list, tuple))
        ):
            print(f"geography check {name}: {len(value)}: {value[:10]}")
