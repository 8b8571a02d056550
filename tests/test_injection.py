"""Nothing injected: what a person types is shown as text, never as HTML or markdown that runs;
no page opts into raw HTML; CSV exports cannot run formulas; the share link cannot be rewritten
by what was typed."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from hypothesis import given, settings, strategies as st
from streamlit.testing.v1 import AppTest

from pathways.figures import Figure
from pathways.plan import Plan, PlanItem, to_csv
from tests.apptest_helpers import no_exception, open_page, switch_to

ROOT = Path(__file__).resolve().parent.parent
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "views").glob("*.py"))]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

XSS = "<img src=x onerror=alert(1)>"
MD_LINK = "[x](javascript:alert(1))"
BOLD = "**bold**"
PAYLOADS = [
    XSS,
    MD_LINK,
    BOLD,
    "<script>alert(1)</script>",
    "![p](http://evil.example/p.png)",
    # payloads that still resolve to a place, so they travel further into the pages
    "__Blackpool__",
    "<b>Blackpool</b>",
    "Blackpool <script>alert(1)</script>",
]
#: element types whose value Streamlit renders as markdown
MARKDOWN_TYPES = (
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "title",
    "header",
    "subheader",
    "toast",
    "exception",
)


# -- static: no raw HTML anywhere in the UI ----------------------------------------------
#: the one st.html allowed: views/layout.py's fixed script that closes the phone menu after a page change.
#: Allowed only as a module-level plain string constant (no f-string, nothing from input).
ALLOWED_HTML = {"_CLOSE_MENU_JS"}


def _html_uses(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(), str(path))
    constants = {
        t.id
        for n in tree.body
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "html"
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in ALLOWED_HTML & constants
        ):
            continue
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "unsafe_allow_html" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                    found.append(f"{path.name}:{node.lineno} unsafe_allow_html")
            f = node.func
            if (
                isinstance(f, ast.Attribute)
                and f.attr in ("html", "iframe")
                and ast.unparse(f.value) in ("st", "streamlit", "components", "st.components.v1", "streamlit.components.v1")
            ):
                found.append(f"{path.name}:{node.lineno} {ast.unparse(f)}")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any("components" in n for n in names):
                found.append(f"{path.name}:{node.lineno} imports streamlit components")
    return found


def test_no_page_uses_raw_html():
    assert len(UI_FILES) >= 8, UI_FILES
    problems = [u for p in UI_FILES for u in _html_uses(p)]
    assert not problems, problems


def test_the_static_check_would_catch_it(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import streamlit as st\nst.markdown(x, unsafe_allow_html=True)\nst.html(y)\n"
        "st.write(z, unsafe_allow_html=flag)\nst.markdown(w, unsafe_allow_html=False)\n"
    )
    assert len(_html_uses(bad)) == 3
    built = tmp_path / "built.py"  # the allowed name, but built from something
    built.write_text("import streamlit as st\n_CLOSE_MENU_JS = f'<script>{x}</script>'\nst.html(_CLOSE_MENU_JS)\n")
    assert len(_html_uses(built)) == 1


# -- the app: typed text stays text --------------------------------------------------------
def _rendered(at: AppTest) -> list[str]:
    out = []
    for kind in MARKDOWN_TYPES:
        for el in at.get(kind):
            v = getattr(el, "value", None)
            out.append(v if isinstance(v, str) else str(getattr(el, "proto", "")))
    return out


def _run(page: str, params: dict) -> AppTest:
    at = open_page(page, params)
    no_exception(at)
    return at


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("page", ["start", "routes", "job", "area", "compare", "plan"])
def test_where_from_a_link_is_never_rendered_as_markdown(page, payload):
    at = _run(page, {"where": payload, "job": "5241", "i": payload})
    leaks = [v for v in _rendered(at) if payload in v]
    assert not leaks, leaks


@pytest.mark.parametrize("payload", [XSS, MD_LINK, BOLD])
def test_where_typed_in_the_form_is_never_rendered_as_markdown(payload):
    at = _run("start", {})
    next(t for t in at.text_input if t.label == "Where do you live?").set_value(payload)
    next(b for b in at.button if b.label == "Show my routes").click()
    at.run()
    assert not at.exception
    assert at.error, "a refused place gets a plain message"
    leaks = [v for v in _rendered(at) if payload in v]
    assert not leaks, leaks


@pytest.mark.parametrize("payload", [XSS, MD_LINK, BOLD])
def test_a_note_is_never_rendered_as_markdown(payload):
    at = _run("routes", {"where": "TS10 1AA", "q": "level2", "em": "1"})
    next(b for b in at.button if b.label == "Add to my plan").click()
    at.run()
    switch_to(at, "plan")
    at.text_area(key="plan_note").input(payload)
    at.run()
    assert not at.exception
    leaks = [v for v in _rendered(at) if payload in v]
    assert not leaks, leaks


# -- the share link on the plan page -------------------------------------------------------
def _share_link(at: AppTest) -> str:
    codes = [c.value for c in at.code if "age=" in (c.value or "")]
    assert codes, [c.value for c in at.code]
    return codes[0]


def test_the_share_link_is_encoded_and_keeps_every_value():
    at = _run("plan", {"where": "TS10 1AA", "age": "17", "q": "level2", "i": ["Digital", "Engineering and manufacturing"]})
    link = _share_link(at)
    assert " " not in link, f"a space breaks the link in the PDF and when pasted: {link!r}"
    got = parse_qs(urlparse(link).query)
    assert got.get("where") == ["TS10 1AA"], (link, got)
    assert got.get("i") == ["Digital", "Engineering and manufacturing"], (link, got)


# -- CSV export ----------------------------------------------------------------------------
formulaish = st.one_of(
    st.text(max_size=80),
    st.tuples(
        st.sampled_from(["=", "+", "-", "@", "\t", "\r", " =", "\n=", "\x00=", " \t@", "=cmd|' /C calc'!A0"]),
        st.text(max_size=40),
    ).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(
    title=formulaish,
    summary=formulaish,
    label=formulaish,
    note=formulaish,
    source=formulaish,
    geography=formulaish,
    area=formulaish,
    link=formulaish,
    plan_note=formulaish,
    value=st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)),
)
def test_no_csv_cell_can_start_a_formula(title, summary, label, note, source, geography, area, link, plan_note, value):
    fig = Figure(label, value, "£ a year", "April 2025", geography, "district", source, "modelled", note)
    items = (PlanItem("job", "5241", title, summary, (fig,)), PlanItem("route", "r1", title, summary, ()))
    plan = Plan(area=area, profile_lines=("Age 16",), items=items, next_steps=("x",), note=plan_note, link=link)
    rows = list(csv.reader(io.StringIO(to_csv(plan).decode("utf-8-sig"))))
    cells = [c for row in rows for c in row]
    bad = [c for c in cells if c[:1] in FORMULA_START]
    assert not bad, bad
    assert all("\x00" not in c for c in cells)
