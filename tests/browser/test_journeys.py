"""Journeys through the explorer in a real browser, each asserting what the person sees."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GOOD_POSTCODE = "TS10 1AA"


def _route_headings(page):
    return page.get_by_role("heading", name=re.compile(r"^\d+\. "))


def _main_headings(page) -> list[str]:
    """The headings of the page's main block, in order (what a screen reader's heading list shows)."""
    return [t.strip() for t in page.locator('[data-testid="stMainBlockContainer"]').get_by_role("heading").all_inner_texts()]


def _fill_start(page, where: str, age: str | None = None, qualification: str | None = None, english_maths: bool = False) -> None:
    """Fill the start form with the mouse and submit it."""
    page.get_by_label("Where do you live?", exact=True).fill(where)
    if age is not None:
        page.get_by_label("How old are you?", exact=True).fill(age)
    if qualification is not None:
        page.get_by_role("radiogroup", name="What have you got so far?").get_by_text(qualification, exact=True).click()
    if english_maths:
        box = page.get_by_role("checkbox", name=re.compile(r"^I have English and maths at grade 4"))
        if not box.is_checked():
            page.get_by_text(re.compile(r"^I have English and maths at grade 4")).click()
        expect(box).to_be_checked()
    page.get_by_role("button", name=re.compile("Show my routes")).click()


def _submit_good_postcode_and_land_on_routes(page, ui) -> None:
    """After a problem, the app still works: a good postcode leads to the routes."""
    ui.goto(page, "/")  # Start here is the default page
    _fill_start(page, GOOD_POSTCODE)
    expect(page).to_have_url(re.compile(r"/routes"))
    ui.wait(page)
    expect(page.get_by_role("heading", name="Your routes")).to_be_visible()


def test_young_person_postcode_to_pdf_plan(page, ui):
    ui.goto(page, "/")  # Start here is the default page
    expect(page.get_by_role("heading", name="Find your way into work")).to_be_visible()
    _fill_start(page, GOOD_POSTCODE, "16", "5 GCSEs at grade 4 or above", english_maths=True)

    expect(page).to_have_url(re.compile(r"/routes"))
    ui.wait(page)
    params = parse_qs(urlparse(page.url).query)
    assert params.get("age") == ["16"] and params.get("q") == ["level2"], page.url
    cards = _route_headings(page)
    expect(cards.first).to_be_visible()
    job_title = re.sub(r"^\d+\.\s*", "", cards.first.inner_text()).strip()
    assert job_title, "the first route card names no job"

    page.get_by_role("button", name=re.compile("See this job")).first.click()
    expect(page).to_have_url(re.compile(r"/job"))
    ui.wait(page)
    expect(page.get_by_role("heading", name=job_title, exact=True)).to_be_visible()
    page.get_by_role("button", name=re.compile("Add to my plan")).first.click()
    ui.wait(page)
    expect(page.get_by_role("button", name=re.compile("Remove this job from my plan"))).to_be_visible()

    page.get_by_role("link", name=re.compile("Your plan")).first.click()
    expect(page).to_have_url(re.compile(r"/plan"))
    ui.wait(page)
    expect(page.get_by_text(job_title).first).to_be_visible()

    with page.expect_download() as dl:
        page.get_by_role("button", name=re.compile(r"Download my plan \(PDF\)")).click()
    data = open(dl.value.path(), "rb").read()
    assert data.startswith(b"%PDF"), data[:40]
    # The name and type sat in a comment, so it downloaded as streamlit_download.bin
    assert dl.value.suggested_filename == "my-pathway-plan.pdf", dl.value.suggested_filename
    from pypdf import PdfReader

    text = " ".join((pg.extract_text() or "") for pg in PdfReader(io.BytesIO(data)).pages)
    flat = re.sub(r"\s+", " ", text)
    assert job_title.lower() in flat.lower(), f"the PDF does not name {job_title!r}: {flat[:500]}"
    assert "Office for National Statistics" in flat or re.search(r"\bONS\b", flat), "the PDF names no data source"


def test_adviser_compares_two_routes_and_shares_the_link(page, browser, app_url, ui):
    ui.goto(page, "/routes?where=Cornwall&age=17&q=level2&em=1&i=Care+services")
    expect(page.get_by_role("heading", name="Your routes")).to_be_visible()
    compare = page.get_by_role("button", name=re.compile(r"^(\S+\s)?Compare$"))
    expect(compare.first).to_be_visible()
    assert compare.count() >= 2, "fewer than two routes can be compared"
    compare.first.click()
    ui.wait(page)
    page.get_by_role("button", name=re.compile(r"^(\S+\s)?Compare$")).first.click()
    ui.wait(page)
    expect(page.get_by_role("button", name=re.compile("Stop comparing"))).to_have_count(2)

    page.get_by_role("link", name=re.compile(r"^Compare")).first.click()
    expect(page).to_have_url(re.compile(r"/compare"))
    ui.wait(page)
    columns = page.locator('[data-testid="stMainBlockContainer"] [data-testid="stColumn"]:visible')
    assert columns.count() >= 2, "the compare page does not show two columns"
    shown = [t.strip() for t in columns.all_inner_texts()]
    headings = _main_headings(page)

    share = page.url
    assert "cmp=" in share and "where=Cornwall" in share, share
    fresh = browser.new_context(viewport=ui.viewports["desktop"])
    try:
        other = fresh.new_page()
        other.goto(share)
        ui.wait(other)
        assert urlparse(other.url).path.rstrip("/").endswith("/compare"), other.url
        got = parse_qs(urlparse(other.url).query)
        want = parse_qs(urlparse(share).query)
        assert got.get("where") == ["Cornwall"] and got.get("cmp") == want.get("cmp"), (share, other.url)
        expect(other.get_by_text("Cornwall").first).to_be_visible()
        again = other.locator('[data-testid="stMainBlockContainer"] [data-testid="stColumn"]:visible')
        assert again.count() == columns.count()
        assert [t.strip() for t in again.all_inner_texts()] == shown
        assert _main_headings(other) == headings
    finally:
        fresh.close()


def test_no_qualifications_in_a_seaside_town(page, ui):
    ui.goto(page, "/routes?where=Blackpool&age=19&q=none")
    expect(page.get_by_role("heading", name="Your routes")).to_be_visible()
    expect(_route_headings(page).first).to_be_visible()
    section = page.get_by_role("heading", name="Jobs you can start without qualifications")
    expect(section).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("See this job"))).not_to_have_count(0)


@pytest.mark.parametrize(
    ("where", "message"), [("ZZ99 9ZZ", re.compile("could not find", re.I)), ("EH1 1AA", re.compile("England only", re.I))]
)
def test_bad_postcode_shows_a_plain_message(page, ui, where, message):
    ui.goto(page, "/")  # Start here is the default page
    _fill_start(page, where)
    ui.wait(page)
    expect(page.get_by_text(message).first).to_be_visible()
    assert urlparse(page.url).path.rstrip("/") == "", page.url  # still on Start here
    _submit_good_postcode_and_land_on_routes(page, ui)


def test_tampered_url_shows_a_plain_notice(page, ui):
    ui.goto(page, "/routes?age=999&q=%3Cscript%3E&where=%00%00")
    notice = page.locator('[data-testid="stAlert"]')
    expect(notice.first).to_be_visible()
    assert "<script>" not in page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "Traceback" not in page.inner_text("body")
    _submit_good_postcode_and_land_on_routes(page, ui)


def test_keyboard_only_start_form(page, ui):
    ui.goto(page, "/")  # Start here is the default page
    page.locator("body").focus()
    field = page.get_by_label("Where do you live?", exact=True)
    for _ in range(40):  # skip link, navigation, then the form's first field
        page.keyboard.press("Tab")
        if field.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached 'Where do you live?'")
    page.keyboard.type(GOOD_POSTCODE)
    page.keyboard.press("Tab")  # to the age
    age = page.get_by_label("How old are you?", exact=True)
    assert age.evaluate("el => el === document.activeElement"), "Tab from the postcode did not reach the age"
    page.keyboard.type("16")  # Chromium selects a field's text when Tab focuses it, so this replaces it
    expect(age).to_have_value("16")

    radio = page.get_by_role("radiogroup", name="What have you got so far?").get_by_role("radio")
    for _ in range(6):
        page.keyboard.press("Tab")
        if radio.evaluate_all("els => els.includes(document.activeElement)"):
            break
    else:
        pytest.fail("Tab never reached the qualification choice")
    wanted = page.get_by_role("radio", name="5 GCSEs at grade 4 or above")
    for _ in range(8):
        if wanted.is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(wanted).to_be_checked()

    page.keyboard.press("Tab")  # to the English and maths checkbox
    box = page.get_by_role("checkbox", name=re.compile(r"^I have English and maths"))
    assert box.evaluate("el => el === document.activeElement"), "Tab did not reach the English and maths box"
    page.keyboard.press("Space")
    expect(box).to_be_checked()

    submit = page.get_by_role("button", name=re.compile("Show my routes"))
    for _ in range(30):
        page.keyboard.press("Tab")
        if submit.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached 'Show my routes'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/routes"))
    ui.wait(page)
    params = parse_qs(urlparse(page.url).query)
    assert params.get("q") == ["level2"] and params.get("em") == ["1"], page.url
    expect(_route_headings(page).first).to_be_visible()


# -- four people at 375 px, each checking what they would see ------------------------------
ENGINEERING = re.compile(
    r"engineer|fitter|electric|mechanic|technician|maintenance|welder|metal|machine|process|"
    r"manufactur|plant|vehicle",
    re.I,
)
#: the Routes page on a phone for Blackpool, 19, no qualifications: at most this tall before "Show more"
ROUTES_PHONE_MAX_PX = 5000


#: neither the element nor the boxes around it clip its text (st.metric cut a long label with "..." on its
#: markdown container, at 375 px)
NOT_CUT_OFF_JS = """el => {
  for (let e = el, i = 0; e && i < 4; e = e.parentElement, i++) {
    if (e.scrollWidth > e.clientWidth + 1) return false;
  }
  return true;
}"""


def _phone(page, ui) -> None:
    page.set_viewport_size(ui.viewports["phone"])


def _adverts_period() -> str:
    """The month the job advert counts are for, as the bundle's manifest gives it."""
    from pathways.bundle import load_bundle

    return load_bundle(validate=False).source_of("job_adverts")[0]["period"]


def _menu_to(page, ui, name: str) -> None:
    """On a phone the pages are behind the menu button: open it, choose ``name``, and check it closes again."""
    page.get_by_role("button", name="Expand sidebar").click()
    link = page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=name)
    link.wait_for(state="visible")
    link.click()
    ui.wait(page)
    page.wait_for_timeout(500)  # the menu slides away
    box = page.locator('[data-testid="stSidebar"]').bounding_box()
    assert box is None or box["x"] + box["width"] <= 1, f"the menu stayed open over {name!r}: {box}"


def _main_text(page) -> str:
    return re.sub(r"\s+", " ", page.locator('[data-testid="stMainBlockContainer"]').inner_text())


def _no_sideways_scroll(page, where: str) -> None:
    wide = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1] + 1, f"{where} scrolls sideways on a phone: {wide[0]} px wide in {wide[1]} px"


def _top_in_page(locator) -> float:
    """How far down the page (px) an element starts, counting the main block's own scrolling."""
    return locator.evaluate("""el => {
      const main = document.querySelector('[data-testid="stMain"]');
      return el.getBoundingClientRect().top + (main ? main.scrollTop : 0) + window.scrollY; }""")


def test_amira_19_no_qualifications_blackpool_on_a_phone(page, ui):
    """Amira: routes without qualifications, one route opened, added to her plan, the plan downloaded."""
    _phone(page, ui)
    ui.goto(page, "/")
    expect(page.get_by_role("heading", name="Find your way into work")).to_be_visible()
    _fill_start(page, "FY1 1AA", "19", "No qualifications yet")
    expect(page).to_have_url(re.compile(r"/routes"))
    ui.wait(page)
    text = _main_text(page)
    assert "Blackpool" in text and "No qualifications yet" in text, text[:400]
    cards = _route_headings(page)
    assert cards.count() >= 3, "fewer than three routes for Amira"
    assert "Pay while training" in text and "legal minimum; many pay more" in text
    expect(page.get_by_role("heading", name="Jobs you can start without qualifications")).to_be_attached()
    assert f"Job advert counts are for one month only: {_adverts_period()}" in text
    _no_sideways_scroll(page, "Your routes")
    # every group's heading and its first route within the first 5,000 px on a phone
    for name in ("Earn while you learn", "Study first"):
        at = _top_in_page(page.get_by_role("heading", name=name, exact=True))
        assert at <= ROUTES_PHONE_MAX_PX, f"the '{name}' heading is {at:.0f} px down the page (at most {ROUTES_PHONE_MAX_PX})"
    firsts = [_top_in_page(h) for h in _route_headings(page).all() if h.inner_text().startswith("1. ")]
    assert len(firsts) == 2 and max(firsts) <= ROUTES_PHONE_MAX_PX, f"first routes at {firsts} px"
    ui.screenshot(page, ui.artifacts_dir() / "journey-amira-routes-375.png")

    job_title = re.sub(r"^\d+\.\s*", "", cards.first.inner_text()).strip()
    page.get_by_text("More about this route").first.click()
    expect(page.get_by_text("What the words mean:").first).to_be_visible()
    page.get_by_role("button", name=re.compile("See this job")).first.click()
    expect(page).to_have_url(re.compile(r"/job"))
    ui.wait(page)
    expect(page.get_by_role("heading", name=job_title, exact=True)).to_be_visible()
    assert "Demand near you" in _main_text(page)
    page.get_by_role("button", name=re.compile("Add to my plan")).first.click()
    ui.wait(page)
    expect(page.get_by_role("button", name=re.compile("Remove this job from my plan"))).to_be_visible()
    ui.screenshot(page, ui.artifacts_dir() / "journey-amira-job-375.png")

    _menu_to(page, ui, "Your plan")
    expect(page).to_have_url(re.compile(r"/plan"))
    expect(page.get_by_text(job_title).first).to_be_visible()
    expect(page.get_by_role("heading", name="Your next steps")).to_be_visible()
    with page.expect_download() as dl:
        page.get_by_role("button", name=re.compile(r"Download my plan \(PDF\)")).click()
    assert dl.value.suggested_filename == "my-pathway-plan.pdf"
    from pypdf import PdfReader

    data = open(dl.value.path(), "rb").read()
    flat = re.sub(r"\s+", " ", " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages))
    assert job_title.lower() in flat.lower() and "Blackpool" in flat, flat[:500]
    ui.screenshot(page, ui.artifacts_dir() / "journey-amira-plan-375.png")


def test_jordan_17_redcar_engineering_compares_with_university(page, ui):
    """Jordan: engineering and process routes near Teesside, pay while training, and university beside them."""
    _phone(page, ui)
    ui.goto(page, "/")
    page.get_by_role("button", name="Engineering and manufacturing").click()
    _fill_start(page, "TS10 1AA", "17", "5 GCSEs at grade 4 or above", english_maths=True)
    expect(page).to_have_url(re.compile(r"/routes"))
    ui.wait(page)
    assert parse_qs(urlparse(page.url).query).get("i") == ["Engineering and manufacturing"], page.url
    text = _main_text(page)
    assert "Redcar and Cleveland" in text and "into engineering and manufacturing" in text, text[:400]
    titles = [re.sub(r"^\d+\.\s*", "", t) for t in _route_headings(page).all_inner_texts()[:5]]
    assert sum(bool(ENGINEERING.search(t)) for t in titles) >= 4, f"top five routes for Jordan: {titles}"
    assert "Pay while training" in text and "Pay when newly qualified" in text
    _no_sideways_scroll(page, "Your routes")

    for _ in range(2):
        page.get_by_role("button", name=re.compile(r"^(\S+\s)?Compare$")).first.click()
        ui.wait(page)
    page.get_by_role("link", name=re.compile(r"^Compare your 2 routes")).click()
    expect(page).to_have_url(re.compile(r"/compare"))
    ui.wait(page)
    expect(page.get_by_role("heading", name="Money earned by age 30")).to_be_visible()
    text = _main_text(page)
    assert re.search(
        r"Total earned by age 30: Route 1 about £[\d,]+; Route 2 about £[\d,]+; University degree about £[\d,]+", text
    ), text
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    plot = chart.locator("svg path.background").first.bounding_box()
    assert plot and plot["height"] >= 200, f"the Compare chart's plot is {plot} on a phone (was 36 px tall)"
    legend = chart.locator("svg .role-legend").first.bounding_box()
    box = chart.bounding_box()
    assert legend and legend["x"] + legend["width"] <= box["x"] + box["width"] + 1, "the legend is cut off"
    expect(chart.get_by_text("University degree")).to_have_count(1)
    ui.screenshot(page, ui.artifacts_dir() / "journey-jordan-compare-375.png")


def test_adviser_in_camborne_with_a_16_year_old(page, ui):
    """An adviser in Cornwall: local routes, an honest travel area, seasonal adverts, the plan's figures with sources."""
    _phone(page, ui)
    ui.goto(page, "/")
    _fill_start(page, "TR14 8AA", "16", "5 GCSEs at grade 4 or above", english_maths=True)
    expect(page).to_have_url(re.compile(r"/routes"))
    ui.wait(page)
    text = _main_text(page)
    assert "Cornwall" in text and "Age 16" in text, text[:400]
    expect(_route_headings(page).first).to_be_visible()
    page.get_by_role("button", name=re.compile("Add to my plan")).first.click()
    ui.wait(page)

    _menu_to(page, ui, "Your area")
    expect(page.get_by_role("heading", name="Your area", exact=True)).to_be_visible()
    text = _main_text(page)
    assert "We measured how far places are from your postcode sector TR14 8" in text
    assert re.search(r"We left out 2 areas next to Cornwall .* West Devon \(\d+ km\), Torridge \(\d+ km\)", text), text[:1500]
    assert "Cornwall is one large council area" in text
    assert f"Job advert counts are for one month only: {_adverts_period()}" in text and "seaside" in text
    labels = page.get_by_text("16-17 year olds not in education, work or training (or not known)", exact=True)
    shown = [el for el in labels.all() if el.is_visible()]
    assert shown, "the longest metric label is not shown"
    assert all(el.evaluate(NOT_CUT_OFF_JS) for el in shown), "the metric's label is cut off"
    _no_sideways_scroll(page, "Your area")
    ui.screenshot(page, ui.artifacts_dir() / "journey-adviser-camborne-area-375.png")

    _menu_to(page, ui, "Your plan")
    text = _main_text(page)
    assert "Gatsby Benchmark 2" in text
    with page.expect_download() as dl:
        page.get_by_role("button", name=re.compile(r"Download the figures \(CSV\)")).click()
    csv_text = open(dl.value.path(), encoding="utf-8-sig").read()
    assert "Cornwall" in csv_text and re.search(r"Office for National Statistics|ONS", csv_text), csv_text[:400]


def test_college_web_team_embeds_it_on_a_phone(page, host_page, ui):
    """A college in Sunderland frames the explorer: on a phone it starts from their area, fits, and its menu behaves."""
    _phone(page, ui)
    page.goto(host_page)
    expect(page.get_by_text("Example College careers")).to_be_visible()
    frame, inner = ui.frame_idle(page)
    expect(frame.get_by_role("textbox", name="Where do you live?")).to_have_value("SR1")
    age = frame.get_by_role("spinbutton", name="How old are you?")
    age.fill("17")
    age.press("Tab")
    frame.get_by_role("button", name="Show my routes").click()
    frame.get_by_role("heading", name="Your routes").wait_for()
    frame, inner = ui.frame_idle(page)
    text = re.sub(r"\s+", " ", inner.locator('[data-testid="stMainBlockContainer"]').inner_text())
    assert "Sunderland" in text and "Earn while you learn" in text, text[:400]
    wide = inner.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1] + 1, f"the explorer scrolls sideways inside the college's page: {wide}"
    assert "embed=true" in inner.url

    frame.get_by_role("button", name="Expand sidebar").click()
    frame.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Your area").click()
    inner.locator("h1").filter(has_text="Your area").wait_for(state="attached")
    frame, inner = ui.frame_idle(page)
    page.wait_for_timeout(600)
    box = inner.locator('[data-testid="stSidebar"]').bounding_box()
    assert box is None or box["x"] + box["width"] <= 1, f"the menu stayed open over the page: {box}"
    expect(frame.get_by_role("heading", name="Your area", exact=True)).to_be_visible()
    assert "Sunderland" in inner.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "embed=true" in inner.url, "the page change lost embed mode"
    ui.screenshot(page, ui.artifacts_dir() / "journey-college-embed-area-375.png")


# -- the job page on a phone ---------------------------------------------------------------------
#: the job page at 375 px: at most this tall before any section is opened (it was 7,970 px for Amira's care work and
#: 9,351 px for Jordan's electricians)
JOB_PHONE_MAX_PX = 5000
#: the page's whole height, counting Streamlit's own scrolling main block
_PAGE_HEIGHT_JS = """() => Math.max(document.documentElement.scrollHeight,
  ...Array.from(document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]'))
     .map(e => e.scrollHeight))"""
#: chart text (axis labels, legends) that Vega cut short with an ellipsis
_CUT_CHART_TEXT_JS = (
    "() => Array.from(document.querySelectorAll('svg text')).map(t => t.textContent).filter(t => t.includes('…'))"
)


@pytest.mark.parametrize(
    "who, query",
    [
        ("amira-care-workers", "where=FY1+1AA&age=19&q=none&job=6135"),
        ("jordan-electricians", "where=TS10+1AA&age=16&q=level2&em=1&job=5241"),
    ],
)
def test_the_job_page_fits_a_phone_with_the_main_facts_first(page, ui, who, query):
    """Under 5,000 px at 375 px; what the work is, pay, ways in near you and the next step first; the rest in
    sections that open; nothing cut off in its charts when they are opened."""
    _phone(page, ui)
    ui.goto(page, f"/job?{query}")
    height = page.evaluate(_PAGE_HEIGHT_JS)
    assert height <= JOB_PHONE_MAX_PX, f"the job page is {height} px tall at 375 px (at most {JOB_PHONE_MAX_PX})"
    headings = _main_headings(page)
    order = [headings.index(h) for h in ("Pay", "Ways in near you", "Next steps")]
    assert order == sorted(order) and order[0] <= 3, headings
    text = _main_text(page)
    assert "Pay with experience" in text and "Find an apprenticeship" in text and "2018-19" not in text
    _no_sideways_scroll(page, "A job")
    ui.screenshot(page, ui.artifacts_dir() / f"job-{who}-375.png")
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        if "words mean" not in summary.inner_text():
            summary.click()
    ui.wait(page)
    page.wait_for_timeout(1500)  # the charts draw
    assert not page.evaluate(_CUT_CHART_TEXT_JS), "chart text cut off on a phone"
    _no_sideways_scroll(page, "A job, every section open")
    ui.screenshot(page, ui.artifacts_dir() / f"job-{who}-open-375.png", max_height=20_000)
