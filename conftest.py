"""Names for the doctests of the central modules (``pytest`` runs them with ``--doctest-modules``).

They run on the tiny in-memory bundle of ``tests/fixtures/routes/tiny_bundle.py`` (made-up figures with
the real table contract), so an example in a docstring is checked, not skipped:

- ``bundle``: the tiny bundle;
- ``profile``: a 16-year-old with GCSEs including English and maths (Level 2), interested in engineering;
- ``provider``: an area where every job group has as many adverts as England (a
  :class:`pathways.routes.LocalSignalsProvider`).
"""

from __future__ import annotations

import pytest

from tests.fixtures.routes.tiny_bundle import tiny_bundle


class _EvenArea:
    """Local figures for a made-up area where each job group's share of adverts is England's."""

    def signals(self, soc: str):
        from pathways.signals import Signals

        return Signals(
            pay_experienced=None,
            adverts=100,
            adverts_ratio=1.0,
            employment_ratio=None,
            apprenticeship_starts_per_1000=None,
            area_label="Anytown",
            period="July 2025",
        )


@pytest.fixture(scope="session")
def _doctest_objects():
    from pathways.profile import Profile

    return {
        "bundle": tiny_bundle(),
        "provider": _EvenArea(),
        "profile": Profile(age=16, qualification="level2", english_maths=True, interests=("Engineering and manufacturing",)),
    }


@pytest.fixture(autouse=True)
def _doctest_names(request, doctest_namespace):
    """Only doctests get the names (other tests do not build the tiny bundle for nothing)."""
    if request.node.__class__.__name__ == "DoctestItem":
        doctest_namespace.update(request.getfixturevalue("_doctest_objects"))
