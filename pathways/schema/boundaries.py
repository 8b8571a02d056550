"""Schema and provenance of the district boundaries table: the shapes the Area page's map draws.

The table is built by :mod:`pathways.ingest.boundaries` and read by the Area page's map (:mod:`pathways.answers.area`).
"""

from __future__ import annotations

import pandera.pandas as pa

from pathways.schema import source_files
from pathways.schema.spec import OGL, Source, TableSpec

__all__ = ["SPECS", "BOUNDARIES_SOURCE", "SIMPLIFY_TOLERANCE", "DECIMALS", "ENGLAND_BOX"]

#: coverage simplification tolerance, in degrees (about 200 m): shared edges stay shared
SIMPLIFY_TOLERANCE = 0.003
#: decimal places kept in each coordinate (4 = about 10 m)
DECIMALS = 4
#: (west, south, east, north) that every English district lies inside
ENGLAND_BOX = (-6.5, 49.8, 1.9, 55.9)

BOUNDARIES_SOURCE = Source(
    publisher="Office for National Statistics",
    title="Local Authority Districts (May 2024) Boundaries UK BUC (ultra generalised, clipped to the coastline)",
    files=(source_files.DISTRICT_BOUNDARIES,),
    period="May 2024 (codes mapped to 2025)",
    licence=OGL,
    attribution="Source: Office for National Statistics licensed under the Open Government Licence v3.0; "
    "contains OS data © Crown copyright and database right 2024",
    url="https://geoportal.statistics.gov.uk/",
)

_W, _S, _E, _N = ENGLAND_BOX


def _lon() -> pa.Column:
    return pa.Column(float, pa.Check.in_range(_W, _E), nullable=False)


def _lat() -> pa.Column:
    return pa.Column(float, pa.Check.in_range(_S, _N), nullable=False)


BOUNDARIES = pa.DataFrameSchema(
    {
        "lad_code": pa.Column(str, pa.Check.str_matches(r"^E0[6789]\d{6}$"), nullable=False, unique=True),
        # GeoJSON geometry text (Polygon or MultiPolygon, WGS84), exterior rings clockwise as Vega's maps need
        "geometry": pa.Column(str, pa.Check.str_matches(r'^\{"type":"(Multi)?Polygon","coordinates":\['), nullable=False),
        "label_lon": _lon(),
        "label_lat": _lat(),
        "min_lon": _lon(),
        "min_lat": _lat(),
        "max_lon": _lon(),
        "max_lat": _lat(),
    },
    strict=True,
    ordered=True,
    coerce=False,
)

SPECS: list[TableSpec] = [
    TableSpec(
        name="boundaries",
        description="The outline of every district in England, simplified for a small map: GeoJSON geometry per "
        "district, a point inside it for its name, and its bounding box.",
        schema=BOUNDARIES,
        sources=(BOUNDARIES_SOURCE,),
        basis=f"derived: ONS generalised boundaries, simplified together (edges shared by two districts stay "
        f"shared) with a tolerance of {SIMPLIFY_TOLERANCE} degrees, coordinates rounded to {DECIMALS} decimal places",
        caveats="For drawing only: the outlines are generalised (about 500 m) and clipped to the coastline, so "
        "small islands and inlets may be missing. 2024 codes changed since (Barnsley, Sheffield) are mapped to "
        "the 2025 codes used across the bundle. Wales and Scotland are left out.",
        keys=("lad_code",),
    )
]
