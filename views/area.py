"""Your area: the opportunity picture of where the learner lives, against England."""

import streamlit as st

from views import charts, common
from pathways import service


@st.cache_data(max_entries=256, show_spinner=False)
def map_parts(home: str, codes: tuple[str, ...]):
    """The map's outlines, box, table and names for one travel area (cached: the page reruns on every click)."""
    m = service.area_map(common.context(), home, codes)
    return m["shapes"], m["box"], m["table"], charts.map_labels(m["shapes"], m["box"], list(service.MAP_GROUPS))


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


ctx = common.context()
st.title("Your area")
common.show_notices()
resolved = common.place_and_travel(ctx)
if resolved is None:
    common.stop()
place, travel = resolved
c = common.area_context(place.lad_code)
st.write(f"**{place.name}** is in {place.region_name}. It is classed as: {c.rural_urban.lower()}.")

shapes, box, areas_table, labels = map_parts(travel.home.lad_code, tuple(travel.codes))
reach = list(areas_table["Area"][1:])
description = (f"A map of {place.name}, shaded dark orange, and the {len(reach)} area{'s' if len(reach) != 1 else ''} "
               f"you can reach from it, shaded blue: {_and_list(reach)}." if reach
               else f"A map of {place.name}, shaded dark orange. No other area is in your travel area.") + " Other areas nearby are grey."
numbered = labels[labels["Label"].str.isdigit()]
if len(numbered):
    description += " Numbers on the map: " + "; ".join(f"{r.Label} is {r.Area}" for r in numbered.itertuples()) + "."
common.chart("area_map", shapes, "Where you live and the areas you can reach", description, table=areas_table,
             box=box, order=list(service.MAP_GROUPS), colours=["#dddddd", charts.PALETTE[4], charts.PALETTE[5]],
             labels=labels)
st.markdown(" ".join(travel.explain()))

st.subheader("Young people at 16 and 17", anchor=False)
f = c.figures
cols = st.columns(3, vertical_alignment="bottom")  # labels wrap: values and sources line up
for col, key in zip(cols, ("neet_or_not_known_percent", "participating_percent", "apprenticeship_percent")):
    with col:
        common.metric(f[key], f.get(key + "_england"))

st.subheader("Pay and jobs", anchor=False)
cols = st.columns(3, vertical_alignment="bottom")  # labels wrap: values and sources line up
with cols[0]:
    common.metric(f["pay"], f.get("pay_england"))
with cols[1]:
    if "adverts_per_1000" in f:
        common.metric(f["adverts_per_1000"], f.get("adverts_per_1000_england"))
    else:
        st.metric("Online job adverts per 1,000 people", "No figure", help="ONS does not publish adverts for this area alone.")
with cols[2]:
    common.metric(f["starts_per_1000"], f.get("starts_per_1000_england"))
common.adverts_note()

t = common.area_tables(place.lad_code)
st.subheader("Apprenticeship starts over time", anchor=False)
common.chart("trend", t["starts"], "Apprenticeship starts per 1,000 people",
             f"Apprenticeships started by people living in {place.name}, per 1,000 people aged 16 and over, against England. "
             "Source: DfE apprenticeships statistics; population from the ONS Annual Population Survey.",
             x="Year", y="Starts per 1,000 people", series="Area", x_title="Academic year")

for key, value, title, note in (
    ("people", "People", "Kinds of work with most people", f"People living in {place.name} in work, by kind of work ({t['people_period']}). Source: ONS Annual Population Survey."),
    ("adverts", "Adverts", "Kinds of work with most job adverts",
     f"Online job adverts in {place.lsip_name if t['adverts_wider'] else place.name}, {t['adverts_period']}. Source: ONS online job adverts (Textkernel)."),
    ("openings", "Jobs to fill 2020-2035", "Jobs to fill by 2035",
     f"Projected openings in {place.lsip_name}, rounded to 1,000. Source: Skills Imperative 2035 © Warwick IER / Cambridge Econometrics; not Open Government Licence."),
):
    df = t[key]
    st.subheader(title, anchor=False)
    if df.empty:
        st.info("No published figures for this area.")
        continue
    common.chart("ranked_bars", df, title, note, label="Kind of work", value=value)
    if key == "adverts":
        common.adverts_note()

st.subheader("Social mobility in your area", anchor=False)
if c.smc:
    import pandas as pd

    smc = pd.DataFrame(c.smc)
    latest = smc.sort_values("period").groupby("index").tail(1)
    st.write(f"How {latest.area.iloc[0]} compares with the rest of the UK (0 is average; above 0 is better). "
             "Source: Social Mobility Commission, State of the Nation 2025.")
    common.chart("score_bars", latest[["index", "period", "value", "category"]], "Social mobility scores",
                 "; ".join(f"{r.index}: {r.category.lower()}" for r in latest.itertuples()),
                 x_title="Score against the UK average")

st.subheader("Compare with a nearby area", anchor=False)
near = [code for code in travel.codes[1:]] or [code for code, _ in ctx.areas.all_districts() if code != place.lad_code]
names = {code: name for code, name in ctx.areas.all_districts()}
other = st.selectbox("Nearby area", near, format_func=names.get, key="area_compare")
if other:
    oc = common.area_context(other)
    for key in ("pay", "neet_or_not_known_percent", "starts_per_1000"):
        a, b = f[key], oc.figures[key]
        st.markdown(f"- {a.label}: **{a.display()}** in {a.geography}; **{b.display()}** in {b.geography}")
