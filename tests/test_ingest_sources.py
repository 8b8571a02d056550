"""The registry of source files (:mod:`pathways.schema.source_files`): each file the bundle is built from is named
there once, every one is listed by a table's Source (so the manifest and SOURCES.md name it), and the ingest writes
no path of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pathways.ingest.readers import HANDWRITTEN
from pathways.schema import all_specs, source_files

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "data" / "raw"


def _raw_paths() -> list[str]:
    """Every raw path the registry names (one file per entry of its dicts and tuples)."""
    paths: list[str] = []
    for name, value in vars(source_files).items():
        if not name.isupper() or name == "HANDWRITTEN_DIR":
            continue
        if isinstance(value, dict):
            paths += value.values()
        elif isinstance(value, tuple):
            paths += value
        elif isinstance(value, str) and "/" in value:
            paths.append(value)
    return paths


def _hand_written_names() -> set[str]:
    return {
        v for k, v in vars(source_files).items() if k.isupper() and isinstance(v, str) and v.endswith(".csv") and "/" not in v
    }


def _listed_by_sources() -> set[str]:
    return {f for spec in all_specs().values() for s in spec.sources for f in s.files}


def test_each_raw_file_is_named_once_and_listed_by_a_source() -> None:
    paths = _raw_paths()
    assert len(paths) == len(set(paths)), "a raw file is named twice"
    listed = _listed_by_sources()
    assert set(paths) <= listed, sorted(set(paths) - listed)
    official = {f for f in listed if not f.startswith(("hand-written:", source_files.HANDWRITTEN_DIR))}
    assert official <= set(paths), sorted(official - set(paths))


def test_each_hand_written_table_is_named_and_there() -> None:
    assert _hand_written_names() == {p.name for p in HANDWRITTEN.glob("*.csv")}
    listed = {f.rsplit("/", 1)[-1] for f in _listed_by_sources() if source_files.HANDWRITTEN_DIR in f}
    # no_way_in.csv explains jobs no route reaches: read by the links report, not built into a table
    assert listed == _hand_written_names() - {source_files.NO_WAY_IN}


@pytest.mark.skipif(not RAW.exists(), reason="needs the raw source files in ../shared/data/raw")
def test_each_raw_file_is_in_the_raw_folder() -> None:
    assert [p for p in _raw_paths() if not (RAW / p).is_file()] == []


def test_the_ingest_writes_no_file_name_of_its_own() -> None:
    """Paths under the raw folder and names of hand-written tables come from the registry, not string literals."""
    literal = re.compile(r"""["'](?:[\w-]+/)+[\w.-]+\.(?:csv|gz|json|parquet|geojson)["']|["'][\w-]+\.csv["']""")
    found = [
        f"{p.relative_to(ROOT)}: {m}"
        for p in (ROOT / "pathways" / "ingest").rglob("*.py")
        for m in literal.findall(p.read_text())
    ]
    assert found == ['pathways/ingest/check_links.py: "standard_soc_handcheck.csv"']  # a test fixture, not a source
