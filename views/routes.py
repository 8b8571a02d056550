"""Your routes: ranked routes for the learner's profile and area, as cards."""

import streamlit as st

from views import common
from views.delivery import show_providers
from pathways import next_steps, service
from pathways.errors import PathwaysError
from pathways.routes import learner_notices
from pathways.words import plain_title

ctx = common.context()
p = common.profile()

st.title("Your routes")
common.show_notices()
common.profile_summary()
resolved = common.place_and_travel(ctx)
if resolved is None:
    common.stop()
place, travel = resolved
st.write(f"Routes into work for someone living in **{place.name}**, counting jobs and training in "
         f"{travel.label.replace(place.name, 'your area', 1)}.")
for notice in learner_notices(ctx.bundle, p):
    st.info(notice, icon=":material/school:")

college = common.college()
matches = common.course_matches(travel)
if matches:
    st.subheader(f"Start at {common.escape_md(college.display_name)}", anchor=False)
    st.write(f"Courses at {common.escape_md(college.display_name)} that fit you and are within your travel area:")
    for i, m in enumerate(matches[:3]):
        common.show_course(m, f"c{i}")

try:
    _, _, routes = common.routes_for(common.profile_key(p))
except PathwaysError as exc:
    st.warning(str(exc))
    common.stop()

SORTS = {
    "Best match for you": lambda r: (r.rank, r.route_id),  # rank, not score: the list is varied on purpose
    # pay with experience; a less reliable figure sorts as if unknown (it is kept out of ranking too)
    "Highest pay": lambda r: (-(r.destination.pay_experienced or 0) if r.destination.pay_reliable else 0, r.route_id),
    "Quickest to a paid job": lambda r: (r.months_to_paid, -r.score, r.route_id),
    "Most local demand": lambda r: (-(r.local.adverts_ratio or 0), -r.score, r.route_id),
}
col1, col2 = st.columns(2)
sort = col1.selectbox("Sort by", list(SORTS), key="routes_sort")
kinds = sorted({service.kind_label(r.steps[0].kind) for r in routes if r.steps})
first = col2.multiselect("First step", kinds, key="routes_first", placeholder="Any kind")
shown = [r for r in routes if not first or (r.steps and service.kind_label(r.steps[0].kind) in first)]
shown.sort(key=SORTS[sort])

if not shown:
    st.info(
        "We did not find routes that fit all your choices here. Try: a wider travel area, adding or removing "
        "an interest, or turning off 'I need to earn money while I learn' on the Start page.",
        icon=":material/search_off:",
    )
    st.page_link(common.PAGE_FILES["start"], label="Change your choices", icon=":material/tune:")


def step_line(i: int, s) -> str:
    bits = [service.kind_label(s.kind)]
    if s.level is not None and s.kind != "job":
        bits.append("Entry level" if s.level == 0 else f"Level {s.level}")
    if not s.months_known:
        bits.append("length not in our sources")
    elif s.months:
        bits.append(f"about {s.months} months" if s.months < 24 else f"about {s.months / 12:.0f} years")
    bits.append("paid" if s.paid else "not paid")
    line = f"{i}. **{s.title}** ({', '.join(bits)})"
    if s.evidence and i > 1:
        line += f"  \n   Why it comes next: {s.evidence['label']}."
    elif s.kind == "job":
        line += "  \n   No qualifications needed to start (ONS)."
    if s.delivery is not None:
        line += f"  \n   {s.delivery.sentence()}"
    return line


PAGE_SIZE = 5  # cards drawn at first: each card is ~20 elements and took ~20 ms to draw in Chromium
JOBS_PAGE_SIZE = 4
limit = st.session_state.get("routes_shown", PAGE_SIZE)
for n, r in enumerate(shown[:limit], 1):
    with st.container(border=True):
        # phone first: the essentials (steps, pay, who trains near you, the next step and the buttons) first;
        # the rest behind "More about this route"
        st.subheader(f"Route {n}: {r.destination.title}", anchor=False)
        first = next((m for m in matches if r.destination.soc in m.course.socs
                      or any(s.id in (m.course.standard, m.course.t_level) for s in r.steps)), None)
        if first is not None:
            st.markdown("First step near you: **" + common.escape_md(first.first_step) + "**")
        st.markdown("\n".join(step_line(i, s) for i, s in enumerate(r.steps, 1)))
        pay = service.route_pay(ctx, travel, r)
        first_paid = pay.first_paid
        common.figure_lines([first_paid.figure if first_paid is not None else pay.while_training[0].figure,
                             pay.newly_qualified, pay.experienced], sources=False)
        appr = next((s for s in r.steps if s.delivery is not None), None)
        delivery = service.delivery_for(ctx, travel, appr.id) if appr is not None else None
        steps = next_steps.for_route(r, place.name, p, delivery.search_url if delivery is not None else "")
        st.markdown("**Next step:** " + steps[0].markdown())
        b1, b2, b3 = st.columns(3)
        b1.button("See this job", key=f"job-{n}", on_click=common.open_job, args=(r.destination.soc,),
                  icon=":material/work:", width="stretch")
        in_plan = r.route_id in st.session_state.shortlist
        b2.button("Remove from plan" if in_plan else "Add to my plan", key=f"plan-{n}", width="stretch",
                  on_click=common.toggle_in, args=("shortlist", r.route_id, common.MAX_SHORTLIST), icon=":material/bookmark:")
        in_cmp = r.route_id in st.session_state.compare
        b3.button("Stop comparing" if in_cmp else "Compare", key=f"cmp-{n}", width="stretch",
                  on_click=common.toggle_in, args=("compare", r.route_id, common.MAX_COMPARE), icon=":material/compare_arrows:")
        with st.expander("More about this route"):
            st.markdown("**Why this is here:**\n" + "\n".join(f"- {reason}" for reason in r.reasons))
            extra = [f"Note: {n}" for n in r.notices]
            if r.destination.also_leads_to:
                extra.append("This training can also lead to: " + "; ".join(r.destination.also_leads_to[:3]) + ".")
            if extra:
                st.markdown("\n".join(f"- {e}" for e in extra))
            common.figure_sources([pay.newly_qualified, pay.experienced]
                                  + ([first_paid.figure] if first_paid is not None else []))
            common.words([s.kind for s in r.steps])
            if len(steps) > 1:
                st.markdown("**More next steps:**\n" + "\n".join(f"- {s.markdown()}" for s in steps[1:]))
            if delivery is not None:
                st.markdown(f"**Who trains for {appr.title} near you**")
                show_providers(delivery)

if len(shown) > limit:
    def _more() -> None:
        st.session_state.routes_shown = limit + PAGE_SIZE

    st.button(f"Show more routes ({len(shown) - limit} more)", on_click=_more, icon=":material/expand_more:")

if st.session_state.get("job"):
    st.page_link(common.PAGE_FILES["job"], label="Open the job you chose", icon=":material/work:")
if len(st.session_state.compare) >= 2:
    st.page_link(common.PAGE_FILES["compare"], label=f"Compare your {len(st.session_state.compare)} routes",
                 icon=":material/compare_arrows:")

st.header("Jobs you can start without qualifications")
st.write("These jobs do not ask for qualifications to start. Many offer training once you are in, "
         "such as an apprenticeship with your employer.")
common.adverts_note()
jobs = common.direct_entry_jobs(travel.codes, travel.mode, p.age)
jobs_limit = st.session_state.get("jobs_shown", JOBS_PAGE_SIZE)
for j in jobs[:jobs_limit]:
    with st.container(border=True):
        pay = (f"about £{j['pay_to_start']:,.0f} a year full-time to start at {max(p.age, 16)} (estimate"
               + ("; less reliable" if not j["pay_reliable"] else "") + ")") if j["pay_to_start"] else "no pay figure published"
        ads = f"{j['adverts']:,.0f} adverts for this kind of work near you" if j["adverts"] else "adverts not published here"
        training = "  \nTraining that can grow from it: " + "; ".join(
            f"{t['title']}" + (f" (Level {t['level']} apprenticeship)" if t["level"] else "") for t in j["training"]) \
            if j["training"] else ""
        st.markdown(f"**{plain_title(j['title'])}**{training}")
        st.caption(f"{pay}, from the ONS pay survey ({j['pay_period']}) scaled for your age and region; {ads} (ONS online job adverts, "
                   f"{ctx.market.adverts_period}).")
        st.button("See this job", key=f"dj-{j['soc']}", on_click=common.open_job, args=(j["soc"],), icon=":material/work:")

if len(jobs) > jobs_limit:
    def _more_jobs() -> None:
        st.session_state.jobs_shown = jobs_limit + JOBS_PAGE_SIZE

    st.button(f"Show more jobs ({len(jobs) - jobs_limit} more)", on_click=_more_jobs, icon=":material/expand_more:")
