"""The chart builders: every kind gives a Vega-Lite spec with its title, description, data and tooltips."""

import pandas as pd
import pytest

from views import charts

CASES = {
    "trend": (
        pd.DataFrame({"Year": ["2023/24", "2024/25"], "Starts": [5.0, 6.0], "Area": ["Redcar", "Redcar"]}),
        {"x": "Year", "y": "Starts", "series": "Area", "x_title": "Academic year"},
    ),
    "ranked_bars": (
        pd.DataFrame({"Kind of work": ["Care", "Sales"], "People": [1200, 800]}),
        {"label": "Kind of work", "value": "People"},
    ),
    "score_bars": (
        pd.DataFrame({"index": ["Childhood"], "value": [-0.4], "category": ["Below average"], "period": ["2025"]}),
        {"x_title": "Score"},
    ),
    "pay_bars": (pd.DataFrame({"Measure": ["Middle"], "Pay (£ a year)": [25000.0], "Where": ["UK"]}), {"order": ["Middle"]}),
    "earnings_lines": (
        pd.DataFrame({"Age": [17, 18], "Earnings so far (£)": [9000.0, 20000.0], "Route": ["A", "A"]}),
        {"dashed": "University degree"},
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_every_chart_kind_has_title_description_data_and_tooltips(kind):
    data, options = CASES[kind]
    spec = charts.spec(kind, data, "A title", "What the chart shows", **options)
    assert spec["title"] == "A title" and spec["description"] == "What the chart shows"
    (rows,) = spec["datasets"].values()
    assert len(rows) == len(data)
    assert "tooltip" in spec["encoding"]


def test_an_unknown_kind_is_an_error():
    with pytest.raises(KeyError):
        charts.spec("pie", pd.DataFrame(), "t", "d")


@pytest.mark.parametrize("place", ["Blackpool", "Redcar and Cleveland", "Adur", "York"])
def test_the_local_area_keeps_its_colour_whatever_its_name(place):
    """The local and England colours swapped between areas (names sorted around "England")."""
    data = pd.DataFrame(
        {
            "Year": ["2023/24", "2024/25"] * 2,
            "Area": [place, place, "England", "England"],
            "Starts per 1,000 people": [10.0, 11.0, 9.0, 9.5],
        }
    )
    scale = charts.spec("trend", data, "t", "d", x="Year", y="Starts per 1,000 people", series="Area", x_title="Year")[
        "encoding"
    ]["color"]["scale"]
    assert scale["domain"] == [place, "England"] and scale["range"][0] == charts.PALETTE[0]


def test_the_compare_chart_has_a_plot_height_of_its_own_and_its_legend_below():
    """With no height the Compare chart's lines were squeezed into 36 px on a phone (Streamlit's
    300 px box also held the title, axes and a two-row legend)."""
    data, options = CASES["earnings_lines"]
    spec = charts.spec("earnings_lines", data, "Money earned", "What it shows", **options)
    assert spec["height"] == charts.EARNINGS_HEIGHT >= 240
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}  # width follows the page, height is the plot's
    legend = spec["encoding"]["color"]["legend"]
    assert legend["orient"] == "bottom" and legend["columns"] == 2
    assert spec["encoding"]["x"]["axis"]["format"] == "d"  # ages, not 20.0


def _limits(spec: dict) -> list:
    """Every labelLimit in a spec (legends and axes, at any depth)."""
    found = []
    if isinstance(spec, dict):
        for k, v in spec.items():
            found += [v] if k == "labelLimit" else _limits(v)
    elif isinstance(spec, list):
        for v in spec:
            found += _limits(v)
    return found


def test_no_legend_or_label_is_cut_off_on_a_phone():
    """Before: "East Midlands (esti…" in the job page's pay legend (two to a row at 375 px), and the Area
    page's kinds of work cut at 220 px. Legends are never cut, a long entry goes one to a row, and bar labels are
    written on short lines."""
    pay = pd.DataFrame(
        {
            "Measure": ["Middle", "Middle"],
            "Pay (£ a year)": [25000.0, 24000.0],
            "Where": ["United Kingdom", "Yorkshire and The Humber (estimate)"],
        }
    )
    spec = charts.spec("pay_bars", pay, "t", "d", order=["Middle"])
    legend = spec["encoding"]["color"]["legend"]
    assert legend["columns"] == 1 and legend["labelLimit"] == 0
    kinds = pd.DataFrame(
        {
            "Kind of work": [
                "Science, research, engineering and technology associate professionals",
                "Caring personal service occupations",
            ],
            "People": [1200, 800],
        }
    )
    spec = charts.spec("ranked_bars", kinds, "t", "d", label="Kind of work", value="People")
    (rows,) = spec["datasets"].values()
    lines = [r["Kind of work (lines)"].split("\n") for r in rows]
    assert all(len(line) <= charts.LABEL_LINE or " " not in line for parts in lines for line in parts), lines
    assert [" ".join(parts) for parts in lines] == list(kinds["Kind of work"])  # every word kept
    assert "split(" in spec["encoding"]["y"]["axis"]["labelExpr"]
    assert spec["height"]["step"] >= charts.LINE_PX * max(len(p) for p in lines)
    for kind, (data, options) in CASES.items():
        assert all(limit == 0 for limit in _limits(charts.spec(kind, data, "t", "d", **options))), kind
    long = charts.spec("pay_bars", pay, "Pay for science, engineering and production technicians (other)", "d", order=["Middle"])[
        "title"
    ]["text"]
    assert len(long) > 1 and all(len(line) <= charts.TITLE_LINE for line in long), long
