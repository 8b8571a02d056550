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
ANSWERS = [
    "pathways.answers.routes",
    "pathways.answers.job",
    "pathways.answers.area",
    "pathways.answers.compare",
    "pathways.answers.plan",
    "pathways.answers.about",
]
RUN_TIME = [
    "pathways.context",
    *ANSWERS,
    "pathways.routes",
    "pathways.labour_market",
    "pathways.delivery",
    "pathways.areas",
    "pathways.plan",
    "pathways.money",
    "pathways.next_steps",
    "pathways.bundle",
]
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
    page.write_text(
        "from pathways.answers.job import JobAnswer, job_answer\nfrom pathways.context import load_context\n"
        "ctx = load_context()\nx = ctx.bundle\n"
    )
    found = _seam_problems(page)
    assert len(found) == 5 and "['job_answer']" in found[0] and "pathways.context" in found[1], found


#: the limits a newcomer can hold in their head: a run-time module fits on a few screens, a function on one
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _run_time_files() -> list[Path]:
    """Every module the running app may load: pathways/ without the ingest (it builds data/ and never runs in the app),
    the pages and the entry points."""
    domain = [p for p in (ROOT / "pathways").rglob("*.py") if "ingest" not in p.relative_to(ROOT).parts]
    return sorted([*domain, *(ROOT / "views").glob("*.py"), ROOT / "app.py", ROOT / "serve.py"])


def _size_problems(path: Path) -> list[str]:
    """A module over :data:`MAX_MODULE_LINES` lines, and each function in it over :data:`MAX_FUNCTION_LINES`."""
    text = path.read_text()
    lines = text.count("\n")
    problems = [f"{path.name} has {lines} lines (at most {MAX_MODULE_LINES})"] if lines > MAX_MODULE_LINES else []
    for node in ast.walk(ast.parse(text, str(path))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                problems.append(f"{path.name}:{node.lineno} {node.name}() has {length} lines (at most {MAX_FUNCTION_LINES})")
    return problems


def test_no_run_time_module_over_500_lines_and_no_function_over_60() -> None:
    files = _run_time_files()
    assert len(files) > 60 and ROOT / "pathways" / "routes" / "ranking.py" in files
    problems = [p for path in files for p in _size_problems(path)]
    assert not problems, problems


def test_the_size_check_catches_a_long_module_and_a_long_function(tmp_path: Path) -> None:
    long = tmp_path / "long.py"
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    long.write_text("def f():\n" + body + "\n" * MAX_MODULE_LINES)
    found = _size_problems(long)
    assert len(found) == 2 and "(at most 500)" in found[0] and "f() has 61 lines" in found[1], found
