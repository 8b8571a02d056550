"""Compare: two or three routes side by side, with earnings to age 30 against a degree."""

import streamlit as st

from views import common
from pathways import service

ctx = common.context()
p = common.profile()
place, travel, routes = common.page_start("Compare routes")
by_id = {r.route_id: r for r in routes}
chosen = [by_id[k] for k in st.session_state.compare if k in by_id]
missing = [k for k in st.session_state.compare if k not in by_id]
if missing:
    st.info(f"{len(missing)} route(s) you chose before do not fit your current details, so they are not shown.")
if len(chosen) < 2:
    st.info("Choose two or three routes with the **Compare** button on **Your routes**.")
    st.page_link(common.PAGE_FILES["routes"], label="Go to your routes", icon=":material/route:")
    common.stop()

rows, series, notes = service.compare_routes(ctx, p, chosen, travel)
cols = st.columns(len(rows))
for col, row in zip(cols, rows):
    with col, st.container(border=True):
        r = row["route"]
        st.markdown(f"**{row['name']}**")
        st.markdown("\n".join(f"{i}. {s.title}" for i, s in enumerate(r.steps, 1)))
        st.markdown(f"- **Time in training:** {row['months']} months\n- **Time to a paid job:** "
                    + ("paid from the start" if row["months_to_paid"] == 0 else f"{row['months_to_paid']} months"))
        pay = row["pay"]
        first_paid = pay.first_paid
        common.figure_lines([first_paid.figure if first_paid is not None else pay.while_training[0].figure,
                             pay.newly_qualified, pay.experienced])
        common.metric(row["local"].adverts)
        st.button("Remove", key=f"rm-{r.route_id}", on_click=common.toggle_in, args=("compare", r.route_id, common.MAX_COMPARE))
common.adverts_note()

st.subheader("Money earned by age 30", anchor=False)
if series.empty:
    st.info("We cannot add up earnings for these routes: ONS did not publish pay for their jobs.")
    common.stop()
end = series.sort_values("Age").groupby("Route").tail(1)
summary = "Total earned by age 30: " + "; ".join(
    f"{r['Route']} about £{r['Earnings so far (£)']:,.0f}" for r in end.to_dict("records"))
wide = series.pivot_table(index="Age", columns="Route", values="Earnings so far (£)").reset_index()
common.chart("earnings_lines", series, "Money earned from now to age 30", summary, table=wide,
             dashed="University degree")
with st.expander("How we worked this out (all figures are estimates)"):
    st.markdown("\n".join(f"- {n}" for n in notes))
