"""AppTest for every page: renders for a default and edge profiles; widgets change what is shown."""

import pytest

from tests.apptest_helpers import PAGES, open_page as run_page, switch_to


PROFILES = {
    "default": {},
    "redcar": {"where": "TS10 1AA", "age": "16", "q": "level2", "em": "1", "i": "Engineering and manufacturing"},
    "no_qualifications": {"where": "Blackpool", "age": "19", "q": "none"},
    "age_15": {"where": "Cornwall", "age": "15", "q": "entry"},
    "welsh_postcode": {"where": "CF10 1AA", "age": "17", "q": "level2"},
    "no_interests_far": {"where": "Isles of Scilly", "age": "30", "q": "level4", "t": "home"},
    "nothing_found": {"where": "Rutland", "age": "30", "q": "none", "earn": "1", "yrs": "0", "nodebt": "1"},
    "tampered": {"where": "\x00<script>", "age": "999", "q": "phd", "i": "Nonsense", "sl": "';DROP", "job": "99999"},
}


@pytest.mark.parametrize("profile", list(PROFILES))
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_an_exception(page, profile):
    at = run_page(page, PROFILES[profile] | ({"job": "5241"} if page == "job" and profile != "tampered" else {}))
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"


def test_welsh_postcode_gets_a_plain_message_on_routes():
    at = run_page("routes", PROFILES["welsh_postcode"])
    assert any("England only" in w.value for w in at.warning)


def test_tampered_url_falls_back_with_a_notice():
    at = run_page("start", PROFILES["tampered"])  # the notice shows on the first page the link opens
    assert any("could not be used" in i.value for i in at.info)
    assert at.session_state.profile.age == 16 and at.session_state.job == ""


def test_nothing_found_gives_a_helpful_message():
    at = run_page("routes", PROFILES["nothing_found"])
    texts = " ".join(i.value for i in at.info)
    cards = [s for s in at.subheader if s.value.startswith("1. ")]
    assert "did not find routes" in texts or "score low here" in texts or "fits your age" in texts or cards, (
        "either routes or a helpful message"
    )


def test_routes_show_cards_with_local_figures_and_reasons():
    at = run_page("routes", PROFILES["redcar"])
    assert any(s.value.startswith("1. ") for s in at.subheader)
    assert any("Why this is here" in m.value for m in at.markdown)
    assert any("Jobs you can start without qualifications" in h.value for h in at.header)


def test_each_route_card_has_a_next_step_with_an_official_link():
    at = run_page("routes", PROFILES["redcar"])
    nexts = [m.value for m in at.markdown if m.value.startswith("**Next step:**")]
    cards = [s for s in at.subheader if s.value[:1].isdigit()]
    assert nexts and len(nexts) == len(cards) and all("](https://" in v for v in nexts)
    assert [e.label for e in at.expander].count("More about this route") == len(cards)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_explains_the_words(page):
    at = run_page(page, PROFILES["redcar"])
    assert "What do these words mean?" in [e.label for e in at.expander]


def test_route_cards_say_no_n_e_c():
    at = run_page("routes", {"where": "SE1 1AA", "age": "19", "q": "level3", "i": "Care services"})
    shown = " ".join([s.value for s in at.subheader] + [m.value for m in at.markdown])
    assert "n.e.c" not in shown


def test_job_page_lists_ways_in_by_level_and_next_steps():
    """The ways-in diagram could not be read on a phone; next steps were only on the plan."""
    at = run_page("job", {"where": "FY1 1AA", "age": "19", "job": "6135"})
    assert not at.get("graphviz_chart")
    assert any("**Level 2**" in m.value and "Adult care worker" in m.value for m in at.markdown)
    assert any(s.value == "Next steps" for s in at.subheader)
    assert any("findapprenticeship.service.gov.uk" in m.value and "0800 100 900" in m.value for m in at.markdown)


def test_route_cards_name_the_three_pay_figures_and_never_starting_pay():
    """A qualified adult's lower-quartile pay was shown as "Starting pay" to a 16-year-old."""
    at = run_page("routes", PROFILES["redcar"])
    pay = [m.value for m in at.markdown if "Pay with experience" in m.value]
    assert pay and all("Pay when newly qualified (at " in v for v in pay)
    assert any("Pay while training" in v and "legal minimum" in v for v in pay)
    shown = " ".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [m.label for m in at.metric])
    assert "starting pay" not in shown.lower() and "£0 " not in shown


def test_changing_the_area_changes_the_local_figures():
    a = run_page("job", {"where": "TS10 1AA", "job": "5241"})
    b = run_page("job", {"where": "Westminster", "job": "5241"})
    va = [m.value for m in a.metric]
    vb = [m.value for m in b.metric]
    assert va and vb and va != vb


def test_start_form_submission_sets_the_profile_and_url():
    at = run_page("start", {})
    at.text_input[0].input("FY1 1AA")
    at.number_input[0].set_value(19)
    at.radio[0].set_value("none")
    at.button[0].click()  # the form's submit button
    at.run()
    assert not at.exception
    assert at.query_params["where"] in ("FY1 1AA", ["FY1 1AA"]) and at.query_params["age"] in ("19", ["19"])
    assert at.session_state.profile.qualification == "none"


def test_start_form_age_out_of_range_says_so_and_keeps_the_answers():
    """Age 99 typed on a phone failed silently (the widget's own limit shows nothing there)."""
    at = run_page("start", {})
    at.text_input[0].input("FY1 1AA")
    at.number_input[0].set_value(99)
    at.button[0].click()
    at.run()
    assert any("aged 14 to 30" in e.value for e in at.error)
    assert at.text_input[0].value == "FY1 1AA" and not at.session_state.profile.where


def test_start_form_unknown_postcode_keeps_the_person_on_the_page():
    at = run_page("start", {})
    at.text_input[0].input("ZZ99 9ZZ")
    at.button[0].click()
    at.run()
    assert any("could not find" in e.value for e in at.error)
    assert at.selectbox, "a list of council areas is offered instead"


def test_add_to_plan_then_plan_offers_downloads():
    at = run_page("routes", PROFILES["redcar"])
    add = next(b for b in at.button if b.label == "Add to my plan")
    add.click()
    at.run()
    assert at.session_state.shortlist
    switch_to(at, "plan")
    labels = [d.label for d in at.get("download_button")]
    assert labels == ["Download my plan (PDF)", "Download the figures (CSV)"]
    assert not any("empty" in i.value for i in at.info)


def test_a_damaged_plan_link_says_it_was_damaged():
    """A corrupted plan link got the wrong explanation ("do not fit your current details")."""
    at = run_page("start", {**PROFILES["redcar"], "sl": "job:5241,start:level2+em|pr%%og:ST0457|occ:3113,<script>"})
    said = " ".join(i.value for i in at.info)  # said on the first page the link opens
    assert "damaged" in said and "2 item(s)" in said
    assert at.session_state.shortlist == ["job:5241"]


def test_share_link_says_what_it_reveals():
    """A share link carried ehcp=1&cl=1 with no word about what it reveals."""
    at = run_page("plan", {**PROFILES["redcar"], "ehcp": "1", "cl": "1"})
    said = " ".join(w.value for w in at.warning)
    assert "EHC plan" in said and "care leaver" in said
    assert not run_page("plan", PROFILES["redcar"]).warning


def test_compare_two_routes_draws_the_earnings_chart():
    at = run_page("routes", PROFILES["redcar"])
    for _ in range(2):
        btn = next(b for b in at.button if b.label == "Compare")
        btn.click()
        at.run()
    assert len(at.session_state.compare) == 2
    switch_to(at, "compare")
    assert not at.exception
    assert any("Money earned" in s.value for s in at.subheader)


def test_about_page_names_sources_licence_privacy_and_accessibility():
    at = run_page("about", {})
    text = " ".join(m.value for m in at.markdown) + " ".join(h.value for h in at.header)
    for word in ("Open Government Licence", "Privacy", "Accessibility", "Skills Imperative"):
        assert word in text


def test_job_page_says_a_replaced_standard_is_replaced_and_by_what():
    """Dental nurse (integrated), ST0113, was replaced by Dental nurse (GDC 2023) (Skills England occupational maps,
    September 2026); the job page still lists it, and says so with its successor. (No standard is paused in that map.)"""
    at = run_page("job", {"where": "FY1 1AA", "job": "6133"})
    assert not at.exception
    programmes = [v for df in at.dataframe for v in df.value.get("Programme", [])]
    assert "Dental nurse (integrated) (replaced by Dental nurse (GDC 2023): no new starts)" in programmes


def test_start_form_shared_town_name_offers_did_you_mean_and_keeps_the_answers():
    """The town "Kirkby" was not found and nothing was suggested; now a short list of the Kirkbys is offered,
    and choosing one keeps the other answers."""
    at = run_page("start", {})
    at.text_input[0].input("Kirkby")
    at.number_input[0].set_value(19)
    at.radio[0].set_value("none")
    at.button[0].click()
    at.run()
    assert any("more than one place called Kirkby" in e.value for e in at.error)
    choices = {b.label: b for b in at.button if b.key and b.key.startswith("place_choice_")}
    assert set(choices) == {
        "Kirkby (Knowsley)",
        "Kirkby Lonsdale (Westmorland and Furness)",
        "Kirkby Stephen (Westmorland and Furness)",
        "Kirkby-in-Ashfield (Ashfield)",
    }
    assert at.number_input[0].value == 19, "the other answers are kept"
    choices["Kirkby (Knowsley)"].click()
    at.run()
    assert not at.exception
    profile = at.session_state.profile
    assert profile.where == "Kirkby, Knowsley" and profile.age == 19 and profile.qualification == "none"


def test_start_form_misspelt_town_offers_did_you_mean():
    at = run_page("start", {})
    at.text_input[0].input("Blackpol")
    at.button[0].click()
    at.run()
    assert any("Did you mean" in e.value for e in at.error)
    labels = [b.label for b in at.button if b.key and b.key.startswith("place_choice_")]
    assert labels == ["Blackpool (North West)"]
    assert at.selectbox, "the list of council areas is still offered"


def test_a_link_with_a_shared_town_name_asks_which_one():
    at = run_page("start", {"where": "Newcastle"})
    assert not at.exception
    assert any("more than one place called Newcastle" in w.value for w in at.warning)
    labels = sorted(b.label for b in at.button if b.key and b.key.startswith("place_choice_"))
    assert labels == ["Newcastle upon Tyne (North East)", "Newcastle-under-Lyme (Staffordshire)"]


@pytest.mark.parametrize(
    "where, shown, hidden",
    [
        (
            "TR14 8AA",
            ["We left out 2 areas next to Cornwall", "West Devon (80 km)", "Cornwall is one large council area"],
            ["Areas you can reach: Torridge"],
        ),
        (
            "YO11 1AA",
            [
                "East Riding of Yorkshire",
                "We left out 14 areas next to North Yorkshire",
                "North Yorkshire is one large council area",
            ],
            ["Leeds and", "and Leeds"],
        ),
    ],
)
def test_area_page_says_how_the_travel_area_was_chosen(where, shown, hidden):
    """Camborne got Torridge and West Devon; Scarborough 'North Yorkshire + 15 areas'."""
    at = run_page("area", {"where": where})
    assert not at.exception
    # (employers near you may train their apprentices further away, and say where: not part of the travel area)
    text = " ".join(
        [m.value for m in at.markdown if "apprentices a year from your area" not in m.value] + [c.value for c in at.caption]
    )
    for words in shown:
        assert words in text, words
    for words in hidden:
        assert words not in text, words


@pytest.mark.parametrize(
    "page, params",
    [
        ("area", {"where": "FY1 1AA"}),
        ("job", {"where": "YO11 1AA", "job": "9264"}),
        ("routes", {"where": "TR14 8AA", "age": "19", "q": "none"}),
    ],
)
def test_advert_counts_say_they_are_for_one_month_and_seasonal_work_varies(page, params):
    """Advert counts are one month's (the manifest's period for job_adverts); seaside work is seasonal."""
    from pathways.bundle import load_bundle

    period = load_bundle(validate=False).source_of("job_adverts")[0]["period"]
    at = run_page(page, params)
    captions = " ".join(c.value for c in at.caption)
    assert f"Job advert counts are for one month only: {period}." in captions
    assert "seaside and tourist towns" in captions


def test_a_route_card_says_what_a_step_needs_before_you_start_with_its_source():
    """Doncaster, 20, Level 1: the HGV driving Skills Bootcamp (in the longer list of Study first) says a full car
    licence is needed first, with the GOV.UK page as a link."""
    at = run_page("routes", {"where": "DN1 1AA", "age": "20", "q": "level1"})
    text = ""
    for _ in range(12):  # it is in the longer list of its group
        text = "\n".join(m.value for m in at.markdown)
        more = [b for b in at.button if b.label.lower().startswith("show more: study")]
        if "lorry" in text or not more:
            break
        more[0].click().run()
    assert "Before you start: You need a full car driving licence before you can start" in text
    assert "](https://www.gov.uk/become-lorry-bus-driver)" in text


def test_routes_come_in_the_groups_an_adviser_uses():
    """Earn while you learn and Study first, each with its own best routes; no group fills places for another."""
    at = run_page("routes", PROFILES["redcar"])
    headers = [h.value for h in at.header]
    assert headers[:2] == ["Earn while you learn", "Study first"], headers
    assert "With support" not in headers  # only with an EHC plan
    assert sum(s.value.startswith("1. ") for s in at.subheader) == 2, "each group is ranked from 1"


def test_an_ehc_plan_is_acknowledged_and_gets_supported_routes():
    at = run_page("routes", {"where": "TR1 1AA", "age": "23", "q": "none", "ehcp": "1"})
    assert "With support" in [h.value for h in at.header]
    assert any("You told us you have an EHC plan" in i.value for i in at.info)
    assert any("Supported internship" in m.value for m in at.markdown)


def test_a_care_leaver_is_told_about_the_bursaries():
    at = run_page("routes", {"where": "FY1 1AA", "age": "17", "q": "level1", "cl": "1"})
    notices = " ".join(i.value for i in at.info)
    assert "£3,000" in notices and "up to £1,200" in notices


def test_a_16_year_old_without_gcses_is_offered_a_study_programme_at_a_college_near_them():
    at = run_page("routes", {"where": "TR1 1AA", "age": "16", "q": "none"})
    text = " ".join(m.value for m in at.markdown)
    assert "Full-time college study programme" in text
    assert "Colleges near you:" in text and "Cornwall College" in text


def test_the_job_page_tells_the_story_of_the_route_it_was_opened_from():
    """Lincolnshire coast, 16: the job page opened from route 1 shows that route's apprenticeship first in 'who
    trains near you', its steps, and pay when newly qualified at the age the route reaches the job."""
    from views import cache
    from pathways.profile import Profile

    params = {"where": "PE25 1AA", "age": "16", "q": "level2", "em": "1"}
    at = run_page("routes", params)
    found = cache.routes(Profile.from_params(params)[0])
    route = found.groups.routes["earn"][0]
    at.button(key=f"job-{route.route_id}").click().run()
    assert any(i.value.startswith("You opened this job from your route") for i in at.info)
    appr = next(s for s in route.steps if s.delivery is not None)
    pick = next(s for s in at.selectbox if s.label == "Apprenticeship")
    assert pick.value == appr.id, (pick.value, appr.id)
    texts = " ".join(m.value for m in at.markdown)
    assert f"at {int(route.destination.age_reached)})" in texts or "18 to 21-year-olds" in texts


# -- the job page on a phone, plain words, smaller fixes -------------------------------------------------------
def _shown(at) -> str:
    """What a person sees before opening any section: text and labels outside the sections they open."""
    from streamlit.testing.v1 import element_tree as et

    def walk(node) -> list[str]:
        if isinstance(node, et.Expander):
            return [node.label]
        if isinstance(node, et.Block):
            return [t for child in node.children.values() for t in walk(child)]
        if isinstance(node, et.Button):
            return [node.label]
        text = (et.Markdown, et.Header, et.Subheader, et.Title, et.Info, et.Success, et.Warning, et.Error)
        return [str(node.value)] if isinstance(node, text) else []

    return "\n".join(walk(at.main))


def _inside(at, label_start: str) -> str:
    """The text inside the section whose label starts with ``label_start``."""
    section = next(e for e in at.expander if e.label.startswith(label_start))
    return " ".join([str(m.value) for m in section.markdown] + [str(c.value) for c in section.caption])


def test_the_job_page_puts_the_main_facts_first_and_the_rest_in_sections():
    """The page was 7,900-9,300 px tall at 375 px, a wall of numbers. What the work is, pay now,
    ways in near you and the next step come first; the rest are sections the reader opens."""
    at = run_page("job", {"where": "FY1 1AA", "age": "19", "q": "none", "job": "6135"})
    assert not at.exception
    assert [s.value for s in at.subheader][:3] == ["Pay", "Ways in near you", "Next steps"]
    labels = [e.label for e in at.expander]
    for start in ("Demand near you", "Every way in", "What happened to people before", "Where it can lead", "Related jobs"):
        assert any(label.startswith(start) for label in labels), (start, labels)
    shown = _shown(at)
    assert "Pay with experience" in shown and "Adult care worker" in shown and "Find an apprenticeship" in shown
    for old in ("2018-19", "GCSEs in 2002", "n.e.c", "unit group", "6135"):
        assert old not in shown, old
    # tables have a few columns, so a phone shows them whole (the ways-in table had eight)
    assert all(len(df.value.columns) <= 3 for df in at.dataframe), [list(df.value.columns) for df in at.dataframe]


def test_old_earnings_say_their_year_and_what_they_count_and_only_for_the_jobs_levels():
    """2018-19 earnings (£13,700 for Level 2 care) stood above '£26,100 with experience', with
    outcome rates for Level 4-7 apprenticeships and 'cohorts who took GCSEs in 2002 to 2007'."""
    at = run_page("job", {"where": "TS10 1AA", "age": "16", "q": "level2", "em": "1", "job": "5241"})
    before = _inside(at, "What happened to people before")
    assert "tax year 2018-19, an old figure" in before and "counts part-time work too" in before
    assert "Level 2" in before and "Level 3" in before
    for gone in ("Level 6", "Level 7", "level 4", "GCSEs in 2002", "Where apprentices from here train"):
        assert gone not in before, gone


def test_where_a_job_can_lead_names_only_the_next_level_of_the_same_work():
    """Electricians were shown HNC Quantity Surveying and Level 7 roles. Now: one level above a
    main way in (Level 5 at most), for the same job, a close one (same SOC minor group) or on Skills England's map."""
    from pathways.answers.job import job_answer
    from pathways.graph_progressions import LEAD_MAX_LEVEL, LEAD_WHY
    from pathways.context import load_context

    ctx = load_context(validate=False)
    electricians = job_answer(ctx, "5241").leads_to
    assert electricians and not any("Surveying" in x.title or "Aeronautical" in x.title for x in electricians)
    care = [x.title for x in job_answer(ctx, "6135").leads_to]
    assert "Lead adult care worker" in care and "Youth worker" not in care
    reasons = set(LEAD_WHY.values())
    for soc in ctx.bundle.occupations.soc:
        job = job_answer(ctx, soc)
        top = max((w.level for w in job.ways_in), default=0)
        for lead in job.leads_to:
            assert lead.level is not None and lead.level <= min(top + 1, LEAD_MAX_LEVEL), (soc, lead)
            assert lead.why in reasons, (soc, lead)
    at = run_page("job", {"where": "TS10 1AA", "age": "16", "q": "level2", "em": "1", "job": "5241"})
    leads = _inside(at, "Where it can lead")
    assert "Building services engineering senior technician" in leads and "Quantity Surveying" not in leads


def test_job_titles_and_place_names_are_in_plain_words():
    """Before: 'Tv, video and audio servicers', '... n.e.c.' and 'Lincolnshire CC' were on the pages."""
    from views import cache

    titles = dict(cache.job_titles())
    assert titles["5243"].startswith("TV, video") and not any("n.e.c" in t for t in titles.values())
    at = run_page("job", {"where": "TS10 1AA", "job": "8149"})
    text = " ".join([h.value for h in at.header] + [m.value for m in at.markdown])
    assert "(other)" in text and "n.e.c" not in text and "unit group" not in text and "minor group" not in text
    area = run_page("area", {"where": "PE25 1AA"})
    text = " ".join(m.value for m in area.markdown)
    assert "Lincolnshire County Council" in text and "Lincolnshire CC" not in text


def test_jobs_to_fill_has_no_total_bar_and_says_the_total_in_words():
    """The Area page's 'Jobs to fill' chart had a 'Total' bar as if it were a kind of work."""
    at = run_page("area", {"where": "TS10 1AA"})
    assert not at.exception
    section = next(e for e in at.expander if e.label.startswith("Show as a table: Jobs to fill"))
    kinds = list(section.dataframe[0].value["Kind of work"])
    assert kinds and not any(k.lower() == "total" for k in kinds), kinds
    assert any(m.value.startswith("In all kinds of work together, about **") and "Tees Valley" in m.value for m in at.markdown)


def test_advert_counts_on_compare_and_in_the_plan_name_their_job_group():
    """Compare cards and the plan's PDF gave advert counts without their job group."""
    import io

    from pypdf import PdfReader

    from pathways.answers.plan import plan_answer
    from pathways.context import load_context
    from pathways.plan import Plan, to_pdf
    from pathways.profile import Profile
    from views import cache

    params = {"where": "TS10 1AA", "age": "17", "q": "level2", "em": "1", "i": "Engineering and manufacturing"}
    routes = cache.routes(Profile.from_params(params)[0]).routes
    at = run_page("compare", params | {"cmp": f"{routes[0].route_id},{routes[1].route_id}"})
    adverts = [m.label for m in at.metric if m.label.startswith("Job adverts")]
    assert len(adverts) == 2 and all(a.startswith("Job adverts for ") and len(a) > 20 for a in adverts), adverts

    ctx = load_context(validate=False)
    profile = Profile.from_params(params)[0]
    place, travel, found = ctx.routes_for(profile, limit=10)
    a = plan_answer(ctx, [found[0].route_id], found, travel, profile.age)
    group = ctx.market.occupation_local(travel, found[0].destination.soc).group.lower()
    text = " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(
            io.BytesIO(to_pdf(Plan(area=place.name, profile_lines=(), items=a.items, next_steps=a.next_steps)))
        ).pages
    )
    assert f"Job adverts for {group}" in text, text[:1500]


def test_the_about_page_says_how_routes_are_ranked_from_the_settings_themselves(monkeypatch):
    """The About page's ranking text is written from pathways.routes.settings: change a weight and the page changes."""
    from pathways.routes import settings
    from views import cache

    cache.about.clear()
    text = " ".join(m.value for m in run_page("about", {}).markdown)
    assert "loses 15 points of 100" in text and "within 10 points" in text
    monkeypatch.setattr(settings, "THIN_PENALTY", 0.2)
    monkeypatch.setattr(settings, "MAX_PULL_GAP", 7.0)
    cache.about.clear()
    text = " ".join(m.value for m in run_page("about", {}).markdown)
    assert "loses 20 points of 100" in text and "within 7 points" in text and "loses 15 points" not in text
    cache.about.clear()


def test_a_route_card_says_what_the_job_itself_needs_with_its_source():
    """County Durham, 19, Level 3, health: the ambulance route's card says the job asks for a driving licence held
    for a year or two and a health check, with the ONS page (the destination's own needs on the card)."""
    at = run_page("routes", {"where": "DH6 1AA", "age": "19", "q": "level3", "em": "1", "i": "Health and science"})
    text = "\n".join(m.value for m in at.markdown)
    assert "**For the job itself:** Ambulance services usually ask for a full driving licence" in text
    assert "](https://www.ons.gov.uk/" in text
