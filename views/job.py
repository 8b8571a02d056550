"""A job, phone first: what the work is, pay now, ways in near you and the next step; the rest (demand, every way
in, what happened to people before, where it leads, related jobs) in sections the reader opens."""

import pandas as pd
import streamlit as st

from pathways.answers.job import JobAnswer, JobNearYou
from pathways.graph_progressions import JobWay
from pathways.errors import PathwaysError
from pathways.routes import Route
from views import cache, layout, state, widgets
from views.delivery import show_providers

p = state.profile()
titles = dict(cache.job_titles())

st.title("A job")
state.show_notices()
current = state.chosen_job()
options = sorted(titles, key=lambda soc: titles[soc])


def _choose() -> None:
    st.session_state.job = st.session_state.job_pick or ""
    state.sync_url()


st.selectbox(
    "Choose a job",
    options,
    index=options.index(current) if current in options else None,
    format_func=lambda soc: titles.get(soc, soc),
    key="job_pick",
    on_change=_choose,
    placeholder="Type a job, for example electrician",
)
if current not in titles:
    st.info("Choose a job above, or pick one from **Your routes**.")
    layout.stop()

d = cache.job(current)
st.header(d.title, anchor=False)
st.write(d.description)
if d.tasks:
    with st.expander("What you would do"):
        st.markdown("\n".join(f"- {t.strip().lstrip('-•').strip()}" for t in d.tasks))
st.caption("From the ONS job descriptions (SOC 2020).")
in_plan = f"job:{current}" in state.shortlist()
st.button(
    "Remove this job from my plan" if in_plan else "Add to my plan",
    icon=":material/bookmark:",
    on_click=state.toggle_in,
    args=("shortlist", f"job:{current}", state.MAX_SHORTLIST),
)

resolved = layout.place_and_travel()
# opened from a route: the same route's apprenticeship, travel area and age on this page (one story)
via: Route | None = None
if resolved is not None and state.job_route():
    try:
        via = cache.routes(p).by_id().get(state.job_route())
    except PathwaysError:
        via = None
    if via is not None and via.destination.soc != current:
        via = None
if via is not None:
    st.info("You opened this job from your route: " + " then ".join(s.title for s in via.steps) + ".", icon=":material/route:")
near: JobNearYou | None = (
    cache.job_near(current, resolved[1], p.age, via.destination.age_reached if via else None) if resolved is not None else None
)
via_appr = next((s.id for s in via.steps if s.delivery is not None), None) if via is not None else None


def _pay(d: JobAnswer, near: JobNearYou | None) -> None:
    """Pay now: three lines with their sources; the UK spread as a chart in a section the reader opens."""
    st.subheader("Pay", anchor=False)
    if near is not None:
        widgets.figure_lines([near.newly_qualified, near.local.pay_experienced, near.local.pay_experienced_national])
    elif d.pay_median.value is not None:
        widgets.figure_lines([d.pay_median])
    local = near.local.pay_experienced if near is not None else None
    rows = [{"Measure": f.label, "Pay (£ a year)": f.value, "Where": f.geography} for f in d.pay_uk]
    if local is not None and local.value is not None:
        rows.append({"Measure": "Middle", "Pay (£ a year)": local.value, "Where": f"{local.geography} (estimate)"})
    if not rows:
        st.info(d.pay_note or "ONS did not publish pay for this job.")
        return
    with st.expander("More about pay: the lowest and highest paid"):
        median = d.pay_median.value
        summary = f"Full-time pay for {d.title.lower()} in the UK" + (
            f": the middle is £{median:,.0f} a year." if median else "."
        )
        if local is not None and local.value is not None:
            summary += f" Our estimate for {local.geography} is £{local.value:,.0f}."
        # the table beside the chart in three short columns, so a phone shows it whole
        table = pd.DataFrame(
            [
                {
                    "Measure": f.label,
                    "UK, £": f.value,
                    "Your region, £": local.value if local is not None and f.label == "Middle" else None,
                }
                for f in d.pay_uk
            ]
        )
        widgets.chart(
            "pay_bars",
            pd.DataFrame(rows),
            f"Pay for {d.title.lower()}",
            summary,
            table=table,
            order=["Lowest 10%", "Lower quarter", "Middle", "Upper quarter", "Top 10%"],
        )
        st.caption(
            f"Source: {d.pay_median.source}, {d.pay_median.period}, full-time employees of all ages. Local figures are estimates."
        )


#: the link between a way in and a job that most have (Skills England's occupational maps): other links say theirs
OFFICIAL_LINK = "skills_england_map"


def _way_line(w: JobWay, near: JobNearYou | None, why: bool = False) -> str:
    """One way in as a list item: name, level, kind, length, how many start it near the learner (and, with ``why``,
    how it is linked to the job when that is not Skills England's map)."""
    bits = [w.kind_label, f"about {w.months} months" if w.months is not None else "length not in our sources"]
    s = near.summary(w.id) if near is not None else None
    linked = f" Linked to this job by {w.basis}." if why and w.method != OFFICIAL_LINK else ""
    return f"- **{w.label}** ({w.level_words}, {', '.join(bits)})" + (f". {s.sentence()}" if s is not None else ".") + linked


def _ways_near(d: JobAnswer, near: JobNearYou | None) -> None:
    """The ways in that people from the learner's area start, the route's own first; who trains for them."""
    st.subheader("Ways in near you", anchor=False)
    if d.no_formal_requirements:
        st.success("You can start this job without qualifications (ONS).", icon=":material/check_circle:")
    if not d.ways_in:
        st.info("We have no apprenticeship or course for this job yet.")
        return
    main = near.ways_near(d.ways_in, via_appr or "") if near is not None else ()
    if main:
        st.markdown("\n".join(_way_line(w, near) for w in main))
    elif near is not None:
        st.markdown(
            "We found almost nobody from your area starting an apprenticeship for this job. "
            "See every way in below, and ask local colleges and employers."
        )
    if near is None or resolved is None:
        return
    summaries = {w.id: s for w in d.ways_in if (s := near.summary(w.id)) is not None}
    # the route's own apprenticeship first, then the ones most people start near the learner
    main_ids = [w.id for w in main]
    appr = sorted(
        (w for w in d.ways_in if w.id in summaries),
        key=lambda w: (
            main_ids.index(w.id) if w.id in main_ids else len(main_ids),
            w.level,
            -(summaries[w.id].local_starts_estimate or 0),
            w.title,
        ),
    )
    if appr:
        with st.expander("Who trains for this near you"):
            labels = {w.id: f"{w.label} (Level {w.level})" for w in appr}
            pick = st.selectbox("Apprenticeship", list(labels), format_func=lambda i: labels.get(i, i), key="job_provider_pick")
            show_providers(cache.delivery(resolved[1], pick or appr[0].id, p.age))


def _every_way_in(d: JobAnswer, near: JobNearYou | None) -> None:
    """Every way in by level, as a list (a table's columns did not fit a phone), and a short table."""
    if not d.ways_in:
        return
    with st.expander(f"Every way in ({len(d.ways_in)}), by level"):
        lines, level_now = [], None
        for w in d.ways_in:
            if w.level != level_now:
                level_now = w.level
                lines.append(f"\n**{w.level_words}**\n")
            lines.append(_way_line(w, near, why=True))
        st.markdown("\n".join(lines))
        st.caption(
            "Skills England's occupational maps link these to this job, unless a line says otherwise. "
            f"Starts: people who started it in England in {d.starts_year} (DfE)."
        )
        # three narrow columns, so the table fits a phone (with eight, only the first could be seen at 375 px)
        st.dataframe(
            pd.DataFrame([{"Programme": w.label, "Level": w.level, "Starts": w.starts} for w in d.ways_in]),
            hide_index=True,
            width="stretch",
            column_config={
                "Programme": st.column_config.TextColumn(width=160),
                "Level": st.column_config.NumberColumn(width=45),
                "Starts": st.column_config.NumberColumn(width=65, format="localized"),
            },
        )
        st.markdown("**What the ONS says about getting in**")
        st.write(d.entry_routes)


def _next_steps(d: JobAnswer, near: JobNearYou | None) -> None:
    if resolved is None:
        return
    st.subheader("Next steps", anchor=False)
    main = near.ways_near(d.ways_in, via_appr or "") if near is not None else ()
    # the apprenticeship most people near the learner start, not the first by level (that nobody near may start)
    steps = (d.preferring(main[0].id) if main else d).next_steps(resolved[0], p, via)
    st.markdown("\n".join(f"- {s.markdown()}" for s in steps))
    college_courses = cache.course_matches(p, resolved[1], soc=current)
    if college_courses:
        st.subheader(f"Courses at {widgets.escape_md(cache.college().display_name)} for this job", anchor=False)
        for m in college_courses[:3]:
            widgets.show_course(m)


def _demand(near: JobNearYou) -> None:
    with st.expander("Demand near you: adverts and people in this work"):
        st.markdown(f"These figures are for a group of jobs: {near.local.group.lower()}.")
        c1, c2, c3 = st.columns(3)
        with c1:
            widgets.metric(near.local.adverts, near.local.adverts_england)
        with c2:
            widgets.metric(near.local.employment)
        with c3:
            widgets.metric(near.local.openings)
        widgets.adverts_note()


def _before(near: JobNearYou) -> None:
    if not near.outcome_lines:
        return
    with st.expander("What happened to people before"):
        st.markdown("\n".join(f"- {line}" for line in near.outcome_lines))
        widgets.figure_sources(near.outcomes)


def _leads_and_related(d: JobAnswer) -> None:
    with st.expander("Where it can lead"):
        if d.leads_to:
            st.markdown(
                "\n".join(
                    f"- **{x.title}** (Level {x.level}"
                    + (f", {x.status_text}" if x.status_text else "")
                    + f"): {x.why}"
                    + (f", {x.leads_to.lower()}" if x.why.endswith("this one") and x.leads_to else "")
                    + "."
                    for x in d.leads_to
                )
            )
        else:
            st.write("We have no next level recorded for this job. Ask a careers adviser what people do next.")
        st.caption(
            "Only the next level up, for the same work or work close to it, from Skills England's "
            "occupational maps and the DfE apprenticeship list."
        )
    if d.related:
        with st.expander("Related jobs"):
            for rel in d.related[:8]:  # one a row, the width of the page: a long title was cut off in two columns
                st.button(rel.title, key=f"rel-{rel.soc}", on_click=state.open_job, args=(rel.soc,), width="stretch")


_pay(d, near)
_ways_near(d, near)
_next_steps(d, near)
if near is not None:
    _demand(near)
_every_way_in(d, near)
if near is not None:
    _before(near)
_leads_and_related(d)
