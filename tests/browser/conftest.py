"""Fixtures for the real-browser tests: one running app per session, one Chromium per session.

The app is started with ``python -m streamlit run app.py`` on a free localhost port from the
repository's root and stopped at the end of the session (deploy/processes.py does both). Chromium is
Debian's (``/usr/bin/chromium``); when it is missing the tests are skipped on a developer's machine but
FAIL in CI (env ``CI`` set).
"""

from __future__ import annotations

import http.server
import os
import re
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from deploy.processes import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HOST,
    STREAMLIT_HEALTH,
    ServerFailed,
    free_port,
    start_streamlit,
    stop_process,
    wait_until_healthy,
)

__all__ = ["ROOT", "VIEWPORTS", "UI", "wait_for_app", "goto", "assert_no_exception", "artifacts_dir", "screenshot", "shot_name"]

ROOT = Path(__file__).resolve().parents[2]
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
HEALTH_TIMEOUT_S = 90.0
RENDER_TIMEOUT_MS = 30_000


def artifacts_dir() -> Path:
    """Where screenshots go: env ``ARTIFACTS_DIR`` or ``<repo>/artifacts/screenshots``."""
    out = Path(os.environ.get("ARTIFACTS_DIR") or ROOT / "artifacts" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _need_chromium() -> None:
    """Skip locally, fail in CI, when Debian's Chromium is not installed."""
    if CHROMIUM.exists():
        return
    msg = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(msg, pytrace=False)
    pytest.skip(msg)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the real app once per session; yield its base URL; stop it afterwards."""
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    proc = start_streamlit("app.py", port, log)
    url = f"http://{HOST}:{port}"
    UI.server_log = log
    try:
        try:
            wait_until_healthy(url + STREAMLIT_HEALTH, proc, HEALTH_TIMEOUT_S, log, name="the app")
        except ServerFailed as exc:
            pytest.fail(str(exc), pytrace=False)
        yield url
    finally:
        stop_process(proc)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the whole session."""
    _need_chromium()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def context(browser, app_url):
    """A fresh browser context (no cookies, no storage) per test, downloads allowed."""
    ctx = browser.new_context(viewport=VIEWPORTS["desktop"], accept_downloads=True, base_url=app_url)
    ctx.set_default_timeout(RENDER_TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's report on the test item, so fixtures can see whether it failed."""
    rep = yield
    setattr(item, "rep_" + rep.when, rep)
    return rep


@pytest.fixture
def page(context, request):
    """A page in the test's own context; on failure its screenshot goes to ``<artifacts>/failures``."""
    pg = context.new_page()
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed and not pg.is_closed():
        out = artifacts_dir() / "failures"
        out.mkdir(exist_ok=True)
        try:
            screenshot(pg, out / f"{shot_name(request.node.name)}.png")
        except Exception:  # noqa: BLE001 - a failed screenshot must not hide the test's own failure
            pass
    pg.close()


# -- waiting for Streamlit ----------------------------------------------------------------
_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')) return false;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  return !!main && main.querySelector('[data-testid="stElementContainer"]') !== null;
}"""


def wait_for_app(page, timeout_ms: int = RENDER_TIMEOUT_MS, settle_ms: int = 400) -> None:
    """Wait until Streamlit has finished running the script and drawn the main block.

    Waits for the app to be connected and idle with content in the main block, lets it settle
    (a rerun such as ``st.switch_page`` can follow at once), checks it is still idle, and
    asserts that the page shows no Python exception.
    """
    for _ in range(3):
        page.wait_for_function(_IDLE_JS, timeout=timeout_ms)
        page.wait_for_timeout(settle_ms)
        if page.evaluate(_IDLE_JS):
            break
    assert_no_exception(page)


def assert_no_exception(page) -> None:
    """The page must not show a Streamlit exception box, nor Streamlit's 'Page not found' dialog,
    and it must be drawn inside the app's own frame (app.py's navigation, with 'Start here')."""
    lost = page.get_by_role("dialog").filter(has_text="Page not found")
    if lost.count():
        raise AssertionError(f"Streamlit says 'Page not found' for {page.url} (and shows its main page under a modal dialog)")
    nav = page.locator('[data-testid="stTopNavLink"], [data-testid="stSidebarNavLink"]')
    if not nav.filter(has_text="Start here").count():
        names = [t.strip() for t in nav.all_inner_texts()][:8]
        raise AssertionError(
            f"{page.url} is not drawn inside app.py's navigation (links seen: {names}); "
            "Streamlit may be running a file from pages/ directly (its old pages/-folder mode)"
            f"\n{_last_traceback()}"
        )
    boxes = page.locator('[data-testid="stException"]')
    if boxes.count():
        text = boxes.first.inner_text()[:800]
        raise AssertionError(f"the page {page.url} shows an exception:\n{text}\n{_last_traceback()}")


def _last_traceback() -> str:
    """The end of the last traceback in the app's log (the browser only shows a redacted message)."""
    log = getattr(UI, "server_log", None)
    if not log or not Path(log).exists():
        return ""
    text = Path(log).read_text(errors="replace")
    i = text.rfind("Traceback (most recent call last)")
    return "server log (last traceback, end):\n" + text[i:][-1200:] if i >= 0 else ""


def goto(page, path: str) -> None:
    """Open ``path`` (relative to the app's base URL) and wait for it to render."""
    page.goto(path)
    wait_for_app(page)


_CONTENT_HEIGHT_JS = """() => Math.max(document.documentElement.scrollHeight,
  ...Array.from(document.querySelectorAll(
       '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stSidebarContent"]'))
     .map(el => el.scrollHeight))"""


def screenshot(page, path: Path, max_height: int = 12_000) -> None:
    """Save the whole page as a PNG.

    Streamlit scrolls its main block inside the window, so Playwright's ``full_page`` alone only
    sees one screen: the window is made as tall as the content for the shot, then put back.
    """
    size = page.viewport_size
    height = min(int(page.evaluate(_CONTENT_HEIGHT_JS)), max_height)
    try:
        if height > size["height"]:
            page.set_viewport_size({"width": size["width"], "height": height})
            page.wait_for_timeout(250)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)


# -- the explorer inside a college's page (an iframe on another origin) --------------------------
HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Example College: careers</title></head>
<body style="margin:0;font-family:sans-serif">
<header style="background:#8a1538;color:#fff;padding:12px">Example College careers</header>
<iframe id="explorer" src="{src}" title="Pathway explorer" width="100%" height="1400" style="border:0"></iframe>
</body></html>
"""


class _HostHandler(http.server.BaseHTTPRequestHandler):
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
    """A college's page on another origin (its own localhost port) that frames the app, starting from Sunderland."""
    body = HOST_PAGE.format(src=f"{app_url}/?embed=true&where=SR1").encode()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_HostHandler, body))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def frame_idle(page, timeout_ms: int = RENDER_TIMEOUT_MS):
    """Wait for the app inside the host page's iframe to finish; return (frame locator, frame), no exception shown."""
    frame = page.frame_locator("#explorer")
    inner = page.wait_for_selector("#explorer").content_frame()
    assert inner is not None
    for _ in range(3):
        inner.wait_for_function(_IDLE_JS, timeout=timeout_ms)
        page.wait_for_timeout(400)
        if inner.evaluate(_IDLE_JS):
            break
    boxes = inner.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()
    return frame, inner


def shot_name(text: str) -> str:
    """A file-name-safe slug."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


class UI:
    """The helpers above, handed to tests as the ``ui`` fixture (tests do not import conftest)."""

    wait = staticmethod(wait_for_app)
    frame_idle = staticmethod(frame_idle)
    goto = staticmethod(goto)
    assert_no_exception = staticmethod(assert_no_exception)
    shot_name = staticmethod(shot_name)
    screenshot = staticmethod(screenshot)
    artifacts_dir = staticmethod(artifacts_dir)
    viewports = VIEWPORTS
    server_log: Path | None = None


@pytest.fixture(scope="session")
def ui() -> type[UI]:
    """Helpers to open a page, wait for Streamlit to finish rendering, and name screenshots."""
    return UI
