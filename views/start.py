"""Start here: a short form about the learner. It fills the shared profile and the URL."""

import streamlit as st

from pathways.errors import PathwaysError, PlaceChoices
from pathways.profile import MAX_AGE, MIN_AGE, QUALIFICATION_LABELS, QUALIFICATIONS, ROUTES, Profile
from pathways.vocab import TRAVEL, TRAVEL_LABELS
from views import cache, layout, state, widgets

p = state.profile()
college = cache.college()
if not p.where and college.default_area:
    p = p.with_(where=college.default_area[:100])
featured = [r for r in college.featured_routes if r in ROUTES]
route_order = featured + [r for r in ROUTES if r not in featured]

st.title("Find your way into work")
if not college.is_neutral:
    st.caption(f"Brought to you by {widgets.escape_md(college.display_name)}.")
st.write(
    "Tell us a little about you. We will show you ways into jobs near where you live: "
    "apprenticeships, T Levels, college courses, and jobs you can start without qualifications. "
    "We do not keep anything you type."
)
state.show_notices()


def _submit() -> None:
    """'Show my routes': check the answers; if the area is known, save them and go to the routes.

    A callback, so the next run goes straight to Your routes (via ``state.follow_goto``) without
    drawing this page again first."""
    s = st.session_state
    years = s.get("f_years", "Any")
    new, notices = Profile.from_params(
        {
            "where": s.get("f_where", ""),
            "age": str(s.get("f_age", p.age)),
            "q": s.get("f_q", p.qualification),
            "em": str(s.get("f_em", False)),
            "t": s.get("f_travel", p.travel),
            "i": list(s.get("f_interests") or []),
            "earn": str(s.get("f_earn", False)),
            "ehcp": str(s.get("f_ehcp", False)),
            "cl": str(s.get("f_cl", False)),
            "nodebt": str(s.get("f_nodebt", False)),
            "yrs": "" if years == "Any" else str(years),
        }
    )
    problems, place_problem = [], False
    s.pop("start_choices", None)
    age = s.get("f_age", p.age)
    if not isinstance(age, (int, float)) or not MIN_AGE <= age <= MAX_AGE:
        problems.append(
            f"The explorer is for people aged {MIN_AGE} to {MAX_AGE}: please put in an age from {MIN_AGE} to {MAX_AGE}."
        )
    if not new.where:
        problems.append("Please tell us your postcode or town so we can show local figures.")
    else:
        try:
            cache.resolve(new.where)
        except PlaceChoices as exc:  # a name several places share, or a misspelling: offer the choices below
            problems.append(exc.question)
            s.start_choices = list(exc.choices)
            place_problem = True
        except PathwaysError as exc:
            problems.append(str(exc))
            place_problem = True
    if problems:  # keep the form as typed: the widgets keep their values
        s.start_error = " ".join(problems) + " Your other answers are kept."
        s.start_problem = place_problem or not new.where
        return
    s.notices = notices
    s.start_problem = False  # the place was found: no list of council areas next time
    state.set_profile(new)
    s.goto = "routes"


with st.form("profile_form", border=True):
    st.text_input(
        "Where do you live?",
        value=p.where,
        max_chars=100,
        placeholder="Postcode or town, for example TS10 1AA",
        help="Your postcode gives the best local figures. A town or council name also works. England only for now.",
        key="f_where",
    )
    # no min or max here: a phone shows no reason when a typed number is out of range; _submit says it plainly
    # (no help icon: it would sit between the postcode and the age for keyboard users)
    st.number_input("How old are you?", value=p.age, step=1, key="f_age")
    st.radio(
        "What have you got so far?",
        QUALIFICATIONS,
        index=QUALIFICATIONS.index(p.qualification),
        format_func=QUALIFICATION_LABELS.get,
        key="f_q",
    )
    st.checkbox("I have English and maths at grade 4 or above (or Level 2 Functional Skills)", value=p.english_maths, key="f_em")
    st.radio(
        "How far can you travel to train or work?",
        TRAVEL,
        index=TRAVEL.index(p.travel),
        format_func=TRAVEL_LABELS.get,
        key="f_travel",
    )
    st.pills(
        "What are you into? Pick any, or none if you are not sure yet.",
        route_order,
        selection_mode="multi",
        default=list(p.interests),
        key="f_interests",
    )
    st.toggle("I need to earn money while I learn", value=p.earn_while_learning, key="f_earn")
    with st.expander("More about you (optional)"):
        st.checkbox("I have an education, health and care (EHC) plan", value=p.ehcp, key="f_ehcp")
        st.checkbox("I have been in care", value=p.care_leaver, key="f_cl")
        st.checkbox("I want to avoid student debt", value=p.avoid_debt, key="f_nodebt")
        st.select_slider(
            "Longest time I want to spend training",
            options=["Any", 1, 2, 3, 4, 5, 6],
            value=p.max_training_years if p.max_training_years else "Any",
            format_func=lambda v: "No limit" if v == "Any" else f"{v} year{'s' if v != 1 else ''}",
            key="f_years",
        )
    st.form_submit_button("Show my routes", type="primary", icon=":material/arrow_forward:", on_click=_submit)

error = st.session_state.pop("start_error", "")
choices = list(st.session_state.get("start_choices") or [])
if error:
    st.error(error, icon=":material/error:")
elif p.where:
    try:
        place = cache.resolve(p.where)
        st.success(f"Showing figures for **{place.name}** ({place.region_name}). {place.how}", icon=":material/location_on:")
        layout.link_to("routes", "See your routes", ":material/arrow_forward:")
    except PlaceChoices as exc:  # e.g. a link with where=Kirkby
        st.warning(exc.question)
        choices = list(exc.choices)
    except PathwaysError as exc:
        st.warning(str(exc))


def _choose(query: str) -> None:
    """A "did you mean" button: use that place with the other answers as typed, as 'Show my routes' does."""
    st.session_state["f_where"] = query
    _submit()


if choices:  # a short "did you mean" list, one button for each place
    st.markdown("**Did you mean:**")
    for i, (label, query) in enumerate(choices):
        st.button(label, key=f"place_choice_{i}", on_click=_choose, args=(query,), icon=":material/location_on:")

if st.session_state.get("start_problem"):
    districts = cache.districts()
    names = dict(districts)

    def _pick() -> None:
        code = st.session_state.get("pick_district")
        if code in names:
            state.set_profile(state.profile().with_(where=names[code]))
            st.session_state.start_problem = False
            st.session_state.pop("start_choices", None)
            st.session_state.pop("f_where", None)  # the box shows the chosen area, not what was typed

    st.selectbox(
        "Or choose your council area from the list",
        [c for c, _ in districts],
        index=None,
        format_func=lambda code: names.get(code, code),
        key="pick_district",
        on_change=_pick,
        placeholder="Type to search",
    )
