"""The pages' answers (pathways.answers, one module per page) on the committed bundle: their types, known
places and jobs (Blackpool FY1 1AA, care workers 6135), and plain errors for bad input."""

from __future__ import annotations

import dataclasses
import json

import pytest

from pathways import cli
from pathways.answers import about, area, compare, job as job_answers, plan, routes
from pathways.errors import PathwaysError, UnknownOccupation, UnknownProgramme, UnknownRoute
from pathways.figures import Figure
from pathways.labour_market import OccupationLocal
from pathways.profile import Profile
from pathways.vocab import UK
from pathways.words import glossary

BLACKPOOL = "E06000009"
CARE_WORKERS = "6135"


@pytest.fixture(scope="module")
def blackpool(ctx):
    place = ctx.resolve("FY1 1AA")
    return place, ctx.travel(place, "neighbours")


@pytest.fixture(scope="module")
def amira():
    """Amira, 19, Blackpool, no qualifications (docs: the people we build for)."""
    return Profile.from_params({"where": "FY1 1AA", "age": "19", "q": "none"})[0]


@pytest.fixture(scope="module")
def amira_routes(ctx, amira):
    return routes.routes_answer(ctx, amira)


PAGE_MODULES = (about, area, compare, job_answers, plan, routes)


@pytest.mark.parametrize("module", PAGE_MODULES, ids=lambda m: m.__name__)
def test_every_public_name_exists_and_every_answer_is_a_frozen_dataclass(module):
    assert module.__doc__
    for name in module.__all__:
        obj = getattr(module, name)
        if isinstance(obj, type):
            assert dataclasses.is_dataclass(obj) and obj.__dataclass_params__.frozen, name


def test_the_command_line_summaries_live_beside_the_command_line():
    for module in PAGE_MODULES:
        assert not set(cli.__all__) & set(module.__all__), module.__name__


# -- where the learner is ---------------------------------------------------------------------
def test_a_postcode_resolves_to_its_district_and_travel_area(blackpool):
    place, travel = blackpool
    assert (place.lad_code, place.name, place.region_name) == (BLACKPOOL, "Blackpool", "North West")
    assert travel.home == place and travel.codes[0] == BLACKPOOL and len(travel.codes) >= 2


@pytest.mark.parametrize("where", ["ZZ99 9ZZ", "CF10 1AA", ""])
def test_a_place_we_cannot_use_is_a_plain_error(ctx, where):
    with pytest.raises(PathwaysError) as exc:
        ctx.resolve(where)
    assert str(exc.value) and "Traceback" not in str(exc.value)


def test_nearby_districts_are_the_rest_of_the_travel_area(ctx, blackpool):
    _, travel = blackpool
    near = ctx.areas.nearby_districts(travel)
    assert [c for c, _ in near] == list(travel.codes[1:])
    assert all(name for _, name in near)
    home_only = ctx.travel(travel.home, "home")
    everywhere = ctx.areas.nearby_districts(home_only)
    assert len(everywhere) > 250 and BLACKPOOL not in dict(everywhere)


# -- a job --------------------------------------------------------------------------------------
def test_the_job_answer_for_care_workers(ctx):
    job = job_answers.job_answer(ctx, CARE_WORKERS)
    assert isinstance(job, job_answers.JobAnswer)
    assert job.title == "Care workers and home carers" and job.description and job.tasks
    assert all(isinstance(f, Figure) and (f.geography, f.level) == (UK.name, UK.level) and f.value for f in job.pay_uk)
    assert all(f.period == ctx.market.pay_period and f.source == ctx.market.cite.ashe for f in job.pay_uk)
    assert [f.label for f in job.pay_uk][:1] == ["Lowest 10%"]
    assert job.pay_median.label == "Middle" and 15_000 < (job.pay_median.value or 0) < 50_000
    adult_care = next(w for w in job.ways_in if w.id == "ST0005")
    assert (adult_care.title, adult_care.level, adult_care.kind, adult_care.kind_label) == (
        "Adult care worker",
        2,
        "apprenticeship",
        "Apprenticeship",
    )
    assert adult_care.label == "Adult care worker" and (adult_care.starts or 0) > 1000
    assert [w.level for w in job.ways_in] == sorted(w.level for w in job.ways_in)
    assert job.first_open_apprenticeship is not None and not job.first_open_apprenticeship.status_text
    assert all(isinstance(r, job_answers.RelatedJob) and r.soc != CARE_WORKERS for r in job.related)
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.title = "changed"  # type: ignore[misc]


def test_a_replaced_way_in_says_so_and_names_its_successor(ctx):
    ways = {w.id: w for w in job_answers.job_answer(ctx, "6133").ways_in}
    assert ways["ST0113"].label == "Dental nurse (integrated) (replaced by Dental nurse (GDC 2023): no new starts)"
    assert ways["ST0113"].status == "replaced"


def test_the_next_steps_for_a_job_name_its_apprenticeship_then_the_job_search(ctx, blackpool, amira, amira_routes):
    job = job_answers.job_answer(ctx, CARE_WORKERS)
    first = job.first_open_apprenticeship
    steps = job.next_steps(blackpool[0], amira)
    assert first is not None and steps[0].text == f"Look for {first.title} apprenticeships near Blackpool."
    assert steps[1].text.startswith("Look for care workers and home carers jobs near Blackpool")
    route = next(r for r in amira_routes.routes if any(s.kind == "apprenticeship" for s in r.steps))
    appr = next(s.title for s in route.steps if s.kind == "apprenticeship")
    assert job.next_steps(blackpool[0], amira, route)[0].text.startswith(f"Look for {appr} apprenticeships")


@pytest.mark.parametrize("soc", ["0000", "99999", "", "6135; DROP", "<b>"])
def test_an_unknown_job_is_a_plain_error(ctx, blackpool, soc):
    with pytest.raises(UnknownOccupation):
        job_answers.job_answer(ctx, soc)
    with pytest.raises(UnknownOccupation):
        job_answers.job_near(ctx, soc, blackpool[1])


def test_a_job_near_blackpool(ctx, blackpool):
    near = job_answers.job_near(ctx, CARE_WORKERS, blackpool[1], age=19)
    assert isinstance(near, job_answers.JobNearYou) and isinstance(near.local, OccupationLocal)
    assert near.local.soc == CARE_WORKERS and near.local.pay_experienced.geography
    assert near.newly_qualified.unit == "£ a year" and near.newly_qualified.value
    assert near.outcomes and all(isinstance(f, Figure) for f in near.outcomes)
    ways = {w.id for w in job_answers.job_answer(ctx, CARE_WORKERS).ways_in}
    assert "ST0005" in near.near and set(near.near) <= ways
    assert near.summary("ST0005") is near.near["ST0005"] and near.summary("NOPE") is None
    assert near.delivery_year


# -- an area ------------------------------------------------------------------------------------
def test_the_area_picture_of_blackpool(ctx, blackpool):
    picture = area.area_picture(ctx, blackpool[0])
    assert isinstance(picture, area.AreaPicture) and picture.place.name == "Blackpool"
    for pair in (*picture.young_people, picture.pay, picture.starts_per_1000):
        assert isinstance(pair.figure, Figure)
        assert pair.england is None or pair.england.geography == "England"
    assert picture.pay.figure.geography == "Blackpool" and picture.pay.england is not None
    assert [f.label for f in picture.headline] == [
        picture.pay.figure.label,
        picture.neet.figure.label,
        picture.starts_per_1000.figure.label,
    ]
    assert picture.social_mobility is not None
    scores = picture.social_mobility.scores
    assert list(scores.columns) == ["index", "period", "value", "category"] and scores["index"].is_unique
    assert picture.social_mobility.source == ctx.market.cite.smc and picture.social_mobility.source


def test_the_area_tables_of_blackpool(ctx, blackpool):
    t = area.area_tables(ctx, blackpool[0])
    assert isinstance(t, area.AreaTables)
    assert set(t.starts["Area"]) == {"Blackpool", "England"} and (t.starts["Starts per 1,000 people"] > 0).all()
    assert list(t.people.columns) == ["Kind of work", "People"] and 0 < len(t.people) <= 8
    assert t.people["People"].is_monotonic_decreasing and t.adverts["Adverts"].is_monotonic_decreasing
    assert t.adverts_period == ctx.market.cite.adverts_period and t.people_period
    cite = ctx.market.cite
    assert list(t.openings.columns) == ["Kind of work", t.openings_column]
    assert t.openings_column == f"Jobs to fill, {cite.projections_period}" and t.openings_period == cite.projections_period
    assert t.openings_until == cite.projections_period.split(" to ")[-1] and t.openings_until.isdigit()
    assert (t.openings_source, t.openings_note) == (cite.projections, cite.projections_note)
    assert len(t.openings) and t.openings[t.openings_column].is_monotonic_decreasing


def test_the_area_map_of_blackpool(ctx, blackpool):
    _, travel = blackpool
    m = area.area_map(ctx, travel.home.lad_code, travel.codes)
    assert isinstance(m, area.AreaMap) and m.order == list(area.MAP_GROUPS)
    west, south, east, north = m.box
    home = m.shapes[m.shapes["Shown as"] == "Where you live"]
    assert home.Area.tolist() == ["Blackpool"]
    assert west < float(home.label_lon.iloc[0]) < east and south < float(home.label_lat.iloc[0]) < north
    assert m.reachable == list(travel.names[1:])


# -- routes -------------------------------------------------------------------------------------
def test_routes_for_amira(amira_routes):
    a = amira_routes
    assert isinstance(a, routes.RoutesAnswer) and a.place.name == "Blackpool"
    assert 0 < len(a.routes) <= 20 * len(a.groups.routes) and isinstance(a.routes, tuple)
    assert all(len(rs) <= 20 for rs in a.groups.routes.values())
    for rs in a.groups.routes.values():  # ranked within each group
        assert [r.rank for r in rs] == list(range(1, len(rs) + 1))
    assert set(a.by_id()) == {r.route_id for r in a.routes}


def test_routes_for_a_place_we_cannot_use_is_a_plain_error(ctx):
    p, _ = Profile.from_params({"where": "EH1 1AA", "age": "17"})
    with pytest.raises(PathwaysError):
        routes.routes_answer(ctx, p)


def test_a_route_card(ctx, amira, amira_routes):
    for r in amira_routes.routes[:5]:
        card = routes.route_card(ctx, amira_routes.travel, r, amira)
        assert isinstance(card, routes.RouteCard) and card.route is r
        assert len(card.pay_figures) == 3 and all(isinstance(f, Figure) for f in card.pay_figures)
        assert card.pay_figures[1:] == (card.pay.newly_qualified, card.pay.experienced)
        assert card.next_steps and card.next_steps[0].url.startswith("https://")
        if card.training_step is not None:
            assert card.delivery is not None and card.delivery.programme_id == card.training_step.id


@pytest.mark.parametrize("ref", ["NOPE", "", "ST99999999", "<script>"])
def test_an_unknown_programme_is_a_plain_error(ctx, blackpool, ref):
    with pytest.raises(UnknownProgramme):
        ctx.delivery.delivery_for(blackpool[1], ref)


def test_who_trains_for_adult_care_near_blackpool(ctx, blackpool):
    d = ctx.delivery.delivery_for(blackpool[1], "st0005 ")
    assert d.programme_id == "ST0005" and d.title == "Adult care worker" and d.providers


def test_jobs_with_no_qualifications_near_blackpool(ctx, blackpool):
    jobs = routes.direct_entry_jobs(ctx, blackpool[1], age=19)
    assert 0 < len(jobs) <= 8 and all(isinstance(j, routes.DirectEntryJob) for j in jobs)
    assert len({j.group for j in jobs}) == len(jobs), "one job per group of jobs"
    ads = [j.adverts.value or 0 for j in jobs]
    assert ads == sorted(ads, reverse=True)
    assert all(j.pay_to_start.label == "Pay to start at 19" for j in jobs)
    assert all("n.e.c" not in j.title for j in jobs)
    assert any(j.training for j in jobs)


# -- compare and plan ---------------------------------------------------------------------------
def test_compare_two_routes_with_a_degree(ctx, amira, amira_routes):
    chosen = amira_routes.routes[:2]
    a = compare.compare_answer(ctx, amira, chosen, amira_routes.travel)
    assert isinstance(a, compare.CompareAnswer) and [c.route for c in a.columns] == list(chosen)
    assert [c.name for c in a.columns] == [f"Route {i}: {r.destination.title}" for i, r in enumerate(chosen, 1)]
    assert list(a.series.columns) == ["Age", "Route", "Earnings so far (£)"]
    assert any(n.startswith("Degree:") for n in a.notes) and len(set(a.notes)) == len(a.notes)
    totals = dict(a.totals)
    assert set(totals) == set(a.series.Route) and list(a.table.columns)[0] == "Age"
    assert totals["Route 1"] == a.series[a.series.Route == "Route 1"]["Earnings so far (£)"].iloc[-1]
    for c in a.columns:
        assert isinstance(c.adverts, Figure) and len(c.pay_figures) == 3
        if c.total is not None:
            assert f"Route {a.columns.index(c) + 1}" in set(a.series.Route)


def test_the_plan_answer_keeps_known_items_and_names_the_rest(ctx, amira_routes):
    first = amira_routes.routes[0].route_id
    a = plan.plan_answer(
        ctx,
        [first, f"job:{CARE_WORKERS}", "job:0000", "start:none|prog:NOPE|occ:0000"],
        amira_routes.routes,
        amira_routes.travel,
        age=19,
    )
    assert isinstance(a, plan.PlanAnswer)
    assert [i.item_id for i in a.items] == [first, f"job:{CARE_WORKERS}"]
    assert a.missing == ("job:0000", "start:none|prog:NOPE|occ:0000")
    assert all(isinstance(f, Figure) for i in a.items for f in i.figures)
    assert list(a.sources) == sorted(set(a.sources)) and a.sources
    text = " ".join(a.next_steps)
    assert "0800 100 900" in text and "Jobcentre Plus" in text  # 19: the 18-24 support is named


def test_an_empty_plan_has_no_steps(ctx, amira_routes):
    a = plan.plan_answer(ctx, [], amira_routes.routes, amira_routes.travel)
    assert a.items == () and a.next_steps == () and a.missing == ()


# -- about and words ----------------------------------------------------------------------------
def test_the_about_answer(ctx):
    a = about.about_answer(ctx)
    assert isinstance(a, about.AboutAnswer) and a.built
    assert a.sources and len(set(a.sources)) == len(a.sources)
    assert all(s.publisher and s.period and s.rows > 0 for s in a.sources)
    assert 0 < a.less_reliable_pay < a.published_pay
    assert a.apprentice_hours == 30 and len(a.delivery_window) == 2
    m = a.method
    assert m.pay_labels == ("Pay while training", "Pay when newly qualified", "Pay with experience")
    assert abs(sum(share for _, share in m.score_weights) - 1) < 1e-9
    assert all(len(fits) == len(m.stage_ages) for _, fits in m.stage_fit)
    assert "Apprenticeship" in dict(m.stage_fit) and m.pay_method and m.estimate_method


def test_the_adverts_period_is_the_manifests(ctx):
    assert ctx.market.cite.adverts_period == ctx.bundle.source_of("job_adverts")[0]["period"]


def test_the_glossary_explains_every_kind_of_step(ctx):
    terms = dict(glossary(ctx.bundle.facts))
    assert "Apprenticeship" in terms and "T Level" in terms and all(terms.values())


def test_every_job_title_is_listed_once(ctx):
    titles = ctx.market.job_titles()
    assert (CARE_WORKERS, "Care workers and home carers") in titles
    assert len({s for s, _ in titles}) == len(titles) > 300


# -- the command line ---------------------------------------------------------------------------
def test_cli_local_summary_for_care_workers_in_blackpool(ctx):
    out = cli.local_summary(ctx, "FY1 1AA", CARE_WORKERS)
    assert out["soc"] == CARE_WORKERS and out["area"]["name"] == "Blackpool"
    assert set(out["figures"]) >= {"pay_experienced", "adverts", "openings"} and "openings_2035" not in out["figures"]
    json.dumps(out, default=str)
    with pytest.raises(UnknownOccupation, match="4-digit SOC 2020"):
        cli.local_summary(ctx, "FY1 1AA", "99999")


def test_cli_programme_summary_answers_each_reference(ctx):
    out = cli.programme_summary(ctx, ["st0005", "NOPE"])
    assert out[0]["id"] == "ST0005" and out[0]["kind"] == "apprenticeship" and out[0]["occupations"]
    assert any(o["soc"] == CARE_WORKERS for o in out[0]["occupations"]) and out[0]["entry"]
    assert out[1] == {"id": "NOPE", "error": "We do not know the programme 'NOPE'. Apprenticeship references look like ST0005."}
    other = ctx.bundle.programmes.programme_id.iloc[0]
    assert cli.programme_summary(ctx, [other])[0]["id"] == other


def test_cli_compare_refuses_a_route_it_does_not_know(ctx):
    with pytest.raises(UnknownRoute):
        cli.compare_summary(ctx, {"where": "FY1 1AA", "age": "19"}, ["start:none|prog:NOPE|occ:0000"])


def test_cli_area_summary_is_json(ctx):
    out = cli.area_summary(ctx, "FY1 1AA")
    assert out["code"] == BLACKPOOL and out["travel_area"]["districts"][0]["code"] == BLACKPOOL
    assert all(set(d) == {"code", "name", "starts"} for d in out["apprentices_train_in"])
    json.dumps(out, default=str)


# -- routes in a large district -----------------------------------------------------------------
def test_routes_in_a_large_district_say_its_figures_are_for_the_whole_of_it(ctx):
    """Penrith (CA11) is in Westmorland and Furness, one council area of about 3,800 km²: the route cards'
    local figures are for all of it (Barrow is 80 km away), so the Routes page says so, as the Area page does."""
    found = routes.routes_answer(ctx, Profile(age=17, qualification="level2", where="CA11 7AA"), limit=5)
    assert found.travel.large_home
    assert any("one large council area" in n and "Westmorland and Furness" in n for n in found.notices)
    small = routes.routes_answer(ctx, Profile(age=17, qualification="level2", where="FY1 1AA"), limit=5)
    assert not any("large council area" in n for n in small.notices)
