"""The explorer's charts, as Altair builders: one function per kind of chart.

Pages do not build charts themselves; they call :func:`views.common.chart` with the name of a
builder here and its data. ``common.chart`` caches the finished Vega-Lite spec, because building
and validating an Altair chart costs 20-40 ms a chart on every rerun (most of the Area page's
server time before this module existed).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

#: colour-blind-safe palette (Okabe-Ito)
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: below the chart, two to a row, so every entry fits on a phone (one row was cut off at 375 px)
_LEGEND = alt.Legend(orient="bottom", title=None, columns=2, labelLimit=260)


def _colours(data: pd.DataFrame, column: str) -> alt.Scale:
    """Colours in the order the values first appear in the data, so a series keeps its colour whatever
    it is called: without a domain Vega-Lite sorts names, and the local area's colour swapped with
    England's between, say, Blackpool (before "England") and Redcar (after it)."""
    domain = [str(v) for v in dict.fromkeys(data[column].tolist())] if column in data else []
    return alt.Scale(domain=domain, range=PALETTE[: max(len(domain), 1)]) if domain else alt.Scale(range=PALETTE)


def dot_map(points: pd.DataFrame, order: list[str], colours: list[str], sizes: list[int]) -> alt.Chart:
    """English council areas as dots at their centres, coloured by ``Shown as``."""
    return alt.Chart(points).mark_circle().encode(
        longitude="lon:Q", latitude="lat:Q",
        color=alt.Color("Shown as:N", sort=order, scale=alt.Scale(domain=order, range=colours), legend=_LEGEND),
        size=alt.Size("Shown as:N", sort=order, scale=alt.Scale(domain=order, range=sizes), legend=None),
        tooltip=["Area", "Shown as"],
    ).project("mercator").properties(height=420)


def trend(data: pd.DataFrame, x: str, y: str, series: str, x_title: str) -> alt.Chart:
    """One line per ``series`` over ``x`` (years as categories)."""
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X(f"{x}:N", title=x_title), y=alt.Y(f"{y}:Q"),
        color=alt.Color(f"{series}:N", scale=_colours(data, series), legend=_LEGEND),
        tooltip=[series, x, y])


def ranked_bars(data: pd.DataFrame, label: str, value: str) -> alt.Chart:
    """Horizontal bars, biggest first."""
    return alt.Chart(data).mark_bar(color=PALETTE[0]).encode(
        y=alt.Y(f"{label}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)), x=alt.X(f"{value}:Q"),
        tooltip=[label, alt.Tooltip(f"{value}:Q", format=",.0f")])


def score_bars(data: pd.DataFrame, x_title: str) -> alt.Chart:
    """Social Mobility Commission scores (``index``, ``value``, ``category``, ``period``)."""
    return alt.Chart(data).mark_bar().encode(
        y=alt.Y("index:N", title=None, axis=alt.Axis(labelLimit=220)), x=alt.X("value:Q", title=x_title),
        color=alt.Color("category:N", scale=_colours(data, "category"), legend=_LEGEND),
        tooltip=["index", "period", "value", "category"])


def pay_bars(data: pd.DataFrame, order: list[str]) -> alt.Chart:
    """Pay percentiles (``Measure``) for the UK and the local estimate side by side (``Where``)."""
    return alt.Chart(data).mark_bar().encode(
        y=alt.Y("Measure:N", sort=order, title=None),
        x=alt.X("Pay (£ a year):Q", title="Full-time pay, £ a year"),
        color=alt.Color("Where:N", scale=_colours(data, "Where"), legend=_LEGEND),
        yOffset="Where:N",
        tooltip=["Where", "Measure", alt.Tooltip("Pay (£ a year):Q", format=",.0f")],
    )


def earnings_lines(data: pd.DataFrame, dashed: str) -> alt.Chart:
    """Money earned so far by age, one line per route; the ``dashed`` route drawn dashed."""
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("Age:Q", title="Age", scale=alt.Scale(zero=False)),
        y=alt.Y("Earnings so far (£):Q", title="£ earned so far, before tax", axis=alt.Axis(format="~s")),
        color=alt.Color("Route:N", scale=_colours(data, "Route"), legend=_LEGEND),
        strokeDash=alt.condition(alt.datum.Route == dashed, alt.value([6, 4]), alt.value([1, 0])),
        tooltip=["Route", "Age", alt.Tooltip("Earnings so far (£):Q", format=",.0f")],
    )


def spec(kind: str, data: pd.DataFrame, title: str, description: str, **options: object) -> dict:
    """The Vega-Lite spec (data inline) of chart ``kind`` with its title and description."""
    builders = {"dot_map": dot_map, "trend": trend, "ranked_bars": ranked_bars, "score_bars": score_bars,
                "pay_bars": pay_bars, "earnings_lines": earnings_lines}
    return builders[kind](data, **options).properties(title=title, description=description).to_dict()
