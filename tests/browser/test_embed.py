"""The explorer inside an iframe on another site (``?embed=true``): the start form works."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial

import pytest

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Example College: careers</title></head>
<body style="margin:0;font-family:sans-serif">
<header style="background:#8a1538;color:#fff;padding:12px">Example College careers</header>
<iframe id="explorer" src="{src}" title="Pathway explorer" width="100%" height="1400" style="border:0"></iframe>
</body></html>
"""
IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !!document.querySelector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]');
}"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def __init__(self, body: bytes, *args, **kwargs) -> None:
        self.body = body
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def host_page(app_url: str) -> Iterator[str]:
    """A college's page on another origin (its own localhost port) that frames the app."""
    body = HOST_PAGE.format(src=f"{app_url}/?embed=true&where=SR1").encode()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, body))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _frame_idle(page, timeout_ms: int = 30_000):
    frame = page.frame_locator("#explorer")
    inner = page.wait_for_selector("#explorer").content_frame()
    assert inner is not None
    for _ in range(3):
        inner.wait_for_function(IDLE_JS, timeout=timeout_ms)
        page.wait_for_timeout(400)
        if inner.evaluate(IDLE_JS):
            break
    assert inner.locator('[data-testid="stException"]').count() == 0, inner.locator('[data-testid="stException"]').first.inner_text()
    return frame, inner


def test_start_form_inside_an_iframe(page, host_page, ui):
    page.goto(host_page)
    frame, inner = _frame_idle(page)
    assert "embed=true" in inner.url
    where = frame.get_by_role("textbox", name="Where do you live?")
    assert where.input_value() == "SR1"  # filled from the link
    where.fill("SR1 3SD")
    age = frame.get_by_role("spinbutton", name="How old are you?")
    age.fill("17")
    age.press("Tab")
    frame.get_by_role("button", name="Show my routes").click()
    frame.get_by_role("heading", name="Your routes").wait_for()
    frame, inner = _frame_idle(page)
    assert frame.get_by_text("Sunderland").first.is_visible()
    assert "embed=true" in inner.url
    ui.screenshot(page, ui.artifacts_dir() / "embed-routes.png")


COVERED_JS = """(el) => {
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + Math.min(r.width, 40) / 2, r.top + r.height / 2);
  return !!hit && !el.contains(hit) && !hit.contains(el) ? (hit.closest('[data-testid]') || hit).getAttribute('data-testid') : null;
}"""


def test_menu_closes_after_page_change_in_an_iframe_on_a_phone(page, host_page, ui):
    """Issue 17: on a phone inside a college's iframe the menu stayed open over each new page.

    Chromium here has a desktop user agent, like a tablet or a phone browser that asks for desktop
    sites: Streamlit closed its menu only for a "mobile" user agent."""
    page.set_viewport_size(ui.viewports["phone"])
    page.goto(host_page)
    frame, inner = _frame_idle(page)
    open_menu = frame.get_by_role("button", name="Expand sidebar")
    for target in ("Your area", "About the data", "Start here"):
        open_menu.click()
        link = frame.locator('[data-testid="stSidebarNavLink"]').filter(has_text=target)
        link.wait_for(state="visible")
        link.click()
        heading = {"Start here": "Find your way into work"}.get(target, target)
        title = inner.locator("h1").filter(has_text=heading)
        title.wait_for(state="attached")
        frame, inner = _frame_idle(page)
        page.wait_for_timeout(600)  # the menu slides away
        covered_by = title.evaluate(COVERED_JS)
        assert covered_by is None, f"after choosing {target!r}, the page title is covered by {covered_by!r}"
        box = inner.locator('[data-testid="stSidebar"]').bounding_box()
        assert box is None or box["x"] + box["width"] <= 1, f"the menu is still open after choosing {target!r}: {box}"
        assert open_menu.is_visible(), "the button to open the menu again is not shown"
    ui.screenshot(page, ui.artifacts_dir() / "embed-phone-after-page-change.png")
