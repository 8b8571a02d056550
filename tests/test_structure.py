"""The shape of the code: what the running app may import (issue 18)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUN_TIME = ["pathways.context", "pathways.service", "pathways.routes", "pathways.labour_market", "pathways.delivery",
            "pathways.areas", "pathways.plan", "pathways.money", "pathways.next_steps", "pathways.bundle"]


def _loaded_after(imports: list[str]) -> set[str]:
    code = "import sys\n" + "".join(f"import {m}\n" for m in imports) + "print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_running_app_imports_nothing_from_the_ingest() -> None:
    assert not {m for m in _loaded_after(RUN_TIME) if m.startswith("pathways.ingest")}


def test_labour_market_does_not_import_the_route_finder() -> None:
    assert "pathways.routes" not in _loaded_after(["pathways.labour_market"])
