"""Bad input at every entry point: the URL, the start form, place look-up and the command line.

Hypothesis throws random, huge (100 kB), unicode, control-character, HTML/JavaScript, markdown
and SQL-looking strings at each entry point. Each must end in a plain message or a sensible
default: no exception, no traceback, and the app still works for the next, good input.

Run with ``pytest -s tests/test_fuzz_inputs.py`` to see how many inputs each entry point got.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from streamlit.testing.v1 import AppTest

from pathways.errors import PathwaysError
from pathways.profile import MAX_TEXT, Profile
from tests.apptest_helpers import PAGES, new_app as _new, no_exception as _no_exception, open_page

pytestmark = pytest.mark.slow  # (left out by make test-fast)

ROOT = Path(__file__).resolve().parent.parent
GOOD_POSTCODE = "TS10 1AA"
URL_KEYS = ["where", "age", "q", "em", "ehcp", "cl", "t", "i", "earn", "yrs", "nodebt", "sl", "cmp", "job"]
PROFILE_KEYS = [
    "age",
    "q",
    "em",
    "ehcp",
    "cl",
    "where",
    "t",
    "i",
    "earn",
    "yrs",
    "nodebt",
    "qualification",
    "english_maths",
    "care_leaver",
    "travel",
    "interests",
    "earn_while_learning",
    "max_training_years",
    "avoid_debt",
]

#: inputs tried per entry point (printed at the end of the module)
TRIED: Counter[str] = Counter()

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "**bold** _it_ `code` # heading",
    "![i](http://evil.example/x.png)",
    "' OR 1=1 --",
    "'; DROP TABLE lads; --",
    "1; SELECT * FROM users",
    '" OR ""="',
    '=HYPERLINK("http://x")',
    "+1",
    "-1",
    "@SUM(A1)",
    "%00",
    "%3Cscript%3E",
    "../../etc/passwd",
    "${7*7}",
    "{{7*7}}",
    "\x00",
    "\r\n",
    "\u202e",
    "\ufeff",
    "\u200b",
    "ＴＳ１０ １ＡＡ",
    "ts10 1aa",
    "Zoë’s 🚀",
    "NaN",
    "inf",
    "-inf",
    "1e309",
    "9" * 400,
    "0x10",
    " ",
    "",
    "None",
    "null",
    "[]",
    "{}",
    "TS10 1AA" * 20,
    "CF10 1AA",
    "EH1 1AA",
    "ZZ99 9ZZ",
    "E06000003",
    "Stoke-on-Trent\x00",
]
CONTROL = st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Zs"])
#: strings a URL or a browser could actually carry (valid UTF-8, so no lone surrogates)
nasty = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(st.characters(codec="utf-8"), max_size=300),
    st.text(CONTROL, max_size=50),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=4).map(lambda s: (s * 100_000)[:100_000]),
    st.tuples(st.sampled_from(PAYLOADS), st.text(max_size=30)).map("".join),
)
#: anything Python can hold, for the pure functions (lone surrogates too)
nasty_any = st.one_of(nasty, st.text(max_size=200))
value = st.one_of(nasty_any, st.lists(nasty_any, max_size=5))


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    print("\n\ninputs tried per entry point (tests/test_fuzz_inputs.py):")
    for name, n in sorted(TRIED.items()):
        print(f"  {name:<34} {n:>6}")
    print(f"  {'total':<34} {sum(TRIED.values()):>6}")


# -- Profile.from_params -------------------------------------------------------------------
@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.one_of(st.sampled_from(PROFILE_KEYS), st.text(max_size=10)), value, max_size=12))
def test_profile_from_params_never_raises_and_is_always_valid(params):
    TRIED["Profile.from_params"] += 1
    p, notices = Profile.from_params(params)
    assert isinstance(p, Profile)
    assert all(isinstance(n, str) and n for n in notices)
    assert len(p.where) <= MAX_TEXT
    assert p.where == p.where.strip() and all(ch.isprintable() for ch in p.where)
    again, _ = Profile.from_params(p.to_params())
    assert again == p, "a profile must survive its own link"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PROFILE_KEYS), value)
def test_profile_each_key_alone(key, val):
    TRIED["Profile.from_params (one key)"] += 1
    p, notices = Profile.from_params({key: val})
    assert isinstance(p, Profile) and isinstance(notices, list)


def test_profile_survives_odd_mappings():
    class Broken(dict):
        def keys(self):
            raise RuntimeError("boom")

    TRIED["Profile.from_params"] += 3
    assert Profile.from_params(Broken(age="17"))[0] == Profile()
    assert Profile.from_params({"age": None, "i": [None, 3, b"x"], 5: "x"})[0].age == 16
    assert Profile.from_params({"where": ["a"] * 10_000, "i": ["Digital"] * 10_000})[0].interests == ("Digital",)


# -- AreaIndex.resolve ---------------------------------------------------------------------
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=nasty_any)
def test_resolve_gives_a_place_or_a_plain_error(ctx, text):
    TRIED["AreaIndex.resolve"] += 1
    try:
        place = ctx.areas.resolve(text)
    except PathwaysError as exc:
        msg = str(exc)
        assert msg and "Traceback" not in msg and len(msg) < 300
        assert len(text.strip()) < 12 or text.strip() not in msg, "the message must not echo what was typed"
    else:
        assert place.lad_code.startswith("E0") and place.name


# -- the command line ----------------------------------------------------------------------
def _cli_argvs():
    travel = st.one_of(st.sampled_from(["home", "neighbours", "25km", "50km"]), nasty)
    area = st.tuples(nasty, travel).map(lambda t: ["area", t[0], "--travel", t[1]])
    local = st.tuples(nasty, st.one_of(st.sampled_from(["5241", "9999", "52411"]), nasty)).map(
        lambda t: ["local", "--area", t[0], "--soc", t[1]]
    )
    routes = st.tuples(
        nasty,
        st.one_of(st.integers(-(10**6), 10**6).map(str), nasty),
        nasty,
        st.one_of(st.integers(-(10**9), 10**9).map(str), nasty),
    ).map(lambda t: ["routes", "--where", t[0], "--age", t[1], "--interest", t[2], "--limit", t[3]])
    programme = st.lists(nasty, min_size=1, max_size=4).map(lambda refs: ["programme", *refs])
    junk = st.lists(nasty, max_size=4)
    return st.one_of(area, local, routes, programme, junk)


def _small(argv: list[str]) -> list[str]:
    """The CLI is slow with 100 kB arguments only because argparse echoes them; keep a few."""
    return [a if len(a) <= 2000 else a[:2000] for a in argv]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=_cli_argvs())
def test_cli_exits_0_or_2_never_a_traceback(ctx, capsys, argv):
    from pathways.__main__ import main

    TRIED["CLI (in process)"] += 1
    capsys.readouterr()
    with mock.patch("pathways.context.load_context", return_value=ctx):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: usage error
            code = exc.code
    out, err = capsys.readouterr()
    assert code in (0, 2), (argv, code, err[-500:])
    assert "Traceback" not in err + out
    if code == 0:
        json.loads(out)
    else:
        assert err.strip(), "a refusal says why"


@pytest.mark.parametrize(
    "argv",
    [
        ["area", "<script>alert(1)</script>"],
        ["routes", "--where", "'; DROP TABLE lads; --", "--age", "999"],
        ["local", "--area", "\u202eTS10", "--soc", "=1+1"],
    ],
)
def test_cli_as_a_real_process(argv):
    TRIED["CLI (subprocess)"] += 1
    proc = subprocess.run([sys.executable, "-m", "pathways", *argv], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 2), proc.stderr[-800:]
    assert "Traceback" not in proc.stderr + proc.stdout


# -- the app: start form and URL query parameters ------------------------------------------
def _submit_where(at: AppTest, where: str) -> None:
    box = next(t for t in at.text_input if t.label == "Where do you live?")
    box.set_value(where)  # set_value, not input: a hostile client is not bound by max_chars
    next(b for b in at.button if b.label == "Show my routes").click()
    at.run()


def _lands_on_routes(at: AppTest) -> bool:
    return any(t.value == "Your routes" for t in at.title)


@settings(max_examples=25, deadline=None)
@given(where=nasty)
def test_start_form_takes_anything_then_a_fresh_good_postcode_works(where):
    """Any text in the form ends in a plain message or the routes; a new visit then works."""
    TRIED["start form (AppTest)"] += 1
    at = _new()
    at.run()
    _submit_where(at, where)
    _no_exception(at)
    assert at.error or at.warning or _lands_on_routes(at), "a plain message or the routes"
    fresh = _new()
    fresh.run()
    _submit_where(fresh, GOOD_POSTCODE)
    _no_exception(fresh)
    assert _lands_on_routes(fresh)


@pytest.mark.parametrize("bad", ["ZZ99 9ZZ", "<img src=x onerror=alert(1)>", "EH1 1AA"])
def test_start_form_is_usable_in_the_same_session_after_a_refusal(bad):
    TRIED["start form, same session (AppTest)"] += 1
    at = _new()
    at.run()
    _submit_where(at, bad)
    _no_exception(at)
    assert at.error or at.warning
    _submit_where(at, GOOD_POSTCODE)
    _no_exception(at)
    assert at.session_state.profile.where == GOOD_POSTCODE, at.session_state.profile.where
    assert _lands_on_routes(at)


url_params = st.dictionaries(
    st.one_of(st.sampled_from(URL_KEYS), st.text(st.characters(codec="utf-8"), max_size=8)),
    st.one_of(nasty, st.lists(nasty, min_size=1, max_size=3)),
    min_size=1,
    max_size=6,
)


@pytest.mark.parametrize("page", PAGES)
def test_url_params_on_every_page(page):
    """Hostile links on each page: no exception, and the app works for the next, good link."""

    @settings(max_examples=12, deadline=None)
    @given(params=url_params)
    def run(params):
        TRIED[f"URL params: {page} (AppTest)"] += 1
        at = open_page(page, params)
        _no_exception(at)
        assert at.title, "the page still draws its title"

    run()
    good = open_page(page, {"where": GOOD_POSTCODE, "age": "17", "q": "level2", "job": "5241"})
    _no_exception(good)
    assert good.session_state.profile.where == GOOD_POSTCODE


@pytest.mark.parametrize("page", ["routes", "plan"])
def test_a_huge_url_is_cut_down_not_kept(page):
    TRIED[f"URL params: {page} (AppTest)"] += 1
    at = open_page(page, {"where": "A" * 100_000, "i": ["Digital"] * 200, "sl": ",".join(["x"] * 5000), "job": "1" * 100_000})
    _no_exception(at)
    assert len(at.session_state.profile.where) <= MAX_TEXT
    assert len(at.session_state.shortlist) <= 12 and at.session_state.job == ""


def test_unicode_digits_are_not_a_job_code():
    """``str.isdigit`` is true for Arabic-Indic and superscript digits; a job code is ASCII."""
    TRIED["URL params: job (AppTest)"] += 2
    for job in ("\u0665\u0662\u0664\u0661", "\u00b2\u00b3\u00b9\u2074"):
        at = _new({"job": job})
        at.run()
        _no_exception(at)
        assert at.session_state.job in ("", job)  # tolerated today (job page says "choose a job")


def test_a_long_where_cut_at_the_limit_keeps_no_trailing_space():
    """Regression (found by the fuzz test above in CI): '0 0 0 …' cut at 100 characters ended in a space."""
    p, _ = Profile.from_params({"where": "0 " * 100000})
    assert p.where == p.where.strip() and len(p.where) <= MAX_TEXT
