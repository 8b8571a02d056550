"""The shape of the code: what the running app may import, and the seam between the pages and the domain (pages
draw typed answers; only views/cache.py holds the context and calls what builds them)."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

from pathways.vocab import PAGES as PAGES_LIST

ROOT = Path(__file__).resolve().parents[1]

#: the modules that build what each page shows (one per page)
ANSWERS = ["pathways.answers.routes", "pathways.answers.job", "pathways.answers.area", "pathways.answers.compare",
           "pathways.answers.plan", "pathways.answers.about"]
RUN_TIME = ["pathways.context", *ANSWERS, "pathways.routes", "pathways.labour_market", "pathways.delivery",
            "pathways.areas", "pathways.plan", "pathways.money", "pathways.next_steps", "pathways.bundle"]
#: the pages and the helpers they share; views/cache.py is the one module allowed past the seam
PAGES = [ROOT / "app.py", *sorted(p for p in (ROOT / "views").glob("*.py") if p.name != "cache.py")]
#: modules a page never imports: they hold or load the context
CONTEXT_MODULES = ("pathways.context", "pathways.bundle")


def _loaded_after(imports: list[str]) -> set[str]:
    code = "import sys\n" + "".join(f"import {m}\n" for m in imports) + "print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_running_app_imports_nothing_from_the_ingest() -> None:
    assert not {m for m in _loaded_after(RUN_TIME) if m.startswith("pathways.ingest")}


def test_labour_market_does_not_import_the_route_finder() -> None:
    assert "pathways.routes" not in _loaded_after(["pathways.labour_market"])


def test_there_is_one_answers_module_per_page() -> None:
    """Each page (Start here apart: it only finds the learner's place) has its answers in pathways/answers/, named as
    its script in views/; nothing else is there."""
    pages = {Path(p.file).stem for p in PAGES_LIST if p.slug != "start"}
    assert {m.rsplit(".", 1)[1] for m in ANSWERS} == pages
    assert sorted(p.stem for p in (ROOT / "pathways" / "answers").glob("*.py")) == sorted(["__init__", *pages])
    assert not (ROOT / "pathways" / "answers.py").exists() and not (ROOT / "pathways" / "service.py").exists()


def _seam_problems(path: Path) -> list[str]:
    """What in one page reaches past the typed answers: an import of a module that holds the context, any name
    imported from pathways.answers that is not a class (a function that builds an answer needs the context), the
    name ``ctx``, or a read of the context's bundle, market or areas."""
    problems = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module in CONTEXT_MODULES:
            problems.append(f"{path.name}:{node.lineno} imports {node.module}")
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pathways.answers"):
            module = importlib.import_module(node.module or "")
            built = [a.name for a in node.names if not isinstance(getattr(module, a.name, None), type)]
            if built:
                problems.append(f"{path.name}:{node.lineno} imports {built} from {node.module}: only answers' classes")
        if isinstance(node, ast.Import) and any(a.name.startswith("pathways.answers") for a in node.names):
            problems.append(f"{path.name}:{node.lineno} imports pathways.answers whole")
        if isinstance(node, ast.Name) and node.id == "ctx":
            problems.append(f"{path.name}:{node.lineno} uses ctx")
        if isinstance(node, ast.Attribute) and node.attr in ("bundle", "market", "areas", "delivery_index"):
            problems.append(f"{path.name}:{node.lineno} reads .{node.attr}")
    return problems


def test_pages_import_only_typed_answers_and_reach_the_domain_through_views_cache() -> None:
    """Only views/cache.py holds the context; a page or helper imports the answers' dataclasses, never what
    builds them, and never reads the bundle, market or areas itself."""
    assert len(PAGES) > 8
    problems = [p for path in PAGES for p in _seam_problems(path)]
    assert not problems, problems


def test_the_seam_check_catches_a_page_that_builds_its_own_answer(tmp_path: Path) -> None:
    page = tmp_path / "bad.py"
    page.write_text("from pathways.answers.job import JobAnswer, job_answer\nfrom pathways.context import load_context\n"
                    "ctx = load_context()\nx = ctx.bundle\n")
    found = _seam_problems(page)
    assert len(found) == 5 and "['job_answer']" in found[0] and "pathways.context" in found[1], found
