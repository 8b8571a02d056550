"""The session's state, mirrored in the URL: the learner's profile, the shortlist (their plan), the
routes to compare and the job they chose; and the button callbacks that change them."""

from __future__ import annotations

import re

import streamlit as st

from pathways.profile import Profile
from pathways.vocab import PAGE_SLUGS, page

__all__ = [
    "MAX_SHORTLIST",
    "MAX_COMPARE",
    "init_session",
    "profile",
    "set_profile",
    "sync_url",
    "show_notices",
    "toggle_in",
    "open_job",
    "job_route",
    "follow_goto",
    "shortlist",
    "compare_list",
    "chosen_job",
]

MAX_SHORTLIST = 12
MAX_COMPARE = 3

#: a route key (``start:none|prog:ST0005|occ:6135``) or a job key (``job:6135``)
_KEY = re.compile(r"(job:\d{4})|(start:[a-z0-9+]+(\|(prog|occ):[A-Za-z0-9._-]+)+)")


def init_session() -> None:
    """On a session's first run, read the profile, shortlist and job from the URL."""
    if "profile" in st.session_state:
        return
    params = {k: st.query_params.get_all(k) for k in list(st.query_params.keys())[:50]}
    profile_, notices = Profile.from_params(params)
    st.session_state.profile = profile_
    st.session_state.notices = notices
    st.session_state.shortlist, bad_plan = _read_list(params.get("sl"), MAX_SHORTLIST)
    st.session_state.compare, bad_compare = _read_list(params.get("cmp"), MAX_COMPARE)
    if bad_plan or bad_compare:
        st.session_state.notices.append(
            f"{bad_plan + bad_compare} item(s) in the link were damaged (perhaps cut short when it was copied), "
            "so we left them out. The rest of your plan is kept."
        )
    job = (params.get("job") or [""])[-1]
    st.session_state.job = job if job.isascii() and job.isdigit() and len(job) == 4 else ""
    if params.get("job") and not st.session_state.job:
        st.session_state.notices.append("The job in the link was not recognised, so we left it out.")


def _read_list(values: list[str] | None, limit: int) -> tuple[list[str], int]:
    """Route and job keys from the URL (short, printable, known shapes only), and how many items were
    damaged (not a route or job key) and left out."""
    out: list[str] = []
    damaged = 0
    for v in (values or [])[: limit * 2]:
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


def profile() -> Profile:
    return st.session_state.profile


def set_profile(p: Profile) -> None:
    st.session_state.profile = p
    sync_url()


def shortlist() -> list[str]:
    """The keys of the routes and jobs in the learner's plan."""
    return list(st.session_state.get("shortlist", []))


def compare_list() -> list[str]:
    """The ids of the routes the learner chose to compare."""
    return list(st.session_state.get("compare", []))


def chosen_job() -> str:
    """The job (SOC code) the learner chose, or ""."""
    return str(st.session_state.get("job") or "")


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


def open_job(soc: str, route_id: str = "") -> None:
    """Button callback: show this job on the job page (opened from the route ``route_id``, when given, so the job
    page tells the same story: that route's apprenticeship, travel area and age)."""
    st.session_state.job = soc
    st.session_state.job_route = route_id
    st.session_state.goto = "job"
    sync_url()


def job_route() -> str:
    """The route the job page was opened from ("" when it was not opened from a route)."""
    return str(st.session_state.get("job_route") or "")


def follow_goto() -> None:
    """Go to the page a button callback asked for (callbacks cannot switch pages themselves)."""
    target = st.session_state.pop("goto", None)
    if target in PAGE_SLUGS:
        st.switch_page(page(target).file)
