"""Streamlit helpers shared by the pages: the cached context, the session's learner profile
and shortlist (mirrored in the URL), and the standard way to show a figure or a chart.

Pages import from here and from :mod:`pathways`; nothing here computes a figure.
"""

from __future__ import annotations

import gc
import re

import pandas as pd
import streamlit as st

from pathways.areas import Place, TravelArea
from pathways.context import Context, load_context
from pathways.errors import BundleError, PathwaysError
from pathways.figures import Figure
from pathways.pay import PAY_WHILE_TRAINING
from pathways.profile import Profile
from views import charts

PAGE_FILES = {
    "start": "views/start.py", "routes": "views/routes.py", "job": "views/job.py", "area": "views/area.py",
    "compare": "views/compare.py", "plan": "views/plan.py", "about": "views/about.py",
}
MAX_SHORTLIST = 12
MAX_COMPARE = 3
OGL_LINE = ("Contains public sector information licensed under the Open Government Licence v3.0. "
            "Pay, jobs and training figures: ONS and the Department for Education.")


@st.cache_resource(show_spinner="Loading the data (first visit only)...")
def _context() -> Context:
    """Load the bundle and build the graph, then move them out of the garbage collector's sight.

    Streamlit runs a full garbage collection after every script run. With the bundle and graph
    loaded that took ~130 ms a rerun on this machine (200,000 tracked objects); these objects live
    as long as the server, so ``gc.freeze()`` leaves them out of every later collection.
    """
    ctx = load_context()
    ctx.delivery  # build the provider index now, before the freeze below  # noqa: B018
    gc.collect()
    gc.freeze()
    return ctx


def context() -> Context:
    """The per-server context; stops the page with a plain message if the data is broken."""
    try:
        return _context()
    except BundleError as exc:
        st.error("Sorry, the explorer cannot start because its data is damaged or missing.")
        st.markdown(f"**File:** `{exc.table}`  \n**Problem:** {exc.problem}")
        st.markdown("Whoever runs this site can fix it by rebuilding the data:")
        st.code(BundleError.REBUILD, language="bash")
        st.stop()
        raise  # unreachable: st.stop raises


# -- the menu on a narrow screen -----------------------------------------------------------
#: Below Streamlit's "md" breakpoint (768 px) the top navigation becomes a slide-over menu. Streamlit
#: closes it after a page is chosen only when the browser's user agent says "mobile" (not in a narrow
#: window, a tablet, or every phone browser inside a college's iframe), so it stayed open over the new
#: page (issue 17). This closes it whenever the window is narrow. It only clicks Streamlit's own
#: "Collapse sidebar" button, so if a Streamlit upgrade renames it the menu just stays open again, and
#: tests/browser/test_embed.py::test_menu_closes_after_page_change_in_an_iframe_on_a_phone fails.
_CLOSE_MENU_JS = """<script>
(() => {
  if (window.__pathwaysCloseMenu) return;
  window.__pathwaysCloseMenu = true;
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('[data-testid="stSidebarNavLink"]');
    if (!link || window.innerWidth >= 768) return;
    setTimeout(() => {
      const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (button && button.getAttribute("aria-expanded") === "true") button.click();
    }, 50);
  }, true);
})();
</script>"""


def close_menu_after_page_change() -> None:
    """Close the slide-over menu after a page is chosen from it on a narrow screen (see above)."""
    st.html(_CLOSE_MENU_JS, unsafe_allow_javascript=True)


# -- session state, mirrored in the URL ----------------------------------------------------
def init_session() -> None:
    """On a session's first run, read the profile, shortlist and job from the URL."""
    if "profile" in st.session_state:
        return
    params = {k: st.query_params.get_all(k) for k in list(st.query_params.keys())[:50]}
    profile, notices = Profile.from_params(params)
    st.session_state.profile = profile
    st.session_state.notices = notices
    st.session_state.shortlist, bad_plan = _read_list(params.get("sl"), MAX_SHORTLIST)
    st.session_state.compare, bad_compare = _read_list(params.get("cmp"), MAX_COMPARE)
    if bad_plan or bad_compare:
        st.session_state.notices.append(
            f"{bad_plan + bad_compare} item(s) in the link were damaged (perhaps cut short when it was copied), "
            "so we left them out. The rest of your plan is kept.")
    job = (params.get("job") or [""])[-1]
    st.session_state.job = job if job.isascii() and job.isdigit() and len(job) == 4 else ""
    if params.get("job") and not st.session_state.job:
        st.session_state.notices.append("The job in the link was not recognised, so we left it out.")


def _read_list(values: list[str] | None, limit: int) -> tuple[list[str], int]:
    """Route and job keys from the URL (short, printable, known shapes only), and how many items were
    damaged (not a route or job key) and left out."""
    out: list[str] = []
    damaged = 0
    for v in (values or [])[:limit * 2]:
        for item in str(v).split(","):
            item = item.strip()[:120]
            if not item:
                continue
            if _KEY.fullmatch(item):
                if item not in out:
                    out.append(item)
            else:
                damaged += 1
    return out[:limit], damaged


#: a route key (``start:none|prog:ST0005|occ:6135``) or a job key (``job:6135``)
_KEY = re.compile(r"(job:\d{4})|(start:[a-z0-9+]+(\|(prog|occ):[A-Za-z0-9._-]+)+)")


def profile() -> Profile:
    return st.session_state.profile


def set_profile(p: Profile) -> None:
    st.session_state.profile = p
    sync_url()


def sync_url() -> None:
    """Write the session's profile, shortlist, compare list and job into the URL."""
    params: dict[str, str | list[str]] = dict(profile().to_params())
    if st.session_state.get("shortlist"):
        params["sl"] = ",".join(st.session_state.shortlist)
    if st.session_state.get("compare"):
        params["cmp"] = ",".join(st.session_state.compare)
    if st.session_state.get("job"):
        params["job"] = st.session_state.job
    current = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    wanted = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    if current != wanted:
        st.query_params.from_dict(params)


def show_notices() -> None:
    """Tell the person once about anything in their link we could not use."""
    notices = st.session_state.get("notices") or []
    if notices:
        st.info("Some details could not be used: " + " ".join(notices[:5]), icon=":material/info:")
        st.session_state.notices = []


# -- where the learner is ------------------------------------------------------------------
def place_and_travel(ctx: Context) -> tuple[Place, TravelArea] | None:
    """Resolve the profile's place; show a plain message and return None if we cannot."""
    p = profile()
    if not p.where:
        st.info("Tell us where you live on the **Start here** page to see figures for your area.")
        st.page_link(PAGE_FILES["start"], label="Go to Start here", icon=":material/arrow_forward:")
        return None
    try:
        place = ctx.resolve(p.where)
    except PathwaysError as exc:
        st.warning(str(exc))
        st.page_link(PAGE_FILES["start"], label="Change where you live", icon=":material/edit:")
        return None
    return place, ctx.travel(place, p.travel)


def page_start(title: str) -> tuple[Place, TravelArea, list]:
    """Title, notices, the learner's place and travel area, and their routes; stops with a
    plain message when we do not know where they live."""
    st.title(title)
    show_notices()
    resolved = place_and_travel(_context())
    if resolved is None:
        stop()
    place, travel = resolved
    _, _, routes = routes_for(profile_key(profile()))
    return place, travel, routes


# -- showing figures -----------------------------------------------------------------------
BASIS_WORDS = {"measured": "", "modelled": "estimate", "wider area": "wider area", "suppressed": "not published",
               "not available": "no data"}


def metric(fig: Figure, compare: Figure | None = None, caption: bool = True) -> None:
    """A figure as a metric, its source on hover and (unless ``caption`` is False) in a caption."""
    tag = BASIS_WORDS.get(fig.basis, "")
    label = fig.label + (f" ({tag})" if tag else "")
    value = fig.display() if fig.value is not None else "No figure"
    delta = None
    if compare is not None and compare.value is not None:
        delta = f"{'UK' if compare.level == 'UK' else compare.geography}: {compare.display()}"
    # the label as text of its own, so a long one wraps: st.metric cuts its label to one line ("16-17 year olds
    # not in education, work or training (or ..." at 375 px, issue 17); the metric keeps it for screen readers
    st.markdown(label, help=fig.provenance())
    # no arrow: the delta is the comparison figure itself, not a change up or down
    st.metric(label, value, delta=delta, delta_color="off", delta_arrow="off", label_visibility="collapsed")
    if caption:
        st.caption(_where_and_when(fig))


def figure_lines(figures: list[Figure], sources: bool = True) -> None:
    """Figures as a short list (label, value, what it is), then (unless ``sources`` is False) one caption
    saying where and when each is from. Used for the three pay figures: long labels that metrics would cut
    off on a phone."""
    lines = []
    for fig in figures:
        tag = BASIS_WORDS.get(fig.basis, "")
        if fig.label.startswith(PAY_WHILE_TRAINING):
            tag = "legal minimum; many pay more"
        value = fig.display() if fig.value is not None else (fig.note or "No figure")
        unit = " a year" if fig.value is not None and fig.unit == "£ a year" else ""
        lines.append(f"- **{fig.label}:** {value}{unit}" + (f" ({tag})" if tag and fig.value is not None else ""))
    st.markdown("\n".join(lines))
    if sources:
        figure_sources(figures)


def figure_sources(figures: list[Figure]) -> None:
    """One caption: the source, place and time of each figure (figures that share them share a phrase)."""
    groups: dict[str, list[str]] = {}
    for fig in figures:
        if fig.value is not None:
            groups.setdefault(f"{fig.source}, {_where_and_when(fig)}", []).append(fig.label.split(" (")[0].lower())
    if groups:
        st.caption(". ".join(f"{' and '.join(labels).capitalize()}: {where.rstrip('.')}" for where, labels in groups.items())
                   + ". How we work these out: About the data.")


def metric_row(figures: list[tuple[Figure, Figure | None]]) -> None:
    """Figures side by side, with one caption under the row saying where and when each is from.

    One caption rather than one per figure: each caption is a markdown element for the browser to
    draw; on the Routes page (three figures a card) one caption per figure added ~80 ms in Chromium."""
    for col, (fig, compare) in zip(st.columns(len(figures)), figures):
        with col:
            metric(fig, compare, caption=False)
    groups: dict[str, list[str]] = {}  # figures from the same place and time share one phrase
    for fig, _ in figures:
        groups.setdefault(_where_and_when(fig), []).append(fig.label.lower())
    st.caption(". ".join(f"{' and '.join(labels).capitalize()}: {where.rstrip('.')}" for where, labels in groups.items()) + ".")


def adverts_period() -> str:
    """The month the job advert counts are for, from the bundle's manifest (its source's period)."""
    sources = _context().bundle.source_of("job_adverts")
    return str(sources[0].get("period", "")) if sources else ""


def adverts_note() -> None:
    """Under any job advert count: one month only, and seasonal work varies (issue 17)."""
    from pathways.words import one_month_of_adverts

    st.caption(one_month_of_adverts(adverts_period()))


def _where_and_when(fig: Figure) -> str:
    if fig.value is None:
        return fig.note or "No figure for this area"
    return f"{fig.geography}, {fig.period}"


def chart(kind: str, data: pd.DataFrame, title: str, description: str, table: pd.DataFrame | None = None,
          **options: object) -> None:
    """Chart ``kind`` from :mod:`views.charts` with a text description for screen readers and a
    table alternative (``table``, else ``data``). The spec is cached: see :mod:`views.charts`."""
    st.vega_lite_chart(_chart_spec(kind, data, title, description, **options), width="stretch")
    st.caption(description)
    with st.expander(f"Show as a table: {title}"):
        st.dataframe(data if table is None else table, hide_index=True, width="stretch")


@st.cache_data(max_entries=512, show_spinner=False)
def _chart_spec(kind: str, data: pd.DataFrame, title: str, description: str, **options: object) -> dict:
    return charts.spec(kind, data, title, description, **options)


def stop() -> None:
    """End the page here, after the footer (the words and the licence line are on every page)."""
    footer()
    st.stop()


def footer() -> None:
    st.divider()
    words()
    st.caption(OGL_LINE + " See **About the data** for every source, period and licence.")
    close_menu_after_page_change()  # last, so its empty element adds no gap above the page


def words(kinds: list[str] | None = None) -> None:
    """ "What do these words mean?": every term (``kinds`` None, in an expander on every page), or only the
    terms for these kinds of step (on a route card, inside "More about this route")."""
    from pathways.words import SOURCES, TERMS_FOR_KIND, glossary

    terms = glossary(_context().bundle.facts)
    if kinds is not None:
        wanted = {TERMS_FOR_KIND[k] for k in kinds if k in TERMS_FOR_KIND}
        chosen = [(t, m) for t, m in terms if t in wanted]
        if chosen:
            st.markdown("**What the words mean:**\n" + "\n".join(f"- **{t}:** {m}" for t, m in chosen))
        return
    with st.expander("What do these words mean?", icon=":material/menu_book:"):
        st.markdown("\n".join(f"- **{t}:** {m}" for t, m in terms))
        st.caption("From " + "; ".join(SOURCES) + ".")


# -- routes, cached per profile --------------------------------------------------------------
@st.cache_data(max_entries=256, show_spinner="Finding routes near you...")
def routes_for(params: tuple[tuple[str, str], ...], limit: int = 20):
    """Ranked routes for a profile (given as sorted URL params so the cache key is small)."""
    from pathways import service

    p, _ = Profile.from_params({k: v.split("\x1f") if k == "i" else v for k, v in params})
    return service.routes_for(_context(), p, limit=limit)


def profile_key(p: Profile) -> tuple[tuple[str, str], ...]:
    """A hashable form of a profile for caches."""
    return tuple(sorted((k, "\x1f".join(v) if isinstance(v, list) else v) for k, v in p.to_params().items()))


def toggle_in(list_name: str, key: str, limit: int) -> None:
    """Add or remove a key from the shortlist or compare list (a button callback)."""
    items = list(st.session_state.get(list_name, []))
    if key in items:
        items.remove(key)
    elif len(items) < limit:
        items.append(key)
    else:
        st.toast(f"You can keep up to {limit}. Remove one first.")
    st.session_state[list_name] = items
    sync_url()


def open_job(soc: str) -> None:
    """Button callback: show this job on the job page."""
    st.session_state.job = soc
    st.session_state.goto = "job"
    sync_url()


def follow_goto() -> None:
    """Go to the page a button callback asked for (callbacks cannot switch pages themselves)."""
    target = st.session_state.pop("goto", None)
    if target in PAGE_FILES:
        st.switch_page(PAGE_FILES[target])


def profile_summary() -> None:
    """One line saying whose routes these are, with a link to change it."""
    p = profile()
    parts = [f"Age {p.age}", p.qualification_label]
    if p.english_maths and p.level >= 2:
        parts.append("English and maths at grade 4")
    if p.interests:
        parts.append("into " + ", ".join(p.interests).lower())
    st.caption("For: " + "; ".join(parts) + ".")
    st.page_link(PAGE_FILES["start"], label="Change your details", icon=":material/edit:")


# -- a college's branding and courses (issue 7) ------------------------------------------------
from pathways.college import College, CollegeConfigError, load_college  # noqa: E402
from pathways.courses import CourseFileError, CourseList, CourseLookups, courses_for, read_course_file  # noqa: E402


@st.cache_resource(show_spinner=False)
def _college() -> College:
    return load_college()


def college() -> College:
    """The college running this copy (or the neutral public explorer); stops with a plain message if misconfigured."""
    try:
        return _college()
    except CollegeConfigError as exc:
        st.error(f"This site's college settings cannot be used: {exc}")
        st.stop()
        raise


@st.cache_resource(show_spinner="Checking the college's course list...")
def _course_list() -> CourseList | str | None:
    c = _college()
    if c.courses is None:
        return None
    try:
        return read_course_file(c.courses, CourseLookups.from_bundle(_context().bundle))
    except CourseFileError as exc:
        return str(exc)


def course_list() -> CourseList | None:
    """The college's checked course list, or None (no list, or a list that could not be read)."""
    result = _course_list()
    return result if isinstance(result, CourseList) else None


def course_list_problem() -> str | None:
    result = _course_list()
    return result if isinstance(result, str) else None


def course_matches(travel: TravelArea, soc: str | None = None) -> list:
    """The college's courses that fit the learner (and lead to ``soc`` when given)."""
    courses = course_list()
    if courses is None:
        return []
    return courses_for(courses, profile(), travel.codes, college().display_name, soc=soc)


_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$"


def escape_md(text: object) -> str:
    """Text from outside the project (a college's course list) made safe to show inside markdown."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text)).replace("\n", " ")


def show_course(match, key: str) -> None:
    """One college course as a first step, all its text escaped; its link as a button."""
    with st.container(border=True):
        st.markdown(f"**{escape_md(match.first_step)}**")
        if match.leads_to:
            st.caption("Leads to: " + escape_md(match.leads_to))
        if match.why:
            st.caption("Why it fits: " + escape_md("; ".join(match.why)) + ".")
        if match.link:
            st.link_button("See the course", match.link, icon=":material/open_in_new:")


# -- per-area answers, cached per server (small keys, bounded) ---------------------------------
@st.cache_data(max_entries=128, show_spinner=False)
def direct_entry_jobs(travel_codes: tuple[str, ...], mode: str, age: int = 16) -> list[dict]:
    """Jobs open with no qualifications in a travel area, with pay at the learner's age
    (see pathways.service.direct_entry_jobs)."""
    from pathways import service

    ctx = _context()
    return service.direct_entry_jobs(ctx, ctx.travel(ctx.areas.district(travel_codes[0]), mode), age=age)


@st.cache_data(max_entries=128, show_spinner=False)
def area_tables(lad_code: str) -> dict:
    from pathways import service

    ctx = _context()
    return service.area_tables(ctx, ctx.areas.district(lad_code))


@st.cache_data(max_entries=256, show_spinner=False)
def job_detail(soc: str) -> dict:
    from pathways import service

    return service.job_detail(_context(), soc)


@st.cache_data(max_entries=256, show_spinner=False)
def area_context(lad_code: str):
    """The opportunity picture of a district (see pathways.labour_market.area_context)."""
    from pathways.labour_market import area_context as build

    ctx = _context()
    return build(ctx.market, ctx.areas.district(lad_code))


@st.cache_data(max_entries=1024, show_spinner=False)
def occupation_outcomes(lad_code: str, mode: str, soc: str) -> dict:
    """Training and outcomes figures for a job near the learner (see pathways.labour_market)."""
    from pathways.labour_market import occupation_outcomes as build

    ctx = _context()
    return build(ctx.market, ctx.travel(ctx.areas.district(lad_code), mode), soc)
