"""Ingest step ``boundaries``: district outlines for the Area page's map.

Reads ONS "Local Authority Districts (May 2024) Boundaries UK BUC" as GeoJSON
(``ons_geography/``, see ``../shared/data/raw/SOURCES.md`` section 3), keeps England, and
simplifies the districts *together* with :func:`shapely.coverage_simplify`, so that an edge two
districts share is simplified once and no gaps or overlaps open between them. 2024 codes are
mapped to the bundle's 2025 codes with :func:`pathways.ingest.geography.codes.canonical_code`.

Each district is stored as GeoJSON geometry text (rounded coordinates, exterior rings clockwise:
Vega draws a ring the other way round as the whole globe minus the district), with a point inside
it for its name (the pole of inaccessibility of its largest part, so a name never sits in the sea
or in a neighbour) and its bounding box, so the app can choose the districts near a travel area
without parsing any geometry. The table is described in :mod:`pathways.schema.boundaries`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import shapely
from shapely.geometry import mapping, shape
from shapely.ops import polylabel

from pathways.ingest.geography.codes import canonical_code
from pathways.schema.boundaries import DECIMALS, SIMPLIFY_TOLERANCE
from pathways.schema.source_files import DISTRICT_BOUNDARIES

__all__ = ["build", "build_boundaries", "geometry_text", "label_point"]


def _rounded(coords: Any, decimals: int) -> Any:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), decimals) for c in coords]
    return [_rounded(c, decimals) for c in coords]


def geometry_text(geom: shapely.Geometry, decimals: int = DECIMALS) -> str:
    """Compact GeoJSON text of a polygon, exterior rings clockwise, coordinates snapped to a grid of
    ``decimals`` decimal places (a part too small for the grid is dropped).

    >>> from shapely.geometry import box
    >>> geometry_text(box(0, 0, 1, 1))
    '{"type":"Polygon","coordinates":[[[0.0,0.0],[0.0,1.0],[1.0,1.0],[1.0,0.0],[0.0,0.0]]]}'
    """
    geom = shapely.set_precision(geom, 10.0**-decimals)  # on the grid first, so rounding cannot make it invalid
    geom = shapely.orient_polygons(geom, exterior_cw=True)
    g = mapping(geom)
    return json.dumps({"type": g["type"], "coordinates": _rounded(g["coordinates"], decimals)}, separators=(",", ":"))


def label_point(geom: shapely.Geometry) -> tuple[float, float]:
    """A point well inside the largest part of ``geom`` (lon, lat), measured with east-west
    distances scaled to ground distances at the district's latitude."""
    parts = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
    largest = max(parts, key=lambda p: p.area)
    k = math.cos(math.radians(largest.centroid.y))
    squashed = shapely.transform(largest, lambda xy: xy * [k, 1.0])
    point = polylabel(squashed, tolerance=0.001)
    return round(point.x / k, DECIMALS), round(point.y, DECIMALS)


def build_boundaries(collection: dict, tolerance: float = SIMPLIFY_TOLERANCE) -> pd.DataFrame:
    """One row per English district from a GeoJSON FeatureCollection with ``LAD24CD``."""
    features = [f for f in collection["features"] if str(f["properties"]["LAD24CD"]).strip().startswith("E")]
    codes = canonical_code(pd.Series([str(f["properties"]["LAD24CD"]).strip() for f in features]))
    geoms = [shape(f["geometry"]) for f in features]
    if not shapely.coverage_is_valid(geoms):
        raise ValueError("the district boundaries overlap or leave gaps: they cannot be simplified together")
    simple = shapely.coverage_simplify(geoms, tolerance)
    bounds = shapely.bounds(simple)
    labels = [label_point(g) for g in simple]
    out = pd.DataFrame(
        {
            "lad_code": codes.astype(str),
            "geometry": [geometry_text(g) for g in simple],
            "label_lon": [p[0] for p in labels],
            "label_lat": [p[1] for p in labels],
            "min_lon": bounds[:, 0].round(DECIMALS),
            "min_lat": bounds[:, 1].round(DECIMALS),
            "max_lon": bounds[:, 2].round(DECIMALS),
            "max_lat": bounds[:, 3].round(DECIMALS),
        }
    )
    return out.sort_values("lad_code").reset_index(drop=True)


def build(raw: Path, built: dict[str, pd.DataFrame], checks: dict[str, object]) -> dict[str, pd.DataFrame]:
    """Build the ``boundaries`` table (needs ``lads`` in ``built``: every district must have an outline)."""
    collection = json.loads((Path(raw) / DISTRICT_BOUNDARIES).read_text())
    table = build_boundaries(collection)
    lads = set(built["lads"]["lad_code"])
    missing, extra = sorted(lads - set(table["lad_code"])), sorted(set(table["lad_code"]) - lads)
    if missing or extra:
        raise ValueError(f"boundaries: districts without an outline {missing}; outlines of unknown districts {extra}")
    points = int(sum(shapely.get_num_coordinates([shapely.from_geojson(t) for t in table["geometry"]])))
    checks["boundaries"] = {
        "districts": int(len(table)),
        "points": points,
        "geometry_characters": int(table["geometry"].str.len().sum()),
    }
    print(f"  boundaries: {len(table)} districts, {points} points after simplifying")
    return {"boundaries": table}
