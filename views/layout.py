"""The frame of every page: its title and notices, where the learner lives (or a plain message and a
link to Start here), the footer with the words and the licence line, and stopping a page early."""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from pathways.answers.routes import RoutesAnswer
from pathways.areas import Place, TravelArea
from pathways.errors import PathwaysError
from pathways.vocab import page
from views import cache, state, widgets

__all__ = ["OGL_LINE", "link_to", "place_and_travel", "page_start", "stop", "footer", "close_menu_after_page_change"]

OGL_LINE = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Pay, jobs and training figures: ONS and the Department for Education."
)


def link_to(slug: str, label: str, icon: str) -> None:
    """A link to another page of the app (``slug``: see :data:`pathways.vocab.PAGES`)."""
    st.page_link(page(slug).file, label=label, icon=icon)


# -- the menu on a narrow screen -----------------------------------------------------------
#: Below Streamlit's "md" breakpoint (768 px) the top navigation becomes a slide-over menu. Streamlit
#: closes it after a page is chosen only when the browser's user agent says "mobile" (not in a narrow
#: window, a tablet, or every phone browser inside a college's iframe), so it stayed open over the new
#: page. This closes it whenever the window is narrow. It only clicks Streamlit's own
#: "Collapse sidebar" button, so if a Streamlit upgrade renames it the menu just stays open again, and
#: tests/browser/test_embed.py::test_menu_closes_after_page_change_in_an_iframe_on_a_phone fails.
_CLOSE_MENU_JS = """<script>
(() => {
  if (window.__pathwaysCloseMenu) return;
  window.__pathwaysCloseMenu = true;
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('[data-testid="stSidebarNavLink"]');
    if (!link || window.innerWidth >= 768) return;
    setTimeout(() => {
      const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (button && button.getAttribute("aria-expanded") === "true") button.click();
    }, 50);
  }, true);
})();
</script>"""


def close_menu_after_page_change() -> None:
    """Close the slide-over menu after a page is chosen from it on a narrow screen (see above)."""
    st.html(_CLOSE_MENU_JS, unsafe_allow_javascript=True)


# -- where the learner is ------------------------------------------------------------------
def place_and_travel() -> tuple[Place, TravelArea] | None:
    """Resolve the profile's place; show a plain message and return None if we cannot."""
    p = state.profile()
    if not p.where:
        st.info("Tell us where you live on the **Start here** page to see figures for your area.")
        link_to("start", "Go to Start here", ":material/arrow_forward:")
        return None
    try:
        place = cache.resolve(p.where)
    except PathwaysError as exc:
        st.warning(str(exc))
        link_to("start", "Change where you live", ":material/edit:")
        return None
    return place, cache.travel_area(place, p.travel)


def page_start(title: str) -> RoutesAnswer:
    """Title, notices, and the learner's place, travel area and routes; stops with a plain message when
    we do not know where they live."""
    st.title(title)
    state.show_notices()
    if place_and_travel() is None:
        stop()
    return cache.routes(state.profile())


# -- the end of every page -------------------------------------------------------------------
def stop() -> NoReturn:
    """End the page here, after the footer (the words and the licence line are on every page)."""
    footer()
    st.stop()
    raise AssertionError("unreachable: st.stop raises")


def footer() -> None:
    st.divider()
    widgets.words()
    st.caption(OGL_LINE + " See **About the data** for every source, period and licence.")
    close_menu_after_page_change()  # last, so its empty element adds no gap above the page
