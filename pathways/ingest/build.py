"""Run every ingest step, validate, write Parquet files, the manifest and SOURCES.md, atomically."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pathways.bundle import BUNDLE_VERSION, file_sha256
from pathways.ingest.sources_md import render_sources_md
from pathways.schema import all_specs
from pathways.schema.spec import TableSpec

__all__ = ["build_bundle", "content_hash", "file_sha256", "write_table", "BUNDLE_VERSION", "STEPS"]

STEPS = ("geography", "programmes", "local", "providers", "boundaries")


def content_hash(df: pd.DataFrame) -> str:
    """A hash of a table's values, column names and dtypes (independent of the file format)."""
    h = hashlib.sha256()
    h.update(json.dumps([[c, str(t)] for c, t in df.dtypes.items()]).encode())
    h.update(pd.util.hash_pandas_object(df, index=False).values.tobytes())
    return h.hexdigest()


def write_table(df: pd.DataFrame, path: Path) -> None:
    """Write one table as Parquet with fixed settings, so the same data gives the same file."""
    table = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
    pq.write_table(table, path, compression="zstd", compression_level=9, use_dictionary=True, write_statistics=False)


def _run_steps(raw: Path, log: Callable[[str], None]) -> tuple[dict[str, pd.DataFrame], dict[str, object]]:
    built: dict[str, pd.DataFrame] = {}
    checks: dict[str, object] = {}
    for step in STEPS:
        module = importlib.import_module(f"pathways.ingest.{step}")
        log(f"== {step}")
        tables = module.build(raw, built, checks)
        overlap = set(tables) & set(built)
        if overlap:
            raise ValueError(f"step {step} rebuilt tables {sorted(overlap)}")
        built.update(tables)
    return built, checks


def _validate(spec: TableSpec, df: pd.DataFrame) -> pd.DataFrame:
    df = spec.schema.validate(df, lazy=True)
    if spec.keys and df.duplicated(list(spec.keys)).any():
        dupes = df[df.duplicated(list(spec.keys), keep=False)].head(5)
        raise ValueError(f"table {spec.name}: duplicate keys {spec.keys}:\n{dupes}")
    return df


def build_bundle(raw: Path, out: Path, log: Callable[[str], None] = print) -> dict:
    """Rebuild every table from ``raw`` into ``out`` and return the manifest."""
    specs = all_specs()
    built, checks = _run_steps(raw, log)
    missing = set(specs) - set(built)
    extra = set(built) - set(specs)
    if missing or extra:
        raise ValueError(f"tables without data: {sorted(missing)}; tables without a spec: {sorted(extra)}")

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".bundle-", dir=out.parent))
    try:
        tables = {}
        for name, spec in specs.items():
            df = _validate(spec, built[name])
            path = tmp / f"{name}.parquet"
            write_table(df, path)
            tables[name] = {
                "file": path.name,
                "rows": int(len(df)),
                "columns": list(df.columns),
                "content_hash": content_hash(df),
                "sha256": file_sha256(path),
                "schema": spec.fingerprint(),
                "description": spec.description,
                "basis": spec.basis,
                "caveats": spec.caveats,
                "sources": [s.__dict__ | {"files": list(s.files)} for s in spec.sources],
            }
            log(f"{name}: {len(df)} rows")
        manifest = {
            "bundle_version": BUNDLE_VERSION,
            "built": os.environ.get("PATHWAYS_BUILD_DATE", date.today().isoformat()),
            "tables": tables,
            "checks": checks,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True, default=str) + "\n")
        (tmp / "SOURCES.md").write_text(render_sources_md(manifest))
        _swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def _swap_in(new: Path, out: Path) -> None:
    """Replace ``out`` by ``new`` with two renames, keeping files in ``out`` the bundle does not own."""
    old = out.with_name(out.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        # keep anything that is not part of the bundle (e.g. a README kept by hand)
        owned = {p.name for p in new.iterdir()}
        for p in out.iterdir():
            if p.name not in owned and not p.name.endswith(".parquet"):
                shutil.move(str(p), new / p.name)
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
