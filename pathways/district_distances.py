"""How far: between two points, from a learner to the nearest part of a district (from the district outlines in the
bundle), a district's size, how alike two districts are for the Area page's comparison, and the box its map shows.

:class:`pathways.areas.AreaIndex` builds a learner's travel area and the districts to compare with from these.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import transform

__all__ = [
    "NEIGHBOUR_REACH_KM",
    "KIND_STEP_KM",
    "SAME_COUNTY_KM",
    "km_between",
    "distance_words",
    "comparison_score",
    "map_box",
    "DistrictOutlines",
]

#: "My area and the areas next to it" keeps a neighbouring district only if some part of it is within
#: this distance of the learner (their postcode sector's centre, else their district's centre), the
#: same reach as the "Up to about 25 km" choice. Without it, Camborne got Torridge and West Devon
#: (nearest parts about 80 km away) and Scarborough all 15 districts that touch North Yorkshire.
NEIGHBOUR_REACH_KM = 25.0
#: choosing a district to compare with (the Area page): one in the same region, scored by the distance between
#: centres (km) plus KIND_STEP_KM for each step apart on the ONS rural-urban scale (urban, intermediate urban,
#: intermediate rural, majority rural) and half that for "nearer to" against "further from a major town or city",
#: plus SAME_COUNTY_KM for a district in the same county (upper-tier authority), whose county-wide figures would
#: only repeat home's. Checked in tests/test_areas.py: Cornwall gets West Devon (was Adur, West Sussex), East Lindsey
#: Rutland (was North East Lincolnshire, another region; Boston, whose county figures are Lincolnshire's too, from
#: Skegness), Blackpool Preston, Redcar and Cleveland Middlesbrough, Camden Westminster.
KIND_STEP_KM = 40.0
SAME_COUNTY_KM = 60.0


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in km between two points.

    >>> round(km_between(51.5, -0.12, 53.48, -2.24))  # London to Manchester
    263
    """
    p = math.pi / 180
    a = 0.5 - math.cos((lat2 - lat1) * p) / 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * (1 - math.cos((lon2 - lon1) * p)) / 2
    return 12742 * math.asin(math.sqrt(max(a, 0.0)))


def _flat(lat0: float) -> Callable[..., tuple[float, float]]:
    """Longitude/latitude -> km on a flat plane around latitude ``lat0`` (good to about 1% over 100 km)."""
    kx, ky = 111.32 * math.cos(math.radians(lat0)), 110.57
    return lambda lon, lat, z=None: (lon * kx, lat * ky)


def distance_words(km: float) -> str:
    """ "(80 km)": to the next whole km under 50 km (so 25.3 km, left out as over 25, never reads "25 km"), to
    the nearest 5 km above, as the outlines are simplified.

    >>> distance_words(25.3), distance_words(81.9)
    ('(26 km)', '(80 km)')
    """
    return f"({round(km / 5) * 5:.0f} km)" if km >= 50 else f"({math.ceil(km):.0f} km)"


def comparison_score(home: Any, other: Any) -> float:
    """How far ``other`` is from being a near district of the same kind as ``home`` (lower is better): rows with
    ``lad_code``, ``utla_code``, ``ruc_code``, ``lat`` and ``lon``.

    >>> from types import SimpleNamespace as Row
    >>> home = Row(lad_code="A", utla_code="C1", ruc_code="RMF", lat=50.0, lon=-5.0)
    >>> town = Row(lad_code="B", utla_code="C2", ruc_code="UUN", lat=50.0, lon=-5.0)
    >>> county = Row(lad_code="D", utla_code="C1", ruc_code="RMF", lat=50.0, lon=-5.0)
    >>> comparison_score(home, town), comparison_score(home, county)
    (140.0, 60.0)
    """

    def kind(r: Any) -> tuple[int, str]:
        ruc = str(getattr(r, "ruc_code", "") or "")
        return {"UU": 0, "UI": 1, "RI": 2, "RM": 3}.get(ruc[:2], 1), ruc[2:3]

    (k1, near1), (k2, near2) = kind(home), kind(other)
    score = km_between(float(home.lat), float(home.lon), float(other.lat), float(other.lon))
    score += KIND_STEP_KM * abs(k1 - k2) + (KIND_STEP_KM / 2 if near1 != near2 else 0.0)
    same_county = getattr(home, "utla_code", None) not in (None, home.lad_code) and getattr(other, "utla_code", None) == getattr(
        home, "utla_code", None
    )
    return score + (SAME_COUNTY_KM if same_county else 0.0)


def map_box(mine: pd.DataFrame, margin: float, min_span: float) -> tuple[float, float, float, float]:
    """West, south, east, north: the box around district outlines (``mine``: rows with ``min_lon``, ``max_lon``,
    ``min_lat``, ``max_lat``) plus ``margin`` of their size on each side, at least ``min_span`` degrees of latitude
    high (and as wide, on the ground); the Area page's map shows what meets it.

    >>> mine = pd.DataFrame({"min_lon": [-1.2], "max_lon": [-1.0], "min_lat": [54.5], "max_lat": [54.6]})
    >>> map_box(mine, 0.1, 0.25)
    (-1.3586, 54.4, -0.8414, 54.7)
    """
    west, east = float(mine.min_lon.min()), float(mine.max_lon.max())
    south, north = float(mine.min_lat.min()), float(mine.max_lat.max())
    k = math.cos(math.radians((south + north) / 2))  # a degree of longitude is shorter than one of latitude
    pad = max(north - south, (east - west) * k, min_span) * margin
    mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
    half_h = max(north - south, min_span) / 2 + pad
    half_w = max((east - west) * k, min_span) / 2 / k + pad / k
    return (round(mid_lon - half_w, 4), round(mid_lat - half_h, 4), round(mid_lon + half_w, 4), round(mid_lat + half_h, 4))


class DistrictOutlines:
    """District outlines (GeoJSON text by district code, parsed on first use: a few a learner) and each
    district's centre, for distances to a district and its size."""

    def __init__(self, outlines: Mapping[str, str], centres: Mapping[str, tuple[float, float]]) -> None:
        self._text = outlines
        self._centres = centres
        self._shapes: dict[str, BaseGeometry | None] = {}

    def outline(self, code: str) -> BaseGeometry | None:
        """The district's outline as a shapely geometry (None when the bundle has none)."""
        if code not in self._shapes:
            text = self._text.get(code)
            self._shapes[code] = None if text is None else shape(json.loads(text))
        return self._shapes[code]

    def nearest_km(self, lat: float, lon: float, code: str) -> float:
        """km from (lat, lon) to the nearest part of a district (0 inside it); its centre when it has no outline."""
        outline = self.outline(code)
        if outline is None:
            return km_between(lat, lon, *self._centres[code])
        flat = _flat(lat)
        return float(transform(flat, outline).distance(Point(flat(lon, lat))))

    def km2(self, code: str) -> float:
        """A district's size in km², from its (simplified) outline; 0 when the bundle has none."""
        outline = self.outline(code)
        if outline is None:
            return 0.0
        return float(transform(_flat(self._centres[code][0]), outline).area)
