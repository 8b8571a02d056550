"""The committed bundle: loads, is referentially sound, equals a rebuild, and fails loudly when damaged."""

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pathways.bundle import DATA_DIR, load_bundle
from pathways.errors import BundleError
from pathways.schema import all_specs

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT.parent / "shared" / "data" / "raw"
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason="../shared/data/raw is not here")


def test_every_table_is_listed_and_loads(bundle):
    assert set(bundle.manifest["tables"]) == set(all_specs())
    for name, entry in bundle.manifest["tables"].items():
        assert len(bundle[name]) == entry["rows"]
        assert entry["sources"] and entry["basis"]


def test_links_point_at_things_that_exist(bundle):
    programmes = set(bundle.standards.programme_id) | set(bundle.programmes.programme_id)
    socs = set(bundle.occupations.soc)
    links = bundle.programme_occupations
    assert set(links.programme_id) <= programmes
    assert set(links.soc) <= socs
    prog = bundle.progressions
    for kind, ids in (("programme", programmes), ("occupation", socs)):
        assert set(prog[prog.from_kind == kind].from_id) <= ids
        assert set(prog[prog.to_kind == kind].to_id) <= ids
    lads = set(bundle.lads.lad_code)
    assert set(bundle.lad_neighbours.lad_code) <= lads and set(bundle.lad_neighbours.neighbour_code) <= lads
    english = bundle.postcode_outcodes[bundle.postcode_outcodes.country == "England"]
    assert set(english.lad_code) <= lads
    assert set(bundle.apprenticeships_area.lad_code) <= lads
    assert set(bundle.lads.utla_code) <= set(bundle.smc_indices.area_code)


def test_bundle_is_small(bundle):
    size = sum(p.stat().st_size for p in DATA_DIR.iterdir() if p.is_file())
    assert size < 25e6


@pytest.fixture()
def copy_of_bundle(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.mark.parametrize("table", sorted(all_specs()))
@pytest.mark.parametrize("damage", ["missing", "truncated", "tampered"])
def test_a_damaged_table_stops_the_load_naming_the_file(copy_of_bundle, table, damage):
    file = copy_of_bundle / f"{table}.parquet"
    if damage == "missing":
        file.unlink()
    elif damage == "truncated":
        file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])
    else:
        data = bytearray(file.read_bytes())
        data[len(data) // 2] ^= 0xFF
        file.write_bytes(bytes(data))
    with pytest.raises(BundleError) as err:
        load_bundle(copy_of_bundle)
    assert err.value.table == file.name
    assert "python -m pathways.ingest" in str(err.value)


def test_wrong_version_and_broken_manifest_are_refused(copy_of_bundle):
    manifest = copy_of_bundle / "manifest.json"
    data = json.loads(manifest.read_text())
    data["bundle_version"] = 999
    manifest.write_text(json.dumps(data))
    with pytest.raises(BundleError, match="version"):
        load_bundle(copy_of_bundle)
    manifest.write_text("{not json")
    with pytest.raises(BundleError, match="damaged"):
        load_bundle(copy_of_bundle)
    manifest.unlink()
    with pytest.raises(BundleError, match="missing"):
        load_bundle(copy_of_bundle)


def test_a_table_that_breaks_its_schema_is_refused(copy_of_bundle):
    """A file rewritten with bad values and a matching hash (a wrong build) still fails its schema."""
    import pandas as pd

    from pathways.bundle import file_sha256
    from pathways.ingest.build import write_table

    file = copy_of_bundle / "occupations.parquet"
    df = pd.read_parquet(file)
    df.loc[0, "soc"] = "12"  # not a 4-digit code
    write_table(df, file)
    manifest = copy_of_bundle / "manifest.json"
    data = json.loads(manifest.read_text())
    data["tables"]["occupations"]["sha256"] = file_sha256(file)
    manifest.write_text(json.dumps(data))
    with pytest.raises(BundleError, match="schema"):
        load_bundle(copy_of_bundle, full=True)
    # a manifest whose schema fingerprint is not this code's (data built by other code) is checked row by row
    data["tables"]["occupations"]["schema"] = "built-elsewhere"
    manifest.write_text(json.dumps(data))
    with pytest.raises(BundleError, match="schema"):
        load_bundle(copy_of_bundle)


def test_the_committed_bundle_was_built_with_this_codes_schemas():
    """Loading skips the row-by-row schema check only when the fingerprint matches: change a schema, rebuild."""
    from pathways.schema import all_specs

    listed = json.loads((DATA_DIR / "manifest.json").read_text())["tables"]
    stale = [name for name, spec in all_specs().items() if listed[name].get("schema") != spec.fingerprint()]
    assert not stale, f"rebuild the bundle (make data): these tables were built with another schema: {stale}"


def test_no_years_in_column_names_or_kinds(bundle):
    """A yearly refresh changes the Sources' periods, not the names code reads: no column, and no kind of
    travel flow, carries a year (the years are in each Source's period and the table's description)."""
    import re

    from pathways.schema.geography import FLOW_KINDS

    year = re.compile(r"(19|20)\d\d")
    dated = [f"{name}.{col}" for name, spec in all_specs().items() for col in spec.schema.columns if year.search(col)]
    assert not dated, dated
    assert not [k for k in FLOW_KINDS if year.search(k)]
    assert set(bundle.travel_flows.kind) == set(FLOW_KINDS)


@pytest.mark.raw
@pytest.mark.slow
@needs_raw
def test_rebuild_from_raw_equals_the_committed_bundle(tmp_path):
    from pathways.ingest.build import build_bundle

    manifest = build_bundle(RAW, tmp_path / "data", log=lambda _m: None)
    committed = json.loads((DATA_DIR / "manifest.json").read_text())
    for name, entry in manifest["tables"].items():
        assert entry["content_hash"] == committed["tables"][name]["content_hash"], f"{name} differs from a rebuild"


@pytest.mark.raw
@needs_raw
def test_an_interrupted_rebuild_leaves_the_old_bundle_working(copy_of_bundle):
    proc = subprocess.Popen(
        [sys.executable, "-m", "pathways.ingest", "--raw", str(RAW), "--out", str(copy_of_bundle), "--quiet"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2.5)  # part-way: a full build takes about 8 s here
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert load_bundle(copy_of_bundle).occupations.shape[0] == 412
