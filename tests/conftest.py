"""Shared fixtures: the committed bundle and the per-server context, loaded once per test run."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT.parent / "shared" / "data" / "raw"


@pytest.fixture(scope="session")
def bundle():
    from pathways.bundle import load_bundle

    return load_bundle()


@pytest.fixture(scope="session")
def ctx(bundle):
    from pathways.context import Context

    return Context(bundle)
