"""The Streamlit caches: the server's context, the college and its course list, and every answer a
page shows, built by :mod:`pathways.answers` (one module per page).

Pages ask here and nowhere else for what they show; only this module holds the context. Answers that
depend on a small key (a job code, a district, a travel area, a profile) are cached per server, bounded;
the rest are worked out on each run, as they are cheap or depend on a whole list of routes.
"""

from __future__ import annotations

import gc

import pandas as pd
import streamlit as st

from pathways.answers import about as about_answers
from pathways.answers import area as area_answers
from pathways.answers import compare as compare_answers
from pathways.answers import job as job_answers
from pathways.answers import plan as plan_answers
from pathways.answers import routes as route_answers
from pathways.answers.about import AboutAnswer
from pathways.answers.area import AreaMap, AreaPicture, AreaTables, EmployersNear
from pathways.answers.compare import CompareAnswer
from pathways.answers.job import JobAnswer, JobNearYou
from pathways.answers.plan import PlanAnswer
from pathways.answers.routes import DirectEntryJob, RouteCard, RoutesAnswer
from pathways.areas import Place, TravelArea
from pathways.college import College, CollegeConfigError, load_college
from pathways.context import Context, load_context
from pathways.courses import (
    CourseFileError,
    CourseList,
    CourseLookups,
    CourseMatch,
    courses_for,
    read_course_bytes,
    read_course_file,
)
from pathways.delivery_answers import Delivery
from pathways.errors import BundleError
from pathways.profile import Profile
from pathways.routes import Route
from pathways.words import glossary as words_glossary
from views import charts

__all__ = [
    "context",
    "college",
    "forget_college",
    "course_list",
    "course_list_problem",
    "check_course_bytes",
    "course_matches",
    "resolve",
    "travel_area",
    "districts",
    "nearby_districts",
    "routes",
    "route_card",
    "delivery",
    "direct_entry_jobs",
    "job_titles",
    "job",
    "job_near",
    "area",
    "area_tables",
    "area_map",
    "employers_near",
    "compare",
    "plan",
    "about",
    "glossary",
    "adverts_period",
    "chart_spec",
    "profile_key",
]


# -- the context ----------------------------------------------------------------------------------
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


# -- a college's branding and courses -------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _college() -> College:
    return load_college()


def forget_college() -> None:
    """Drop the cached college and course list (they are cached per server; the start-up check and tests switch)."""
    _college.clear()
    _course_list.clear()


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


def check_course_bytes(data: bytes, name: str) -> CourseList:
    """A course list uploaded on the About page, checked in memory (raises CourseFileError)."""
    return read_course_bytes(data, name, CourseLookups.from_bundle(context().bundle))


def course_matches(p: Profile, travel: TravelArea, soc: str | None = None) -> list[CourseMatch]:
    """The college's courses that fit the learner (and lead to ``soc`` when given)."""
    courses = course_list()
    if courses is None:
        return []
    return courses_for(courses, p, travel.codes, college().display_name, soc=soc)


# -- where the learner is ---------------------------------------------------------------------------
def resolve(where: str) -> Place:
    """The district for what the learner typed (raises PathwaysError / PlaceChoices)."""
    return context().resolve(where)


def travel_area(place: Place, mode: str) -> TravelArea:
    """The districts a learner can reach from ``place`` (``mode``: see :data:`pathways.vocab.TRAVEL_MODES`)."""
    return context().travel(place, mode)


def districts() -> list[tuple[str, str]]:
    """Every district in England as (code, name), by name."""
    return context().areas.all_districts()


def nearby_districts(travel: TravelArea) -> list[tuple[str, str]]:
    return context().areas.nearby_districts(travel)


# -- routes, cached per profile ---------------------------------------------------------------------
def profile_key(p: Profile) -> tuple[tuple[str, str], ...]:
    """A hashable form of a profile for caches."""
    return tuple(sorted((k, "\x1f".join(v) if isinstance(v, list) else v) for k, v in p.to_params().items()))


@st.cache_data(max_entries=256, show_spinner="Finding routes near you...")
def _routes(params: tuple[tuple[str, str], ...], limit: int = 20) -> RoutesAnswer:
    """Ranked routes for a profile (given as sorted URL params so the cache key is small)."""
    p, _ = Profile.from_params({k: v.split("\x1f") if k == "i" else v for k, v in params})
    return route_answers.routes_answer(_context(), p, limit=limit)


def routes(p: Profile) -> RoutesAnswer:
    """The learner's place, travel area and ranked routes (raises PathwaysError for a place we cannot find)."""
    return _routes(profile_key(p))


def route_card(travel: TravelArea, route: Route, p: Profile) -> RouteCard:
    return route_answers.route_card(context(), travel, route, p)


def delivery(travel: TravelArea, programme_id: str, age: int | None = None) -> Delivery:
    return context().delivery.delivery_for(travel, programme_id, age)


@st.cache_data(max_entries=128, show_spinner=False)
def direct_entry_jobs(travel: TravelArea, age: int = 16) -> tuple[DirectEntryJob, ...]:
    """Jobs open with no qualifications in a travel area, with pay at the learner's age
    (see :func:`pathways.answers.routes.direct_entry_jobs`; the travel area is part of the key: it is small)."""
    return route_answers.direct_entry_jobs(_context(), travel, age=age)


# -- a job --------------------------------------------------------------------------------------------
@st.cache_data(max_entries=1, show_spinner=False)
def job_titles() -> list[tuple[str, str]]:
    return _context().market.job_titles()


@st.cache_data(max_entries=256, show_spinner=False)
def job(soc: str) -> JobAnswer:
    return job_answers.job_answer(_context(), soc)


@st.cache_data(max_entries=1024, show_spinner=False)
def job_near(soc: str, travel: TravelArea, age: int, qualify_age: float | None = None) -> JobNearYou:
    """A job's figures near the learner (the travel area is part of the key: it is small)."""
    return job_answers.job_near(_context(), soc, travel, age, qualify_age)


# -- an area ------------------------------------------------------------------------------------------
@st.cache_data(max_entries=256, show_spinner=False)
def area(lad_code: str) -> AreaPicture:
    """The opportunity picture of a district (see :func:`pathways.answers.area.area_picture`)."""
    ctx = _context()
    return area_answers.area_picture(ctx, ctx.areas.district(lad_code))


@st.cache_data(max_entries=128, show_spinner=False)
def area_tables(lad_code: str) -> AreaTables:
    ctx = _context()
    return area_answers.area_tables(ctx, ctx.areas.district(lad_code))


@st.cache_data(max_entries=128, show_spinner=False)
def employers_near(travel: TravelArea) -> EmployersNear:
    """Employers near the learner that train their own apprentices (see :func:`pathways.answers.area.employers_near`)."""
    return area_answers.employers_near(_context(), travel)


@st.cache_data(max_entries=256, show_spinner=False)
def area_map(home: str, codes: tuple[str, ...]) -> tuple[AreaMap, pd.DataFrame]:
    """The map's outlines, box and table for one travel area, and where its names go (cached: the page
    reruns on every click)."""
    m = area_answers.area_map(_context(), home, codes)
    return m, charts.map_labels(m.shapes, m.box, m.order)


# -- compare, plan and about --------------------------------------------------------------------------
def compare(p: Profile, chosen: list[Route], travel: TravelArea) -> CompareAnswer:
    return compare_answers.compare_answer(context(), p, chosen, travel)


def plan(keys: list[str], routes_: tuple[Route, ...], travel: TravelArea, age: int) -> PlanAnswer:
    return plan_answers.plan_answer(context(), keys, routes_, travel, age=age)


@st.cache_data(max_entries=1, show_spinner=False)
def about() -> AboutAnswer:
    return about_answers.about_answer(_context())


@st.cache_data(max_entries=1, show_spinner=False)
def glossary() -> list[tuple[str, str]]:
    """Every term the explorer uses, with its meaning (the numbers from the bundle's facts)."""
    return words_glossary(_context().bundle.facts)


def adverts_period() -> str:
    """The month the job advert counts are for (the period of their source in the bundle's manifest)."""
    return context().market.cite.adverts_period


# -- charts -------------------------------------------------------------------------------------------
@st.cache_data(max_entries=512, show_spinner=False)
def chart_spec(kind: str, data: pd.DataFrame, title: str, description: str, **options: object) -> dict:
    """The Vega-Lite spec of a chart from :mod:`views.charts` (building one costs 20-40 ms)."""
    return charts.spec(kind, data, title, description, **options)
