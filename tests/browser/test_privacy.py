"""Privacy by design, checked during a full journey in a real browser.

One journey (start form -> routes -> a job -> add to plan -> plan with a typed note -> PDF
download) is watched four ways:

(a) every request the browser makes goes to the app's own host (or ``data:``/``blob:``);
(b) no file under the repository, /tmp or $HOME is created or changed with the postcode or
    the note in it (the browser's own profile and downloads, and pytest's temp folder, excepted);
(c) the server's log (stdout and stderr, captured by ``app_url`` in conftest.py) contains
    neither the postcode nor the note;
(d) Streamlit's usage statistics are off in the repository's config, and the About page's privacy
    note says exactly what (a)-(c) show.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
#: a real English postcode used nowhere else in the tests, so a hit cannot come from another test's files
POSTCODE = "DL1 5AD"
PLACE = "Darlington"
#: folders that belong to tools, not to the app (toolchains, the session machinery, version control)
SKIP_DIRS = {
    ".git",
    ".pyenv",
    ".cargo",
    ".rustup",
    ".m2",
    ".npm",
    ".claude",
    "node_modules",
    ".hypothesis",
    "__pycache__",
    ".pytest_cache",
}
SKIP_PREFIXES = ("playwright", "bash_jobs", "bash_tool", "pytest-of-")
MAX_READ = 50_000_000


def _variants(text: str) -> list[bytes]:
    """The forms a value can take in a file or log: as typed, URL-encoded, compact, upper/lower case."""
    forms = {text, text.replace(" ", "+"), text.replace(" ", "%20"), text.replace(" ", ""), text.lower(), text.upper()}
    return sorted({f.encode() for f in forms} | {f.encode("utf-16-le") for f in forms if len(f) > 3})


def _snapshot(roots: list[Path], exclude: list[Path]) -> dict[str, tuple[float, int]]:
    """(mtime, size) of every regular file under the roots, skipping tool folders and ``exclude``."""
    ex = [str(p.resolve()) for p in exclude]
    out: dict[str, tuple[float, int]] = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [
                d
                for d in dirnames
                if d not in SKIP_DIRS
                and not d.startswith(SKIP_PREFIXES)
                and not any(os.path.join(dirpath, d).startswith(e) for e in ex)
            ]
            for name in filenames:
                path = os.path.join(dirpath, name)
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                if os.path.isfile(path) and not os.path.islink(path):
                    out[path] = (st.st_mtime, st.st_size)
    return out


def _files_with(paths: list[str], needles: list[bytes]) -> list[str]:
    hits = []
    for path in paths:
        try:
            if os.path.getsize(path) > MAX_READ:
                continue
            data = Path(path).read_bytes()
        except OSError:
            continue
        if any(n in data for n in needles):
            hits.append(path)
    return hits


def _journey(page, ui, note: str) -> bytes:
    """The full journey with a typed postcode and note; returns the downloaded PDF."""
    ui.goto(page, "/")
    page.get_by_label("Where do you live?", exact=True).fill(POSTCODE)
    page.get_by_role("button", name=re.compile("Show my routes")).click()
    expect(page).to_have_url(re.compile(r"/routes"))
    ui.wait(page)
    expect(page.get_by_text(PLACE).first).to_be_visible()
    page.get_by_role("button", name=re.compile("See this job")).first.click()
    expect(page).to_have_url(re.compile(r"/job"))
    ui.wait(page)
    page.get_by_role("button", name=re.compile("Add to my plan")).first.click()
    ui.wait(page)
    page.get_by_role("link", name=re.compile("Your plan")).first.click()
    expect(page).to_have_url(re.compile(r"/plan"))
    ui.wait(page)
    box = page.get_by_label(re.compile(r"^Notes"))
    box.fill(note)
    box.press("Control+Enter")  # a text area sends its value on Ctrl+Enter or on blur
    ui.wait(page)
    with page.expect_download() as dl:
        page.get_by_role("button", name=re.compile(r"Download my plan \(PDF\)")).click()
    return Path(dl.value.path()).read_bytes()


@pytest.fixture(scope="module")
def journey(browser, app_url, ui, tmp_path_factory) -> dict:
    """Run the journey once, watching requests, files and the server log; hand back what was seen."""
    note = f"private note {secrets.token_hex(6)} about my family"
    seen: dict = {"note": note, "host": urlparse(app_url).netloc, "requests": [], "sockets": []}
    roots = [ROOT, Path("/tmp"), Path.home()]
    exclude = [tmp_path_factory.getbasetemp()]
    before = _snapshot(roots, exclude)
    log = Path(ui.server_log)
    ctx = browser.new_context(viewport=ui.viewports["desktop"], accept_downloads=True, base_url=app_url)
    ctx.set_default_timeout(30_000)
    ctx.on("request", lambda r: seen["requests"].append(r.url))
    page = ctx.new_page()
    page.on("websocket", lambda ws: seen["sockets"].append(ws.url))
    try:
        seen["pdf"] = _journey(page, ui, note)
        seen["cookies"] = ctx.cookies()
    finally:
        ctx.close()
    after = _snapshot(roots, exclude)
    seen["changed"] = [p for p, meta in after.items() if before.get(p) != meta]
    seen["log"] = log.read_bytes()
    seen["needles"] = _variants(POSTCODE) + _variants(note)
    return seen


def test_the_journey_carried_the_postcode_and_the_note(journey):
    """Otherwise the checks below prove nothing."""
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(journey["pdf"])).pages
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pages))
    assert journey["note"] in text, text[:300]
    assert PLACE in text
    assert len(journey["requests"]) > 10 and journey["sockets"]


def test_a_the_browser_only_talks_to_the_app(journey):
    host = journey["host"]
    foreign = [
        u for u in journey["requests"] + journey["sockets"] if not u.startswith(("data:", "blob:")) and urlparse(u).netloc != host
    ]
    assert not foreign, f"the browser contacted other hosts: {sorted(set(foreign))[:20]}"


def test_a_websocket_and_cookies_stay_on_the_app(journey):
    assert all(urlparse(u).netloc == journey["host"] for u in journey["sockets"]), journey["sockets"]
    cookies = journey["cookies"]
    assert all(c["domain"] in ("127.0.0.1", "localhost") for c in cookies), cookies
    flat = [c["value"].replace("+", " ").replace("%20", " ") for c in cookies]
    assert not [v for v in flat if POSTCODE in v or journey["note"] in v], cookies


def test_b_nothing_about_the_person_is_written_to_disk(journey):
    leaked = _files_with(journey["changed"], journey["needles"])
    assert not leaked, f"files written during the journey hold the postcode or the note: {leaked}"


def test_c_nothing_about_the_person_is_in_the_server_log(journey):
    assert journey["log"], "the server log was not captured"
    found = [n for n in journey["needles"] if n in journey["log"]]
    assert not found, f"the server log (stdout + stderr) holds: {found}"


def test_usage_statistics_are_off_in_the_repositorys_config():
    """Read from the repo's .streamlit/config.toml and from what Streamlit itself resolves (no CLI flags)."""
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert cfg["browser"]["gatherUsageStats"] is False
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    ).stdout
    section = shown.split("[browser]", 1)[1].split("\n[", 1)[0]
    assert re.search(r"^gatherUsageStats = false$", section, re.M), section[-800:]


def test_the_about_page_says_what_the_tests_show(page, ui):
    ui.goto(page, "/about")
    expect(page.get_by_role("heading", name="Privacy")).to_be_visible()
    text = re.sub(r"\s+", " ", page.locator('[data-testid="stMainBlockContainer"]').inner_text())
    for claim in (
        "We do not store anything about you",
        "It is not saved on our server or written to any log",
        "does not collect usage statistics",
        "your browser does not contact any other website",
    ):
        assert claim in text, f"the privacy note no longer says: {claim!r}"
