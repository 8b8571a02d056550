"""The explorer's charts, as Altair builders: one function per kind of chart.

Pages do not build charts themselves; they call :func:`views.widgets.chart` with the name of a
builder here and its data. ``views.cache.chart_spec`` caches the finished Vega-Lite spec, because building
and validating an Altair chart costs 20-40 ms a chart on every rerun (most of the Area page's
server time before this module existed).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd

#: colour-blind-safe palette (Okabe-Ito)
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: below the chart, two to a row, so every entry fits on a phone (one row was cut off at 375 px)
_LEGEND = alt.Legend(orient="bottom", title=None, columns=2, labelLimit=0)
#: a legend entry longer than this goes one to a row: two to a row cut "East Midlands (estimate)" to
#: "East Midlands (esti…" at 375 px
LEGEND_PAIR_MAX = 20
#: a bar's label longer than this is written on more lines (a label cut at 220 px left it unreadable on a phone)
LABEL_LINE = 22
#: a bar label's line height in pixels (a bar's row is as tall as its longest label)
LINE_PX = 13


def _legend(data: pd.DataFrame, column: str) -> alt.Legend:
    """The legend for ``column``: below the chart, never cut; two to a row only when every entry is short."""
    names = [str(v) for v in data[column].unique()] if column in data else []
    long = any(len(n) > LEGEND_PAIR_MAX for n in names)
    return alt.Legend(orient="bottom", title=None, columns=1 if long else 2, labelLimit=0)


def _wrapped(data: pd.DataFrame, label: str) -> tuple[pd.DataFrame, alt.Axis, alt.Step]:
    """``data`` with its ``label`` column on short lines (``label`` + " (lines)"), an axis that writes them so, and
    a row height that fits the longest: nothing cut off on a phone."""
    wrapped = [_wrap(str(v), LABEL_LINE, most=5) for v in data[label]]
    most = max((w.count("\n") + 1 for w in wrapped), default=1)
    return (
        data.assign(**{f"{label} (lines)": wrapped}),
        alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=0, labelLineHeight=LINE_PX),
        alt.Step(max(24, most * LINE_PX + 10)),
    )


def _colours(data: pd.DataFrame, column: str) -> alt.Scale:
    """Colours in the order the values first appear in the data, so a series keeps its colour whatever
    it is called: without a domain Vega-Lite sorts names, and the local area's colour swapped with
    England's between, say, Blackpool (before "England") and Redcar (after it)."""
    domain = [str(v) for v in dict.fromkeys(data[column].tolist())] if column in data else []
    return alt.Scale(domain=domain, range=PALETTE[: max(len(domain), 1)]) if domain else alt.Scale(range=PALETTE)


def _wrap(name: str, width: int = 14, most: int = 3) -> str:
    """A name on up to ``most`` short lines, so labels crowd each other less on a phone.

    >>> _wrap("Redcar and Cleveland")
    'Redcar and\\nCleveland'
    """
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[: most - 1] + [" ".join(lines[most - 1 :])]
    return "\n".join(lines)


#: the narrowest the map is drawn (a 375 px phone less the page's margins): names are placed to fit here,
#: and stay apart on wider screens, where the map grows and the names do not
MAP_MIN_WIDTH = 330
MAP_HEIGHT = 400


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    return math.radians(lon), -math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


#: a map's bounding box, west, south, east, north (or a label's, in pixels: left, top, right, bottom)
Box = tuple[float, float, float, float]
#: where a name may go around its point, in steps of its own size: above, below, beside, then the corners
_AROUND = ((0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, 1), (1, 1), (-1, -1))


def _text_box(text: str, size: float) -> tuple[float, float]:
    """The width and height in pixels of ``text`` (its lines split at newlines) written at ``size``."""
    lines = text.split("\n")
    return max(map(len, lines)) * size * 0.6 + 6, len(lines) * size * 1.25 + 2


def _spots(bw: float, bh: float, far: bool) -> list[tuple[float, float]]:
    """Where a label ``bw`` x ``bh`` pixels may go, nearest first, as (dx, dy) from its point: at it, else
    around it in rings (a number, ``far``, may go one ring further)."""
    rings = (1.0, 1.6) if not far else (1.0, 1.6, 2.2)
    return [(0.0, 0.0)] + [(bw * 0.6 * x * r, bh * 0.8 * y * r) for r in rings for x, y in _AROUND]


class _LabelSpace:
    """A map of ``box`` drawn ``width`` x ``height`` pixels (Mercator), with the boxes of the names already
    written on it."""

    def __init__(self, box: Box, width: int, height: int) -> None:
        w, s, e, n = box
        (self.x0, self.y0), (x1, y1) = _mercator(w, n), _mercator(e, s)
        self.scale = min(width / (x1 - self.x0), height / (y1 - self.y0))
        self.left = (width - (x1 - self.x0) * self.scale) / 2
        self.top = (height - (y1 - self.y0) * self.scale) / 2
        self.width, self.height = width, height
        self.taken: list[Box] = []

    def to_px(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = _mercator(lon, lat)
        return self.left + (x - self.x0) * self.scale, self.top + (y - self.y0) * self.scale

    def to_geo(self, px: float, py: float) -> tuple[float, float]:
        x, y = (px - self.left) / self.scale + self.x0, (py - self.top) / self.scale + self.y0
        return math.degrees(x), math.degrees(2 * math.atan(math.exp(-y)) - math.pi / 2)

    def free_spot(self, px: float, py: float, text: str, size: float) -> tuple[float, float, Box] | None:
        """The first of :func:`_spots` where ``text`` fits on the map without touching a name already written:
        (dx, dy, its box); None when there is none."""
        bw, bh = _text_box(text, size)
        for dx, dy in _spots(bw, bh, far=text.isdigit()):
            b = (px + dx - bw / 2, py + dy - bh / 2, px + dx + bw / 2, py + dy + bh / 2)
            inside = b[0] >= 0 and b[1] >= 0 and b[2] <= self.width and b[3] <= self.height
            if inside and not any(b[0] < t[2] and t[0] < b[2] and b[1] < t[3] and t[1] < b[3] for t in self.taken):
                return dx, dy, b
        return None

    def write(self, px: float, py: float, name: str, number: str, size: float) -> tuple[str, float, float]:
        """Write ``name`` near the pixel (px, py), else ``number``: the text written and how far it moved."""
        found = None
        for text in (name, number):  # the name, else a number listed under the map
            found = self.free_spot(px, py, text, size)
            if found:
                break
        if not found:  # crowded even for a number: at its point, over its neighbours
            bw, bh = _text_box(text, size)
            found = (0.0, 0.0, (px - bw / 2, py - bh / 2, px + bw / 2, py + bh / 2))
        dx, dy, b = found
        self.taken.append(b)
        return text, dx, dy


def place_labels(points: pd.DataFrame, box: Box, height: int, width: int = MAP_MIN_WIDTH) -> pd.DataFrame:
    """Where to write each name (``Area``, ``label_lon``, ``label_lat``, ``size``; first rows first) so
    no two overlap on a map of ``box`` drawn ``width`` x ``height`` pixels: at its point, else just
    above, below or beside it (with a line back to the point), else as a number listed under the map.

    Returns ``lon``, ``lat`` (where the text goes), ``Label`` (the name on up to three lines, or a
    number), ``point_lon``, ``point_lat``, ``moved``, ``size`` and ``Area``."""
    space = _LabelSpace(box, width, height)
    rows, number = [], 0
    for area, lon, lat, size in zip(points["Area"], points["label_lon"], points["label_lat"], points["size"]):
        px, py = space.to_px(lon, lat)
        text, dx, dy = space.write(px, py, _wrap(str(area)), str(number + 1), size)
        if text.isdigit():
            number += 1
        lon2, lat2 = space.to_geo(px + dx, py + dy)
        rows.append(
            {
                "Area": area,
                "Label": text,
                "lon": lon2,
                "lat": lat2,
                "point_lon": lon,
                "point_lat": lat,
                "moved": bool(dx or dy),
                "size": size,
            }
        )
    return pd.DataFrame(rows, columns=["Area", "Label", "lon", "lat", "point_lon", "point_lat", "moved", "size"])


def map_labels(shapes: pd.DataFrame, box: Box, order: list[str], height: int = MAP_HEIGHT) -> pd.DataFrame:
    """The names on :func:`area_map`: home (bold) first, then every district not in ``order[0]``;
    see :func:`place_labels`. Rows whose ``Label`` is a number need a key beside the map."""
    home = shapes[shapes["Shown as"] == order[-1]].assign(size=13)
    others = shapes[shapes["Shown as"].isin(order[1:-1])].assign(size=11)
    return place_labels(pd.concat([home, others]), box, height)


def _districts(shapes: pd.DataFrame, order: list[str], colours: list[str]) -> alt.Chart:
    """The district outlines (``geometry``, GeoJSON text) shaded by ``Shown as`` in ``order``'s ``colours``,
    clipped at the chart's edge."""
    features = [
        {"type": "Feature", "geometry": json.loads(g), "properties": {"Area": a, "Shown as": s}}
        for g, a, s in zip(shapes["geometry"], shapes["Area"], shapes["Shown as"])
    ]
    colour = alt.Color(
        "properties.Shown as:N", title=None, sort=order, scale=alt.Scale(domain=order, range=colours), legend=_LEGEND
    )
    return (
        alt.Chart(alt.Data(values=features))
        .mark_geoshape(stroke="white", strokeWidth=1, clip=True)
        .encode(
            color=colour,
            tooltip=[alt.Tooltip("properties.Area:N", title="Area"), alt.Tooltip("properties.Shown as:N", title="Shown as")],
        )
    )


def _leader_lines(labels: pd.DataFrame) -> list[alt.Chart]:
    """A line from each name moved off its district's point back to the point (none when no name moved)."""
    moved = labels[labels["moved"]]
    if not len(moved):
        return []
    return [
        alt.Chart(moved)
        .mark_rule(color="black", strokeWidth=1, clip=True)
        .encode(longitude="point_lon:Q", latitude="point_lat:Q", longitude2="lon:Q", latitude2="lat:Q")
    ]


def _names(labels: pd.DataFrame) -> list[alt.Chart]:
    """The names (or numbers) where :func:`place_labels` put them, black on a white halo: the others' at
    11 px, home's at 13 px in bold."""
    layers: list[alt.Chart] = []
    for size, weight in ((11, "normal"), (13, "bold")):
        some = labels[labels["size"] == size]
        if not len(some):
            continue
        chart = alt.Chart(some)
        style: dict[str, Any] = {
            "lineBreak": "\n",
            "clip": True,
            "baseline": "middle",
            "align": "center",
            "fontSize": size,
            "fontWeight": weight,
        }
        where: dict[str, Any] = {
            "longitude": "lon:Q",
            "latitude": "lat:Q",
            "text": "Label:N",
            "tooltip": [alt.Tooltip("Area:N", title="Area")],
        }
        layers += [
            chart.mark_text(stroke="white", strokeWidth=3, strokeJoin="round", **style).encode(**where),
            chart.mark_text(color="black", **style).encode(**where),
        ]
    return layers


def area_map(
    shapes: pd.DataFrame, box: Box, order: list[str], colours: list[str], labels: pd.DataFrame, height: int = MAP_HEIGHT
) -> alt.LayerChart | alt.FacetChart:
    """District outlines (``geometry``, GeoJSON text) shaded by ``Shown as``, zoomed to ``box`` (west,
    south, east, north), with the names of every district that is not in ``order[0]`` (the grey
    "other areas") as placed by :func:`map_labels`.

    Drawn from the bundle's outlines alone: no map tiles, nothing fetched. Outlines reaching past the
    box are clipped at the chart's edge."""
    w, s, e, n = box
    frame = {
        "type": "Feature",
        "properties": {},  # clockwise, as Vega expects
        "geometry": {"type": "Polygon", "coordinates": [[[w, s], [w, n], [e, n], [e, s], [w, s]]]},
    }
    layers = [_districts(shapes, order, colours), *_leader_lines(labels), *_names(labels)]
    # fit-x: ``height`` is the map's own height (with "fit", the title and legend would come out of it, and
    # the names, placed for ``height``, would crowd)
    return (
        alt.layer(*layers)
        .project(type="mercator", fit=frame)
        .properties(height=height, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    )


def trend(data: pd.DataFrame, x: str, y: str, series: str, x_title: str, height: int = 200) -> alt.Chart:
    """One line per ``series`` over ``x`` (years as categories); ``height`` is the plot's own (as
    :func:`earnings_lines`: without it the lines had 66 px on a phone)."""
    return (
        alt.Chart(data)
        .mark_line(point=True)
        .properties(height=height, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
        .encode(
            x=alt.X(f"{x}:N", title=x_title),
            y=alt.Y(f"{y}:Q"),
            color=alt.Color(f"{series}:N", scale=_colours(data, series), legend=_legend(data, series)),
            tooltip=[series, x, y],
        )
    )


def ranked_bars(data: pd.DataFrame, label: str, value: str) -> alt.Chart:
    """Horizontal bars, biggest first, each label whole on up to three lines."""
    lines, axis, row = _wrapped(data, label)
    return (
        alt.Chart(lines)
        .mark_bar(color=PALETTE[0])
        .encode(
            y=alt.Y(f"{label} (lines):N", sort="-x", title=None, axis=axis),
            x=alt.X(f"{value}:Q"),
            tooltip=[label, alt.Tooltip(f"{value}:Q", format=",.0f")],
        )
        .properties(height=row)
    )


def score_bars(data: pd.DataFrame, x_title: str) -> alt.Chart:
    """Social Mobility Commission scores (``index``, ``value``, ``category``, ``period``)."""
    lines, axis, row = _wrapped(data, "index")
    return (
        alt.Chart(lines)
        .mark_bar()
        .encode(
            y=alt.Y("index (lines):N", title=None, axis=axis),
            x=alt.X("value:Q", title=x_title),
            color=alt.Color("category:N", scale=_colours(data, "category"), legend=_legend(data, "category")),
            tooltip=["index", "period", "value", "category"],
        )
        .properties(height=row)
    )


def pay_bars(data: pd.DataFrame, order: list[str]) -> alt.Chart:
    """Pay percentiles (``Measure``) for the UK and the local estimate side by side (``Where``)."""
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("Measure:N", sort=order, title=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("Pay (£ a year):Q", title="Full-time pay, £ a year"),
            color=alt.Color("Where:N", scale=_colours(data, "Where"), legend=_legend(data, "Where")),
            yOffset="Where:N",
            tooltip=["Where", "Measure", alt.Tooltip("Pay (£ a year):Q", format=",.0f")],
        )
    )


#: the Compare chart's plot height in pixels: without one, Streamlit's 300 px box held the title, axes and a
#: legend on two rows as well, and the lines were squeezed into 36 px on a phone
EARNINGS_HEIGHT = 260


def earnings_lines(data: pd.DataFrame, dashed: str, height: int = EARNINGS_HEIGHT) -> alt.Chart:
    """Money earned so far by age, one line per route; the ``dashed`` route drawn dashed. ``height`` is the
    plot's own (fit-x: the width follows the page, the title, axes and legend add to the height)."""
    return (
        alt.Chart(data)
        .mark_line(point=True)
        .properties(height=height, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
        .encode(
            x=alt.X("Age:Q", title="Age", scale=alt.Scale(zero=False), axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("Earnings so far (£):Q", title="£ earned so far, before tax", axis=alt.Axis(format="~s")),
            color=alt.Color("Route:N", scale=_colours(data, "Route"), legend=_legend(data, "Route")),
            strokeDash=alt.condition(alt.datum.Route == dashed, alt.value([6, 4]), alt.value([1, 0])),
            tooltip=["Route", "Age", alt.Tooltip("Earnings so far (£):Q", format=",.0f")],
        )
    )


def spec(kind: str, data: pd.DataFrame, title: str, description: str, **options: object) -> dict:
    """The Vega-Lite spec (data inline) of chart ``kind`` with its title and description."""
    builders: dict[str, Callable[..., Any]] = {
        "area_map": area_map,
        "trend": trend,
        "ranked_bars": ranked_bars,
        "score_bars": score_bars,
        "pay_bars": pay_bars,
        "earnings_lines": earnings_lines,
    }
    return builders[kind](data, **options).properties(title=_title(title), description=description).to_dict()


#: a chart title longer than this is written on more lines (Vega cut "Pay for electricians and electrical fitt…" at
#: 375 px)
TITLE_LINE = 34


def _title(title: str) -> str | alt.TitleParams:
    """A chart's title, on as many short lines as it needs (one line stays a plain string).

    >>> _title("Pay for care workers")
    'Pay for care workers'
    >>> _title("Pay for electricians and electrical fitters").text
    ['Pay for electricians and', 'electrical fitters']
    """
    lines = _wrap(title, TITLE_LINE, most=6).split("\n")
    return title if len(lines) == 1 else alt.TitleParams(text=lines, anchor="start")
