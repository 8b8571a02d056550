"""The pathway explorer: the frame around every page.

Sets the page up, loads the shared data once per server, reads the learner's profile from the
URL on a session's first run, and routes to the page asked for. Run with ``streamlit run app.py``.
The pages are listed once, in :data:`pathways.vocab.PAGES`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pathways.vocab import PAGES
from views import cache, layout, state

HERE = Path(__file__).resolve().parent

# An emoji icon becomes a data: URL; a :material/ icon would make the browser fetch a font from Google.
st.set_page_config(page_title="Pathway explorer", page_icon="🧭", layout="centered")

page = st.navigation(
    [st.Page(HERE / p.file, title=p.title, icon=p.icon, url_path=p.slug, default=p.default) for p in PAGES], position="top"
)
cache.context()  # load (or fail clearly) before any page draws
college = cache.college()
if college.logo:
    st.logo(college.logo, link=college.logo_link)  # https only: Streamlit refuses mailto: and tel: links
state.init_session()
state.sync_url()
state.follow_goto()
page.run()
layout.footer()  # a page that stops early draws it first (layout.stop)
