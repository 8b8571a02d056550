"""The bare Streamlit baseline for the benchmarks: a title, a select box and one small Altair chart.

Run with ``python -m streamlit run bench/hello_app.py``. The select box drives the chart so a change
reruns the script and redraws it, as the explorer's pages do.
"""

import altair as alt
import pandas as pd
import streamlit as st

st.title("Hello")
choice = st.selectbox("Pick a series", ["a", "b", "c", "d"])
st.write(f"Showing series {choice}")  # what bench/browser.py waits for after a change
k = "abcd".index(choice) + 1
data = pd.DataFrame({"x": list(range(10)), "y": [k * i % 7 for i in range(10)]})
st.altair_chart(alt.Chart(data).mark_bar().encode(x="x:O", y="y:Q"), width="stretch")
