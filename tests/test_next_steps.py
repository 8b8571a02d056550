"""Next steps for routes and jobs: official links filled in with the programme and place (issue 17)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from pathways import next_steps, service
from pathways.profile import Profile


def _routes(ctx, **kw):
    profile = Profile(**kw)
    _, _, routes = service.routes_for(ctx, profile, limit=10)
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
    profile, routes = _routes(ctx, where="TS10 1AA", age=16, qualification="level2", english_maths=True,
                              interests=("Engineering and manufacturing",))
    r = next(r for r in routes if r.steps[0].kind in ("t_level", "fe_course"))
    assert next_steps.for_route(r, "Redcar", profile)[0].url == next_steps.SERVICES["find_course"][0]


def test_a_job_gets_the_job_search_and_its_apprenticeship():
    steps = next_steps.for_job("Care workers and home carers", "Blackpool", Profile(age=20), "Adult care worker")
    assert steps[0].url.startswith(next_steps.SERVICES["find_apprenticeship"][0])
    q = parse_qs(urlparse(steps[1].url).query)
    assert q == {"q": ["Care workers and home carers"], "w": ["Blackpool"]}
    assert all(s.markdown().count("](") == (1 if s.url else 0) for s in steps)
