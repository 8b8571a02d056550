"""Your routes: ranked routes for the learner's profile and area, as cards."""

import streamlit as st

from pathways.answers.routes import DirectEntryJob, RouteCard
from pathways.errors import PathwaysError
from pathways.routes import Route, Step
from pathways.vocab import EARN, GROUPS, JOB, kind_label, step_label
from views import cache, layout, state, widgets
from views.delivery import show_providers

p = state.profile()

st.title("Your routes")
state.show_notices()
widgets.profile_summary()
resolved = layout.place_and_travel()
if resolved is None:
    layout.stop()
place, travel = resolved
st.write(
    f"Routes into work for someone living in **{place.name}**, counting jobs and training in "
    f"{travel.label.replace(place.name, 'your area', 1)}."
)

try:
    found = cache.routes(p)
except PathwaysError as exc:
    st.warning(str(exc))
    layout.stop()
for notice in found.notices:
    st.info(notice, icon=":material/info:")

college = cache.college()
matches = cache.course_matches(p, travel)
if matches:
    st.subheader(f"Start at {widgets.escape_md(college.display_name)}", anchor=False)
    st.write(f"Courses at {widgets.escape_md(college.display_name)} that fit you and are within your travel area:")
    for m in matches[:3]:
        widgets.show_course(m)

SORTS = {
    "Best match for you": lambda r: (r.rank, r.route_id),  # rank, not score: the list is varied on purpose
    # pay with experience; a less reliable figure sorts as if unknown (it is kept out of ranking too)
    "Highest pay": lambda r: (-(r.destination.pay_experienced or 0) if r.destination.pay_reliable else 0, r.route_id),
    "Quickest to a paid job": lambda r: (r.months_to_paid, -r.score, r.route_id),
    "Most local demand": lambda r: (-(r.local.adverts_ratio or 0), -r.score, r.route_id),
}
col1, col2 = st.columns(2)
sort = col1.selectbox("Sort by", list(SORTS), key="routes_sort")
kinds = sorted({kind_label(r.steps[0].kind) for r in found.routes if r.steps})
first_kinds = col2.multiselect("First step", kinds, key="routes_first", placeholder="Any kind")
shown = [r for r in found.routes if not first_kinds or (r.steps and kind_label(r.steps[0].kind) in first_kinds)]
shown.sort(key=SORTS[sort or "Best match for you"])
groups = found.groups.routes if found.groups is not None else {EARN: tuple(found.routes)}
empty = found.groups.empty if found.groups is not None else {}

if not shown:
    st.info(
        "We did not find routes that fit all your choices here. Try: a wider travel area, adding or removing "
        "an interest, or turning off 'I need to earn money while I learn' on the Start page.",
        icon=":material/search_off:",
    )
    layout.link_to("start", "Change your choices", ":material/tune:")


def step_line(i: int, s: Step, why_next: str) -> str:
    # under 18 a job is only ever a job with training: the law says so (the notice at the top gives the source)
    bits = [step_label(s.kind, s.age_at_start)]
    if s.level is not None and s.kind != JOB:
        bits.append("Entry level" if s.level == 0 else f"Level {s.level}")
    if not s.months_known:
        bits.append("length not in our sources")
    elif s.months:
        bits.append(f"about {s.months} months" if s.months < 24 else f"about {s.months / 12:.0f} years")
    bits.append("paid" if s.paid else "not paid")
    line = f"{i}. **{s.title}** ({', '.join(bits)})"
    if why_next:
        line += f"  \n   Why it comes next: {why_next}."
    elif s.kind == JOB:
        line += "  \n   No qualifications needed to start (ONS)."
    if s.before_you_start:
        source, url, when = s.before_source
        cite = f"[{widgets.escape_md(source)}]({url})" if url.startswith("https://") else widgets.escape_md(source)
        line += f"  \n   Before you start: {widgets.escape_md(s.before_you_start)} (Source: {cite}, {widgets.escape_md(when)}.)"
    if s.delivery is not None:
        line += f"  \n   {s.delivery.sentence()}"
    return line


def _buttons(n: int, r: Route) -> None:
    b1, b2, b3 = st.columns(3)
    b1.button(
        "See this job",
        key=f"job-{r.route_id}",
        on_click=state.open_job,
        args=(r.destination.soc, r.route_id),
        icon=":material/work:",
        width="stretch",
    )
    in_plan = r.route_id in state.shortlist()
    b2.button(
        "Remove from plan" if in_plan else "Add to my plan",
        key=f"plan-{r.route_id}",
        width="stretch",
        on_click=state.toggle_in,
        args=("shortlist", r.route_id, state.MAX_SHORTLIST),
        icon=":material/bookmark:",
    )
    in_cmp = r.route_id in state.compare_list()
    b3.button(
        "Stop comparing" if in_cmp else "Compare",
        key=f"cmp-{r.route_id}",
        width="stretch",
        on_click=state.toggle_in,
        args=("compare", r.route_id, state.MAX_COMPARE),
        icon=":material/compare_arrows:",
    )


def _more(card: RouteCard) -> None:
    """Inside "More about this route": why it is here, notes, sources, words, more steps, providers."""
    r = card.route
    st.markdown("**Why this is here:**\n" + "\n".join(f"- {reason}" for reason in r.reasons))
    extra = [f"Note: {n}" for n in r.notices]
    if r.destination.also_leads_to:
        extra.append("This training can also lead to: " + "; ".join(r.destination.also_leads_to[:3]) + ".")
    if extra:
        st.markdown("\n".join(f"- {e}" for e in extra))
    widgets.figure_sources(card.sourced_figures)
    widgets.words([s.kind for s in r.steps])
    if len(card.next_steps) > 1:
        st.markdown("**More next steps:**\n" + "\n".join(f"- {s.markdown()}" for s in card.next_steps[1:]))
    if card.delivery is not None and card.training_step is not None:
        st.markdown(f"**Who trains for {card.training_step.title} near you**")
        show_providers(card.delivery)


def route_card(n: int, r: Route) -> None:
    # phone first: the essentials (steps, pay, who trains near you, the next step and the buttons) first;
    # the rest behind "More about this route"
    st.subheader(f"{n}. {r.destination.title}", anchor=False)
    first = next(
        (
            m
            for m in matches
            if r.destination.soc in m.course.socs or any(s.id in (m.course.standard, m.course.t_level) for s in r.steps)
        ),
        None,
    )
    if first is not None:
        st.markdown("First step near you: **" + widgets.escape_md(first.first_step) + "**")
    card = cache.route_card(travel, r, p)
    st.markdown("\n".join(step_line(i, s, why) for i, (s, why) in enumerate(zip(r.steps, card.why_next), 1)))
    if r.destination.job_needs:
        source, url, when = r.destination.job_needs_source
        cite = f"[{widgets.escape_md(source)}]({url})" if url.startswith("https://") else widgets.escape_md(source)
        st.markdown(
            f"**For the job itself:** {widgets.escape_md(r.destination.job_needs)} (Source: {cite}, {widgets.escape_md(when)}.)"
        )
    if card.colleges:
        st.markdown(f"**Colleges near you:** {widgets.escape_md(', '.join(card.colleges))}.")
        st.caption(card.colleges_basis)
    widgets.figure_lines(card.pay_figures, sources=False)
    st.markdown("**Next step:** " + card.next_steps[0].markdown())
    _buttons(n, r)
    with st.expander("More about this route"):
        _more(card)


def direct_entry_job(j: DirectEntryJob) -> None:
    with st.container(border=True):
        pay = (
            (
                f"about {j.pay_to_start.display()} a year full-time to start at {max(p.age, 16)} (estimate"
                + ("; less reliable" if not j.pay_reliable else "")
                + ")"
            )
            if j.pay_to_start.value
            else "no pay figure published"
        )
        ads = f"{j.adverts.display()} adverts for this kind of work near you" if j.adverts.value else "adverts not published here"
        training = (
            "  \nTraining that can grow from it: "
            + "; ".join(t.title + (f" (Level {t.level} apprenticeship)" if t.level else "") for t in j.training)
            if j.training
            else ""
        )
        st.markdown(f"**{j.title}**{training}")
        st.caption(
            f"{pay}, from the ONS pay survey ({j.pay_to_start.period}) scaled for your age and region; {ads} "
            f"(ONS online job adverts, {j.adverts.period})."
        )
        st.button("See this job", key=f"dj-{j.soc}", on_click=state.open_job, args=(j.soc,), icon=":material/work:")


#: cards drawn at first in each group: at 375 px every group's heading and first route must be within the first
#: 5,000 px (a card is about 700-900 px tall there), and each card is ~20 elements (~20 ms to draw in Chromium)
PAGE_SIZE = 2
JOBS_PAGE_SIZE = 4
if len(groups) > 1:
    st.markdown(
        "Your routes come in groups, as a careers adviser sets them out: "
        + "; ".join(f"[{GROUPS[k].title}](#{k}) ({len(v)})" for k, v in groups.items())
        + "."
    )
in_view = {r.route_id for r in shown}


def _more_in(key: str, limit: int) -> None:
    st.session_state[f"routes_shown_{key}"] = limit + PAGE_SIZE


for key, group_routes in groups.items():
    st.header(GROUPS[key].title, anchor=key)
    st.write(GROUPS[key].intro)
    listed = sorted((r for r in group_routes if r.route_id in in_view), key=SORTS[sort or "Best match for you"])
    if not listed:
        st.info(empty.get(key) or "No route of this kind fits the choices above.", icon=":material/info:")
        continue
    limit = st.session_state.get(f"routes_shown_{key}", PAGE_SIZE)
    for n, r in enumerate(listed[:limit], 1):
        with st.container(border=True):
            route_card(n, r)
    if len(listed) > limit:
        st.button(
            f"Show more: {GROUPS[key].title.lower()} ({len(listed) - limit} more)",
            key=f"more-{key}",
            on_click=_more_in,
            args=(key, limit),
            icon=":material/expand_more:",
        )

if state.chosen_job():
    layout.link_to("job", "Open the job you chose", ":material/work:")
if len(state.compare_list()) >= 2:
    layout.link_to("compare", f"Compare your {len(state.compare_list())} routes", ":material/compare_arrows:")

st.header("Jobs you can start without qualifications")
st.write(
    "These jobs do not ask for qualifications to start. Many offer training once you are in, "
    "such as an apprenticeship with your employer."
)
widgets.adverts_note()
jobs = cache.direct_entry_jobs(travel, p.age)
jobs_limit = st.session_state.get("jobs_shown", JOBS_PAGE_SIZE)
for j in jobs[:jobs_limit]:
    direct_entry_job(j)

if len(jobs) > jobs_limit:

    def _more_jobs() -> None:
        st.session_state.jobs_shown = jobs_limit + JOBS_PAGE_SIZE

    st.button(f"Show more jobs ({len(jobs) - jobs_limit} more)", on_click=_more_jobs, icon=":material/expand_more:")
