"""The explorer's pages (not named `pages/`: Streamlit treats a folder of that name beside app.py as
its old multipage mode and runs a deep-linked page without the app.py frame).

The pages (start, routes, job, area, compare, plan, about) only render. What they share:

- ``cache``: the Streamlit caches; the only module that holds the context. Every answer a page
  shows comes from here (built by :mod:`pathways.answers`, one module per page; a page imports only their
  dataclasses).
- ``state``: the learner's profile, shortlist, compare list and job, mirrored in the URL.
- ``widgets``: the standard ways to show a figure, a list of figures, a chart, the words, a course.
- ``layout``: the page frame: where the learner lives, links between pages, the footer, stopping early.
- ``charts`` (Altair chart builders) and ``delivery`` (who trains for this near you).
"""
