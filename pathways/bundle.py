"""Load the data bundle once, check it against its manifest, and hand it out as one object.

The committed bundle (``data/``):

>>> from pathways.bundle import load_bundle
>>> b = load_bundle()
>>> b.occupations.set_index("soc").loc["5241", "title"]
'Electricians and electrical fitters'
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pyarrow.parquet as pq

from pathways.errors import BundleError
from pathways.schema import all_specs
from pathways.schema.spec import TableSpec

__all__ = ["Bundle", "load_bundle", "DATA_DIR", "BUNDLE_VERSION", "file_sha256"]

#: the manifest layout this code reads; the ingest writes it (``pathways.ingest.build``)
BUNDLE_VERSION = 1


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, to catch a truncated or edited file at load time."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


#: the bundle folder: ``data/`` beside the package, or ``$PATHWAYS_DATA`` when set (tests, deployments)
DATA_DIR = Path(os.environ.get("PATHWAYS_DATA") or Path(__file__).resolve().parent.parent / "data")


@dataclass(frozen=True)
class Bundle:
    """Every table of the bundle, read-only, plus its manifest.

    Tables are reached as attributes (``bundle.standards``) or by name (``bundle["lads"]``).
    Treat them as read-only: they are shared by every session of the app.
    """

    tables: MappingProxyType
    manifest: MappingProxyType
    path: Path

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self.tables[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def source_of(self, table: str) -> list[dict]:
        """The sources (publisher, title, period, licence, attribution) of one table."""
        return list(self.manifest["tables"][table]["sources"])

    @property
    def built(self) -> str:
        return str(self.manifest.get("built", ""))

    @property
    def starts_years(self) -> tuple[str, str]:
        """The DfE academic years of the standards' ``starts_latest`` and ``starts_previous`` columns."""
        years = dict(self.manifest.get("checks", {}).get("standards_starts_years") or {})
        return str(years.get("latest", "latest year")), str(years.get("previous", "year before"))


def load_bundle(path: Path | str = DATA_DIR, validate: bool = True, full: bool = False) -> Bundle:
    """Read and check every table listed in the manifest.

    With ``validate``, every file's SHA-256 must match the manifest. The ingest checked each table against
    its schema before writing it and recorded the schema's fingerprint; a table whose fingerprint matches
    this code's schema is therefore not checked row by row again (that took about 1 s of every start).
    One without a fingerprint, with a different one (data built by other code), or every table when
    ``full`` is set, is checked against its schema here.

    Raises
    ------
    BundleError
        naming the file and the problem, when a file is missing, truncated, edited,
        of the wrong version, or fails its schema.
    """
    path = Path(path)
    manifest = _read_manifest(path / "manifest.json")
    listed = manifest["tables"]
    specs = all_specs()
    missing_specs = set(specs) - set(listed)
    if missing_specs:
        raise BundleError("manifest.json", f"it does not list the tables {sorted(missing_specs)}")
    tables = {name: _read_table(path, listed[name], spec, validate, full) for name, spec in specs.items()}
    return Bundle(MappingProxyType(tables), MappingProxyType(manifest), path)


def _read_manifest(manifest_path: Path) -> dict:
    """The manifest, readable and of this code's bundle version (else BundleError)."""
    if not manifest_path.is_file():
        raise BundleError("manifest.json", "the file is missing")
    try:
        manifest = json.loads(manifest_path.read_text())
        manifest["tables"].items()
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BundleError("manifest.json", "the file is damaged and cannot be read") from None
    if manifest.get("bundle_version") != BUNDLE_VERSION:
        raise BundleError(
            "manifest.json",
            f"it is bundle version {manifest.get('bundle_version')!r} but this app needs version {BUNDLE_VERSION}",
        )
    return manifest


def _read_table(path: Path, entry: dict, spec: TableSpec, validate: bool, full: bool) -> pd.DataFrame:
    """One table's file: present, unchanged (with ``validate``), readable, the listed size and (when its
    schema fingerprint differs, or with ``full``) valid against its schema."""
    file = path / entry["file"]
    if not file.is_file():
        raise BundleError(entry["file"], "the file is missing")
    if validate and file_sha256(file) != entry["sha256"]:
        raise BundleError(entry["file"], "its contents do not match the manifest (changed or truncated)")
    try:
        df = pq.read_table(file).to_pandas()
    except Exception as exc:  # pyarrow raises several types for damaged files
        raise BundleError(entry["file"], f"it cannot be read ({type(exc).__name__})") from None
    if len(df) != entry["rows"]:
        raise BundleError(entry["file"], f"it has {len(df)} rows but the manifest says {entry['rows']}")
    if validate and (full or entry.get("schema") != spec.fingerprint()):
        try:
            df = spec.schema.validate(df, lazy=False)
        except Exception as exc:
            first = str(exc).splitlines()[0][:200]
            raise BundleError(entry["file"], f"it does not match its schema ({first})") from None
    return df
