"""Next steps for routes and jobs: official links filled in with the programme and place, and when to
apply, with its source."""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from pathways import next_steps
from pathways.answers.routes import route_card
from pathways.profile import Profile


def _routes(ctx, **kw):
    profile = Profile(**kw)
    _, _, routes = ctx.routes_for(profile, limit=10)
    return profile, routes


def test_an_apprenticeship_first_step_links_to_the_official_search_with_its_name_and_place(ctx):
    profile, routes = _routes(ctx, where="FY1 1AA", age=19, qualification="none")
    r = next(r for r in routes if r.steps[0].kind == "apprenticeship")
    steps = next_steps.for_route(r, "Blackpool", profile, "https://findapprenticeshiptraining.example/courses/1")
    url = urlparse(steps[0].url)
    assert url.netloc == "www.findapprenticeship.service.gov.uk"
    assert parse_qs(url.query) == {"searchTerm": [r.steps[0].title], "location": ["Blackpool"]}
    assert any("training providers" in s.text for s in steps)
    assert any("0800 100 900" in s.text for s in steps)
    assert any("Jobcentre Plus" in s.text for s in steps)  # 19: the 18-24 youth offer


def test_no_jobcentre_step_under_18_and_a_school_adviser_instead(ctx):
    profile, routes = _routes(ctx, where="TS10 1AA", age=16, qualification="level2", english_maths=True)
    steps = next_steps.for_route(routes[0], "Redcar", profile)
    assert not any("Jobcentre" in s.text for s in steps) and any("school or college careers adviser" in s.text for s in steps)


def test_college_and_t_level_first_steps_point_to_the_course_search(ctx):
    profile, routes = _routes(
        ctx, where="TS10 1AA", age=16, qualification="level2", english_maths=True, interests=("Engineering and manufacturing",)
    )
    r = next(r for r in routes if r.steps[0].kind in ("t_level", "fe_course"))
    url = urlparse(next_steps.for_route(r, "Redcar", profile)[0].url)
    assert f"{url.scheme}://{url.netloc}{url.path}" == next_steps.SERVICES["find_course_search"][0]
    assert parse_qs(url.query) == {"searchTerm": [next_steps.course_search_term(r.steps[0].title)], "townOrPostcode": ["Redcar"]}


# -- when to apply, and "Find a course" filled in -----------------------------------------------
# Before: no step said when to apply, and "Find a course" opened the empty search page.
@pytest.mark.parametrize(
    "kinds, words",
    [
        (
            ("apprenticeship", "foundation_apprenticeship"),
            "vacancies all year. Many that start in September are advertised from the spring",
        ),
        (("fe_course", "t_level"), "applications from the autumn for courses that start the next September"),
    ],
)
def test_the_route_cards_next_step_says_when_to_apply_with_its_source(ctx, kinds, words):
    from pathways.vocab import kind

    seen = 0
    for where, age, qual, interests in (
        ("FY1 1AA", 19, "none", ()),
        ("TS10 1AA", 16, "level2", ("Engineering and manufacturing",)),
        ("Cornwall", 17, "level2", ("Care services",)),
    ):
        profile, routes = _routes(
            ctx, where=where, age=age, qualification=qual, english_maths=qual != "none", interests=interests
        )
        for r in (r for r in routes if r.steps and r.steps[0].kind in kinds):
            card = route_card(ctx, ctx.travel(ctx.resolve(where), profile.travel), r, profile)
            first = card.next_steps[0]  # the card's "Next step"
            fact = next_steps.WHEN_TO_APPLY[kind(r.steps[0].kind).finder]
            assert words in first.text and f"(From {fact.source}, checked " in first.text, first.text
            assert first.url and "http" not in first.text, "the source is named in words; the link is the search"
            seen += 1
    assert seen >= 2, f"no route starting with {kinds} among the learners"


def test_find_a_course_is_filled_in_with_the_subject_and_the_place(ctx):
    from types import SimpleNamespace

    step = SimpleNamespace(title="College course: health and social care (Level 3)", kind="fe_course")
    first = next_steps.apply_step(step, "Cornwall")[0]
    q = parse_qs(urlparse(first.url).query)
    assert q == {"searchTerm": ["health and social care"], "townOrPostcode": ["Cornwall"]}
    assert first.link_text == "Find health and social care courses near Cornwall"
    assert first.markdown().endswith(f"[Find health and social care courses near Cornwall]({first.url})")


def test_when_to_apply_facts_agree_with_the_facts_file():
    """The apprenticeship fact is a row of facts.csv (the data bundle has it once rebuilt); the page reads the typed
    constant until then, so the two must say the same, from the same page, on the same date."""
    path = Path(__file__).resolve().parents[1] / "pathways" / "ingest" / "handwritten" / "facts.csv"
    rows = {r["key"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}
    fact = next_steps.WHEN_TO_APPLY["find_apprenticeship"]
    row = rows[fact.key]
    assert (row["description"], row["source"], row["url"], row["as_of"]) == (fact.words, fact.source, fact.url, fact.as_of)
    for f in next_steps.WHEN_TO_APPLY.values():
        assert f.url.startswith("https://") and len(f.as_of) == 7 and f.words.endswith(".")


def test_a_job_gets_the_job_search_and_its_apprenticeship():
    steps = next_steps.for_job("Care workers and home carers", "Blackpool", Profile(age=20), "Adult care worker")
    assert steps[0].url.startswith(next_steps.SERVICES["find_apprenticeship"][0])
    q = parse_qs(urlparse(steps[1].url).query)
    assert q == {"q": ["Care workers and home carers"], "w": ["Blackpool"]}
    assert all(s.markdown().count("](") == (1 if s.url else 0) for s in steps)


def test_route_cards_on_the_page_say_when_to_apply_and_fill_in_find_a_course():
    """AppTest: the Routes page's "Next step" lines for a 17-year-old in Cornwall interested in care."""
    from tests.apptest_helpers import no_exception, open_page

    at = open_page("routes", {"where": "Cornwall", "age": "17", "q": "level2", "em": "1", "i": "Care services"})
    no_exception(at)
    nexts = [m.value for m in at.markdown if m.value.startswith("**Next step:**")]
    apprenticeship = [v for v in nexts if "vacancies near Cornwall" in v]
    course = [v for v in nexts if "at colleges near Cornwall" in v]
    assert apprenticeship and all("advertised from the spring" in v and "(From GOV.UK" in v for v in apprenticeship)
    assert course and all("from the autumn" in v and "(From National Careers Service" in v for v in course), nexts
    assert all("find-a-course/searchcourse?searchTerm=" in v and "townOrPostcode=Cornwall" in v for v in course)
