"""About the data: every source, how the estimates are made, accessibility and privacy."""

import pandas as pd
import streamlit as st

from pathways.courses import CourseFileError
from views import cache, widgets

about = cache.about()
method = about.method
n_less, n_pub = about.less_reliable_pay, about.published_pay
PAY_WHILE_TRAINING, PAY_NEWLY_QUALIFIED, PAY_EXPERIENCED = method.pay_labels

st.title("About the data")
st.write(
    "Every figure in the explorer comes from an official source. Next to each figure we say where "
    "it comes from, when it was measured, and whether it is for your area, a wider area, or an estimate."
)

st.header("How we make the estimates")
st.markdown(
    f"- **Local pay.** {method.pay_method} It is an estimate, so we show the UK figure beside it.\n"
    f"- **Three pay figures.** *{PAY_WHILE_TRAINING}* is the legal minimum for your age and year of apprenticeship, "
    f"for {about.apprentice_hours:g} hours a week (the fewest an apprenticeship can have); many employers pay more. "
    "College courses and T Levels are not paid. "
    f"*{PAY_NEWLY_QUALIFIED}* is the job's pay at the age you would qualify: pay with experience, times how "
    "full-time pay at that age compares with all ages for that group of jobs (ONS pay survey, Table 20, age bands "
    "18-21, 22-29 and 30-39, joined by a straight line between the middle of each band so there is no sudden jump "
    f"on a birthday), never below the legal minimum for that age. *{PAY_EXPERIENCED}* is the middle (median) pay of "
    "full-time workers of all ages in the job.\n"
    "- **Why we stopped at the region.** We used to adjust pay by how much people living in your district earn. "
    "That figure counts part-time jobs and the mix of jobs in the area, so it moved care workers' pay in Blackpool "
    "below the legal minimum. ONS does not publish full-time pay by job for districts, so we now adjust only for the "
    "region, and never go below the legal minimum for full-time hours in the job.\n"
    f"- **Less reliable pay.** The latest pay survey file has no quality marks. When a job's figure has no figure in "
    f"the edition before (ONS withheld it as unreliable) or is more than {method.reliable_change:.0%} away from it, "
    f"we show a range and mark it 'less reliable', and it gives no points in the ranking ({n_less} of {n_pub} jobs "
    "with published pay). "
    "Where ONS published no pay for a job we say 'no figure': we never show £0 or use another figure instead.\n"
    "- **Jobs near you.** Job adverts and the number of people in work are published for groups of similar jobs, "
    "not for each job. We add them up over the areas you can travel to.\n"
    "- **Jobs to fill** are projections for the wider skills area (LSIP), for the years named in Sources below. "
    "They are rounded to the nearest 1,000.\n"
    "- **Pay with experience on a route** is never shown below today's legal minimum for an adult working full-time "
    "in that job. Where the pay survey's median is older and lower, we show the minimum and say why.\n"
    "- **Figures that are too small to publish** are shown as 'not published', never as zero.\n"
    "- **Routes** are built from the rules for each kind of course (age, level, English and maths), "
    "and from the official links between apprenticeships and jobs. Some links between jobs and courses "
    "were matched by job title; these are marked with a lower confidence.\n"
    "- **Who trains near you.** No official table says how many people from your area start each apprenticeship. "
    "We estimate it from the Department for Education's figures for each training provider: which apprenticeships "
    "it trains for, the ages of the apprentices it takes on, and where they live. "
    + " ".join(method.delivery)
    + " 'Achievements' are the number of people who passed, not a pass rate."
)

st.header("How routes are ranked")
st.write(
    "Each route gets a score from these parts. The bigger the weight, the more it counts. "
    + " ".join(method.ranking)
    + " A job also counts for an interest when that interest's apprenticeships lead to the same group of jobs "
    "(care apprenticeships and healthcare support work)."
)
st.dataframe(
    pd.DataFrame(
        [{"Part of the score": part, "Weight (share of the score)": f"{share:.0%}"} for part, share in method.score_weights]
    ),
    hide_index=True,
    width="stretch",
)
st.write(
    "'Usual for your age and stage' is our judgement of how usual each kind of first step is (1 = most usual). "
    "Under 18 everyone must stay in education or training, so a job on its own is the least usual first step. "
    "A kind not listed for an age counts 0.5 where its own rules let you start it. "
    "With an EHC plan, supported internships and foundation apprenticeships count as 1; for someone who already "
    "has Level 2, a foundation apprenticeship counts as 0.6. A first step that needs something we do not ask "
    "you about, such as a full car driving licence before a lorry or bus driving apprenticeship, counts "
    f"{method.unasked_need_fit:g} times as usual, and its card says what you need."
)
st.dataframe(
    pd.DataFrame(
        [
            {"First step": kind, **{f"Age {age}": fit for age, fit in zip(method.stage_ages, fits)}}
            for kind, fits in method.stage_fit
        ]
    ),
    hide_index=True,
    width="stretch",
)
st.write(
    "Routes never ask for a degree, a licence or an age you cannot have by then: minimum ages, licences and "
    "cards for jobs and programmes are listed, with their sources, in our restrictions table. A manager's job "
    "is shown only to someone who already has Level 3, and a professional's job to someone with Level 2 whose "
    "route reaches Level 4. A foundation apprenticeship is a first step into a trade: a route to a skilled "
    "trade goes on from it to the full apprenticeship, so we never show a qualified worker's pay after it alone."
)

st.header("Sources")
st.caption(f"Data bundle built on {about.built}.")
st.dataframe(
    pd.DataFrame(
        [
            {
                "Data": r.data,
                "Publisher": r.publisher,
                "Source": r.source,
                "Period": r.period,
                "Licence": r.licence,
                "Rows": r.rows,
            }
            for r in about.sources
        ]
    ),
    hide_index=True,
    width="stretch",
)
st.markdown(
    "Contains public sector information licensed under the "
    "[Open Government Licence v3.0](https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). "
    "Contains OS data © Crown copyright and database right. Contains Royal Mail data © Royal Mail copyright and "
    "database right. Skills England occupational maps © Skills England 2025. "
    "Employment projections: Skills Imperative 2035 © Warwick IER / Cambridge Econometrics 2023, published by "
    "the Department for Education; not under the Open Government Licence, shown rounded with attribution."
)
for what, caveats in about.caveats:
    with st.expander(f"Limits of: {what}"):
        st.write(caveats)

st.header("Privacy")
st.write(
    "We do not store anything about you. What you type (your postcode, age, choices and notes) stays in your "
    "browser and in the link on your screen. It is not saved on our server or written to any log. "
    "Your plan leaves only as a file you download or a link you copy. "
    "The explorer does not use cookies for tracking, does not collect usage statistics, "
    "and your browser does not contact any other website while you use it."
)

st.header("Accessibility")
st.write(
    "We want everyone to be able to use the explorer. You can use it with a keyboard alone and with a screen reader. "
    "Every chart has a written summary and a 'Show as a table' option. Pages work on a phone. "
    "We test every page with automated accessibility checks (axe-core) at phone and desktop sizes. "
    "Some parts of the page come from the Streamlit framework and we cannot change all of them. "
    "If something does not work for you, please tell the organisation that runs this site."
)

college = cache.college()
if not college.is_neutral:
    st.header(f"About {widgets.escape_md(college.display_name)}'s courses")
    courses = cache.course_list()
    problem = cache.course_list_problem()
    if problem:
        st.warning(f"The college's course list could not be read: {problem}")
    elif courses is not None:
        st.write(widgets.escape_md(courses.summary))
        if courses.problems:
            with st.expander(f"For college staff: {len(courses.problems)} row(s) in the course list were left out"):
                st.dataframe(
                    pd.DataFrame([{"Row": pr.row, "Column": pr.column, "Problem": pr.reason} for pr in courses.problems]),
                    hide_index=True,
                    width="stretch",
                )

st.header("For colleges: check a course list")
st.write(
    "College staff can check a course list before using it with the explorer (see docs/college/README.md). "
    "The file is checked in memory and thrown away: nothing is saved. CSV or Excel (.xlsx), up to 2 MB and 2,000 rows."
)
upload = st.file_uploader("Course list to check", type=["csv", "xlsx"], key="course_check")
if upload is not None:
    try:
        checked = cache.check_course_bytes(upload.getvalue(), upload.name)
    except CourseFileError as exc:
        st.error(f"We could not use that file: {exc}")
    else:
        # green only when every row was usable; amber when some were left out; red when none could be used
        show = st.error if not checked.courses else st.warning if checked.problems else st.success
        show(widgets.escape_md(checked.summary))
        if checked.problems:
            st.dataframe(
                pd.DataFrame([{"Row": pr.row, "Column": pr.column, "Problem": pr.reason} for pr in checked.problems]),
                hide_index=True,
                width="stretch",
            )
