"""The two records every table of the bundle is described with: a :class:`TableSpec` (its schema, keys and
provenance) and the :class:`Source` records it names, and the licence most sources share."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import pandera.pandas as pa

__all__ = ["Source", "TableSpec", "OGL"]

OGL = "Open Government Licence v3.0"


@dataclass(frozen=True)
class Source:
    """One official source file (or hand-written fact sheet) behind a table."""

    publisher: str
    title: str
    files: tuple[str, ...]  # paths relative to the raw folder, or "hand-written: <file>"
    period: str
    licence: str = OGL
    attribution: str = ""
    url: str = ""


@dataclass(frozen=True)
class TableSpec:
    """A bundle table: its name (file ``data/<name>.parquet``), schema and provenance."""

    name: str
    description: str
    schema: pa.DataFrameSchema
    sources: tuple[Source, ...]
    basis: str  # measured / modelled / derived / hand-written, in plain words
    caveats: str = ""
    keys: tuple[str, ...] = field(default_factory=tuple)  # columns that must be unique together

    def fingerprint(self) -> str:
        """A short hash of the schema: its columns, types, nullability, uniqueness and checks (by their names
        and errors), strictness and order. The ingest writes it into the manifest, so loading can tell whether
        the data was checked against the schema this code has (see :func:`pathways.bundle.load_bundle`)."""
        cols = [
            [c, str(col.dtype), col.nullable, col.unique, [repr(k) for k in col.checks]] for c, col in self.schema.columns.items()
        ]
        frame = [repr(k) for k in self.schema.checks]
        text = json.dumps([cols, self.schema.strict, self.schema.ordered, frame, list(self.keys)], default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]
