"""What people see, second pass, in a real browser on a phone (375 px): one story from route card to job page, when
to apply, a near and similar area to compare with, and plain words with no codes in the main text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LINCS_COAST_16 = "/routes?where=PE25+1AA&age=16&q=level2&em=1"


def _text(page) -> str:
    return re.sub(r"\s+", " ", page.locator('[data-testid="stMainBlockContainer"]').inner_text())


def test_a_job_opened_from_a_route_tells_the_same_story(page, ui):
    """Lincolnshire coast, 16: 'See this job' on route 1 opens a job page that says it came from that route and puts
    its apprenticeship first in who trains near you."""
    page.set_viewport_size(ui.viewports["phone"])
    ui.goto(page, LINCS_COAST_16)
    main = page.locator('[data-testid="stMainBlockContainer"]')
    first_step = main.locator("li strong").first.inner_text().strip()  # route 1's first step
    main.get_by_role("button", name=re.compile("See this job")).first.click()
    expect(page).to_have_url(re.compile(r"/job"))
    ui.wait(page)
    text = _text(page)
    assert "You opened this job from your route" in text and first_step in text, text[:600]
    ways = text[text.index("Ways in near you") :] if "Ways in near you" in text else text
    assert first_step in ways[:800], ways[:800]


def test_route_cards_say_when_to_apply_with_a_source(page, ui):
    page.set_viewport_size(ui.viewports["phone"])
    ui.goto(page, "/routes?where=FY1+1AA&age=19&q=none")
    text = _text(page)
    assert "advertised from the spring" in text and "GOV.UK" in text, text[:600]


def test_the_area_page_compares_cornwall_with_a_near_similar_district(page, ui):
    page.set_viewport_size(ui.viewports["phone"])
    ui.goto(page, "/area?where=TR1+1AA")
    heading = page.get_by_role("heading", name="Compare with a nearby area")
    heading.scroll_into_view_if_needed()
    assert "West Devon" in _text(page) and "Adur" not in _text(page)


@pytest.mark.parametrize(
    "path", [LINCS_COAST_16, "/job?where=TS10+1AA&age=16&q=level2&em=1&job=5241", "/plan?where=FY1+1AA&age=19&q=none&sl=job:6135"]
)
def test_no_codes_or_survey_names_in_the_main_text(page, ui, path):
    page.set_viewport_size(ui.viewports["phone"])
    ui.goto(page, path)
    text = _text(page)
    for code in ("n.e.c.", "UKPRN", "unit group", " CC ", "Tv,"):
        assert code not in text, f"{code!r} on {path}"
