"""The Area page's map: district outlines from the bundle, England only, small,
zoomed to the travel area, every district of the travel area named, nothing fetched from outside."""

import json

import pandas as pd
import pytest
import shapely

from pathways.answers.area import MAP_GROUPS, area_map
from pathways.context import load_context
from pathways.schema.boundaries import ENGLAND_BOX
from views import charts

ORDER = list(MAP_GROUPS)
COLOURS = ["#dddddd", charts.PALETTE[4], charts.PALETTE[5]]
PLACES = ["FY1 1AA", "TS10 1AA", "TR14 8AA", "NW1 1AA", "YO11 1AA", "M1 1AA"]


@pytest.fixture(scope="module")
def ctx():
    return load_context()


def _map(ctx, where):
    place = ctx.resolve(where)
    travel = ctx.travel(place, "neighbours")
    m = area_map(ctx, travel.home.lad_code, travel.codes)
    labels = charts.map_labels(m.shapes, m.box, ORDER)
    spec = charts.spec("area_map", m.shapes, "Map", "A map", box=m.box, order=ORDER, colours=COLOURS, labels=labels)
    return travel, m, labels, spec


def test_every_district_in_england_has_an_outline_and_nothing_else_does(ctx):
    b = ctx.bundle.boundaries
    assert set(b.lad_code) == set(ctx.bundle.lads.lad_code)
    assert b.lad_code.str.match(r"^E0[6789]").all()
    w, s, e, n = ENGLAND_BOX
    assert (b.min_lon >= w).all() and (b.max_lon <= e).all() and (b.min_lat >= s).all() and (b.max_lat <= n).all()


def test_the_outlines_are_small_in_the_bundle(ctx):
    size = (ctx.bundle.path / "boundaries.parquet").stat().st_size
    assert size < 250_000, f"boundaries.parquet is {size:,} bytes"


def test_outlines_are_valid_and_wound_as_vega_expects(ctx):
    """Vega (d3-geo) draws an anticlockwise exterior ring as the whole globe minus the district."""
    geoms = [shapely.from_geojson(t) for t in ctx.bundle.boundaries.geometry]
    assert all(shapely.is_valid(geoms))
    for g in geoms:
        for part in getattr(g, "geoms", [g]):
            assert not part.exterior.is_ccw


def test_codes_changed_since_2024_are_mapped_to_the_bundles(ctx):
    codes = set(ctx.bundle.boundaries.lad_code)
    assert {"E08000038", "E08000039"} <= codes and not {"E08000016", "E08000019"} & codes


@pytest.mark.parametrize("where", PLACES)
def test_every_district_of_the_travel_area_is_named(ctx, where):
    travel, m, labels, spec = _map(ctx, where)
    names = dict(zip(ctx.bundle.lads.lad_code, ctx.bundle.lads.name))
    wanted = {names[c] for c in travel.codes} | {names[travel.home.lad_code]}
    assert set(labels.Area) == wanted
    assert set(m.table.Area) == wanted
    home = m.table[m.table["On the map"] == "Where you live"].Area.tolist()
    assert home == [names[travel.home.lad_code]]
    # every name (or its number) is written on the map
    written = {d["Label"] for d in _rows(spec) if "Label" in d}
    assert set(labels.Label) <= written


@pytest.mark.parametrize("where", PLACES)
def test_the_map_is_zoomed_to_the_travel_area(ctx, where):
    travel, m, labels, spec = _map(ctx, where)
    w, s, e, n = m.box
    b = ctx.bundle.boundaries.set_index("lad_code").loc[list(travel.codes)]
    assert w <= b.min_lon.min() and e >= b.max_lon.max() and s <= b.min_lat.min() and n >= b.max_lat.max()
    # a part of England, not all of it, and only the districts near the box are sent
    assert (n - s) < 0.6 * (ENGLAND_BOX[3] - ENGLAND_BOX[1])
    assert len(m.shapes) < 120
    assert spec["projection"]["fit"]["geometry"]["coordinates"][0][0] == [w, s]


@pytest.mark.parametrize("where", PLACES)
def test_the_map_fetches_nothing_and_describes_itself(ctx, where):
    travel, m, labels, spec = _map(ctx, where)
    text = json.dumps({k: v for k, v in spec.items() if k != "$schema"})  # the schema's name is not fetched
    assert "http" not in text and '"url"' not in text
    assert spec["description"] == "A map"
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks[0] == "geoshape" and "text" in marks
    assert all(layer["mark"].get("clip") for layer in spec["layer"])
    assert len(text) < 200_000


def test_names_do_not_overlap_at_phone_width():
    shapes = pd.DataFrame(
        {"Area": ["Aaaa", "Bbbb", "Cccc"], "label_lon": [-1.0, -1.0, -1.0], "label_lat": [53.0, 53.0, 53.0], "size": [11, 11, 11]}
    )
    labels = charts.place_labels(shapes, (-1.5, 52.5, -0.5, 53.5), height=420)
    assert labels.Label.tolist() == ["Aaaa", "Bbbb", "Cccc"]
    assert labels.moved.tolist() == [False, True, True]
    assert len(set(zip(labels.lon.round(4), labels.lat.round(4)))) == 3


def test_colours_are_the_colour_blind_safe_palette(ctx):
    *_, spec = _map(ctx, "FY1 1AA")
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domain"] == ORDER and scale["range"][1:] == [charts.PALETTE[4], charts.PALETTE[5]]


def _rows(spec: dict) -> list[dict]:
    rows = []
    for values in spec.get("datasets", {}).values():
        rows += values
    return rows
