"""Readers the ingest steps share: the folder of hand-written tables and a reader for them, a reader for a raw
file that may be missing, and whole numbers from published cells. The files themselves are named in
:mod:`pathways.schema.source_files`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pathways.schema.source_files import HANDWRITTEN_DIR

__all__ = ["HANDWRITTEN", "int_or_na", "read_hand", "read_optional"]

#: the folder of hand-written tables (:data:`pathways.schema.source_files.HANDWRITTEN_DIR`)
HANDWRITTEN = Path(__file__).resolve().parents[2] / HANDWRITTEN_DIR


def int_or_na(value: object) -> object:
    """A positive whole number from a published cell (``"1,500"``, ``"£27,000"``), else ``pd.NA``."""
    try:
        n = int(float(str(value).replace(",", "").replace("£", "")))
    except ValueError:
        return pd.NA
    return n if n > 0 else pd.NA


def read_hand(name: str) -> pd.DataFrame:
    """One hand-written CSV of :data:`HANDWRITTEN`, every cell as text (blank, never NaN)."""
    return pd.read_csv(HANDWRITTEN / name, dtype=str, keep_default_na=False)


def read_optional(raw: Path, rel: str, **kw) -> pd.DataFrame | None:
    """A raw file (``rel`` under ``raw``) if it is there, else None."""
    path = raw / rel
    return pd.read_csv(path, **kw) if path.exists() else None
