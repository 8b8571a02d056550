"""Your area: the opportunity picture of where the learner lives, against England."""

import streamlit as st

from pathways.answers.area import AreaMap, AreaPicture
from pathways.areas import Place, TravelArea
from views import cache, charts, layout, state, widgets


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _map(place: Place, travel: TravelArea) -> None:
    m: AreaMap
    m, labels = cache.area_map(travel.home.lad_code, tuple(travel.codes))
    reach = m.reachable
    description = (
        f"A map of {place.name}, shaded dark orange, and the {len(reach)} area{'s' if len(reach) != 1 else ''} "
        f"you can reach from it, shaded blue: {_and_list(reach)}."
        if reach
        else f"A map of {place.name}, shaded dark orange. No other area is in your travel area."
    ) + " Other areas nearby are grey."
    numbered = labels[labels["Label"].str.isdigit()]
    if len(numbered):
        description += " Numbers on the map: " + "; ".join(f"{r.Label} is {r.Area}" for r in numbered.itertuples()) + "."
    widgets.chart(
        "area_map",
        m.shapes,
        "Where you live and the areas you can reach",
        description,
        table=m.table,
        box=m.box,
        order=m.order,
        colours=["#dddddd", charts.PALETTE[4], charts.PALETTE[5]],
        labels=labels,
    )
    st.markdown(" ".join(travel.explain()))


def _figures(c: AreaPicture) -> None:
    st.subheader("Young people at 16 and 17", anchor=False)
    cols = st.columns(3, vertical_alignment="bottom")  # labels wrap: values and sources line up
    for col, pair in zip(cols, c.young_people):
        with col:
            widgets.metric(pair.figure, pair.england)
    st.subheader("Pay and jobs", anchor=False)
    cols = st.columns(3, vertical_alignment="bottom")  # labels wrap: values and sources line up
    with cols[0]:
        widgets.metric(c.pay.figure, c.pay.england)
    with cols[1]:
        if c.adverts_per_1000 is not None:
            widgets.metric(c.adverts_per_1000.figure, c.adverts_per_1000.england)
        else:
            st.metric(
                "Online job adverts per 1,000 people", "No figure", help="ONS does not publish adverts for this area alone."
            )
    with cols[2]:
        widgets.metric(c.starts_per_1000.figure, c.starts_per_1000.england)
    widgets.adverts_note()


def _tables(place: Place) -> None:
    t = cache.area_tables(place.lad_code)
    st.subheader("Apprenticeship starts over time", anchor=False)
    widgets.chart(
        "trend",
        t.starts,
        "Apprenticeship starts per 1,000 people",
        f"Apprenticeships started by people living in {place.name}, per 1,000 people aged 16 and over, against England. "
        "Source: DfE apprenticeships statistics; population from the ONS Annual Population Survey.",
        x="Year",
        y="Starts per 1,000 people",
        series="Area",
        x_title="Academic year",
    )
    for df, value, title, note in (
        (
            t.people,
            "People",
            "Kinds of work with most people",
            f"People living in {place.name} in work, by kind of work ({t.people_period}). {t.people_note} "
            "Source: ONS Annual Population Survey.",
        ),
        (
            t.adverts,
            "Adverts",
            "Kinds of work with most job adverts",
            f"Online job adverts in {place.lsip_name if t.adverts_wider else place.name}, {t.adverts_period}. "
            "Source: ONS online job adverts (Textkernel).",
        ),
        (
            t.openings,
            t.openings_column,
            f"Jobs to fill by {t.openings_until}" if t.openings_until else "Jobs to fill",
            f"Projected openings (new jobs plus people leaving) in {place.lsip_name}, {t.openings_period}. "
            f"Source: {t.openings_source}. {t.openings_note}",
        ),
    ):
        st.subheader(title, anchor=False)
        if df.empty:
            st.info("No published figures for this area.")
            continue
        widgets.chart("ranked_bars", df, title, note, label="Kind of work", value=value)
        if value == "Adverts":
            widgets.adverts_note()
        elif value == t.openings_column and t.openings_total is not None:
            st.markdown(
                f"In all kinds of work together, about **{t.openings_total:,}** jobs to fill in {place.lsip_name}"
                + (f" by {t.openings_until}" if t.openings_until else "")
                + "."
            )


def _employers(travel: TravelArea) -> None:
    e = cache.employers_near(travel)
    st.subheader("Employers near you that train their own apprentices", anchor=False)
    if not e.employers:
        st.info(
            "We found no employer near you that trains its own apprentices in our figures. Most apprentices "
            "near you are trained by colleges and training companies for their employers."
        )
        return
    st.markdown(
        "\n".join(
            f"- **{widgets.escape_md(x.name)}**: about {x.people_a_year:,.0f} "
            f"{'apprentice' if round(x.people_a_year) == 1 else 'apprentices'} a year from your area"
            + (f", trained in {widgets.escape_md(_and_list(list(x.trains_in[:3])))}" if x.trains_in else "")
            + f". Trains for: {widgets.escape_md(_and_list(list(x.apprenticeships[:4])))}"
            + (" and more" if len(x.apprenticeships) > 4 else "")
            + "."
            for x in e.employers
        )
    )
    st.caption(f"{e.basis} Years: {e.years}. Source: DfE apprenticeships provider dashboard data; Open Government Licence v3.0.")


def _social_mobility(c: AreaPicture) -> None:
    st.subheader("Social mobility in your area", anchor=False)
    if c.social_mobility is None:
        return
    st.write(
        f"How {c.social_mobility.area} compares with the rest of the UK (0 is average; above 0 is better). "
        f"Source: {c.social_mobility.source}."
    )
    scores = c.social_mobility.scores
    widgets.chart(
        "score_bars",
        scores,
        "Social mobility scores",
        "; ".join(f"{r.index}: {r.category.lower()}" for r in scores.itertuples()),
        x_title="Score against the UK average",
    )


def _compare_nearby(c: AreaPicture, travel: TravelArea) -> None:
    st.subheader("Compare with a nearby area", anchor=False)
    # first (the default): a near area of the same kind (town or country) in the same region; see
    # pathways.district_distances.KIND_STEP_KM. The key follows home, so a new place gets its own default.
    names = dict(travel.compare_with or cache.nearby_districts(travel))
    st.caption("We start with a nearby area like yours (as rural or as built-up) in the same region. Pick another if you like.")
    other = st.selectbox(
        "Nearby area",
        list(names),
        index=0 if names else None,
        format_func=lambda code: names.get(code, code),
        key=f"area_compare_{travel.home.lad_code}",
    )
    if other:
        for a, b in zip(c.headline, cache.area(other).headline):
            st.markdown(f"- {a.label}: **{a.display()}** in {a.geography}; **{b.display()}** in {b.geography}")


st.title("Your area")
state.show_notices()
resolved = layout.place_and_travel()
if resolved is None:
    layout.stop()
place, travel = resolved
picture = cache.area(place.lad_code)
st.write(f"**{place.name}** is in {place.region_name}. It is classed as: {picture.rural_urban.lower()}.")
_map(place, travel)
_figures(picture)
_tables(place)
_employers(travel)
_social_mobility(picture)
_compare_nearby(picture, travel)
