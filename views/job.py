"""A job: what the work is, pay, demand near you, ways in, where it leads, related jobs."""

import pandas as pd
import streamlit as st

from views import common
from views.delivery import show_providers
from pathways import next_steps, service

ctx = common.context()
p = common.profile()
occ = ctx.bundle.occupations
titles = dict(zip(occ.soc, occ.title))

st.title("A job")
common.show_notices()
current = st.session_state.get("job") or ""
options = sorted(titles, key=titles.get)


def _choose() -> None:
    st.session_state.job = st.session_state.job_pick or ""
    common.sync_url()


st.selectbox("Choose a job", options, index=options.index(current) if current in options else None,
             format_func=titles.get, key="job_pick", on_change=_choose, placeholder="Type a job, for example electrician")
if current not in titles:
    st.info("Choose a job above, or pick one from **Your routes**.")
    common.stop()

d = common.job_detail(current)
st.header(d["title"], anchor=False)
st.write(d["description"])
if d["tasks"]:
    with st.expander("What you would do"):
        st.markdown("\n".join(f"- {t.strip().lstrip('-•').strip()}" for t in d["tasks"]))
st.caption("Job description: ONS Standard Occupational Classification 2020 (SOC 2020), unit group " + current + ".")
in_plan = f"job:{current}" in st.session_state.shortlist
st.button("Remove this job from my plan" if in_plan else "Add to my plan", icon=":material/bookmark:",
          on_click=common.toggle_in, args=("shortlist", f"job:{current}", common.MAX_SHORTLIST))

st.subheader("Pay", anchor=False)
resolved = common.place_and_travel(ctx)
local = ctx.market.occupation_local(resolved[1], current) if resolved else None
pay_rows = [{"Measure": label, "Pay (£ a year)": d["pay"][k], "Where": "UK"}
            for k, label in (("annual_p10", "Lowest 10%"), ("annual_p25", "Lower quarter"), ("annual_median", "Middle"),
                             ("annual_p75", "Upper quarter"), ("annual_p90", "Top 10%")) if d["pay"][k] is not None]
if local is not None and local.pay_experienced.value is not None:
    pay_rows.append({"Measure": "Middle", "Pay (£ a year)": local.pay_experienced.value,
                     "Where": f"{local.pay_experienced.geography} (estimate)"})
pay = pd.DataFrame(pay_rows)
if pay.empty:
    st.info(d["pay_note"] or "ONS did not publish pay for this job.")
else:
    median = d["pay"]["annual_median"]
    summary = f"Full-time pay for {d['title'].lower()} in the UK" + (f": the middle is £{median:,.0f} a year." if median else ".")
    if local is not None and local.pay_experienced.value is not None:
        summary += f" Our estimate for {local.pay_experienced.geography} is £{local.pay_experienced.value:,.0f}."
    if local is not None:
        # at 18 at the youngest: few people qualify for a job before then
        common.figure_lines([ctx.pay.newly_qualified(current, max(p.age, 18), local.pay_experienced),
                             local.pay_experienced, local.pay_experienced_national])
    common.chart("pay_bars", pay, f"Pay for {d['title'].lower()}", summary,
                 order=["Lowest 10%", "Lower quarter", "Middle", "Upper quarter", "Top 10%"])
    st.caption("Source: ONS Annual Survey of Hours and Earnings 2025 (provisional), April 2025, full-time employees "
               "of all ages. Local figures are estimates.")

st.subheader("Demand near you", anchor=False)
if local is not None:
    st.caption(f"For the group of jobs: {local.group.lower()}.")
    c1, c2, c3 = st.columns(3)
    with c1:
        common.metric(local.adverts, local.adverts_england)
    with c2:
        common.metric(local.employment)
    with c3:
        common.metric(local.openings_2035)
    common.adverts_note()

if resolved is not None:
    outcomes = common.occupation_outcomes(resolved[0].lad_code, resolved[1].mode, current)
    if outcomes:
        st.subheader("Training near you, and what happened to others", anchor=False)
        st.caption("Some of these figures are about people who started years ago, or about a wider area. Each line says which.")
        # a list, not a table: at 375 px a table hid its value column
        st.markdown("\n".join(f"- {f.label}: **{f.display()}** ({f.geography}, {f.period})" for f in outcomes.values()))
        with st.expander("Show as a table, with sources and notes"):
            st.dataframe(pd.DataFrame([{"Figure": f.label, "Value": f.display(), "Where": f.geography, "When": f.period,
                                        "Source": f.source, "Notes": f.note} for f in outcomes.values()]),
                         hide_index=True, width="stretch")

st.subheader("Ways in", anchor=False)
if d["no_formal_requirements"]:
    st.success("You can start this job without formal qualifications (ONS).", icon=":material/check_circle:")
if d["ways_in"]:
    # a list by level, readable on a phone (the diagram it replaces could not be read at 375 px)
    near = ctx.delivery.summaries(resolved[1].codes) if resolved is not None else {}
    year = ctx.delivery.latest
    lines, level_now = [], None
    for w in d["ways_in"]:
        if w["level"] != level_now:
            level_now = w["level"]
            lines.append(f"\n**{'Entry level' if level_now == 0 else f'Level {level_now}'}**\n")
        bits = [service.kind_label(w["kind"]),
                f"about {w['months']} months" if w["months"] is not None else "length not in our sources"]
        line = f"- {service.way_label(w)} ({', '.join(bits)})"
        if w["id"] in near:
            line += f": {near[w['id']].sentence()}"
        lines.append(line)
    st.markdown("\n".join(lines))
    ways = pd.DataFrame([{"Level": "Entry" if w["level"] == 0 else w["level"], "Programme": service.way_label(w),
                          "Kind": service.kind_label(w["kind"]),
                          "Months": str(w["months"]) if w["months"] is not None else "not in our sources",
                          f"From your area {year} (estimate)": near[w["id"]].local_starts_estimate if w["id"] in near else None,
                          "Providers near you": near[w["id"]].providers_near if w["id"] in near else None,
                          f"Starts in England {d['starts_year']} (DfE)": w["starts"],
                          "Why we list it": w["basis"]} for w in d["ways_in"]])
    with st.expander("Show as a table, with starts in England and why each is listed"):
        st.dataframe(ways, hide_index=True, width="stretch")
    appr = sorted((w for w in d["ways_in"] if w["id"] in near),
                  key=lambda w: (w["level"], -(near[w["id"]].local_starts_estimate or 0), w["title"]))
    if appr:
        st.subheader("Who trains for this near you", anchor=False)
        titles_by_id = {w["id"]: f"{service.way_label(w)} (Level {w['level']})" for w in appr}
        pick = st.selectbox("Apprenticeship", list(titles_by_id), format_func=titles_by_id.get, key="job_provider_pick")
        show_providers(service.delivery_for(ctx, resolved[1], pick or appr[0]["id"]))
else:
    st.info("We have no linked apprenticeship or course for this job yet.")
with st.expander("What the ONS says about getting in"):
    st.write(d["entry_routes"])

if resolved is not None:
    st.subheader("Next steps", anchor=False)
    first_appr = next((w for w in d["ways_in"] if w["kind"] in ("apprenticeship", "foundation_apprenticeship")
                       and not w.get("status_text")), None)
    steps = next_steps.for_job(d["title"], resolved[0].name, p, first_appr["title"] if first_appr else "")
    st.markdown("\n".join(f"- {s.markdown()}" for s in steps))

if resolved is not None:
    college_courses = common.course_matches(resolved[1], soc=current)
    if college_courses:
        st.subheader(f"Courses at {common.escape_md(common.college().display_name)} for this job", anchor=False)
        for i, m in enumerate(college_courses[:3]):
            common.show_course(m, f"jc{i}")

st.subheader("Where it can lead", anchor=False)
if d["leads_to"]:
    st.markdown("\n".join(f"- **{x['title']}**" + (f" (Level {x['level']})" if x["level"] else "")
                          + (f", {x['status_text']}" if x.get("status_text") else "")
                          + (f", leading to {x['leads_to'].lower()}" if x["leads_to"] else "") for x in d["leads_to"]))
else:
    st.write("We have no next steps recorded for this job.")

st.subheader("Related jobs", anchor=False)
cols = st.columns(2)
for i, rel in enumerate(d["related"][:8]):
    cols[i % 2].button(rel["title"], key=f"rel-{rel['soc']}", on_click=common.open_job, args=(rel["soc"],))
