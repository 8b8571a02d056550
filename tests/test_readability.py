"""The app's text stays plain (textstat).

Two measures:

- the fixed guidance of Start here and About the data (Flesch reading ease, the bar a little under what it scores);
- the reading age (Flesch-Kincaid grade + 5) of what a person sees on the Routes, Job and Plan
  pages in the four journeys (Amira in Blackpool, Jordan in Redcar, a 16-year-old in Camborne, a 17-year-old in
  Sunderland): the text on the page before anything is opened (headings, text, notices, captions, the labels of
  buttons and of sections to open), each line a sentence as a reader takes it (a list item or a heading is one).
  The job is the one the journey's first route leads to, opened from that route; the plan holds that route and job.
"""

from __future__ import annotations

import re

import pytest
import textstat
from streamlit.testing.v1 import element_tree as et

from tests.apptest_helpers import open_page

pytestmark = pytest.mark.slow  # (left out by make test-fast)

#: Flesch reading ease: 60-70 is plain English, read easily by 13-15 year olds; higher is easier
BARS = {"start": 65, "about": 60}
#: reading age (Flesch-Kincaid grade + 5) at most this on the Routes, Job and Plan pages
READING_AGE = 12.0
#: the four people of the design notes, as their links give them
JOURNEYS = {
    "amira": {"where": "FY1 1AA", "age": "19", "q": "none"},
    "jordan": {"where": "TS10 1AA", "age": "17", "q": "level2", "em": "1", "i": "Engineering and manufacturing"},
    "camborne": {"where": "TR14 8AA", "age": "16", "q": "level2", "em": "1"},
    "sunderland": {"where": "SR1", "age": "17", "q": "level2"},
}
_TEXT = (et.Markdown, et.Caption, et.Header, et.Subheader, et.Title, et.Info, et.Success, et.Warning, et.Error)
#: statistical shorthand, codes and survey names that belong in the sources, not in what a person reads first
NOT_IN_MAIN_TEXT = (
    re.compile(r"n\.e\.c", re.I),
    re.compile(r"\bUKPRN\b"),
    re.compile(r"\bSOC 2020 unit group"),
    re.compile(r"\bunit group \d{4}"),
    re.compile(r"\b[A-Z][a-z]+ CC\b"),
    re.compile(r"Individualised Learner Record"),
    re.compile(r"\bTv\b"),
)


def page_text(page: str) -> str:
    at = open_page(page, {"where": "Blackpool", "sl": "job:9251"})
    parts = [m.value for m in at.markdown] + [i.value for i in at.info] + [c.value for c in at.caption]
    return "\n".join(p for p in parts if "http" not in p)


def shown_parts(node: object, captions: bool = True) -> list[str]:
    """The text a person sees before opening anything: every text element outside the sections they open (only a
    section's label), and the labels of buttons and metrics; captions (the sources) unless ``captions`` is False."""
    out: list[str] = []
    if isinstance(node, et.Expander):
        return [node.label]
    if isinstance(node, et.Block):
        for child in node.children.values():
            out += shown_parts(child, captions)
        return out
    if isinstance(node, et.Caption) and not captions:
        return out
    if isinstance(node, _TEXT):
        out.append(str(node.value))
    elif type(node).__name__ in ("Button", "LinkButton", "PageLink", "DownloadButton", "Metric"):
        out.append(str(getattr(node, "label", "")))
    return out


def as_sentences(parts: list[str]) -> str:
    """The parts as plain sentences: markdown, links' addresses and icons taken out, each line ended as a sentence."""
    lines = []
    for part in parts:
        part = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", part)
        part = re.sub(r"https?://\S+|:material/[a-z_]+:|[*_#`>|\\]", "", part)
        for line in part.splitlines():
            line = line.strip(" -•\t")
            if line:
                lines.append(line if line[-1] in ".!?:" else line + ".")
    return " ".join(lines)


def reading_age(text: str) -> float:
    return textstat.flesch_kincaid_grade(text) + 5


def journey_pages(params: dict) -> dict[str, object]:
    """The Routes page, the job of its first route opened from that route, and the plan with both."""
    from pathways.profile import Profile
    from views import cache

    found = cache.routes(Profile.from_params(params)[0])
    first = (found.groups.routes.get("earn") if found.groups else None) or list(found.routes)
    route = first[0]
    plan = {"sl": f"{route.route_id},job:{route.destination.soc}"}
    routes = open_page("routes", params | plan)
    job = open_page("routes", params | plan)
    job.button(key=f"job-{route.route_id}").click().run()
    return {"routes": routes, "job": job, "plan": open_page("plan", params | plan)}


@pytest.fixture(scope="module")
def journeys() -> dict[str, dict[str, object]]:
    return {name: journey_pages(params) for name, params in JOURNEYS.items()}


@pytest.mark.parametrize("page", list(BARS))
def test_guidance_text_is_plain(page):
    text = page_text(page)
    score = textstat.flesch_reading_ease(text)
    print(f"{page}: Flesch reading ease {score:.0f}, grade {textstat.flesch_kincaid_grade(text):.1f}")
    assert score >= BARS[page], f"{page} reads at {score:.0f}; simplify the wording"


def test_the_glossary_is_plain():
    """The words list ("What do these words mean?") is for a 17-year-old alone on a phone."""
    from pathways.words import glossary

    text = "\n".join(f"{t}: {m}" for t, m in glossary())
    score = textstat.flesch_reading_ease(text)
    print(f"glossary: Flesch reading ease {score:.0f}, grade {textstat.flesch_kincaid_grade(text):.1f}")
    assert score >= 60, f"the glossary reads at {score:.0f}"


@pytest.mark.parametrize("page", ["routes", "job", "plan"])
def test_the_four_journeys_read_at_12_or_under(journeys, page):
    """Routes 12-13, Plan 13, Job 13-14 before; each now at a reading age of 12 or under for all
    four people, captions (the sources) included."""
    ages = {}
    for name, pages in journeys.items():
        at = pages[page]
        assert not at.exception, [e.value[:300] for e in at.exception]
        ages[name] = round(reading_age(as_sentences(shown_parts(at.main))), 1)
    print(f"{page}: reading age {ages}")
    assert max(ages.values()) <= READING_AGE, f"{page} reads at {ages}"


@pytest.mark.parametrize("page", ["routes", "job", "plan"])
def test_no_shorthand_codes_or_survey_names_in_the_main_text(journeys, page):
    """Before: "n.e.c." 17 times, "UKPRN", "SOC 2020 unit group 5241", "Lincolnshire CC", "Individualised
    Learner Record" and "Tv" were in what people read; they belong in the sources, if anywhere."""
    for name, pages in journeys.items():
        text = "\n".join(shown_parts(pages[page].main, captions=False))
        found = [p.pattern for p in NOT_IN_MAIN_TEXT if p.search(text)]
        assert not found, (name, page, found)
