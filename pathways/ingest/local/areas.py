"""Area names to GSS codes: the :class:`AreaMatcher` the local tables use, its reviewed aliases and the
areas left out on purpose. Names are compared after :func:`pathways.text.fold`, the normaliser the app uses for
what people type, so "Brighton & Hove", "Kingston upon Hull, City of" and "King’s Lynn" match however a source
writes their punctuation, accents and apostrophes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from pathways import vocab
from pathways.text import fold

__all__ = ["ENGLAND", "UK", "OLD_TO_NEW_LAD", "ALIASES", "DROPPED_AREAS", "SOURCE_AREA_TYPES", "AreaMatcher"]

#: the comparator areas' codes, from the one vocabulary (:mod:`pathways.vocab`)
ENGLAND = vocab.ENGLAND.code
UK = vocab.UK.code
#: LAD codes that changed on 1 April 2025 (boundary changes), old -> new.
OLD_TO_NEW_LAD = {"E08000016": "E08000038", "E08000019": "E08000039"}  # Barnsley, Sheffield
#: Reviewed spellings that differ from ONS names, by area type: source name -> GSS code.
#: Used only when the plain (normalised) name does not match and the code exists in ``areas``.
ALIASES: dict[str, dict[str, str]] = {
    "lad": {
        "Bristol": "E06000023",  # ONS: "Bristol, City of"
        "Herefordshire": "E06000019",  # ONS: "Herefordshire, County of"
        "Kingston upon Hull": "E06000010",  # ONS: "Kingston upon Hull, City of"
        "Hull": "E06000010",
    },
    "lsip": {  # LSIP23 names and the later DfE dashboard names
        "Brighton and Hove East Sussex West Sussex": "E69000001",
        "Sussex and Brighton": "E69000001",
        "Derbyshire and Nottinghamshire": "E69000007",
        "East Midlands": "E69000007",
        "Essex Southend-on-Sea and Thurrock": "E69000010",
        "Greater Essex": "E69000010",
        "Gloucestershire": "E69000011",
        "G First (Gloucestershire)": "E69000011",
        "Heart of the South-West": "E69000015",
        "Leicester and Leicestershire": "E69000020",
        "Leicester, Leicestershire and Rutland": "E69000020",
        "Norfolk and Suffolk": "E69000022",
        "New Anglia": "E69000022",
        "South East Midlands": "E69000027",
        "West Midlands and Warwickshire": "E69000034",
    },
    "ca": {"Cambridge and Peterborough": "E47000008", "Cambridgeshire and Peterborough": "E47000008"},
    "region": {"East": "E12000006"},
    "country": {"England": ENGLAND},
}
#: Source areas left out on purpose, with the reason (recorded in the checks, not "unmatched").
DROPPED_AREAS: dict[str, str] = {
    "Greater London Authority": "not a combined authority in the ONS lookup; same area as the Greater London LSIP",
    "NA": "no area name in the source",
    "Outside of an English Devolved Area and unknown": "not an area",
    "Outside of England and unknown": "not an area",
    "Rhondda Cynon Taff": "outside England (ONS spells it Rhondda Cynon Taf)",
}
#: Source area types -> our area types.
SOURCE_AREA_TYPES = {"LAD": "lad", "LSIP": "lsip", "MCA": "ca", "Country": "country"}


@dataclass
class AreaMatcher:
    """Maps area names to GSS codes using the geography step's ``lads`` and ``areas``.

    ``non_english`` holds normalised names of Welsh, Scottish and Northern Irish districts,
    which are dropped rather than reported as unmatched. ``unmatched`` and ``dropped`` collect,
    per table, the names that got no code.
    """

    lads: pd.DataFrame
    areas: pd.DataFrame
    non_english: frozenset[str] = frozenset()
    unmatched: dict[str, list[str]] = field(default_factory=dict)
    dropped: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, dict[str, str]] = {"lad": _name_index(self.lads["name"], self.lads["lad_code"])}
        for kind in ("lsip", "ca", "region", "country"):
            sub = self.areas[self.areas["area_type"] == kind]
            index[kind] = _name_index(sub["name"], sub["area_code"])
        index["country"].setdefault("england", ENGLAND)
        for kind, aliases in ALIASES.items():
            known = set(index[kind].values())
            for name, code in aliases.items():
                if code in known:
                    index[kind].setdefault(fold(name), code)
        self.index = index
        self.names = {kind: _code_names(self.areas, kind) for kind in ("lsip", "ca", "region", "country")}
        self.names["lad"] = dict(zip(self.lads["lad_code"], self.lads["name"]))
        self.names["country"].setdefault(ENGLAND, "England")

    def code(self, kind: str, name: str) -> str | None:
        """The code of one named area of a kind (``lad``, ``lsip``, ``ca``, ``region``, ``country``)."""
        return self.index.get(kind, {}).get(fold(name))

    def attach(self, df: pd.DataFrame, table: str, kind_col: str = "area_type", name_col: str = "area_name") -> pd.DataFrame:
        """Add ``area_type`` (ours) and ``area_code``; drop and record rows that get no code."""
        kinds = df[kind_col].map(lambda k: SOURCE_AREA_TYPES.get(k, k))
        codes = [self.code(k, n) for k, n in zip(kinds, df[name_col])]
        out = df.assign(area_type=kinds.astype(str), area_code=pd.Series(codes, index=df.index, dtype=object))
        missing = out["area_code"].isna()
        for kind, name in out.loc[missing, ["area_type", name_col]].drop_duplicates().itertuples(index=False):
            self.record(table, kind, name)
        out = out[~missing].copy()
        out["area_code"] = out["area_code"].astype(str)
        return out

    def record(self, table: str, kind: str, name: str) -> None:
        """Record a name without a code: dropped on purpose, or unmatched."""
        if kind == "lad" and fold(name) in self.non_english:
            self.dropped.setdefault(table, {})[name] = "outside England"
        elif name in DROPPED_AREAS:
            self.dropped.setdefault(table, {})[name] = DROPPED_AREAS[name]
        else:
            entries = self.unmatched.setdefault(table, [])
            if f"{kind}: {name}" not in entries:
                entries.append(f"{kind}: {name}")


def _name_index(names: Iterable[str], codes: Iterable[str]) -> dict[str, str]:
    return {fold(n): str(c) for n, c in zip(names, codes) if isinstance(n, str) and isinstance(c, str)}


def _code_names(areas: pd.DataFrame, kind: str) -> dict[str, str]:
    sub = areas[areas["area_type"] == kind].drop_duplicates("area_code")
    return dict(zip(sub["area_code"], sub["name"]))
