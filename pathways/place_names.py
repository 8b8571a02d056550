"""The index of place names a learner may type: districts, counties, towns, villages and London neighbourhoods,
with a short "did you mean" list for a name several places share or a misspelling.

Names are matched by a key: :func:`normalise_query`, the one normaliser for what a person types (the pages, the
area index and the course lists use it); :func:`parse_postcode` tells a postcode from a name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

import pandas as pd
from rapidfuzz import fuzz, process

from pathways.text import fold
from pathways.vocab import ENGLAND

__all__ = [
    "PlaceName",
    "PlaceNames",
    "FUZZY_CUTOFF",
    "FUZZY_MARGIN",
    "MAX_CHOICES",
    "MIN_FUZZY_LENGTH",
    "MAX_QUERY",
    "normalise_query",
    "parse_postcode",
    "or_list",
]

#: "did you mean" suggestions for a name we cannot find: rapidfuzz's ``fuzz.ratio`` (0-100, normalised Indel
#: similarity) of the typed name against every place name; names scoring at least this, and within
#: :data:`FUZZY_MARGIN` of the best, are offered. Measured in tests/test_areas.py on 30 misspellings and 30
#: strings that are not places (the test prints precision and recall): at 80 "nothing" offered Worthing and
#: "my street" offered Street; at 85 "Huyten" (83) lost Huyton; 82 had precision 1.0 and recall 1.0 there.
FUZZY_CUTOFF = 82.0
FUZZY_MARGIN = 10.0
#: at most this many choices are offered, and names under this many letters get no fuzzy suggestions
MAX_CHOICES = 5
MIN_FUZZY_LENGTH = 4
#: what a person types is cut to this many characters before it is matched
MAX_QUERY = 100
_FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])([A-Z]{2})$")
_SECTOR = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ([0-9])$")
_OUTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def normalise_query(text: object) -> str:
    """Upper-case, strip accents, control characters and punctuation; cap the length (the shared
    :func:`pathways.text.fold`, as the ingest uses for place names).

    >>> normalise_query("  ts10  1aa ")
    'TS10 1AA'
    >>> normalise_query("Stoke-on-Trent\\x00")
    'STOKE ON TRENT'
    >>> normalise_query("King’s Lynn") == normalise_query("King's Lynn") == "KINGS LYNN"
    True
    """
    return fold(text, MAX_QUERY).upper()[:MAX_QUERY].strip()


def parse_postcode(text: str) -> tuple[str, str | None] | None:
    """Split a normalised query into (outcode, sector) if it looks like a postcode.

    >>> parse_postcode("TS10 1AA")
    ('TS10', 'TS10 1')
    >>> parse_postcode("TS101AA")
    ('TS10', 'TS10 1')
    >>> parse_postcode("FY1 4")
    ('FY1', 'FY1 4')
    >>> parse_postcode("TR1")
    ('TR1', None)
    >>> parse_postcode("REDCAR") is None
    True
    """
    compact = text.replace(" ", "")
    m = _FULL.match(compact)
    if m:
        return m.group(1), f"{m.group(1)} {m.group(2)}"
    m = _SECTOR.match(text)
    if m:
        return m.group(1), f"{m.group(1)} {m.group(2)}"
    if _OUTCODE.match(compact) and any(ch.isdigit() for ch in compact):
        return compact, None
    return None


class PlaceName(NamedTuple):
    """One place a typed name may mean."""

    key: str
    code: str
    name: str  # the district's official name
    country: str
    place: str  # the place's own name, as written
    kind: str
    outcode: str = ""  # the town centre's postcode district, when the bundle gives it


def or_list(items: list[str]) -> str:
    """ "A", "A or B", "A, B or C".

    >>> or_list(["Kirkby (Knowsley)", "Kirkby Stephen (Westmorland and Furness)", "Kirkby-in-Ashfield (Ashfield)"])
    'Kirkby (Knowsley), Kirkby Stephen (Westmorland and Furness) or Kirkby-in-Ashfield (Ashfield)'
    """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


class PlaceNames:
    """Names -> the places they may mean; the keys rapidfuzz searches; for each place, a choice (label, query)
    whose query finds that place again."""

    def __init__(self, names: pd.DataFrame, lads: Mapping[str, Any]) -> None:
        self._lads = lads
        self._suggested: dict[str, tuple[tuple[str, str], ...]] = {}
        self._names: dict[str, list[PlaceName]] = {}
        has_place = "place" in names.columns
        has_outcode = "outcode" in names.columns  # not in bundles built before 2026-12: then a town is its district's centre
        for r in names.itertuples(index=False):
            place = str(r.place) if has_place and str(r.place) not in ("", "nan") else str(r.name)
            outcode = str(r.outcode) if has_outcode and str(r.outcode) not in ("", "nan", "None") else ""
            row = PlaceName(normalise_query(r.alias), r.code, r.name, r.country, place, r.kind, outcode)
            rows = self._names.setdefault(row.key, [])
            if all((x.code, normalise_query(x.place)) != (row.code, normalise_query(row.place)) for x in rows):
                rows.append(row)
        self._fuzzy_keys: list[str] = sorted(self._names)
        self._add_choices()

    def _add_choices(self) -> None:
        """Each place that shares its name gets a text of its own ("Kirkby, Knowsley"), so that a choice, once
        made, is found again on every page."""
        self._choice: dict[tuple[str, str], tuple[str, str]] = {}
        extra: dict[str, PlaceName] = {}
        for rows in list(self._names.values()):
            for row in rows:
                label, query = self._label_and_query(row)
                self._choice[(row.code, normalise_query(row.place))] = (label, query)
                key = normalise_query(query)
                if key not in self._names:
                    extra.setdefault(key, row)
        for key, row in extra.items():
            self._names[key] = [row]

    def _area_of(self, row: PlaceName) -> str:
        """The wider area named after a place to tell it apart: its district, else its county, else region."""
        if row.country != ENGLAND.name:
            return row.country
        lad = self._lads.get(row.code)
        place = normalise_query(row.place)
        for area in (row.name, getattr(lad, "utla_name", ""), getattr(lad, "region_name", "")):
            if area and normalise_query(area) != place:
                return str(area)
        return row.name

    def _label_and_query(self, row: PlaceName) -> tuple[str, str]:
        area = self._area_of(row)
        label = f"{row.place} ({area})"
        same_name = self._names.get(normalise_query(row.place), [])
        own = not same_name or (len(same_name) == 1 and same_name[0].code == row.code)
        return label, (row.place if own else f"{row.place}, {area}")

    def lookup(self, q: str) -> list[PlaceName]:
        """The places a normalised name means ("CITY OF" before it, or "COUNCIL", "BOROUGH", "DISTRICT" or "CITY"
        after it, ignored); [] when none."""
        hit = self._names.get(q) or self._names.get(q.removeprefix("CITY OF ").strip())
        if not hit:
            for suffix in (" COUNCIL", " BOROUGH", " DISTRICT", " CITY"):
                hit = hit or self._names.get(q.removesuffix(suffix).strip())
        return hit or []

    def choices(self, rows: list[PlaceName]) -> tuple[tuple[str, str], ...]:
        """The (label, query) choices for places, each once, in order."""
        out: list[tuple[str, str]] = []
        for row in rows:
            choice = self._choice[(row.code, normalise_query(row.place))]
            if choice not in out:
                out.append(choice)
        return tuple(out)

    def suggest(self, q: str, limit: int = MAX_CHOICES) -> tuple[tuple[str, str], ...]:
        """Places whose name is close to the normalised text ``q`` (a misspelling): ``(label, query)`` pairs, best
        first.

        rapidfuzz's ``fuzz.ratio`` against every place name, keeping names that score at least
        :data:`FUZZY_CUTOFF` and within :data:`FUZZY_MARGIN` of the best; nothing for fewer than
        :data:`MIN_FUZZY_LENGTH` letters. Results are kept (up to 2,049 texts) as pages ask again on each rerun.
        """
        if len(q.replace(" ", "")) < MIN_FUZZY_LENGTH:
            return ()
        cached = self._suggested.get(q)
        if cached is not None:
            return cached[:limit]
        hits = process.extract(q, self._fuzzy_keys, scorer=fuzz.ratio, limit=3 * MAX_CHOICES, score_cutoff=FUZZY_CUTOFF)
        hits.sort(key=lambda h: (-h[1], h[0]))
        hits = [h for h in hits if h[1] >= hits[0][1] - FUZZY_MARGIN]
        rows = [row for key, _score, _i in hits for row in self._names[key]]
        found = self.choices(rows)[:MAX_CHOICES]
        if len(self._suggested) > 2048:
            self._suggested.clear()
        self._suggested[q] = found
        return found[:limit]
