"""Compare: two or three routes side by side, with earnings to age 30 against a degree."""

import streamlit as st

from pathways.answers.compare import CompareColumn
from views import cache, layout, state, widgets

p = state.profile()
found = layout.page_start("Compare routes")
by_id = found.by_id()
picked = state.compare_list()
chosen = [by_id[k] for k in picked if k in by_id]
missing = [k for k in picked if k not in by_id]
if missing:
    st.info(f"{len(missing)} route(s) you chose before do not fit your current details, so they are not shown.")
if len(chosen) < 2:
    st.info("Choose two or three routes with the **Compare** button on **Your routes**.")
    layout.link_to("routes", "Go to your routes", ":material/route:")
    layout.stop()


def column(c: CompareColumn) -> None:
    r = c.route
    st.markdown(f"**{c.name}**")
    st.markdown("\n".join(f"{i}. {s.title}" for i, s in enumerate(r.steps, 1)))
    st.markdown(
        f"- **Time in training:** {c.months} months\n- **Time to a paid job:** "
        + ("paid from the start" if c.months_to_paid == 0 else f"{c.months_to_paid} months")
    )
    widgets.figure_lines(c.pay_figures)
    widgets.metric(c.adverts)
    st.button("Remove", key=f"rm-{r.route_id}", on_click=state.toggle_in, args=("compare", r.route_id, state.MAX_COMPARE))


a = cache.compare(p, chosen, found.travel)
for col, c in zip(st.columns(len(a.columns)), a.columns):
    with col, st.container(border=True):
        column(c)
widgets.adverts_note()

st.subheader("Money earned by age 30", anchor=False)
if a.series.empty:
    st.info("We cannot add up earnings for these routes: ONS did not publish pay for their jobs.")
    layout.stop()
summary = "Total earned by age 30: " + "; ".join(f"{line} about £{total:,.0f}" for line, total in a.totals)
widgets.chart("earnings_lines", a.series, "Money earned from now to age 30", summary, table=a.table, dashed="University degree")
with st.expander("How we worked this out (all figures are estimates)"):
    st.markdown("\n".join(f"- {n}" for n in a.notes))
