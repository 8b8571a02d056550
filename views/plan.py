"""Your plan: the shortlist, next steps, a note, and downloads (PDF, CSV) or a link. Nothing is stored."""

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from pathways.plan import CSV_NAME, MAX_NOTE, PDF_NAME, NoteAtTap, Plan, to_csv, to_pdf
from pathways.plan_words import next_step_runs
from views import cache, layout, state, widgets

p = state.profile()
found = layout.page_start("Your plan")
travel = found.travel
a = cache.plan(state.shortlist(), found.routes, travel, p.age)

if a.missing:
    st.info(
        f"{len(a.missing)} item(s) in your plan are not among the routes for your current details (for example "
        "after changing your age or qualifications), so they are not shown. Change your details back to see them."
    )
if not a.items:
    st.info("Your plan is empty. Use **Add to my plan** on **Your routes** or on a job.")
    layout.link_to("routes", "Go to your routes", ":material/route:")

for item in a.items:
    with st.container(border=True):
        st.markdown(f"**{item.title}**")
        st.caption(item.summary)
        widgets.figure_lines(list(item.figures[:3]))
        st.button(
            "Remove from plan",
            key=f"rm-{item.item_id}",
            on_click=state.toggle_in,
            args=("shortlist", item.item_id, state.MAX_SHORTLIST),
        )

college = cache.college()
steps = list(a.next_steps)
for item in a.items:
    soc = item.item_id[4:] if item.item_id.startswith("job:") else item.item_id.rsplit("occ:", 1)[-1]
    for m in cache.course_matches(p, travel, soc=soc)[:2]:
        text = m.first_step + (f" ({m.link})" if m.link else "")
        steps.append(text)
steps = list(dict.fromkeys(steps))
if steps:
    # each web address as words you can tap, a sentence said once; all text escaped (some is the college's)
    st.subheader("Your next steps", anchor=False)
    st.markdown(
        "\n".join(
            f"{i}. "
            + "".join(f"[{widgets.escape_md(words.strip())}]({url})" if url else widgets.escape_md(words) for words, url in runs)
            for i, runs in enumerate(next_step_runs(steps), 1)
        )
    )
if college.careers_contact:
    st.link_button(
        f"Book a careers appointment with {widgets.escape_md(college.display_name)}",
        college.careers_contact,
        icon=":material/event:",
    )

# A text box sends what was typed only when it loses focus: on a phone, the same moment as the tap on Download.
# So typing does not rerun the page ("ignore": the note waits in the browser), the tap on Download does, with the
# note; the tap's callback hands the note to the PDF, which is made on the tap (see pathways.plan.NoteAtTap).
note = st.text_area(
    "Notes (optional, only kept in this browser tab)",
    max_chars=MAX_NOTE,
    key="plan_note",
    on_change="ignore",
    help="Your note goes into the PDF you download. We do not save it anywhere.",
)
if not isinstance(st.session_state.get("plan_note_tap"), NoteAtTap):
    st.session_state.plan_note_tap = NoteAtTap()
tap: NoteAtTap = st.session_state.plan_note_tap
tap.seen(note or "")


def _tapped(tap: NoteAtTap) -> None:
    """Download was tapped: this runs first on the tap's rerun, with the note as typed."""
    tap.tapped(str(st.session_state.get("plan_note") or ""))


base = (st.context.url or "").split("?")[0]
query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
link = f"{base}?{query}" if query else base
lines = (
    f"Age {p.age}; {p.qualification_label}" + ("; English and maths at grade 4" if p.english_maths else ""),
    "Interests: " + (", ".join(p.interests) if p.interests else "not sure yet"),
)
plan = Plan(
    area=found.place.name,
    profile_lines=lines,
    items=a.items,
    next_steps=tuple(steps),
    note=note or "",
    link=link,
    sources=a.sources,
)

st.subheader("Take your plan with you", anchor=False)
c1, c2 = st.columns(2)
# the PDF is built only when tapped (about 0.2 s), with the note sent by that tap
c1.download_button(
    "Download my plan (PDF)",
    data=lambda: to_pdf(replace(plan, note=tap.note_for_pdf())),
    file_name=PDF_NAME,
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    width="stretch",
    on_click=_tapped,
    args=(tap,),
)
c2.download_button(
    "Download the figures (CSV)",
    data=lambda: to_csv(plan),
    file_name=CSV_NAME,
    mime="text/csv",
    icon=":material/table:",
    width="stretch",
    on_click="ignore",
)
st.write("Or copy this link to come back to your plan later:")
st.code(link or "(link not available)", language=None, wrap_lines=True)
private = [
    words for flag, words in ((p.ehcp, "that you have an EHC plan"), (p.care_leaver, "that you are a care leaver")) if flag
]
if private:
    st.warning(
        "This link also says " + " and ".join(private) + ". Anyone you share it with can see that. "
        "To leave it out, untick it on the Start page before you copy the link.",
        icon=":material/visibility:",
    )
st.caption("The PDF and CSV list every figure with its source and date, for your school or college records (Gatsby Benchmark 2).")
