"""Build the app's data bundle (``data/``) from the official source files.

Not run by the app. ``python -m pathways.ingest --raw ../shared/data/raw --out data`` rebuilds
every table, validates it against its schema (:mod:`pathways.schema`), writes it as Parquet,
and records a manifest with row counts, content hashes and provenance. The new bundle is
written to a temporary folder first and swapped in at the end, so an interrupted rebuild
leaves the old bundle working.

Each step (the packages ``geography``, ``programmes`` and ``local``, one module per table family, and the
modules ``providers`` and ``boundaries``) exposes::

    build(raw: Path, built: dict[str, pd.DataFrame], checks: dict[str, object]) -> dict[str, pd.DataFrame]

``built`` holds the tables of earlier steps; ``checks`` collects counts for the manifest
(unmatched names, unlinked standards, ...).
"""
