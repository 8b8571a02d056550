"""Start here: a short form about the learner. It fills the shared profile and the URL."""

import streamlit as st

from views import common
from pathways.errors import PathwaysError
from pathways.profile import MAX_AGE, MIN_AGE, QUALIFICATION_LABELS, QUALIFICATIONS, ROUTES, TRAVEL, TRAVEL_LABELS, Profile

ctx = common.context()
p = common.profile()
college = common.college()
if not p.where and college.default_area:
    p = p.with_(where=college.default_area[:100])
featured = [r for r in college.featured_routes if r in ROUTES]
route_order = featured + [r for r in ROUTES if r not in featured]

st.title("Find your way into work")
if not college.is_neutral:
    st.caption(f"Brought to you by {common.escape_md(college.display_name)}.")
st.write(
    "Tell us a little about you. We will show you ways into jobs near where you live: "
    "apprenticeships, T Levels, college courses, and jobs you can start without qualifications. "
    "We do not keep anything you type."
)
common.show_notices()

with st.form("profile_form", border=True):
    where = st.text_input(
        "Where do you live?", value=p.where, max_chars=100, placeholder="Postcode or town, for example TS10 1AA",
        help="Your postcode gives the best local figures. A town or council name also works. England only for now.",
    )
    age = st.number_input("How old are you?", min_value=MIN_AGE, max_value=MAX_AGE, value=p.age, step=1)
    qualification = st.radio(
        "What have you got so far?", QUALIFICATIONS, index=QUALIFICATIONS.index(p.qualification),
        format_func=QUALIFICATION_LABELS.get,
    )
    english_maths = st.checkbox(
        "I have English and maths at grade 4 or above (or Level 2 Functional Skills)", value=p.english_maths,
    )
    travel = st.radio("How far can you travel to train or work?", TRAVEL, index=TRAVEL.index(p.travel),
                      format_func=TRAVEL_LABELS.get)
    interests = st.pills("What are you into? Pick any, or none if you are not sure yet.", route_order,
                         selection_mode="multi", default=list(p.interests))
    earn = st.toggle("I need to earn money while I learn", value=p.earn_while_learning)
    with st.expander("More about you (optional)"):
        ehcp = st.checkbox("I have an education, health and care (EHC) plan", value=p.ehcp)
        care_leaver = st.checkbox("I have been in care", value=p.care_leaver)
        avoid_debt = st.checkbox("I want to avoid student debt", value=p.avoid_debt)
        years = st.select_slider("Longest time I want to spend training", options=["Any", 1, 2, 3, 4, 5, 6],
                                 value=p.max_training_years if p.max_training_years else "Any",
                                 format_func=lambda v: "No limit" if v == "Any" else f"{v} year{'s' if v != 1 else ''}")
    submitted = st.form_submit_button("Show my routes", type="primary", icon=":material/arrow_forward:")

if submitted:
    new, notices = Profile.from_params({
        "where": where, "age": str(age), "q": qualification, "em": str(english_maths), "t": travel,
        "i": list(interests or []), "earn": str(earn), "ehcp": str(ehcp), "cl": str(care_leaver),
        "nodebt": str(avoid_debt), "yrs": "" if years == "Any" else str(years),
    })
    for n in notices:
        st.warning(n)
    problem = ""
    if not new.where:
        problem = "Please tell us your postcode or town so we can show local figures."
    else:
        try:
            place = ctx.resolve(new.where)
        except PathwaysError as exc:
            problem = str(exc)
    if problem:  # keep the form as typed (changing the profile now would reset its widgets)
        st.error(problem, icon=":material/error:")
        st.session_state.start_problem = True
    else:
        common.set_profile(new)
        st.switch_page(common.PAGE_FILES["routes"])
elif p.where:
    try:
        place = ctx.resolve(p.where)
        st.success(f"Showing figures for **{place.name}** ({place.region_name}). {place.how}", icon=":material/location_on:")
        st.page_link(common.PAGE_FILES["routes"], label="See your routes", icon=":material/arrow_forward:")
    except PathwaysError as exc:
        st.warning(str(exc))

if st.session_state.get("start_problem"):
    districts = ctx.areas.all_districts()
    names = {code: name for code, name in districts}

    def _pick() -> None:
        code = st.session_state.get("pick_district")
        if code in names:
            common.set_profile(common.profile().with_(where=names[code]))
            st.session_state.start_problem = False

    st.selectbox("Or choose your council area from the list", [c for c, _ in districts], index=None,
                 format_func=names.get, key="pick_district", on_change=_pick, placeholder="Type to search")
