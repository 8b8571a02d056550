"""Schemas and provenance for every table of the data bundle.

Each table is described once, by a :class:`TableSpec`: its pandera schema (checked when the
bundle is built and when it is loaded), where its figures come from, under what licence, and
on what basis. The ingest step, the loader, ``data/SOURCES.md`` and the app's "About the data"
page all read these specs.

The records are in :mod:`.spec`; each family of tables has a module of schemas and specs (:mod:`.geography`,
:mod:`.programmes`, :mod:`.local`, :mod:`.providers`, :mod:`.boundaries`), the two largest with their
:class:`Source` records beside them (:mod:`.programme_sources`, :mod:`.local_sources`); every file the
bundle is built from is named once in :mod:`.source_files`.
"""

from __future__ import annotations

from pathways.schema import boundaries, geography, local, programmes, providers
from pathways.schema.spec import TableSpec

__all__ = ["all_specs"]


def all_specs() -> dict[str, TableSpec]:
    """Every table of the bundle, by name, in a fixed order."""
    specs: dict[str, TableSpec] = {}
    for module in (geography, programmes, local, providers, boundaries):
        for spec in module.SPECS:
            if spec.name in specs:
                raise ValueError(f"table {spec.name} is described twice")
            specs[spec.name] = spec
    return specs
