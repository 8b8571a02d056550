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
    return page.get_by_role("heading", name=re.compile(r"^Route \d+"))


def _main_headings(page) -> list[str]:
    """The headings of the page's main block, in order (what a screen reader's heading list shows)."""
    return [t.strip() for t in page.locator('[data-testid="stMainBlockContainer"]').get_by_role("heading").all_inner_texts()]


def _fill_start(page, where: str, age: str | None = None, qualification: str | None = None,
                english_maths: bool = False) -> None:
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
    job_title = re.sub(r"^Route \d+:\s*", "", cards.first.inner_text()).strip()
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
    # issue 17: the name and type sat in a comment, so it downloaded as streamlit_download.bin
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


@pytest.mark.parametrize(("where", "message"), [
    ("ZZ99 9ZZ", re.compile("could not find", re.I)),
    ("EH1 1AA", re.compile("England only", re.I)),
])
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
