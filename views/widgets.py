"""The standard ways to show things on a page: a figure with its source, a list of figures, a chart
with its description and table, the words' meanings, a college's course, who a page is for.

Nothing here works a figure out: each takes what :mod:`views.cache` gives a page.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

from pathways.figures import Figure
from pathways.pay import PAY_WHILE_TRAINING
from pathways.vocab import UK, page
from pathways.words import SOURCES, TERMS_FOR_KIND, one_month_of_adverts
from views import cache, state

__all__ = [
    "BASIS_WORDS",
    "metric",
    "figure_lines",
    "figure_sources",
    "adverts_note",
    "chart",
    "words",
    "escape_md",
    "show_course",
    "profile_summary",
]

BASIS_WORDS = {
    "measured": "",
    "modelled": "estimate",
    "wider area": "wider area",
    "suppressed": "not published",
    "not available": "no data",
}


def _where_and_when(fig: Figure) -> str:
    if fig.value is None:
        return fig.note or "No figure for this area"
    return f"{fig.geography}, {fig.period}"


def metric(fig: Figure, compare: Figure | None = None, caption: bool = True) -> None:
    """A figure as a metric, its source on hover and (unless ``caption`` is False) in a caption."""
    tag = BASIS_WORDS.get(fig.basis, "")
    label = fig.label + (f" ({tag})" if tag else "")
    value = fig.display() if fig.value is not None else "No figure"
    delta = None
    if compare is not None and compare.value is not None:
        delta = f"{'UK' if compare.level == UK.level else compare.geography}: {compare.display()}"
    # the label as text of its own, so a long one wraps: st.metric cuts its label to one line ("16-17 year olds
    # not in education, work or training (or ..." at 375 px); the metric keeps it for screen readers
    st.markdown(label, help=fig.provenance())
    # no arrow: the delta is the comparison figure itself, not a change up or down
    st.metric(label, value, delta=delta, delta_color="off", delta_arrow="off", label_visibility="collapsed")
    if caption:
        st.caption(_where_and_when(fig))


def figure_lines(figures: list[Figure] | tuple[Figure, ...], sources: bool = True) -> None:
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


def figure_sources(figures: list[Figure] | tuple[Figure, ...]) -> None:
    """One caption: the source of the figures, then the place and time of each (figures that share them share a
    sentence), in short sentences: "Source: ONS Annual Survey of Hours and Earnings. Pay with experience: the North
    West, April 2025." """
    sources: dict[str, dict[str, list[str]]] = {}
    for fig in figures:
        if fig.value is not None:
            label = fig.label.split(" (")[0].split(": ")[0]
            places = sources.setdefault(_short_source(fig.source), {})
            places.setdefault(_where_and_when(fig).rstrip("."), [])
            if label not in places[_where_and_when(fig).rstrip(".")]:
                places[_where_and_when(fig).rstrip(".")].append(label)
    if not sources:
        return
    parts = []
    for source, places in sources.items():
        parts.append(f"Source: {source}.")
        parts += [f"{_and(labels)}: {where}." for where, labels in places.items()]
    st.caption(" ".join(parts) + " How we work these out: About the data.")


def _short_source(source: str) -> str:
    """A source's name without its longer asides in brackets (a file's name, a dashboard's), which the plan's CSV and
    About the data keep: "HM Government: National Minimum Wage and National Living Wage rates"; a one- or two-word
    aside, such as "(provisional)", stays.

    >>> _short_source("HM Government (GOV.UK Smart Answers rate file): National Minimum Wage rates.")
    'HM Government: National Minimum Wage rates'
    >>> _short_source("ONS Annual Survey of Hours and Earnings (provisional)")
    'ONS Annual Survey of Hours and Earnings (provisional)'
    """
    short = re.sub(r"\s*\((?:[^()\s]+\s+){2,}[^()]*\)", "", source)
    return short.strip().rstrip(".")


def _and(labels: list[str]) -> str:
    """ "Pay" for two pay figures or more; else the labels joined, the first as it is, the rest in lower case."""
    if len(labels) > 1 and all(x.startswith("Pay") for x in labels):
        return "Pay"
    words = [labels[0]] + [x[0].lower() + x[1:] if x[1:2].islower() else x for x in labels[1:]]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def adverts_note() -> None:
    """Under any job advert count: one month only, and seasonal work varies."""
    st.caption(one_month_of_adverts(cache.adverts_period()))


def chart(kind: str, data: pd.DataFrame, title: str, description: str, table: pd.DataFrame | None = None, **options: Any) -> None:
    """Chart ``kind`` from :mod:`views.charts` with a text description for screen readers and a
    table alternative (``table``, else ``data``). The spec is cached: see :func:`views.cache.chart_spec`."""
    st.vega_lite_chart(cache.chart_spec(kind, data, title, description, **options), width="stretch")
    st.caption(description)
    with st.expander(f"Show as a table: {title}"):
        st.dataframe(data if table is None else table, hide_index=True, width="stretch")


def words(kinds: list[str] | None = None) -> None:
    """ "What do these words mean?": every term (``kinds`` None, in an expander on every page), or only the
    terms for these kinds of step (on a route card, inside "More about this route")."""
    terms = cache.glossary()
    if kinds is not None:
        wanted = {TERMS_FOR_KIND[k] for k in kinds if k in TERMS_FOR_KIND}
        chosen = [(t, m) for t, m in terms if t in wanted]
        if chosen:
            st.markdown("**What the words mean:**\n" + "\n".join(f"- **{t}:** {m}" for t, m in chosen))
        return
    with st.expander("What do these words mean?", icon=":material/menu_book:"):
        st.markdown("\n".join(f"- **{t}:** {m}" for t, m in terms))
        st.caption("From " + "; ".join(SOURCES) + ".")


_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$"


def escape_md(text: object) -> str:
    """Text from outside the project (a college's course list) made safe to show inside markdown."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text)).replace("\n", " ")


def show_course(match: Any) -> None:
    """One college course as a first step (a :class:`pathways.courses.CourseMatch`), all its text
    escaped; its link as a button."""
    with st.container(border=True):
        st.markdown(f"**{escape_md(match.first_step)}**")
        if match.leads_to:
            st.caption("Leads to: " + escape_md(match.leads_to))
        if match.why:
            st.caption("Why it fits: " + escape_md("; ".join(match.why)) + ".")
        if match.link:
            st.link_button("See the course", match.link, icon=":material/open_in_new:")


def profile_summary() -> None:
    """One line saying whose routes these are, with a link to change it."""
    p = state.profile()
    parts = [f"Age {p.age}", p.qualification_label]
    if p.english_maths and p.level >= 2:
        parts.append("English and maths at grade 4")
    if p.interests:
        parts.append("into " + ", ".join(p.interests).lower())
    st.caption("For: " + "; ".join(parts) + ".")
    st.page_link(page("start").file, label="Change your details", icon=":material/edit:")
