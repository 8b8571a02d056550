"""The explorer inside an iframe on another site (``?embed=true``): the start form works, and on a phone the
menu closes after a page change. The college's page is the ``host_page`` fixture (conftest)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_start_form_inside_an_iframe(page, host_page, ui):
    page.goto(host_page)
    frame, inner = ui.frame_idle(page)
    assert "embed=true" in inner.url
    where = frame.get_by_role("textbox", name="Where do you live?")
    assert where.input_value() == "SR1"  # filled from the link
    where.fill("SR1 3SD")
    age = frame.get_by_role("spinbutton", name="How old are you?")
    age.fill("17")
    age.press("Tab")
    frame.get_by_role("button", name="Show my routes").click()
    frame.get_by_role("heading", name="Your routes").wait_for()
    frame, inner = ui.frame_idle(page)
    assert frame.get_by_text("Sunderland").first.is_visible()
    assert "embed=true" in inner.url
    ui.screenshot(page, ui.artifacts_dir() / "embed-routes.png")


COVERED_JS = """(el) => {
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + Math.min(r.width, 40) / 2, r.top + r.height / 2);
  return !!hit && !el.contains(hit) && !hit.contains(el)
    ? (hit.closest('[data-testid]') || hit).getAttribute('data-testid')
    : null;
}"""


def test_menu_closes_after_page_change_in_an_iframe_on_a_phone(page, host_page, ui):
    """On a phone inside a college's iframe the menu stayed open over each new page.

    Chromium here has a desktop user agent, like a tablet or a phone browser that asks for desktop
    sites: Streamlit closed its menu only for a "mobile" user agent."""
    page.set_viewport_size(ui.viewports["phone"])
    page.goto(host_page)
    frame, inner = ui.frame_idle(page)
    open_menu = frame.get_by_role("button", name="Expand sidebar")
    for target in ("Your area", "About the data", "Start here"):
        open_menu.click()
        link = frame.locator('[data-testid="stSidebarNavLink"]').filter(has_text=target)
        link.wait_for(state="visible")
        link.click()
        heading = {"Start here": "Find your way into work"}.get(target, target)
        title = inner.locator("h1").filter(has_text=heading)
        title.wait_for(state="attached")
        frame, inner = ui.frame_idle(page)
        page.wait_for_timeout(600)  # the menu slides away
        covered_by = title.evaluate(COVERED_JS)
        assert covered_by is None, f"after choosing {target!r}, the page title is covered by {covered_by!r}"
        box = inner.locator('[data-testid="stSidebar"]').bounding_box()
        assert box is None or box["x"] + box["width"] <= 1, f"the menu is still open after choosing {target!r}: {box}"
        assert open_menu.is_visible(), "the button to open the menu again is not shown"
    ui.screenshot(page, ui.artifacts_dir() / "embed-phone-after-page-change.png")
