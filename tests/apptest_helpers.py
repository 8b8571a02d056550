"""The one way tests open the app in Streamlit's AppTest: a page, with these URL parameters.

Every AppTest suite (test_app, test_app_deployed, test_fuzz_inputs, test_injection, test_readability)
uses these, so a change to how the app is opened (its path, the time a run may take, how a page is
chosen) is made here once.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pathways.vocab import PAGE_SLUGS, page

__all__ = ["APP", "PAGES", "TIMEOUT", "new_app", "open_page", "switch_to", "no_exception"]

APP = str(Path(__file__).resolve().parent.parent / "app.py")
#: every page, by URL path (from :data:`pathways.vocab.PAGES`)
PAGES = list(PAGE_SLUGS)
#: seconds one run of the script may take: a cold start loads the bundle and builds the graph, and the
#: machine running the tests may be busy
TIMEOUT = 90


def new_app(params: dict | None = None, timeout: float = TIMEOUT) -> AppTest:
    """The app with these URL query parameters, not yet run."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    return at


def switch_to(at: AppTest, slug: str) -> AppTest:
    """Go to page ``slug`` (``start`` is where the app opens) and run it."""
    if slug != "start":
        at.switch_page(page(slug).file)
        at.run()
    return at


def open_page(slug: str, params: dict | None = None, timeout: float = TIMEOUT) -> AppTest:
    """Open the app with these URL parameters, then go to page ``slug``: as a person following a link."""
    at = new_app(params, timeout)
    at.run()
    return switch_to(at, slug)


def no_exception(at: AppTest) -> None:
    """Fail with the start of each exception's message if a run raised one."""
    assert not at.exception, [e.value[:300] for e in at.exception]
