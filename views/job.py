"""A job: what the work is, pay, demand near you, ways in, where it leads, related jobs."""

import pandas as pd
import streamlit as st

from pathways.answers import JobAnswer, JobNearYou
from pathways.errors import PathwaysError
from pathways.routes import Route
from views import answers, layout, state, widgets
from views.delivery import show_providers

p = state.profile()
titles = dict(answers.job_titles())

st.title("A job")
state.show_notices()
current = state.chosen_job()
options = sorted(titles, key=lambda soc: titles[soc])


def _choose() -> None:
    st.session_state.job = st.session_state.job_pick or ""
    state.sync_url()


st.selectbox("Choose a job", options, index=options.index(current) if current in options else None,
             format_func=lambda soc: titles.get(soc, soc), key="job_pick", on_change=_choose,
             placeholder="Type a job, for example electrician")
if current not in titles:
    st.info("Choose a job above, or pick one from **Your routes**.")
    layout.stop()

d = answers.job(current)
st.header(d.title, anchor=False)
st.write(d.description)
if d.tasks:
    with st.expander("What you would do"):
        st.markdown("\n".join(f"- {t.strip().lstrip('-•').strip()}" for t in d.tasks))
st.caption("Job description: ONS Standard Occupational Classification 2020 (SOC 2020), unit group " + current + ".")
in_plan = f"job:{current}" in state.shortlist()
st.button("Remove this job from my plan" if in_plan else "Add to my plan", icon=":material/bookmark:",
          on_click=state.toggle_in, args=("shortlist", f"job:{current}", state.MAX_SHORTLIST))

resolved = layout.place_and_travel()
# opened from a route: the same route's apprenticeship, travel area and age on this page (one story)
via: Route | None = None
if resolved is not None and state.job_route():
    try:
        via = answers.routes(p).by_id().get(state.job_route())
    except PathwaysError:
        via = None
    if via is not None and via.destination.soc != current:
        via = None
if via is not None:
    st.info("You opened this job from your route: " + " then ".join(s.title for s in via.steps) + ".",
            icon=":material/route:")
near: JobNearYou | None = (answers.job_near(current, resolved[1], p.age, via.destination.age_reached if via else None)
                           if resolved is not None else None)
via_appr = next((s.id for s in via.steps if s.delivery is not None), None) if via is not None else None


def _pay(d: JobAnswer, near: JobNearYou | None) -> None:
    st.subheader("Pay", anchor=False)
    local = near.local.pay_experienced if near is not None else None
    rows = [{"Measure": f.label, "Pay (£ a year)": f.value, "Where": f.geography} for f in d.pay_uk]
    if local is not None and local.value is not None:
        rows.append({"Measure": "Middle", "Pay (£ a year)": local.value, "Where": f"{local.geography} (estimate)"})
    if not rows:
        st.info(d.pay_note or "ONS did not publish pay for this job.")
        return
    median = d.pay_median.value
    summary = f"Full-time pay for {d.title.lower()} in the UK" + (f": the middle is £{median:,.0f} a year." if median else ".")
    if local is not None and local.value is not None:
        summary += f" Our estimate for {local.geography} is £{local.value:,.0f}."
    if near is not None:
        widgets.figure_lines([near.newly_qualified, near.local.pay_experienced, near.local.pay_experienced_national])
    widgets.chart("pay_bars", pd.DataFrame(rows), f"Pay for {d.title.lower()}", summary,
                  order=["Lowest 10%", "Lower quarter", "Middle", "Upper quarter", "Top 10%"])
    st.caption(f"Source: {d.pay_median.source}, {d.pay_median.period}, full-time employees of all ages. "
               "Local figures are estimates.")


def _demand(near: JobNearYou) -> None:
    st.caption(f"For the group of jobs: {near.local.group.lower()}.")
    c1, c2, c3 = st.columns(3)
    with c1:
        widgets.metric(near.local.adverts, near.local.adverts_england)
    with c2:
        widgets.metric(near.local.employment)
    with c3:
        widgets.metric(near.local.openings)
    widgets.adverts_note()
    if near.outcomes:
        st.subheader("Training near you, and what happened to others", anchor=False)
        st.caption("Some of these figures are about people who started years ago, or about a wider area. Each line says which.")
        # a list, not a table: at 375 px a table hid its value column
        st.markdown("\n".join(f"- {f.label}: **{f.display()}** ({f.geography}, {f.period})" for f in near.outcomes))
        with st.expander("Show as a table, with sources and notes"):
            st.dataframe(pd.DataFrame([{"Figure": f.label, "Value": f.display(), "Where": f.geography, "When": f.period,
                                        "Source": f.source, "Notes": f.note} for f in near.outcomes]),
                         hide_index=True, width="stretch")


def _ways_in(d: JobAnswer, near: JobNearYou | None) -> None:
    st.subheader("Ways in", anchor=False)
    if d.no_formal_requirements:
        st.success("You can start this job without formal qualifications (ONS).", icon=":material/check_circle:")
    if not d.ways_in:
        st.info("We have no linked apprenticeship or course for this job yet.")
        return
    # a list by level, readable on a phone (the diagram it replaces could not be read at 375 px)
    lines, level_now = [], None
    for w in d.ways_in:
        if w.level != level_now:
            level_now = w.level
            lines.append(f"\n**{w.level_words}**\n")
        bits = [w.kind_label, f"about {w.months} months" if w.months is not None else "length not in our sources"]
        s = near.summary(w.id) if near is not None else None
        lines.append(f"- {w.label} ({', '.join(bits)})" + (f": {s.sentence()}" if s is not None else ""))
    st.markdown("\n".join(lines))
    year = near.delivery_year if near is not None else ""
    rows = []
    for w in d.ways_in:
        s = near.summary(w.id) if near is not None else None
        rows.append({"Level": "Entry" if w.level == 0 else w.level, "Programme": w.label, "Kind": w.kind_label,
                     "Months": str(w.months) if w.months is not None else "not in our sources",
                     f"From your area {year} (estimate)": s.local_starts_estimate if s is not None else None,
                     "Providers near you": s.providers_near if s is not None else None,
                     f"Starts in England {d.starts_year} (DfE)": w.starts, "Why we list it": w.basis})
    with st.expander("Show as a table, with starts in England and why each is listed"):
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    if near is None or resolved is None:
        return
    summaries = {w.id: s for w in d.ways_in if (s := near.summary(w.id)) is not None}
    # the route's own apprenticeship first, then by level and how many start it near the learner
    appr = sorted((w for w in d.ways_in if w.id in summaries),
                  key=lambda w: (w.id != via_appr, w.level, -(summaries[w.id].local_starts_estimate or 0), w.title))
    if appr:
        st.subheader("Who trains for this near you", anchor=False)
        labels = {w.id: f"{w.label} (Level {w.level})" for w in appr}
        pick = st.selectbox("Apprenticeship", list(labels), format_func=lambda i: labels.get(i, i), key="job_provider_pick")
        show_providers(answers.delivery(resolved[1], pick or appr[0].id, p.age))


def _leads_and_related(d: JobAnswer) -> None:
    st.subheader("Where it can lead", anchor=False)
    if d.leads_to:
        st.markdown("\n".join(f"- **{x.title}**" + (f" (Level {x.level})" if x.level else "")
                              + (f", {x.status_text}" if x.status_text else "")
                              + (f", leading to {x.leads_to.lower()}" if x.leads_to else "") for x in d.leads_to))
    else:
        st.write("We have no next steps recorded for this job.")
    st.subheader("Related jobs", anchor=False)
    cols = st.columns(2)
    for i, rel in enumerate(d.related[:8]):
        cols[i % 2].button(rel.title, key=f"rel-{rel.soc}", on_click=state.open_job, args=(rel.soc,))


_pay(d, near)
st.subheader("Demand near you", anchor=False)
if near is not None:
    _demand(near)
_ways_in(d, near)
with st.expander("What the ONS says about getting in"):
    st.write(d.entry_routes)

if resolved is not None:
    st.subheader("Next steps", anchor=False)
    steps = answers.job_next_steps(d, resolved[0], p, via)
    st.markdown("\n".join(f"- {s.markdown()}" for s in steps))
    college_courses = answers.course_matches(p, resolved[1], soc=current)
    if college_courses:
        st.subheader(f"Courses at {widgets.escape_md(answers.college().display_name)} for this job", anchor=False)
        for m in college_courses[:3]:
            widgets.show_course(m)

_leads_and_related(d)
