"""What each page shows and how it is built: one module per page of ``views/``, each holding the page's answers
(frozen dataclasses, figures as :class:`pathways.figures.Figure`) beside the functions that build them from the
:class:`pathways.context.Context`.

- :mod:`pathways.answers.routes`: Your routes (routes in their groups, route cards, jobs with no qualifications);
- :mod:`pathways.answers.job`: A job (what it is, its ways in and where it leads, its figures near the learner);
- :mod:`pathways.answers.area`: Your area (the district against England, its tables and map, employers that train);
- :mod:`pathways.answers.compare`: Compare (routes side by side, money earned to 30 against a degree);
- :mod:`pathways.answers.plan`: Your plan (the shortlist's items and next steps);
- :mod:`pathways.answers.about`: About the data (sources, limits, how figures are worked out).

Start here needs no answer of its own: it only finds the learner's place (:meth:`pathways.context.Context.resolve`).
What the pages share is asked of the domain: a learner's routes (:meth:`pathways.context.Context.routes_for`), a
route's pay (:func:`pathways.pay.route_pay`), who trains for a programme nearby
(:meth:`pathways.delivery.DeliveryIndex.delivery_for`).
Pages reach these through the Streamlit caches in ``views/cache.py``, the only holder of the context, and import
only the dataclasses from here; the command line (:mod:`pathways.cli`) calls the same functions.
"""
