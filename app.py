"""The pathway explorer: the frame around every page.

Sets the page up, loads the shared data once per server, reads the learner's profile from the
URL on a session's first run, and routes to the page asked for. Run with ``streamlit run app.py``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from views import common

HERE = Path(__file__).resolve().parent

# An emoji icon becomes a data: URL; a :material/ icon would make the browser fetch a font from Google.
st.set_page_config(page_title="Pathway explorer", page_icon="🧭", layout="centered")

PAGES = [
    st.Page(HERE / "views/start.py", title="Start here", icon=":material/home:", url_path="start", default=True),
    st.Page(HERE / "views/routes.py", title="Your routes", icon=":material/route:", url_path="routes"),
    st.Page(HERE / "views/job.py", title="A job", icon=":material/work:", url_path="job"),
    st.Page(HERE / "views/area.py", title="Your area", icon=":material/map:", url_path="area"),
    st.Page(HERE / "views/compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"),
    st.Page(HERE / "views/plan.py", title="Your plan", icon=":material/checklist:", url_path="plan"),
    st.Page(HERE / "views/about.py", title="About the data", icon=":material/info:", url_path="about"),
]

page = st.navigation(PAGES, position="top")
common.context()  # load (or fail clearly) before any page draws
college = common.college()
if college.logo:
    st.logo(college.logo, link=college.careers_contact)
common.init_session()
common.sync_url()
common.follow_goto()
page.run()
common.footer()  # a page that stops early draws it first (common.stop)
